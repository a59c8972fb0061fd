//! Schema registries: where each subject's registered versions live, and the rules for adding
//! one.
//!
//! A subject is an event's Avro full name (`com.acme.orders.v2.OrderPlaced`, Confluent's
//! record-name strategy): a major version is its own subject, and compatible changes within it
//! are the subject's versions. Two implementations share the [`Registry`] trait:
//! [`FileRegistry`], the `schemas/` folder reviewed in git, and (feature `confluent`) a
//! Confluent-compatible registry over HTTP.

mod check;
#[cfg(feature = "confluent")]
pub mod confluent;
mod file;

pub use check::{Candidate, OnNew, Outcome, SubjectCheck, check_candidate, check_subject};
pub(crate) use file::verify_embedded;
pub use file::{DEFAULT_LEVEL, FileRegistry};

use crate::compat::{Level, Violation};
use std::path::PathBuf;

/// One registered version of a subject.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registered {
    /// The subject it is registered under.
    pub subject: String,
    /// Its version within the subject, from 1.
    pub version: u32,
    /// The registry-wide schema ID, where the registry assigns one (Confluent does; it is what
    /// the wire framing carries).
    pub id: Option<u32>,
    /// The schema as JSON text.
    pub schema: String,
}

/// A store of subjects and their versions.
pub trait Registry {
    /// Every registered version of `subject`, oldest first; empty when the subject is unknown.
    fn history(&self, subject: &str) -> Result<Vec<Registered>, RegistryError>;

    /// Registers `schema` (JSON text) as the next version of `subject`, after checking it at
    /// the subject's level. A schema the subject already holds returns that version unchanged.
    fn register(&self, subject: &str, schema: &str) -> Result<Registered, RegistryError>;

    /// The compatibility level that applies to `subject`: its own, else the registry's default.
    fn level(&self, subject: &str) -> Result<Level, RegistryError>;

    /// [`register`](Self::register) for a schema [`check_candidate`] has just parsed and checked
    /// against `history` (what [`history`](Self::history) answered) and `parsed` (its schemas,
    /// in the same order): a registry that can reuse them instead of reading and parsing them
    /// again does. The default calls `register`.
    fn register_checked(
        &self,
        subject: &str,
        schema: &Candidate,
        history: &[Registered],
        parsed: &[apache_avro::Schema],
    ) -> Result<Registered, RegistryError> {
        let _ = (history, parsed);
        self.register(subject, schema.text())
    }
}

/// Why a registry call failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RegistryError {
    /// A registry file or folder could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A registered revision was edited or deleted: released schemas never change.
    #[error(
        "{subject} version {version} was changed after it was registered ({}): released \
         revisions are immutable; restore the file from git, and make the change as a new \
         revision or a new major version",
        path.display()
    )]
    Tampered {
        /// The subject.
        subject: String,
        /// The version whose file changed.
        version: u32,
        /// The file.
        path: PathBuf,
    },
    /// A registry file is unreadable: not the JSON the registry writes.
    #[error("{}: {message}", path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A new revision would be registered, but the registry may not write (in CI).
    #[error(
        "{subject} has a new compatible schema that is not registered yet, and the registry is          read-only here (CI): build once without `CI` set to register it, then commit schemas/"
    )]
    ReadOnly {
        /// The subject.
        subject: String,
    },
    /// The schema breaks the subject's compatibility level.
    #[error("{subject}: the schema is incompatible at level {level}: {}", summary(.violations, .messages))]
    Incompatible {
        /// The subject.
        subject: String,
        /// The level checked.
        level: Level,
        /// What breaks, when the check ran here.
        violations: Vec<Violation>,
        /// What breaks, as a remote registry put it.
        messages: Vec<String>,
    },
    /// The schema is not valid Avro.
    #[error("invalid schema for {subject}: {message}")]
    InvalidSchema {
        /// The subject.
        subject: String,
        /// Why.
        message: String,
    },
    /// The registry holds no such subject, version or schema.
    #[error("not found: {0}")]
    NotFound(String),
    /// The registry could not be reached (after retries, for a remote one).
    #[error("the schema registry at {url} is unreachable: {reason}")]
    Unreachable {
        /// The registry's address, without credentials.
        url: String,
        /// Why.
        reason: String,
    },
    /// The registry refused the credentials (HTTP 401) or the operation (HTTP 403).
    #[error("the schema registry refused access ({status}): {message}")]
    Unauthorized {
        /// The HTTP status.
        status: u16,
        /// The registry's message.
        message: String,
    },
    /// Any other error the registry answered with.
    #[error("the schema registry answered {status} (error code {code:?}): {message}")]
    Server {
        /// The HTTP status.
        status: u16,
        /// Confluent's `error_code`, when the body had one.
        code: Option<u32>,
        /// The registry's message.
        message: String,
    },
    /// The registry client's configuration cannot work: no URL, a malformed one, incomplete
    /// credentials, unreadable CA certificates. Credentials never appear in the message.
    #[error("schema registry configuration: {0}")]
    Config(String),
}

fn summary(violations: &[Violation], messages: &[String]) -> String {
    let lines = violations
        .iter()
        .map(|v| format!("version {}: {}", v.version, v.incompatibility))
        .chain(messages.iter().cloned());
    lines.collect::<Vec<_>>().join("; ")
}
