use tidings::Event;

mod v1 {
    #[derive(tidings::Event)]
    #[event(type = "order.placed", version = 1)]
    pub struct OrderPlaced {
        pub order_id: String,
    }
}

// Version 3 straight from version 1: version 2 is missing from the chain.
#[derive(Event)]
#[event(type = "order.placed", version = 3, upcast_from = v1::OrderPlaced)]
struct OrderPlaced {
    order_id: String,
}

impl From<v1::OrderPlaced> for OrderPlaced {
    fn from(old: v1::OrderPlaced) -> Self {
        OrderPlaced { order_id: old.order_id }
    }
}

fn main() {}
