//! Proof from outside for schema resolution: for each case (a writer's schema, a reader's, bytes
//! written with the first), fastavro's `schemaless_reader(io, writer, reader)` and Java's
//! `GenericDatumReader(writer, reader)` resolve the bytes themselves, and the bytes tidings'
//! [`Plan`] transcodes them into, read with the reader's schema alone, must give the very same
//! value (Java: `GenericData`'s equals). Where Java's bytes for the value can be compared (no maps,
//! whose order Java's `HashMap` changes), they must also be tidings' bytes.
//!
//! Where they disagree: Debian's Avro for Java is 1.8.2, and enum defaults (a writer symbol the
//! reader lacks read as the reader enum's `default`) came with Avro 1.9 (AVRO-1340); the
//! specification since 1.9 and fastavro apply them. So for `enum_default` Java must fail with its
//! "no match" error, and fastavro must agree with tidings.
//!
//! A module of the interop test: `tests/interop/resolve_check.py` is the Python side, the
//! `resolve` mode of `tests/interop/java/Interop.java` the Java side.

use super::java::{interop, tools};
use super::{hex, python, run_python_check, unhex};
use serde_json::{Value, json};
use tidings::resolve::Plan;
use tidings::{Avro, Envelope, Timestamp};

#[path = "../resolve/revisions.rs"]
#[allow(dead_code)] // `resolved`: the expected values are fastavro's and Java's here
mod revisions;

use revisions::{order, rev1, rev2};

/// Small pairs for the rules the order revisions do not show.
mod pairs {
    use tidings::Avro;

    #[derive(Avro)]
    #[avro(name = "Numbers", namespace = "interop.resolve")]
    pub struct NumbersV1 {
        pub a: i32,
        pub b: i64,
        pub c: f32,
        pub d: String,
        pub e: i32,
    }

    /// Every promotion: int to float, long to double, float to double, string to bytes, int to
    /// double.
    #[derive(Avro)]
    #[avro(name = "Numbers", namespace = "interop.resolve")]
    pub struct NumbersV2 {
        pub a: f32,
        pub b: f64,
        pub c: f64,
        pub d: Vec<u8>,
        pub e: f64,
    }

    #[derive(Avro)]
    #[avro(name = "Light", namespace = "interop.resolve")]
    pub enum Light3 {
        Red,
        Amber,
        Green,
    }

    #[derive(Avro)]
    #[avro(name = "Light", namespace = "interop.resolve")]
    pub enum Light2 {
        Green,
        Red,
    }

    /// A union read as its one branch, fields reordered, enum symbols re-indexed.
    #[derive(Avro)]
    #[avro(name = "Lamp", namespace = "interop.resolve")]
    pub struct LampV1 {
        pub light: Light3,
        pub label: Option<String>,
        pub watts: Option<i32>,
    }

    #[derive(Avro)]
    #[avro(name = "Lamp", namespace = "interop.resolve")]
    pub struct LampV2 {
        pub label: String,
        pub watts: Option<i64>,
        pub light: Light2,
        #[avro(default = 3)]
        pub sockets: i32,
    }
}

struct ResolveCase {
    name: String,
    writer: String,
    reader: String,
    datum: Vec<u8>,
    transcoded: Vec<u8>,
    /// No maps: Java's bytes for the resolved value are comparable with tidings'.
    comparable: bool,
}

fn case<W: Avro, R: Avro>(name: &str, value: &W, comparable: bool) -> ResolveCase {
    let datum = tidings::encode(value).unwrap();
    let mut transcoded = Vec::new();
    Plan::new(W::schema(), R::schema())
        .unwrap()
        .transcode(&datum, &mut transcoded)
        .unwrap();
    ResolveCase {
        name: name.to_owned(),
        writer: tidings::avsc::<W>(),
        reader: tidings::avsc::<R>(),
        datum,
        transcoded,
        comparable,
    }
}

fn cases() -> Vec<ResolveCase> {
    let mut cases: Vec<ResolveCase> = [0, 1, 3, 4]
        .into_iter()
        .map(|seed| case::<rev1::Order, rev2::Order>(&format!("order_{seed}"), &order(seed), false))
        .collect();
    // Seed 2 writes `Cancelled`, which revision 2 reads as its default `Unknown`.
    cases.push(case::<rev1::Order, rev2::Order>(
        "enum_default",
        &order(2),
        false,
    ));
    let envelope = Envelope::new(order(3))
        .with_time(Timestamp::from_unix_micros(1_700_000_000_123_456))
        .with_subject("order-3")
        .unwrap();
    cases.push(case::<Envelope<rev1::Order>, Envelope<rev2::Order>>(
        "envelope", &envelope, false,
    ));
    let numbers = pairs::NumbersV1 {
        a: -7,
        b: 1 << 40,
        c: 0.1,
        d: "naïve".into(),
        e: i32::MIN,
    };
    cases.push(case::<pairs::NumbersV1, pairs::NumbersV2>(
        "promotions",
        &numbers,
        true,
    ));
    cases.extend(fixture_cases());
    for (name, light, label, watts) in [
        ("lamp_red", pairs::Light3::Red, "hall", Some(60)),
        ("lamp_green", pairs::Light3::Green, "", None),
    ] {
        let lamp = pairs::LampV1 {
            light,
            label: Some(label.into()),
            watts,
        };
        cases.push(case::<pairs::LampV1, pairs::LampV2>(name, &lamp, true));
    }
    cases
}

/// The committed bytes of `v1::OrderPlaced` revision 1 (`tests/fixtures/evolution`), bare and in
/// envelopes, with the writer schema the embedded history finds by their fingerprint, read as
/// today's revision 2: what a consumer of the tour does.
fn fixture_cases() -> Vec<ResolveCase> {
    use orders_example::v1;
    use tidings::history::Form;
    use tidings::wire::single_object;
    let history = tidings::embedded_history!("../schemas").unwrap();
    [
        "v1r1-envelope-1",
        "v1r1-envelope-2",
        "v1r1-envelope-3",
        "v1r1-event-1",
    ]
    .into_iter()
    .map(|file| {
        let path = format!(
            "{}/fixtures/evolution/{file}.bin",
            env!("CARGO_MANIFEST_DIR")
        );
        let message = std::fs::read(&path).unwrap();
        let header = single_object::read_header(&message).unwrap();
        let writer = history.by_fingerprint(header.fingerprint()).unwrap();
        let (reader, reader_avsc) = match writer.form() {
            Form::Event => (
                v1::OrderPlaced::schema(),
                tidings::avsc::<v1::OrderPlaced>(),
            ),
            Form::Envelope => (
                Envelope::<v1::OrderPlaced>::schema(),
                tidings::avsc::<Envelope<v1::OrderPlaced>>(),
            ),
        };
        let mut transcoded = Vec::new();
        Plan::new(writer.schema(), reader)
            .unwrap()
            .transcode(header.datum(), &mut transcoded)
            .unwrap();
        ResolveCase {
            name: format!("fixture_{}", file.replace('-', "_")),
            writer: serde_json::to_string(writer.schema()).unwrap(),
            reader: reader_avsc,
            datum: header.datum().to_vec(),
            transcoded,
            comparable: writer.form() == Form::Event,
        }
    })
    .collect()
}

#[test]
fn fastavro_resolves_every_case_to_the_value_of_tidings_transcoded_bytes() {
    let Some(python) = python("fastavro") else {
        println!("skipped: TIDINGS_SKIP_INTEROP=1 and TIDINGS_PYTHON is unset");
        return;
    };
    let cases = cases();
    let manifest = json!({
        "cases": cases.iter().map(|case| json!({
            "name": case.name,
            "writer": case.writer,
            "reader": case.reader,
            "datum": hex(&case.datum),
            "transcoded": hex(&case.transcoded),
        })).collect::<Vec<_>>(),
    });
    let run = run_python_check(&python, "resolve", "resolve_check.py", &manifest);
    let report: Value = serde_json::from_slice(run.report.as_deref().unwrap_or_default())
        .unwrap_or_else(|_| {
            panic!(
                "the fastavro check wrote no report:\n{}",
                String::from_utf8_lossy(&run.output.stderr)
            )
        });
    let failures: Vec<String> = cases
        .iter()
        .filter(|case| report["results"][&case.name] != "equal")
        .map(|case| {
            format!(
                "{}: {}\n{}",
                case.name,
                report["results"][&case.name],
                report["values"][&case.name].as_str().unwrap_or("")
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "fastavro disagrees (manifest in {}):\n{}",
        run.dir.display(),
        failures.join("\n\n")
    );
    let _ = std::fs::remove_dir_all(&run.dir);
}

#[test]
fn java_resolves_every_case_to_the_value_of_tidings_transcoded_bytes() {
    let Some(tools) = tools() else { return };
    let cases = cases();
    let mut manifest = String::new();
    for case in &cases {
        manifest.push_str(&format!(
            "resolve\t{}\t{}\t{}\t{}\t{}\n",
            case.name,
            hex(case.writer.as_bytes()),
            hex(case.reader.as_bytes()),
            hex(&case.datum),
            hex(&case.transcoded)
        ));
    }
    let (dir, report) = interop("java-resolve", &tools, &manifest);
    let mut failures = Vec::new();
    for case in &cases {
        let row = report
            .lines()
            .map(|line| line.split('\t').collect::<Vec<_>>())
            .find(|fields| fields.get(1) == Some(&case.name.as_str()));
        match row.as_deref() {
            // Avro 1.8.2 predates enum defaults: it must refuse the symbol (see the module docs).
            Some(["failed", _, _, error]) if case.name == "enum_default" => {
                let error = String::from_utf8(unhex(error)).unwrap();
                if !error.contains("No match for Cancelled") {
                    failures.push(format!("{}: Java failed otherwise: {error}", case.name));
                }
            }
            Some(["resolved", _, equal, resolved]) if case.name != "enum_default" => {
                if *equal != "true" {
                    failures.push(format!("{}: Java's resolved value differs", case.name));
                }
                if case.comparable && unhex(resolved) != case.transcoded {
                    failures.push(format!(
                        "{}: Java writes {resolved} for the value, tidings {}",
                        case.name,
                        hex(&case.transcoded)
                    ));
                }
            }
            Some(["failed", _, stage, error]) => failures.push(format!(
                "{}: Java failed ({stage}): {}",
                case.name,
                String::from_utf8_lossy(&unhex(error))
            )),
            other => failures.push(format!("{}: unexpected answer {other:?}", case.name)),
        }
    }
    assert!(
        failures.is_empty(),
        "Java disagrees (manifest and report in {}):\n{}",
        dir.display(),
        failures.join("\n")
    );
    let _ = std::fs::remove_dir_all(&dir);
}
