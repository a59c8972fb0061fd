use tidings::Avro;

#[derive(Avro)]
#[avro(namespace = "com.acme", nmae = "Line")]
struct Line {
    sku: String,
}

fn main() {}
