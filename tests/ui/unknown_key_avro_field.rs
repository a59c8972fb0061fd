use tidings::Avro;

#[derive(Avro)]
struct Line {
    #[avro(renmae = "SKU")]
    sku: String,
}

fn main() {}
