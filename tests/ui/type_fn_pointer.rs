use tidings::Avro;

#[derive(Avro)]
struct Hook {
    callback: fn(i32) -> i32,
}

fn main() {}
