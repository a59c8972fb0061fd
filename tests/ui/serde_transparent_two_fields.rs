use serde::Serialize;
use std::marker::PhantomData;
use tidings::Avro;

#[derive(Serialize, Avro)]
#[serde(transparent)]
struct Meters {
    value: f64,
    #[serde(skip)]
    unit: PhantomData<u8>,
}

fn main() {}
