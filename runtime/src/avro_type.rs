//! The [`Avro`] trait: a Rust type with an Avro schema and a generated binary codec.

use crate::__private::Shape;
use crate::codec::{DecodeError, EncodeError, Reader, SeqBuilder, write_long};
use crate::schema::{self, SchemaBuilder};
use apache_avro::Schema;
use serde_json::Value;

/// A Rust type with an Avro schema and a type-specialised binary codec.
///
/// Derive it with `#[derive(Avro)]` for structs and enums nested in events, or get it from
/// `#[derive(Event)]` on the event itself. The crate implements it for the standard types of the
/// [type mapping](crate#type-mapping).
///
/// Implementing it by hand is possible for a type the derive cannot describe: write its schema
/// with [`SchemaBuilder`] and its codec with the functions of [`codec`](crate::codec). The schema
/// and the codec must agree; the cross-language tests of this crate show how to check that.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no Avro mapping",
    label = "`{Self}` does not implement `tidings::Avro`",
    note = "derive it with `#[derive(tidings::Avro)]`, or wrap a type from another crate in a newtype that implements `Avro`; the mapped types, some behind features (`uuid`, `bytes1`, `chrono04`, `time03`), are listed under \"Type mapping\" in the `tidings` docs",
    note = "Rust's `u64`, `usize`, `isize`, `u128`, `i128` and `char` have no mapping, since Avro's integers are signed and at most 64 bits wide and Avro has no character type: use `i64`, or `u32` (an Avro `long`) if the values fit, and a `String` for a `char`",
    note = "a `rust_decimal::Decimal` field needs `#[avro(precision = P, scale = S)]` (feature `decimal1`), of the arrays only `[u8; N]` maps (to an Avro `fixed`), and of the maps only those with `String` keys (Avro map keys are strings; for other keys, use a `Vec` of records holding the key as a field)"
)]
pub trait Avro: Sized + 'static {
    /// The type's Avro schema, built and parsed once, then shared.
    ///
    /// # Panics
    ///
    /// If the generated schema is not valid Avro. The derive rejects what it can see at compile
    /// time; what only shows once types are combined (a union with two branches of the same type,
    /// say) panics here with the schema and the reason, on first use.
    fn schema() -> &'static Schema {
        schema::cached::<Self>()
    }

    /// Writes this type's schema as JSON.
    ///
    /// Named types (records, enums, fixed) are defined the first time `builder` meets them and
    /// referenced by full name afterwards, so the result is one self-contained schema.
    fn write_schema(builder: &mut SchemaBuilder) -> Value;

    /// Appends the Avro binary encoding of `self` to `out`.
    ///
    /// Fails only for a value its schema cannot hold (a `Decimal` with more digits than its
    /// declared precision); `out` may then hold part of the encoding, which [`encode_into`]
    /// removes.
    fn encode_avro(&self, out: &mut Vec<u8>) -> Result<(), EncodeError>;

    /// Decodes a value from `reader`, which must hold data written with this type's schema.
    fn decode_avro(reader: &mut Reader<'_>) -> Result<Self, DecodeError>;

    // The hidden items below let one generic impl cover cases that would otherwise need
    // specialisation: `Vec<u8>` is `bytes` (not an array of `int`), and `Option<Enum>` is one flat
    // union (Avro forbids a union directly inside a union).

    #[doc(hidden)]
    const __NULLABLE: bool = false;

    /// The outline of this type's schema, for the derive's compile-time checks (union branches,
    /// literal defaults): the impl says what the type is, so its name never has to.
    #[doc(hidden)]
    const __SHAPE: Shape = Shape::Named;

    /// The outline of a sequence of this type (`Vec<Self>`): an array, or `bytes` for `u8`.
    #[doc(hidden)]
    const __SEQ_SHAPE: Shape = Shape::Array;

    /// How many union branches this type's schema contributes: 1 unless it is itself a union.
    #[doc(hidden)]
    const __BRANCHES: usize = 1;

    /// The fewest bytes a value of this type takes on the wire: a lower bound that lets a block's
    /// item count be checked against the input before anything is allocated. 0 only for types
    /// that can take no bytes at all (empty records, zero-size `fixed`).
    #[doc(hidden)]
    const __MIN_WIRE_LEN: usize = 1;

    #[doc(hidden)]
    fn __write_seq_schema(builder: &mut SchemaBuilder) -> Value {
        serde_json::json!({ "type": "array", "items": Self::write_schema(builder) })
    }

    #[doc(hidden)]
    fn __encode_seq<'a, I>(items: I, out: &mut Vec<u8>) -> Result<(), EncodeError>
    where
        I: ExactSizeIterator<Item = &'a Self>,
        Self: 'a,
    {
        if items.len() > 0 {
            write_long(items.len() as i64, out);
            for (index, item) in items.enumerate() {
                item.encode_avro(out).map_err(|e| e.in_item(index))?;
            }
        }
        write_long(0, out);
        Ok(())
    }

    #[doc(hidden)]
    fn __decode_seq(reader: &mut Reader<'_>) -> Result<Vec<Self>, DecodeError> {
        let mut items = SeqBuilder::new();
        loop {
            let block = reader.read_block(Self::__MIN_WIRE_LEN)?;
            if block.count == 0 {
                return Ok(items.finish());
            }
            items.reserve(block.count);
            for expected in (1..=block.count).rev() {
                let index = items.len();
                items.push(
                    Self::decode_avro(reader).map_err(|e| e.in_item(index))?,
                    expected,
                );
            }
            reader.end_block(block)?;
        }
    }

    /// Encodes `self` as a branch of an enclosing union whose branches for this type start at
    /// `first_branch`.
    #[doc(hidden)]
    fn __encode_branch(&self, first_branch: usize, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        write_long(first_branch as i64, out);
        self.encode_avro(out)
    }

    /// Decodes the branch `branch` (counted from this type's first branch) of an enclosing union.
    #[doc(hidden)]
    fn __decode_branch(branch: usize, reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        debug_assert_eq!(branch, 0, "the enclosing union checked the index");
        Self::decode_avro(reader)
    }
}

/// Encodes `value` as one raw Avro binary datum (no framing, no schema).
///
/// # Errors
///
/// If the value does not fit its schema, and tidings will not write it: a `Decimal` field with
/// more digits than its `#[avro(precision = P)]` after rounding to its scale, say. The error
/// names the field (`lines[2].price`). Check such values where they enter the service, or
/// declare a wider precision.
pub fn encode<T: Avro>(value: &T) -> Result<Vec<u8>, EncodeError> {
    let mut out = Vec::new();
    value.encode_avro(&mut out)?;
    Ok(out)
}

/// Appends the raw Avro binary datum of `value` to `out`, reusing its capacity.
///
/// # Errors
///
/// As [`encode`]. `out` is then left as it was before the call: nothing half-written stays.
pub fn encode_into<T: Avro>(value: &T, out: &mut Vec<u8>) -> Result<(), EncodeError> {
    let start = out.len();
    value.encode_avro(out).inspect_err(|_| out.truncate(start))
}

/// Decodes one raw Avro binary datum written with `T`'s schema; bytes left over are an error.
pub fn decode<T: Avro>(bytes: &[u8]) -> Result<T, DecodeError> {
    let mut reader = Reader::new(bytes);
    // The result is returned as it came, not unwrapped and rewrapped, so the value is built in
    // the caller's memory instead of being copied there.
    let result = T::decode_avro(&mut reader);
    match result {
        Ok(_) if reader.remaining() != 0 => Err(reader.trailing_bytes()),
        result => result,
    }
}
