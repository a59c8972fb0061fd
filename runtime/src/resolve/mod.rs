//! Schema resolution: data written with an older (or newer) schema of an event, read as the
//! current Rust type, by the [specification's rules][spec].
//!
//! ```
//! use tidings::Avro;
//! use tidings::resolve::{Plan, decode_resolved};
//!
//! /// What version 1.0 of the producer wrote.
//! #[derive(Avro)]
//! #[avro(name = "Paid", namespace = "com.acme")]
//! struct PaidV1 { order: String, cents: i32 }
//!
//! /// What the consumer reads today: a wider amount, a new field with a default.
//! #[derive(Avro, Debug, PartialEq)]
//! #[avro(namespace = "com.acme")]
//! struct Paid { order: String, cents: i64, #[avro(default = "EUR")] currency: String }
//!
//! let old = tidings::encode(&PaidV1 { order: "o-1".into(), cents: 250 })?;
//! let writer = PaidV1::schema();
//! let fingerprint = tidings::canonical::fingerprint_of::<PaidV1>();
//! let paid: Paid = decode_resolved(writer, fingerprint, &old)?;
//! assert_eq!(paid, Paid { order: "o-1".into(), cents: 250, currency: "EUR".into() });
//!
//! // The same through a plan of one's own: built once, run per datum.
//! let plan = Plan::new(writer, Paid::schema())?;
//! let mut buffer = Vec::new();
//! assert_eq!(plan.decode::<Paid>(&old, &mut buffer)?, paid);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! What is compatible: a field added with a default (the writer lacks it: the default is read),
//! a field removed (the writer's is skipped), `int` to `long` to `float` to `double`, `string` to
//! and from `bytes`, enum symbols added (a writer symbol the reader lacks reads as the reader
//! enum's default symbol, an error without one), a type made a union or a union's branches
//! changed (each branch written must match one the reader has), and records, enums, fixed and
//! fields renamed with an alias on the reader's side naming the old name. Anything else, a
//! breaking change, needs a new major version and an upcaster.
//!
//! The generated codecs read one schema only, their own, so resolution is a transcoder: a
//! [`Plan`] built once per (writer schema, reader schema) rewrites the writer's bytes into the
//! bytes the reader's schema would have written, and the generated decoder reads those. The
//! reader's defaults are encoded when the plan is built, removed fields are skipped without
//! decoding them, runs of unchanged fields are found and copied at once, and fields the reader
//! orders differently are located first and copied in its order.
//!
//! [`decode_resolved`] adds a cache, one plan per (reader type, writer fingerprint) for the life
//! of the process, and decodes directly when the writer's schema is the reader's.
//!
//! [spec]: https://avro.apache.org/docs/1.12.0/specification/#schema-resolution

mod build;
mod cache;
mod cursor;
mod defaults;
mod error;
mod plan;
mod skip;
mod transcode;

pub use error::{PlanError, PlanErrorKind, ResolveError};

use crate::Avro;
use crate::canonical::Fingerprint;
use crate::codec::{DecodeError, Reader};
use apache_avro::Schema;
use cache::Resolution;
use plan::{Node, NodeId};
use skip::Skips;
use std::cell::Cell;
use transcode::{Run, Trace, Untraced};

/// How to read data written with one schema as another: built once, run on every datum.
#[derive(Debug)]
pub struct Plan {
    nodes: Vec<Node>,
    skips: Skips,
    root: NodeId,
    /// Whether either schema refers to a type inside itself.
    recursive: bool,
}

impl Plan {
    /// The plan that reads data of the `writer` schema as data of the `reader` schema.
    ///
    /// # Errors
    ///
    /// If the reader cannot read what the writer writes: a reader field without a default that
    /// the writer lacks, types neither equal nor promotable, named types whose names differ
    /// without an alias. The error names the reader's path to the problem. Enum symbols and
    /// union branches the reader lacks are errors only when a datum holds them.
    pub fn new(writer: &Schema, reader: &Schema) -> Result<Plan, PlanError> {
        let built = build::build(writer, reader)?;
        Ok(Plan {
            nodes: built.nodes,
            skips: built.skips,
            root: built.root,
            recursive: built.recursive,
        })
    }

    /// Whether the writer's bytes are the reader's as they are (the schemas differ at most in
    /// what does not change the encoding: docs, defaults, aliases, logical types): then
    /// [`transcode`](Plan::transcode) only copies, and a caller can decode directly.
    pub fn is_identity(&self) -> bool {
        matches!(self.nodes[self.root], Node::Copy(_))
    }

    /// Appends to `out` the reader's encoding of `datum`, one whole datum of the writer's schema.
    ///
    /// # Errors
    ///
    /// If `datum` is truncated, corrupt, followed by more bytes, or holds what the reader cannot
    /// take: an enum symbol it lacks without a default, a union branch it has no match for. The
    /// offset is `datum`'s. `out` is then left as it was.
    pub fn transcode(&self, datum: &[u8], out: &mut Vec<u8>) -> Result<(), DecodeError> {
        let start = out.len();
        Run::new(self, datum, out, Untraced)
            .datum()
            .map(drop)
            .inspect_err(|_| out.truncate(start))
    }

    /// Decodes `datum` as a `T`, whose schema must be the reader schema of this plan, through
    /// `buffer` (cleared; reuse it so that its capacity is).
    ///
    /// # Errors
    ///
    /// As [`transcode`](Plan::transcode), and as `T`'s decoder on the transcoded bytes (an
    /// invalid UTF-8 string, a malformed UUID), with the offset in `datum` where the value
    /// starts or the byte went wrong.
    pub fn decode<T: Avro>(&self, datum: &[u8], buffer: &mut Vec<u8>) -> Result<T, DecodeError> {
        if self.is_identity() {
            return crate::decode(datum);
        }
        buffer.clear();
        self.transcode(datum, buffer)?;
        crate::decode(buffer).map_err(|error| {
            let offset = self.input_offset(datum, error.offset());
            error.with_offset(offset)
        })
    }

    /// Where in `datum` the transcoded byte at `at` came from: the plan is run again, noting
    /// where every piece of its output comes from (only after a decoder failed).
    #[cold]
    fn input_offset(&self, datum: &[u8], at: usize) -> usize {
        let mut scratch = Vec::new();
        match Run::new(self, datum, &mut scratch, Trace::default()).datum() {
            Ok(trace) => trace.input_offset(at),
            Err(error) => error.offset(),
        }
    }
}

/// Decodes `datum`, written with the `writer` schema whose single-object fingerprint is
/// `writer_fingerprint`, as a `T`, by the resolution rules.
///
/// The writer's resolution against `T` is built on first use and cached for the life of the
/// process (a cache lookup takes no lock); a writer whose bytes are `T`'s own is decoded
/// directly, any other through its [`Plan`] and a buffer kept per thread.
///
/// # Errors
///
/// [`ResolveError::Plan`] when `T` cannot read the writer's schema (every later call for the
/// same writer fails the same way, at the cost of a lookup); [`ResolveError::Decode`] for a
/// datum that is corrupt or holds what `T` cannot take, at its byte offset;
/// [`ResolveError::FingerprintMismatch`] when the fingerprint is not the schema's.
pub fn decode_resolved<T: Avro>(
    writer: &Schema,
    writer_fingerprint: Fingerprint,
    datum: &[u8],
) -> Result<T, ResolveError> {
    cache::with_resolution::<T, _>(writer, writer_fingerprint, |resolution| match resolution {
        Resolution::Direct => crate::decode(datum).map_err(ResolveError::from),
        Resolution::Plan(plan) => {
            with_buffer(|buffer| plan.decode(datum, buffer)).map_err(Into::into)
        }
        Resolution::Failed(error) => Err(error.clone().into()),
    })?
}

/// [`decode_resolved`] of the rest of `reader`'s input, which must be one datum: for a datum
/// after a header (the single-object encoding's, Confluent's), with offsets in the whole
/// message.
///
/// # Errors
///
/// As [`decode_resolved`].
pub fn decode_resolved_from<T: Avro>(
    reader: &mut Reader<'_>,
    writer: &Schema,
    writer_fingerprint: Fingerprint,
) -> Result<T, ResolveError> {
    let start = reader.position();
    let datum = reader.read_slice(reader.remaining())?;
    decode_resolved(writer, writer_fingerprint, datum).map_err(|error| match error {
        ResolveError::Decode(error) => {
            let offset = start + error.offset();
            ResolveError::Decode(error.with_offset(offset))
        }
        other => other,
    })
}

/// The most capacity the per-thread buffer keeps between datums: one huge message should not
/// pin its size in every thread for good.
const MAX_KEPT_BUFFER: usize = 1 << 20;

thread_local! {
    static BUFFER: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

/// Runs `f` with this thread's transcoding buffer (a fresh one inside a nested call, or while
/// the thread shuts down).
fn with_buffer<R>(f: impl FnOnce(&mut Vec<u8>) -> R) -> R {
    let mut buffer = BUFFER.try_with(Cell::take).unwrap_or_default();
    let result = f(&mut buffer);
    if buffer.capacity() <= MAX_KEPT_BUFFER {
        let _ = BUFFER.try_with(|cell| cell.set(buffer));
    }
    result
}

#[cfg(test)]
mod tests;
