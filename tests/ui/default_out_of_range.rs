use tidings::Avro;

#[derive(Avro)]
struct Line {
    #[avro(default = 300)]
    quantity: u8,
    #[avro(default = -1)]
    position: u32,
}

fn main() {}
