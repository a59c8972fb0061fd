//! Reading every version of an event as the latest type: the consumer side of evolution.
//!
//! A log holds events written by every release of their producers. [`EventDecoder`] reads a
//! single-object (or Confluent-framed) message written with any registered revision of any major
//! version of an event, and returns the type the consumer was compiled with:
//!
//! - a revision of the **same major version** (a field added with a default or removed, a
//!   number widened, an enum symbol added, a rename through `aliases`: what the compatibility
//!   check accepts) is read by Avro's schema resolution ([`resolve`]);
//! - an **older major version** (a breaking change: a new Rust type) is read as its own type,
//!   then upcast step by step ([`upcast`]) through the `From`/`TryFrom` impls `upcast_from`
//!   names; a version whose type was deleted is read as a
//!   [`HistoricEvent`](crate::upcast::HistoricEvent).
//!
//! The writer's schema comes from a [`SchemaHistory`], usually the one the consumer embedded at
//! build time with [`embedded_history!`](crate::embedded_history), so no network is needed.
//! What the envelope said (ID, time, source, correlation) is kept as written, and
//! [`Decoded::version`] tells which major version the bytes were written with.
//!
//! ```
//! use tidings::evolution::EventDecoder;
//! use tidings::history::SchemaHistory;
//! use tidings::{Envelope, Event, wire::single_object};
//!
//! mod revision_1 {
//!     /// What the producer wrote last year.
//!     #[derive(tidings::Event)]
//!     #[event(type = "ping", version = 1)]
//!     #[avro(name = "Ping", namespace = "com.acme")]
//!     pub struct Ping { pub seq: i32 }
//! }
//!
//! /// Today's revision: `seq` widened to a `long`, `note` added with a default.
//! #[derive(Event, Debug, PartialEq)]
//! #[event(type = "ping", version = 1)]
//! #[avro(namespace = "com.acme")]
//! pub struct Ping { pub seq: i64, pub note: Option<String> }
//!
//! // The history the build embedded (here built by hand): both revisions.
//! let mut history = SchemaHistory::new();
//! history.add(revision_1::Ping::AVRO_NAME, 1, &tidings::avsc::<revision_1::Ping>())?;
//! history.add(Ping::AVRO_NAME, 2, &tidings::avsc::<Ping>())?;
//! let decoder = EventDecoder::new(history);
//!
//! let old = single_object::encode(&Envelope::new(revision_1::Ping { seq: 7 }))?;
//! let read = decoder.envelope::<Ping>(&old)?;
//! assert_eq!(read.value().data(), &Ping { seq: 7, note: None });
//! assert_eq!(read.version(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A refused upcast is [`EvolutionError::Upcast`], with the event's ID for a dead-letter route;
//! several event types on one stream are one [`EventStream`] enum.

mod decoded;
mod error;
mod stream;

pub use decoded::Decoded;
pub use error::EvolutionError;
pub use stream::EventStream;
/// Derives [`EventStream`] for an enum whose variants each hold one event.
pub use tidings_macros::EventStream;

use crate::canonical::{Fingerprint, fingerprint_of};
use crate::codec::Reader;
use crate::envelope::decode_metadata_as_written;
#[cfg(feature = "confluent")]
use crate::history::RegistrySchemas;
use crate::history::{Form, Revision, SchemaHistory};
use crate::resolve;
use crate::upcast::{self, LineageError, VersionDecoder};
#[cfg(feature = "confluent")]
use crate::wire::confluent;
use crate::wire::single_object;
use crate::{Envelope, Event};
use uuid::Uuid;

/// Decodes single-object messages of any version of an event into its latest type.
///
/// Cheap to share: build one per consumer and keep it. Resolution plans are cached process-wide
/// per (writer schema, reader type), so the first message of each writer revision builds one and
/// the rest reuse it.
#[derive(Debug)]
pub struct EventDecoder {
    history: SchemaHistory,
}

impl EventDecoder {
    /// A decoder that knows the writer schemas of `history`.
    pub fn new(history: SchemaHistory) -> Self {
        EventDecoder { history }
    }

    /// The history it looks writer schemas up in.
    pub fn history(&self) -> &SchemaHistory {
        &self.history
    }

    /// Decodes a single-object message holding an [`Envelope`] of `E`, or of any older major
    /// version `upcast_from` chains to `E`, written with any revision the history knows.
    ///
    /// # Errors
    ///
    /// A broken message, a fingerprint the history does not know, the envelope of another event,
    /// a version outside `E`'s lineage, bytes that do not fit their schema, or a failed upcast
    /// ([`EvolutionError::Upcast`], which carries the event's ID for a dead-letter route).
    pub fn envelope<E: Event>(
        &self,
        message: &[u8],
    ) -> Result<Decoded<Envelope<E>>, EvolutionError> {
        let header = single_object::read_header(message)?;
        let fingerprint = header.fingerprint();
        if fingerprint == fingerprint_of::<Envelope<E>>() {
            let envelope = header.decode::<Envelope<E>>()?;
            return Ok(Decoded::new(envelope, E::VERSION, fingerprint));
        }
        let writer = self.writer(fingerprint, Form::Envelope)?;
        envelope_written_with(writer, message, single_object::HEADER_LEN)
    }

    /// Decodes a Confluent-framed message holding an [`Envelope`] of `E`, or of any older major
    /// version, as [`envelope`](Self::envelope) does: the writer's schema is the one `schemas`
    /// has for the message's schema ID, fetched from the registry the first time.
    ///
    /// # Errors
    ///
    /// As [`envelope`](Self::envelope), and [`EvolutionError::Registry`] if the schema cannot
    /// be fetched.
    #[cfg(feature = "confluent")]
    pub fn confluent_envelope<E: Event>(
        &self,
        schemas: &RegistrySchemas,
        message: &[u8],
    ) -> Result<Decoded<Envelope<E>>, EvolutionError> {
        let framed = confluent::read_header(message)?;
        let writer = schemas.by_id(framed.schema_id())?;
        if writer.form() != Form::Envelope {
            return Err(wrong_form(&writer, Form::Envelope));
        }
        if writer.fingerprint() == fingerprint_of::<Envelope<E>>() {
            // Same canonical form, same bytes: the direct path reads them.
            let envelope = framed.decode::<Envelope<E>>()?;
            return Ok(Decoded::new(envelope, E::VERSION, writer.fingerprint()));
        }
        envelope_written_with(&writer, message, confluent::HEADER_LEN)
    }

    /// Decodes a single-object message holding a bare `E`, or any older major version of it, as
    /// [`envelope`](Self::envelope) does for envelopes.
    ///
    /// # Errors
    ///
    /// As [`envelope`](Self::envelope); an upcast error then has no event ID.
    pub fn event<E: Event>(&self, message: &[u8]) -> Result<Decoded<E>, EvolutionError> {
        let header = single_object::read_header(message)?;
        let fingerprint = header.fingerprint();
        if fingerprint == fingerprint_of::<E>() {
            return Ok(Decoded::new(header.decode::<E>()?, E::VERSION, fingerprint));
        }
        let writer = self.writer(fingerprint, Form::Event)?;
        let version = writer
            .major()
            .ok_or_else(|| EvolutionError::NoMajorVersion {
                subject: writer.subject().to_owned(),
            })?;
        let mut decoder = Versions {
            writer,
            message,
            start: single_object::HEADER_LEN,
        };
        let event = upcast::decode_version::<E, _>(version, &mut decoder)
            .map_err(|err| lineage_error(err, None))?;
        Ok(Decoded::new(event, version, fingerprint))
    }

    /// Decodes a single-object message holding the envelope of any event of the stream `S`, at
    /// any version and revision [`envelope`](Self::envelope) reads, as the variant for its
    /// event type.
    ///
    /// # Errors
    ///
    /// As [`envelope`](Self::envelope), and [`EvolutionError::UnknownEventType`] for an event
    /// type no variant holds.
    pub fn stream<S: EventStream>(
        &self,
        message: &[u8],
    ) -> Result<Decoded<Envelope<S>>, EvolutionError> {
        single_object::read_header(message)?;
        read_stream(&SingleObject(self), message, single_object::HEADER_LEN)
    }

    /// Decodes a Confluent-framed message holding the envelope of any event of the stream `S`,
    /// as [`stream`](Self::stream) does, with the writer's schema from `schemas` by the
    /// message's schema ID, as [`confluent_envelope`](Self::confluent_envelope) does.
    ///
    /// # Errors
    ///
    /// As [`confluent_envelope`](Self::confluent_envelope) and [`stream`](Self::stream).
    #[cfg(feature = "confluent")]
    pub fn confluent_stream<S: EventStream>(
        &self,
        schemas: &RegistrySchemas,
        message: &[u8],
    ) -> Result<Decoded<Envelope<S>>, EvolutionError> {
        confluent::read_header(message)?;
        read_stream(&Confluent(self, schemas), message, confluent::HEADER_LEN)
    }

    /// The revision with this fingerprint, which must be in `form`.
    fn writer(&self, fingerprint: Fingerprint, form: Form) -> Result<&Revision, EvolutionError> {
        let revision = self
            .history
            .by_fingerprint(fingerprint)
            .ok_or(EvolutionError::UnknownSchema { fingerprint })?;
        if revision.form() != form {
            return Err(wrong_form(revision, form));
        }
        Ok(revision)
    }
}

fn wrong_form(revision: &Revision, expected: Form) -> EvolutionError {
    EvolutionError::WrongForm {
        subject: revision.subject().to_owned(),
        version: revision.version(),
        expected,
    }
}

/// Decodes the envelope datum at `start` of `message`, written with `writer` (an envelope
/// schema), as `Envelope<E>`: the metadata is the same in every envelope schema, so it is read
/// as it is; only `data`, the rest of the datum, needs the writer's schema and the lineage.
fn envelope_written_with<E: Event>(
    writer: &Revision,
    message: &[u8],
    start: usize,
) -> Result<Decoded<Envelope<E>>, EvolutionError> {
    let mut reader = Reader::new(message);
    reader.read_slice(start)?;
    let (metadata, event_type, version) = decode_metadata_as_written(&mut reader)?;
    if event_type != E::TYPE {
        return Err(EvolutionError::WrongEvent {
            expected: E::TYPE,
            found: event_type.chars().take(64).collect(),
        });
    }
    let version = u32::try_from(version)
        .ok()
        .filter(|&v| writer.major().is_none_or(|major| major == v))
        .ok_or_else(|| EvolutionError::VersionMismatch {
            subject: writer.subject().to_owned(),
            found: version,
        })?;
    let mut decoder = Versions {
        writer: writer.event_form(),
        message,
        start: reader.position(),
    };
    let data = upcast::decode_version::<E, _>(version, &mut decoder)
        .map_err(|err| lineage_error(err, Some(metadata.id)))?;
    let envelope = Envelope::from_parts(metadata, data)?;
    Ok(Decoded::new(envelope, version, writer.fingerprint()))
}

/// The envelope at `start` of `message` as the variant of `S` for its event type, read by
/// `framing`.
fn read_stream<S: EventStream>(
    framing: &impl Framing,
    message: &[u8],
    start: usize,
) -> Result<Decoded<Envelope<S>>, EvolutionError> {
    // Every envelope starts with its ID and its event type, whatever the event's schema.
    let mut reader = Reader::new(message);
    reader.read_slice(start)?;
    let event_type = reader
        .read_str()
        .map_err(|e| e.in_field("id"))
        .and_then(|_| reader.read_str().map_err(|e| e.in_field("type")))?;
    S::__decode_envelope(framing, event_type, message).unwrap_or_else(|| {
        Err(EvolutionError::UnknownEventType {
            found: event_type.chars().take(64).collect(),
            known: S::EVENT_TYPES,
        })
    })
}

/// How an [`EventStream`] decodes the envelope of the variant it picked: with the framing the
/// message came in.
#[doc(hidden)]
pub trait Framing {
    /// `message` as an envelope of `E`, as [`EventDecoder::envelope`] reads it.
    fn envelope<E: Event>(&self, message: &[u8]) -> Result<Decoded<Envelope<E>>, EvolutionError>;
}

/// Single-object messages, writer schemas from the history.
struct SingleObject<'a>(&'a EventDecoder);

impl Framing for SingleObject<'_> {
    fn envelope<E: Event>(&self, message: &[u8]) -> Result<Decoded<Envelope<E>>, EvolutionError> {
        self.0.envelope(message)
    }
}

/// Confluent-framed messages, writer schemas from the registry.
#[cfg(feature = "confluent")]
struct Confluent<'a>(&'a EventDecoder, &'a RegistrySchemas);

#[cfg(feature = "confluent")]
impl Framing for Confluent<'_> {
    fn envelope<E: Event>(&self, message: &[u8]) -> Result<Decoded<Envelope<E>>, EvolutionError> {
        self.0.confluent_envelope(self.1, message)
    }
}

/// Answers the lineage's request for one major version by resolving the writer's event bytes
/// into that version's type.
struct Versions<'a> {
    /// The writer's revision, in [`Form::Event`].
    writer: &'a Revision,
    /// The message, whose event datum fills it from `start`: errors are at the message's offsets.
    message: &'a [u8],
    start: usize,
}

impl VersionDecoder for Versions<'_> {
    type Error = EvolutionError;

    fn decode<V: Event>(&mut self) -> Result<V, EvolutionError> {
        if self.writer.subject() != V::AVRO_NAME {
            return Err(EvolutionError::WrongEvent {
                expected: V::AVRO_NAME,
                found: self.writer.subject().to_owned(),
            });
        }
        let mut reader = Reader::new(self.message);
        reader.read_slice(self.start)?;
        let (schema, fingerprint) = (self.writer.schema(), self.writer.fingerprint());
        Ok(resolve::decode_resolved_from::<V>(
            &mut reader,
            schema,
            fingerprint,
        )?)
    }
}

fn lineage_error(err: LineageError<EvolutionError>, id: Option<Uuid>) -> EvolutionError {
    match err {
        LineageError::Decode(err) => err,
        LineageError::UnknownVersion {
            event_type,
            version,
            oldest,
            latest,
        } => EvolutionError::UnknownVersion {
            event_type,
            version,
            oldest,
            latest,
        },
        LineageError::Upcast(source) => EvolutionError::Upcast { id, source },
    }
}
