//! What `upcast_from` generates calls: one upcast step, and the compile-time checks of the
//! predecessor, whose messages are built in `const` so they can name the types and versions.

use crate::Event;
use crate::upcast::{LineageError, UpcastError};
use std::error::Error;

/// A conversion from the previous major version of an event: any `From` or `TryFrom` impl whose
/// error is an error that can travel (a `From` impl's `Infallible` is one).
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no upcaster from `{Prev}`: implement `From<{Prev}> for {Self}` (or `TryFrom`, when an old event can be invalid)",
    label = "`upcast_from` needs `{Self}: From<{Prev}>` or `{Self}: TryFrom<{Prev}>`"
)]
pub trait UpcastFrom<Prev>: Sized {
    /// Turns the previous version into this one.
    fn upcast_from(previous: Prev) -> Result<Self, Box<dyn Error + Send + Sync>>;
}

impl<Prev, T> UpcastFrom<Prev> for T
where
    T: TryFrom<Prev>,
    T::Error: UpcastCause,
{
    fn upcast_from(previous: Prev) -> Result<Self, Box<dyn Error + Send + Sync>> {
        T::try_from(previous).map_err(UpcastCause::into_cause)
    }
}

/// A `TryFrom` upcaster's error, which a refused upcast carries as its cause. A trait of its own
/// so that a wrong error type is reported as such, rather than as a missing `From` impl (or as
/// `std::error::Error` missing on a type the user never named).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the cause of a refused upcast: a `TryFrom` upcaster's `Error` must be an error type (`std::error::Error + Send + Sync + 'static`) or a `String`",
    label = "the `TryFrom` impl for this `upcast_from` has `type Error = {Self}`",
    note = "give the `TryFrom` impl an error type that says why an old event cannot be upcast, such as an enum deriving `thiserror::Error`; a `From` impl needs none"
)]
pub trait UpcastCause {
    /// The error, boxed.
    fn into_cause(self) -> Box<dyn Error + Send + Sync>;
}

// Not recommended, so that rustc reports `UpcastCause` (with its message) rather than the bounds
// of this impl.
#[diagnostic::do_not_recommend]
impl<E: Into<Box<dyn Error + Send + Sync>>> UpcastCause for E {
    fn into_cause(self) -> Box<dyn Error + Send + Sync> {
        self.into()
    }
}

/// One step of a lineage: `previous`, decoded at version `from`, upcast to `Next`. `from` is
/// passed in rather than read from a `Prev: Event` bound, so that a predecessor that is no event
/// is reported once, by the derive's checks.
pub fn upcast<Prev, Next: Event + UpcastFrom<Prev>, D>(
    previous: Prev,
    from: u32,
) -> Result<Next, LineageError<D>> {
    Next::upcast_from(previous).map_err(|source| {
        LineageError::Upcast(UpcastError {
            event_type: Next::TYPE,
            from,
            to: Next::VERSION,
            source,
        })
    })
}

/// `upcast_from` names an event of another type: the message, else `None`.
pub const fn wrong_event_type(previous: &str, this: &str, path: &str) -> Option<Message> {
    if same_str(previous, this) {
        return None;
    }
    Some(
        Message::new()
            .push("`upcast_from` must name the previous major version of the same event type: `")
            .push(path)
            .push("` is `")
            .push(previous)
            .push("`, this event is `")
            .push(this)
            .push("`"),
    )
}

/// `upcast_from` names an event that is not exactly one major version older: the message, else
/// `None`.
pub const fn wrong_version(previous: u32, this: u32, path: &str) -> Option<Message> {
    let expected = this.saturating_sub(1);
    if previous == expected {
        return None;
    }
    let message = Message::new()
        .push("`upcast_from` must name the previous major version of this event, version ")
        .push_u32(expected)
        .push(": `")
        .push(path)
        .push("` is version ")
        .push_u32(previous);
    Some(if previous >= this {
        message
            .push(", and an event is upcast only from an older version (so `upcast_from` can never form a cycle)")
    } else {
        message
            .push("; upcasters go one major version at a time: name version ")
            .push_u32(expected)
            .push(" here, and give each version its own `upcast_from` down to version ")
            .push_u32(previous)
    })
}

/// Whether two strings are equal, in a `const` context: for the derives' compile-time checks.
pub const fn same_str(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// A compile-time error message: `const` code cannot format, so this appends into a fixed buffer
/// (long enough for any message with event types and paths of sane length; longer ones are cut
/// at a character boundary).
pub struct Message {
    bytes: [u8; 1024],
    len: usize,
    /// A part did not fit: what follows it would read as if it followed what was cut.
    cut: bool,
}

impl Message {
    pub(crate) const fn new() -> Self {
        Message {
            bytes: [0; 1024],
            len: 0,
            cut: false,
        }
    }

    pub(crate) const fn push(mut self, text: &str) -> Self {
        if self.cut {
            return self;
        }
        let text = text.as_bytes();
        let room = self.bytes.len() - self.len;
        let mut end = text.len();
        if end > room {
            self.cut = true;
            end = room;
            while end > 0 && text[end] & 0xC0 == 0x80 {
                end -= 1;
            }
        }
        let mut i = 0;
        while i < end {
            self.bytes[self.len + i] = text[i];
            i += 1;
        }
        self.len += end;
        self
    }

    const fn push_u32(self, mut n: u32) -> Self {
        let mut digits = [0u8; 10];
        let mut start = digits.len();
        loop {
            start -= 1;
            digits[start] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        match std::str::from_utf8(digits.split_at(start).1) {
            Ok(text) => self.push(text),
            Err(_) => self,
        }
    }

    /// The message so far.
    pub const fn as_str(&self) -> &str {
        match std::str::from_utf8(self.bytes.split_at(self.len).0) {
            Ok(text) => text,
            Err(_) => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Old(i64);
    struct Narrow(u8);
    struct Wide(i128);

    impl TryFrom<Old> for Narrow {
        type Error = String;
        fn try_from(old: Old) -> Result<Self, String> {
            u8::try_from(old.0)
                .map(Narrow)
                .map_err(|_| format!("{} is not a byte", old.0))
        }
    }

    impl From<Old> for Wide {
        fn from(old: Old) -> Self {
            Wide(old.0.into())
        }
    }

    #[test]
    fn a_string_error_is_the_cause_and_from_never_fails() {
        let cause = Narrow::upcast_from(Old(300)).err().unwrap();
        assert_eq!(cause.to_string(), "300 is not a byte");
        assert_eq!(Narrow::upcast_from(Old(7)).ok().map(|n| n.0), Some(7));
        assert_eq!(Wide::upcast_from(Old(-1)).ok().map(|w| w.0), Some(-1));
    }

    #[test]
    fn the_same_type_and_the_previous_version_pass() {
        assert!(wrong_event_type("order.placed", "order.placed", "v1::X").is_none());
        assert!(wrong_version(1, 2, "v1::X").is_none());
        assert!(wrong_version(41, 42, "v41::X").is_none());
    }

    #[test]
    fn another_type_is_named_with_both_types() {
        let message = wrong_event_type("order.cancelled", "order.placed", "v1::OrderCancelled");
        assert_eq!(
            message.unwrap().as_str(),
            "`upcast_from` must name the previous major version of the same event type: \
             `v1::OrderCancelled` is `order.cancelled`, this event is `order.placed`"
        );
        assert!(wrong_event_type("order.place", "order.placed", "X").is_some());
        assert!(wrong_event_type("order.placeD", "order.placed", "X").is_some());
    }

    #[test]
    fn a_skipped_or_newer_version_names_the_expected_one() {
        let skipped = wrong_version(1, 3, "v1::X").unwrap();
        assert!(skipped.as_str().starts_with(
            "`upcast_from` must name the previous major version of this event, version 2: \
             `v1::X` is version 1; upcasters go one major version at a time"
        ));
        let newer = wrong_version(4_294_967_295, 10, "Y").unwrap();
        assert!(
            newer
                .as_str()
                .contains("version 9: `Y` is version 4294967295, and an event")
        );
    }

    #[test]
    fn a_long_message_is_cut_at_a_character_boundary() {
        let long = "é".repeat(600);
        let message = wrong_event_type(&long, "t", "p").unwrap();
        assert!(message.as_str().len() <= 1024);
        assert!(message.as_str().len() > 1000);
        assert!(message.as_str().ends_with('é'));
    }
}
