use tidings::Avro;

#[derive(Avro)]
struct ByAvroRename {
    order_id: String,
    #[avro(rename = "order_id")]
    legacy_id: String,
}

#[derive(Avro, serde::Serialize)]
struct BySerdeRename {
    id: String,
    #[serde(rename = "id")]
    other_id: String,
}

#[derive(Avro, serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct ByRenameAll {
    order_id: String,
    #[serde(rename = "orderId")]
    old_order_id: String,
}

fn main() {}
