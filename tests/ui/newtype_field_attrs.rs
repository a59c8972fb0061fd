use tidings::Avro;

#[derive(Avro)]
struct Sku(#[avro(rename = "sku", default = "none")] String);

fn main() {}
