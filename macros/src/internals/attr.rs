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
            let msg = format!("duplicate key `{}`: give it once", self.name);
            self.cx.error_spanned_by(obj, msg);
        } else {
            self.value = Some(value);
        }
    }

    fn get(self) -> Option<T> {
        self.value
    }
}

/// Where an attribute sits, which decides its valid keys.
#[derive(Clone, Copy, PartialEq)]
enum Position {
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
            Position::Event => &["type", "version", "source"],
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

fn unknown_key(cx: &Ctxt, meta: &ParseNestedMeta, here: Position) {
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
fn malformed(cx: &Ctxt, attr: &Attribute, err: syn::Error) {
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

fn parse_str(meta: &ParseNestedMeta, cx: &Ctxt, example: &str) -> Option<LitStr> {
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

fn parse_int(meta: &ParseNestedMeta, cx: &Ctxt, example: &str) -> Option<(u32, LitInt)> {
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
fn parse_aliases(meta: &ParseNestedMeta, cx: &Ctxt) -> Option<Vec<LitStr>> {
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
    fn from_attrs(attrs: &[Attribute]) -> Self {
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
    /// The `#[avro(...)]` keys that were set, with their spans, for checks that depend on the shape.
    pub keys: Vec<(&'static str, Span)>,
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
        let mut keys = Vec::new();

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
                        if let Some(s) = parse_str(&meta, cx, "\"com.acme.orders\"") {
                            namespace.set(&meta.path, s);
                            keys.push(("namespace", meta.path.span()));
                        }
                    } else if meta.path == NAME {
                        // #[avro(name = "OrderPlaced")]
                        if let Some(s) = parse_str(&meta, cx, "\"OrderPlaced\"") {
                            name.set(&meta.path, s);
                            keys.push(("name", meta.path.span()));
                        }
                    } else if meta.path == DOC {
                        // #[avro(doc = "...")]
                        if let Some(s) = parse_str(&meta, cx, "\"An order was placed.\"") {
                            doc.set(&meta.path, s.value());
                            keys.push(("doc", meta.path.span()));
                        }
                    } else if meta.path == ALIASES {
                        // #[avro(aliases = ["OrderCreated"])]
                        if let Some(list) = parse_aliases(&meta, cx) {
                            aliases.set(&meta.path, list);
                            keys.push(("aliases", meta.path.span()));
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
                        unknown_key(cx, &meta, position);
                    }
                    Ok(())
                });
                if let Err(err) = parsed {
                    malformed(cx, attr, err);
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
            keys,
        }
    }
}

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

        misplaced_event_attr(cx, &field.attrs, "a field");
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
                    keys.push(("default", key_span));
                } else if meta.path == DOC {
                    // #[avro(doc = "...")]
                    if let Some(s) = parse_str(&meta, cx, "\"What this field means.\"") {
                        doc.set(&meta.path, s.value());
                        keys.push(("doc", key_span));
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
                    keys.push(("skip", key_span));
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
                    unknown_key(cx, &meta, position);
                }
                Ok(())
            });
            if let Err(err) = parsed {
                malformed(cx, attr, err);
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

/// `#[event(...)]` anywhere but on the type would be ignored: say so.
fn misplaced_event_attr(cx: &Ctxt, attrs: &[Attribute], on: &str) {
    for attr in attrs.iter().filter(|a| a.path() == EVENT) {
        cx.error_spanned_by(
            attr.path(),
            format!("`#[event(...)]` goes on the event struct, not on {on}; the attribute here is `#[avro(...)]`"),
        );
    }
}

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
        let mut keys = Vec::new();
        misplaced_event_attr(cx, &variant.attrs, "a variant");
        for attr in variant.attrs.iter().filter(|a| a.path() == AVRO) {
            let position = Position::Variant;
            let parsed = attr.parse_nested_meta(|meta| {
                let key_span = meta.path.span();
                if meta.path == RENAME {
                    // #[avro(rename = "CARD")]
                    if let Some(s) = parse_str(&meta, cx, "\"CARD\"") {
                        rename.set(&meta.path, s);
                        keys.push(("rename", key_span));
                    }
                } else if meta.path == DOC {
                    // #[avro(doc = "...")]
                    if let Some(s) = parse_str(&meta, cx, "\"Paid by card.\"") {
                        doc.set(&meta.path, s.value());
                        keys.push(("doc", key_span));
                    }
                } else if meta.path == ALIASES {
                    // #[avro(aliases = ["OldName"])]
                    if let Some(list) = parse_aliases(&meta, cx) {
                        aliases.set(&meta.path, list);
                        keys.push(("aliases", key_span));
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
        Variant {
            rename: rename.get(),
            doc: doc.get().or_else(|| doc_comment(&variant.attrs)),
            aliases: aliases.get().unwrap_or_default(),
            serde: Serde::from_attrs(&variant.attrs),
            keys,
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
        assert!(errors[3].contains("duplicate key `namespace`"));
        assert!(errors[4].contains("unknown timestamp unit `nanos`"));
        assert!(
            errors[5].contains("unknown key `bogus` in `#[avro(...)]` on a field. Valid keys:")
        );
    }

    #[test]
    fn a_key_in_the_wrong_place_says_where_it_goes() {
        let errors = errors_of(parse_quote! {
            #[avro(version = 2, rename = "X")]
            struct S { #[avro(namespace = "a", name = "b")] #[event(type = "t")] a: i32 }
        });
        assert_eq!(errors.len(), 5, "{errors:#?}");
        assert!(errors[0].contains("`version` goes in `#[event(...)]` on an event."));
        assert!(errors[1].contains("did you mean `name`?"));
        assert!(errors[2].contains("`#[event(...)]` goes on the event struct, not on a field"));
        assert!(errors[3].contains("`namespace` goes in `#[avro(...)]` on a struct or enum."));
        assert!(errors[4].contains("did you mean `rename`?"));
    }

    #[test]
    fn integers_are_reported_as_written() {
        let errors = errors_of(parse_quote! {
            #[event(version = -1)]
            struct S { #[avro(precision = "10", scale = 99999999999)] a: i32 }
        });
        assert_eq!(
            errors,
            [
                "`version` cannot be negative: `version = 2`",
                "`precision` takes an integer, not a string: `precision = 10`",
                "`scale` is too large: it must fit in a `u32`",
            ]
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
        assert_eq!(field.serde.rename.map(|r| r.value()).as_deref(), Some("a"));
    }
}
