//! The mapping between an envelope's metadata and CloudEvents context attributes, with the
//! specification's checks, shared by the JSON format and the Kafka binding.

use super::{CloudEventError, SPEC_VERSION};
use crate::envelope::{self, Metadata, no_control_characters, validate_absolute_uri};
use crate::{Envelope, Event, Timestamp};
use std::borrow::Cow;
use std::collections::BTreeMap;
use uuid::Uuid;

/// An attribute's value: CloudEvents `String` and `URI` types are text, `eventversion` an
/// `Integer` (a JSON number in structured mode, decimal text in a header).
pub(super) enum Value<'a> {
    Text(Cow<'a, str>),
    Integer(u32),
}

/// The context attributes of `envelope`, in the order the specification lists them, checked.
pub(super) fn context<'a, E: Event>(
    envelope: &'a Envelope<E>,
    datacontenttype: &'static str,
    dataschema: Option<&'a str>,
) -> Result<Vec<(&'a str, Value<'a>)>, CloudEventError> {
    let m = envelope.metadata();
    m.validate()?;
    envelope::text("type", E::TYPE)?;
    let time = m
        .time
        .to_rfc3339()
        .ok_or_else(|| CloudEventError::InvalidAttribute {
            attribute: "time".into(),
            reason: format!("{:?} is outside the years RFC 3339 can write", m.time),
        })?;
    let text = |v: &'a str| Value::Text(Cow::Borrowed(v));
    let mut attributes = vec![
        ("specversion", text(SPEC_VERSION)),
        ("id", Value::Text(Cow::Owned(m.id.to_string()))),
        ("source", text(&m.source)),
        ("type", text(E::TYPE)),
        ("eventversion", Value::Integer(E::VERSION)),
        ("datacontenttype", text(datacontenttype)),
    ];
    if let Some(dataschema) = dataschema {
        validate_absolute_uri(dataschema).map_err(|e| invalid("dataschema", e))?;
        no_control_characters("dataschema", dataschema)?;
        attributes.push(("dataschema", text(dataschema)));
    }
    if let Some(subject) = &m.subject {
        attributes.push(("subject", text(subject)));
    }
    attributes.push(("time", Value::Text(Cow::Owned(time))));
    let optional = [
        ("partitionkey", &m.subject),
        ("correlationid", &m.correlation_id),
        ("causationid", &m.causation_id),
        ("traceparent", &m.traceparent),
    ];
    for (name, value) in optional {
        if let Some(value) = value {
            attributes.push((name, text(value)));
        }
    }
    for (name, value) in &m.extensions {
        attributes.push((name, text(value)));
    }
    Ok(attributes)
}

/// What a CloudEvent's attributes give: the envelope's metadata and how its data is encoded.
pub(super) struct Decoded {
    pub(super) metadata: Metadata,
    pub(super) datacontenttype: Option<String>,
}

/// Reads the attributes of a CloudEvent of the event `E` (the data excluded), checking each.
pub(super) fn metadata<E: Event>(
    mut attributes: BTreeMap<String, String>,
) -> Result<Decoded, CloudEventError> {
    let mut take = |name: &str| attributes.remove(name);
    let specversion =
        take("specversion").ok_or(CloudEventError::MissingAttribute("specversion"))?;
    if specversion != SPEC_VERSION {
        return Err(CloudEventError::InvalidAttribute {
            attribute: "specversion".into(),
            reason: format!(
                "{:?} is not \"1.0\", the version this decoder reads",
                cut(&specversion)
            ),
        });
    }
    let id = required(take("id"), "id")?;
    let id = Uuid::parse_str(&id).map_err(|err| CloudEventError::InvalidAttribute {
        attribute: "id".into(),
        reason: format!(
            "{:?} is not a UUID ({err}); tidings envelopes have UUID IDs",
            cut(&id)
        ),
    })?;
    let source = required(take("source"), "source")?;
    let event_type = required(take("type"), "type")?;
    if event_type != E::TYPE {
        return Err(wrong("type", E::TYPE.to_owned(), &event_type));
    }
    if let Some(version) = take("eventversion")
        && version.parse::<u32>() != Ok(E::VERSION)
    {
        return Err(wrong("eventversion", E::VERSION.to_string(), &version));
    }
    let time = required(take("time"), "time")?;
    let time = Timestamp::parse_rfc3339(&time).map_err(|e| invalid("time", e.reason))?;
    let datacontenttype = take("datacontenttype");
    if let Some(dataschema) = take("dataschema") {
        validate_absolute_uri(&dataschema).map_err(|e| invalid("dataschema", e))?;
        no_control_characters("dataschema", &dataschema)?;
    }
    let subject = take("subject");
    let partition_key = take("partitionkey");
    let subject = match (subject, partition_key) {
        (Some(subject), Some(key)) if subject != key => {
            return Err(CloudEventError::InvalidAttribute {
                attribute: "partitionkey".into(),
                reason: format!(
                    "{:?} differs from `subject` {:?}; an envelope has one subject, which is its \
                     partition key",
                    cut(&key),
                    cut(&subject)
                ),
            });
        }
        (subject, key) => subject.or(key),
    };
    let correlation_id = take("correlationid");
    let causation_id = take("causationid");
    let traceparent = take("traceparent");
    if let Some(content_type) = &datacontenttype {
        no_control_characters("datacontenttype", content_type)?;
    }
    let metadata = Metadata {
        id,
        time,
        source: Cow::Owned(source),
        subject,
        correlation_id,
        causation_id,
        traceparent,
        extensions: attributes,
    };
    metadata.validate()?;
    Ok(Decoded {
        metadata,
        datacontenttype,
    })
}

/// A required attribute: present and non-empty.
fn required(value: Option<String>, name: &'static str) -> Result<String, CloudEventError> {
    match value {
        None => Err(CloudEventError::MissingAttribute(name)),
        Some(value) => {
            envelope::text(name, &value)?;
            Ok(value)
        }
    }
}

fn invalid(attribute: &str, reason: impl ToString) -> CloudEventError {
    CloudEventError::InvalidAttribute {
        attribute: attribute.to_owned(),
        reason: reason.to_string(),
    }
}

fn wrong(attribute: &'static str, expected: String, found: &str) -> CloudEventError {
    CloudEventError::WrongEvent {
        attribute,
        expected,
        found: cut(found),
    }
}

/// A value for an error message: at most 64 characters.
pub(super) fn cut(value: &str) -> String {
    value.chars().take(64).collect()
}

/// Whether a `datacontenttype` is JSON: `application/json`, `text/json` or a `+json` suffix,
/// parameters ignored, as the JSON event format's rules for `data` say.
pub(super) fn is_json(content_type: &str) -> bool {
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    media == "application/json" || media == "text/json" || media.ends_with("+json")
}

/// Whether a `datacontenttype` is Avro binary.
pub(super) fn is_avro(content_type: &str) -> bool {
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    media == super::AVRO_CONTENT_TYPE || media == "avro/binary"
}
