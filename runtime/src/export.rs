//! Writing events' `.avsc` files into a folder, and checking that a folder is up to date.
//!
//! One file per event, named by its Avro full name (`com.acme.orders.v2.OrderPlaced.avsc`), each
//! self-contained: nested named types are inlined where first used, so any Avro tool reads a file
//! alone. Writing is idempotent (an unchanged file is not touched); [`Mode::Check`] writes nothing
//! and reports stale and missing files, so CI fails when a struct changed but its `.avsc` did not.
//!
//! Beside each event, its [`Envelope`](crate::Envelope) record goes into the subfolder
//! [`ENVELOPES_DIR`] (`envelopes/com.acme.orders.v2.OrderPlacedEnvelope.avsc`), so Java or Python
//! consumers can generate code for whole envelopes. They sit apart because they are derived, not
//! registered: an envelope's fields are fixed, so its compatibility is its event's, and a folder
//! of subjects (`tidings check schemas/`) stays a folder of subjects.

use crate::catalog::EventInfo;
use std::collections::HashMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// Whether an export may write files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Write new and changed files.
    Write,
    /// Write nothing; fail if any file is stale or missing.
    Check,
}

impl Mode {
    /// [`Mode::Check`] when the environment variable `CI` is set (to anything but `false` or
    /// empty), else [`Mode::Write`]: developers regenerate, CI verifies.
    pub fn from_env() -> Mode {
        match std::env::var("CI") {
            Ok(v) if !v.is_empty() && v != "false" => Mode::Check,
            _ => Mode::Write,
        }
    }
}

/// What an export found, file by file.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Files that already held the current schema.
    pub unchanged: Vec<PathBuf>,
    /// Files written because they were missing or different ([`Mode::Write`]).
    pub written: Vec<PathBuf>,
    /// Files whose content differs from the current schema ([`Mode::Check`]).
    pub stale: Vec<PathBuf>,
    /// Files that do not exist yet ([`Mode::Check`]).
    pub missing: Vec<PathBuf>,
}

impl Report {
    /// Whether every file is present and current.
    pub fn is_up_to_date(&self) -> bool {
        self.stale.is_empty() && self.missing.is_empty()
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// A file or the folder could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// Two event types have the same Avro full name, so their files would collide.
    #[error(
        "`{first}` and `{second}` both have the Avro name `{avro_name}`: give one of them another \
         `#[avro(name)]`, `#[avro(namespace)]` or `#[event(version)]`"
    )]
    DuplicateName {
        /// The shared full name.
        avro_name: String,
        /// One Rust type.
        first: String,
        /// The other.
        second: String,
    },
    /// [`Mode::Check`] found stale or missing files.
    #[error("{0}")]
    OutOfDate(Box<OutOfDate>),
}

/// The stale and missing files of a failed check, with the events they belong to.
#[derive(Debug)]
pub struct OutOfDate {
    /// The full report.
    pub report: Report,
    events: HashMap<PathBuf, String>,
}

impl fmt::Display for OutOfDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "the exported Avro schemas are out of date:")?;
        for (label, paths) in [
            ("stale", &self.report.stale),
            ("missing", &self.report.missing),
        ] {
            for path in paths {
                let event = self
                    .events
                    .get(path)
                    .map(String::as_str)
                    .unwrap_or_default();
                writeln!(f, "  {label:<7} {} ({event})", path.display())?;
            }
        }
        write!(
            f,
            "run the export without `CI` set to rewrite them, then commit the result"
        )
    }
}

/// The subfolder of an export that holds the events' envelope schemas.
pub const ENVELOPES_DIR: &str = "envelopes";

/// The file name of an event's `.avsc`: its Avro full name.
pub fn file_name(event: &EventInfo) -> String {
    format!("{}.avsc", event.avro_name())
}

/// The path, relative to the export folder, of an event's envelope `.avsc`.
pub fn envelope_file(event: &EventInfo) -> PathBuf {
    Path::new(ENVELOPES_DIR).join(format!("{}.avsc", event.envelope_avro_name()))
}

/// Exports `events` into `dir`, creating it if needed, in the given `mode`.
///
/// Files of events not in `events` are left alone: a folder may hold other crates' schemas.
pub fn export(dir: &Path, events: &[&EventInfo], mode: Mode) -> Result<Report, ExportError> {
    let mut seen: HashMap<&str, &EventInfo> = HashMap::new();
    for event in events {
        if let Some(first) = seen.insert(event.avro_name(), event) {
            return Err(ExportError::DuplicateName {
                avro_name: event.avro_name().to_owned(),
                first: format!("{}::{}", first.crate_name(), first.rust_name()),
                second: format!("{}::{}", event.crate_name(), event.rust_name()),
            });
        }
    }
    if mode == Mode::Write {
        let envelopes = dir.join(ENVELOPES_DIR);
        std::fs::create_dir_all(&envelopes).map_err(|source| io_error(&envelopes, source))?;
    }
    let mut report = Report::default();
    let mut owners = HashMap::new();
    let files = events.iter().flat_map(|event| {
        [
            (event, dir.join(file_name(event)), event.avsc()),
            (event, dir.join(envelope_file(event)), event.envelope_avsc()),
        ]
    });
    for (event, path, text) in files {
        let current = match std::fs::read_to_string(&path) {
            Ok(existing) => Some(existing == text),
            Err(err) if err.kind() == io::ErrorKind::NotFound => None,
            Err(source) => return Err(io_error(&path, source)),
        };
        owners.insert(
            path.clone(),
            format!("{} at {}:{}", event.rust_name(), event.file(), event.line()),
        );
        match (current, mode) {
            (Some(true), _) => report.unchanged.push(path),
            (_, Mode::Write) => {
                std::fs::write(&path, text).map_err(|source| io_error(&path, source))?;
                report.written.push(path);
            }
            (Some(false), Mode::Check) => report.stale.push(path),
            (None, Mode::Check) => report.missing.push(path),
        }
    }
    if report.is_up_to_date() {
        Ok(report)
    } else {
        Err(ExportError::OutOfDate(Box::new(OutOfDate {
            report,
            events: owners,
        })))
    }
}

/// Exports every event of the crate `crate_name` linked into this program into `dir`, in the mode
/// the environment asks for ([`Mode::from_env`]).
pub fn export_crate(dir: impl AsRef<Path>, crate_name: &str) -> Result<Report, ExportError> {
    export(
        dir.as_ref(),
        &crate::catalog::events_of(crate_name),
        Mode::from_env(),
    )
}

fn io_error(path: &Path, source: io::Error) -> ExportError {
    ExportError::Io {
        path: path.to_owned(),
        source,
    }
}
