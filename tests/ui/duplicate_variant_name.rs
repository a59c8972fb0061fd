use tidings::Avro;

#[derive(Avro)]
enum Status {
    Pending,
    #[avro(rename = "Pending")]
    Waiting,
}

fn main() {}
