use tidings::Avro;

#[derive(Avro)]
struct Note<'a> {
    text: &'a str,
}

fn main() {}
