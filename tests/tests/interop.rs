//! Proof from other languages: the bytes tidings writes are read by the Apache `avro` Python
//! package, `fastavro` and the JavaScript `avsc` as the values written down below, and the bytes
//! those libraries write for the same values decode in tidings to the Rust values.
//!
//! Every fixture covers part of the type mapping; every case pairs a Rust value with its expected
//! value as hand-written JSON, in the convention `tests/interop/check.py` describes: bytes as
//! lowercase hex, floats as numbers or "NaN"/"Infinity"/"-Infinity", timestamps in RFC 3339,
//! decimals as strings with `scale` digits, UUIDs hyphenated, union values as `null` or
//! `{"branch": value}` (Avro's JSON encoding). The Python and node scripts each run once, on one
//! manifest with every case, and report back through a file; the tests below read their report.
//!
//! Union branches are checked, not guessed: `avro` reads and writes through a reader and writer
//! that name the branch, avsc wraps unions, fastavro names named branches (it cannot say which of
//! `int` and `long` it read; the other two can).
//!
//! Also checked: every `schemas/*.avsc` and `schemas/envelopes/*.avsc` of the repository, and `tidings::avsc::<T>()` of every
//! fixture alone, parse in the three libraries, and fastavro and avsc compute the same Parsing
//! Canonical Form for each as `tidings::canonical` (`avro` 1.12 computes one too, but not the
//! specification's).
//!
//! The libraries come from `bash scripts/test.sh`, which installs them and sets `TIDINGS_PYTHON`
//! (a Python with `tests/interop/requirements.txt`) and `TIDINGS_NODE_MODULES` (the
//! `tests/interop/node_modules` of `npm ci`); `node` is found on the `PATH`, or named by
//! `TIDINGS_NODE`. Without them these tests fail, unless `TIDINGS_SKIP_INTEROP=1` says to skip
//! them. A failed run keeps its manifest and the scripts' reports under `target/tmp/`.
//!
//! Java checks the same cases, as single-object messages, in [`java`].

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt::Debug;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::str::FromStr;
use std::sync::{Arc, OnceLock};
use tidings::wire::single_object;
use tidings::{Avro, Event, Timestamp};
use time::OffsetDateTime;
use uuid::Uuid;

#[path = "interop/java.rs"]
mod java;

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

/// Booleans, strings and every integer width.
#[derive(Event, Debug, Clone, PartialEq)]
#[event(type = "interop.scalars", version = 1)]
#[avro(namespace = "interop")]
pub struct Scalars {
    pub flag: bool,
    pub tiny: i8,
    pub small: i16,
    pub int: i32,
    pub byte: u8,
    pub word: u16,
    pub long: i64,
    pub unsigned: u32,
    pub text: String,
}

/// Floats, compared bit for bit (NaN included) rather than by `==`.
#[derive(Avro, Debug)]
#[avro(namespace = "interop")]
pub struct Floats {
    pub single: f32,
    pub double: f64,
    pub singles: Vec<f32>,
    pub doubles: Vec<f64>,
}

impl PartialEq for Floats {
    fn eq(&self, other: &Self) -> bool {
        let singles = |v: &[f32]| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
        let doubles = |v: &[f64]| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
        self.single.to_bits() == other.single.to_bits()
            && self.double.to_bits() == other.double.to_bits()
            && singles(&self.singles) == singles(&other.singles)
            && doubles(&self.doubles) == doubles(&other.doubles)
    }
}

#[derive(Avro, Debug, PartialEq)]
#[avro(namespace = "interop")]
pub struct Text {
    pub value: String,
    pub many: Vec<String>,
}

/// Every byte-like mapping: `bytes` three ways, `fixed` of several sizes.
#[derive(Avro, Debug, PartialEq)]
#[avro(namespace = "interop")]
pub struct Blobs {
    pub bytes: Vec<u8>,
    pub deque: VecDeque<u8>,
    pub shared: bytes::Bytes,
    pub hash: [u8; 4],
    pub digest: [u8; 16],
    pub nothing: [u8; 0],
    pub blobs: Vec<Vec<u8>>,
    pub maybe_hash: Option<[u8; 4]>,
}

/// A unit-only enum: an Avro `enum`, with a renamed symbol and a fallback.
#[derive(Avro, Serialize, Deserialize, Debug, PartialEq, Clone, Copy)]
#[avro(namespace = "interop", default = "UNKNOWN")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    Unknown,
    Active,
    #[avro(rename = "ON_HOLD")]
    Paused,
    Closed,
}

#[derive(Avro, Serialize, Deserialize, Debug, PartialEq)]
#[avro(namespace = "interop.vouchers")]
pub struct Voucher {
    pub code: String,
}

/// A data enum: a union of one record per variant, a newtype variant being its inner type.
#[derive(Avro, Debug, PartialEq)]
#[avro(namespace = "interop.payments")]
pub enum Payment {
    /// Paid by card.
    Card {
        last4: String,
        expires: Option<String>,
    },
    Cash,
    Voucher(Voucher),
}

/// A data enum whose newtype variants are primitives, collections and named types: a union of
/// `int` and `long` side by side, `bytes`, `array`, `map`, `fixed`, `enum` and records.
#[derive(Avro, Debug, PartialEq)]
#[avro(namespace = "interop")]
pub enum Any {
    Int(i32),
    Long(i64),
    Text(String),
    Blob(Vec<u8>),
    List(Vec<String>),
    Map(BTreeMap<String, i64>),
    Flag(bool),
    Hash([u8; 4]),
    Status(Status),
    Nothing,
    Pair { left: i32, right: i32 },
}

#[derive(Avro, Debug, PartialEq)]
#[avro(namespace = "interop")]
pub struct Anys {
    pub one: Any,
    pub many: Vec<Any>,
    pub maybe: Option<Any>,
    pub by_name: BTreeMap<String, Any>,
}

/// `Option` of every kind of type; `Option<Payment>` is one flat union `["null", ...]`.
#[derive(Avro, Debug, PartialEq)]
#[avro(namespace = "interop")]
pub struct Nullable {
    pub text: Option<String>,
    pub long: Option<i64>,
    pub double: Option<f64>,
    pub flag: Option<bool>,
    pub bytes: Option<Vec<u8>>,
    pub list: Option<Vec<i32>>,
    pub map: Option<BTreeMap<String, i32>>,
    pub record: Option<Voucher>,
    pub status: Option<Status>,
    pub payment: Option<Payment>,
    pub id: Option<Uuid>,
    pub at: Option<Timestamp>,
    pub sku: Option<Sku>,
}

#[derive(Avro, Debug, PartialEq)]
#[avro(namespace = "interop")]
pub struct Collections {
    pub empty: Vec<i32>,
    pub ints: Vec<i32>,
    pub deque: VecDeque<String>,
    pub nested: Vec<Vec<i64>>,
    pub records: Vec<Voucher>,
    pub hash: HashMap<String, i64>,
    pub btree: BTreeMap<String, Vec<String>>,
    pub empty_map: HashMap<String, bool>,
    pub map_of_maps: BTreeMap<String, HashMap<String, Option<Voucher>>>,
}

/// Big enough that counts and lengths take several varint bytes.
#[derive(Avro, Debug, PartialEq)]
#[avro(namespace = "interop")]
pub struct Large {
    pub longs: Vec<i64>,
    pub strings: VecDeque<String>,
    pub records: Vec<Voucher>,
    pub map: HashMap<String, i32>,
    pub blob: Vec<u8>,
}

/// Recursion through `Option<Box<_>>`: the type refers to itself by name.
#[derive(Avro, Debug, PartialEq)]
#[avro(namespace = "interop")]
pub struct LinkedList {
    pub value: i32,
    pub next: Option<Box<LinkedList>>,
}

/// Recursion through `Vec` and `Box`.
#[derive(Avro, Debug, PartialEq)]
#[avro(namespace = "interop.trees")]
pub struct Tree {
    pub label: String,
    pub children: Vec<Tree>,
    pub left: Option<Box<Tree>>,
}

#[derive(Avro, Debug, PartialEq)]
#[avro(namespace = "interop")]
pub struct Recursive {
    pub list: LinkedList,
    pub tree: Tree,
    pub lists: Vec<LinkedList>,
}

#[derive(Avro, Debug, PartialEq)]
#[avro(namespace = "interop")]
pub struct Ids {
    pub id: Uuid,
    pub ids: Vec<Uuid>,
    pub maybe: Option<Uuid>,
    pub by_name: HashMap<String, Uuid>,
}

/// Every instant type, in micros (the default) and in millis.
#[derive(Avro, Debug, PartialEq)]
#[avro(namespace = "interop")]
pub struct Times {
    pub micros: Timestamp,
    #[avro(timestamp = "millis")]
    pub millis: Timestamp,
    pub chrono: DateTime<Utc>,
    #[avro(timestamp = "millis")]
    pub chrono_millis: DateTime<Utc>,
    pub time: OffsetDateTime,
    #[avro(timestamp = "millis")]
    pub time_millis: Option<OffsetDateTime>,
    pub maybe: Option<Timestamp>,
    pub history: Vec<Timestamp>,
}

#[derive(Avro, Debug, PartialEq)]
#[avro(namespace = "interop")]
pub struct Money {
    #[avro(precision = 12, scale = 2)]
    pub amount: Decimal,
    #[avro(precision = 28)]
    pub huge: Decimal,
    #[avro(precision = 28, scale = 28)]
    pub tiny: Decimal,
    #[avro(precision = 9, scale = 4)]
    pub maybe: Option<Decimal>,
    #[avro(precision = 1, scale = 0)]
    pub digit: Decimal,
}

#[derive(Avro, Debug, PartialEq)]
pub struct Sku(pub String);

#[derive(Avro, Debug, PartialEq)]
pub struct Cents(pub i64);

#[derive(Avro, Debug, PartialEq)]
pub struct Digest(pub [u8; 4]);

#[derive(Avro, Debug, PartialEq)]
pub struct Wrapped(pub Voucher);

/// Newtype structs have their inner type's schema.
#[derive(Avro, Debug, PartialEq)]
#[avro(namespace = "interop")]
pub struct Newtypes {
    pub sku: Sku,
    pub cents: Cents,
    pub digest: Digest,
    pub wrapped: Wrapped,
    pub skus: Vec<Sku>,
    pub maybe: Option<Cents>,
    pub by_sku: BTreeMap<String, Cents>,
}

/// Two records named `Line` in different namespaces, one inside the other.
pub mod north {
    #[derive(tidings::Avro, Debug, PartialEq)]
    #[avro(namespace = "com.example.north")]
    pub struct Line {
        pub id: i32,
    }
}

pub mod south {
    #[derive(tidings::Avro, Debug, PartialEq)]
    #[avro(namespace = "com.example.south.deep.er")]
    pub struct Line {
        pub name: String,
        pub north: super::north::Line,
    }
}

/// No namespace attribute: the namespace is the crate's (this test's) name.
#[derive(Avro, Debug, PartialEq)]
pub struct Plain {
    pub id: i32,
}

#[derive(Event, Debug, PartialEq)]
#[event(version = 7)]
#[avro(namespace = "com.example")]
pub struct Namespaces {
    pub north: north::Line,
    pub south: south::Line,
    pub norths: Vec<north::Line>,
    pub souths: Option<south::Line>,
    pub plain: Plain,
    pub status: Status,
}

/// Serde's names are the Avro names, unless `#[avro(rename)]` says otherwise.
#[derive(Avro, Serialize, Deserialize, Debug, PartialEq, Default)]
#[avro(namespace = "interop")]
#[serde(rename_all = "camelCase")]
pub struct Renamed {
    pub order_id: i64,
    #[serde(rename = "ref")]
    pub reference: String,
    #[avro(rename = "avroName")]
    #[serde(rename = "serdeName")]
    pub both: bool,
    #[serde(default)]
    pub retry_count: i32,
    #[serde(skip)]
    pub cache: Vec<u8>,
    pub kind: Kind,
}

#[derive(Avro, Serialize, Deserialize, Debug, PartialEq, Default)]
#[avro(namespace = "interop")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Kind {
    #[default]
    FirstKind,
    SecondKind,
    #[avro(rename = "THIRD")]
    Third,
}

/// A default for every kind of field, from `Default` through `#[serde(default)]`: the libraries
/// check each default against its field's type when they parse the schema.
#[derive(Avro, Serialize, Deserialize, Debug, PartialEq)]
#[avro(namespace = "interop")]
#[serde(default)]
pub struct Defaults {
    pub flag: bool,
    pub int: i32,
    pub long: i64,
    pub single: f32,
    pub double: f64,
    pub text: String,
    pub bytes: Vec<u8>,
    pub hash: [u8; 4],
    pub list: Vec<String>,
    pub map: BTreeMap<String, i32>,
    pub maybe: Option<String>,
    pub status: Status,
    pub voucher: Voucher,
    pub vouchers: Option<Vec<Voucher>>,
}

impl Default for Defaults {
    fn default() -> Self {
        Defaults {
            flag: true,
            int: -7,
            long: 1 << 40,
            single: 1.5,
            double: -0.25,
            text: "déjà vu ✓".into(),
            bytes: vec![0x00, 0x7f, 0x80, 0xff],
            hash: [1, 2, 0xfe, 0xff],
            list: vec!["a".into(), "b".into()],
            map: BTreeMap::from([("k".into(), 1)]),
            maybe: None,
            status: Status::Closed,
            voucher: Voucher { code: "V".into() },
            vouchers: None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Cases: a Rust value and, written by hand, the value every library must see.
// ---------------------------------------------------------------------------------------------

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let mut add = |case: Case| cases.push(case);

    add(case(
        "scalars_zero",
        Scalars {
            flag: false,
            tiny: 0,
            small: 0,
            int: 0,
            byte: 0,
            word: 0,
            long: 0,
            unsigned: 0,
            text: String::new(),
        },
        json!({ "flag": false, "tiny": 0, "small": 0, "int": 0, "byte": 0, "word": 0,
                "long": 0, "unsigned": 0, "text": "" }),
    ));
    add(case(
        "scalars_min",
        Scalars {
            flag: false,
            tiny: i8::MIN,
            small: i16::MIN,
            int: i32::MIN,
            byte: u8::MIN,
            word: u16::MIN,
            long: i64::MIN,
            unsigned: u32::MIN,
            text: "min".into(),
        },
        json!({ "flag": false, "tiny": -128, "small": -32768, "int": -2147483648, "byte": 0,
                "word": 0, "long": -9223372036854775808i64, "unsigned": 0, "text": "min" }),
    ));
    add(case(
        "scalars_max",
        Scalars {
            flag: true,
            tiny: i8::MAX,
            small: i16::MAX,
            int: i32::MAX,
            byte: u8::MAX,
            word: u16::MAX,
            long: i64::MAX,
            unsigned: u32::MAX,
            text: "max".into(),
        },
        json!({ "flag": true, "tiny": 127, "small": 32767, "int": 2147483647, "byte": 255,
                "word": 65535, "long": 9223372036854775807i64, "unsigned": 4294967295u32,
                "text": "max" }),
    ));
    // Values either side of the one-, two- and three-byte varint boundaries (zigzag: 63/-64 fit
    // one byte, 8191/-8192 two).
    add(case(
        "scalars_varint_edges",
        Scalars {
            flag: true,
            tiny: -65,
            small: 8192,
            int: -8193,
            byte: 64,
            word: 8191,
            long: 1 << 53,
            unsigned: 1 << 31,
            text: "x".repeat(64),
        },
        json!({ "flag": true, "tiny": -65, "small": 8192, "int": -8193, "byte": 64, "word": 8191,
                "long": 9007199254740992i64, "unsigned": 2147483648u32,
                "text": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" }),
    ));

    add(case(
        "floats_ordinary",
        Floats {
            single: 0.1,
            double: 0.1,
            singles: vec![1.5, -2.25, f32::MAX, f32::MIN, f32::MIN_POSITIVE],
            doubles: vec![f64::MAX, f64::MIN, f64::MIN_POSITIVE, 0.1 + 0.2, 1.0 / 3.0],
        },
        json!({
            "single": 0.1,
            "double": 0.1,
            "singles": [1.5, -2.25, 3.4028234663852886e38, -3.4028234663852886e38,
                        1.1754943508222875e-38],
            "doubles": [1.7976931348623157e308, -1.7976931348623157e308,
                        2.2250738585072014e-308, 0.30000000000000004, 0.3333333333333333]
        }),
    ));
    add(case(
        "floats_special",
        Floats {
            single: f32::NAN,
            double: f64::NAN,
            singles: vec![
                f32::INFINITY,
                f32::NEG_INFINITY,
                -0.0,
                0.0,
                f32::from_bits(1),           // the smallest subnormal
                f32::from_bits(0x007f_ffff), // the largest subnormal
                f32::NAN,
            ],
            doubles: vec![
                f64::INFINITY,
                f64::NEG_INFINITY,
                -0.0,
                0.0,
                f64::from_bits(1),
                f64::from_bits(0x000f_ffff_ffff_ffff),
                f64::NAN,
            ],
        },
        json!({
            "single": "NaN",
            "double": "NaN",
            "singles": ["Infinity", "-Infinity", -0.0, 0.0, 1.401298464324817e-45,
                        1.1754942106924411e-38, "NaN"],
            "doubles": ["Infinity", "-Infinity", -0.0, 0.0, 5e-324, 2.225073858507201e-308, "NaN"]
        }),
    ));

    add(case(
        "text_empty",
        Text {
            value: String::new(),
            many: vec![],
        },
        json!({ "value": "", "many": [] }),
    ));
    add(case(
        "text_unicode",
        Text {
            value: "🦀 crab".into(),
            many: vec![
                "".into(),
                "ascii".into(),
                "é precomposed, e\u{301} combining".into(),
                "漢字 かな カナ 한글".into(),
                "👩‍👩‍👧‍👦 🏳️‍🌈 🇪🇺".into(),
                "Z\u{364}\u{351}a\u{308}\u{316}l\u{36e}g\u{30c}o\u{319}".into(),
                "שָׁלוֹם مرحبا".into(),
                "nul \u{0} tab \t newline \n quote \" backslash \\".into(),
                "\u{ffff} \u{10ffff} \u{fffd}".into(),
            ],
        },
        json!({
            "value": "🦀 crab",
            "many": [
                "",
                "ascii",
                "é precomposed, e\u{301} combining",
                "漢字 かな カナ 한글",
                "👩‍👩‍👧‍👦 🏳️‍🌈 🇪🇺",
                "Z\u{364}\u{351}a\u{308}\u{316}l\u{36e}g\u{30c}o\u{319}",
                "שָׁלוֹם مرحبا",
                "nul \u{0} tab \t newline \n quote \" backslash \\",
                "\u{ffff} \u{10ffff} \u{fffd}"
            ]
        }),
    ));

    add(case(
        "blobs_empty",
        Blobs {
            bytes: vec![],
            deque: VecDeque::new(),
            shared: bytes::Bytes::new(),
            hash: [0; 4],
            digest: [0; 16],
            nothing: [],
            blobs: vec![],
            maybe_hash: None,
        },
        json!({ "bytes": "", "deque": "", "shared": "", "hash": "00000000",
                "digest": "00000000000000000000000000000000", "nothing": "", "blobs": [],
                "maybe_hash": null }),
    ));
    add(case(
        "blobs_every_byte",
        Blobs {
            bytes: (0..=255).collect(),
            deque: VecDeque::from([0xff, 0x00, 0x80]),
            shared: bytes::Bytes::from_static(b"tidings\0\xff"),
            hash: [0xde, 0xad, 0xbe, 0xef],
            digest: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
            nothing: [],
            blobs: vec![vec![], vec![0], vec![0xff, 0xff]],
            maybe_hash: Some([1, 2, 3, 4]),
        },
        json!({
            "bytes": "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\
                      202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f\
                      404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f\
                      606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f\
                      808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f\
                      a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf\
                      c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf\
                      e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
            "deque": "ff0080",
            "shared": "746964696e677300ff",
            "hash": "deadbeef",
            "digest": "000102030405060708090a0b0c0d0e0f",
            "nothing": "",
            "blobs": ["", "00", "ffff"],
            "maybe_hash": { "tidings.Fixed4": "01020304" }
        }),
    ));

    let card = || Payment::Card {
        last4: "4242".into(),
        expires: Some("12/29".into()),
    };
    add(case(
        "nullable_none",
        Nullable {
            text: None,
            long: None,
            double: None,
            flag: None,
            bytes: None,
            list: None,
            map: None,
            record: None,
            status: None,
            payment: None,
            id: None,
            at: None,
            sku: None,
        },
        json!({ "text": null, "long": null, "double": null, "flag": null, "bytes": null,
                "list": null, "map": null, "record": null, "status": null, "payment": null,
                "id": null, "at": null, "sku": null }),
    ));
    add(case(
        "nullable_some",
        Nullable {
            text: Some(String::new()),
            long: Some(-1),
            double: Some(-0.5),
            flag: Some(false),
            bytes: Some(vec![0]),
            list: Some(vec![]),
            map: Some(BTreeMap::from([("k".into(), 7)])),
            record: Some(Voucher { code: "V1".into() }),
            status: Some(Status::Paused),
            payment: Some(card()),
            id: Some(Uuid::from_u128(0x67e55044_10b1_426f_9247_bb680e5fe0c8)),
            at: Some(Timestamp::from_unix_micros(1)),
            sku: Some(Sku("B-42".into())),
        },
        json!({
            "text": { "string": "" },
            "long": { "long": -1 },
            "double": { "double": -0.5 },
            "flag": { "boolean": false },
            "bytes": { "bytes": "00" },
            "list": { "array": [] },
            "map": { "map": { "k": 7 } },
            "record": { "interop.vouchers.Voucher": { "code": "V1" } },
            "status": { "interop.Status": "ON_HOLD" },
            "payment": { "interop.payments.PaymentCard": { "last4": "4242",
                                                           "expires": { "string": "12/29" } } },
            "id": { "string": "67e55044-10b1-426f-9247-bb680e5fe0c8" },
            "at": { "long": "1970-01-01T00:00:00.000001Z" },
            "sku": { "string": "B-42" }
        }),
    ));
    // Each branch of the flattened `["null", Card, Cash, Voucher]`.
    for (name, payment, expected) in [
        (
            "nullable_payment_card",
            Payment::Card {
                last4: "0000".into(),
                expires: None,
            },
            json!({ "interop.payments.PaymentCard": { "last4": "0000", "expires": null } }),
        ),
        (
            "nullable_payment_cash",
            Payment::Cash,
            json!({ "interop.payments.PaymentCash": {} }),
        ),
        (
            "nullable_payment_voucher",
            Payment::Voucher(Voucher {
                code: "GIFT".into(),
            }),
            json!({ "interop.vouchers.Voucher": { "code": "GIFT" } }),
        ),
    ] {
        add(case(
            name,
            Nullable {
                text: None,
                long: Some(i64::MAX),
                double: Some(f64::INFINITY),
                flag: Some(true),
                bytes: None,
                list: Some(vec![i32::MIN, i32::MAX]),
                map: Some(BTreeMap::new()),
                record: None,
                status: Some(Status::Unknown),
                payment: Some(payment),
                id: Some(Uuid::nil()),
                at: None,
                sku: None,
            },
            json!({
                "text": null,
                "long": { "long": 9223372036854775807i64 },
                "double": { "double": "Infinity" },
                "flag": { "boolean": true },
                "bytes": null,
                "list": { "array": [-2147483648, 2147483647] },
                "map": { "map": {} },
                "record": null,
                "status": { "interop.Status": "UNKNOWN" },
                "payment": expected,
                "id": { "string": "00000000-0000-0000-0000-000000000000" },
                "at": null,
                "sku": null
            }),
        ));
    }

    add(case(
        "anys_every_branch",
        Anys {
            one: Any::Long(i64::MIN),
            many: vec![
                Any::Int(-1),
                Any::Long(-1),
                Any::Int(i32::MAX),
                Any::Long(i64::MAX),
                Any::Text("text".into()),
                Any::Blob(vec![0xca, 0xfe]),
                Any::List(vec!["a".into(), "b".into()]),
                Any::Map(BTreeMap::from([("one".into(), 1), ("minus".into(), -1)])),
                Any::Flag(true),
                Any::Hash([9, 8, 7, 6]),
                Any::Status(Status::Closed),
                Any::Nothing,
                Any::Pair { left: -3, right: 4 },
            ],
            maybe: Some(Any::Int(0)),
            by_name: BTreeMap::from([
                ("nothing".into(), Any::Nothing),
                ("status".into(), Any::Status(Status::Active)),
            ]),
        },
        json!({
            "one": { "long": -9223372036854775808i64 },
            "many": [
                { "int": -1 },
                { "long": -1 },
                { "int": 2147483647 },
                { "long": 9223372036854775807i64 },
                { "string": "text" },
                { "bytes": "cafe" },
                { "array": ["a", "b"] },
                { "map": { "one": 1, "minus": -1 } },
                { "boolean": true },
                { "tidings.Fixed4": "09080706" },
                { "interop.Status": "CLOSED" },
                { "interop.AnyNothing": {} },
                { "interop.AnyPair": { "left": -3, "right": 4 } }
            ],
            "maybe": { "int": 0 },
            "by_name": {
                "nothing": { "interop.AnyNothing": {} },
                "status": { "interop.Status": "ACTIVE" }
            }
        }),
    ));
    add(case(
        "anys_none",
        Anys {
            one: Any::Nothing,
            many: vec![],
            maybe: None,
            by_name: BTreeMap::new(),
        },
        json!({ "one": { "interop.AnyNothing": {} }, "many": [], "maybe": null, "by_name": {} }),
    ));

    add(case(
        "collections_small",
        Collections {
            empty: vec![],
            ints: vec![1, -1, 0, i32::MAX],
            deque: VecDeque::from(["front".to_owned(), "back".to_owned()]),
            nested: vec![vec![], vec![i64::MIN], vec![1, 2, 3]],
            records: vec![Voucher { code: "A".into() }, Voucher { code: "B".into() }],
            hash: HashMap::from([
                ("a".into(), 1),
                ("b".into(), -2),
                ("".into(), 0),
                ("ключ".into(), 3),
            ]),
            btree: BTreeMap::from([
                ("empty".into(), vec![]),
                ("two".into(), vec!["x".into(), "y".into()]),
            ]),
            empty_map: HashMap::new(),
            map_of_maps: BTreeMap::from([
                (
                    "outer".into(),
                    HashMap::from([
                        ("none".into(), None),
                        ("some".into(), Some(Voucher { code: "C".into() })),
                    ]),
                ),
                ("void".into(), HashMap::new()),
            ]),
        },
        json!({
            "empty": [],
            "ints": [1, -1, 0, 2147483647],
            "deque": ["front", "back"],
            "nested": [[], [-9223372036854775808i64], [1, 2, 3]],
            "records": [{ "code": "A" }, { "code": "B" }],
            "hash": { "a": 1, "b": -2, "": 0, "ключ": 3 },
            "btree": { "empty": [], "two": ["x", "y"] },
            "empty_map": {},
            "map_of_maps": {
                "outer": { "none": null, "some": { "interop.vouchers.Voucher": { "code": "C" } } },
                "void": {}
            }
        }),
    ));

    // Too many items to write by hand: the Rust value and the expected JSON follow the same
    // formula, which spans the whole `long` range.
    let long_at = |i: i64| (i - 5_000) * 1_844_674_407_370_955;
    add(case(
        "large",
        Large {
            longs: (0..10_000).map(long_at).collect(),
            strings: (0..10_000).map(|i| format!("item {i}")).collect(),
            records: (0..10_000)
                .map(|i| Voucher {
                    code: format!("V{i:05}"),
                })
                .collect(),
            map: (0..2_000).map(|i| (format!("key{i}"), i)).collect(),
            blob: (0..100_000u32).map(|i| (i % 251) as u8).collect(),
        },
        json!({
            "longs": (0..10_000).map(long_at).collect::<Vec<_>>(),
            "strings": (0..10_000).map(|i| format!("item {i}")).collect::<Vec<_>>(),
            "records": (0..10_000).map(|i| json!({ "code": format!("V{i:05}") })).collect::<Vec<_>>(),
            "map": (0..2_000).map(|i| (format!("key{i}"), json!(i))).collect::<serde_json::Map<_, _>>(),
            "blob": (0..100_000u32).map(|i| format!("{:02x}", i % 251)).collect::<String>(),
        }),
    ));

    add(case(
        "recursive",
        Recursive {
            list: LinkedList {
                value: 1,
                next: Some(Box::new(LinkedList {
                    value: 2,
                    next: Some(Box::new(LinkedList {
                        value: 3,
                        next: None,
                    })),
                })),
            },
            tree: Tree {
                label: "root".into(),
                children: vec![
                    Tree {
                        label: "a".into(),
                        children: vec![],
                        left: None,
                    },
                    Tree {
                        label: "b".into(),
                        children: vec![Tree {
                            label: "b1".into(),
                            children: vec![],
                            left: None,
                        }],
                        left: Some(Box::new(Tree {
                            label: "b-left".into(),
                            children: vec![],
                            left: None,
                        })),
                    },
                ],
                left: None,
            },
            lists: vec![LinkedList {
                value: -1,
                next: None,
            }],
        },
        json!({
            "list": { "value": 1, "next": { "interop.LinkedList": {
                "value": 2, "next": { "interop.LinkedList": {
                    "value": 3, "next": null } } } } },
            "tree": {
                "label": "root",
                "children": [
                    { "label": "a", "children": [], "left": null },
                    { "label": "b",
                      "children": [{ "label": "b1", "children": [], "left": null }],
                      "left": { "interop.trees.Tree": { "label": "b-left", "children": [],
                                                        "left": null } } }
                ],
                "left": null
            },
            "lists": [{ "value": -1, "next": null }]
        }),
    ));
    // 64 levels: deep enough to matter, shallow enough for Python's recursion limit.
    let (mut list, mut expected) = (None, Value::Null);
    for value in (0..64).rev() {
        list = Some(Box::new(LinkedList { value, next: list }));
        expected = json!({ "interop.LinkedList": { "value": value, "next": expected } });
    }
    add(case(
        "recursive_deep",
        *list.unwrap(),
        expected["interop.LinkedList"].clone(),
    ));

    add(case(
        "ids",
        Ids {
            id: Uuid::nil(),
            ids: vec![
                Uuid::max(),
                Uuid::from_u128(0x67e55044_10b1_426f_9247_bb680e5fe0c8),
                Uuid::from_u128(0x01890a5d_ac96_774b_bcce_b302099a8057),
            ],
            maybe: Some(Uuid::from_u128(0x00112233_4455_6677_8899_aabbccddeeff)),
            by_name: HashMap::from([(
                "a".into(),
                Uuid::from_u128(0xa0a0a0a0_b1b1_c2c2_d3d3_e4e4e4e4e4e4),
            )]),
        },
        json!({
            "id": "00000000-0000-0000-0000-000000000000",
            "ids": [
                "ffffffff-ffff-ffff-ffff-ffffffffffff",
                "67e55044-10b1-426f-9247-bb680e5fe0c8",
                "01890a5d-ac96-774b-bcce-b302099a8057"
            ],
            "maybe": { "string": "00112233-4455-6677-8899-aabbccddeeff" },
            "by_name": { "a": "a0a0a0a0-b1b1-c2c2-d3d3-e4e4e4e4e4e4" }
        }),
    ));

    let at = Timestamp::from_unix_micros;
    let chrono_at = |micros| DateTime::<Utc>::from_timestamp_micros(micros).unwrap();
    let time_at =
        |micros: i64| OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1000).unwrap();
    add(case(
        "times_epoch",
        Times {
            micros: Timestamp::UNIX_EPOCH,
            millis: Timestamp::UNIX_EPOCH,
            chrono: DateTime::UNIX_EPOCH,
            chrono_millis: DateTime::UNIX_EPOCH,
            time: OffsetDateTime::UNIX_EPOCH,
            time_millis: None,
            maybe: None,
            history: vec![],
        },
        json!({
            "micros": "1970-01-01T00:00:00Z",
            "millis": "1970-01-01T00:00:00Z",
            "chrono": "1970-01-01T00:00:00Z",
            "chrono_millis": "1970-01-01T00:00:00Z",
            "time": "1970-01-01T00:00:00Z",
            "time_millis": null,
            "maybe": null,
            "history": []
        }),
    ));
    add(case(
        "times_around",
        Times {
            micros: at(1_709_210_096_789_012),
            millis: at(1_709_210_096_789_000),
            chrono: chrono_at(-1),
            chrono_millis: chrono_at(-1_000),
            time: time_at(2_147_483_648_000_000),
            time_millis: Some(time_at(-2_208_988_800_000_000)),
            maybe: Some(at(253_402_300_799_999_999)),
            history: vec![
                at(-62_135_596_800_000_000),
                at(-2_208_988_800_000_000),
                at(-1),
                at(0),
                at(1_709_210_096_789_012),
                at(253_402_300_799_999_999),
            ],
        },
        json!({
            "micros": "2024-02-29T12:34:56.789012Z",
            "millis": "2024-02-29T12:34:56.789Z",
            "chrono": "1969-12-31T23:59:59.999999Z",
            "chrono_millis": "1969-12-31T23:59:59.999Z",
            "time": "2038-01-19T03:14:08Z",
            "time_millis": { "long": "1900-01-01T00:00:00Z" },
            "maybe": { "long": "9999-12-31T23:59:59.999999Z" },
            "history": [
                "0001-01-01T00:00:00Z",
                "1900-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999999Z",
                "1970-01-01T00:00:00Z",
                "2024-02-29T12:34:56.789012Z",
                "9999-12-31T23:59:59.999999Z"
            ]
        }),
    ));

    let dec = |text: &str| Decimal::from_str(text).unwrap();
    add(case(
        "money_zero",
        Money {
            amount: Decimal::ZERO,
            huge: Decimal::ZERO,
            tiny: Decimal::ZERO,
            maybe: None,
            digit: Decimal::ZERO,
        },
        json!({ "amount": "0.00", "huge": "0", "tiny": "0.0000000000000000000000000000",
                "maybe": null, "digit": "0" }),
    ));
    add(case(
        "money_negative",
        Money {
            amount: dec("-1.28"),
            huge: dec("-9999999999999999999999999999"),
            tiny: dec("-0.9999999999999999999999999999"),
            maybe: Some(dec("-0.0001")),
            digit: dec("-9"),
        },
        json!({ "amount": "-1.28", "huge": "-9999999999999999999999999999",
                "tiny": "-0.9999999999999999999999999999", "maybe": { "bytes": "-0.0001" },
                "digit": "-9" }),
    ));
    add(case(
        "money_positive",
        Money {
            amount: dec("9999999999.99"),
            huge: dec("9999999999999999999999999999"),
            tiny: dec("0.0000000000000000000000000001"),
            maybe: Some(dec("12345.6789")),
            digit: dec("9"),
        },
        json!({ "amount": "9999999999.99", "huge": "9999999999999999999999999999",
                "tiny": "0.0000000000000000000000000001", "maybe": { "bytes": "12345.6789" },
                "digit": "9" }),
    ));
    // Two's-complement edges: 127/128 and -128/-129 need one more byte on the other side.
    add(case(
        "money_sign_bytes",
        Money {
            amount: dec("1.28"),
            huge: dec("-129"),
            tiny: dec("0.0000000000000000000000000127"),
            maybe: Some(dec("-0.0128")),
            digit: dec("1"),
        },
        json!({ "amount": "1.28", "huge": "-129", "tiny": "0.0000000000000000000000000127",
                "maybe": { "bytes": "-0.0128" }, "digit": "1" }),
    ));

    add(case(
        "newtypes",
        Newtypes {
            sku: Sku("B-42".into()),
            cents: Cents(-4_200),
            digest: Digest([0xca, 0xfe, 0xba, 0xbe]),
            wrapped: Wrapped(Voucher { code: "W".into() }),
            skus: vec![Sku("a".into()), Sku("b".into())],
            maybe: Some(Cents(i64::MIN)),
            by_sku: BTreeMap::from([("a".into(), Cents(1))]),
        },
        json!({
            "sku": "B-42",
            "cents": -4200,
            "digest": "cafebabe",
            "wrapped": { "code": "W" },
            "skus": ["a", "b"],
            "maybe": { "long": -9223372036854775808i64 },
            "by_sku": { "a": 1 }
        }),
    ));

    add(case(
        "namespaces",
        Namespaces {
            north: north::Line { id: 1 },
            south: south::Line {
                name: "s".into(),
                north: north::Line { id: 2 },
            },
            norths: vec![north::Line { id: 3 }],
            souths: Some(south::Line {
                name: "t".into(),
                north: north::Line { id: 4 },
            }),
            plain: Plain { id: 5 },
            status: Status::Active,
        },
        json!({
            "north": { "id": 1 },
            "south": { "name": "s", "north": { "id": 2 } },
            "norths": [{ "id": 3 }],
            "souths": { "com.example.south.deep.er.Line": { "name": "t", "north": { "id": 4 } } },
            "plain": { "id": 5 },
            "status": "ACTIVE"
        }),
    ));

    add(case(
        "renamed",
        Renamed {
            order_id: 42,
            reference: "r-1".into(),
            both: true,
            retry_count: 3,
            cache: vec![],
            kind: Kind::SecondKind,
        },
        json!({ "orderId": 42, "ref": "r-1", "avroName": true, "retryCount": 3,
                "kind": "SECOND_KIND" }),
    ));
    add(case(
        "renamed_third",
        Renamed {
            kind: Kind::Third,
            ..Renamed::default()
        },
        json!({ "orderId": 0, "ref": "", "avroName": false, "retryCount": 0, "kind": "THIRD" }),
    ));

    add(case(
        "defaults",
        Defaults::default(),
        json!({
            "flag": true, "int": -7, "long": 1099511627776i64, "single": 1.5, "double": -0.25,
            "text": "déjà vu ✓", "bytes": "007f80ff", "hash": "0102feff", "list": ["a", "b"],
            "map": { "k": 1 }, "maybe": null, "status": "CLOSED", "voucher": { "code": "V" },
            "vouchers": null
        }),
    ));

    // Whole envelopes: the metadata record around an event, with every optional field unset
    // and set.
    let scalars = Scalars {
        flag: true,
        tiny: 1,
        small: 2,
        int: 3,
        byte: 4,
        word: 5,
        long: 6,
        unsigned: 7,
        text: "ü".into(),
    };
    let scalars_json = json!({ "flag": true, "tiny": 1, "small": 2, "int": 3, "byte": 4,
                               "word": 5, "long": 6, "unsigned": 7, "text": "ü" });
    let id = Uuid::from_u128(0x0193_7c2e_5a1b_7d3c_9f2e_4b6a_8c1d_0e5f);
    add(case(
        "envelope_scalars_bare",
        tidings::Envelope::new(scalars.clone())
            .with_id(id)
            .with_time(Timestamp::from_unix_micros(1_700_000_000_123_456)),
        json!({
            "id": "01937c2e-5a1b-7d3c-9f2e-4b6a8c1d0e5f", "type": "interop.scalars",
            "version": 1, "source": "tidings-tests", "time": "2023-11-14T22:13:20.123456Z",
            "subject": null, "correlation_id": null, "causation_id": null, "traceparent": null,
            "extensions": {}, "data": scalars_json
        }),
    ));
    add(case(
        "envelope_scalars_full",
        tidings::Envelope::new(scalars)
            .with_id(id)
            .with_time(Timestamp::from_unix_micros(-1))
            .with_source("https://acme.com/orders")
            .and_then(|e| e.with_subject("order-1"))
            .and_then(|e| e.with_correlation_id("checkout 7f3a"))
            .and_then(|e| e.with_causation_id("cmd-9"))
            .and_then(|e| {
                e.with_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
            })
            .and_then(|e| e.with_extension("tenant", "acme"))
            .unwrap(),
        json!({
            "id": "01937c2e-5a1b-7d3c-9f2e-4b6a8c1d0e5f", "type": "interop.scalars",
            "version": 1, "source": "https://acme.com/orders",
            "time": "1969-12-31T23:59:59.999999Z", "subject": { "string": "order-1" },
            "correlation_id": { "string": "checkout 7f3a" },
            "causation_id": { "string": "cmd-9" },
            "traceparent": { "string": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" },
            "extensions": { "tenant": "acme" }, "data": scalars_json
        }),
    ));

    cases
}

// ---------------------------------------------------------------------------------------------
// The machinery: a manifest in, one run of each script, their report out.
// ---------------------------------------------------------------------------------------------

/// Decodes bytes another library wrote and compares them with the case's Rust value.
type Check = Box<dyn Fn(&[u8]) -> Result<(), String> + Send + Sync>;

/// One case: the Rust bytes, the expected value, and how to check bytes from another library,
/// as a raw datum and as a single-object message.
struct Case {
    name: &'static str,
    schema: String,
    bytes: Vec<u8>,
    message: Vec<u8>,
    expected: Value,
    check: Check,
    check_message: Check,
}

fn case<T>(name: &'static str, value: T, expected: Value) -> Case
where
    T: Avro + Debug + PartialEq + Send + Sync,
{
    let value = Arc::new(value);
    let same = |value: &T, decoded: T| match decoded == *value {
        true => Ok(()),
        false => Err(format!(
            "decode to another value (Rust Debug, expected then decoded) {}",
            difference(&format!("{value:?}"), &format!("{decoded:?}"))
        )),
    };
    let raw = Arc::clone(&value);
    let framed = Arc::clone(&value);
    Case {
        name,
        schema: label::<T>(),
        bytes: tidings::encode(&*value).unwrap(),
        message: single_object::encode(&*value).unwrap(),
        expected,
        check: Box::new(move |bytes| match tidings::decode::<T>(bytes) {
            Ok(decoded) => same(&raw, decoded),
            Err(err) => Err(format!("do not decode: {err}")),
        }),
        check_message: Box::new(move |bytes| match single_object::decode::<T>(bytes) {
            Ok(decoded) => same(&framed, decoded),
            Err(err) => Err(format!("do not decode: {err}")),
        }),
    }
}

/// Names a schema in the manifest: the Rust type it is generated from.
fn label<T: Avro>() -> String {
    std::any::type_name::<T>().to_owned()
}

/// A schema for the libraries to parse.
fn schema_entry(label: String, text: String) -> Value {
    json!({ "label": label, "text": text })
}

/// `tidings::avsc::<T>()` of every fixture, nested ones alone too.
fn fixture_schemas() -> Vec<Value> {
    fn entry<T: Avro>() -> Value {
        schema_entry(label::<T>(), tidings::avsc::<T>())
    }
    vec![
        entry::<Scalars>(),
        entry::<Floats>(),
        entry::<Text>(),
        entry::<Blobs>(),
        entry::<Status>(),
        entry::<Voucher>(),
        entry::<Payment>(),
        entry::<Any>(),
        entry::<Anys>(),
        entry::<Nullable>(),
        entry::<Collections>(),
        entry::<Large>(),
        entry::<LinkedList>(),
        entry::<Tree>(),
        entry::<Recursive>(),
        entry::<Ids>(),
        entry::<Times>(),
        entry::<Money>(),
        entry::<Sku>(),
        entry::<Cents>(),
        entry::<Digest>(),
        entry::<Wrapped>(),
        entry::<Newtypes>(),
        entry::<north::Line>(),
        entry::<south::Line>(),
        entry::<Plain>(),
        entry::<Namespaces>(),
        entry::<Renamed>(),
        entry::<Kind>(),
        entry::<Defaults>(),
        entry::<tidings::Envelope<Scalars>>(),
    ]
}

/// Every `.avsc` file the repository commits under `schemas/`.
fn repository_schemas() -> Vec<Value> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    ["schemas", "schemas/envelopes"]
        .into_iter()
        .flat_map(|folder| {
            let dir = root.join(folder);
            let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
                .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
                .map(|entry| entry.unwrap().path())
                .filter(|path| path.extension().is_some_and(|ext| ext == "avsc"))
                .collect();
            paths.sort();
            assert!(!paths.is_empty(), "no .avsc files in {}", dir.display());
            paths.into_iter().map(move |path| {
                let text = std::fs::read_to_string(&path).unwrap();
                let name = path.file_name().unwrap().to_string_lossy();
                schema_entry(format!("{folder}/{name}"), text)
            })
        })
        .collect()
}

const LIBRARIES: [&str; 3] = ["avro", "fastavro", "avsc"];

/// A script's report: what it encoded, and what failed.
#[derive(Deserialize)]
struct Report {
    encoded: HashMap<String, HashMap<String, String>>,
    canonical: HashMap<String, BTreeMap<String, String>>,
    failures: Vec<Failure>,
}

#[derive(Deserialize)]
struct Failure {
    library: String,
    case: String,
    stage: String,
    message: String,
}

struct Run {
    cases: Vec<Case>,
    schemas: usize,
    /// Each script's report, or why there is none.
    reports: Vec<Result<Report, String>>,
    summaries: Vec<String>,
}

impl Run {
    fn reports(&self) -> impl Iterator<Item = &Report> {
        self.reports
            .iter()
            .map(|report| report.as_ref().unwrap_or_else(|err| panic!("{err}")))
    }

    /// Panics with every failure of `stage`, each with its library, case and message.
    fn assert_no_failures(&self, stage: &str) {
        let failures: Vec<String> = self
            .reports()
            .flat_map(|report| &report.failures)
            .filter(|failure| failure.stage == stage)
            .map(|f| format!("[{}] {}: {}", f.library, f.case, f.message))
            .collect();
        for summary in &self.summaries {
            println!("{summary}");
        }
        assert!(
            failures.is_empty(),
            "{} {stage} failure(s):\n\n{}",
            failures.len(),
            failures.join("\n\n")
        );
    }
}

/// The one run of the scripts, shared by the tests; `None` when skipped.
fn run() -> Option<&'static Run> {
    static RUN: OnceLock<Option<Run>> = OnceLock::new();
    let run = RUN
        .get_or_init(|| {
            let (python, node_modules) = tools()?;
            Some(run_scripts(&python, &node_modules))
        })
        .as_ref();
    if run.is_none() {
        println!(
            "skipped: TIDINGS_SKIP_INTEROP=1 and TIDINGS_PYTHON or TIDINGS_NODE_MODULES is unset, \
             so nothing was checked against Python avro, fastavro and avsc"
        );
    }
    run
}

/// The Python and the node_modules to use, `None` to skip, or a panic saying how to get them.
fn tools() -> Option<(PathBuf, PathBuf)> {
    let var = |name| std::env::var_os(name).filter(|v| !v.is_empty());
    match (var("TIDINGS_PYTHON"), var("TIDINGS_NODE_MODULES")) {
        (Some(python), Some(modules)) => Some((python.into(), modules.into())),
        _ if std::env::var("TIDINGS_SKIP_INTEROP").as_deref() == Ok("1") => None,
        _ => panic!(
            "the cross-language tests need Python avro and fastavro and the npm avsc: run \
             `bash scripts/test.sh`, which installs them and sets TIDINGS_PYTHON and \
             TIDINGS_NODE_MODULES (or set TIDINGS_SKIP_INTEROP=1 to skip these tests)"
        ),
    }
}

fn run_scripts(python: &Path, node_modules: &Path) -> Run {
    let cases = cases();
    let mut names = std::collections::HashSet::new();
    for case in &cases {
        assert!(names.insert(case.name), "two cases named {}", case.name);
    }
    let schemas: Vec<Value> = repository_schemas()
        .into_iter()
        .chain(fixture_schemas())
        .collect();
    let manifest = json!({
        "schemas": schemas,
        "cases": cases.iter().map(|case| json!({
            "name": case.name,
            "schema": case.schema,
            "bytes": hex(&case.bytes),
            "expected": case.expected,
        })).collect::<Vec<_>>(),
    });

    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("interop-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let manifest_path = dir.join("manifest.json");
    std::fs::write(&manifest_path, serde_json::to_vec(&manifest).unwrap()).unwrap();
    let scripts = Path::new(env!("CARGO_MANIFEST_DIR")).join("interop");
    let node = std::env::var_os("TIDINGS_NODE").unwrap_or_else(|| "node".into());

    // Both at once: each reads the manifest, checks every case, and writes its report.
    let outputs = [
        (
            "python",
            python.as_os_str(),
            scripts.join("check.py"),
            dir.join("python.json"),
        ),
        (
            "node",
            node.as_os_str(),
            scripts.join("check.mjs"),
            dir.join("node.json"),
        ),
    ];
    let children: Vec<_> = outputs
        .iter()
        .map(|(what, program, script, output)| {
            let child = Command::new(program)
                .arg(script)
                .arg(&manifest_path)
                .arg(output)
                .env("TIDINGS_NODE_MODULES", node_modules)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap_or_else(|err| panic!("cannot run {what} {}: {err}", program.display()));
            (what, output, child)
        })
        .collect();

    let mut reports = Vec::new();
    let mut summaries = Vec::new();
    for (what, output, child) in children {
        let done = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&done.stdout);
        let stderr = String::from_utf8_lossy(&done.stderr);
        summaries.push(stdout.lines().last().unwrap_or_default().to_owned());
        // Exit 0 is a clean run and 1 a run with failures (in the report); anything else, or no
        // report, is a crash.
        let report = match (done.status.code(), std::fs::read(output)) {
            (Some(0 | 1), Ok(bytes)) => serde_json::from_slice::<Report>(&bytes)
                .map_err(|err| format!("the {what} report is not valid: {err}")),
            (_, _) => Err(format!(
                "the {what} script crashed ({}):\n{stdout}\n{stderr}",
                done.status
            )),
        };
        reports.push(report);
    }
    if reports
        .iter()
        .all(|r| r.as_ref().is_ok_and(|r| r.failures.is_empty()))
    {
        let _ = std::fs::remove_dir_all(&dir);
    } else {
        println!("the manifest and reports are kept in {}", dir.display());
    }
    Run {
        cases,
        schemas: schemas.len(),
        reports,
        summaries,
    }
}

/// Where two texts first differ, with some context.
fn difference(a: &str, b: &str) -> String {
    let at = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((at, _), _)| at);
    let start = a[..at].char_indices().rev().nth(60).map_or(0, |(i, _)| i);
    let context = |text: &str| {
        text.get(start..)
            .unwrap_or("")
            .chars()
            .take(160)
            .collect::<String>()
    };
    format!("at byte {at}:\n  {}\n  {}", context(a), context(b))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

/// A long text cut short: the large cases would print megabytes.
fn shorten(text: String) -> String {
    const MAX: usize = 300;
    match text.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}… ({} more bytes)", &text[..at], text.len() - at),
        None => text,
    }
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

#[test]
fn every_schema_parses_in_every_library_with_the_same_canonical_form() {
    let Some(run) = run() else { return };
    run.assert_no_failures("schema");
    // The same Parsing Canonical Form everywhere, hence the same fingerprints.
    // (`avro` 1.12's `canonical_form` is not the specification's: see check.py.)
    let forms: Vec<(&str, &BTreeMap<String, String>)> = ["fastavro", "avsc"]
        .iter()
        .map(|library| {
            let forms = run
                .reports()
                .find_map(|report| report.canonical.get(*library))
                .unwrap_or_else(|| panic!("no canonical forms from {library}"));
            (*library, forms)
        })
        .collect();
    let (first, reference) = forms[0];
    assert_eq!(reference.len(), run.schemas);
    // And tidings' own, which its single-object fingerprints are computed from.
    for entry in repository_schemas().into_iter().chain(fixture_schemas()) {
        let label = entry["label"].as_str().unwrap();
        let schema: Value = serde_json::from_str(entry["text"].as_str().unwrap()).unwrap();
        let ours = tidings::canonical::parsing_canonical_form(&schema).unwrap();
        let theirs = reference.get(label).map_or("(none)", String::as_str);
        assert!(
            ours == theirs,
            "the canonical form of {label} in {first} is not tidings': {}",
            difference(&ours, theirs)
        );
    }
    for (library, forms) in &forms[1..] {
        for (label, form) in reference.iter() {
            let other = forms.get(label).map_or("(none)", String::as_str);
            assert!(
                other == form,
                "the canonical form of {label} in {library} is not {first}'s: {}",
                difference(form, other)
            );
        }
    }
}

#[test]
fn rust_bytes_decode_to_the_hand_written_values_in_every_library() {
    let Some(run) = run() else { return };
    run.assert_no_failures("decode");
}

#[test]
fn bytes_every_library_writes_decode_to_the_rust_values() {
    let Some(run) = run() else { return };
    // What the libraries could not encode, then what tidings decodes wrongly.
    let mut failures: Vec<String> = run
        .reports()
        .flat_map(|report| &report.failures)
        .filter(|failure| failure.stage == "encode")
        .map(|f| format!("[{}] {}: {}", f.library, f.case, f.message))
        .collect();
    for summary in &run.summaries {
        println!("{summary}");
    }
    let mut identical = 0;
    for library in LIBRARIES {
        let no_bytes = HashMap::new();
        let encoded = run
            .reports()
            .find_map(|report| report.encoded.get(library))
            .unwrap_or(&no_bytes);
        for case in &run.cases {
            let Some(text) = encoded.get(case.name) else {
                continue; // A failure of the "encode" stage, listed above.
            };
            let bytes = unhex(text);
            identical += usize::from(bytes == case.bytes);
            if let Err(err) = (case.check)(&bytes) {
                failures.push(format!(
                    "[{library}] {}: the bytes {library} wrote {err}\n  bytes: {}",
                    case.name,
                    shorten(text.clone())
                ));
            }
        }
    }
    println!(
        "{identical} of {} encodings byte for byte the same as tidings'",
        LIBRARIES.len() * run.cases.len()
    );
    assert!(
        failures.is_empty(),
        "{} failure(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

// ---------------------------------------------------------------------------------------------
// The Confluent wire format, against confluent-kafka and schema_registry_converter
// ---------------------------------------------------------------------------------------------

#[path = "interop/cloudevents.rs"]
mod cloudevents;
#[path = "interop/confluent.rs"]
mod confluent;
#[path = "interop/resolve.rs"]
mod resolve;

/// What a Python check printed and wrote.
struct PythonRun {
    /// Where the manifest and the report are, to name in a failure message.
    dir: PathBuf,
    output: std::process::Output,
    /// The report, if the script wrote one.
    report: Option<Vec<u8>>,
}

/// Runs `interop/{script}` with `python`, its arguments the paths of `manifest` (written as
/// JSON) and of the report it writes, both in a directory of their own named after `name`.
fn run_python_check(python: &Path, name: &str, script: &str, manifest: &Value) -> PythonRun {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (manifest_path, report_path) = (dir.join("manifest.json"), dir.join("report.json"));
    std::fs::write(&manifest_path, serde_json::to_vec_pretty(manifest).unwrap()).unwrap();
    let output = Command::new(python)
        .arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("interop")
                .join(script),
        )
        .arg(&manifest_path)
        .arg(&report_path)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|err| panic!("cannot run {}: {err}", python.display()));
    let report = std::fs::read(&report_path).ok();
    PythonRun {
        dir,
        output,
        report,
    }
}

/// The Python of `TIDINGS_PYTHON`, for the checks that need only Python (`what` it must hold);
/// `None` to skip with `TIDINGS_SKIP_INTEROP=1`, else a panic saying how to get it.
fn python(what: &str) -> Option<PathBuf> {
    match std::env::var_os("TIDINGS_PYTHON").filter(|v| !v.is_empty()) {
        Some(python) => Some(python.into()),
        None if std::env::var("TIDINGS_SKIP_INTEROP").as_deref() == Ok("1") => None,
        None => panic!(
            "this interop test needs {what}: run `bash scripts/test.sh`, which installs it and \
             sets TIDINGS_PYTHON (or set TIDINGS_SKIP_INTEROP=1 to skip)"
        ),
    }
}
