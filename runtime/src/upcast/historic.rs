//! [`HistoricEvent`]: a major version whose Rust type was deleted, read from its registered
//! schema as a generic value, so that its upcaster still runs.

use crate::codec::{DecodeError, DecodeErrorKind, EncodeError, EncodeErrorKind, Reader};
use crate::resolve::Plan;
use crate::{Avro, Event, SchemaBuilder};
use apache_avro::Schema;
use apache_avro::reader::datum::GenericDatumReader;
use apache_avro::types::Value as AvroValue;
use apache_avro::writer::datum::GenericDatumWriter;
use serde_json::Value;
use std::any::TypeId;
use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::{Arc, OnceLock, RwLock};

/// The facts of a deleted major version: what its `#[event(...)]` said, and its schema as
/// registered (`include_str!` of its last revision in `schemas/history`).
///
/// ```
/// use tidings::upcast::{Historic, HistoricEvent};
///
/// /// `order.placed` version 1, whose Rust type is gone.
/// pub enum OrderPlacedV1 {}
///
/// impl Historic for OrderPlacedV1 {
///     const TYPE: &'static str = "order.placed";
///     const VERSION: u32 = 1;
///     const SOURCE: &'static str = "order-service";
///     const AVRO_NAME: &'static str = "com.acme.orders.v1.OrderPlaced";
///     const SCHEMA: &'static str =
///         include_str!("../../../schemas/history/com.acme.orders.v1.OrderPlaced/2.avsc");
/// }
///
/// /// Version 2 reads version 1 from its value.
/// #[derive(tidings::Event, Debug, PartialEq)]
/// #[event(type = "order.placed", version = 2, upcast_from = HistoricEvent<OrderPlacedV1>)]
/// #[avro(namespace = "com.acme.orders")]
/// pub struct OrderPlaced {
///     pub total_cents: i64,
/// }
///
/// impl TryFrom<HistoricEvent<OrderPlacedV1>> for OrderPlaced {
///     type Error = String;
///     fn try_from(old: HistoricEvent<OrderPlacedV1>) -> Result<Self, String> {
///         match old.field("total_cents") {
///             Some(tidings::avro::types::Value::Long(cents)) => Ok(OrderPlaced { total_cents: *cents }),
///             other => Err(format!("no total: {other:?}")),
///         }
///     }
/// }
/// ```
pub trait Historic: 'static {
    /// [`Event::TYPE`] as it was.
    const TYPE: &'static str;
    /// [`Event::VERSION`] as it was.
    const VERSION: u32;
    /// [`Event::SOURCE`] as it was.
    const SOURCE: &'static str;
    /// [`Event::AVRO_NAME`] as it was: the registry subject.
    const AVRO_NAME: &'static str;
    /// The schema of the version's last registered revision, as JSON text.
    const SCHEMA: &'static str;
}

/// An event of a deleted major version, decoded as a generic Avro value with its registered
/// schema: the `upcast_from` of the next version, whose `TryFrom` reads the fields it needs.
///
/// It is an [`Event`] like any other in the lineage: older revisions of it are resolved to
/// [`Historic::SCHEMA`], and versions before it upcast to it.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoricEvent<H> {
    value: AvroValue,
    version: PhantomData<H>,
}

impl<H: Historic> HistoricEvent<H> {
    /// The event as apache-avro's generic value (a `Record`).
    pub fn value(&self) -> &AvroValue {
        &self.value
    }

    /// The value of the record's field `name`, if it has one.
    pub fn field(&self, name: &str) -> Option<&AvroValue> {
        match &self.value {
            AvroValue::Record(fields) => fields.iter().find(|(n, _)| n == name).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The generic value.
    pub fn into_value(self) -> AvroValue {
        self.value
    }
}

impl<H: Historic> Avro for HistoricEvent<H> {
    fn write_schema(builder: &mut SchemaBuilder) -> Value {
        builder.named(H::AVRO_NAME, |_| schema_json::<H>())
    }

    fn encode_avro(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        let fits = |err: apache_avro::Error| {
            EncodeError::new(EncodeErrorKind::ValueDoesNotFitSchema {
                reason: err.to_string(),
            })
        };
        let start = out.len();
        GenericDatumWriter::builder(Self::schema())
            .build()
            .and_then(|writer| writer.write_value_ref(out, &self.value))
            .map(drop)
            .map_err(|err| {
                out.truncate(start);
                fits(err)
            })
    }

    /// Reads the rest of `reader`'s input, which must be this one datum: a historic event is
    /// always a whole datum or an envelope's `data`, its last field.
    fn decode_avro(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let start = reader.position();
        let datum = reader.read_slice(reader.remaining())?;
        // apache-avro would allocate what a hostile length asks for (up to 512 MiB) before
        // reading it: the plan's walk checks every length against the input first.
        let mut checked = Vec::with_capacity(datum.len());
        identity_plan::<H>()
            .transcode(datum, &mut checked)
            .map_err(|err| {
                let offset = start + err.offset();
                err.with_offset(offset)
            })?;
        let value = GenericDatumReader::builder(Self::schema())
            .build()
            .and_then(|reader| reader.read_value(&mut checked.as_slice()))
            .map_err(|err| {
                DecodeError::new(DecodeErrorKind::GenericValue(err.to_string()), start)
            })?;
        Ok(HistoricEvent {
            value,
            version: PhantomData,
        })
    }
}

impl<H: Historic> Event for HistoricEvent<H> {
    const TYPE: &'static str = H::TYPE;
    const VERSION: u32 = H::VERSION;
    const SOURCE: &'static str = H::SOURCE;
    const AVRO_NAME: &'static str = H::AVRO_NAME;
}

/// `H::SCHEMA` as JSON.
///
/// # Panics
///
/// If it is not JSON: a constant of the program, as a derived schema is.
fn schema_json<H: Historic>() -> Value {
    serde_json::from_str(H::SCHEMA).unwrap_or_else(|err| {
        panic!(
            "`{}::SCHEMA` is not JSON: {err}",
            std::any::type_name::<H>()
        )
    })
}

/// The plan that only walks and copies `H`'s datum, built once per `H`.
fn identity_plan<H: Historic>() -> Arc<Plan> {
    type Plans = RwLock<HashMap<TypeId, Arc<Plan>>>;
    static PLANS: OnceLock<Plans> = OnceLock::new();
    let plans = PLANS.get_or_init(Plans::default);
    let key = TypeId::of::<H>();
    if let Some(plan) = plans.read().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Arc::clone(plan);
    }
    let schema: &Schema = <HistoricEvent<H> as Avro>::schema();
    let plan = Plan::new(schema, schema).unwrap_or_else(|err| {
        panic!(
            "`{}::SCHEMA` cannot read itself: {err}",
            std::any::type_name::<H>()
        )
    });
    let plan = Arc::new(plan);
    plans
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .entry(key)
        .or_insert(plan)
        .clone()
}
