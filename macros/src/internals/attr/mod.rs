//! Parsing `#[event(...)]`, `#[avro(...)]`, doc comments, and (leniently) `#[serde(...)]`.

mod container;
mod doc;
mod field;
mod keys;
mod serde;
mod value;
mod variant;

pub use container::Container;
pub use field::{Default, Field, TimeUnit};
pub use keys::edit_distance;
pub use serde::SerdeDefault;
pub use value::{lit_kind, with_article};
pub use variant::Variant;

use super::ctxt::Ctxt;
use super::symbol::*;
use proc_macro2::Span;
use syn::Attribute;
use syn::spanned::Spanned;

/// One option: remembers where it was set, and reports a second setting as a duplicate.
pub struct Attr<'c, T> {
    cx: &'c Ctxt,
    name: Symbol,
    value: Option<T>,
    /// The key that set it, for checks that reject a key in some positions.
    span: Option<Span>,
}

impl<'c, T> Attr<'c, T> {
    fn none(cx: &'c Ctxt, name: Symbol) -> Self {
        Attr {
            cx,
            name,
            value: None,
            span: None,
        }
    }

    fn set(&mut self, key: &syn::Path, value: T) {
        if self.value.is_some() {
            let msg = format!("duplicate key `{}`: give it once", self.name);
            self.cx.error_spanned_by(key, msg);
        } else {
            self.value = Some(value);
            self.span = Some(key.span());
        }
    }

    /// Sets a value that parsed; a value that did not was reported already.
    fn set_parsed(&mut self, key: &syn::Path, value: Option<T>) {
        if let Some(value) = value {
            self.set(key, value);
        }
    }

    /// The key's name and span, if it was set.
    fn key(&self) -> Option<(&'static str, Span)> {
        Some((self.name.0, self.span?))
    }

    fn get(self) -> Option<T> {
        self.value
    }
}

/// `#[event(...)]` anywhere but on the type would be ignored: say so.
fn misplaced_event_attr(cx: &Ctxt, attrs: &[Attribute], on: &str) {
    for attr in attrs.iter().filter(|a| a.path() == EVENT) {
        cx.error_spanned_by(
            attr.path(),
            format!("`#[event(...)]` goes on the event struct, not on {on}; the attribute here is `#[avro(...)]`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::internals::case::RenameRule;
    use syn::parse_quote;

    fn errors_of(item: syn::DeriveInput) -> Vec<String> {
        let cx = Ctxt::new();
        let _ = Container::from_ast(&cx, &item);
        if let syn::Data::Struct(data) = &item.data {
            for field in &data.fields {
                let _ = Field::from_ast(&cx, field);
            }
        }
        match cx.check() {
            Ok(()) => Vec::new(),
            Err(err) => err.into_iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn every_mistake_is_reported_in_one_pass() {
        let errors = errors_of(parse_quote! {
            #[event(version = "2", sorce = "x")]
            #[avro(nmae = "X", namespace = "a", namespace = "b")]
            struct S { #[avro(timestamp = "nanos", bogus)] a: i32 }
        });
        assert_eq!(errors.len(), 6, "{errors:#?}");
        assert!(errors[0].contains("`version` takes an integer, not a string"));
        assert!(errors[1].contains("did you mean `source`?"));
        assert!(errors[2].contains("did you mean `name`?"));
        assert!(errors[3].contains("duplicate key `namespace`"));
        assert!(errors[4].contains("unknown timestamp unit `nanos`"));
        assert!(
            errors[5].contains("unknown key `bogus` in `#[avro(...)]` on a field. Valid keys:")
        );
    }

    #[test]
    fn a_key_in_the_wrong_place_says_where_it_goes() {
        let errors = errors_of(parse_quote! {
            #[avro(version = 2, rename = "X")]
            struct S { #[avro(namespace = "a", name = "b")] #[event(type = "t")] a: i32 }
        });
        assert_eq!(errors.len(), 5, "{errors:#?}");
        assert!(errors[0].contains("`version` goes in `#[event(...)]` on an event."));
        assert!(errors[1].contains("did you mean `name`?"));
        assert!(errors[2].contains("`#[event(...)]` goes on the event struct, not on a field"));
        assert!(errors[3].contains("`namespace` goes in `#[avro(...)]` on a struct or enum."));
        assert!(errors[4].contains("did you mean `rename`?"));
    }

    #[test]
    fn integers_are_reported_as_written() {
        let errors = errors_of(parse_quote! {
            #[event(version = -1)]
            struct S { #[avro(precision = "10", scale = 99999999999)] a: i32 }
        });
        assert_eq!(
            errors,
            [
                "`version` cannot be negative: `version = 2`",
                "`precision` takes an integer, not a string: `precision = 10`",
                "`scale` is too large: it must fit in a `u32`",
            ]
        );
    }

    #[test]
    fn upcast_from_takes_a_path() {
        let item: syn::DeriveInput = parse_quote! {
            #[event(version = 3, upcast_from = crate::v2::OrderPlaced)]
            struct S { a: i32 }
        };
        let cx = Ctxt::new();
        let container = Container::from_ast(&cx, &item);
        cx.check().unwrap();
        let path = quote::ToTokens::to_token_stream(&container.upcast_from.unwrap());
        assert_eq!(path.to_string().replace(' ', ""), "crate::v2::OrderPlaced");

        let errors = errors_of(parse_quote! {
            #[event(upcast_from = "v1::Old", upcast_from, upcast_from = 1)]
            #[avro(upcast_from = v1::Old)]
            struct S { a: i32 }
        });
        assert_eq!(errors.len(), 4, "{errors:#?}");
        assert_eq!(
            errors[0],
            "`upcast_from` takes the path of a type, not a string: `upcast_from = v1::Old`"
        );
        assert_eq!(
            errors[1],
            "`upcast_from` needs a value: `upcast_from = v1::OrderPlaced`"
        );
        assert_eq!(
            errors[2],
            "`upcast_from` takes the path of a type, not an integer: `upcast_from = v1::OrderPlaced`"
        );
        assert!(errors[3].contains("`upcast_from` goes in `#[event(...)]` on an event."));
    }

    #[test]
    fn serde_attributes_are_read_leniently() {
        let item: syn::DeriveInput = parse_quote! {
            #[serde(rename_all = "camelCase", deny_unknown_fields, tag = "t")]
            struct S { #[serde(rename(serialize = "a", deserialize = "b"), with = "x")] f: i32 }
        };
        assert!(errors_of(item.clone()).is_empty());
        let cx = Ctxt::new();
        let container = Container::from_ast(&cx, &item);
        let syn::Data::Struct(data) = &item.data else {
            unreachable!()
        };
        let field = Field::from_ast(&cx, data.fields.iter().next().unwrap());
        cx.check().unwrap();
        assert!(container.serde.rename_all == Some(RenameRule::CamelCase));
        assert_eq!(field.serde.rename.map(|r| r.value()).as_deref(), Some("a"));
    }

    #[test]
    fn serde_keys_that_change_the_shape_are_read_with_their_spans() {
        let item: syn::DeriveInput = parse_quote! {
            #[serde(transparent, into = "String", rename_all(serialize = "camelCase"))]
            #[serde(rename_all_fields(deserialize = "snake_case", serialize = "PascalCase"))]
            struct S { #[serde(flatten, skip_serializing, rename(deserialize = "old"))] f: i32 }
        };
        let cx = Ctxt::new();
        let container = Container::from_ast(&cx, &item);
        let syn::Data::Struct(data) = &item.data else {
            unreachable!()
        };
        let field = Field::from_ast(&cx, data.fields.iter().next().unwrap());
        cx.check().unwrap();
        let serde = &container.serde;
        assert!(serde.transparent.is_some() && serde.into.is_some());
        assert!(serde.rename_all == Some(RenameRule::CamelCase));
        assert!(serde.rename_all_fields == Some(RenameRule::PascalCase));
        assert!(field.serde.flatten.is_some());
        assert!(field.serde.skip.is_none() && field.serde.skip_serializing_only.is_some());
        assert!(field.serde.rename.is_none());
        assert_eq!(field.serde.aliases, ["old"]);
    }

    #[test]
    fn a_deserialize_name_equal_to_the_serialize_name_is_no_alias() {
        let field: syn::Field = parse_quote! {
            #[serde(rename = "a", skip_serializing)] #[serde(skip_deserializing)] f: i32
        };
        let cx = Ctxt::new();
        let field = Field::from_ast(&cx, &field);
        cx.check().unwrap();
        assert_eq!(field.serde.rename.map(|r| r.value()).as_deref(), Some("a"));
        assert!(field.serde.aliases.is_empty());
        assert!(field.serde.skip.is_some() && field.serde.skip_serializing_only.is_none());
    }
}
