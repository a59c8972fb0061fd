use tidings::Event;

mod v1 {
    #[derive(tidings::Event)]
    pub struct OrderPlaced {
        pub order_id: String,
    }
}

#[derive(Event)]
#[event(version = 2, upcast_from = "v1::OrderPlaced")]
struct OrderPlaced {
    order_id: String,
}

fn main() {}
