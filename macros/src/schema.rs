//! `Avro::write_schema`: records, enums, unions and newtypes.

use crate::internals::ast::{Container, Data, Field, Style, Variant};
use crate::internals::{attr, types};
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
            let default = match &cont.attrs.default_symbol {
                Some(symbol) => quote!(::core::option::Option::Some(#symbol)),
                None => quote!(::core::option::Option::None),
            };
            let full_name = &names.full_name;
            quote! {
                __builder.named(#full_name, |_| {
                    _tidings::__private::enum_schema(#header, &[#(#symbols),*], #default)
                })
            }
        }
        Data::Enum(variants) => {
            let branches = variants
                .iter()
                .map(|variant| variant_branch(variant, names, cont));
            quote!(_tidings::__private::Value::Array(
                ::std::vec![#(#branches),*]
            ))
        }
        Data::Tuple(_) => unreachable!("rejected by the checks"),
    };
    quote! {
        fn write_schema(__builder: &mut _tidings::SchemaBuilder) -> _tidings::__private::Value {
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
    let fields = fields.iter().filter(|f| !f.skipped()).map(|field| {
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
        quote! {{
            let __type = #ty;
            let __default = #default;
            _tidings::__private::field(#name, #doc, &[#(#aliases),*], __type, __default)
        }}
    });
    quote! {
        __builder.named(#full_name, |__builder| {
            let __fields = ::std::vec![#(#fields),*];
            _tidings::__private::record_schema(#header, __fields)
        })
    }
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
    if logical {
        // A logical-type codec, not the Rust type, writes the field: go by the type's name.
        return if types::is_ident(ty, "Option") {
            quote!(::core::option::Option::Some(
                _tidings::__private::Value::Null
            ))
        } else {
            quote!(::core::option::Option::None)
        };
    }
    // Whatever spells it (`Option<T>`, `Box<Option<T>>`, a newtype of one), a union led by
    // `null` defaults to null.
    quote_spanned! {ty.span()=>
        if <#ty as _tidings::Avro>::__NULLABLE {
            ::core::option::Option::Some(_tidings::__private::Value::Null)
        } else {
            ::core::option::Option::None
        }
    }
}

fn variant_branch(variant: &Variant, names: &Names, cont: &Container) -> TokenStream {
    match &variant.style {
        Style::Newtype(field) => {
            // An `Option` is caught by name in the checks; this catches every other union (an enum
            // with data, an alias or newtype of one) where types are known, at compile time.
            let schema = field_type(field);
            if field.attrs.is_logical() {
                return schema; // a `long` or `bytes`, whatever the Rust type
            }
            let ty = field.ty;
            // Braces doubled twice: `assert!` reads its message as a format string.
            let message = format!(
                "the newtype variant `{0}` holds a union (an enum with data or an `Option`), and Avro forbids a union inside a union: give the variant a record, `{0} {{{{ value: T }}}}`",
                variant.ident
            );
            quote_spanned! {ty.span()=>
                {
                    // An item, not an inline `const { }`: `cargo check` evaluates items too.
                    const _: () = ::std::assert!(<#ty as _tidings::Avro>::__BRANCHES == 1, #message);
                    #schema
                }
            }
        }
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
