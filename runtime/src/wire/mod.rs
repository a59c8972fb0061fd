//! Wire formats: how a value travels in a message, beyond its raw Avro datum.
//!
//! One module per format, each with an encode and a decode function generic over any
//! [`Avro`](crate::Avro) type (a bare event, or any other type with a schema), and a typed error
//! per format that says what was wrong and at which byte.
//!
//! - [`single_object`]: Avro's single-object encoding, `C3 01`, the schema's CRC-64-AVRO
//!   fingerprint, the datum.

pub mod single_object;
