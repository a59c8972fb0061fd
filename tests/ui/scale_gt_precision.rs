use rust_decimal::Decimal;
use tidings::Avro;

#[derive(Avro)]
struct Order {
    #[avro(precision = 4, scale = 6)]
    total: Decimal,
}

fn main() {}
