//! `uuid::Uuid` as a `string` with logical type `uuid`, the form Java, Python and JavaScript read.

use crate::__private::Shape;
use crate::codec::{DecodeError, DecodeErrorKind, EncodeError, Reader, write_str};
use crate::{Avro, SchemaBuilder};
use serde_json::{Value, json};
use uuid::Uuid;

impl Avro for Uuid {
    const __SHAPE: Shape = Shape::String;

    fn write_schema(_: &mut SchemaBuilder) -> Value {
        json!({ "type": "string", "logicalType": "uuid" })
    }
    #[inline]
    fn encode_avro(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        let mut text = [0u8; uuid::fmt::Hyphenated::LENGTH];
        write_str(self.hyphenated().encode_lower(&mut text), out);
        Ok(())
    }
    #[inline]
    fn decode_avro(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let start = reader.position();
        // The bytes, not a `str`: a UUID is ASCII, and its parser rejects anything else, so
        // validating UTF-8 first would only read them twice.
        let bytes = reader.read_bytes()?;
        Uuid::try_parse_ascii(bytes).map_err(|err| invalid(bytes, start, err))
    }
}

/// A string that is not a UUID: what it says (if it is text at all) and why.
#[cold]
#[inline(never)]
fn invalid(bytes: &[u8], start: usize, err: uuid::Error) -> DecodeError {
    let kind = match std::str::from_utf8(bytes) {
        Ok(text) => DecodeErrorKind::InvalidLogicalValue {
            logical_type: "uuid",
            reason: format!("{text:?}: {err}"),
        },
        Err(_) => DecodeErrorKind::InvalidUtf8,
    };
    DecodeError::new(kind, start)
}
