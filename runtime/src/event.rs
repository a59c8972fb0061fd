//! The [`Event`] trait: an [`Avro`] type that is a versioned, named fact.

use crate::Avro;
use crate::upcast::{LineageError, VersionDecoder};

/// A versioned event: an immutable fact with a type, a major version and a default source.
///
/// Derive it with `#[derive(Event)]`, which also derives [`Avro`]:
///
/// ```
/// use tidings::{Avro, Event};
///
/// /// An order was placed by a customer.
/// #[derive(Event)]
/// #[event(type = "order.placed", version = 2, source = "order-service")]
/// #[avro(namespace = "com.acme.orders")]
/// pub struct OrderPlaced {
///     pub order_id: String,
///     #[avro(default = "USD")]
///     pub currency: String,
/// }
///
/// assert_eq!(OrderPlaced::TYPE, "order.placed");
/// assert_eq!(OrderPlaced::VERSION, 2);
/// assert_eq!(OrderPlaced::AVRO_NAME, "com.acme.orders.v2.OrderPlaced");
/// assert_eq!(<OrderPlaced as Avro>::schema().name().unwrap().fullname(None), OrderPlaced::AVRO_NAME);
/// ```
///
/// A major version is a new Rust type: it has its own Avro full name (the version sits in the
/// namespace, as protobuf packages carry theirs), so two major versions never share a registry
/// subject. Compatible changes within a major version keep the type and its name. A new major
/// version names its predecessor with `upcast_from`, so that [`upcast`](crate::upcast) reads every
/// older version as the newest.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an event",
    label = "`{Self}` does not implement `tidings::Event`",
    note = "derive it with `#[derive(tidings::Event)]` and `#[event(type = \"...\", version = N)]`: a type that only derives `Avro` can be nested in events, but not carried in an `Envelope` or named by `upcast_from`"
)]
pub trait Event: Avro {
    /// The event type, `type` in `#[event(...)]`; defaults to the struct's name.
    const TYPE: &'static str;
    /// The major version, from 1; `version` in `#[event(...)]`.
    const VERSION: u32;
    /// The default source, `source` in `#[event(...)]`; defaults to the defining package's name.
    const SOURCE: &'static str;
    /// The Avro full name: `{namespace}.v{VERSION}.{name}`.
    const AVRO_NAME: &'static str;

    /// The oldest major version this type's lineage reads: `VERSION` unless the type names a
    /// predecessor with `upcast_from`, whose own oldest version it is then.
    #[doc(hidden)]
    fn __oldest_version() -> u32 {
        Self::VERSION
    }

    /// Decodes an event written at `version` of this type's lineage: this version itself, or
    /// (with `upcast_from`) the predecessor's lineage followed by one upcast. Call it through
    /// [`upcast::decode_version`](crate::upcast::decode_version), which checks the version first.
    #[doc(hidden)]
    fn __from_version<D: VersionDecoder>(
        version: u32,
        decoder: &mut D,
    ) -> Result<Self, LineageError<D::Error>> {
        if version == Self::VERSION {
            decoder.decode::<Self>().map_err(LineageError::Decode)
        } else {
            Err(LineageError::UnknownVersion {
                event_type: Self::TYPE,
                version,
                oldest: Self::__oldest_version(),
                latest: Self::VERSION,
            })
        }
    }
}
