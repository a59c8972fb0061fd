use tidings::Avro;

#[derive(Avro)]
struct Order {
    id: String,
    #[avro(skip, default = "USD")]
    currency: String,
}

fn main() {}
