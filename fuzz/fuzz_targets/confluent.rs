//! Arbitrary bytes as a Confluent-framed message of the event with one of everything, and split
//! in two (the first byte says where) as a schema-ID header value and the bare datum beside it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings::wire::confluent::{self, HeaderSchemaId};
use tidings_fuzz::fixture::Everything;

fuzz_target!(|data: &[u8]| {
    // A message that decodes re-frames to one that decodes again and re-encodes identically.
    if let Ok(decoded) = confluent::decode::<Everything>(data) {
        let canonical = confluent::encode(decoded.schema_id, &decoded.value)
            .expect("a decoded value encodes");
        let again = confluent::decode::<Everything>(&canonical)
            .unwrap_or_else(|e| panic!("{:?} re-framed to bytes it cannot decode: {e}", decoded));
        assert_eq!(again.schema_id, decoded.schema_id);
        assert_eq!(
            confluent::encode(again.schema_id, &again.value).unwrap(),
            canonical,
            "re-encoding is not stable"
        );
    }
    let Some((&split, rest)) = data.split_first() else {
        return;
    };
    let (header, payload) = rest.split_at(usize::from(split % 20).min(rest.len()));
    if let Ok(id) = HeaderSchemaId::decode(header) {
        assert_eq!(id.to_vec(), header, "a header value that decodes re-encodes to itself");
    }
    let _ = confluent::decode_with_header::<Everything>(header, payload);
});
