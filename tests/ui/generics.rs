use tidings::Avro;

#[derive(Avro)]
struct Page<T> {
    items: Vec<T>,
}

fn main() {}
