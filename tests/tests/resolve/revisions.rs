//! Two revisions of one event within a major version, each a Rust type of its own with the same
//! Avro full name: what a producer built last year wrote (`rev1`) and what a consumer reads today
//! (`rev2`). Every compatible change the resolution rules allow is in `rev2` once. Shared with the
//! fuzz target `resolve` (included by path).

use std::collections::BTreeMap;
use tidings::{Avro, Event};

pub mod rev1 {
    use super::*;

    /// An order as revision 1 wrote it.
    #[derive(Event, Debug, Clone, PartialEq)]
    #[event(type = "fixture.order", version = 1, source = "fixture")]
    #[avro(name = "Order", namespace = "resolve.fixture")]
    pub struct Order {
        pub id: String,
        pub customer: Customer,
        pub lines: Vec<Line>,
        pub by_sku: BTreeMap<String, Line>,
        pub status: Status,
        /// Removed in revision 2.
        pub legacy: i32,
        /// An `int`, a `long` in revision 2.
        pub count: i32,
        /// A `float`, a `double` in revision 2.
        pub ratio: f32,
        /// A `string`, `["null", "string"]` in revision 2.
        pub note: String,
        /// `["null", "int"]`, `["null", "long"]` in revision 2.
        pub code: Option<i32>,
        pub payment: Payment,
        /// Renamed `quantity` and moved first in revision 2.
        pub qty: i32,
        /// `bytes`, a `string` in revision 2.
        pub label: Vec<u8>,
    }

    /// Renamed `Client` in revision 2.
    #[derive(Avro, Debug, Clone, PartialEq)]
    #[avro(name = "Customer", namespace = "resolve.fixture")]
    pub struct Customer {
        pub name: String,
        pub email: String,
    }

    /// Gains a defaulted `unit` in revision 2.
    #[derive(Avro, Debug, Clone, PartialEq)]
    #[avro(name = "Line", namespace = "resolve.fixture")]
    pub struct Line {
        pub sku: String,
        pub quantity: i32,
    }

    /// Revision 2 drops `Cancelled`, adds `Shipped` and a default symbol.
    #[derive(Avro, Debug, Clone, Copy, PartialEq)]
    #[avro(name = "Status", namespace = "resolve.fixture")]
    pub enum Status {
        Placed,
        Paid,
        Cancelled,
    }

    /// Revision 2 adds a branch before these and swaps them.
    #[derive(Avro, Debug, Clone, PartialEq)]
    #[avro(name = "Payment", namespace = "resolve.fixture")]
    pub enum Payment {
        Card { last4: String },
        Cash { cents: i32 },
    }
}

pub mod rev2 {
    use super::*;

    /// An order as consumers read it now.
    #[derive(Event, Debug, Clone, PartialEq)]
    #[event(type = "fixture.order", version = 1, source = "fixture")]
    #[avro(name = "Order", namespace = "resolve.fixture")]
    pub struct Order {
        #[avro(aliases = ["qty"])]
        pub quantity: i64,
        pub id: String,
        #[avro(aliases = ["customer"])]
        pub client: Client,
        pub lines: Vec<Line>,
        pub by_sku: BTreeMap<String, Line>,
        pub status: Status,
        pub count: i64,
        pub ratio: f64,
        pub note: Option<String>,
        pub code: Option<i64>,
        pub payment: Payment,
        pub label: String,
        /// Added with a default.
        #[avro(default = "EUR")]
        pub currency: String,
    }

    /// `Customer`, renamed.
    #[derive(Avro, Debug, Clone, PartialEq)]
    #[avro(name = "Client", namespace = "resolve.fixture", aliases = ["resolve.fixture.Customer"])]
    pub struct Client {
        pub name: String,
        pub email: String,
    }

    #[derive(Avro, Debug, Clone, PartialEq)]
    #[avro(name = "Line", namespace = "resolve.fixture")]
    pub struct Line {
        pub sku: String,
        pub quantity: i32,
        #[avro(default = "pcs")]
        pub unit: String,
    }

    #[derive(Avro, Debug, Clone, Copy, PartialEq)]
    #[avro(name = "Status", namespace = "resolve.fixture", default = "Unknown")]
    pub enum Status {
        Unknown,
        Placed,
        Paid,
        Shipped,
    }

    #[derive(Avro, Debug, Clone, PartialEq)]
    #[avro(name = "Payment", namespace = "resolve.fixture")]
    pub enum Payment {
        Voucher { code: String },
        Cash { cents: i64 },
        Card { last4: String },
    }
}

/// A revision 1 order; `seed` varies every field.
pub fn order(seed: u32) -> rev1::Order {
    let line = |i: u32| rev1::Line {
        sku: format!("SKU-{i}"),
        quantity: i as i32 - 3,
    };
    rev1::Order {
        id: format!("order-{seed}"),
        customer: rev1::Customer {
            name: "Ada".into(),
            email: format!("ada{seed}@example.com"),
        },
        lines: (0..seed % 4).map(line).collect(),
        by_sku: (0..seed % 3).map(|i| (format!("k{i}"), line(i))).collect(),
        status: [
            rev1::Status::Placed,
            rev1::Status::Paid,
            rev1::Status::Cancelled,
        ][seed as usize % 3],
        legacy: -7,
        count: i32::MIN + seed as i32,
        ratio: 0.1 * seed as f32,
        note: "leave at the door".into(),
        code: seed.is_multiple_of(2).then_some(seed as i32 * 1000),
        payment: if seed.is_multiple_of(2) {
            rev1::Payment::Card {
                last4: "4242".into(),
            }
        } else {
            rev1::Payment::Cash { cents: seed as i32 }
        },
        qty: seed as i32,
        label: b"gift".to_vec(),
    }
}

/// What revision 2 reads `old` as, by the resolution rules.
pub fn resolved(old: &rev1::Order) -> rev2::Order {
    let line = |l: &rev1::Line| rev2::Line {
        sku: l.sku.clone(),
        quantity: l.quantity,
        unit: "pcs".into(),
    };
    rev2::Order {
        quantity: old.qty.into(),
        id: old.id.clone(),
        client: rev2::Client {
            name: old.customer.name.clone(),
            email: old.customer.email.clone(),
        },
        lines: old.lines.iter().map(line).collect(),
        by_sku: old
            .by_sku
            .iter()
            .map(|(k, l)| (k.clone(), line(l)))
            .collect(),
        status: match old.status {
            rev1::Status::Placed => rev2::Status::Placed,
            rev1::Status::Paid => rev2::Status::Paid,
            rev1::Status::Cancelled => rev2::Status::Unknown,
        },
        count: old.count.into(),
        ratio: old.ratio.into(),
        note: Some(old.note.clone()),
        code: old.code.map(i64::from),
        payment: match &old.payment {
            rev1::Payment::Card { last4 } => rev2::Payment::Card {
                last4: last4.clone(),
            },
            rev1::Payment::Cash { cents } => rev2::Payment::Cash {
                cents: (*cents).into(),
            },
        },
        label: String::from_utf8(old.label.clone()).expect("the fixture's label is UTF-8"),
        currency: "EUR".into(),
    }
}
