use serde::Deserialize;
use tidings::Avro;

#[derive(Deserialize, Avro)]
#[serde(tag = "status")]
#[avro(default = "Pending")]
enum Status {
    Pending,
    Paid,
    #[serde(other)]
    Unknown,
}

fn main() {}
