#!/usr/bin/env bash
# Runs every test: formatting, lints, docs, unit and integration tests, the compile-fail suite,
# the cross-language checks (Python avro, fastavro, confluent-kafka and cloudevents from PyPI, avsc
# from npm, Apache Avro for Java from Debian), the check that schemas/ is up to date, then a bounded
# run of every fuzz target. Installs what it needs on a fresh machine; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== installing the cross-language test tools"
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r tests/interop/requirements.txt
npm ci --prefix tests/interop --no-audit --no-fund --loglevel=error
# Apache Avro for Java, for tests/tests/interop/java.rs (java and javac come with the JDK).
if [ ! -f /usr/share/java/avro.jar ] || [ ! -f /usr/share/java/avro-compiler.jar ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libavro-java libavro-compiler-java
fi
export TIDINGS_PYTHON="$PWD/.venv/bin/python"
export TIDINGS_NODE_MODULES="$PWD/tests/interop/node_modules"

echo "== formatting and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --all-features -- -D warnings

echo "== tests"
cargo test --workspace --all-features

echo "== docs"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --all-features --no-deps --quiet

echo "== exported schemas are up to date"
CI=true cargo run --quiet -p orders-example -- --check

echo "== fuzzing every decoder for a bounded time"
bash scripts/fuzz.sh
