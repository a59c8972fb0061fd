//! Types as they read in a sentence: `long (timestamp-micros)`, `record `com.acme.Line``,
//! `union [null, string]`.

use super::names::Definitions;
use super::shape::{Shape, logical_type, shape_of};
use apache_avro::Schema;
use apache_avro::schema::DecimalSchema;

/// How deep a description spells out nested types before it stops at the type's kind.
const DEPTH: usize = 2;

/// `schema` in a few words, its logical type in parentheses.
pub(super) fn describe<'s>(schema: &'s Schema, definitions: &Definitions<'s>) -> String {
    describe_at(schema, definitions, 0)
}

fn describe_at<'s>(schema: &'s Schema, definitions: &Definitions<'s>, depth: usize) -> String {
    let mut notes = Vec::new();
    let base = match shape_of(schema, definitions) {
        Shape::Array(items) if depth < DEPTH => {
            format!("array of {}", describe_at(items, definitions, depth + 1))
        }
        Shape::Map(values) if depth < DEPTH => {
            format!("map of {}", describe_at(values, definitions, depth + 1))
        }
        Shape::Union(branches) if depth < DEPTH => {
            let branches: Vec<String> = branches
                .iter()
                .map(|branch| describe_at(branch, definitions, DEPTH))
                .collect();
            format!("union [{}]", branches.join(", "))
        }
        Shape::Record(record) => format!("record `{}`", record.name.fullname(None)),
        Shape::Enum(enumeration) => format!("enum `{}`", enumeration.name.fullname(None)),
        Shape::Fixed(fixed) => {
            notes.push(format!("{} bytes", fixed.size));
            format!("fixed `{}`", fixed.name.fullname(None))
        }
        Shape::Unresolved(name) => format!("`{}`", name.fullname(None)),
        other => other.kind().as_str().to_owned(),
    };
    match definitions.resolve(schema) {
        Schema::Decimal(DecimalSchema {
            precision, scale, ..
        }) => notes.push(format!("decimal({precision}, {scale})")),
        _ => notes.extend(logical_type(schema, definitions).map(str::to_owned)),
    }
    if notes.is_empty() {
        base
    } else {
        format!("{base} ({})", notes.join(", "))
    }
}
