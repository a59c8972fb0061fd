//! Arbitrary input to the envelope's decoders: its Avro record, a structured CloudEvent and a
//! Kafka record in either content mode; the first byte picks which. Decoding never panics, and
//! what decodes re-encodes to what decodes to the same envelope.
#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use tidings::Envelope;
use tidings::wire::cloudevents::{json, kafka};
use tidings_fuzz::decodes_consistently;
use tidings_fuzz::fixture::Everything;

/// Header names the decoder looks for, so the fuzzer need not guess them.
const NAMES: [&str; 14] = [
    "ce_specversion",
    "ce_id",
    "ce_source",
    "ce_type",
    "ce_time",
    "ce_subject",
    "ce_dataschema",
    "ce_eventversion",
    "ce_partitionkey",
    "ce_traceparent",
    "ce_correlationid",
    "CE_TENANT",
    "content-type",
    "other",
];

fn record(u: &mut Unstructured<'_>) -> Result<kafka::KafkaRecord> {
    let mut headers = Vec::new();
    for _ in 0..u.int_in_range(0..=16)? {
        let name = match u.ratio(1, 8)? {
            true => u.arbitrary::<String>()?,
            false => u.choose(&NAMES)?.to_string(),
        };
        headers.push((name, u.arbitrary::<Vec<u8>>()?));
    }
    Ok(kafka::KafkaRecord {
        key: u.arbitrary()?,
        headers,
        value: Some(u.arbitrary::<Vec<u8>>()?),
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, data)) = data.split_first() else {
        return;
    };
    match pick % 3 {
        0 => decodes_consistently::<Envelope<Everything>>(data),
        1 => {
            if let Ok(envelope) = json::decode_avro_data::<Everything>(data) {
                let mut again = Vec::new();
                json::encode_avro_data(&envelope, "urn:fuzz", &mut again).unwrap();
                assert_eq!(json::decode_avro_data::<Everything>(&again).unwrap(), envelope);
            }
        }
        _ => {
            let Ok(record) = record(&mut Unstructured::new(data)) else {
                return;
            };
            if let Ok(envelope) = kafka::decode::<Everything>(&record) {
                let again = kafka::encode(&envelope, &kafka::KafkaOptions::default()).unwrap();
                assert_eq!(kafka::decode::<Everything>(&again).unwrap(), envelope);
            }
        }
    }
});
