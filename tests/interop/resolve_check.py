"""Schema resolution cross-checked with fastavro (tests/tests/interop/resolve.rs drives it).

    python resolve_check.py MANIFEST REPORT

MANIFEST is JSON: {"cases": [{"name", "writer", "reader", "datum", "transcoded"}]}, the schemas as
JSON text and the bytes as lowercase hex. For each case fastavro reads `datum` (written with
`writer`) as `reader` with `schemaless_reader(io, writer, reader)`, reads `transcoded` (the bytes
tidings' resolution plan made of `datum`) with `reader` alone, and the two values must be equal.
REPORT gets {"results": {name: "equal" | "different" | "error: ..."}, "values": {name: repr}}.
"""

from __future__ import annotations

import io
import json
import sys

import fastavro


def read(data: bytes, writer: dict, reader: dict | None):
    return fastavro.schemaless_reader(io.BytesIO(data), writer, reader)


def main() -> None:
    manifest = json.loads(open(sys.argv[1], encoding="utf-8").read())
    results, values = {}, {}
    for case in manifest["cases"]:
        name = case["name"]
        try:
            writer = fastavro.parse_schema(json.loads(case["writer"]))
            reader = fastavro.parse_schema(json.loads(case["reader"]))
            resolved = read(bytes.fromhex(case["datum"]), writer, reader)
            direct = read(bytes.fromhex(case["transcoded"]), reader, None)
            results[name] = "equal" if resolved == direct else "different"
            values[name] = f"fastavro resolved {resolved!r}\ntidings transcoded {direct!r}"
        except Exception as err:  # noqa: BLE001  (every failure is reported, none stops the run)
            results[name] = f"error: {type(err).__name__}: {err}"
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        json.dump({"results": results, "values": values}, out, indent=2)


if __name__ == "__main__":
    main()
