//! `#[derive(EventStream)]`: an enum of events read from one stream.

use crate::expand::wrap;
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, Type};

pub fn derive(input: &DeriveInput) -> TokenStream {
    match variants(input) {
        Ok(variants) => wrap(&None, expand(input, &variants)),
        Err(err) => err.into_compile_error(),
    }
}

/// Each variant's name and event type; every variant must hold exactly one event.
fn variants(input: &DeriveInput) -> syn::Result<Vec<(&syn::Ident, &Type)>> {
    let Data::Enum(data) = &input.data else {
        return Err(syn::Error::new(
            input.ident.span(),
            "`#[derive(EventStream)]` is for an enum with one variant per event, like \
             `enum OrderEvent { Placed(OrderPlaced), Cancelled(OrderCancelled) }`",
        ));
    };
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new(
            input.generics.span(),
            "`#[derive(EventStream)]`: remove the generic parameters; each variant holds one \
             concrete event type",
        ));
    }
    let mut errors: Option<syn::Error> = None;
    let mut variants = Vec::new();
    for variant in &data.variants {
        match &variant.fields {
            Fields::Unnamed(fields) if fields.unnamed.len() == 1 => {
                variants.push((&variant.ident, &fields.unnamed[0].ty));
            }
            _ => {
                let err = syn::Error::new(
                    variant.span(),
                    format!(
                        "`#[derive(EventStream)]`: a variant holds one event, as in `{}(OrderPlaced)`",
                        variant.ident
                    ),
                );
                match &mut errors {
                    Some(errors) => errors.combine(err),
                    None => errors = Some(err),
                }
            }
        }
    }
    if variants.is_empty() && errors.is_none() {
        return Err(syn::Error::new(
            input.ident.span(),
            "`#[derive(EventStream)]` needs at least one variant, each holding an event",
        ));
    }
    errors.map_or(Ok(variants), Err)
}

fn expand(input: &DeriveInput, variants: &[(&syn::Ident, &Type)]) -> TokenStream {
    let ident = &input.ident;
    let event = |ty: &Type| quote_spanned!(ty.span()=> <#ty as _tidings::Event>);
    let types = variants.iter().map(|(_, ty)| {
        let event = event(ty);
        quote!(#event::TYPE)
    });
    let type_arms = variants.iter().map(|(name, ty)| {
        let event = event(ty);
        quote!(Self::#name(_) => #event::TYPE)
    });
    let version_arms = variants.iter().map(|(name, ty)| {
        let event = event(ty);
        quote!(Self::#name(_) => #event::VERSION)
    });
    let schemas = variants.iter().map(|(_, ty)| {
        quote_spanned!(ty.span()=> <_tidings::Envelope<#ty> as _tidings::Avro>::write_schema(__builder))
    });
    let decodes = variants.iter().map(|(name, ty)| {
        let event = event(ty);
        quote! {
            if __event_type == #event::TYPE {
                return ::core::option::Option::Some(
                    _tidings::evolution::Framing::envelope::<#ty>(__framing, __message)
                        .map(|__decoded| __decoded.map(|__envelope| __envelope.map(Self::#name))),
                );
            }
        }
    });
    // One assertion per pair, spanned on the later variant's type: the one to remove.
    let distinct = variants.iter().enumerate().flat_map(|(j, (name, later))| {
        variants[..j].iter().map(move |(earlier_name, earlier)| {
            let (name, earlier_name) = (name.to_string(), earlier_name.to_string());
            quote_spanned! {later.span()=>
                const _: () = if let ::core::option::Option::Some(__message) =
                    &_tidings::__private::same_event_type(
                        <#later as _tidings::Event>::TYPE,
                        <#earlier as _tidings::Event>::TYPE,
                        #name,
                        #earlier_name,
                    )
                {
                    ::core::panic!("{}", __message.as_str());
                };
            }
        })
    });
    quote! {
        #(#distinct)*

        #[automatically_derived]
        impl _tidings::evolution::EventStream for #ident {
            const EVENT_TYPES: &'static [&'static str] = &[#(#types),*];

            fn event_type(&self) -> &'static str {
                match self { #(#type_arms,)* }
            }

            fn version(&self) -> u32 {
                match self { #(#version_arms,)* }
            }

            fn __envelope_schemas(
                __builder: &mut _tidings::SchemaBuilder,
            ) -> ::std::vec::Vec<_tidings::__private::Value> {
                ::std::vec![#(#schemas),*]
            }

            fn __decode_envelope(
                __framing: &impl _tidings::evolution::Framing,
                __event_type: &str,
                __message: &[u8],
            ) -> ::core::option::Option<::core::result::Result<
                _tidings::evolution::Decoded<_tidings::Envelope<Self>>,
                _tidings::evolution::EvolutionError,
            >> {
                #(#decodes)*
                ::core::option::Option::None
            }
        }
    }
}
