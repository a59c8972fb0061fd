use tidings::Avro;

#[derive(Avro)]
struct Point(i32, i32);

fn main() {}
