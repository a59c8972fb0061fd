//! The property every decoder must hold on any input, shared by `tests/tests/hostile_input.rs`
//! (proptest) and the fuzz targets in `fuzz/` (libFuzzer), which include this file by path.

#![allow(dead_code)]

use std::fmt::Debug;
use tidings::Avro;

/// Decoding `bytes` as `T` never panics; when it succeeds, the value re-encodes to bytes that
/// decode again and re-encode identically (the canonical form is a fixed point).
pub fn decodes_consistently<T: Avro + Debug>(bytes: &[u8]) {
    if let Ok(value) = tidings::decode::<T>(bytes) {
        let canonical = tidings::encode(&value).unwrap();
        let again = tidings::decode::<T>(&canonical)
            .unwrap_or_else(|e| panic!("{value:?} re-encoded to bytes it cannot decode: {e}"));
        assert_eq!(
            tidings::encode(&again).unwrap(),
            canonical,
            "re-encoding is not stable"
        );
    }
}

/// Like [`decodes_consistently`] for types holding a `HashMap`, whose order is not stable: the
/// re-decoded value must equal the first, and its encoding have the same length.
pub fn decodes_consistently_eq<T: Avro + Debug + PartialEq>(bytes: &[u8]) {
    if let Ok(value) = tidings::decode::<T>(bytes) {
        let canonical = tidings::encode(&value).unwrap();
        let again = tidings::decode::<T>(&canonical)
            .unwrap_or_else(|e| panic!("{value:?} re-encoded to bytes it cannot decode: {e}"));
        assert_eq!(again, value);
        assert_eq!(tidings::encode(&again).unwrap().len(), canonical.len());
    }
}
