use tidings::Avro;

#[derive(Avro)]
struct Digest<const N: usize> {
    bytes: [u8; N],
}

fn main() {}
