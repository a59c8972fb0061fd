//! Parsing the value after `key =`: strings, integers and alias lists, with errors that show
//! the expected form.

use super::keys::skip_value;
use crate::internals::ctxt::Ctxt;
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::punctuated::Punctuated;
use syn::{Lit, LitInt, LitStr, Token};

/// A value that is missing (`#[avro(rename)]`) or does not parse, reported where it goes wrong.
fn bad_value(meta: &ParseNestedMeta, cx: &Ctxt, example: &str, err: syn::Error, had_eq: bool) {
    let key = meta.path.to_token_stream().to_string();
    if had_eq {
        cx.syn_error(syn::Error::new(
            err.span(),
            format!("expected `{key} = {example}`"),
        ));
    } else {
        cx.error_spanned_by(
            &meta.path,
            format!("`{key}` needs a value: `{key} = {example}`"),
        );
    }
    skip_value(meta.input);
}

pub(super) fn parse_str(meta: &ParseNestedMeta, cx: &Ctxt, example: &str) -> Option<LitStr> {
    let key = meta.path.to_token_stream().to_string();
    let had_eq = meta.input.peek(Token![=]);
    match meta.value().and_then(|v| v.parse::<Lit>()) {
        Ok(Lit::Str(s)) => Some(s),
        Ok(other) => {
            cx.error_spanned_by(
                other,
                format!("`{key}` takes a string: `{key} = {example}`"),
            );
            None
        }
        Err(err) => {
            bad_value(meta, cx, example, err, had_eq);
            None
        }
    }
}

pub(super) fn parse_int(meta: &ParseNestedMeta, cx: &Ctxt, example: &str) -> Option<(u32, LitInt)> {
    let key = meta.path.to_token_stream().to_string();
    let had_eq = meta.input.peek(Token![=]);
    let parsed = meta.value().and_then(|value| {
        // Taken apart from the literal so that `-1` is spanned whole and named for what it is.
        let minus: Option<Token![-]> = value.parse()?;
        Ok((minus, value.parse::<Lit>()?))
    });
    match parsed {
        Ok((None, Lit::Int(i))) => match i.base10_parse::<u32>() {
            Ok(n) => Some((n, i)),
            Err(_) => {
                cx.error_spanned_by(&i, format!("`{key}` is too large: it must fit in a `u32`"));
                None
            }
        },
        Ok((Some(minus), lit)) => {
            let msg = format!("`{key}` cannot be negative: `{key} = {example}`");
            cx.error_spanned_by(quote::quote!(#minus #lit), msg);
            None
        }
        Ok((None, other)) => {
            // `"2"` or `2.0`: show the integer the user most likely meant.
            let meant = match &other {
                Lit::Str(s) => s.value().trim().parse::<u32>().ok(),
                Lit::Float(f) => f
                    .base10_parse::<f64>()
                    .ok()
                    .filter(|v| v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(v))
                    .map(|v| v as u32),
                _ => None,
            };
            let example = meant.map_or_else(|| example.to_owned(), |n| n.to_string());
            let msg = format!(
                "`{key}` takes an integer, not {}: `{key} = {example}`",
                with_article(lit_kind(&other))
            );
            cx.error_spanned_by(other, msg);
            None
        }
        Err(err) => {
            bad_value(meta, cx, example, err, had_eq);
            None
        }
    }
}

/// `upcast_from = v1::OrderPlaced`: a type's path, written as a path rather than a string.
pub(super) fn parse_path(meta: &ParseNestedMeta, cx: &Ctxt, example: &str) -> Option<syn::Path> {
    let key = meta.path.to_token_stream().to_string();
    let had_eq = meta.input.peek(Token![=]);
    let parsed = meta.value().and_then(|value| {
        if value.peek(Lit) {
            value.parse::<Lit>().map(Err)
        } else {
            value.parse::<syn::Path>().map(Ok)
        }
    });
    match parsed {
        Ok(Ok(path)) => Some(path),
        Ok(Err(lit)) => {
            // `"v1::OrderPlaced"`: show the path the user most likely meant.
            let meant = match &lit {
                Lit::Str(s) => s
                    .parse::<syn::Path>()
                    .ok()
                    .map(|p| p.to_token_stream().to_string().replace(' ', "")),
                _ => None,
            };
            let example = meant.as_deref().unwrap_or(example);
            let msg = format!(
                "`{key}` takes the path of a type, not {}: `{key} = {example}`",
                with_article(lit_kind(&lit))
            );
            cx.error_spanned_by(lit, msg);
            None
        }
        Err(err) => {
            bad_value(meta, cx, example, err, had_eq);
            None
        }
    }
}

/// `an integer`, `a string`.
pub fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}

pub fn lit_kind(lit: &Lit) -> &'static str {
    match lit {
        Lit::Str(_) => "string",
        Lit::Int(_) => "integer",
        Lit::Float(_) => "float",
        Lit::Bool(_) => "boolean",
        _ => "literal of another kind",
    }
}

/// `aliases = ["Old", "Older"]`.
pub(super) fn parse_aliases(meta: &ParseNestedMeta, cx: &Ctxt) -> Option<Vec<LitStr>> {
    let had_eq = meta.input.peek(Token![=]);
    let parsed = meta.value().and_then(|value| {
        let content;
        syn::bracketed!(content in value);
        Punctuated::<LitStr, Token![,]>::parse_terminated(&content)
    });
    match parsed {
        Ok(list) => Some(list.into_iter().collect()),
        Err(err) => {
            bad_value(meta, cx, r#"["OldName", ...]"#, err, had_eq);
            None
        }
    }
}
