//! Fields with `#[avro(timestamp = "millis" | "micros")]`: any instant type, or an `Option` of one.

use super::Shape;
use crate::codec::{DecodeError, DecodeErrorKind, EncodeError, Reader, write_long};
use crate::{Avro, Timestamp};
use serde_json::{Value, json};

/// A type that is an instant: `Timestamp`, and with features chrono's and time's UTC types.
#[diagnostic::on_unimplemented(
    message = "`#[avro(timestamp = ...)]` does not apply to `{Self}`",
    label = "not an instant type",
    note = "it applies to `tidings::Timestamp`, `chrono::DateTime<Utc>` (feature `chrono04`), `time::OffsetDateTime` (feature `time03`) and `Option`s of them; remove `timestamp` for other types"
)]
pub trait Instant: Copy + 'static {
    /// As a `Timestamp`, or an error if it lies outside a `Timestamp`'s range.
    fn to_timestamp(self) -> Result<Timestamp, EncodeError>;
    /// From a `Timestamp`, or why it does not fit.
    fn from_timestamp(ts: Timestamp) -> Result<Self, String>;
}

/// The resolution of a timestamp on the wire.
#[derive(Clone, Copy, Debug)]
pub enum TimeUnit {
    /// `timestamp-millis`.
    Millis,
    /// `timestamp-micros`.
    Micros,
}

impl TimeUnit {
    /// The schema: a `long` with this unit's logical type.
    pub fn schema(self) -> Value {
        match self {
            TimeUnit::Millis => json!({ "type": "long", "logicalType": "timestamp-millis" }),
            TimeUnit::Micros => json!({ "type": "long", "logicalType": "timestamp-micros" }),
        }
    }

    /// Appends an instant in this unit; millis round towards the past.
    #[inline]
    pub fn encode<I: Instant>(self, instant: I, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        let ts = instant.to_timestamp()?;
        write_long(
            match self {
                TimeUnit::Millis => ts.unix_millis(),
                TimeUnit::Micros => ts.unix_micros(),
            },
            out,
        );
        Ok(())
    }

    /// Reads an instant in this unit.
    #[inline]
    pub fn decode<I: Instant>(self, reader: &mut Reader<'_>) -> Result<I, DecodeError> {
        let start = reader.position();
        let raw = reader.read_long()?;
        let (ts, logical_type) = match self {
            TimeUnit::Millis => (Timestamp::from_unix_millis(raw), "timestamp-millis"),
            TimeUnit::Micros => (Some(Timestamp::from_unix_micros(raw)), "timestamp-micros"),
        };
        let invalid = |reason: String| {
            DecodeError::new(
                DecodeErrorKind::InvalidLogicalValue {
                    logical_type,
                    reason,
                },
                start,
            )
        };
        let ts = ts.ok_or_else(|| invalid(format!("{raw} ms does not fit in i64 microseconds")))?;
        I::from_timestamp(ts).map_err(invalid)
    }
}

/// What a field with a `timestamp` attribute can be: an instant, or an optional one.
#[diagnostic::on_unimplemented(
    message = "`#[avro(timestamp = ...)]` does not apply to `{Self}`",
    label = "not an instant type",
    note = "it applies to `tidings::Timestamp`, `chrono::DateTime<Utc>` (feature `chrono04`), `time::OffsetDateTime` (feature `time03`) and `Option`s of them; remove `timestamp` for other types"
)]
pub trait TimestampField: Sized {
    /// The field's outline: a `long`, or a union for an `Option`.
    const SHAPE: Shape;
    /// The field's schema in `unit`.
    fn timestamp_schema(unit: TimeUnit) -> Value;
    /// Appends the field in `unit`.
    fn encode_timestamp(&self, unit: TimeUnit, out: &mut Vec<u8>) -> Result<(), EncodeError>;
    /// Reads the field in `unit`.
    fn decode_timestamp(unit: TimeUnit, reader: &mut Reader<'_>) -> Result<Self, DecodeError>;
}

impl<I: Instant> TimestampField for I {
    const SHAPE: Shape = Shape::I64;
    fn timestamp_schema(unit: TimeUnit) -> Value {
        unit.schema()
    }
    #[inline]
    fn encode_timestamp(&self, unit: TimeUnit, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        unit.encode(*self, out)
    }
    #[inline]
    fn decode_timestamp(unit: TimeUnit, reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        unit.decode(reader)
    }
}

impl<I: Instant + Avro> TimestampField for Option<I> {
    const SHAPE: Shape = Shape::Nullable;
    fn timestamp_schema(unit: TimeUnit) -> Value {
        json!(["null", unit.schema()])
    }
    #[inline]
    fn encode_timestamp(&self, unit: TimeUnit, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        match self {
            None => {
                write_long(0, out);
                Ok(())
            }
            Some(instant) => {
                write_long(1, out);
                unit.encode(*instant, out)
            }
        }
    }
    #[inline]
    fn decode_timestamp(unit: TimeUnit, reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        match reader.read_union_index(2)? {
            0 => Ok(None),
            _ => unit.decode(reader).map(Some),
        }
    }
}
