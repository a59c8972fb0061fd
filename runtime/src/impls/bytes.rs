//! `bytes::Bytes` as Avro `bytes`.

use crate::__private::Shape;
use crate::codec::{DecodeError, EncodeError, Reader, write_bytes};
use crate::{Avro, SchemaBuilder};
use bytes::Bytes;
use serde_json::Value;

impl Avro for Bytes {
    const __SHAPE: Shape = Shape::Bytes;

    fn write_schema(_: &mut SchemaBuilder) -> Value {
        Value::from("bytes")
    }
    #[inline]
    fn encode_avro(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        write_bytes(self, out);
        Ok(())
    }
    fn decode_avro(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.read_bytes().map(Bytes::copy_from_slice)
    }
}
