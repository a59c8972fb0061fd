use tidings::Event;

#[derive(Event)]
enum OrderEvent {
    Placed,
    Shipped,
}

fn main() {}
