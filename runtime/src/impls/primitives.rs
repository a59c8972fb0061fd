//! Booleans, numbers and strings.

use crate::__private::Shape;
use crate::codec::{
    DecodeError, EncodeError, Reader, write_bool, write_f32, write_f64, write_long, write_str,
};
use crate::{Avro, SchemaBuilder};
use serde_json::Value;

impl Avro for bool {
    const __SHAPE: Shape = Shape::Boolean;

    fn write_schema(_: &mut SchemaBuilder) -> Value {
        Value::from("boolean")
    }
    #[inline]
    fn encode_avro(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        write_bool(*self, out);
        Ok(())
    }
    #[inline]
    fn decode_avro(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.read_bool()
    }
}

/// Integers that widen losslessly to `i64`, as Avro `int` or `long`. Decoding checks the range, so
/// a value too large for the Rust type is an error rather than a silent truncation.
macro_rules! integer {
    ($($ty:ty => $avro:literal, $shape:ident),* $(,)?) => {$(
        impl Avro for $ty {
            const __SHAPE: Shape = Shape::$shape;

            fn write_schema(_: &mut SchemaBuilder) -> Value {
                Value::from($avro)
            }
            #[inline]
            fn encode_avro(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
                write_long(i64::from(*self), out);
                Ok(())
            }
            #[inline]
            fn decode_avro(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
                reader.read_integer()
            }
        }
    )*};
}

integer!(
    i8 => "int", I8, i16 => "int", I16, i32 => "int", I32, u16 => "int", U16,
    i64 => "long", I64, u32 => "long", U32,
);

/// `u8` alone is an `int`; a sequence of `u8` (`Vec<u8>`, `VecDeque<u8>`) is Avro `bytes`.
impl Avro for u8 {
    const __SHAPE: Shape = Shape::U8;
    const __SEQ_SHAPE: Shape = Shape::Bytes;

    fn write_schema(_: &mut SchemaBuilder) -> Value {
        Value::from("int")
    }
    #[inline]
    fn encode_avro(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        write_long(i64::from(*self), out);
        Ok(())
    }
    #[inline]
    fn decode_avro(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.read_integer()
    }

    fn __write_seq_schema(_: &mut SchemaBuilder) -> Value {
        Value::from("bytes")
    }
    #[inline]
    fn __encode_seq<'a, I>(items: I, out: &mut Vec<u8>) -> Result<(), EncodeError>
    where
        I: ExactSizeIterator<Item = &'a Self>,
    {
        write_long(items.len() as i64, out);
        out.extend(items);
        Ok(())
    }
    #[inline]
    fn __decode_seq(reader: &mut Reader<'_>) -> Result<Vec<Self>, DecodeError> {
        reader.read_bytes().map(<[u8]>::to_vec)
    }
}

impl Avro for f32 {
    const __SHAPE: Shape = Shape::Float;

    fn write_schema(_: &mut SchemaBuilder) -> Value {
        Value::from("float")
    }
    #[inline]
    fn encode_avro(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        write_f32(*self, out);
        Ok(())
    }
    #[inline]
    fn decode_avro(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.read_f32()
    }
}

impl Avro for f64 {
    const __SHAPE: Shape = Shape::Double;

    fn write_schema(_: &mut SchemaBuilder) -> Value {
        Value::from("double")
    }
    #[inline]
    fn encode_avro(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        write_f64(*self, out);
        Ok(())
    }
    #[inline]
    fn decode_avro(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.read_f64()
    }
}

impl Avro for String {
    const __SHAPE: Shape = Shape::String;

    fn write_schema(_: &mut SchemaBuilder) -> Value {
        Value::from("string")
    }
    #[inline]
    fn encode_avro(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        write_str(self, out);
        Ok(())
    }
    #[inline(always)]
    fn decode_avro(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.read_string()
    }
}

/// `[u8; N]` is an Avro `fixed` of size `N`, named `tidings.FixedN` (a fixed must have a name).
impl<const N: usize> Avro for [u8; N] {
    const __MIN_WIRE_LEN: usize = N;

    fn write_schema(builder: &mut SchemaBuilder) -> Value {
        builder.named(&format!("tidings.Fixed{N}"), |_| {
            serde_json::json!({
                "type": "fixed", "name": format!("Fixed{N}"), "namespace": "tidings", "size": N
            })
        })
    }
    #[inline]
    fn encode_avro(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        out.extend_from_slice(self);
        Ok(())
    }
    #[inline]
    fn decode_avro(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.read_array()
    }
}
