//! Why a value could not be encoded, and where.

use super::error::{PathSegment, key_excerpt, render_path, write_path};
use std::fmt;

/// A value does not fit its schema, so tidings will not write it: a `Decimal` with more digits
/// than its declared precision, an instant outside what its logical type holds.
///
/// Carries the path of fields and items that led to the value (`lines[2].price`). Boxed, so
/// `Result<(), EncodeError>` stays one pointer wide on the hot path.
#[derive(Clone, PartialEq, Eq)]
pub struct EncodeError(Box<Inner>);

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    kind: EncodeErrorKind,
    /// Innermost segment first: segments are pushed while the error travels outwards.
    path: Vec<PathSegment>,
}

/// What was wrong with the value.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeErrorKind {
    /// A decimal has more digits than its `#[avro(precision = P)]` after rounding half-to-even
    /// to its scale.
    #[error(
        "{value} does not fit decimal({precision}, {scale}): rounded to {scale} decimal places \
         it has more than {precision} digits; check the value where it enters the service, or \
         widen the field's precision"
    )]
    DecimalOutOfRange {
        /// The value, as `Decimal` displays it.
        value: String,
        /// The field's declared precision.
        precision: u32,
        /// The field's declared scale.
        scale: u32,
    },
    /// An instant lies outside the ±292,000 years around 1970 that a `timestamp-micros` (and
    /// [`Timestamp`](crate::Timestamp)) can hold.
    #[error("{value} is outside the range of an Avro timestamp (±292,000 years around 1970)")]
    InstantOutOfRange {
        /// The instant, as its type displays it.
        value: String,
    },
    /// A generic value ([`HistoricEvent`](crate::upcast::HistoricEvent)) does not match its
    /// schema.
    #[error("the value does not match its schema: {reason}")]
    ValueDoesNotFitSchema {
        /// apache-avro's reason.
        reason: String,
    },
}

impl EncodeError {
    /// An error of `kind`, at the top of the value until the path is added.
    #[cold]
    pub fn new(kind: EncodeErrorKind) -> Self {
        EncodeError(Box::new(Inner {
            kind,
            path: Vec::new(),
        }))
    }

    /// What was wrong.
    pub fn kind(&self) -> &EncodeErrorKind {
        &self.0.kind
    }

    /// The path to the value that failed, outermost first, as `lines[2].price`; empty at the top.
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

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot encode the value")?;
        write_path(f, &self.0.path)?;
        write!(f, ": {}", self.0.kind)
    }
}

impl fmt::Debug for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EncodeError")
            .field("kind", &self.0.kind)
            .field("path", &self.path())
            .finish()
    }
}

impl std::error::Error for EncodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn too_wide() -> EncodeError {
        EncodeError::new(EncodeErrorKind::DecimalOutOfRange {
            value: "1000.00".into(),
            precision: 5,
            scale: 2,
        })
    }

    #[test]
    fn display_names_the_path_and_the_fix() {
        let err = too_wide().in_field("price").in_item(2).in_field("lines");
        assert_eq!(err.path(), "lines[2].price");
        assert_eq!(
            err.to_string(),
            "cannot encode the value in `lines[2].price`: 1000.00 does not fit decimal(5, 2): \
             rounded to 2 decimal places it has more than 5 digits; check the value where it \
             enters the service, or widen the field's precision"
        );
        assert!(
            too_wide()
                .to_string()
                .starts_with("cannot encode the value: 1000.00")
        );
    }

    #[test]
    fn map_keys_are_quoted() {
        assert_eq!(
            too_wide().in_key("eu").in_field("prices").path(),
            "prices[\"eu\"]"
        );
    }

    #[test]
    fn result_stays_small() {
        assert_eq!(size_of::<Result<(), EncodeError>>(), size_of::<usize>());
    }
}
