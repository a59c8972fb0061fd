use tidings::Avro;

mod v1 {
    #[derive(tidings::Event)]
    pub struct OrderPlaced {
        pub order_id: String,
    }
}

// `upcast_from` is an event's: a type that only derives `Avro` has no versions.
#[derive(Avro)]
#[avro(upcast_from = v1::OrderPlaced)]
struct OrderPlaced {
    order_id: String,
}

fn main() {}
