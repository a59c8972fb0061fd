use tidings::{Avro, Event};

mod v1 {
    /// Derives `Avro` only: it can be nested in an event, but it is not one.
    #[derive(tidings::Avro)]
    pub struct OrderPlaced {
        pub customer: String,
    }
}

#[derive(Event)]
#[event(type = "order.placed", version = 2, upcast_from = v1::OrderPlaced)]
struct OrderPlaced {
    first_name: String,
}

impl From<v1::OrderPlaced> for OrderPlaced {
    fn from(old: v1::OrderPlaced) -> Self {
        OrderPlaced { first_name: old.customer }
    }
}

fn main() {
    let _ = <OrderPlaced as Avro>::schema;
}
