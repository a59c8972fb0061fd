//! Rejecting Rust types that have no Avro mapping, with the span on the type and a suggestion.
//!
//! This is a syntactic pass over what only the syntax shows: references, tuples, function
//! pointers. Nothing here goes by a type's name: a `u64`, a `HashMap<u32, T>` or a user's own
//! `Timestamp` is what its `Avro` impl says (or the trait bound fails with `Avro`'s diagnostic,
//! whose notes say what to use instead).

use super::ctxt::Ctxt;
use syn::{GenericArgument, PathArguments, Type};

pub fn check(cx: &Ctxt, ty: &Type) {
    match ty {
        Type::Path(path) if path.qself.is_none() => {
            let Some(last) = path.path.segments.last() else { return };
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
