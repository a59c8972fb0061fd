//! Parsing `#[event(...)]`, `#[avro(...)]`, doc comments, and (leniently) `#[serde(...)]`.

use super::case::RenameRule;
use super::ctxt::Ctxt;
use super::symbol::*;
use proc_macro2::Span;
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, Lit, LitInt, LitStr, Token};

/// One option: remembers where it was set, and reports a second setting as a duplicate.
pub struct Attr<'c, T> {
    cx: &'c Ctxt,
    name: Symbol,
    value: Option<T>,
}

impl<'c, T> Attr<'c, T> {
    fn none(cx: &'c Ctxt, name: Symbol) -> Self {
        Attr {
            cx,
            name,
            value: None,
        }
    }

    fn set<A: ToTokens>(&mut self, obj: A, value: T) {
        if self.value.is_some() {
            let msg = format!("duplicate attribute `{}`: give it once", self.name);
            self.cx.error_spanned_by(obj, msg);
        } else {
            self.value = Some(value);
        }
    }

    fn get(self) -> Option<T> {
        self.value
    }
}

/// Where an Avro attribute sits, which decides its valid keys.
#[derive(Clone, Copy)]
enum Position {
    Container,
    Field,
    Variant,
}

impl Position {
    fn keys(self) -> &'static [&'static str] {
        match self {
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

    fn describe(self) -> &'static str {
        match self {
            Position::Container => "a struct or enum",
            Position::Field => "a field",
            Position::Variant => "a variant",
        }
    }
}

const EVENT_KEYS: &[&str] = &["type", "version", "source"];

fn unknown_key(cx: &Ctxt, meta: &ParseNestedMeta, attr: &str, keys: &[&str], on: &str) {
    let key = meta.path.to_token_stream().to_string().replace(' ', "");
    let mut msg = format!("unknown key `{key}` in `#[{attr}(...)]` on {on}");
    if let Some(close) = keys.iter().find(|k| edit_distance(k, &key) <= 2) {
        msg.push_str(&format!("; did you mean `{close}`?"));
    } else {
        msg.push('.');
    }
    msg.push_str(&format!(" Valid keys: {}.", keys.join(", ")));
    cx.error_spanned_by(&meta.path, msg);
    skip_value(meta.input);
}

/// Consumes `= value` or `(...)` after a key we do not understand, so parsing can go on.
fn skip_value(input: ParseStream) {
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

fn edit_distance(a: &str, b: &str) -> usize {
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

fn parse_str(meta: &ParseNestedMeta, cx: &Ctxt, example: &str) -> Option<LitStr> {
    let key = meta.path.to_token_stream().to_string();
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
            cx.syn_error(syn::Error::new(
                err.span(),
                format!("expected `{key} = {example}`"),
            ));
            skip_value(meta.input);
            None
        }
    }
}

fn parse_int(meta: &ParseNestedMeta, cx: &Ctxt, example: &str) -> Option<(u32, LitInt)> {
    let key = meta.path.to_token_stream().to_string();
    match meta.value().and_then(|v| v.parse::<Lit>()) {
        Ok(Lit::Int(i)) => match i.base10_parse::<u32>() {
            Ok(n) => Some((n, i)),
            Err(_) => {
                cx.error_spanned_by(&i, format!("`{key}` must fit in u32: `{key} = {example}`"));
                None
            }
        },
        Ok(other) => {
            let msg = format!(
                "`{key}` takes an integer, not a {}: `{key} = {example}`",
                lit_kind(&other)
            );
            cx.error_spanned_by(other, msg);
            None
        }
        Err(err) => {
            cx.syn_error(syn::Error::new(
                err.span(),
                format!("expected `{key} = {example}`"),
            ));
            skip_value(meta.input);
            None
        }
    }
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
fn parse_aliases(meta: &ParseNestedMeta, cx: &Ctxt) -> Option<Vec<LitStr>> {
    let parsed = meta.value().and_then(|value| {
        let content;
        syn::bracketed!(content in value);
        Punctuated::<LitStr, Token![,]>::parse_terminated(&content)
    });
    match parsed {
        Ok(list) => Some(list.into_iter().collect()),
        Err(err) => {
            cx.syn_error(syn::Error::new(
                err.span(),
                r#"expected `aliases = ["OldName", ...]`"#,
            ));
            skip_value(meta.input);
            None
        }
    }
}

/// `#[doc = "..."]` lines, joined the way rustdoc shows them.
fn doc_comment(attrs: &[Attribute]) -> Option<String> {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|attr| attr.path() == DOC)
        .filter_map(|attr| match &attr.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                Expr::Lit(syn::ExprLit {
                    lit: Lit::Str(s), ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .map(|line| {
            line.strip_prefix(' ')
                .unwrap_or(&line)
                .trim_end()
                .to_owned()
        })
        .collect();
    let text = lines.join("\n").trim().to_owned();
    (!text.is_empty()).then_some(text)
}

/// What `#[serde(...)]` says that bears on the schema. Read leniently: other keys and malformed
/// input are serde's to report, not ours.
#[derive(Default)]
pub struct Serde {
    pub rename: Option<String>,
    pub rename_all: Option<RenameRule>,
    pub aliases: Vec<String>,
    pub default: SerdeDefault,
    pub skip: bool,
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
    fn from_attrs(attrs: &[Attribute]) -> Self {
        let mut serde = Serde::default();
        let (mut skip_ser, mut skip_de) = (false, false);
        for attr in attrs.iter().filter(|a| a.path() == SERDE) {
            let _ = attr.parse_nested_meta(|meta| {
                if meta.path == RENAME {
                    if meta.input.peek(Token![=]) {
                        serde.rename = Some(meta.value()?.parse::<LitStr>()?.value());
                    } else {
                        meta.parse_nested_meta(|inner| {
                            if inner.path == SERIALIZE {
                                serde.rename = Some(inner.value()?.parse::<LitStr>()?.value());
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
                    serde.skip = true;
                } else if meta.path == SKIP_SERIALIZING {
                    skip_ser = true;
                } else if meta.path == SKIP_DESERIALIZING {
                    skip_de = true;
                } else {
                    skip_value(meta.input);
                }
                Ok(())
            });
        }
        serde.skip |= skip_ser && skip_de;
        serde
    }
}

/// `#[event(...)]` and `#[avro(...)]` on the struct or enum.
pub struct Container {
    pub event_type: Option<LitStr>,
    pub version: Option<(u32, LitInt)>,
    pub source: Option<LitStr>,
    pub namespace: Option<LitStr>,
    pub name: Option<LitStr>,
    pub doc: Option<String>,
    pub aliases: Vec<LitStr>,
    pub default_symbol: Option<LitStr>,
    pub crate_path: Option<syn::Path>,
    pub serde: Serde,
}

impl Container {
    pub fn from_ast(cx: &Ctxt, item: &syn::DeriveInput) -> Self {
        let mut event_type = Attr::none(cx, TYPE);
        let mut version = Attr::none(cx, VERSION);
        let mut source = Attr::none(cx, SOURCE);
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
                        if let Some(s) = parse_str(&meta, cx, "\"order.placed\"") {
                            event_type.set(&meta.path, s);
                        }
                    } else if meta.path == VERSION {
                        // #[event(version = 2)]
                        if let Some(v) = parse_int(&meta, cx, "2") {
                            version.set(&meta.path, v);
                        }
                    } else if meta.path == SOURCE {
                        // #[event(source = "order-service")]
                        if let Some(s) = parse_str(&meta, cx, "\"order-service\"") {
                            source.set(&meta.path, s);
                        }
                    } else {
                        unknown_key(cx, &meta, "event", EVENT_KEYS, "an event");
                    }
                    Ok(())
                });
                if let Err(err) = parsed {
                    cx.syn_error(err);
                }
            } else if attr.path() == AVRO {
                let position = Position::Container;
                let parsed = attr.parse_nested_meta(|meta| {
                    if meta.path == NAMESPACE {
                        // #[avro(namespace = "com.acme.orders")]
                        if let Some(s) = parse_str(&meta, cx, "\"com.acme.orders\"") {
                            namespace.set(&meta.path, s);
                        }
                    } else if meta.path == NAME {
                        // #[avro(name = "OrderPlaced")]
                        if let Some(s) = parse_str(&meta, cx, "\"OrderPlaced\"") {
                            name.set(&meta.path, s);
                        }
                    } else if meta.path == DOC {
                        // #[avro(doc = "...")]
                        if let Some(s) = parse_str(&meta, cx, "\"An order was placed.\"") {
                            doc.set(&meta.path, s.value());
                        }
                    } else if meta.path == ALIASES {
                        // #[avro(aliases = ["OrderCreated"])]
                        if let Some(list) = parse_aliases(&meta, cx) {
                            aliases.set(&meta.path, list);
                        }
                    } else if meta.path == DEFAULT {
                        // #[avro(default = "Unknown")]: an enum's fallback symbol
                        if let Some(s) = parse_str(&meta, cx, "\"Unknown\"") {
                            default_symbol.set(&meta.path, s);
                        }
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
                        unknown_key(cx, &meta, "avro", position.keys(), position.describe());
                    }
                    Ok(())
                });
                if let Err(err) = parsed {
                    cx.syn_error(err);
                }
            }
        }

        Container {
            event_type: event_type.get(),
            version: version.get(),
            source: source.get(),
            namespace: namespace.get(),
            name: name.get(),
            doc: doc.get().or_else(|| doc_comment(&item.attrs)),
            aliases: aliases.get().unwrap_or_default(),
            default_symbol: default_symbol.get(),
            crate_path: crate_path.get(),
            serde: Serde::from_attrs(&item.attrs),
        }
    }
}

/// A field's `default`.
pub enum Default {
    None,
    /// `#[avro(default = "USD")]`: this JSON literal.
    Literal(Lit),
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
    pub fn from_ast(cx: &Ctxt, field: &syn::Field) -> Self {
        let mut rename = Attr::none(cx, RENAME);
        let mut default = Attr::none(cx, DEFAULT);
        let mut doc = Attr::none(cx, DOC);
        let mut aliases = Attr::none(cx, ALIASES);
        let mut skip = Attr::none(cx, SKIP);
        let mut timestamp = Attr::none(cx, TIMESTAMP);
        let mut precision = Attr::none(cx, PRECISION);
        let mut scale = Attr::none(cx, SCALE);
        let mut keys = Vec::new();

        for attr in field.attrs.iter().filter(|a| a.path() == AVRO) {
            let position = Position::Field;
            let parsed = attr.parse_nested_meta(|meta| {
                let key_span = meta.path.span();
                if meta.path == RENAME {
                    // #[avro(rename = "orderId")]
                    if let Some(s) = parse_str(&meta, cx, "\"orderId\"") {
                        rename.set(&meta.path, s);
                        keys.push(("rename", key_span));
                    }
                } else if meta.path == DEFAULT {
                    // #[avro(default = "USD")] or #[avro(default)]
                    if meta.input.peek(Token![=]) {
                        match meta.value().and_then(|v| v.parse::<Lit>()) {
                            Ok(lit) => default.set(&meta.path, Default::Literal(lit)),
                            Err(err) => {
                                let msg = "`default` takes a literal (`default = \"USD\"`, `default = 0`, `default = false`), or nothing to use the type's `Default`";
                                cx.syn_error(syn::Error::new(err.span(), msg));
                                skip_value(meta.input);
                            }
                        }
                    } else {
                        default.set(&meta.path, Default::Rust(key_span));
                    }
                    keys.push(("default", key_span));
                } else if meta.path == DOC {
                    // #[avro(doc = "...")]
                    if let Some(s) = parse_str(&meta, cx, "\"What this field means.\"") {
                        doc.set(&meta.path, s.value());
                    }
                } else if meta.path == ALIASES {
                    // #[avro(aliases = ["old_name"])]
                    if let Some(list) = parse_aliases(&meta, cx) {
                        aliases.set(&meta.path, list);
                        keys.push(("aliases", key_span));
                    }
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
                        keys.push(("timestamp", key_span));
                    }
                } else if meta.path == PRECISION {
                    // #[avro(precision = 10, scale = 2)]
                    if let Some(v) = parse_int(&meta, cx, "10") {
                        precision.set(&meta.path, v);
                        keys.push(("precision", key_span));
                    }
                } else if meta.path == SCALE {
                    if let Some(v) = parse_int(&meta, cx, "2") {
                        scale.set(&meta.path, v);
                        keys.push(("scale", key_span));
                    }
                } else {
                    unknown_key(cx, &meta, "avro", position.keys(), position.describe());
                }
                Ok(())
            });
            if let Err(err) = parsed {
                cx.syn_error(err);
            }
        }

        Field {
            rename: rename.get(),
            default: default.get().unwrap_or(Default::None),
            doc: doc.get().or_else(|| doc_comment(&field.attrs)),
            aliases: aliases.get().unwrap_or_default(),
            skip: skip.get(),
            timestamp: timestamp.get(),
            precision: precision.get(),
            scale: scale.get(),
            serde: Serde::from_attrs(&field.attrs),
            keys,
        }
    }
}

/// `#[avro(...)]` on an enum variant.
pub struct Variant {
    pub rename: Option<LitStr>,
    pub doc: Option<String>,
    pub aliases: Vec<LitStr>,
    pub serde: Serde,
}

impl Variant {
    pub fn from_ast(cx: &Ctxt, variant: &syn::Variant) -> Self {
        let mut rename = Attr::none(cx, RENAME);
        let mut doc = Attr::none(cx, DOC);
        let mut aliases = Attr::none(cx, ALIASES);
        for attr in variant.attrs.iter().filter(|a| a.path() == AVRO) {
            let position = Position::Variant;
            let parsed = attr.parse_nested_meta(|meta| {
                if meta.path == RENAME {
                    // #[avro(rename = "CARD")]
                    if let Some(s) = parse_str(&meta, cx, "\"CARD\"") {
                        rename.set(&meta.path, s);
                    }
                } else if meta.path == DOC {
                    if let Some(s) = parse_str(&meta, cx, "\"Paid by card.\"") {
                        doc.set(&meta.path, s.value());
                    }
                } else if meta.path == ALIASES {
                    if let Some(list) = parse_aliases(&meta, cx) {
                        aliases.set(&meta.path, list);
                    }
                } else {
                    unknown_key(cx, &meta, "avro", position.keys(), position.describe());
                }
                Ok(())
            });
            if let Err(err) = parsed {
                cx.syn_error(err);
            }
        }
        Variant {
            rename: rename.get(),
            doc: doc.get().or_else(|| doc_comment(&variant.attrs)),
            aliases: aliases.get().unwrap_or_default(),
            serde: Serde::from_attrs(&variant.attrs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn errors_of(item: syn::DeriveInput) -> Vec<String> {
        let cx = Ctxt::new();
        let _ = Container::from_ast(&cx, &item);
        if let syn::Data::Struct(data) = &item.data {
            for field in &data.fields {
                let _ = Field::from_ast(&cx, field);
            }
        }
        match cx.check() {
            Ok(()) => Vec::new(),
            Err(err) => err.into_iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn every_mistake_is_reported_in_one_pass() {
        let errors = errors_of(parse_quote! {
            #[event(version = "2", sorce = "x")]
            #[avro(nmae = "X", namespace = "a", namespace = "b")]
            struct S { #[avro(timestamp = "nanos", bogus)] a: i32 }
        });
        assert_eq!(errors.len(), 6, "{errors:#?}");
        assert!(errors[0].contains("`version` takes an integer, not a string"));
        assert!(errors[1].contains("did you mean `source`?"));
        assert!(errors[2].contains("did you mean `name`?"));
        assert!(errors[3].contains("duplicate attribute `namespace`"));
        assert!(errors[4].contains("unknown timestamp unit `nanos`"));
        assert!(
            errors[5].contains("unknown key `bogus` in `#[avro(...)]` on a field. Valid keys:")
        );
    }

    #[test]
    fn serde_attributes_are_read_leniently() {
        let item: syn::DeriveInput = parse_quote! {
            #[serde(rename_all = "camelCase", deny_unknown_fields, tag = "t")]
            struct S { #[serde(rename(serialize = "a", deserialize = "b"), with = "x")] f: i32 }
        };
        assert!(errors_of(item.clone()).is_empty());
        let cx = Ctxt::new();
        let container = Container::from_ast(&cx, &item);
        let syn::Data::Struct(data) = &item.data else {
            unreachable!()
        };
        let field = Field::from_ast(&cx, data.fields.iter().next().unwrap());
        cx.check().unwrap();
        assert!(container.serde.rename_all == Some(RenameRule::CamelCase));
        assert_eq!(field.serde.rename.as_deref(), Some("a"));
    }
}
