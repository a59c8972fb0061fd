use tidings::Avro;

#[derive(Avro)]
enum Note {
    Text(Option<String>),
    Code(i32),
}

fn main() {}
