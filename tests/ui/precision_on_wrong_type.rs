use tidings::Avro;

#[derive(Avro)]
struct Order {
    #[avro(precision = 10, scale = 2)]
    total: f64,
}

fn main() {}
