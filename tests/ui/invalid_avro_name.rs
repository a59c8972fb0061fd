use tidings::Avro;

#[derive(Avro)]
#[avro(name = "Order-Placed")]
struct OrderPlaced {
    #[avro(rename = "1st_line")]
    first_line: String,
}

#[derive(Avro)]
#[avro(namespace = "com.acme-corp.orders")]
struct Line {
    sku: String,
}

#[derive(Avro)]
enum Status {
    #[avro(rename = "in progress")]
    InProgress,
    Done,
}

fn main() {}
