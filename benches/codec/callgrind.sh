#!/usr/bin/env bash
# Instructions per codec operation under valgrind's callgrind: each operation runs at two repeat
# counts and the difference is divided by the extra repeats, so parsing schemas, building the
# event and starting the process cancel out. Unlike wall-clock time, the counts repeat to within
# a few instructions on a busy machine.
#
#   bash benches/codec/callgrind.sh                    # every operation, both sizes
#   bash benches/codec/callgrind.sh decode small       # one
#   bash benches/codec/callgrind.sh resolve            # schema resolution: resolve-baseline,
#                                                      # resolve, transcode, resolve-apache
#   KEEP=dir bash benches/codec/callgrind.sh ...       # keep callgrind.out files for callgrind_annotate
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"
FEW=100
MANY=600

cargo build -q --profile bench -p tidings-benches --example instructions
TARGET="$(cargo metadata --format-version 1 --no-deps \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
BIN="$TARGET/release/examples/instructions"
KEEP="${KEEP:-}"

count() { # operation size n -> instructions of the whole run
    local out=/dev/null
    if [[ -n "$KEEP" ]]; then
        mkdir -p "$KEEP"
        out="$KEEP/callgrind.out.$1-$2-$3"
    fi
    valgrind --tool=callgrind --callgrind-out-file="$out" "$BIN" "$1" "$2" "$3" 2>&1 \
        | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

if [[ $# -eq 2 ]]; then
    runs=("$1 $2")
elif [[ "${1:-}" == resolve ]]; then
    runs=()
    for size in small large; do
        for operation in resolve-baseline resolve transcode resolve-apache; do
            runs+=("$operation $size")
        done
    done
else
    runs=()
    for size in small large; do
        for operation in decode decode-fast floor encode encode-fast; do
            runs+=("$operation $size")
        done
    done
fi
printf '%-12s %-6s %12s\n' operation size instructions
for run in "${runs[@]}"; do
    read -r operation size <<<"$run"
    few="$(count "$operation" "$size" "$FEW")"
    many="$(count "$operation" "$size" "$MANY")"
    printf '%-12s %-6s %12d\n' "$operation" "$size" $(((many - few) / (MANY - FEW)))
done
