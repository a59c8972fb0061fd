//! `Avro::decode_avro`: fields in schema order from a bounds-checked reader; every failure carries
//! the field's name.

use crate::internals::ast::{Container, Data, Field, Style, Variant};
use crate::internals::attr::SerdeDefault;
use crate::names::Names;
use crate::schema::{is_unit_only, time_unit};
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

pub fn decode(cont: &Container, names: &Names) -> TokenStream {
    let reader = quote!(__reader: &mut _tidings::__private::Reader<'_>);
    let result = quote!(::core::result::Result<Self, _tidings::__private::DecodeError>);
    match &cont.data {
        Data::Record(fields) => {
            let construct = construct(quote!(Self), fields);
            let min_lens = fields.iter().map(min_wire_len);
            quote! {
                const __MIN_WIRE_LEN: usize = 0 #(+ #min_lens)*;

                // Machine code is made where a record is decoded, as for serde's generic
                // derives: a contracts crate with many events pays nothing for unused decoders.
                #[inline]
                fn decode_avro(#reader) -> #result {
                    __reader.enter()?;
                    let __value = #construct;
                    __reader.leave();
                    ::core::result::Result::Ok(__value)
                }
            }
        }
        Data::Newtype(field) => {
            let read = decode_field(field);
            let member = &field.member;
            let min_len = min_wire_len(field);
            quote! {
                const __MIN_WIRE_LEN: usize = #min_len;

                #[inline]
                fn decode_avro(#reader) -> #result {
                    ::core::result::Result::Ok(Self { #member: #read? })
                }
            }
        }
        Data::Enum(variants) if is_unit_only(variants) => {
            let count = variants.len();
            let full_name = &names.full_name;
            let arms = match_arms(variants, |variant| {
                let ident = variant.ident;
                quote!(Self::#ident)
            });
            quote! {
                #[inline]
                fn decode_avro(#reader) -> #result {
                    ::core::result::Result::Ok(match __reader.read_enum_index(#count, #full_name)? { #arms })
                }
            }
        }
        Data::Enum(variants) => {
            let count = variants.len();
            let arms = match_arms(variants, |variant| {
                let ident = variant.ident;
                match &variant.style {
                    Style::Unit => quote!(Self::#ident),
                    Style::Newtype(field) => {
                        let read = decode_field(field);
                        quote!(Self::#ident(#read?))
                    }
                    Style::Struct(fields) => construct(quote!(Self::#ident), fields),
                    Style::Tuple => unreachable!("rejected by the checks"),
                }
            });
            quote! {
                const __BRANCHES: usize = #count;

                #[inline]
                fn decode_avro(#reader) -> #result {
                    let __branch = __reader.read_union_index(#count)?;
                    <Self as _tidings::Avro>::__decode_branch(__branch, __reader)
                }

                fn __decode_branch(__branch: usize, #reader) -> #result {
                    __reader.enter()?;
                    let __value = match __branch { #arms };
                    __reader.leave();
                    ::core::result::Result::Ok(__value)
                }
            }
        }
        Data::Tuple(_) => unreachable!("rejected by the checks"),
    }
}

/// `0 => A, 1 => B, _ => C`: the reader has already checked the index, so the last variant takes
/// the wildcard and no arm can panic.
fn match_arms(variants: &[Variant], value: impl Fn(&Variant) -> TokenStream) -> TokenStream {
    let last = variants.len() - 1;
    let arms = variants.iter().enumerate().map(|(index, variant)| {
        let value = value(variant);
        if index == last {
            quote!(_ => #value,)
        } else {
            quote!(#index => #value,)
        }
    });
    quote!(#(#arms)*)
}

/// `Path { a: read?, b: read?, skipped: default }`, fields read in declaration order.
fn construct(path: TokenStream, fields: &[Field]) -> TokenStream {
    let inits = fields.iter().map(|field| {
        let member = &field.member;
        if field.skipped() {
            let default = match &field.attrs.serde.default {
                SerdeDefault::Path(path) => quote!(#path()),
                _ => quote_spanned!(field.ty.span()=> ::core::default::Default::default()),
            };
            return quote!(#member: #default);
        }
        let name = &field.avro_name;
        let read = decode_field(field);
        if field.attrs.serde.flatten.is_some() {
            return quote!(#member: #read?); // its fields are the record's own, and name themselves
        }
        quote!(#member: #read.map_err(|__e| __e.in_field(#name))?)
    });
    quote!(#path { #(#inits,)* })
}

/// The fewest bytes a field takes on the wire (`Avro::__MIN_WIRE_LEN`): none if skipped, at
/// least one for a timestamp or decimal, else its type's.
fn min_wire_len(field: &Field) -> TokenStream {
    let ty = field.ty;
    if field.skipped() {
        quote!(0)
    } else if field.attrs.is_logical() {
        quote!(1)
    } else {
        quote_spanned!(ty.span()=> <#ty as _tidings::Avro>::__MIN_WIRE_LEN)
    }
}

/// A `Result` expression reading one field.
fn decode_field(field: &Field) -> TokenStream {
    let ty = field.ty;
    let attrs = &field.attrs;
    if let Some((unit, _)) = &attrs.timestamp {
        let unit = time_unit(unit);
        quote_spanned!(ty.span()=> <#ty as _tidings::__private::TimestampField>::decode_timestamp(#unit, __reader))
    } else if let Some((precision, _)) = &attrs.precision {
        let scale = attrs.scale.as_ref().map_or(0, |(s, _)| *s);
        quote_spanned!(ty.span()=> <#ty as _tidings::__private::DecimalField>::decode_decimal(#precision, #scale, __reader))
    } else {
        quote_spanned!(ty.span()=> <#ty as _tidings::Avro>::decode_avro(__reader))
    }
}
