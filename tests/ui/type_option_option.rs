use tidings::Avro;

#[derive(Avro)]
struct Patch {
    note: Option<Option<String>>,
}

fn main() {}
