use tidings::Avro;

#[derive(Avro)]
struct Card {
    last4: String,
}

#[derive(Avro)]
enum Payment {
    #[avro(rename = "CardPayment")]
    Card(Card),
    Cash,
}

fn main() {}
