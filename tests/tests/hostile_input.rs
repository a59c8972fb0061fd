//! Data from the wire is hostile: decoding arbitrary, truncated, corrupted and crafted bytes must
//! return a `DecodeError` naming what is wrong and where, and never panic, overflow the stack or
//! allocate what the input cannot back.
//!
//! Property tests (`proptest`) cover round trips, truncation, mutation and garbage over a fixture
//! with one of everything; crafted inputs pin the exact error kind, offset, path and message of
//! each attack. The fixture types are shared with the fuzz targets in `fuzz/`.

// The counting allocator below is the one `unsafe` here: it forwards to the system allocator.
#![allow(unsafe_code)]

#[path = "hostile/fixture.rs"]
mod fixture;
#[path = "hostile/properties.rs"]
mod properties;
#[path = "hostile/single_object.rs"]
mod single_object;
#[path = "hostile/strategies.rs"]
mod strategies;
// The Confluent wire format over the same fixture and strategies.
#[path = "hostile/confluent.rs"]
mod confluent;

use fixture::*;
use properties::{decodes_consistently, decodes_consistently_eq};
use proptest::collection::vec;
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::BTreeMap;
use strategies::*;
use tidings::codec::{DecodeErrorKind, MAX_DEPTH, MAX_ZERO_WIDTH_ITEMS, write_long, write_str};
use tidings::{Avro, DecodeError, Timestamp};

// ---------------------------------------------------------------------------------------------
// Allocation accounting: the largest single allocation the current thread asked for.

struct Counting;

thread_local! {
    static LARGEST: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards every call unchanged to `System`; only records the requested size.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        // SAFETY: the caller upholds `alloc`'s contract, which `System::alloc` shares.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

fn note(size: usize) {
    // `try_with`: the slot may already be gone while the thread shuts down.
    let _ = LARGEST.try_with(|largest| largest.set(largest.get().max(size)));
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Decodes `bytes` as `T`, returning the result and the largest allocation made meanwhile.
fn decode_counting<T: Avro>(bytes: &[u8]) -> (Result<T, DecodeError>, usize) {
    LARGEST.with(|largest| largest.set(0));
    let result = tidings::decode::<T>(bytes);
    (result, LARGEST.with(Cell::get))
}

// ---------------------------------------------------------------------------------------------
// Mutations.

/// A change to one byte of an encoding.
#[derive(Clone, Debug)]
enum Mutation {
    Set(usize, u8),
    Flip(usize, u8),
    Insert(usize, u8),
    Remove(usize),
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    let one = prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Set(i, b)),
        (any::<usize>(), 0..8u8).prop_map(|(i, bit)| Mutation::Flip(i, bit)),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<usize>().prop_map(Mutation::Remove),
    ];
    vec(one, 1..4)
}

fn mutate(bytes: &mut Vec<u8>, mutations: &[Mutation]) {
    for m in mutations {
        let len = bytes.len();
        match *m {
            Mutation::Set(i, b) if len > 0 => bytes[i % len] = b,
            Mutation::Flip(i, bit) if len > 0 => bytes[i % len] ^= 1 << bit,
            Mutation::Insert(i, b) => bytes.insert(i % (len + 1), b),
            Mutation::Remove(i) if len > 0 => {
                bytes.remove(i % len);
            }
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Properties.

/// Every strict prefix of `bytes` (a valid encoding of `T`) is an error of a truncated input.
fn every_prefix_fails<T: Avro + std::fmt::Debug>(bytes: &[u8]) {
    for end in 0..bytes.len() {
        match tidings::decode::<T>(&bytes[..end]) {
            Ok(value) => panic!("the {end}-byte prefix of {bytes:?} decoded as {value:?}"),
            Err(err) => assert!(
                matches!(
                    err.kind(),
                    DecodeErrorKind::UnexpectedEof { .. }
                        | DecodeErrorKind::LengthExceedsInput { .. }
                        | DecodeErrorKind::ItemsExceedInput { .. }
                ),
                "the {end}-byte prefix failed with an error unrelated to truncation: {err}"
            ),
        }
    }
}

fn trailing_bytes_fail<T: Avro + std::fmt::Debug>(bytes: &[u8], extra: &[u8]) {
    let mut input = bytes.to_vec();
    input.extend_from_slice(extra);
    let err = tidings::decode::<T>(&input).unwrap_err();
    assert_eq!(err.kind(), &DecodeErrorKind::TrailingBytes(extra.len()));
    assert_eq!(err.offset(), bytes.len());
    assert_eq!(err.path(), "");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn values_round_trip(value in everything()) {
        let bytes = tidings::encode(&value).unwrap();
        let decoded = tidings::decode::<Everything>(&bytes).unwrap();
        prop_assert_eq!(&decoded, &value);
        prop_assert_eq!(tidings::encode(&decoded).unwrap(), bytes);
    }

    #[test]
    fn hash_maps_and_zero_width_items_round_trip(c in counters(), m in markers()) {
        prop_assert_eq!(tidings::decode::<Counters>(&tidings::encode(&c).unwrap()).unwrap(), c);
        prop_assert_eq!(tidings::decode::<Markers>(&tidings::encode(&m).unwrap()).unwrap(), m);
    }

    #[test]
    fn strict_prefixes_are_errors(value in everything(), c in counters(), t in tree(), e in expr()) {
        every_prefix_fails::<Everything>(&tidings::encode(&value).unwrap());
        every_prefix_fails::<Counters>(&tidings::encode(&c).unwrap());
        every_prefix_fails::<Tree>(&tidings::encode(&t).unwrap());
        every_prefix_fails::<Expr>(&tidings::encode(&e).unwrap());
    }

    #[test]
    fn trailing_bytes_are_errors(
        value in everything(),
        t in tree(),
        extra in vec(any::<u8>(), 1..16),
    ) {
        trailing_bytes_fail::<Everything>(&tidings::encode(&value).unwrap(), &extra);
        trailing_bytes_fail::<Tree>(&tidings::encode(&t).unwrap(), &extra);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn mutated_encodings_never_panic(
        value in everything(),
        c in counters(),
        t in tree(),
        e in expr(),
        m in markers(),
        changes in mutations(),
    ) {
        let mut bytes = tidings::encode(&value).unwrap();
        mutate(&mut bytes, &changes);
        decodes_consistently::<Everything>(&bytes);

        let mut bytes = tidings::encode(&c).unwrap();
        mutate(&mut bytes, &changes);
        decodes_consistently_eq::<Counters>(&bytes);

        let mut bytes = tidings::encode(&t).unwrap();
        mutate(&mut bytes, &changes);
        decodes_consistently::<Tree>(&bytes);

        let mut bytes = tidings::encode(&e).unwrap();
        mutate(&mut bytes, &changes);
        decodes_consistently::<Expr>(&bytes);

        let mut bytes = tidings::encode(&m).unwrap();
        mutate(&mut bytes, &changes);
        decodes_consistently::<Markers>(&bytes);
    }

    #[test]
    fn garbage_never_panics(bytes in vec(any::<u8>(), 0..256)) {
        decodes_consistently::<Everything>(&bytes);
        decodes_consistently_eq::<Counters>(&bytes);
        decodes_consistently::<Tree>(&bytes);
        decodes_consistently::<Expr>(&bytes);
        decodes_consistently::<Chain>(&bytes);
        decodes_consistently::<Markers>(&bytes);
        decodes_consistently::<Line>(&bytes);
        decodes_consistently::<Payment>(&bytes);
    }
}

// ---------------------------------------------------------------------------------------------
// Crafted attacks: exact kinds, offsets, paths and messages.

/// Builds an input byte by byte.
#[derive(Default)]
struct Wire(Vec<u8>);

impl Wire {
    fn new() -> Self {
        Wire::default()
    }
    fn long(mut self, v: i64) -> Self {
        write_long(v, &mut self.0);
        self
    }
    fn str(mut self, s: &str) -> Self {
        write_str(s, &mut self.0);
        self
    }
    fn raw(mut self, bytes: &[u8]) -> Self {
        self.0.extend_from_slice(bytes);
        self
    }
    fn len(&self) -> usize {
        self.0.len()
    }
}

#[track_caller]
fn fails<T: Avro + std::fmt::Debug>(input: &Wire) -> DecodeError {
    let (result, largest) = decode_counting::<T>(&input.0);
    assert!(
        largest <= 1 << 20,
        "decoding {} bytes allocated {largest} bytes at once",
        input.len()
    );
    result.expect_err("hostile input decoded")
}

#[track_caller]
fn assert_error(err: &DecodeError, kind: DecodeErrorKind, offset: usize, path: &str) {
    assert_eq!(err.kind(), &kind, "{err}");
    assert_eq!(err.offset(), offset, "{err}");
    assert_eq!(err.path(), path, "{err}");
}

#[test]
fn a_huge_array_count_is_rejected_before_allocating() {
    // Tree { value: 1, children: [i64::MAX items...] }
    for count in [i64::MAX, 1 << 40, u32::MAX as i64, 1000] {
        let input = Wire::new().long(1).long(count).raw(&[0; 8]);
        let err = fails::<Tree>(&input);
        // A tree takes at least 3 bytes: its value, the end of its children, its `next` branch.
        let needed = u64::try_from(i128::from(count) * 3).unwrap_or(u64::MAX);
        let kind = DecodeErrorKind::ItemsExceedInput {
            count,
            needed,
            remaining: 8,
        };
        assert_error(&err, kind, 1, "children");
    }
    let err = fails::<Tree>(&Wire::new().long(1).long(1000).raw(&[0; 8]));
    assert_eq!(
        err.to_string(),
        "invalid Avro datum at byte 1 in `children`: 1000 items need at least 3000 bytes, \
         but only 8 are left"
    );
}

#[test]
fn a_header_reserves_at_most_a_kilobyte_before_its_items_are_read() {
    // 63 items of 513 bytes in memory fit 63 bytes of input (each can be one union index), so
    // the count passes the input check; only the first item is read before the error.
    type Big = Vec<Option<[u8; 512]>>;
    let input = Wire::new().long(63).raw(&[0x7f; 63]);
    let (result, largest) = decode_counting::<Big>(&input.0);
    assert!(matches!(
        result.expect_err("no such branch").kind(),
        DecodeErrorKind::InvalidUnionIndex { .. }
    ),);
    assert!(
        largest <= 1024,
        "allocated {largest} bytes before reading the items"
    );
    // The same count of valid items: one allocation of exactly what they take.
    let input = Wire::new().long(63).raw(&[0; 63]).long(0);
    let (result, largest) = decode_counting::<Big>(&input.0);
    let items = result.expect("63 nulls");
    assert_eq!((items.len(), items.capacity()), (63, 63));
    assert_eq!(largest, 63 * size_of::<Option<[u8; 512]>>());
}

#[test]
fn a_huge_map_count_is_rejected_before_allocating() {
    let input = Wire::new().long(i64::MAX);
    let err = fails::<Counters>(&input);
    // An entry takes at least 2 bytes: the key's length and the value.
    let kind = DecodeErrorKind::ItemsExceedInput {
        count: i64::MAX,
        needed: u64::MAX - 1,
        remaining: 0,
    };
    assert_error(&err, kind, 0, "counts");

    // Plausible counts of big items: each `Line` takes 3 bytes at least, so 10 cannot fit in 20.
    let input = Wire::new().long(10).raw(&[0; 20]);
    let err = fails::<Vec<Line>>(&input);
    let kind = DecodeErrorKind::ItemsExceedInput {
        count: 10,
        needed: 30,
        remaining: 20,
    };
    assert_error(&err, kind, 0, "");
    // Arrays of `fixed` items know their exact size.
    let input = Wire::new().long(2).raw(&[0; 31]);
    let err = fails::<Vec<[u8; 16]>>(&input);
    assert!(matches!(
        err.kind(),
        DecodeErrorKind::ItemsExceedInput { needed: 32, .. }
    ));
}

#[test]
fn negative_block_counts_carry_a_size_that_is_checked() {
    // Line { sku: "a", quantity: 1, tags: ["x", "yz"] }, the tags in one block of -2 items and
    // 5 bytes, as the specification allows, then a second block of 1 item, then the end.
    let head = Wire::new().str("a").long(1);
    let at = head.len();
    let items = Wire::new().str("x").str("yz");
    let input = Wire::new()
        .raw(&head.0)
        .long(-2)
        .long(items.len() as i64)
        .raw(&items.0)
        .long(1)
        .str("w")
        .long(0);
    let line = tidings::decode::<Line>(&input.0).unwrap();
    assert_eq!(line.tags, ["x", "yz", "w"]);

    // A size that does not match the items: too small, too large.
    for size in [4, 6] {
        let input = Wire::new()
            .raw(&head.0)
            .long(-2)
            .long(size)
            .raw(&items.0)
            .raw(&[0; 8]);
        let err = fails::<Line>(&input);
        let kind = DecodeErrorKind::BlockSizeMismatch {
            declared: size as usize,
            actual: 5,
        };
        // Reported where the block's items start: after the count and the size.
        assert_error(&err, kind, at + 2, "tags");
        assert!(
            err.to_string().ends_with(&format!(
                "in `tags`: array or map block declares {size} bytes, but its items take 5"
            )),
            "{err}"
        );
    }

    // A size past the end of the input, a negative size, and a count the size cannot hold.
    let input = Wire::new().raw(&head.0).long(-2).long(100).raw(&items.0);
    let err = fails::<Line>(&input);
    let kind = DecodeErrorKind::LengthExceedsInput {
        length: 100,
        remaining: 5,
    };
    assert_error(&err, kind, at + 1, "tags");
    let input = Wire::new().raw(&head.0).long(-2).long(-5).raw(&items.0);
    let err = fails::<Line>(&input);
    assert_error(&err, DecodeErrorKind::NegativeLength(-5), at + 1, "tags");
    let input = Wire::new().raw(&head.0).long(-3).long(2).raw(&items.0);
    let err = fails::<Line>(&input);
    let kind = DecodeErrorKind::ItemsExceedInput {
        count: 3,
        needed: 3,
        remaining: 2,
    };
    assert_error(&err, kind, at, "tags");

    // i64::MIN has no positive counterpart.
    let input = Wire::new().raw(&head.0).long(i64::MIN).long(0);
    let err = fails::<Line>(&input);
    assert_error(&err, DecodeErrorKind::NegativeLength(i64::MIN), at, "tags");

    // Maps take sized blocks too.
    let entry = Wire::new().str("k").long(7);
    let input = Wire::new()
        .long(-1)
        .long(entry.len() as i64 + 1)
        .raw(&entry.0)
        .long(0)
        .long(0);
    let err = fails::<Counters>(&input);
    let kind = DecodeErrorKind::BlockSizeMismatch {
        declared: 4,
        actual: 3,
    };
    assert_error(&err, kind, 2, "counts");
}

#[test]
fn string_lengths_are_checked() {
    let input = Wire::new().long(i64::MAX).raw(b"abc");
    let err = fails::<Line>(&input);
    let kind = DecodeErrorKind::LengthExceedsInput {
        length: i64::MAX,
        remaining: 3,
    };
    assert_error(&err, kind, 0, "sku");
    assert_eq!(
        err.to_string(),
        "invalid Avro datum at byte 0 in `sku`: length 9223372036854775807 exceeds the 3 bytes \
         left in the input"
    );

    let err = fails::<Line>(&Wire::new().long(-1).raw(b"abc"));
    assert_error(&err, DecodeErrorKind::NegativeLength(-1), 0, "sku");
    assert_eq!(
        err.to_string(),
        "invalid Avro datum at byte 0 in `sku`: negative length -1"
    );

    // Bytes, too: `Everything.blob` after a valid head.
    let err = fails::<Vec<u8>>(&Wire::new().long(5).raw(b"abc"));
    let kind = DecodeErrorKind::LengthExceedsInput {
        length: 5,
        remaining: 3,
    };
    assert_error(&err, kind, 0, "");
}

#[test]
fn overlong_varints_are_rejected() {
    // Ten bytes with the continuation bit, then more.
    let input = Wire::new().raw(&[0xff; 12]);
    let err = fails::<Tree>(&input);
    assert_error(&err, DecodeErrorKind::VarintOverflow, 0, "value");
    assert_eq!(
        err.to_string(),
        "invalid Avro datum at byte 0 in `value`: variable-length integer is longer than 64 bits"
    );
    // A tenth byte carrying more than the 64th bit.
    let mut bytes = [0x80; 10];
    bytes[9] = 0x02;
    let input = Wire::new().long(3).raw(&bytes);
    let err = fails::<Tree>(&input);
    assert_error(&err, DecodeErrorKind::VarintOverflow, 1, "children");
    // Nine continuation bytes and the end of the input.
    let err = fails::<Tree>(&Wire::new().raw(&[0x80; 9]));
    assert_error(
        &err,
        DecodeErrorKind::UnexpectedEof { needed: 1 },
        9,
        "value",
    );
}

#[test]
fn integers_out_of_range_are_rejected() {
    let input = Wire::new().long(i64::from(i32::MAX) + 1).long(0).long(0);
    let err = fails::<Tree>(&input);
    let kind = DecodeErrorKind::IntegerOutOfRange {
        value: 2_147_483_648,
        target: "i32",
    };
    assert_error(&err, kind, 0, "value");
    assert_eq!(
        err.to_string(),
        "invalid Avro datum at byte 0 in `value`: integer 2147483648 is out of range for i32"
    );
    // An `int` into `u32` (a `long`) cannot be negative.
    let input = Wire::new().str("a").long(-1).long(0);
    let err = fails::<Line>(&input);
    let kind = DecodeErrorKind::IntegerOutOfRange {
        value: -1,
        target: "u32",
    };
    assert_error(&err, kind, 2, "quantity");
}

/// `Everything` up to its `flag` field: the uuid.
fn everything_head() -> Wire {
    Wire::new().str("67e55044-10b1-426f-9247-bb680e5fe0c8")
}

#[test]
fn booleans_are_zero_or_one() {
    let input = everything_head().raw(&[2]);
    let err = fails::<Everything>(&input);
    assert_error(&err, DecodeErrorKind::InvalidBool(2), 37, "flag");
    assert_eq!(
        err.to_string(),
        "invalid Avro datum at byte 37 in `flag`: boolean byte 0x02 is neither 0 nor 1"
    );
}

#[test]
fn enum_indices_are_checked() {
    // Counters { counts: {}, groups: {"a": [Status #5]} }
    let input = Wire::new().long(0).long(1).str("a").long(1).long(5);
    let err = fails::<Counters>(&input);
    let kind = DecodeErrorKind::InvalidEnumIndex {
        index: 5,
        symbols: 3,
        name: "tidings.hostile.Status",
    };
    assert_error(&err, kind, 5, r#"groups["a"][0]"#);
    assert_eq!(
        err.to_string(),
        r#"invalid Avro datum at byte 5 in `groups["a"][0]`: enum index 5 is outside the 3 symbols of tidings.hostile.Status"#
    );
    let err = fails::<Status>(&Wire::new().long(-1));
    assert!(matches!(
        err.kind(),
        DecodeErrorKind::InvalidEnumIndex { index: -1, .. }
    ));
}

#[test]
fn union_indices_are_checked() {
    // Tree { value: 0, children: [], next: branch 2 of ["null", Tree] }
    let err = fails::<Tree>(&Wire::new().long(0).long(0).long(2));
    let kind = DecodeErrorKind::InvalidUnionIndex {
        index: 2,
        branches: 2,
    };
    assert_error(&err, kind, 2, "next");
    assert_eq!(
        err.to_string(),
        "invalid Avro datum at byte 2 in `next`: union branch 2 is outside the 2 branches"
    );
    let err = fails::<Tree>(&Wire::new().long(0).long(0).long(-1));
    let kind = DecodeErrorKind::InvalidUnionIndex {
        index: -1,
        branches: 2,
    };
    assert_error(&err, kind, 2, "next");
    // `Option<Payment>` is one flat union of four branches.
    let err = fails::<Option<Payment>>(&Wire::new().long(4));
    let kind = DecodeErrorKind::InvalidUnionIndex {
        index: 4,
        branches: 4,
    };
    assert_error(&err, kind, 0, "");
    let err = fails::<Payment>(&Wire::new().long(i64::MIN));
    assert!(matches!(
        err.kind(),
        DecodeErrorKind::InvalidUnionIndex {
            index: i64::MIN,
            branches: 3
        }
    ));
}

#[test]
fn strings_must_be_utf8() {
    let err = fails::<Line>(&Wire::new().long(2).raw(&[0xc3, 0x28]).long(0).long(0));
    assert_error(&err, DecodeErrorKind::InvalidUtf8, 0, "sku");
    // Map keys too, reported at the key.
    let err = fails::<Counters>(&Wire::new().long(1).long(1).raw(&[0xff]).long(0).long(0));
    assert_error(&err, DecodeErrorKind::InvalidUtf8, 1, "counts");
}

#[test]
fn uuids_must_parse() {
    let err = fails::<Everything>(&Wire::new().str("not-a-uuid"));
    let DecodeErrorKind::InvalidLogicalValue {
        logical_type,
        reason,
    } = err.kind()
    else {
        panic!("{err}")
    };
    assert_eq!(*logical_type, "uuid");
    assert!(reason.starts_with("\"not-a-uuid\": "), "{reason}");
    assert_eq!((err.offset(), err.path().as_str()), (0, "id"));
    assert!(
        err.to_string()
            .starts_with("invalid Avro datum at byte 0 in `id`: invalid uuid: \"not-a-uuid\": "),
        "{err}"
    );
    // Not text at all: said as such, though the UUID parser reads the bytes without a UTF-8 pass.
    let err = fails::<Everything>(&Wire::new().long(2).raw(&[0xc3, 0x28]));
    assert_error(&err, DecodeErrorKind::InvalidUtf8, 0, "id");
}

#[derive(Avro, Debug)]
#[avro(namespace = "tidings.hostile")]
struct Priced {
    #[avro(precision = 9, scale = 2)]
    price: Decimal,
    #[avro(precision = 28, scale = 10)]
    total: Option<Decimal>,
}

fn logical_reason(err: &DecodeError, logical: &str) -> String {
    match err.kind() {
        DecodeErrorKind::InvalidLogicalValue {
            logical_type,
            reason,
        } if *logical_type == logical => reason.clone(),
        _ => panic!("expected an invalid {logical}, got {err}"),
    }
}

#[test]
fn decimals_must_fit_their_precision() {
    // 10^9 has ten digits; the field allows nine. Big-endian two's complement: 3b 9a ca 00.
    let err = fails::<Priced>(&Wire::new().long(4).raw(&[0x3b, 0x9a, 0xca, 0x00]).long(0));
    assert_eq!(
        logical_reason(&err, "decimal"),
        "1000000000 has more than 9 digits"
    );
    assert_eq!((err.offset(), err.path().as_str()), (0, "price"));
    // -10^9 too.
    let err = fails::<Priced>(&Wire::new().long(4).raw(&[0xc4, 0x65, 0x36, 0x00]).long(0));
    assert_eq!(
        logical_reason(&err, "decimal"),
        "-1000000000 has more than 9 digits"
    );
    // More bytes than any decimal can need, in the optional field.
    let input = Wire::new().long(1).raw(&[1]).long(1).long(17).raw(&[0; 17]);
    let err = fails::<Priced>(&input);
    assert_eq!(
        logical_reason(&err, "decimal"),
        "17 bytes is more than 38 digits"
    );
    assert_eq!((err.offset(), err.path().as_str()), (3, "total"));
    // The largest value that fits decodes.
    let ok =
        tidings::decode::<Priced>(&Wire::new().long(4).raw(&[0x3b, 0x9a, 0xc9, 0xff]).long(0).0)
            .unwrap();
    assert_eq!(ok.price, Decimal::new(999_999_999, 2));
}

#[derive(Avro, Debug)]
#[avro(namespace = "tidings.hostile")]
struct Times {
    chrono: chrono::DateTime<chrono::Utc>,
    #[avro(timestamp = "millis")]
    time: time::OffsetDateTime,
    #[avro(timestamp = "millis")]
    ts: Option<Timestamp>,
}

#[test]
fn timestamps_must_fit_the_target_type() {
    let err = fails::<Times>(&Wire::new().long(i64::MAX));
    assert_eq!(
        logical_reason(&err, "timestamp-micros"),
        "9223372036854775807 µs since the Unix epoch is outside the range of chrono::DateTime<Utc>"
    );
    assert_eq!((err.offset(), err.path().as_str()), (0, "chrono"));

    // Year 10000 in millis is past `time`'s default range.
    let input = Wire::new().long(0).long(253_402_300_800_000);
    let err = fails::<Times>(&input);
    assert_eq!(
        logical_reason(&err, "timestamp-millis"),
        "253402300800000000 µs since the Unix epoch is outside the range of time::OffsetDateTime"
    );
    assert_eq!((err.offset(), err.path().as_str()), (1, "time"));

    // Millis whose microseconds overflow an i64.
    let input = Wire::new().long(0).long(0).long(1).long(i64::MIN);
    let err = fails::<Times>(&input);
    assert_eq!(
        logical_reason(&err, "timestamp-millis"),
        "-9223372036854775808 ms does not fit in i64 microseconds"
    );
    assert_eq!((err.offset(), err.path().as_str()), (3, "ts"));
}

#[test]
fn duplicate_map_keys_are_rejected() {
    let input = Wire::new()
        .long(2)
        .str("a")
        .long(1)
        .str("a")
        .long(2)
        .long(0)
        .long(0);
    let err = fails::<Counters>(&input);
    assert_error(
        &err,
        DecodeErrorKind::DuplicateMapKey("a".into()),
        4,
        "counts",
    );
    assert_eq!(
        err.to_string(),
        r#"invalid Avro datum at byte 4 in `counts`: duplicate map key "a""#
    );
    // In a sorted map, across blocks.
    let input = Wire::new()
        .long(1)
        .str("k")
        .long(1)
        .long(1)
        .str("k")
        .long(1)
        .long(0);
    let err = fails::<BTreeMap<String, i32>>(&input);
    assert_error(&err, DecodeErrorKind::DuplicateMapKey("k".into()), 5, "");
    // A long key from the wire is kept to its first 64 characters.
    let long = "ключ".repeat(1000);
    let input = Wire::new()
        .long(2)
        .str(&long)
        .long(1)
        .str(&long)
        .long(1)
        .long(0);
    let err = fails::<BTreeMap<String, i32>>(&input);
    let kept = format!("{}…", "ключ".repeat(16));
    assert_eq!(err.kind(), &DecodeErrorKind::DuplicateMapKey(kept));
}

/// `n` nested `Some(Box(Chain))`, then `None`: `n + 1` chains.
fn chain_input(n: usize) -> Wire {
    let mut bytes = vec![2u8; n];
    bytes.push(0);
    Wire(bytes)
}

#[test]
fn deep_nesting_stops_at_the_depth_limit() {
    let err = fails::<Chain>(&chain_input(100_000));
    let path = vec!["next"; MAX_DEPTH].join(".");
    assert_error(&err, DecodeErrorKind::TooDeep(MAX_DEPTH), MAX_DEPTH, &path);
    // The message shows both ends of the path, not all of it.
    let hidden = MAX_DEPTH - 12;
    assert_eq!(
        err.to_string(),
        format!(
            "invalid Avro datum at byte {MAX_DEPTH} in `next.next.next.next.next.next … {hidden} \
             more … next.next.next.next.next.next`: values nest deeper than {MAX_DEPTH} levels"
        )
    );
    // The limit itself decodes: MAX_DEPTH chains in all.
    let chain = tidings::decode::<Chain>(&chain_input(MAX_DEPTH - 1).0).unwrap();
    assert_eq!(
        tidings::encode(&chain).unwrap(),
        chain_input(MAX_DEPTH - 1).0
    );

    // A recursive union: `Neg { inner: Neg { ... } }`.
    let err = fails::<Expr>(&Wire(vec![2; 100_000]));
    assert_eq!(err.kind(), &DecodeErrorKind::TooDeep(MAX_DEPTH));
    assert_eq!(err.path(), vec!["inner"; MAX_DEPTH].join("."));
    assert_eq!(err.offset(), MAX_DEPTH + 1);
    // Recursion through arrays: `children[0].children[0]...`.
    let mut bytes = Vec::new();
    for _ in 0..100_000 {
        bytes.extend_from_slice(&[0, 2]);
    }
    let err = fails::<Tree>(&Wire(bytes));
    assert_eq!(err.kind(), &DecodeErrorKind::TooDeep(MAX_DEPTH));
    assert_eq!(err.path(), vec!["children[0]"; MAX_DEPTH].join("."));
    assert_eq!(err.offset(), 2 * MAX_DEPTH);
}

#[test]
fn deep_nesting_needs_little_stack() {
    // The depth limit bounds the stack: decoding the deepest allowed input fits in 256 KiB even
    // in a debug build, far below the 2 MiB of a spawned thread.
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| {
            let err = tidings::decode::<Chain>(&chain_input(100_000).0).unwrap_err();
            assert_eq!(err.kind(), &DecodeErrorKind::TooDeep(MAX_DEPTH));
            let err = tidings::decode::<Expr>(&[2; 100_000]).unwrap_err();
            assert_eq!(err.kind(), &DecodeErrorKind::TooDeep(MAX_DEPTH));
        })
        .unwrap();
    handle.join().unwrap();
}

#[test]
fn zero_width_items_are_limited_per_datum() {
    // An array of empty records takes one byte for the count and none per item.
    let many = Markers {
        markers: vec![Marker; 1000],
        fixed0: vec![[]; 3],
    };
    let bytes = tidings::encode(&many).unwrap();
    assert_eq!(bytes.len(), 5);
    assert_eq!(tidings::decode::<Markers>(&bytes).unwrap(), many);

    let input = Wire::new().long(i64::MAX);
    let err = fails::<Markers>(&input);
    let kind = DecodeErrorKind::TooManyZeroWidthItems {
        count: i64::MAX,
        limit: MAX_ZERO_WIDTH_ITEMS,
    };
    assert_error(&err, kind, 0, "markers");
    // The limit is for the whole datum, across blocks and fields.
    let half = (MAX_ZERO_WIDTH_ITEMS / 2) as i64;
    let input = Wire::new().long(half).long(half).long(0).long(1);
    let err = fails::<Markers>(&input);
    let kind = DecodeErrorKind::TooManyZeroWidthItems {
        count: 1,
        limit: MAX_ZERO_WIDTH_ITEMS,
    };
    assert_error(&err, kind, 7, "fixed0");
    assert_eq!(
        err.to_string(),
        "invalid Avro datum at byte 7 in `fixed0`: 1 more items of a type that takes no bytes \
         would pass the limit of 65536 such items per datum"
    );
}

#[test]
fn trailing_bytes_are_reported_where_they_start() {
    let input = Wire::new().long(0).long(0).long(0).raw(&[1, 2]);
    let err = fails::<Tree>(&input);
    assert_error(&err, DecodeErrorKind::TrailingBytes(2), 3, "");
    assert_eq!(
        err.to_string(),
        "invalid Avro datum at byte 3: 2 bytes remain after the datum"
    );
}

#[test]
fn truncation_reports_how_much_is_missing() {
    // The `hash: [u8; 16]` of a `Markers`-free fixed array needs 16 bytes; give it 5.
    let err = fails::<[u8; 16]>(&Wire::new().raw(&[0; 5]));
    assert_error(&err, DecodeErrorKind::UnexpectedEof { needed: 11 }, 0, "");
    assert_eq!(
        err.to_string(),
        "invalid Avro datum at byte 0: unexpected end of input: 11 byte(s) missing"
    );
}
