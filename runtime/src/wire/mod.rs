//! Wire formats: how an Avro datum travels in a message, one module per format.
//!
//! Each format is generic over any [`Avro`](crate::Avro) type (a bare event, or an envelope
//! around one), encodes into a caller's buffer, and decodes with typed errors that say what was
//! wrong and at which byte.
//!
//! - [`confluent`]: Confluent's framing, `0x00` + a 4-byte schema ID + the datum, and the
//!   `__value_schema_id` / `__key_schema_id` Kafka headers that carry the ID instead.

pub mod confluent;
