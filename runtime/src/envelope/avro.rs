//! The envelope as an Avro record named after its event: `com.acme.orders.v2.OrderPlaced` travels
//! in `com.acme.orders.v2.OrderPlacedEnvelope`, so every event's envelope has a schema, a
//! fingerprint and a registry subject of its own.

use super::{Envelope, Metadata, text, validate_extensions, validate_source};
use crate::__private::{field, named_type, record_schema};
use crate::EncodeError;
use crate::codec::{DecodeError, DecodeErrorKind, Reader, write_int, write_str};
use crate::{Avro, Event, SchemaBuilder, Timestamp};
use serde_json::{Value, json};
use std::borrow::Cow;
use std::collections::BTreeMap;
use uuid::Uuid;

/// The envelope record's full name for the event `E`: its own full name plus `Envelope`.
pub fn envelope_avro_name<E: Event>() -> String {
    format!("{}Envelope", E::AVRO_NAME)
}

/// The envelope's fields, in schema order: name, doc, schema, default.
const METADATA_FIELDS: [(&str, &str); 10] = [
    ("id", "The event's unique ID."),
    ("type", "The event type."),
    ("version", "The event's major version."),
    (
        "source",
        "The service or context that produced the event: a URI-reference.",
    ),
    ("time", "When the event happened."),
    (
        "subject",
        "What the event is about: the aggregate or partition key.",
    ),
    (
        "correlation_id",
        "The ID shared by every event of one flow.",
    ),
    (
        "causation_id",
        "The ID of the event or command that caused this one.",
    ),
    (
        "traceparent",
        "The W3C Trace Context traceparent of the span that produced the event.",
    ),
    (
        "extensions",
        "Further attributes, by CloudEvents extension name.",
    ),
];

/// The envelope record named `full_name` around `data`, the event's schema: how
/// [`Envelope::write_schema`](Avro::write_schema) builds it, and how the schema history wraps an
/// event's older revisions to know their envelopes' fingerprints too.
pub(crate) fn envelope_record(full_name: &str, data: Value) -> Value {
    let (namespace, name) = full_name.rsplit_once('.').unwrap_or(("", full_name));
    let header = named_type(
        "record",
        name,
        namespace,
        Some("An event and the metadata it travels with."),
        &[],
    );
    let nullable = || json!(["null", "string"]);
    let types = [
        json!({ "type": "string", "logicalType": "uuid" }),
        json!("string"),
        json!("int"),
        json!("string"),
        json!({ "type": "long", "logicalType": "timestamp-micros" }),
        nullable(),
        nullable(),
        nullable(),
        nullable(),
        json!({ "type": "map", "values": "string" }),
    ];
    let mut fields: Vec<Value> = METADATA_FIELDS
        .iter()
        .zip(types)
        .map(|((name, doc), ty)| {
            let default = match *name {
                "extensions" => Some(json!({})),
                _ if ty.is_array() => Some(Value::Null),
                _ => None,
            };
            field(name, Some(doc), &[], ty, default)
        })
        .collect();
    fields.push(field("data", Some("The event."), &[], data, None));
    record_schema(header, fields)
}

impl<E: Event> Avro for Envelope<E> {
    fn write_schema(builder: &mut SchemaBuilder) -> Value {
        let full_name = envelope_avro_name::<E>();
        builder.named(&full_name, |builder| {
            envelope_record(&full_name, E::write_schema(builder))
        })
    }

    #[inline]
    fn encode_avro(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        // Only the data can fail: the metadata is valid by construction.
        let m = &self.metadata;
        m.id.encode_avro(out)?;
        write_str(E::TYPE, out);
        write_int(E::VERSION as i32, out);
        write_str(&m.source, out);
        m.time.encode_avro(out)?;
        m.subject.encode_avro(out)?;
        m.correlation_id.encode_avro(out)?;
        m.causation_id.encode_avro(out)?;
        m.traceparent.encode_avro(out)?;
        m.extensions.encode_avro(out)?;
        self.data.encode_avro(out).map_err(|e| e.in_field("data"))
    }

    fn decode_avro(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.enter()?;
        let metadata = decode_metadata::<E>(reader)?;
        let data = E::decode_avro(reader).map_err(|e| e.in_field("data"))?;
        reader.leave();
        Ok(Envelope { metadata, data })
    }
}

fn decode_metadata<E: Event>(reader: &mut Reader<'_>) -> Result<Metadata, DecodeError> {
    let id = Uuid::decode_avro(reader).map_err(|e| e.in_field("id"))?;
    expect(reader, "type", E::TYPE, Reader::read_str)?;
    expect(reader, "version", i64::from(E::VERSION), Reader::read_long)?;
    decode_rest(reader, id)
}

/// The metadata of the envelope of whichever event it holds, with that event's type and
/// version as written: how a reader of several versions or types learns what follows. The
/// reader is then at the `data` field.
pub(crate) fn decode_metadata_as_written<'a>(
    reader: &mut Reader<'a>,
) -> Result<(Metadata, &'a str, i64), DecodeError> {
    let id = Uuid::decode_avro(reader).map_err(|e| e.in_field("id"))?;
    let event_type = reader.read_str().map_err(|e| e.in_field("type"))?;
    let version = reader.read_long().map_err(|e| e.in_field("version"))?;
    Ok((decode_rest(reader, id)?, event_type, version))
}

/// The metadata after `type` and `version`.
fn decode_rest(reader: &mut Reader<'_>, id: Uuid) -> Result<Metadata, DecodeError> {
    let source = checked(
        reader,
        "source",
        |r| r.read_str().map(str::to_owned),
        |s| validate_source(s),
    )?;
    let time = Timestamp::decode_avro(reader).map_err(|e| e.in_field("time"))?;
    let mut optional = |name: &'static str, rule: fn(&str) -> Result<(), _>| {
        checked(reader, name, Option::<String>::decode_avro, move |v| {
            v.as_deref().map_or(Ok(()), rule)
        })
    };
    let subject = optional("subject", |v| text("subject", v))?;
    let correlation_id = optional("correlation_id", |v| text("correlation_id", v))?;
    let causation_id = optional("causation_id", |v| text("causation_id", v))?;
    let traceparent = optional("traceparent", super::validate_traceparent)?;
    let extensions = checked(
        reader,
        "extensions",
        BTreeMap::<String, String>::decode_avro,
        validate_extensions,
    )?;
    Ok(Metadata {
        id,
        time,
        source: Cow::Owned(source),
        subject,
        correlation_id,
        causation_id,
        traceparent,
        extensions,
    })
}

/// Reads a field with `read`, then checks it with `rule`; a broken rule is an error at the
/// field's first byte.
fn checked<T>(
    reader: &mut Reader<'_>,
    name: &'static str,
    read: impl FnOnce(&mut Reader<'_>) -> Result<T, DecodeError>,
    rule: impl FnOnce(&T) -> Result<(), super::EnvelopeError>,
) -> Result<T, DecodeError> {
    let start = reader.position();
    let value = read(reader).map_err(|e| e.in_field(name))?;
    rule(&value).map_err(|err| {
        DecodeError::new(DecodeErrorKind::InvalidEnvelope(err), start).in_field(name)
    })?;
    Ok(value)
}

/// Reads a field that must hold `expected`: the envelope of another event is not this one's.
fn expect<'a, T: PartialEq + ToString>(
    reader: &mut Reader<'a>,
    name: &'static str,
    expected: T,
    read: impl FnOnce(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<(), DecodeError> {
    let start = reader.position();
    let found = read(reader).map_err(|e| e.in_field(name))?;
    if found != expected {
        let kind = DecodeErrorKind::WrongEvent {
            field: name,
            expected: expected.to_string(),
            found: found.to_string().chars().take(64).collect(),
        };
        return Err(DecodeError::new(kind, start).in_field(name));
    }
    Ok(())
}
