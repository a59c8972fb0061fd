use tidings::Avro;

#[derive(Avro)]
enum Quantity {
    Units(i32),
    Dozens(u8),
}

fn main() {}
