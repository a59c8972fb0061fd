//! The schema compatibility checker, `tidings::compat`, against the cases of the reference
//! implementations and against Python avro itself.
//!
//! `tests/compat/*.json` hold the cases as data, each `{"name", "source", "reader", "writer",
//! "compatible", "incompatibilities"?, "python_differs"?}`: `java.json` every reader/writer pair
//! of Java's `TestSchemaCompatibility*` tests (the per-kind classes with their locations),
//! `python.json` the pairs of Python avro's `test_compatibility.py` that Java has not (the others
//! name Python in their `source`), `tidings.json` what this project needs besides (logical types,
//! aliases, recursion, named references, many problems at once). `incompatibilities` lists the
//! kinds and locations expected, in order; `python_differs` says why Python avro disagrees.
//!
//! [`python_avro_agrees_on_every_case`] runs `tests/interop/compat.py` with the Python that
//! `TIDINGS_PYTHON` names (`bash scripts/test.sh` sets it, with `tests/interop/requirements.txt`
//! installed) and checks that its checker gives the same verdict and the same kinds on every
//! case, and still disagrees where a case says it does. Without `TIDINGS_PYTHON` it fails, unless
//! `TIDINGS_SKIP_INTEROP=1` says to skip it.

use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use tidings::avro::Schema;
use tidings::compat::{
    Direction, FieldRef, IncompatibilityKind, Level, UnknownLevel, Violation, can_read,
    can_read_json, check,
};
use tidings::{Avro, Event};

// ---------------------------------------------------------------------------------------------
// The cases
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    source: String,
    reader: Value,
    writer: Value,
    compatible: bool,
    incompatibilities: Option<Vec<Expected>>,
    python_differs: Option<String>,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct Expected {
    kind: String,
    location: String,
}

const CASE_FILES: [&str; 3] = ["java.json", "python.json", "tidings.json"];

fn case_paths() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("compat");
    CASE_FILES.iter().map(|file| dir.join(file)).collect()
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for path in case_paths() {
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
        let file: Vec<Case> = serde_json::from_str(&text)
            .unwrap_or_else(|err| panic!("{} is not a list of cases: {err}", path.display()));
        cases.extend(file);
    }
    let mut names = HashSet::new();
    for case in &cases {
        assert!(
            names.insert(case.name.as_str()),
            "two cases named `{}`",
            case.name
        );
        assert!(
            !case.source.is_empty(),
            "case `{}` has no source",
            case.name
        );
    }
    cases
}

/// What tidings says about a case: (kind, location) of each incompatibility, in order.
fn ours(case: &Case) -> Result<Vec<(String, String)>, String> {
    let found = can_read_json(&case.reader, &case.writer)
        .map_err(|err| format!("apache-avro does not parse a schema: {err}"))?;
    for problem in &found {
        if !problem.location.starts_with('/') || problem.message.trim().is_empty() {
            return Err(format!("malformed incompatibility: {problem:?}"));
        }
    }
    Ok(found
        .into_iter()
        .map(|problem| (problem.kind.to_string(), problem.location))
        .collect())
}

#[test]
fn the_java_and_python_cases_and_our_own_pass() {
    let cases = cases();
    let mut failures = Vec::new();
    for case in &cases {
        let found = match ours(case) {
            Ok(found) => found,
            Err(err) => {
                failures.push(format!("{}: {err}", case.name));
                continue;
            }
        };
        if found.is_empty() != case.compatible {
            failures.push(format!(
                "{}: expected {}, found {found:?}",
                case.name,
                if case.compatible {
                    "compatible"
                } else {
                    "incompatible"
                },
            ));
            continue;
        }
        if let Some(expected) = &case.incompatibilities {
            let expected: Vec<(String, String)> = expected
                .iter()
                .map(|e| (e.kind.clone(), e.location.clone()))
                .collect();
            if found != expected {
                failures.push(format!(
                    "{}: expected {expected:?}, found {found:?}",
                    case.name
                ));
            }
        }
    }
    let from = |prefix: &str| cases.iter().filter(|c| c.source.contains(prefix)).count();
    println!(
        "{} cases ({} from Java's tests, {} from Python's, {} tidings' own), {} failed",
        cases.len(),
        from("java:"),
        from("python:"),
        from("tidings"),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Python avro
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize, Debug)]
struct PythonVerdict {
    name: String,
    compatible: Option<bool>,
    #[serde(default)]
    kinds: Vec<String>,
    error: Option<String>,
}

/// The Python to run, `None` to skip, or a panic saying how to get one.
fn python() -> Option<PathBuf> {
    match std::env::var_os("TIDINGS_PYTHON").filter(|v| !v.is_empty()) {
        Some(python) => Some(python.into()),
        None if std::env::var("TIDINGS_SKIP_INTEROP").as_deref() == Ok("1") => None,
        None => panic!(
            "the agreement test needs Python avro: run `bash scripts/test.sh`, which installs it \
             and sets TIDINGS_PYTHON (or set TIDINGS_SKIP_INTEROP=1 to skip this test)"
        ),
    }
}

#[test]
fn python_avro_agrees_on_every_case() {
    let Some(python) = python() else {
        println!("skipped: TIDINGS_SKIP_INTEROP=1 and TIDINGS_PYTHON is unset");
        return;
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("interop/compat.py");
    let output = Command::new(&python)
        .arg(&script)
        .args(case_paths())
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|err| panic!("cannot run {}: {err}", python.display()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{} crashed ({}):\n{stdout}\n{}",
        script.display(),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let verdicts: HashMap<String, PythonVerdict> = stdout
        .lines()
        .map(|line| {
            let verdict: PythonVerdict = serde_json::from_str(line)
                .unwrap_or_else(|err| panic!("not a verdict: {line}: {err}"));
            (verdict.name.clone(), verdict)
        })
        .collect();

    let cases = cases();
    let mut failures = Vec::new();
    let mut differing = 0;
    for case in &cases {
        let Some(verdict) = verdicts.get(&case.name) else {
            failures.push(format!("{}: no verdict from Python", case.name));
            continue;
        };
        let python = match (&verdict.error, verdict.compatible) {
            (None, Some(compatible)) => {
                let kinds: BTreeSet<&str> = verdict.kinds.iter().map(String::as_str).collect();
                format!("compatible: {compatible}, kinds: {kinds:?}")
            }
            (error, _) => format!("error: {error:?}"),
        };
        let ours = match can_read_json(&case.reader, &case.writer) {
            Ok(found) => {
                let kinds: BTreeSet<&str> = found.iter().map(|p| p.kind.as_str()).collect();
                format!("compatible: {}, kinds: {kinds:?}", found.is_empty())
            }
            Err(err) => format!("error: {err}"),
        };
        match (&case.python_differs, python == ours) {
            (None, true) => {}
            (None, false) => failures.push(format!(
                "{}: Python says {python}, tidings {ours}",
                case.name
            )),
            (Some(_), true) => failures.push(format!(
                "{}: Python now agrees ({python}); remove `python_differs`",
                case.name
            )),
            (Some(_), false) => differing += 1,
        }
    }
    println!(
        "Python avro agrees on {} of {} cases; {differing} differ as marked",
        cases.len() - differing - failures.len(),
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "Python avro and tidings disagree on {} cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// What a report says
// ---------------------------------------------------------------------------------------------

fn schema(json: Value) -> Schema {
    Schema::parse(&json).unwrap()
}

#[test]
fn a_field_added_without_a_default_names_the_field_its_type_and_the_fix() {
    let old = schema(
        json!({"type": "record", "name": "Order", "namespace": "com.acme",
        "fields": [{"name": "id", "type": "long"}]}),
    );
    let new = schema(
        json!({"type": "record", "name": "Order", "namespace": "com.acme",
        "fields": [{"name": "id", "type": "long"}, {"name": "currency", "type": "string"}]}),
    );
    let problems = can_read(&new, &old);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let problem = &problems[0];
    assert_eq!(
        problem.kind,
        IncompatibilityKind::ReaderFieldMissingDefaultValue
    );
    assert_eq!(problem.location, "/fields/1");
    assert_eq!(
        problem.field,
        Some(FieldRef {
            record: "com.acme.Order".into(),
            field: "currency".into()
        })
    );
    assert_eq!(
        problem.message,
        "field `currency` (string) of `com.acme.Order` is not in the writer's record and has no \
         default, so data written without it cannot be read: give it a default"
    );
    assert_eq!(
        problem.to_string(),
        format!(
            "READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1: {}",
            problem.message
        )
    );
}

#[test]
fn an_enum_losing_symbols_lists_them_in_order() {
    let reader = schema(json!({"type": "enum", "name": "com.acme.Status", "symbols": ["NEW"]}));
    let writer = schema(json!({"type": "enum", "name": "com.acme.Status",
        "symbols": ["NEW", "SHIPPED", "CANCELLED"]}));
    let problems = can_read(&reader, &writer);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].kind, IncompatibilityKind::MissingEnumSymbols);
    assert_eq!(problems[0].location, "/symbols");
    assert_eq!(problems[0].field, None);
    assert_eq!(
        problems[0].message,
        "enum `com.acme.Status` lacks symbols SHIPPED, CANCELLED that the writer's data may hold; \
         add them, or give the reader's enum a default symbol"
    );
}

#[test]
fn a_union_losing_a_branch_names_the_branch() {
    let reader = schema(json!(["null", "string"]));
    let writer = schema(json!(["null", "string", "long"]));
    let problems = can_read(&reader, &writer);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].kind, IncompatibilityKind::MissingUnionBranch);
    assert_eq!(problems[0].location, "/2");
    assert_eq!(
        problems[0].message,
        "writer union branch 2 (long) has no matching reader branch"
    );
}

#[test]
fn a_union_branch_that_changed_says_why_the_closest_reader_branch_fails() {
    let reader = schema(json!(["null", {"type": "record", "name": "Card",
        "fields": [{"name": "last4", "type": "int"}]}]));
    let writer = schema(json!(["null", {"type": "record", "name": "Card",
        "fields": [{"name": "last4", "type": "string"}]}]));
    let problems = can_read(&reader, &writer);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].location, "/1");
    assert_eq!(
        problems[0].message,
        "writer union branch 1 (record `Card`) has no matching reader branch; the reader's record \
         `Card` comes closest, but in field `last4` of `Card`, the reader's int cannot read the \
         writer's string"
    );
}

#[test]
fn a_uuid_carried_differently_is_a_type_mismatch_inside_its_field() {
    let reader = schema(
        json!({"type": "record", "name": "com.acme.Order", "fields": [
        {"name": "id", "type": {"type": "string", "logicalType": "uuid"}}]}),
    );
    let writer = schema(
        json!({"type": "record", "name": "com.acme.Order", "fields": [
        {"name": "id", "type": {"type": "fixed", "name": "Id", "size": 16, "logicalType": "uuid"}}]}),
    );
    let problems = can_read(&reader, &writer);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].kind, IncompatibilityKind::TypeMismatch);
    assert_eq!(problems[0].location, "/fields/0/type");
    assert_eq!(
        problems[0].field,
        Some(FieldRef {
            record: "com.acme.Order".into(),
            field: "id".into()
        })
    );
    assert_eq!(
        problems[0].message,
        "in field `id` of `com.acme.Order`, the reader's string (uuid) cannot read the writer's \
         fixed `com.acme.Id` (16 bytes, uuid); both are uuid, carried by different types (string and fixed)"
    );
}

#[test]
fn the_field_of_a_problem_is_the_innermost_reader_field() {
    let reader = schema(json!({"type": "record", "name": "Order", "fields": [
        {"name": "total", "type": {"type": "record", "name": "Money", "fields": [
            {"name": "amount", "type": "int"}]}},
        {"name": "tags", "type": {"type": "array", "items": "int"}}]}));
    let writer = schema(json!({"type": "record", "name": "Order", "fields": [
        {"name": "total", "type": {"type": "record", "name": "Money", "fields": [
            {"name": "amount", "type": "long"}]}},
        {"name": "tags", "type": {"type": "array", "items": "string"}}]}));
    let fields: Vec<_> = can_read(&reader, &writer)
        .into_iter()
        .map(|p| {
            (
                p.location,
                p.field.map(|f| format!("{}.{}", f.record, f.field)),
            )
        })
        .collect();
    assert_eq!(
        fields,
        [
            (
                "/fields/0/type/fields/0/type".into(),
                Some("Money.amount".into())
            ),
            ("/fields/1/type/items".into(), Some("Order.tags".into())),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Hostile and unusual schemas
// ---------------------------------------------------------------------------------------------

#[test]
fn references_to_types_of_another_schema_compare_by_name() {
    let list = Schema::parse_list([
        r#"{"type": "record", "name": "a.Money", "fields": [{"name": "cents", "type": "long"}]}"#,
        r#"{"type": "record", "name": "a.Order", "fields": [{"name": "total", "type": "a.Money"}]}"#,
        r#"{"type": "record", "name": "a.Refund", "fields": [{"name": "total", "type": "a.Other"}]}"#,
        r#"{"type": "record", "name": "a.Other", "fields": []}"#,
    ])
    .unwrap();
    let (order, refund) = (&list[1], &list[2]);
    assert!(can_read(order, order).is_empty());
    let problems = can_read(order, refund);
    assert!(!problems.is_empty());
    assert!(
        problems
            .iter()
            .all(|p| p.kind == IncompatibilityKind::NameMismatch),
        "{problems:#?}"
    );
}

/// Arrays nested `depth` deep around `inner`, built directly: JSON this deep would not parse.
fn nested_arrays(depth: usize, inner: Schema) -> Schema {
    (0..depth).fold(inner, |items, _| {
        Schema::Array(tidings::avro::schema::ArraySchema {
            items: Box::new(items),
            attributes: Default::default(),
        })
    })
}

#[test]
fn very_deep_schemas_are_reported_not_overflowed() {
    let reader = nested_arrays(2000, Schema::Long);
    let writer = nested_arrays(2000, Schema::Int);
    let problems = can_read(&reader, &writer);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.contains("levels deep"), "{problems:#?}");
    assert!(
        can_read(
            &nested_arrays(50, Schema::Long),
            &nested_arrays(50, Schema::Int)
        )
        .is_empty()
    );
}

#[test]
fn a_broken_type_shared_everywhere_is_reported_a_bounded_number_of_times() {
    // Each level holds the next twice: 2^30 paths down to the broken field.
    let mut reader =
        json!({"type": "record", "name": "T30", "fields": [{"name": "x", "type": "int"}]});
    let mut writer =
        json!({"type": "record", "name": "T30", "fields": [{"name": "x", "type": "string"}]});
    for level in (0..30).rev() {
        let wrap = |inner: Value, level: usize| {
            let inner_name = inner["name"].clone();
            json!({"type": "record", "name": format!("T{level}"), "fields": [
                {"name": "a", "type": inner}, {"name": "b", "type": inner_name}]})
        };
        reader = wrap(reader, level);
        writer = wrap(writer, level);
    }
    let problems = can_read_json(&reader, &writer).unwrap();
    assert_eq!(problems.len(), tidings::compat::MAX_REPORTED);
}

// ---------------------------------------------------------------------------------------------
// Levels
// ---------------------------------------------------------------------------------------------

fn order(fields: Value) -> Schema {
    schema(json!({"type": "record", "name": "Order", "namespace": "com.acme", "fields": fields}))
}

/// Three registered versions; the new schema conflicts with the oldest only, both ways: it reads
/// `legacy` as an int where v1 wrote a string, and v1 reads the new int `legacy` as a string.
fn history() -> [Schema; 3] {
    [
        order(json!([{"name": "id", "type": "long"}, {"name": "legacy", "type": "string"}])),
        order(json!([{"name": "id", "type": "long"}])),
        order(json!([{"name": "id", "type": "long"},
            {"name": "note", "type": ["null", "string"], "default": null}])),
    ]
}

fn new_order() -> Schema {
    order(json!([{"name": "id", "type": "long"},
        {"name": "legacy", "type": "int", "default": 0}]))
}

/// A violation in brief: the version, the direction and the location.
type Brief<'a> = (u32, Direction, &'a str);

fn summary(violations: &[Violation]) -> Vec<Brief<'_>> {
    violations
        .iter()
        .map(|v| (v.version, v.direction, v.incompatibility.location.as_str()))
        .collect()
}

#[test]
fn transitive_levels_check_every_version_and_the_others_the_latest() {
    let [v1, v2, v3] = history();
    let history = [(1, &v1), (2, &v2), (3, &v3)];
    let new = new_order();
    use Direction::{NewReadsOld, OldReadsNew};
    let expected: [(Level, Vec<Brief>); 7] = [
        (Level::Backward, vec![]),
        (
            Level::BackwardTransitive,
            vec![(1, NewReadsOld, "/fields/1/type")],
        ),
        (Level::Forward, vec![]),
        (
            Level::ForwardTransitive,
            vec![(1, OldReadsNew, "/fields/1/type")],
        ),
        (Level::Full, vec![]),
        (
            Level::FullTransitive,
            vec![
                (1, NewReadsOld, "/fields/1/type"),
                (1, OldReadsNew, "/fields/1/type"),
            ],
        ),
        (Level::None, vec![]),
    ];
    for (level, expected) in expected {
        let violations = check(level, &new, &history);
        assert_eq!(summary(&violations), expected, "{level}");
        for violation in &violations {
            assert_eq!(
                violation.incompatibility.kind,
                IncompatibilityKind::TypeMismatch
            );
        }
    }
}

#[test]
fn every_level_but_none_rejects_a_conflict_with_the_latest_version() {
    let [v1, v2, v3] = history();
    let history = [(1, &v1), (2, &v2), (3, &v3)];
    // Drops `id`'s default-less type for a string: v3 cannot read it, nor it v3.
    let new = order(json!([{"name": "id", "type": "string"}]));
    for level in Level::ALL {
        let versions: BTreeSet<u32> = check(level, &new, &history)
            .iter()
            .map(|v| v.version)
            .collect();
        let expected: BTreeSet<u32> = match level {
            Level::None => BTreeSet::new(),
            _ if level.is_transitive() => [1, 2, 3].into(),
            _ => [3].into(),
        };
        assert_eq!(versions, expected, "{level}");
    }
}

#[test]
fn an_empty_history_accepts_anything() {
    let new = new_order();
    for level in Level::ALL {
        assert!(check(level, &new, &[]).is_empty(), "{level}");
    }
}

#[test]
fn levels_parse_and_print_as_confluent_spells_them() {
    for level in Level::ALL {
        assert_eq!(level.to_string().parse::<Level>(), Ok(level));
        assert_eq!(level.to_string(), level.as_str());
    }
    assert_eq!(Level::BackwardTransitive.to_string(), "BACKWARD_TRANSITIVE");
    assert_eq!(
        "backward-transitive".parse::<Level>(),
        Ok(Level::BackwardTransitive)
    );
    assert_eq!(
        " full_transitive ".parse::<Level>(),
        Ok(Level::FullTransitive)
    );
    assert_eq!("None".parse::<Level>(), Ok(Level::None));
    let err = "sideways".parse::<Level>().unwrap_err();
    assert_eq!(err, UnknownLevel("sideways".into()));
    assert!(
        err.to_string()
            .starts_with("`sideways` is not a compatibility level")
    );
    assert_eq!(
        Level::ALL.map(Level::is_transitive),
        [false, true, false, true, false, true, false]
    );
}

// ---------------------------------------------------------------------------------------------
// Derived events
// ---------------------------------------------------------------------------------------------

mod v1 {
    use super::*;

    /// An order was placed.
    #[derive(Event)]
    #[event(type = "compat.order.placed", version = 1)]
    #[avro(namespace = "compat")]
    pub struct OrderPlaced {
        pub id: String,
        pub lines: Vec<Line>,
    }

    #[derive(Avro)]
    #[avro(namespace = "compat")]
    pub struct Line {
        pub sku: String,
        pub quantity: i32,
    }
}

mod v1_1 {
    use super::*;

    /// An order was placed, perhaps with a note; line quantities widened.
    #[derive(Event)]
    #[event(type = "compat.order.placed", version = 1)]
    #[avro(namespace = "compat")]
    pub struct OrderPlaced {
        pub id: String,
        pub lines: Vec<Line>,
        pub note: Option<String>,
    }

    #[derive(Avro)]
    #[avro(namespace = "compat")]
    pub struct Line {
        pub sku: String,
        pub quantity: i64,
    }
}

#[test]
fn derived_events_evolve_backward_but_not_forward() {
    let old = <v1::OrderPlaced as Avro>::schema();
    let new = <v1_1::OrderPlaced as Avro>::schema();
    assert!(check(Level::Backward, new, &[(1, old)]).is_empty());
    let forward = check(Level::Forward, new, &[(1, old)]);
    assert_eq!(
        summary(&forward),
        [(
            1,
            Direction::OldReadsNew,
            "/fields/1/type/items/fields/1/type"
        )]
    );
    assert_eq!(
        forward[0].incompatibility.field,
        Some(FieldRef {
            record: "compat.Line".into(),
            field: "quantity".into()
        })
    );
}
