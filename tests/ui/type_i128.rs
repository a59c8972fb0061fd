use tidings::Avro;

#[derive(Avro)]
struct Balance {
    delta: i128,
}

fn main() {}
