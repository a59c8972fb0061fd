//! Hostile bytes through a resolution plan: truncated, mutated and random input is an error with
//! an offset inside the input, never a panic, a hang or an allocation the input cannot back.

use super::revisions::{order, resolved, rev1, rev2};
use proptest::collection::vec;
use proptest::prelude::*;
use tidings::Avro;
use tidings::canonical::fingerprint_of;
use tidings::codec::{DecodeErrorKind, write_long};
use tidings::resolve::{Plan, ResolveError, decode_resolved};

fn plan() -> &'static Plan {
    static PLAN: std::sync::OnceLock<Plan> = std::sync::OnceLock::new();
    PLAN.get_or_init(|| Plan::new(rev1::Order::schema(), rev2::Order::schema()).unwrap())
}

/// Decodes `bytes` both ways (a plan's transcode, the cached path); errors must lie inside the
/// input, and when transcoding succeeds its output is what revision 2's decoder is given.
fn survives(bytes: &[u8]) -> Result<Option<rev2::Order>, TestCaseError> {
    let mut out = Vec::new();
    let transcoded = plan().transcode(bytes, &mut out);
    if let Err(error) = &transcoded {
        prop_assert!(error.offset() <= bytes.len(), "{error}");
        prop_assert!(out.is_empty());
    }
    let read = decode_resolved::<rev2::Order>(
        rev1::Order::schema(),
        fingerprint_of::<rev1::Order>(),
        bytes,
    );
    match read {
        Ok(order) => {
            prop_assert!(transcoded.is_ok());
            // Compared encoded: a mutated float may be a NaN.
            let direct = tidings::decode::<rev2::Order>(&out).unwrap();
            prop_assert_eq!(
                tidings::encode(&direct).unwrap(),
                tidings::encode(&order).unwrap()
            );
            Ok(Some(order))
        }
        Err(ResolveError::Decode(error)) => {
            prop_assert!(error.offset() <= bytes.len(), "{error}");
            Ok(None)
        }
        Err(other) => Err(TestCaseError::fail(format!("not a data error: {other}"))),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn valid_orders_resolve(seed in any::<u32>(), id in ".{0,20}", note in ".{0,20}") {
        let mut old = order(seed % 1000);
        old.id = id;
        old.note = note;
        let bytes = tidings::encode(&old).unwrap();
        prop_assert_eq!(survives(&bytes)?, Some(resolved(&old)));
    }

    #[test]
    fn strict_prefixes_are_errors(seed in 0u32..100) {
        let bytes = tidings::encode(&order(seed)).unwrap();
        for end in 0..bytes.len() {
            prop_assert_eq!(survives(&bytes[..end])?, None, "prefix of {} bytes", end);
        }
    }

    #[test]
    fn mutated_bytes_are_errors_or_values(
        seed in 0u32..100,
        edits in vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
    ) {
        let mut bytes = tidings::encode(&order(seed)).unwrap();
        for (at, byte) in edits {
            let at = at.index(bytes.len());
            bytes[at] = byte;
        }
        survives(&bytes)?;
    }

    #[test]
    fn random_bytes_are_errors_or_values(bytes in vec(any::<u8>(), 0..200)) {
        survives(&bytes)?;
    }
}

#[test]
fn a_huge_count_is_refused_before_anything_is_written() {
    // The order's first fields, then a `lines` count of 2^62.
    let mut bytes = Vec::new();
    for text in ["id", "Ada", "a@b"] {
        write_long(text.len() as i64, &mut bytes);
        bytes.extend(text.as_bytes());
    }
    let count_at = bytes.len();
    write_long(1 << 62, &mut bytes);
    let mut out = Vec::new();
    let error = plan().transcode(&bytes, &mut out).unwrap_err();
    assert!(
        matches!(error.kind(), DecodeErrorKind::ItemsExceedInput { .. }),
        "{error}"
    );
    assert_eq!(error.offset(), count_at);
    assert!(out.capacity() < 1024);
}
