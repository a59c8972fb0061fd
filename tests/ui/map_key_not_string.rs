use std::collections::{BTreeMap, HashMap};
use tidings::Avro;

#[derive(Avro)]
struct Stock {
    by_warehouse: HashMap<u32, i64>,
    by_sku: BTreeMap<i64, String>,
}

fn main() {}
