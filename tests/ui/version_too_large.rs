use tidings::Event;

#[derive(Event)]
#[event(version = 5000000000)]
struct OrderPlaced {
    id: String,
}

fn main() {}
