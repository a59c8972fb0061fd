use tidings::Avro;

#[derive(Avro)]
struct Order {
    #[avro(default = "none")]
    tags: Vec<String>,
}

fn main() {}
