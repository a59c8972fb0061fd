//! Wire formats: how a value travels in a message. One module per format, each generic over any
//! [`Avro`](crate::Avro) type, a bare event or an [`Envelope`](crate::Envelope), each with an
//! encoder and a decoder whose errors say what was wrong and at which byte or attribute.
//!
//! - [`cloudevents`]: CloudEvents 1.0.2, structured JSON and the Kafka protocol binding.

pub mod cloudevents;
