use tidings::Event;

mod legacy {
    #[derive(tidings::Event)]
    pub struct OrderPlaced {
        pub order_id: String,
    }
}

// No `version`: this event is version 1, the first, and has nothing to upcast from.
#[derive(Event)]
#[event(upcast_from = legacy::OrderPlaced)]
struct OrderPlaced {
    order_id: String,
}

fn main() {}
