use tidings::Avro;

#[derive(Avro)]
#[avro(aliases = "OldLine")]
struct Line {
    sku: String,
}

fn main() {}
