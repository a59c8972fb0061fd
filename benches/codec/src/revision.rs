//! An older revision of the benchmark event, for the resolution benchmark (`benches/resolve.rs`):
//! what the order service wrote before three compatible changes, carrying the same information,
//! so that reading it through a plan yields exactly `order(lines)`.
//!
//! Since then `lines[].unit_price_cents` grew from `int` to `long`, `note` became optional (a
//! `string` read by the union `["null", "string"]`), and `channel` moved into `attributes` (the
//! old field is skipped).

use crate::{OrderPlaced, Status, order};
use apache_avro::reader::datum::GenericDatumReader;
use std::collections::BTreeMap;
use tidings::Avro;
use uuid::Uuid;

/// `OrderPlaced` as revision 1 of major version 2 wrote it.
#[derive(Avro, Debug, Clone, PartialEq)]
#[avro(name = "OrderPlaced", namespace = "com.acme.orders.v2")]
pub struct OrderPlacedRev1 {
    /// The order.
    pub order_id: Uuid,
    /// Who placed it.
    pub customer: String,
    /// When, in microseconds since the Unix epoch.
    pub placed_at_micros: i64,
    /// Where the order stands.
    pub status: Status,
    /// What was ordered.
    pub lines: Vec<LineRev1>,
    /// A note from the customer; required then.
    pub note: String,
    /// ISO 4217 currency code.
    pub currency: String,
    /// The order's total.
    pub total: f64,
    /// Whether it is a gift.
    pub gift: bool,
    /// Free-form tags.
    pub attributes: BTreeMap<String, String>,
    /// The sales channel, an attribute since.
    pub channel: String,
}

/// `Line` as revision 1 wrote it.
#[derive(Avro, Debug, Clone, PartialEq)]
#[avro(name = "Line", namespace = "com.acme.orders")]
pub struct LineRev1 {
    /// The product.
    pub sku: String,
    /// How many.
    pub quantity: i32,
    /// The price of one, in cents: an `int` then.
    pub unit_price_cents: i32,
}

/// `order(lines)` as revision 1 wrote it.
pub fn order_rev1(lines: usize) -> OrderPlacedRev1 {
    let current = order(lines);
    OrderPlacedRev1 {
        order_id: current.order_id,
        customer: current.customer,
        placed_at_micros: current.placed_at_micros,
        status: current.status,
        lines: current
            .lines
            .into_iter()
            .map(|line| LineRev1 {
                sku: line.sku,
                quantity: line.quantity,
                unit_price_cents: line.unit_price_cents.try_into().expect("fits an int"),
            })
            .collect(),
        note: current.note.expect("the benchmark order has a note"),
        currency: current.currency,
        total: current.total,
        gift: current.gift,
        attributes: current.attributes,
        channel: "web".to_owned(),
    }
}

/// apache-avro's resolving reader: the writer's schema decoded to a `Value` tree, resolved
/// against the reader's, then `from_value` (what `from_avro_datum(&writer, &mut bytes,
/// Some(&reader))` did before 0.22 deprecated it for this reader).
pub struct ApacheAvroResolving {
    reader: GenericDatumReader<'static>,
}

impl ApacheAvroResolving {
    /// Parses both schemas as tidings exports them and builds the reader once.
    pub fn new() -> Self {
        apache_avro::util::set_serde_human_readable(true);
        let parse = |avsc: String| -> &'static apache_avro::Schema {
            Box::leak(Box::new(
                apache_avro::Schema::parse_str(&avsc).expect("valid"),
            ))
        };
        let writer = parse(tidings::avsc::<OrderPlacedRev1>());
        let reader = parse(tidings::avsc::<OrderPlaced>());
        ApacheAvroResolving {
            reader: GenericDatumReader::builder(writer)
                .reader_schema(reader)
                .human_readable(true)
                .build()
                .expect("reader"),
        }
    }

    /// Reads revision 1 bytes as the current `OrderPlaced`.
    pub fn decode(&self, mut bytes: &[u8]) -> OrderPlaced {
        let value = self.reader.read_value(&mut bytes).expect("decodes");
        apache_avro::from_value(&value).expect("converts")
    }
}

impl Default for ApacheAvroResolving {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tidings::canonical::fingerprint_of;
    use tidings::resolve::{Plan, decode_resolved};

    #[test]
    fn every_path_reads_the_old_revision_as_the_current_order() {
        let apache = ApacheAvroResolving::new();
        let plan = Plan::new(OrderPlacedRev1::schema(), OrderPlaced::schema()).unwrap();
        assert!(!plan.is_identity());
        for lines in [0, 3, 100] {
            let bytes = tidings::encode(&order_rev1(lines)).unwrap();
            let read = decode_resolved::<OrderPlaced>(
                OrderPlacedRev1::schema(),
                fingerprint_of::<OrderPlacedRev1>(),
                &bytes,
            );
            assert_eq!(read.unwrap(), order(lines));
            assert_eq!(apache.decode(&bytes), order(lines));
        }
    }
}
