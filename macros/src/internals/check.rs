//! Rules that need the whole model: one function per rule, every violation reported.

use super::ast::{Container, Data, Field, Style, Variant};
use super::attr::{self, lit_kind};
use super::ctxt::Ctxt;
use super::types;
use std::collections::HashMap;
use syn::Lit;

pub fn check(cx: &Ctxt, cont: &Container, is_event: bool) {
    check_generics(cx, cont);
    check_shape(cx, cont, is_event);
    check_upcast_from(cx, cont);
    check_newtype(cx, cont);
    check_container_names(cx, cont, is_event);
    check_enum_default(cx, cont);
    check_serde_shape(cx, cont);
    for field in fields(cont) {
        types::check(cx, field.ty);
        check_field_conflicts(cx, field);
        check_field_default(cx, field);
        check_serde_field(cx, field);
    }
    check_record_fields(cx, cont);
    check_variants(cx, cont);
}

fn fields<'c, 'a>(cont: &'c Container<'a>) -> Vec<&'c Field<'a>> {
    match &cont.data {
        Data::Record(fields) => fields.iter().collect(),
        Data::Newtype(field) => vec![&**field],
        Data::Tuple(_) => Vec::new(),
        Data::Enum(variants) => variants
            .iter()
            .flat_map(|v| match &v.style {
                Style::Struct(fields) => fields.iter().collect(),
                Style::Newtype(field) => vec![&**field],
                Style::Unit | Style::Tuple => Vec::new(),
            })
            .collect(),
    }
}

/// Generic types would need one schema per instantiation, under one Avro name.
fn check_generics(cx: &Ctxt, cont: &Container) {
    let generics = &cont.original.generics;
    let lifetime = generics.lifetimes().next();
    if let Some(param) = generics.type_params().next() {
        cx.error_spanned_by(
            &param.ident,
            format!("generic types are not supported: an Avro schema describes one concrete type, and every `{}<..>` would share its name; write a concrete struct per use", cont.ident),
        );
    } else if let Some(param) = generics.const_params().next() {
        cx.error_spanned_by(
            param,
            format!("const generics are not supported: an Avro schema describes one concrete type, and every `{}<..>` would share its name; write a concrete struct per use", cont.ident),
        );
    } else if let Some(param) = lifetime
        && !fields(cont).iter().any(|field| types::borrows(field.ty))
    {
        // With a borrowed field, the error on its type says the same, where the fix goes.
        cx.error_spanned_by(
            &param.lifetime,
            "lifetime parameters are not supported: decoding produces owned values, so fields cannot borrow; use owned types and remove the lifetime",
        );
    }
}

fn check_shape(cx: &Ctxt, cont: &Container, is_event: bool) {
    match &cont.data {
        Data::Tuple(fields) => cx.error_spanned_by(
            fields,
            format!("tuple structs with more than one field have no Avro mapping, since record fields need names: name the fields, `struct {} {{ a: A, b: B }}`", cont.ident),
        ),
        Data::Newtype(_) | Data::Enum(_) if is_event => cx.error_spanned_by(
            cont.ident,
            "`#[derive(Event)]` needs a struct with named fields (or a unit struct), which becomes an Avro record; use `#[derive(Avro)]` for newtypes and enums inside events",
        ),
        Data::Enum(variants) if variants.is_empty() => cx.error_spanned_by(
            cont.ident,
            "an enum without variants has no Avro mapping: an Avro enum needs at least one symbol and a union at least one branch; add a variant",
        ),
        _ => {}
    }
    if let Some((0, lit)) = &cont.attrs.version {
        cx.error_spanned_by(lit, "`#[event(version = 0)]`: versions start at 1");
    }
    if let Some(lit) = &cont.attrs.event_type
        && lit.value().trim().is_empty()
    {
        cx.error_spanned_by(
            lit,
            "`#[event(type = \"\")]`: the event type must not be empty; name what happened, `type = \"order.placed\"`, or leave `type` out to use the struct's name",
        );
    }
    if let Some(lit) = &cont.attrs.source
        && lit.value().trim().is_empty()
    {
        cx.error_spanned_by(
            lit,
            "`#[event(source = \"\")]`: the source must not be empty; name the producer, `source = \"order-service\"`, or leave `source` out to use the package name",
        );
    }
}

/// Version 1 has no previous major version to upcast from. (That the named type is the previous
/// version is checked by the generated code, which knows its `Event` impl.)
fn check_upcast_from(cx: &Ctxt, cont: &Container) {
    let Some(path) = &cont.attrs.upcast_from else {
        return;
    };
    let version = match &cont.attrs.version {
        Some((1, _)) => "`version = 1`",
        None => "version 1 (the default)",
        Some(_) => return,
    };
    let previous = quote::ToTokens::to_token_stream(path)
        .to_string()
        .replace(' ', "");
    cx.error_spanned_by(
        path,
        format!("`upcast_from` names the previous major version, and this event is {version}, which has none: give this event the next version, `version = 2` if `{previous}` is version 1, or remove `upcast_from`"),
    );
}

/// A newtype is its inner type's schema: the attributes that name or describe a schema of its
/// own, or a record field, would be silently ignored.
fn check_newtype(cx: &Ctxt, cont: &Container) {
    let Data::Newtype(field) = &cont.data else {
        return;
    };
    for (key, span) in &cont.attrs.keys {
        cx.syn_error(syn::Error::new(
            *span,
            format!("`#[avro({key})]` has no effect on a newtype, which takes its inner type's schema: put it on the inner type, or make this a struct with a named field"),
        ));
    }
    for (key, span) in newtype_field_keys(field) {
        cx.syn_error(syn::Error::new(
            span,
            format!("`{key}` has no effect on a newtype's field, which is not a record field: a newtype takes its inner type's schema; only `timestamp`, `precision` and `scale` apply here"),
        ));
    }
}

/// The keys on a newtype's (or newtype variant's) only field that have nothing to act on.
fn newtype_field_keys(field: &Field) -> impl Iterator<Item = (&'static str, proc_macro2::Span)> {
    field
        .attrs
        .keys
        .iter()
        .copied()
        .filter(|(key, _)| !matches!(*key, "timestamp" | "precision" | "scale"))
}

/// An Avro name: `[A-Za-z_][A-Za-z0-9_]*`.
pub fn is_avro_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn check_container_names(cx: &Ctxt, cont: &Container, is_event: bool) {
    let name = cont.avro_name();
    let name_span = cont
        .attrs
        .name
        .as_ref()
        .or(cont.attrs.serde.rename.as_ref())
        .map_or_else(|| cont.ident.span(), syn::LitStr::span);
    if !is_avro_name(&name) && !matches!(cont.data, Data::Newtype(_)) {
        let hint = if cont.attrs.name.is_some() {
            ""
        } else {
            "; set one with `#[avro(name = \"...\")]`"
        };
        cx.syn_error(syn::Error::new(
            name_span,
            format!("`{name}` is not a valid Avro name: names start with a letter or `_` and hold only letters, digits and `_`{hint}"),
        ));
    }
    if let Some(namespace) = &cont.attrs.namespace {
        let value = namespace.value();
        if !value.split('.').all(is_avro_name) {
            cx.error_spanned_by(
                namespace,
                format!("`{value}` is not a valid Avro namespace: use dot-separated names such as `com.acme.orders`"),
            );
        } else if is_event && value.split('.').next_back().is_some_and(is_version_segment) {
            cx.error_spanned_by(
                namespace,
                format!("the namespace `{value}` already ends in a version; leave it out, since `#[derive(Event)]` appends `.v{{version}}` itself"),
            );
        }
    }
    for alias in &cont.attrs.aliases {
        check_type_alias(cx, alias);
    }
}

/// A named type's alias: a name, or a full name with its namespace.
fn check_type_alias(cx: &Ctxt, alias: &syn::LitStr) {
    let value = alias.value();
    if !value.split('.').all(is_avro_name) {
        cx.error_spanned_by(
            alias,
            format!("`{value}` is not a valid Avro alias: aliases are names or full names such as `com.acme.OldName`, whose parts start with a letter or `_` and hold only letters, digits and `_`"),
        );
    }
}

fn is_version_segment(segment: &str) -> bool {
    segment.len() > 1
        && segment.starts_with('v')
        && segment[1..].bytes().all(|b| b.is_ascii_digit())
}

fn check_enum_default(cx: &Ctxt, cont: &Container) {
    let Some(symbol) = &cont.attrs.default_symbol else {
        return;
    };
    match &cont.data {
        Data::Enum(variants) if variants.iter().all(|v| matches!(v.style, Style::Unit)) => {
            let value = symbol.value();
            if !variants.iter().any(|v| v.avro_name == value) {
                let symbols: Vec<_> = variants.iter().map(|v| v.avro_name.as_str()).collect();
                let hint = symbols
                    .iter()
                    .find(|s| attr::edit_distance(s, &value) <= 2)
                    .map(|s| format!("did you mean `{s}`? "))
                    .unwrap_or_default();
                cx.error_spanned_by(
                    symbol,
                    format!("the default symbol `{value}` is not a symbol of this enum; {hint}Its symbols are {}", symbols.join(", ")),
                );
            }
        }
        Data::Enum(_) => cx.error_spanned_by(
            symbol,
            "a default symbol needs an enum of unit variants (an Avro enum); an enum with data is a union, which has no default symbol: remove `default`",
        ),
        _ => cx.error_spanned_by(
            symbol,
            "`#[avro(default = ...)]` on a type names an enum's fallback symbol, and a struct has none: put a field's default on the field",
        ),
    }
}

/// The serde keys on a type that would make serde's JSON another shape than the Avro record.
fn check_serde_shape(cx: &Ctxt, cont: &Container) {
    if let Some(span) = cont.attrs.serde.into {
        cx.syn_error(syn::Error::new(
            span,
            "`#[serde(into = \"...\")]` makes serde write another type's shape, while Avro writes this type's fields: derive `Avro` on the type serde converts to and put that type in the event, or remove `into`",
        ));
    }
    if let (Some(symbol), Data::Enum(variants)) = (&cont.attrs.default_symbol, &cont.data)
        && let Some(other) = variants.iter().find(|v| v.attrs.serde.other.is_some())
        && other.avro_name != symbol.value()
    {
        cx.error_spanned_by(
            symbol,
            format!("the default symbol `{}` differs from the `#[serde(other)]` variant `{}`, which serde reads unknown tags as: Avro readers fall back to the default symbol, so make them one, or remove `default`", symbol.value(), other.avro_name),
        );
    }
}

/// The serde keys on a field that would make serde's JSON another shape than the Avro record.
fn check_serde_field(cx: &Ctxt, field: &Field) {
    let serde = &field.attrs.serde;
    if let Some(span) = serde.skip_serializing_only {
        cx.syn_error(syn::Error::new(
            span,
            "`#[serde(skip_serializing)]` without `skip_deserializing`: serde never writes this field but reads it, and an Avro schema has one set of fields for both; use `#[serde(skip)]` to leave it out of both, or remove `skip_serializing`",
        ));
    }
    if serde.flatten.is_some() && !field.skipped() {
        for (key, span) in &field.attrs.keys {
            cx.syn_error(syn::Error::new(
                *span,
                format!("`{key}` has no effect on a `#[serde(flatten)]` field, which is no Avro field of its own: its record's fields are inlined; put it on those fields"),
            ));
        }
    }
}

fn check_field_conflicts(cx: &Ctxt, field: &Field) {
    let attrs = &field.attrs;
    let skip = match (&attrs.skip, &attrs.serde.skip) {
        (Some(_), _) => Some("`skip`"),
        (None, Some(_)) => Some("`#[serde(skip)]`"),
        (None, None) => None,
    };
    if let Some(skip) = skip {
        for (key, span) in &attrs.keys {
            match (*key, &attrs.default) {
                ("skip", _) | ("default", attr::Default::Rust(_)) => {}
                ("default", attr::Default::Literal(_, written)) => cx.error_spanned_by(
                    written,
                    format!("a default value conflicts with {skip}: a skipped field is not in the schema, and decoding fills it with its Rust `Default`; remove the value, or give serde a function, `#[serde(default = \"path\")]`"),
                ),
                _ => cx.syn_error(syn::Error::new(
                    *span,
                    format!("`{key}` conflicts with {skip}: a skipped field is not in the schema"),
                )),
            }
        }
    }
    if let (Some(_), Some((_, precision))) = (&attrs.timestamp, &attrs.precision) {
        cx.error_spanned_by(
            precision,
            "`precision` conflicts with `timestamp`: a field is either a timestamp or a decimal",
        );
    }
    if let (Some((_, scale)), None) = (&attrs.scale, &attrs.precision) {
        cx.error_spanned_by(
            scale,
            "`scale` needs `precision`: `#[avro(precision = 10, scale = 2)]`",
        );
    }
    if let Some((precision, lit)) = &attrs.precision {
        if !(1..=28).contains(precision) {
            cx.error_spanned_by(
                lit,
                "`precision` must be 1 to 28, the digits `rust_decimal::Decimal` holds",
            );
        }
        if let Some((scale, scale_lit)) = &attrs.scale
            && scale > precision
        {
            cx.error_spanned_by(
                scale_lit,
                format!("`scale` ({scale}) cannot exceed `precision` ({precision})"),
            );
        }
    }
    let logical = attrs.is_logical();
    if let (true, attr::Default::Rust(span)) = (logical, &attrs.default) {
        cx.syn_error(syn::Error::new(
            *span,
            "a timestamp or decimal field needs a literal default (`default = 0`), since the Rust default has no unit or scale",
        ));
    }
}

/// Whether a literal default suits the field's type is decided by the type's own `Avro` impl, in
/// an assertion the schema code carries; here only what no type could take.
fn check_field_default(cx: &Ctxt, field: &Field) {
    let attr::Default::Literal(lit, written) = &field.attrs.default else {
        return;
    };
    if !matches!(
        lit,
        Lit::Str(_) | Lit::Int(_) | Lit::Float(_) | Lit::Bool(_)
    ) {
        cx.error_spanned_by(
            written,
            format!(
                "a default is a string, integer, float or boolean literal, not {}: `default = \"USD\"`, `default = 0`",
                attr::with_article(lit_kind(lit))
            ),
        );
    }
}

fn check_record_fields(cx: &Ctxt, cont: &Container) {
    match &cont.data {
        Data::Record(fields) => check_field_names(cx, fields),
        Data::Enum(variants) => {
            for variant in variants {
                if let Style::Struct(fields) = &variant.style {
                    check_field_names(cx, fields);
                }
            }
        }
        _ => {}
    }
}

fn check_field_names(cx: &Ctxt, fields: &[Field]) {
    let mut seen: HashMap<&str, &Field> = HashMap::new();
    for field in fields.iter().filter(|f| !f.skipped()) {
        // Where the name comes from: the rename that set it, else the field's own name.
        let span_source = field
            .attrs
            .rename
            .as_ref()
            .or(field.attrs.serde.rename.as_ref())
            .map(syn::LitStr::span)
            .unwrap_or_else(|| {
                field
                    .original
                    .ident
                    .as_ref()
                    .map_or_else(proc_macro2::Span::call_site, |i| i.span())
            });
        if !is_avro_name(&field.avro_name) {
            cx.syn_error(syn::Error::new(
                span_source,
                format!("`{}` is not a valid Avro field name: names start with a letter or `_` and hold only letters, digits and `_`; set one with `#[avro(rename = \"...\")]`", field.avro_name),
            ));
        }
        if let Some(first) = seen.insert(&field.avro_name, field) {
            let first_name = first
                .original
                .ident
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default();
            cx.syn_error(syn::Error::new(
                span_source,
                format!("duplicate Avro field name `{}`: field `{first_name}` already has it; rename one with `#[avro(rename = \"...\")]`", field.avro_name),
            ));
        }
        for alias in &field.attrs.aliases {
            if !is_avro_name(&alias.value()) {
                cx.error_spanned_by(
                    alias,
                    format!("`{}` is not a valid Avro field alias: aliases are field names, which start with a letter or `_` and hold only letters, digits and `_`", alias.value()),
                );
            }
        }
    }
}

fn check_variants(cx: &Ctxt, cont: &Container) {
    let Data::Enum(variants) = &cont.data else {
        return;
    };
    let unit_only = variants.iter().all(|v| matches!(v.style, Style::Unit));
    let mut seen: HashMap<&str, &Variant> = HashMap::new();
    for variant in variants {
        match &variant.style {
            Style::Tuple => cx.error_spanned_by(
                &variant.original.fields,
                format!("tuple variants with more than one field have no Avro mapping, since record fields need names: name the fields, `{} {{ a: A, b: B }}`", variant.ident),
            ),
            Style::Newtype(field) => {
                for (key, span) in &variant.attrs.keys {
                    cx.syn_error(syn::Error::new(
                        *span,
                        format!("`{key}` has no effect on a newtype variant, whose union branch is its inner type's schema: put it on the inner type, or name the field, `{} {{ value: T }}`, to give the variant a record", variant.ident),
                    ));
                }
                for (key, span) in newtype_field_keys(field) {
                    cx.syn_error(syn::Error::new(
                        span,
                        format!("`{key}` has no effect on a newtype variant's field, which is not a record field: only `timestamp`, `precision` and `scale` apply here; name the field, `{} {{ value: T }}`, to give it a record", variant.ident),
                    ));
                }
            }
            Style::Unit if unit_only => {
                for (key, span) in &variant.attrs.keys {
                    let msg = match *key {
                        "aliases" => "Avro enum symbols have no aliases: readers map an unknown symbol to the enum's default, `#[avro(default = \"...\")]` on the enum",
                        "doc" => "Avro enum symbols have no doc: document the enum instead",
                        _ => continue,
                    };
                    cx.syn_error(syn::Error::new(*span, msg));
                }
            }
            Style::Unit | Style::Struct(_) => {}
        }
        let span = variant
            .attrs
            .rename
            .as_ref()
            .or(variant.attrs.serde.rename.as_ref())
            .map_or_else(|| variant.ident.span(), syn::LitStr::span);
        if !is_avro_name(&variant.avro_name) {
            cx.syn_error(syn::Error::new(
                span,
                format!("`{}` is not a valid Avro name: names start with a letter or `_` and hold only letters, digits and `_`; set one with `#[avro(rename = \"...\")]`", variant.avro_name),
            ));
        }
        if let Some(first) = seen.insert(&variant.avro_name, variant) {
            cx.syn_error(syn::Error::new(
                span,
                format!("duplicate Avro name `{}`: variant `{}` already has it; rename one with `#[avro(rename = \"...\")]`", variant.avro_name, first.ident),
            ));
        }
        if !unit_only && !matches!(variant.style, Style::Newtype(_)) {
            for alias in &variant.attrs.aliases {
                check_type_alias(cx, alias);
            }
        }
    }
}
