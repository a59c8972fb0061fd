//! [`Envelope`]: an event with the metadata it travels with, and the rules that metadata follows.

mod attributes;
mod avro;

pub use attributes::{
    EnvelopeError, MAX_EXTENSION_NAME_LEN, MAX_EXTENSIONS, UriError, uri_reference_error,
    validate_absolute_uri, validate_extension_name, validate_traceparent, validate_uri_reference,
};
pub(crate) use attributes::{no_control_characters, text};
pub use avro::envelope_avro_name;
pub(crate) use avro::{decode_metadata_as_written, envelope_record};

use crate::{Event, Timestamp};
use std::borrow::Cow;
use std::collections::BTreeMap;
use uuid::Uuid;

/// An event and its metadata: what a consumer needs to deduplicate, order, route and trace it.
///
/// ```
/// use tidings::{Envelope, Event};
///
/// #[derive(Event, Debug, Clone, PartialEq)]
/// #[event(type = "order.placed", version = 2, source = "order-service")]
/// #[avro(namespace = "com.acme.orders")]
/// pub struct OrderPlaced {
///     pub order_id: String,
/// }
///
/// #[derive(Event, Debug, Clone, PartialEq)]
/// #[event(type = "payment.processed", source = "payment-service")]
/// #[avro(namespace = "com.acme.payments")]
/// pub struct PaymentProcessed {
///     pub order_id: String,
/// }
///
/// let placed = Envelope::new(OrderPlaced { order_id: "o-1".into() })
///     .with_subject("o-1")?
///     .with_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")?;
/// let paid = Envelope::new(PaymentProcessed { order_id: "o-1".into() }).caused_by(&placed);
///
/// assert_eq!(placed.source(), "order-service");
/// assert_eq!(placed.event_type(), "order.placed");
/// assert_eq!(placed.version(), 2);
/// assert!(paid.id() > placed.id(), "version 7 UUIDs sort by creation");
/// assert_eq!(paid.causation_id(), Some(placed.id().to_string().as_str()));
/// assert_eq!(paid.correlation_id(), Some(placed.id().to_string().as_str()), "placed started the flow");
/// assert_eq!(paid.traceparent(), placed.traceparent());
/// # Ok::<(), tidings::EnvelopeError>(())
/// ```
///
/// Every envelope is valid: the builder methods and [`Envelope::from_parts`] check what they are
/// given, and every decoder checks what it reads, so an invalid `traceparent` or extension name
/// is an [`EnvelopeError`] where it enters, never a surprise where it leaves.
///
/// On the wire an envelope is an Avro record of its own (see its [`Avro`](crate::Avro) impl), a
/// CloudEvent ([`wire::cloudevents`](crate::wire::cloudevents)), or either inside a Kafka record.
#[derive(Clone, Debug, PartialEq)]
pub struct Envelope<E> {
    metadata: Metadata,
    data: E,
}

/// An envelope's metadata, every field public: what [`Envelope::into_parts`] gives and
/// [`Envelope::from_parts`] checks and takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Metadata {
    /// The event's unique ID: a version 7 UUID for envelopes made here, any UUID for others.
    pub id: Uuid,
    /// When the event happened.
    pub time: Timestamp,
    /// The service or context that produced it: a URI-reference (`order-service`,
    /// `https://acme.com/orders`).
    pub source: Cow<'static, str>,
    /// What the event is about: the aggregate or partition key (`order-42`).
    pub subject: Option<String>,
    /// The ID shared by every event of one flow (a request, a saga), possibly another system's.
    pub correlation_id: Option<String>,
    /// The ID of the event or command that caused this one.
    pub causation_id: Option<String>,
    /// The W3C Trace Context `traceparent` of the span that produced the event.
    pub traceparent: Option<String>,
    /// Further attributes, by CloudEvents extension name (`[a-z0-9]{1,20}`).
    pub extensions: BTreeMap<String, String>,
}

impl<E: Event> Envelope<E> {
    /// Wraps `data` in new metadata: a fresh version 7 UUID, the current time and
    /// [`E::SOURCE`](Event::SOURCE).
    ///
    /// IDs made in one process are strictly increasing (`uuid`'s `now_v7`, whose shared context
    /// orders IDs made within the same millisecond).
    pub fn new(data: E) -> Self {
        Envelope {
            metadata: Metadata {
                id: Uuid::now_v7(),
                time: Timestamp::now(),
                source: Cow::Borrowed(E::SOURCE),
                subject: None,
                correlation_id: None,
                causation_id: None,
                traceparent: None,
                extensions: BTreeMap::new(),
            },
            data,
        }
    }

    /// Rebuilds an envelope from its parts, checking the metadata as the builder does.
    pub fn from_parts(metadata: Metadata, data: E) -> Result<Self, EnvelopeError> {
        metadata.validate()?;
        Ok(Envelope { metadata, data })
    }

    /// The metadata and the event.
    pub fn into_parts(self) -> (Metadata, E) {
        (self.metadata, self.data)
    }

    /// The event type, [`E::TYPE`](Event::TYPE).
    pub fn event_type(&self) -> &'static str {
        E::TYPE
    }

    /// The event's major version, [`E::VERSION`](Event::VERSION).
    pub fn version(&self) -> u32 {
        E::VERSION
    }

    /// Sets the ID: for events whose ID was given elsewhere (an outbox row, a replayed command).
    pub fn with_id(mut self, id: Uuid) -> Self {
        self.metadata.id = id;
        self
    }

    /// Sets the time the event happened.
    pub fn with_time(mut self, time: Timestamp) -> Self {
        self.metadata.time = time;
        self
    }

    /// Sets the source, which must be a URI-reference without control characters.
    pub fn with_source(mut self, source: impl Into<String>) -> Result<Self, EnvelopeError> {
        let source = source.into();
        validate_source(&source)?;
        self.metadata.source = Cow::Owned(source);
        Ok(self)
    }

    /// Sets the subject: the aggregate or partition key. Non-empty, no control characters.
    pub fn with_subject(mut self, subject: impl Into<String>) -> Result<Self, EnvelopeError> {
        let subject = subject.into();
        text("subject", &subject)?;
        self.metadata.subject = Some(subject);
        Ok(self)
    }

    /// Sets the correlation ID. Non-empty, no control characters.
    pub fn with_correlation_id(mut self, id: impl Into<String>) -> Result<Self, EnvelopeError> {
        let id = id.into();
        text("correlation_id", &id)?;
        self.metadata.correlation_id = Some(id);
        Ok(self)
    }

    /// Sets the causation ID. Non-empty, no control characters.
    pub fn with_causation_id(mut self, id: impl Into<String>) -> Result<Self, EnvelopeError> {
        let id = id.into();
        text("causation_id", &id)?;
        self.metadata.causation_id = Some(id);
        Ok(self)
    }

    /// Sets the W3C Trace Context `traceparent`, checked by [`validate_traceparent`].
    pub fn with_traceparent(
        mut self,
        traceparent: impl Into<String>,
    ) -> Result<Self, EnvelopeError> {
        let traceparent = traceparent.into();
        validate_traceparent(&traceparent)?;
        self.metadata.traceparent = Some(traceparent);
        Ok(self)
    }

    /// Adds or replaces an extension. The name follows [`validate_extension_name`]; the value has
    /// no control characters; at most [`MAX_EXTENSIONS`] extensions.
    pub fn with_extension(
        mut self,
        name: impl Into<String>,
        value: impl Into<String>,
    ) -> Result<Self, EnvelopeError> {
        let (name, value) = (name.into(), value.into());
        validate_extension(&name, &value)?;
        if self.metadata.extensions.len() >= MAX_EXTENSIONS
            && !self.metadata.extensions.contains_key(&name)
        {
            return Err(EnvelopeError::InvalidExtensionName {
                name,
                reason: "would pass the limit of 64 extensions per envelope",
            });
        }
        self.metadata.extensions.insert(name, value);
        Ok(self)
    }

    /// Makes this event a consequence of `previous`: its causation ID becomes `previous`'s ID,
    /// and it joins `previous`'s flow, taking its correlation ID (or, if `previous` started the
    /// flow, `previous`'s ID) and its `traceparent`.
    pub fn caused_by<P>(mut self, previous: &Envelope<P>) -> Self {
        let previous_id = previous.metadata.id.to_string();
        self.metadata.correlation_id = Some(
            previous
                .metadata
                .correlation_id
                .clone()
                .unwrap_or_else(|| previous_id.clone()),
        );
        self.metadata.causation_id = Some(previous_id);
        if previous.metadata.traceparent.is_some() {
            self.metadata.traceparent = previous.metadata.traceparent.clone();
        }
        self
    }
}

impl<E> Envelope<E> {
    /// The event's unique ID.
    pub fn id(&self) -> Uuid {
        self.metadata.id
    }

    /// When the event happened.
    pub fn time(&self) -> Timestamp {
        self.metadata.time
    }

    /// The service or context that produced the event.
    pub fn source(&self) -> &str {
        &self.metadata.source
    }

    /// The aggregate or partition key, if set.
    pub fn subject(&self) -> Option<&str> {
        self.metadata.subject.as_deref()
    }

    /// The correlation ID, if set.
    pub fn correlation_id(&self) -> Option<&str> {
        self.metadata.correlation_id.as_deref()
    }

    /// The causation ID, if set.
    pub fn causation_id(&self) -> Option<&str> {
        self.metadata.causation_id.as_deref()
    }

    /// The W3C Trace Context `traceparent`, if set.
    pub fn traceparent(&self) -> Option<&str> {
        self.metadata.traceparent.as_deref()
    }

    /// The extensions, by name.
    pub fn extensions(&self) -> &BTreeMap<String, String> {
        &self.metadata.extensions
    }

    /// All the metadata.
    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// The same metadata around `f(data)`: for an enum of events, say, as
    /// [`EventStream`](crate::evolution::EventStream) decoders return.
    pub fn map<U>(self, f: impl FnOnce(E) -> U) -> Envelope<U> {
        Envelope {
            metadata: self.metadata,
            data: f(self.data),
        }
    }

    /// The event.
    pub fn data(&self) -> &E {
        &self.data
    }

    /// The event, without its metadata.
    pub fn into_data(self) -> E {
        self.data
    }
}

impl Metadata {
    /// Checks every field as the builder methods of [`Envelope`] do.
    pub fn validate(&self) -> Result<(), EnvelopeError> {
        validate_source(&self.source)?;
        for (attribute, value) in [
            ("subject", &self.subject),
            ("correlation_id", &self.correlation_id),
            ("causation_id", &self.causation_id),
        ] {
            if let Some(value) = value {
                text(attribute, value)?;
            }
        }
        if let Some(traceparent) = &self.traceparent {
            validate_traceparent(traceparent)?;
        }
        validate_extensions(&self.extensions)
    }
}

/// At most [`MAX_EXTENSIONS`], each with a valid name and value.
pub(crate) fn validate_extensions(
    extensions: &BTreeMap<String, String>,
) -> Result<(), EnvelopeError> {
    if extensions.len() > MAX_EXTENSIONS {
        return Err(EnvelopeError::InvalidExtensionName {
            name: extensions.keys().next_back().cloned().unwrap_or_default(),
            reason: "would pass the limit of 64 extensions per envelope",
        });
    }
    extensions
        .iter()
        .try_for_each(|(name, value)| validate_extension(name, value))
}

fn validate_source(source: &str) -> Result<(), EnvelopeError> {
    text("source", source)?;
    validate_uri_reference(source).map_err(|UriError(reason)| EnvelopeError::InvalidSource {
        value: source.chars().take(64).collect(),
        reason,
    })
}

fn validate_extension(name: &str, value: &str) -> Result<(), EnvelopeError> {
    validate_extension_name(name)?;
    no_control_characters(name, value)
}
