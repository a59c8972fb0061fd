//! Encoding into a reused buffer allocates nothing: not for the benchmark event, not for any type
//! of the mapping (the hostile-input fixtures hold one of each).
//!
//! Its own test binary, so the counting allocator below counts this file's tests only; the count
//! is per thread, so tests running in parallel do not see each other's allocations.

// The counting allocator is the one `unsafe` here: it forwards to the system allocator.
#![allow(unsafe_code)]

#[path = "hostile/fixture.rs"]
mod fixture;

use fixture::*;
use rust_decimal::Decimal;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::{BTreeMap, HashMap, VecDeque};
use tidings::{Avro, Timestamp};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn count() {
    ALLOCATIONS.with(|n| n.set(n.get() + 1));
}

// SAFETY: forwards every call unchanged to `System`; only counts the calls that allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: the caller upholds `alloc`'s contract, which `System::alloc` shares.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// How many times `f` allocated or reallocated on this thread.
fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

/// Encodes `value` once to size the buffer, then again into the cleared buffer, counting.
#[track_caller]
fn assert_encodes_without_allocating<T: Avro + std::fmt::Debug>(value: &T) {
    let mut out = Vec::new();
    tidings::encode_into(value, &mut out).expect("encodes");
    let first = out.clone();
    let n = allocations(|| {
        out.clear();
        tidings::encode_into(value, &mut out).expect("encodes");
    });
    assert_eq!(
        n, 0,
        "encoding {value:?} into a reused buffer allocated {n} times"
    );
    assert_eq!(out, first, "the second encoding of {value:?} differs");
}

#[test]
fn the_counter_counts() {
    assert_eq!(allocations(|| drop(std::hint::black_box(vec![1u8]))), 1);
    // The first encoding into an empty buffer does allocate: the check above can see it.
    let mut out = Vec::new();
    let n = allocations(|| tidings::encode_into(&"text".to_owned(), &mut out).unwrap());
    assert!(n >= 1, "{n}");
}

#[test]
fn the_benchmark_event() {
    for lines in [0, 3, 100] {
        assert_encodes_without_allocating(&tidings_benches::order(lines));
    }
}

fn line(sku: &str) -> Line {
    Line {
        sku: Sku(sku.into()),
        quantity: 3,
        tags: vec!["a".into(), "bc".into()],
    }
}

fn tree(depth: u32) -> Tree {
    Tree {
        value: depth as i32,
        children: (0..depth.min(2)).map(|_| tree(depth - 1)).collect(),
        next: (depth > 0).then(|| Box::new(tree(depth - 1))),
    }
}

/// Every field set, every option `Some`, every collection non-empty.
fn everything() -> Everything {
    Everything {
        id: uuid::Uuid::from_u128(0x67e5_5044_10b1_426f_9247_bb68_0e5f_e0c8),
        flag: true,
        tiny: -5,
        small: 300,
        count: -70_000,
        byte: 200,
        port: 8080,
        wide: 4_000_000_000,
        big: i64::MIN,
        ratio: 0.5,
        score: -1.25,
        name: "naïve".into(),
        blob: vec![0, 1, 2],
        raw: bytes::Bytes::from_static(b"raw"),
        hash: [7; 16],
        at: Timestamp::from_unix_micros(1_700_000_000_123_456),
        at_ms: Timestamp::from_unix_millis(1_700_000_000_123),
        chrono_at: chrono::DateTime::from_timestamp_micros(-1).unwrap(),
        time_at: time::OffsetDateTime::UNIX_EPOCH,
        price: Decimal::new(-12_345_678, 2),
        total: Some(Decimal::new(1, 10)),
        status: Status::Paid,
        maybe_status: Some(Status::Shipped),
        payment: Payment::Card {
            last4: "1234".into(),
            expires: 2612,
        },
        maybe_payment: Some(Payment::Voucher(line("v"))),
        sku: Sku("sku".into()),
        marker: Marker,
        lines: vec![line("x"), line("y")],
        notes: vec![None, Some("note".into())],
        queue: VecDeque::from([1, -1]),
        attrs: BTreeMap::from([("k".into(), vec!["v".into()])]),
        nested: BTreeMap::from([(
            "outer".into(),
            BTreeMap::from([("inner".into(), Some(5)), ("none".into(), None)]),
        )]),
        tree: Some(Box::new(tree(3))),
        expr: Expr::Add {
            left: Box::new(Expr::Lit { value: 1 }),
            right: Box::new(Expr::Neg {
                inner: Box::new(Expr::Lit { value: 2 }),
            }),
        },
    }
}

#[test]
fn every_mapped_type() {
    assert_encodes_without_allocating(&everything());
    // The other branches of each union, and the empty forms.
    let mut other = everything();
    other.at_ms = None;
    other.total = None;
    other.maybe_status = None;
    other.payment = Payment::Voucher(line("w"));
    other.maybe_payment = Some(Payment::Cash);
    other.tree = None;
    other.lines.clear();
    other.attrs.clear();
    assert_encodes_without_allocating(&other);
    assert_encodes_without_allocating(&Counters {
        counts: HashMap::from([("a".into(), 1), ("b".into(), -2)]),
        groups: HashMap::from([("g".into(), vec![Status::Open, Status::Paid])]),
    });
    assert_encodes_without_allocating(&Markers {
        markers: vec![Marker, Marker],
        fixed0: vec![[]],
    });
    assert_encodes_without_allocating(&Chain {
        next: Some(Box::new(Chain { next: None })),
    });
    assert_encodes_without_allocating(&Some(time::OffsetDateTime::UNIX_EPOCH));
    assert_encodes_without_allocating(&vec![Some(chrono::DateTime::<chrono::Utc>::UNIX_EPOCH)]);
}
