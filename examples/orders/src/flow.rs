//! An order flow across three services, `OrderPlaced` -> `PaymentProcessed` ->
//! `InventoryReserved`: each event travels in an envelope that carries the flow's correlation ID,
//! its cause and its trace, and each envelope is shown in every wire format.

use orders_example::{InventoryReserved, PaymentProcessed, v2};
use std::collections::BTreeMap;
use tidings::wire::cloudevents::kafka::{self, ContentMode, KafkaOptions, KafkaRecord};
use tidings::wire::cloudevents::{self, json};
use tidings::wire::{confluent, single_object};
use tidings::{Avro, Envelope, Event, Timestamp};

/// Runs the flow and prints each envelope; `Err` if any format does not read back what it wrote.
pub fn run(order: v2::OrderPlaced) -> Result<(), Box<dyn std::error::Error>> {
    let order_id = order.order_id;
    let placed = Envelope::new(order)
        .with_subject(order_id.to_string())?
        .with_correlation_id("checkout-7f3a")?
        .with_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")?;
    let paid = Envelope::new(PaymentProcessed {
        order_id,
        amount_cents: 6_497,
        currency: "EUR".into(),
        processed_at: Timestamp::now(),
    })
    .caused_by(&placed)
    .with_subject(order_id.to_string())?;
    let reserved = Envelope::new(InventoryReserved {
        order_id,
        warehouse: "AMS-1".into(),
        reserved: BTreeMap::from([("B-42".into(), 3), ("C-7".into(), 1)]),
    })
    .caused_by(&paid)
    .with_subject(order_id.to_string())?
    .with_extension("tenant", "acme")?;

    println!("\nAn order flow: every envelope carries the flow's correlation ID and its cause.");
    show(&placed)?;
    show(&paid)?;
    show_json_data(&paid)?;
    show(&reserved)?;
    show_json_data(&reserved)?;
    Ok(())
}

/// Prints `envelope` as its Avro record, as a single-object message, Confluent-framed and as
/// CloudEvents, and reads each form back.
fn show<E: Event + Clone + PartialEq + std::fmt::Debug>(
    envelope: &Envelope<E>,
) -> Result<(), Box<dyn std::error::Error>> {
    println!(
        "\n{} v{} {} (caused by {}, correlation {})",
        envelope.event_type(),
        envelope.version(),
        envelope.id(),
        envelope.causation_id().unwrap_or("nothing"),
        envelope.correlation_id().unwrap_or("none"),
    );

    let avro = tidings::encode(envelope)?;
    let name = <Envelope<E> as Avro>::schema()
        .name()
        .map(|n| n.fullname(None))
        .unwrap_or_default();
    check(tidings::decode::<Envelope<E>>(&avro)?, envelope)?;
    println!("  Avro record {name}: {} bytes", avro.len());

    let message = single_object::encode(envelope)?;
    check(single_object::decode::<Envelope<E>>(&message)?, envelope)?;
    println!(
        "  Avro single-object: {} bytes, fingerprint {}",
        message.len(),
        single_object::read_header(&message)?.fingerprint()
    );

    // The schema ID comes from a registry in production (`wire::confluent::SchemaIds`, feature
    // `confluent`); the tour has none, so it makes one up.
    let schema_id = 100 + E::VERSION;
    let framed = confluent::encode(schema_id, envelope)?;
    let decoded = confluent::decode::<Envelope<E>>(&framed)?;
    check(decoded.value, envelope)?;
    println!(
        "  Confluent wire format: {} bytes, schema ID {}",
        framed.len(),
        decoded.schema_id
    );

    let mut structured = Vec::new();
    json::encode_avro_data(
        envelope,
        &cloudevents::default_dataschema::<E>(),
        &mut structured,
    )?;
    check(json::decode_avro_data::<E>(&structured)?, envelope)?;
    println!(
        "  CloudEvents JSON, Avro data: {}",
        String::from_utf8(structured)?
    );

    let binary = kafka::encode(envelope, &KafkaOptions::default())?;
    check(kafka::decode::<E>(&binary)?, envelope)?;
    println!("  Kafka, binary mode: {}", describe(&binary));

    let options = KafkaOptions {
        mode: ContentMode::Structured,
        ..KafkaOptions::default()
    };
    let record = kafka::encode(envelope, &options)?;
    check(kafka::decode::<E>(&record)?, envelope)?;
    println!("  Kafka, structured mode: {}", describe(&record));
    Ok(())
}

/// Prints `envelope` as CloudEvents JSON with its event as JSON, for consumers without Avro.
fn show_json_data<E>(envelope: &Envelope<E>) -> Result<(), Box<dyn std::error::Error>>
where
    E: Event + Clone + PartialEq + std::fmt::Debug + serde::Serialize + serde::de::DeserializeOwned,
{
    let mut text = Vec::new();
    json::encode(envelope, &mut text)?;
    check(json::decode::<E>(&text)?, envelope)?;
    println!(
        "  CloudEvents JSON, JSON data: {}",
        String::from_utf8(text)?
    );
    Ok(())
}

fn check<E: PartialEq>(decoded: Envelope<E>, original: &Envelope<E>) -> Result<(), String> {
    match &decoded == original {
        true => Ok(()),
        false => Err("a format did not read back what it wrote".into()),
    }
}

fn describe(record: &KafkaRecord) -> String {
    let headers: Vec<String> = record
        .headers
        .iter()
        .map(|(name, value)| format!("{name}={}", String::from_utf8_lossy(value)))
        .collect();
    format!(
        "key {:?}, {} value bytes, headers {}",
        record
            .key
            .as_deref()
            .map(String::from_utf8_lossy)
            .unwrap_or_default(),
        record.value.as_ref().map_or(0, Vec::len),
        headers.join(" ")
    )
}
