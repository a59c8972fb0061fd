use tidings::Avro;

#[derive(Avro)]
#[avro(default = "Unknwon")]
enum Status {
    Pending,
    Done,
    Unknown,
}

fn main() {}
