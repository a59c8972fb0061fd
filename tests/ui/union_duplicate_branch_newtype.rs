use tidings::Avro;

/// Both newtypes are an Avro `string`, whatever their names.
#[derive(Avro)]
struct Sku(String);

#[derive(Avro)]
struct Code(String);

#[derive(Avro)]
enum Reference {
    BySku(Sku),
    ByCode(Code),
}

fn main() {}
