//! `Avro::encode_avro`: fields in schema order, straight into the output buffer; a field whose
//! value does not fit its schema fails with its name in the error's path.

use crate::internals::ast::{Container, Data, Field, Style};
use crate::schema::{is_unit_only, time_unit};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

pub fn encode(cont: &Container) -> TokenStream {
    let signature = quote! {
        fn encode_avro(
            &self,
            __out: &mut ::std::vec::Vec<u8>,
        ) -> ::core::result::Result<(), _tidings::__private::EncodeError>
    };
    let ok = quote!(::core::result::Result::Ok(()));
    match &cont.data {
        Data::Record(fields) => {
            let writes = fields.iter().filter(|f| !f.skipped()).map(|field| {
                let member = &field.member;
                encode_record_field(field, quote!(&self.#member))
            });
            quote! {
                #[inline]
                #signature {
                    #(#writes)*
                    #ok
                }
            }
        }
        Data::Newtype(field) => {
            let member = &field.member;
            let write = encode_field(field, quote!(&self.#member));
            quote! {
                #[inline]
                #signature {
                    #write
                }
            }
        }
        Data::Enum(variants) if is_unit_only(variants) => {
            let arms = variants.iter().enumerate().map(|(index, variant)| {
                let ident = variant.ident;
                let index = index as i64;
                quote!(Self::#ident => #index)
            });
            quote! {
                #[inline]
                #signature {
                    _tidings::__private::write_long(match self { #(#arms,)* }, __out);
                    #ok
                }
            }
        }
        Data::Enum(variants) => {
            let arms = variants.iter().enumerate().map(|(index, variant)| {
                let ident = variant.ident;
                let tag = quote!(_tidings::__private::write_long((__first_branch + #index) as i64, __out););
                match &variant.style {
                    Style::Unit => quote!(Self::#ident => { #tag #ok }),
                    Style::Newtype(field) => {
                        let write = encode_field(field, quote!(__value));
                        quote!(Self::#ident(__value) => { #tag #write })
                    }
                    Style::Struct(fields) => {
                        let kept: Vec<_> = fields.iter().filter(|f| !f.skipped()).collect();
                        let bindings: Vec<_> = (0..kept.len()).map(|i| format_ident!("__field{}", i)).collect();
                        let members = kept.iter().map(|f| &f.member);
                        let writes = kept.iter().zip(&bindings).map(|(f, b)| encode_record_field(f, quote!(#b)));
                        quote!(Self::#ident { #(#members: #bindings,)* .. } => { #tag #(#writes)* #ok })
                    }
                    Style::Tuple => unreachable!("rejected by the checks"),
                }
            });
            quote! {
                #[inline]
                #signature {
                    _tidings::Avro::__encode_branch(self, 0, __out)
                }
                fn __encode_branch(
                    &self,
                    __first_branch: usize,
                    __out: &mut ::std::vec::Vec<u8>,
                ) -> ::core::result::Result<(), _tidings::__private::EncodeError> {
                    match self { #(#arms)* }
                }
            }
        }
        Data::Tuple(_) => unreachable!("rejected by the checks"),
    }
}

/// Appends one record field, adding its name to the path of an error.
fn encode_record_field(field: &Field, value: TokenStream) -> TokenStream {
    let write = encode_field(field, value);
    if field.attrs.serde.flatten.is_some() {
        return quote!(#write?;); // its fields are the record's own, and name themselves
    }
    let name = &field.avro_name;
    quote!(#write.map_err(|__e| __e.in_field(#name))?;)
}

/// A `Result` expression appending one field, reached through the reference expression `value`.
fn encode_field(field: &Field, value: TokenStream) -> TokenStream {
    let ty = field.ty;
    let attrs = &field.attrs;
    if let Some((unit, _)) = &attrs.timestamp {
        let unit = time_unit(unit);
        quote_spanned!(ty.span()=> <#ty as _tidings::__private::TimestampField>::encode_timestamp(#value, #unit, __out))
    } else if let Some((precision, _)) = &attrs.precision {
        let scale = attrs.scale.as_ref().map_or(0, |(s, _)| *s);
        quote_spanned!(ty.span()=> <#ty as _tidings::__private::DecimalField>::encode_decimal(#value, #precision, #scale, __out))
    } else {
        quote_spanned!(ty.span()=> <#ty as _tidings::Avro>::encode_avro(#value, __out))
    }
}
