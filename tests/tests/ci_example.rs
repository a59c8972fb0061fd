//! The CI example end to end (`examples/ci`): the service's `build.rs` fails the build on a
//! breaking edit to the contracts crate, with a report naming the Rust line, and passes on a
//! compatible edit, which it registers as the subject's next version.
//!
//! Each test copies the example into its own workspace and builds it with cargo, sharing one
//! target folder so dependencies are compiled once.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SUBJECT: &str = "com.acme.shipping.v1.ShipmentDispatched";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

/// A copy of `examples/ci` in `<workspace>/<name>/`, in a workspace of its own that depends on
/// this checkout's tidings. Cargo names a path package's artifacts by its path relative to the
/// workspace root, so a distinct `<name>` keeps each copy's artifacts apart in the shared target
/// folder (with the same paths, one copy's build would pass for another's).
fn copy_example(name: &str) -> PathBuf {
    let root = root();
    let workspace = std::env::temp_dir().join(format!("tidings-ci-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&workspace);
    let dir = workspace.join(name);
    copy_dir(&root.join("examples/ci"), &dir);
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let start = manifest.find("members = [").unwrap();
    let end = start + manifest[start..].find(']').unwrap() + 1;
    let manifest = format!(
        "{}members = [\"{name}/contracts\", \"{name}/service\"]{}",
        &manifest[..start],
        &manifest[end..]
    )
    .replace("path = \"", &format!("path = \"{}/", root.display()));
    std::fs::write(workspace.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(root.join("Cargo.lock"), workspace.join("Cargo.lock")).unwrap();
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn build(dir: &Path, ci: bool) -> Output {
    let mut cargo = Command::new(env!("CARGO"));
    cargo
        .args(["build", "--quiet", "-p", "shipping-service"])
        .current_dir(dir.parent().unwrap())
        .env("CARGO_TARGET_DIR", root().join("target/ci-example"))
        .env_remove("CI")
        .env_remove("TIDINGS_REGISTRY_URL")
        .env_remove("TIDINGS_COMPATIBILITY")
        .env_remove("TIDINGS_SCHEMAS_DIR");
    if ci {
        cargo.env("CI", "true");
    }
    cargo.output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Inserts `lines` after the line containing `after` in the contracts; returns the 1-based line
/// number of the first inserted line.
fn edit_contracts(dir: &Path, after: &str, lines: &str) -> usize {
    let path = dir.join("contracts/src/lib.rs");
    let source = std::fs::read_to_string(&path).unwrap();
    let at = source.find(after).expect("anchor") + after.len() + 1;
    let line = source[..at].lines().count() + 1;
    std::fs::write(&path, format!("{}{lines}{}", &source[..at], &source[at..])).unwrap();
    line
}

#[test]
fn the_committed_example_passes_in_ci() {
    let dir = copy_example("clean");
    let output = build(&dir, true);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn a_breaking_edit_fails_the_build_with_the_line_of_rust() {
    let dir = copy_example("breaking");
    let line = edit_contracts(
        &dir,
        "pub tracking_code: Option<String>,",
        "    /// Whether the parcel is insured.\n    pub insured: bool,\n",
    ) + 1;

    for ci in [true, false] {
        let output = build(&dir, ci);
        let report = stderr(&output);
        assert!(!output.status.success(), "CI={ci}: the build passed");
        let location = format!(
            "breaking/contracts/src/lib.rs:{line}:9: READER_FIELD_MISSING_DEFAULT_VALUE: field \
             `insured` (boolean) of `com.acme.shipping.Parcel` is not in the writer's record"
        );
        for expected in [
            location.as_str(),
            &format!(
                "breaks {SUBJECT} (shipment.dispatched v1) versions 1, 2 under BACKWARD_TRANSITIVE"
            ),
            "error: 1 breaking change(s) to event contracts",
        ] {
            assert!(
                report.contains(expected),
                "CI={ci}: no `{expected}` in:\n{report}"
            );
        }
    }
    // Nothing was registered for the breaking schema.
    assert!(
        !dir.join(format!("schemas/history/{SUBJECT}/3.avsc"))
            .exists()
    );
}

#[test]
fn a_compatible_edit_is_registered_locally_and_then_passes_ci() {
    let dir = copy_example("compatible");
    // A new carrier: readers of the new schema read every old symbol.
    edit_contracts(&dir, "    Ups,", "    /// FedEx.\n    Fedex,\n");

    // CI writes nothing, so an unregistered schema fails there first.
    let output = build(&dir, true);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("is not registered"),
        "{}",
        stderr(&output)
    );

    let output = build(&dir, false);
    assert!(output.status.success(), "{}", stderr(&output));
    let registered = dir.join(format!("schemas/history/{SUBJECT}/3.avsc"));
    let schema = std::fs::read_to_string(&registered).unwrap();
    assert!(schema.contains("\"Fedex\""), "{schema}");
    let latest = std::fs::read_to_string(dir.join(format!("schemas/{SUBJECT}.avsc"))).unwrap();
    assert_eq!(latest, schema);

    let output = build(&dir, true);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn an_edited_revision_fails_the_build() {
    let dir = copy_example("tampered");
    let revision = dir.join(format!("schemas/history/{SUBJECT}/1.avsc"));
    let text = std::fs::read_to_string(&revision).unwrap();
    std::fs::write(&revision, text.replace("weight_grams", "weight_kg")).unwrap();

    let output = build(&dir, true);
    assert!(!output.status.success());
    let report = stderr(&output);
    assert!(
        report.contains("version 1 was changed after it was registered"),
        "{report}"
    );
}
