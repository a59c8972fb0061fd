//! A service that publishes shipping events. It builds only while the contracts stay
//! compatible with every registered revision (see `build.rs`).

use shipping_contracts::{Carrier, Parcel, ShipmentDispatched};
use tidings::Timestamp;

fn main() {
    let event = ShipmentDispatched {
        shipment_id: uuid::Uuid::now_v7(),
        carrier: Carrier::Dhl,
        parcels: vec![Parcel {
            weight_grams: 1200,
            tracking_code: Some("JD0146".into()),
        }],
        dispatched_at: Timestamp::now(),
    };
    let bytes = tidings::encode(&event).expect("the event has no field that can be out of range");
    println!("shipment.dispatched: {} bytes of Avro", bytes.len());
}
