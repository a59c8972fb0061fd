//! The compatibility check for a `build.rs`: a breaking change to an event fails the build, with
//! a report that names the event, the field, the rule, the version it breaks and the line of Rust.
//!
//! In the `build.rs` of a crate that has the contracts crate as a build-dependency:
//!
//! ```no_run
//! use order_contracts as _; // links the contracts crate, whose derives fill the catalog
//! # mod order_contracts {}
//!
//! fn main() {
//!     tidings::build::check();
//! }
//! ```
//!
//! [`check`] exports every event's `.avsc` into the schemas folder and checks each against its
//! subject in the registry the environment chooses, at the configured level:
//!
//! | Variable | Effect |
//! |---|---|
//! | `TIDINGS_SCHEMAS_DIR` | the schemas folder, relative to the crate; default: the nearest `schemas/` above it |
//! | `TIDINGS_COMPATIBILITY` | the level, e.g. `FULL_TRANSITIVE`; default: the subject's level in the registry, else `BACKWARD_TRANSITIVE` |
//! | `TIDINGS_REGISTRY_URL` | check against a Confluent registry (feature `confluent`) instead of the file registry |
//! | `CI` | write nothing: fail on stale `.avsc` files and on unregistered schemas |
//! | `DOCS_RS` | skip the check |
//!
//! Locally, a new compatible schema is registered in the file registry as the subject's next
//! version (commit `schemas/`). With `CI` set nothing is written, and a schema that is not
//! registered yet fails the build. A remote registry is only read: register there with the
//! `tidings` command-line tool, as a deploy step.

use crate::catalog::{self, EventInfo, Location};
use crate::compat::{self, Direction, Incompatibility, Level};
use crate::export::{self, ExportError, Mode};
use crate::registry::{FileRegistry, OnNew, Outcome, Registry, RegistryError, check_subject};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Runs the check [`Check::from_env`] configures, prints what it found and, when the contract
/// is broken, ends the build script with exit code 1. Does nothing under docs.rs.
pub fn check() {
    if std::env::var_os("DOCS_RS").is_some() {
        return;
    }
    let check = Check::from_env();
    for line in check.rerun_if() {
        println!("{line}");
    }
    match check.run() {
        Ok(report) => {
            for line in report.notices() {
                println!("cargo:warning={line}");
            }
            if !report.is_ok() {
                eprintln!("{report}");
                std::process::exit(1);
            }
        }
        Err(err) => {
            eprintln!("error: the tidings compatibility check could not run: {err}");
            std::process::exit(1);
        }
    }
}

/// A configured build-time check.
#[derive(Clone, Debug)]
pub struct Check {
    schemas_dir: PathBuf,
    level: Option<Level>,
    /// Why `TIDINGS_COMPATIBILITY` did not parse; reported by `run`, unless `level` replaced it.
    level_error: Option<String>,
    crate_name: Option<String>,
    ci: bool,
    registry_url: Option<String>,
}

/// Why the check could not run (as opposed to finding a breaking change).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CheckError {
    /// No event is linked into the build script.
    #[error(
        "no events found: add `use your_contracts_crate as _;` to build.rs so the contracts \
         crate is linked and its events are in the catalog"
    )]
    NoEvents,
    /// A setting in the environment is invalid.
    #[error("{0}")]
    Config(String),
    /// Exporting the `.avsc` files failed (other than finding them stale).
    #[error(transparent)]
    Export(ExportError),
    /// The registry failed.
    #[error(transparent)]
    Registry(#[from] RegistryError),
}

impl Check {
    /// The check the environment asks for (see the [module documentation](self)).
    pub fn from_env() -> Check {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let manifest_dir = PathBuf::from(var("CARGO_MANIFEST_DIR").unwrap_or_else(|| ".".into()));
        let schemas_dir = match var("TIDINGS_SCHEMAS_DIR") {
            Some(dir) => manifest_dir.join(dir),
            None => nearest_schemas_dir(&manifest_dir),
        };
        Check {
            schemas_dir,
            level: None,
            level_error: None,
            crate_name: None,
            ci: Mode::from_env() == Mode::Check,
            registry_url: var("TIDINGS_REGISTRY_URL"),
        }
        .level_from_env(var("TIDINGS_COMPATIBILITY"))
    }

    fn level_from_env(mut self, level: Option<String>) -> Check {
        match level.map(|text| text.parse::<Level>()) {
            Some(Ok(level)) => self.level = Some(level),
            Some(Err(err)) => self.level_error = Some(format!("TIDINGS_COMPATIBILITY: {err}")),
            None => {}
        }
        self
    }

    /// Uses `dir` as the schemas folder.
    pub fn schemas_dir(mut self, dir: impl Into<PathBuf>) -> Check {
        self.schemas_dir = dir.into();
        self
    }

    /// Checks at `level` rather than the registry's level for each subject.
    pub fn level(mut self, level: Level) -> Check {
        self.level = Some(level);
        self.level_error = None;
        self
    }

    /// Checks only the events of the crate `crate_name`, not every linked event.
    pub fn crate_name(mut self, crate_name: impl Into<String>) -> Check {
        self.crate_name = Some(crate_name.into());
        self
    }

    /// Whether to behave as in CI: write nothing, fail on anything stale or unregistered.
    pub fn ci(mut self, ci: bool) -> Check {
        self.ci = ci;
        self
    }

    /// The `cargo:rerun-if-*` lines that make cargo run the check again when its inputs change.
    /// (A change to the contracts crate reruns it anyway: the build script is rebuilt.)
    pub fn rerun_if(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "cargo:rerun-if-changed={}",
            self.schemas_dir.display()
        )];
        for var in [
            "CI",
            "TIDINGS_SCHEMAS_DIR",
            "TIDINGS_COMPATIBILITY",
            "TIDINGS_REGISTRY_URL",
            "TIDINGS_REGISTRY_USERNAME",
            "TIDINGS_REGISTRY_PASSWORD",
            "TIDINGS_REGISTRY_TOKEN",
            "TIDINGS_REGISTRY_CA_FILE",
        ] {
            lines.push(format!("cargo:rerun-if-env-changed={var}"));
        }
        lines
    }

    /// Exports and checks every event, without printing or exiting.
    pub fn run(&self) -> Result<BuildReport, CheckError> {
        if let Some(err) = &self.level_error {
            return Err(CheckError::Config(err.clone()));
        }
        let events = match &self.crate_name {
            Some(name) => catalog::events_of(name),
            None => catalog::events(),
        };
        if events.is_empty() {
            return Err(CheckError::NoEvents);
        }
        let mode = if self.ci { Mode::Check } else { Mode::Write };
        let stale = match export::export(&self.schemas_dir, &events, mode) {
            Ok(_) => None,
            Err(ExportError::OutOfDate(out_of_date)) => Some(out_of_date.to_string()),
            Err(err) => return Err(CheckError::Export(err)),
        };
        let (registry, on_new, registry_name) = self.registry()?;
        let mut subjects = Vec::with_capacity(events.len());
        for event in events {
            let schema = serde_json::to_string(&event.schema_json()).expect("JSON always prints");
            let subject = check_subject(
                registry.as_ref(),
                event.avro_name(),
                &schema,
                self.level,
                on_new,
            )?;
            subjects.push(EventCheck { event, subject });
        }
        Ok(BuildReport {
            registry: registry_name,
            // A remote registry is registered to at deploy time; the file registry in the commit.
            strict: self.ci && self.registry_url.is_none(),
            stale,
            events: subjects,
        })
    }

    fn registry(&self) -> Result<(Box<dyn Registry>, OnNew, String), CheckError> {
        if let Some(url) = &self.registry_url {
            return remote_registry(url);
        }
        let registry = FileRegistry::new(&self.schemas_dir).read_only(self.ci);
        registry.verify()?;
        let on_new = if self.ci {
            OnNew::Report
        } else {
            OnNew::Register
        };
        let name = self.schemas_dir.join("history").display().to_string();
        Ok((Box::new(registry), on_new, name))
    }
}

#[cfg(feature = "confluent")]
fn remote_registry(url: &str) -> Result<(Box<dyn Registry>, OnNew, String), CheckError> {
    let registry = crate::registry::confluent::ConfluentRegistry::from_env_at(url)?;
    let name = registry.url().to_owned();
    Ok((Box::new(registry), OnNew::Report, name))
}

#[cfg(not(feature = "confluent"))]
fn remote_registry(_url: &str) -> Result<(Box<dyn Registry>, OnNew, String), CheckError> {
    Err(CheckError::Config(
        "TIDINGS_REGISTRY_URL is set, but tidings was built without the `confluent` feature: \
         enable it on the build-dependency"
            .into(),
    ))
}

/// The nearest `schemas/` folder in `dir` or above it; `dir/schemas` if there is none.
fn nearest_schemas_dir(dir: &Path) -> PathBuf {
    dir.ancestors()
        .map(|d| d.join("schemas"))
        .find(|d| d.is_dir())
        .unwrap_or_else(|| dir.join("schemas"))
}

/// What the check found, event by event.
#[derive(Debug)]
pub struct BuildReport {
    registry: String,
    strict: bool,
    stale: Option<String>,
    events: Vec<EventCheck>,
}

/// One event's result.
#[derive(Debug)]
struct EventCheck {
    event: &'static EventInfo,
    subject: crate::registry::SubjectCheck,
}

impl BuildReport {
    /// Whether the build may go on.
    pub fn is_ok(&self) -> bool {
        self.stale.is_none()
            && self.events.iter().all(|e| match &e.subject.outcome {
                Outcome::Incompatible(_) => false,
                Outcome::Unregistered => !self.strict,
                Outcome::Registered(_) | Outcome::NewlyRegistered(_) => true,
            })
    }

    /// One line per newly registered revision, for `cargo:warning`.
    pub fn notices(&self) -> Vec<String> {
        self.events
            .iter()
            .filter_map(|e| match e.subject.outcome {
                Outcome::NewlyRegistered(version) => Some(format!(
                    "registered {} version {version} in {}: commit it with the change",
                    e.subject.subject, self.registry
                )),
                _ => None,
            })
            .collect()
    }
}

/// Where a problem comes from in Rust: the field's line, else the record's, else the event's.
fn source_of(event: &EventInfo, found: &Incompatibility) -> Location {
    let field = found.field.as_ref();
    field
        .and_then(|f| catalog::locate(&f.record, Some(&f.field)))
        .or_else(|| catalog::locate(event.avro_name(), None))
        .unwrap_or(event.location())
}

impl std::fmt::Display for BuildReport {
    /// In the style of `buf breaking`: one line per problem, `file:line:column: message`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = String::new();
        let mut breaking = 0;
        for e in &self.events {
            let subject = &e.subject;
            match &subject.outcome {
                Outcome::Incompatible(violations) => {
                    for group in compat::group(violations) {
                        breaking += 1;
                        let found = group.incompatibility;
                        let versions = list(&group.versions);
                        let reads = match group.direction {
                            Direction::NewReadsOld => "the new schema must read data they wrote",
                            Direction::OldReadsNew => "they must read data the new schema writes",
                        };
                        let _ = writeln!(
                            out,
                            "{}: {}: {}\n    breaks {} ({} v{}) {versions} under {} ({reads}); \
                             schema location {}",
                            source_of(e.event, found),
                            found.kind,
                            found.message,
                            subject.subject,
                            e.event.event_type(),
                            e.event.version(),
                            subject.level,
                            found.location,
                        );
                    }
                }
                Outcome::Unregistered if self.strict => {
                    let _ = writeln!(
                        out,
                        "{}:{}:1: {} changed compatibly but is not registered in {}: build once \
                         without `CI` set to register it, then commit schemas/",
                        e.event.file(),
                        e.event.line(),
                        subject.subject,
                        self.registry,
                    );
                }
                _ => {}
            }
        }
        if let Some(stale) = &self.stale {
            let _ = writeln!(out, "{stale}");
        }
        if breaking > 0 {
            // `breaking` counts lines: one problem, however many versions it breaks.
            let _ = writeln!(
                out,
                "error: {breaking} breaking change(s) to event contracts (checked against {}). \
                 Keep old data readable: give new fields defaults, keep enum symbols, or \
                 publish a new major version (#[event(version = N + 1)]) as a new type.",
                self.registry
            );
        }
        f.write_str(out.trim_end())
    }
}

/// `version 2` or `versions 1, 2`.
fn list(versions: &[u32]) -> String {
    let numbers: Vec<String> = versions.iter().map(u32::to_string).collect();
    match numbers.len() {
        1 => format!("version {}", numbers[0]),
        _ => format!("versions {}", numbers.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_level_in_the_environment_fails_the_run_unless_a_level_replaces_it() {
        // A folder of its own: should the run get past the level, it writes nothing in the tree.
        let dir = std::env::temp_dir().join(format!("tidings-build-level-{}", std::process::id()));
        let check = Check::from_env()
            .schemas_dir(&dir)
            .level_from_env(Some("SIDEWAYS".into()));
        match check.run() {
            Err(CheckError::Config(message)) => {
                assert!(message.starts_with("TIDINGS_COMPATIBILITY: "), "{message}");
            }
            other => panic!("{other:?}"),
        }
        let check = check.level(Level::Full);
        assert!(!matches!(check.run(), Err(CheckError::Config(_))));
    }

    #[test]
    fn every_variable_the_registry_reads_reruns_the_check() {
        let lines = Check::from_env().rerun_if();
        for var in ["TIDINGS_REGISTRY_URL", "TIDINGS_REGISTRY_CA_FILE"] {
            assert!(lines.contains(&format!("cargo:rerun-if-env-changed={var}")));
        }
    }
}
