use tidings::Avro;

#[derive(Avro)]
struct Move {
    delta: isize,
}

fn main() {}
