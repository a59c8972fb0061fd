use tidings::Event;

#[derive(Event)]
#[event(type = "order.placed", version = 2, upcast_from = Self)]
struct OrderPlaced {
    order_id: String,
}

fn main() {}
