use tidings::Avro;

#[derive(Avro)]
#[avro(default = "USD")]
struct Price {
    currency: String,
}

fn main() {}
