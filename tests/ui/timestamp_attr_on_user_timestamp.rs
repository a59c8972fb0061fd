use tidings::Avro;

/// The user's own `Timestamp`, not tidings': it takes no timestamp unit.
#[derive(Avro)]
struct Timestamp(i64);

#[derive(Avro)]
struct Order {
    #[avro(timestamp = "millis")]
    placed_at: Timestamp,
}

fn main() {}
