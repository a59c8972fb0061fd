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
    fn decode_avro(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let start = reader.position();
        let text = reader.read_str()?;
        Uuid::parse_str(text).map_err(|err| {
            let kind = DecodeErrorKind::InvalidLogicalValue {
                logical_type: "uuid",
                reason: format!("{text:?}: {err}"),
            };
            DecodeError::new(kind, start)
        })
    }
}
