use tidings::Avro;

#[derive(Avro)]
struct Crème {
    brûlée: bool,
}

fn main() {}
