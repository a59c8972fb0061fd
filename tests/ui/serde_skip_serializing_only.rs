use serde::{Deserialize, Serialize};
use tidings::Avro;

#[derive(Serialize, Deserialize, Avro)]
struct Login {
    user: String,
    #[serde(skip_serializing)]
    password: String,
}

fn main() {}
