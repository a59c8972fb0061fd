//! Building a [`Plan`](super::Plan): the writer's and the reader's schemas walked together, by
//! the [specification's resolution rules][spec].
//!
//! Named types match by unqualified name or by a reader alias of the writer's full name, and a
//! reader field reads the writer field of its name or, failing that, of one of its aliases
//! (`compat::names`, shared with the compatibility checker). A reader union takes the first
//! branch of the writer's type (for a named type, of its name), else the first the writer's type
//! promotes to; Java 1.8's resolver also does exact matches first.
//!
//! [spec]: https://avro.apache.org/docs/1.12.0/specification/#schema-resolution

use super::defaults;
use super::error::{PlanError, PlanErrorKind};
use super::plan::{Branch, Emit, Node, NodeId, Step};
use super::skip::{Leaf, Skip, SkipId, Skips};
use crate::codec::MAX_DEPTH;
use crate::compat::names::{Definitions, names_match, writer_field};
use crate::compat::shape::{Kind, Shape, shape_of};
use apache_avro::Schema;
use apache_avro::schema::{EnumSchema, RecordSchema};
use std::collections::HashMap;

/// The plan's tables, built from one writer and one reader schema.
pub(super) struct Built {
    pub(super) nodes: Vec<Node>,
    pub(super) skips: Skips,
    pub(super) root: NodeId,
    /// Whether a type was met again inside its own definition.
    pub(super) recursive: bool,
}

pub(super) fn build(writer: &Schema, reader: &Schema) -> Result<Built, PlanError> {
    let mut builder = Builder {
        writer: Definitions::of(writer),
        reader: Definitions::of(reader),
        nodes: Vec::new(),
        skips: Skips::default(),
        memo: HashMap::new(),
        skip_memo: HashMap::new(),
        path: Vec::new(),
        depth: 0,
        recursive: false,
    };
    let root = builder.node(writer, reader)?;
    Ok(Built {
        nodes: builder.nodes,
        skips: builder.skips,
        root,
        recursive: builder.recursive,
    })
}

struct Builder<'w, 'r> {
    writer: Definitions<'w>,
    reader: Definitions<'r>,
    nodes: Vec<Node>,
    skips: Skips,
    /// Each (writer, reader) pair's node, keyed by the resolved schemas' addresses: recursive
    /// and shared types are built once.
    memo: HashMap<(*const Schema, *const Schema), NodeId>,
    skip_memo: HashMap<*const Schema, SkipId>,
    /// The reader's path to the node being built: field names, `[]`, `{}`, `|n`.
    path: Vec<String>,
    depth: usize,
    recursive: bool,
}

impl<'w, 'r> Builder<'w, 'r> {
    fn error(&self, kind: PlanErrorKind) -> PlanError {
        let mut path = String::new();
        for segment in &self.path {
            if !path.is_empty() && !segment.starts_with(['[', '{', '|']) {
                path.push('.');
            }
            path.push_str(segment);
        }
        PlanError::new(kind, path)
    }

    fn within<T>(
        &mut self,
        segment: String,
        f: impl FnOnce(&mut Self) -> Result<T, PlanError>,
    ) -> Result<T, PlanError> {
        self.path.push(segment);
        let result = f(self);
        self.path.pop();
        result
    }

    fn push(&mut self, node: Node) -> NodeId {
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    fn is_copy(&self, id: NodeId) -> bool {
        matches!(self.nodes[id], Node::Copy(_))
    }

    fn copy(&mut self, writer: &'w Schema) -> Result<NodeId, PlanError> {
        let skip = self.skip(writer)?;
        let leaf = self.skips.leaf(skip);
        Ok(self.push(Node::Copy(leaf)))
    }

    /// The node that reads `writer` values as `reader` values.
    fn node(&mut self, writer: &'w Schema, reader: &'r Schema) -> Result<NodeId, PlanError> {
        let writer = self.writer.resolve(writer);
        let reader = self.reader.resolve(reader);
        let key = (writer as *const Schema, reader as *const Schema);
        if let Some(&id) = self.memo.get(&key) {
            self.recursive |= matches!(self.nodes[id], Node::Pending);
            return Ok(id);
        }
        if self.depth >= MAX_DEPTH {
            return Err(self.error(PlanErrorKind::TooDeep(MAX_DEPTH)));
        }
        self.depth += 1;
        let id = self.calculate(writer, reader, key);
        self.depth -= 1;
        let id = id?;
        self.memo.insert(key, id);
        Ok(id)
    }

    fn calculate(
        &mut self,
        writer: &'w Schema,
        reader: &'r Schema,
        key: (*const Schema, *const Schema),
    ) -> Result<NodeId, PlanError> {
        let w = shape_of(writer, &self.writer);
        let r = shape_of(reader, &self.reader);
        for shape in [w, r] {
            if let Shape::Unresolved(name) = shape {
                return Err(self.error(PlanErrorKind::UnresolvedReference(name.to_string())));
            }
        }
        match (w, r) {
            (Shape::Union(w_branches), _) => self.writer_union(writer, w_branches, reader, r),
            (_, Shape::Union(r_branches)) => {
                let Some(index) = best_branch(w, r_branches, &self.reader) else {
                    return Err(self.mismatch(w, r));
                };
                let node =
                    self.within(format!("|{index}"), |b| b.node(writer, &r_branches[index]))?;
                Ok(self.push(Node::ReaderUnion {
                    index: index as u32,
                    node,
                }))
            }
            (Shape::Record(w_record), Shape::Record(r_record)) => {
                self.check_names(w, r)?;
                // Placed in the memo before its fields, so that a recursive reference finds it.
                let id = self.push(Node::Pending);
                self.memo.insert(key, id);
                let node = self.record(writer, w_record, r_record)?;
                self.nodes[id] = node;
                Ok(id)
            }
            (Shape::Enum(w_enum), Shape::Enum(r_enum)) => {
                self.check_names(w, r)?;
                self.enumeration(writer, w_enum, r_enum)
            }
            (Shape::Fixed(w_fixed), Shape::Fixed(r_fixed)) => {
                self.check_names(w, r)?;
                if w_fixed.size != r_fixed.size {
                    return Err(self.error(PlanErrorKind::FixedSizeMismatch {
                        writer: w_fixed.size,
                        reader: r_fixed.size,
                    }));
                }
                self.copy(writer)
            }
            (Shape::Array(w_items), Shape::Array(r_items)) => {
                let items = self.within("[]".to_owned(), |b| b.node(w_items, r_items))?;
                if self.is_copy(items) {
                    return self.copy(writer);
                }
                let item_skip = self.skip(w_items)?;
                let min_item_len = self.skips.min_len(item_skip);
                Ok(self.push(Node::Array {
                    items,
                    min_item_len,
                }))
            }
            (Shape::Map(w_values), Shape::Map(r_values)) => {
                let values = self.within("{}".to_owned(), |b| b.node(w_values, r_values))?;
                if self.is_copy(values) {
                    return self.copy(writer);
                }
                let value_skip = self.skip(w_values)?;
                let min_item_len = self.skips.min_len(value_skip) + 1;
                Ok(self.push(Node::Map {
                    values,
                    min_item_len,
                }))
            }
            _ => {
                let node = match (w.kind(), r.kind()) {
                    (w_kind, r_kind) if w_kind == r_kind => return self.copy(writer),
                    (Kind::String, Kind::Bytes) | (Kind::Bytes, Kind::String) => {
                        return self.copy(writer);
                    }
                    (Kind::Int, Kind::Long) => Node::IntToLong,
                    (Kind::Int, Kind::Float) => Node::IntToFloat,
                    (Kind::Int, Kind::Double) => Node::IntToDouble,
                    (Kind::Long, Kind::Float) => Node::LongToFloat,
                    (Kind::Long, Kind::Double) => Node::LongToDouble,
                    (Kind::Float, Kind::Double) => Node::FloatToDouble,
                    _ => return Err(self.mismatch(w, r)),
                };
                Ok(self.push(node))
            }
        }
    }

    fn mismatch(&self, w: Shape<'_>, r: Shape<'_>) -> PlanError {
        self.error(PlanErrorKind::TypeMismatch {
            writer: w.kind().as_str(),
            reader: r.kind().as_str(),
        })
    }

    fn check_names(&self, w: Shape<'_>, r: Shape<'_>) -> Result<(), PlanError> {
        if names_match(r, w) {
            return Ok(());
        }
        let name = |s: Shape<'_>| s.name().map(|n| n.fullname(None)).unwrap_or_default();
        Err(self.error(PlanErrorKind::NameMismatch {
            writer: name(w),
            reader: name(r),
        }))
    }

    /// A writer union: each branch resolved on its own; one that matches nothing in the reader
    /// is an error only when it is written.
    fn writer_union(
        &mut self,
        writer: &'w Schema,
        w_branches: &'w [Schema],
        reader: &'r Schema,
        r: Shape<'r>,
    ) -> Result<NodeId, PlanError> {
        let mut branches = Vec::with_capacity(w_branches.len());
        let mut unchanged = true;
        for (w_index, w_branch) in w_branches.iter().enumerate() {
            let w = shape_of(w_branch, &self.writer);
            let branch = match r {
                Shape::Union(r_branches) => match best_branch(w, r_branches, &self.reader) {
                    Some(r_index) => {
                        let node = self.within(format!("|{r_index}"), |b| {
                            b.node(w_branch, &r_branches[r_index])
                        })?;
                        unchanged &= r_index == w_index && self.is_copy(node);
                        Branch::Read {
                            reader_index: Some(r_index as u32),
                            node,
                        }
                    }
                    None => Branch::Unreadable(describe(w)),
                },
                _ => {
                    unchanged = false;
                    match best_branch(w, std::slice::from_ref(reader), &self.reader) {
                        Some(_) => Branch::Read {
                            reader_index: None,
                            node: self.node(w_branch, reader)?,
                        },
                        None => Branch::Unreadable(describe(w)),
                    }
                }
            };
            unchanged &= matches!(branch, Branch::Read { .. });
            branches.push(branch);
        }
        if let Shape::Union(r_branches) = r {
            unchanged &= r_branches.len() == w_branches.len();
        }
        if unchanged {
            return self.copy(writer);
        }
        Ok(self.push(Node::WriterUnion(branches.into())))
    }

    fn enumeration(
        &mut self,
        writer: &'w Schema,
        w_enum: &EnumSchema,
        r_enum: &EnumSchema,
    ) -> Result<NodeId, PlanError> {
        if w_enum.symbols == r_enum.symbols {
            return self.copy(writer);
        }
        let position = |symbol: &str| r_enum.symbols.iter().position(|s| s == symbol);
        let fallback = r_enum.default.as_deref().and_then(position);
        let to_reader = w_enum
            .symbols
            .iter()
            .map(|symbol| position(symbol).or(fallback).map(|i| i as u32))
            .collect();
        Ok(self.push(Node::Enum {
            to_reader,
            symbols: w_enum.symbols.clone().into(),
            name: w_enum.name.fullname(None),
        }))
    }

    fn record(
        &mut self,
        writer: &'w Schema,
        w_record: &'w RecordSchema,
        r_record: &'r RecordSchema,
    ) -> Result<Node, PlanError> {
        // For each reader field: the writer field it reads and how, or its default.
        let mut sources = Vec::with_capacity(r_record.fields.len());
        for r_field in &r_record.fields {
            let source = match writer_field(w_record, r_field) {
                Some(w_field) => {
                    let w_index = w_record
                        .fields
                        .iter()
                        .position(|f| std::ptr::eq(f, w_field))
                        .expect("the writer field is one of the record's");
                    let node = self.within(r_field.name.clone(), |b| {
                        b.node(&w_field.schema, &r_field.schema)
                    })?;
                    Source::Read(w_index, node)
                }
                None => Source::Default(
                    self.within(r_field.name.clone(), |b| b.default_of(r_record, r_field))?,
                ),
            };
            sources.push(source);
        }
        let read: Vec<usize> = sources
            .iter()
            .filter_map(|source| match source {
                Source::Read(w_index, _) => Some(*w_index),
                Source::Default(_) => None,
            })
            .collect();
        let in_order = read.windows(2).all(|pair| pair[0] < pair[1]);
        let w_skips = w_record
            .fields
            .iter()
            .map(|field| self.skip(&field.schema))
            .collect::<Result<Vec<_>, _>>()?;

        if !in_order {
            let mut emit: Vec<Emit> = Vec::new();
            for source in sources {
                match source {
                    Source::Read(w_index, node) if self.is_copy(node) => {
                        emit.push(Emit::Copy(w_index));
                    }
                    Source::Read(writer, node) => emit.push(Emit::Field { writer, node }),
                    Source::Default(default) => match emit.last_mut() {
                        Some(Emit::Default(previous)) => {
                            *previous = [&previous[..], &default[..]].concat().into();
                        }
                        _ => emit.push(Emit::Default(default)),
                    },
                }
            }
            return Ok(Node::Reordered {
                fields: w_skips.into(),
                emit: emit.into(),
            });
        }

        // One pass over the writer's fields; each reader default goes where the reader has it.
        let mut target = vec![None; w_record.fields.len()];
        for (r_index, source) in sources.iter().enumerate() {
            if let Source::Read(w_index, node) = source {
                target[*w_index] = Some((r_index, *node));
            }
        }
        let mut steps = Steps::default();
        let mut next_reader = 0;
        for (w_index, target) in target.into_iter().enumerate() {
            match target {
                Some((r_index, node)) => {
                    steps.push_defaults(&sources[next_reader..r_index]);
                    next_reader = r_index + 1;
                    if self.is_copy(node) {
                        steps.push_copy(self.skips.leaf(w_skips[w_index]));
                    } else {
                        steps.0.push(Step::Field(node));
                    }
                }
                None => steps.0.push(Step::Skip(w_skips[w_index])),
            }
        }
        steps.push_defaults(&sources[next_reader..]);
        let unchanged = steps.0.iter().all(|step| matches!(step, Step::Copy(_)));
        if unchanged {
            let skip = self.skip(writer)?;
            return Ok(Node::Copy(self.skips.leaf(skip)));
        }
        Ok(Node::Record(steps.0.into()))
    }

    fn default_of(
        &self,
        record: &'r RecordSchema,
        field: &'r apache_avro::schema::RecordField,
    ) -> Result<Box<[u8]>, PlanError> {
        let Some(default) = &field.default else {
            return Err(self.error(PlanErrorKind::MissingDefault {
                field: field.name.clone(),
            }));
        };
        let mut bytes = Vec::new();
        defaults::encode(default, &field.schema, &self.reader, &mut bytes).map_err(|reason| {
            self.error(PlanErrorKind::InvalidDefault {
                field: format!("{}.{}", record.name.fullname(None), field.name),
                reason,
            })
        })?;
        Ok(bytes.into())
    }

    /// How to find the end of a `writer` value.
    fn skip(&mut self, writer: &'w Schema) -> Result<SkipId, PlanError> {
        let writer = self.writer.resolve(writer);
        let key = writer as *const Schema;
        if let Some(&id) = self.skip_memo.get(&key) {
            self.recursive |= matches!(self.skips.get(id), Skip::Pending);
            return Ok(id);
        }
        if self.depth >= MAX_DEPTH {
            return Err(self.error(PlanErrorKind::TooDeep(MAX_DEPTH)));
        }
        self.depth += 1;
        let id = self.calculate_skip(writer, key);
        self.depth -= 1;
        let id = id?;
        self.skip_memo.insert(key, id);
        Ok(id)
    }

    fn calculate_skip(
        &mut self,
        writer: &'w Schema,
        key: *const Schema,
    ) -> Result<SkipId, PlanError> {
        let skip = match shape_of(writer, &self.writer) {
            Shape::Null => Skip::Bytes(0),
            Shape::Boolean => Skip::Bytes(1),
            Shape::Int | Shape::Long | Shape::Enum(_) => Skip::Varint,
            Shape::Float => Skip::Bytes(4),
            Shape::Double => Skip::Bytes(8),
            Shape::Bytes | Shape::String => Skip::Sized,
            Shape::Fixed(fixed) => Skip::Bytes(fixed.size),
            Shape::Array(items) => Skip::Array(self.skip(items)?),
            Shape::Map(values) => Skip::Map(self.skip(values)?),
            Shape::Union(branches) => Skip::Union(
                branches
                    .iter()
                    .map(|branch| self.skip(branch))
                    .collect::<Result<_, _>>()?,
            ),
            Shape::Record(record) => {
                let id = self.skips.push(Skip::Pending);
                self.skip_memo.insert(key, id);
                let fields: Vec<SkipId> = record
                    .fields
                    .iter()
                    .map(|field| self.skip(&field.schema))
                    .collect::<Result<_, _>>()?;
                // A record of fixed-size fields is one fixed size.
                let sizes: Option<usize> = fields
                    .iter()
                    .map(|&f| match self.skips.get(f) {
                        Skip::Bytes(n) => Some(*n),
                        _ => None,
                    })
                    .sum();
                let skip = match sizes {
                    Some(n) => Skip::Bytes(n),
                    None => Skip::Record(fields.into()),
                };
                self.skips.set(id, skip);
                return Ok(id);
            }
            Shape::Unresolved(name) => {
                return Err(self.error(PlanErrorKind::UnresolvedReference(name.to_string())));
            }
        };
        Ok(self.skips.push(skip))
    }
}

/// Where a reader field's value comes from.
enum Source {
    /// The writer field at this index, through this node.
    Read(usize, NodeId),
    /// The reader's default, encoded.
    Default(Box<[u8]>),
}

/// A record's steps, merging neighbours: copied fields into one run, defaults into one write.
#[derive(Default)]
struct Steps(Vec<Step>);

impl Steps {
    fn push_copy(&mut self, skip: Leaf) {
        match self.0.last_mut() {
            Some(Step::Copy(run)) => *run = [&run[..], &[skip]].concat().into(),
            _ => self.0.push(Step::Copy(Box::new([skip]))),
        }
    }

    /// The defaults of reader fields the writer lacks (all of `sources`: the fields between two
    /// that are read in order).
    fn push_defaults(&mut self, sources: &[Source]) {
        for source in sources {
            let Source::Default(bytes) = source else {
                unreachable!("read fields are in the writer's order")
            };
            match self.0.last_mut() {
                Some(Step::Default(previous)) => {
                    *previous = [&previous[..], &bytes[..]].concat().into();
                }
                _ => self.0.push(Step::Default(bytes.clone())),
            }
        }
    }
}

/// The reader union branch that reads a writer value of shape `w`: the first of the same type
/// (named types: of a matching name; `fixed`: and size), else the first `w` promotes to.
fn best_branch(w: Shape<'_>, r_branches: &[Schema], reader: &Definitions<'_>) -> Option<usize> {
    let shapes = || r_branches.iter().map(|b| shape_of(b, reader));
    let exact = shapes().position(|r| {
        r.kind() == w.kind()
            && match (w, r) {
                (Shape::Record(_) | Shape::Enum(_), _) => names_match(r, w),
                (Shape::Fixed(w_fixed), Shape::Fixed(r_fixed)) => {
                    names_match(r, w) && w_fixed.size == r_fixed.size
                }
                _ => true,
            }
    });
    exact.or_else(|| {
        shapes().position(|r| {
            matches!(
                (w.kind(), r.kind()),
                (Kind::Int, Kind::Long | Kind::Float | Kind::Double)
                    | (Kind::Long, Kind::Float | Kind::Double)
                    | (Kind::Float, Kind::Double)
                    | (Kind::String, Kind::Bytes)
                    | (Kind::Bytes, Kind::String)
            )
        })
    })
}

/// A writer branch's type, for an error: its full name, or the type.
fn describe(shape: Shape<'_>) -> String {
    match shape.name() {
        Some(name) => name.fullname(None),
        None => shape.kind().as_str().to_owned(),
    }
}
