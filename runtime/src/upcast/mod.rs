//! Breaking evolution: every major version of an event read as the newest one, through a chain of
//! typed upcasters checked at compile time.
//!
//! A breaking change (a field renamed, split or retyped) makes a new major version, and a new
//! major version is a new Rust type. It names its predecessor with `upcast_from`, and a `From` (or,
//! when an old event may be invalid, `TryFrom`) impl turns the predecessor into it. The derive
//! checks that the predecessor is an event of the same type, exactly one major version lower, and
//! that the conversion exists; [`decode_version`] then reads any version of the lineage and
//! upcasts it step by step to the type asked for.
//!
//! ```
//! use tidings::Event;
//! use tidings::upcast::{self, LineageError, VersionDecoder};
//!
//! mod v1 {
//!     /// An order was placed, for one customer's name.
//!     #[derive(tidings::Event)]
//!     #[event(type = "order.placed", version = 1)]
//!     pub struct OrderPlaced {
//!         pub customer: String,
//!     }
//! }
//!
//! /// An order was placed; version 2 splits the name.
//! #[derive(Event, Debug, PartialEq)]
//! #[event(type = "order.placed", version = 2, upcast_from = v1::OrderPlaced)]
//! pub struct OrderPlaced {
//!     pub first_name: String,
//!     pub last_name: String,
//! }
//!
//! impl From<v1::OrderPlaced> for OrderPlaced {
//!     fn from(old: v1::OrderPlaced) -> Self {
//!         let (first, last) = old.customer.split_once(' ').unwrap_or((&old.customer, ""));
//!         OrderPlaced { first_name: first.into(), last_name: last.into() }
//!     }
//! }
//!
//! /// Decodes a bare datum as whichever version the lineage asks for.
//! struct Datum<'a>(&'a [u8]);
//!
//! impl VersionDecoder for Datum<'_> {
//!     type Error = tidings::DecodeError;
//!     fn decode<E: Event>(&mut self) -> Result<E, Self::Error> {
//!         tidings::decode::<E>(self.0)
//!     }
//! }
//!
//! // Bytes a version-1 producer wrote, read as version 2.
//! let old = tidings::encode(&v1::OrderPlaced { customer: "Ada Lovelace".into() })?;
//! let event: OrderPlaced = upcast::decode_version(1, &mut Datum(&old))?;
//! assert_eq!(event, OrderPlaced { first_name: "Ada".into(), last_name: "Lovelace".into() });
//!
//! // A version the lineage does not hold.
//! let err = upcast::decode_version::<OrderPlaced, _>(3, &mut Datum(&old)).unwrap_err();
//! assert!(matches!(err, LineageError::UnknownVersion { oldest: 1, latest: 2, .. }));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Where the version comes from (an envelope's `version`, a registry's schema ID, a fingerprint)
//! and how one version's bytes are read is the [`VersionDecoder`]'s business; the lineage only
//! chooses which type to ask it for.

mod historic;

pub use historic::{Historic, HistoricEvent};

use crate::Event;
use std::error::Error;
use std::fmt;

/// Decodes one major version of an event's lineage; the lineage chooses which type to ask for.
///
/// [`decode_version`] calls [`decode`](VersionDecoder::decode) once, with the Rust type of the
/// version the event was written at (its `E::VERSION` and `E::AVRO_NAME` say which schema to read
/// it with).
pub trait VersionDecoder {
    /// Why a version could not be decoded.
    type Error;

    /// Decodes the event as `E`.
    fn decode<E: Event>(&mut self) -> Result<E, Self::Error>;
}

/// Reads an event written at major version `version` of `E`'s lineage as an `E`: `decoder`
/// decodes it as that version's type, then each upcaster turns it into the next version, up to
/// `E`.
///
/// # Errors
///
/// [`LineageError::UnknownVersion`] if `version` is not in `E`'s lineage (before its oldest
/// version, or after `E`), [`LineageError::Decode`] if the decoder fails, and
/// [`LineageError::Upcast`] if an upcaster (a `TryFrom` impl) refuses the event.
pub fn decode_version<E: Event, D: VersionDecoder>(
    version: u32,
    decoder: &mut D,
) -> Result<E, LineageError<D::Error>> {
    let oldest = E::__oldest_version();
    if version < oldest || version > E::VERSION {
        return Err(LineageError::UnknownVersion {
            event_type: E::TYPE,
            version,
            oldest,
            latest: E::VERSION,
        });
    }
    E::__from_version(version, decoder)
}

/// Why an event could not be read as the newest version of its lineage.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LineageError<D> {
    /// The decoder could not decode the version the event was written at.
    #[error(transparent)]
    Decode(D),
    /// The event was written at a major version this lineage does not hold: newer than the
    /// reader (deploy the consumer with the new version), or older than its oldest type (one
    /// whose Rust type was deleted).
    #[error("{}", UnknownVersion { event_type, version: *version, oldest: *oldest, latest: *latest })]
    UnknownVersion {
        /// The event type.
        event_type: &'static str,
        /// The version the event was written at.
        version: u32,
        /// The oldest version the lineage reads.
        oldest: u32,
        /// The newest version, the type asked for.
        latest: u32,
    },
    /// An upcaster refused the event.
    #[error(transparent)]
    Upcast(#[from] UpcastError),
}

/// The message of an unknown version, shared by [`LineageError`] and
/// [`EvolutionError`](crate::evolution::EvolutionError): the versions the reader knows, and what
/// to do, which depends on the side the version is on.
pub(crate) struct UnknownVersion<'a> {
    pub(crate) event_type: &'a str,
    pub(crate) version: u32,
    pub(crate) oldest: u32,
    pub(crate) latest: u32,
}

impl fmt::Display for UnknownVersion<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let UnknownVersion {
            event_type,
            version,
            oldest,
            latest,
        } = *self;
        write!(
            f,
            "`{event_type}` version {version} is not one this reader knows: it reads "
        )?;
        if oldest == latest {
            write!(f, "version {latest} only")?;
        } else {
            write!(f, "versions {oldest} to {latest}")?;
        }
        if version > latest {
            write!(f, "; deploy a consumer built with version {version}")
        } else {
            write!(f, "; add `upcast_from` to the oldest type to reach it")
        }
    }
}

/// An upcaster (a `TryFrom` impl) refused an event: one step of the chain, from one major version
/// to the next.
///
/// It names the event type and the versions; a caller that knows more (the event's ID, where it
/// was read) wraps it, and a dead-letter route keeps the cause through
/// [`source`](Error::source).
#[derive(Debug, thiserror::Error)]
#[error("`{event_type}` cannot be upcast from version {from} to version {to}: {source}")]
#[non_exhaustive]
pub struct UpcastError {
    /// The event type.
    pub event_type: &'static str,
    /// The version the refusing upcaster reads.
    pub from: u32,
    /// The version it writes, `from + 1`.
    pub to: u32,
    /// The `TryFrom` impl's error.
    pub source: Box<dyn Error + Send + Sync>,
}
