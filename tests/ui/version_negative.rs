use tidings::Event;

#[derive(Event)]
#[event(version = -1)]
struct OrderPlaced {
    id: String,
}

fn main() {}
