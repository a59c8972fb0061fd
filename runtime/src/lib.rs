//! Typed event contracts: a Rust struct is a versioned event with an Avro schema and a fast,
//! generated codec.
//!
//! ```
//! use tidings::{Avro, Event};
//!
//! /// An order was placed by a customer.
//! #[derive(Event, Debug, PartialEq)]
//! #[event(type = "order.placed", version = 2, source = "order-service")]
//! #[avro(namespace = "com.acme.orders")]
//! pub struct OrderPlaced {
//!     pub order_id: uuid::Uuid,
//!     pub lines: Vec<Line>,
//!     pub note: Option<String>,
//!     #[avro(default = "USD")]
//!     pub currency: String,
//! }
//!
//! #[derive(Avro, Debug, PartialEq)]
//! #[avro(namespace = "com.acme.orders")]
//! pub struct Line {
//!     pub sku: String,
//!     pub quantity: u32,
//! }
//!
//! let event = OrderPlaced {
//!     order_id: uuid::Uuid::nil(),
//!     lines: vec![Line { sku: "B-42".into(), quantity: 3 }],
//!     note: None,
//!     currency: "EUR".into(),
//! };
//! let bytes = tidings::encode(&event)?;
//! assert_eq!(tidings::decode::<OrderPlaced>(&bytes)?, event);
//! assert_eq!(OrderPlaced::AVRO_NAME, "com.acme.orders.v2.OrderPlaced");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Type mapping
//!
//! | Rust | Avro |
//! |---|---|
//! | `bool` | `boolean` |
//! | `i8`, `i16`, `i32`, `u8`, `u16` | `int` |
//! | `i64`, `u32` | `long` |
//! | `f32` / `f64` | `float` / `double` |
//! | `String` | `string` |
//! | `Vec<u8>`, `VecDeque<u8>`, `bytes::Bytes` (feature `bytes1`) | `bytes` |
//! | `[u8; N]` | `fixed` of size `N`, named `tidings.FixedN` |
//! | `Option<T>` | `["null", T]`, default `null` |
//! | `Vec<T>`, `VecDeque<T>` | `array` |
//! | `HashMap<String, T>`, `BTreeMap<String, T>` | `map` |
//! | `Box<T>` | `T` (recursive types refer to themselves by name) |
//! | `uuid::Uuid` | `string`, logical type `uuid` |
//! | [`Timestamp`], `chrono::DateTime<Utc>` (`chrono04`), `time::OffsetDateTime` (`time03`) | `long`, `timestamp-micros`; `timestamp-millis` with `#[avro(timestamp = "millis")]` |
//! | `rust_decimal::Decimal` (feature `decimal1`) with `#[avro(precision = P, scale = S)]` | `bytes`, logical type `decimal` |
//! | struct with named fields | `record` |
//! | newtype struct `struct Sku(String)` | the inner type |
//! | enum of unit variants | `enum` (`#[avro(default = "Symbol")]` names the fallback symbol) |
//! | enum with data | union of one record per variant, `{Enum}{Variant}` |
//!
//! `u64`, `usize`, `u128`, `i128`, `char`, references, tuples and maps with non-`String` keys are
//! rejected at compile time with a suggestion: Avro has no type that holds them losslessly.
//!
//! # Modules
//!
//! - [`codec`]: the binary encoding primitives, [`EncodeError`] and [`DecodeError`].
//! - [`catalog`]: every event linked into the program.
//! - [`envelope`]: [`Envelope`], an event with its ID, time, source, subject, correlation,
//!   causation and trace context, and the rules that metadata follows.
//! - [`wire`]: the wire formats, each generic over any `Avro` type (an event or an envelope):
//!   [`wire::single_object`], [`wire::confluent`] and [`wire::cloudevents`] (structured JSON and
//!   the Kafka binding).
//! - [`evolution`]: the consumer side of evolution: [`EventDecoder`](evolution::EventDecoder)
//!   reads any revision of any major version of an event as the latest type, and
//!   [`EventStream`] enums several event types from one stream.
//! - [`upcast`]: breaking evolution, every major version of an event read as the newest through
//!   typed upcasters (`#[event(upcast_from = v1::OrderPlaced)]` and a `From` impl).
//! - [`canonical`]: a schema's Parsing Canonical Form and its CRC-64-AVRO fingerprint.
//! - [`resolve`]: data written with another revision of a schema, read as the current type by
//!   Avro's resolution rules, through a plan built once per writer and cached.
//! - [`export`]: `.avsc` files, written or checked.
//! - [`history`]: every registered revision of each event, embedded at build time and indexed
//!   by fingerprint.
//! - [`avro`]: the `apache-avro` crate, whose [`Schema`](avro::Schema) is the schema model.
#![warn(missing_docs)]

mod avro_type;
pub mod build;
pub mod canonical;
pub mod catalog;
pub mod codec;
pub mod compat;
pub mod envelope;
mod event;
pub mod evolution;
pub mod export;
pub mod history;
mod impls;
pub mod registry;
pub mod resolve;
mod rfc3339;
mod schema;
mod timestamp;
pub mod upcast;
pub mod wire;

#[doc(hidden)]
pub mod __private;

/// The `apache-avro` crate: [`Schema`](avro::Schema) and schema parsing.
pub use apache_avro as avro;

pub use avro_type::{Avro, decode, encode, encode_into};
pub use codec::{DecodeError, EncodeError};
pub use envelope::{Envelope, EnvelopeError};
pub use event::Event;
pub use evolution::EventStream;
pub use rfc3339::Rfc3339Error;
pub use schema::{SchemaBuilder, avsc, schema_json};
pub use timestamp::{Timestamp, TimestampRangeError};

/// Derives [`Avro`] for a struct or enum: its schema and its codec.
///
/// See the [crate documentation](crate) for the type mapping and the attributes.
pub use tidings_macros::Avro;

/// Derives [`Event`] and [`Avro`] for a struct, and adds it to the [`catalog`].
pub use tidings_macros::Event;

/// The [`SchemaHistory`](history::SchemaHistory) of a file registry, read when the crate
/// compiles, so that a consumer knows every revision of its events without a network.
///
/// `embedded_history!("../schemas")` names the folder that holds `history/`, relative to the
/// crate's `Cargo.toml`, and evaluates to `Result<SchemaHistory, HistoryError>`: an error if a
/// revision no longer matches its SHA-256 in `registry.json`. The crate rebuilds when
/// `registry.json` or a revision changes. See [`history`] for an example.
pub use tidings_macros::embedded_history;
