use tidings::{Avro, Timestamp};

#[derive(Avro)]
struct Order {
    #[avro(timestamp = "millis", default)]
    placed_at: Timestamp,
}

fn main() {}
