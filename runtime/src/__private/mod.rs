//! Not public API. What generated code needs from this crate, re-exported under one path so a user
//! never has to add a dependency the derive happens to name.

#[cfg(feature = "decimal1")]
mod decimal;
mod decimal_field;
mod default_value;
mod shape;
mod stream;
mod timestamp_field;
mod upcast;

pub use crate::catalog::{EventInfo, FieldSource, RecordSource};
pub use decimal_field::DecimalField;
pub use default_value::default_json;
pub use shape::{Literal, Shape};
pub use stream::same_event_type;
pub use timestamp_field::{Instant, TimeUnit, TimestampField};
pub use upcast::{
    Message, UpcastCause, UpcastFrom, same_str, upcast, wrong_event_type, wrong_version,
};

pub use crate::codec::{DecodeError, DecodeErrorKind, EncodeError, Reader, write_long};
pub use crate::schema::SchemaBuilder;
pub use inventory;
pub use serde_json::{Map, Value, json};

/// Builds a record field's JSON in the order every `.avsc` uses: name, doc, aliases, type, default.
pub fn field(
    name: &str,
    doc: Option<&str>,
    aliases: &[&str],
    ty: Value,
    default: Option<Value>,
) -> Value {
    let mut field = Map::new();
    field.insert("name".into(), name.into());
    if let Some(doc) = doc {
        field.insert("doc".into(), doc.into());
    }
    if !aliases.is_empty() {
        field.insert("aliases".into(), aliases.into());
    }
    field.insert("type".into(), ty);
    if let Some(default) = default {
        field.insert("default".into(), default);
    }
    Value::Object(field)
}

/// The fields of `T`'s record, to inline into another record (`#[serde(flatten)]`), with their
/// names, docs, aliases and defaults. `T` itself is not defined by this: a later use of it writes
/// its definition in full.
///
/// # Panics
///
/// If `T`'s schema is not a record, or `T` is being defined (a record that flattens itself), naming
/// `field`. This runs when the schema is first built.
pub fn flattened_fields<T: crate::Avro>(builder: &mut SchemaBuilder, field: &str) -> Vec<Value> {
    let schema = T::write_schema(builder);
    let definition = match &schema {
        Value::String(name) => builder.definition(name).cloned().unwrap_or_else(|| {
            panic!("field `{field}` flattens `{name}`, which contains it: a record cannot inline itself")
        }),
        Value::Object(object) => {
            if let (Some(name), Some(namespace)) = (object["name"].as_str(), object["namespace"].as_str()) {
                builder.forget(&format!("{namespace}.{name}"));
            }
            schema
        }
        other => panic!("field `{field}` flattens a type whose schema is not a record: {other}"),
    };
    match definition {
        Value::Object(mut object) if object["type"] == "record" => match object.remove("fields") {
            Some(Value::Array(fields)) => fields,
            _ => Vec::new(),
        },
        other => panic!("field `{field}` flattens a type whose schema is not a record: {other}"),
    }
}

/// The header of a named type's JSON: type, name, namespace, doc, aliases. The caller adds the
/// body (`fields`, `symbols`).
pub fn named_type(
    kind: &str,
    name: &str,
    namespace: &str,
    doc: Option<&str>,
    aliases: &[&str],
) -> Map<String, Value> {
    let mut map = Map::new();
    map.insert("type".into(), kind.into());
    map.insert("name".into(), name.into());
    map.insert("namespace".into(), namespace.into());
    if let Some(doc) = doc {
        map.insert("doc".into(), doc.into());
    }
    if !aliases.is_empty() {
        map.insert("aliases".into(), aliases.into());
    }
    map
}

/// A record schema: the header from [`named_type`] and the fields from [`field`].
pub fn record_schema(mut header: Map<String, Value>, fields: Vec<Value>) -> Value {
    header.insert("fields".into(), Value::Array(fields));
    Value::Object(header)
}

/// An enum schema: the header from [`named_type`], the symbols, and the fallback symbol readers
/// use for symbols they do not know.
pub fn enum_schema(
    mut header: Map<String, Value>,
    symbols: &[&str],
    default: Option<&str>,
) -> Value {
    header.insert("symbols".into(), symbols.into());
    if let Some(default) = default {
        header.insert("default".into(), default.into());
    }
    Value::Object(header)
}
