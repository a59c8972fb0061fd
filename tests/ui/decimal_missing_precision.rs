use rust_decimal::Decimal;
use tidings::Avro;

#[derive(Avro)]
struct Order {
    total: Decimal,
}

fn main() {}
