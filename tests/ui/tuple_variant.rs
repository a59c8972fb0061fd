use tidings::Avro;

#[derive(Avro)]
enum Shape {
    Point(i32, i32),
    Empty,
}

fn main() {}
