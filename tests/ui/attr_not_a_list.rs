use tidings::Avro;

#[derive(Avro)]
#[avro = "com.acme"]
struct Line {
    sku: String,
}

fn main() {}
