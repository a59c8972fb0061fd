use tidings::Avro;

struct Money {
    cents: i64,
}

#[derive(Avro)]
struct Order {
    total: Money,
}

fn main() {}
