//! Proof from Java, the language most Kafka consumers are written in, with Apache Avro for Java
//! as Debian packages it (`libavro-java`, `libavro-compiler-java`; `scripts/test.sh` installs
//! them):
//!
//! - `SchemaNormalization` computes the same Parsing Canonical Form and fingerprint as
//!   `tidings::canonical` for every `.avsc` under the repository's `schemas/` folders (the
//!   registry histories included, found by walking the folders, so new files are covered) and
//!   every fixture schema of the cross-language cases;
//! - `BinaryMessageDecoder` reads tidings' single-object message of every case, and tidings reads
//!   what `BinaryMessageEncoder` writes for the same value;
//! - `SpecificCompiler` generates classes from every one of those schemas and `javac` compiles
//!   them.
//!
//! The cases are the ones the Python and JavaScript checks use ([`super::cases`]), so a case
//! added there is checked in Java too, and envelopes of a fixture event ([`envelope_cases`]). `tests/interop/java/Interop.java` does the Java side and
//! reports back through a file; the tests below judge its report.
//!
//! The tools: `java` and `javac` on the `PATH` (or named by `TIDINGS_JAVA` and `TIDINGS_JAVAC`),
//! and the Avro jars with their dependencies in `/usr/share/java` (or the classpath in
//! `TIDINGS_JAVA_CLASSPATH`). Without them these tests fail, unless `TIDINGS_SKIP_INTEROP=1`
//! says to skip them. A failed run keeps its manifest and report under `target/tmp/`.

use super::{Case, Namespaces, Plain, Scalars, Status, case, cases, difference, fixture_schemas};
use super::{hex, label, north, shorten, south, unhex};
use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use tidings::canonical::{Fingerprint, parsing_canonical_form};
use tidings::wire::single_object::HEADER_LEN;
use tidings::{Envelope, Timestamp};

/// The jars of Debian's `libavro-java` and `libavro-compiler-java`, and what they need.
const DEBIAN_JARS: [&str; 13] = [
    "avro",
    "avro-compiler",
    "avro-guava-dependencies",
    "jackson-core-asl",
    "jackson-mapper-asl",
    "paranamer",
    "commons-compress",
    "slf4j-api",
    "slf4j-nop",
    "velocity",
    "commons-lang",
    "commons-collections3",
    "joda-time",
];

pub(super) struct Tools {
    java: OsString,
    javac: OsString,
    classpath: OsString,
}

/// `java`, `javac` and the classpath, `None` to skip, or a panic saying how to get them.
pub(super) fn tools() -> Option<Tools> {
    let var = |name| std::env::var_os(name).filter(|v| !v.is_empty());
    let java = var("TIDINGS_JAVA").unwrap_or_else(|| "java".into());
    let javac = var("TIDINGS_JAVAC").unwrap_or_else(|| "javac".into());
    let classpath = var("TIDINGS_JAVA_CLASSPATH").unwrap_or_else(|| {
        let jars: Vec<PathBuf> = DEBIAN_JARS
            .iter()
            .map(|jar| Path::new("/usr/share/java").join(format!("{jar}.jar")))
            .collect();
        std::env::join_paths(jars).unwrap()
    });
    let missing: Vec<String> = std::env::split_paths(&classpath)
        .filter(|jar| !jar.exists())
        .map(|jar| jar.display().to_string())
        .collect();
    let runs = |program: &OsString| {
        Command::new(program)
            .arg("-version")
            .output()
            .is_ok_and(|out| out.status.success())
    };
    if missing.is_empty() && runs(&java) && runs(&javac) {
        return Some(Tools {
            java,
            javac,
            classpath,
        });
    }
    if std::env::var("TIDINGS_SKIP_INTEROP").as_deref() == Ok("1") {
        println!("skipped: TIDINGS_SKIP_INTEROP=1 and Java or its Avro jars are missing");
        return None;
    }
    panic!(
        "the Java tests need java, javac and Debian's libavro-java and libavro-compiler-java \
         (missing: {}): run `bash scripts/test.sh`, which installs them, or set \
         TIDINGS_SKIP_INTEROP=1 to skip these tests",
        if missing.is_empty() {
            "java or javac".to_owned()
        } else {
            missing.join(", ")
        }
    )
}

/// One schema the Java side parses, normalises and compiles.
struct SchemaFile {
    label: String,
    text: String,
}

/// Every `.avsc` under the repository's `schemas/` folders, at any depth, then the fixtures.
fn schemas() -> Vec<SchemaFile> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut paths = Vec::new();
    for dir in ["schemas", "examples/ci/schemas"] {
        collect_avsc(&root.join(dir), &mut paths);
    }
    paths.sort();
    assert!(
        paths
            .iter()
            .any(|p| p.components().any(|c| c.as_os_str() == "history")),
        "no registry history found under {}",
        root.display()
    );
    let files = paths.into_iter().map(|path| SchemaFile {
        label: path.strip_prefix(&root).unwrap().display().to_string(),
        text: std::fs::read_to_string(&path).unwrap(),
    });
    let fixtures = fixture_schemas().into_iter().map(|entry| SchemaFile {
        label: entry["label"].as_str().unwrap().to_owned(),
        text: entry["text"].as_str().unwrap().to_owned(),
    });
    // `Envelope<Scalars>` is a fixture schema already; this one nests named types.
    let envelopes = [envelope_schema::<Namespaces>()];
    files.chain(fixtures).chain(envelopes).collect()
}

fn envelope_schema<E: tidings::Event>() -> SchemaFile {
    SchemaFile {
        label: label::<Envelope<E>>(),
        text: tidings::avsc::<Envelope<E>>(),
    }
}

fn scalars(text: &str) -> Scalars {
    Scalars {
        flag: true,
        tiny: -1,
        small: 300,
        int: i32::MIN,
        byte: 255,
        word: 65535,
        long: i64::MAX,
        unsigned: u32::MAX,
        text: text.into(),
    }
}

/// Whole envelopes of fixture events, with no metadata beyond the required and with all of it
/// (Java sees only their bytes, so no hand-written expected value is needed).
fn envelope_cases() -> Vec<Case> {
    let bare = Envelope::new(scalars("bare"));
    let full = Envelope::new(scalars("full"))
        .with_time(Timestamp::from_unix_micros(-1))
        .with_subject("order-1")
        .and_then(|e| e.with_correlation_id("checkout-7f3a"))
        .and_then(|e| e.with_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
        .and_then(|e| e.with_extension("tenant", "acme"))
        .and_then(|e| e.with_extension("region", "eu"))
        .unwrap()
        .caused_by(&bare);
    let namespaces = Namespaces {
        north: north::Line { id: 1 },
        south: south::Line {
            name: "s".into(),
            north: north::Line { id: 2 },
        },
        norths: vec![north::Line { id: 3 }],
        souths: None,
        plain: Plain { id: 5 },
        status: Status::Closed,
    };
    let nested = Envelope::new(namespaces).caused_by(&full);
    vec![
        case("envelope_bare", bare, serde_json::Value::Null),
        case("envelope_full", full, serde_json::Value::Null),
        case(
            "envelope_nested_namespaces",
            nested,
            serde_json::Value::Null,
        ),
    ]
}

fn collect_avsc(dir: &Path, paths: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display()));
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_avsc(&path, paths);
        } else if path.extension().is_some_and(|ext| ext == "avsc") {
            paths.push(path);
        }
    }
}

/// One line of the Java report.
enum Row {
    Canonical { form: String, fingerprint: i64 },
    Compiled { files: usize },
    Message { datum: Vec<u8>, message: Vec<u8> },
    Failed { stage: String, error: String },
}

struct Run {
    schemas: Vec<SchemaFile>,
    cases: Vec<Case>,
    /// Keyed by the task's label and kind (`schema`, `compile`, `message`).
    rows: HashMap<(String, &'static str), Row>,
}

impl Run {
    fn row(&self, label: &str, kind: &'static str) -> Result<&Row, String> {
        match self.rows.get(&(label.to_owned(), kind)) {
            Some(Row::Failed { stage, error }) => Err(format!("Java failed ({stage}): {error}")),
            Some(row) => Ok(row),
            None => Err("no answer from Java".to_owned()),
        }
    }
}

/// The one Java run, shared by the tests; `None` when skipped.
fn run() -> Option<&'static Run> {
    static RUN: OnceLock<Option<Run>> = OnceLock::new();
    RUN.get_or_init(|| tools().map(|tools| run_java(&tools)))
        .as_ref()
}

fn run_java(tools: &Tools) -> Run {
    let schemas = schemas();
    let cases: Vec<Case> = cases().into_iter().chain(envelope_cases()).collect();
    let texts: HashMap<&str, &str> = schemas
        .iter()
        .map(|s| (s.label.as_str(), s.text.as_str()))
        .collect();
    let mut manifest = String::new();
    for schema in &schemas {
        for kind in ["schema", "compile"] {
            let text = hex(schema.text.as_bytes());
            manifest.push_str(&format!("{kind}\t{}\t{text}\n", schema.label));
        }
    }
    for case in &cases {
        let text = texts
            .get(case.schema.as_str())
            .unwrap_or_else(|| panic!("case {}: no fixture schema {}", case.name, case.schema));
        manifest.push_str(&format!(
            "message\t{}\t{}\t{}\t{}\n",
            case.name,
            hex(text.as_bytes()),
            hex(&case.message),
            hex(&case.bytes)
        ));
    }

    let (dir, report) = interop("java", tools, &manifest);
    let rows: HashMap<_, _> = report.lines().map(parse_row).collect();
    let failed = rows.values().any(|row| matches!(row, Row::Failed { .. }));
    if failed {
        println!("the Java manifest and report are kept in {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Run {
        schemas,
        cases,
        rows,
    }
}

/// Compiles `Interop.java` into a fresh folder `{name}-{pid}` under the tests' temporary folder
/// and runs it on `manifest`: the folder and the report. Shared with the resolution checks.
pub(super) fn interop(name: &str, tools: &Tools, manifest: &str) -> (PathBuf, String) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}", std::process::id()));
    let classes = dir.join("classes");
    std::fs::create_dir_all(&classes).unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("interop/java/Interop.java");
    let javac = Command::new(&tools.javac)
        .arg("-d")
        .arg(&classes)
        .arg("-classpath")
        .arg(&tools.classpath)
        .arg(&source)
        .output()
        .unwrap();
    assert!(
        javac.status.success(),
        "javac {}:\n{}",
        source.display(),
        String::from_utf8_lossy(&javac.stderr)
    );
    let manifest_path = dir.join("manifest.tsv");
    let report_path = dir.join("report.tsv");
    std::fs::write(&manifest_path, manifest).unwrap();
    let mut classpath = vec![classes];
    classpath.extend(std::env::split_paths(&tools.classpath));
    let java = Command::new(&tools.java)
        .arg("-classpath")
        .arg(std::env::join_paths(classpath).unwrap())
        .arg("Interop")
        .arg(&manifest_path)
        .arg(&report_path)
        .arg(dir.join("work"))
        .output()
        .unwrap();
    let report = std::fs::read_to_string(&report_path).unwrap_or_else(|err| {
        panic!(
            "Java wrote no report ({err}; {}):\n{}",
            java.status,
            String::from_utf8_lossy(&java.stderr)
        )
    });
    (dir, report)
}

fn parse_row(line: &str) -> ((String, &'static str), Row) {
    let fields: Vec<&str> = line.split('\t').collect();
    let text = |hex: &str| String::from_utf8(unhex(hex)).unwrap();
    let label = fields[1].to_owned();
    match fields[0] {
        "canonical" => (
            (label, "schema"),
            Row::Canonical {
                form: text(fields[2]),
                fingerprint: fields[3].parse().unwrap(),
            },
        ),
        "compiled" => (
            (label, "compile"),
            Row::Compiled {
                files: fields[2].parse().unwrap(),
            },
        ),
        "message" => (
            (label, "message"),
            Row::Message {
                datum: unhex(fields[2]),
                message: unhex(fields[3]),
            },
        ),
        "failed" => {
            let kind = match fields[2] {
                "schema" => "schema",
                "compile" => "compile",
                _ => "message",
            };
            (
                (label, kind),
                Row::Failed {
                    stage: fields[2].to_owned(),
                    error: text(fields[3]),
                },
            )
        }
        other => panic!("unknown report row {other}"),
    }
}

fn assert_no_failures(what: &str, failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "{} {what} failure(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn java_computes_our_canonical_form_and_fingerprint_for_every_schema() {
    let Some(run) = run() else { return };
    let mut failures = Vec::new();
    for schema in &run.schemas {
        let json = serde_json::from_str(&schema.text).unwrap();
        let ours = parsing_canonical_form(&json).unwrap();
        let fingerprint = Fingerprint::of_canonical_form(&ours);
        match run.row(&schema.label, "schema") {
            Ok(Row::Canonical {
                form,
                fingerprint: theirs,
            }) => {
                if *form != ours {
                    failures.push(format!(
                        "{}: Java's canonical form is not ours {}",
                        schema.label,
                        difference(&ours, form)
                    ));
                } else if *theirs != fingerprint.as_java_long() {
                    failures.push(format!(
                        "{}: Java's fingerprint {theirs} is not ours, {}",
                        schema.label,
                        fingerprint.as_java_long()
                    ));
                }
            }
            Ok(_) => unreachable!("keyed by kind"),
            Err(err) => failures.push(format!("{}: {err}", schema.label)),
        }
    }
    println!(
        "Java agrees on the canonical form and fingerprint of {} of {} schemas",
        run.schemas.len() - failures.len(),
        run.schemas.len()
    );
    assert_no_failures("canonical form", failures);
}

#[test]
fn java_reads_our_single_object_messages_and_we_read_its() {
    let Some(run) = run() else { return };
    let mut failures = Vec::new();
    for case in &run.cases {
        let name = case.name;
        match run.row(name, "message") {
            Ok(Row::Message { datum, message }) => {
                // What Java decoded from our message, re-encoded raw, is the case's value.
                if let Err(err) = (case.check)(datum) {
                    failures.push(format!(
                        "{name}: the datum Java read from our message {err}\n  bytes: {}",
                        shorten(hex(datum))
                    ));
                }
                if message.get(..HEADER_LEN) != case.message.get(..HEADER_LEN) {
                    failures.push(format!(
                        "{name}: Java's header {} is not ours, {}",
                        hex(&message[..HEADER_LEN.min(message.len())]),
                        hex(&case.message[..HEADER_LEN])
                    ));
                }
                if let Err(err) = (case.check_message)(message) {
                    failures.push(format!(
                        "{name}: the message Java wrote {err}\n  bytes: {}",
                        shorten(hex(message))
                    ));
                }
            }
            Ok(_) => unreachable!("keyed by kind"),
            Err(err) => failures.push(format!("{name}: {err}")),
        }
    }
    println!(
        "{} cases: Java reads our single-object messages and we read its",
        run.cases.len()
    );
    assert_no_failures("single-object", failures);
}

#[test]
fn specific_compiler_classes_compile_for_every_schema() {
    let Some(run) = run() else { return };
    let mut failures = Vec::new();
    let mut files = 0;
    for schema in &run.schemas {
        match run.row(&schema.label, "compile") {
            Ok(Row::Compiled { files: n }) => files += n,
            Ok(_) => unreachable!("keyed by kind"),
            Err(err) => failures.push(format!("{}: {err}", schema.label)),
        }
    }
    println!(
        "SpecificCompiler: {files} Java files from {} schemas compile",
        run.schemas.len()
    );
    assert!(files > 0, "SpecificCompiler generated nothing");
    assert_no_failures("SpecificCompiler", failures);
}
