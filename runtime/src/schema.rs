//! Building a type's schema JSON, caching its parsed [`Schema`], and printing `.avsc` text.

use crate::Avro;
use apache_avro::Schema;
use serde_json::Value;
use std::any::TypeId;
use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

/// Collects a schema's JSON while making sure every named type is defined exactly once.
///
/// The first [`named`](SchemaBuilder::named) call for a full name returns the whole definition;
/// every later call, including recursive ones from inside that definition, returns the full name
/// as a reference. Walking fields in declaration order therefore gives one deterministic,
/// self-contained schema.
#[derive(Debug, Default)]
pub struct SchemaBuilder {
    definitions: HashMap<String, Option<Value>>,
}

impl SchemaBuilder {
    /// An empty builder, for one top-level schema.
    pub fn new() -> Self {
        Self::default()
    }

    /// The definition of the named type `full_name` the first time, its name afterwards.
    ///
    /// Generic only in the closure; the map work sits in `begin` and `finish`, so each derived
    /// type instantiates a few instructions rather than its own copy of the hash map code.
    #[inline]
    pub fn named(&mut self, full_name: &str, define: impl FnOnce(&mut Self) -> Value) -> Value {
        match self.begin(full_name) {
            Some(reference) => reference,
            None => {
                let definition = define(self);
                self.finish(full_name, definition)
            }
        }
    }

    /// The name as a reference if `full_name` is already defined (or being defined: recursion);
    /// otherwise marks it as being defined and returns `None`.
    fn begin(&mut self, full_name: &str) -> Option<Value> {
        if self.definitions.contains_key(full_name) {
            return Some(Value::String(full_name.to_owned()));
        }
        self.definitions.insert(full_name.to_owned(), None);
        None
    }

    /// Records the finished definition of `full_name` and hands it back.
    fn finish(&mut self, full_name: &str, definition: Value) -> Value {
        self.definitions
            .insert(full_name.to_owned(), Some(definition.clone()));
        definition
    }

    /// Forgets that `full_name` was defined, so its next use defines it in full: for a record
    /// whose fields were inlined into another (`#[serde(flatten)]`), which is itself never written.
    pub(crate) fn forget(&mut self, full_name: &str) {
        self.definitions.remove(full_name);
    }

    /// The finished definition of a named type met so far, for resolving name references.
    pub fn definition(&self, full_name: &str) -> Option<&Value> {
        self.definitions.get(full_name).and_then(Option::as_ref)
    }
}

/// The whole schema of `T` as JSON, named types inlined where first used.
pub fn schema_json<T: Avro>() -> Value {
    T::write_schema(&mut SchemaBuilder::new())
}

/// The `.avsc` text of `T`: the schema as pretty JSON with fields in declaration order and a
/// trailing newline, stable across runs so that a committed file shows a real change as a diff.
pub fn avsc<T: Avro>() -> String {
    to_avsc(&schema_json::<T>())
}

/// Pretty-prints a schema as `.avsc` text.
pub(crate) fn to_avsc(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).expect("JSON values always serialize");
    text.push('\n');
    text
}

type Cache = RwLock<HashMap<TypeId, &'static Schema>>;

/// The parsed schema of `T`, built on first use and kept for the life of the process.
pub(crate) fn cached<T: Avro>() -> &'static Schema {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let id = TypeId::of::<T>();
    if let Some(schema) = cache.read().unwrap_or_else(|e| e.into_inner()).get(&id) {
        return schema;
    }
    let json = schema_json::<T>();
    let schema = Schema::parse(&json).unwrap_or_else(|err| {
        panic!(
            "the Avro schema generated for `{}` is invalid: {err}\n{}",
            std::any::type_name::<T>(),
            to_avsc(&json)
        )
    });
    // Leaked once per type: schemas live as long as the program, like the types they describe.
    let schema: &'static Schema = Box::leak(Box::new(schema));
    cache
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .entry(id)
        .or_insert(schema)
}
