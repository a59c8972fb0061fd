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
    check_container_names(cx, cont, is_event);
    check_enum_default(cx, cont);
    for field in fields(cont) {
        types::check(cx, field.ty);
        check_field_conflicts(cx, field);
        check_field_default(cx, field);
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
    if let Some(param) = generics.params.first() {
        cx.error_spanned_by(
            param,
            "generic types are not supported: an Avro schema names concrete types; write a concrete struct per use, or a type alias",
        );
    }
}

fn check_shape(cx: &Ctxt, cont: &Container, is_event: bool) {
    match &cont.data {
        Data::Tuple(fields) => cx.error_spanned_by(
            fields,
            "tuple structs with more than one field have no Avro mapping: name the fields",
        ),
        Data::Newtype(_) | Data::Enum(_) if is_event => cx.error_spanned_by(
            cont.ident,
            "`#[derive(Event)]` needs a struct with named fields (or a unit struct), which becomes an Avro record; use `#[derive(Avro)]` for newtypes and enums inside events",
        ),
        Data::Enum(variants) if variants.is_empty() => cx.error_spanned_by(
            cont.ident,
            "an enum without variants has no values to encode: add a variant",
        ),
        _ => {}
    }
    if let Some((0, lit)) = &cont.attrs.version {
        cx.error_spanned_by(lit, "`#[event(version = 0)]`: versions start at 1");
    }
    for lit in [&cont.attrs.event_type, &cont.attrs.source]
        .into_iter()
        .flatten()
    {
        if lit.value().trim().is_empty() {
            cx.error_spanned_by(lit, "must not be empty");
        }
    }
    if let (Some(path), Data::Newtype(_)) = (&cont.attrs.name, &cont.data) {
        cx.error_spanned_by(
            path,
            "`#[avro(name)]` has no effect on a newtype, which takes its inner type's schema",
        );
    }
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
        .map(|n| n.span())
        .unwrap_or_else(|| cont.ident.span());
    if !is_avro_name(&name) {
        cx.syn_error(syn::Error::new(
            name_span,
            format!("`{name}` is not a valid Avro name: names start with a letter or `_` and hold only letters, digits and `_`"),
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
        if !alias.value().split('.').all(is_avro_name) {
            cx.error_spanned_by(
                alias,
                "not a valid Avro name: aliases are names or full names such as `com.acme.OldName`",
            );
        }
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
            if !variants.iter().any(|v| v.avro_name == symbol.value()) {
                let symbols: Vec<_> = variants.iter().map(|v| v.avro_name.as_str()).collect();
                cx.error_spanned_by(
                    symbol,
                    format!("the default symbol `{}` is not a variant of this enum; its symbols are {}", symbol.value(), symbols.join(", ")),
                );
            }
        }
        Data::Enum(_) => cx.error_spanned_by(
            symbol,
            "a default symbol needs an enum of unit variants (an Avro enum); enums with data are unions, which have no default symbol",
        ),
        _ => cx.error_spanned_by(
            symbol,
            "`#[avro(default = ...)]` on a type names an enum's fallback symbol; put a field's default on the field",
        ),
    }
}

fn check_field_conflicts(cx: &Ctxt, field: &Field) {
    let attrs = &field.attrs;
    if attrs.skip.is_some() {
        for (key, span) in &attrs.keys {
            if *key != "default" {
                cx.syn_error(syn::Error::new(
                    *span,
                    format!("`{key}` conflicts with `skip`: a skipped field is not in the schema"),
                ));
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
    let logical = attrs.timestamp.is_some() || attrs.precision.is_some();
    if let (true, attr::Default::Rust(span)) = (logical, &attrs.default) {
        cx.syn_error(syn::Error::new(
            *span,
            "a timestamp or decimal field needs a literal default (`default = 0`), since the Rust default has no unit or scale",
        ));
    }
}

fn check_field_default(cx: &Ctxt, field: &Field) {
    let attr::Default::Literal(lit) = &field.attrs.default else {
        return;
    };
    if types::is_ident(field.ty, "Option") {
        cx.error_spanned_by(
            lit,
            "an `Option` field's default is always null, since Avro takes a union's default from its first branch (`null`); remove `default`",
        );
        return;
    }
    let expected = primitive_literal(field.ty);
    let fits = matches!(
        (expected, lit),
        (None, _)
            | (Some("string"), Lit::Str(_))
            | (Some("integer"), Lit::Int(_))
            | (Some("boolean"), Lit::Bool(_))
            | (Some("number"), Lit::Int(_) | Lit::Float(_))
    );
    if !fits {
        let expected = expected.unwrap_or_default();
        cx.error_spanned_by(
            lit,
            format!(
                "this field's default must be a {expected} literal, not a {}",
                lit_kind(lit)
            ),
        );
    }
}

/// The literal kind a field of a primitive Rust type takes as its default, when the type says.
fn primitive_literal(ty: &syn::Type) -> Option<&'static str> {
    const KINDS: &[(&str, &str)] = &[
        ("String", "string"),
        ("Uuid", "string"),
        ("bool", "boolean"),
        ("i8", "integer"),
        ("i16", "integer"),
        ("i32", "integer"),
        ("i64", "integer"),
        ("u8", "integer"),
        ("u16", "integer"),
        ("u32", "integer"),
        ("f32", "number"),
        ("f64", "number"),
    ];
    KINDS
        .iter()
        .find(|(name, _)| types::is_ident(ty, name))
        .map(|(_, kind)| *kind)
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
        let span_source = field
            .attrs
            .rename
            .as_ref()
            .map(|r| r.span())
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
    }
}

fn check_variants(cx: &Ctxt, cont: &Container) {
    let Data::Enum(variants) = &cont.data else {
        return;
    };
    let mut seen: HashMap<&str, &Variant> = HashMap::new();
    for variant in variants {
        if let Style::Tuple = variant.style {
            cx.error_spanned_by(
                &variant.original.fields,
                "tuple variants with more than one field have no Avro mapping: name the fields, `Variant { a: A, b: B }`",
            );
        }
        let span = variant
            .attrs
            .rename
            .as_ref()
            .map_or_else(|| variant.ident.span(), |r| r.span());
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
    }
}
