use tidings::{Avro, Timestamp};

#[derive(Avro)]
struct Payment {
    #[avro(skip, rename = "cache")]
    cache: String,
    #[avro(timestamp = "millis", precision = 10)]
    at: Timestamp,
}

fn main() {}
