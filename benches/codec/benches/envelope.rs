//! Encode and decode one `Envelope<OrderPlaced>` in each wire format with tidings and with what a
//! user would pick instead (serde_avro_fast and hand framing; the CloudEvents SDK), in one run.
//!
//! `cargo bench -p tidings-benches --bench envelope`; `bash benches/codec/run.sh` also writes the
//! figures into BENCHMARKS.md. Each decode reads the bytes tidings wrote, every library the same
//! input; `src/envelope.rs` tests that the paths are equal work.
//!
//! With `ENVELOPE_CALLGRIND=N` set, the binary runs each case `N` times inside `measure` instead
//! of benchmarking, for valgrind to count instructions per case (see `run.sh`).

use criterion::{BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;
use tidings::Envelope;
use tidings::wire::cloudevents::default_dataschema;
use tidings::wire::cloudevents::json;
use tidings::wire::cloudevents::kafka::{self, ContentMode, KafkaRecord};
use tidings::wire::{confluent, single_object};
use tidings_benches::OrderPlaced;
use tidings_benches::envelope::{
    Alternatives, AvroEnvelope, SCHEMA_ID, envelope, kafka_confluent_options, kafka_options,
};

/// The library names, as `run.sh`'s report reads them.
const TIDINGS: &str = "tidings";
const FAST: &str = "serde_avro_fast";
const SDK: &str = "cloudevents-sdk";

/// The inputs, built once: the envelope, its serde mirror, and every format's encoding of it by
/// tidings (what each decoder reads).
struct Fixtures {
    alternatives: Alternatives,
    envelope: Envelope<OrderPlaced>,
    mirror: AvroEnvelope,
    dataschema: String,
    avro: Vec<u8>,
    single_object: Vec<u8>,
    confluent: Vec<u8>,
    binary: KafkaRecord,
    binary_confluent: KafkaRecord,
    structured: KafkaRecord,
    json_data: Vec<u8>,
    avro_data: Vec<u8>,
}

impl Fixtures {
    fn new() -> Self {
        let envelope = envelope();
        let dataschema = default_dataschema::<OrderPlaced>();
        let mut json_data = Vec::new();
        json::encode(&envelope, &mut json_data).expect("encodes");
        let mut avro_data = Vec::new();
        json::encode_avro_data(&envelope, &dataschema, &mut avro_data).expect("encodes");
        Fixtures {
            alternatives: Alternatives::new(),
            mirror: AvroEnvelope::from(&envelope),
            avro: tidings::encode(&envelope).expect("encodes"),
            single_object: single_object::encode(&envelope).expect("encodes"),
            confluent: confluent::encode(SCHEMA_ID, &envelope).expect("encodes"),
            binary: kafka::encode(&envelope, &kafka_options(ContentMode::Binary)).expect("encodes"),
            binary_confluent: kafka::encode(&envelope, &kafka_confluent_options())
                .expect("encodes"),
            structured: kafka::encode(&envelope, &kafka_options(ContentMode::Structured))
                .expect("encodes"),
            json_data,
            avro_data,
            dataschema,
            envelope,
        }
    }
}

/// One measured path: `operation/format` (the criterion group), the library, one call.
struct Case<'a> {
    group: &'static str,
    library: &'static str,
    run: Box<dyn FnMut() + 'a>,
}

/// A case whose call writes into a reused buffer, cleared first.
fn into_buffer<'a>(
    group: &'static str,
    library: &'static str,
    mut write: impl FnMut(&mut Vec<u8>) + 'a,
) -> Case<'a> {
    let mut out = Vec::with_capacity(64 * 1024);
    Case {
        group,
        library,
        run: Box::new(move || {
            out.clear();
            write(&mut out);
            black_box(&out);
        }),
    }
}

/// A case whose call returns a value, dropped after each call (as criterion's `iter` does).
fn returning<'a, T>(
    group: &'static str,
    library: &'static str,
    mut call: impl FnMut() -> T + 'a,
) -> Case<'a> {
    Case {
        group,
        library,
        run: Box::new(move || drop(black_box(call()))),
    }
}

/// Every case, tidings first in each group.
fn cases(f: &Fixtures) -> Vec<Case<'_>> {
    type Env = Envelope<OrderPlaced>;
    let a = &f.alternatives;
    let (envelope, mirror) = (&f.envelope, &f.mirror);
    let config = || a.serde_avro_fast_config();
    let data_config = || a.data_config();
    let (mut c1, mut c2, mut c3) = (config(), config(), config());
    let (mut d1, mut d2, mut d3) = (data_config(), data_config(), data_config());
    let mut d4 = data_config();
    let binary = kafka_options(ContentMode::Binary);
    let binary_confluent = kafka_confluent_options();
    let structured = kafka_options(ContentMode::Structured);
    vec![
        into_buffer("encode/avro", TIDINGS, |out| {
            tidings::encode_into(black_box(envelope), out).expect("encodes")
        }),
        into_buffer("encode/avro", FAST, move |out| {
            Alternatives::avro_encode(&mut c1, black_box(mirror), out)
        }),
        into_buffer("encode/single-object", TIDINGS, |out| {
            single_object::encode_into(black_box(envelope), out).expect("encodes")
        }),
        into_buffer("encode/single-object", FAST, move |out| {
            a.single_object_encode(&mut c2, black_box(mirror), out)
        }),
        into_buffer("encode/confluent", TIDINGS, |out| {
            confluent::encode_into(SCHEMA_ID, black_box(envelope), out).expect("encodes")
        }),
        into_buffer("encode/confluent", FAST, move |out| {
            Alternatives::confluent_encode(&mut c3, black_box(mirror), out)
        }),
        returning("encode/kafka-binary", TIDINGS, move || {
            kafka::encode(black_box(envelope), &binary).expect("encodes")
        }),
        returning("encode/kafka-binary", SDK, move || {
            a.sdk_kafka_binary_encode(&mut d1, black_box(envelope))
        }),
        returning("encode/kafka-binary-confluent", TIDINGS, move || {
            kafka::encode(black_box(envelope), &binary_confluent).expect("encodes")
        }),
        returning("encode/kafka-binary-confluent", SDK, move || {
            a.sdk_kafka_binary_confluent_encode(&mut d4, black_box(envelope))
        }),
        returning("encode/kafka-structured", TIDINGS, move || {
            kafka::encode(black_box(envelope), &structured).expect("encodes")
        }),
        returning("encode/kafka-structured", SDK, move || {
            a.sdk_kafka_structured_encode(&mut d2, black_box(envelope))
        }),
        into_buffer("encode/json", TIDINGS, |out| {
            json::encode(black_box(envelope), out).expect("encodes")
        }),
        into_buffer("encode/json", SDK, |out| {
            Alternatives::sdk_json_encode(black_box(envelope), out)
        }),
        into_buffer("encode/json-avro", TIDINGS, |out| {
            json::encode_avro_data(black_box(envelope), &f.dataschema, out).expect("encodes")
        }),
        into_buffer("encode/json-avro", SDK, move |out| {
            a.sdk_json_avro_encode(&mut d3, black_box(envelope), out)
        }),
        returning("decode/avro", TIDINGS, || {
            tidings::decode::<Env>(black_box(&f.avro)).expect("decodes")
        }),
        returning("decode/avro", FAST, || a.avro_decode(black_box(&f.avro))),
        returning("decode/single-object", TIDINGS, || {
            single_object::decode::<Env>(black_box(&f.single_object)).expect("decodes")
        }),
        returning("decode/single-object", FAST, || {
            a.single_object_decode(black_box(&f.single_object))
        }),
        returning("decode/confluent", TIDINGS, || {
            confluent::decode::<Env>(black_box(&f.confluent)).expect("decodes")
        }),
        returning("decode/confluent", FAST, || {
            a.confluent_decode(black_box(&f.confluent))
        }),
        returning("decode/kafka-binary", TIDINGS, || {
            kafka::decode::<OrderPlaced>(black_box(&f.binary)).expect("decodes")
        }),
        returning("decode/kafka-binary", SDK, || {
            a.sdk_kafka_decode(black_box(&f.binary))
        }),
        returning("decode/kafka-binary-confluent", TIDINGS, || {
            kafka::decode_confluent::<OrderPlaced>(black_box(&f.binary_confluent)).expect("decodes")
        }),
        returning("decode/kafka-binary-confluent", SDK, || {
            a.sdk_kafka_confluent_decode(black_box(&f.binary_confluent))
        }),
        returning("decode/kafka-structured", TIDINGS, || {
            kafka::decode::<OrderPlaced>(black_box(&f.structured)).expect("decodes")
        }),
        returning("decode/kafka-structured", SDK, || {
            a.sdk_kafka_decode(black_box(&f.structured))
        }),
        returning("decode/json", TIDINGS, || {
            json::decode::<OrderPlaced>(black_box(&f.json_data)).expect("decodes")
        }),
        returning("decode/json", SDK, || {
            Alternatives::sdk_json_decode(black_box(&f.json_data))
        }),
        returning("decode/json-avro", TIDINGS, || {
            json::decode_avro_data::<OrderPlaced>(black_box(&f.avro_data)).expect("decodes")
        }),
        returning("decode/json-avro", SDK, || {
            a.sdk_json_avro_decode(black_box(&f.avro_data))
        }),
    ]
}

fn benchmark(fixtures: &Fixtures) {
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let mut cases = cases(fixtures);
    let mut at = 0;
    while at < cases.len() {
        let name = cases[at].group;
        let mut group = criterion.benchmark_group(format!("envelope-{name}"));
        group.throughput(Throughput::Elements(1));
        for case in cases[at..].iter_mut().take_while(|case| case.group == name) {
            group.bench_function(BenchmarkId::from_parameter(case.library), |b| {
                b.iter(&mut case.run)
            });
            at += 1;
        }
        group.finish();
    }
    criterion.final_summary();
}

/// Runs `case` `times` times: the function valgrind collects in (`--toggle-collect`) and dumps
/// after (`--dump-after`), one profile per case.
#[inline(never)]
fn measure(case: &mut Case<'_>, times: u64) {
    for _ in 0..times {
        (case.run)();
    }
}

fn main() {
    let fixtures = Fixtures::new();
    match std::env::var("ENVELOPE_CALLGRIND") {
        Ok(times) => {
            let times = times.parse().expect("ENVELOPE_CALLGRIND is a count");
            for mut case in cases(&fixtures) {
                // Once outside the count, so lazy initialisation is not charged to the case.
                (case.run)();
                measure(&mut case, times);
                println!("envelope-{}/{}", case.group, case.library);
            }
        }
        Err(_) => benchmark(&fixtures),
    }
}
