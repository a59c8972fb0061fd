use tidings::Avro;

#[derive(Avro)]
#[avro(namespace = "com.acme", name = "Sku")]
struct Sku(String);

fn main() {}
