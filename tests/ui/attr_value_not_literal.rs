use tidings::Event;

#[derive(Event)]
#[event(type = order.placed)]
struct OrderPlaced {
    #[avro(default = USD)]
    currency: String,
}

fn main() {}
