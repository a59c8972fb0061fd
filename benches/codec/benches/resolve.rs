//! Decoding the benchmark event from an older revision's bytes, through schema resolution,
//! against decoding the current revision's bytes directly, and against apache-avro's resolving
//! reader on the same old bytes.
//!
//! `cargo bench -p tidings-benches --bench resolve`; `BENCHES=resolve bash benches/codec/run.sh`
//! also counts instructions and writes the figures into BENCHMARKS.md.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;
use tidings::Avro;
use tidings::canonical::fingerprint_of;
use tidings::resolve::decode_resolved;
use tidings_benches::revision::{ApacheAvroResolving, OrderPlacedRev1, order_rev1};
use tidings_benches::{OrderPlaced, order};

/// The event sizes measured, as in `benches/codec.rs`.
const SIZES: [(&str, usize); 2] = [("small", 3), ("large", 100)];

fn resolve(c: &mut Criterion) {
    let apache = ApacheAvroResolving::new();
    // A consumer finds the writer's schema once, by the message's fingerprint, then holds it.
    let writer = OrderPlacedRev1::schema();
    let fingerprint = fingerprint_of::<OrderPlacedRev1>();
    for (size, lines) in SIZES {
        let current = tidings::encode(&order(lines)).expect("encodes");
        let old = tidings::encode(&order_rev1(lines)).expect("encodes");
        let mut group = c.benchmark_group(format!("resolve/{size}"));
        group.throughput(Throughput::Elements(1));
        group.bench_function(BenchmarkId::from_parameter("tidings current"), |b| {
            b.iter(|| tidings::decode::<OrderPlaced>(black_box(&current)).expect("decodes"))
        });
        group.bench_function(BenchmarkId::from_parameter("tidings old"), |b| {
            b.iter(|| {
                decode_resolved::<OrderPlaced>(writer, fingerprint, black_box(&old))
                    .expect("decodes")
            })
        });
        group.bench_function(BenchmarkId::from_parameter("apache-avro old"), |b| {
            b.iter(|| apache.decode(black_box(&old)))
        });
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = resolve
}
criterion_main!(benches);
