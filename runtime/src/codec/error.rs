//! Why a datum could not be decoded, and where.

use std::fmt;

/// A datum could not be decoded: truncated, corrupt, or not written with this type's schema.
///
/// Carries the byte offset where decoding stopped and the path of fields and items that led there
/// (`lines[2].sku`), so a bad message can be found and explained. Boxed, so `Result<T, DecodeError>`
/// stays one pointer wide on the hot path.
#[derive(Clone, PartialEq, Eq)]
pub struct DecodeError(Box<Inner>);

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    kind: DecodeErrorKind,
    offset: usize,
    /// Innermost segment first: segments are pushed while the error travels outwards.
    path: Vec<PathSegment>,
}

/// One step of the path to a value: a record field, an array item, a map entry.
#[derive(Clone, PartialEq, Eq)]
pub(super) enum PathSegment {
    Field(&'static str),
    Index(usize),
    Key(String),
}

/// What went wrong while decoding.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The input ended inside a value.
    #[error("unexpected end of input: {needed} byte(s) missing")]
    UnexpectedEof {
        /// How many bytes the value needed beyond the end.
        needed: usize,
    },
    /// A variable-length integer ran past ten bytes or past 64 bits.
    #[error("variable-length integer is longer than 64 bits")]
    VarintOverflow,
    /// An integer does not fit the Rust type it is read into.
    #[error("integer {value} is out of range for {target}")]
    IntegerOutOfRange {
        /// The value on the wire.
        value: i64,
        /// The Rust type that cannot hold it.
        target: &'static str,
    },
    /// A length or item count is negative where it may not be.
    #[error("negative length {0}")]
    NegativeLength(i64),
    /// A length or item count promises more than the rest of the input could hold.
    #[error("length {length} exceeds the {remaining} bytes left in the input")]
    LengthExceedsInput {
        /// The length on the wire.
        length: i64,
        /// The bytes left after it.
        remaining: usize,
    },
    /// An array or map block holds more items than the rest of the input (or the block's
    /// declared size) could encode, even at the smallest encoding of its item type.
    #[error("{count} items need at least {needed} bytes, but only {remaining} are left")]
    ItemsExceedInput {
        /// The item count on the wire.
        count: i64,
        /// The fewest bytes that many items take.
        needed: u64,
        /// The bytes left for them.
        remaining: usize,
    },
    /// More items that take no bytes (empty records, zero-size `fixed`) than one datum may hold.
    #[error(
        "{count} more items of a type that takes no bytes would pass the limit of {limit} such \
         items per datum"
    )]
    TooManyZeroWidthItems {
        /// The item count on the wire.
        count: i64,
        /// [`MAX_ZERO_WIDTH_ITEMS`](crate::codec::MAX_ZERO_WIDTH_ITEMS).
        limit: usize,
    },
    /// The items of an array or map block did not fill the size in bytes its header declared.
    #[error("array or map block declares {declared} bytes, but its items take {actual}")]
    BlockSizeMismatch {
        /// The size on the wire.
        declared: usize,
        /// The bytes the items took.
        actual: usize,
    },
    /// A `string` is not valid UTF-8.
    #[error("string is not valid UTF-8")]
    InvalidUtf8,
    /// A `boolean` byte is neither 0 nor 1.
    #[error("boolean byte {0:#04x} is neither 0 nor 1")]
    InvalidBool(u8),
    /// An enum symbol index is outside the enum's symbols.
    #[error("enum index {index} is outside the {symbols} symbols of {name}")]
    InvalidEnumIndex {
        /// The index on the wire.
        index: i64,
        /// How many symbols the enum has.
        symbols: usize,
        /// The enum's Avro name.
        name: &'static str,
    },
    /// A union branch index is outside the union's branches.
    #[error("union branch {index} is outside the {branches} branches")]
    InvalidUnionIndex {
        /// The index on the wire.
        index: i64,
        /// How many branches the union has.
        branches: usize,
    },
    /// A value does not satisfy its logical type (a malformed UUID, an out-of-range timestamp).
    #[error("invalid {logical_type}: {reason}")]
    InvalidLogicalValue {
        /// The Avro logical type.
        logical_type: &'static str,
        /// Why the value was rejected.
        reason: String,
    },
    /// An envelope holds another event than the one it is decoded as: its `type` or `version`
    /// field is not the event's.
    #[error("the envelope's `{field}` is {found:?}, not {expected:?}: it holds another event")]
    WrongEvent {
        /// `type` or `version`.
        field: &'static str,
        /// What the event type decoded as has.
        expected: String,
        /// What the envelope holds (its first 64 characters).
        found: String,
    },
    /// An envelope's metadata breaks a rule every envelope keeps (a malformed `traceparent`, an
    /// invalid extension name).
    #[error("invalid envelope metadata: {0}")]
    InvalidEnvelope(crate::EnvelopeError),
    /// A map holds the same key twice (its first 64 characters).
    #[error("duplicate map key {0:?}")]
    DuplicateMapKey(String),
    /// Records or unions nest deeper than [`MAX_DEPTH`](crate::codec::MAX_DEPTH).
    #[error("values nest deeper than {0} levels")]
    TooDeep(usize),
    /// Bytes remain after the datum.
    #[error("{0} bytes remain after the datum")]
    TrailingBytes(usize),
    /// A [`HistoricEvent`](crate::upcast::HistoricEvent)'s datum, sound in structure, was
    /// refused by apache-avro's generic reader (an invalid string, a logical value out of range).
    #[error("the generic reader refused the datum: {0}")]
    GenericValue(String),
    /// Schema resolution: the writer wrote an enum symbol the reader's enum lacks, and the
    /// reader's enum has no default symbol to read it as.
    #[error(
        "symbol {symbol:?} of the writer's enum {name} is not the reader's, which has no default"
    )]
    UnknownEnumSymbol {
        /// The writer's symbol.
        symbol: String,
        /// The writer enum's full name.
        name: String,
    },
    /// Schema resolution: the writer wrote a union branch that matches no branch of the reader's
    /// union (or, for a reader that is not a union, is not the reader's type).
    #[error("the writer's union branch {index} ({branch}) matches nothing the reader reads")]
    UnreadableUnionBranch {
        /// The branch index on the wire.
        index: usize,
        /// The branch's type: `string`, or a named type's full name.
        branch: String,
    },
}

impl DecodeError {
    /// An error of `kind` found at byte `offset`.
    #[cold]
    pub fn new(kind: DecodeErrorKind, offset: usize) -> Self {
        DecodeError(Box::new(Inner {
            kind,
            offset,
            path: Vec::new(),
        }))
    }

    /// What went wrong.
    pub fn kind(&self) -> &DecodeErrorKind {
        &self.0.kind
    }

    /// The byte offset in the input where decoding stopped.
    pub fn offset(&self) -> usize {
        self.0.offset
    }

    /// The path to the value that failed, outermost first, as `lines[2].sku`; empty at the top.
    pub fn path(&self) -> String {
        render_path(self.0.path.iter().rev())
    }

    /// Records that the error happened inside the record field `name`.
    #[cold]
    pub fn in_field(mut self, name: &'static str) -> Self {
        self.0.path.push(PathSegment::Field(name));
        self
    }

    /// Records that the error happened inside item `index` of an array.
    #[cold]
    pub fn in_item(mut self, index: usize) -> Self {
        self.0.path.push(PathSegment::Index(index));
        self
    }

    /// Records that the error happened inside the map value under `key`.
    #[cold]
    pub fn in_key(mut self, key: &str) -> Self {
        self.0.path.push(PathSegment::Key(key_excerpt(key)));
        self
    }
}

/// How many characters of a map key a path keeps.
const MAX_KEY_CHARS: usize = 64;

/// A map key from the wire, as errors keep it: enough to find it, not a copy of hostile input.
pub(crate) fn key_excerpt(key: &str) -> String {
    match key.char_indices().nth(MAX_KEY_CHARS) {
        Some((end, _)) => format!("{}…", &key[..end]),
        None => key.to_owned(),
    }
}

/// How many segments `Display` shows at each end of a longer path.
const SHOWN_SEGMENTS: usize = 6;

/// Segments, outermost first, as `lines[2].sku`.
pub(super) fn render_path<'a>(segments: impl Iterator<Item = &'a PathSegment>) -> String {
    let mut path = String::new();
    for segment in segments {
        match segment {
            PathSegment::Field(name) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(name);
            }
            PathSegment::Index(i) => path.push_str(&format!("[{i}]")),
            PathSegment::Key(key) => path.push_str(&format!("[{key:?}]")),
        }
    }
    path
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid Avro datum at byte {}", self.0.offset)?;
        write_path(f, &self.0.path)?;
        write!(f, ": {}", self.0.kind)
    }
}

/// ` in `lines[2].sku``, from segments innermost first; nothing for an empty path.
pub(super) fn write_path(f: &mut fmt::Formatter<'_>, segments: &[PathSegment]) -> fmt::Result {
    if segments.len() > 2 * SHOWN_SEGMENTS {
        // Deep nesting (the usual cause of `TooDeep`): the two ends say where it happened.
        let outer = render_path(segments.iter().rev().take(SHOWN_SEGMENTS));
        let inner = render_path(segments[..SHOWN_SEGMENTS].iter().rev());
        let hidden = segments.len() - 2 * SHOWN_SEGMENTS;
        write!(f, " in `{outer} … {hidden} more … {inner}`")
    } else if !segments.is_empty() {
        write!(f, " in `{}`", render_path(segments.iter().rev()))
    } else {
        Ok(())
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("kind", &self.0.kind)
            .field("offset", &self.0.offset)
            .field("path", &self.path())
            .finish()
    }
}

impl std::error::Error for DecodeError {}

impl DecodeError {
    /// The same error at another offset: for a decoder that ran over bytes derived from the
    /// input (a schema resolution's transcoded datum, a datum inside a larger message) and
    /// reports where the input went wrong.
    #[cold]
    pub fn with_offset(mut self, offset: usize) -> Self {
        self.0.offset = offset;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_offset_path_and_cause() {
        let err = DecodeError::new(DecodeErrorKind::InvalidUtf8, 17)
            .in_field("sku")
            .in_item(2)
            .in_field("lines");
        assert_eq!(err.path(), "lines[2].sku");
        assert_eq!(
            err.to_string(),
            "invalid Avro datum at byte 17 in `lines[2].sku`: string is not valid UTF-8"
        );
    }

    #[test]
    fn display_shortens_deep_paths_and_long_keys() {
        let mut err = DecodeError::new(DecodeErrorKind::TooDeep(128), 300).in_field("value");
        for _ in 0..127 {
            err = err.in_field("next");
        }
        let err = err.in_key(&"k".repeat(1000));
        assert_eq!(err.path().matches("next").count(), 127);
        let shown = err.to_string();
        assert_eq!(
            shown,
            format!(
                "invalid Avro datum at byte 300 in `[\"{}…\"].next.next.next.next.next \
                 … 117 more … next.next.next.next.next.value`: values nest deeper than 128 levels",
                "k".repeat(64)
            )
        );
    }

    #[test]
    fn result_stays_small() {
        assert_eq!(size_of::<DecodeError>(), size_of::<usize>());
    }
}
