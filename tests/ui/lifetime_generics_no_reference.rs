use std::borrow::Cow;
use tidings::Avro;

#[derive(Avro)]
struct Note<'a> {
    text: Cow<'a, str>,
}

fn main() {}
