//! The command line, as clap parses it.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use tidings::compat::Level;

/// Checks Avro schemas for breaking changes, registers them, or compares two.
///
/// Exit codes: 0 compatible, 1 incompatible, 2 usage or I/O error, 3 registry unreachable.
#[derive(Debug, Parser)]
#[command(name = "tidings", version)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// `human` for people, `json` for machines.
    #[arg(long, global = true, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Checks each schema against its subject's registered versions; writes nothing.
    Check(RegistryArgs),
    /// Checks each schema, then registers those that are compatible and new.
    Register(RegistryArgs),
    /// Lists every incompatibility between two schema files.
    Diff {
        /// The schema data was written with.
        old: PathBuf,
        /// The schema that replaces it.
        new: PathBuf,
        /// backward: the new schema reads old data; forward: the old schema reads new data;
        /// full: both.
        #[arg(long, value_enum, default_value_t = Direction::Backward)]
        level: Direction,
    },
    /// Prints a schema's Parsing Canonical Form, then its CRC-64-AVRO fingerprint as 16 hex
    /// digits (the `long` Java's `SchemaNormalization.parsingFingerprint64` returns).
    Fingerprint {
        /// The `.avsc` file.
        file: PathBuf,
    },
}

/// Where the schemas are and which registry to check them against.
#[derive(Debug, clap::Args)]
pub struct RegistryArgs {
    /// `.avsc` files, or folders whose `*.avsc` files are read (not recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// A schemas folder (the file registry) or an `http(s)://` Confluent registry URL; its
    /// credentials, CA and deadline (`TIDINGS_REGISTRY_DEADLINE`, e.g. `30s`) come from the
    /// `TIDINGS_REGISTRY_*` variables.
    #[arg(long, env = "TIDINGS_REGISTRY_URL", default_value = "schemas")]
    pub registry: String,
    /// The compatibility level; default: each subject's level in the registry.
    #[arg(long, value_parser = parse_level)]
    pub level: Option<Level>,
}

fn parse_level(text: &str) -> Result<Level, String> {
    text.parse()
        .map_err(|err: tidings::compat::UnknownLevel| err.to_string())
}

/// `diff`'s directions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Direction {
    /// The new schema reads data written with the old one.
    Backward,
    /// The old schema reads data written with the new one.
    Forward,
    /// Both.
    Full,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Lines for people, in the style of `buf breaking`.
    Human,
    /// One JSON document on stdout.
    Json,
}

/// Whether the command line asks for `--format json`, read from the raw arguments: for the
/// error of a command line clap could not parse.
pub fn wants_json(argv: &[std::ffi::OsString]) -> bool {
    let argv: Vec<_> = argv.iter().map(|arg| arg.to_string_lossy()).collect();
    argv.iter().any(|arg| arg == "--format=json")
        || argv
            .windows(2)
            .any(|pair| pair[0] == "--format" && pair[1] == "json")
}
