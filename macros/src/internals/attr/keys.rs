//! Which keys each attribute takes, and the errors for the ones it does not.

use crate::internals::ctxt::Ctxt;
use quote::ToTokens;
use syn::Attribute;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;

/// Where an attribute sits, which decides its valid keys.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Position {
    Event,
    Container,
    Field,
    Variant,
}

impl Position {
    const ALL: [Position; 4] = [
        Position::Event,
        Position::Container,
        Position::Field,
        Position::Variant,
    ];

    fn keys(self) -> &'static [&'static str] {
        match self {
            Position::Event => &["type", "version", "source", "upcast_from"],
            Position::Container => &["namespace", "name", "doc", "aliases", "default", "crate"],
            Position::Field => &[
                "rename",
                "default",
                "doc",
                "aliases",
                "skip",
                "timestamp",
                "precision",
                "scale",
            ],
            Position::Variant => &["rename", "doc", "aliases"],
        }
    }

    fn attr(self) -> &'static str {
        match self {
            Position::Event => "event",
            _ => "avro",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Position::Event => "an event",
            Position::Container => "a struct or enum",
            Position::Field => "a field",
            Position::Variant => "a variant",
        }
    }
}

pub(super) fn unknown_key(cx: &Ctxt, meta: &ParseNestedMeta, here: Position) {
    let key = meta.path.to_token_stream().to_string().replace(' ', "");
    let keys = here.keys();
    let mut msg = format!(
        "unknown key `{key}` in `#[{}(...)]` on {}",
        here.attr(),
        here.describe()
    );
    if let Some(hint) = key_hint(&key, here) {
        msg.push_str("; ");
        msg.push_str(&hint);
    } else {
        msg.push('.');
    }
    msg.push_str(&format!(" Valid keys: {}.", keys.join(", ")));
    cx.error_spanned_by(&meta.path, msg);
    skip_value(meta.input);
}

/// A likely typo of a valid key, else where the key belongs if it is valid elsewhere.
fn key_hint(key: &str, here: Position) -> Option<String> {
    if here == Position::Variant && key == "default" {
        return Some(
            "an enum names its fallback symbol itself: `#[avro(default = \"Unknown\")]` on the enum."
                .to_owned(),
        );
    }
    if here == Position::Container && key == "rename" {
        return Some("did you mean `name`?".to_owned());
    }
    if let Some(close) = here.keys().iter().find(|k| edit_distance(k, key) <= 2) {
        return Some(format!("did you mean `{close}`?"));
    }
    let owner = Position::ALL
        .into_iter()
        .find(|other| *other != here && other.keys().contains(&key))?;
    Some(format!(
        "`{key}` goes in `#[{}(...)]` on {}.",
        owner.attr(),
        owner.describe()
    ))
}

/// An attribute that is not a list of keys, or whose list does not parse.
pub(super) fn malformed(cx: &Ctxt, attr: &Attribute, err: syn::Error) {
    match &attr.meta {
        syn::Meta::List(_) => cx.syn_error(err),
        // `#[avro]`, `#[avro = "..."]`: syn's message would not say what goes inside.
        meta => {
            let name = attr.path().to_token_stream();
            cx.error_spanned_by(
                meta,
                format!("`#[{name}]` takes keys in parentheses: `#[{name}(key = value, ...)]`"),
            );
        }
    }
}

/// Consumes `= value` or `(...)` after a key we do not understand, so parsing can go on.
pub(super) fn skip_value(input: ParseStream) {
    let _ = input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tt, next)) = rest.token_tree() {
            if matches!(&tt, proc_macro2::TokenTree::Punct(p) if p.as_char() == ',') {
                break;
            }
            rest = next;
        }
        Ok(((), rest))
    });
}

pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}
