//! CloudEvents 1.0.2: an [`Envelope`] as a CloudEvent, in the structured JSON format
//! ([`json`], `application/cloudevents+json`) and in the Kafka protocol binding ([`kafka`], binary
//! and structured content modes).
//!
//! How an envelope maps to CloudEvents attributes:
//!
//! | Envelope | CloudEvents |
//! |---|---|
//! | [`id`](Envelope::id) | `id` (a UUID: an event whose `id` is not one cannot be decoded) |
//! | [`source`](Envelope::source) | `source` |
//! | [`event_type`](Envelope::event_type) | `type` |
//! | [`version`](Envelope::version) | extension `eventversion`: decoding checks it when present |
//! | [`time`](Envelope::time) | `time` (required here: an envelope always has one) |
//! | [`subject`](Envelope::subject) | `subject`, and the partitioning extension `partitionkey` |
//! | [`correlation_id`](Envelope::correlation_id), [`causation_id`](Envelope::causation_id) | extensions `correlationid`, `causationid` |
//! | [`traceparent`](Envelope::traceparent) | `traceparent` (distributed tracing extension) |
//! | [`extensions`](Envelope::extensions) | the other extensions, as strings |
//! | [`data`](Envelope::data) | `data` as JSON (`E: Serialize`), or the Avro datum: `data_base64` in JSON, the value of a binary-mode Kafka record |
//!
//! Both directions check what the specification requires: `id`, `source`, `type` and
//! `specversion` (`1.0`) present and non-empty, `source` a URI-reference, `time` RFC 3339,
//! `dataschema` an absolute URI, extension names of 1 to 20 `[a-z0-9]`, no control characters in
//! any string. A violation is a [`CloudEventError`] naming the attribute.

mod attributes;
mod error;
pub mod json;
pub mod kafka;

pub use error::CloudEventError;

#[cfg(doc)]
use crate::Envelope;

/// The CloudEvents specification version this module writes and reads.
pub const SPEC_VERSION: &str = "1.0";

/// The `datacontenttype` of Avro data.
pub const AVRO_CONTENT_TYPE: &str = "application/avro";

/// The `datacontenttype` of JSON data.
pub const JSON_CONTENT_TYPE: &str = "application/json";

/// The media type of a structured CloudEvent in JSON.
pub const STRUCTURED_JSON_CONTENT_TYPE: &str = "application/cloudevents+json";

/// The default `dataschema` of Avro data: a URN naming the event's schema by its Avro full name
/// and the CRC-64-AVRO fingerprint of its Parsing Canonical Form, the one the single-object
/// encoding carries (`urn:avro:com.acme.orders.v2.OrderPlaced:7a1b1c2d3e4f5061`), so a consumer
/// can find the exact revision that wrote the data in `schemas/history`. Give a registry URL
/// instead where consumers fetch schemas from one.
pub fn default_dataschema<E: crate::Event>() -> String {
    format!(
        "urn:avro:{}:{}",
        E::AVRO_NAME,
        crate::canonical::fingerprint_of::<E>()
    )
}
