//! The Kafka protocol binding: an envelope as a Kafka record, in binary content mode (attributes
//! in `ce_*` headers, the event's Avro datum as the value) or structured content mode (the JSON
//! format as the value). [`KafkaRecord`] is client-neutral: copy its parts into the producer
//! record of whichever Kafka client you use.
//!
//! ```
//! use tidings::wire::cloudevents::kafka::{self, ContentMode, KafkaOptions, RecordKey};
//! use tidings::{Envelope, Event};
//!
//! #[derive(Event, Debug, PartialEq)]
//! #[event(type = "order.placed", source = "order-service")]
//! pub struct OrderPlaced {
//!     pub order_id: String,
//! }
//!
//! let envelope = Envelope::new(OrderPlaced { order_id: "o-1".into() }).with_subject("o-1")?;
//! let record = kafka::encode(&envelope, &KafkaOptions::default())?;
//! assert_eq!(record.key.as_deref(), Some(&b"o-1"[..]), "the subject is the key by default");
//! assert_eq!(record.header("ce_type"), Some(&b"order.placed"[..]));
//! assert_eq!(record.header("content-type"), Some(&b"application/avro"[..]));
//! assert_eq!(kafka::decode::<OrderPlaced>(&record)?, envelope);
//!
//! let structured = KafkaOptions { mode: ContentMode::Structured, key: RecordKey::None, ..Default::default() };
//! let record = kafka::encode(&envelope, &structured)?;
//! assert_eq!(kafka::decode::<OrderPlaced>(&record)?, envelope);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::attributes::{self, Value, cut, is_avro, is_json};
use super::{AVRO_CONTENT_TYPE, CloudEventError, STRUCTURED_JSON_CONTENT_TYPE};
use crate::{Envelope, Event};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

/// The prefix of the headers that carry attributes in binary mode.
pub const HEADER_PREFIX: &str = "ce_";

/// The header that carries the data's media type.
pub const CONTENT_TYPE_HEADER: &str = "content-type";

/// A Kafka record without a client: what a producer sends and a consumer receives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KafkaRecord {
    /// The record key, which Kafka partitions by.
    pub key: Option<Vec<u8>>,
    /// The headers in order; Kafka allows a name twice, CloudEvents attributes do not.
    pub headers: Vec<(String, Vec<u8>)>,
    /// The record value.
    pub value: Option<Vec<u8>>,
}

impl KafkaRecord {
    /// The value of the first header named `name`.
    pub fn header(&self, name: &str) -> Option<&[u8]> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_slice())
    }
}

/// How the event travels in the record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ContentMode {
    /// Attributes in `ce_*` headers, `content-type` `application/avro`, the event's Avro datum
    /// as the value.
    #[default]
    Binary,
    /// The structured JSON format as the value, its data the Avro datum in `data_base64`;
    /// `content-type` `application/cloudevents+json; charset=UTF-8`.
    Structured,
}

/// What becomes the record key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum RecordKey {
    /// No key: Kafka spreads records over partitions.
    None,
    /// These bytes.
    Bytes(Vec<u8>),
    /// The envelope's subject, its `partitionkey` (the binding's key mapping); no key if it has
    /// none. Events about one aggregate then stay in order on one partition.
    #[default]
    Subject,
}

/// How a binary-mode value frames the Avro datum.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Framing {
    /// The datum alone; `ce_dataschema` says which schema wrote it.
    #[default]
    Raw,
    /// The Confluent wire format ([`confluent`](crate::wire::confluent)): `0x00`, this schema ID,
    /// the datum, so that Confluent's deserializers read the value too. Read such records with
    /// [`decode_confluent`].
    Confluent {
        /// The registry's ID of the event's schema.
        schema_id: u32,
    },
}

/// How [`encode`] writes a record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KafkaOptions {
    /// Binary (the default) or structured.
    pub mode: ContentMode,
    /// The record key; the subject by default.
    pub key: RecordKey,
    /// How a binary-mode value frames the datum.
    pub framing: Framing,
    /// The `dataschema` attribute; [`default_dataschema`](super::default_dataschema) if `None`.
    pub dataschema: Option<String>,
}

/// Writes `envelope` as a Kafka record.
pub fn encode<E: Event>(
    envelope: &Envelope<E>,
    options: &KafkaOptions,
) -> Result<KafkaRecord, CloudEventError> {
    let default_schema;
    let dataschema = match &options.dataschema {
        Some(uri) => uri.as_str(),
        None => {
            default_schema = super::default_dataschema::<E>();
            &default_schema
        }
    };
    let key = match &options.key {
        RecordKey::None => None,
        RecordKey::Bytes(bytes) => Some(bytes.clone()),
        RecordKey::Subject => envelope.subject().map(|s| s.as_bytes().to_vec()),
    };
    let (headers, value) = match options.mode {
        ContentMode::Binary => {
            let attributes = attributes::context(envelope, AVRO_CONTENT_TYPE, Some(dataschema))?;
            let headers = attributes
                .into_iter()
                .map(|(name, value)| {
                    let value = match value {
                        Value::Text(text) => text.into_owned().into_bytes(),
                        Value::Integer(n) => n.to_string().into_bytes(),
                    };
                    match name {
                        "datacontenttype" => (CONTENT_TYPE_HEADER.to_owned(), value),
                        _ => (format!("{HEADER_PREFIX}{name}"), value),
                    }
                })
                .collect();
            let mut value = Vec::new();
            match options.framing {
                Framing::Raw => crate::encode_into(envelope.data(), &mut value)?,
                Framing::Confluent { schema_id } => {
                    crate::wire::confluent::encode_into(schema_id, envelope.data(), &mut value)?
                }
            }
            (headers, value)
        }
        ContentMode::Structured => {
            let mut value = Vec::new();
            super::json::encode_avro_data(envelope, dataschema, &mut value)?;
            let content_type = format!("{STRUCTURED_JSON_CONTENT_TYPE}; charset=UTF-8");
            (
                vec![(CONTENT_TYPE_HEADER.to_owned(), content_type.into_bytes())],
                value,
            )
        }
    };
    Ok(KafkaRecord {
        key,
        headers,
        value: Some(value),
    })
}

/// Reads a Kafka record of the event `E` in either content mode, its data Avro (the bare datum in
/// binary mode); structured records with JSON `data` need [`decode_json_data`].
pub fn decode<E: Event>(record: &KafkaRecord) -> Result<Envelope<E>, CloudEventError> {
    decode_with(record, None, |value| {
        crate::decode::<E>(value).map_err(CloudEventError::DataAvro)
    })
}

/// Reads a binary-mode Kafka record of the event `E` whose value is Confluent-framed
/// ([`Framing::Confluent`]), and returns the schema ID with the envelope. The ID is not checked
/// here: [`SchemaIds`](crate::wire::confluent::SchemaIds) (feature `confluent`) checks IDs
/// against a registry.
pub fn decode_confluent<E: Event>(
    record: &KafkaRecord,
) -> Result<(Envelope<E>, u32), CloudEventError> {
    let mut schema_id = None;
    let envelope = decode_with(record, None, |value| {
        let decoded = crate::wire::confluent::decode::<E>(value)
            .map_err(|e| CloudEventError::Framing(e.to_string()))?;
        schema_id = Some(decoded.schema_id);
        Ok(decoded.value)
    })?;
    match schema_id {
        Some(id) => Ok((envelope, id)),
        None => Err(CloudEventError::Framing(
            "a structured-mode record has no Confluent framing".into(),
        )),
    }
}

/// Reads a Kafka record of the event `E` in either content mode, its data Avro or, in
/// structured mode or with a JSON `content-type`, JSON.
pub fn decode_json_data<E: Event + DeserializeOwned>(
    record: &KafkaRecord,
) -> Result<Envelope<E>, CloudEventError> {
    decode_with(
        record,
        Some(|raw: &str| serde_json::from_str(raw)),
        |value| crate::decode::<E>(value).map_err(CloudEventError::DataAvro),
    )
}

/// Reads `record`: JSON data with `from_json` if given, a binary-mode Avro value with `from_avro`.
fn decode_with<E: Event>(
    record: &KafkaRecord,
    from_json: Option<fn(&str) -> serde_json::Result<E>>,
    from_avro: impl FnOnce(&[u8]) -> Result<E, CloudEventError>,
) -> Result<Envelope<E>, CloudEventError> {
    let content_type = record
        .header(CONTENT_TYPE_HEADER)
        .map(|value| utf8(CONTENT_TYPE_HEADER, value))
        .transpose()?;
    let value = record.value.as_deref();
    // The binding: structured mode is told by a content type starting `application/cloudevents`.
    const STRUCTURED: &str = "application/cloudevents";
    let structured = content_type.is_some_and(|ct| {
        ct.get(..STRUCTURED.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(STRUCTURED))
    });
    if structured {
        let value = value.ok_or(CloudEventError::MissingData)?;
        return super::json::decode_with(value, from_json);
    }
    let mut attributes = BTreeMap::new();
    for (name, bytes) in &record.headers {
        let Some(attribute) = name
            .get(..HEADER_PREFIX.len())
            .filter(|p| p.eq_ignore_ascii_case(HEADER_PREFIX))
            .map(|_| name[HEADER_PREFIX.len()..].to_ascii_lowercase())
        else {
            continue;
        };
        let text = utf8(name, bytes)?;
        if attributes.insert(attribute, text.to_owned()).is_some() {
            return Err(CloudEventError::DuplicateHeader(cut(name)));
        }
    }
    if !attributes.contains_key("specversion") {
        return Err(CloudEventError::NotACloudEvent);
    }
    if let Some(content_type) = content_type {
        attributes.insert("datacontenttype".into(), content_type.to_owned());
    }
    let decoded = attributes::metadata::<E>(attributes)?;
    let value = value.ok_or(CloudEventError::MissingData)?;
    let data = match (decoded.datacontenttype.as_deref(), from_json) {
        (Some(ct), _) if is_avro(ct) => from_avro(value)?,
        (Some(ct), Some(from_json)) if is_json(ct) => {
            let text = std::str::from_utf8(value).map_err(|e| {
                CloudEventError::DataJson(format!("not UTF-8 at byte {}", e.valid_up_to()))
            })?;
            from_json(text).map_err(|e| CloudEventError::DataJson(e.to_string()))?
        }
        (found, _) => {
            return Err(CloudEventError::UnsupportedContentType {
                attribute: "content-type",
                found: found.map_or_else(|| "(none)".into(), cut),
                expected: if from_json.is_some() {
                    "application/avro or JSON"
                } else {
                    "application/avro"
                },
            });
        }
    };
    Ok(Envelope::from_parts(decoded.metadata, data)?)
}

fn utf8<'a>(header: &str, bytes: &'a [u8]) -> Result<&'a str, CloudEventError> {
    std::str::from_utf8(bytes).map_err(|e| CloudEventError::HeaderNotUtf8 {
        header: cut(header),
        offset: e.valid_up_to(),
    })
}
