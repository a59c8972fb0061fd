use tidings::{Event, EventStream};

mod v1 {
    #[derive(tidings::Event)]
    #[event(type = "order.placed", version = 1)]
    #[avro(namespace = "com.acme.orders")]
    pub struct OrderPlaced {
        pub id: String,
    }
}

#[derive(Event)]
#[event(type = "order.placed", version = 2, upcast_from = v1::OrderPlaced)]
#[avro(namespace = "com.acme.orders")]
pub struct OrderPlaced {
    pub id: String,
}

impl From<v1::OrderPlaced> for OrderPlaced {
    fn from(old: v1::OrderPlaced) -> Self {
        OrderPlaced { id: old.id }
    }
}

#[derive(EventStream)]
enum OrderLog {
    Placed(OrderPlaced),
    PlacedBefore(v1::OrderPlaced),
}

fn main() {}
