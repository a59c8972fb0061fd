//! Arbitrary input to the envelope's decoders: its Avro record, a structured CloudEvent and a
//! Kafka record in either content mode; the first byte picks which. Decoding never panics, and
//! what decodes re-encodes to a fixed point: encoding what that decodes to gives the same bytes
//! (bytes, not values, are compared: `Everything` holds floats, and NaN is not equal to itself).
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
                let mut once = Vec::new();
                json::encode_avro_data(&envelope, "urn:fuzz", &mut once).unwrap();
                let again = json::decode_avro_data::<Everything>(&once).unwrap();
                let mut twice = Vec::new();
                json::encode_avro_data(&again, "urn:fuzz", &mut twice).unwrap();
                assert_eq!(once, twice);
            }
        }
        _ => {
            let Ok(record) = record(&mut Unstructured::new(data)) else {
                return;
            };
            if let Ok(envelope) = kafka::decode::<Everything>(&record) {
                let options = kafka::KafkaOptions::default();
                let once = kafka::encode(&envelope, &options).unwrap();
                let again = kafka::decode::<Everything>(&once).unwrap();
                assert_eq!(kafka::encode(&again, &options).unwrap(), once);
            }
        }
    }
});
