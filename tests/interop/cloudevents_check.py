#!/usr/bin/env python3
"""Checks tidings' CloudEvents against the official Python SDK (`cloudevents`, its core API).

Driven by tests/tests/interop/cloudevents.rs, which writes a manifest and runs

    python cloudevents_check.py MANIFEST OUTPUT

Each case of the manifest holds the attributes tidings' envelope has (`attributes`: strings, the
time in RFC 3339), its data as JSON (`data`) and as the Avro datum (`avro`, hex), and what tidings
wrote: `json` (structured, JSON data), `json_avro` (structured, data_base64), `kafka_binary` and
`kafka_structured` (each `{"key", "headers", "value"}`, bytes as hex, key null when absent).

The SDK reads each of them and every attribute and the data must be what the case says. Then the
SDK writes the same event in the same four forms, reported in OUTPUT for the Rust test to decode:
`{"written": {case: {form: ...}}, "failures": [{case, form, message}]}`. The exit status is 1 if
there was any failure.
"""

import base64
import json
import sys
import traceback

from dateutil.parser import isoparse

from cloudevents.core.bindings import kafka
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent

FORMAT = JSONFormat()


def message(record):
    return kafka.KafkaMessage(
        headers={name: bytes.fromhex(value) for name, value in record["headers"].items()},
        key=None if record["key"] is None else bytes.fromhex(record["key"]),
        value=bytes.fromhex(record["value"]),
    )


def record(msg):
    key = msg.key.encode("utf-8") if isinstance(msg.key, str) else msg.key
    return {
        "key": None if key is None else key.hex(),
        "headers": {name: value.hex() for name, value in msg.headers.items()},
        "value": msg.value.hex(),
    }


def as_bytes(data):
    # The SDK hands binary data back as text when it happens to be valid UTF-8.
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def check_attributes(event, expected, form):
    got = event.get_attributes()
    for name, value in expected.items():
        if name == "time":
            if got.get("time") != isoparse(value):
                raise AssertionError(f"{form}: time {got.get('time')!r} != {value!r}")
        elif str(got.get(name)) != value:
            raise AssertionError(f"{form}: attribute {name} = {got.get(name)!r}, expected {value!r}")


def read_all(case):
    attributes = dict(case["attributes"])
    avro = bytes.fromhex(case["avro"])
    with_json = dict(attributes, datacontenttype="application/json")
    with_avro = dict(attributes, datacontenttype="application/avro", dataschema=case["dataschema"])

    event = FORMAT.read(None, case["json"].encode("utf-8"))
    check_attributes(event, with_json, "json")
    if event.get_data() != case["data"]:
        raise AssertionError(f"json: data {event.get_data()!r} != {case['data']!r}")

    event = FORMAT.read(None, case["json_avro"].encode("utf-8"))
    check_attributes(event, with_avro, "json_avro")
    if as_bytes(event.get_data()) != avro:
        raise AssertionError("json_avro: data_base64 does not hold the Avro datum")

    for form, read in [("kafka_binary", kafka.from_binary), ("kafka_structured", kafka.from_structured)]:
        event = read(message(case[form]), FORMAT)
        check_attributes(event, with_avro, form)
        if as_bytes(event.get_data()) != avro:
            raise AssertionError(f"{form}: the value does not hold the Avro datum")


def write_all(case):
    def attributes(**more):
        attrs = dict(case["attributes"], **more)
        attrs["time"] = isoparse(attrs["time"])
        return attrs

    avro = bytes.fromhex(case["avro"])
    json_event = CloudEvent(attributes(datacontenttype="application/json"), case["data"])
    avro_event = CloudEvent(
        attributes(datacontenttype="application/avro", dataschema=case["dataschema"]), avro
    )
    return {
        "json": FORMAT.write(json_event).decode("utf-8"),
        "json_avro": FORMAT.write(avro_event).decode("utf-8"),
        "kafka_binary": record(kafka.to_binary(avro_event, FORMAT)),
        "kafka_structured": record(kafka.to_structured(avro_event, FORMAT)),
    }


def main(manifest_path, output_path):
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    written, failures = {}, []
    for case in manifest["cases"]:
        for stage, run in [("read", read_all), ("write", write_all)]:
            try:
                result = run(case)
                if stage == "write":
                    written[case["name"]] = result
            except Exception as err:  # every failure is reported, not just the first
                failures.append({"case": case["name"], "stage": stage, "message": f"{err!r}"})
                traceback.print_exc()
    with open(output_path, "w", encoding="utf-8") as f:
        json.dump({"written": written, "failures": failures}, f)
    for failure in failures:
        print(f"FAILED {failure['case']} ({failure['stage']}): {failure['message']}")
    print(f"cloudevents: {len(manifest['cases'])} cases, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
