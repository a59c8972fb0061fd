use serde::Serialize;
use std::collections::HashMap;
use tidings::Avro;

#[derive(Serialize, Avro)]
struct Order {
    id: i64,
    #[serde(flatten)]
    extra: HashMap<String, String>,
}

fn main() {}
