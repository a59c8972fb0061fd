//! [`EventStream`]: several event types on one topic, read as one enum.

use super::{Decoded, EvolutionError, Framing};
use crate::{Envelope, SchemaBuilder};
use serde_json::Value;

/// An enum whose variants are the events one stream carries, each at its latest version:
/// `#[derive(EventStream)]` on `enum OrderEvent { Placed(v2::OrderPlaced), Cancelled(OrderCancelled) }`.
///
/// [`EventDecoder::stream`](super::EventDecoder::stream) (or `confluent_stream`) reads an
/// envelope of any of them, at any version their
/// `upcast_from` chains reach and any registered revision, and returns the variant. It picks
/// the variant by the event type the envelope carries, and the schema by its fingerprint.
/// [`union_schema`](Self::union_schema) is the Avro union of their envelopes, for a topic whose
/// registry subject holds one schema for all of them.
///
/// The derive refuses two variants of the same event type, since the type is what tells them
/// apart on the wire: keep one variant per type, its latest version.
pub trait EventStream: Sized {
    /// The event type of each variant, in declaration order.
    const EVENT_TYPES: &'static [&'static str];

    /// This value's event type.
    fn event_type(&self) -> &'static str;

    /// This value's major version: its variant's event's.
    fn version(&self) -> u32;

    /// The union of the variants' envelope records, in declaration order.
    fn union_schema() -> Value {
        let mut builder = SchemaBuilder::new();
        Value::Array(Self::__envelope_schemas(&mut builder))
    }

    #[doc(hidden)]
    fn __envelope_schemas(builder: &mut SchemaBuilder) -> Vec<Value>;

    /// Decodes `message` as the variant whose event type is `event_type`; `None` if no variant
    /// has it.
    #[doc(hidden)]
    fn __decode_envelope(
        framing: &impl Framing,
        event_type: &str,
        message: &[u8],
    ) -> Option<Result<Decoded<Envelope<Self>>, EvolutionError>>;
}
