//! The resolution plan: what to do with each writer value to turn it into the reader's bytes.
//!
//! A plan is a small program over the writer's schema, built once by [`build`](super::build)
//! and run per datum by [`transcode`](super::transcode). Nodes refer to each other by index, so
//! a recursive type is a cycle in the table rather than an infinitely deep tree.

use super::skip::{Leaf, SkipId};

/// Where a node sits in [`Plan::nodes`].
pub(super) type NodeId = usize;

/// What one writer value becomes.
#[derive(Debug)]
pub(super) enum Node {
    /// Only while the node is being built: a recursive reference to it.
    Pending,
    /// The writer's bytes are the reader's: find the value's end, copy it.
    Copy(Leaf),
    /// An `int` read as a `long`: the same varint, checked to fit 32 bits.
    IntToLong,
    /// An `int` read as a `float`.
    IntToFloat,
    /// An `int` read as a `double`.
    IntToDouble,
    /// A `long` read as a `float`.
    LongToFloat,
    /// A `long` read as a `double`.
    LongToDouble,
    /// A `float` read as a `double`.
    FloatToDouble,
    /// A record whose matched fields come in the reader's order: one pass over the writer's.
    Record(Box<[Step]>),
    /// A record whose fields the reader orders differently (or reads one writer field twice,
    /// through aliases): the writer's fields are located first, then emitted in reader order.
    Reordered {
        /// Each writer field, to find where it starts.
        fields: Box<[SkipId]>,
        /// Each reader field, in order.
        emit: Box<[Emit]>,
    },
    /// An enum whose symbols differ: the reader's index for each writer index.
    Enum {
        /// `None`: a writer symbol the reader lacks, with no default symbol.
        to_reader: Box<[Option<u32>]>,
        /// The writer's symbols, for the error.
        symbols: Box<[String]>,
        /// The writer enum's full name, for the error.
        name: String,
    },
    /// An array whose items change.
    Array {
        /// The items' node.
        items: NodeId,
        /// The fewest bytes a writer item takes, to bound a block's count.
        min_item_len: usize,
    },
    /// A map whose values change.
    Map {
        /// The values' node.
        values: NodeId,
        /// The fewest bytes a writer entry takes (its key is at least one).
        min_item_len: usize,
    },
    /// A writer union: resolved by the branch actually written.
    WriterUnion(Box<[Branch]>),
    /// A writer type read as a branch of the reader's union.
    ReaderUnion {
        /// The reader's branch index, written before the value.
        index: u32,
        /// The value's node.
        node: NodeId,
    },
}

/// One step of an in-order record.
#[derive(Debug)]
pub(super) enum Step {
    /// Writer fields the reader reads unchanged, in a row: found, then copied at once.
    Copy(Box<[Leaf]>),
    /// A writer field the reader reads through a plan of its own.
    Field(NodeId),
    /// A writer field the reader lacks.
    Skip(SkipId),
    /// Reader fields the writer lacks: their defaults, encoded when the plan was built.
    Default(Box<[u8]>),
}

/// One reader field of a reordered record.
#[derive(Debug)]
pub(super) enum Emit {
    /// The writer field at this index, unchanged.
    Copy(usize),
    /// The writer field at this index, through a plan.
    Field {
        /// The writer field's index.
        writer: usize,
        /// Its node.
        node: NodeId,
    },
    /// The reader field's default (consecutive ones merged).
    Default(Box<[u8]>),
}

/// One branch of a writer union.
#[derive(Debug)]
pub(super) enum Branch {
    /// Read through `node`; for a reader union, `reader_index` is the branch it becomes.
    Read {
        /// The reader union's branch, or `None` when the reader is not a union.
        reader_index: Option<u32>,
        /// The branch value's node.
        node: NodeId,
    },
    /// Nothing in the reader matches the branch (its type, for the error): an error only if it
    /// is ever written, as the specification says.
    Unreadable(String),
}
