use tidings::Avro;

#[derive(Avro)]
struct Order {
    #[avro(default = 0)]
    currency: String,
    #[avro(default = "1")]
    quantity: i32,
}

fn main() {}
