#!/usr/bin/env bash
# Runs the runtime codec and envelope benchmarks (criterion, both targets in one cargo run), then
# the codec targets' interleaved timing (examples/paired.rs) and instruction counts
# (callgrind.sh), counts the envelope cases' instructions under callgrind, and writes the figures into
# BENCHMARKS.md between the codec and the envelope markers. About 4 minutes on 2 cores, after the
# release build.
#
#   bash benches/codec/run.sh                 # every benchmark
#   REPORT=- bash benches/codec/run.sh        # print the figures instead of editing BENCHMARKS.md
#   BENCHES=envelope bash benches/codec/run.sh -- --warm-up-time 1 --measurement-time 2
#                                             # one target, criterion options after `--`
#   BENCHES=resolve bash benches/codec/run.sh # schema resolution (not in the default run),
#                                             # then `callgrind.sh resolve`
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
REPORT="${REPORT:-$ROOT/BENCHMARKS.md}"
BENCHES="${BENCHES:-codec envelope}"
# How often callgrind runs each envelope case; the counts are per call.
CALLS=200
cd "$ROOT"

TARGET="$(cargo metadata --format-version 1 --no-deps \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
[ "${1:-}" = "--" ] && shift
BENCH_ARGS=()
for bench in $BENCHES; do BENCH_ARGS+=(--bench "$bench"); done
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
cargo bench -p tidings-benches "${BENCH_ARGS[@]}" -- "$@"
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

case " $BENCHES " in *" codec "*)
    # Ratios timed within interleaved rounds, right after criterion's own runs.
    PAIRED="$TARGET/criterion/codec-paired.txt"
    cargo build -q --profile bench -p tidings-benches --example paired
    "$TARGET/release/examples/paired" > "$PAIRED"
    COUNTS="$TARGET/criterion/codec-instructions.txt"
    if command -v valgrind > /dev/null; then
        bash "$HERE/callgrind.sh" > "$COUNTS"
    else
        echo "valgrind not found: the codec figures will have no instruction counts" >&2
        : > "$COUNTS"
    fi
    python3 "$HERE/report.py" "$TARGET/criterion" "$ROOT" "$REPORT" --counts "$COUNTS" \
        --paired "$PAIRED" --load-before "$LOAD_BEFORE" --load-after "$LOAD_AFTER" ;;
esac

case " $BENCHES " in *" envelope "*)
    # Instruction counts, repeatable where the timings on a shared machine are not: the binary
    # runs each case CALLS times inside `measure`; callgrind collects only there and writes one
    # profile per case (cg.out.N for the Nth name in names.txt).
    CALLGRIND="$TARGET/criterion/envelope-callgrind"
    rm -rf "$CALLGRIND" && mkdir -p "$CALLGRIND"
    if command -v valgrind > /dev/null; then
        BINARY="$(cargo bench -p tidings-benches --bench envelope --no-run --message-format=json \
            | python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "envelope" and m["executable"]:
        print(m["executable"])')"
        ENVELOPE_CALLGRIND="$CALLS" valgrind --tool=callgrind --collect-atstart=no \
            --toggle-collect='envelope::measure' --dump-after='envelope::measure' \
            --callgrind-out-file="$CALLGRIND/cg.out" "$BINARY" > "$CALLGRIND/names.txt" \
            2> "$CALLGRIND/valgrind.log"
    else
        echo "valgrind not found: the envelope figures will have no instruction counts" >&2
    fi
    python3 "$HERE/envelope_report.py" "$TARGET/criterion" "$CALLGRIND" "$ROOT" "$REPORT" \
        --calls "$CALLS" --criterion-options "$*" --load-before "$LOAD_BEFORE" --load-after "$LOAD_AFTER" ;;
esac

case " $BENCHES " in *" resolve "*)
    COUNTS="$TARGET/criterion/resolve-instructions.txt"
    bash "$HERE/callgrind.sh" resolve > "$COUNTS"
    python3 "$HERE/resolve_report.py" "$TARGET/criterion" "$COUNTS" "$ROOT" "$REPORT" \
        --load-before "$LOAD_BEFORE" --load-after "$LOAD_AFTER" ;;
esac
