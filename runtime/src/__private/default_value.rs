//! A Rust value as an Avro field default (`#[serde(default)]`, `#[avro(default)]`).
//!
//! The value is encoded with its own codec and the bytes are read back against its schema into
//! the JSON form the specification gives defaults: unions by their first branch, bytes and fixed
//! as strings of code points U+0000 to U+00FF. One generic walker serves every type, so the derive
//! emits no per-type default code.

use crate::codec::{DecodeError, Reader};
use crate::{Avro, SchemaBuilder};
use serde_json::{Map, Value};

/// The Avro default JSON of `value`, whose schema `schema` was just written into `builder`.
///
/// # Panics
///
/// If the value has no Avro default form (a union default that is not the first branch, a NaN)
/// or cannot be encoded (a decimal wider than its precision), naming `field` and the reason. This
/// runs when the schema is first built.
pub fn default_json<T: Avro>(
    value: &T,
    schema: &Value,
    builder: &SchemaBuilder,
    field: &str,
) -> Value {
    let bytes = crate::encode(value).unwrap_or_else(|err| {
        panic!("the default of field `{field}` does not fit its schema: {err}")
    });
    let mut walker = Walker {
        builder,
        reader: Reader::new(&bytes),
    };
    walker.value(schema).unwrap_or_else(|reason| {
        panic!("the default of field `{field}` cannot be written as an Avro default: {reason}")
    })
}

struct Walker<'a, 'b> {
    builder: &'a SchemaBuilder,
    reader: Reader<'b>,
}

impl From<DecodeError> for String {
    fn from(err: DecodeError) -> String {
        err.to_string()
    }
}

impl Walker<'_, '_> {
    fn value(&mut self, schema: &Value) -> Result<Value, String> {
        match schema {
            Value::String(name) => self.primitive_or_named(name),
            Value::Array(branches) => {
                let index = self.reader.read_union_index(branches.len())?;
                if index != 0 {
                    return Err(format!(
                        "a union's default must be of its first branch ({}), and this value is \
                         of branch {index}",
                        branches[0]
                    ));
                }
                self.value(&branches[0])
            }
            Value::Object(object) => self.complex(object),
            other => Err(format!("unexpected schema {other}")),
        }
    }

    fn primitive_or_named(&mut self, name: &str) -> Result<Value, String> {
        let r = &mut self.reader;
        Ok(match name {
            "null" => Value::Null,
            "boolean" => r.read_bool()?.into(),
            "int" | "long" => r.read_long()?.into(),
            "float" => finite(f64::from(r.read_f32()?))?,
            "double" => finite(r.read_f64()?)?,
            "string" => r.read_str()?.into(),
            "bytes" => latin1(r.read_bytes()?),
            _ => {
                let definition = self.builder.definition(name).ok_or_else(|| {
                    format!("`{name}` is referenced before its definition is complete")
                })?;
                return self.value(&definition.clone());
            }
        })
    }

    fn complex(&mut self, object: &Map<String, Value>) -> Result<Value, String> {
        let kind = object.get("type").ok_or("schema object without type")?;
        match kind.as_str() {
            Some("record") => {
                let mut record = Map::new();
                for field in object["fields"].as_array().into_iter().flatten() {
                    let name = field["name"].as_str().unwrap_or_default().to_owned();
                    record.insert(name, self.value(&field["type"])?);
                }
                Ok(Value::Object(record))
            }
            Some("enum") => {
                let symbols = object["symbols"].as_array().ok_or("enum without symbols")?;
                let index = self.reader.read_enum_index(symbols.len(), "enum")?;
                Ok(symbols[index].clone())
            }
            Some("fixed") => {
                let size = object["size"].as_u64().ok_or("fixed without size")? as usize;
                Ok(latin1(self.reader.read_slice(size)?))
            }
            Some("array") => {
                let mut items = Vec::new();
                // Items may take no bytes (empty records): our own encoding, read as written.
                loop {
                    let block = self.reader.read_block(0)?;
                    if block.count == 0 {
                        break;
                    }
                    for _ in 0..block.count {
                        items.push(self.value(&object["items"])?);
                    }
                    self.reader.end_block(block)?;
                }
                Ok(Value::Array(items))
            }
            Some("map") => {
                let mut map = Map::new();
                loop {
                    let block = self.reader.read_block(1)?;
                    if block.count == 0 {
                        break;
                    }
                    for _ in 0..block.count {
                        let key = self.reader.read_str()?.to_owned();
                        map.insert(key, self.value(&object["values"])?);
                    }
                    self.reader.end_block(block)?;
                }
                Ok(Value::Object(map))
            }
            // A primitive carrying a logical type: its default is the primitive's.
            _ => self.value(kind),
        }
    }
}

fn finite(value: f64) -> Result<Value, String> {
    serde_json::Number::from_f64(value)
        .map(Value::Number)
        .ok_or_else(|| format!("{value} has no JSON form"))
}

/// Bytes as the specification writes them in JSON: one code point U+0000..U+00FF per byte.
fn latin1(bytes: &[u8]) -> Value {
    Value::String(bytes.iter().map(|&b| char::from(b)).collect())
}
