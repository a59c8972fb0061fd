//! [`EvolutionError`]: why a message could not be read as the consumer's type.

use crate::EnvelopeError;
use crate::canonical::Fingerprint;
use crate::codec::DecodeError;
use crate::history::{Form, HistoryError};
use crate::resolve::ResolveError;
use crate::upcast::UpcastError;
use crate::wire::confluent::FrameError;
use crate::wire::single_object::SingleObjectError;
use uuid::Uuid;

/// Why [`EventDecoder`](super::EventDecoder) could not read a message as the type asked for.
///
/// [`Upcast`](Self::Upcast) is the one a consumer routes to a dead-letter topic with
/// [`event_id`](Self::event_id): the bytes were sound, the event could not become the latest
/// version. The others mean the bytes or the setup are wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvolutionError {
    /// The message is not a sound single-object message.
    #[error(transparent)]
    Message(#[from] SingleObjectError),
    /// The message is not a sound Confluent-framed message.
    #[error(transparent)]
    Frame(#[from] FrameError),
    /// The envelope's metadata does not decode, or breaks the envelope's rules; the offset is
    /// the message's.
    #[error(transparent)]
    Metadata(#[from] DecodeError),
    /// The writer's schema could not be had from the registry.
    #[error(transparent)]
    Registry(#[from] HistoryError),
    /// The history has no schema with the message's fingerprint: the consumer was built before
    /// that revision was registered, or the message is of an event it does not know.
    #[error(
        "no registered schema has the fingerprint {fingerprint}: rebuild the consumer with a \
         schema history that holds the writer's revision"
    )]
    UnknownSchema {
        /// The message's fingerprint.
        fingerprint: Fingerprint,
    },
    /// The fingerprint names a bare event where an envelope was asked for, or the other way.
    #[error("the message holds {subject} in the other form; expected {expected:?}")]
    WrongForm {
        /// The writer's subject.
        subject: String,
        /// Its revision, when known.
        version: Option<u32>,
        /// The form asked for.
        expected: Form,
    },
    /// The message is of another event.
    #[error("the message holds `{found}`, not `{expected}`")]
    WrongEvent {
        /// The event type or Avro name asked for.
        expected: &'static str,
        /// What the message holds.
        found: String,
    },
    /// The envelope's event type is none of the stream's.
    #[error("the message holds a `{found}` event, which is none of this stream's: {known:?}")]
    UnknownEventType {
        /// The event type the envelope carries.
        found: String,
        /// The stream's event types.
        known: &'static [&'static str],
    },
    /// The envelope's `version` is not the major version of the schema it was written with.
    #[error("the envelope says version {found}, but its schema is of {subject}")]
    VersionMismatch {
        /// The writer's subject.
        subject: String,
        /// The version the envelope gave.
        found: i64,
    },
    /// The writer's subject does not end its namespace with `v{N}`, so its major version is
    /// unknown.
    #[error("{subject} does not name a major version (`{{namespace}}.v{{N}}.{{Name}}`)")]
    NoMajorVersion {
        /// The writer's subject.
        subject: String,
    },
    /// The version is outside the type's `upcast_from` chain.
    #[error("{}", crate::upcast::UnknownVersion { event_type, version: *version, oldest: *oldest, latest: *latest })]
    UnknownVersion {
        /// The event type.
        event_type: &'static str,
        /// The version written.
        version: u32,
        /// The oldest version the chain reaches.
        oldest: u32,
        /// The consumer's version.
        latest: u32,
    },
    /// The bytes do not fit the writer's schema, or the writer's schema cannot be read as the
    /// reader's.
    #[error(transparent)]
    Decode(#[from] ResolveError),
    /// An upcaster refused the event.
    #[error("{}{source}", id.map(|id| format!("event {id}: ")).unwrap_or_default())]
    Upcast {
        /// The event's ID, when it came in an envelope.
        id: Option<Uuid>,
        /// Which step failed, and why.
        #[source]
        source: UpcastError,
    },
    /// The upcast event's metadata was refused when the envelope was rebuilt.
    #[error(transparent)]
    Envelope(#[from] EnvelopeError),
}

impl EvolutionError {
    /// The event's ID, for an upcast that failed on an envelope.
    pub fn event_id(&self) -> Option<Uuid> {
        match self {
            EvolutionError::Upcast { id, .. } => *id,
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::upcast::LineageError;

    /// The consumer's error says what the lineage's says, with the hint for the side the version
    /// is on.
    #[test]
    fn an_unknown_version_reads_as_the_lineage_error_does() {
        for (version, hint) in [
            (0, "add `upcast_from` to the oldest type to reach it"),
            (5, "deploy a consumer built with version 5"),
        ] {
            let evolution = EvolutionError::UnknownVersion {
                event_type: "order.placed",
                version,
                oldest: 1,
                latest: 3,
            };
            let lineage = LineageError::<DecodeError>::UnknownVersion {
                event_type: "order.placed",
                version,
                oldest: 1,
                latest: 3,
            };
            let expected = format!(
                "`order.placed` version {version} is not one this reader knows: \
                 it reads versions 1 to 3; {hint}"
            );
            assert_eq!(evolution.to_string(), expected);
            assert_eq!(lineage.to_string(), expected);
        }
    }
}
