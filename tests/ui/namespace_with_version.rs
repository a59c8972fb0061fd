use tidings::Event;

#[derive(Event)]
#[event(version = 2)]
#[avro(namespace = "com.acme.orders.v2")]
struct OrderPlaced {
    id: String,
}

fn main() {}
