use tidings::Avro;

#[derive(Avro)]
struct Line {
    #[avro(rename = "Sku")]
    #[avro(rename = "SKU")]
    sku: String,
}

fn main() {}
