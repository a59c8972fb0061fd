//! The envelope and the formats it travels in: the builder's rules, round trips of every format
//! over random metadata and every mapped payload type, and hostile input to every decoder.
//!
//! Formats covered: the envelope's own Avro record, alone, as a single-object message and
//! Confluent-framed; CloudEvents structured JSON (data as JSON and as Avro in `data_base64`) and
//! the CloudEvents Kafka binding (binary and structured modes).

#[path = "hostile/fixture.rs"]
mod fixture;
#[path = "hostile/properties.rs"]
mod properties;
#[path = "hostile/strategies.rs"]
mod strategies;

use fixture::Everything;
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use tidings::codec::DecodeErrorKind;
use tidings::envelope::Metadata;
use tidings::wire::cloudevents::kafka::{
    self, ContentMode, Framing, KafkaOptions, KafkaRecord, RecordKey,
};
use tidings::wire::cloudevents::{CloudEventError, json};
use tidings::wire::{confluent, single_object};
use tidings::{Avro, Envelope, EnvelopeError, Event, Timestamp};
use uuid::Uuid;

/// An event that also derives serde, for CloudEvents `data` as JSON.
#[derive(Event, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[event(type = "test.order.placed", version = 3, source = "order-service")]
#[avro(namespace = "tidings.test")]
pub struct OrderPlaced {
    pub order_id: String,
    pub lines: Vec<String>,
    pub total_cents: i64,
    pub note: Option<String>,
}

/// Another event with the same Avro layout, to check that one envelope is never read as the other.
#[derive(Event, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[event(type = "test.order.cancelled", version = 3, source = "order-service")]
#[avro(namespace = "tidings.test")]
pub struct OrderCancelled {
    pub order_id: String,
    pub lines: Vec<String>,
    pub total_cents: i64,
    pub note: Option<String>,
}

/// The same event type at another major version.
#[derive(Event, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[event(type = "test.order.placed", version = 4, source = "order-service")]
#[avro(namespace = "tidings.test")]
pub struct OrderPlacedV4 {
    pub order_id: String,
    pub lines: Vec<String>,
    pub total_cents: i64,
    pub note: Option<String>,
}

const TRACEPARENT: &str = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

fn order() -> OrderPlaced {
    OrderPlaced {
        order_id: "o-42".into(),
        lines: vec!["B-1".into(), "C-2".into()],
        total_cents: 1999,
        note: Some("ring twice ✓".into()),
    }
}

fn full_envelope() -> Envelope<OrderPlaced> {
    Envelope::new(order())
        .with_id(Uuid::from_u128(0x0193_7c2e_5a1b_7d3c_9f2e_4b6a_8c1d_0e5f))
        .with_time(Timestamp::from_unix_micros(1_764_577_800_123_456))
        .with_subject("o-42")
        .and_then(|e| e.with_correlation_id("req-7"))
        .and_then(|e| e.with_causation_id("cmd-9"))
        .and_then(|e| e.with_traceparent(TRACEPARENT))
        .and_then(|e| e.with_extension("tenant", "acme"))
        .unwrap()
}

// ---------------------------------------------------------------------------------------------
// Strategies: valid metadata of every shape.

/// Text without control characters, some of it non-ASCII.
fn attribute_text() -> impl Strategy<Value = String> {
    prop_oneof![3 => "[a-zA-Z0-9 ._:/-]{1,24}", 1 => "[a-zé✓日本 ]{1,8}"]
}

fn traceparent() -> impl Strategy<Value = String> {
    ("[0-9a-f]{32}", "[0-9a-f]{16}", "[0-9a-f]{2}")
        .prop_filter("not all zeros", |(t, p, _)| {
            t.bytes().any(|b| b != b'0') && p.bytes().any(|b| b != b'0')
        })
        .prop_map(|(t, p, f)| format!("00-{t}-{p}-{f}"))
}

fn extension_name() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{0,19}".prop_filter("not reserved", |name| {
        tidings::envelope::validate_extension_name(name).is_ok()
    })
}

/// Instants RFC 3339 can write: the years 0000 to 9999.
fn rfc3339_time() -> impl Strategy<Value = Timestamp> {
    (-62_167_219_200_000_000i64..253_402_300_799_999_999).prop_map(Timestamp::from_unix_micros)
}

fn metadata() -> impl Strategy<Value = Metadata> {
    (
        any::<u128>(),
        rfc3339_time(),
        prop_oneof!["[a-z][a-z0-9-]{0,16}", "https://acme\\.com/[a-z]{1,8}"],
        proptest::option::of(attribute_text()),
        proptest::option::of(attribute_text()),
        proptest::option::of(attribute_text()),
        proptest::option::of(traceparent()),
        btree_map(extension_name(), "[a-zA-Z0-9 ]{0,12}", 0..4),
    )
        .prop_map(
            |(id, time, source, subject, correlation_id, causation_id, traceparent, extensions)| {
                Metadata {
                    id: Uuid::from_u128(id),
                    time,
                    source: Cow::Owned(source),
                    subject,
                    correlation_id,
                    causation_id,
                    traceparent,
                    extensions,
                }
            },
        )
}

fn order_strategy() -> impl Strategy<Value = OrderPlaced> {
    (
        attribute_text(),
        vec(any::<String>(), 0..4),
        any::<i64>(),
        proptest::option::of(any::<String>()),
    )
        .prop_map(|(order_id, lines, total_cents, note)| OrderPlaced {
            order_id,
            lines,
            total_cents,
            note,
        })
}

fn binary() -> KafkaOptions {
    KafkaOptions::default()
}

fn structured() -> KafkaOptions {
    KafkaOptions {
        mode: ContentMode::Structured,
        ..KafkaOptions::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Round trips.

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn every_format_round_trips_every_payload_type(
        metadata in metadata(),
        value in strategies::everything(),
    ) {
        let envelope = Envelope::from_parts(metadata, value).unwrap();

        let avro = tidings::encode(&envelope).unwrap();
        let decoded = tidings::decode::<Envelope<Everything>>(&avro).unwrap();
        prop_assert_eq!(&decoded, &envelope);
        prop_assert_eq!(tidings::encode(&decoded).unwrap(), avro);

        let message = single_object::encode(&envelope).unwrap();
        let decoded = single_object::decode::<Envelope<Everything>>(&message).unwrap();
        prop_assert_eq!(&decoded, &envelope);
        let message = confluent::encode(7, &envelope).unwrap();
        let decoded = confluent::decode::<Envelope<Everything>>(&message).unwrap();
        prop_assert_eq!((decoded.schema_id, &decoded.value), (7, &envelope));

        let mut text = Vec::new();
        json::encode_avro_data(&envelope, "urn:avro:tidings.hostile.v1.Everything", &mut text).unwrap();
        prop_assert_eq!(&json::decode_avro_data::<Everything>(&text).unwrap(), &envelope);

        for options in [binary(), structured()] {
            let record = kafka::encode(&envelope, &options).unwrap();
            prop_assert_eq!(&kafka::decode::<Everything>(&record).unwrap(), &envelope);
        }
    }

    #[test]
    fn json_data_round_trips(metadata in metadata(), order in order_strategy()) {
        let envelope = Envelope::from_parts(metadata, order).unwrap();
        let mut text = Vec::new();
        json::encode(&envelope, &mut text).unwrap();
        prop_assert_eq!(&json::decode::<OrderPlaced>(&text).unwrap(), &envelope);
        // A structured Kafka record whose value is that JSON reads back too.
        let record = KafkaRecord {
            key: None,
            headers: vec![("content-type".into(), b"application/cloudevents+json".to_vec())],
            value: Some(text),
        };
        prop_assert_eq!(&kafka::decode_json_data::<OrderPlaced>(&record).unwrap(), &envelope);
    }

    #[test]
    fn rfc3339_agrees_with_chrono(time in rfc3339_time()) {
        let text = time.to_rfc3339().unwrap();
        let chrono = chrono::DateTime::parse_from_rfc3339(&text).unwrap();
        prop_assert_eq!(chrono.timestamp_micros(), time.unix_micros());
    }

    #[test]
    fn mutated_envelopes_never_panic(
        metadata in metadata(),
        order in order_strategy(),
        changes in vec((any::<usize>(), any::<u8>()), 1..4),
    ) {
        let envelope = Envelope::from_parts(metadata, order).unwrap();
        let mutate = |mut bytes: Vec<u8>| {
            for (at, byte) in &changes {
                if !bytes.is_empty() {
                    let i = at % bytes.len();
                    bytes[i] = *byte;
                }
            }
            bytes
        };
        properties::decodes_consistently::<Envelope<OrderPlaced>>(&mutate(tidings::encode(&envelope).unwrap()));
        let mut text = Vec::new();
        json::encode(&envelope, &mut text).unwrap();
        let _ = json::decode::<OrderPlaced>(&mutate(text));
        let mut record = kafka::encode(&envelope, &binary()).unwrap();
        for (_, value) in &mut record.headers {
            *value = mutate(std::mem::take(value));
        }
        record.value = record.value.map(mutate);
        let _ = kafka::decode::<OrderPlaced>(&record);
    }

    #[test]
    fn strict_prefixes_of_an_envelope_are_errors(metadata in metadata(), order in order_strategy()) {
        let bytes = tidings::encode(&Envelope::from_parts(metadata, order).unwrap()).unwrap();
        for len in 0..bytes.len() {
            prop_assert!(tidings::decode::<Envelope<OrderPlaced>>(&bytes[..len]).is_err());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The builder.

#[test]
fn new_fills_the_metadata_from_the_event() {
    let before = Timestamp::now();
    let envelope = Envelope::new(order());
    assert_eq!(envelope.id().get_version_num(), 7);
    assert!(envelope.time() >= before && envelope.time() <= Timestamp::now());
    assert_eq!(envelope.source(), "order-service");
    assert_eq!(envelope.event_type(), "test.order.placed");
    assert_eq!(envelope.version(), 3);
    assert_eq!(envelope.subject(), None);
    assert!(envelope.extensions().is_empty());
    assert_eq!(envelope.into_data(), order());
}

#[test]
fn ids_are_strictly_increasing_within_a_process() {
    let ids: Vec<Uuid> = (0..20_000).map(|_| Envelope::new(order()).id()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn caused_by_carries_the_flow() {
    let placed = Envelope::new(order())
        .with_traceparent(TRACEPARENT)
        .unwrap();
    let paid = Envelope::new(order()).caused_by(&placed);
    let reserved = Envelope::new(order()).caused_by(&paid);
    let placed_id = placed.id().to_string();
    assert_eq!(paid.causation_id(), Some(placed_id.as_str()));
    assert_eq!(
        paid.correlation_id(),
        Some(placed_id.as_str()),
        "placed started the flow"
    );
    assert_eq!(
        reserved.causation_id(),
        Some(paid.id().to_string().as_str())
    );
    assert_eq!(
        reserved.correlation_id(),
        Some(placed_id.as_str()),
        "the flow's ID is kept"
    );
    assert_eq!(reserved.traceparent(), Some(TRACEPARENT));
    // An existing correlation ID, from another system, is carried as it is.
    let request = Envelope::new(order())
        .with_correlation_id("REQ 12/b")
        .unwrap();
    assert_eq!(
        Envelope::new(order()).caused_by(&request).correlation_id(),
        Some("REQ 12/b")
    );
}

#[test]
fn invalid_values_are_errors_naming_what_is_wrong() {
    let e = || Envelope::new(order());
    assert!(matches!(
        e().with_traceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331"),
        Err(EnvelopeError::InvalidTraceparent { .. })
    ));
    assert!(matches!(
        e().with_extension("Tenant", "acme"),
        Err(EnvelopeError::InvalidExtensionName { .. })
    ));
    assert!(matches!(
        e().with_extension("correlationid", "x"),
        Err(EnvelopeError::InvalidExtensionName { .. })
    ));
    assert!(matches!(
        e().with_extension("tenant", "a\u{0}b"),
        Err(EnvelopeError::ControlCharacter {
            code: 0,
            index: 1,
            ..
        })
    ));
    assert!(matches!(
        e().with_source("my service"),
        Err(EnvelopeError::InvalidSource { .. })
    ));
    assert_eq!(
        e().with_subject("").unwrap_err(),
        EnvelopeError::Empty {
            attribute: "subject"
        }
    );
    assert!(matches!(
        e().with_correlation_id("a\nb"),
        Err(EnvelopeError::ControlCharacter { index: 1, .. })
    ));
    let too_many = (0..=tidings::envelope::MAX_EXTENSIONS)
        .try_fold(e(), |env, i| env.with_extension(format!("x{i}"), "v"));
    assert!(too_many.is_err());
    let (mut metadata, data) = e().into_parts();
    metadata.traceparent = Some("00-1-2-3".into());
    assert!(Envelope::from_parts(metadata, data).is_err());
}

#[test]
fn the_envelope_schema_is_named_after_its_event_and_ends_with_the_data() {
    let schema = tidings::schema_json::<Envelope<OrderPlaced>>();
    assert_eq!(schema["name"], "OrderPlacedEnvelope");
    assert_eq!(schema["namespace"], "tidings.test.v3");
    let names: Vec<&str> = schema["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "id",
            "type",
            "version",
            "source",
            "time",
            "subject",
            "correlation_id",
            "causation_id",
            "traceparent",
            "extensions",
            "data"
        ]
    );
    assert_eq!(schema["fields"][10]["type"]["name"], "OrderPlaced");
    // apache-avro accepts it.
    let _ = <Envelope<OrderPlaced> as Avro>::schema();
}

// ---------------------------------------------------------------------------------------------
// Hostile and mismatched Avro envelopes.

#[test]
fn an_envelope_of_another_event_is_refused_at_its_type() {
    let cancelled = Envelope::new(OrderCancelled {
        order_id: "o".into(),
        lines: vec![],
        total_cents: 0,
        note: None,
    });
    let err = tidings::decode::<Envelope<OrderPlaced>>(&tidings::encode(&cancelled).unwrap())
        .unwrap_err();
    assert_eq!(
        err.offset(),
        37,
        "after the 36-character UUID and its length"
    );
    assert_eq!(err.path(), "type");
    assert!(matches!(
        err.kind(),
        DecodeErrorKind::WrongEvent { field: "type", .. }
    ));

    let v4 = Envelope::new(OrderPlacedV4 {
        order_id: "o".into(),
        lines: vec![],
        total_cents: 0,
        note: None,
    });
    let err = tidings::decode::<Envelope<OrderPlaced>>(&tidings::encode(&v4).unwrap()).unwrap_err();
    assert_eq!(err.path(), "version");
    assert!(err.to_string().contains("\"4\", not \"3\""), "{err}");
}

#[test]
fn invalid_metadata_on_the_wire_is_an_error_at_its_field() {
    // Hand-encode an envelope whose traceparent is malformed: the Avro is valid, the envelope not.
    use tidings::codec::{write_int, write_long, write_str};
    let mut bytes = Vec::new();
    write_str(&Uuid::nil().to_string(), &mut bytes);
    write_str("test.order.placed", &mut bytes);
    write_int(3, &mut bytes);
    write_str("order-service", &mut bytes);
    write_long(0, &mut bytes);
    for _ in 0..3 {
        write_long(0, &mut bytes); // subject, correlation_id, causation_id: null
    }
    let at = bytes.len();
    write_long(1, &mut bytes);
    write_str("00-zz", &mut bytes);
    write_long(0, &mut bytes); // no extensions
    bytes.extend(tidings::encode(&order()).unwrap());
    let err = tidings::decode::<Envelope<OrderPlaced>>(&bytes).unwrap_err();
    assert_eq!(err.offset(), at);
    assert_eq!(err.path(), "traceparent");
    assert!(matches!(
        err.kind(),
        DecodeErrorKind::InvalidEnvelope(EnvelopeError::InvalidTraceparent { .. })
    ));
}

// ---------------------------------------------------------------------------------------------
// CloudEvents: what the specification requires, on decode.

fn structured_json() -> serde_json::Value {
    let mut out = Vec::new();
    json::encode(&full_envelope(), &mut out).unwrap();
    serde_json::from_slice(&out).unwrap()
}

fn decode_json(value: &serde_json::Value) -> Result<Envelope<OrderPlaced>, CloudEventError> {
    json::decode::<OrderPlaced>(&serde_json::to_vec(value).unwrap())
}

fn with(attribute: &str, value: serde_json::Value) -> serde_json::Value {
    let mut event = structured_json();
    event[attribute] = value;
    event
}

fn without(attribute: &str) -> serde_json::Value {
    let mut event = structured_json();
    event.as_object_mut().unwrap().remove(attribute);
    event
}

#[test]
fn the_structured_json_has_every_attribute() {
    let event = structured_json();
    assert_eq!(event["specversion"], "1.0");
    assert_eq!(event["id"], full_envelope().id().to_string());
    assert_eq!(event["source"], "order-service");
    assert_eq!(event["type"], "test.order.placed");
    assert_eq!(event["eventversion"], 3);
    assert_eq!(event["datacontenttype"], "application/json");
    assert_eq!(event["subject"], "o-42");
    assert_eq!(event["partitionkey"], "o-42");
    assert_eq!(event["time"], "2025-12-01T08:30:00.123456Z");
    assert_eq!(event["correlationid"], "req-7");
    assert_eq!(event["causationid"], "cmd-9");
    assert_eq!(event["traceparent"], TRACEPARENT);
    assert_eq!(event["tenant"], "acme");
    assert_eq!(event["data"]["order_id"], "o-42");
    assert_eq!(decode_json(&event).unwrap(), full_envelope());
}

#[test]
fn required_attributes_must_be_present() {
    for attribute in ["specversion", "id", "source", "type", "time"] {
        let err = decode_json(&without(attribute)).unwrap_err();
        assert!(
            matches!(err, CloudEventError::MissingAttribute(a) if a == attribute),
            "{attribute}: {err}"
        );
        let err = decode_json(&with(attribute, serde_json::json!(""))).unwrap_err();
        assert!(err.to_string().contains(attribute), "{attribute}: {err}");
    }
    assert!(matches!(
        decode_json(&without("data")).unwrap_err(),
        CloudEventError::MissingData
    ));
}

#[test]
fn attribute_values_are_checked_and_named() {
    let cases = [
        ("specversion", serde_json::json!("0.3"), "specversion"),
        ("id", serde_json::json!("A234-1234-1234"), "id"),
        ("source", serde_json::json!("my service"), "source"),
        ("time", serde_json::json!("yesterday"), "time"),
        ("time", serde_json::json!("2025-12-01T08:30:00"), "time"),
        (
            "dataschema",
            serde_json::json!("schemas/order.avsc"),
            "dataschema",
        ),
        ("subject", serde_json::json!("a\u{7}b"), "subject"),
        ("traceparent", serde_json::json!("00-abc"), "traceparent"),
        ("Tenant", serde_json::json!("x"), "Tenant"),
        ("tenant_id", serde_json::json!("x"), "tenant_id"),
        (
            "averyveryverylongextension",
            serde_json::json!("x"),
            "averyveryverylong",
        ),
        ("tenant", serde_json::json!("x\u{1b}y"), "tenant"),
        ("tenant", serde_json::json!(["x"]), "tenant"),
        ("partitionkey", serde_json::json!("o-43"), "partitionkey"),
    ];
    for (attribute, value, named) in cases {
        let err = decode_json(&with(attribute, value.clone())).unwrap_err();
        assert!(
            err.to_string().contains(named),
            "{attribute} = {value}: {err}"
        );
    }
}

#[test]
fn another_event_type_or_version_is_refused() {
    let err = decode_json(&with("type", serde_json::json!("test.order.cancelled"))).unwrap_err();
    assert!(
        matches!(
            err,
            CloudEventError::WrongEvent {
                attribute: "type",
                ..
            }
        ),
        "{err}"
    );
    let err = decode_json(&with("eventversion", serde_json::json!(4))).unwrap_err();
    assert!(
        matches!(
            err,
            CloudEventError::WrongEvent {
                attribute: "eventversion",
                ..
            }
        ),
        "{err}"
    );
    // Events from producers that do not write `eventversion` are read as the decoder's version.
    assert_eq!(
        decode_json(&without("eventversion")).unwrap(),
        full_envelope()
    );
}

#[test]
fn malformed_json_says_where() {
    let err = json::decode::<OrderPlaced>(b"{\"specversion\": \"1.0\",\n  \"id\": }").unwrap_err();
    assert!(
        matches!(err, CloudEventError::Json { line: 2, .. }),
        "{err}"
    );
    for bad in [&b"[]"[..], b"", b"null", b"{\"id\":\"a\",\"id\":\"b\"}"] {
        assert!(matches!(
            json::decode::<OrderPlaced>(bad).unwrap_err(),
            CloudEventError::Json { .. }
        ));
    }
    let mut both = structured_json();
    both["data_base64"] = serde_json::json!("AA==");
    assert!(
        decode_json(&both)
            .unwrap_err()
            .to_string()
            .contains("not both")
    );
    let mut base64 = without("data");
    base64["data_base64"] = serde_json::json!("!!");
    base64["datacontenttype"] = serde_json::json!("application/avro");
    assert!(matches!(
        decode_json(&base64).unwrap_err(),
        CloudEventError::Base64(_)
    ));
    base64["data_base64"] = serde_json::json!("AA==");
    assert!(matches!(
        decode_json(&base64).unwrap_err(),
        CloudEventError::DataAvro(_)
    ));
    let xml = with("datacontenttype", serde_json::json!("application/xml"));
    assert!(matches!(
        decode_json(&xml).unwrap_err(),
        CloudEventError::UnsupportedContentType { .. }
    ));
}

#[test]
fn encoding_checks_what_the_envelope_cannot() {
    let mut out = b"kept".to_vec();
    let err =
        json::encode_avro_data(&full_envelope(), "relative/schema.avsc", &mut out).unwrap_err();
    assert!(err.to_string().contains("dataschema"), "{err}");
    assert_eq!(out, b"kept", "nothing half-written");
    let far = full_envelope().with_time(Timestamp::from_unix_micros(i64::MAX));
    let err = json::encode(&far, &mut out).unwrap_err();
    assert!(err.to_string().contains("time"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// The Kafka binding.

#[test]
fn binary_mode_puts_attributes_in_headers_and_the_datum_in_the_value() {
    let envelope = full_envelope();
    let record = kafka::encode(&envelope, &binary()).unwrap();
    assert_eq!(record.key.as_deref(), Some(&b"o-42"[..]));
    let header = |name| std::str::from_utf8(record.header(name).unwrap()).unwrap();
    assert_eq!(header("ce_specversion"), "1.0");
    assert_eq!(header("ce_id"), envelope.id().to_string());
    assert_eq!(header("ce_type"), "test.order.placed");
    assert_eq!(header("ce_eventversion"), "3");
    assert_eq!(header("ce_time"), "2025-12-01T08:30:00.123456Z");
    assert_eq!(
        header("ce_dataschema"),
        format!(
            "urn:avro:tidings.test.v3.OrderPlaced:{}",
            tidings::canonical::fingerprint_of::<OrderPlaced>()
        )
    );
    assert_eq!(header("ce_traceparent"), TRACEPARENT);
    assert_eq!(header("ce_tenant"), "acme");
    assert_eq!(header("content-type"), "application/avro");
    assert!(record.header("ce_datacontenttype").is_none());
    assert_eq!(
        record.value.as_deref(),
        Some(&tidings::encode(&order()).unwrap()[..])
    );

    let keyed = KafkaOptions {
        key: RecordKey::Bytes(b"k".to_vec()),
        ..binary()
    };
    assert_eq!(
        kafka::encode(&envelope, &keyed).unwrap().key.as_deref(),
        Some(&b"k"[..])
    );
    let unkeyed = KafkaOptions {
        key: RecordKey::None,
        ..binary()
    };
    assert_eq!(kafka::encode(&envelope, &unkeyed).unwrap().key, None);
}

#[test]
fn a_binary_mode_value_can_carry_the_confluent_framing() {
    let options = KafkaOptions {
        framing: Framing::Confluent { schema_id: 42 },
        ..binary()
    };
    let record = kafka::encode(&full_envelope(), &options).unwrap();
    let value = record.value.as_deref().unwrap();
    assert_eq!(value[..5], [0, 0, 0, 0, 42]);
    assert_eq!(value[5..], tidings::encode(&order()).unwrap()[..]);
    let (envelope, schema_id) = kafka::decode_confluent::<OrderPlaced>(&record).unwrap();
    assert_eq!((envelope, schema_id), (full_envelope(), 42));
    // Read as a bare datum, the framing is not a valid record, and the other way round.
    assert!(kafka::decode::<OrderPlaced>(&record).is_err());
    let raw = kafka::encode(&full_envelope(), &binary()).unwrap();
    let err = kafka::decode_confluent::<OrderPlaced>(&raw).unwrap_err();
    assert!(matches!(err, CloudEventError::Framing(_)), "{err}");
    let structured = kafka::encode(&full_envelope(), &structured()).unwrap();
    let err = kafka::decode_confluent::<OrderPlaced>(&structured).unwrap_err();
    assert!(err.to_string().contains("structured"), "{err}");
}

#[test]
fn structured_mode_is_told_by_its_content_type_case_insensitively() {
    let mut record = kafka::encode(&full_envelope(), &structured()).unwrap();
    assert_eq!(
        record.header("content-type"),
        Some(&b"application/cloudevents+json; charset=UTF-8"[..])
    );
    record.headers[0].1 = b"Application/CloudEvents+JSON".to_vec();
    assert_eq!(
        kafka::decode::<OrderPlaced>(&record).unwrap(),
        full_envelope()
    );
}

#[test]
fn hostile_kafka_records_are_errors() {
    let good = kafka::encode(&full_envelope(), &binary()).unwrap();
    let edit = |f: &dyn Fn(&mut KafkaRecord)| {
        let mut record = good.clone();
        f(&mut record);
        kafka::decode::<OrderPlaced>(&record).unwrap_err()
    };
    let err = edit(&|r| r.headers.retain(|(n, _)| n != "ce_specversion"));
    assert!(matches!(err, CloudEventError::NotACloudEvent), "{err}");
    let err = edit(&|r| r.headers.push(("ce_type".into(), b"x".to_vec())));
    assert!(matches!(err, CloudEventError::DuplicateHeader(_)), "{err}");
    let err = edit(&|r| {
        r.headers
            .push(("ce_tenant2".into(), vec![b'a', 0xff, b'b']))
    });
    assert!(
        matches!(err, CloudEventError::HeaderNotUtf8 { ref header, offset: 1 } if header == "ce_tenant2"),
        "{err}"
    );
    let err = edit(&|r| r.value = None);
    assert!(matches!(err, CloudEventError::MissingData), "{err}");
    let err = edit(&|r| r.value.as_mut().unwrap().truncate(3));
    assert!(matches!(err, CloudEventError::DataAvro(_)), "{err}");
    let err = edit(&|r| r.value.as_mut().unwrap().push(0));
    assert!(
        err.to_string().contains("1 bytes remain after the datum"),
        "{err}"
    );
    let err = edit(&|r| r.headers.retain(|(n, _)| n != "content-type"));
    assert!(
        matches!(err, CloudEventError::UnsupportedContentType { .. }),
        "{err}"
    );
    let err = edit(&|r| {
        r.headers.retain(|(n, _)| n != "ce_source");
    });
    assert!(
        matches!(err, CloudEventError::MissingAttribute("source")),
        "{err}"
    );
    let structured = KafkaRecord {
        key: None,
        headers: vec![(
            "content-type".into(),
            b"application/cloudevents+json".to_vec(),
        )],
        value: Some(b"{\"specversion\":".to_vec()),
    };
    assert!(matches!(
        kafka::decode::<OrderPlaced>(&structured).unwrap_err(),
        CloudEventError::Json { .. }
    ));
}
