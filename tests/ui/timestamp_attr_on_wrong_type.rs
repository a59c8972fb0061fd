use tidings::Avro;

#[derive(Avro)]
struct Order {
    #[avro(timestamp = "millis")]
    placed_at: i64,
}

fn main() {}
