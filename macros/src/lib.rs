//! Derive macros for [tidings](https://docs.rs/tidings). Depend on `tidings`, which re-exports
//! them; the attributes are documented there.

mod de;
mod expand;
mod history;
mod internals;
mod names;
mod schema;
mod ser;
mod source;
mod stream;

use proc_macro::TokenStream;
use syn::{DeriveInput, LitStr, parse_macro_input};

/// `#[derive(Avro)]`: the schema and codec of a struct or enum nested in events.
#[proc_macro_derive(Avro, attributes(avro))]
pub fn derive_avro(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input, expand::Derive::Avro).into()
}

/// `#[derive(Event)]`: a versioned event; implies `Avro`.
#[proc_macro_derive(Event, attributes(event, avro))]
pub fn derive_event(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input, expand::Derive::Event).into()
}

/// `#[derive(EventStream)]`: an enum of the events one stream carries.
#[proc_macro_derive(EventStream)]
pub fn derive_event_stream(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    stream::derive(&input).into()
}

/// `embedded_history!("schemas")`: the file registry's revisions, read at compile time.
#[proc_macro]
pub fn embedded_history(input: TokenStream) -> TokenStream {
    let dir = parse_macro_input!(input as LitStr);
    history::embed(&dir).into()
}
