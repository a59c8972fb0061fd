//! The `#[serde(...)]` keys that bear on the schema: the names, so Avro names match the JSON
//! names, and the keys that change the JSON's shape, which the derive honours or refuses.

use super::keys::skip_value;
use crate::internals::case::RenameRule;
use crate::internals::symbol::*;
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Attribute, LitStr, Token};

/// What `#[serde(...)]` says that bears on the schema. Read leniently: other keys and malformed
/// input are serde's to report, not ours.
#[derive(Default)]
pub struct Serde {
    pub rename: Option<LitStr>,
    pub rename_all: Option<RenameRule>,
    /// `rename_all_fields` on an enum: `rename_all` for every struct variant.
    pub rename_all_fields: Option<RenameRule>,
    /// `alias`, and a `rename(deserialize = "...")` that differs from the serialized name.
    pub aliases: Vec<String>,
    pub default: SerdeDefault,
    /// Where `skip`, or `skip_serializing` with `skip_deserializing`, was given.
    pub skip: Option<Span>,
    /// Where `skip_serializing` was given without `skip_deserializing`.
    pub skip_serializing_only: Option<Span>,
    /// `transparent` on a struct.
    pub transparent: Option<Span>,
    /// `flatten` on a field.
    pub flatten: Option<Span>,
    /// `into = "..."` on a type: serde writes another type's shape.
    pub into: Option<Span>,
    /// `other` on a unit variant: the variant unknown tags read as.
    pub other: Option<Span>,
}

#[derive(Default)]
pub enum SerdeDefault {
    #[default]
    None,
    /// `#[serde(default)]`
    Default,
    /// `#[serde(default = "path")]`
    Path(syn::ExprPath),
}

impl Serde {
    pub(super) fn from_attrs(attrs: &[Attribute]) -> Self {
        let mut serde = Serde::default();
        let (mut skip_ser, mut skip_de) = (None, None);
        let mut deserialize_name = None;
        for attr in attrs.iter().filter(|a| a.path() == SERDE) {
            let _ = attr.parse_nested_meta(|meta| {
                let span = meta.path.span();
                if meta.path == RENAME {
                    // rename = "x", or rename(serialize = "x", deserialize = "y")
                    let (ser, de) = serialize_and_deserialize(&meta)?;
                    serde.rename = ser.or(serde.rename.take());
                    deserialize_name = de.or(deserialize_name.take());
                } else if meta.path == RENAME_ALL {
                    let (ser, _) = serialize_and_deserialize(&meta)?;
                    if let Some(rule) = ser {
                        serde.rename_all = RenameRule::from_str(&rule.value());
                    }
                } else if meta.path == RENAME_ALL_FIELDS {
                    let (ser, _) = serialize_and_deserialize(&meta)?;
                    if let Some(rule) = ser {
                        serde.rename_all_fields = RenameRule::from_str(&rule.value());
                    }
                } else if meta.path == ALIAS {
                    serde.aliases.push(meta.value()?.parse::<LitStr>()?.value());
                } else if meta.path == DEFAULT {
                    serde.default = if meta.input.peek(Token![=]) {
                        let path = meta.value()?.parse::<LitStr>()?.parse()?;
                        SerdeDefault::Path(path)
                    } else {
                        SerdeDefault::Default
                    };
                } else if meta.path == SKIP {
                    serde.skip = Some(span);
                } else if meta.path == SKIP_SERIALIZING {
                    skip_ser = Some(span);
                } else if meta.path == SKIP_DESERIALIZING {
                    skip_de = Some(span);
                } else if meta.path == TRANSPARENT {
                    serde.transparent = Some(span);
                } else if meta.path == FLATTEN {
                    serde.flatten = Some(span);
                } else if meta.path == INTO {
                    serde.into = Some(span);
                    skip_value(meta.input);
                } else if meta.path == OTHER {
                    serde.other = Some(span);
                } else {
                    skip_value(meta.input);
                }
                Ok(())
            });
        }
        if serde.skip.is_none() {
            serde.skip = skip_ser.and(skip_de);
        }
        if serde.skip.is_none() {
            serde.skip_serializing_only = skip_ser;
        }
        // Serde reads the deserialize name, so an Avro reader should accept it too.
        if let Some(name) = deserialize_name {
            let written = serde.rename.as_ref().map(LitStr::value);
            if written.as_deref() != Some(&name.value()) {
                serde.aliases.push(name.value());
            }
        }
        serde
    }
}

/// `key = "x"`: `x` for both; `key(serialize = "x", deserialize = "y")`: each if given.
fn serialize_and_deserialize(
    meta: &ParseNestedMeta,
) -> syn::Result<(Option<LitStr>, Option<LitStr>)> {
    if meta.input.peek(Token![=]) {
        let value = meta.value()?.parse::<LitStr>()?;
        return Ok((Some(value.clone()), Some(value)));
    }
    let (mut ser, mut de) = (None, None);
    meta.parse_nested_meta(|inner| {
        if inner.path == SERIALIZE {
            ser = Some(inner.value()?.parse::<LitStr>()?);
        } else if inner.path == DESERIALIZE {
            de = Some(inner.value()?.parse::<LitStr>()?);
        } else {
            skip_value(inner.input);
        }
        Ok(())
    })?;
    Ok((ser, de))
}
