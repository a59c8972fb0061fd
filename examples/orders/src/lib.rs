//! The contracts of an order service: the events it publishes, as Rust types.
//!
//! Each event type is a public contract. A compatible change (a new field with a default) keeps
//! the type; a breaking change is a new major version: a new type in a new module, with its own
//! Avro full name (`com.acme.orders.v2.OrderPlaced`) and so its own registry subject.

use rust_decimal::Decimal;
use tidings::{Avro, Event, Timestamp};

mod upcast;

pub use upcast::UnreadableOrder;

/// Version 1 of the order events.
pub mod v1 {
    use super::*;

    /// An order was placed by a customer.
    ///
    /// Revision 1 had the first three fields; revision 2 added `customer_name`, a compatible
    /// change: it is optional, so readers of revision 2 read revision 1's bytes with `None`.
    #[derive(Event, Debug, Clone, PartialEq)]
    #[event(type = "order.placed", version = 1, source = "order-service")]
    #[avro(namespace = "com.acme.orders")]
    pub struct OrderPlaced {
        /// The order, as the order service numbers it.
        pub order_id: uuid::Uuid,
        /// What was ordered, as free text: `{quantity} x {sku} @ {unit price}`.
        pub items: Vec<String>,
        /// The total in cents.
        pub total_cents: i64,
        /// The name the customer gave, if any (revision 2).
        pub customer_name: Option<String>,
    }
}

/// Version 2: lines with quantities and prices replace free-text items, a breaking change.
pub mod v2 {
    use super::*;

    // Consumers of v2 read v1 orders too: `upcast_from` names the previous major version, and
    // `TryFrom<v1::OrderPlaced>` (in `upcast.rs`) turns one into the other, or says why not.
    // (A plain comment: a doc comment is the schema's `doc`, and would make a new revision.)

    /// An order was placed by a customer.
    #[derive(Event, Debug, Clone, PartialEq)]
    #[event(
        type = "order.placed",
        version = 2,
        source = "order-service",
        upcast_from = v1::OrderPlaced
    )]
    #[avro(namespace = "com.acme.orders")]
    pub struct OrderPlaced {
        /// The order, as the order service numbers it.
        pub order_id: uuid::Uuid,
        /// The customer who placed it.
        pub customer: Customer,
        /// What was ordered.
        pub lines: Vec<Line>,
        /// Where the order came from.
        pub channel: Channel,
        /// A note from the customer, if any.
        pub note: Option<String>,
        /// ISO 4217 code of every amount in the order.
        #[avro(default = "USD")]
        pub currency: String,
        /// When the customer placed it.
        pub placed_at: Timestamp,
    }
}

/// A payment for an order was declined.
#[derive(Event, Debug, Clone, PartialEq)]
#[event(type = "payment.failed", source = "payment-service")]
#[avro(namespace = "com.acme.payments")]
pub struct PaymentFailed {
    /// The order the payment was for.
    pub order_id: uuid::Uuid,
    /// The amount that was declined.
    #[avro(precision = 12, scale = 2)]
    pub amount: Decimal,
    /// Why it was declined.
    pub reason: DeclineReason,
    /// When the payment provider answered, to the millisecond.
    #[avro(timestamp = "millis")]
    pub declined_at: Timestamp,
}

/// A payment for an order went through. Derives serde too, so CloudEvents can carry it as JSON.
#[derive(Event, Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[event(type = "payment.processed", source = "payment-service")]
#[avro(namespace = "com.acme.payments")]
pub struct PaymentProcessed {
    /// The order the payment was for.
    pub order_id: uuid::Uuid,
    /// The amount charged, in cents of `currency`.
    pub amount_cents: i64,
    /// ISO 4217 code of the amount.
    pub currency: String,
    /// When the payment provider confirmed it.
    pub processed_at: Timestamp,
}

/// Stock was set aside for a paid order.
#[derive(Event, Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[event(type = "inventory.reserved", source = "inventory-service")]
#[avro(namespace = "com.acme.inventory")]
pub struct InventoryReserved {
    /// The order the stock is for.
    pub order_id: uuid::Uuid,
    /// The warehouse holding it.
    pub warehouse: String,
    /// The SKUs reserved, with their quantities.
    pub reserved: std::collections::BTreeMap<String, i32>,
}

/// A customer, as the order saw them.
#[derive(Avro, Debug, Clone, PartialEq)]
#[avro(namespace = "com.acme.customers")]
pub struct Customer {
    /// The customer's account.
    pub id: uuid::Uuid,
    /// The name to address them by.
    pub display_name: String,
}

/// One line of an order.
#[derive(Avro, Debug, Clone, PartialEq)]
#[avro(namespace = "com.acme.orders")]
pub struct Line {
    /// The stock-keeping unit.
    pub sku: Sku,
    /// How many were ordered.
    pub quantity: u32,
    /// The price of one, in the order's currency.
    #[avro(precision = 12, scale = 2)]
    pub unit_price: Decimal,
}

/// A stock-keeping unit: a string on the wire, its own type in Rust.
#[derive(Avro, Debug, Clone, PartialEq)]
pub struct Sku(pub String);

/// Where an order came from. Readers that do not know a newer channel read `Unknown`.
#[derive(Avro, Debug, Clone, Copy, PartialEq)]
#[avro(namespace = "com.acme.orders", default = "Unknown")]
pub enum Channel {
    /// A channel this reader does not know.
    Unknown,
    /// The web shop.
    Web,
    /// A physical store.
    Store,
}

/// Why a payment was declined: an Avro union of one record per variant.
#[derive(Avro, Debug, Clone, PartialEq)]
#[avro(namespace = "com.acme.payments")]
pub enum DeclineReason {
    /// The card issuer refused, with its code.
    Refused {
        /// The issuer's decline code.
        code: String,
    },
    /// The card has expired.
    Expired,
    /// The fraud check stopped it.
    Fraud {
        /// The fraud score, 0 to 1.
        score: f64,
    },
}
