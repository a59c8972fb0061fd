//! The `tidings` binary: its output and its exit codes (0 compatible, 1 incompatible, 2 usage or
//! I/O error, 3 registry unreachable).

use std::path::{Path, PathBuf};
use std::process::Output;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tidings-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn tidings(args: &[&str], dir: &Path) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(args)
        .current_dir(dir)
        .env_remove("TIDINGS_REGISTRY_URL")
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exited")
}

/// `Order` with `extra` fields after `id`.
fn order(extra: &str) -> String {
    format!(
        r#"{{"type": "record", "name": "Order", "namespace": "com.acme",
            "fields": [{{"name": "id", "type": "string"}}{extra}]}}"#
    )
}

const NOTE: &str = r#", {"name": "note", "type": ["null", "string"], "default": null}"#;
const TOTAL: &str = r#", {"name": "total", "type": "long"}"#;

#[test]
fn diff_lists_every_incompatibility_in_the_direction_asked() {
    let dir = temp_dir("diff");
    std::fs::write(dir.join("old.avsc"), order(NOTE)).unwrap();
    std::fs::write(
        dir.join("new.avsc"),
        order(&format!(
            "{TOTAL}, {{\"name\": \"count\", \"type\": \"int\"}}"
        )),
    )
    .unwrap();

    let backward = tidings(&["diff", "old.avsc", "new.avsc"], &dir);
    assert_eq!(code(&backward), 1, "{}", stdout(&backward));
    let text = stdout(&backward);
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(
        text.contains("`total`") && text.contains("`count`"),
        "{text}"
    );
    assert!(
        text.contains("[READER_FIELD_MISSING_DEFAULT_VALUE] at /fields/1"),
        "{text}"
    );

    // The old schema reads the new data: it skips `total` and `count`, and `note` has a default.
    let forward = tidings(
        &["diff", "old.avsc", "new.avsc", "--level", "forward"],
        &dir,
    );
    assert_eq!(code(&forward), 0, "{}", stdout(&forward));

    let full = tidings(
        &[
            "diff", "old.avsc", "new.avsc", "--level", "full", "--format", "json",
        ],
        &dir,
    );
    assert_eq!(code(&full), 1);
    let json: serde_json::Value = serde_json::from_slice(&full.stdout).unwrap();
    assert_eq!(json["compatible"], false);
    let problems = json["incompatibilities"].as_array().unwrap();
    assert_eq!(problems.len(), 2);
    assert_eq!(problems[0]["kind"], "READER_FIELD_MISSING_DEFAULT_VALUE");
    assert_eq!(problems[0]["direction"], "backward");
    assert_eq!(problems[0]["record"], "com.acme.Order");
    assert_eq!(problems[0]["field"], "total");
}

#[test]
fn register_then_check_against_the_file_registry() {
    let dir = temp_dir("registry");
    std::fs::create_dir_all(dir.join("out")).unwrap();
    let schema = dir.join("out/com.acme.Order.avsc");
    std::fs::write(&schema, order("")).unwrap();

    let first = tidings(&["register", "out", "--registry", "schemas"], &dir);
    assert_eq!(code(&first), 0, "{}", stdout(&first));
    assert!(
        stdout(&first).contains("com.acme.Order registered as version 1"),
        "{}",
        stdout(&first)
    );

    std::fs::write(&schema, order(NOTE)).unwrap();
    let check = tidings(&["check", "out", "--registry", "schemas"], &dir);
    assert_eq!(code(&check), 0);
    assert!(stdout(&check).contains("compatible (BACKWARD_TRANSITIVE) and not registered yet"));
    let second = tidings(
        &[
            "register",
            "out/com.acme.Order.avsc",
            "--registry",
            "schemas",
        ],
        &dir,
    );
    assert!(
        stdout(&second).contains("registered as version 2"),
        "{}",
        stdout(&second)
    );
    assert!(dir.join("schemas/history/com.acme.Order/2.avsc").is_file());

    std::fs::write(&schema, order(TOTAL)).unwrap();
    let breaking = tidings(
        &["check", "out", "--registry", "schemas", "--format", "json"],
        &dir,
    );
    assert_eq!(code(&breaking), 1);
    let json: serde_json::Value = serde_json::from_slice(&breaking.stdout).unwrap();
    let result = &json["results"][0];
    assert_eq!(result["outcome"], "incompatible");
    let versions: Vec<_> = result["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["version"].as_u64().unwrap())
        .collect();
    assert_eq!(versions, [1, 2]);

    // At NONE anything goes; registering it still needs the registry's own level to allow it.
    let none = tidings(
        &["check", "out", "--registry", "schemas", "--level", "none"],
        &dir,
    );
    assert_eq!(code(&none), 0, "{}", stdout(&none));
    let refused = tidings(&["register", "out", "--registry", "schemas"], &dir);
    assert_eq!(code(&refused), 1);
    assert!(!dir.join("schemas/history/com.acme.Order/3.avsc").exists());
}

#[test]
fn a_failure_still_reports_what_was_registered_before_it() {
    let dir = temp_dir("partial");
    std::fs::create_dir_all(dir.join("out")).unwrap();
    std::fs::write(dir.join("out/a.avsc"), order("")).unwrap();
    std::fs::write(dir.join("out/b.avsc"), "{ not json").unwrap();

    let output = tidings(&["register", "out", "--registry", "schemas"], &dir);
    assert_eq!(code(&output), 2, "{}", stdout(&output));
    assert!(
        stdout(&output).contains("com.acme.Order registered as version 1"),
        "{}",
        stdout(&output)
    );
    assert!(dir.join("schemas/history/com.acme.Order/1.avsc").is_file());
}

#[test]
fn usage_and_io_errors_exit_2() {
    let dir = temp_dir("errors");
    std::fs::write(dir.join("broken.avsc"), "{\"type\": ").unwrap();
    std::fs::write(dir.join("int.avsc"), "\"int\"").unwrap();
    for (args, expected) in [
        (
            &["diff", "missing.avsc", "missing.avsc"][..],
            "missing.avsc",
        ),
        (&["diff", "broken.avsc", "broken.avsc"][..], "broken.avsc"),
        (&["check", "int.avsc"][..], "names no subject"),
        (
            &["check", "broken.avsc", "--level", "sideways"][..],
            "not a compatibility level",
        ),
        (&["frobnicate"][..], "unrecognized subcommand"),
    ] {
        let output = tidings(args, &dir);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(code(&output), 2, "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}

#[test]
fn an_unreachable_registry_exits_3() {
    let dir = temp_dir("unreachable");
    std::fs::write(dir.join("order.avsc"), order("")).unwrap();
    // Nothing listens on port 9 (discard) of the loopback here; the connection is refused.
    let output = tidings(
        &[
            "check",
            "order.avsc",
            "--registry",
            "http://user:hunter2@127.0.0.1:9",
        ],
        &dir,
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(code(&output), 3, "{stderr}");
    assert!(stderr.contains("unreachable"), "{stderr}");
    assert!(!stderr.contains("hunter2"), "the password leaked: {stderr}");
}
