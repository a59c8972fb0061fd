//! A reader field's default, encoded once as the bytes a writer would have written for it.

use crate::codec::{write_bool, write_f32, write_f64, write_long};
use crate::compat::names::Definitions;
use crate::compat::shape::{Shape, shape_of};
use apache_avro::Schema;
use serde_json::Value;

/// Appends the Avro encoding of the JSON `default` for `schema` to `out`; the error says what in
/// the default does not fit.
///
/// The specification's rules for defaults: `bytes` and `fixed` are strings whose code points
/// 0-255 are the bytes; an enum is a symbol; a record an object whose missing fields take their
/// own defaults; a union's default is a value of its first branch (the specification until 1.11,
/// and what Java checks), else of the first branch it fits (1.12's relaxation).
pub(super) fn encode(
    default: &Value,
    schema: &Schema,
    definitions: &Definitions<'_>,
    out: &mut Vec<u8>,
) -> Result<(), String> {
    let mismatch = |expected: &str| Err(format!("expected {expected}, found {default}"));
    match shape_of(schema, definitions) {
        Shape::Null => match default {
            Value::Null => {}
            _ => return mismatch("null"),
        },
        Shape::Boolean => match default {
            Value::Bool(b) => write_bool(*b, out),
            _ => return mismatch("a boolean"),
        },
        Shape::Int => match default.as_i64().and_then(|n| i32::try_from(n).ok()) {
            Some(n) => write_long(i64::from(n), out),
            None => return mismatch("a 32-bit integer"),
        },
        Shape::Long => match default.as_i64() {
            Some(n) => write_long(n, out),
            None => return mismatch("a 64-bit integer"),
        },
        Shape::Float => match default.as_f64() {
            Some(x) => write_f32(x as f32, out),
            None => return mismatch("a number"),
        },
        Shape::Double => match default.as_f64() {
            Some(x) => write_f64(x, out),
            None => return mismatch("a number"),
        },
        Shape::Bytes => {
            let bytes = latin1(default)?;
            write_long(bytes.len() as i64, out);
            out.extend_from_slice(&bytes);
        }
        Shape::String => match default {
            Value::String(s) => {
                write_long(s.len() as i64, out);
                out.extend_from_slice(s.as_bytes());
            }
            _ => return mismatch("a string"),
        },
        Shape::Fixed(fixed) => {
            let bytes = latin1(default)?;
            if bytes.len() != fixed.size {
                return Err(format!(
                    "expected {} bytes, found {}",
                    fixed.size,
                    bytes.len()
                ));
            }
            out.extend_from_slice(&bytes);
        }
        Shape::Enum(enumeration) => {
            let index = default
                .as_str()
                .and_then(|symbol| enumeration.symbols.iter().position(|s| s == symbol));
            match index {
                Some(index) => write_long(index as i64, out),
                None => return mismatch(&format!("one of {:?}", enumeration.symbols)),
            }
        }
        Shape::Array(items) => match default {
            Value::Array(values) => {
                if !values.is_empty() {
                    write_long(values.len() as i64, out);
                    for value in values {
                        encode(value, items, definitions, out)?;
                    }
                }
                write_long(0, out);
            }
            _ => return mismatch("an array"),
        },
        Shape::Map(values) => match default {
            Value::Object(entries) => {
                if !entries.is_empty() {
                    write_long(entries.len() as i64, out);
                    for (key, value) in entries {
                        write_long(key.len() as i64, out);
                        out.extend_from_slice(key.as_bytes());
                        encode(value, values, definitions, out)?;
                    }
                }
                write_long(0, out);
            }
            _ => return mismatch("an object"),
        },
        Shape::Record(record) => {
            let Value::Object(entries) = default else {
                return mismatch("an object");
            };
            for field in &record.fields {
                let value = entries.get(&field.name).or(field.default.as_ref());
                let Some(value) = value else {
                    return Err(format!(
                        "field `{}` has no value and no default",
                        field.name
                    ));
                };
                encode(value, &field.schema, definitions, out)
                    .map_err(|reason| format!("field `{}`: {reason}", field.name))?;
            }
        }
        Shape::Union(branches) => {
            let start = out.len();
            let mut first_error = None;
            for (index, branch) in branches.iter().enumerate() {
                write_long(index as i64, out);
                match encode(default, branch, definitions, out) {
                    Ok(()) => return Ok(()),
                    Err(reason) => {
                        out.truncate(start);
                        first_error.get_or_insert(reason);
                    }
                }
            }
            return Err(first_error.unwrap_or_else(|| "the union has no branches".to_owned()));
        }
        Shape::Unresolved(name) => return Err(format!("`{name}` is not defined")),
    }
    Ok(())
}

/// The bytes of a `bytes` or `fixed` default: a string of code points 0-255.
fn latin1(default: &Value) -> Result<Vec<u8>, String> {
    let Value::String(text) = default else {
        return Err(format!("expected a string of bytes, found {default}"));
    };
    text.chars()
        .map(|c| u8::try_from(c).map_err(|_| format!("{c:?} is not a byte (U+0000 to U+00FF)")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn encoded(schema: Value, default: Value) -> Result<Vec<u8>, String> {
        let schema = Schema::parse(&schema).unwrap();
        let mut out = Vec::new();
        encode(&default, &schema, &Definitions::of(&schema), &mut out)?;
        Ok(out)
    }

    #[test]
    fn defaults_encode_as_the_writer_would() {
        assert_eq!(encoded(json!("long"), json!(-2)).unwrap(), [3]);
        assert_eq!(
            encoded(json!("string"), json!("ab")).unwrap(),
            [4, b'a', b'b']
        );
        assert_eq!(
            encoded(json!("bytes"), json!("\u{00ff}")).unwrap(),
            [2, 0xff]
        );
        assert_eq!(encoded(json!(["null", "int"]), json!(null)).unwrap(), [0]);
        // Not the first branch: 1.12 allows it.
        assert_eq!(encoded(json!(["null", "int"]), json!(3)).unwrap(), [2, 6]);
        let record = json!({"type": "record", "name": "R", "fields": [
            {"name": "a", "type": {"type": "array", "items": "int"}},
            {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["X", "Y"]}, "default": "Y"},
            {"name": "f", "type": {"type": "fixed", "name": "F", "size": 2}}]});
        assert_eq!(
            encoded(record, json!({"a": [1], "f": "\u{0001}\u{0002}"})).unwrap(),
            [2, 2, 0, 2, 1, 2]
        );
    }

    #[test]
    fn defaults_that_do_not_fit_are_errors() {
        assert!(encoded(json!("int"), json!(1u64 << 40)).is_err());
        assert!(encoded(json!("bytes"), json!("\u{0100}")).is_err());
        assert!(encoded(json!({"type": "fixed", "name": "F", "size": 2}), json!("a")).is_err());
        assert!(
            encoded(
                json!({"type": "enum", "name": "E", "symbols": ["X"]}),
                json!("Z")
            )
            .is_err()
        );
        let record =
            json!({"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}]});
        assert_eq!(
            encoded(record, json!({})).unwrap_err(),
            "field `a` has no value and no default"
        );
    }
}
