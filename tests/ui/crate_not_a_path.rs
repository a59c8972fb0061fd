use tidings::Avro;

#[derive(Avro)]
#[avro(crate = "my crate")]
struct Line {
    sku: String,
}

fn main() {}
