use rust_decimal::Decimal;
use tidings::Avro;

#[derive(Avro)]
struct Order {
    #[avro(scale = 2)]
    total: Decimal,
}

fn main() {}
