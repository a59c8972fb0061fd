//! The compile-time check of `#[derive(EventStream)]`.

use super::{Message, same_str};

/// Two variants of one stream hold events of the same type: the message, else `None`.
pub const fn same_event_type(
    event_type: &str,
    other: &str,
    variant: &str,
    other_variant: &str,
) -> Option<Message> {
    if !same_str(event_type, other) {
        return None;
    }
    Some(
        Message::new()
            .push("variants `")
            .push(other_variant)
            .push("` and `")
            .push(variant)
            .push("` both hold `")
            .push(event_type)
            .push("` events, and a stream tells its variants apart by event type: keep one variant per type, its latest version, and read older versions through `upcast_from`"),
    )
}
