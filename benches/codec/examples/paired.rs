//! The codec targets timed in interleaved rounds: each round runs a batch of every contender of
//! one operation back to back, in an order that rotates from round to round, and the ratio is
//! taken within the round. A slowdown of this shared machine that lasts longer than a round
//! (a few milliseconds) slows every contender of that round alike, so the median of the
//! per-round ratios moves far less from run to run than the ratio of two criterion means taken
//! seconds apart. `run.sh` writes what it prints into BENCHMARKS.md.
//!
//!     paired [ROUNDS]
//!
//! Prints one line per operation, size and comparison: `OPERATION SIZE NUMERATOR DENOMINATOR
//! MEDIAN Q1 Q3 FASTEST ROUNDS`, each ratio being the numerator's time over the denominator's:
//! the median and quartiles of the per-round ratios, and the ratio of the two fastest rounds.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use tidings_benches::{Alternatives, OrderPlaced, order};

/// About how long the slowest contender's batch takes.
const BATCH: Duration = Duration::from_millis(1);
/// Rounds run, and thrown away, before the measured ones: caches, branch predictors and the
/// heap settle.
const WARM_UP_ROUNDS: usize = 50;

/// One way of doing the operation, run `n` times.
type Contender<'a> = (&'static str, Box<dyn FnMut(usize) + 'a>);

fn main() -> ExitCode {
    let rounds = match std::env::args().nth(1).map(|n| n.parse::<usize>()) {
        None => 500,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => {
            eprintln!("usage: paired [ROUNDS]");
            return ExitCode::FAILURE;
        }
    };
    let alternatives = Alternatives::new();
    for (size, lines) in [("small", 3), ("large", 100)] {
        let order = order(lines);
        let avro = tidings::encode(&order).expect("encodes");
        let mut config = alternatives.serde_avro_fast_config();
        let encoders: Vec<Contender> = vec![
            (
                "tidings",
                Box::new(|n| {
                    let mut out = Vec::with_capacity(64 * 1024);
                    for _ in 0..n {
                        out.clear();
                        tidings::encode_into(black_box(&order), &mut out).expect("encodes");
                        black_box(&out);
                    }
                }),
            ),
            (
                "serde_avro_fast",
                Box::new(|n| {
                    let mut out = Vec::with_capacity(64 * 1024);
                    for _ in 0..n {
                        out.clear();
                        Alternatives::serde_avro_fast_encode(
                            &mut config,
                            black_box(&order),
                            &mut out,
                        );
                        black_box(&out);
                    }
                }),
            ),
        ];
        report(
            "encode",
            size,
            encoders,
            rounds,
            &[("serde_avro_fast", "tidings")],
        );
        let decoders: Vec<Contender> = vec![
            (
                "tidings",
                Box::new(|n| {
                    for _ in 0..n {
                        black_box(
                            tidings::decode::<OrderPlaced>(black_box(&avro)).expect("decodes"),
                        );
                    }
                }),
            ),
            (
                "serde_avro_fast",
                Box::new(|n| {
                    for _ in 0..n {
                        black_box(alternatives.serde_avro_fast_decode(black_box(&avro)));
                    }
                }),
            ),
            (
                "floor",
                Box::new(|n| {
                    for _ in 0..n {
                        black_box(black_box(&order).clone());
                    }
                }),
            ),
        ];
        let comparisons = [("serde_avro_fast", "tidings"), ("tidings", "floor")];
        report("decode", size, decoders, rounds, &comparisons);
    }
    ExitCode::SUCCESS
}

/// Times `contenders` in `rounds` interleaved rounds and prints the median and quartiles of each
/// comparison's per-round ratio.
fn report(
    operation: &str,
    size: &str,
    mut contenders: Vec<Contender>,
    rounds: usize,
    comparisons: &[(&str, &str)],
) {
    let batch = batch_size(&mut contenders);
    let mut times = vec![Vec::with_capacity(rounds); contenders.len()];
    for round in 0..WARM_UP_ROUNDS + rounds {
        for turn in 0..contenders.len() {
            let at = (round + turn) % contenders.len();
            let start = Instant::now();
            (contenders[at].1)(batch);
            let elapsed = start.elapsed().as_secs_f64() / batch as f64;
            if round >= WARM_UP_ROUNDS {
                times[at].push(elapsed);
            }
        }
    }
    let index = |name: &str| {
        contenders
            .iter()
            .position(|(n, _)| *n == name)
            .expect("a contender")
    };
    for &(numerator, denominator) in comparisons {
        let (top, bottom) = (&times[index(numerator)], &times[index(denominator)]);
        let mut ratios: Vec<f64> = top.iter().zip(bottom).map(|(t, b)| t / b).collect();
        ratios.sort_by(f64::total_cmp);
        let quantile = |q: f64| ratios[((ratios.len() - 1) as f64 * q).round() as usize];
        // Noise only ever adds time, so each contender's fastest round is the nearest to its
        // cost on a quiet machine.
        let fastest = |times: &[f64]| times.iter().copied().fold(f64::INFINITY, f64::min);
        println!(
            "{operation} {size} {numerator} {denominator} {:.4} {:.4} {:.4} {:.4} {rounds}",
            quantile(0.5),
            quantile(0.25),
            quantile(0.75),
            fastest(top) / fastest(bottom),
        );
    }
}

/// How many runs of each contender make a batch of about [`BATCH`] for the slowest.
fn batch_size(contenders: &mut [Contender]) -> usize {
    let slowest = contenders
        .iter_mut()
        .map(|(_, run)| {
            let start = Instant::now();
            run(100);
            start.elapsed() / 100
        })
        .max()
        .expect("contenders");
    (BATCH.as_nanos() / slowest.as_nanos().max(1)).max(1) as usize
}
