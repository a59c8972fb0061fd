#!/usr/bin/env python3
"""Checks tidings' Confluent wire format against Confluent's own Python serializer and
deserializer (`confluent-kafka`'s `AvroSerializer` / `AvroDeserializer`), both talking to the
registry the Rust test runs on 127.0.0.1, so both sides share its subjects and IDs.

Driven by tests/tests/interop/confluent.rs, which registers every schema, writes a manifest and
runs

    python confluent_check.py MANIFEST OUTPUT

The manifest holds `registry` (the URL) and `messages`, each `{"name", "subject", "schema", "id",
"guid", "framed", "expected"}`: the subject and `.avsc` text the schema is registered with, its ID
and GUID, the hex of the Confluent-framed message tidings wrote, and the value it holds in
check.py's convention (or null: then what the deserializer read is written back as it is).

For every message: `AvroDeserializer` reads the framed bytes, and the bare datum with the ID
(`0x00` + 4 bytes) or the GUID (`0x01` + 16 bytes) in a `__value_schema_id` header, to the
expected value; `AvroSerializer`, with the schema text and the subject, writes the expected value
framed, and with `header_schema_id_serializer` as the bare datum and a GUID header. OUTPUT is
JSON: `{"framed": {name: hex}, "headers": {name: [header hex, payload hex]}, "failures": [{name,
stage, message}]}`. Every failure is also printed; the exit status is 1 if there was any.
"""

import json
import os
import sys
import traceback
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import check  # noqa: E402  (the value convention and its walker)
import confluent_kafka  # noqa: E402
from confluent_kafka.schema_registry import SchemaRegistryClient, header_schema_id_serializer  # noqa: E402
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer  # noqa: E402
from confluent_kafka.serialization import MessageField, SerializationContext  # noqa: E402

TOPIC = "tidings-interop"
VALUE_SCHEMA_ID_HEADER = "__value_schema_id"


class ConfluentWalker(check.Walker):
    """check.py's walker for what `AvroDeserializer(return_record_name=True)` reads: a named
    branch of a union is `(full name, value)`, as with check.py's `return_named_type`, except
    where fastavro leaves an enum or fixed branch bare."""

    def __init__(self, names):
        super().__init__("fastavro", names)

    def compare_union(self, branches, ns, want, got, path, diffs):
        index, branch, value = self.union_branch(branches, ns, want, path)
        node = self.names.resolve(branches[index], ns)[0]
        record = isinstance(node, dict) and node.get("type") in ("record", "error")
        if isinstance(got, tuple):
            if got[0] != branch:
                diffs.append(f"{path}: expected branch {branch}, decoded branch {got[0]}")
                return
            got = got[1]
        elif record:
            diffs.append(f"{path}: expected branch {branch}, decoded {got!r} without a name")
            return
        self.compare(branches[index], ns, value, got, f"{path}<{branch}>", diffs)


def main():
    manifest_path, output_path = sys.argv[1], sys.argv[2]
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    client = SchemaRegistryClient({"url": manifest["registry"]})
    deserializer = AvroDeserializer(client, return_record_name=True)
    failures = []
    framed = {}
    headers = {}

    def fail(name, stage, message):
        failures.append({"name": name, "stage": stage, "message": message})

    for message in manifest["messages"]:
        name, subject = message["name"], message["subject"]
        schema = json.loads(message["schema"])
        walker = ConfluentWalker(check.Names(schema))
        expected = message["expected"]
        data = bytes.fromhex(message["framed"])
        readings = [("decode", data, SerializationContext(TOPIC, MessageField.VALUE))]
        # AvroDeserializer refuses a payload of 5 bytes or fewer before it looks at the headers,
        # so a short datum with its schema in a header does not read: a limit of confluent-kafka
        # (2.16), which the Java deserializer does not share.
        if len(data) - 5 > 5:
            for form, header in [
                ("ID", b"\x00" + message["id"].to_bytes(4, "big")),
                ("GUID", b"\x01" + uuid.UUID(message["guid"]).bytes),
            ]:
                header_ctx = SerializationContext(TOPIC, MessageField.VALUE, [(VALUE_SCHEMA_ID_HEADER, header)])
                readings.append((f"decode with the {form} in a header", data[5:], header_ctx))
        read = None
        for stage, payload, ctx in readings:
            try:
                read = deserializer(payload, ctx)
                if expected is not None:
                    diffs = []
                    walker.compare(schema, "", expected, read, "$", diffs)
                    if diffs:
                        fail(name, stage, "tidings' message reads as another value:\n  " + "\n  ".join(diffs))
            except Exception:
                fail(name, stage, f"tidings' message does not read:\n{traceback.format_exc()}")
        try:
            value = read if expected is None else walker.native(schema, "", expected, "$")
            serializer = AvroSerializer(
                client,
                message["schema"],
                conf={"subject.name.strategy": lambda ctx, record_name, subject=subject: subject},
            )
            framed[name] = serializer(value, SerializationContext(TOPIC, MessageField.VALUE)).hex()
            by_header = AvroSerializer(
                client,
                message["schema"],
                conf={
                    "subject.name.strategy": lambda ctx, record_name, subject=subject: subject,
                    "schema.id.serializer": header_schema_id_serializer,
                },
            )
            record_headers = []
            payload = by_header(value, SerializationContext(TOPIC, MessageField.VALUE, record_headers))
            ((header_name, header_value),) = record_headers
            if header_name != VALUE_SCHEMA_ID_HEADER:
                fail(name, "encode with a header", f"the header is {header_name!r}")
            headers[name] = [header_value.hex(), payload.hex()]
        except Exception:
            fail(name, "encode", f"the value does not encode:\n{traceback.format_exc()}")

    with open(output_path, "w", encoding="utf-8") as f:
        json.dump({"framed": framed, "headers": headers, "failures": failures}, f)
    for failure in failures:
        print(f"FAIL {failure['stage']} {failure['name']}: {failure['message']}")
    print(
        f"confluent-kafka {confluent_kafka.__version__}: {len(manifest['messages'])} messages, "
        f"{len(failures)} failures"
    )
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
