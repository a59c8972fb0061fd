//! Names: where each named type of a schema is defined, and when a reader's name matches a
//! writer's.

use super::shape::Shape;
use apache_avro::Schema;
use apache_avro::schema::{
    Alias, DecimalSchema, InnerDecimalSchema, Name, RecordField, RecordSchema, UuidSchema,
};
use std::collections::HashMap;

/// The named types one schema defines, so that its `Schema::Ref`s can be followed.
///
/// apache-avro writes a named type out once, where it is first used, and a `Schema::Ref` everywhere
/// else (including inside its own definition, for a recursive type); a reference resolves within
/// its own schema only, never the other side's.
pub(crate) struct Definitions<'s> {
    by_name: HashMap<&'s Name, &'s Schema>,
    /// apache-avro also resolves a reference through a type's alias; Java does not, so this is
    /// only the fallback.
    by_alias: HashMap<Name, &'s Schema>,
}

impl<'s> Definitions<'s> {
    /// Every named type in `schema`. A name defined twice (invalid Avro, which apache-avro accepts)
    /// resolves to its first definition in document order.
    pub(crate) fn of(schema: &'s Schema) -> Self {
        let mut definitions = Definitions {
            by_name: HashMap::new(),
            by_alias: HashMap::new(),
        };
        // Depth first with an explicit stack, children pushed in reverse: document order, and
        // no recursion however deep the schema nests.
        let mut pending = vec![schema];
        while let Some(schema) = pending.pop() {
            match schema {
                Schema::Array(array) => pending.push(&array.items),
                Schema::Map(map) => pending.push(&map.types),
                Schema::Union(union) => pending.extend(union.variants().iter().rev()),
                Schema::Record(record) => {
                    definitions.define(schema, &record.name, record.aliases.as_deref());
                    pending.extend(record.fields.iter().rev().map(|field| &field.schema));
                }
                Schema::Enum(enumeration) => {
                    definitions.define(schema, &enumeration.name, enumeration.aliases.as_deref());
                }
                Schema::Fixed(fixed)
                | Schema::Duration(fixed)
                | Schema::Uuid(UuidSchema::Fixed(fixed))
                | Schema::Decimal(DecimalSchema {
                    inner: InnerDecimalSchema::Fixed(fixed),
                    ..
                }) => definitions.define(schema, &fixed.name, fixed.aliases.as_deref()),
                _ => {}
            }
        }
        definitions
    }

    fn define(&mut self, schema: &'s Schema, name: &'s Name, aliases: Option<&'s [Alias]>) {
        self.by_name.entry(name).or_insert(schema);
        for alias in aliases.unwrap_or_default() {
            let alias = alias.fully_qualified_name(name.namespace()).into_owned();
            self.by_alias.entry(alias).or_insert(schema);
        }
    }

    /// The definition `schema` refers to, or `schema` itself when it is not a reference (or one
    /// this schema does not define). A definition is never a reference, so one step suffices.
    pub(crate) fn resolve(&self, schema: &'s Schema) -> &'s Schema {
        match schema {
            Schema::Ref { name } => self
                .by_name
                .get(name)
                .or_else(|| self.by_alias.get(name))
                .copied()
                .unwrap_or(schema),
            _ => schema,
        }
    }
}

/// Whether a reader's named type reads a writer's, as Java's `SchemaCompatibility.schemaNameEquals`
/// decides: the same unqualified name (so `ns1.Inner` reads `ns2.Inner`), or a reader alias equal to
/// the writer's full name. Aliases are qualified with the reader's namespace when written without
/// one, as Java does; the writer's aliases play no part.
pub(crate) fn names_match(reader: Shape<'_>, writer: Shape<'_>) -> bool {
    let (Some(reader_name), Some(writer_name)) = (reader.name(), writer.name()) else {
        return false;
    };
    if reader_name.name() == writer_name.name() {
        return true;
    }
    let aliases = match reader {
        Shape::Record(record) => record.aliases.as_deref(),
        Shape::Enum(enumeration) => enumeration.aliases.as_deref(),
        Shape::Fixed(fixed) => fixed.aliases.as_deref(),
        _ => None,
    };
    let writer_full = writer_name.fullname(None);
    aliases.unwrap_or_default().iter().any(|alias| {
        alias
            .fully_qualified_name(reader_name.namespace())
            .fullname(None)
            == writer_full
    })
}

/// The writer's field that fills `reader_field`: the one of the same name, else the first one
/// named by a reader alias. (Java throws when both exist; Python avro, and the specification's
/// "aliases are used when the name does not match", take the name.)
pub(crate) fn writer_field<'w>(
    writer: &'w RecordSchema,
    reader_field: &RecordField,
) -> Option<&'w RecordField> {
    let named = |name: &str| writer.fields.iter().find(|field| field.name == name);
    named(&reader_field.name).or_else(|| reader_field.aliases.iter().find_map(|alias| named(alias)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compat::shape::shape_of;
    use serde_json::json;

    fn parse(json: serde_json::Value) -> Schema {
        Schema::parse(&json).unwrap()
    }

    #[test]
    fn a_reference_resolves_to_its_first_definition_even_through_an_alias() {
        let schema = parse(json!({"type": "record", "name": "a.Order", "fields": [
            {"name": "total", "type": {"type": "record", "name": "Money", "aliases": ["Cash"],
                "fields": [{"name": "cents", "type": "long"}]}},
            {"name": "tip", "type": "Money"},
            {"name": "change", "type": "Cash"}]}));
        let definitions = Definitions::of(&schema);
        let Schema::Record(order) = &schema else {
            unreachable!()
        };
        let [total, tip, change] = [0, 1, 2].map(|i| &order.fields[i].schema);
        assert!(matches!(tip, Schema::Ref { .. }));
        assert!(std::ptr::eq(definitions.resolve(tip), total));
        assert!(std::ptr::eq(definitions.resolve(change), total));
        assert!(std::ptr::eq(definitions.resolve(total), total));
    }

    #[test]
    fn names_match_by_unqualified_name_or_qualified_reader_alias() {
        let names = |reader: serde_json::Value, writer: serde_json::Value| {
            let (reader, writer) = (parse(reader), parse(writer));
            let (r_defs, w_defs) = (Definitions::of(&reader), Definitions::of(&writer));
            names_match(shape_of(&reader, &r_defs), shape_of(&writer, &w_defs))
        };
        let record = |name: &str, aliases: &[&str]| json!({"type": "record", "name": name, "aliases": aliases, "fields": []});
        assert!(names(record("a.Order", &[]), record("b.Order", &[])));
        assert!(names(record("a.New", &["Old"]), record("a.Old", &[])));
        assert!(!names(record("a.New", &["Old"]), record("b.Old", &[])));
        assert!(names(record("a.New", &["b.Old"]), record("b.Old", &[])));
        assert!(!names(record("New", &[]), record("Old", &["New"])));
    }
}
