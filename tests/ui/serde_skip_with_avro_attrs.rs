use tidings::Avro;

#[derive(Avro, serde::Serialize)]
struct Order {
    id: String,
    #[serde(skip)]
    #[avro(rename = "cache")]
    cache: String,
}

fn main() {}
