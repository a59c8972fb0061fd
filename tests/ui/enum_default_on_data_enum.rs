use tidings::Avro;

#[derive(Avro)]
#[avro(default = "Cash")]
enum Payment {
    Cash,
    Card { last4: String },
}

fn main() {}
