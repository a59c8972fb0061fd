//! The shipping service's events: the contract its consumers build against.
//!
//! Every registered revision of these schemas is in `examples/ci/schemas/history`; the service
//! crate's `build.rs` fails the build when an edit here would break one of them.

use tidings::{Avro, Event, Timestamp};

/// A shipment left the warehouse.
#[derive(Event, Debug, Clone, PartialEq)]
#[event(type = "shipment.dispatched", source = "shipping-service")]
#[avro(namespace = "com.acme.shipping")]
pub struct ShipmentDispatched {
    /// The shipment.
    pub shipment_id: uuid::Uuid,
    /// Who carries it.
    pub carrier: Carrier,
    /// The parcels, in loading order.
    pub parcels: Vec<Parcel>,
    /// When the carrier took it.
    pub dispatched_at: Timestamp,
}

/// A parcel of a shipment.
#[derive(Avro, Debug, Clone, PartialEq)]
#[avro(namespace = "com.acme.shipping")]
pub struct Parcel {
    /// Gross weight.
    pub weight_grams: u32,
    /// The carrier's tracking code, once it has assigned one.
    pub tracking_code: Option<String>,
}

/// The carriers the warehouse hands parcels to.
#[derive(Avro, Debug, Clone, Copy, PartialEq)]
#[avro(namespace = "com.acme.shipping", default = "Other")]
pub enum Carrier {
    /// DHL.
    Dhl,
    /// UPS.
    Ups,
    /// Anyone else, and carriers added after a reader was built.
    Other,
}
