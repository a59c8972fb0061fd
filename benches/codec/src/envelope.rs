//! Fixtures for the envelope benchmarks (`benches/envelope.rs`): one `Envelope<OrderPlaced>` with
//! full metadata, and the same work in each wire format done the way a user without tidings
//! would, each library set up as its documentation recommends for speed (schemas parsed once,
//! configurations reused):
//!
//! - the Avro formats with serde_avro_fast and a serde mirror of the envelope record
//!   ([`AvroEnvelope`], same schema: the one tidings exports), the single-object and Confluent
//!   headers written and checked by hand;
//! - the CloudEvents formats with the official SDK (`cloudevents-sdk`): an `Event` built with the
//!   same attributes, `serde_json` for structured JSON, the SDK's `BinarySerializer` and
//!   `BinaryDeserializer` traits implemented over a Kafka record for binary mode (what its own
//!   `rdkafka` binding does), the Avro data written by serde_avro_fast.
//!
//! The tests below check that each alternative writes what tidings decodes to the same envelope,
//! and reads what tidings writes, so the figures compare equal work.

use crate::{OrderPlaced, order};
use chrono::{DateTime, Utc};
use cloudevents::event::{Data, SpecVersion};
use cloudevents::message::{
    BinaryDeserializer, BinarySerializer, Encoding, MessageAttributeValue, MessageDeserializer,
    StructuredDeserializer, StructuredSerializer,
};
use cloudevents::{Event, EventBuilder, EventBuilderV10};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tidings::wire::cloudevents::kafka::{ContentMode, Framing, KafkaOptions, KafkaRecord};
use tidings::wire::cloudevents::{
    AVRO_CONTENT_TYPE, JSON_CONTENT_TYPE, STRUCTURED_JSON_CONTENT_TYPE, default_dataschema,
};
use tidings::{Envelope, Event as _, Timestamp};
use url::Url;
use uuid::Uuid;

/// The Confluent schema ID the benchmarks frame with.
pub const SCHEMA_ID: u32 = 42;

/// The envelope measured: the small order (3 lines) with every optional attribute set.
pub fn envelope() -> Envelope<OrderPlaced> {
    Envelope::new(order(3))
        .with_id(Uuid::from_u128(0x0193_7c2e_5a1b_7d3c_8f2e_4b6a_8c1d_0e60))
        .with_time(Timestamp::from_unix_micros(1_763_900_000_654_321))
        .with_subject("order-48151623")
        .and_then(|e| e.with_correlation_id("checkout-2342"))
        .and_then(|e| e.with_causation_id("01937c2e-5a1b-7d3c-8f2e-4b6a8c1d0e5f"))
        .and_then(|e| e.with_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
        .and_then(|e| e.with_extension("tenant", "acme-eu"))
        .expect("valid metadata")
}

/// The envelope record as a serde struct: what a serde_avro_fast user writes to read and write
/// `Envelope<OrderPlaced>`'s schema.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct AvroEnvelope {
    /// The event's unique ID.
    pub id: Uuid,
    /// The event type.
    #[serde(rename = "type")]
    pub event_type: String,
    /// The event's major version.
    pub version: i32,
    /// Who produced it.
    pub source: String,
    /// When, in microseconds since the Unix epoch.
    pub time: i64,
    /// The aggregate or partition key.
    pub subject: Option<String>,
    /// The flow's ID.
    pub correlation_id: Option<String>,
    /// The cause's ID.
    pub causation_id: Option<String>,
    /// The W3C traceparent.
    pub traceparent: Option<String>,
    /// Further attributes.
    pub extensions: BTreeMap<String, String>,
    /// The event.
    pub data: OrderPlaced,
}

impl From<&Envelope<OrderPlaced>> for AvroEnvelope {
    fn from(envelope: &Envelope<OrderPlaced>) -> Self {
        AvroEnvelope {
            id: envelope.id(),
            event_type: envelope.event_type().to_owned(),
            version: envelope.version() as i32,
            source: envelope.source().to_owned(),
            time: envelope.time().unix_micros(),
            subject: envelope.subject().map(str::to_owned),
            correlation_id: envelope.correlation_id().map(str::to_owned),
            causation_id: envelope.causation_id().map(str::to_owned),
            traceparent: envelope.traceparent().map(str::to_owned),
            extensions: envelope.extensions().clone(),
            data: envelope.data().clone(),
        }
    }
}

/// What the CloudEvents SDK gives a consumer: the event's attributes and its data, decoded.
#[derive(Debug)]
pub struct SdkEvent {
    /// The attributes (the data taken out).
    pub event: Event,
    /// The data.
    pub data: OrderPlaced,
}

/// The alternatives' schema, headers and URLs, built once.
pub struct Alternatives {
    fast_schema: &'static serde_avro_fast::Schema,
    data_schema: &'static serde_avro_fast::Schema,
    single_object_header: [u8; 10],
    dataschema: Url,
}

impl Alternatives {
    /// Parses the envelope's and the event's schemas (as tidings exports them) and precomputes
    /// the framing.
    pub fn new() -> Self {
        let avsc = tidings::avsc::<Envelope<OrderPlaced>>();
        let data_avsc = tidings::avsc::<OrderPlaced>();
        let mut single_object_header = [0; 10];
        single_object_header[..2].copy_from_slice(&tidings::wire::single_object::MAGIC);
        // The spec's fingerprint of the Parsing Canonical Form; a hand-framing user needs one
        // that Java agrees with, which is tidings' (see the canonical module).
        single_object_header[2..].copy_from_slice(
            &tidings::canonical::fingerprint_of::<Envelope<OrderPlaced>>().to_le_bytes(),
        );
        Alternatives {
            // Leaked so the serializer configurations can borrow them for the whole process.
            fast_schema: Box::leak(Box::new(avsc.parse().expect("valid"))),
            data_schema: Box::leak(Box::new(data_avsc.parse().expect("valid"))),
            single_object_header,
            dataschema: Url::parse(&default_dataschema::<OrderPlaced>()).expect("a URN is a URL"),
        }
    }

    /// A serializer configuration for serde_avro_fast and the envelope record, to reuse across
    /// calls as its docs advise.
    pub fn serde_avro_fast_config(&self) -> serde_avro_fast::ser::SerializerConfig<'static> {
        serde_avro_fast::ser::SerializerConfig::new(self.fast_schema)
    }

    /// A serializer configuration for serde_avro_fast and the event alone: the Avro data of a
    /// CloudEvent.
    pub fn data_config(&self) -> serde_avro_fast::ser::SerializerConfig<'static> {
        serde_avro_fast::ser::SerializerConfig::new(self.data_schema)
    }

    /// The bare envelope record: `to_datum`, appending to `out`.
    pub fn avro_encode(
        config: &mut serde_avro_fast::ser::SerializerConfig<'static>,
        envelope: &AvroEnvelope,
        out: &mut Vec<u8>,
    ) {
        serde_avro_fast::to_datum(envelope, out, config).expect("encodes");
    }

    /// The bare envelope record: `from_datum_slice`.
    pub fn avro_decode(&self, bytes: &[u8]) -> AvroEnvelope {
        serde_avro_fast::from_datum_slice(bytes, self.fast_schema).expect("decodes")
    }

    /// Single-object: the 10-byte header by hand, then `to_datum`.
    pub fn single_object_encode(
        &self,
        config: &mut serde_avro_fast::ser::SerializerConfig<'static>,
        envelope: &AvroEnvelope,
        out: &mut Vec<u8>,
    ) {
        out.extend_from_slice(&self.single_object_header);
        Self::avro_encode(config, envelope, out);
    }

    /// Single-object: the header checked by hand (magic and fingerprint), then the datum.
    pub fn single_object_decode(&self, message: &[u8]) -> AvroEnvelope {
        let (header, datum) = message.split_at_checked(10).expect("a full header");
        assert_eq!(header, self.single_object_header, "magic and fingerprint");
        self.avro_decode(datum)
    }

    /// Confluent: `0x00` and the big-endian schema ID by hand, then `to_datum`.
    pub fn confluent_encode(
        config: &mut serde_avro_fast::ser::SerializerConfig<'static>,
        envelope: &AvroEnvelope,
        out: &mut Vec<u8>,
    ) {
        out.push(0);
        out.extend_from_slice(&SCHEMA_ID.to_be_bytes());
        Self::avro_encode(config, envelope, out);
    }

    /// Confluent: the magic byte and the schema ID checked by hand, then the datum.
    pub fn confluent_decode(&self, message: &[u8]) -> (u32, AvroEnvelope) {
        let (header, datum) = message.split_at_checked(5).expect("a full header");
        assert_eq!(header[0], 0, "magic byte");
        let schema_id = u32::from_be_bytes(header[1..].try_into().expect("4 bytes"));
        assert_eq!(schema_id, SCHEMA_ID, "the envelope's schema");
        (schema_id, self.avro_decode(datum))
    }

    /// A CloudEvent with the envelope's attributes, as the SDK's builder makes one; its data is
    /// set by the caller.
    fn builder(envelope: &Envelope<OrderPlaced>) -> EventBuilderV10 {
        let time = DateTime::<Utc>::from_timestamp_micros(envelope.time().unix_micros())
            .expect("in chrono's range");
        let mut builder = EventBuilderV10::new()
            .id(envelope.id().to_string())
            .source(envelope.source())
            .ty(OrderPlaced::TYPE)
            .time(time)
            .extension("eventversion", i64::from(OrderPlaced::VERSION));
        if let Some(subject) = envelope.subject() {
            builder = builder.subject(subject).extension("partitionkey", subject);
        }
        let optional = [
            ("correlationid", envelope.correlation_id()),
            ("causationid", envelope.causation_id()),
            ("traceparent", envelope.traceparent()),
        ];
        for (name, value) in optional {
            if let Some(value) = value {
                builder = builder.extension(name, value);
            }
        }
        for (name, value) in envelope.extensions() {
            builder = builder.extension(name, value.as_str());
        }
        builder
    }

    /// The SDK's event with the data as JSON (`serde_json::to_value`).
    pub fn sdk_event_json_data(envelope: &Envelope<OrderPlaced>) -> Event {
        let data = serde_json::to_value(envelope.data()).expect("serializes");
        Self::builder(envelope)
            .data(JSON_CONTENT_TYPE, data)
            .build()
            .expect("a valid event")
    }

    /// The SDK's event with the data as its Avro datum (serde_avro_fast, `config` from
    /// [`Self::data_config`]) and `dataschema`.
    pub fn sdk_event_avro_data(
        &self,
        config: &mut serde_avro_fast::ser::SerializerConfig<'static>,
        envelope: &Envelope<OrderPlaced>,
    ) -> Event {
        let datum = serde_avro_fast::to_datum_vec(envelope.data(), config).expect("encodes");
        Self::builder(envelope)
            .data_with_schema(AVRO_CONTENT_TYPE, self.dataschema.clone(), datum)
            .build()
            .expect("a valid event")
    }

    /// Structured JSON, JSON data: the SDK's event, then `serde_json::to_writer`.
    pub fn sdk_json_encode(envelope: &Envelope<OrderPlaced>, out: &mut Vec<u8>) {
        serde_json::to_writer(out, &Self::sdk_event_json_data(envelope)).expect("serializes");
    }

    /// Structured JSON, JSON data: `serde_json::from_slice` into the SDK's event, then the data
    /// into the event type.
    pub fn sdk_json_decode(bytes: &[u8]) -> SdkEvent {
        let mut event: Event = serde_json::from_slice(bytes).expect("a CloudEvent");
        let data = match event.take_data().2 {
            Some(Data::Json(value)) => serde_json::from_value(value).expect("an order"),
            other => panic!("JSON data expected, got {other:?}"),
        };
        SdkEvent { event, data }
    }

    /// Structured JSON, Avro data: the SDK's event, then `serde_json::to_writer` (the SDK
    /// writes binary data as `data_base64`).
    pub fn sdk_json_avro_encode(
        &self,
        config: &mut serde_avro_fast::ser::SerializerConfig<'static>,
        envelope: &Envelope<OrderPlaced>,
        out: &mut Vec<u8>,
    ) {
        let event = self.sdk_event_avro_data(config, envelope);
        serde_json::to_writer(out, &event).expect("serializes");
    }

    /// Structured JSON, Avro data: `serde_json::from_slice`, then the datum decoded.
    pub fn sdk_json_avro_decode(&self, bytes: &[u8]) -> SdkEvent {
        let event: Event = serde_json::from_slice(bytes).expect("a CloudEvent");
        self.avro_data(event)
    }

    /// Kafka binary mode: the SDK's event through its `BinarySerializer` into `ce_*` headers,
    /// the key the subject.
    pub fn sdk_kafka_binary_encode(
        &self,
        config: &mut serde_avro_fast::ser::SerializerConfig<'static>,
        envelope: &Envelope<OrderPlaced>,
    ) -> KafkaRecord {
        let event = self.sdk_event_avro_data(config, envelope);
        let writer = RecordWriter::keyed(envelope.subject());
        BinaryDeserializer::deserialize_binary(event, writer).expect("serializes")
    }

    /// Kafka binary mode with a Confluent-framed value: as [`Self::sdk_kafka_binary_encode`],
    /// the `0x00` + schema ID header written by hand before the datum.
    pub fn sdk_kafka_binary_confluent_encode(
        &self,
        config: &mut serde_avro_fast::ser::SerializerConfig<'static>,
        envelope: &Envelope<OrderPlaced>,
    ) -> KafkaRecord {
        let mut value = vec![0];
        value.extend_from_slice(&SCHEMA_ID.to_be_bytes());
        serde_avro_fast::to_datum(envelope.data(), &mut value, config).expect("encodes");
        let event = Self::builder(envelope)
            .data_with_schema(AVRO_CONTENT_TYPE, self.dataschema.clone(), value)
            .build()
            .expect("a valid event");
        let writer = RecordWriter::keyed(envelope.subject());
        BinaryDeserializer::deserialize_binary(event, writer).expect("serializes")
    }

    /// Kafka structured mode: the SDK's event as JSON through its `StructuredSerializer`, the
    /// key the subject.
    pub fn sdk_kafka_structured_encode(
        &self,
        config: &mut serde_avro_fast::ser::SerializerConfig<'static>,
        envelope: &Envelope<OrderPlaced>,
    ) -> KafkaRecord {
        let event = self.sdk_event_avro_data(config, envelope);
        let writer = RecordWriter::keyed(envelope.subject());
        StructuredDeserializer::deserialize_structured(event, writer).expect("serializes")
    }

    /// Kafka, either mode: the SDK's `MessageDeserializer` over the record (it tells the modes
    /// apart by `content-type`), then the Avro datum decoded.
    pub fn sdk_kafka_decode(&self, record: &KafkaRecord) -> SdkEvent {
        let event = MessageDeserializer::into_event(RecordReader(record)).expect("a CloudEvent");
        self.avro_data(event)
    }

    /// Kafka binary mode with a Confluent-framed value: the SDK's `MessageDeserializer`, then
    /// the header checked by hand and the datum decoded.
    pub fn sdk_kafka_confluent_decode(&self, record: &KafkaRecord) -> (SdkEvent, u32) {
        let mut event =
            MessageDeserializer::into_event(RecordReader(record)).expect("a CloudEvent");
        let Some(Data::Binary(value)) = event.take_data().2 else {
            panic!("binary data expected");
        };
        let (header, datum) = value.split_at_checked(5).expect("a full header");
        assert_eq!(header[0], 0, "magic byte");
        let schema_id = u32::from_be_bytes(header[1..].try_into().expect("4 bytes"));
        let data = serde_avro_fast::from_datum_slice(datum, self.data_schema).expect("an order");
        (SdkEvent { event, data }, schema_id)
    }

    fn avro_data(&self, mut event: Event) -> SdkEvent {
        let data = match event.take_data().2 {
            Some(Data::Binary(datum)) => {
                serde_avro_fast::from_datum_slice(&datum, self.data_schema).expect("an order")
            }
            other => panic!("Avro data expected, got {other:?}"),
        };
        SdkEvent { event, data }
    }
}

impl Default for Alternatives {
    fn default() -> Self {
        Self::new()
    }
}

/// The CloudEvents SDK's serializer traits writing a Kafka record: attribute `x` to header
/// `ce_x`, `datacontenttype` to `content-type`, as the SDK's `rdkafka` binding does.
struct RecordWriter(KafkaRecord);

impl RecordWriter {
    fn keyed(key: Option<&str>) -> Self {
        RecordWriter(KafkaRecord {
            key: key.map(|k| k.as_bytes().to_vec()),
            headers: Vec::with_capacity(12),
            value: None,
        })
    }
}

impl BinarySerializer<KafkaRecord> for RecordWriter {
    fn set_spec_version(mut self, version: SpecVersion) -> cloudevents::message::Result<Self> {
        let version = version.as_str().as_bytes().to_vec();
        self.0.headers.push(("ce_specversion".to_owned(), version));
        Ok(self)
    }

    fn set_attribute(
        mut self,
        name: &str,
        value: MessageAttributeValue,
    ) -> cloudevents::message::Result<Self> {
        let header = match name {
            "datacontenttype" => "content-type".to_owned(),
            _ => format!("ce_{name}"),
        };
        self.0
            .headers
            .push((header, value.to_string().into_bytes()));
        Ok(self)
    }

    fn set_extension(
        self,
        name: &str,
        value: MessageAttributeValue,
    ) -> cloudevents::message::Result<Self> {
        self.set_attribute(name, value)
    }

    fn end_with_data(mut self, bytes: Vec<u8>) -> cloudevents::message::Result<KafkaRecord> {
        self.0.value = Some(bytes);
        Ok(self.0)
    }

    fn end(self) -> cloudevents::message::Result<KafkaRecord> {
        Ok(self.0)
    }
}

impl StructuredSerializer<KafkaRecord> for RecordWriter {
    fn set_structured_event(mut self, bytes: Vec<u8>) -> cloudevents::message::Result<KafkaRecord> {
        let content_type = STRUCTURED_JSON_CONTENT_TYPE.as_bytes().to_vec();
        self.0
            .headers
            .push(("content-type".to_owned(), content_type));
        self.0.value = Some(bytes);
        Ok(self.0)
    }
}

/// The CloudEvents SDK's deserializer traits reading a Kafka record, as its `rdkafka` binding
/// does (minus its copy of the headers into a `HashMap`).
struct RecordReader<'a>(&'a KafkaRecord);

impl RecordReader<'_> {
    fn text(bytes: &[u8]) -> cloudevents::message::Result<String> {
        String::from_utf8(bytes.to_vec()).map_err(|e| cloudevents::message::Error::Other {
            source: Box::new(e),
        })
    }
}

impl BinaryDeserializer for RecordReader<'_> {
    fn deserialize_binary<R: Sized, V: BinarySerializer<R>>(
        self,
        mut visitor: V,
    ) -> cloudevents::message::Result<R> {
        let version = self
            .0
            .header("ce_specversion")
            .ok_or(cloudevents::message::Error::WrongEncoding {})?;
        let version = SpecVersion::try_from(Self::text(version)?.as_str())?;
        let attributes = version.attribute_names();
        visitor = visitor.set_spec_version(version)?;
        for (header, value) in &self.0.headers {
            if header == "content-type" {
                let value = MessageAttributeValue::String(Self::text(value)?);
                visitor = visitor.set_attribute("datacontenttype", value)?;
                continue;
            }
            let Some(name) = header.strip_prefix("ce_") else {
                continue;
            };
            if name == "specversion" {
                continue;
            }
            let value = MessageAttributeValue::String(Self::text(value)?);
            visitor = if attributes.contains(&name) {
                visitor.set_attribute(name, value)?
            } else {
                visitor.set_extension(name, value)?
            };
        }
        match &self.0.value {
            Some(value) => visitor.end_with_data(value.clone()),
            None => visitor.end(),
        }
    }
}

impl StructuredDeserializer for RecordReader<'_> {
    fn deserialize_structured<R: Sized, V: StructuredSerializer<R>>(
        self,
        visitor: V,
    ) -> cloudevents::message::Result<R> {
        let value = self.0.value.clone().unwrap_or_default();
        visitor.set_structured_event(value)
    }
}

impl MessageDeserializer for RecordReader<'_> {
    fn encoding(&self) -> Encoding {
        match self.0.header("content-type") {
            Some(ct) if ct.starts_with(STRUCTURED_JSON_CONTENT_TYPE.as_bytes()) => {
                Encoding::STRUCTURED
            }
            _ if self.0.header("ce_specversion").is_some() => Encoding::BINARY,
            _ => Encoding::UNKNOWN,
        }
    }
}

/// tidings' Kafka options for `mode`: the subject as key, the default `dataschema`, the raw
/// datum as a binary-mode value.
pub fn kafka_options(mode: ContentMode) -> KafkaOptions {
    KafkaOptions {
        mode,
        ..KafkaOptions::default()
    }
}

/// tidings' Kafka options for binary mode with the value Confluent-framed ([`SCHEMA_ID`]).
pub fn kafka_confluent_options() -> KafkaOptions {
    KafkaOptions {
        framing: Framing::Confluent {
            schema_id: SCHEMA_ID,
        },
        ..KafkaOptions::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudevents::AttributesReader;
    use cloudevents::event::ExtensionValue;
    use tidings::envelope::Metadata;
    use tidings::wire::cloudevents::{json, kafka};
    use tidings::wire::{confluent, single_object};

    /// An SDK event's extension as text.
    fn extension(event: &Event, name: &str) -> Option<String> {
        event.extension(name).map(|value| match value {
            ExtensionValue::String(s) => s.clone(),
            other => other.to_string(),
        })
    }

    fn into_envelope(mirror: AvroEnvelope) -> Envelope<OrderPlaced> {
        assert_eq!(mirror.event_type, OrderPlaced::TYPE);
        assert_eq!(mirror.version, OrderPlaced::VERSION as i32);
        let metadata = Metadata {
            id: mirror.id,
            time: Timestamp::from_unix_micros(mirror.time),
            source: mirror.source.into(),
            subject: mirror.subject,
            correlation_id: mirror.correlation_id,
            causation_id: mirror.causation_id,
            traceparent: mirror.traceparent,
            extensions: mirror.extensions,
        };
        Envelope::from_parts(metadata, mirror.data).expect("valid metadata")
    }

    /// What the SDK decoded, checked attribute by attribute against `envelope`.
    fn assert_same_event(decoded: SdkEvent, envelope: &Envelope<OrderPlaced>) {
        let SdkEvent { event, data } = decoded;
        assert_eq!(event.id(), envelope.id().to_string());
        assert_eq!(event.source().as_str(), envelope.source());
        assert_eq!(event.ty(), OrderPlaced::TYPE);
        assert_eq!(event.subject(), envelope.subject());
        assert_eq!(
            event.time().map(|t| t.timestamp_micros()),
            Some(envelope.time().unix_micros())
        );
        let text = |name| extension(&event, name);
        assert_eq!(text("eventversion"), Some(OrderPlaced::VERSION.to_string()));
        assert_eq!(text("partitionkey").as_deref(), envelope.subject());
        assert_eq!(text("correlationid").as_deref(), envelope.correlation_id());
        assert_eq!(text("causationid").as_deref(), envelope.causation_id());
        assert_eq!(text("traceparent").as_deref(), envelope.traceparent());
        for (name, value) in envelope.extensions() {
            assert_eq!(text(name).as_ref(), Some(value), "extension {name}");
        }
        assert_eq!(
            event.iter_extensions().count(),
            5 + envelope.extensions().len()
        );
        assert_eq!(&data, envelope.data());
    }

    #[test]
    fn the_envelope_carries_every_attribute() {
        let envelope = envelope();
        assert!(envelope.subject().is_some() && envelope.traceparent().is_some());
        assert!(envelope.correlation_id().is_some() && envelope.causation_id().is_some());
        assert_eq!(envelope.extensions().len(), 1);
        assert_eq!(envelope.data().lines.len(), 3);
    }

    #[test]
    fn serde_avro_fast_writes_and_reads_tidings_bytes() {
        let alternatives = Alternatives::new();
        let mut config = alternatives.serde_avro_fast_config();
        let envelope = envelope();
        let mirror = AvroEnvelope::from(&envelope);

        let bytes = tidings::encode(&envelope).unwrap();
        let mut theirs = Vec::new();
        Alternatives::avro_encode(&mut config, &mirror, &mut theirs);
        assert_eq!(theirs, bytes, "bare record");
        assert_eq!(alternatives.avro_decode(&bytes), mirror);
        assert_eq!(into_envelope(alternatives.avro_decode(&bytes)), envelope);

        let bytes = single_object::encode(&envelope).unwrap();
        theirs.clear();
        alternatives.single_object_encode(&mut config, &mirror, &mut theirs);
        assert_eq!(theirs, bytes, "single-object");
        assert_eq!(
            single_object::decode::<Envelope<OrderPlaced>>(&theirs).unwrap(),
            envelope
        );
        assert_eq!(alternatives.single_object_decode(&bytes), mirror);

        let bytes = confluent::encode(SCHEMA_ID, &envelope).unwrap();
        theirs.clear();
        Alternatives::confluent_encode(&mut config, &mirror, &mut theirs);
        assert_eq!(theirs, bytes, "Confluent");
        let decoded = confluent::decode::<Envelope<OrderPlaced>>(&theirs).unwrap();
        assert_eq!((decoded.schema_id, decoded.value), (SCHEMA_ID, envelope));
        assert_eq!(alternatives.confluent_decode(&bytes), (SCHEMA_ID, mirror));
    }

    #[test]
    fn the_sdk_writes_and_reads_tidings_structured_json() {
        let alternatives = Alternatives::new();
        let mut config = alternatives.data_config();
        let envelope = envelope();

        let mut theirs = Vec::new();
        Alternatives::sdk_json_encode(&envelope, &mut theirs);
        assert_eq!(json::decode::<OrderPlaced>(&theirs).unwrap(), envelope);
        let mut ours = Vec::new();
        json::encode(&envelope, &mut ours).unwrap();
        assert_same_event(Alternatives::sdk_json_decode(&ours), &envelope);

        theirs.clear();
        alternatives.sdk_json_avro_encode(&mut config, &envelope, &mut theirs);
        assert_eq!(
            json::decode_avro_data::<OrderPlaced>(&theirs).unwrap(),
            envelope
        );
        ours.clear();
        let dataschema = default_dataschema::<OrderPlaced>();
        json::encode_avro_data(&envelope, &dataschema, &mut ours).unwrap();
        assert_same_event(alternatives.sdk_json_avro_decode(&ours), &envelope);
    }

    #[test]
    fn the_sdk_writes_and_reads_tidings_kafka_records() {
        let alternatives = Alternatives::new();
        let mut config = alternatives.data_config();
        let envelope = envelope();

        for mode in [ContentMode::Binary, ContentMode::Structured] {
            let theirs = match mode {
                ContentMode::Binary => alternatives.sdk_kafka_binary_encode(&mut config, &envelope),
                ContentMode::Structured => {
                    alternatives.sdk_kafka_structured_encode(&mut config, &envelope)
                }
            };
            let ours = kafka::encode(&envelope, &kafka_options(mode)).unwrap();
            assert_eq!(theirs.key, ours.key, "{mode:?}: the subject is the key");
            assert_eq!(
                theirs.headers.len(),
                ours.headers.len(),
                "{mode:?}: {:?} against {:?}",
                theirs.headers,
                ours.headers
            );
            if mode == ContentMode::Binary {
                assert_eq!(theirs.value, ours.value, "the datum is the value");
            }
            assert_eq!(
                kafka::decode::<OrderPlaced>(&theirs).unwrap(),
                envelope,
                "{mode:?}"
            );
            assert_same_event(alternatives.sdk_kafka_decode(&ours), &envelope);
        }

        let theirs = alternatives.sdk_kafka_binary_confluent_encode(&mut config, &envelope);
        let ours = kafka::encode(&envelope, &kafka_confluent_options()).unwrap();
        assert_eq!(theirs.value, ours.value, "the framed datum is the value");
        assert_eq!(theirs.headers.len(), ours.headers.len());
        let decoded = kafka::decode_confluent::<OrderPlaced>(&theirs).unwrap();
        assert_eq!(decoded, (envelope.clone(), SCHEMA_ID));
        let (decoded, schema_id) = alternatives.sdk_kafka_confluent_decode(&ours);
        assert_eq!(schema_id, SCHEMA_ID);
        assert_same_event(decoded, &envelope);
    }
}
