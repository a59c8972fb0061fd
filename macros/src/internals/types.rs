//! Rejecting Rust types that have no Avro mapping, with the span on the type and a suggestion.
//!
//! This is a syntactic pass over what only the syntax shows (references, tuples, function
//! pointers) and over Rust's primitive integer and `char` names, so that each gets its own advice.
//! Everything else is decided by the field type's `Avro` impl: a type of any other name, `Uuid` or
//! `HashMap` included, is what its impl says. A type alias hides a `u64` from this pass; the trait
//! bound then fails with `Avro`'s own diagnostic, so nothing slips through, only the message is
//! less specific.

use super::ctxt::Ctxt;
use syn::{GenericArgument, PathArguments, Type};

pub fn check(cx: &Ctxt, ty: &Type) {
    match ty {
        Type::Path(path) if path.qself.is_none() => {
            let Some(last) = path.path.segments.last() else { return };
            if let Some(advice) = unsupported_scalar(&last.ident.to_string()) {
                cx.error_spanned_by(ty, advice);
                return;
            }
            generic_types(&last.arguments)
                .into_iter()
                .for_each(|arg| check(cx, arg));
        }
        Type::Array(array) => check(cx, &array.elem),
        Type::Reference(reference) => cx.error_spanned_by(
            reference,
            "references have no Avro mapping, since decoding needs owned data: use an owned type such as `String` or `Vec<T>`",
        ),
        Type::Tuple(tuple) => cx.error_spanned_by(
            tuple,
            "tuples have no Avro mapping, since record fields need names: use a struct with named fields and `#[derive(Avro)]`",
        ),
        Type::Paren(inner) => check(cx, &inner.elem),
        Type::Group(inner) => check(cx, &inner.elem),
        Type::Path(_) | Type::Macro(_) => {}
        other => cx.error_spanned_by(
            other,
            "this type has no Avro mapping: use a named type that implements `tidings::Avro`",
        ),
    }
}

fn unsupported_scalar(name: &str) -> Option<&'static str> {
    Some(match name {
        "u64" => {
            "`u64` has no Avro mapping: Avro's `long` is a signed 64-bit integer, so values above `i64::MAX` would not fit; use `i64`, or `u32` (also an Avro `long`) if the values fit"
        }
        "usize" => {
            "`usize` has no Avro mapping: its width depends on the platform; use `u32` (an Avro `long`) or `i64`"
        }
        "isize" => {
            "`isize` has no Avro mapping: its width depends on the platform; use `i32` or `i64`"
        }
        "u128" => {
            "`u128` has no Avro mapping: Avro's widest integer is the signed 64-bit `long`; use `i64` if the values fit, else a `String`"
        }
        "i128" => {
            "`i128` has no Avro mapping: Avro's widest integer is the signed 64-bit `long`; use `i64` if the values fit, else a `String`"
        }
        "char" => {
            "`char` has no Avro mapping: Avro has no character type; use a `String`, or a `u32` holding the code point"
        }
        _ => return None,
    })
}

fn generic_types(args: &PathArguments) -> Vec<&Type> {
    match args {
        PathArguments::AngleBracketed(args) => args
            .args
            .iter()
            .filter_map(|arg| match arg {
                GenericArgument::Type(ty) => Some(ty),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether `ty` holds a reference anywhere, `&str` or `Vec<&str>`.
pub fn borrows(ty: &Type) -> bool {
    match ty {
        Type::Reference(_) => true,
        Type::Path(path) => path
            .path
            .segments
            .iter()
            .any(|segment| generic_types(&segment.arguments).into_iter().any(borrows)),
        Type::Array(array) => borrows(&array.elem),
        Type::Slice(slice) => borrows(&slice.elem),
        Type::Tuple(tuple) => tuple.elems.iter().any(borrows),
        Type::Paren(inner) => borrows(&inner.elem),
        Type::Group(inner) => borrows(&inner.elem),
        _ => false,
    }
}
