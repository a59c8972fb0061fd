use tidings::Event;

#[derive(Event)]
#[event(version = "2")]
struct OrderPlaced {
    id: String,
}

#[derive(Event)]
#[event(version = 2.0)]
struct OrderShipped {
    id: String,
}

fn main() {}
