//! `Option<T>`: a union of `null` and `T`, with `null` first so the field default can be null.

use crate::__private::Shape;
use crate::codec::{DecodeError, EncodeError, Reader, write_long};
use crate::{Avro, SchemaBuilder};
use serde_json::Value;

/// `Option<T>` is `["null", T]`. When `T` is itself a union (an enum with data), its branches are
/// spliced in, `["null", A, B]`, since Avro forbids a union directly inside a union.
impl<T: Avro> Avro for Option<T> {
    const __NULLABLE: bool = true;
    const __SHAPE: Shape = Shape::option_of(T::__SHAPE);
    const __BRANCHES: usize = 1 + T::__BRANCHES;

    fn write_schema(builder: &mut SchemaBuilder) -> Value {
        const {
            assert!(
                !T::__NULLABLE,
                "`Option<Option<T>>` has no Avro mapping: a union cannot hold a union; \
                 wrap the inner option in a record"
            )
        };
        let mut branches = vec![Value::from("null")];
        match T::write_schema(builder) {
            Value::Array(inner) => branches.extend(inner),
            inner => branches.push(inner),
        }
        Value::Array(branches)
    }

    #[inline]
    fn encode_avro(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        match self {
            None => {
                write_long(0, out);
                Ok(())
            }
            Some(value) => value.__encode_branch(1, out),
        }
    }

    #[inline]
    fn decode_avro(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        match reader.read_union_index(Self::__BRANCHES)? {
            0 => Ok(None),
            branch => T::__decode_branch(branch - 1, reader).map(Some),
        }
    }
}
