use tidings::Avro;

#[derive(Avro)]
struct Rgb {
    channels: [u16; 3],
}

fn main() {}
