//! [`Timestamp`] as RFC 3339 text (`2026-12-01T08:30:00.123456Z`), the form CloudEvents' `time`
//! takes. Civil dates are computed with Howard Hinnant's `days_from_civil` algorithms, so no date
//! library is needed.

use crate::Timestamp;
use std::fmt::Write;

const MICROS_PER_SECOND: i64 = 1_000_000;
const SECONDS_PER_DAY: i64 = 86_400;

/// Text that is not an RFC 3339 date-time, or one outside what a [`Timestamp`] holds.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not an RFC 3339 date-time: {reason}")]
pub struct Rfc3339Error {
    /// The text, cut to 64 characters.
    pub value: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl Timestamp {
    /// The instant in UTC as RFC 3339 text: `2026-12-01T08:30:00Z`, with six fraction digits
    /// when it is not a whole second (`2026-12-01T08:30:00.000123Z`).
    ///
    /// `None` outside the years 0000 to 9999, which RFC 3339 cannot write.
    pub fn to_rfc3339(self) -> Option<String> {
        let micros = self.unix_micros();
        let seconds = micros.div_euclid(MICROS_PER_SECOND);
        let fraction = micros.rem_euclid(MICROS_PER_SECOND);
        let days = seconds.div_euclid(SECONDS_PER_DAY);
        let second_of_day = seconds.rem_euclid(SECONDS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        if !(0..=9999).contains(&year) {
            return None;
        }
        let mut text = String::with_capacity(27);
        let (h, m, s) = (
            second_of_day / 3600,
            second_of_day / 60 % 60,
            second_of_day % 60,
        );
        write!(text, "{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}").ok()?;
        if fraction != 0 {
            write!(text, ".{fraction:06}").ok()?;
        }
        text.push('Z');
        Some(text)
    }

    /// Parses an RFC 3339 date-time (`2026-12-01T09:30:00.5+01:00`, `...Z`). Fraction digits
    /// past the sixth are dropped (towards the past); a leap second `:60` reads as `:59` plus
    /// its fraction, as most systems that cannot represent it do.
    pub fn parse_rfc3339(text: &str) -> Result<Timestamp, Rfc3339Error> {
        parse(text.as_bytes()).map_err(|reason| Rfc3339Error {
            value: text.chars().take(64).collect(),
            reason,
        })
    }
}

/// JSON and other serde formats see a [`Timestamp`] as RFC 3339 text, as CloudEvents' `time` is;
/// an instant outside the years 0000 to 9999 cannot be serialized.
impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.to_rfc3339() {
            Some(text) => serializer.serialize_str(&text),
            None => Err(serde::ser::Error::custom(format_args!(
                "{self:?} is outside the years RFC 3339 can write"
            ))),
        }
    }
}

/// Reads RFC 3339 text, as [`Timestamp::parse_rfc3339`] does.
impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Timestamp::parse_rfc3339(&text).map_err(serde::de::Error::custom)
    }
}

fn parse(b: &[u8]) -> Result<Timestamp, &'static str> {
    const SHAPE: &str = "expected YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)";
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[13] != b':' || b[16] != b':' {
        return Err(SHAPE);
    }
    if !matches!(b[10], b'T' | b't') {
        return Err("expected `T` between the date and the time");
    }
    let year = digits(&b[0..4]).ok_or(SHAPE)?;
    let month = digits(&b[5..7]).ok_or(SHAPE)?;
    let day = digits(&b[8..10]).ok_or(SHAPE)?;
    let hour = digits(&b[11..13]).ok_or(SHAPE)?;
    let minute = digits(&b[14..16]).ok_or(SHAPE)?;
    let second = digits(&b[17..19]).ok_or(SHAPE)?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return Err("the date does not exist");
    }
    if hour > 23 || minute > 59 || second > 60 {
        return Err("the time of day does not exist");
    }
    let mut rest = &b[19..];
    let mut fraction = 0;
    if let [b'.', tail @ ..] = rest {
        let len = tail.iter().take_while(|c| c.is_ascii_digit()).count();
        if len == 0 {
            return Err("expected digits after `.`");
        }
        let kept = &tail[..len.min(6)];
        fraction = digits(kept).ok_or(SHAPE)? * 10_i64.pow(6 - kept.len() as u32);
        rest = &tail[len..];
    }
    let offset_minutes = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let hours = digits(&[*h1, *h2]).ok_or(SHAPE)?;
            let minutes = digits(&[*m1, *m2]).ok_or(SHAPE)?;
            if hours > 23 || minutes > 59 {
                return Err("the offset does not exist");
            }
            let offset = hours * 60 + minutes;
            if *sign == b'-' { -offset } else { offset }
        }
        _ => return Err("expected `Z` or an offset `+HH:MM` after the time"),
    };
    let days = days_from_civil(year, month, day);
    let seconds =
        days * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second.min(59) - offset_minutes * 60;
    // Four-digit years keep this far inside i64 microseconds.
    Ok(Timestamp::from_unix_micros(
        seconds * MICROS_PER_SECOND + fraction,
    ))
}

fn digits(b: &[u8]) -> Option<i64> {
    b.iter().try_fold(0, |n, c| {
        c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0'))
    })
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian date `days` after 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(micros: i64) -> Timestamp {
        Timestamp::from_unix_micros(micros)
    }

    #[test]
    fn formats_whole_seconds_and_fractions() {
        assert_eq!(ts(0).to_rfc3339().unwrap(), "1970-01-01T00:00:00Z");
        assert_eq!(ts(-1).to_rfc3339().unwrap(), "1969-12-31T23:59:59.999999Z");
        assert_eq!(
            ts(1_764_577_800_000_123).to_rfc3339().unwrap(),
            "2025-12-01T08:30:00.000123Z"
        );
        assert_eq!(
            ts(951_782_400_000_000).to_rfc3339().unwrap(),
            "2000-02-29T00:00:00Z"
        );
        assert_eq!(ts(i64::MAX).to_rfc3339(), None);
        assert_eq!(
            ts(-62_167_219_200_000_000).to_rfc3339().unwrap(),
            "0000-01-01T00:00:00Z"
        );
        assert_eq!(ts(-62_167_219_200_000_001).to_rfc3339(), None);
    }

    #[test]
    fn parses_offsets_fractions_and_case() {
        let expected = ts(1_764_577_800_500_000);
        for text in [
            "2025-12-01T08:30:00.5Z",
            "2025-12-01t08:30:00.500000z",
            "2025-12-01T09:30:00.5+01:00",
            "2025-12-01T03:00:00.5-05:30",
            "2025-12-01T08:30:00.500000999Z",
        ] {
            assert_eq!(Timestamp::parse_rfc3339(text), Ok(expected), "{text}");
        }
        assert_eq!(
            Timestamp::parse_rfc3339("2016-12-31T23:59:60Z"),
            Timestamp::parse_rfc3339("2016-12-31T23:59:59Z")
        );
    }

    #[test]
    fn round_trips_across_the_range() {
        for micros in [
            0,
            1,
            -1,
            86_399_999_999,
            1_700_000_000_123_456,
            -62_135_596_800_000_000,
            253_402_300_799_999_999,
        ] {
            let text = ts(micros).to_rfc3339().unwrap();
            assert_eq!(Timestamp::parse_rfc3339(&text), Ok(ts(micros)), "{text}");
        }
    }

    #[test]
    fn serde_sees_rfc3339_text() {
        let time = ts(1_764_577_800_000_123);
        let json = serde_json::to_string(&time).unwrap();
        assert_eq!(json, "\"2025-12-01T08:30:00.000123Z\"");
        assert_eq!(serde_json::from_str::<Timestamp>(&json).unwrap(), time);
        assert!(serde_json::to_string(&ts(i64::MIN)).is_err());
        assert!(serde_json::from_str::<Timestamp>("\"noon\"").is_err());
    }

    #[test]
    fn rejects_what_is_not_a_date_time() {
        for bad in [
            "",
            "2025-12-01",
            "2025-12-01T08:30:00",
            "2025-12-01 08:30:00Z",
            "2025-13-01T08:30:00Z",
            "2025-02-29T08:30:00Z",
            "2025-12-01T24:00:00Z",
            "2025-12-01T08:30:00.Z",
            "2025-12-01T08:30:00+0100",
            "2025-12-01T08:30:00+24:00",
            "2025-12-01T08:30:00Zjunk",
            "+025-12-01T08:30:00Z",
            "２０２５-12-01T08:30:00Z",
        ] {
            assert!(Timestamp::parse_rfc3339(bad).is_err(), "{bad}");
        }
    }
}
