//! [`Avro`](crate::Avro) for the standard and optional third-party types of the type mapping.

#[cfg(feature = "bytes1")]
mod bytes;
mod collections;
mod option;
mod primitives;
mod temporal;
mod uuid;
