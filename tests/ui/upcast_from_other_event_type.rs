use tidings::Event;

mod v1 {
    #[derive(tidings::Event)]
    #[event(type = "order.cancelled", version = 1)]
    pub struct OrderCancelled {
        pub order_id: String,
    }
}

#[derive(Event)]
#[event(type = "order.placed", version = 2, upcast_from = v1::OrderCancelled)]
struct OrderPlaced {
    order_id: String,
}

impl From<v1::OrderCancelled> for OrderPlaced {
    fn from(old: v1::OrderCancelled) -> Self {
        OrderPlaced { order_id: old.order_id }
    }
}

fn main() {}
