use tidings::Event;

#[derive(Event)]
#[event(version = 0)]
struct OrderPlaced {
    id: String,
}

fn main() {}
