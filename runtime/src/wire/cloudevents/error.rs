//! [`CloudEventError`]: why an envelope could not be written or read as a CloudEvent.

use crate::{DecodeError, EncodeError, EnvelopeError};

/// An envelope could not be written as a CloudEvent, or a CloudEvent could not be read as an
/// envelope. Each variant names the attribute, header or byte at fault.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CloudEventError {
    /// A required attribute is absent.
    #[error("the required attribute `{0}` is missing")]
    MissingAttribute(&'static str),
    /// An attribute's value breaks the specification's rules (or the envelope's).
    #[error("attribute `{attribute}`: {reason}")]
    InvalidAttribute {
        /// The attribute, or extension, name.
        attribute: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The event is of another type or major version than the one decoded.
    #[error(
        "attribute `{attribute}` is {found:?}, but {expected:?} was expected: this is another event"
    )]
    WrongEvent {
        /// `type` or `eventversion`.
        attribute: &'static str,
        /// What the Rust event type has.
        expected: String,
        /// What the CloudEvent holds (its first 64 characters).
        found: String,
    },
    /// The envelope's metadata breaks a rule every envelope keeps.
    #[error(transparent)]
    Envelope(#[from] EnvelopeError),
    /// The structured event is not a JSON object of CloudEvents attributes.
    #[error("invalid structured CloudEvent JSON at line {line}, column {column}: {reason}")]
    Json {
        /// What the JSON parser reported.
        reason: String,
        /// The line of the error, from 1.
        line: usize,
        /// The column of the error, from 1.
        column: usize,
    },
    /// `data` could not be written as, or read from, JSON as the event type.
    #[error("`data` does not hold the event as JSON: {0}")]
    DataJson(String),
    /// `data_base64` is not valid base64.
    #[error("`data_base64` is not valid base64: {0}")]
    Base64(String),
    /// The event could not be encoded as Avro (a value its schema cannot hold).
    #[error("the event cannot be encoded: {0}")]
    Encode(#[from] EncodeError),
    /// The Avro data could not be decoded as the event (the error's offset is into the datum).
    #[error("the Avro data does not hold the event: {0}")]
    DataAvro(DecodeError),
    /// The data's content type is not one this decoder reads.
    #[error("`{attribute}` is {found:?}; expected {expected}")]
    UnsupportedContentType {
        /// `datacontenttype`, or the Kafka header `content-type`.
        attribute: &'static str,
        /// The content type found (its first 64 characters).
        found: String,
        /// What would have been read.
        expected: &'static str,
    },
    /// The event has no data, but the envelope needs its event.
    #[error("the CloudEvent carries no data")]
    MissingData,
    /// A Kafka header's value is not UTF-8.
    #[error("Kafka header `{header}` is not UTF-8 (first invalid byte at offset {offset})")]
    HeaderNotUtf8 {
        /// The header name.
        header: String,
        /// The offset of the first invalid byte in its value.
        offset: usize,
    },
    /// A Kafka header appears twice, so the attribute it carries is ambiguous.
    #[error("Kafka header `{0}` appears more than once")]
    DuplicateHeader(String),
    /// The Kafka record is in neither content mode: no `ce_specversion` header and no
    /// `content-type` of `application/cloudevents...`.
    #[error(
        "the Kafka record is not a CloudEvent: it has neither a `ce_specversion` header nor a structured `content-type`"
    )]
    NotACloudEvent,
    /// The Confluent framing of a binary-mode value is wrong.
    #[error("the Kafka record value: {0}")]
    Framing(String),
}
