//! The Confluent wire format: the magic byte `0x00`, the schema's registry ID as a big-endian
//! `u32`, then the Avro binary datum. This is what Confluent's `KafkaAvroSerializer` (Java),
//! `AvroSerializer` (`confluent-kafka` for Python, Go, .NET) and `schema_registry_converter`
//! write and read.
//!
//! ```
//! use tidings::wire::confluent;
//!
//! #[derive(tidings::Avro, Debug, PartialEq)]
//! struct Heartbeat {
//!     beat: i64,
//! }
//!
//! let mut buffer = Vec::new();
//! confluent::encode_into(42, &Heartbeat { beat: 3 }, &mut buffer)?;
//! assert_eq!(buffer, [0x00, 0, 0, 0, 42, 6]);
//!
//! let decoded = confluent::decode::<Heartbeat>(&buffer)?;
//! assert_eq!((decoded.schema_id, decoded.value), (42, Heartbeat { beat: 3 }));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The ID is the caller's here: these functions need no registry and no feature. With the
//! `confluent` feature, [`SchemaIds`] gets IDs (and Confluent Platform 8's schema GUIDs) from a
//! registry, by registering or by looking the schema up, caches them, and checks on decode that
//! an ID's or a GUID's schema is the type's.
//!
//! Confluent Platform 8 can also carry the ID in a Kafka header instead of the payload; the
//! payload is then the bare datum. [`HeaderSchemaId`] encodes and decodes those header values.
//!
//! Decoding never panics on hostile input: an empty or short message, a wrong magic byte, a
//! corrupt datum and bytes after it are each a [`FrameError`], with the byte offset counted from
//! the start of the message.

mod header;
#[cfg(feature = "confluent")]
mod registry;

pub use header::{
    GUID_MAGIC_BYTE, HeaderError, HeaderSchemaId, KEY_SCHEMA_ID_HEADER, RecordPart,
    VALUE_SCHEMA_ID_HEADER, decode_with_header,
};
#[cfg(feature = "confluent")]
pub use registry::{SchemaIdError, SchemaIds, TypedReader, TypedWriter};

use crate::Avro;
use crate::codec::{DecodeError, EncodeError, Reader};

/// The first byte of every Confluent-framed message (and of an ID-carrying header value).
pub const MAGIC_BYTE: u8 = 0x00;

/// The magic byte and the 4-byte schema ID: the bytes before the datum.
pub const HEADER_LEN: usize = 5;

/// A value decoded from a Confluent-framed message, with the schema ID it was framed with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded<T> {
    /// The registry ID of the schema the datum was written with.
    pub schema_id: u32,
    /// The value.
    pub value: T,
}

/// A Confluent-framed message whose header has been read but whose datum has not: for a
/// consumer that picks the type to decode by the schema ID.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Framed<'a> {
    schema_id: u32,
    message: &'a [u8],
}

impl<'a> Framed<'a> {
    /// The registry ID of the schema the datum was written with.
    pub fn schema_id(&self) -> u32 {
        self.schema_id
    }

    /// The Avro datum: the message after its 5-byte header.
    pub fn datum(&self) -> &'a [u8] {
        &self.message[HEADER_LEN..]
    }

    /// The whole message, header included.
    pub fn message(&self) -> &'a [u8] {
        self.message
    }

    /// Decodes the datum as a `T`; bytes left after it are an error. Offsets in the error count
    /// from the start of the message.
    pub fn decode<T: Avro>(&self) -> Result<T, FrameError> {
        decode_datum(self.message, HEADER_LEN)
    }
}

/// Why a Confluent-framed message could not be decoded. Every offset counts from the start of
/// the message, magic byte included.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FrameError {
    /// The message has no bytes at all (a Kafka tombstone, or a value that was never set).
    #[error(
        "the message is empty: a Confluent-framed message starts with the magic byte 0x00 and a \
         4-byte schema ID"
    )]
    Empty,
    /// The message ends inside the 5-byte header.
    #[error(
        "the message is {len} byte(s) long, shorter than the 5-byte Confluent header (the magic \
         byte 0x00 and a 4-byte schema ID)"
    )]
    ShortHeader {
        /// The message's length.
        len: usize,
    },
    /// Byte 0 is not [`MAGIC_BYTE`]: not Confluent-framed (a bare datum, JSON, or a newer
    /// framing).
    #[error("byte 0 is {found:#04x}, not the Confluent magic byte 0x00")]
    WrongMagic {
        /// The byte found.
        found: u8,
    },
    /// The datum does not decode as the type; its offset counts from the start of the message.
    #[error("{0}")]
    Datum(DecodeError),
    /// The datum decoded but bytes remain after it: written with another schema, or two
    /// messages run together.
    #[error("{count} byte(s) remain after the datum, from byte {offset}")]
    TrailingBytes {
        /// Where the datum ended.
        offset: usize,
        /// How many bytes follow it.
        count: usize,
    },
    /// A schema-ID header value is malformed (the payload is then the bare datum).
    #[error(transparent)]
    Header(#[from] HeaderError),
}

/// Appends `0x00` and `schema_id` in big-endian: the header of a Confluent-framed message, for
/// a datum the caller writes next.
pub fn write_header(schema_id: u32, out: &mut Vec<u8>) {
    out.push(MAGIC_BYTE);
    out.extend_from_slice(&schema_id.to_be_bytes());
}

/// Appends the Confluent-framed message of `value`, with `schema_id`, to `out`. Into a buffer
/// that is cleared and reused, this allocates nothing once the buffer is large enough.
///
/// # Errors
///
/// The framing cannot fail; the value can, where it does not fit its schema (a `Decimal` beyond
/// its precision): [`crate::encode_into`]'s error, and `out` is left as it was, header included.
pub fn encode_into<T: Avro>(
    schema_id: u32,
    value: &T,
    out: &mut Vec<u8>,
) -> Result<(), EncodeError> {
    let start = out.len();
    write_header(schema_id, out);
    crate::encode_into(value, out).inspect_err(|_| out.truncate(start))
}

/// The Confluent-framed message of `value`, with `schema_id`.
///
/// # Errors
///
/// As [`encode_into`].
pub fn encode<T: Avro>(schema_id: u32, value: &T) -> Result<Vec<u8>, EncodeError> {
    let mut out = Vec::new();
    encode_into(schema_id, value, &mut out)?;
    Ok(out)
}

/// Reads the 5-byte header of a Confluent-framed message: its schema ID, and the datum, not
/// yet decoded.
pub fn read_header(message: &[u8]) -> Result<Framed<'_>, FrameError> {
    match message {
        [] => Err(FrameError::Empty),
        [MAGIC_BYTE, a, b, c, d, ..] => Ok(Framed {
            schema_id: u32::from_be_bytes([*a, *b, *c, *d]),
            message,
        }),
        [MAGIC_BYTE, ..] => Err(FrameError::ShortHeader { len: message.len() }),
        [found, ..] => Err(FrameError::WrongMagic { found: *found }),
    }
}

/// Decodes a Confluent-framed message as a `T`, and returns the schema ID it carries with the
/// value. The ID is not checked: with a registry, [`SchemaIds::decode`] checks that it names
/// `T`'s schema.
pub fn decode<T: Avro>(message: &[u8]) -> Result<Decoded<T>, FrameError> {
    let framed = read_header(message)?;
    Ok(Decoded {
        schema_id: framed.schema_id,
        value: framed.decode()?,
    })
}

/// Decodes the datum that starts at `start` of `input` and must end it. The reader runs over the
/// whole input, so error offsets are the input's.
pub(crate) fn decode_datum<T: Avro>(input: &[u8], start: usize) -> Result<T, FrameError> {
    let mut reader = Reader::new(input);
    reader.read_slice(start).map_err(FrameError::Datum)?;
    let value = T::decode_avro(&mut reader).map_err(FrameError::Datum)?;
    match reader.remaining() {
        0 => Ok(value),
        count => Err(FrameError::TrailingBytes {
            offset: reader.position(),
            count,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::DecodeErrorKind;

    #[test]
    fn the_header_is_the_magic_byte_and_a_big_endian_id() {
        let message = encode(0x0102_0304, &"hi".to_owned()).unwrap();
        assert_eq!(message, [0x00, 1, 2, 3, 4, 4, b'h', b'i']);
        let framed = read_header(&message).unwrap();
        assert_eq!(framed.schema_id(), 0x0102_0304);
        assert_eq!(framed.datum(), [4, b'h', b'i']);
        assert_eq!(framed.message(), message);
        let decoded = decode::<String>(&message).unwrap();
        assert_eq!(
            (decoded.schema_id, decoded.value.as_str()),
            (0x0102_0304, "hi")
        );
    }

    #[test]
    fn encode_into_appends_and_reuses_the_buffer() {
        let mut buffer = Vec::with_capacity(64);
        encode_into(7, &1i64, &mut buffer).unwrap();
        encode_into(u32::MAX, &-1i64, &mut buffer).unwrap();
        assert_eq!(buffer, [0, 0, 0, 0, 7, 2, 0, 0xff, 0xff, 0xff, 0xff, 1]);
        assert_eq!(buffer.capacity(), 64);
    }

    #[test]
    fn short_and_foreign_messages_say_what_they_are() {
        assert_eq!(read_header(&[]), Err(FrameError::Empty));
        for len in 1..HEADER_LEN {
            let message = vec![0; len];
            assert_eq!(read_header(&message), Err(FrameError::ShortHeader { len }));
        }
        assert_eq!(
            decode::<i64>(b"{\"a\":1}"),
            Err(FrameError::WrongMagic { found: b'{' })
        );
        assert_eq!(
            FrameError::WrongMagic { found: 0xc3 }.to_string(),
            "byte 0 is 0xc3, not the Confluent magic byte 0x00"
        );
    }

    #[test]
    fn datum_errors_count_from_the_start_of_the_message() {
        // A string of length 3 with one byte present: its length, the datum's byte 0, is the
        // message's byte 5.
        let err = decode::<String>(&[0, 0, 0, 0, 1, 6, b'a']).unwrap_err();
        let FrameError::Datum(inner) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(inner.offset(), 5);
        assert!(matches!(
            inner.kind(),
            DecodeErrorKind::LengthExceedsInput {
                length: 3,
                remaining: 1
            }
        ));
        assert!(
            err.to_string().starts_with("invalid Avro datum at byte 5"),
            "{err}"
        );
        // A long cut short after its first byte: the end of input is the message's byte 6.
        let err = decode::<i64>(&[0, 0, 0, 0, 1, 0x80]).unwrap_err();
        let FrameError::Datum(inner) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(inner.offset(), 6);
    }

    #[test]
    fn bytes_after_the_datum_are_an_error() {
        let mut message = encode(9, &true).unwrap();
        message.extend_from_slice(&[0xaa, 0xbb]);
        assert_eq!(
            decode::<bool>(&message),
            Err(FrameError::TrailingBytes {
                offset: 6,
                count: 2
            })
        );
    }
}
