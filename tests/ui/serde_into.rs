use serde::Serialize;
use tidings::Avro;

#[derive(Serialize, Avro, Clone)]
#[serde(into = "String")]
struct Sku {
    code: String,
}

impl From<Sku> for String {
    fn from(sku: Sku) -> String {
        sku.code
    }
}

fn main() {}
