//! The Avro binary encoding: the primitives that generated codecs are built from.
//!
//! Generated `encode_avro` bodies append to a `Vec<u8>` with the `write_*` functions and fail with
//! an [`EncodeError`] only for a value its schema cannot hold; generated `decode_avro` bodies pull
//! from a [`Reader`]. Hand-written [`Avro`](crate::Avro) impls use the
//! same functions. Everything follows the [Avro specification's binary encoding][spec].
//!
//! [spec]: https://avro.apache.org/docs/1.12.0/specification/#binary-encoding

mod encode_error;
mod error;
mod read;
mod seq_builder;
mod write;

pub use encode_error::{EncodeError, EncodeErrorKind};
pub(crate) use error::key_excerpt;
pub use error::{DecodeError, DecodeErrorKind};
pub use read::{Block, MAX_DEPTH, MAX_ZERO_WIDTH_ITEMS, Reader};
pub(crate) use seq_builder::SeqBuilder;
pub use write::{write_bool, write_bytes, write_f32, write_f64, write_int, write_long, write_str};
