#!/usr/bin/env bash
# Runs the runtime codec benchmarks (criterion) and writes their figures into BENCHMARKS.md,
# between the codec markers. About 2 minutes on 2 cores, after the release build.
#
#   bash benches/codec/run.sh                 # every benchmark
#   REPORT=- bash benches/codec/run.sh        # print the figures instead of editing BENCHMARKS.md
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
REPORT="${REPORT:-$ROOT/BENCHMARKS.md}"
cd "$ROOT"

TARGET="$(cargo metadata --format-version 1 --no-deps \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
cargo bench -p tidings-benches --bench codec
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

python3 "$HERE/report.py" "$TARGET/criterion" "$ROOT" "$REPORT" \
    --load-before "$LOAD_BEFORE" --load-after "$LOAD_AFTER"
