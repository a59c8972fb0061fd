use tidings::Avro;

#[derive(Avro)]
#[avro(aliases = ["Old-Line"])]
struct Line {
    #[avro(aliases = ["sku.code"])]
    sku: String,
}

fn main() {}
