//! An incompatibility while it is being found: located relative to the reader/writer pair that
//! found it, so that a result computed once can be reported wherever the pair recurs.

use super::{FieldRef, Incompatibility, IncompatibilityKind};
use apache_avro::schema::Name;

/// One JSON-pointer reference token, built as Java's `SchemaCompatibility` builds its locations.
#[derive(Clone, Copy, Debug)]
pub(super) enum Token {
    /// `fields`, `type`, `items`, `values`, `name`, `size`, `symbols`.
    Key(&'static str),
    /// A field's position in the reader's record, or a branch's in the writer's union.
    Index(usize),
}

/// An [`Incompatibility`] whose location is relative to the pair being compared.
#[derive(Clone, Debug)]
pub(super) struct Found {
    kind: IncompatibilityKind,
    /// The path from the compared pair down to the problem, innermost token first: a parent adds
    /// its tokens at the end, so nothing is shifted on the way up.
    reversed_path: Vec<Token>,
    field: Option<FieldRef>,
    message: String,
}

impl Found {
    pub(super) fn new(kind: IncompatibilityKind, message: String) -> Self {
        Found {
            kind,
            reversed_path: Vec::new(),
            field: None,
            message,
        }
    }

    pub(super) fn message(&self) -> &str {
        &self.message
    }

    /// The problem lies below `tokens` (outermost first) in the pair that contains it.
    pub(super) fn under(mut self, tokens: &[Token]) -> Self {
        self.reversed_path.extend(tokens.iter().rev());
        self
    }

    /// The problem lies in `field` of the reader's `record`; the innermost such field is kept,
    /// and named at the start of the message.
    pub(super) fn in_field(mut self, record: &Name, field: &str) -> Self {
        if self.field.is_none() {
            let record = record.fullname(None);
            self.message = format!("in field `{field}` of `{record}`, {}", self.message);
            self.field = Some(FieldRef {
                record,
                field: field.to_owned(),
            });
        }
        self
    }

    /// The problem is in branch `index` of the writer's union, read by a reader that is no union.
    pub(super) fn in_writer_branch(mut self, index: usize) -> Self {
        self.message = format!("writer union branch {index}: {}", self.message);
        self
    }

    /// Sets the field without touching the message, for a message that already names it.
    pub(super) fn of_field(mut self, record: &Name, field: &str) -> Self {
        self.field = Some(FieldRef {
            record: record.fullname(None),
            field: field.to_owned(),
        });
        self
    }

    /// The public form, its location a JSON pointer from the root of the reader's schema: `/` for
    /// the root itself, as Java reports it.
    pub(super) fn into_incompatibility(self) -> Incompatibility {
        let mut location = String::new();
        for token in self.reversed_path.iter().rev() {
            location.push('/');
            // No token holds `~` or `/`, so none needs JSON-pointer escaping.
            match token {
                Token::Key(key) => location.push_str(key),
                Token::Index(index) => location.push_str(&index.to_string()),
            }
        }
        if location.is_empty() {
            location.push('/');
        }
        Incompatibility {
            kind: self.kind,
            location,
            field: self.field,
            message: self.message,
        }
    }
}
