//! The Parsing Canonical Form and CRC-64-AVRO fingerprint against published vectors: the Avro
//! project's `schema-tests.txt` (`tests/canonical/avro-schema-tests.txt`, all 34 cases) and
//! cases with logical types computed by Java and fastavro (`tests/canonical/logical-types.txt`).

use std::path::Path;
use tidings::canonical::{Fingerprint, parsing_canonical_form};

/// One case of a vector file: the input schema, its canonical form, maybe its fingerprint.
struct Vector {
    id: String,
    input: String,
    canonical: String,
    fingerprint: Option<i64>,
}

/// Reads the format of the Avro project's `schema-tests.txt`: `// NNN` starts a case,
/// `<<INPUT text` or `<<INPUT` … `INPUT` is the schema, `<<canonical` and `<<fingerprint` the
/// answers; `#` lines and other `//` lines are comments.
fn vectors(file: &str) -> Vec<Vector> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("canonical")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut vectors = Vec::new();
    let mut id = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some(comment) = line.strip_prefix("// ") {
            if comment.starts_with(|c: char| c.is_ascii_digit()) {
                id = comment.split_whitespace().next().unwrap().to_owned();
            }
        } else if let Some(rest) = line.strip_prefix("<<INPUT") {
            let input = if rest.is_empty() {
                let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "INPUT").collect();
                body.join("\n")
            } else {
                rest.trim().to_owned()
            };
            vectors.push(Vector {
                id: id.clone(),
                input,
                canonical: String::new(),
                fingerprint: None,
            });
        } else if let Some(form) = line.strip_prefix("<<canonical ") {
            vectors.last_mut().unwrap().canonical = form.to_owned();
        } else if let Some(fingerprint) = line.strip_prefix("<<fingerprint ") {
            vectors.last_mut().unwrap().fingerprint = Some(fingerprint.parse().unwrap());
        }
    }
    vectors
}

/// Checks every vector; returns how many fingerprints were compared.
fn check(file: &str, expected_cases: usize) -> usize {
    let vectors = vectors(file);
    assert_eq!(vectors.len(), expected_cases, "cases in {file}");
    let mut fingerprints = 0;
    for vector in &vectors {
        let id = &vector.id;
        assert!(
            !vector.canonical.is_empty(),
            "{file} {id}: no canonical form"
        );
        let schema: serde_json::Value =
            serde_json::from_str(&vector.input).unwrap_or_else(|err| panic!("{file} {id}: {err}"));
        let form =
            parsing_canonical_form(&schema).unwrap_or_else(|err| panic!("{file} {id}: {err}"));
        assert_eq!(form, vector.canonical, "{file} {id}");
        let fingerprint = Fingerprint::of_canonical_form(&form);
        assert_eq!(
            Fingerprint::of_schema(&schema),
            Ok(fingerprint),
            "{file} {id}"
        );
        if let Some(expected) = vector.fingerprint {
            assert_eq!(fingerprint.as_java_long(), expected, "{file} {id}");
            fingerprints += 1;
        }
    }
    fingerprints
}

#[test]
fn the_avro_projects_vectors_all_pass() {
    // 34 cases, 26 of them with a fingerprint (the others repeat a form already fingerprinted).
    assert_eq!(check("avro-schema-tests.txt", 34), 26);
}

#[test]
fn logical_types_are_stripped_as_java_and_fastavro_strip_them() {
    assert_eq!(check("logical-types.txt", 14), 14);
}

#[test]
fn the_fingerprint_prints_as_java_s_long_in_hex() {
    // -4824392279771201922 from the Avro vectors, as 16 hex digits of its two's complement.
    let fingerprint =
        Fingerprint::of_canonical_form(r#"{"name":"foo","type":"record","fields":[]}"#);
    assert_eq!(fingerprint.as_java_long(), -4824392279771201922);
    assert_eq!(
        fingerprint.to_string(),
        format!("{:016x}", -4824392279771201922i64)
    );
    assert_eq!(fingerprint.to_string(), "bd0c50c84319be7e");
}
