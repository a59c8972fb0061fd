//! Where each record and field is declared, submitted to the catalog, so that a compatibility
//! report can point at the line of Rust that a schema problem comes from.

use crate::internals::ast::{Container, Data, Field, Style};
use crate::names::Names;
use crate::schema::variant_record_name;
use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};

/// One `inventory::submit!` per record the type defines: itself, or its variants' records.
pub fn submit(cont: &Container, names: &Names) -> TokenStream {
    let records: Vec<TokenStream> = match &cont.data {
        Data::Record(fields) => vec![record(&names.full_name, cont.ident.span(), fields)],
        Data::Enum(variants) => variants
            .iter()
            .filter_map(|variant| match &variant.style {
                Style::Struct(fields) => {
                    let full_name = names.sibling(&variant_record_name(variant, names));
                    Some(record(&full_name, variant.ident.span(), fields))
                }
                _ => None,
            })
            .collect(),
        Data::Newtype(_) | Data::Tuple(_) => Vec::new(),
    };
    quote!(#(_tidings::__private::inventory::submit! { #records })*)
}

fn record(full_name: &TokenStream, span: Span, fields: &[Field]) -> TokenStream {
    let record_location = location(span);
    let fields = fields.iter().filter(|f| !f.skipped()).map(|field| {
        let name = &field.avro_name;
        let field_location = location(field_span(field));
        quote!(_tidings::__private::FieldSource { name: #name, #field_location })
    });
    quote! {
        _tidings::__private::RecordSource {
            avro_name: #full_name,
            #record_location
            fields: &[#(#fields),*],
        }
    }
}

/// The field's name, where there is one: that is what the reader's eye looks for.
fn field_span(field: &Field) -> Span {
    match &field.original.ident {
        Some(ident) => ident.span(),
        None => syn::spanned::Spanned::span(&field.ty),
    }
}

/// A `Location` of `file!()`, `line!()` and `column!()` spanned to the token, so they name its
/// position.
pub fn location(span: Span) -> TokenStream {
    quote_spanned! {span=>
        location: _tidings::catalog::Location {
            file: ::core::file!(),
            line: ::core::line!(),
            column: ::core::column!(),
        },
    }
}
