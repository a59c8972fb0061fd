//! `#[avro(...)]` on a field.

use super::doc::doc_comment;
use super::keys::{Position, malformed, skip_value, unknown_key};
use super::serde::Serde;
use super::value::{parse_aliases, parse_int, parse_str};
use super::{Attr, misplaced_event_attr};
use crate::internals::ctxt::Ctxt;
use crate::internals::symbol::*;
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Lit, LitInt, LitStr, Token};

/// A field's `default`.
pub enum Default {
    None,
    /// `#[avro(default = "USD")]`: this JSON literal, and its tokens as written (`-1` is two) to
    /// span errors.
    Literal(Lit, proc_macro2::TokenStream),
    /// `#[avro(default)]`: the Rust type's `Default`, written as Avro JSON.
    Rust(Span),
}

pub enum TimeUnit {
    Millis,
    Micros,
}

/// `#[avro(...)]` on a field, with the serde attributes that bear on it.
pub struct Field {
    pub rename: Option<LitStr>,
    pub default: Default,
    pub doc: Option<String>,
    pub aliases: Vec<LitStr>,
    pub skip: Option<Span>,
    pub timestamp: Option<(TimeUnit, LitStr)>,
    pub precision: Option<(u32, LitInt)>,
    pub scale: Option<(u32, LitInt)>,
    pub serde: Serde,
    /// The keys that were set, with their spans, for conflict checks.
    pub keys: Vec<(&'static str, Span)>,
}

impl Field {
    /// Whether `timestamp` or `precision` routes the field through a logical-type codec, whose
    /// schema is a `long` or `bytes`, not the Rust type's own.
    pub fn is_logical(&self) -> bool {
        self.timestamp.is_some() || self.precision.is_some()
    }

    pub fn from_ast(cx: &Ctxt, field: &syn::Field) -> Self {
        let mut rename = Attr::none(cx, RENAME);
        let mut default = Attr::none(cx, DEFAULT);
        let mut doc = Attr::none(cx, DOC);
        let mut aliases = Attr::none(cx, ALIASES);
        let mut skip = Attr::none(cx, SKIP);
        let mut timestamp = Attr::none(cx, TIMESTAMP);
        let mut precision = Attr::none(cx, PRECISION);
        let mut scale = Attr::none(cx, SCALE);

        misplaced_event_attr(cx, &field.attrs, "a field");
        for attr in field.attrs.iter().filter(|a| a.path() == AVRO) {
            let position = Position::Field;
            let parsed = attr.parse_nested_meta(|meta| {
                let key_span = meta.path.span();
                if meta.path == RENAME {
                    // #[avro(rename = "orderId")]
                    rename.set_parsed(&meta.path, parse_str(&meta, cx, "\"orderId\""));
                } else if meta.path == DEFAULT {
                    // #[avro(default = "USD")] or #[avro(default)]
                    if meta.input.peek(Token![=]) {
                        let parsed = meta.value().and_then(|value| {
                            // syn folds `-1` into one literal spanned by the `-` alone.
                            let fork = value.fork();
                            let minus = fork.parse::<Option<Token![-]>>()?;
                            let token = fork.parse::<proc_macro2::TokenTree>()?;
                            let lit = value.parse::<Lit>()?;
                            Ok((quote::quote!(#minus #token), lit))
                        });
                        match parsed {
                            Ok((written, lit)) => {
                                default.set(&meta.path, Default::Literal(lit, written));
                            }
                            Err(err) => {
                                let msg = "`default` takes a literal (`default = \"USD\"`, `default = 0`, `default = false`), or nothing to use the type's `Default`";
                                cx.syn_error(syn::Error::new(err.span(), msg));
                                skip_value(meta.input);
                            }
                        }
                    } else {
                        default.set(&meta.path, Default::Rust(key_span));
                    }
                } else if meta.path == DOC {
                    // #[avro(doc = "...")]
                    let text = parse_str(&meta, cx, "\"What this field means.\"");
                    doc.set_parsed(&meta.path, text.map(|s| s.value()));
                } else if meta.path == ALIASES {
                    // #[avro(aliases = ["old_name"])]
                    aliases.set_parsed(&meta.path, parse_aliases(&meta, cx));
                } else if meta.path == SKIP {
                    // #[avro(skip)]
                    skip.set(&meta.path, key_span);
                } else if meta.path == TIMESTAMP {
                    // #[avro(timestamp = "millis")]
                    if let Some(s) = parse_str(&meta, cx, "\"millis\"") {
                        match s.value().as_str() {
                            "millis" => timestamp.set(&meta.path, (TimeUnit::Millis, s)),
                            "micros" => timestamp.set(&meta.path, (TimeUnit::Micros, s)),
                            other => cx.error_spanned_by(
                                &s,
                                format!("unknown timestamp unit `{other}`: use `timestamp = \"millis\"` or `timestamp = \"micros\"`"),
                            ),
                        }
                    }
                } else if meta.path == PRECISION {
                    // #[avro(precision = 10, scale = 2)]
                    precision.set_parsed(&meta.path, parse_int(&meta, cx, "10"));
                } else if meta.path == SCALE {
                    scale.set_parsed(&meta.path, parse_int(&meta, cx, "2"));
                } else {
                    unknown_key(cx, &meta, position);
                }
                Ok(())
            });
            if let Err(err) = parsed {
                malformed(cx, attr, err);
            }
        }

        let keys = [
            rename.key(),
            default.key(),
            doc.key(),
            aliases.key(),
            skip.key(),
            timestamp.key(),
            precision.key(),
            scale.key(),
        ];
        Field {
            keys: keys.into_iter().flatten().collect(),
            rename: rename.get(),
            default: default.get().unwrap_or(Default::None),
            doc: doc.get().or_else(|| doc_comment(&field.attrs)),
            aliases: aliases.get().unwrap_or_default(),
            skip: skip.get(),
            timestamp: timestamp.get(),
            precision: precision.get(),
            scale: scale.get(),
            serde: Serde::from_attrs(&field.attrs),
        }
    }
}
