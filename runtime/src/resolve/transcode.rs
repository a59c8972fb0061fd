//! Running a plan over one datum: the writer's bytes in, the reader's bytes out.

use super::Plan;
use super::cursor::Cursor;
use super::plan::{Branch, Emit, Node, NodeId, Step};
use crate::codec::{DecodeError, DecodeErrorKind, write_f32, write_f64, write_long};

/// Told where each piece of the output came from. The hot path uses [`Untraced`], which
/// compiles to nothing; [`Trace`] is run only after the decoder failed on the output, to say
/// where in the writer's bytes it failed.
pub(super) trait Sink {
    /// The output from `out_at` on is `len` bytes copied from the input at `in_at` (`len` 0:
    /// bytes the plan wrote itself while the input was at `in_at`).
    fn mark(&mut self, out_at: usize, in_at: usize, len: usize);
}

/// No record of where output came from.
pub(super) struct Untraced;

impl Sink for Untraced {
    #[inline(always)]
    fn mark(&mut self, _: usize, _: usize, _: usize) {}
}

/// Where each piece of the output came from, in output order.
#[derive(Default)]
pub(super) struct Trace(Vec<(usize, usize, usize)>);

impl Sink for Trace {
    fn mark(&mut self, out_at: usize, in_at: usize, len: usize) {
        self.0.push((out_at, in_at, len));
    }
}

impl Trace {
    /// The input offset that output offset `at` came from: inside a copied run, the same byte
    /// of the input; in bytes the plan wrote, where the input was then.
    pub(super) fn input_offset(&self, at: usize) -> usize {
        let index = self.0.partition_point(|&(out_at, _, _)| out_at <= at);
        match index.checked_sub(1).map(|i| self.0[i]) {
            Some((out_at, in_at, len)) => in_at + (at - out_at).min(len),
            None => 0,
        }
    }
}

/// One datum's run of a plan.
pub(super) struct Run<'p, 'a, 'o, S> {
    plan: &'p Plan,
    cursor: Cursor<'a>,
    out: &'o mut Vec<u8>,
    /// Where the offset 0 of `out` is (the run appends to what `out` held).
    out_base: usize,
    sink: S,
    /// Where the input that is output as it is starts: the run reaches to where the plan next
    /// does anything else, and is copied then, so that a run of unchanged values (a record whose
    /// `int` became a `long`, an array of those) is one copy however many values it holds.
    pending: Option<usize>,
    /// Where the writer's fields start, for reordered records; a stack, nested records above.
    starts: Vec<usize>,
}

impl<'p, 'a, 'o, S: Sink> Run<'p, 'a, 'o, S> {
    pub(super) fn new(plan: &'p Plan, input: &'a [u8], out: &'o mut Vec<u8>, sink: S) -> Self {
        let out_base = out.len();
        Run {
            plan,
            cursor: Cursor::new(input).counting_depth(plan.recursive),
            out,
            out_base,
            sink,
            pending: None,
            starts: Vec::new(),
        }
    }

    /// Transcodes the whole input, which must be one datum.
    pub(super) fn datum(mut self) -> Result<S, DecodeError> {
        self.node(self.plan.root)?;
        self.flush();
        self.cursor.finish()?;
        Ok(self.sink)
    }

    /// Keeps the value read from `start` to the cursor as output.
    #[inline]
    fn keep(&mut self, start: usize) {
        // Whatever else the plan does flushes first, so a pending run always ends at `start`.
        self.pending.get_or_insert(start);
    }

    /// Copies the pending run, which ends at `end`, to the output.
    #[inline]
    fn flush_to(&mut self, end: usize) {
        if let Some(start) = self.pending.take() {
            let bytes = self.cursor.between(start, end);
            self.sink
                .mark(self.out.len() - self.out_base, start, bytes.len());
            self.out.extend_from_slice(bytes);
        }
    }

    /// Copies the pending run, which ends at the cursor, before the cursor moves on unkept.
    #[inline]
    fn flush(&mut self) {
        self.flush_to(self.cursor.position());
    }

    /// Marks bytes the plan is about to write itself, for the value at `in_at` (where the
    /// pending run ends).
    #[inline]
    fn generated(&mut self, in_at: usize) {
        self.flush_to(in_at);
        self.sink.mark(self.out.len() - self.out_base, in_at, 0);
    }

    fn node(&mut self, id: NodeId) -> Result<(), DecodeError> {
        let plan = self.plan;
        let start = self.cursor.position();
        match &plan.nodes[id] {
            Node::Pending => unreachable!("a finished plan has no pending nodes"),
            Node::Copy(skip) => {
                plan.skips.skip_leaf(*skip, &mut self.cursor)?;
                self.keep(start);
            }
            Node::IntToLong => {
                self.cursor.skip_int()?;
                // Zig-zag varints: an int's bytes are the same long's.
                self.keep(start);
            }
            Node::IntToFloat => {
                let value = self.cursor.read_int()?;
                self.generated(start);
                write_f32(value as f32, self.out);
            }
            Node::IntToDouble => {
                let value = self.cursor.read_int()?;
                self.generated(start);
                write_f64(f64::from(value), self.out);
            }
            Node::LongToFloat => {
                let value = self.cursor.read_long()?;
                self.generated(start);
                write_f32(value as f32, self.out);
            }
            Node::LongToDouble => {
                let value = self.cursor.read_long()?;
                self.generated(start);
                write_f64(value as f64, self.out);
            }
            Node::FloatToDouble => {
                let bytes = self.cursor.take(4)?;
                let value = f32::from_le_bytes(bytes.try_into().expect("4 bytes"));
                self.generated(start);
                write_f64(f64::from(value), self.out);
            }
            Node::Record(steps) => {
                self.cursor.enter()?;
                for step in steps {
                    self.step(step)?;
                }
                self.cursor.leave();
            }
            Node::Reordered { fields, emit } => {
                self.cursor.enter()?;
                self.reordered(fields, emit)?;
                self.cursor.leave();
            }
            Node::Enum {
                to_reader,
                symbols,
                name,
            } => {
                let index = self.cursor.read_long()?;
                let Some(&target) = usize::try_from(index).ok().and_then(|i| to_reader.get(i))
                else {
                    let kind = DecodeErrorKind::InvalidEnumIndex {
                        index,
                        symbols: to_reader.len(),
                        name: "the writer's enum",
                    };
                    return Err(self.cursor.error_at(kind, start));
                };
                let Some(target) = target else {
                    let kind = DecodeErrorKind::UnknownEnumSymbol {
                        symbol: symbols[index as usize].clone(),
                        name: name.clone(),
                    };
                    return Err(self.cursor.error_at(kind, start));
                };
                self.generated(start);
                write_long(i64::from(target), self.out);
            }
            Node::Array {
                items,
                min_item_len,
            } => self.blocks(*items, *min_item_len, false)?,
            Node::Map {
                values,
                min_item_len,
            } => self.blocks(*values, *min_item_len, true)?,
            Node::WriterUnion(branches) => {
                self.cursor.enter()?;
                let index = self.cursor.read_union_index(branches.len())?;
                match &branches[index] {
                    Branch::Read { reader_index, node } => {
                        match reader_index {
                            // The same branch index: the same bytes.
                            Some(r) if *r as usize == index => self.keep(start),
                            Some(r) => {
                                self.generated(start);
                                write_long(i64::from(*r), self.out);
                            }
                            // The reader is no union: the index is dropped.
                            None => self.flush_to(start),
                        }
                        self.node(*node)?;
                    }
                    Branch::Unreadable(branch) => {
                        let kind = DecodeErrorKind::UnreadableUnionBranch {
                            index,
                            branch: branch.clone(),
                        };
                        return Err(self.cursor.error_at(kind, start));
                    }
                }
                self.cursor.leave();
            }
            Node::ReaderUnion { index, node } => {
                self.generated(start);
                write_long(i64::from(*index), self.out);
                self.node(*node)?;
            }
        }
        Ok(())
    }

    #[inline(always)]
    fn step(&mut self, step: &Step) -> Result<(), DecodeError> {
        match step {
            Step::Copy(fields) => {
                let start = self.cursor.position();
                for &field in fields {
                    self.plan.skips.skip_leaf(field, &mut self.cursor)?;
                }
                self.keep(start);
            }
            Step::Field(node) => self.field(*node)?,
            Step::Skip(field) => {
                self.flush();
                self.plan.skips.skip(*field, &mut self.cursor)?;
            }
            Step::Default(bytes) => {
                self.generated(self.cursor.position());
                self.out.extend_from_slice(bytes);
            }
        }
        Ok(())
    }

    /// A record field's node: the common leaves here, without the call to [`Run::node`] (which,
    /// recursive, cannot be inlined).
    #[inline(always)]
    fn field(&mut self, id: NodeId) -> Result<(), DecodeError> {
        let start = self.cursor.position();
        match &self.plan.nodes[id] {
            Node::Copy(skip) => {
                self.plan.skips.skip_leaf(*skip, &mut self.cursor)?;
                self.keep(start);
            }
            Node::IntToLong => {
                self.cursor.skip_int()?;
                self.keep(start);
            }
            _ => self.node(id)?,
        }
        Ok(())
    }

    /// An array item or map value: a record's steps here, without a call to [`Run::node`].
    #[inline(always)]
    fn item(&mut self, id: NodeId) -> Result<(), DecodeError> {
        match &self.plan.nodes[id] {
            Node::Record(steps) => {
                self.cursor.enter()?;
                for step in steps {
                    self.step(step)?;
                }
                self.cursor.leave();
                Ok(())
            }
            _ => self.field(id),
        }
    }

    /// A record read in another order: find where each writer field starts, then emit the
    /// reader's fields from there, and continue after the record.
    fn reordered(&mut self, fields: &[usize], emit: &[Emit]) -> Result<(), DecodeError> {
        self.flush();
        let base = self.starts.len();
        for &field in fields {
            self.starts.push(self.cursor.position());
            self.plan.skips.skip(field, &mut self.cursor)?;
        }
        let end = self.cursor.position();
        self.starts.push(end);
        for item in emit {
            match item {
                Emit::Copy(field) => {
                    let (start, next) = (self.starts[base + field], self.starts[base + field + 1]);
                    self.flush();
                    self.cursor.seek(next);
                    self.keep(start);
                }
                Emit::Field { writer, node } => {
                    self.flush();
                    self.cursor.seek(self.starts[base + writer]);
                    self.node(*node)?;
                }
                Emit::Default(bytes) => {
                    self.flush();
                    self.generated(end);
                    self.out.extend_from_slice(bytes);
                }
            }
        }
        self.flush();
        self.cursor.seek(end);
        self.starts.truncate(base);
        Ok(())
    }

    /// An array's or a map's blocks, re-counted: item sizes change, so block sizes are dropped.
    fn blocks(
        &mut self,
        item: NodeId,
        min_item_len: usize,
        is_map: bool,
    ) -> Result<(), DecodeError> {
        loop {
            let header = self.cursor.position();
            let block = self.cursor.read_block(min_item_len)?;
            if block.sized.is_some() {
                self.generated(header);
                write_long(block.count as i64, self.out);
            } else {
                // A count without a size is the same count for the reader.
                self.keep(header);
            }
            if block.count == 0 {
                return Ok(());
            }
            for _ in 0..block.count {
                if is_map {
                    let key = self.cursor.position();
                    self.cursor.skip_sized()?;
                    self.keep(key);
                }
                self.item(item)?;
            }
            self.cursor.end_block(&block)?;
        }
    }
}
