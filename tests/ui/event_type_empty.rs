use tidings::Event;

#[derive(Event)]
#[event(type = "")]
struct OrderPlaced {
    id: String,
}

fn main() {}
