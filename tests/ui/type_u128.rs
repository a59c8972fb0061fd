use tidings::Avro;

#[derive(Avro)]
struct Balance {
    wei: u128,
}

fn main() {}
