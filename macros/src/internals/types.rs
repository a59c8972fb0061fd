//! Rejecting Rust types that have no Avro mapping, with the span on the type and a suggestion.
//!
//! This is a syntactic pass: it sees the type as written. A type alias hides a `u64` from it; the
//! trait bound then fails with `Avro`'s own diagnostic, so nothing slips through, only the
//! message is less specific.

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
            let args = generic_types(&last.arguments);
            match last.ident.to_string().as_str() {
                "HashMap" | "BTreeMap" | "IndexMap" => {
                    if let Some(key) = args.first().filter(|key| !is_ident(key, "String")) {
                        cx.error_spanned_by(
                            key,
                            "Avro map keys are strings: use `String` keys, or a `Vec` of records holding the key as a field",
                        );
                    }
                    args.iter().skip(1).for_each(|arg| check(cx, arg));
                }
                "Option" => {
                    if let Some(inner) = args.first() {
                        if is_ident(inner, "Option") {
                            cx.error_spanned_by(
                                inner,
                                "`Option<Option<T>>` has no Avro mapping: a union cannot hold another union; wrap the inner option in a struct",
                            );
                            return;
                        }
                        check(cx, inner);
                    }
                }
                _ => args.iter().for_each(|arg| check(cx, arg)),
            }
        }
        Type::Array(array) => {
            if !is_ident(&array.elem, "u8") {
                cx.error_spanned_by(
                    ty,
                    "only byte arrays `[u8; N]` have an Avro mapping (a `fixed`): use `Vec<T>` for an array of other items",
                );
            }
        }
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

/// Whether `ty` is a path whose last segment is `ident`.
pub fn is_ident(ty: &Type, ident: &str) -> bool {
    match ty {
        Type::Path(path) => path.path.segments.last().is_some_and(|s| s.ident == ident),
        Type::Group(group) => is_ident(&group.elem, ident),
        _ => false,
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

/// The Avro type a union branch of type `ty` has, when it is one of the unnamed types that a
/// union may hold only once (`int`, `string`, `array`, ...). `None` for named types and types the
/// macro cannot see into.
pub fn unnamed_avro_type(ty: &Type) -> Option<&'static str> {
    let Type::Path(path) = ty else {
        return match ty {
            Type::Group(inner) => unnamed_avro_type(&inner.elem),
            Type::Paren(inner) => unnamed_avro_type(&inner.elem),
            _ => None,
        };
    };
    let last = path.path.segments.last()?;
    let args = generic_types(&last.arguments);
    Some(match last.ident.to_string().as_str() {
        "bool" => "boolean",
        "i8" | "i16" | "i32" | "u8" | "u16" => "int",
        "i64" | "u32" | "Timestamp" | "DateTime" | "OffsetDateTime" => "long",
        "f32" => "float",
        "f64" => "double",
        "String" | "Uuid" => "string",
        "Bytes" => "bytes",
        "Vec" | "VecDeque" if args.first().is_some_and(|item| is_ident(item, "u8")) => "bytes",
        "Vec" | "VecDeque" => "array",
        "HashMap" | "BTreeMap" | "IndexMap" => "map",
        "Box" => return args.first().and_then(|inner| unnamed_avro_type(inner)),
        _ => return None,
    })
}
