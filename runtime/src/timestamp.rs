//! [`Timestamp`]: an instant in UTC with microsecond precision, Avro's `timestamp-micros`.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// An instant in UTC, counted in microseconds since the Unix epoch.
///
/// Maps to Avro `long` with logical type `timestamp-micros`, or `timestamp-millis` with
/// `#[avro(timestamp = "millis")]` on the field. Converts from and to [`SystemTime`], and with the
/// `chrono04` and `time03` features to `chrono::DateTime<Utc>` and `time::OffsetDateTime`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp {
    micros: i64,
}

/// A time outside what the target type can represent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{micros} µs since the Unix epoch is outside the range of {target}")]
pub struct TimestampRangeError {
    /// The instant, in microseconds since the epoch (saturated if it did not fit an `i64`).
    pub micros: i64,
    /// The type that cannot hold it.
    pub target: &'static str,
}

impl Timestamp {
    /// 1970-01-01T00:00:00Z.
    pub const UNIX_EPOCH: Timestamp = Timestamp { micros: 0 };

    /// The instant `micros` microseconds after the epoch (before it, if negative).
    pub const fn from_unix_micros(micros: i64) -> Self {
        Timestamp { micros }
    }

    /// The instant `millis` milliseconds after the epoch, or `None` if out of range.
    pub const fn from_unix_millis(millis: i64) -> Option<Self> {
        match millis.checked_mul(1000) {
            Some(micros) => Some(Timestamp { micros }),
            None => None,
        }
    }

    /// Microseconds since the epoch.
    pub const fn unix_micros(self) -> i64 {
        self.micros
    }

    /// Whole milliseconds since the epoch, rounded towards the past.
    pub const fn unix_millis(self) -> i64 {
        self.micros.div_euclid(1000)
    }

    /// The current time from the system clock.
    ///
    /// # Panics
    ///
    /// If the clock is set more than 292,000 years from 1970.
    pub fn now() -> Self {
        Timestamp::try_from(SystemTime::now()).expect("the system clock is within ±292,000 years")
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({}µs)", self.micros)
    }
}

impl TryFrom<SystemTime> for Timestamp {
    type Error = TimestampRangeError;

    fn try_from(time: SystemTime) -> Result<Self, Self::Error> {
        let micros = match time.duration_since(UNIX_EPOCH) {
            Ok(after) => i64::try_from(after.as_micros()).ok(),
            // Before the epoch: round towards the past so that ordering is kept.
            Err(before) => {
                let d = before.duration();
                let whole = i64::try_from(d.as_micros()).ok();
                let partial = d.subsec_nanos() % 1000 != 0;
                whole
                    .and_then(|m| m.checked_neg())
                    .and_then(|m| m.checked_sub(i64::from(partial)))
            }
        };
        micros
            .map(Timestamp::from_unix_micros)
            .ok_or(TimestampRangeError {
                micros: if time > UNIX_EPOCH {
                    i64::MAX
                } else {
                    i64::MIN
                },
                target: "tidings::Timestamp",
            })
    }
}

impl From<Timestamp> for SystemTime {
    fn from(ts: Timestamp) -> SystemTime {
        let magnitude = Duration::from_micros(ts.micros.unsigned_abs());
        if ts.micros >= 0 {
            UNIX_EPOCH + magnitude
        } else {
            UNIX_EPOCH - magnitude
        }
    }
}

#[cfg(feature = "chrono04")]
mod chrono04 {
    use super::{Timestamp, TimestampRangeError};
    use chrono::{DateTime, Utc};

    impl From<DateTime<Utc>> for Timestamp {
        fn from(time: DateTime<Utc>) -> Self {
            // chrono's range (±262,000 years) fits in i64 microseconds.
            Timestamp::from_unix_micros(time.timestamp_micros())
        }
    }

    impl TryFrom<Timestamp> for DateTime<Utc> {
        type Error = TimestampRangeError;
        fn try_from(ts: Timestamp) -> Result<Self, Self::Error> {
            DateTime::from_timestamp_micros(ts.unix_micros()).ok_or(TimestampRangeError {
                micros: ts.unix_micros(),
                target: "chrono::DateTime<Utc>",
            })
        }
    }
}

#[cfg(feature = "time03")]
mod time03 {
    use super::{Timestamp, TimestampRangeError};
    use time::OffsetDateTime;

    impl TryFrom<OffsetDateTime> for Timestamp {
        type Error = TimestampRangeError;
        fn try_from(time: OffsetDateTime) -> Result<Self, Self::Error> {
            let micros = time.unix_timestamp_nanos().div_euclid(1000);
            i64::try_from(micros)
                .map(Timestamp::from_unix_micros)
                .map_err(|_| TimestampRangeError {
                    micros: if micros > 0 { i64::MAX } else { i64::MIN },
                    target: "tidings::Timestamp",
                })
        }
    }

    impl TryFrom<Timestamp> for OffsetDateTime {
        type Error = TimestampRangeError;
        fn try_from(ts: Timestamp) -> Result<Self, Self::Error> {
            OffsetDateTime::from_unix_timestamp_nanos(i128::from(ts.unix_micros()) * 1000).map_err(
                |_| TimestampRangeError {
                    micros: ts.unix_micros(),
                    target: "time::OffsetDateTime",
                },
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_time_round_trips_on_both_sides_of_the_epoch() {
        for micros in [0, 1, -1, 1_700_000_000_123_456, -62_135_596_800_000_000] {
            let ts = Timestamp::from_unix_micros(micros);
            assert_eq!(Timestamp::try_from(SystemTime::from(ts)).unwrap(), ts);
        }
    }

    #[test]
    fn sub_microsecond_times_before_the_epoch_round_to_the_past() {
        let t = UNIX_EPOCH - Duration::from_nanos(1500);
        assert_eq!(Timestamp::try_from(t).unwrap().unix_micros(), -2);
    }

    #[test]
    fn millis_round_towards_the_past() {
        assert_eq!(Timestamp::from_unix_micros(-1).unix_millis(), -1);
        assert_eq!(Timestamp::from_unix_micros(1999).unix_millis(), 1);
        assert_eq!(Timestamp::from_unix_millis(i64::MAX), None);
    }
}
