//! The subcommands: read the schema files, ask the registry, collect the results.

use crate::args::{Cli, Command, Direction, RegistryArgs};
use crate::output;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tidings::avro::Schema;
use tidings::canonical::{self, Fingerprint};
use tidings::compat::{self, Incompatibility};
use tidings::registry::confluent::ConfluentRegistry;
use tidings::registry::{
    Candidate, FileRegistry, OnNew, Registry, RegistryError, SubjectCheck, check_candidate,
};

/// Whether everything checked was compatible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Exit code 0.
    Compatible,
    /// Exit code 1.
    Incompatible,
}

impl Verdict {
    pub fn exit_code(self) -> ExitCode {
        match self {
            Verdict::Compatible => ExitCode::SUCCESS,
            Verdict::Incompatible => ExitCode::from(1),
        }
    }
}

/// Why a command could not run.
#[derive(Debug)]
pub enum CliError {
    /// A file could not be read.
    Io(PathBuf, std::io::Error),
    /// A file is not a schema the command can use.
    Schema(PathBuf, String),
    /// The registry failed.
    Registry(RegistryError),
}

impl CliError {
    /// 3 when the registry cannot be reached, 1 when it refuses a schema as incompatible (at a
    /// level stricter than `--level`), else 2.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            CliError::Registry(RegistryError::Unreachable { .. }) => ExitCode::from(3),
            CliError::Registry(RegistryError::Incompatible { .. }) => ExitCode::from(1),
            _ => ExitCode::from(2),
        }
    }

    /// What kind of failure, for `--format json`: a word a script can branch on.
    pub fn kind(&self) -> &'static str {
        match self {
            CliError::Io(..) => "io",
            CliError::Schema(..) => "schema",
            CliError::Registry(error) => match error {
                RegistryError::Io { .. } => "io",
                RegistryError::Tampered { .. } => "tampered",
                RegistryError::Corrupt { .. } => "corrupt",
                RegistryError::ReadOnly { .. } => "read_only",
                RegistryError::Incompatible { .. } => "incompatible",
                RegistryError::InvalidSchema { .. } => "invalid_schema",
                RegistryError::NotFound(_) => "not_found",
                RegistryError::Unreachable { .. } => "unreachable",
                RegistryError::Unauthorized { .. } => "unauthorized",
                RegistryError::Server { .. } => "server",
                RegistryError::Config(_) => "config",
                _ => "registry",
            },
        }
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Io(path, err) => write!(f, "{}: {err}", path.display()),
            CliError::Schema(path, message) => write!(f, "{}: {message}", path.display()),
            CliError::Registry(err) => write!(f, "{err}"),
        }
    }
}

/// A command that could not finish: why, and for `check` and `register` what was checked
/// before, which is reported all the same.
pub struct Failure {
    pub error: CliError,
    pub checked: Option<Vec<FileResult>>,
}

impl From<CliError> for Failure {
    fn from(error: CliError) -> Self {
        Failure {
            error,
            checked: None,
        }
    }
}

/// One schema file and its subject's result.
pub struct FileResult {
    pub path: PathBuf,
    pub check: SubjectCheck,
}

pub fn run(cli: &Cli) -> Result<Verdict, Failure> {
    match &cli.command {
        Command::Check(args) => check(args, OnNew::Report, cli),
        Command::Register(args) => check(args, OnNew::Register, cli),
        Command::Diff { old, new, level } => Ok(diff(old, new, *level, cli)?),
        Command::Fingerprint { file } => Ok(fingerprint(file, cli)?),
    }
}

fn fingerprint(path: &Path, cli: &Cli) -> Result<Verdict, CliError> {
    let text = read(path)?;
    let schema: serde_json::Value = serde_json::from_str(&text)
        .map_err(|err| CliError::Schema(path.to_owned(), format!("not JSON: {err}")))?;
    let form = canonical::parsing_canonical_form(&schema)
        .map_err(|err| CliError::Schema(path.to_owned(), format!("not an Avro schema: {err}")))?;
    output::print_fingerprint(
        path,
        &form,
        Fingerprint::of_canonical_form(&form),
        cli.format,
    );
    Ok(Verdict::Compatible)
}

fn check(args: &RegistryArgs, on_new: OnNew, cli: &Cli) -> Result<Verdict, Failure> {
    let registry = open_registry(&args.registry).map_err(|error| Failure {
        error,
        checked: Some(Vec::new()),
    })?;
    // Each file is read and parsed once; its subject is the schema's full name (Confluent's
    // record-name strategy).
    let check_file = |path: &Path| {
        let schema = Candidate::parse(&read(path)?)
            .map_err(|message| CliError::Schema(path.to_owned(), message))?;
        let subject = schema.full_name().ok_or_else(|| {
            CliError::Schema(
                path.to_owned(),
                "the top-level schema is not a named type, so it names no subject".into(),
            )
        })?;
        check_candidate(registry.as_ref(), &subject, &schema, args.level, on_new)
            .map_err(CliError::Registry)
    };
    let mut results = Vec::new();
    let files = schema_files(&args.paths).map_err(|error| Failure {
        error,
        checked: Some(Vec::new()),
    })?;
    for path in files {
        match check_file(&path) {
            Ok(check) => results.push(FileResult { path, check }),
            // What was checked, and registered, before a failure is reported all the same.
            Err(error) => {
                return Err(Failure {
                    error,
                    checked: Some(results),
                });
            }
        }
    }
    output::print_checks(&results, &args.registry, cli.format);
    Ok(if results.iter().all(|r| r.check.is_compatible()) {
        Verdict::Compatible
    } else {
        Verdict::Incompatible
    })
}

fn diff(old: &Path, new: &Path, direction: Direction, cli: &Cli) -> Result<Verdict, CliError> {
    let old_schema = parse(old, &read(old)?)?;
    let new_schema = parse(new, &read(new)?)?;
    let mut found: Vec<(&'static str, Incompatibility)> = Vec::new();
    if matches!(direction, Direction::Backward | Direction::Full) {
        let problems = compat::can_read(&new_schema, &old_schema);
        found.extend(problems.into_iter().map(|p| ("backward", p)));
    }
    if matches!(direction, Direction::Forward | Direction::Full) {
        let problems = compat::can_read(&old_schema, &new_schema);
        found.extend(problems.into_iter().map(|p| ("forward", p)));
    }
    output::print_diff(old, new, &found, cli.format);
    Ok(if found.is_empty() {
        Verdict::Compatible
    } else {
        Verdict::Incompatible
    })
}

/// The files named, and the `*.avsc` files directly in the folders named, in name order.
fn schema_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, CliError> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|e| CliError::Io(path.clone(), e))?;
            let mut found = Vec::new();
            for entry in entries {
                let entry = entry.map_err(|e| CliError::Io(path.clone(), e))?;
                let file = entry.path();
                if file.is_file() && file.extension().is_some_and(|e| e == "avsc") {
                    found.push(file);
                }
            }
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn read(path: &Path) -> Result<String, CliError> {
    std::fs::read_to_string(path).map_err(|err| CliError::Io(path.to_owned(), err))
}

fn parse(path: &Path, text: &str) -> Result<Schema, CliError> {
    Schema::parse_str(text).map_err(|err| CliError::Schema(path.to_owned(), err.to_string()))
}

fn open_registry(registry: &str) -> Result<Box<dyn Registry>, CliError> {
    if registry.starts_with("http://") || registry.starts_with("https://") {
        return remote(registry);
    }
    let registry = FileRegistry::new(registry);
    registry.verify().map_err(CliError::Registry)?;
    Ok(Box::new(registry))
}

/// A Confluent registry at `url`, with credentials from the environment as the build check
/// reads them (`TIDINGS_REGISTRY_USERNAME` and `_PASSWORD`, or `_TOKEN`).
fn remote(url: &str) -> Result<Box<dyn Registry>, CliError> {
    let registry = ConfluentRegistry::from_env_at(url).map_err(CliError::Registry)?;
    Ok(Box::new(registry))
}
