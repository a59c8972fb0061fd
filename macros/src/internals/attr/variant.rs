//! `#[avro(...)]` on an enum variant.

use super::doc::doc_comment;
use super::keys::{Position, malformed, unknown_key};
use super::serde::Serde;
use super::value::{parse_aliases, parse_str};
use super::{Attr, misplaced_event_attr};
use crate::internals::ctxt::Ctxt;
use crate::internals::symbol::*;
use proc_macro2::Span;
use syn::LitStr;

/// `#[avro(...)]` on an enum variant.
pub struct Variant {
    pub rename: Option<LitStr>,
    pub doc: Option<String>,
    pub aliases: Vec<LitStr>,
    pub serde: Serde,
    /// The keys that were set, with their spans, for checks that depend on the variant's shape.
    pub keys: Vec<(&'static str, Span)>,
}

impl Variant {
    pub fn from_ast(cx: &Ctxt, variant: &syn::Variant) -> Self {
        let mut rename = Attr::none(cx, RENAME);
        let mut doc = Attr::none(cx, DOC);
        let mut aliases = Attr::none(cx, ALIASES);
        misplaced_event_attr(cx, &variant.attrs, "a variant");
        for attr in variant.attrs.iter().filter(|a| a.path() == AVRO) {
            let position = Position::Variant;
            let parsed = attr.parse_nested_meta(|meta| {
                if meta.path == RENAME {
                    // #[avro(rename = "CARD")]
                    rename.set_parsed(&meta.path, parse_str(&meta, cx, "\"CARD\""));
                } else if meta.path == DOC {
                    // #[avro(doc = "...")]
                    let text = parse_str(&meta, cx, "\"Paid by card.\"");
                    doc.set_parsed(&meta.path, text.map(|s| s.value()));
                } else if meta.path == ALIASES {
                    // #[avro(aliases = ["OldName"])]
                    aliases.set_parsed(&meta.path, parse_aliases(&meta, cx));
                } else {
                    unknown_key(cx, &meta, position);
                }
                Ok(())
            });
            if let Err(err) = parsed {
                malformed(cx, attr, err);
            }
        }
        Variant {
            keys: [rename.key(), doc.key(), aliases.key()]
                .into_iter()
                .flatten()
                .collect(),
            rename: rename.get(),
            doc: doc.get().or_else(|| doc_comment(&variant.attrs)),
            aliases: aliases.get().unwrap_or_default(),
            serde: Serde::from_attrs(&variant.attrs),
        }
    }
}
