use tidings::Avro;

#[derive(Avro)]
struct Line {
    #[avro(rename = 1)]
    sku: String,
}

fn main() {}
