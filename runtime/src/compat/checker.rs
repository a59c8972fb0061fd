//! The resolution rules of the Avro specification, applied the way Java's
//! `org.apache.avro.SchemaCompatibility.ReaderWriterCompatibilityChecker` applies them (and
//! Python avro's `ReaderWriterCompatibilityChecker`, a port of it), but reporting every
//! incompatibility at the place it occurs.
//!
//! Where this differs from Java, on purpose:
//!
//! - A reader field that the writer lacks, without a default, is `READER_FIELD_MISSING_DEFAULT_VALUE`
//!   even when its type is an enum with a default symbol. Java (and Python) then compare the
//!   enum with the writer's whole record and report a `TYPE_MISMATCH` at `.../type`; either way
//!   the data cannot be read (Java's decoder says "missing required field").
//! - A reader field matching one writer field by name and another by alias takes the one by name,
//!   as Python does; Java throws.
//! - A named type used in several places is reported in each place. Java and Python memoize the
//!   pair's result with the location of its first use, so Java repeats the first location and
//!   Python, keeping a set, reports it once.

use super::IncompatibilityKind::{
    FixedSizeMismatch, MissingEnumSymbols, MissingUnionBranch, NameMismatch,
    ReaderFieldMissingDefaultValue, TypeMismatch,
};
use super::MAX_REPORTED;
use super::describe::describe;
use super::found::{Found, Token, Token::Index, Token::Key};
use super::names::{Definitions, names_match, writer_field};
use super::shape::{Kind, Shape, logical_type, shape_of};
use apache_avro::Schema;
use apache_avro::schema::{EnumSchema, FixedSchema, RecordSchema};
use std::collections::HashMap;

/// Comparisons nest at most this deep (every level a distinct reader/writer pair, each a nested
/// type); deeper than that is reported as a mismatch rather than risk the stack.
const MAX_DEPTH: usize = 200;

/// A pair's place in the memo, keyed by the addresses of the two (resolved) schema nodes, as Java
/// keys its memo by identity.
enum Memo {
    /// Being compared further up: a recursive type. Java's rule: compatible unless proven
    /// otherwise, the proof being made by the comparison in progress.
    InProgress,
    Done(Vec<Found>),
}

/// One reader/writer comparison, with the named types of each side and the memo that makes
/// recursive types terminate and shared ones cheap.
pub(super) struct Checker<'r, 'w> {
    reader: Definitions<'r>,
    writer: Definitions<'w>,
    memo: HashMap<(*const Schema, *const Schema), Memo>,
    depth: usize,
}

impl<'r, 'w> Checker<'r, 'w> {
    pub(super) fn new(reader: &'r Schema, writer: &'w Schema) -> Self {
        Checker {
            reader: Definitions::of(reader),
            writer: Definitions::of(writer),
            memo: HashMap::new(),
            depth: 0,
        }
    }

    /// Every reason `reader` cannot read `writer`, located relative to them.
    pub(super) fn compare(&mut self, reader: &'r Schema, writer: &'w Schema) -> Vec<Found> {
        let reader = self.reader.resolve(reader);
        let writer = self.writer.resolve(writer);
        let key = (reader as *const Schema, writer as *const Schema);
        match self.memo.get(&key) {
            Some(Memo::InProgress) => return Vec::new(),
            Some(Memo::Done(found)) => return found.clone(),
            None => {}
        }
        if self.depth >= MAX_DEPTH {
            return vec![Found::new(
                TypeMismatch,
                format!(
                    "the schemas nest more than {MAX_DEPTH} levels deep; not checked below here"
                ),
            )];
        }
        self.memo.insert(key, Memo::InProgress);
        self.depth += 1;
        let found = self.calculate(reader, writer);
        self.depth -= 1;
        self.memo.insert(key, Memo::Done(found.clone()));
        found
    }

    fn readable(&mut self, reader: &'r Schema, writer: &'w Schema) -> bool {
        self.compare(reader, writer).is_empty()
    }

    fn calculate(&mut self, reader: &'r Schema, writer: &'w Schema) -> Vec<Found> {
        let r = shape_of(reader, &self.reader);
        let w = shape_of(writer, &self.writer);
        let mut found = Vec::new();
        if r.kind() == w.kind() {
            match (r, w) {
                (Shape::Array(r_items), Shape::Array(w_items)) => {
                    let items = self.compare(r_items, w_items);
                    extend(&mut found, items, &[Key("items")]);
                }
                (Shape::Map(r_values), Shape::Map(w_values)) => {
                    let values = self.compare(r_values, w_values);
                    extend(&mut found, values, &[Key("values")]);
                }
                (Shape::Fixed(r_fixed), Shape::Fixed(w_fixed)) => {
                    found.extend(self.check_names(r, w));
                    found.extend(fixed_size(r_fixed, w_fixed));
                }
                (Shape::Enum(r_enum), Shape::Enum(w_enum)) => {
                    found.extend(self.check_names(r, w));
                    found.extend(enum_symbols(r_enum, w_enum));
                }
                (Shape::Record(r_record), Shape::Record(w_record)) => {
                    found.extend(self.check_names(r, w));
                    self.record_fields(r_record, w_record, &mut found);
                }
                (Shape::Union(_), Shape::Union(w_branches)) => {
                    // Every branch the writer may have written must be readable by the reader.
                    for (index, w_branch) in w_branches.iter().enumerate() {
                        if !self.readable(reader, w_branch) {
                            let message = format!(
                                "writer union branch {index} ({}) has no matching reader branch{}",
                                describe(w_branch, &self.writer),
                                self.closest_branch(r, w_branch),
                            );
                            push(
                                &mut found,
                                Found::new(MissingUnionBranch, message).under(&[Index(index)]),
                            );
                        }
                    }
                }
                // References this schema cannot follow: only their names can be compared.
                (Shape::Unresolved(_), Shape::Unresolved(_)) => {
                    found.extend(self.check_names(r, w));
                }
                // The same primitive.
                _ => {}
            }
            return found;
        }

        // A writer union is read branch by branch: each must be readable.
        if let Shape::Union(w_branches) = w {
            for (index, w_branch) in w_branches.iter().enumerate() {
                for problem in self.compare(reader, w_branch) {
                    push(
                        &mut found,
                        problem.in_writer_branch(index).under(&[Index(index)]),
                    );
                }
            }
            return found;
        }

        let promoted = match r.kind() {
            Kind::Long => w.kind() == Kind::Int,
            Kind::Float => matches!(w.kind(), Kind::Int | Kind::Long),
            Kind::Double => matches!(w.kind(), Kind::Int | Kind::Long | Kind::Float),
            Kind::Bytes => w.kind() == Kind::String,
            Kind::String => w.kind() == Kind::Bytes,
            _ => false,
        };
        if promoted {
            return found;
        }
        if let Shape::Union(r_branches) = r {
            // The first reader branch that reads the writer's type is the one used.
            if r_branches
                .iter()
                .any(|r_branch| self.readable(r_branch, writer))
            {
                return found;
            }
            let message = format!(
                "the writer's {} matches no branch of the reader's {}{}",
                describe(writer, &self.writer),
                describe(reader, &self.reader),
                self.closest_branch(r, writer),
            );
            push(&mut found, Found::new(MissingUnionBranch, message));
            return found;
        }
        push(&mut found, self.type_mismatch(reader, writer));
        found
    }

    /// Each reader field is read from the writer's field of the same name (or alias), or takes
    /// its default when the writer has none; writer fields the reader lacks are skipped.
    fn record_fields(
        &mut self,
        reader: &'r RecordSchema,
        writer: &'w RecordSchema,
        found: &mut Vec<Found>,
    ) {
        for (index, r_field) in reader.fields.iter().enumerate() {
            match writer_field(writer, r_field) {
                Some(w_field) => {
                    for problem in self.compare(&r_field.schema, &w_field.schema) {
                        let problem = problem
                            .under(&[Key("fields"), Index(index), Key("type")])
                            .in_field(&reader.name, &r_field.name);
                        push(found, problem);
                    }
                }
                None if r_field.default.is_none() => {
                    let message = format!(
                        "field `{}` ({}) of `{}` is not in the writer's record and has no default, \
                         so data written without it cannot be read: give it a default",
                        r_field.name,
                        describe(&r_field.schema, &self.reader),
                        reader.name.fullname(None),
                    );
                    let problem = Found::new(ReaderFieldMissingDefaultValue, message)
                        .under(&[Key("fields"), Index(index)])
                        .of_field(&reader.name, &r_field.name);
                    push(found, problem);
                }
                None => {}
            }
        }
    }

    fn check_names(&self, reader: Shape<'r>, writer: Shape<'w>) -> Option<Found> {
        if names_match(reader, writer) {
            return None;
        }
        let kind = reader.kind().as_str();
        let r_name = reader
            .name()
            .map(|name| name.fullname(None))
            .unwrap_or_default();
        let w_name = writer
            .name()
            .map(|name| name.fullname(None))
            .unwrap_or_default();
        let message = format!(
            "the reader's {kind} `{r_name}` does not read the writer's `{w_name}`: \
             name it `{w_name}` again, or give it the alias `{w_name}`"
        );
        Some(Found::new(NameMismatch, message).under(&[Key("name")]))
    }

    fn type_mismatch(&self, reader: &'r Schema, writer: &'w Schema) -> Found {
        let r_kind = shape_of(reader, &self.reader).kind();
        let w_kind = shape_of(writer, &self.writer).kind();
        let r_logical = logical_type(reader, &self.reader);
        let hint = if r_logical.is_some() && r_logical == logical_type(writer, &self.writer) {
            format!(
                "; both are {}, carried by different types ({} and {})",
                r_logical.unwrap_or_default(),
                r_kind.as_str(),
                w_kind.as_str()
            )
        } else if r_kind.is_numeric() && w_kind.is_numeric() {
            "; Avro widens int to long, float or double, long to float or double, and float to \
             double, never the other way"
                .to_owned()
        } else if r_kind == Kind::Unresolved || w_kind == Kind::Unresolved {
            "; a reference to a type its schema does not define cannot be checked".to_owned()
        } else {
            String::new()
        };
        let message = format!(
            "the reader's {} cannot read the writer's {}{hint}",
            describe(reader, &self.reader),
            describe(writer, &self.writer),
        );
        Found::new(TypeMismatch, message)
    }

    /// Why the reader union's most likely branch for `writer` (the first of the same type, and
    /// name if named) does not read it, as the end of a sentence; empty without such a branch.
    fn closest_branch(&mut self, reader: Shape<'r>, writer: &'w Schema) -> String {
        let Shape::Union(r_branches) = reader else {
            return String::new();
        };
        let w = shape_of(writer, &self.writer);
        let closest = r_branches.iter().find(|r_branch| {
            let r = shape_of(r_branch, &self.reader);
            r.kind() == w.kind() && (r.name().is_none() || names_match(r, w))
        });
        let Some(closest) = closest else {
            return String::new();
        };
        let problems = self.compare(closest, writer);
        let Some(first) = problems.first() else {
            return String::new();
        };
        let more = match problems.len() {
            1 => String::new(),
            2 => " (and 1 more problem)".to_owned(),
            n => format!(" (and {} more problems)", n - 1),
        };
        format!(
            "; the reader's {} comes closest, but {}{more}",
            describe(closest, &self.reader),
            first.message()
        )
    }
}

fn fixed_size(reader: &FixedSchema, writer: &FixedSchema) -> Option<Found> {
    (reader.size != writer.size).then(|| {
        let message = format!(
            "fixed `{}` is {} bytes in the reader but {} in the writer",
            reader.name.fullname(None),
            reader.size,
            writer.size
        );
        Found::new(FixedSizeMismatch, message).under(&[Key("size")])
    })
}

/// Writer symbols the reader lacks are fine when the reader's enum has a default to read them as.
fn enum_symbols(reader: &EnumSchema, writer: &EnumSchema) -> Option<Found> {
    let missing: Vec<&str> = writer
        .symbols
        .iter()
        .filter(|symbol| !reader.symbols.contains(symbol))
        .map(String::as_str)
        .collect();
    let has_default = reader
        .default
        .as_ref()
        .is_some_and(|default| reader.symbols.contains(default));
    (!missing.is_empty() && !has_default).then(|| {
        let message = format!(
            "enum `{}` lacks {} {} that the writer's data may hold; add {}, or give the reader's \
             enum a default symbol",
            reader.name.fullname(None),
            if missing.len() == 1 {
                "symbol"
            } else {
                "symbols"
            },
            missing.join(", "),
            if missing.len() == 1 { "it" } else { "them" },
        );
        Found::new(MissingEnumSymbols, message).under(&[Key("symbols")])
    })
}

/// Adds `problem` unless [`MAX_REPORTED`] are already there.
fn push(found: &mut Vec<Found>, problem: Found) {
    if found.len() < MAX_REPORTED {
        found.push(problem);
    }
}

/// Adds `problems`, each below `tokens`.
fn extend(found: &mut Vec<Found>, problems: Vec<Found>, tokens: &[Token]) {
    for problem in problems {
        push(found, problem.under(tokens));
    }
}
