use tidings::Avro;

#[derive(Avro)]
struct Page {
    offset: usize,
}

fn main() {}
