//! The fixture types decoded from hostile input, shared by `tests/tests/hostile_input.rs` and the
//! fuzz targets in `fuzz/` (which include this file by path, so the workspace never depends on
//! the fuzz crate). They cover every shape the derive and the runtime map: records, newtypes, unit
//! structs, unit enums, unions with every variant style, options of each, arrays, deques, maps,
//! nested maps, bytes, fixed, uuid, timestamps in both units and three instant types, decimals,
//! and recursive types through `Box`, `Option` and `Vec`.

#![allow(dead_code)]

use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap, VecDeque};
use tidings::{Avro, Event, Timestamp};

/// An event that holds one of everything.
#[derive(Event, Debug, Clone, PartialEq)]
#[event(
    type = "hostile.everything",
    version = 1,
    source = "hostile-input-tests"
)]
#[avro(namespace = "tidings.hostile")]
pub struct Everything {
    pub id: uuid::Uuid,
    pub flag: bool,
    pub tiny: i8,
    pub small: i16,
    pub count: i32,
    pub byte: u8,
    pub port: u16,
    pub wide: u32,
    pub big: i64,
    pub ratio: f32,
    pub score: f64,
    pub name: String,
    pub blob: Vec<u8>,
    pub raw: bytes::Bytes,
    pub hash: [u8; 16],
    pub at: Timestamp,
    #[avro(timestamp = "millis")]
    pub at_ms: Option<Timestamp>,
    pub chrono_at: chrono::DateTime<chrono::Utc>,
    #[avro(timestamp = "millis")]
    pub time_at: time::OffsetDateTime,
    #[avro(precision = 9, scale = 2)]
    pub price: Decimal,
    #[avro(precision = 28, scale = 10)]
    pub total: Option<Decimal>,
    pub status: Status,
    pub maybe_status: Option<Status>,
    pub payment: Payment,
    pub maybe_payment: Option<Payment>,
    pub sku: Sku,
    pub marker: Marker,
    pub lines: Vec<Line>,
    pub notes: Vec<Option<String>>,
    pub queue: VecDeque<i32>,
    pub attrs: BTreeMap<String, Vec<String>>,
    pub nested: BTreeMap<String, BTreeMap<String, Option<i64>>>,
    pub tree: Option<Box<Tree>>,
    pub expr: Expr,
}

/// A record nested in arrays.
#[derive(Avro, Debug, Clone, PartialEq)]
#[avro(namespace = "tidings.hostile")]
pub struct Line {
    pub sku: Sku,
    pub quantity: u32,
    pub tags: Vec<String>,
}

/// A newtype: the schema of its field.
#[derive(Avro, Debug, Clone, PartialEq)]
pub struct Sku(pub String);

/// A unit struct: an empty record, zero bytes on the wire.
#[derive(Avro, Debug, Clone, PartialEq)]
#[avro(namespace = "tidings.hostile")]
pub struct Marker;

/// A unit-only enum: an Avro `enum`.
#[derive(Avro, Debug, Clone, PartialEq)]
#[avro(namespace = "tidings.hostile")]
pub enum Status {
    Open,
    Paid,
    Shipped,
}

/// An enum with data: an Avro union of a record, a unit record and a newtype branch.
#[derive(Avro, Debug, Clone, PartialEq)]
#[avro(namespace = "tidings.hostile")]
pub enum Payment {
    Card { last4: String, expires: i32 },
    Cash,
    Voucher(Line),
}

/// A recursive record: through an option and through an array.
#[derive(Avro, Debug, Clone, PartialEq)]
#[avro(namespace = "tidings.hostile")]
pub struct Tree {
    pub value: i32,
    pub children: Vec<Tree>,
    pub next: Option<Box<Tree>>,
}

/// A recursive union: each branch record refers back to the union.
#[derive(Avro, Debug, Clone, PartialEq)]
#[avro(namespace = "tidings.hostile")]
pub enum Expr {
    Lit { value: i64 },
    Neg { inner: Box<Expr> },
    Add { left: Box<Expr>, right: Box<Expr> },
}

/// A `HashMap`, whose iteration order is not stable, kept apart from [`Everything`] so that the
/// byte-exact re-encoding checks can compare encodings of `Everything`.
#[derive(Avro, Debug, Clone, PartialEq)]
#[avro(namespace = "tidings.hostile")]
pub struct Counters {
    pub counts: HashMap<String, i64>,
    pub groups: HashMap<String, Vec<Status>>,
}

/// `100_000` nested `Some(Box(...))`: the deepest recursion hostile input can ask for.
#[derive(Avro, Debug, Clone, PartialEq)]
#[avro(namespace = "tidings.hostile")]
pub struct Chain {
    pub next: Option<Box<Chain>>,
}

/// Arrays of zero-width items: an empty record takes no bytes, so an array of them is the one
/// case where the item count may exceed the bytes left.
#[derive(Avro, Debug, Clone, PartialEq)]
#[avro(namespace = "tidings.hostile")]
pub struct Markers {
    pub markers: Vec<Marker>,
    pub fixed0: Vec<[u8; 0]>,
}
