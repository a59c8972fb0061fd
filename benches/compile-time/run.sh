#!/usr/bin/env bash
# The compile-time benchmark: what `#[derive(tidings::Event)]` costs to build, against serde's
# `#[derive(Serialize, Deserialize)]` on the same 200 event structs.
#
#   bash benches/compile-time/run.sh
#
# 1. gen.py writes two throwaway crates under target/compile-time-bench/ (each its own workspace,
#    never a member of this one), identical but for the derives, and a copy of macros/ and
#    runtime/ for crate A to depend on (so concurrent edits of the tree do not disturb a run).
# 2. Every dependency is built once, unmeasured, for every mode.
# 3. hyperfine times `touch src/lib.rs` + the build of each crate, for each mode (see modes.py):
#    both crates in one hyperfine call, `--warmup 1 --runs $RUNS`.
# 4. paired.py builds the crates alternately for $ROUNDS rounds and takes the ratio per pair,
#    which survives load from other processes better; its `cargo --timings` reports split rustc's
#    time into frontend and codegen.
# 5. report.py writes the figures into BENCHMARKS.md, between the compile-time markers.
#
# Knobs (environment): RUNS (5), ROUNDS (3), EVENTS (200), MODES ("check debug debug-incr release
# release-codec"), OUT (target/compile-time-bench), REPORT (BENCHMARKS.md; "-" for stdout only).
# Needs python3 and hyperfine (installed with apt-get when missing and run as root).
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the source tree

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="${OUT:-$ROOT/target/compile-time-bench}"
EVENTS="${EVENTS:-200}"
RUNS="${RUNS:-5}"
ROUNDS="${ROUNDS:-3}"
MODES="${MODES:-check debug debug-incr release release-codec}"
REPORT="${REPORT:-$ROOT/BENCHMARKS.md}"

command -v python3 >/dev/null || { echo "python3 is needed (3.9 or newer)" >&2; exit 1; }
if ! command -v hyperfine >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "== installing hyperfine"
        apt-get install -y hyperfine >/dev/null || { apt-get update >/dev/null && apt-get install -y hyperfine >/dev/null; }
    else
        echo "hyperfine is needed: 'sudo apt-get install hyperfine', 'brew install hyperfine' or 'cargo install --locked hyperfine'" >&2
        exit 1
    fi
fi

cmd() { python3 "$HERE/modes.py" command "$OUT" "$1" "$2"; }

echo "== generating $EVENTS events per crate in $OUT"
python3 "$HERE/gen.py" "$OUT" "$ROOT" --events "$EVENTS"

echo "== building the dependencies (not measured)"
for flavour in tidings serde; do
    # Completes the lockfile seeded from the workspace's and downloads what is missing; the
    # measured builds then run --frozen.
    cargo fetch --quiet --manifest-path "$OUT/$flavour-events/Cargo.toml"
    for mode in $MODES; do
        echo "   $flavour $mode"
        bash -c "$(cmd "$flavour" "$mode")"
    done
done

mkdir -p "$OUT/results"
rm -f "$OUT"/results/*
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
STARTED="$(date -u '+%Y-%m-%d %H:%M UTC')"

echo "== hyperfine: $RUNS runs after 1 warmup, per crate and mode"
for mode in $MODES; do
    hyperfine --style basic --warmup 1 --runs "$RUNS" \
        --prepare "touch '$OUT/tidings-events/src/lib.rs' '$OUT/serde-events/src/lib.rs'" \
        --command-name "tidings $mode" --command-name "serde $mode" \
        "$(cmd tidings "$mode")" "$(cmd serde "$mode")" \
        --export-json "$OUT/results/hyperfine-$mode.json" \
        --export-markdown "$OUT/results/hyperfine-$mode.md"
done

echo "== interleaved: $ROUNDS rounds of tidings and serde builds, alternating"
# shellcheck disable=SC2086 # MODES is a list
python3 "$HERE/paired.py" "$OUT" "$ROUNDS" $MODES

LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
python3 "$HERE/report.py" "$OUT" "$ROOT" "$REPORT" \
    --events "$EVENTS" --runs "$RUNS" --rounds "$ROUNDS" --started "$STARTED" \
    --load-before "$LOAD_BEFORE" --load-after "$LOAD_AFTER" --modes $MODES
