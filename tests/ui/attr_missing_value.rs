use tidings::Avro;

#[derive(Avro)]
struct Line {
    #[avro(rename)]
    sku: String,
}

fn main() {}
