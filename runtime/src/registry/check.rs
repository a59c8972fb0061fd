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

/// A schema to check, parsed once: its JSON text, the JSON value (to compare with registered
/// versions) and apache-avro's `Schema` (to check them).
#[derive(Clone, Debug)]
pub struct Candidate {
    text: String,
    json: serde_json::Value,
    schema: apache_avro::Schema,
}

impl Candidate {
    /// Parses `text`, as JSON and then as an Avro schema; the error says why it is not one.
    pub fn parse(text: &str) -> Result<Self, String> {
        let json: serde_json::Value = serde_json::from_str(text).map_err(|err| err.to_string())?;
        let schema = apache_avro::Schema::parse(&json).map_err(|err| err.to_string())?;
        Ok(Candidate {
            text: text.to_owned(),
            json,
            schema,
        })
    }

    /// The schema as it was given.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The schema's JSON.
    pub(crate) fn json(&self) -> &serde_json::Value {
        &self.json
    }

    /// The parsed schema.
    pub fn schema(&self) -> &apache_avro::Schema {
        &self.schema
    }

    /// The full name of a named top-level type (a record, an enum or a fixed): its subject
    /// under Confluent's record-name strategy. `None` for any other schema.
    pub fn full_name(&self) -> Option<String> {
        use apache_avro::Schema;
        match &self.schema {
            Schema::Record(r) => Some(r.name.fullname(None)),
            Schema::Enum(e) => Some(e.name.fullname(None)),
            Schema::Fixed(f) => Some(f.name.fullname(None)),
            _ => None,
        }
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
    let candidate = Candidate::parse(schema).map_err(|message| RegistryError::InvalidSchema {
        subject: subject.to_owned(),
        message,
    })?;
    check_candidate(registry, subject, &candidate, level, on_new)
}

/// [`check_subject`] for a schema parsed already. The history is read and parsed once, and
/// handed to [`Registry::register_checked`] when the schema is registered.
pub fn check_candidate(
    registry: &dyn Registry,
    subject: &str,
    candidate: &Candidate,
    level: Option<Level>,
    on_new: OnNew,
) -> Result<SubjectCheck, RegistryError> {
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
    if let Some(existing) = history.iter().find(|r| same_schema(r, &candidate.json)) {
        return done(Outcome::Registered(existing.version));
    }
    let parsed = history
        .iter()
        .map(super::file::parse_registered)
        .collect::<Result<Vec<_>, _>>()?;
    let old: Vec<_> = history
        .iter()
        .zip(&parsed)
        .map(|(registered, schema)| (registered.version, schema))
        .collect();
    let violations = compat::check(level, &candidate.schema, &old);
    if !violations.is_empty() {
        return done(Outcome::Incompatible(violations));
    }
    match on_new {
        OnNew::Report => done(Outcome::Unregistered),
        OnNew::Register => match registry.register_checked(subject, candidate, &history, &parsed) {
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
