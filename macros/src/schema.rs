//! `Avro::write_schema`: records, enums, unions and newtypes.

use crate::internals::ast::{Container, Data, Field, Style, Variant};
use crate::internals::attr;
use crate::names::Names;
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

pub fn write_schema(cont: &Container, names: &Names) -> TokenStream {
    let body = match &cont.data {
        Data::Record(fields) => {
            let header = header(
                "record",
                &names.name,
                &names.namespace,
                &cont.attrs.doc,
                &cont.attrs.aliases,
            );
            record(&names.full_name, header, fields, cont)
        }
        Data::Newtype(field) => field_type(field),
        Data::Enum(variants) if is_unit_only(variants) => {
            let header = header(
                "enum",
                &names.name,
                &names.namespace,
                &cont.attrs.doc,
                &cont.attrs.aliases,
            );
            let symbols = variants.iter().map(|v| &v.avro_name);
            // Serde reads unknown tags as the `#[serde(other)]` variant; Avro readers read unknown
            // symbols as the default.
            let other = variants.iter().find(|v| v.attrs.serde.other.is_some());
            let default = match (&cont.attrs.default_symbol, other) {
                (Some(symbol), _) => quote!(::core::option::Option::Some(#symbol)),
                (None, Some(variant)) => {
                    let symbol = &variant.avro_name;
                    quote!(::core::option::Option::Some(#symbol))
                }
                (None, None) => quote!(::core::option::Option::None),
            };
            let full_name = &names.full_name;
            quote! {
                __builder.named(#full_name, |_| {
                    _tidings::__private::enum_schema(#header, &[#(#symbols),*], #default)
                })
            }
        }
        Data::Enum(variants) => {
            let checks = union_checks(variants, cont.ident);
            let branches = variants
                .iter()
                .map(|variant| variant_branch(variant, names, cont));
            quote! {
                #checks
                _tidings::__private::Value::Array(::std::vec![#(#branches),*])
            }
        }
        Data::Tuple(_) => unreachable!("rejected by the checks"),
    };
    let checks = mapping_checks(cont);
    quote! {
        fn write_schema(__builder: &mut _tidings::SchemaBuilder) -> _tidings::__private::Value {
            #checks
            #body
        }
    }
}

pub fn is_unit_only(variants: &[Variant]) -> bool {
    variants.iter().all(|v| matches!(v.style, Style::Unit))
}

fn header(
    kind: &str,
    name: &str,
    namespace: &TokenStream,
    doc: &Option<String>,
    aliases: &[syn::LitStr],
) -> TokenStream {
    let doc = option_str(doc.as_deref());
    quote!(_tidings::__private::named_type(#kind, #name, #namespace, #doc, &[#(#aliases),*]))
}

fn option_str(s: Option<&str>) -> TokenStream {
    match s {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    }
}

fn record(
    full_name: &TokenStream,
    header: TokenStream,
    fields: &[Field],
    cont: &Container,
) -> TokenStream {
    let kept: Vec<&Field> = fields.iter().filter(|f| !f.skipped()).collect();
    let flattens = kept.iter().any(|f| f.attrs.serde.flatten.is_some());
    let fields = kept.iter().map(|field| {
        if let Some(flatten) = field.attrs.serde.flatten {
            return flattened(field, flatten, cont.ident);
        }
        let name = &field.avro_name;
        let ty = field_type(field);
        let doc = option_str(field.attrs.doc.as_deref());
        let aliases = field
            .attrs
            .aliases
            .iter()
            .map(syn::LitStr::value)
            .chain(field.attrs.serde.aliases.iter().cloned());
        let default = field_default(field, cont);
        let default_check = literal_default_check(field, cont.ident);
        quote! {{
            #default_check
            let __type = #ty;
            let __default = #default;
            _tidings::__private::field(#name, #doc, &[#(#aliases),*], __type, __default)
        }}
    });
    if !flattens {
        return quote! {
            __builder.named(#full_name, |__builder| {
                let __fields = ::std::vec![#(#fields),*];
                _tidings::__private::record_schema(#header, __fields)
            })
        };
    }
    // Flattened records add several fields each.
    let pushes = kept.iter().zip(fields).map(|(field, value)| {
        if field.attrs.serde.flatten.is_some() {
            quote!(__fields.extend(#value);)
        } else {
            quote!(__fields.push(#value);)
        }
    });
    quote! {
        __builder.named(#full_name, |__builder| {
            let mut __fields = ::std::vec::Vec::new();
            #(#pushes)*
            _tidings::__private::record_schema(#header, __fields)
        })
    }
}

/// The fields of a `#[serde(flatten)]` field's record, inlined as serde inlines them in JSON. The
/// codec needs nothing: a record's encoding is its fields' encodings in order, so the inner
/// record's encoder writes exactly the inlined fields. A const item spanned on `flatten` refuses a
/// type that is not a derived record (a map, an `Option`), by its own impl.
fn flattened(field: &Field, flatten: proc_macro2::Span, ident: &syn::Ident) -> TokenStream {
    let ty = field.ty;
    let name = &field.avro_name;
    let shape = without_self(
        quote_spanned!(ty.span()=> <#ty as _tidings::Avro>::__SHAPE),
        ident,
    );
    let panic = quote_spanned!(flatten=> ::core::panic!("{}", __why));
    quote! {{
        const _: () = if let ::core::option::Option::Some(__why) =
            _tidings::__private::Shape::flatten_error(#shape)
        {
            #panic
        };
        _tidings::__private::flattened_fields::<#ty>(__builder, #name)
    }}
}

/// The schema of one field's type, honouring `timestamp` and `precision`/`scale`.
pub fn field_type(field: &Field) -> TokenStream {
    let ty = field.ty;
    let attrs = &field.attrs;
    if let Some((unit, _)) = &attrs.timestamp {
        let unit = time_unit(unit);
        quote_spanned!(ty.span()=> <#ty as _tidings::__private::TimestampField>::timestamp_schema(#unit))
    } else if let Some((precision, _)) = &attrs.precision {
        let scale = attrs.scale.as_ref().map_or(0, |(s, _)| *s);
        quote_spanned!(ty.span()=> <#ty as _tidings::__private::DecimalField>::decimal_schema(#precision, #scale))
    } else {
        quote_spanned!(ty.span()=> <#ty as _tidings::Avro>::write_schema(__builder))
    }
}

pub fn time_unit(unit: &attr::TimeUnit) -> TokenStream {
    match unit {
        attr::TimeUnit::Millis => quote!(_tidings::__private::TimeUnit::Millis),
        attr::TimeUnit::Micros => quote!(_tidings::__private::TimeUnit::Micros),
    }
}

/// `Option<Value>`: the field's Avro default, if it has one.
fn field_default(field: &Field, cont: &Container) -> TokenStream {
    let ty = field.ty;
    let name = &field.avro_name;
    let from_rust = |value: TokenStream| {
        quote_spanned! {ty.span()=>
            ::core::option::Option::Some(_tidings::__private::default_json::<#ty>(&#value, &__type, __builder, #name))
        }
    };
    let logical = field.attrs.is_logical();
    match &field.attrs.default {
        attr::Default::Literal(lit, _) => {
            return quote!(::core::option::Option::Some(
                _tidings::__private::json!(#lit)
            ));
        }
        attr::Default::Rust(_) => {
            return from_rust(quote!(<#ty as ::core::default::Default>::default()));
        }
        attr::Default::None => {}
    }
    match &field.attrs.serde.default {
        _ if logical => {}
        attr::SerdeDefault::Default => {
            return from_rust(quote!(<#ty as ::core::default::Default>::default()));
        }
        attr::SerdeDefault::Path(path) => return from_rust(quote!(#path())),
        attr::SerdeDefault::None => {}
    }
    let in_struct = matches!(cont.data, Data::Record(_));
    if !logical && in_struct && matches!(cont.attrs.serde.default, attr::SerdeDefault::Default) {
        let member = &field.member;
        return from_rust(quote!(<Self as ::core::default::Default>::default().#member));
    }
    // Whatever spells it (`Option<T>`, `Box<Option<T>>`, a newtype of one), a union led by
    // `null` defaults to null; the trait that writes the field says whether it is one.
    let nullable = if logical {
        let shape = field_shape(field);
        quote!(_tidings::__private::Shape::is_nullable(#shape))
    } else {
        quote_spanned!(ty.span()=> <#ty as _tidings::Avro>::__NULLABLE)
    };
    quote_spanned! {ty.span()=>
        if #nullable {
            ::core::option::Option::Some(_tidings::__private::Value::Null)
        } else {
            ::core::option::Option::None
        }
    }
}

/// The schema of a variant: its record, or for a newtype variant its inner type's.
fn variant_branch(variant: &Variant, names: &Names, cont: &Container) -> TokenStream {
    match &variant.style {
        Style::Newtype(field) => field_type(field),
        Style::Unit | Style::Struct(_) => {
            let record_name = variant_record_name(variant, names);
            let full_name = names.sibling(&record_name);
            let header = header(
                "record",
                &record_name,
                &names.namespace,
                &variant.attrs.doc,
                &variant.attrs.aliases,
            );
            let fields: &[Field] = match &variant.style {
                Style::Struct(fields) => fields,
                _ => &[],
            };
            record(&full_name, header, fields, cont)
        }
        Style::Tuple => unreachable!("rejected by the checks"),
    }
}

/// A variant's record is named `{Enum}{Variant}` unless `#[avro(rename)]` names it.
pub fn variant_record_name(variant: &Variant, names: &Names) -> String {
    match &variant.attrs.rename {
        Some(rename) => rename.value(),
        None => format!("{}{}", names.name, variant.ident),
    }
}

/// The field's `Shape`, from the trait that writes it: the type's `Avro` impl, or the logical-type
/// trait a `timestamp` or `precision` attribute routes it through.
pub fn field_shape(field: &Field) -> TokenStream {
    let ty = field.ty;
    let attrs = &field.attrs;
    if attrs.timestamp.is_some() {
        quote_spanned!(ty.span()=> <#ty as _tidings::__private::TimestampField>::SHAPE)
    } else if attrs.precision.is_some() {
        quote_spanned!(ty.span()=> <#ty as _tidings::__private::DecimalField>::SHAPE)
    } else {
        quote_spanned!(ty.span()=> <#ty as _tidings::Avro>::__SHAPE)
    }
}

/// A const item asserting that the field's type takes its literal default, spanned on the literal.
/// The type's impl decides (an `Option` defaults to null, a `u8` holds 0 to 255), so a user's type
/// is judged by what it is, whatever its name.
fn literal_default_check(field: &Field, ident: &syn::Ident) -> TokenStream {
    let attr::Default::Literal(lit, written) = &field.attrs.default else {
        return quote!();
    };
    let literal = match lit {
        syn::Lit::Str(_) => quote!(Str),
        syn::Lit::Int(int) => match int.base10_parse::<i64>() {
            Ok(value) => quote!(Int(::core::option::Option::Some(#value))),
            Err(_) => quote!(Int(::core::option::Option::None)),
        },
        syn::Lit::Float(_) => quote!(Float),
        syn::Lit::Bool(_) => quote!(Bool),
        _ => return quote!(), // rejected by the checks
    };
    let shape = without_self(field_shape(field), ident);
    // The panic spans the literal as written, from its first token (`-`) to its last.
    let mut tokens = written.clone().into_iter();
    let first = tokens.next().map_or_else(|| lit.span(), |t| t.span());
    let last = tokens.last().map_or(first, |t| t.span());
    let panic = quote_spanned!(first=> ::core::panic!);
    let args = quote_spanned!(last=> ("{}", __why));
    quote! {
        // An item, not an inline `const { }`: `cargo check` evaluates items too.
        const _: () = if let ::core::option::Option::Some(__why) =
            _tidings::__private::Shape::default_error(#shape, _tidings::__private::Literal::#literal)
        {
            #panic #args
        };
    }
}

/// Const items asserting what a union may hold, given by each newtype variant's type: no union
/// (an `Option`, an enum with data), and no two branches of one unnamed type (`int`, `string`,
/// `array`, ...). Named types are told apart by their full names, which the schema parser checks.
fn union_checks(variants: &[Variant], ident: &syn::Ident) -> TokenStream {
    let newtypes: Vec<_> = variants
        .iter()
        .filter_map(|variant| match &variant.style {
            Style::Newtype(field) => {
                Some((variant, field, without_self(field_shape(field), ident)))
            }
            _ => None,
        })
        .collect();
    let mut checks = Vec::new();
    for (index, (variant, field, shape)) in newtypes.iter().enumerate() {
        let span = field.ty.span();
        // Braces doubled twice: `assert!` reads its message as a format string.
        let message = format!(
            "the newtype variant `{0}` holds a union (an `Option` or an enum with data), and Avro forbids a union inside a union: for an `Option`, add a unit variant for the empty case and hold the inner type, `{0}(T)`; else give the variant a record, `{0} {{{{ value: T }}}}`",
            variant.ident
        );
        checks.push(quote_spanned! {span=>
            const _: () = ::core::assert!(!_tidings::__private::Shape::is_union(#shape), #message);
        });
        for (earlier, _, earlier_shape) in &newtypes[..index] {
            let message = format!(
                "variants `{1}` and `{0}` are the same unnamed Avro type, and a union holds one branch per unnamed type (one `int`, one `string`, one `array`, ...), so a reader could not tell them apart: name the field, `{0} {{{{ value: T }}}}`, to give one a record",
                variant.ident, earlier.ident
            );
            checks.push(quote_spanned! {span=>
                const _: () = ::core::assert!(
                    !_tidings::__private::Shape::same_branch(#earlier_shape, #shape),
                    #message
                );
            });
        }
    }
    quote!(#(#checks)*)
}

/// `tokens` with `Self` replaced by the type's name: the const items above are items of their
/// own, where `Self` does not reach.
fn without_self(tokens: TokenStream, ident: &syn::Ident) -> TokenStream {
    use proc_macro2::{Group, TokenTree};
    tokens
        .into_iter()
        .map(|token| match token {
            TokenTree::Ident(word) if word == "Self" => {
                TokenTree::Ident(syn::Ident::new(&ident.to_string(), word.span()))
            }
            TokenTree::Group(group) => {
                let mut inner = Group::new(group.delimiter(), without_self(group.stream(), ident));
                inner.set_span(group.span());
                TokenTree::Group(inner)
            }
            other => other,
        })
        .collect()
}

/// A const item asserting that every field's type has a mapping once its parts are combined
/// (`Option<Option<T>>` has none), spanned on each field's type.
fn mapping_checks(cont: &Container) -> TokenStream {
    let fields: Vec<&Field> = match &cont.data {
        Data::Record(fields) => fields.iter().collect(),
        Data::Newtype(field) => vec![field],
        Data::Enum(variants) => variants
            .iter()
            .flat_map(|variant| match &variant.style {
                Style::Struct(fields) => fields.iter().collect(),
                Style::Newtype(field) => vec![&**field],
                Style::Unit | Style::Tuple => Vec::new(),
            })
            .collect(),
        Data::Tuple(_) => Vec::new(),
    };
    let checks = fields.iter().filter(|f| !f.skipped()).map(|field| {
        let shape = without_self(field_shape(field), cont.ident);
        let panic = quote_spanned!(field.ty.span()=> ::core::panic!("{}", __why));
        quote! {
            if let ::core::option::Option::Some(__why) = _tidings::__private::Shape::invalid(#shape) {
                #panic
            }
        }
    });
    quote! {
        // An item, not an inline `const { }`: `cargo check` evaluates items too.
        const _: () = { #(#checks)* };
    }
}
