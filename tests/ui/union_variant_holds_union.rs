use tidings::Avro;

#[derive(Avro)]
enum Card {
    Visa { last4: String },
    Amex { last5: String },
}

#[derive(Avro)]
enum Payment {
    Cash,
    ByCard(Card),
}

fn main() {}
