//! Fields with `#[avro(precision = P, scale = S)]`: `rust_decimal::Decimal` as Avro `bytes` with
//! logical type `decimal`, the big-endian two's-complement unscaled value.

use super::{DecimalField, Shape};
use crate::codec::{
    DecodeError, DecodeErrorKind, EncodeError, EncodeErrorKind, Reader, write_bytes, write_long,
};
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{Value, json};

fn schema(precision: u32, scale: u32) -> Value {
    json!({ "type": "bytes", "logicalType": "decimal", "precision": precision, "scale": scale })
}

fn encode(
    value: Decimal,
    precision: u32,
    scale: u32,
    out: &mut Vec<u8>,
) -> Result<(), EncodeError> {
    // The derive keeps precision in 1..=28 and scale at most precision, so neither power
    // overflows and the subtraction cannot wrap.
    let rounded = value.round_dp_with_strategy(scale, RoundingStrategy::MidpointNearestEven);
    let unscaled = rounded
        .mantissa()
        .checked_mul(10i128.pow(scale - rounded.scale()))
        .filter(|u| u.unsigned_abs() < 10u128.pow(precision))
        .ok_or_else(|| {
            EncodeError::new(EncodeErrorKind::DecimalOutOfRange {
                value: value.to_string(),
                precision,
                scale,
            })
        })?;
    let bytes = unscaled.to_be_bytes();
    // Shortest two's complement: drop leading bytes that only repeat the sign.
    let mut start = 0;
    while start < 15 {
        let (b, next) = (bytes[start], bytes[start + 1]);
        if (b == 0 && next & 0x80 == 0) || (b == 0xff && next & 0x80 != 0) {
            start += 1;
        } else {
            break;
        }
    }
    write_bytes(&bytes[start..], out);
    Ok(())
}

fn decode(precision: u32, scale: u32, r: &mut Reader<'_>) -> Result<Decimal, DecodeError> {
    let start = r.position();
    let bytes = r.read_bytes()?;
    let invalid = |reason: String| {
        let kind = DecodeErrorKind::InvalidLogicalValue {
            logical_type: "decimal",
            reason,
        };
        DecodeError::new(kind, start)
    };
    if bytes.len() > 16 {
        return Err(invalid(format!(
            "{} bytes is more than 38 digits",
            bytes.len()
        )));
    }
    let fill = if bytes.first().is_some_and(|b| b & 0x80 != 0) {
        0xff
    } else {
        0
    };
    let mut wide = [fill; 16];
    wide[16 - bytes.len()..].copy_from_slice(bytes);
    let unscaled = i128::from_be_bytes(wide);
    if unscaled.unsigned_abs() >= 10u128.pow(precision) {
        return Err(invalid(format!(
            "{unscaled} has more than {precision} digits"
        )));
    }
    Decimal::try_from_i128_with_scale(unscaled, scale).map_err(|e| invalid(e.to_string()))
}

impl DecimalField for Decimal {
    const SHAPE: Shape = Shape::Bytes;
    fn decimal_schema(precision: u32, scale: u32) -> Value {
        schema(precision, scale)
    }
    fn encode_decimal(
        &self,
        precision: u32,
        scale: u32,
        out: &mut Vec<u8>,
    ) -> Result<(), EncodeError> {
        encode(*self, precision, scale, out)
    }
    fn decode_decimal(precision: u32, scale: u32, r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        decode(precision, scale, r)
    }
}

impl DecimalField for Option<Decimal> {
    const SHAPE: Shape = Shape::Nullable;
    fn decimal_schema(precision: u32, scale: u32) -> Value {
        json!(["null", schema(precision, scale)])
    }
    fn encode_decimal(
        &self,
        precision: u32,
        scale: u32,
        out: &mut Vec<u8>,
    ) -> Result<(), EncodeError> {
        match self {
            None => {
                write_long(0, out);
                Ok(())
            }
            Some(value) => {
                write_long(1, out);
                encode(*value, precision, scale, out)
            }
        }
    }
    fn decode_decimal(precision: u32, scale: u32, r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        match r.read_union_index(2)? {
            0 => Ok(None),
            _ => decode(precision, scale, r).map(Some),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn bytes_of(text: &str, precision: u32, scale: u32) -> Vec<u8> {
        let mut out = Vec::new();
        encode(Decimal::from_str(text).unwrap(), precision, scale, &mut out).unwrap();
        out
    }

    #[test]
    fn unscaled_values_are_shortest_twos_complement() {
        assert_eq!(bytes_of("1.23", 5, 2), [0x02, 0x7b]); // 123
        assert_eq!(bytes_of("-1.28", 5, 2), [0x02, 0x80]); // -128
        assert_eq!(bytes_of("1.28", 5, 2), [0x04, 0x00, 0x80]); // 128 needs a sign byte
        assert_eq!(bytes_of("0", 5, 2), [0x02, 0x00]);
    }

    #[test]
    fn rounding_is_half_to_even() {
        assert_eq!(bytes_of("0.125", 5, 2), bytes_of("0.12", 5, 2));
        assert_eq!(bytes_of("0.135", 5, 2), bytes_of("0.14", 5, 2));
    }

    #[test]
    fn decoding_round_trips_and_rejects_too_many_digits() {
        let buf = bytes_of("-12345.67", 7, 2);
        let value = decode(7, 2, &mut Reader::new(&buf)).unwrap();
        assert_eq!(value, Decimal::from_str("-12345.67").unwrap());
        assert!(decode(6, 2, &mut Reader::new(&buf)).is_err());
    }

    #[test]
    fn encoding_past_the_precision_is_an_error() {
        let mut out = Vec::new();
        let err = encode(Decimal::from_str("9.995").unwrap(), 3, 2, &mut out).unwrap_err();
        assert_eq!(
            err.kind(),
            &EncodeErrorKind::DecimalOutOfRange {
                value: "9.995".into(),
                precision: 3,
                scale: 2
            }
        );
        assert!(out.is_empty());
        // The largest value that fits, and the extremes `Decimal` holds at the widest precision.
        assert_eq!(bytes_of("9.994", 3, 2), bytes_of("9.99", 3, 2));
        for extreme in [Decimal::MAX, Decimal::MIN] {
            assert!(encode(extreme, 28, 0, &mut out).is_err());
            assert!(encode(extreme, 28, 28, &mut out).is_err());
        }
    }
}
