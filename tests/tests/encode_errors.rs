//! A value its schema cannot hold is an `EncodeError` naming the field, wherever it is nested, and
//! `encode_into` leaves the buffer as it found it.

use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;
use tidings::Avro;
use tidings::codec::EncodeErrorKind;

#[derive(Avro, Debug, Clone, PartialEq)]
struct Line {
    sku: String,
    #[avro(precision = 5, scale = 2)]
    price: Decimal,
}

/// A newtype carrying the decimal attribute itself.
#[derive(Avro, Debug, Clone, PartialEq)]
struct Amount(#[avro(precision = 5, scale = 2)] Decimal);

#[derive(Avro, Debug, Clone, PartialEq)]
enum Payment {
    Card {
        #[avro(precision = 5, scale = 2)]
        amount: Decimal,
    },
    Cash(Amount),
    Voucher,
}

#[derive(Avro, Debug, Clone, PartialEq)]
struct Order {
    id: u32,
    lines: Vec<Line>,
    #[avro(precision = 5, scale = 2)]
    discount: Option<Decimal>,
    gift: Option<Line>,
    by_region: BTreeMap<String, Line>,
    payment: Payment,
    #[avro(rename = "refunds")]
    returned: Vec<Vec<Amount>>,
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn line(price: &str) -> Line {
    Line {
        sku: "B-42".into(),
        price: dec(price),
    }
}

/// An order whose every decimal fits decimal(5, 2): 999.994 rounds down to 999.99.
fn order() -> Order {
    Order {
        id: 7,
        lines: vec![line("1.00"), line("2.50"), line("999.994")],
        discount: Some(dec("0.10")),
        gift: Some(line("0")),
        by_region: BTreeMap::from([("eu".to_owned(), line("3.00"))]),
        payment: Payment::Card {
            amount: dec("12.34"),
        },
        returned: vec![vec![], vec![Amount(dec("1.00"))]],
    }
}

/// 999.995 rounds half-to-even to 1000.00: six digits, one more than the precision.
const TOO_WIDE: &str = "999.995";

/// Encodes `order` after a prefix, expecting an error: checks the buffer is untouched and
/// returns the error's path.
fn failing_path(order: &Order) -> String {
    let mut out = b"earlier datum".to_vec();
    let err = tidings::encode_into(order, &mut out).unwrap_err();
    assert_eq!(out, b"earlier datum", "nothing half-written stays");
    assert_eq!(
        err.kind(),
        &EncodeErrorKind::DecimalOutOfRange {
            value: TOO_WIDE.into(),
            precision: 5,
            scale: 2
        }
    );
    assert_eq!(tidings::encode(order).unwrap_err(), err);
    err.path()
}

#[test]
fn values_that_fit_round_trip() {
    let order = order();
    let mut out = b"earlier datum".to_vec();
    tidings::encode_into(&order, &mut out).unwrap();
    assert_eq!(&out[..13], b"earlier datum");
    let back: Order = tidings::decode(&out[13..]).unwrap();
    let mut expected = order;
    expected.lines[2].price = dec("999.99");
    assert_eq!(back, expected);
}

#[test]
fn a_decimal_in_an_array_item_names_the_item() {
    let mut order = order();
    order.lines[2].price = dec(TOO_WIDE);
    assert_eq!(failing_path(&order), "lines[2].price");
}

#[test]
fn an_optional_decimal_field_names_the_field() {
    let mut order = order();
    order.discount = Some(dec(TOO_WIDE));
    assert_eq!(failing_path(&order), "discount");
}

#[test]
fn a_decimal_in_an_optional_record_names_both() {
    let mut order = order();
    order.gift = Some(line(TOO_WIDE));
    assert_eq!(failing_path(&order), "gift.price");
}

#[test]
fn a_decimal_in_a_map_value_names_the_key() {
    let mut order = order();
    order.by_region.insert("eu".into(), line(TOO_WIDE));
    assert_eq!(failing_path(&order), "by_region[\"eu\"].price");
}

#[test]
fn a_decimal_in_an_enum_variant_names_its_field() {
    let mut order = order();
    order.payment = Payment::Card {
        amount: dec(TOO_WIDE),
    };
    assert_eq!(failing_path(&order), "payment.amount");
    // A newtype variant and a newtype are their inner value: no segment of their own.
    order.payment = Payment::Cash(Amount(dec(TOO_WIDE)));
    assert_eq!(failing_path(&order), "payment");
}

#[test]
fn nested_arrays_name_every_index_by_the_avro_field_name() {
    let mut order = order();
    order.returned[1].push(Amount(dec(TOO_WIDE)));
    assert_eq!(failing_path(&order), "refunds[1][1]");
}

#[test]
fn the_message_says_where_and_how_to_fix_it() {
    let mut order = order();
    order.lines[2].price = dec(TOO_WIDE);
    let err = tidings::encode(&order).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot encode the value in `lines[2].price`: 999.995 does not fit decimal(5, 2): \
         rounded to 2 decimal places it has more than 5 digits; check the value where it enters \
         the service, or widen the field's precision"
    );
    // A top-level failure has no path.
    let err = tidings::encode(&Amount(dec(TOO_WIDE))).unwrap_err();
    assert_eq!(err.path(), "");
    assert!(
        err.to_string()
            .starts_with("cannot encode the value: 999.995")
    );
}
