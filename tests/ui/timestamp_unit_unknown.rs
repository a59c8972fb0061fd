use tidings::{Avro, Timestamp};

#[derive(Avro)]
struct Order {
    #[avro(timestamp = "nanos")]
    placed_at: Timestamp,
}

fn main() {}
