//! Why a writer's schema cannot be resolved against a reader's, and why a datum could not be
//! decoded through a resolution.

use crate::canonical::Fingerprint;
use crate::codec::DecodeError;

/// The writer's schema cannot be read as the reader's: found when the [`Plan`](super::Plan) is
/// built, before any datum is read.
///
/// `path` names the reader's field or item where resolution failed (`lines[].sku`; empty for the
/// whole schema), so the schema change that broke compatibility can be found.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cannot resolve the writer's schema {}: {kind}", at(path))]
pub struct PlanError {
    path: String,
    kind: PlanErrorKind,
}

fn at(path: &str) -> String {
    if path.is_empty() {
        "as a whole".to_owned()
    } else {
        format!("at `{path}`")
    }
}

/// What makes a writer's schema unreadable as the reader's.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PlanErrorKind {
    /// A reader field that the writer does not have (under its name or an alias) has no default.
    #[error(
        "the writer has no field `{field}` (or an alias of it) and the reader gives no default"
    )]
    MissingDefault {
        /// The reader's field.
        field: String,
    },
    /// A reader field's default does not fit the field's schema.
    #[error("the default of field `{field}` does not fit its schema: {reason}")]
    InvalidDefault {
        /// The reader's field.
        field: String,
        /// What does not fit.
        reason: String,
    },
    /// The writer's type is neither the reader's nor promotable to it, nor a branch of the
    /// reader's union.
    #[error("the writer's {writer} cannot be read as the reader's {reader}")]
    TypeMismatch {
        /// The writer's type: `string`, `record`.
        writer: &'static str,
        /// The reader's type.
        reader: &'static str,
    },
    /// Two named types whose names differ and that no reader alias relates.
    #[error(
        "the writer's `{writer}` is not the reader's `{reader}` (names differ; a reader alias \
         renames)"
    )]
    NameMismatch {
        /// The writer's full name.
        writer: String,
        /// The reader's full name.
        reader: String,
    },
    /// Two `fixed` types of different sizes.
    #[error("the writer's fixed has {writer} bytes, the reader's {reader}")]
    FixedSizeMismatch {
        /// The writer's size.
        writer: usize,
        /// The reader's size.
        reader: usize,
    },
    /// A name that neither schema defines (a schema parsed with `Schema::parse_list` alone).
    #[error("`{0}` is not defined in the schema")]
    UnresolvedReference(String),
    /// The schemas nest deeper than [`MAX_DEPTH`](crate::codec::MAX_DEPTH).
    #[error("the schemas nest deeper than {0} levels")]
    TooDeep(usize),
}

impl PlanError {
    pub(super) fn new(kind: PlanErrorKind, path: String) -> Self {
        PlanError { path, kind }
    }

    /// What makes the schemas incompatible.
    pub fn kind(&self) -> &PlanErrorKind {
        &self.kind
    }

    /// The reader's field or item path where resolution failed: `lines[].sku`, `tags{}`; `|1`
    /// names a union branch; empty for the whole schema.
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// A datum written with another schema could not be decoded as the reader's type.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResolveError {
    /// The writer's schema cannot be read as the reader's type.
    #[error(transparent)]
    Plan(#[from] PlanError),
    /// The datum is corrupt, truncated, or holds a value the reader cannot take (an enum symbol
    /// it lacks without a default, a union branch it has no match for). Offsets are the input's.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The fingerprint given for the writer's schema is not the schema's own.
    #[error("the writer's schema has fingerprint {computed}, not the {given} given for it")]
    FingerprintMismatch {
        /// The fingerprint passed in.
        given: Fingerprint,
        /// The fingerprint of the schema passed in.
        computed: Fingerprint,
    },
    /// The writer's schema has no Parsing Canonical Form, so its fingerprint cannot be checked.
    #[error("the writer's schema has no canonical form: {0}")]
    Canonical(#[from] crate::canonical::CanonicalError),
}
