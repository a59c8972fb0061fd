//! `tidings fingerprint FILE.avsc`: the Parsing Canonical Form, then the CRC-64-AVRO fingerprint
//! as Java's `SchemaNormalization.parsingFingerprint64` returns it, in 16 hex digits.

use std::path::{Path, PathBuf};
use std::process::Output;

fn tidings(args: &[&str], dir: &Path) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tidings-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const ORDER_PLACED: &str = "schemas/com.acme.orders.v2.OrderPlaced.avsc";

/// Java 1.8.2's `SchemaNormalization` for `schemas/com.acme.orders.v2.OrderPlaced.avsc`
/// (`tests/tests/interop/java.rs` checks every schema against Java on each run).
const ORDER_PLACED_FORM: &str = concat!(
    r#"{"name":"com.acme.orders.v2.OrderPlaced","type":"record","fields":["#,
    r#"{"name":"order_id","type":"string"},"#,
    r#"{"name":"customer","type":{"name":"com.acme.customers.Customer","type":"record","fields":["#,
    r#"{"name":"id","type":"string"},{"name":"display_name","type":"string"}]}},"#,
    r#"{"name":"lines","type":{"type":"array","items":{"name":"com.acme.orders.Line","type":"record","fields":["#,
    r#"{"name":"sku","type":"string"},{"name":"quantity","type":"long"},{"name":"unit_price","type":"bytes"}]}}},"#,
    r#"{"name":"channel","type":{"name":"com.acme.orders.Channel","type":"enum","symbols":["Unknown","Web","Store"]}},"#,
    r#"{"name":"note","type":["null","string"]},{"name":"currency","type":"string"},"#,
    r#"{"name":"placed_at","type":"long"}]}"#
);
/// Java's `long` -1944421353215988085, in hex.
const ORDER_PLACED_FINGERPRINT: &str = "e5040714cbe06e8b";

#[test]
fn prints_the_canonical_form_then_java_s_fingerprint_in_hex() {
    let output = tidings(&["fingerprint", ORDER_PLACED], &repository());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        stdout,
        format!("{ORDER_PLACED_FORM}\n{ORDER_PLACED_FINGERPRINT}\n")
    );
}

#[test]
fn json_gives_both_as_fields() {
    let output = tidings(
        &["fingerprint", ORDER_PLACED, "--format", "json"],
        &repository(),
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "file": ORDER_PLACED,
            "canonical_form": ORDER_PLACED_FORM,
            "fingerprint": ORDER_PLACED_FINGERPRINT,
            "fingerprint_long": -1944421353215988085i64,
        })
    );
}

#[test]
fn invalid_files_exit_2_with_a_message() {
    let dir = temp_dir("fingerprint");
    std::fs::write(dir.join("broken.avsc"), "{\"type\": ").unwrap();
    std::fs::write(
        dir.join("unknown.avsc"),
        r#"{"type": "record", "name": "R", "fields": [{"name": "a", "type": "Nope"}]}"#,
    )
    .unwrap();
    let cases = [
        ("missing.avsc", "missing.avsc: "),
        ("broken.avsc", "broken.avsc: not JSON: EOF while parsing"),
        (
            "unknown.avsc",
            "unknown.avsc: not an Avro schema: at `/fields/0/type`: unknown type `Nope`",
        ),
    ];
    for (file, message) in cases {
        let human = tidings(&["fingerprint", file], &dir);
        assert_eq!(human.status.code(), Some(2), "{file}: {human:?}");
        assert!(human.stdout.is_empty(), "{file}: {human:?}");
        let stderr = String::from_utf8(human.stderr).unwrap();
        assert!(
            stderr.starts_with(&format!("error: {message}")),
            "{file}: {stderr}"
        );

        let json = tidings(&["fingerprint", file, "--format", "json"], &dir);
        assert_eq!(json.status.code(), Some(2), "{file}: {json:?}");
        let error: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        let text = error["error"]["message"].as_str().unwrap();
        assert!(text.starts_with(message), "{file}: {text}");
    }
}
