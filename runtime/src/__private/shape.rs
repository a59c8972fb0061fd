//! What the derive's compile-time checks need to know about a field's schema, given by the field
//! type's own `Avro` impl (`Avro::__SHAPE`) rather than guessed from its name, so a user's type
//! named `Timestamp` or `Uuid` is judged by what it is.
//!
//! The generated code evaluates these `const fn`s in `const _: () = ...` items spanned on the
//! field, so a violation is a compile error at the offending token.

/// The outline of a type's Avro schema.
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    /// A derived record.
    Record,
    /// A record, enum or fixed: a union tells it apart from other branches by its full name.
    Named,
    /// A union whose first branch is `null` (an `Option`).
    Nullable,
    /// Any other union (an enum with data).
    Union,
    /// `boolean`.
    Boolean,
    /// `int` or `long` holding a Rust integer type.
    Integer(Integer),
    /// `float`.
    Float,
    /// `double`.
    Double,
    /// `string`, with or without a logical type.
    String,
    /// `bytes`, with or without a logical type.
    Bytes,
    /// `array`.
    Array,
    /// `map`.
    Map,
    /// No Avro mapping, for the reason given: what only shows once types are combined
    /// (`Option<Option<T>>`).
    Invalid(&'static str),
}

/// An integer type: its Avro type, its range, and what to say when a default leaves the range.
#[derive(Clone, Copy, Debug)]
pub struct Integer {
    long: bool,
    min: i64,
    max: i64,
    out_of_range: &'static str,
}

macro_rules! integers {
    ($($name:ident: $ty:ty => $avro:ident, $min:literal to $max:literal;)*) => {
        impl Shape {$(
            #[doc = concat!("`", stringify!($ty), "`, an Avro `", stringify!($avro), "`.")]
            pub const $name: Shape = Shape::Integer(Integer {
                long: matches!(stringify!($avro).as_bytes(), b"long"),
                min: $min,
                max: $max,
                out_of_range: concat!(
                    "this default does not fit in `", stringify!($ty), "`, whose values run from ",
                    stringify!($min), " to ", stringify!($max)
                ),
            });
        )*}
        // The ranges are written out for the messages: check them against the types.
        $(const _: () = assert!($min == <$ty>::MIN as i64 && $max == <$ty>::MAX as i64);)*
    };
}

integers! {
    I8: i8 => int, -128 to 127;
    I16: i16 => int, -32768 to 32767;
    I32: i32 => int, -2147483648 to 2147483647;
    U8: u8 => int, 0 to 255;
    U16: u16 => int, 0 to 65535;
    U32: u32 => long, 0 to 4294967295;
    I64: i64 => long, -9223372036854775808 to 9223372036854775807;
}

/// A literal `#[avro(default = ...)]`, as the derive read it.
#[derive(Clone, Copy, Debug)]
pub enum Literal {
    /// `"USD"`
    Str,
    /// `0`, `-1`; `None` when it does not fit in an `i64`.
    Int(Option<i64>),
    /// `0.5`
    Float,
    /// `false`
    Bool,
}

impl Shape {
    /// The shape of `Option<T>`, given `T`'s.
    pub const fn option_of(inner: Shape) -> Shape {
        match inner {
            Shape::Nullable => Shape::Invalid(
                "`Option<Option<T>>` has no Avro mapping: a union cannot hold another union; wrap \
                 the inner option in a struct",
            ),
            Shape::Invalid(why) => Shape::Invalid(why),
            _ => Shape::Nullable,
        }
    }

    /// Why the type has no Avro mapping, if it has none.
    pub const fn invalid(self) -> Option<&'static str> {
        match self {
            Shape::Invalid(why) => Some(why),
            _ => None,
        }
    }

    /// Why a field of this shape cannot be `#[serde(flatten)]`ed into its record, if it cannot.
    pub const fn flatten_error(self) -> Option<&'static str> {
        match self {
            Shape::Record | Shape::Invalid(_) => None,
            Shape::Map => Some(
                "`#[serde(flatten)]` of a map has no Avro equivalent: serde spreads its entries as \
                 fields of the record, and an Avro record has a fixed set of fields; keep the map \
                 as a field of its own (remove `flatten`), or flatten a struct of named fields",
            ),
            Shape::Nullable | Shape::Union => Some(
                "`#[serde(flatten)]` of an `Option` or an enum has no Avro equivalent: the fields \
                 it inlines would differ from one value to the next; remove `flatten` to keep it \
                 a field of its own",
            ),
            _ => Some(
                "`#[serde(flatten)]` inlines the fields of a struct deriving `Avro`, and this type \
                 is not one: remove `flatten` to keep it a field of its own",
            ),
        }
    }

    /// Whether the type is a union, which a union may not hold.
    pub const fn is_union(self) -> bool {
        matches!(self, Shape::Nullable | Shape::Union)
    }

    /// Whether the type is a union led by `null`, whose default is `null`.
    pub const fn is_nullable(self) -> bool {
        matches!(self, Shape::Nullable)
    }

    /// Whether two union branches of these shapes are the same unnamed Avro type, which a union
    /// may hold only once.
    pub const fn same_branch(self, other: Shape) -> bool {
        match (self, other) {
            (Shape::Integer(a), Shape::Integer(b)) => a.long == b.long,
            (Shape::Boolean, Shape::Boolean)
            | (Shape::Float, Shape::Float)
            | (Shape::Double, Shape::Double)
            | (Shape::String, Shape::String)
            | (Shape::Bytes, Shape::Bytes)
            | (Shape::Array, Shape::Array)
            | (Shape::Map, Shape::Map) => true,
            _ => false,
        }
    }

    /// Why `literal` cannot be the default of a field of this shape, if it cannot. Named types
    /// are left to the schema parser, which knows their definitions.
    pub const fn default_error(self, literal: Literal) -> Option<&'static str> {
        use Literal::{Bool, Float, Int, Str};
        match (self, literal) {
            (Shape::Nullable, _) => Some(
                "an `Option` field's default is always null, since Avro takes a union's default \
                 from its first branch (`null`); remove `default`",
            ),
            (Shape::Union, _) => Some(
                "a union's default must be a value of its first branch, which a literal cannot \
                 spell: use `#[avro(default)]` for the type's `Default`",
            ),
            (Shape::Array, _) => Some(
                "an Avro array's default cannot be a literal: use `#[avro(default)]` for the \
                 type's `Default`, an empty array",
            ),
            (Shape::Map, _) => Some(
                "an Avro map's default cannot be a literal: use `#[avro(default)]` for the type's \
                 `Default`, an empty map",
            ),
            (Shape::Boolean, Bool)
            | (Shape::Float | Shape::Double, Int(_) | Float)
            | (Shape::String | Shape::Bytes, Str)
            | (Shape::Record | Shape::Named | Shape::Invalid(_), _) => None,
            (Shape::Integer(range), Int(Some(value)))
                if range.min <= value && value <= range.max =>
            {
                None
            }
            (Shape::Integer(range), Int(_)) => Some(range.out_of_range),
            (Shape::Boolean, _) => {
                Some("this field is an Avro `boolean`: its default must be `true` or `false`")
            }
            (Shape::Integer(_), _) => Some(
                "this field is an Avro integer: its default must be an integer literal, `default = 0`",
            ),
            (Shape::Float | Shape::Double, _) => Some(
                "this field is an Avro floating-point number: its default must be a number literal, `default = 0.0`",
            ),
            (Shape::String, _) => Some(
                "this field is an Avro `string`: its default must be a string literal, `default = \"USD\"`",
            ),
            (Shape::Bytes, _) => Some(
                "this field is Avro `bytes`: its default must be a string literal of code points \
                 U+0000 to U+00FF, one per byte, `default = \"\\u00ff\"`",
            ),
        }
    }
}
