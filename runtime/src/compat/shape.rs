//! What a schema is on the wire: logical types reduced to the type that carries them, references
//! followed to their definitions.
//!
//! The checker compares these shapes, never logical types: Java's `SchemaCompatibility` and
//! Python avro's checker look at `Schema.getType()`, which is the physical type, so a `uuid`
//! string reads a plain string, a `timestamp-millis` reads a `timestamp-micros` (both longs), and
//! a decimal's precision and scale are not compared. A `uuid` carried by a `string` and one
//! carried by a `fixed` are different types, and so are a `bytes` and a `fixed` decimal.

use super::names::Definitions;
use apache_avro::Schema;
use apache_avro::schema::{
    DecimalSchema, EnumSchema, FixedSchema, InnerDecimalSchema, Name, RecordSchema, UuidSchema,
};

/// A schema as the resolution rules see it.
#[derive(Clone, Copy)]
pub(crate) enum Shape<'s> {
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Array(&'s Schema),
    Map(&'s Schema),
    Union(&'s [Schema]),
    Record(&'s RecordSchema),
    Enum(&'s EnumSchema),
    Fixed(&'s FixedSchema),
    /// A reference to a name the schema does not define (one of a list parsed together with
    /// `Schema::parse_list`); only its name is known.
    Unresolved(&'s Name),
}

/// The Avro type of a [`Shape`], as Java's `Schema.Type`: what must be equal for two schemas to
/// be compared member by member rather than through promotion or union rules.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Array,
    Map,
    Union,
    Record,
    Enum,
    Fixed,
    Unresolved,
}

impl Kind {
    /// The type's name in the specification: `record`, `long`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Boolean => "boolean",
            Kind::Int => "int",
            Kind::Long => "long",
            Kind::Float => "float",
            Kind::Double => "double",
            Kind::Bytes => "bytes",
            Kind::String => "string",
            Kind::Array => "array",
            Kind::Map => "map",
            Kind::Union => "union",
            Kind::Record => "record",
            Kind::Enum => "enum",
            Kind::Fixed => "fixed",
            Kind::Unresolved => "named type",
        }
    }

    pub(crate) fn is_numeric(self) -> bool {
        matches!(self, Kind::Int | Kind::Long | Kind::Float | Kind::Double)
    }
}

impl<'s> Shape<'s> {
    pub(crate) fn kind(self) -> Kind {
        match self {
            Shape::Null => Kind::Null,
            Shape::Boolean => Kind::Boolean,
            Shape::Int => Kind::Int,
            Shape::Long => Kind::Long,
            Shape::Float => Kind::Float,
            Shape::Double => Kind::Double,
            Shape::Bytes => Kind::Bytes,
            Shape::String => Kind::String,
            Shape::Array(_) => Kind::Array,
            Shape::Map(_) => Kind::Map,
            Shape::Union(_) => Kind::Union,
            Shape::Record(_) => Kind::Record,
            Shape::Enum(_) => Kind::Enum,
            Shape::Fixed(_) => Kind::Fixed,
            Shape::Unresolved(_) => Kind::Unresolved,
        }
    }

    /// The full name of a named shape.
    pub(crate) fn name(self) -> Option<&'s Name> {
        match self {
            Shape::Record(record) => Some(&record.name),
            Shape::Enum(enumeration) => Some(&enumeration.name),
            Shape::Fixed(fixed) => Some(&fixed.name),
            Shape::Unresolved(name) => Some(name),
            _ => None,
        }
    }
}

/// `schema` as it is on the wire; a reference is followed within `definitions`.
pub(crate) fn shape_of<'s>(schema: &'s Schema, definitions: &Definitions<'s>) -> Shape<'s> {
    match definitions.resolve(schema) {
        Schema::Null => Shape::Null,
        Schema::Boolean => Shape::Boolean,
        Schema::Int | Schema::Date | Schema::TimeMillis => Shape::Int,
        Schema::Long
        | Schema::TimeMicros
        | Schema::TimestampMillis
        | Schema::TimestampMicros
        | Schema::TimestampNanos
        | Schema::LocalTimestampMillis
        | Schema::LocalTimestampMicros
        | Schema::LocalTimestampNanos => Shape::Long,
        Schema::Float => Shape::Float,
        Schema::Double => Shape::Double,
        Schema::Bytes
        | Schema::BigDecimal
        | Schema::Uuid(UuidSchema::Bytes)
        | Schema::Decimal(DecimalSchema {
            inner: InnerDecimalSchema::Bytes,
            ..
        }) => Shape::Bytes,
        Schema::String | Schema::Uuid(UuidSchema::String) => Shape::String,
        Schema::Array(array) => Shape::Array(&array.items),
        Schema::Map(map) => Shape::Map(&map.types),
        Schema::Union(union) => Shape::Union(union.variants()),
        Schema::Record(record) => Shape::Record(record),
        Schema::Enum(enumeration) => Shape::Enum(enumeration),
        Schema::Fixed(fixed)
        | Schema::Uuid(UuidSchema::Fixed(fixed))
        | Schema::Duration(fixed)
        | Schema::Decimal(DecimalSchema {
            inner: InnerDecimalSchema::Fixed(fixed),
            ..
        }) => Shape::Fixed(fixed),
        Schema::Ref { name } => Shape::Unresolved(name),
    }
}

/// The logical type annotating `schema`, if any: `uuid`, `decimal`, `timestamp-micros`.
pub(crate) fn logical_type<'s>(
    schema: &'s Schema,
    definitions: &Definitions<'s>,
) -> Option<&'static str> {
    Some(match definitions.resolve(schema) {
        Schema::Date => "date",
        Schema::TimeMillis => "time-millis",
        Schema::TimeMicros => "time-micros",
        Schema::TimestampMillis => "timestamp-millis",
        Schema::TimestampMicros => "timestamp-micros",
        Schema::TimestampNanos => "timestamp-nanos",
        Schema::LocalTimestampMillis => "local-timestamp-millis",
        Schema::LocalTimestampMicros => "local-timestamp-micros",
        Schema::LocalTimestampNanos => "local-timestamp-nanos",
        Schema::BigDecimal => "big-decimal",
        Schema::Decimal(_) => "decimal",
        Schema::Uuid(_) => "uuid",
        Schema::Duration(_) => "duration",
        _ => return None,
    })
}
