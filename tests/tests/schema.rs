//! The schemas the derives generate: snapshots of the JSON, the rules for names, defaults and
//! serde attributes, and determinism.

use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::BTreeMap;
use tidings::{Avro, Event};

/// An order was placed.
///
/// Second paragraph of the doc.
#[derive(Event, Debug, PartialEq)]
#[event(type = "order.placed", version = 3, source = "orders")]
#[avro(namespace = "com.acme.orders", aliases = ["OrderCreated"])]
pub struct OrderPlaced {
    /// The order.
    pub order_id: String,
    pub first: Line,
    pub others: Vec<Line>,
    pub note: Option<String>,
    #[avro(default = "USD", aliases = ["curr"])]
    pub currency: String,
    #[avro(default = -1)]
    pub priority: i32,
}

/// One line.
#[derive(Avro, Debug, PartialEq)]
#[avro(namespace = "com.acme.orders.lines")]
pub struct Line {
    pub sku: String,
}

#[test]
fn an_event_is_a_versioned_record_with_its_nested_types_inlined_once() {
    assert_eq!(
        tidings::schema_json::<OrderPlaced>(),
        json!({
            "type": "record",
            "name": "OrderPlaced",
            "namespace": "com.acme.orders.v3",
            "doc": "An order was placed.\n\nSecond paragraph of the doc.",
            "aliases": ["OrderCreated"],
            "fields": [
                { "name": "order_id", "doc": "The order.", "type": "string" },
                { "name": "first", "type": {
                    "type": "record",
                    "name": "Line",
                    "namespace": "com.acme.orders.lines",
                    "doc": "One line.",
                    "fields": [{ "name": "sku", "type": "string" }]
                } },
                { "name": "others", "type": { "type": "array", "items": "com.acme.orders.lines.Line" } },
                { "name": "note", "type": ["null", "string"], "default": null },
                { "name": "currency", "aliases": ["curr"], "type": "string", "default": "USD" },
                { "name": "priority", "type": "int", "default": -1 }
            ]
        })
    );
    assert_eq!(OrderPlaced::TYPE, "order.placed");
    assert_eq!(OrderPlaced::VERSION, 3);
    assert_eq!(OrderPlaced::SOURCE, "orders");
    assert_eq!(OrderPlaced::AVRO_NAME, "com.acme.orders.v3.OrderPlaced");
    let parsed = OrderPlaced::schema().name().unwrap().fullname(None);
    assert_eq!(parsed, OrderPlaced::AVRO_NAME);
}

// Defaults: the struct name, version 1, this package, this crate as the namespace.
#[derive(Event)]
pub struct Bare {}

#[test]
fn event_attributes_have_defaults() {
    assert_eq!(Bare::TYPE, "Bare");
    assert_eq!(Bare::VERSION, 1);
    assert_eq!(Bare::SOURCE, "tidings-tests");
    assert_eq!(Bare::AVRO_NAME, "schema.v1.Bare");
    assert_eq!(
        tidings::schema_json::<Bare>(),
        json!({ "type": "record", "name": "Bare", "namespace": "schema.v1", "fields": [] })
    );
}

#[derive(Event, Serialize, Deserialize, Debug, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct SerdeNames {
    pub order_id: i64,
    #[serde(rename = "ref")]
    pub reference: String,
    #[serde(alias = "qty")]
    pub quantity_ordered: i32,
    #[serde(default)]
    pub retries: i32,
    #[serde(default = "default_tags")]
    pub tags: Vec<String>,
    #[serde(skip)]
    pub cache: Vec<u8>,
    #[avro(skip)]
    pub local: BTreeMap<String, i64>,
    #[avro(rename = "avroWins")]
    #[serde(rename = "serdeLoses")]
    pub both: bool,
    #[avro(default)]
    pub blob: Vec<u8>,
}

fn default_tags() -> Vec<String> {
    vec!["new".into()]
}

#[test]
fn serde_attributes_shape_the_avro_names_and_defaults() {
    let fields = &tidings::schema_json::<SerdeNames>()["fields"];
    assert_eq!(
        fields,
        &json!([
            { "name": "orderId", "type": "long" },
            { "name": "ref", "type": "string" },
            { "name": "quantityOrdered", "aliases": ["qty"], "type": "int" },
            { "name": "retries", "type": "int", "default": 0 },
            { "name": "tags", "type": { "type": "array", "items": "string" }, "default": ["new"] },
            { "name": "avroWins", "type": "boolean" },
            { "name": "blob", "type": "bytes", "default": "" }
        ])
    );
    // The JSON names serde writes are the Avro names, except where `#[avro(rename)]` overrides.
    let json = serde_json::to_value(SerdeNames::default()).unwrap();
    for name in ["orderId", "ref", "quantityOrdered", "retries", "tags"] {
        assert!(json.get(name).is_some(), "serde writes {name}");
    }
}

/// A record with no fields: it takes no bytes on the wire.
#[derive(Avro, Debug, PartialEq)]
pub struct Nothing {}

/// Two empty records, by default.
#[derive(Avro, Debug, PartialEq)]
pub struct TwoNothings(pub Vec<Nothing>);

impl Default for TwoNothings {
    fn default() -> Self {
        TwoNothings(vec![Nothing {}, Nothing {}])
    }
}

#[derive(Avro)]
pub struct WithNothings {
    #[avro(default)]
    pub nothings: TwoNothings,
}

#[test]
fn a_default_of_items_that_take_no_bytes_is_written_in_full() {
    let fields = &tidings::schema_json::<WithNothings>()["fields"];
    assert_eq!(fields[0]["default"], json!([{}, {}]));
}

/// A note that may be absent, as a type of its own.
#[derive(Avro, Debug, PartialEq)]
pub struct MaybeNote(pub Option<String>);

#[derive(Avro)]
pub struct Nullables {
    pub boxed: Box<Option<String>>,
    pub wrapped: MaybeNote,
    pub plain: String,
}

#[test]
fn every_field_whose_schema_starts_with_null_defaults_to_null() {
    let fields = &tidings::schema_json::<Nullables>()["fields"];
    // `get`, not indexing, which reads a missing key as null.
    assert_eq!(fields[0].get("default"), Some(&json!(null)));
    assert_eq!(fields[1].get("default"), Some(&json!(null)));
    assert_eq!(fields[1]["type"], json!(["null", "string"]));
    assert!(fields[2].get("default").is_none());
}

#[test]
fn skipped_fields_decode_to_their_defaults() {
    let value = SerdeNames {
        order_id: 7,
        reference: "r".into(),
        cache: vec![1, 2],
        local: BTreeMap::from([("k".into(), 1)]),
        ..Default::default()
    };
    let decoded: SerdeNames = tidings::decode(&tidings::encode(&value).unwrap()).unwrap();
    assert_eq!(decoded.order_id, 7);
    assert_eq!(decoded.cache, Vec::<u8>::new());
    assert!(decoded.local.is_empty());
}

#[derive(Avro, Serialize, Deserialize, Debug, PartialEq, Clone, Copy)]
#[avro(namespace = "com.acme", default = "UNKNOWN")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    Unknown,
    InTransit,
    #[avro(rename = "DONE")]
    Delivered,
}

#[derive(Avro, Debug, PartialEq)]
#[avro(namespace = "com.acme")]
pub enum Payment {
    /// By card.
    Card {
        last4: String,
    },
    Cash,
    Voucher(Voucher),
}

#[derive(Avro, Debug, PartialEq)]
#[avro(namespace = "com.acme")]
pub struct Voucher {
    pub code: String,
}

#[derive(Event, Debug, PartialEq)]
#[avro(namespace = "com.acme")]
pub struct Enums {
    pub status: Status,
    pub payment: Payment,
    pub refund: Option<Payment>,
}

#[test]
fn enums_become_avro_enums_or_unions_of_records() {
    let fields = &tidings::schema_json::<Enums>()["fields"];
    assert_eq!(
        fields[0]["type"],
        json!({
            "type": "enum", "name": "Status", "namespace": "com.acme",
            "symbols": ["UNKNOWN", "IN_TRANSIT", "DONE"], "default": "UNKNOWN"
        })
    );
    assert_eq!(
        fields[1]["type"],
        json!([
            { "type": "record", "name": "PaymentCard", "namespace": "com.acme", "doc": "By card.",
              "fields": [{ "name": "last4", "type": "string" }] },
            { "type": "record", "name": "PaymentCash", "namespace": "com.acme", "fields": [] },
            { "type": "record", "name": "Voucher", "namespace": "com.acme",
              "fields": [{ "name": "code", "type": "string" }] }
        ])
    );
    // An optional union is one flat union: Avro forbids a union inside a union.
    assert_eq!(
        fields[2]["type"],
        json!([
            "null",
            "com.acme.PaymentCard",
            "com.acme.PaymentCash",
            "com.acme.Voucher"
        ])
    );

    let value = Enums {
        status: Status::InTransit,
        payment: Payment::Voucher(Voucher { code: "X".into() }),
        refund: Some(Payment::Cash),
    };
    let bytes = tidings::encode(&value).unwrap();
    // enum index 1; union branch 2 then "X"; union branch 2 (null is 0, Card 1, Cash 2).
    assert_eq!(bytes, [0x02, 0x04, 0x02, b'X', 0x04]);
    assert_eq!(tidings::decode::<Enums>(&bytes).unwrap(), value);
    Enums::schema();
}

/// A tree: recursion goes through a name reference.
#[derive(Avro, Debug, PartialEq)]
#[avro(namespace = "com.acme")]
pub struct Tree {
    pub value: i32,
    pub children: Vec<Tree>,
    pub parent: Option<Box<Tree>>,
}

#[test]
fn recursive_types_refer_to_themselves_by_name() {
    let schema = tidings::schema_json::<Tree>();
    assert_eq!(
        schema["fields"][1]["type"],
        json!({ "type": "array", "items": "com.acme.Tree" })
    );
    assert_eq!(
        schema["fields"][2]["type"],
        json!(["null", "com.acme.Tree"])
    );
    let tree = Tree {
        value: 1,
        children: vec![Tree {
            value: 2,
            children: vec![],
            parent: None,
        }],
        parent: Some(Box::new(Tree {
            value: 0,
            children: vec![],
            parent: None,
        })),
    };
    assert_eq!(
        tidings::decode::<Tree>(&tidings::encode(&tree).unwrap()).unwrap(),
        tree
    );
    Tree::schema();
}

#[test]
fn schemas_are_the_same_whatever_was_built_first() {
    let first = tidings::avsc::<OrderPlaced>();
    let _ = tidings::avsc::<Line>();
    let _ = tidings::avsc::<Enums>();
    assert_eq!(tidings::avsc::<OrderPlaced>(), first);
    assert!(first.ends_with("}\n"));
    // Line alone is defined in full, not as a reference left over from another schema.
    assert_eq!(tidings::schema_json::<Line>()["type"], "record");
}

mod reexport {
    pub use tidings as renamed;
}

/// `#[avro(crate = "...")]` lets a crate that re-exports tidings derive through its own path.
#[derive(Avro, Debug, PartialEq)]
#[avro(crate = "crate::reexport::renamed", namespace = "com.acme")]
pub struct ThroughReexport {
    pub id: i64,
}

#[test]
fn the_crate_path_can_be_a_reexport() {
    let v = ThroughReexport { id: -5 };
    assert_eq!(
        tidings::decode::<ThroughReexport>(&tidings::encode(&v).unwrap()).unwrap(),
        v
    );
}

#[derive(Avro, Debug, PartialEq)]
pub struct UnionOfSameType {
    pub a: Option<Twice>,
}

// Two branches of one record: the derive sees that each is a named type, and only the schema
// parser sees that the names are the same. (Two `string` branches, even behind newtypes, are a
// compile error: `tests/ui/union_duplicate_branch_newtype.rs`.)
#[derive(Avro, Debug, PartialEq)]
pub enum Twice {
    A(Sku),
    B(Sku),
}

#[derive(Avro, Debug, PartialEq)]
pub struct Sku {
    pub code: String,
}

#[test]
#[should_panic(expected = "the Avro schema generated for `schema::UnionOfSameType` is invalid")]
fn an_invalid_combination_panics_with_the_schema_on_first_use() {
    UnionOfSameType::schema();
}
