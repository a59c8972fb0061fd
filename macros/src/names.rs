//! The Avro names of the generated schema, as constant expressions.
//!
//! The default namespace is the defining crate's name, known only to the compiler of that crate,
//! so names are `concat!(...)` expressions that rustc folds into one `&'static str`.

use crate::internals::ast::Container;
use proc_macro2::TokenStream;
use quote::quote;

pub struct Names {
    /// The namespace, e.g. `com.acme.orders.v2`.
    pub namespace: TokenStream,
    /// The simple name, e.g. `"OrderPlaced"`.
    pub name: String,
    /// The full name, e.g. `com.acme.orders.v2.OrderPlaced`.
    pub full_name: TokenStream,
    namespace_parts: TokenStream,
}

impl Names {
    /// `version` is the event's major version, which `#[derive(Event)]` puts in the namespace.
    pub fn new(cont: &Container, version: Option<u32>) -> Names {
        let base = match &cont.attrs.namespace {
            Some(namespace) => quote!(#namespace),
            None => quote!(::core::env!("CARGO_CRATE_NAME")),
        };
        let namespace_parts = match version {
            Some(version) => {
                let suffix = format!(".v{version}");
                quote!(#base, #suffix)
            }
            None => base,
        };
        let name = cont.avro_name();
        Names {
            namespace: quote!(::core::concat!(#namespace_parts)),
            full_name: quote!(::core::concat!(#namespace_parts, ".", #name)),
            name,
            namespace_parts,
        }
    }

    /// The full name of another type in the same namespace (a variant's record).
    pub fn sibling(&self, name: &str) -> TokenStream {
        let parts = &self.namespace_parts;
        quote!(::core::concat!(#parts, ".", #name))
    }
}
