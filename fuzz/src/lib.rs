//! What the fuzz targets share: the fixture types of `tests/tests/hostile_input.rs`, included by
//! path so that the tidings workspace never depends on this crate, and the check each target runs.

#[path = "../../tests/tests/hostile/fixture.rs"]
pub mod fixture;

use std::fmt::Debug;
use tidings::Avro;

/// Decodes `data` as `T`, which must return (an error is fine) and never panic. A value that
/// decodes re-encodes to its canonical bytes, which must decode again and re-encode identically.
pub fn check<T: Avro + Debug>(data: &[u8]) {
    if let Ok(value) = tidings::decode::<T>(data) {
        let canonical = tidings::encode(&value);
        let again = tidings::decode::<T>(&canonical)
            .unwrap_or_else(|e| panic!("{value:?} re-encoded to bytes it cannot decode: {e}"));
        assert_eq!(
            tidings::encode(&again),
            canonical,
            "re-encoding is not stable"
        );
    }
}

/// [`check`] for types holding a `HashMap`, whose iteration order is not stable: the re-decoded
/// value must equal the first, and its encoding have the same length.
pub fn check_eq<T: Avro + Debug + PartialEq>(data: &[u8]) {
    if let Ok(value) = tidings::decode::<T>(data) {
        let canonical = tidings::encode(&value);
        let again = tidings::decode::<T>(&canonical)
            .unwrap_or_else(|e| panic!("{value:?} re-encoded to bytes it cannot decode: {e}"));
        assert_eq!(again, value);
        assert_eq!(tidings::encode(&again).len(), canonical.len());
    }
}
