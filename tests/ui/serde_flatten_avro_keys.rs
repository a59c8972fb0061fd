use serde::Serialize;
use tidings::Avro;

#[derive(Serialize, Avro)]
struct Address {
    street: String,
}

#[derive(Serialize, Avro)]
struct Order {
    id: i64,
    #[serde(flatten)]
    #[avro(rename = "address", doc = "Where to.")]
    to: Address,
}

fn main() {}
