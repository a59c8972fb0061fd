#!/usr/bin/env python3
"""Python avro's verdict on every schema compatibility case of tidings.

Driven by tests/tests/compat.rs, which runs

    python compat.py CASES.json...

Each file holds a list of cases, `{"name", "reader", "writer", ...}` with the two schemas as
JSON (tests/compat/*.json). For each case this prints one line of JSON: the case's name and what
`avro.compatibility.ReaderWriterCompatibilityChecker().get_compatibility(reader, writer)` says,

    {"name": ..., "compatible": true|false, "kinds": ["TYPE_MISMATCH", ...], "locations": [...]}

kinds being Java's constant names, in the order Python found them, and locations Python's set of
locations, sorted (it keeps no pairing of kind and location, and adds "/" on some paths, so the
Rust test does not compare them). A schema Python cannot parse prints `{"name", "error"}`.
"""

import json
import sys
import warnings

import avro.compatibility
import avro.schema


def verdict(case):
    reader = avro.schema.parse(json.dumps(case["reader"]))
    writer = avro.schema.parse(json.dumps(case["writer"]))
    checker = avro.compatibility.ReaderWriterCompatibilityChecker()
    result = checker.get_compatibility(reader, writer)
    return {
        "compatible": result.compatibility is avro.compatibility.SchemaCompatibilityType.compatible,
        "kinds": [kind.name.upper() for kind in result.incompatibilities],
        "locations": sorted(result.locations),
    }


def main():
    # Logical types Python does not know (uuid on fixed, big-decimal, ...) are read as their
    # physical type, with a warning each.
    warnings.simplefilter("ignore")
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as file:
            cases = json.load(file)
        for case in cases:
            try:
                line = {"name": case["name"], **verdict(case)}
            except Exception as error:  # noqa: BLE001 - every failure is reported, per case
                line = {"name": case["name"], "error": f"{type(error).__name__}: {error}"}
            print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
