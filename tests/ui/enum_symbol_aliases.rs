use tidings::Avro;

#[derive(Avro)]
enum Status {
    #[avro(aliases = ["Open"])]
    Pending,
    Done,
}

fn main() {}
