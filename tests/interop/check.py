#!/usr/bin/env python3
"""Checks tidings against the Python Avro implementations: Apache `avro` and `fastavro`.

Driven by tests/tests/interop.rs, which writes a manifest and runs

    python check.py MANIFEST OUTPUT

The manifest holds `schemas` (each `{"label", "text"}`: a name and the `.avsc` text) and `cases`
(each `{"name", "schema", "bytes", "expected"}`: the label of its schema, the hex of the datum
tidings wrote, and the value a human wrote down, in the convention below).

For every schema and library: the text parses, and its Parsing Canonical Form is computed and
reported (the Rust test checks that fastavro and avsc agree; `avro`'s is not the specification's). For every case and library: the Rust bytes decode to
exactly the expected value (all bytes read), and the expected value, encoded by the library, is
reported as hex for the Rust test to decode. OUTPUT is JSON: `{"encoded": {library: {case: hex}},
"canonical": {library: {label: form}}, "failures": [{library, case, stage, message}]}`, stage
being "schema", "decode" or "encode". Every failure is also printed; the exit status is 1 if there
was any.

The expected-value convention (the same in check.mjs), walked alongside the schema:

- null, boolean, string, int, long: the JSON value (longs may exceed 2^53).
- float, double: a JSON number, or "NaN", "Infinity", "-Infinity"; compared bit for bit, a float
  after rounding the written number to 32 bits.
- bytes, fixed: lowercase hex, "" for no bytes.
- enum: the symbol.  array: a JSON array.  map: a JSON object.
- record: a JSON object with exactly the record's fields.
- union: null for the null branch, otherwise `{"branch": value}` with the branch named as Avro's
  JSON encoding names it: the full name of a named type, else the type ("long", "array", ...).
- string with logicalType uuid: the lowercase hyphenated UUID.
- long with logicalType timestamp-micros / timestamp-millis: RFC 3339 in UTC,
  "2024-02-29T12:34:56.789012Z" (fraction optional, at most 3 digits for millis).
- bytes with logicalType decimal: the number with exactly `scale` digits after the point.
"""

import datetime
import decimal
import io
import json
import re
import struct
import sys
import traceback
import warnings

import avro
import avro.io
import avro.schema
import fastavro
import fastavro.schema

PRIMITIVES = {"null", "boolean", "int", "long", "float", "double", "bytes", "string"}
NAMED = {"record", "error", "enum", "fixed"}
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
ONE_MICRO = datetime.timedelta(microseconds=1)
MAX_DIFFS = 20
RFC3339 = re.compile(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?Z$")
DECIMAL = re.compile(r"^-?\d+(?:\.(\d+))?$")


class ManifestError(Exception):
    """The expected value does not follow the convention for its schema."""


class Branch:
    """A union value with its branch index, so that neither reading nor writing guesses it."""

    def __init__(self, index, value):
        self.index = index
        self.value = value

    def __repr__(self):
        return f"Branch({self.index}, {self.value!r})"


class BranchWriter(avro.io.DatumWriter):
    """`avro`'s writer, writing the branch a `Branch` names instead of guessing one.

    `avro` picks the last branch the value validates against, which for records with the same
    fields (or none) is not the one meant; the value is checked against the schema while walked.
    """

    def write(self, datum, encoder):
        self.write_data(self.writers_schema, datum, encoder)

    def write_union(self, writers_schema, datum, encoder):
        if not isinstance(datum, Branch):
            raise ManifestError(f"union value without a branch: {datum!r}")
        encoder.write_long(datum.index)
        self.write_data(writers_schema.schemas[datum.index], datum.value, encoder)


class BranchReader(avro.io.DatumReader):
    """`avro`'s reader, returning union values as `Branch` so the branch read can be checked."""

    def read_union(self, writers_schema, readers_schema, decoder):
        index = int(decoder.read_long())
        if not 0 <= index < len(writers_schema.schemas):
            raise ValueError(f"union branch {index} of {len(writers_schema.schemas)}")
        branch = writers_schema.schemas[index]
        return Branch(index, self.read_data(branch, branch, decoder))


def full_name(name, namespace):
    """The full name of a named type and the namespace its own references resolve in."""
    if "." in name:
        return name, name.rsplit(".", 1)[0]
    if namespace:
        return f"{namespace}.{name}", namespace
    return name, ""


class Names:
    """The named types one schema defines, to follow references by name."""

    def __init__(self, schema):
        self.types = {}
        self._index(schema, "")

    def _index(self, s, ns):
        if isinstance(s, list):
            for branch in s:
                self._index(branch, ns)
        elif isinstance(s, dict):
            kind = s["type"]
            if isinstance(kind, (dict, list)):
                self._index(kind, ns)
            elif kind in NAMED:
                name, own = full_name(s["name"], s.get("namespace", ns))
                self.types[name] = (s, own)
                for field in s.get("fields", []):
                    self._index(field["type"], own)
            elif kind == "array":
                self._index(s["items"], ns)
            elif kind == "map":
                self._index(s["values"], ns)

    def resolve(self, s, ns):
        """`(node, namespace, full name or None)`, references followed; a union is a list."""
        while True:
            if isinstance(s, list):
                return s, ns, None
            if isinstance(s, str):
                if s in PRIMITIVES:
                    return {"type": s}, ns, None
                name = s if "." in s or not ns else f"{ns}.{s}"
                if name not in self.types:
                    name = s
                s, ns = self.types[name]
                return s, ns, name
            kind = s["type"]
            if isinstance(kind, (dict, list)) or (
                kind not in PRIMITIVES and kind not in NAMED and kind not in ("array", "map")
            ):
                s = kind
                continue
            if kind in NAMED:
                name, own = full_name(s["name"], s.get("namespace", ns))
                return s, own, name
            return s, ns, None

    def branch_name(self, s, ns):
        node, _, name = self.resolve(s, ns)
        return name or node["type"]


def float_value(v, path):
    if isinstance(v, str):
        special = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}
        if v not in special:
            raise ManifestError(f"{path}: {v!r} is not a number")
        return special[v]
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise ManifestError(f"{path}: {v!r} is not a number")
    return float(v)


def to_f32(v, path):
    try:
        return struct.unpack("<f", struct.pack("<f", v))[0]
    except OverflowError as e:
        raise ManifestError(f"{path}: {v!r} does not fit a float") from e


def bits(v):
    return struct.pack(">d", v).hex()


def parse_timestamp(v, unit, path):
    m = RFC3339.match(v) if isinstance(v, str) else None
    if not m:
        raise ManifestError(f"{path}: {v!r} is not an RFC 3339 UTC timestamp")
    fraction = m.group(7) or ""
    if unit == "millis" and len(fraction) > 3:
        raise ManifestError(f"{path}: {v!r} has more than millisecond precision")
    y, mo, d, h, mi, s = (int(g) for g in m.groups()[:6])
    micros = int(fraction.ljust(6, "0"))
    return datetime.datetime(y, mo, d, h, mi, s, micros, tzinfo=datetime.timezone.utc)


def micros_since_epoch(t):
    return (t - EPOCH) // ONE_MICRO


def parse_decimal(v, scale, path):
    m = DECIMAL.match(v) if isinstance(v, str) else None
    if not m or len(m.group(1) or "") != scale:
        raise ManifestError(f"{path}: {v!r} is not a decimal with {scale} digits after the point")
    return decimal.Decimal(v)


def parse_hex(v, path, size=None):
    try:
        raw = bytes.fromhex(v)
    except (TypeError, ValueError) as e:
        raise ManifestError(f"{path}: {v!r} is not lowercase hex") from e
    if raw.hex() != v:
        raise ManifestError(f"{path}: {v!r} is not lowercase hex")
    if size is not None and len(raw) != size:
        raise ManifestError(f"{path}: {len(raw)} bytes for a fixed of size {size}")
    return raw


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


class Walker:
    """Converts expected values to a library's values and compares what it decoded with them."""

    def __init__(self, library, names):
        self.library = library
        self.names = names

    # Expected value -> what the library writes.

    def native(self, s, ns, v, path):
        node, ns, name = self.names.resolve(s, ns)
        if isinstance(node, list):
            return self.native_union(node, ns, v, path)
        kind = node["type"]
        logical = node.get("logicalType")
        if kind == "null":
            if v is not None:
                raise ManifestError(f"{path}: {v!r} for null")
            return None
        if kind == "boolean":
            if not isinstance(v, bool):
                raise ManifestError(f"{path}: {v!r} is not a boolean")
            return v
        if kind in ("int", "long"):
            if kind == "long" and logical in ("timestamp-micros", "timestamp-millis"):
                return parse_timestamp(v, logical[len("timestamp-") :], path)
            if not is_int(v):
                raise ManifestError(f"{path}: {v!r} is not an integer")
            bound = 1 << (31 if kind == "int" else 63)
            if not -bound <= v < bound:
                raise ManifestError(f"{path}: {v} does not fit an {kind}")
            return v
        if kind == "float":
            return to_f32(float_value(v, path), path)
        if kind == "double":
            return float_value(v, path)
        if kind == "string":
            if not isinstance(v, str):
                raise ManifestError(f"{path}: {v!r} is not a string")
            return v
        if kind == "bytes":
            if logical == "decimal":
                return parse_decimal(v, node.get("scale", 0), path)
            return parse_hex(v, path)
        if kind == "fixed":
            return parse_hex(v, path, node["size"])
        if kind == "enum":
            if v not in node["symbols"]:
                raise ManifestError(f"{path}: {v!r} is not a symbol of {name}")
            return v
        if kind == "array":
            if not isinstance(v, list):
                raise ManifestError(f"{path}: {v!r} is not an array")
            return [self.native(node["items"], ns, x, f"{path}[{i}]") for i, x in enumerate(v)]
        if kind == "map":
            if not isinstance(v, dict):
                raise ManifestError(f"{path}: {v!r} is not a map")
            return {k: self.native(node["values"], ns, x, f"{path}[{k!r}]") for k, x in v.items()}
        if kind in ("record", "error"):
            fields = [f["name"] for f in node["fields"]]
            if not isinstance(v, dict) or sorted(v) != sorted(fields):
                raise ManifestError(f"{path}: {v!r} does not have exactly the fields {fields}")
            return {
                f["name"]: self.native(f["type"], ns, v[f["name"]], f"{path}.{f['name']}")
                for f in node["fields"]
            }
        raise ManifestError(f"{path}: unknown schema {node!r}")

    def union_branch(self, branches, ns, v, path):
        """The index, name and value of the branch an expected union value names."""
        names = [self.names.branch_name(b, ns) for b in branches]
        if v is None:
            if "null" not in names:
                raise ManifestError(f"{path}: null for a union without null {names}")
            return names.index("null"), "null", None
        if not isinstance(v, dict) or len(v) != 1:
            raise ManifestError(f'{path}: {v!r} is not null or {{"branch": value}}')
        ((branch, value),) = v.items()
        if branch not in names or branch == "null":
            raise ManifestError(f"{path}: {branch!r} is not a branch of {names}")
        return names.index(branch), branch, value

    def native_union(self, branches, ns, v, path):
        index, branch, value = self.union_branch(branches, ns, v, path)
        value = self.native(branches[index], ns, value, f"{path}<{branch}>")
        if self.library == "avro":
            return Branch(index, value)
        # fastavro's tuple notation names the branch to write.
        return None if value is None else (branch, value)

    # What the library read <-> expected value.

    def compare(self, s, ns, want, got, path, diffs):
        if len(diffs) >= MAX_DIFFS:
            return
        node, ns, name = self.names.resolve(s, ns)
        if isinstance(node, list):
            self.compare_union(node, ns, want, got, path, diffs)
            return

        def differ(detail=""):
            diffs.append(f"{path}: expected {want!r}, decoded {got!r}{detail}")

        kind = node["type"]
        logical = node.get("logicalType")
        if kind == "null":
            if got is not None:
                differ()
        elif kind == "boolean":
            if not isinstance(got, bool) or got != want:
                differ()
        elif kind == "long" and logical in ("timestamp-micros", "timestamp-millis"):
            want_t = parse_timestamp(want, logical[len("timestamp-") :], path)
            if not isinstance(got, datetime.datetime) or got.utcoffset() != datetime.timedelta(0):
                differ(" (not a UTC datetime)")
            elif micros_since_epoch(got) != micros_since_epoch(want_t):
                differ(f" ({micros_since_epoch(got)} µs, expected {micros_since_epoch(want_t)} µs)")
        elif kind in ("int", "long"):
            if not is_int(got) or got != want:
                differ()
        elif kind in ("float", "double"):
            expected = float_value(want, path)
            if kind == "float":
                expected = to_f32(expected, path)
            if not isinstance(got, float) or bits(got) != bits(expected):
                got_bits = bits(got) if isinstance(got, float) else "-"
                differ(f" (bits {got_bits}, expected {bits(expected)})")
        elif kind == "string" and logical == "uuid":
            text = str(got) if type(got).__name__ == "UUID" else got
            if not isinstance(text, str) or text != want:
                differ()
        elif kind == "string":
            if not isinstance(got, str) or got != want:
                differ(f" (code points {[hex(ord(c)) for c in got]})" if isinstance(got, str) else "")
        elif kind == "bytes" and logical == "decimal":
            expected = parse_decimal(want, node.get("scale", 0), path)
            if not isinstance(got, decimal.Decimal) or got != expected:
                differ()
        elif kind in ("bytes", "fixed"):
            if not isinstance(got, bytes) or got.hex() != want:
                differ(f" (hex {got.hex()})" if isinstance(got, bytes) else "")
        elif kind == "enum":
            if got != want:
                differ()
        elif kind == "array":
            if not isinstance(got, list):
                differ(" (not a list)")
                return
            if len(got) != len(want):
                diffs.append(f"{path}: expected {len(want)} items, decoded {len(got)}")
            for i, (w, g) in enumerate(zip(want, got)):
                self.compare(node["items"], ns, w, g, f"{path}[{i}]", diffs)
        elif kind == "map":
            if not isinstance(got, dict):
                differ(" (not a dict)")
                return
            if sorted(got) != sorted(want):
                diffs.append(f"{path}: expected keys {sorted(want)}, decoded {sorted(got)}")
            for k in sorted(set(want) & set(got)):
                self.compare(node["values"], ns, want[k], got[k], f"{path}[{k!r}]", diffs)
        elif kind in ("record", "error"):
            if not isinstance(got, dict):
                differ(" (not a dict)")
                return
            fields = [f["name"] for f in node["fields"]]
            if sorted(got) != sorted(fields):
                diffs.append(f"{path}: decoded fields {sorted(got)}, the schema has {fields}")
            for f in node["fields"]:
                key = f["name"]
                self.compare(f["type"], ns, want.get(key), got.get(key), f"{path}.{key}", diffs)
        else:
            diffs.append(f"{path}: unknown schema {node!r}")

    def compare_union(self, branches, ns, want, got, path, diffs):
        index, branch, value = self.union_branch(branches, ns, want, path)
        names = [self.names.branch_name(b, ns) for b in branches]
        if self.library == "avro":
            if not isinstance(got, Branch):
                diffs.append(f"{path}: expected branch {branch}, decoded {got!r} without a branch")
                return
            if got.index != index:
                diffs.append(f"{path}: expected branch {branch}, decoded branch {names[got.index]}")
                return
            got = got.value
        else:
            # fastavro with return_named_type: a named branch is (full name, value); any other
            # branch is the bare value, checked against the expected branch's schema.
            named = self.names.resolve(branches[index], ns)[2] is not None
            if isinstance(got, tuple):
                if not named or got[0] != branch:
                    diffs.append(f"{path}: expected branch {branch}, decoded branch {got[0]}")
                    return
                got = got[1]
            elif named:
                diffs.append(f"{path}: expected branch {branch}, decoded {got!r} without a name")
                return
        self.compare(branches[index], ns, value, got, f"{path}<{branch}>", diffs)


class Library:
    """One Python Avro implementation: parse, decode, encode."""

    def __init__(self, name):
        self.name = name
        self.parsed = {}

    def parse(self, text):
        if self.name == "avro":
            return avro.schema.parse(text)
        return fastavro.parse_schema(json.loads(text))

    def canonical(self, text):
        """The Parsing Canonical Form, or None where it is not the specification's."""
        if self.name == "avro":
            # Computed, so that it must not fail, but not reported: avro 1.12 writes a primitive
            # with a logical type as {"type": "long"} instead of "long", and defines a fixed again
            # where it is referenced by name (a form that then does not parse).
            avro.schema.parse(text).canonical_form
            return None
        return fastavro.schema.to_parsing_canonical_form(json.loads(text))

    def decode(self, parsed, data):
        buf = io.BytesIO(data)
        if self.name == "avro":
            value = BranchReader(parsed).read(avro.io.BinaryDecoder(buf))
        else:
            value = fastavro.schemaless_reader(buf, parsed, None, return_named_type=True)
        if buf.tell() != len(data):
            raise ValueError(f"read {buf.tell()} of {len(data)} bytes")
        return value

    def encode(self, parsed, value):
        buf = io.BytesIO()
        if self.name == "avro":
            BranchWriter(parsed).write(value, avro.io.BinaryEncoder(buf))
        else:
            fastavro.schemaless_writer(buf, parsed, value)
        return buf.getvalue()


def main():
    manifest_path, output_path = sys.argv[1], sys.argv[2]
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    # A library quietly falling back (a logical type ignored, say) is a failure here.
    warnings.simplefilter("error")
    failures = []
    encoded = {}
    canonical = {}

    def fail(library, case, stage, message):
        failures.append({"library": library, "case": case, "stage": stage, "message": message})

    libraries = [Library("avro"), Library("fastavro")]
    schemas = {s["label"]: s for s in manifest["schemas"]}
    for lib in libraries:
        for label, entry in schemas.items():
            try:
                lib.parsed[label] = lib.parse(entry["text"])
                form = lib.canonical(entry["text"])
                if form is not None:
                    canonical.setdefault(lib.name, {})[label] = form
            except Exception:
                fail(lib.name, label, "schema", f"does not parse:\n{traceback.format_exc()}")

    for lib in libraries:
        out = encoded.setdefault(lib.name, {})
        for case in manifest["cases"]:
            name, label = case["name"], case["schema"]
            if label not in lib.parsed:
                fail(lib.name, name, "decode", f"schema {label} did not parse")
                continue
            schema = json.loads(schemas[label]["text"])
            walker = Walker(lib.name, Names(schema))
            try:
                value = lib.decode(lib.parsed[label], bytes.fromhex(case["bytes"]))
                diffs = []
                walker.compare(schema, "", case["expected"], value, "$", diffs)
                if diffs:
                    fail(lib.name, name, "decode", "the Rust bytes decode to a different value:\n  " + "\n  ".join(diffs))
            except ManifestError as e:
                fail(lib.name, name, "decode", f"the expected value does not follow the convention: {e}")
            except Exception:
                fail(lib.name, name, "decode", f"the Rust bytes do not decode:\n{traceback.format_exc()}")
            try:
                native = walker.native(schema, "", case["expected"], "$")
                out[name] = lib.encode(lib.parsed[label], native).hex()
            except ManifestError as e:
                fail(lib.name, name, "encode", f"the expected value does not follow the convention: {e}")
            except Exception:
                fail(lib.name, name, "encode", f"the expected value does not encode:\n{traceback.format_exc()}")

    with open(output_path, "w", encoding="utf-8") as f:
        json.dump({"encoded": encoded, "canonical": canonical, "failures": failures}, f)
    for failure in failures:
        print(f"FAIL [{failure['library']}] {failure['stage']} {failure['case']}: {failure['message']}")
    cases = len(manifest["cases"])
    print(f"python avro {avro.__version__}, fastavro {fastavro.__version__}: {len(schemas)} schemas, {cases} cases, {len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
