#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for a bounded time (FUZZ_SECONDS each, 20 by default),
# from the committed seed corpus, and fails on any crash, timeout or out-of-memory. Called by
# scripts/test.sh; run it alone with a longer budget to fuzz for real:
#
#     FUZZ_SECONDS=240 bash scripts/fuzz.sh
#
# Builds with plain cargo and the sanitizer-coverage flags cargo-fuzz passes for
# `--sanitizer none` (all stable rustc options), so CI needs neither cargo-fuzz nor nightly.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

seconds=${FUZZ_SECONDS:-20}
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
# An explicit --target keeps the flags off build scripts and proc macros, as cargo-fuzz does.
host=$(rustc -vV | sed -n 's/^host: //p')
cargo build --quiet --release --bins --target "$host"
targets=$(sed -n 's/^name = "\(.*\)"$/\1/p' Cargo.toml | grep -v '^tidings-fuzz$')
for target in $targets; do
    corpus="corpus/$target"
    mkdir -p "$corpus" "artifacts/$target"
    # The seeds are committed; what a run adds to the corpus stays out of git (see .gitignore).
    echo "== fuzzing $target for ${seconds}s"
    "target/$host/release/$target" "$corpus" "seeds/$target" \
        -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=10 \
        -artifact_prefix="artifacts/$target/" -print_final_stats=1 2>&1 |
        grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|==|SUMMARY|.*(panicked|deadly signal|Test unit written))' || true
    if [ -n "$(ls -A "artifacts/$target")" ]; then
        echo "fuzz target $target found a crash: fuzz/artifacts/$target" >&2
        exit 1
    fi
done
