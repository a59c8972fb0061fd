//! Ties the front end to the back end and wraps the output so that it names only `tidings`.

use crate::internals::ast::{Container, Data};
use crate::internals::{check, ctxt::Ctxt};
use crate::names::Names;
use crate::{de, schema, ser, source};
use proc_macro2::{Delimiter, Group, Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};

#[derive(Clone, Copy, PartialEq)]
pub enum Derive {
    Avro,
    Event,
}

pub fn derive(input: &syn::DeriveInput, derive: Derive) -> TokenStream {
    let cx = Ctxt::new();
    let cont = Container::from_ast(&cx, input);
    if let Some(cont) = &cont {
        check::check(&cx, cont, derive == Derive::Event);
    }
    match (cx.check(), cont) {
        (Ok(()), Some(cont)) => wrap(&cont.attrs.crate_path, expand(&cont, derive)),
        (Err(err), _) => fallback(input, derive, err),
        (Ok(()), None) => unreachable!("no model without an error"),
    }
}

fn expand(cont: &Container, derive: Derive) -> TokenStream {
    let ident = cont.ident;
    let version = cont.attrs.version.as_ref().map_or(1, |(v, _)| *v);
    let names = Names::new(cont, (derive == Derive::Event).then_some(version));
    let write_schema = schema::write_schema(cont, &names);
    let encode = ser::encode(cont);
    let decode = de::decode(cont, &names);
    let delegate = match &cont.data {
        // A newtype is its inner type, down to being nullable or a union.
        Data::Newtype(field)
            if field.attrs.timestamp.is_none() && field.attrs.precision.is_none() =>
        {
            let ty = field.ty;
            let member = &field.member;
            quote! {
                const __NULLABLE: bool = <#ty as _tidings::Avro>::__NULLABLE;
                const __BRANCHES: usize = <#ty as _tidings::Avro>::__BRANCHES;
                fn __encode_branch(
                    &self,
                    __first_branch: usize,
                    __out: &mut ::std::vec::Vec<u8>,
                ) -> ::core::result::Result<(), _tidings::__private::EncodeError> {
                    <#ty as _tidings::Avro>::__encode_branch(&self.#member, __first_branch, __out)
                }
                fn __decode_branch(
                    __branch: usize,
                    __reader: &mut _tidings::__private::Reader<'_>,
                ) -> ::core::result::Result<Self, _tidings::__private::DecodeError> {
                    <#ty as _tidings::Avro>::__decode_branch(__branch, __reader)
                        .map(|__value| Self { #member: __value })
                }
            }
        }
        _ => quote!(),
    };
    // What the type is, for the checks of the types that hold it.
    let shape = match &cont.data {
        Data::Newtype(field) => {
            let shape = schema::field_shape(field);
            quote!(const __SHAPE: _tidings::__private::Shape = #shape;)
        }
        Data::Record(_) => {
            quote!(
                const __SHAPE: _tidings::__private::Shape = _tidings::__private::Shape::Record;
            )
        }
        Data::Enum(variants) if !schema::is_unit_only(variants) => {
            quote!(
                const __SHAPE: _tidings::__private::Shape = _tidings::__private::Shape::Union;
            )
        }
        _ => quote!(),
    };
    let sources = source::submit(cont, &names);
    let avro = quote! {
        #[automatically_derived]
        impl _tidings::Avro for #ident {
            #write_schema
            #encode
            #decode
            #delegate
            #shape
        }

        #sources
    };
    if derive == Derive::Avro {
        return avro;
    }

    let event_type = match &cont.attrs.event_type {
        Some(lit) => quote!(#lit),
        None => {
            let name = ident.to_string();
            quote!(#name)
        }
    };
    let source = match &cont.attrs.source {
        Some(lit) => quote!(#lit),
        None => quote!(::core::env!("CARGO_PKG_NAME")),
    };
    // CloudEvents needs the source to be a URI-reference; checked at compile time, at the literal,
    // so that `Envelope::new` never makes an envelope a decoder would refuse.
    let source_span = cont
        .attrs
        .source
        .as_ref()
        .map_or(ident.span(), |lit| lit.span());
    let check_source = quote_spanned! {source_span=>
        const _: () = if _tidings::envelope::uri_reference_error(#source).is_some() {
            ::core::panic!(
                "`#[event(source = \"...\")]` must be a URI-reference (RFC 3986), such as \
                 `order-service` or `https://acme.com/orders`: no spaces or other characters a \
                 URI cannot hold, `%` only in escapes"
            )
        };
    };
    let (lineage, check_upcast) = match &cont.attrs.upcast_from {
        Some(previous) => upcast(ident, previous),
        None => (quote!(), quote!()),
    };
    let full_name = &names.full_name;
    let rust_name = ident.to_string();
    let location = source::location(ident.span());
    quote! {
        #avro

        #check_source
        #check_upcast

        #[automatically_derived]
        impl _tidings::Event for #ident {
            const TYPE: &'static str = #event_type;
            const VERSION: u32 = #version;
            const SOURCE: &'static str = #source;
            const AVRO_NAME: &'static str = #full_name;
            #lineage
        }

        _tidings::__private::inventory::submit! {
            _tidings::__private::EventInfo {
                crate_name: ::core::env!("CARGO_CRATE_NAME"),
                rust_name: #rust_name,
                event_type: #event_type,
                version: #version,
                avro_name: #full_name,
                #location
                schema_json: <#ident as _tidings::Avro>::write_schema,
                envelope_schema_json: <_tidings::Envelope<#ident> as _tidings::Avro>::write_schema,
            }
        }
    }
}

/// `#[event(upcast_from = Previous)]`: the `Event` items that read the predecessor's lineage and
/// upcast it, and the checks that `Previous` is this event's previous major version. Everything
/// naming `Previous` is spanned at its path, where the errors belong; each names it as
/// `<Previous as Event>` so that a type that is no event is one error, not one per use.
fn upcast(ident: &syn::Ident, previous: &syn::Path) -> (TokenStream, TokenStream) {
    let (first, last) = first_and_last_spans(previous);
    let written = previous.to_token_stream().to_string().replace(' ', "");
    // A call that starts at the path's first token and ends at its last, so that rustc
    // underlines the whole path when the `From` impl is missing.
    let upcast_call = {
        let mut arguments = Group::new(
            Delimiter::Parenthesis,
            quote_spanned!(first=> __previous, <#previous as _tidings::Event>::VERSION),
        );
        arguments.set_span(last);
        let name = quote_spanned!(last=> upcast);
        quote_spanned!(first=> _tidings::__private::#name #arguments)
    };
    let lineage = quote_spanned! {first=>
        // A function rather than a const: rustc would report a cycle of `upcast_from` as a
        // query cycle of consts, beside the version rule's error that says what is wrong. That
        // rule also refuses `upcast_from = Self`, the recursion allowed here.
        #[allow(unconditional_recursion)]
        fn __oldest_version() -> u32 {
            <#previous as _tidings::Event>::__oldest_version()
        }

        fn __from_version<__D: _tidings::upcast::VersionDecoder>(
            __version: u32,
            __decoder: &mut __D,
        ) -> ::core::result::Result<Self, _tidings::upcast::LineageError<__D::Error>> {
            if __version == <Self as _tidings::Event>::VERSION {
                return _tidings::upcast::VersionDecoder::decode::<Self>(__decoder)
                    .map_err(_tidings::upcast::LineageError::Decode);
            }
            let __previous = <#previous as _tidings::Event>::__from_version(__version, __decoder)?;
            #upcast_call
        }
    };
    // Outside the impl, `Self` is the event's own name: `upcast_from = Self` is then the version
    // rule's to report, like any other cycle.
    let previous = if previous.is_ident("Self") {
        quote_spanned!(first=> #ident)
    } else {
        previous.to_token_stream()
    };
    // The panic's arguments end at the path's last token, so the error underlines the whole path.
    let mut arguments = Group::new(
        Delimiter::Parenthesis,
        quote_spanned!(last=> "{}", __message.as_str()),
    );
    arguments.set_span(last);
    let panic = quote_spanned!(first=> ::core::panic! #arguments);
    let checks = quote_spanned! {first=>
        const _: () = if let ::core::option::Option::Some(__message) =
            &_tidings::__private::wrong_event_type(
                <#previous as _tidings::Event>::TYPE,
                <#ident as _tidings::Event>::TYPE,
                #written,
            )
        {
            #panic
        };
        const _: () = if let ::core::option::Option::Some(__message) =
            &_tidings::__private::wrong_version(
                <#previous as _tidings::Event>::VERSION,
                <#ident as _tidings::Event>::VERSION,
                #written,
            )
        {
            #panic
        };
    };
    (lineage, checks)
}

/// The spans of a path's first and last tokens: stable Rust cannot join spans, but an expression
/// that starts at one and ends at the other covers both.
fn first_and_last_spans(path: &syn::Path) -> (Span, Span) {
    let mut tokens = path.to_token_stream().into_iter();
    let first = tokens
        .next()
        .map_or_else(Span::call_site, |token| token.span());
    let last = tokens.last().map_or(first, |token| token.span());
    (first, last)
}

/// `const _: () = { extern crate tidings as _tidings; ... };` keeps helper names out of the user's
/// scope and lets `#[avro(crate = "...")]` point at a re-export.
pub fn wrap(crate_path: &Option<syn::Path>, code: TokenStream) -> TokenStream {
    let use_tidings = match crate_path {
        Some(path) => quote!(use #path as _tidings;),
        None => quote! {
            #[allow(unused_extern_crates, clippy::useless_attribute)]
            extern crate tidings as _tidings;
        },
    };
    quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, unused_qualifications, clippy::all, clippy::pedantic)]
        const _: () = {
            #use_tidings
            #code
        };
    }
}

/// The errors, plus stub impls so that one mistake is one error: code using the type still
/// type-checks, and rust-analyzer keeps its completions.
fn fallback(input: &syn::DeriveInput, derive: Derive, err: syn::Error) -> TokenStream {
    let errors = err.into_compile_error();
    if !input.generics.params.is_empty() {
        return errors;
    }
    let ident = &input.ident;
    let event = (derive == Derive::Event).then(|| {
        quote! {
            impl _tidings::Event for #ident {
                const TYPE: &'static str = "";
                const VERSION: u32 = 1;
                const SOURCE: &'static str = "";
                const AVRO_NAME: &'static str = "";
            }
        }
    });
    let stubs = quote! {
        impl _tidings::Avro for #ident {
            fn write_schema(_: &mut _tidings::SchemaBuilder) -> _tidings::__private::Value {
                ::core::unreachable!()
            }
            fn encode_avro(
                &self,
                _: &mut ::std::vec::Vec<u8>,
            ) -> ::core::result::Result<(), _tidings::__private::EncodeError> {
                ::core::unreachable!()
            }
            fn decode_avro(
                _: &mut _tidings::__private::Reader<'_>,
            ) -> ::core::result::Result<Self, _tidings::__private::DecodeError> {
                ::core::unreachable!()
            }
        }
        #event
    };
    let crate_path = None;
    let wrapped = wrap(&crate_path, stubs);
    quote!(#errors #wrapped)
}
