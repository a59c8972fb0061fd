//! `#[event(...)]` and `#[avro(...)]` on the struct or enum.

use super::Attr;
use super::doc::doc_comment;
use super::keys::{Position, malformed, unknown_key};
use super::serde::Serde;
use super::value::{parse_aliases, parse_int, parse_path, parse_str};
use crate::internals::ctxt::Ctxt;
use crate::internals::symbol::*;
use proc_macro2::Span;
use syn::{LitInt, LitStr};

/// `#[event(...)]` and `#[avro(...)]` on the struct or enum.
pub struct Container {
    pub event_type: Option<LitStr>,
    pub version: Option<(u32, LitInt)>,
    pub source: Option<LitStr>,
    /// The previous major version of the event, which this one is upcast from.
    pub upcast_from: Option<syn::Path>,
    pub namespace: Option<LitStr>,
    pub name: Option<LitStr>,
    pub doc: Option<String>,
    pub aliases: Vec<LitStr>,
    pub default_symbol: Option<LitStr>,
    pub crate_path: Option<syn::Path>,
    pub serde: Serde,
    /// The `#[avro(...)]` keys that were set, with their spans, for checks that depend on the shape.
    pub keys: Vec<(&'static str, Span)>,
}

impl Container {
    pub fn from_ast(cx: &Ctxt, item: &syn::DeriveInput) -> Self {
        let mut event_type = Attr::none(cx, TYPE);
        let mut version = Attr::none(cx, VERSION);
        let mut source = Attr::none(cx, SOURCE);
        let mut upcast_from = Attr::none(cx, UPCAST_FROM);
        let mut namespace = Attr::none(cx, NAMESPACE);
        let mut name = Attr::none(cx, NAME);
        let mut doc = Attr::none(cx, DOC);
        let mut aliases = Attr::none(cx, ALIASES);
        let mut default_symbol = Attr::none(cx, DEFAULT);
        let mut crate_path = Attr::none(cx, CRATE);

        for attr in &item.attrs {
            if attr.path() == EVENT {
                let parsed = attr.parse_nested_meta(|meta| {
                    if meta.path == TYPE {
                        // #[event(type = "order.placed")]
                        event_type.set_parsed(&meta.path, parse_str(&meta, cx, "\"order.placed\""));
                    } else if meta.path == VERSION {
                        // #[event(version = 2)]
                        version.set_parsed(&meta.path, parse_int(&meta, cx, "2"));
                    } else if meta.path == SOURCE {
                        // #[event(source = "order-service")]
                        source.set_parsed(&meta.path, parse_str(&meta, cx, "\"order-service\""));
                    } else if meta.path == UPCAST_FROM {
                        // #[event(upcast_from = v1::OrderPlaced)]
                        upcast_from
                            .set_parsed(&meta.path, parse_path(&meta, cx, "v1::OrderPlaced"));
                    } else {
                        unknown_key(cx, &meta, Position::Event);
                    }
                    Ok(())
                });
                if let Err(err) = parsed {
                    malformed(cx, attr, err);
                }
            } else if attr.path() == AVRO {
                let position = Position::Container;
                let parsed = attr.parse_nested_meta(|meta| {
                    if meta.path == NAMESPACE {
                        // #[avro(namespace = "com.acme.orders")]
                        namespace
                            .set_parsed(&meta.path, parse_str(&meta, cx, "\"com.acme.orders\""));
                    } else if meta.path == NAME {
                        // #[avro(name = "OrderPlaced")]
                        name.set_parsed(&meta.path, parse_str(&meta, cx, "\"OrderPlaced\""));
                    } else if meta.path == DOC {
                        // #[avro(doc = "...")]
                        let text = parse_str(&meta, cx, "\"An order was placed.\"");
                        doc.set_parsed(&meta.path, text.map(|s| s.value()));
                    } else if meta.path == ALIASES {
                        // #[avro(aliases = ["OrderCreated"])]
                        aliases.set_parsed(&meta.path, parse_aliases(&meta, cx));
                    } else if meta.path == DEFAULT {
                        // #[avro(default = "Unknown")]: an enum's fallback symbol
                        default_symbol.set_parsed(&meta.path, parse_str(&meta, cx, "\"Unknown\""));
                    } else if meta.path == CRATE {
                        // #[avro(crate = "path::to::tidings")]
                        if let Some(s) = parse_str(&meta, cx, "\"my_crate::tidings\"") {
                            match s.parse::<syn::Path>() {
                                Ok(path) => crate_path.set(&meta.path, path),
                                Err(_) => cx.error_spanned_by(
                                    &s,
                                    "`crate` must be a path: `crate = \"my_crate::tidings\"`",
                                ),
                            }
                        }
                    } else {
                        unknown_key(cx, &meta, position);
                    }
                    Ok(())
                });
                if let Err(err) = parsed {
                    malformed(cx, attr, err);
                }
            }
        }

        // The keys that shape a schema of the type's own (a newtype has none).
        let keys = [namespace.key(), name.key(), doc.key(), aliases.key()]
            .into_iter()
            .flatten()
            .collect();
        Container {
            event_type: event_type.get(),
            version: version.get(),
            source: source.get(),
            upcast_from: upcast_from.get(),
            namespace: namespace.get(),
            name: name.get(),
            doc: doc.get().or_else(|| doc_comment(&item.attrs)),
            aliases: aliases.get().unwrap_or_default(),
            default_symbol: default_symbol.get(),
            crate_path: crate_path.get(),
            serde: Serde::from_attrs(&item.attrs),
            keys,
        }
    }
}
