//! The Parsing Canonical Form of a schema and its CRC-64-AVRO fingerprint, as the [Avro
//! specification][spec] defines them and Java's `SchemaNormalization` computes them.
//!
//! Two schemas with the same canonical form read and write the same bytes, so its fingerprint
//! identifies a writer's schema on the wire (the [single-object encoding](crate::wire::single_object)
//! carries it in every message).
//!
//! ```
//! use serde_json::json;
//! let schema = json!({
//!     "type": "record", "name": "Paid", "namespace": "com.acme", "doc": "Stripped.",
//!     "fields": [{ "name": "at", "type": { "type": "long", "logicalType": "timestamp-micros" } }]
//! });
//! let form = tidings::canonical::parsing_canonical_form(&schema)?;
//! assert_eq!(form, r#"{"name":"com.acme.Paid","type":"record","fields":[{"name":"at","type":"long"}]}"#);
//! let fingerprint = tidings::canonical::Fingerprint::of_canonical_form(&form);
//! assert_eq!(fingerprint.to_string(), "aa15b9e0dde2900b"); // most significant digit first
//! assert_eq!(fingerprint.to_le_bytes()[0], 0x0b); // as the single-object header carries it
//! # Ok::<(), tidings::canonical::CanonicalError>(())
//! ```
//!
//! Written from the specification rather than taken from `apache-avro`, whose `canonical_form()`
//! keeps `precision`, `scale` and `logicalType` and writes `{"type":"long"}` for an annotated
//! primitive: its fingerprints differ from Java's on every schema with a logical type. Here, as in
//! the specification and in Java, logical types are stripped with every attribute that does not
//! change how data is parsed.
//!
//! Where the specification leaves room, this module does what Java does, since Java's
//! fingerprints are the ones other producers put on the wire:
//!
//! - a short name that is not defined in the enclosing namespace may name a type of the null
//!   namespace (the specification resolves it in the enclosing namespace only; fastavro rejects
//!   such a schema);
//! - an `error` is written as a `record`;
//! - a fixed's `size` must be a JSON integer: the INTEGERS rule speaks of quotes around integers,
//!   but Java rejects a quoted size, and leading zeros are not JSON.
//!
//! [spec]: https://avro.apache.org/docs/1.12.0/specification/#parsing-canonical-form-for-schemas

use crate::Avro;
use serde_json::{Map, Value};
use std::any::TypeId;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::{OnceLock, RwLock};

/// A CRC-64-AVRO (Rabin) fingerprint of a schema's Parsing Canonical Form.
///
/// `Display` shows the 16 lowercase hex digits of [`value`](Fingerprint::value), most
/// significant first; [`as_java_long`](Fingerprint::as_java_long) is the `long` that Java's
/// `SchemaNormalization.parsingFingerprint64` returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint(pub u64);

impl Fingerprint {
    /// The fingerprint of an already canonical schema text.
    pub fn of_canonical_form(form: &str) -> Self {
        Fingerprint(crc64_avro(form.as_bytes()))
    }

    /// The fingerprint of `schema`'s Parsing Canonical Form.
    pub fn of_schema(schema: &Value) -> Result<Self, CanonicalError> {
        Ok(Self::of_canonical_form(&parsing_canonical_form(schema)?))
    }

    /// The fingerprint as an unsigned number.
    pub fn value(self) -> u64 {
        self.0
    }

    /// The same 64 bits as Java's signed `long`.
    pub fn as_java_long(self) -> i64 {
        self.0 as i64
    }

    /// The 8 bytes the single-object encoding writes: little-endian.
    pub fn to_le_bytes(self) -> [u8; 8] {
        self.0.to_le_bytes()
    }

    /// Reads the 8 little-endian bytes of the single-object encoding.
    pub fn from_le_bytes(bytes: [u8; 8]) -> Self {
        Fingerprint(u64::from_le_bytes(bytes))
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// The specification's `EMPTY`: the fingerprint of no bytes, and the polynomial.
const EMPTY: u64 = 0xc15d_213a_a4d7_a795;

/// The specification's `FP_TABLE`, computed at compile time.
const TABLE: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut i = 0;
    while i < 256 {
        let mut fp = i as u64;
        let mut bit = 0;
        while bit < 8 {
            fp = (fp >> 1) ^ (EMPTY & (fp & 1).wrapping_neg());
            bit += 1;
        }
        table[i] = fp;
        i += 1;
    }
    table
};

/// The 64-bit Rabin fingerprint of `bytes` (the specification's `fingerprint64`).
pub fn crc64_avro(bytes: &[u8]) -> u64 {
    bytes.iter().fold(EMPTY, |fp, &byte| {
        (fp >> 8) ^ TABLE[((fp ^ u64::from(byte)) & 0xff) as usize]
    })
}

/// The fingerprint of `T`'s schema, computed on first use and kept for the life of the process.
///
/// # Panics
///
/// As [`Avro::schema`] does, if the schema generated for `T` is not valid Avro.
pub fn fingerprint_of<T: Avro>() -> Fingerprint {
    static CACHE: OnceLock<RwLock<HashMap<TypeId, Fingerprint>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let id = TypeId::of::<T>();
    if let Some(&fingerprint) = cache.read().unwrap_or_else(|e| e.into_inner()).get(&id) {
        return fingerprint;
    }
    // Parsing first gives an invalid generated schema the same panic everywhere.
    T::schema();
    let json = crate::schema_json::<T>();
    let fingerprint = Fingerprint::of_schema(&json).unwrap_or_else(|err| {
        panic!(
            "the Avro schema generated for `{}` has no canonical form: {err}",
            std::any::type_name::<T>()
        )
    });
    *cache
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .entry(id)
        .or_insert(fingerprint)
}

/// Why a schema has no canonical form: it is not a valid Avro schema. `at` is a JSON pointer to
/// the offending value (`""` is the whole schema).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CanonicalError {
    /// A value that is neither a type name, a union nor a schema object.
    #[error("at `{at}`: expected a schema (a type name, a union or an object), found {found}")]
    NotASchema {
        /// Where.
        at: String,
        /// The JSON kind found.
        found: &'static str,
    },
    /// A schema object without an attribute its type needs.
    #[error("at `{at}`: missing `{attribute}`")]
    MissingAttribute {
        /// The object.
        at: String,
        /// The attribute.
        attribute: &'static str,
    },
    /// An attribute of the wrong JSON kind or value.
    #[error("at `{at}`: `{attribute}` must be {expected}")]
    InvalidAttribute {
        /// The attribute's value.
        at: String,
        /// The attribute.
        attribute: &'static str,
        /// What it must be.
        expected: &'static str,
    },
    /// A name that is neither a primitive type nor a named type defined before it.
    #[error("at `{at}`: unknown type `{name}` (named types must be defined before they are used)")]
    UnknownType {
        /// Where.
        at: String,
        /// The name, resolved to a full name.
        name: String,
    },
    /// A name, namespace, field name or enum symbol that is not `[A-Za-z_][A-Za-z0-9_]*`.
    #[error("at `{at}`: `{name}` is not a valid Avro name")]
    InvalidName {
        /// Where.
        at: String,
        /// The name.
        name: String,
    },
    /// A named type defined twice.
    #[error("at `{at}`: `{name}` is defined twice")]
    Redefined {
        /// The second definition.
        at: String,
        /// Its full name.
        name: String,
    },
    /// Two fields of a record, or two symbols of an enum, with one name.
    #[error("at `{at}`: duplicate {what} `{name}`")]
    Duplicate {
        /// The second one.
        at: String,
        /// `field` or `symbol`.
        what: &'static str,
        /// The name.
        name: String,
    },
    /// A union directly inside a union, or two branches of one type.
    #[error("at `{at}`: {reason}")]
    InvalidUnion {
        /// The branch.
        at: String,
        /// Why it is not allowed.
        reason: String,
    },
    /// Schemas nested deeper than [`MAX_DEPTH`](crate::codec::MAX_DEPTH).
    #[error("at `{at}`: schemas nest deeper than {limit} levels")]
    TooDeep {
        /// Where the limit was passed.
        at: String,
        /// The limit.
        limit: usize,
    },
}

/// The Parsing Canonical Form of `schema`, with named types defined once and referred to by
/// full name afterwards.
///
/// Applies the specification's rules: PRIMITIVES (`{"type":"int"}` becomes `"int"`), FULLNAMES
/// (names made full, `namespace` dropped), STRIP (only `type`, `name`, `fields`, `symbols`,
/// `items`, `values` and `size` kept: `doc`, `aliases`, `default`, `order`, `logicalType`,
/// `precision`, `scale` and any other attribute go), ORDER (`name`, `type`, `fields`,
/// `symbols`, `items`, `values`, `size`), STRINGS, INTEGERS and WHITESPACE.
pub fn parsing_canonical_form(schema: &Value) -> Result<String, CanonicalError> {
    let mut writer = Writer::default();
    writer.schema(schema, "", &mut Pointer::root(), 0)?;
    Ok(writer.out)
}

const PRIMITIVES: [&str; 8] = [
    "null", "boolean", "int", "long", "float", "double", "bytes", "string",
];

/// A JSON pointer to the value being written, for errors; grown and shrunk as the walk goes.
struct Pointer(String);

impl Pointer {
    fn root() -> Self {
        Pointer(String::new())
    }

    /// Runs `f` with `/segment` appended, then takes it off again.
    fn with<R>(&mut self, segment: impl fmt::Display, f: impl FnOnce(&mut Self) -> R) -> R {
        let len = self.0.len();
        self.0.push('/');
        // JSON pointer escaping: `~` as `~0`, `/` as `~1`.
        let segment = segment.to_string().replace('~', "~0").replace('/', "~1");
        self.0.push_str(&segment);
        let result = f(self);
        self.0.truncate(len);
        result
    }

    fn at(&self) -> String {
        self.0.clone()
    }
}

#[derive(Default)]
struct Writer {
    out: String,
    /// The full names defined so far: later mentions are references.
    defined: HashSet<String>,
}

impl Writer {
    /// Writes `schema`, met where `namespace` is the enclosing one.
    fn schema(
        &mut self,
        schema: &Value,
        namespace: &str,
        at: &mut Pointer,
        depth: usize,
    ) -> Result<(), CanonicalError> {
        if depth > crate::codec::MAX_DEPTH {
            return Err(CanonicalError::TooDeep {
                at: at.at(),
                limit: crate::codec::MAX_DEPTH,
            });
        }
        match schema {
            Value::String(name) => self.reference(name, namespace, at),
            Value::Array(branches) => self.union(branches, namespace, at, depth),
            Value::Object(object) => self.object(object, namespace, at, depth),
            other => Err(CanonicalError::NotASchema {
                at: at.at(),
                found: json_kind(other),
            }),
        }
    }

    /// A primitive type name, or a reference to a named type defined before.
    fn reference(
        &mut self,
        name: &str,
        namespace: &str,
        at: &Pointer,
    ) -> Result<(), CanonicalError> {
        if PRIMITIVES.contains(&name) {
            self.string(name);
            return Ok(());
        }
        let full = resolve(name, namespace);
        // Like Java (and fastavro), a short name not defined in the enclosing namespace may name
        // a type of the null namespace.
        let found = [full.as_str(), name]
            .into_iter()
            .find(|candidate| self.defined.contains(*candidate))
            .map(str::to_owned);
        match found {
            Some(full) => {
                self.string(&full);
                Ok(())
            }
            None => Err(CanonicalError::UnknownType {
                at: at.at(),
                name: full,
            }),
        }
    }

    fn union(
        &mut self,
        branches: &[Value],
        namespace: &str,
        at: &mut Pointer,
        depth: usize,
    ) -> Result<(), CanonicalError> {
        self.out.push('[');
        let mut seen = HashSet::new();
        for (index, branch) in branches.iter().enumerate() {
            if index > 0 {
                self.out.push(',');
            }
            at.with(index, |at| {
                if branch.is_array() {
                    return Err(CanonicalError::InvalidUnion {
                        at: at.at(),
                        reason: "a union may not hold a union directly".into(),
                    });
                }
                let start = self.out.len();
                self.schema(branch, namespace, at, depth + 1)?;
                let key = branch_key(&self.out[start..]).to_owned();
                if !seen.insert(key.clone()) {
                    return Err(CanonicalError::InvalidUnion {
                        at: at.at(),
                        reason: format!("the union holds `{key}` twice"),
                    });
                }
                Ok(())
            })?;
        }
        self.out.push(']');
        Ok(())
    }

    fn object(
        &mut self,
        object: &Map<String, Value>,
        namespace: &str,
        at: &mut Pointer,
        depth: usize,
    ) -> Result<(), CanonicalError> {
        let kind = match object.get("type") {
            Some(Value::String(kind)) => kind.as_str(),
            Some(_) => return Err(invalid(at, "type", "a type name")),
            None => return Err(missing(at, "type")),
        };
        match kind {
            "record" | "error" => self.record(object, namespace, at, depth),
            "enum" => self.enumeration(object, namespace, at),
            "fixed" => self.fixed(object, namespace, at),
            "array" => self.collection("array", "items", object, namespace, at, depth),
            "map" => self.collection("map", "values", object, namespace, at, depth),
            // A primitive with attributes (`logicalType` among them), or a reference.
            _ => at.with("type", |at| self.reference(kind, namespace, at)),
        }
    }

    fn collection(
        &mut self,
        kind: &str,
        attribute: &'static str,
        object: &Map<String, Value>,
        namespace: &str,
        at: &mut Pointer,
        depth: usize,
    ) -> Result<(), CanonicalError> {
        let inner = object
            .get(attribute)
            .ok_or_else(|| missing(at, attribute))?;
        self.out.push_str("{\"type\":");
        self.string(kind);
        self.out.push_str(",\"");
        self.out.push_str(attribute);
        self.out.push_str("\":");
        at.with(attribute, |at| self.schema(inner, namespace, at, depth + 1))?;
        self.out.push('}');
        Ok(())
    }

    /// Writes `{"name":"full.name","type":"kind"` and returns the type's full name; fails if it
    /// is defined already.
    fn define(
        &mut self,
        kind: &str,
        object: &Map<String, Value>,
        namespace: &str,
        at: &mut Pointer,
    ) -> Result<String, CanonicalError> {
        let name = match object.get("name") {
            Some(Value::String(name)) => name,
            Some(_) => return Err(invalid(at, "name", "a string")),
            None => return Err(missing(at, "name")),
        };
        let namespace = match object.get("namespace") {
            _ if name.contains('.') => namespace,
            Some(Value::String(namespace)) => namespace.as_str(),
            Some(Value::Null) | None => namespace,
            Some(_) => return Err(invalid(at, "namespace", "a string")),
        };
        let full = resolve(name, namespace);
        if full.split('.').any(|part| !is_valid_name(part)) {
            return Err(at.with("name", |at| CanonicalError::InvalidName {
                at: at.at(),
                name: full.clone(),
            }));
        }
        if !self.defined.insert(full.clone()) {
            return Err(CanonicalError::Redefined {
                at: at.at(),
                name: full,
            });
        }
        self.out.push_str("{\"name\":");
        self.string(&full);
        self.out.push_str(",\"type\":");
        self.string(kind);
        Ok(full)
    }

    fn record(
        &mut self,
        object: &Map<String, Value>,
        namespace: &str,
        at: &mut Pointer,
        depth: usize,
    ) -> Result<(), CanonicalError> {
        // Java writes an `error` as a `record`: the two parse the same data.
        let full = self.define("record", object, namespace, at)?;
        let inner_namespace = full.rsplit_once('.').map_or("", |(space, _)| space);
        let fields = match object.get("fields") {
            Some(Value::Array(fields)) => fields,
            Some(_) => return Err(invalid(at, "fields", "an array")),
            None => return Err(missing(at, "fields")),
        };
        self.out.push_str(",\"fields\":[");
        let mut names = HashSet::new();
        at.with("fields", |at| {
            for (index, field) in fields.iter().enumerate() {
                if index > 0 {
                    self.out.push(',');
                }
                at.with(index, |at| {
                    let Value::Object(field) = field else {
                        return Err(CanonicalError::NotASchema {
                            at: at.at(),
                            found: json_kind(field),
                        });
                    };
                    let name = valid_name(field, "name", at)?;
                    if !names.insert(name) {
                        return Err(CanonicalError::Duplicate {
                            at: at.at(),
                            what: "field",
                            name: name.to_owned(),
                        });
                    }
                    let schema = field.get("type").ok_or_else(|| missing(at, "type"))?;
                    self.out.push_str("{\"name\":");
                    self.string(name);
                    self.out.push_str(",\"type\":");
                    at.with("type", |at| {
                        self.schema(schema, inner_namespace, at, depth + 1)
                    })?;
                    self.out.push('}');
                    Ok(())
                })?;
            }
            Ok(())
        })?;
        self.out.push_str("]}");
        Ok(())
    }

    fn enumeration(
        &mut self,
        object: &Map<String, Value>,
        namespace: &str,
        at: &mut Pointer,
    ) -> Result<(), CanonicalError> {
        self.define("enum", object, namespace, at)?;
        let symbols = match object.get("symbols") {
            Some(Value::Array(symbols)) => symbols,
            Some(_) => return Err(invalid(at, "symbols", "an array of names")),
            None => return Err(missing(at, "symbols")),
        };
        self.out.push_str(",\"symbols\":[");
        let mut seen = HashSet::new();
        at.with("symbols", |at| {
            for (index, symbol) in symbols.iter().enumerate() {
                if index > 0 {
                    self.out.push(',');
                }
                let symbol = at.with(index, |at| match symbol {
                    Value::String(symbol) if is_valid_name(symbol) => Ok(symbol),
                    Value::String(symbol) => Err(CanonicalError::InvalidName {
                        at: at.at(),
                        name: symbol.clone(),
                    }),
                    _ => Err(CanonicalError::InvalidAttribute {
                        at: at.at(),
                        attribute: "symbols",
                        expected: "an array of names",
                    }),
                })?;
                if !seen.insert(symbol) {
                    return Err(at.with(index, |at| CanonicalError::Duplicate {
                        at: at.at(),
                        what: "symbol",
                        name: symbol.clone(),
                    }));
                }
                self.string(symbol);
            }
            Ok(())
        })?;
        self.out.push_str("]}");
        Ok(())
    }

    fn fixed(
        &mut self,
        object: &Map<String, Value>,
        namespace: &str,
        at: &mut Pointer,
    ) -> Result<(), CanonicalError> {
        self.define("fixed", object, namespace, at)?;
        // Java takes only a JSON integer that fits an `int`; a quoted size is an error there.
        let size = match object.get("size") {
            Some(Value::Number(size)) => size
                .as_u64()
                .filter(|&size| size <= i32::MAX as u64)
                .ok_or_else(|| invalid(at, "size", "a non-negative 32-bit integer"))?,
            Some(_) => return Err(invalid(at, "size", "a non-negative 32-bit integer")),
            None => return Err(missing(at, "size")),
        };
        self.out.push_str(",\"size\":");
        self.out.push_str(&size.to_string());
        self.out.push('}');
        Ok(())
    }

    /// A JSON string literal: escapes only what JSON requires, so every other character is
    /// written as itself in UTF-8 (the STRINGS rule).
    fn string(&mut self, text: &str) {
        self.out
            .push_str(&serde_json::to_string(text).expect("strings always serialize"));
    }
}

/// `name` made full: as it is if it holds a dot, else in `namespace`.
fn resolve(name: &str, namespace: &str) -> String {
    if name.contains('.') || namespace.is_empty() {
        name.to_owned()
    } else {
        format!("{namespace}.{name}")
    }
}

/// What makes two union branches the same: the full name of a named type, else the type, read
/// from the branch's canonical text (names are validated, so they hold no escapes).
fn branch_key(written: &str) -> &str {
    let quoted = written
        .strip_prefix("{\"name\":")
        .or_else(|| written.strip_prefix("{\"type\":"))
        .unwrap_or(written);
    let inner = quoted.get(1..).unwrap_or_default();
    inner.split('"').next().unwrap_or_default()
}

/// The specification's names: `[A-Za-z_][A-Za-z0-9_]*`.
fn is_valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn valid_name<'a>(
    object: &'a Map<String, Value>,
    attribute: &'static str,
    at: &mut Pointer,
) -> Result<&'a str, CanonicalError> {
    match object.get(attribute) {
        Some(Value::String(name)) if is_valid_name(name) => Ok(name),
        Some(Value::String(name)) => Err(at.with(attribute, |at| CanonicalError::InvalidName {
            at: at.at(),
            name: name.clone(),
        })),
        Some(_) => Err(invalid(at, attribute, "a string")),
        None => Err(missing(at, attribute)),
    }
}

fn missing(at: &Pointer, attribute: &'static str) -> CanonicalError {
    CanonicalError::MissingAttribute {
        at: at.at(),
        attribute,
    }
}

fn invalid(at: &mut Pointer, attribute: &'static str, expected: &'static str) -> CanonicalError {
    at.with(attribute, |at| CanonicalError::InvalidAttribute {
        at: at.at(),
        attribute,
        expected,
    })
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn form(schema: Value) -> String {
        parsing_canonical_form(&schema).unwrap()
    }

    #[test]
    fn logical_types_and_their_attributes_are_stripped() {
        assert_eq!(
            form(json!({ "type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2 })),
            r#""bytes""#
        );
        assert_eq!(
            form(
                json!({ "type": "fixed", "name": "Money", "size": 8, "logicalType": "decimal",
                         "precision": 18 })
            ),
            r#"{"name":"Money","type":"fixed","size":8}"#
        );
    }

    #[test]
    fn nested_types_inherit_the_enclosing_namespace_and_are_defined_once() {
        let schema = json!({
            "type": "record", "name": "Outer", "namespace": "a.b",
            "fields": [
                { "name": "x", "type": { "type": "enum", "name": "E", "symbols": ["A"] } },
                { "name": "y", "type": "E" },
                { "name": "z", "type": { "type": "record", "name": "c.In", "fields": [
                    { "name": "w", "type": { "type": "fixed", "name": "F", "size": 1 } } ] } },
                { "name": "v", "type": ["null", "c.F", "Outer"] },
                { "name": "u", "type": { "type": "record", "name": "N", "namespace": "",
                    "fields": [] } },
                { "name": "t", "type": "N" }
            ]
        });
        assert_eq!(
            form(schema),
            concat!(
                r#"{"name":"a.b.Outer","type":"record","fields":["#,
                r#"{"name":"x","type":{"name":"a.b.E","type":"enum","symbols":["A"]}},"#,
                r#"{"name":"y","type":"a.b.E"},"#,
                r#"{"name":"z","type":{"name":"c.In","type":"record","fields":["#,
                r#"{"name":"w","type":{"name":"c.F","type":"fixed","size":1}}]}},"#,
                r#"{"name":"v","type":["null","c.F","a.b.Outer"]},"#,
                r#"{"name":"u","type":{"name":"N","type":"record","fields":[]}},"#,
                r#"{"name":"t","type":"N"}]}"#
            )
        );
    }

    #[test]
    fn strings_are_written_unescaped() {
        // An escaped name is not a valid name, but a reference's text goes through `string`.
        let mut writer = Writer::default();
        writer.string("é\u{1F600}");
        assert_eq!(writer.out, "\"é\u{1F600}\"");
    }

    #[test]
    fn invalid_schemas_are_typed_errors_that_say_where() {
        let err = |schema: Value| parsing_canonical_form(&schema).unwrap_err();
        assert_eq!(
            err(
                json!({ "type": "record", "name": "R", "fields": [{ "name": "a", "type": "Nope" }] })
            ),
            CanonicalError::UnknownType {
                at: "/fields/0/type".into(),
                name: "Nope".into()
            }
        );
        assert_eq!(
            err(json!(["int", ["null"]])),
            CanonicalError::InvalidUnion {
                at: "/1".into(),
                reason: "a union may not hold a union directly".into()
            }
        );
        assert_eq!(
            err(json!(["int", { "type": "int" }])),
            CanonicalError::InvalidUnion {
                at: "/1".into(),
                reason: "the union holds `int` twice".into()
            }
        );
        assert_eq!(
            err(json!({ "type": "fixed", "name": "F", "size": "15" })),
            CanonicalError::InvalidAttribute {
                at: "/size".into(),
                attribute: "size",
                expected: "a non-negative 32-bit integer"
            }
        );
        assert_eq!(
            err(json!({ "type": "enum", "name": "E", "symbols": ["A", "A"] })),
            CanonicalError::Duplicate {
                at: "/symbols/1".into(),
                what: "symbol",
                name: "A".into()
            }
        );
        assert_eq!(
            err(json!({ "type": "record", "name": "1R", "fields": [] })),
            CanonicalError::InvalidName {
                at: "/name".into(),
                name: "1R".into()
            }
        );
        assert_eq!(
            err(json!({ "type": "record", "name": "R", "fields": [
                { "name": "r", "type": { "type": "record", "name": "R", "fields": [] } } ] })),
            CanonicalError::Redefined {
                at: "/fields/0/type".into(),
                name: "R".into()
            }
        );
        assert_eq!(
            err(json!({ "type": "array" })),
            CanonicalError::MissingAttribute {
                at: "".into(),
                attribute: "items"
            }
        );
        assert_eq!(
            err(json!(42)),
            CanonicalError::NotASchema {
                at: "".into(),
                found: "a number"
            }
        );
        assert_eq!(
            err(json!({ "type": { "type": "int" } })),
            CanonicalError::InvalidAttribute {
                at: "/type".into(),
                attribute: "type",
                expected: "a type name"
            }
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let mut schema = json!("int");
        for _ in 0..1000 {
            schema = json!({ "type": "array", "items": schema });
        }
        assert!(matches!(
            parsing_canonical_form(&schema),
            Err(CanonicalError::TooDeep { limit: 128, .. })
        ));
    }

    #[test]
    fn fingerprints_show_as_sixteen_hex_digits() {
        let fingerprint = Fingerprint::of_canonical_form("\"int\"");
        assert_eq!(fingerprint.as_java_long(), 8247732601305521295);
        assert_eq!(fingerprint.to_string(), "7275d51a3f395c8f");
        assert_eq!(
            Fingerprint::from_le_bytes(fingerprint.to_le_bytes()),
            fingerprint
        );
    }
}
