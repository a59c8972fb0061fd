use tidings::Avro;

mod v1 {
    #[derive(tidings::Event)]
    pub struct OrderPlaced {
        pub order_id: String,
    }
}

// `#[event(...)]` belongs to `#[derive(Event)]`: rustc itself says to add it.
#[derive(Avro)]
#[event(version = 2, upcast_from = v1::OrderPlaced)]
struct OrderPlaced {
    order_id: String,
}

fn main() {}
