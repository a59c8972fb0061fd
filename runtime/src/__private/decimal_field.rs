//! The trait behind `#[avro(precision = P, scale = S)]`; its impls need the `decimal1` feature.

use super::Shape;
use crate::codec::{DecodeError, EncodeError, Reader};
use serde_json::Value;

/// What a decimal field can be: a `Decimal` or an optional one.
#[diagnostic::on_unimplemented(
    message = "`#[avro(precision = ..., scale = ...)]` does not apply to `{Self}`",
    label = "not a decimal type",
    note = "it applies to `rust_decimal::Decimal` and `Option<rust_decimal::Decimal>` (feature `decimal1`); remove `precision` and `scale` for other types"
)]
pub trait DecimalField: Sized {
    /// The field's outline: `bytes`, or a union for an `Option`.
    const SHAPE: Shape;
    /// The field's schema.
    fn decimal_schema(precision: u32, scale: u32) -> Value;
    /// Appends the field.
    ///
    /// # Errors
    ///
    /// If the value, rounded half-to-even to `scale` digits, has more than `precision` digits:
    /// writing it would break the schema's contract with every reader.
    fn encode_decimal(
        &self,
        precision: u32,
        scale: u32,
        out: &mut Vec<u8>,
    ) -> Result<(), EncodeError>;
    /// Reads the field.
    fn decode_decimal(precision: u32, scale: u32, r: &mut Reader<'_>) -> Result<Self, DecodeError>;
}
