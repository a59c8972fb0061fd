use tidings::Event;

#[derive(Event)]
#[event(source = " ")]
struct OrderPlaced {
    id: String,
}

fn main() {}
