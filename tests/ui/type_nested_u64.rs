use std::collections::HashMap;
use tidings::Avro;

#[derive(Avro)]
struct Totals {
    by_day: Vec<u64>,
    by_region: HashMap<String, Option<u64>>,
}

fn main() {}
