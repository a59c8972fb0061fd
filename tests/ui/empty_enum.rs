use tidings::Avro;

#[derive(Avro)]
enum Never {}

fn main() {}
