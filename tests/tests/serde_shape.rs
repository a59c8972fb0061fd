//! serde attributes that change a type's JSON shape: `transparent` and `flatten` are honoured,
//! `other`, `rename_all_fields` and `rename(deserialize)` carry over; and for every attribute the
//! README calls honoured, serde's JSON has the field names and nesting of the Avro record.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use tidings::Avro;

/// Serde writes it as the bare string, and so does Avro.
#[derive(Serialize, Deserialize, Avro, Debug, PartialEq, Clone)]
#[serde(transparent)]
pub struct Wrapper {
    pub inner: String,
}

/// Where a parcel goes.
#[derive(Serialize, Deserialize, Avro, Debug, PartialEq, Clone)]
#[avro(namespace = "com.acme")]
#[serde(rename_all = "camelCase")]
pub struct Address {
    /// The street and number.
    pub street_line: String,
    #[avro(aliases = ["zip"])]
    #[serde(default = "default_country")]
    pub country: String,
    pub location: Option<Point>,
}

fn default_country() -> String {
    "NL".into()
}

#[derive(Serialize, Deserialize, Avro, Debug, PartialEq, Clone)]
#[avro(namespace = "com.acme")]
pub struct Point {
    pub lat: f64,
    pub lon: f64,
}

/// A shipment: its address's fields sit beside its own, in JSON and in Avro.
#[derive(Serialize, Deserialize, Avro, Debug, PartialEq, Clone)]
#[avro(namespace = "com.acme")]
pub struct Shipment {
    pub id: i64,
    #[serde(flatten)]
    pub to: Address,
    pub label: Wrapper,
    /// The same record, not flattened: defined in full here, since the flattened copy never was.
    pub from: Address,
}

/// Unknown symbols read as `Unknown`, in serde and in Avro.
#[derive(Serialize, Deserialize, Avro, Debug, PartialEq, Clone)]
#[avro(namespace = "com.acme")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    InTransit,
    Delivered,
    #[serde(other)]
    Unknown,
}

/// `rename_all_fields` renames the fields of every struct variant; `flatten` works in variants.
#[derive(Serialize, Deserialize, Avro, Debug, PartialEq, Clone)]
#[avro(namespace = "com.acme")]
#[serde(rename_all_fields = "camelCase")]
pub enum Change {
    Moved {
        new_street: String,
        #[serde(flatten)]
        point: Point,
    },
    Held {
        held_until: i64,
    },
}

/// The names serde writes and reads.
#[derive(Serialize, Deserialize, Avro, Debug, PartialEq, Clone)]
#[avro(namespace = "com.acme")]
#[serde(rename = "Parcel", default)]
pub struct Renamed {
    #[serde(rename(serialize = "weightGrams", deserialize = "weight"))]
    pub weight_grams: i32,
    #[serde(alias = "colour")]
    pub color: String,
    #[serde(skip)]
    pub cache: Vec<u8>,
    pub status: Status,
    pub tags: BTreeMap<String, Wrapper>,
    pub history: Vec<Point>,
}

impl Default for Renamed {
    fn default() -> Self {
        Renamed {
            weight_grams: 100,
            color: "brown".into(),
            cache: Vec::new(),
            status: Status::InTransit,
            tags: BTreeMap::new(),
            history: Vec::new(),
        }
    }
}

fn address(street: &str) -> Address {
    Address {
        street_line: street.into(),
        country: "BE".into(),
        location: Some(Point {
            lat: 50.8,
            lon: 4.4,
        }),
    }
}

fn shipment() -> Shipment {
    Shipment {
        id: 7,
        to: address("Main 1"),
        label: Wrapper {
            inner: "fragile".into(),
        },
        from: Address {
            location: None,
            ..address("Dock 4")
        },
    }
}

fn round_trip<T: Avro + PartialEq + std::fmt::Debug>(value: &T) {
    let bytes = tidings::encode(value).unwrap();
    assert_eq!(&tidings::decode::<T>(&bytes).unwrap(), value);
}

#[test]
fn a_transparent_struct_is_its_field() {
    assert_eq!(tidings::schema_json::<Wrapper>(), json!("string"));
    let value = Wrapper { inner: "x".into() };
    assert_eq!(serde_json::to_value(&value).unwrap(), json!("x"));
    // The same bytes as the bare string.
    assert_eq!(
        tidings::encode(&value).unwrap(),
        tidings::encode(&"x".to_owned()).unwrap()
    );
    round_trip(&value);
}

#[test]
fn a_flattened_record_is_inlined_with_its_names_docs_aliases_and_defaults() {
    let schema = tidings::schema_json::<Shipment>();
    let fields = schema["fields"].as_array().unwrap();
    let names: Vec<_> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["id", "streetLine", "country", "location", "label", "from"]
    );
    assert_eq!(
        fields[1],
        json!({ "name": "streetLine", "doc": "The street and number.", "type": "string" })
    );
    assert_eq!(
        fields[2],
        json!({ "name": "country", "aliases": ["zip"], "type": "string", "default": "NL" })
    );
    // `Point` was first met inside the inlined fields, so it is defined there.
    assert_eq!(fields[3]["type"][1]["type"], "record");
    assert_eq!(fields[3]["type"][1]["name"], "Point");
    // `Address` never got a definition of its own from the flattened field: `from` has it.
    assert_eq!(fields[5]["type"]["type"], "record");
    assert_eq!(fields[5]["type"]["name"], "Address");
    assert_eq!(fields[5]["type"]["fields"][2]["type"][1], "com.acme.Point");
    // apache-avro accepts it, and the codec writes the fields in schema order.
    let _ = Shipment::schema();
    round_trip(&shipment());
}

#[test]
#[allow(deprecated)] // `to_avro_datum`: the simplest writer apache-avro has for one datum
fn the_flattened_encoding_is_the_inlined_fields_in_order() {
    // The Avro value of the schema, written by apache-avro field by field, is what tidings writes.
    use tidings::avro::types::Value as A;
    let value = shipment();
    let point = |p: &Point| {
        A::Record(vec![
            ("lat".into(), A::Double(p.lat)),
            ("lon".into(), A::Double(p.lon)),
        ])
    };
    let address = |a: &Address| {
        vec![
            ("streetLine".to_owned(), A::String(a.street_line.clone())),
            ("country".to_owned(), A::String(a.country.clone())),
            (
                "location".to_owned(),
                match &a.location {
                    None => A::Union(0, Box::new(A::Null)),
                    Some(p) => A::Union(1, Box::new(point(p))),
                },
            ),
        ]
    };
    let mut fields = vec![("id".to_owned(), A::Long(value.id))];
    fields.extend(address(&value.to));
    fields.push(("label".into(), A::String(value.label.inner.clone())));
    fields.push(("from".into(), A::Record(address(&value.from))));
    let expected = tidings::avro::to_avro_datum(Shipment::schema(), A::Record(fields)).unwrap();
    assert_eq!(tidings::encode(&value).unwrap(), expected);
}

#[test]
fn flatten_works_in_struct_variants_and_rename_all_fields_renames_their_fields() {
    let branches = tidings::schema_json::<Change>();
    let moved: Vec<_> = branches[0]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].clone())
        .collect();
    assert_eq!(moved, ["newStreet", "lat", "lon"]);
    assert_eq!(branches[1]["fields"][0]["name"], "heldUntil");
    let _ = Change::schema();
    round_trip(&Change::Moved {
        new_street: "Side 2".into(),
        point: Point { lat: 1.0, lon: 2.0 },
    });
    round_trip(&Change::Held { held_until: 9 });
}

#[test]
fn serde_other_is_the_enum_default_symbol() {
    let schema = tidings::schema_json::<Status>();
    assert_eq!(
        schema["symbols"],
        json!(["IN_TRANSIT", "DELIVERED", "UNKNOWN"])
    );
    assert_eq!(schema["default"], "UNKNOWN");
    assert_eq!(
        serde_json::from_value::<Status>(json!("LOST")).unwrap(),
        Status::Unknown
    );
}

#[test]
fn a_deserialize_name_is_an_alias() {
    let schema = tidings::schema_json::<Renamed>();
    assert_eq!(schema["name"], "Parcel");
    assert_eq!(
        schema["fields"][0],
        json!({ "name": "weightGrams", "aliases": ["weight"], "type": "int", "default": 100 })
    );
    assert_eq!(schema["fields"][1]["aliases"], json!(["colour"]));
    let read: Renamed = serde_json::from_value(json!({ "weight": 5 })).unwrap();
    assert_eq!(read.weight_grams, 5);
}

/// Named types of `schema`, by full name, as first defined.
fn definitions(schema: &Value, found: &mut HashMap<String, Value>) {
    match schema {
        Value::Array(branches) => branches.iter().for_each(|b| definitions(b, found)),
        Value::Object(object) => {
            if let (Some(name), Some(namespace)) = (object.get("name"), object.get("namespace")) {
                let full = format!("{}.{}", namespace.as_str().unwrap(), name.as_str().unwrap());
                found.entry(full).or_insert_with(|| schema.clone());
            }
            for key in ["fields", "items", "values", "type"] {
                match object.get(key) {
                    Some(Value::Array(fields)) if key == "fields" => {
                        fields.iter().for_each(|f| definitions(&f["type"], found));
                    }
                    Some(inner) if key != "fields" => definitions(inner, found),
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// Asserts that serde's JSON of a value has the shape of its Avro schema: a record's keys are its
/// fields' names in order, and every nested value has the shape of its field's type.
fn same_shape(json: &Value, schema: &Value, named: &HashMap<String, Value>, at: &str) {
    match schema {
        Value::String(name) => match name.as_str() {
            "null" => assert!(json.is_null(), "{at}: {json} is not null"),
            "boolean" => assert!(json.is_boolean(), "{at}: {json} is not a boolean"),
            "int" | "long" | "float" | "double" => {
                assert!(json.is_number(), "{at}: {json} is not a number")
            }
            "string" => assert!(json.is_string(), "{at}: {json} is not a string"),
            "bytes" => assert!(json.is_array(), "{at}: {json} is not serde's bytes"),
            _ => same_shape(json, &named[name], named, at),
        },
        Value::Array(branches) => {
            let branch = if json.is_null() {
                &branches[0]
            } else {
                &branches[1]
            };
            assert_eq!(branches.len(), 2, "{at}: only options are compared");
            same_shape(json, branch, named, at);
        }
        Value::Object(object) => match object["type"].as_str() {
            Some("record") => {
                let fields = object["fields"].as_array().unwrap();
                let keys: Vec<_> = json
                    .as_object()
                    .unwrap_or_else(|| panic!("{at}: {json} is not an object"))
                    .keys()
                    .collect();
                let names: Vec<_> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
                assert_eq!(keys, names, "{at}: JSON keys against Avro fields");
                for field in fields {
                    let name = field["name"].as_str().unwrap();
                    same_shape(&json[name], &field["type"], named, &format!("{at}.{name}"));
                }
            }
            Some("enum") => {
                let symbols = object["symbols"].as_array().unwrap();
                assert!(
                    symbols.contains(json),
                    "{at}: {json} is not one of {symbols:?}"
                );
            }
            Some("array") => json
                .as_array()
                .unwrap_or_else(|| panic!("{at}: {json} is not an array"))
                .iter()
                .for_each(|item| same_shape(item, &object["items"], named, &format!("{at}[]"))),
            Some("map") => json
                .as_object()
                .unwrap_or_else(|| panic!("{at}: {json} is not an object"))
                .values()
                .for_each(|v| same_shape(v, &object["values"], named, &format!("{at}{{}}"))),
            _ => same_shape(json, &object["type"], named, at),
        },
        other => panic!("{at}: unexpected schema {other}"),
    }
}

fn assert_same_shape<T: Avro + Serialize>(value: &T) {
    let schema = tidings::schema_json::<T>();
    let mut named = HashMap::new();
    definitions(&schema, &mut named);
    same_shape(&serde_json::to_value(value).unwrap(), &schema, &named, "$");
}

#[test]
fn serde_json_has_the_avro_records_names_and_nesting() {
    // rename, rename_all, alias, default, skip, flatten, transparent, rename(serialize), other.
    assert_same_shape(&shipment());
    assert_same_shape(&Renamed {
        tags: [("a".to_owned(), Wrapper { inner: "b".into() })].into(),
        history: vec![Point { lat: 0.0, lon: 1.0 }],
        cache: vec![1],
        ..Renamed::default()
    });
    assert_same_shape(&Status::Delivered);
    assert_same_shape(&Wrapper { inner: "x".into() });
}

#[test]
fn the_shape_comparison_fails_on_a_difference() {
    // A struct whose JSON nests what Avro would not: the comparison must catch it.
    let schema = tidings::schema_json::<Shipment>();
    let mut named = HashMap::new();
    definitions(&schema, &mut named);
    let mut nested = serde_json::to_value(shipment()).unwrap();
    nested["label"] = json!({ "inner": "fragile" });
    let caught = std::panic::catch_unwind(|| same_shape(&nested, &schema, &named, "$"));
    assert!(caught.is_err());
}

#[test]
fn errors_in_flattened_fields_name_the_avro_field() {
    let bytes = tidings::encode(&shipment()).unwrap();
    // `id` takes one byte, then `streetLine` begins: cut it short.
    let err = tidings::decode::<Shipment>(&bytes[..3]).unwrap_err();
    assert_eq!(err.path(), "streetLine");
}

/// A field of its own beside a flattened one of the same name: serde would write the key twice.
#[derive(Serialize, Avro, Debug, PartialEq)]
#[avro(namespace = "com.acme")]
pub struct Clash {
    pub country: String,
    #[serde(flatten)]
    pub to: Address,
}

#[test]
#[should_panic(expected = "Duplicate field name country")]
fn a_flattened_field_named_like_another_field_is_refused_on_first_use() {
    let _ = Clash::schema();
}
