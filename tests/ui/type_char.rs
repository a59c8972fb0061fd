use tidings::Avro;

#[derive(Avro)]
struct Grade {
    letter: char,
}

fn main() {}
