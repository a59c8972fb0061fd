//! Evolution from the consumer's side: a log written by every historical version of
//! `order.placed` (the committed fixtures of `tests/fixtures/evolution`, never regenerated) reads
//! as today's types, through schema resolution within a major version and the `upcast_from`
//! chain across them.

use orders_example::{
    Channel, Customer, DeclineReason, InventoryReserved, Line, PaymentFailed, Sku, UnreadableOrder,
    v1, v2,
};
use rust_decimal::Decimal;
use tidings::evolution::{EventDecoder, EventStream, EvolutionError};
use tidings::wire::single_object;
use tidings::{Envelope, Timestamp};
use uuid::Uuid;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/fixtures/evolution/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|err| panic!("{path}: {err}"))
}

fn decoder() -> EventDecoder {
    EventDecoder::new(tidings::embedded_history!("../schemas").expect("the committed history"))
}

fn id(text: &str) -> Uuid {
    Uuid::parse_str(text).unwrap()
}

/// Order `n` of the fixtures, and its envelope's ID.
fn order_id(n: u32) -> Uuid {
    id(&format!("0195f0a0-7c00-7000-8000-00000000000{n}"))
}

fn envelope_id(n: u32) -> Uuid {
    id(&format!("0195f0a0-7c00-7000-9000-00000000000{n}"))
}

fn line(sku: &str, quantity: u32, cents: i64) -> Line {
    Line {
        sku: Sku(sku.into()),
        quantity,
        unit_price: Decimal::new(cents, 2),
    }
}

/// What the upcaster makes of a v1 order: the fixtures' IDs all hold the same millisecond.
fn upcast(n: u32, customer: &str, lines: Vec<Line>) -> v2::OrderPlaced {
    v2::OrderPlaced {
        order_id: order_id(n),
        customer: Customer {
            id: Uuid::nil(),
            display_name: customer.into(),
        },
        lines,
        channel: Channel::Unknown,
        note: None,
        currency: "USD".into(),
        placed_at: Timestamp::from_unix_micros(1_743_498_804_224_000),
    }
}

#[test]
fn every_revision_of_v1_reads_as_todays_v1() {
    let decoder = decoder();
    let old = decoder
        .envelope::<v1::OrderPlaced>(&fixture("v1r1-envelope-1.bin"))
        .unwrap();
    assert_eq!(old.version(), 1);
    let envelope = old.value();
    assert_eq!(
        envelope.data(),
        &v1::OrderPlaced {
            order_id: order_id(1),
            items: vec!["2 x B-42 @ 19.99".into(), "1 x C-7 @ 5.00".into()],
            total_cents: 4498,
            customer_name: None, // revision 1 had no such field: the reader's default
        }
    );
    // The metadata is kept as written.
    assert_eq!(envelope.id(), envelope_id(1));
    assert_eq!(
        envelope.time(),
        Timestamp::from_unix_micros(1_743_000_000_000_000)
    );
    assert_eq!(envelope.correlation_id(), Some("checkout-17"));
    assert_eq!(envelope.subject(), Some(order_id(1).to_string().as_str()));

    let current = decoder
        .envelope::<v1::OrderPlaced>(&fixture("v1r2-envelope-1.bin"))
        .unwrap();
    assert_eq!(
        current.value().data().customer_name.as_deref(),
        Some("Grace")
    );
    assert_ne!(old.fingerprint(), current.fingerprint());
}

/// What a v2 consumer reads from a message: the version it was written as and the order, or
/// the ID of the event its upcast refuses.
type Expected = Result<(u32, v2::OrderPlaced), Uuid>;

/// The log in the order it was written, and what a v2 consumer reads from each message.
fn mixed_log() -> Vec<(&'static str, Expected)> {
    let v2_order = v2::OrderPlaced {
        order_id: order_id(6),
        customer: Customer {
            id: id("0195f0a0-7c00-7000-8000-00000000c001"),
            display_name: "Ada".into(),
        },
        lines: vec![line("B-42", 2, 1999)],
        channel: Channel::Store,
        note: Some("gift wrap".into()),
        currency: "EUR".into(),
        placed_at: Timestamp::from_unix_micros(1_747_000_000_000_000),
    };
    vec![
        (
            "v1r1-envelope-1.bin",
            Ok((
                1,
                upcast(1, "", vec![line("B-42", 2, 1999), line("C-7", 1, 500)]),
            )),
        ),
        ("v2r1-envelope-1.bin", Ok((2, v2_order))),
        (
            "v1r2-envelope-1.bin",
            Ok((1, upcast(4, "Grace", vec![line("B-42", 4, 1999)]))),
        ),
        (
            "v1r1-envelope-2.bin",
            Ok((1, upcast(2, "", vec![line("D-1", 1, 350)]))),
        ),
        ("v1r1-envelope-3.bin", Err(envelope_id(3))),
        (
            "v1r2-envelope-2.bin",
            Ok((
                1,
                upcast(5, "", vec![line("E-5", 1, 12000), line("C-7", 2, 500)]),
            )),
        ),
    ]
}

#[test]
fn a_mixed_log_of_every_version_reads_as_v2() {
    let decoder = decoder();
    for (file, expected) in mixed_log() {
        let read = decoder.envelope::<v2::OrderPlaced>(&fixture(file));
        match (read, expected) {
            (Ok(read), Ok((version, order))) => {
                assert_eq!(read.version(), version, "{file}");
                assert_eq!(read.value().data(), &order, "{file}");
                assert_eq!(read.value().version(), 2);
            }
            (Err(err), Err(id)) => {
                // The event a dead-letter route needs to name, and why it could not be read.
                assert_eq!(err.event_id(), Some(id), "{file}");
                let EvolutionError::Upcast { source, .. } = &err else {
                    panic!("{file}: {err}");
                };
                assert_eq!((source.from, source.to), (1, 2));
                let cause = std::error::Error::source(source)
                    .and_then(|c| c.downcast_ref::<UnreadableOrder>())
                    .expect("the upcaster's own error");
                assert_eq!(cause.order_id, order_id(3));
                assert!(err.to_string().contains("a gift card"), "{err}");
            }
            (read, expected) => panic!("{file}: read {read:?}, expected {expected:?}"),
        }
    }
}

#[test]
fn bare_events_of_every_version_read_as_v2() {
    let decoder = decoder();
    let cases = [
        (
            "v1r1-event-1.bin",
            1,
            upcast(1, "", vec![line("B-42", 2, 1999), line("C-7", 1, 500)]),
        ),
        (
            "v1r2-event-1.bin",
            1,
            upcast(4, "Grace", vec![line("B-42", 4, 1999)]),
        ),
    ];
    for (file, version, order) in cases {
        let read = decoder.event::<v2::OrderPlaced>(&fixture(file)).unwrap();
        assert_eq!((read.version(), read.value()), (version, &order), "{file}");
    }
    let current = decoder
        .event::<v2::OrderPlaced>(&fixture("v2r1-event-1.bin"))
        .unwrap();
    assert_eq!(current.version(), 2);
    // An envelope is not a bare event, nor the other way round.
    assert!(matches!(
        decoder.event::<v2::OrderPlaced>(&fixture("v1r1-envelope-1.bin")),
        Err(EvolutionError::WrongForm { .. })
    ));
    assert!(matches!(
        decoder.envelope::<v2::OrderPlaced>(&fixture("v1r1-event-1.bin")),
        Err(EvolutionError::WrongForm { .. })
    ));
}

/// The events one topic carries.
#[derive(EventStream, Debug, PartialEq)]
enum OrderLog {
    Placed(v2::OrderPlaced),
    PaymentFailed(PaymentFailed),
}

fn payment_failed() -> Envelope<PaymentFailed> {
    Envelope::new(PaymentFailed {
        order_id: order_id(1),
        amount: Decimal::new(4498, 2),
        reason: DeclineReason::Refused { code: "51".into() },
        declined_at: Timestamp::from_unix_millis(1_743_000_100_000).unwrap(),
    })
}

#[test]
fn a_stream_of_several_event_types_reads_each_as_its_variant() {
    let decoder = decoder();
    assert_eq!(OrderLog::EVENT_TYPES, ["order.placed", "payment.failed"]);
    for (file, expected) in mixed_log() {
        let read = decoder.stream::<OrderLog>(&fixture(file));
        match expected {
            Ok((version, order)) => {
                let read = read.unwrap();
                assert_eq!(read.version(), version);
                assert_eq!(read.value().data(), &OrderLog::Placed(order));
                assert_eq!(read.value().data().event_type(), "order.placed");
            }
            Err(id) => assert_eq!(read.unwrap_err().event_id(), Some(id)),
        }
    }
    let payment = payment_failed();
    let read = decoder
        .stream::<OrderLog>(&single_object::encode(&payment).unwrap())
        .unwrap();
    assert_eq!(read.value().id(), payment.id());
    assert_eq!(
        read.value().data(),
        &OrderLog::PaymentFailed(payment.data().clone())
    );

    let other = Envelope::new(InventoryReserved {
        order_id: order_id(1),
        warehouse: "north".into(),
        reserved: Default::default(),
    });
    let err = decoder
        .stream::<OrderLog>(&single_object::encode(&other).unwrap())
        .unwrap_err();
    assert!(
        matches!(&err, EvolutionError::UnknownEventType { found, .. } if found == "inventory.reserved"),
        "{err}"
    );
}

#[test]
fn the_stream_union_schema_holds_every_variants_envelope() {
    let union = OrderLog::union_schema();
    let names: Vec<_> = union
        .as_array()
        .unwrap()
        .iter()
        .map(|branch| {
            format!(
                "{}.{}",
                branch["namespace"].as_str().unwrap(),
                branch["name"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            "com.acme.orders.v2.OrderPlacedEnvelope",
            "com.acme.payments.v1.PaymentFailedEnvelope"
        ]
    );
    tidings::avro::Schema::parse(&union).expect("a valid Avro union");
}

#[test]
fn messages_the_consumer_cannot_place_are_typed_errors() {
    let decoder = decoder();
    // Another event's envelope: its fingerprint is known, its type is not this one.
    let err = decoder
        .envelope::<v2::OrderPlaced>(&single_object::encode(&payment_failed()).unwrap())
        .unwrap_err();
    assert!(
        matches!(
            err,
            EvolutionError::WrongEvent {
                expected: "order.placed",
                ..
            }
        ),
        "{err}"
    );

    // A schema no one registered.
    let mut unknown = fixture("v1r1-envelope-1.bin");
    unknown[2] ^= 1;
    assert!(matches!(
        decoder.envelope::<v2::OrderPlaced>(&unknown),
        Err(EvolutionError::UnknownSchema { .. })
    ));

    // A v2 consumer whose type has no `upcast_from` cannot read v1: `v1` reads only itself.
    let err = decoder
        .envelope::<v1::OrderPlaced>(&fixture("v2r1-envelope-1.bin"))
        .unwrap_err();
    assert!(
        matches!(
            err,
            EvolutionError::WrongEvent { .. } | EvolutionError::UnknownVersion { .. }
        ),
        "{err}"
    );
}

#[test]
fn every_prefix_and_every_flipped_byte_of_every_fixture_is_an_answer_not_a_panic() {
    let decoder = decoder();
    for (file, _) in mixed_log() {
        let message = fixture(file);
        for len in 0..message.len() {
            assert!(
                decoder
                    .envelope::<v2::OrderPlaced>(&message[..len])
                    .is_err(),
                "{file}[..{len}]"
            );
        }
        for at in 0..message.len() {
            for bit in 0..8 {
                let mut flipped = message.clone();
                flipped[at] ^= 1 << bit;
                let _ = decoder.envelope::<v2::OrderPlaced>(&flipped);
                let _ = decoder.stream::<OrderLog>(&flipped);
            }
        }
    }
}

/// A consumer written after `v1::OrderPlaced` was deleted from the code: version 1 is read from
/// its registered schema as a generic value, and upcast from that.
mod after_v1_was_deleted {
    use tidings::avro::types::Value;
    use tidings::upcast::{Historic, HistoricEvent};

    pub enum OrderPlacedV1 {}

    impl Historic for OrderPlacedV1 {
        const TYPE: &'static str = "order.placed";
        const VERSION: u32 = 1;
        const SOURCE: &'static str = "order-service";
        const AVRO_NAME: &'static str = "com.acme.orders.v1.OrderPlaced";
        const SCHEMA: &'static str =
            include_str!("../../schemas/history/com.acme.orders.v1.OrderPlaced/2.avsc");
    }

    /// Only what this consumer needs of an order.
    #[derive(tidings::Event, Debug, PartialEq)]
    #[event(type = "order.placed", version = 2, upcast_from = HistoricEvent<OrderPlacedV1>)]
    #[avro(namespace = "com.acme.orders.totals")]
    pub struct OrderTotal {
        pub total_cents: i64,
        pub customer_name: Option<String>,
    }

    impl TryFrom<HistoricEvent<OrderPlacedV1>> for OrderTotal {
        type Error = String;

        fn try_from(old: HistoricEvent<OrderPlacedV1>) -> Result<Self, String> {
            let total_cents = match old.field("total_cents") {
                Some(Value::Long(cents)) => *cents,
                other => return Err(format!("no total: {other:?}")),
            };
            let customer_name = match old.field("customer_name") {
                Some(Value::Union(_, name)) => match &**name {
                    Value::String(name) => Some(name.clone()),
                    _ => None,
                },
                other => return Err(format!("no customer_name: {other:?}")),
            };
            Ok(OrderTotal {
                total_cents,
                customer_name,
            })
        }
    }
}

#[test]
fn a_version_whose_type_was_deleted_is_read_from_its_schema_and_upcast() {
    use after_v1_was_deleted::OrderTotal;
    let decoder = decoder();
    let cases = [
        ("v1r1-envelope-1.bin", 4498, None),
        ("v1r1-envelope-3.bin", 2500, None),
        ("v1r2-envelope-1.bin", 7996, Some("Grace")),
        ("v1r2-envelope-2.bin", 13000, None),
    ];
    for (file, total_cents, name) in cases {
        let read = decoder.envelope::<OrderTotal>(&fixture(file)).unwrap();
        assert_eq!(read.version(), 1, "{file}");
        let expected = OrderTotal {
            total_cents,
            customer_name: name.map(String::from),
        };
        assert_eq!(read.value().data(), &expected, "{file}");
    }
    // Its own bytes are of another subject, not a version of `order.placed` v1's.
    let v2 = decoder.envelope::<OrderTotal>(&fixture("v2r1-envelope-1.bin"));
    assert!(
        matches!(
            v2,
            Err(EvolutionError::WrongEvent { .. } | EvolutionError::UnknownSchema { .. })
        ),
        "{v2:?}"
    );
    // Every prefix of a historic message is an error, not a panic or a large allocation.
    let message = fixture("v1r1-envelope-1.bin");
    for len in 0..message.len() {
        assert!(decoder.envelope::<OrderTotal>(&message[..len]).is_err());
    }
}

/// The same log in Confluent's framing: the writer's schema comes from the registry by ID,
/// fetched once.
mod confluent {
    #[allow(dead_code)]
    #[path = "../confluent/server.rs"]
    mod server;

    use super::{OrderLog, decoder, fixture, mixed_log};
    use server::Server;
    use tidings::history::{Form, RegistrySchemas, SchemaHistory};
    use tidings::registry::Registry;
    use tidings::registry::confluent::ConfluentRegistry;
    use tidings::wire::single_object::HEADER_LEN;

    /// Registers the envelope form of every revision in `history`, as a producer's serializer
    /// would have; returns each one's fingerprint and ID.
    fn register_envelopes(
        registry: &ConfluentRegistry,
        history: &SchemaHistory,
    ) -> Vec<(u64, u32)> {
        history
            .revisions()
            .filter(|revision| revision.form() == Form::Envelope)
            .map(|revision| {
                let subject = format!("{}Envelope", revision.subject());
                let schema = serde_json::to_string(revision.schema()).unwrap();
                let registered = registry.register(&subject, &schema).unwrap();
                (
                    revision.fingerprint().value(),
                    registered.id.expect("Confluent assigns IDs"),
                )
            })
            .collect()
    }

    #[test]
    fn a_confluent_framed_log_of_every_version_reads_as_v2() {
        let server = Server::start();
        let registry = ConfluentRegistry::new(&server.url()).unwrap();
        // The in-process server checks compatibility only shallowly (top-level fields, equal
        // types), which nested records defeat; tidings' own check passed these revisions.
        registry
            .set_global_level(tidings::compat::Level::None)
            .unwrap();
        let decoder = decoder();
        let ids = register_envelopes(&registry, decoder.history());
        let schemas = RegistrySchemas::new(registry);
        for (file, expected) in mixed_log() {
            // The fixture's datum, framed with the ID its writer schema was registered under.
            let message = fixture(file);
            let fingerprint = u64::from_le_bytes(message[2..HEADER_LEN].try_into().unwrap());
            let id = ids.iter().find(|(fp, _)| *fp == fingerprint).unwrap().1;
            let mut framed = vec![0];
            framed.extend_from_slice(&id.to_be_bytes());
            framed.extend_from_slice(&message[HEADER_LEN..]);

            let read =
                decoder.confluent_envelope::<orders_example::v2::OrderPlaced>(&schemas, &framed);
            let stream = decoder.confluent_stream::<OrderLog>(&schemas, &framed);
            match (read, stream, expected) {
                (Ok(read), Ok(stream), Ok((version, order))) => {
                    assert_eq!(
                        (read.version(), read.value().data()),
                        (version, &order),
                        "{file}"
                    );
                    assert_eq!(stream.value().data(), &OrderLog::Placed(order), "{file}");
                }
                (Err(err), Err(stream), Err(id)) => {
                    assert_eq!(err.event_id(), Some(id), "{file}");
                    assert_eq!(stream.event_id(), Some(id), "{file}");
                }
                (read, stream, expected) => {
                    panic!("{file}: read {read:?} and {stream:?}, expected {expected:?}")
                }
            }
        }
        // Each ID was fetched once, however many messages carried it.
        let fetches: Vec<_> = server
            .requests()
            .into_iter()
            .filter(|r| r.contains("/schemas/ids/"))
            .collect();
        let mut distinct = fetches.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(fetches.len(), distinct.len(), "{fetches:?}");
        assert!(!fetches.is_empty());
    }
}
