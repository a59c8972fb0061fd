use tidings::Event;

#[derive(Event)]
#[event(type = "order.placed", verison = 2)]
struct OrderPlaced {
    id: String,
}

fn main() {}
