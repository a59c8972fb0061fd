use tidings::Avro;

#[derive(Avro, serde::Serialize)]
struct Order {
    #[serde(rename = "order-id")]
    order_id: String,
}

fn main() {}
