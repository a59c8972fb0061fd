//! Every schema an event was ever written with, known to a consumer without a network.
//!
//! A log holds events written by every release of their producer. To read one, a consumer needs
//! the schema it was written with, which the single-object encoding names by fingerprint. The
//! file registry (`schemas/history`, reviewed in git) holds every registered revision, so a
//! consumer embeds it at build time and knows them all:
//!
//! ```
//! let history = tidings::embedded_history!("../schemas")?;
//! let v1 = history.subject("com.acme.orders.v1.OrderPlaced").next().unwrap();
//! assert_eq!((v1.version(), v1.major()), (Some(1), Some(1)));
//!
//! // Both forms of each revision are indexed: the bare event and its envelope.
//! assert_eq!(history.by_fingerprint(v1.fingerprint()).unwrap().subject(), v1.subject());
//! # Ok::<(), tidings::history::HistoryError>(())
//! ```
//!
//! [`embedded_history!`](crate::embedded_history) reads the folder when the crate compiles and
//! rebuilds when `registry.json` changes, as it does whenever a revision is registered.
//! [`SchemaHistory::load`] reads it at run time instead.
//!
//! Fingerprints are of the Parsing Canonical Form, which leaves out what does not change the
//! bytes (docs, defaults, aliases, logical types). Two revisions that differ only there share a
//! fingerprint, and either reads the other's bytes; the index keeps the older.

mod embed;
#[cfg(feature = "confluent")]
mod registry;

#[cfg(feature = "confluent")]
pub use registry::RegistrySchemas;

use crate::canonical::{CanonicalError, Fingerprint};
use crate::envelope::envelope_record;
use crate::registry::{FileRegistry, Registry, RegistryError};
use apache_avro::Schema;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// Every registered revision of a set of subjects, by subject and by fingerprint.
#[derive(Clone, Debug, Default)]
pub struct SchemaHistory {
    /// Oldest first within a subject, in the order they were added.
    revisions: Vec<Arc<Revision>>,
    by_fingerprint: HashMap<Fingerprint, Arc<Revision>>,
}

/// One registered revision of a subject, in one [`Form`].
#[derive(Debug)]
pub struct Revision {
    subject: String,
    version: Option<u32>,
    schema_id: Option<u32>,
    major: Option<u32>,
    form: Form,
    schema: Schema,
    fingerprint: Fingerprint,
    /// For [`Form::Envelope`], the same revision in [`Form::Event`]: the schema of `data`.
    event: Option<Arc<Revision>>,
}

/// What a schema describes: the event on its own, or the event in its [`Envelope`](crate::Envelope).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Form {
    /// The event's own record, as registered.
    Event,
    /// The `{Event}Envelope` record around that revision of the event.
    Envelope,
}

/// Why a history could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HistoryError {
    /// The registry could not be read, or a revision was changed after it was registered.
    #[error(transparent)]
    Registry(#[from] RegistryError),
    /// A registered revision is not a valid schema.
    #[error("{subject}{} is not a valid Avro schema: {message}", version.map(|v| format!(" version {v}")).unwrap_or_default())]
    InvalidSchema {
        /// The subject.
        subject: String,
        /// The revision, when known.
        version: Option<u32>,
        /// What is wrong.
        message: String,
    },
}

impl SchemaHistory {
    /// An empty history, to [`add`](Self::add) revisions to.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads every subject of the file registry in `dir` (usually `schemas/`), checking each
    /// revision against its SHA-256 in `history/registry.json`.
    pub fn load(dir: impl AsRef<Path>) -> Result<Self, HistoryError> {
        let registry = FileRegistry::new(dir.as_ref());
        let mut history = Self::new();
        for subject in registry.subjects()? {
            for registered in registry.history(&subject)? {
                history.add(&registered.subject, registered.version, &registered.schema)?;
            }
        }
        Ok(history)
    }

    /// Adds revision `version` of `subject` (the event's Avro full name), given as JSON text,
    /// in both forms. Add a subject's revisions oldest first.
    pub fn add(&mut self, subject: &str, version: u32, schema: &str) -> Result<(), HistoryError> {
        let json: Value = serde_json::from_str(schema)
            .map_err(|e| invalid(subject, Some(version), e.to_string()))?;
        let event = Revision::new(subject, Some(version), None, Form::Event, &json, None)?;
        let envelope = envelope_record(&format!("{subject}Envelope"), json);
        let envelope = Revision::new(
            subject,
            Some(version),
            None,
            Form::Envelope,
            &envelope,
            Some(Arc::clone(&event)),
        )?;
        for revision in [event, envelope] {
            self.by_fingerprint
                .entry(revision.fingerprint)
                .or_insert_with(|| Arc::clone(&revision));
            self.revisions.push(revision);
        }
        Ok(())
    }

    /// The revision whose schema has this fingerprint, in either form.
    pub fn by_fingerprint(&self, fingerprint: Fingerprint) -> Option<&Arc<Revision>> {
        self.by_fingerprint.get(&fingerprint)
    }

    /// The revisions of `subject` in [`Form::Event`], oldest first.
    pub fn subject<'a>(&'a self, subject: &'a str) -> impl Iterator<Item = &'a Arc<Revision>> {
        self.revisions
            .iter()
            .filter(move |r| r.subject == subject && r.form == Form::Event)
    }

    /// Every revision, in both forms.
    pub fn revisions(&self) -> impl Iterator<Item = &Arc<Revision>> {
        self.revisions.iter()
    }

    /// How many revisions the history holds, counting each form once.
    pub fn len(&self) -> usize {
        self.revisions.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.revisions.is_empty()
    }
}

impl Revision {
    fn new(
        subject: &str,
        version: Option<u32>,
        schema_id: Option<u32>,
        form: Form,
        json: &Value,
        event: Option<Arc<Revision>>,
    ) -> Result<Arc<Self>, HistoryError> {
        let invalid = |message: String| invalid(subject, version, message);
        Ok(Arc::new(Revision {
            subject: subject.to_owned(),
            version,
            schema_id,
            major: major_of(subject),
            form,
            schema: Schema::parse(json).map_err(|e| invalid(e.to_string()))?,
            fingerprint: Fingerprint::of_schema(json)
                .map_err(|e: CanonicalError| invalid(e.to_string()))?,
            event,
        }))
    }

    /// The subject: the event's Avro full name, whichever the form.
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// The revision's number within its subject, from 1; `None` for a schema a registry gave
    /// by ID, which does not say.
    pub fn version(&self) -> Option<u32> {
        self.version
    }

    /// The registry-wide schema ID, for a schema a Confluent registry gave.
    pub fn schema_id(&self) -> Option<u32> {
        self.schema_id
    }

    /// The event's major version, from the `v{N}` that ends the subject's namespace
    /// (`com.acme.orders.v2.OrderPlaced` is 2); `None` for a subject not named that way.
    pub fn major(&self) -> Option<u32> {
        self.major
    }

    /// Whether the schema is the event's or its envelope's.
    pub fn form(&self) -> Form {
        self.form
    }

    /// The schema, parsed.
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// The fingerprint of its Parsing Canonical Form: what single-object messages carry.
    pub fn fingerprint(&self) -> Fingerprint {
        self.fingerprint
    }

    /// The same revision in [`Form::Event`]: itself, or for an envelope the schema of its
    /// `data` field.
    pub fn event_form(&self) -> &Revision {
        self.event.as_deref().unwrap_or(self)
    }
}

fn invalid(subject: &str, version: Option<u32>, message: String) -> HistoryError {
    HistoryError::InvalidSchema {
        subject: subject.to_owned(),
        version,
        message,
    }
}

/// The major version in a subject named as the derive names events: `{namespace}.v{N}.{name}`.
fn major_of(subject: &str) -> Option<u32> {
    let (namespace, _) = subject.rsplit_once('.')?;
    let last = namespace.rsplit('.').next()?;
    let digits = last.strip_prefix('v')?;
    if digits.starts_with('0') || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_major_version_is_the_namespace_suffix() {
        assert_eq!(major_of("com.acme.orders.v2.OrderPlaced"), Some(2));
        assert_eq!(major_of("v12.OrderPlaced"), Some(12));
        for subject in [
            "OrderPlaced",
            "com.acme.OrderPlaced",
            "a.v.X",
            "a.v02.X",
            "a.v1x.X",
        ] {
            assert_eq!(major_of(subject), None, "{subject}");
        }
    }

    #[test]
    fn each_revision_is_indexed_in_both_forms() {
        let mut history = SchemaHistory::new();
        let schema = r#"{"type":"record","name":"Ping","namespace":"com.acme.v1","fields":[{"name":"seq","type":"long"}]}"#;
        history.add("com.acme.v1.Ping", 1, schema).unwrap();
        assert_eq!(history.len(), 2);
        let event = history.subject("com.acme.v1.Ping").next().unwrap();
        assert_eq!(event.form(), Form::Event);
        let envelope = history
            .revisions()
            .find(|r| r.form() == Form::Envelope)
            .unwrap();
        assert_eq!(
            envelope.schema().name().unwrap().fullname(None),
            "com.acme.v1.PingEnvelope"
        );
        for revision in [event, envelope] {
            let found = history.by_fingerprint(revision.fingerprint()).unwrap();
            assert_eq!(found.form(), revision.form());
        }
    }

    #[test]
    fn a_revision_that_is_not_a_schema_is_an_error_naming_it() {
        let err = SchemaHistory::new()
            .add("a.v1.X", 3, r#"{"type":"recrod"}"#)
            .unwrap_err();
        let message = err.to_string();
        assert!(
            message.starts_with("a.v1.X version 3 is not a valid"),
            "{message}"
        );
    }
}
