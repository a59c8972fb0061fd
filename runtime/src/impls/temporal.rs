//! Instants as `timestamp-micros` (the default) or `timestamp-millis` (by field attribute).

use crate::__private::{Instant, Shape, TimeUnit};
use crate::codec::{DecodeError, EncodeError, Reader};
use crate::{Avro, SchemaBuilder, Timestamp};
use serde_json::Value;

/// Every instant type is `timestamp-micros` unless a field asks for millis.
macro_rules! instant {
    ($($ty:ty),*) => {$(
        impl Avro for $ty {
            const __SHAPE: Shape = Shape::I64;

            fn write_schema(_: &mut SchemaBuilder) -> Value {
                TimeUnit::Micros.schema()
            }
            #[inline]
            fn encode_avro(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
                TimeUnit::Micros.encode(*self, out)
            }
            #[inline]
            fn decode_avro(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
                TimeUnit::Micros.decode(reader)
            }
        }
    )*};
}

instant!(Timestamp);
#[cfg(feature = "chrono04")]
instant!(chrono::DateTime<chrono::Utc>);
#[cfg(feature = "time03")]
instant!(time::OffsetDateTime);

impl Instant for Timestamp {
    fn to_timestamp(self) -> Result<Timestamp, EncodeError> {
        Ok(self)
    }
    fn from_timestamp(ts: Timestamp) -> Result<Self, String> {
        Ok(ts)
    }
}

#[cfg(feature = "chrono04")]
impl Instant for chrono::DateTime<chrono::Utc> {
    fn to_timestamp(self) -> Result<Timestamp, EncodeError> {
        Ok(self.into())
    }
    fn from_timestamp(ts: Timestamp) -> Result<Self, String> {
        ts.try_into()
            .map_err(|e: crate::TimestampRangeError| e.to_string())
    }
}

#[cfg(feature = "time03")]
impl Instant for time::OffsetDateTime {
    fn to_timestamp(self) -> Result<Timestamp, EncodeError> {
        // Reachable with `time`'s `large-dates` feature, which goes past ±292,000 years.
        self.try_into().map_err(|_: crate::TimestampRangeError| {
            EncodeError::new(crate::codec::EncodeErrorKind::InstantOutOfRange {
                value: self.to_string(),
            })
        })
    }
    fn from_timestamp(ts: Timestamp) -> Result<Self, String> {
        ts.try_into()
            .map_err(|e: crate::TimestampRangeError| e.to_string())
    }
}
