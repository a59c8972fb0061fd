use tidings::{Event, EventStream};

#[derive(Event)]
#[event(type = "order.placed")]
#[avro(namespace = "com.acme.orders")]
pub struct OrderPlaced {
    pub id: String,
}

#[derive(EventStream)]
enum OrderLog {
    Placed(OrderPlaced),
    Cancelled { id: String },
    Both(OrderPlaced, OrderPlaced),
}

#[derive(EventStream)]
struct NotAnEnum(OrderPlaced);

fn main() {}
