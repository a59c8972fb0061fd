use tidings::Avro;

#[derive(Avro)]
struct Counter {
    hits: u64,
}

fn main() {}
