//! The schema ID in a Kafka header rather than in the payload, as Confluent Platform 8 frames it
//! with `HeaderSchemaIdSerializer` and reads it with `DualSchemaIdDeserializer` (header first,
//! then the payload prefix).
//!
//! Followed here: Confluent's `io.confluent.kafka.serializers.schema.id.SchemaId`
//! (confluentinc/schema-registry, `schema-serializer/src/main/java/.../schema/id/SchemaId.java`):
//! the header is `__value_schema_id` for a record's value and `__key_schema_id` for its key; its
//! value is `MAGIC_BYTE_V0` (`0x00`) and the ID as a 4-byte big-endian `int`, or
//! `MAGIC_BYTE_V1` (`0x01`) and the schema's GUID as 16 bytes, most significant half first
//! (`UUID.getMostSignificantBits` then `getLeastSignificantBits`, the RFC 4122 byte order).
//! Protobuf appends message indexes after it; Avro has none, so bytes after the ID or GUID are
//! an error here. The payload beside such a header is the bare Avro datum, no prefix.
//! `HeaderSchemaIdSerializer` writes the GUID form; the ID form is what the prefix carries,
//! accepted in a header by every reader.

use super::{FrameError, decode_datum};
use crate::Avro;

/// The header that carries a record value's schema ID or GUID.
pub const VALUE_SCHEMA_ID_HEADER: &str = "__value_schema_id";

/// The header that carries a record key's schema ID or GUID.
pub const KEY_SCHEMA_ID_HEADER: &str = "__key_schema_id";

/// The first byte of a header value that holds a schema GUID (`MAGIC_BYTE_V1`); one that holds
/// an ID starts with [`MAGIC_BYTE`](super::MAGIC_BYTE) (`MAGIC_BYTE_V0`).
pub const GUID_MAGIC_BYTE: u8 = 0x01;

/// Which part of a Kafka record a schema describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecordPart {
    /// The record's key.
    Key,
    /// The record's value.
    Value,
}

impl RecordPart {
    /// The header that carries this part's schema ID: [`KEY_SCHEMA_ID_HEADER`] or
    /// [`VALUE_SCHEMA_ID_HEADER`].
    pub fn schema_id_header(self) -> &'static str {
        match self {
            RecordPart::Key => KEY_SCHEMA_ID_HEADER,
            RecordPart::Value => VALUE_SCHEMA_ID_HEADER,
        }
    }
}

/// What a schema-ID header holds: a registry ID, or a schema GUID (Confluent Platform 8).
///
/// ```
/// use tidings::wire::confluent::HeaderSchemaId;
///
/// let header = HeaderSchemaId::Id(42);
/// assert_eq!(header.to_vec(), [0x00, 0, 0, 0, 42]);
/// assert_eq!(HeaderSchemaId::decode(&[0x00, 0, 0, 0, 42])?, header);
/// # Ok::<(), tidings::wire::confluent::HeaderError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HeaderSchemaId {
    /// `0x00` and the registry-wide ID, big-endian.
    Id(u32),
    /// `0x01` and the schema's GUID, in RFC 4122 byte order.
    Guid([u8; 16]),
}

/// Why a schema-ID header value could not be read. Offsets count from the header value's
/// first byte.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HeaderError {
    /// The header value has no bytes.
    #[error(
        "the schema ID header is empty: it holds 0x00 and a 4-byte ID, or 0x01 and a 16-byte GUID"
    )]
    Empty,
    /// Byte 0 is neither `0x00` (an ID) nor `0x01` (a GUID).
    #[error(
        "byte 0 of the schema ID header is {found:#04x}: expected 0x00 (an ID follows) or 0x01 \
         (a GUID follows)"
    )]
    UnknownFormat {
        /// The byte found.
        found: u8,
    },
    /// The header value ends before its ID or GUID does.
    #[error(
        "the schema ID header is {len} byte(s) long: after {format:#04x} it needs {needed} bytes \
         in all"
    )]
    Truncated {
        /// Its first byte, `0x00` or `0x01`.
        format: u8,
        /// Its length.
        len: usize,
        /// The length its first byte calls for: 5 or 17.
        needed: usize,
    },
    /// Bytes follow the ID or GUID (protobuf's message indexes go there; Avro has none).
    #[error(
        "{count} byte(s) follow the schema {} in the header, from byte {offset}; an Avro schema \
         ID header holds nothing else",
        if *format == 0 { "ID" } else { "GUID" }
    )]
    TrailingBytes {
        /// Its first byte, `0x00` or `0x01`.
        format: u8,
        /// Where the ID or GUID ended.
        offset: usize,
        /// How many bytes follow it.
        count: usize,
    },
}

impl HeaderSchemaId {
    /// The header value's length: 5 for an ID, 17 for a GUID.
    pub fn encoded_len(&self) -> usize {
        match self {
            HeaderSchemaId::Id(_) => 5,
            HeaderSchemaId::Guid(_) => 17,
        }
    }

    /// Appends the header value to `out`.
    pub fn encode_into(&self, out: &mut Vec<u8>) {
        match self {
            HeaderSchemaId::Id(id) => super::write_header(*id, out),
            HeaderSchemaId::Guid(guid) => {
                out.push(GUID_MAGIC_BYTE);
                out.extend_from_slice(guid);
            }
        }
    }

    /// The header value.
    pub fn to_vec(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.encoded_len());
        self.encode_into(&mut out);
        out
    }

    /// Reads a header value.
    pub fn decode(value: &[u8]) -> Result<Self, HeaderError> {
        let format = *value.first().ok_or(HeaderError::Empty)?;
        let needed = match format {
            super::MAGIC_BYTE => 5,
            GUID_MAGIC_BYTE => 17,
            found => return Err(HeaderError::UnknownFormat { found }),
        };
        if value.len() < needed {
            return Err(HeaderError::Truncated {
                format,
                len: value.len(),
                needed,
            });
        }
        if value.len() > needed {
            return Err(HeaderError::TrailingBytes {
                format,
                offset: needed,
                count: value.len() - needed,
            });
        }
        let body = &value[1..];
        Ok(if format == super::MAGIC_BYTE {
            HeaderSchemaId::Id(u32::from_be_bytes([body[0], body[1], body[2], body[3]]))
        } else {
            let mut guid = [0; 16];
            guid.copy_from_slice(body);
            HeaderSchemaId::Guid(guid)
        })
    }
}

#[cfg(feature = "uuid")]
impl From<uuid::Uuid> for HeaderSchemaId {
    /// The GUID form, from a schema's GUID as the registry spells it.
    fn from(guid: uuid::Uuid) -> Self {
        HeaderSchemaId::Guid(guid.into_bytes())
    }
}

/// Decodes a record whose schema ID travels in a header: `header` is the
/// [`VALUE_SCHEMA_ID_HEADER`] (or [`KEY_SCHEMA_ID_HEADER`]) value and `payload` the bare datum.
/// Datum offsets in the error count from the start of `payload`.
pub fn decode_with_header<T: Avro>(
    header: &[u8],
    payload: &[u8],
) -> Result<(HeaderSchemaId, T), FrameError> {
    let id = HeaderSchemaId::decode(header)?;
    Ok((id, decode_datum(payload, 0)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUID: [u8; 16] = [
        0xcc, 0x0e, 0x0e, 0x0e, 0x53, 0xc1, 0x4a, 0x1a, 0x8f, 0x1a, 0, 0, 0, 0, 0, 1,
    ];

    #[test]
    fn ids_and_guids_round_trip() {
        for id in [
            HeaderSchemaId::Id(0),
            HeaderSchemaId::Id(u32::MAX),
            HeaderSchemaId::Guid(GUID),
        ] {
            let bytes = id.to_vec();
            assert_eq!(bytes.len(), id.encoded_len());
            assert_eq!(HeaderSchemaId::decode(&bytes), Ok(id));
        }
        let mut expected = vec![0x01];
        expected.extend_from_slice(&GUID);
        assert_eq!(HeaderSchemaId::Guid(GUID).to_vec(), expected);
    }

    #[cfg(feature = "uuid")]
    #[test]
    fn a_uuid_is_written_most_significant_byte_first() {
        let guid = uuid::Uuid::parse_str("cc0e0e0e-53c1-4a1a-8f1a-000000000001").unwrap();
        assert_eq!(HeaderSchemaId::from(guid), HeaderSchemaId::Guid(GUID));
    }

    #[test]
    fn malformed_header_values_are_typed() {
        assert_eq!(HeaderSchemaId::decode(&[]), Err(HeaderError::Empty));
        assert_eq!(
            HeaderSchemaId::decode(&[0x02, 0, 0, 0, 1]),
            Err(HeaderError::UnknownFormat { found: 0x02 })
        );
        assert_eq!(
            HeaderSchemaId::decode(&[0x00, 0, 0]),
            Err(HeaderError::Truncated {
                format: 0,
                len: 3,
                needed: 5
            })
        );
        assert_eq!(
            HeaderSchemaId::decode(&[0x01; 16]),
            Err(HeaderError::Truncated {
                format: 1,
                len: 16,
                needed: 17
            })
        );
        let err = HeaderSchemaId::decode(&[0x00, 0, 0, 0, 1, 0]).unwrap_err();
        assert_eq!(
            err,
            HeaderError::TrailingBytes {
                format: 0,
                offset: 5,
                count: 1
            }
        );
        assert_eq!(
            err.to_string(),
            "1 byte(s) follow the schema ID in the header, from byte 5; an Avro schema ID header \
             holds nothing else"
        );
    }

    #[test]
    fn the_payload_beside_a_header_is_the_bare_datum() {
        let (id, value) = decode_with_header::<i64>(&[0, 0, 0, 0, 3], &[6]).unwrap();
        assert_eq!((id, value), (HeaderSchemaId::Id(3), 3));
        assert_eq!(
            decode_with_header::<i64>(&[0, 0, 0, 0, 3], &[6, 0]),
            Err(FrameError::TrailingBytes {
                offset: 1,
                count: 1
            })
        );
        assert_eq!(
            decode_with_header::<i64>(&[7], &[6]),
            Err(FrameError::Header(HeaderError::UnknownFormat { found: 7 }))
        );
        assert_eq!(KEY_SCHEMA_ID_HEADER, RecordPart::Key.schema_id_header());
        assert_eq!(VALUE_SCHEMA_ID_HEADER, RecordPart::Value.schema_id_header());
    }
}
