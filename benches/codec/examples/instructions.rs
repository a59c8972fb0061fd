//! One codec operation repeated `N` times, for `valgrind --tool=callgrind` to count instructions
//! (repeatable where wall-clock times on a shared machine are not). `callgrind.sh` runs it at two
//! counts and divides the difference, so setup and process start-up cancel out.
//!
//!     instructions OPERATION SIZE N
//!
//! OPERATION: `decode`, `decode-fast` (serde_avro_fast), `floor` (clone + drop of the decoded
//! value), `encode`, `encode-fast`, `resolve` (the older revision's bytes through
//! `tidings::resolve::decode_resolved`), `transcode` (its plan's part: the older bytes into the
//! current revision's, into a reused buffer), `resolve-apache` (the same bytes through
//! apache-avro's resolving reader); SIZE: `small` or `large`, as in the criterion benchmarks.

use std::hint::black_box;
use std::process::ExitCode;
use tidings::Avro;
use tidings::canonical::fingerprint_of;
use tidings_benches::revision::{ApacheAvroResolving, OrderPlacedRev1, order_rev1};
use tidings_benches::{Alternatives, OrderPlaced, order};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [operation, size, n] = args.as_slice() else {
        eprintln!("usage: instructions OPERATION SIZE N");
        return ExitCode::FAILURE;
    };
    let lines = match size.as_str() {
        "small" => 3,
        "large" => 100,
        _ => {
            eprintln!("SIZE is `small` or `large`");
            return ExitCode::FAILURE;
        }
    };
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("N is a count");
        return ExitCode::FAILURE;
    };
    let alternatives = Alternatives::new();
    let order = order(lines);
    let avro = tidings::encode(&order).expect("encodes");
    let mut out = Vec::with_capacity(64 * 1024);
    let mut config = alternatives.serde_avro_fast_config();
    let old = tidings::encode(&order_rev1(lines)).expect("encodes");
    // A consumer finds the writer's schema once (by the message's fingerprint or registry ID),
    // then holds it.
    let old_schema = OrderPlacedRev1::schema();
    let old_fingerprint = fingerprint_of::<OrderPlacedRev1>();
    let apache_resolving = ApacheAvroResolving::new();
    let plan = tidings::resolve::Plan::new(old_schema, OrderPlaced::schema()).expect("resolves");
    for _ in 0..n {
        match operation.as_str() {
            "decode" => {
                black_box(tidings::decode::<OrderPlaced>(black_box(&avro)).expect("decodes"));
            }
            "decode-fast" => {
                black_box(alternatives.serde_avro_fast_decode(black_box(&avro)));
            }
            "resolve" => {
                let read = tidings::resolve::decode_resolved::<OrderPlaced>(
                    old_schema,
                    old_fingerprint,
                    black_box(&old),
                );
                black_box(read.expect("decodes"));
            }
            "transcode" => {
                out.clear();
                plan.transcode(black_box(&old), &mut out)
                    .expect("transcodes");
                black_box(&out);
            }
            "resolve-apache" => {
                black_box(apache_resolving.decode(black_box(&old)));
            }
            "floor" => {
                black_box(black_box(&order).clone());
            }
            "encode" => {
                out.clear();
                tidings::encode_into(black_box(&order), &mut out).expect("encodes");
                black_box(&out);
            }
            "encode-fast" => {
                out.clear();
                Alternatives::serde_avro_fast_encode(&mut config, black_box(&order), &mut out);
                black_box(&out);
            }
            _ => {
                eprintln!("unknown OPERATION {operation}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
