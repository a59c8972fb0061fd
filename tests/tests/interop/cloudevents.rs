//! Proof from outside for CloudEvents: the official Python SDK (`cloudevents`, its core API)
//! reads the structured JSON and the Kafka records (binary and structured) tidings writes, with
//! every attribute and the data intact, and tidings reads the same events written by the SDK.
//!
//! A module of the interop test. `tests/interop/cloudevents_check.py` does the Python side, once, on a manifest of every case;
//! `TIDINGS_PYTHON` names a Python with `tests/interop/requirements.txt` (`bash scripts/test.sh`
//! installs it). Without it these tests fail, unless `TIDINGS_SKIP_INTEROP=1` says to skip them.

use super::{hex, python, run_python_check, unhex};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use tidings::wire::cloudevents::kafka::{self, ContentMode, KafkaOptions, KafkaRecord};
use tidings::wire::cloudevents::{default_dataschema, json as ce_json};
use tidings::{Envelope, Event, Timestamp};

/// An event with data as JSON and as Avro: nested records, arrays, options, a map, unicode.
#[derive(Event, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[event(
    type = "com.acme.orders.placed",
    version = 2,
    source = "https://acme.com/orders"
)]
#[avro(namespace = "com.acme.orders")]
pub struct OrderPlaced {
    pub order_id: String,
    pub customer: String,
    pub lines: Vec<Line>,
    pub note: Option<String>,
    pub total_cents: i64,
    pub tags: BTreeMap<String, String>,
}

#[derive(tidings::Avro, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[avro(namespace = "com.acme.orders")]
pub struct Line {
    pub sku: String,
    pub quantity: i32,
}

fn order(note: Option<&str>) -> OrderPlaced {
    OrderPlaced {
        order_id: "o-42".into(),
        customer: "Zoë Ångström 日本".into(),
        lines: vec![
            Line {
                sku: "B-1".into(),
                quantity: 2,
            },
            Line {
                sku: "C-3".into(),
                quantity: 1,
            },
        ],
        note: note.map(str::to_owned),
        total_cents: 1_999,
        tags: [("channel".to_owned(), "web".to_owned())].into(),
    }
}

/// The envelopes checked: every optional attribute set, none set, a whole-second time.
fn cases() -> Vec<(&'static str, Envelope<OrderPlaced>)> {
    let full = Envelope::new(order(Some("ring twice")))
        .with_time(Timestamp::from_unix_micros(1_764_577_800_123_456))
        .with_subject("o-42")
        .and_then(|e| e.with_correlation_id("req 7/a"))
        .and_then(|e| e.with_causation_id("0193b7a2-0000-7000-8000-000000000001"))
        .and_then(|e| e.with_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
        .and_then(|e| e.with_extension("tenant", "acme"))
        .and_then(|e| e.with_extension("region", "eu-west-1"))
        .unwrap();
    let minimal = Envelope::new(order(None)).with_time(Timestamp::from_unix_micros(0));
    let whole_second = Envelope::new(order(None))
        .with_time(Timestamp::from_unix_micros(1_700_000_000_000_000))
        .with_source("order-service")
        .unwrap();
    vec![
        ("full", full),
        ("minimal", minimal),
        ("whole-second", whole_second),
    ]
}

/// The attributes the SDK must see, as strings.
fn attributes(envelope: &Envelope<OrderPlaced>) -> Value {
    let mut attributes = json!({
        "specversion": "1.0",
        "id": envelope.id().to_string(),
        "source": envelope.source(),
        "type": envelope.event_type(),
        "eventversion": envelope.version().to_string(),
        "time": envelope.time().to_rfc3339().unwrap(),
    });
    let optional = [
        ("subject", envelope.subject()),
        ("partitionkey", envelope.subject()),
        ("correlationid", envelope.correlation_id()),
        ("causationid", envelope.causation_id()),
        ("traceparent", envelope.traceparent()),
    ];
    for (name, value) in optional {
        if let Some(value) = value {
            attributes[name] = json!(value);
        }
    }
    for (name, value) in envelope.extensions() {
        attributes[name] = json!(value);
    }
    attributes
}

fn record_json(record: &KafkaRecord) -> Value {
    json!({
        "key": record.key.as_deref().map(hex),
        "headers": record.headers.iter().map(|(n, v)| (n.clone(), json!(hex(v)))).collect::<serde_json::Map<_, _>>(),
        "value": hex(record.value.as_deref().unwrap_or_default()),
    })
}

fn record_from(value: &Value) -> KafkaRecord {
    KafkaRecord {
        key: value["key"].as_str().map(unhex),
        headers: value["headers"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(n, v)| (n.clone(), unhex(v.as_str().unwrap())))
            .collect(),
        value: Some(unhex(value["value"].as_str().unwrap())),
    }
}

#[test]
fn the_cloudevents_sdk_reads_what_tidings_writes_and_tidings_reads_what_it_writes() {
    let Some(python) = python("the Python `cloudevents` SDK") else {
        println!("skipped: TIDINGS_SKIP_INTEROP=1 and TIDINGS_PYTHON is unset");
        return;
    };
    let cases = cases();
    let dataschema = default_dataschema::<OrderPlaced>();
    let manifest = json!({
        "cases": cases.iter().map(|(name, envelope)| {
            let mut structured = Vec::new();
            ce_json::encode(envelope, &mut structured).unwrap();
            let mut structured_avro = Vec::new();
            ce_json::encode_avro_data(envelope, &dataschema, &mut structured_avro).unwrap();
            let binary = kafka::encode(envelope, &KafkaOptions::default()).unwrap();
            let structured_record = kafka::encode(
                envelope,
                &KafkaOptions { mode: ContentMode::Structured, ..KafkaOptions::default() },
            )
            .unwrap();
            json!({
                "name": name,
                "attributes": attributes(envelope),
                "dataschema": dataschema,
                "data": serde_json::to_value(envelope.data()).unwrap(),
                "avro": hex(&tidings::encode(envelope.data()).unwrap()),
                "json": String::from_utf8(structured).unwrap(),
                "json_avro": String::from_utf8(structured_avro).unwrap(),
                "kafka_binary": record_json(&binary),
                "kafka_structured": record_json(&structured_record),
            })
        }).collect::<Vec<_>>(),
    });
    let run = run_python_check(&python, "cloudevents", "cloudevents_check.py", &manifest);
    let stdout = String::from_utf8_lossy(&run.output.stdout);
    let report: Value = serde_json::from_slice(run.report.as_deref().unwrap_or_default())
        .unwrap_or_else(|_| {
            panic!(
                "the SDK check wrote no report\n{stdout}\n{}",
                String::from_utf8_lossy(&run.output.stderr)
            )
        });
    assert!(
        run.output.status.success() && report["failures"].as_array().is_some_and(Vec::is_empty),
        "the SDK could not read what tidings wrote (manifest in {}):\n{stdout}\n{}",
        run.dir.display(),
        String::from_utf8_lossy(&run.output.stderr)
    );

    for (name, envelope) in &cases {
        let written = &report["written"][*name];
        let text = written["json"].as_str().unwrap().as_bytes();
        assert_eq!(
            &ce_json::decode::<OrderPlaced>(text).unwrap(),
            envelope,
            "{name}: json"
        );
        let text = written["json_avro"].as_str().unwrap().as_bytes();
        assert_eq!(
            &ce_json::decode_avro_data::<OrderPlaced>(text).unwrap(),
            envelope,
            "{name}: json with data_base64"
        );
        for form in ["kafka_binary", "kafka_structured"] {
            let record = record_from(&written[form]);
            assert_eq!(
                &kafka::decode::<OrderPlaced>(&record).unwrap(),
                envelope,
                "{name}: {form}"
            );
            assert_eq!(
                record.key.as_deref(),
                envelope.subject().map(str::as_bytes),
                "{name}: {form}: the SDK keys records by partitionkey, which is the subject"
            );
        }
    }
    println!(
        "checked {} envelopes in 4 forms each, both ways, against the CloudEvents SDK",
        cases.len()
    );
}
