use tidings::Event;

#[derive(Event)]
#[avro(version = 2)]
struct OrderPlaced {
    #[avro(namespace = "com.acme")]
    id: String,
}

fn main() {}
