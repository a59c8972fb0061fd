//! One schema against its subject's history: the step the build check and the CLI share.

use super::{Registered, Registry, RegistryError};
use crate::compat::{self, Level, Violation};

/// Whether a check may register a new compatible schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnNew {
    /// Register it as the subject's next version.
    Register,
    /// Leave the registry alone and report [`Outcome::Unregistered`].
    Report,
}

/// What checking a schema against its subject found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubjectCheck {
    /// The subject.
    pub subject: String,
    /// The level applied.
    pub level: Level,
    /// How it ended.
    pub outcome: Outcome,
}

/// How a subject check ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The subject already holds this schema, as this version.
    Registered(u32),
    /// The schema was compatible and is now registered as this version.
    NewlyRegistered(u32),
    /// The schema is compatible but not registered ([`OnNew::Report`]).
    Unregistered,
    /// The schema breaks registered versions.
    Incompatible(Vec<Violation>),
}

impl SubjectCheck {
    /// Whether the build may go on: compatible, and registered or allowed to stay unregistered.
    pub fn is_compatible(&self) -> bool {
        !matches!(self.outcome, Outcome::Incompatible(_))
    }
}

/// Checks `schema` (JSON text) against `subject`'s registered versions at `level` (or the level
/// the registry sets for the subject), registering it when compatible, new and `on_new` allows.
pub fn check_subject(
    registry: &dyn Registry,
    subject: &str,
    schema: &str,
    level: Option<Level>,
    on_new: OnNew,
) -> Result<SubjectCheck, RegistryError> {
    let invalid = |message: String| RegistryError::InvalidSchema {
        subject: subject.to_owned(),
        message,
    };
    let json: serde_json::Value =
        serde_json::from_str(schema).map_err(|err| invalid(err.to_string()))?;
    let new = apache_avro::Schema::parse(&json).map_err(|err| invalid(err.to_string()))?;
    let level = match level {
        Some(level) => level,
        None => registry.level(subject)?,
    };
    let history = registry.history(subject)?;
    let done = |outcome| {
        Ok(SubjectCheck {
            subject: subject.to_owned(),
            level,
            outcome,
        })
    };
    if let Some(existing) = history.iter().find(|r| same_schema(r, &json)) {
        return done(Outcome::Registered(existing.version));
    }
    let old = history
        .iter()
        .map(|r| super::file::parse_registered(r).map(|schema| (r.version, schema)))
        .collect::<Result<Vec<_>, _>>()?;
    let old: Vec<_> = old
        .iter()
        .map(|(version, schema)| (*version, schema))
        .collect();
    let violations = compat::check(level, &new, &old);
    if !violations.is_empty() {
        return done(Outcome::Incompatible(violations));
    }
    match on_new {
        OnNew::Report => done(Outcome::Unregistered),
        OnNew::Register => match registry.register(subject, schema) {
            Ok(registered) => done(Outcome::NewlyRegistered(registered.version)),
            // The registry checks at its own level, which may be stricter than the one asked for:
            // its refusal is this check's answer, reported like any other.
            Err(RegistryError::Incompatible {
                level, violations, ..
            }) if !violations.is_empty() => Ok(SubjectCheck {
                subject: subject.to_owned(),
                level,
                outcome: Outcome::Incompatible(violations),
            }),
            Err(err) => Err(err),
        },
    }
}

/// Whether a registered version holds the same schema JSON (key order and layout aside).
pub(crate) fn same_schema(registered: &Registered, json: &serde_json::Value) -> bool {
    serde_json::from_str::<serde_json::Value>(&registered.schema).is_ok_and(|r| &r == json)
}
