use tidings::Event;

mod v1 {
    #[derive(tidings::Event)]
    #[event(type = "order.placed", version = 1)]
    pub struct OrderPlaced {
        pub customer: String,
    }
}

// No `From<v1::OrderPlaced>` or `TryFrom<v1::OrderPlaced>` impl.
#[derive(Event)]
#[event(type = "order.placed", version = 2, upcast_from = v1::OrderPlaced)]
struct OrderPlaced {
    first_name: String,
    last_name: String,
}

fn main() {}
