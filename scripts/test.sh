#!/usr/bin/env bash
# Runs every test: formatting, lints, docs, unit and integration tests, the compile-fail suite,
# the cross-language checks (Python avro, fastavro and confluent-kafka from PyPI, avsc from npm)
# and the check that schemas/ is up to date. Installs what it needs on a fresh machine; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== installing the cross-language test tools"
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r tests/interop/requirements.txt
npm ci --prefix tests/interop --no-audit --no-fund --loglevel=error
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
