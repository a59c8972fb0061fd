//! One test per resolution rule: the transcoded bytes must be exactly what apache-avro writes
#![allow(deprecated)] // `to_avro_datum`: the simplest writer apache-avro has for one datum
//! for the value the rule says the reader sees.

use super::*;
use crate::codec::DecodeErrorKind;
use apache_avro::to_avro_datum;
use apache_avro::types::Value as Avro;
use plan::Step;
use serde_json::{Value, json};
use std::collections::HashMap;

fn schema(json: Value) -> Schema {
    Schema::parse(&json).unwrap()
}

fn record(fields: &[(&str, Avro)]) -> Avro {
    Avro::Record(
        fields
            .iter()
            .map(|(n, v)| (n.to_string(), v.clone()))
            .collect(),
    )
}

/// Transcodes `written` (a value of `writer`) and checks the result is `expected` in `reader`.
fn resolves(writer: Value, reader: Value, written: Avro, expected: Avro) -> Plan {
    let (writer, reader) = (schema(writer), schema(reader));
    let bytes = to_avro_datum(&writer, written).unwrap();
    let plan = Plan::new(&writer, &reader).unwrap();
    let mut out = vec![0xAA]; // appends: what was there stays
    plan.transcode(&bytes, &mut out).unwrap();
    let mut want = vec![0xAA];
    want.extend(to_avro_datum(&reader, expected).unwrap());
    assert_eq!(out, want, "{plan:?}");
    plan
}

fn transcode_error(writer: Value, reader: Value, written: Avro) -> DecodeError {
    let (writer, reader) = (schema(writer), schema(reader));
    let bytes = to_avro_datum(&writer, written).unwrap();
    let mut out = vec![1, 2];
    let error = Plan::new(&writer, &reader)
        .unwrap()
        .transcode(&bytes, &mut out)
        .unwrap_err();
    assert_eq!(
        out,
        [1, 2],
        "a failed transcode leaves the buffer as it was"
    );
    error
}

fn plan_error(writer: Value, reader: Value) -> PlanError {
    Plan::new(&schema(writer), &schema(reader)).unwrap_err()
}

fn order(fields: Value) -> Value {
    json!({"type": "record", "name": "com.acme.Order", "fields": fields})
}

#[test]
fn equal_schemas_are_an_identity_even_with_other_docs_and_defaults() {
    let writer = order(json!([{"name": "id", "type": "string"}, {"name": "n", "type": "int"}]));
    let reader = order(json!([
        {"name": "id", "type": {"type": "string", "logicalType": "uuid"}, "doc": "new"},
        {"name": "n", "type": "int", "default": 0}]));
    let value = record(&[("id", Avro::String("a".into())), ("n", Avro::Int(3))]);
    let plan = resolves(writer.clone(), writer, value.clone(), value.clone());
    assert!(plan.is_identity());
    let plan = Plan::new(
        &schema(order(
            json!([{"name": "id", "type": "string"}, {"name": "n", "type": "int"}]),
        )),
        &schema(reader),
    )
    .unwrap();
    assert!(plan.is_identity());
}

#[test]
fn missing_fields_take_the_readers_default_where_the_reader_has_them() {
    let writer = order(json!([{"name": "id", "type": "string"}, {"name": "n", "type": "int"}]));
    let reader = order(json!([
        {"name": "first", "type": "long", "default": 7},
        {"name": "id", "type": "string"},
        {"name": "note", "type": ["null", "string"], "default": null},
        {"name": "n", "type": "int"},
        {"name": "tags", "type": {"type": "array", "items": "string"}, "default": ["x"]}]));
    let plan = resolves(
        writer,
        reader,
        record(&[("id", Avro::String("a".into())), ("n", Avro::Int(3))]),
        record(&[
            ("first", Avro::Long(7)),
            ("id", Avro::String("a".into())),
            ("note", Avro::Union(0, Box::new(Avro::Null))),
            ("n", Avro::Int(3)),
            ("tags", Avro::Array(vec![Avro::String("x".into())])),
        ]),
    );
    assert!(!plan.is_identity());
}

#[test]
fn writer_fields_the_reader_lacks_are_skipped() {
    let writer = order(json!([
        {"name": "gone", "type": {"type": "map", "values": {"type": "array", "items": "double"}}},
        {"name": "id", "type": "string"},
        {"name": "old", "type": ["null", "string", {"type": "fixed", "name": "F", "size": 3}]},
        {"name": "n", "type": "int"}]));
    let reader = order(json!([{"name": "id", "type": "string"}, {"name": "n", "type": "int"}]));
    let gone = Avro::Map(HashMap::from([(
        "k".to_owned(),
        Avro::Array(vec![Avro::Double(1.5), Avro::Double(2.5)]),
    )]));
    resolves(
        writer,
        reader,
        record(&[
            ("gone", gone),
            ("id", Avro::String("a".into())),
            (
                "old",
                Avro::Union(2, Box::new(Avro::Fixed(3, vec![1, 2, 3]))),
            ),
            ("n", Avro::Int(-9)),
        ]),
        record(&[("id", Avro::String("a".into())), ("n", Avro::Int(-9))]),
    );
}

#[test]
fn reordered_fields_are_emitted_in_the_readers_order() {
    let writer = order(json!([
        {"name": "a", "type": "string"}, {"name": "b", "type": "int"},
        {"name": "c", "type": "boolean"}, {"name": "d", "type": "long"}]));
    let reader = order(json!([
        {"name": "d", "type": "double"}, {"name": "new", "type": "string", "default": "z"},
        {"name": "b", "type": "long"}, {"name": "a", "type": "string"}]));
    resolves(
        writer,
        reader,
        record(&[
            ("a", Avro::String("x".into())),
            ("b", Avro::Int(300)),
            ("c", Avro::Boolean(true)),
            ("d", Avro::Long(-5)),
        ]),
        record(&[
            ("d", Avro::Double(-5.0)),
            ("new", Avro::String("z".into())),
            ("b", Avro::Long(300)),
            ("a", Avro::String("x".into())),
        ]),
    );
}

#[test]
fn numbers_promote_and_strings_and_bytes_interchange() {
    let cases = [
        ("int", "long", Avro::Int(-70000), Avro::Long(-70000)),
        (
            "int",
            "float",
            Avro::Int(16_777_217),
            Avro::Float(16_777_216.0),
        ),
        (
            "int",
            "double",
            Avro::Int(i32::MIN),
            Avro::Double(f64::from(i32::MIN)),
        ),
        (
            "long",
            "float",
            Avro::Long(1 << 40),
            Avro::Float((1u64 << 40) as f32),
        ),
        (
            "long",
            "double",
            Avro::Long(i64::MAX),
            Avro::Double(i64::MAX as f64),
        ),
        (
            "float",
            "double",
            Avro::Float(0.1),
            Avro::Double(f64::from(0.1f32)),
        ),
        (
            "string",
            "bytes",
            Avro::String("é".into()),
            Avro::Bytes("é".into()),
        ),
        (
            "bytes",
            "string",
            Avro::Bytes(b"ok".to_vec()),
            Avro::String("ok".into()),
        ),
    ];
    for (writer, reader, written, expected) in cases {
        resolves(json!(writer), json!(reader), written, expected);
    }
    assert_eq!(
        plan_error(json!("long"), json!("int")).kind(),
        &PlanErrorKind::TypeMismatch {
            writer: "long",
            reader: "int"
        }
    );
}

#[test]
fn an_int_read_as_a_long_must_fit_32_bits() {
    // A varint past 32 bits is not an `int`, even though it is a valid `long`.
    let mut bytes = Vec::new();
    crate::codec::write_long(1 << 40, &mut bytes);
    let plan = Plan::new(&Schema::Int, &Schema::Long).unwrap();
    let error = plan.transcode(&bytes, &mut Vec::new()).unwrap_err();
    assert!(matches!(
        error.kind(),
        DecodeErrorKind::IntegerOutOfRange { .. }
    ));
}

fn color(symbols: &[&str], default: Option<&str>) -> Value {
    let mut enumeration = json!({"type": "enum", "name": "com.acme.Color", "symbols": symbols});
    if let Some(default) = default {
        enumeration["default"] = json!(default);
    }
    enumeration
}

#[test]
fn enum_symbols_are_matched_by_name_and_unknown_ones_take_the_default() {
    let writer = color(&["RED", "GREEN", "BLUE", "PINK"], None);
    let reader = color(&["UNKNOWN", "BLUE", "RED"], Some("UNKNOWN"));
    let read = |index: u32, symbol: &str| Avro::Enum(index, symbol.into());
    resolves(
        writer.clone(),
        reader.clone(),
        read(0, "RED"),
        read(2, "RED"),
    );
    resolves(
        writer.clone(),
        reader.clone(),
        read(2, "BLUE"),
        read(1, "BLUE"),
    );
    resolves(writer.clone(), reader, read(3, "PINK"), read(0, "UNKNOWN"));

    let without_default = color(&["RED", "BLUE"], None);
    resolves(
        writer.clone(),
        without_default.clone(),
        read(2, "BLUE"),
        read(1, "BLUE"),
    );
    let error = transcode_error(writer, without_default, read(1, "GREEN"));
    assert_eq!(
        error.kind(),
        &DecodeErrorKind::UnknownEnumSymbol {
            symbol: "GREEN".into(),
            name: "com.acme.Color".into()
        }
    );
    assert_eq!(error.offset(), 0);
}

#[test]
fn a_reader_union_takes_the_first_branch_of_the_writers_type() {
    let reader = json!(["null", "long", "string", "int"]);
    // An exact match comes before a promotion, wherever it is in the union.
    resolves(
        json!("int"),
        reader.clone(),
        Avro::Int(5),
        Avro::Union(3, Box::new(Avro::Int(5))),
    );
    resolves(
        json!("string"),
        reader.clone(),
        Avro::String("s".into()),
        Avro::Union(2, Box::new(Avro::String("s".into()))),
    );
    // No `double` branch: a float promotes to none of them.
    assert_eq!(
        plan_error(json!("float"), reader).kind(),
        &PlanErrorKind::TypeMismatch {
            writer: "float",
            reader: "union"
        }
    );
    resolves(
        json!("int"),
        json!(["null", "double"]),
        Avro::Int(2),
        Avro::Union(1, Box::new(Avro::Double(2.0))),
    );
}

#[test]
fn a_writer_union_resolves_the_branch_it_wrote() {
    let writer = json!(["null", "string", "int"]);
    // Into another union: branches re-indexed, promoted where needed.
    let reader = json!(["long", "null", "string"]);
    resolves(
        writer.clone(),
        reader.clone(),
        Avro::Union(0, Box::new(Avro::Null)),
        Avro::Union(1, Box::new(Avro::Null)),
    );
    resolves(
        writer.clone(),
        reader.clone(),
        Avro::Union(2, Box::new(Avro::Int(4))),
        Avro::Union(0, Box::new(Avro::Long(4))),
    );
    // Into a single type: the branches of that type read, the others are errors when written.
    resolves(
        writer.clone(),
        json!("string"),
        Avro::Union(1, Box::new(Avro::String("x".into()))),
        Avro::String("x".into()),
    );
    let error = transcode_error(
        writer.clone(),
        json!("string"),
        Avro::Union(2, Box::new(Avro::Int(1))),
    );
    assert_eq!(
        error.kind(),
        &DecodeErrorKind::UnreadableUnionBranch {
            index: 2,
            branch: "int".into()
        }
    );
    // The same union with its branches in the same order is a copy.
    let plan = resolves(
        writer.clone(),
        writer,
        Avro::Union(1, Box::new(Avro::String("y".into()))),
        Avro::Union(1, Box::new(Avro::String("y".into()))),
    );
    assert!(plan.is_identity());
}

#[test]
fn renames_go_through_the_readers_aliases() {
    let writer = json!({"type": "record", "name": "old.Order", "fields": [
        {"name": "total", "type": "int"},
        {"name": "state", "type": {"type": "enum", "name": "old.State", "symbols": ["A", "B"]}}]});
    let reader = json!({"type": "record", "name": "new.Purchase", "aliases": ["old.Order"], "fields": [
        {"name": "amount", "type": "long", "aliases": ["total"]},
        {"name": "status", "aliases": ["state"], "type": {"type": "enum", "name": "Status",
            "aliases": ["old.State"], "symbols": ["B", "A"]}}]});
    resolves(
        writer.clone(),
        reader,
        record(&[
            ("total", Avro::Int(9)),
            ("state", Avro::Enum(1, "B".into())),
        ]),
        record(&[
            ("amount", Avro::Long(9)),
            ("status", Avro::Enum(0, "B".into())),
        ]),
    );
    // Without the alias, the names must match.
    let unaliased = json!({"type": "record", "name": "new.Purchase", "fields": []});
    assert_eq!(
        plan_error(writer, unaliased).kind(),
        &PlanErrorKind::NameMismatch {
            writer: "old.Order".into(),
            reader: "new.Purchase".into()
        }
    );
}

fn line(extra: Value) -> Value {
    let mut fields = vec![
        json!({"name": "sku", "type": "string"}),
        json!({"name": "qty", "type": "int"}),
    ];
    fields.extend(extra.as_array().cloned().unwrap_or_default());
    json!({"type": "record", "name": "com.acme.Line", "fields": fields})
}

#[test]
fn arrays_and_maps_of_changed_records_are_resolved_item_by_item() {
    let writer = order(json!([
        {"name": "lines", "type": {"type": "array", "items": line(json!([]))}},
        {"name": "by_sku", "type": {"type": "map", "values": "com.acme.Line"}}]));
    let reader = order(json!([
        {"name": "lines", "type": {"type": "array", "items": line(json!([{"name": "unit", "type": "string", "default": "pcs"}]))}},
        {"name": "by_sku", "type": {"type": "map", "values": "com.acme.Line"}}]));
    let old =
        |sku: &str, qty| record(&[("sku", Avro::String(sku.into())), ("qty", Avro::Int(qty))]);
    let new = |sku: &str, qty| {
        record(&[
            ("sku", Avro::String(sku.into())),
            ("qty", Avro::Int(qty)),
            ("unit", Avro::String("pcs".into())),
        ])
    };
    resolves(
        writer,
        reader,
        record(&[
            ("lines", Avro::Array(vec![old("a", 1), old("b", 2)])),
            (
                "by_sku",
                Avro::Map(HashMap::from([("a".to_owned(), old("a", 1))])),
            ),
        ]),
        record(&[
            ("lines", Avro::Array(vec![new("a", 1), new("b", 2)])),
            (
                "by_sku",
                Avro::Map(HashMap::from([("a".to_owned(), new("a", 1))])),
            ),
        ]),
    );
}

#[test]
fn sized_blocks_are_read_and_written_again_without_sizes() {
    let writer = schema(json!({"type": "array", "items": "int"}));
    let reader = schema(json!({"type": "array", "items": "long"}));
    // -2 items in 2 bytes (1, 2), then 1 item (3), then the end.
    let bytes = [0x03, 0x04, 0x02, 0x04, 0x02, 0x06, 0x00];
    let mut out = Vec::new();
    Plan::new(&writer, &reader)
        .unwrap()
        .transcode(&bytes, &mut out)
        .unwrap();
    assert_eq!(out, [0x04, 0x02, 0x04, 0x02, 0x06, 0x00]);
    // A size that the items do not fill is an error where the block starts.
    let bytes = [0x03, 0x06, 0x02, 0x04, 0x00];
    let error = Plan::new(&writer, &reader)
        .unwrap()
        .transcode(&bytes, &mut out)
        .unwrap_err();
    assert!(matches!(
        error.kind(),
        DecodeErrorKind::BlockSizeMismatch { .. }
    ));
}

#[test]
fn recursive_types_resolve_at_every_level() {
    let list = |extra: Value| {
        let mut fields = vec![
            json!({"name": "value", "type": "int"}),
            json!({"name": "next", "type": ["null", "Node"]}),
        ];
        fields.extend(extra.as_array().cloned().unwrap_or_default());
        json!({"type": "record", "name": "Node", "fields": fields})
    };
    let writer = list(json!([]));
    let reader = list(json!([{"name": "seen", "type": "boolean", "default": false}]));
    let node = |value, next: Option<Avro>, reader: bool| {
        let next = match next {
            None => Avro::Union(0, Box::new(Avro::Null)),
            Some(next) => Avro::Union(1, Box::new(next)),
        };
        let mut fields = vec![("value", Avro::Int(value)), ("next", next)];
        if reader {
            fields.push(("seen", Avro::Boolean(false)));
        }
        record(&fields)
    };
    resolves(
        writer,
        reader,
        node(1, Some(node(2, None, false)), false),
        node(1, Some(node(2, None, true)), true),
    );
}

#[test]
fn incompatible_schemas_are_plan_errors_naming_the_reader_path() {
    let writer =
        order(json!([{"name": "lines", "type": {"type": "array", "items": line(json!([]))}}]));
    let reader = order(
        json!([{"name": "lines", "type": {"type": "array", "items": line(json!([{"name": "unit", "type": "string"}]))}}]),
    );
    let error = plan_error(writer.clone(), reader);
    assert_eq!(error.path(), "lines[].unit");
    assert_eq!(
        error.kind(),
        &PlanErrorKind::MissingDefault {
            field: "unit".into()
        }
    );
    assert_eq!(
        error.to_string(),
        "cannot resolve the writer's schema at `lines[].unit`: the writer has no field `unit` (or an \
         alias of it) and the reader gives no default"
    );
    let reader = order(
        json!([{"name": "lines", "type": {"type": "array", "items": {"type": "record",
        "name": "com.acme.Line", "fields": [{"name": "sku", "type": "int"}]}}}]),
    );
    assert_eq!(plan_error(writer, reader).path(), "lines[].sku");
    let fixed = |size| json!({"type": "fixed", "name": "F", "size": size});
    assert_eq!(
        plan_error(fixed(4), fixed(8)).kind(),
        &PlanErrorKind::FixedSizeMismatch {
            writer: 4,
            reader: 8
        }
    );
}

#[test]
fn a_default_that_does_not_fit_is_a_plan_error() {
    // apache-avro checks defaults when parsing; built by hand, a schema can still carry one.
    let writer = schema(order(json!([])));
    let mut reader = schema(order(json!([{"name": "n", "type": "int", "default": 1}])));
    let Schema::Record(record) = &mut reader else {
        unreachable!()
    };
    record.fields[0].default = Some(json!("one"));
    let error = Plan::new(&writer, &reader).unwrap_err();
    assert!(
        matches!(error.kind(), PlanErrorKind::InvalidDefault { field, .. } if field == "com.acme.Order.n")
    );
}

#[test]
fn truncated_and_padded_data_are_errors_at_their_offsets() {
    let writer = order(json!([{"name": "id", "type": "string"}, {"name": "n", "type": "int"}]));
    let reader = order(json!([{"name": "n", "type": "long"}, {"name": "id", "type": "string"}]));
    let (writer, reader) = (schema(writer), schema(reader));
    let bytes = to_avro_datum(
        &writer,
        record(&[("id", Avro::String("abc".into())), ("n", Avro::Int(1000))]),
    )
    .unwrap();
    let plan = Plan::new(&writer, &reader).unwrap();
    for end in 0..bytes.len() {
        let error = plan.transcode(&bytes[..end], &mut Vec::new()).unwrap_err();
        assert!(error.offset() <= end, "{error}");
    }
    let mut padded = bytes.clone();
    padded.push(0);
    let error = plan.transcode(&padded, &mut Vec::new()).unwrap_err();
    assert_eq!(error.kind(), &DecodeErrorKind::TrailingBytes(1));
    assert_eq!(error.offset(), bytes.len());
}

#[test]
fn nesting_is_depth_limited() {
    let list = json!({"type": "record", "name": "Node", "fields": [
        {"name": "next", "type": ["null", "Node"]},
        {"name": "n", "type": "int"}]});
    let reader = json!({"type": "record", "name": "Node", "fields": [
        {"name": "n", "type": "long"},
        {"name": "next", "type": ["null", "Node"]}]});
    let plan = Plan::new(&schema(list), &schema(reader)).unwrap();
    // 200 levels of `next`, each a union index 1, then null and the ints.
    let mut bytes = vec![2; 200];
    bytes.push(0);
    bytes.extend([0; 201]);
    let error = plan.transcode(&bytes, &mut Vec::new()).unwrap_err();
    assert_eq!(
        error.kind(),
        &DecodeErrorKind::TooDeep(crate::codec::MAX_DEPTH)
    );
}

#[test]
fn the_trace_maps_output_offsets_back_to_the_input() {
    let writer = order(json!([{"name": "id", "type": "string"}, {"name": "n", "type": "int"}]));
    let reader = order(
        json!([{"name": "n", "type": "long"}, {"name": "new", "type": "int", "default": 1}, {"name": "id", "type": "string"}]),
    );
    let (writer, reader) = (schema(writer), schema(reader));
    // id "abc" at 0..4, n at 4..5; out: n (0), default (1), id (2..6).
    let bytes = to_avro_datum(
        &writer,
        record(&[("id", Avro::String("abc".into())), ("n", Avro::Int(1))]),
    )
    .unwrap();
    let plan = Plan::new(&writer, &reader).unwrap();
    assert_eq!(plan.input_offset(&bytes, 0), 4);
    assert_eq!(plan.input_offset(&bytes, 1), 5);
    assert_eq!(plan.input_offset(&bytes, 2), 0);
    assert_eq!(plan.input_offset(&bytes, 5), 3);
}

#[test]
fn unchanged_fields_before_a_changed_one_are_one_copied_run() {
    // An envelope's shape: metadata fields that never change, then the event.
    let envelope = |data: Value| {
        let mut fields: Vec<Value> = (0..10)
            .map(|i| json!({"name": format!("m{i}"), "type": ["null", "string"]}))
            .collect();
        fields.push(json!({"name": "data", "type": data}));
        json!({"type": "record", "name": "E", "fields": fields})
    };
    let old = order(json!([{"name": "n", "type": "int"}]));
    let new = order(json!([{"name": "n", "type": "long"}]));
    let plan = Plan::new(&schema(envelope(old)), &schema(envelope(new))).unwrap();
    let Node::Record(steps) = &plan.nodes[plan.root] else {
        panic!("{plan:?}")
    };
    assert!(
        matches!(&steps[..], [Step::Copy(run), Step::Field(_)] if run.len() == 10),
        "{plan:?}"
    );
}
