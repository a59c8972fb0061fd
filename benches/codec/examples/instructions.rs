//! One codec operation repeated `N` times, for `valgrind --tool=callgrind` to count instructions
//! (repeatable where wall-clock times on a shared machine are not). `callgrind.sh` runs it at two
//! counts and divides the difference, so setup and process start-up cancel out.
//!
//!     instructions OPERATION SIZE N
//!
//! OPERATION: `decode`, `decode-fast` (serde_avro_fast), `floor` (clone + drop of the decoded
//! value), `encode`, `encode-fast`; for schema resolution, after their own setup,
//! `resolve-baseline` (`decode` again), `resolve` (the older revision's bytes through
//! `tidings::resolve::decode_resolved`), `transcode` (its plan's part: the older bytes into the
//! current revision's, into a reused buffer), `resolve-apache` (the same bytes through
//! apache-avro's resolving reader); SIZE: `small` or `large`, as in the criterion benchmarks.

use std::hint::black_box;
use std::process::ExitCode;
use tidings::Avro;
use tidings::canonical::fingerprint_of;
use tidings::resolve::decode_resolved;
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
    if let Some(done) = resolution(operation, lines, n) {
        return done;
    }
    let alternatives = Alternatives::new();
    let order = order(lines);
    let avro = tidings::encode(&order).expect("encodes");
    let mut out = Vec::with_capacity(64 * 1024);
    let mut config = alternatives.serde_avro_fast_config();
    for _ in 0..n {
        match operation.as_str() {
            "decode" => {
                black_box(tidings::decode::<OrderPlaced>(black_box(&avro)).expect("decodes"));
            }
            "decode-fast" => {
                black_box(alternatives.serde_avro_fast_decode(black_box(&avro)));
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

/// The resolution operations, `None` for any other. Their setup (the older revision's bytes,
/// schemas, plan and apache-avro's reader) is made only for them, so that the codec's own
/// operations start from the heap they always did: what glibc spends on a request depends on
/// what the process allocated and freed before. For the same reason the resolution's baseline,
/// `resolve-baseline`, is the current revision's `decode` after this same setup.
fn resolution(operation: &str, lines: usize, n: usize) -> Option<ExitCode> {
    if !matches!(
        operation,
        "resolve-baseline" | "resolve" | "transcode" | "resolve-apache"
    ) {
        return None;
    }
    let current = tidings::encode(&order(lines)).expect("encodes");
    let old = tidings::encode(&order_rev1(lines)).expect("encodes");
    // A consumer finds the writer's schema once (by the message's fingerprint or registry ID),
    // then holds it.
    let schema = OrderPlacedRev1::schema();
    let fingerprint = fingerprint_of::<OrderPlacedRev1>();
    let plan = tidings::resolve::Plan::new(schema, OrderPlaced::schema()).expect("resolves");
    let apache = ApacheAvroResolving::new();
    let mut out = Vec::with_capacity(64 * 1024);
    for _ in 0..n {
        match operation {
            "resolve-baseline" => {
                black_box(tidings::decode::<OrderPlaced>(black_box(&current)).expect("decodes"));
            }
            "resolve" => {
                let read = decode_resolved::<OrderPlaced>(schema, fingerprint, black_box(&old));
                black_box(read.expect("decodes"));
            }
            "transcode" => {
                out.clear();
                plan.transcode(black_box(&old), &mut out)
                    .expect("transcodes");
                black_box(&out);
            }
            _ => {
                black_box(apache.decode(black_box(&old)));
            }
        }
    }
    Some(ExitCode::SUCCESS)
}
