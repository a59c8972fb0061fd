use tidings::Event;

#[derive(Event)]
#[event(source = "order service")]
struct OrderPlaced {
    id: String,
}

fn main() {}
