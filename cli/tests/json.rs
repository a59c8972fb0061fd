//! `--format json` on every exit path of every subcommand: one document on stdout that says what
//! happened. A failure is `{"error": {"kind", "message"}}` (with `results` for `check` and
//! `register`), and `compatible` is never there to say otherwise than the exit code: `true` only
//! with 0, `false` only with 1.
//!
//! The registry refusing a schema, and one that never answers, come from the in-process
//! Confluent-compatible server the client's own tests use.

#[allow(dead_code)]
#[path = "../../tests/tests/confluent/server.rs"]
mod server;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tidings-json-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn tidings(args: &[&str], dir: &Path, env: &[(&str, &str)]) -> Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_tidings"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("TIDINGS_REGISTRY_URL")
        .env_remove("TIDINGS_REGISTRY_DEADLINE");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}

/// The exit code and the one JSON document on stdout, after checking that `compatible`, when
/// there, agrees with the exit code (and is there with 1), and that exit codes 2 and 3 come with
/// an error object.
fn run_json(args: &[&str], dir: &Path, env: &[(&str, &str)]) -> (i32, Value) {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    let output = tidings(&args, dir, env);
    let code = output.status.code().expect("exited");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let document: Value = serde_json::from_str(&stdout).unwrap_or_else(|err| {
        panic!(
            "{args:?} (exit {code}): stdout is not one JSON document ({err}): {stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    match code {
        0 => assert_eq!(document.get("error"), None, "{args:?}: {document}"),
        // A verdict, or the registry's refusal (which also has an error object).
        1 => assert_eq!(document["compatible"], false, "{args:?}: {document}"),
        _ => {
            let error = &document["error"];
            assert!(
                error["kind"].is_string() && error["message"].is_string(),
                "{args:?} (exit {code}): no error object: {document}"
            );
        }
    }
    if let Some(compatible) = document.get("compatible") {
        assert_eq!(
            compatible,
            &Value::Bool(code == 0),
            "{args:?} (exit {code}): {document}"
        );
    }
    (code, document)
}

fn kind(document: &Value) -> &str {
    document["error"]["kind"].as_str().unwrap()
}

/// `Order` with `extra` fields after `id`.
fn order(extra: &str) -> String {
    format!(
        r#"{{"type": "record", "name": "Order", "namespace": "com.acme",
            "fields": [{{"name": "id", "type": "string"}}{extra}]}}"#
    )
}

const TOTAL: &str = r#", {"name": "total", "type": "long"}"#;

#[test]
fn exit_0_says_compatible() {
    let dir = temp_dir("exit0");
    std::fs::write(dir.join("order.avsc"), order("")).unwrap();
    let (code, document) = run_json(&["register", "order.avsc"], &dir, &[]);
    assert_eq!(code, 0);
    assert_eq!(document["compatible"], true);
    assert_eq!(document["results"][0]["outcome"], "newly_registered");
    let (code, document) = run_json(&["check", "order.avsc"], &dir, &[]);
    assert_eq!(
        (code, &document["results"][0]["outcome"]),
        (0, &"registered".into())
    );
    let (code, document) = run_json(&["diff", "order.avsc", "order.avsc"], &dir, &[]);
    assert_eq!((code, &document["compatible"]), (0, &true.into()));
    let (code, document) = run_json(&["fingerprint", "order.avsc"], &dir, &[]);
    assert_eq!(code, 0);
    assert!(document["fingerprint"].is_string(), "{document}");
}

#[test]
fn exit_1_says_incompatible() {
    let dir = temp_dir("exit1");
    std::fs::write(dir.join("order.avsc"), order("")).unwrap();
    assert_eq!(run_json(&["register", "order.avsc"], &dir, &[]).0, 0);
    std::fs::write(dir.join("order.avsc"), order(TOTAL)).unwrap();
    for command in ["check", "register"] {
        let (code, document) = run_json(&[command, "order.avsc"], &dir, &[]);
        assert_eq!(code, 1, "{command}: {document}");
        assert_eq!(document["compatible"], false);
        assert_eq!(document["results"][0]["outcome"], "incompatible");
    }
    std::fs::write(dir.join("old.avsc"), order("")).unwrap();
    let (code, document) = run_json(&["diff", "old.avsc", "order.avsc"], &dir, &[]);
    assert_eq!((code, &document["compatible"]), (1, &false.into()));
}

#[test]
fn exit_1_when_the_registry_refuses_what_the_level_asked_for_allows() {
    let server = server::Server::start();
    let dir = temp_dir("refused");
    std::fs::write(dir.join("order.avsc"), order("")).unwrap();
    let url = server.url();
    let args = |level| {
        [
            "register",
            "order.avsc",
            "--registry",
            &url,
            "--level",
            level,
        ]
    };
    assert_eq!(run_json(&args("NONE"), &dir, &[]).0, 0);
    // NONE here, BACKWARD (the server's default) there: the registry answers 409.
    std::fs::write(dir.join("order.avsc"), order(TOTAL)).unwrap();
    let (code, document) = run_json(&args("NONE"), &dir, &[]);
    assert_eq!(code, 1, "{document}");
    assert_eq!(kind(&document), "incompatible");
    assert_eq!(document["compatible"], false);
    assert!(
        document["error"]["message"]
            .as_str()
            .unwrap()
            .contains("incompatible"),
        "{document}"
    );
    assert_eq!(document["results"], Value::Array(Vec::new()));
}

#[test]
fn exit_2_is_an_error_object_for_every_subcommand() {
    let dir = temp_dir("exit2");
    std::fs::write(dir.join("broken.avsc"), "{\"type\": ").unwrap();
    std::fs::write(dir.join("int.avsc"), "\"int\"").unwrap();
    std::fs::write(dir.join("order.avsc"), order("")).unwrap();
    for (args, expected_kind, with_results) in [
        (&["check", "missing.avsc"][..], "io", true),
        (&["check", "broken.avsc"][..], "schema", true),
        (&["check", "int.avsc"][..], "schema", true),
        (&["register", "broken.avsc"][..], "schema", true),
        (&["diff", "broken.avsc", "order.avsc"][..], "schema", false),
        (&["diff", "order.avsc", "missing.avsc"][..], "io", false),
        (&["fingerprint", "broken.avsc"][..], "schema", false),
        (&["fingerprint", "missing.avsc"][..], "io", false),
        (
            &["check", "order.avsc", "--level", "sideways"][..],
            "usage",
            false,
        ),
        (&["frobnicate"][..], "usage", false),
    ] {
        let (code, document) = run_json(args, &dir, &[]);
        assert_eq!(code, 2, "{args:?}: {document}");
        assert_eq!(kind(&document), expected_kind, "{args:?}: {document}");
        assert_eq!(document.get("compatible"), None, "{args:?}: {document}");
        assert_eq!(
            document.get("results").is_some(),
            with_results,
            "{args:?}: {document}"
        );
    }
    let (code, document) = run_json(
        &["check", "order.avsc", "--registry", "http://127.0.0.1:9"],
        &dir,
        &[("TIDINGS_REGISTRY_USERNAME", "u")],
    );
    assert_eq!((code, kind(&document)), (2, "config"), "{document}");
    assert_eq!(document["results"], Value::Array(Vec::new()));
}

#[test]
fn exit_2_keeps_what_was_registered_before_the_failure() {
    let dir = temp_dir("partial");
    std::fs::create_dir_all(dir.join("out")).unwrap();
    std::fs::write(dir.join("out/a.avsc"), order("")).unwrap();
    std::fs::write(dir.join("out/b.avsc"), "{ not json").unwrap();
    let (code, document) = run_json(&["register", "out"], &dir, &[]);
    assert_eq!((code, kind(&document)), (2, "schema"), "{document}");
    assert_eq!(document["results"][0]["outcome"], "newly_registered");
    assert_eq!(document.get("compatible"), None);
}

#[test]
fn exit_3_when_the_registry_is_unreachable() {
    let dir = temp_dir("exit3");
    std::fs::write(dir.join("order.avsc"), order("")).unwrap();
    // Nothing listens on port 9 (discard) of the loopback here; the connection is refused.
    for command in ["check", "register"] {
        let args = [command, "order.avsc", "--registry", "http://127.0.0.1:9"];
        let (code, document) = run_json(&args, &dir, &[]);
        assert_eq!((code, kind(&document)), (3, "unreachable"), "{document}");
        assert_eq!(document.get("compatible"), None);
    }
}

#[test]
fn exit_3_within_the_deadline_when_the_registry_never_answers() {
    let server = server::Server::start();
    server.delay(Duration::from_secs(30));
    let dir = temp_dir("deadline");
    std::fs::write(dir.join("order.avsc"), order("")).unwrap();
    let started = Instant::now();
    let (code, document) = run_json(
        &["check", "order.avsc", "--registry", &server.url()],
        &dir,
        &[("TIDINGS_REGISTRY_DEADLINE", "1s")],
    );
    let took = started.elapsed();
    assert_eq!((code, kind(&document)), (3, "unreachable"), "{document}");
    assert!(
        document["error"]["message"]
            .as_str()
            .unwrap()
            .contains("deadline of 1s"),
        "{document}"
    );
    // Without the deadline: 4 attempts of 10 s and the backoff.
    assert!(took < Duration::from_secs(8), "{took:?}");
}

#[test]
fn human_output_agrees_with_the_exit_code_too() {
    let server = server::Server::start();
    let url = server.url();
    let dir = temp_dir("human");
    std::fs::write(dir.join("order.avsc"), order("")).unwrap();
    std::fs::write(dir.join("broken.avsc"), "{\"type\": ").unwrap();
    let run = |args: &[&str]| {
        let output = tidings(args, &dir, &[]);
        let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
        (
            output.status.code().unwrap(),
            text(&output.stdout),
            text(&output.stderr),
        )
    };
    let (code, out, err) = run(&["register", "order.avsc", "--registry", &url]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("registered as version 1") && err.is_empty(),
        "{out}{err}"
    );

    std::fs::write(dir.join("order.avsc"), order(TOTAL)).unwrap();
    let (code, out, _) = run(&["check", "order.avsc", "--registry", &url]);
    assert_eq!(code, 1);
    assert!(out.contains("breaks version 1"), "{out}");
    let refused = [
        "register",
        "order.avsc",
        "--registry",
        &url,
        "--level",
        "NONE",
    ];
    let (code, out, err) = run(&refused);
    assert_eq!(code, 1);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.starts_with("error: ") && err.contains("incompatible"),
        "{err}"
    );

    for (args, expected) in [
        (&["check", "broken.avsc"][..], (2, "error: broken.avsc")),
        (
            &["diff", "broken.avsc", "order.avsc"][..],
            (2, "error: broken.avsc"),
        ),
        (
            &["check", "order.avsc", "--registry", "http://127.0.0.1:9"][..],
            (
                3,
                "error: the schema registry at http://127.0.0.1:9 is unreachable",
            ),
        ),
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, expected.0, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(err.starts_with(expected.1), "{args:?}: {err}");
    }
}
