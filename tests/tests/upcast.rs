//! Typed upcasters: a lineage of three major versions of `order.placed`, each written by its own
//! producer and read as version 3. Version 2 renames a field and splits another; version 3 changes
//! a type through a `TryFrom` that refuses what it cannot convert.

use proptest::prelude::*;
use tidings::upcast::{LineageError, VersionDecoder, decode_version};
use tidings::{Avro, DecodeError, Event};

mod v1 {
    /// An order was placed, for one customer's full name.
    #[derive(tidings::Event, Clone, Debug, PartialEq)]
    #[event(type = "order.placed", version = 1)]
    #[avro(namespace = "com.acme.orders")]
    pub struct OrderPlaced {
        pub order_id: String,
        pub customer: String,
        pub total_cents: i64,
    }
}

mod v2 {
    /// Version 2: the name split in two, the total renamed (and still signed).
    #[derive(tidings::Event, Clone, Debug, PartialEq)]
    #[event(type = "order.placed", version = 2, upcast_from = super::v1::OrderPlaced)]
    #[avro(namespace = "com.acme.orders")]
    pub struct OrderPlaced {
        pub order_id: String,
        pub first_name: String,
        pub last_name: String,
        pub amount_cents: i64,
    }

    impl From<super::v1::OrderPlaced> for OrderPlaced {
        fn from(old: super::v1::OrderPlaced) -> Self {
            let (first_name, last_name) = match old.customer.split_once(' ') {
                Some((first, last)) => (first.to_owned(), last.to_owned()),
                None => (old.customer, String::new()),
            };
            OrderPlaced {
                order_id: old.order_id,
                first_name,
                last_name,
                amount_cents: old.total_cents,
            }
        }
    }
}

/// Version 3: the ID a UUID and the amount unsigned, which old events may not be.
#[derive(Event, Clone, Debug, PartialEq)]
#[event(type = "order.placed", version = 3, upcast_from = v2::OrderPlaced)]
#[avro(namespace = "com.acme.orders")]
pub struct OrderPlaced {
    pub order_id: uuid::Uuid,
    pub first_name: String,
    pub last_name: String,
    pub amount_cents: u32,
}

/// Why a version-2 event has no version-3 form.
#[derive(Debug, PartialEq)]
pub enum Invalid {
    OrderId(String),
    Amount(i64),
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Invalid::OrderId(id) => write!(f, "order ID `{id}` is not a UUID"),
            Invalid::Amount(amount) => write!(f, "amount {amount} does not fit in a `u32`"),
        }
    }
}

impl std::error::Error for Invalid {}

impl TryFrom<v2::OrderPlaced> for OrderPlaced {
    type Error = Invalid;

    fn try_from(old: v2::OrderPlaced) -> Result<Self, Invalid> {
        Ok(OrderPlaced {
            order_id: old
                .order_id
                .parse()
                .map_err(|_| Invalid::OrderId(old.order_id.clone()))?,
            first_name: old.first_name,
            last_name: old.last_name,
            amount_cents: u32::try_from(old.amount_cents)
                .map_err(|_| Invalid::Amount(old.amount_cents))?,
        })
    }
}

/// A bare datum, decoded as whichever version the lineage asks for; it remembers what it was
/// asked, so the tests see that each version is read with its own type.
struct Datum<'a> {
    bytes: &'a [u8],
    asked: Vec<&'static str>,
}

impl<'a> Datum<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Datum {
            bytes,
            asked: Vec::new(),
        }
    }
}

impl VersionDecoder for Datum<'_> {
    type Error = DecodeError;

    fn decode<E: Event>(&mut self) -> Result<E, DecodeError> {
        self.asked.push(E::AVRO_NAME);
        tidings::decode::<E>(self.bytes)
    }
}

/// What the lineage's steps give, composed by hand.
fn expected_from_v1(old: v1::OrderPlaced) -> Result<OrderPlaced, Invalid> {
    OrderPlaced::try_from(v2::OrderPlaced::from(old))
}

fn read<E: Avro>(
    value: &E,
    version: u32,
) -> (
    Result<OrderPlaced, LineageError<DecodeError>>,
    Vec<&'static str>,
) {
    let bytes = tidings::encode(value).unwrap();
    let mut datum = Datum::new(&bytes);
    let result = decode_version::<OrderPlaced, _>(version, &mut datum);
    (result, datum.asked)
}

fn v1_order() -> v1::OrderPlaced {
    v1::OrderPlaced {
        order_id: "0191e5a8-7b9c-7d3e-8f00-1a2b3c4d5e6f".into(),
        customer: "Ada King Lovelace".into(),
        total_cents: 4_200,
    }
}

#[test]
fn the_lineage_spans_the_three_versions() {
    assert_eq!(<v1::OrderPlaced as Event>::__oldest_version(), 1);
    assert_eq!(<v2::OrderPlaced as Event>::__oldest_version(), 1);
    assert_eq!(<OrderPlaced as Event>::__oldest_version(), 1);
    assert_eq!(OrderPlaced::AVRO_NAME, "com.acme.orders.v3.OrderPlaced");
}

#[test]
fn every_version_s_bytes_read_as_version_3() {
    let expected = OrderPlaced {
        order_id: "0191e5a8-7b9c-7d3e-8f00-1a2b3c4d5e6f".parse().unwrap(),
        first_name: "Ada".into(),
        last_name: "King Lovelace".into(),
        amount_cents: 4_200,
    };

    let (from_v1, asked) = read(&v1_order(), 1);
    assert_eq!(from_v1.unwrap(), expected);
    assert_eq!(asked, ["com.acme.orders.v1.OrderPlaced"]);

    let (from_v2, asked) = read(&v2::OrderPlaced::from(v1_order()), 2);
    assert_eq!(from_v2.unwrap(), expected);
    assert_eq!(asked, ["com.acme.orders.v2.OrderPlaced"]);

    let (from_v3, asked) = read(&expected, 3);
    assert_eq!(from_v3.unwrap(), expected);
    assert_eq!(asked, ["com.acme.orders.v3.OrderPlaced"]);

    // A middle version reads its own lineage too, and stops there.
    let bytes = tidings::encode(&v1_order()).unwrap();
    let v2: v2::OrderPlaced = decode_version(1, &mut Datum::new(&bytes)).unwrap();
    assert_eq!(v2, v2::OrderPlaced::from(v1_order()));
}

#[test]
fn a_refused_upcast_names_the_step_and_keeps_the_cause() {
    let old = v1::OrderPlaced {
        order_id: "order-42".into(),
        ..v1_order()
    };
    let (result, asked) = read(&old, 1);
    assert_eq!(asked, ["com.acme.orders.v1.OrderPlaced"]);
    let Err(LineageError::Upcast(err)) = result else {
        panic!("expected an upcast error, got {result:?}");
    };
    assert_eq!((err.event_type, err.from, err.to), ("order.placed", 2, 3));
    assert_eq!(
        err.to_string(),
        "`order.placed` cannot be upcast from version 2 to version 3: order ID `order-42` is not a UUID"
    );
    let cause = std::error::Error::source(&err).expect("the cause");
    assert_eq!(
        cause.downcast_ref::<Invalid>(),
        Some(&Invalid::OrderId("order-42".into()))
    );

    let negative = v2::OrderPlaced {
        amount_cents: -1,
        ..v2::OrderPlaced::from(v1_order())
    };
    let (result, _) = read(&negative, 2);
    let Err(LineageError::Upcast(err)) = result else {
        panic!("expected an upcast error, got {result:?}");
    };
    assert_eq!((err.from, err.to), (2, 3));
    assert_eq!(
        err.source.downcast_ref::<Invalid>(),
        Some(&Invalid::Amount(-1))
    );
}

#[test]
fn a_version_outside_the_lineage_is_unknown_with_its_range() {
    for version in [0, 4, u32::MAX] {
        let (result, asked) = read(&v1_order(), version);
        assert!(asked.is_empty(), "the decoder was asked for {asked:?}");
        let Err(err @ LineageError::UnknownVersion { .. }) = result else {
            panic!("expected an unknown version, got {result:?}");
        };
        assert!(matches!(
            err,
            LineageError::UnknownVersion { event_type: "order.placed", version: v, oldest: 1, latest: 3 }
                if v == version
        ));
        assert_eq!(
            err.to_string(),
            format!(
                "`order.placed` version {version} is not one this reader knows: it reads versions 1 to 3; {}",
                if version == 0 {
                    "add `upcast_from` to the oldest type to reach it".to_string()
                } else {
                    format!("deploy a consumer built with version {version}")
                }
            )
        );
    }
    // A middle version does not read the versions after it.
    let bytes = tidings::encode(&v1_order()).unwrap();
    let err = decode_version::<v2::OrderPlaced, _>(3, &mut Datum::new(&bytes)).unwrap_err();
    assert!(matches!(
        err,
        LineageError::UnknownVersion {
            oldest: 1,
            latest: 2,
            ..
        }
    ));
}

#[test]
fn a_decoder_failure_is_passed_through() {
    let bytes = tidings::encode(&v1_order()).unwrap();
    // Truncated version-1 bytes: the decoder refuses them, and nothing is upcast.
    let mut datum = Datum::new(&bytes[..bytes.len() - 1]);
    let err = decode_version::<OrderPlaced, _>(1, &mut datum).unwrap_err();
    let LineageError::Decode(decode) = &err else {
        panic!("expected a decode error, got {err:?}");
    };
    assert_eq!(err.to_string(), decode.to_string());
    assert_eq!(datum.asked, ["com.acme.orders.v1.OrderPlaced"]);
}

/// An event without `upcast_from`, and one implemented by hand: each reads its one version.
mod single_version {
    use super::*;

    #[derive(Event, Debug, PartialEq)]
    #[event(type = "order.cancelled", version = 4)]
    pub struct OrderCancelled {
        pub order_id: String,
    }

    #[derive(Avro, Debug, PartialEq)]
    pub struct Legacy {
        pub note: String,
    }

    impl Event for Legacy {
        const TYPE: &'static str = "legacy.note";
        const VERSION: u32 = 2;
        const SOURCE: &'static str = "legacy";
        const AVRO_NAME: &'static str = "tidings_tests.Legacy";
    }

    #[test]
    fn reads_its_version_and_no_other() {
        let cancelled = OrderCancelled {
            order_id: "o-1".into(),
        };
        let bytes = tidings::encode(&cancelled).unwrap();
        let back: OrderCancelled = decode_version(4, &mut Datum::new(&bytes)).unwrap();
        assert_eq!(back, cancelled);
        let err = decode_version::<OrderCancelled, _>(3, &mut Datum::new(&bytes)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "`order.cancelled` version 3 is not one this reader knows: it reads version 4 only; \
             add `upcast_from` to the oldest type to reach it"
        );

        let legacy = Legacy { note: "n".into() };
        let bytes = tidings::encode(&legacy).unwrap();
        assert_eq!(
            decode_version::<Legacy, _>(2, &mut Datum::new(&bytes)).unwrap(),
            legacy
        );
        let err = decode_version::<Legacy, _>(1, &mut Datum::new(&bytes)).unwrap_err();
        assert!(matches!(
            err,
            LineageError::UnknownVersion {
                oldest: 2,
                latest: 2,
                ..
            }
        ));
    }
}

/// The generated lineage names only `tidings` and fully qualified std paths.
mod hygiene {
    #![deny(unused_qualifications, unused_results, clippy::all, clippy::pedantic)]
    #![allow(dead_code)]

    struct Result;
    struct Option;
    struct Some;
    struct None;
    struct Ok;
    struct Err;
    struct Box;

    #[derive(tidings::Event)]
    #[event(type = "hostile", version = 1)]
    pub struct HostileV1 {
        pub a: i32,
    }

    #[derive(tidings::Event)]
    #[event(type = "hostile", version = 2, upcast_from = HostileV1)]
    pub struct HostileV2 {
        pub a: i64,
    }

    impl From<HostileV1> for HostileV2 {
        fn from(old: HostileV1) -> Self {
            HostileV2 { a: old.a.into() }
        }
    }
}

fn v1_strategy() -> impl Strategy<Value = v1::OrderPlaced> {
    (
        prop_oneof![
            any::<u128>().prop_map(|id| uuid::Uuid::from_u128(id).to_string()),
            "[a-z0-9-]{0,40}",
        ],
        prop_oneof!["[A-Za-z]{1,8} [A-Za-z ]{1,16}", "[A-Za-z]{0,8}", ".{0,20}"],
        prop_oneof![0..=i64::from(u32::MAX), any::<i64>()],
    )
        .prop_map(|(order_id, customer, total_cents)| v1::OrderPlaced {
            order_id,
            customer,
            total_cents,
        })
}

fn v2_strategy() -> impl Strategy<Value = v2::OrderPlaced> {
    (v1_strategy(), ".{0,12}").prop_map(|(v1, last_name)| v2::OrderPlaced {
        last_name,
        ..v2::OrderPlaced::from(v1)
    })
}

/// The same outcome as composing the conversions: the value, or a refusal at step 2 -> 3 with the
/// same cause.
fn assert_same_outcome(
    read: Result<OrderPlaced, LineageError<DecodeError>>,
    composed: Result<OrderPlaced, Invalid>,
) {
    match (read, composed) {
        (Ok(read), Ok(composed)) => assert_eq!(read, composed),
        (Err(LineageError::Upcast(err)), Err(cause)) => {
            assert_eq!((err.from, err.to), (2, 3));
            assert_eq!(err.source.downcast_ref::<Invalid>(), Some(&cause));
        }
        (read, composed) => panic!("read {read:?}, composed {composed:?}"),
    }
}

proptest! {
    #[test]
    fn random_v1_events_read_as_their_composed_upcasts(old in v1_strategy()) {
        let (read_v3, asked) = read(&old, 1);
        prop_assert_eq!(asked, ["com.acme.orders.v1.OrderPlaced"]);
        assert_same_outcome(read_v3, expected_from_v1(old.clone()));

        let bytes = tidings::encode(&old).unwrap();
        let read_v2: v2::OrderPlaced = decode_version(1, &mut Datum::new(&bytes)).unwrap();
        prop_assert_eq!(read_v2, v2::OrderPlaced::from(old));
    }

    #[test]
    fn random_v2_events_read_as_their_upcast(old in v2_strategy()) {
        let (read_v3, asked) = read(&old, 2);
        prop_assert_eq!(asked, ["com.acme.orders.v2.OrderPlaced"]);
        assert_same_outcome(read_v3, OrderPlaced::try_from(old.clone()));

        let bytes = tidings::encode(&old).unwrap();
        let read_v2: v2::OrderPlaced = decode_version(2, &mut Datum::new(&bytes)).unwrap();
        prop_assert_eq!(read_v2, old);
    }

    #[test]
    fn random_v3_events_read_as_themselves(id in any::<u128>(), first in ".{0,8}", last in ".{0,8}", amount in any::<u32>()) {
        let event = OrderPlaced {
            order_id: uuid::Uuid::from_u128(id),
            first_name: first,
            last_name: last,
            amount_cents: amount,
        };
        let (read_v3, asked) = read(&event, 3);
        prop_assert_eq!(asked, ["com.acme.orders.v3.OrderPlaced"]);
        prop_assert_eq!(read_v3.unwrap(), event);
    }
}
