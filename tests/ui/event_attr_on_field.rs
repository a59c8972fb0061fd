use tidings::Event;

#[derive(Event)]
struct OrderPlaced {
    #[event(version = 2)]
    id: String,
}

fn main() {}
