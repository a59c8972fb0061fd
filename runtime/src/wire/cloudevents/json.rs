//! The structured JSON format (`application/cloudevents+json`): one JSON object holding the
//! context attributes and the data, as JSON in `data` or as the Avro datum in `data_base64`.
//!
//! ```
//! use tidings::wire::cloudevents::json;
//! use tidings::{Envelope, Event};
//!
//! #[derive(Event, serde::Serialize, serde::Deserialize, Debug, PartialEq)]
//! #[event(type = "order.placed", source = "order-service")]
//! pub struct OrderPlaced {
//!     pub order_id: String,
//! }
//!
//! let envelope = Envelope::new(OrderPlaced { order_id: "o-1".into() }).with_subject("o-1")?;
//! let mut out = Vec::new();
//! json::encode(&envelope, &mut out)?;
//! let text = std::str::from_utf8(&out).unwrap();
//! assert!(text.starts_with(r#"{"specversion":"1.0","id":""#));
//! assert!(text.ends_with(r#""data":{"order_id":"o-1"}}"#));
//! assert_eq!(json::decode::<OrderPlaced>(&out)?, envelope);
//!
//! // The Avro datum in `data_base64`, for consumers that read the contract rather than JSON:
//! out.clear();
//! json::encode_avro_data(&envelope, "urn:avro:OrderPlaced", &mut out)?;
//! assert_eq!(json::decode_avro_data::<OrderPlaced>(&out)?, envelope);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::attributes::{self, Value, cut, is_avro, is_json};
use super::{AVRO_CONTENT_TYPE, CloudEventError, JSON_CONTENT_TYPE};
use crate::{Envelope, Event};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::de::{self, DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::fmt;

/// Appends `envelope` as a structured CloudEvent with its event as JSON in `data`
/// (`datacontenttype` `application/json`).
pub fn encode<E: Event + Serialize>(
    envelope: &Envelope<E>,
    out: &mut Vec<u8>,
) -> Result<(), CloudEventError> {
    let start = out.len();
    let result = write_attributes(envelope, JSON_CONTENT_TYPE, None, out).and_then(|()| {
        out.extend_from_slice(b",\"data\":");
        serde_json::to_writer(&mut *out, envelope.data())
            .map_err(|e| CloudEventError::DataJson(e.to_string()))?;
        out.push(b'}');
        Ok(())
    });
    if result.is_err() {
        out.truncate(start);
    }
    result
}

/// Appends `envelope` as a structured CloudEvent with its event's Avro datum in `data_base64`
/// (`datacontenttype` `application/avro`), and `dataschema` naming its schema (an absolute URI:
/// [`default_dataschema`](super::default_dataschema), or a registry URL).
pub fn encode_avro_data<E: Event>(
    envelope: &Envelope<E>,
    dataschema: &str,
    out: &mut Vec<u8>,
) -> Result<(), CloudEventError> {
    let start = out.len();
    let result =
        write_attributes(envelope, AVRO_CONTENT_TYPE, Some(dataschema), out).and_then(|()| {
            let datum = crate::encode(envelope.data())?;
            out.extend_from_slice(b",\"data_base64\":\"");
            let encoded_len = base64::encoded_len(datum.len(), true).unwrap_or(0);
            let at = out.len();
            out.resize(at + encoded_len, 0);
            let written = BASE64
                .encode_slice(&datum, &mut out[at..])
                .expect("the buffer was sized by encoded_len");
            out.truncate(at + written);
            out.extend_from_slice(b"\"}");
            Ok(())
        });
    if result.is_err() {
        out.truncate(start);
    }
    result
}

/// Writes `{` and the attributes, leaving the object open for the data.
fn write_attributes<E: Event>(
    envelope: &Envelope<E>,
    datacontenttype: &'static str,
    dataschema: Option<&str>,
    out: &mut Vec<u8>,
) -> Result<(), CloudEventError> {
    let attributes = attributes::context(envelope, datacontenttype, dataschema)?;
    out.push(b'{');
    for (i, (name, value)) in attributes.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_str(name, out);
        out.push(b':');
        match value {
            Value::Text(text) => write_str(text, out),
            Value::Integer(n) => out.extend_from_slice(n.to_string().as_bytes()),
        }
    }
    Ok(())
}

fn write_str(text: &str, out: &mut Vec<u8>) {
    serde_json::to_writer(&mut *out, text).expect("writing a string into a Vec cannot fail");
}

/// Reads a structured CloudEvent of the event `E`, its data either JSON (`data`) or Avro
/// (`data_base64` with `datacontenttype` `application/avro`).
pub fn decode<E: Event + DeserializeOwned>(bytes: &[u8]) -> Result<Envelope<E>, CloudEventError> {
    decode_with(bytes, Some(|raw: &str| serde_json::from_str(raw)))
}

/// Reads a structured CloudEvent of the event `E` whose data is its Avro datum in `data_base64`;
/// JSON `data` is an error, as `E` need not implement `Deserialize`.
pub fn decode_avro_data<E: Event>(bytes: &[u8]) -> Result<Envelope<E>, CloudEventError> {
    decode_with::<E>(bytes, None)
}

/// Reads JSON `data` with `from_json` if given.
pub(super) fn decode_with<E: Event>(
    bytes: &[u8],
    from_json: Option<fn(&str) -> serde_json::Result<E>>,
) -> Result<Envelope<E>, CloudEventError> {
    let structured: Structured<'_> =
        serde_json::from_slice(bytes).map_err(|e| CloudEventError::Json {
            reason: e.to_string(),
            line: e.line(),
            column: e.column(),
        })?;
    let decoded = attributes::metadata::<E>(structured.attributes)?;
    let content_type = decoded.datacontenttype.as_deref();
    let data = match (structured.data, structured.data_base64) {
        (Some(_), Some(_)) => {
            return Err(CloudEventError::InvalidAttribute {
                attribute: "data_base64".into(),
                reason: "a CloudEvent holds `data` or `data_base64`, not both".into(),
            });
        }
        (None, None) => return Err(CloudEventError::MissingData),
        (None, Some(base64)) => {
            if !content_type.is_some_and(is_avro) {
                return Err(unsupported(content_type, AVRO_CONTENT_TYPE));
            }
            let datum = BASE64
                .decode(base64)
                .map_err(|e| CloudEventError::Base64(e.to_string()))?;
            crate::decode::<E>(&datum).map_err(CloudEventError::DataAvro)?
        }
        (Some(raw), None) => match from_json {
            Some(from_json) if content_type.is_none_or(is_json) => {
                from_json(raw.get()).map_err(|e| CloudEventError::DataJson(e.to_string()))?
            }
            Some(_) => return Err(unsupported(content_type, JSON_CONTENT_TYPE)),
            None => {
                return Err(unsupported(
                    content_type.or(Some("JSON `data`")),
                    "Avro data in `data_base64`",
                ));
            }
        },
    };
    Ok(Envelope::from_parts(decoded.metadata, data)?)
}

fn unsupported(found: Option<&str>, expected: &'static str) -> CloudEventError {
    CloudEventError::UnsupportedContentType {
        attribute: "datacontenttype",
        found: found.map_or_else(|| "(none)".into(), cut),
        expected,
    }
}

/// A structured CloudEvent as read: every attribute as text, the data still raw.
struct Structured<'a> {
    attributes: BTreeMap<String, String>,
    data: Option<&'a RawValue>,
    data_base64: Option<String>,
}

impl<'de> Deserialize<'de> for Structured<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(StructuredVisitor)
    }
}

struct StructuredVisitor;

impl<'de> Visitor<'de> for StructuredVisitor {
    type Value = Structured<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object of CloudEvents attributes")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Structured<'de>, A::Error> {
        let mut event = Structured {
            attributes: BTreeMap::new(),
            data: None,
            data_base64: None,
        };
        while let Some(name) = map.next_key::<String>()? {
            let duplicate = match name.as_str() {
                "data" => event.data.replace(map.next_value()?).is_some(),
                "data_base64" => event.data_base64.replace(map.next_value()?).is_some(),
                _ => {
                    let text = match map.next_value::<serde_json::Value>()? {
                        // The JSON format: a null attribute is an absent one.
                        serde_json::Value::Null => continue,
                        serde_json::Value::String(text) => text,
                        serde_json::Value::Bool(b) => b.to_string(),
                        serde_json::Value::Number(n) => n.to_string(),
                        _ => {
                            return Err(de::Error::custom(format_args!(
                                "attribute `{}` is an array or object; CloudEvents attributes \
                                 are strings, numbers or booleans",
                                cut(&name)
                            )));
                        }
                    };
                    event.attributes.insert(name.clone(), text).is_some()
                }
            };
            if duplicate {
                return Err(de::Error::custom(format_args!(
                    "attribute `{}` appears more than once",
                    cut(&name)
                )));
            }
        }
        Ok(event)
    }
}
