//! The file registry: the `schemas/` folder, reviewed in git, as a schema registry.
//!
//! ```text
//! schemas/
//!   com.acme.orders.v2.OrderPlaced.avsc        the latest schema, for code generators (export)
//!   history/
//!     registry.json                            levels, and a SHA-256 per registered revision
//!     com.acme.orders.v2.OrderPlaced/1.avsc    every registered revision, never modified
//!     com.acme.orders.v2.OrderPlaced/2.avsc
//! ```
//!
//! A revision is immutable once registered: each read checks its file against the fingerprint in
//! `registry.json`, so an edited or deleted revision fails every check until it is restored.

use super::check::{Candidate, same_schema};
use super::{Registered, Registry, RegistryError};
use crate::compat::{self, Level};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// The level a subject gets when neither it nor the registry names one: event logs are
/// replayed from the start, so a new schema must read every version ever written.
pub const DEFAULT_LEVEL: Level = Level::BackwardTransitive;

/// A schema registry kept in a folder, usually `schemas/`: every registered revision in
/// `history/<subject>/<version>.avsc`, and in `history/registry.json` the compatibility levels
/// and each revision's SHA-256, checked on every read so that a released revision never changes.
#[derive(Clone, Debug)]
pub struct FileRegistry {
    dir: PathBuf,
    read_only: bool,
}

/// `history/registry.json`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Index {
    /// The registry's default level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    compatibility: Option<String>,
    #[serde(default)]
    subjects: BTreeMap<String, SubjectIndex>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SubjectIndex {
    /// The subject's own level, overriding the registry's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    compatibility: Option<String>,
    /// Version number to `sha256:<hex>` of its file.
    versions: BTreeMap<u32, String>,
}

impl FileRegistry {
    /// The registry in `dir` (usually `schemas/`). Nothing is read or created until used.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        FileRegistry {
            dir: dir.into(),
            read_only: false,
        }
    }

    /// A registry that refuses to write, as CI should use it: registering a new revision fails
    /// with [`RegistryError::ReadOnly`].
    pub fn read_only(mut self, read_only: bool) -> Self {
        self.read_only = read_only;
        self
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Every subject with at least one registered revision, in name order.
    pub fn subjects(&self) -> Result<Vec<String>, RegistryError> {
        Ok(self.index()?.subjects.into_keys().collect())
    }

    /// Checks every registered revision of every subject against its fingerprint.
    pub fn verify(&self) -> Result<(), RegistryError> {
        for subject in self.subjects()? {
            self.history(&subject)?;
        }
        Ok(())
    }

    fn history_dir(&self) -> PathBuf {
        self.dir.join("history")
    }

    fn index_path(&self) -> PathBuf {
        self.history_dir().join("registry.json")
    }

    fn revision_path(&self, subject: &str, version: u32) -> PathBuf {
        self.history_dir()
            .join(subject)
            .join(format!("{version}.avsc"))
    }

    fn index(&self) -> Result<Index, RegistryError> {
        let path = self.index_path();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Index::default()),
            Err(source) => return Err(RegistryError::Io { path, source }),
        };
        serde_json::from_str(&text).map_err(|err| RegistryError::Corrupt {
            path,
            message: err.to_string(),
        })
    }

    fn write_index(&self, index: &Index) -> Result<(), RegistryError> {
        let mut text = serde_json::to_string_pretty(index).expect("the index always serializes");
        text.push('\n');
        write_atomically(&self.index_path(), &text)
    }

    fn parse_level(&self, text: &str) -> Result<Level, RegistryError> {
        text.parse()
            .map_err(|err: compat::UnknownLevel| RegistryError::Corrupt {
                path: self.index_path(),
                message: err.to_string(),
            })
    }
}

impl Registry for FileRegistry {
    fn history(&self, subject: &str) -> Result<Vec<Registered>, RegistryError> {
        let index = self.index()?;
        let Some(entry) = index.subjects.get(subject) else {
            return Ok(Vec::new());
        };
        let mut history = Vec::with_capacity(entry.versions.len());
        for (&version, fingerprint) in &entry.versions {
            let path = self.revision_path(subject, version);
            let tampered = || RegistryError::Tampered {
                subject: subject.to_owned(),
                version,
                path: path.clone(),
            };
            let schema = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(err) if err.kind() == io::ErrorKind::NotFound => return Err(tampered()),
                Err(source) => return Err(RegistryError::Io { path, source }),
            };
            if &fingerprint_of(&schema) != fingerprint {
                return Err(tampered());
            }
            history.push(Registered {
                subject: subject.to_owned(),
                version,
                id: None,
                schema,
            });
        }
        Ok(history)
    }

    fn register(&self, subject: &str, schema: &str) -> Result<Registered, RegistryError> {
        let candidate =
            Candidate::parse(schema).map_err(|message| RegistryError::InvalidSchema {
                subject: subject.to_owned(),
                message,
            })?;
        let history = self.history(subject)?;
        let parsed = history
            .iter()
            .map(parse_registered)
            .collect::<Result<Vec<_>, _>>()?;
        self.register_checked(subject, &candidate, &history, &parsed)
    }

    /// Registers `schema` after the history a check has just read and parsed, without reading
    /// it again; the index is read again for the write.
    fn register_checked(
        &self,
        subject: &str,
        schema: &Candidate,
        history: &[Registered],
        parsed: &[apache_avro::Schema],
    ) -> Result<Registered, RegistryError> {
        if subject.is_empty() || subject.contains(['/', '\\']) || subject.starts_with('.') {
            return Err(RegistryError::InvalidSchema {
                subject: subject.to_owned(),
                message: format!("`{subject}` cannot name a folder; subjects are Avro full names"),
            });
        }
        let json = schema.json();
        // Registering a schema the subject already holds is a no-op, as in Confluent's.
        if let Some(registered) = history.iter().find(|r| same_schema(r, json)) {
            return Ok(registered.clone());
        }
        let level = self.level(subject)?;
        let old: Vec<_> = history
            .iter()
            .zip(parsed)
            .map(|(registered, schema)| (registered.version, schema))
            .collect();
        let violations = compat::check(level, schema.schema(), &old);
        if !violations.is_empty() {
            return Err(RegistryError::Incompatible {
                subject: subject.to_owned(),
                level,
                violations,
                messages: Vec::new(),
            });
        }
        if self.read_only {
            return Err(RegistryError::ReadOnly {
                subject: subject.to_owned(),
            });
        }

        let version = history.last().map_or(1, |r| r.version + 1);
        let text = crate::schema::to_avsc(json);
        let path = self.revision_path(subject, version);
        write_atomically(&path, &text)?;
        let mut index = self.index()?;
        index
            .subjects
            .entry(subject.to_owned())
            .or_default()
            .versions
            .insert(version, fingerprint_of(&text));
        self.write_index(&index)?;
        Ok(Registered {
            subject: subject.to_owned(),
            version,
            id: None,
            schema: text,
        })
    }

    fn level(&self, subject: &str) -> Result<Level, RegistryError> {
        let index = self.index()?;
        let own = index
            .subjects
            .get(subject)
            .and_then(|s| s.compatibility.as_deref());
        match own.or(index.compatibility.as_deref()) {
            Some(text) => self.parse_level(text),
            None => Ok(DEFAULT_LEVEL),
        }
    }
}

/// Checks revisions read when a crate was compiled (by `embedded_history!`) against the index
/// read with them, `history/registry.json` of `dir`, as [`FileRegistry::history`] checks files:
/// every registered revision must be there with its SHA-256; files the index does not list are
/// not revisions, and are left out. Returns the registered ones, oldest first per subject.
pub(crate) fn verify_embedded<'a>(
    dir: &Path,
    index: &str,
    revisions: &[(&'a str, u32, &'a str)],
) -> Result<Vec<Registered>, RegistryError> {
    let history = dir.join("history");
    let index: Index = serde_json::from_str(index).map_err(|err| RegistryError::Corrupt {
        path: history.join("registry.json"),
        message: err.to_string(),
    })?;
    let mut registered = Vec::new();
    for (subject, entry) in &index.subjects {
        for (&version, digest) in &entry.versions {
            let text = revisions
                .iter()
                .find(|&&(s, v, _)| s == subject && v == version)
                .map(|&(_, _, text)| text)
                .filter(|text| &fingerprint_of(text) == digest)
                .ok_or_else(|| RegistryError::Tampered {
                    subject: subject.clone(),
                    version,
                    path: history.join(subject).join(format!("{version}.avsc")),
                })?;
            registered.push(Registered {
                subject: subject.clone(),
                version,
                id: None,
                schema: text.to_owned(),
            });
        }
    }
    Ok(registered)
}

/// A registered revision's schema, parsed.
pub(crate) fn parse_registered(
    registered: &Registered,
) -> Result<apache_avro::Schema, RegistryError> {
    apache_avro::Schema::parse_str(&registered.schema).map_err(|err| RegistryError::InvalidSchema {
        subject: registered.subject.clone(),
        message: format!("registered version {}: {err}", registered.version),
    })
}

/// `sha256:<hex>` of the text, line endings normalised so a checkout with CRLF still matches.
fn fingerprint_of(text: &str) -> String {
    let digest = Sha256::digest(text.replace("\r\n", "\n").as_bytes());
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("sha256:{hex}")
}

/// Writes through a temporary file and a rename, so an interrupted write leaves the old file.
fn write_atomically(path: &Path, text: &str) -> Result<(), RegistryError> {
    let io_error = |path: &Path| {
        let path = path.to_owned();
        move |source| RegistryError::Io { path, source }
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io_error(parent))?;
    }
    let temporary = path.with_extension("tmp");
    std::fs::write(&temporary, text).map_err(io_error(&temporary))?;
    std::fs::rename(&temporary, path).map_err(io_error(path))
}
