//! Arbitrary single-object messages read by an `EventDecoder` over the committed schema history:
//! the fingerprint lookup, the envelope's metadata, the `upcast_from` lineage, resolution of an
//! older revision and a deleted version's generic reader. Any answer but a panic is fine, and the
//! stream reads what the single-type decoder reads.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use tidings::avro::types::Value;
use tidings::evolution::EventDecoder;
use tidings::upcast::{Historic, HistoricEvent};
use tidings::{Event, EventStream};

/// `order.placed` version 1, read from its last registered revision.
enum OrderPlacedV1 {}

impl Historic for OrderPlacedV1 {
    const TYPE: &'static str = "order.placed";
    const VERSION: u32 = 1;
    const SOURCE: &'static str = "order-service";
    const AVRO_NAME: &'static str = "com.acme.orders.v1.OrderPlaced";
    const SCHEMA: &'static str =
        include_str!("../../schemas/history/com.acme.orders.v1.OrderPlaced/2.avsc");
}

#[derive(Event, Debug)]
#[event(type = "order.placed", version = 2, upcast_from = HistoricEvent<OrderPlacedV1>)]
#[avro(namespace = "com.acme.orders.totals")]
struct OrderTotal {
    total_cents: i64,
}

impl TryFrom<HistoricEvent<OrderPlacedV1>> for OrderTotal {
    type Error = &'static str;

    fn try_from(old: HistoricEvent<OrderPlacedV1>) -> Result<Self, &'static str> {
        match old.field("total_cents") {
            Some(Value::Long(total_cents)) => Ok(OrderTotal { total_cents: *total_cents }),
            _ => Err("no total"),
        }
    }
}

#[derive(EventStream)]
enum Orders {
    Placed(OrderTotal),
}

fuzz_target!(|message: &[u8]| {
    static DECODER: OnceLock<EventDecoder> = OnceLock::new();
    let decoder = DECODER.get_or_init(|| {
        EventDecoder::new(tidings::embedded_history!("../schemas").expect("the committed history"))
    });
    let _ = decoder.event::<OrderTotal>(message);
    let single = decoder.envelope::<OrderTotal>(message);
    let stream = decoder.stream::<Orders>(message);
    match (single, stream) {
        (Ok(single), Ok(stream)) => {
            let Orders::Placed(order) = stream.value().data();
            assert_eq!(single.value().data().total_cents, order.total_cents);
            assert_eq!(single.value().id(), stream.value().id());
        }
        (Err(_), Err(_)) => {}
        (single, stream) => panic!("the stream and the decoder disagree: {:?} / {:?}", single.is_ok(), stream.is_ok()),
    }
});
