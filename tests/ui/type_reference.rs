use tidings::Avro;

#[derive(Avro)]
struct Note {
    text: &'static str,
}

fn main() {}
