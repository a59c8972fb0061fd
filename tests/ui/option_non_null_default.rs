use tidings::Avro;

#[derive(Avro)]
struct Order {
    #[avro(default = "USD")]
    currency: Option<String>,
}

fn main() {}
