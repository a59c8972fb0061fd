//! proptest strategies for the fixture types of `fixture.rs`, shared by the test binaries that
//! generate fixture values (`hostile_input.rs`, `envelope.rs`).

#![allow(dead_code)]

use super::fixture::*;
use proptest::collection::{btree_map, hash_map, vec};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, VecDeque};
use tidings::Timestamp;

pub fn text() -> impl Strategy<Value = String> {
    // Mostly short ASCII, with some arbitrary Unicode.
    prop_oneof![3 => "[a-z0-9]{0,8}", 1 => any::<String>()]
}

pub fn float64() -> impl Strategy<Value = f64> {
    // NaN is never equal to itself; its bits are checked through the byte-exact re-encoding.
    use proptest::num::f64::*;
    POSITIVE | NEGATIVE | NORMAL | SUBNORMAL | ZERO | INFINITE
}

pub fn float32() -> impl Strategy<Value = f32> {
    use proptest::num::f32::*;
    POSITIVE | NEGATIVE | NORMAL | SUBNORMAL | ZERO | INFINITE
}

pub fn status() -> impl Strategy<Value = Status> {
    prop_oneof![
        Just(Status::Open),
        Just(Status::Paid),
        Just(Status::Shipped)
    ]
}

pub fn line() -> impl Strategy<Value = Line> {
    (text(), any::<u32>(), vec(text(), 0..3)).prop_map(|(sku, quantity, tags)| Line {
        sku: Sku(sku),
        quantity,
        tags,
    })
}

pub fn payment() -> impl Strategy<Value = Payment> {
    prop_oneof![
        (text(), any::<i32>()).prop_map(|(last4, expires)| Payment::Card { last4, expires }),
        Just(Payment::Cash),
        line().prop_map(Payment::Voucher),
    ]
}

pub fn tree() -> impl Strategy<Value = Tree> {
    let leaf = any::<i32>().prop_map(|value| Tree {
        value,
        children: Vec::new(),
        next: None,
    });
    leaf.prop_recursive(5, 24, 3, |inner| {
        (
            any::<i32>(),
            vec(inner.clone(), 0..3),
            proptest::option::of(inner.prop_map(Box::new)),
        )
            .prop_map(|(value, children, next)| Tree {
                value,
                children,
                next,
            })
    })
}

pub fn expr() -> impl Strategy<Value = Expr> {
    let leaf = any::<i64>().prop_map(|value| Expr::Lit { value });
    leaf.prop_recursive(6, 24, 2, |inner| {
        prop_oneof![
            inner.clone().prop_map(|e| Expr::Neg { inner: Box::new(e) }),
            (inner.clone(), inner).prop_map(|(l, r)| Expr::Add {
                left: Box::new(l),
                right: Box::new(r),
            }),
        ]
    })
}

/// Instants each target type can hold: chrono to ±262,000 years, `time` to ±9999 in millis.
pub fn chrono_instant() -> impl Strategy<Value = chrono::DateTime<chrono::Utc>> {
    (-8_200_000_000_000_000_000i64..8_200_000_000_000_000_000).prop_filter_map(
        "inside chrono's range",
        chrono::DateTime::from_timestamp_micros,
    )
}

pub fn time_instant_millis() -> impl Strategy<Value = time::OffsetDateTime> {
    (-377_705_116_800_000i128..253_402_300_800_000).prop_map(|ms| {
        time::OffsetDateTime::from_unix_timestamp_nanos(ms * 1_000_000).expect("in range")
    })
}

prop_compose! {
    fn scalars()(
        id in any::<u128>(),
        flag in any::<bool>(),
        tiny in any::<i8>(),
        small in any::<i16>(),
        count in any::<i32>(),
        byte in any::<u8>(),
        port in any::<u16>(),
        wide in any::<u32>(),
        big in any::<i64>(),
        ratio in float32(),
        score in float64(),
    ) -> (uuid::Uuid, bool, i8, i16, i32, u8, u16, u32, i64, f32, f64) {
        (uuid::Uuid::from_u128(id), flag, tiny, small, count, byte, port, wide, big, ratio, score)
    }
}

prop_compose! {
    fn payloads()(
        name in text(),
        blob in vec(any::<u8>(), 0..24),
        raw in vec(any::<u8>(), 0..24),
        hash in any::<[u8; 16]>(),
        at in any::<i64>(),
        at_ms in proptest::option::of(i64::MIN / 1000..=i64::MAX / 1000),
        chrono_at in chrono_instant(),
        time_at in time_instant_millis(),
        price in -999_999_999i64..=999_999_999,
        total in proptest::option::of(-(10i128.pow(28) - 1)..10i128.pow(28)),
    ) -> (String, Vec<u8>, bytes::Bytes, [u8; 16], Timestamp, Option<Timestamp>,
          chrono::DateTime<chrono::Utc>, time::OffsetDateTime, Decimal, Option<Decimal>) {
        (
            name,
            blob,
            raw.into(),
            hash,
            Timestamp::from_unix_micros(at),
            at_ms.map(|ms| Timestamp::from_unix_millis(ms).expect("in range")),
            chrono_at,
            time_at,
            Decimal::new(price, 2),
            total.map(|t| Decimal::from_i128_with_scale(t, 10)),
        )
    }
}

prop_compose! {
    fn shapes()(
        status in status(),
        maybe_status in proptest::option::of(status()),
        payment in payment(),
        maybe_payment in proptest::option::of(payment()),
        sku in text(),
        lines in vec(line(), 0..4),
        notes in vec(proptest::option::of(text()), 0..4),
        queue in vec(any::<i32>(), 0..6),
        attrs in btree_map(text(), vec(text(), 0..3), 0..4),
        nested in btree_map(text(), btree_map(text(), proptest::option::of(any::<i64>()), 0..3), 0..3),
        tree in proptest::option::of(tree()),
        expr in expr(),
    ) -> (Status, Option<Status>, Payment, Option<Payment>, Sku, Vec<Line>, Vec<Option<String>>,
          VecDeque<i32>, BTreeMap<String, Vec<String>>,
          BTreeMap<String, BTreeMap<String, Option<i64>>>, Option<Box<Tree>>, Expr) {
        (status, maybe_status, payment, maybe_payment, Sku(sku), lines, notes, queue.into(), attrs,
         nested, tree.map(Box::new), expr)
    }
}

pub fn everything() -> impl Strategy<Value = Everything> {
    (scalars(), payloads(), shapes()).prop_map(|(s, p, h)| Everything {
        id: s.0,
        flag: s.1,
        tiny: s.2,
        small: s.3,
        count: s.4,
        byte: s.5,
        port: s.6,
        wide: s.7,
        big: s.8,
        ratio: s.9,
        score: s.10,
        name: p.0,
        blob: p.1,
        raw: p.2,
        hash: p.3,
        at: p.4,
        at_ms: p.5,
        chrono_at: p.6,
        time_at: p.7,
        price: p.8,
        total: p.9,
        status: h.0,
        maybe_status: h.1,
        payment: h.2,
        maybe_payment: h.3,
        sku: h.4,
        marker: Marker,
        lines: h.5,
        notes: h.6,
        queue: h.7,
        attrs: h.8,
        nested: h.9,
        tree: h.10,
        expr: h.11,
    })
}

pub fn counters() -> impl Strategy<Value = Counters> {
    (
        hash_map(text(), any::<i64>(), 0..5),
        hash_map(text(), vec(status(), 0..3), 0..3),
    )
        .prop_map(|(counts, groups)| Counters { counts, groups })
}

pub fn markers() -> impl Strategy<Value = Markers> {
    (0..300usize, 0..300usize).prop_map(|(m, f)| Markers {
        markers: vec![Marker; m],
        fixed0: vec![[]; f],
    })
}
