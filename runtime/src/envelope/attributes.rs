//! The rules an envelope's metadata follows, shared by the builder, the Avro decoder and the
//! CloudEvents codecs: W3C `traceparent`, extension names, string values.

use std::fmt;

/// An envelope attribute with an invalid value, or an extension that cannot be added.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EnvelopeError {
    /// A required attribute is empty.
    #[error("`{attribute}` may not be empty")]
    Empty {
        /// The attribute.
        attribute: &'static str,
    },
    /// A string value holds a control character (CloudEvents forbids U+0000-U+001F and
    /// U+007F-U+009F in every string attribute).
    #[error("`{attribute}` holds the control character U+{code:04X} at character {index}")]
    ControlCharacter {
        /// The attribute or extension name.
        attribute: String,
        /// The code point.
        code: u32,
        /// Where, counted in characters from 0.
        index: usize,
    },
    /// A `traceparent` that is not W3C Trace Context `00-{32 hex}-{16 hex}-{2 hex}`.
    #[error("`traceparent` {value:?} is not a W3C trace context: {reason}")]
    InvalidTraceparent {
        /// The value given, cut to 64 characters.
        value: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// An extension name that CloudEvents does not allow.
    #[error("extension name {name:?} {reason}")]
    InvalidExtensionName {
        /// The name given, cut to 64 characters.
        name: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The `source` is not a URI-reference (RFC 3986).
    #[error("`source` {value:?} is not a URI-reference: {reason}")]
    InvalidSource {
        /// The value given, cut to 64 characters.
        value: String,
        /// What is wrong with it.
        reason: &'static str,
    },
}

/// Context attributes and the extensions an envelope maps to its own fields: none of them can be
/// set as a free-form extension.
pub(crate) const RESERVED_NAMES: [&str; 15] = [
    "eventversion",
    "specversion",
    "id",
    "source",
    "type",
    "datacontenttype",
    "dataschema",
    "subject",
    "time",
    "data",
    "data_base64",
    "correlationid",
    "causationid",
    "traceparent",
    "partitionkey",
];

/// The longest extension name CloudEvents promises every implementation accepts.
pub const MAX_EXTENSION_NAME_LEN: usize = 20;

/// At most this many free-form extensions per envelope: they travel in every message.
pub const MAX_EXTENSIONS: usize = 64;

/// Fails if `value` is empty.
pub(crate) fn non_empty(attribute: &'static str, value: &str) -> Result<(), EnvelopeError> {
    if value.is_empty() {
        return Err(EnvelopeError::Empty { attribute });
    }
    Ok(())
}

/// Fails if `value` holds a control character.
pub(crate) fn no_control_characters(attribute: &str, value: &str) -> Result<(), EnvelopeError> {
    match value.chars().enumerate().find(|(_, c)| c.is_control()) {
        Some((index, c)) => Err(EnvelopeError::ControlCharacter {
            attribute: cut(attribute),
            code: u32::from(c),
            index,
        }),
        None => Ok(()),
    }
}

/// A non-empty string attribute without control characters.
pub(crate) fn text(attribute: &'static str, value: &str) -> Result<(), EnvelopeError> {
    non_empty(attribute, value)?;
    no_control_characters(attribute, value)
}

/// Checks a W3C Trace Context `traceparent` of version `00`: lowercase hex, neither the trace ID
/// nor the parent ID all zeros.
pub fn validate_traceparent(value: &str) -> Result<(), EnvelopeError> {
    let invalid = |reason| EnvelopeError::InvalidTraceparent {
        value: cut(value),
        reason,
    };
    let parts: Vec<&str> = value.split('-').collect();
    let [version, trace_id, parent_id, flags] = parts[..] else {
        return Err(invalid("expected four fields separated by `-`"));
    };
    if version != "00" {
        return Err(invalid("only version `00` is defined"));
    }
    for (field, len, name) in [
        (trace_id, 32, "the trace ID must be 32 lowercase hex digits"),
        (
            parent_id,
            16,
            "the parent ID must be 16 lowercase hex digits",
        ),
        (flags, 2, "the flags must be 2 lowercase hex digits"),
    ] {
        let hex = field
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if field.len() != len || !hex {
            return Err(invalid(name));
        }
    }
    if trace_id.bytes().all(|b| b == b'0') {
        return Err(invalid("the trace ID may not be all zeros"));
    }
    if parent_id.bytes().all(|b| b == b'0') {
        return Err(invalid("the parent ID may not be all zeros"));
    }
    Ok(())
}

/// Checks an extension name: 1 to 20 of `[a-z0-9]`, and not one of the attributes an envelope
/// maps itself.
pub fn validate_extension_name(name: &str) -> Result<(), EnvelopeError> {
    let invalid = |reason| EnvelopeError::InvalidExtensionName {
        name: cut(name),
        reason,
    };
    if name.is_empty() {
        return Err(invalid("is empty"));
    }
    if !name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return Err(invalid("may only hold lowercase ASCII letters and digits"));
    }
    if name.len() > MAX_EXTENSION_NAME_LEN {
        return Err(invalid("is longer than 20 characters"));
    }
    if RESERVED_NAMES.contains(&name) {
        return Err(invalid(
            "is a CloudEvents attribute or one the envelope sets itself",
        ));
    }
    Ok(())
}

/// Checks that `value` is a URI-reference (RFC 3986 section 4.1): a URI or a relative reference,
/// made of URI characters and well-formed percent escapes. `order-service`, `/orders` and
/// `https://acme.com/orders` pass; `my service` does not.
pub fn validate_uri_reference(value: &str) -> Result<(), UriError> {
    match uri_reference_error(value) {
        Some(reason) => Err(UriError(reason)),
        None => Ok(()),
    }
}

/// Why `value` is not a URI-reference, if it is not. A `const fn`, so that the derive can check an
/// event's `source` at compile time.
pub const fn uri_reference_error(value: &str) -> Option<&'static str> {
    let bytes = value.as_bytes();
    if bytes.is_empty() {
        return Some("is empty");
    }
    if let Some(reason) = uri_characters_error(bytes) {
        return Some(reason);
    }
    // A colon before any `/`, `?` or `#` makes what precedes it a scheme, which must be valid.
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' | b'?' | b'#' => return None,
            b':' => return scheme_error(bytes, i),
            _ => i += 1,
        }
    }
    None
}

/// Checks that `value` is an absolute URI (RFC 3986 section 4.3): a scheme, then the rest.
pub fn validate_absolute_uri(value: &str) -> Result<(), UriError> {
    let bytes = value.as_bytes();
    if let Some(reason) = uri_characters_error(bytes) {
        return Err(UriError(reason));
    }
    let Some(colon) = value.find(':') else {
        return Err(UriError("has no scheme"));
    };
    if let Some(reason) = scheme_error(bytes, colon) {
        return Err(UriError(reason));
    }
    if value.contains('#') {
        return Err(UriError("has a fragment, which an absolute URI may not"));
    }
    Ok(())
}

/// Why a string is not the URI it must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UriError(pub &'static str);

impl fmt::Display for UriError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// The scheme is `bytes[..end]`: a letter, then letters, digits, `+`, `-` or `.`.
const fn scheme_error(bytes: &[u8], end: usize) -> Option<&'static str> {
    const REASON: &str =
        "has a scheme that is not a letter followed by letters, digits, `+`, `-` or `.`";
    if end == 0 || !bytes[0].is_ascii_alphabetic() {
        return Some(REASON);
    }
    let mut i = 1;
    while i < end {
        let b = bytes[i];
        if !(b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.') {
            return Some(REASON);
        }
        i += 1;
    }
    None
}

const fn uri_characters_error(bytes: &[u8]) -> Option<&'static str> {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            if i + 2 >= bytes.len()
                || !bytes[i + 1].is_ascii_hexdigit()
                || !bytes[i + 2].is_ascii_hexdigit()
            {
                return Some("has a `%` not followed by two hex digits");
            }
            i += 3;
            continue;
        }
        let allowed = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b':'
                    | b'/'
                    | b'?'
                    | b'#'
                    | b'['
                    | b']'
                    | b'@'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
            );
        if !allowed {
            return Some("holds a character URIs do not allow unescaped");
        }
        i += 1;
    }
    None
}

/// A value for an error message: at most 64 characters.
fn cut(value: &str) -> String {
    value.chars().take(64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: &str = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    #[test]
    fn the_w3c_example_traceparent_is_valid() {
        assert_eq!(validate_traceparent(VALID), Ok(()));
    }

    #[test]
    fn malformed_traceparents_say_what_is_wrong() {
        let reason = |value: &str| match validate_traceparent(value) {
            Err(EnvelopeError::InvalidTraceparent { reason, .. }) => reason,
            other => panic!("{value}: {other:?}"),
        };
        assert!(reason("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").contains("00"));
        assert!(
            reason("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01").contains("trace ID")
        );
        assert!(
            reason("00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01").contains("trace ID")
        );
        assert!(
            reason("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01").contains("parent ID")
        );
        assert!(reason("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1").contains("flags"));
        assert!(
            reason("00-00000000000000000000000000000000-00f067aa0ba902b7-01").contains("zeros")
        );
        assert!(
            reason("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01").contains("zeros")
        );
        assert!(reason("00-4bf92f3577b34da6a3ce929d0e0e4736").contains("four"));
        assert!(reason("").contains("four"));
    }

    #[test]
    fn extension_names_follow_cloudevents() {
        assert_eq!(validate_extension_name("tenant"), Ok(()));
        assert_eq!(validate_extension_name("a1b2c3d4e5f6g7h8i9j0"), Ok(()));
        for bad in [
            "",
            "Tenant",
            "tenant_id",
            "tenant-id",
            "a1b2c3d4e5f6g7h8i9j0k",
            "té",
        ] {
            assert!(validate_extension_name(bad).is_err(), "{bad}");
        }
        for reserved in RESERVED_NAMES {
            assert!(validate_extension_name(reserved).is_err(), "{reserved}");
        }
    }

    #[test]
    fn control_characters_are_found_by_character_index() {
        assert_eq!(
            no_control_characters("subject", "é\u{7}"),
            Err(EnvelopeError::ControlCharacter {
                attribute: "subject".into(),
                code: 7,
                index: 1
            })
        );
        assert!(no_control_characters("subject", "a\u{85}b").is_err());
        assert_eq!(no_control_characters("subject", "order 42 ✓"), Ok(()));
    }

    #[test]
    fn uri_references_and_absolute_uris() {
        for ok in [
            "order-service",
            "/orders",
            "https://acme.com/orders?x=1#f",
            "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66",
            "mailto:x@y.z",
            "a%20b",
            "./x:y",
        ] {
            assert_eq!(validate_uri_reference(ok), Ok(()), "{ok}");
        }
        for bad in ["", "my service", "a%2", "1http://x", "é", "x\ny"] {
            assert!(validate_uri_reference(bad).is_err(), "{bad}");
        }
        assert_eq!(validate_absolute_uri("https://acme.com/s.avsc"), Ok(()));
        assert_eq!(validate_absolute_uri("urn:avro:com.acme.X"), Ok(()));
        for bad in ["/relative", "schema.avsc", "https://x/#frag", "9x:y"] {
            assert!(validate_absolute_uri(bad).is_err(), "{bad}");
        }
    }
}
