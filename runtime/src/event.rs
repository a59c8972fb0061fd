//! The [`Event`] trait: an [`Avro`] type that is a versioned, named fact.

use crate::Avro;

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
/// subject. Compatible changes within a major version keep the type and its name.
pub trait Event: Avro {
    /// The event type, `type` in `#[event(...)]`; defaults to the struct's name.
    const TYPE: &'static str;
    /// The major version, from 1; `version` in `#[event(...)]`.
    const VERSION: u32;
    /// The default source, `source` in `#[event(...)]`; defaults to the defining package's name.
    const SOURCE: &'static str;
    /// The Avro full name: `{namespace}.v{VERSION}.{name}`.
    const AVRO_NAME: &'static str;
}
