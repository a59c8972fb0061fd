//! Printing results: lines for people in the style of `buf breaking`, or one JSON document.

use crate::args::{Cli, Command, Format};
use crate::run::{Failure, FileResult};
use serde_json::{Value, json};
use std::path::Path;
use std::process::ExitCode;
use tidings::canonical::Fingerprint;
use tidings::compat::{Direction, Incompatibility, Violation};
use tidings::registry::Outcome;

pub fn print_checks(results: &[FileResult], registry: &str, format: Format) {
    match format {
        Format::Human => {
            for result in results {
                print_check(result, registry);
            }
        }
        Format::Json => {
            let results: Vec<Value> = results.iter().map(check_json).collect();
            let compatible = results.iter().all(|r| r["compatible"] == true);
            print_json(&json!({ "compatible": compatible, "results": results }));
        }
    }
}

fn print_check(result: &FileResult, registry: &str) {
    let path = result.path.display();
    let check = &result.check;
    let subject = &check.subject;
    match &check.outcome {
        Outcome::Registered(version) => {
            println!("{path}: {subject} is registered as version {version} in {registry}");
        }
        Outcome::NewlyRegistered(version) => {
            println!("{path}: {subject} registered as version {version} in {registry}");
        }
        Outcome::Unregistered => println!(
            "{path}: {subject} is compatible ({}) and not registered yet",
            check.level
        ),
        Outcome::Incompatible(violations) => {
            for violation in violations {
                println!(
                    "{path}: {subject}: {}",
                    violation_line(violation, check.level)
                );
            }
        }
    }
}

fn violation_line(violation: &Violation, level: tidings::compat::Level) -> String {
    let found = &violation.incompatibility;
    let direction = match violation.direction {
        Direction::NewReadsOld => "this schema cannot read data written with it",
        Direction::OldReadsNew => "it cannot read data this schema writes",
    };
    format!(
        "{} [{}] breaks version {} under {level} ({direction}); at {}",
        found.message, found.kind, violation.version, found.location
    )
}

pub fn print_diff(old: &Path, new: &Path, found: &[(&str, Incompatibility)], format: Format) {
    match format {
        Format::Human => {
            if found.is_empty() {
                println!(
                    "{} can replace {}: compatible",
                    new.display(),
                    old.display()
                );
            }
            for (direction, problem) in found {
                println!(
                    "{} ({direction}): {} [{}] at {}",
                    new.display(),
                    problem.message,
                    problem.kind,
                    problem.location
                );
            }
        }
        Format::Json => {
            let problems: Vec<Value> = found
                .iter()
                .map(|(direction, problem)| {
                    let mut value = incompatibility_json(problem);
                    value["direction"] = json!(direction);
                    value
                })
                .collect();
            print_json(&json!({
                "compatible": found.is_empty(),
                "old": old.display().to_string(),
                "new": new.display().to_string(),
                "incompatibilities": problems,
            }));
        }
    }
}

pub fn print_fingerprint(path: &Path, form: &str, fingerprint: Fingerprint, format: Format) {
    match format {
        Format::Human => println!("{form}\n{fingerprint}"),
        Format::Json => print_json(&json!({
            "file": path.display().to_string(),
            "canonical_form": form,
            "fingerprint": fingerprint.to_string(),
            "fingerprint_long": fingerprint.as_java_long(),
        })),
    }
}

/// A command that failed: the error on stderr, and with `--format json` one document on stdout
/// that says what happened, for callers that read only stdout. The document has no `compatible`
/// field unless the registry refused a schema (exit code 1), where it is `false`.
pub fn print_failure(failure: &Failure, cli: &Cli) {
    let registry = match &cli.command {
        Command::Check(args) | Command::Register(args) => args.registry.as_str(),
        _ => "",
    };
    if cli.format == Format::Human
        && let Some(checked) = &failure.checked
    {
        for result in checked {
            print_check(result, registry);
        }
    }
    eprintln!("error: {}", failure.error);
    if cli.format == Format::Json {
        let kind = failure.error.kind();
        let mut document = json!({
            "error": { "kind": kind, "message": failure.error.to_string() },
        });
        if kind == "incompatible" {
            document["compatible"] = json!(false);
        }
        if let Some(checked) = &failure.checked {
            document["results"] = checked.iter().map(check_json).collect();
        }
        print_json(&document);
    }
}

/// A command line clap refused: its own message (help and `--version` on stdout, exit 0;
/// errors on stderr, exit 2), and with `--format json` an error document on stdout.
pub fn usage_error(err: &clap::Error, json: bool) -> ExitCode {
    let _ = err.print();
    if !err.use_stderr() {
        return ExitCode::SUCCESS;
    }
    if json {
        // clap's first line, `error: ...`, without the usage and help lines after it.
        let text = err.to_string();
        let first = text.lines().next().unwrap_or_default().trim();
        let message = first.strip_prefix("error: ").unwrap_or(first);
        print_json(&json!({ "error": { "kind": "usage", "message": message } }));
    }
    ExitCode::from(2)
}

fn check_json(result: &FileResult) -> Value {
    let check = &result.check;
    let (outcome, version, violations) = match &check.outcome {
        Outcome::Registered(v) => ("registered", Some(*v), &[][..]),
        Outcome::NewlyRegistered(v) => ("newly_registered", Some(*v), &[][..]),
        Outcome::Unregistered => ("unregistered", None, &[][..]),
        Outcome::Incompatible(violations) => ("incompatible", None, violations.as_slice()),
    };
    let violations: Vec<Value> = violations
        .iter()
        .map(|violation| {
            let mut value = incompatibility_json(&violation.incompatibility);
            value["version"] = json!(violation.version);
            value["direction"] = json!(match violation.direction {
                Direction::NewReadsOld => "backward",
                Direction::OldReadsNew => "forward",
            });
            value
        })
        .collect();
    json!({
        "file": result.path.display().to_string(),
        "subject": check.subject,
        "level": check.level.as_str(),
        "compatible": check.is_compatible(),
        "outcome": outcome,
        "version": version,
        "violations": violations,
    })
}

fn incompatibility_json(problem: &Incompatibility) -> Value {
    json!({
        "kind": problem.kind.as_str(),
        "location": problem.location,
        "record": problem.field.as_ref().map(|f| &f.record),
        "field": problem.field.as_ref().map(|f| &f.field),
        "message": problem.message,
    })
}

fn print_json(value: &Value) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("JSON values always serialize")
    );
}
