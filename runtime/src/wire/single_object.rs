//! Avro's [single-object encoding][spec]: the two magic bytes `C3 01`, the 8-byte little-endian
//! [fingerprint](crate::canonical::Fingerprint) of the schema's Parsing Canonical Form, then the
//! Avro binary datum. What Java's `BinaryMessageEncoder` writes and its `BinaryMessageDecoder`
//! reads.
//!
//! ```
//! use tidings::wire::single_object;
//!
//! #[derive(tidings::Avro, Debug, PartialEq)]
//! #[avro(namespace = "com.acme")]
//! struct Ping { seq: i64 }
//!
//! let mut message = Vec::new();
//! single_object::encode_into(&Ping { seq: 7 }, &mut message)?;
//! assert_eq!(&message[..2], &single_object::MAGIC);
//! assert_eq!(single_object::decode::<Ping>(&message)?, Ping { seq: 7 });
//!
//! // Or read the header first, to pick the type by its fingerprint.
//! let header = single_object::read_header(&message)?;
//! assert_eq!(header.fingerprint(), tidings::canonical::fingerprint_of::<Ping>());
//! assert_eq!(header.datum(), &[14]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [spec]: https://avro.apache.org/docs/1.12.0/specification/#single-object-encoding

use crate::Avro;
use crate::canonical::{Fingerprint, fingerprint_of};
use crate::codec::{DecodeError, EncodeError, Reader};

/// The two bytes every single-object message starts with.
pub const MAGIC: [u8; 2] = [0xC3, 0x01];

/// The header's length: the magic and the fingerprint; the datum starts at this offset.
pub const HEADER_LEN: usize = 10;

/// Encodes `value` as one single-object message.
///
/// # Errors
///
/// As [`tidings::encode`](crate::encode): the value does not fit its schema.
pub fn encode<T: Avro>(value: &T) -> Result<Vec<u8>, EncodeError> {
    let mut out = Vec::new();
    encode_into(value, &mut out)?;
    Ok(out)
}

/// Appends the single-object message of `value` to `out`, reusing its capacity: once `out` is
/// large enough, and after the first message of `T` (which computes `T`'s fingerprint), nothing
/// is allocated.
///
/// # Errors
///
/// As [`tidings::encode`](crate::encode). `out` is then left as it was before the call, header
/// included: nothing half-written stays.
///
/// # Panics
///
/// Only as [`Avro::schema`] does, on the first message of a type whose generated schema is not
/// valid Avro (a bug in the type's definition, not in the value).
pub fn encode_into<T: Avro>(value: &T, out: &mut Vec<u8>) -> Result<(), EncodeError> {
    let start = out.len();
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&fingerprint_of::<T>().to_le_bytes());
    value.encode_avro(out).inspect_err(|_| out.truncate(start))
}

/// Decodes a single-object message of `T`: its header must carry `T`'s fingerprint, and the
/// datum must fill the rest of the message.
pub fn decode<T: Avro>(message: &[u8]) -> Result<T, SingleObjectError> {
    read_header(message)?.decode()
}

/// Reads the header of a single-object message without decoding its datum, for a reader that
/// picks the type (or the writer's schema) by its fingerprint.
pub fn read_header(message: &[u8]) -> Result<Header<'_>, SingleObjectError> {
    let Some((header, _)) = message.split_first_chunk::<HEADER_LEN>() else {
        return Err(SingleObjectError::TooShort { len: message.len() });
    };
    let [first, second, fingerprint @ ..] = *header;
    if [first, second] != MAGIC {
        return Err(SingleObjectError::WrongMagic {
            found: [first, second],
        });
    }
    Ok(Header {
        fingerprint: Fingerprint::from_le_bytes(fingerprint),
        message,
    })
}

/// The header of a single-object message, with the message it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header<'a> {
    fingerprint: Fingerprint,
    message: &'a [u8],
}

impl<'a> Header<'a> {
    /// The fingerprint of the writer's schema.
    pub fn fingerprint(&self) -> Fingerprint {
        self.fingerprint
    }

    /// The datum: everything after the header, which starts at byte [`HEADER_LEN`] of the
    /// message.
    pub fn datum(&self) -> &'a [u8] {
        &self.message[HEADER_LEN..]
    }

    /// Decodes the datum as `T`, if the fingerprint is `T`'s. Errors carry offsets in the whole
    /// message, not in the datum.
    pub fn decode<T: Avro>(&self) -> Result<T, SingleObjectError> {
        let expected = fingerprint_of::<T>();
        if self.fingerprint != expected {
            return Err(SingleObjectError::UnknownFingerprint {
                found: self.fingerprint,
                expected,
                type_name: std::any::type_name::<T>(),
            });
        }
        // A reader over the whole message, past the header, so offsets are the message's.
        let mut reader = Reader::new(self.message);
        reader.read_slice(HEADER_LEN)?;
        let value = T::decode_avro(&mut reader)?;
        match reader.remaining() {
            0 => Ok(value),
            count => Err(SingleObjectError::TrailingBytes {
                offset: reader.position(),
                count,
            }),
        }
    }
}

/// Why a single-object message could not be decoded, and at which byte.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SingleObjectError {
    /// The message is shorter than the 10-byte header.
    #[error("a single-object message is at least {HEADER_LEN} bytes long, this one is {len}")]
    TooShort {
        /// The message's length.
        len: usize,
    },
    /// The message does not start with `C3 01`.
    #[error("a single-object message starts with c3 01, this one with {:02x} {:02x}", found[0], found[1])]
    WrongMagic {
        /// The first two bytes.
        found: [u8; 2],
    },
    /// The header's fingerprint (at byte 2) is not the one of the schema of the type asked for:
    /// the message was written with another schema, which a registry may know.
    #[error(
        "the single-object message's fingerprint {found} (at byte 2) is not {expected}, the \
         fingerprint of `{type_name}`'s schema"
    )]
    UnknownFingerprint {
        /// The fingerprint in the message.
        found: Fingerprint,
        /// The fingerprint of `T`'s schema.
        expected: Fingerprint,
        /// The Rust type asked for.
        type_name: &'static str,
    },
    /// The datum is not a valid `T`; the error's offset is in the whole message.
    #[error(transparent)]
    Datum(#[from] DecodeError),
    /// Bytes remain after the datum.
    #[error("{count} byte(s) remain after the datum, from byte {offset}")]
    TrailingBytes {
        /// Where the datum ended.
        offset: usize,
        /// How many bytes follow it.
        count: usize,
    },
}

impl SingleObjectError {
    /// The byte of the message where the problem is.
    pub fn offset(&self) -> usize {
        match self {
            SingleObjectError::TooShort { len } => *len,
            SingleObjectError::WrongMagic { .. } => 0,
            SingleObjectError::UnknownFingerprint { .. } => MAGIC.len(),
            SingleObjectError::Datum(err) => err.offset(),
            SingleObjectError::TrailingBytes { offset, .. } => *offset,
        }
    }

    /// The datum's own error, if the datum is what was wrong.
    pub fn decode_error(&self) -> Option<&DecodeError> {
        match self {
            SingleObjectError::Datum(err) => Some(err),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::DecodeErrorKind;

    fn message_of(text: &str) -> Vec<u8> {
        encode(&text.to_owned()).unwrap()
    }

    #[test]
    fn a_message_is_magic_fingerprint_datum() {
        let message = message_of("hi");
        // The fingerprint of `"string"`, Java's -8142146995180207161, little-endian.
        let fingerprint = (-8142146995180207161i64 as u64).to_le_bytes();
        assert_eq!(message[..2], MAGIC);
        assert_eq!(message[2..10], fingerprint);
        assert_eq!(message[10..], [4, b'h', b'i']);
        assert_eq!(decode::<String>(&message).unwrap(), "hi");
    }

    #[test]
    fn encode_into_appends() {
        let mut out = vec![0xAA];
        encode_into(&1i64, &mut out).unwrap();
        encode_into(&2i64, &mut out).unwrap();
        assert_eq!(out.len(), 1 + 2 * (HEADER_LEN + 1));
        assert_eq!(decode::<i64>(&out[1 + HEADER_LEN + 1..]).unwrap(), 2);
    }

    #[test]
    fn every_malformation_is_a_typed_error_at_its_byte() {
        let message = message_of("hi");
        for len in 0..HEADER_LEN {
            let err = decode::<String>(&message[..len]).unwrap_err();
            assert_eq!(err, SingleObjectError::TooShort { len });
            assert_eq!(err.offset(), len);
        }

        let mut wrong = message.clone();
        wrong[1] = 0x02;
        let err = decode::<String>(&wrong).unwrap_err();
        assert_eq!(
            err,
            SingleObjectError::WrongMagic {
                found: [0xC3, 0x02]
            }
        );
        assert_eq!(
            err.to_string(),
            "a single-object message starts with c3 01, this one with c3 02"
        );

        let err = decode::<i64>(&message).unwrap_err();
        assert_eq!(
            err,
            SingleObjectError::UnknownFingerprint {
                found: fingerprint_of::<String>(),
                expected: fingerprint_of::<i64>(),
                type_name: "i64",
            }
        );
        assert_eq!(err.offset(), 2);

        let err = decode::<String>(&message[..message.len() - 1]).unwrap_err();
        let datum = err.decode_error().expect("a datum error");
        assert_eq!(
            datum.kind(),
            &DecodeErrorKind::LengthExceedsInput {
                length: 2,
                remaining: 1
            }
        );
        assert_eq!(err.offset(), datum.offset());
        assert!(
            err.offset() >= HEADER_LEN,
            "offset {} is in the datum",
            err.offset()
        );

        let mut long = message.clone();
        long.extend_from_slice(&[0, 0]);
        let err = decode::<String>(&long).unwrap_err();
        assert_eq!(
            err,
            SingleObjectError::TrailingBytes {
                offset: 13,
                count: 2
            }
        );
    }

    #[test]
    fn the_header_alone() {
        let message = message_of("hi");
        let header = read_header(&message).unwrap();
        assert_eq!(header.fingerprint(), fingerprint_of::<String>());
        assert_eq!(header.datum(), &message[HEADER_LEN..]);
        assert_eq!(header.decode::<String>().unwrap(), "hi");
        assert_eq!(
            read_header(&message[..HEADER_LEN]).unwrap().datum(),
            &[] as &[u8]
        );
    }
}
