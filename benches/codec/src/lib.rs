//! Fixtures for the runtime codec benchmarks (`benches/codec.rs`): one realistic event, and the
//! encode and decode paths a user would pick for it, each set up the way its documentation
//! recommends for speed (schemas parsed once, writers and configurations reused).
//!
//! Every Avro path must write the same bytes as tidings for the comparison to mean anything (the
//! `Value` path up to map order); the tests below check that they do, and that each reads them
//! back.

pub mod envelope;
pub mod revision;

use apache_avro::reader::datum::GenericDatumReader;
use apache_avro::writer::datum::GenericDatumWriter;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tidings::{Avro, Event};
use uuid::Uuid;

/// An order was placed: the shape of a typical business event.
#[derive(Event, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[event(type = "order.placed", version = 2, source = "order-service")]
#[avro(namespace = "com.acme.orders")]
pub struct OrderPlaced {
    /// The order.
    pub order_id: Uuid,
    /// Who placed it.
    pub customer: String,
    /// When, in microseconds since the Unix epoch.
    pub placed_at_micros: i64,
    /// Where the order stands.
    pub status: Status,
    /// What was ordered.
    pub lines: Vec<Line>,
    /// A note from the customer.
    pub note: Option<String>,
    /// ISO 4217 currency code.
    pub currency: String,
    /// The order's total.
    pub total: f64,
    /// Whether it is a gift.
    pub gift: bool,
    /// Free-form tags.
    pub attributes: BTreeMap<String, String>,
}

/// One line of an order.
#[derive(Avro, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[avro(namespace = "com.acme.orders")]
pub struct Line {
    /// The product.
    pub sku: String,
    /// How many.
    pub quantity: i32,
    /// The price of one, in cents.
    pub unit_price_cents: i64,
}

/// Where an order stands.
#[derive(Avro, Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
#[avro(namespace = "com.acme.orders")]
pub enum Status {
    /// Placed, not paid.
    Placed,
    /// Paid.
    Paid,
    /// On its way.
    Shipped,
}

/// An order with `lines` lines: 3 make a small event (about 200 bytes), 100 a large one.
pub fn order(lines: usize) -> OrderPlaced {
    OrderPlaced {
        order_id: Uuid::from_u128(0x0193_7c2e_5a1b_7d3c_9f2e_4b6a_8c1d_0e5f),
        customer: "customer-48151623".to_owned(),
        placed_at_micros: 1_763_900_000_123_456,
        status: Status::Paid,
        lines: (0..lines)
            .map(|i| Line {
                sku: format!("SKU-{:06}", i * 7919),
                quantity: (i % 5) as i32 + 1,
                unit_price_cents: 199 + (i as i64) * 1_250,
            })
            .collect(),
        note: Some("Leave at the door, please — merci!".to_owned()),
        currency: "EUR".to_owned(),
        total: 1234.56,
        gift: false,
        attributes: [("channel", "web"), ("campaign", "black-friday")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
    }
}

/// The alternatives' schemas, writers and readers, built once.
pub struct Alternatives {
    avro_writer: GenericDatumWriter<'static>,
    avro_reader: GenericDatumReader<'static>,
    fast_schema: &'static serde_avro_fast::Schema,
}

impl Alternatives {
    /// Parses `OrderPlaced`'s schema (as tidings exports it) into each library's model.
    pub fn new() -> Self {
        let avsc = tidings::avsc::<OrderPlaced>();
        // `to_value` reads this process-wide setting: without it a `Uuid` becomes 16 bytes, which
        // a `string` with logical type `uuid` does not accept.
        apache_avro::util::set_serde_human_readable(true);
        // Leaked so the writers can borrow them for the life of the benchmark process.
        let avro_schema: &'static apache_avro::Schema = Box::leak(Box::new(
            apache_avro::Schema::parse_str(&avsc).expect("valid"),
        ));
        let fast_schema: &'static serde_avro_fast::Schema =
            Box::leak(Box::new(avsc.parse().expect("valid")));
        Alternatives {
            // Human-readable, so `Uuid` serializes as the string its logical type is.
            avro_writer: GenericDatumWriter::builder(avro_schema)
                .human_readable(true)
                .build()
                .expect("writer"),
            avro_reader: GenericDatumReader::builder(avro_schema)
                .human_readable(true)
                .build()
                .expect("reader"),
            fast_schema,
        }
    }

    /// apache-avro's schema-aware serde serializer (`GenericDatumWriter::write_ser`, 0.22).
    pub fn apache_avro_serde_encode(&self, order: &OrderPlaced, out: &mut Vec<u8>) {
        self.avro_writer.write_ser(out, order).expect("encodes");
    }

    /// apache-avro's schema-aware serde deserializer (`GenericDatumReader::read_deser`).
    pub fn apache_avro_serde_decode(&self, mut bytes: &[u8]) -> OrderPlaced {
        self.avro_reader.read_deser(&mut bytes).expect("decodes")
    }

    /// apache-avro through its `Value` tree: `to_value`, then `write_value_ref` (which validates).
    pub fn apache_avro_value_encode(&self, order: &OrderPlaced, out: &mut Vec<u8>) {
        let value = apache_avro::to_value(order).expect("converts");
        self.avro_writer
            .write_value_ref(out, &value)
            .expect("encodes");
    }

    /// apache-avro through its `Value` tree: `read_value`, then `from_value`.
    pub fn apache_avro_value_decode(&self, mut bytes: &[u8]) -> OrderPlaced {
        let value = self.avro_reader.read_value(&mut bytes).expect("decodes");
        apache_avro::from_value(&value).expect("converts")
    }

    /// A serializer configuration for serde_avro_fast, to reuse across calls as its docs advise.
    pub fn serde_avro_fast_config(&self) -> serde_avro_fast::ser::SerializerConfig<'static> {
        serde_avro_fast::ser::SerializerConfig::new(self.fast_schema)
    }

    /// serde_avro_fast's `to_datum`, appending to `out`.
    pub fn serde_avro_fast_encode(
        config: &mut serde_avro_fast::ser::SerializerConfig<'static>,
        order: &OrderPlaced,
        out: &mut Vec<u8>,
    ) {
        serde_avro_fast::to_datum(order, out, config).expect("encodes");
    }

    /// serde_avro_fast's `from_datum_slice`.
    pub fn serde_avro_fast_decode(&self, bytes: &[u8]) -> OrderPlaced {
        serde_avro_fast::from_datum_slice(bytes, self.fast_schema).expect("decodes")
    }
}

impl Default for Alternatives {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_avro_path_writes_and_reads_the_same_bytes() {
        let alternatives = Alternatives::new();
        let mut config = alternatives.serde_avro_fast_config();
        for lines in [0, 3, 100] {
            let order = order(lines);
            let bytes = tidings::encode(&order).unwrap();

            let mut serde_bytes = Vec::new();
            alternatives.apache_avro_serde_encode(&order, &mut serde_bytes);
            assert_eq!(serde_bytes, bytes, "apache-avro serde, {lines} lines");
            let mut value_bytes = Vec::new();
            alternatives.apache_avro_value_encode(&order, &mut value_bytes);
            // Its `Value::Map` is a `HashMap`: same entries, in another order.
            assert_eq!(
                value_bytes.len(),
                bytes.len(),
                "apache-avro Value, {lines} lines"
            );
            assert_eq!(tidings::decode::<OrderPlaced>(&value_bytes).unwrap(), order);
            let mut fast_bytes = Vec::new();
            Alternatives::serde_avro_fast_encode(&mut config, &order, &mut fast_bytes);
            assert_eq!(fast_bytes, bytes, "serde_avro_fast, {lines} lines");

            assert_eq!(tidings::decode::<OrderPlaced>(&bytes).unwrap(), order);
            assert_eq!(alternatives.apache_avro_serde_decode(&bytes), order);
            assert_eq!(alternatives.apache_avro_value_decode(&bytes), order);
            assert_eq!(alternatives.serde_avro_fast_decode(&bytes), order);
        }
    }

    #[test]
    fn the_small_event_is_the_size_of_a_typical_payload() {
        let size = tidings::encode(&order(3)).unwrap().len();
        assert!((150..300).contains(&size), "{size} bytes");
    }
}
