//! Encode and decode one `Envelope<OrderPlaced>` in each wire format with tidings and with what a
//! user would pick instead (serde_avro_fast and hand framing; the CloudEvents SDK), in one run.
//!
//! `cargo bench -p tidings-benches --bench envelope`; `bash benches/codec/run.sh` also writes the
//! figures into BENCHMARKS.md. Each decode reads the bytes tidings wrote, each library from the
//! same input; `src/envelope.rs` tests that they are equal work.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;
use tidings::Envelope;
use tidings::wire::cloudevents::kafka::{self, ContentMode};
use tidings::wire::cloudevents::{self, json};
use tidings::wire::{confluent, single_object};
use tidings_benches::OrderPlaced;
use tidings_benches::envelope::{Alternatives, AvroEnvelope, SCHEMA_ID, envelope, kafka_options};

/// The benchmark's names, as `run.sh`'s report reads them.
const TIDINGS: &str = "tidings";
const FAST: &str = "serde_avro_fast";
const SDK: &str = "cloudevents-sdk";

fn encode(c: &mut Criterion) {
    let alternatives = Alternatives::new();
    let mut config = alternatives.serde_avro_fast_config();
    let mut data_config = alternatives.data_config();
    let envelope = envelope();
    let mirror = AvroEnvelope::from(&envelope);
    let dataschema = cloudevents::default_dataschema::<OrderPlaced>();
    let binary = kafka_options(ContentMode::Binary);
    let structured = kafka_options(ContentMode::Structured);
    let mut out = Vec::with_capacity(64 * 1024);
    let id = BenchmarkId::from_parameter;

    let mut group = c.benchmark_group("envelope-encode/avro");
    group.throughput(Throughput::Elements(1));
    group.bench_function(id(TIDINGS), |b| {
        b.iter(|| {
            out.clear();
            tidings::encode_into(black_box(&envelope), &mut out).expect("encodes");
            black_box(&out);
        })
    });
    group.bench_function(id(FAST), |b| {
        b.iter(|| {
            out.clear();
            Alternatives::avro_encode(&mut config, black_box(&mirror), &mut out);
            black_box(&out);
        })
    });
    group.finish();

    let mut group = c.benchmark_group("envelope-encode/single-object");
    group.throughput(Throughput::Elements(1));
    group.bench_function(id(TIDINGS), |b| {
        b.iter(|| {
            out.clear();
            single_object::encode_into(black_box(&envelope), &mut out).expect("encodes");
            black_box(&out);
        })
    });
    group.bench_function(id(FAST), |b| {
        b.iter(|| {
            out.clear();
            alternatives.single_object_encode(&mut config, black_box(&mirror), &mut out);
            black_box(&out);
        })
    });
    group.finish();

    let mut group = c.benchmark_group("envelope-encode/confluent");
    group.throughput(Throughput::Elements(1));
    group.bench_function(id(TIDINGS), |b| {
        b.iter(|| {
            out.clear();
            confluent::encode_into(SCHEMA_ID, black_box(&envelope), &mut out).expect("encodes");
            black_box(&out);
        })
    });
    group.bench_function(id(FAST), |b| {
        b.iter(|| {
            out.clear();
            Alternatives::confluent_encode(&mut config, black_box(&mirror), &mut out);
            black_box(&out);
        })
    });
    group.finish();

    let mut group = c.benchmark_group("envelope-encode/kafka-binary");
    group.throughput(Throughput::Elements(1));
    group.bench_function(id(TIDINGS), |b| {
        b.iter(|| kafka::encode(black_box(&envelope), &binary).expect("encodes"))
    });
    group.bench_function(id(SDK), |b| {
        b.iter(|| alternatives.sdk_kafka_binary_encode(&mut data_config, black_box(&envelope)))
    });
    group.finish();

    let mut group = c.benchmark_group("envelope-encode/kafka-structured");
    group.throughput(Throughput::Elements(1));
    group.bench_function(id(TIDINGS), |b| {
        b.iter(|| kafka::encode(black_box(&envelope), &structured).expect("encodes"))
    });
    group.bench_function(id(SDK), |b| {
        b.iter(|| alternatives.sdk_kafka_structured_encode(&mut data_config, black_box(&envelope)))
    });
    group.finish();

    let mut group = c.benchmark_group("envelope-encode/json");
    group.throughput(Throughput::Elements(1));
    group.bench_function(id(TIDINGS), |b| {
        b.iter(|| {
            out.clear();
            json::encode(black_box(&envelope), &mut out).expect("encodes");
            black_box(&out);
        })
    });
    group.bench_function(id(SDK), |b| {
        b.iter(|| {
            out.clear();
            Alternatives::sdk_json_encode(black_box(&envelope), &mut out);
            black_box(&out);
        })
    });
    group.finish();

    let mut group = c.benchmark_group("envelope-encode/json-avro");
    group.throughput(Throughput::Elements(1));
    group.bench_function(id(TIDINGS), |b| {
        b.iter(|| {
            out.clear();
            json::encode_avro_data(black_box(&envelope), &dataschema, &mut out).expect("encodes");
            black_box(&out);
        })
    });
    group.bench_function(id(SDK), |b| {
        b.iter(|| {
            out.clear();
            alternatives.sdk_json_avro_encode(&mut data_config, black_box(&envelope), &mut out);
            black_box(&out);
        })
    });
    group.finish();
}

fn decode(c: &mut Criterion) {
    type Env = Envelope<OrderPlaced>;
    let alternatives = Alternatives::new();
    let envelope = envelope();
    let dataschema = cloudevents::default_dataschema::<OrderPlaced>();
    let avro = tidings::encode(&envelope).expect("encodes");
    let single = single_object::encode(&envelope).expect("encodes");
    let framed = confluent::encode(SCHEMA_ID, &envelope).expect("encodes");
    let binary = kafka::encode(&envelope, &kafka_options(ContentMode::Binary)).expect("encodes");
    let structured =
        kafka::encode(&envelope, &kafka_options(ContentMode::Structured)).expect("encodes");
    let mut json_data = Vec::new();
    json::encode(&envelope, &mut json_data).expect("encodes");
    let mut avro_data = Vec::new();
    json::encode_avro_data(&envelope, &dataschema, &mut avro_data).expect("encodes");
    let id = BenchmarkId::from_parameter;

    let mut group = c.benchmark_group("envelope-decode/avro");
    group.throughput(Throughput::Elements(1));
    group.bench_function(id(TIDINGS), |b| {
        b.iter(|| tidings::decode::<Env>(black_box(&avro)).expect("decodes"))
    });
    group.bench_function(id(FAST), |b| {
        b.iter(|| alternatives.avro_decode(black_box(&avro)))
    });
    group.finish();

    let mut group = c.benchmark_group("envelope-decode/single-object");
    group.throughput(Throughput::Elements(1));
    group.bench_function(id(TIDINGS), |b| {
        b.iter(|| single_object::decode::<Env>(black_box(&single)).expect("decodes"))
    });
    group.bench_function(id(FAST), |b| {
        b.iter(|| alternatives.single_object_decode(black_box(&single)))
    });
    group.finish();

    let mut group = c.benchmark_group("envelope-decode/confluent");
    group.throughput(Throughput::Elements(1));
    group.bench_function(id(TIDINGS), |b| {
        b.iter(|| confluent::decode::<Env>(black_box(&framed)).expect("decodes"))
    });
    group.bench_function(id(FAST), |b| {
        b.iter(|| alternatives.confluent_decode(black_box(&framed)))
    });
    group.finish();

    let mut group = c.benchmark_group("envelope-decode/kafka-binary");
    group.throughput(Throughput::Elements(1));
    group.bench_function(id(TIDINGS), |b| {
        b.iter(|| kafka::decode::<OrderPlaced>(black_box(&binary)).expect("decodes"))
    });
    group.bench_function(id(SDK), |b| {
        b.iter(|| alternatives.sdk_kafka_decode(black_box(&binary)))
    });
    group.finish();

    let mut group = c.benchmark_group("envelope-decode/kafka-structured");
    group.throughput(Throughput::Elements(1));
    group.bench_function(id(TIDINGS), |b| {
        b.iter(|| kafka::decode::<OrderPlaced>(black_box(&structured)).expect("decodes"))
    });
    group.bench_function(id(SDK), |b| {
        b.iter(|| alternatives.sdk_kafka_decode(black_box(&structured)))
    });
    group.finish();

    let mut group = c.benchmark_group("envelope-decode/json");
    group.throughput(Throughput::Elements(1));
    group.bench_function(id(TIDINGS), |b| {
        b.iter(|| json::decode::<OrderPlaced>(black_box(&json_data)).expect("decodes"))
    });
    group.bench_function(id(SDK), |b| {
        b.iter(|| Alternatives::sdk_json_decode(black_box(&json_data)))
    });
    group.finish();

    let mut group = c.benchmark_group("envelope-decode/json-avro");
    group.throughput(Throughput::Elements(1));
    group.bench_function(id(TIDINGS), |b| {
        b.iter(|| json::decode_avro_data::<OrderPlaced>(black_box(&avro_data)).expect("decodes"))
    });
    group.bench_function(id(SDK), |b| {
        b.iter(|| alternatives.sdk_json_avro_decode(black_box(&avro_data)))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = encode, decode
}
criterion_main!(benches);
