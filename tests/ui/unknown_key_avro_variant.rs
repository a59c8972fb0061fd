use tidings::Avro;

#[derive(Avro)]
enum Status {
    #[avro(default)]
    Pending,
    Done,
}

fn main() {}
