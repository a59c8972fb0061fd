//! The `#[serde(...)]` keys that change the schema, so Avro names match the JSON names.

use super::keys::skip_value;
use crate::internals::case::RenameRule;
use crate::internals::symbol::*;
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Attribute, LitStr, Token};

/// What `#[serde(...)]` says that bears on the schema. Read leniently: other keys and malformed
/// input are serde's to report, not ours.
#[derive(Default)]
pub struct Serde {
    pub rename: Option<LitStr>,
    pub rename_all: Option<RenameRule>,
    pub aliases: Vec<String>,
    pub default: SerdeDefault,
    /// Where `skip`, or `skip_serializing` with `skip_deserializing`, was given.
    pub skip: Option<Span>,
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
        for attr in attrs.iter().filter(|a| a.path() == SERDE) {
            let _ = attr.parse_nested_meta(|meta| {
                if meta.path == RENAME {
                    if meta.input.peek(Token![=]) {
                        serde.rename = Some(meta.value()?.parse::<LitStr>()?);
                    } else {
                        meta.parse_nested_meta(|inner| {
                            if inner.path == SERIALIZE {
                                serde.rename = Some(inner.value()?.parse::<LitStr>()?);
                            } else {
                                skip_value(inner.input);
                            }
                            Ok(())
                        })?;
                    }
                } else if meta.path == RENAME_ALL && meta.input.peek(Token![=]) {
                    let rule = meta.value()?.parse::<LitStr>()?.value();
                    serde.rename_all = RenameRule::from_str(&rule);
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
                    serde.skip = Some(meta.path.span());
                } else if meta.path == SKIP_SERIALIZING {
                    skip_ser = Some(meta.path.span());
                } else if meta.path == SKIP_DESERIALIZING {
                    skip_de = Some(meta.path.span());
                } else {
                    skip_value(meta.input);
                }
                Ok(())
            });
        }
        if serde.skip.is_none() {
            serde.skip = skip_ser.and(skip_de);
        }
        serde
    }
}
