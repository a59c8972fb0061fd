use std::fmt;
use syn::{Ident, Path};

/// One attribute keyword.
#[derive(Copy, Clone)]
pub struct Symbol(pub &'static str);

pub const AVRO: Symbol = Symbol("avro");
pub const EVENT: Symbol = Symbol("event");
pub const SERDE: Symbol = Symbol("serde");
pub const DOC: Symbol = Symbol("doc");

// #[event(...)]
pub const TYPE: Symbol = Symbol("type");
pub const VERSION: Symbol = Symbol("version");
pub const SOURCE: Symbol = Symbol("source");
pub const UPCAST_FROM: Symbol = Symbol("upcast_from");

// #[avro(...)]
pub const NAMESPACE: Symbol = Symbol("namespace");
pub const NAME: Symbol = Symbol("name");
pub const ALIASES: Symbol = Symbol("aliases");
pub const DEFAULT: Symbol = Symbol("default");
pub const CRATE: Symbol = Symbol("crate");
pub const RENAME: Symbol = Symbol("rename");
pub const SKIP: Symbol = Symbol("skip");
pub const TIMESTAMP: Symbol = Symbol("timestamp");
pub const PRECISION: Symbol = Symbol("precision");
pub const SCALE: Symbol = Symbol("scale");

// #[serde(...)], read leniently
pub const RENAME_ALL: Symbol = Symbol("rename_all");
pub const ALIAS: Symbol = Symbol("alias");
pub const RENAME_ALL_FIELDS: Symbol = Symbol("rename_all_fields");
pub const SERIALIZE: Symbol = Symbol("serialize");
pub const DESERIALIZE: Symbol = Symbol("deserialize");
pub const TRANSPARENT: Symbol = Symbol("transparent");
pub const FLATTEN: Symbol = Symbol("flatten");
pub const INTO: Symbol = Symbol("into");
pub const OTHER: Symbol = Symbol("other");
pub const SKIP_SERIALIZING: Symbol = Symbol("skip_serializing");
pub const SKIP_DESERIALIZING: Symbol = Symbol("skip_deserializing");

impl PartialEq<Symbol> for Ident {
    fn eq(&self, word: &Symbol) -> bool {
        self == word.0
    }
}

impl PartialEq<Symbol> for &Ident {
    fn eq(&self, word: &Symbol) -> bool {
        *self == word.0
    }
}

impl PartialEq<Symbol> for Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl PartialEq<Symbol> for &Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}
