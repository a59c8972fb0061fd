//! Encode and decode one event with tidings and with the alternatives, in the same run.
//!
//! `cargo bench -p tidings-benches`; `bash benches/codec/run.sh` also writes the figures into
//! BENCHMARKS.md. Throughput is in events: criterion's `thrpt` line is events per second.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;
use tidings_benches::{Alternatives, OrderPlaced, order};

/// The event sizes measured: a typical payload and a large one.
const SIZES: [(&str, usize); 2] = [("small", 3), ("large", 100)];

fn encode(c: &mut Criterion) {
    let alternatives = Alternatives::new();
    let mut config = alternatives.serde_avro_fast_config();
    for (size, lines) in SIZES {
        let order = order(lines);
        let mut group = c.benchmark_group(format!("encode/{size}"));
        group.throughput(Throughput::Elements(1));
        let mut out = Vec::with_capacity(64 * 1024);
        group.bench_function(BenchmarkId::from_parameter("tidings"), |b| {
            b.iter(|| {
                out.clear();
                tidings::encode_into(black_box(&order), &mut out).expect("encodes");
                black_box(&out);
            })
        });
        group.bench_function(BenchmarkId::from_parameter("serde_avro_fast"), |b| {
            b.iter(|| {
                out.clear();
                Alternatives::serde_avro_fast_encode(&mut config, black_box(&order), &mut out);
                black_box(&out);
            })
        });
        group.bench_function(BenchmarkId::from_parameter("apache-avro serde"), |b| {
            b.iter(|| {
                out.clear();
                alternatives.apache_avro_serde_encode(black_box(&order), &mut out);
                black_box(&out);
            })
        });
        group.bench_function(BenchmarkId::from_parameter("apache-avro Value"), |b| {
            b.iter(|| {
                out.clear();
                alternatives.apache_avro_value_encode(black_box(&order), &mut out);
                black_box(&out);
            })
        });
        group.bench_function(BenchmarkId::from_parameter("serde_json"), |b| {
            b.iter(|| {
                out.clear();
                serde_json::to_writer(&mut out, black_box(&order)).expect("encodes");
                black_box(&out);
            })
        });
        group.finish();
    }
}

fn decode(c: &mut Criterion) {
    let alternatives = Alternatives::new();
    for (size, lines) in SIZES {
        let order = order(lines);
        let avro = tidings::encode(&order).expect("encodes");
        let json = serde_json::to_vec(&order).expect("encodes");
        let mut group = c.benchmark_group(format!("decode/{size}"));
        group.throughput(Throughput::Elements(1));
        group.bench_function(BenchmarkId::from_parameter("tidings"), |b| {
            b.iter(|| tidings::decode::<OrderPlaced>(black_box(&avro)).expect("decodes"))
        });
        group.bench_function(BenchmarkId::from_parameter("serde_avro_fast"), |b| {
            b.iter(|| alternatives.serde_avro_fast_decode(black_box(&avro)))
        });
        group.bench_function(BenchmarkId::from_parameter("apache-avro serde"), |b| {
            b.iter(|| alternatives.apache_avro_serde_decode(black_box(&avro)))
        });
        group.bench_function(BenchmarkId::from_parameter("apache-avro Value"), |b| {
            b.iter(|| alternatives.apache_avro_value_decode(black_box(&avro)))
        });
        group.bench_function(BenchmarkId::from_parameter("serde_json"), |b| {
            b.iter(|| serde_json::from_slice::<OrderPlaced>(black_box(&json)).expect("decodes"))
        });
        // What any decoder must at least do: build the value (its allocations, its copies) and,
        // as each routine above does, drop it.
        group.bench_function(BenchmarkId::from_parameter("floor"), |b| {
            b.iter(|| black_box(&order).clone())
        });
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = encode, decode
}
criterion_main!(benches);
