//! Wire formats: how a value travels in a message. One module per format, each generic over any
//! [`Avro`](crate::Avro) type, a bare event or an [`Envelope`](crate::Envelope), each encoding into
//! a caller's buffer and decoding with typed errors that say what was wrong and at which byte or
//! attribute.
//!
//! - [`single_object`]: Avro's single-object encoding, `C3 01`, the schema's CRC-64-AVRO
//!   fingerprint, the datum.
//! - [`confluent`]: Confluent's framing, `0x00` + a 4-byte schema ID + the datum, and the
//!   `__value_schema_id` / `__key_schema_id` Kafka headers that carry the ID instead.
//! - [`cloudevents`]: CloudEvents 1.0.2, structured JSON and the Kafka protocol binding.

pub mod cloudevents;
pub mod confluent;
pub mod single_object;
