//! Schema compatibility, as the Avro specification's resolution rules define it and as
//! Confluent Schema Registry applies them: every incompatibility, each with where and why.
//!
//! [`can_read`] answers one question: can a reader using one schema decode data written with
//! another? [`check`] applies a [`Level`] to a new schema and a subject's registered history.
//!
//! The rules are Java's `org.apache.avro.SchemaCompatibility` (which Confluent Schema Registry
//! runs, and Python avro's `avro.compatibility` ports): promotions (`int` to `long`, `float`,
//! `double`; `long` to `float`, `double`; `float` to `double`; `string` and `bytes` both ways),
//! record fields matched by name or reader alias and filled from their default when the writer
//! lacks them, named types matched by unqualified name or reader alias, enum defaults, unions on
//! either side, fixed sizes, and recursive types. Logical types are compared by the type that
//! carries them, as Java and Python compare them: a `uuid` string does not read a `uuid` fixed,
//! and a decimal's precision and scale are not compared.
//!
//! ```
//! use tidings::avro::Schema;
//! use tidings::compat::{can_read, IncompatibilityKind};
//!
//! let old = Schema::parse_str(r#"{"type": "record", "name": "Order", "fields": [
//!     {"name": "id", "type": "long"}]}"#).unwrap();
//! let new = Schema::parse_str(r#"{"type": "record", "name": "Order", "fields": [
//!     {"name": "id", "type": "long"}, {"name": "currency", "type": "string"}]}"#).unwrap();
//!
//! assert!(can_read(&old, &new).is_empty()); // old readers skip the new field
//! let problems = can_read(&new, &old); // new readers need a value for it
//! assert_eq!(problems[0].kind, IncompatibilityKind::ReaderFieldMissingDefaultValue);
//! assert_eq!(problems[0].location, "/fields/1");
//! ```

mod checker;
mod describe;
mod found;
pub(crate) mod names;
pub(crate) mod shape;

use apache_avro::Schema;
use std::fmt;
use std::str::FromStr;

/// At most this many incompatibilities are reported for one pair of schemas. A schema reusing a
/// broken named type at every level of a deep tree of references could otherwise report
/// exponentially many; a pair that breaks in a thousand places needs no more listed.
pub const MAX_REPORTED: usize = 1000;

/// A Confluent Schema Registry compatibility level: which registered versions a new schema is
/// checked against, and in which direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level {
    /// The new schema reads data written with the latest version.
    Backward,
    /// The new schema reads data written with every version.
    BackwardTransitive,
    /// The latest version reads data written with the new schema.
    Forward,
    /// Every version reads data written with the new schema.
    ForwardTransitive,
    /// Backward and forward, against the latest version.
    Full,
    /// Backward and forward, against every version.
    FullTransitive,
    /// No check.
    None,
}

impl Level {
    /// Every level, in Confluent's order.
    pub const ALL: [Level; 7] = [
        Level::Backward,
        Level::BackwardTransitive,
        Level::Forward,
        Level::ForwardTransitive,
        Level::Full,
        Level::FullTransitive,
        Level::None,
    ];

    /// Whether a new schema is checked against every registered version, not only the latest.
    pub fn is_transitive(self) -> bool {
        matches!(
            self,
            Level::BackwardTransitive | Level::ForwardTransitive | Level::FullTransitive
        )
    }

    /// The directions a new schema is checked in; none for [`Level::None`].
    pub fn directions(self) -> &'static [Direction] {
        match self {
            Level::Backward | Level::BackwardTransitive => &[Direction::NewReadsOld],
            Level::Forward | Level::ForwardTransitive => &[Direction::OldReadsNew],
            Level::Full | Level::FullTransitive => {
                &[Direction::NewReadsOld, Direction::OldReadsNew]
            }
            Level::None => &[],
        }
    }

    /// Confluent's spelling: `BACKWARD_TRANSITIVE`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Backward => "BACKWARD",
            Level::BackwardTransitive => "BACKWARD_TRANSITIVE",
            Level::Forward => "FORWARD",
            Level::ForwardTransitive => "FORWARD_TRANSITIVE",
            Level::Full => "FULL",
            Level::FullTransitive => "FULL_TRANSITIVE",
            Level::None => "NONE",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that names no [`Level`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a compatibility level; expected one of BACKWARD, BACKWARD_TRANSITIVE, FORWARD, \
     FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE"
)]
pub struct UnknownLevel(pub String);

impl FromStr for Level {
    type Err = UnknownLevel;

    /// Confluent's names, in any case, with `-` or `_`: `backward-transitive` works too.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_uppercase().replace('-', "_");
        Level::ALL
            .into_iter()
            .find(|level| level.as_str() == wanted)
            .ok_or_else(|| UnknownLevel(s.to_owned()))
    }
}

/// What kind of rule a writer's data breaks in the reader, named as Java's
/// `SchemaCompatibility.SchemaIncompatibilityType` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IncompatibilityKind {
    /// Named types (records, enums, fixed) whose names and aliases do not match.
    NameMismatch,
    /// Fixed types of different sizes.
    FixedSizeMismatch,
    /// Writer enum symbols the reader lacks, and the reader enum has no default.
    MissingEnumSymbols,
    /// A reader field absent from the writer, with no default.
    ReaderFieldMissingDefaultValue,
    /// Types that do not resolve, even through promotion.
    TypeMismatch,
    /// A writer union branch that no reader branch can read.
    MissingUnionBranch,
}

impl IncompatibilityKind {
    /// Java's constant name: `READER_FIELD_MISSING_DEFAULT_VALUE`.
    pub fn as_str(self) -> &'static str {
        match self {
            IncompatibilityKind::NameMismatch => "NAME_MISMATCH",
            IncompatibilityKind::FixedSizeMismatch => "FIXED_SIZE_MISMATCH",
            IncompatibilityKind::MissingEnumSymbols => "MISSING_ENUM_SYMBOLS",
            IncompatibilityKind::ReaderFieldMissingDefaultValue => {
                "READER_FIELD_MISSING_DEFAULT_VALUE"
            }
            IncompatibilityKind::TypeMismatch => "TYPE_MISMATCH",
            IncompatibilityKind::MissingUnionBranch => "MISSING_UNION_BRANCH",
        }
    }
}

impl fmt::Display for IncompatibilityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One reason a reader cannot decode a writer's data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Incompatibility {
    /// The rule broken.
    pub kind: IncompatibilityKind,
    /// Where, as a JSON pointer into the reader's schema JSON, as Java reports it
    /// (`/fields/1/type/symbols`).
    pub location: String,
    /// The innermost reader record field that holds the problem, if any: what a report maps to
    /// a line of Rust source.
    pub field: Option<FieldRef>,
    /// A sentence a person understands.
    pub message: String,
}

impl fmt::Display for Incompatibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}: {}", self.kind, self.location, self.message)
    }
}

/// A field of a named record.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FieldRef {
    /// The record's Avro full name (`com.acme.orders.v2.Line`).
    pub record: String,
    /// The field's Avro name.
    pub field: String,
}

/// Which way a check reads: who writes, who reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// The new schema reads data written with a registered version (backward).
    NewReadsOld,
    /// A registered version reads data written with the new schema (forward).
    OldReadsNew,
}

/// An incompatibility between a new schema and one registered version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The registered version it breaks.
    pub version: u32,
    /// Which way the read fails.
    pub direction: Direction,
    /// What fails, and where.
    pub incompatibility: Incompatibility,
}

/// Every reason `reader` cannot read data written with `writer`; empty when it can.
///
/// Each [`Incompatibility`] is located in the reader's schema as Java locates it, named types
/// being followed where they are used (a type used in two fields is reported under both). At most
/// [`MAX_REPORTED`] are returned. Never panics, whatever the schemas: comparisons nested more than
/// 200 levels deep (only recursive types of coprime cycle lengths get there) are reported as a
/// [`IncompatibilityKind::TypeMismatch`] rather than followed.
pub fn can_read(reader: &Schema, writer: &Schema) -> Vec<Incompatibility> {
    checker::Checker::new(reader, writer)
        .compare(reader, writer)
        .into_iter()
        .map(found::Found::into_incompatibility)
        .collect()
}

/// [`can_read`] for schemas given as JSON, as in an `.avsc` file or a registry's response.
///
/// # Errors
///
/// When either is not a schema apache-avro parses.
pub fn can_read_json(
    reader: &serde_json::Value,
    writer: &serde_json::Value,
) -> Result<Vec<Incompatibility>, apache_avro::Error> {
    Ok(can_read(&Schema::parse(reader)?, &Schema::parse(writer)?))
}

/// Checks `new` against a subject's registered `history` (version and schema, oldest first) at
/// `level`, as Confluent Schema Registry does on registration: the latest version only for the
/// non-transitive levels, every version for the transitive ones. An empty history accepts any
/// schema. Violations come in history order, and for each version [`Direction::NewReadsOld`]
/// before [`Direction::OldReadsNew`].
pub fn check(level: Level, new: &Schema, history: &[(u32, &Schema)]) -> Vec<Violation> {
    let against = match history.split_last() {
        Some((latest, _)) if !level.is_transitive() => std::slice::from_ref(latest),
        _ => history,
    };
    let mut violations = Vec::new();
    for &(version, old) in against {
        for &direction in level.directions() {
            let incompatibilities = match direction {
                Direction::NewReadsOld => can_read(new, old),
                Direction::OldReadsNew => can_read(old, new),
            };
            violations.extend(
                incompatibilities
                    .into_iter()
                    .map(|incompatibility| Violation {
                        version,
                        direction,
                        incompatibility,
                    }),
            );
        }
    }
    violations
}

/// The same incompatibility found against several versions: one line of a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grouped<'a> {
    /// Which way the read fails.
    pub direction: Direction,
    /// What fails, and where.
    pub incompatibility: &'a Incompatibility,
    /// The registered versions it breaks, in the order found.
    pub versions: Vec<u32>,
}

/// Folds violations that differ only in version, keeping the order they were found in.
pub fn group(violations: &[Violation]) -> Vec<Grouped<'_>> {
    let mut groups: Vec<Grouped<'_>> = Vec::new();
    for violation in violations {
        let same = groups.iter_mut().find(|g| {
            g.direction == violation.direction && *g.incompatibility == violation.incompatibility
        });
        match same {
            Some(group) => group.versions.push(violation.version),
            None => groups.push(Grouped {
                direction: violation.direction,
                incompatibility: &violation.incompatibility,
                versions: vec![violation.version],
            }),
        }
    }
    groups
}
