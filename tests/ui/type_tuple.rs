use tidings::Avro;

#[derive(Avro)]
struct Point {
    at: (i32, i32),
}

fn main() {}
