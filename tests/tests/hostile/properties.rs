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

/// Decoding `message` as a single-object message of `T` never panics; an error in the datum is
/// the error decoding the datum alone gives, at its offset plus the header's length; a value
/// that decodes re-encodes to a message that decodes again and re-encodes identically.
pub fn single_object_decodes_consistently<T: Avro + Debug>(message: &[u8]) {
    use tidings::wire::single_object::{self, HEADER_LEN, SingleObjectError};
    let result = single_object::decode::<T>(message);
    if let Ok(header) = single_object::read_header(message)
        && header.fingerprint() == tidings::canonical::fingerprint_of::<T>()
    {
        match (&result, tidings::decode::<T>(header.datum())) {
            (Ok(_), Ok(_)) => {}
            (Err(SingleObjectError::Datum(framed)), Err(alone)) => {
                assert_eq!(framed.kind(), alone.kind());
                assert_eq!(framed.offset(), alone.offset() + HEADER_LEN);
            }
            (Err(SingleObjectError::TrailingBytes { offset, count }), Err(alone)) => {
                assert_eq!(
                    alone.kind(),
                    &tidings::codec::DecodeErrorKind::TrailingBytes(*count)
                );
                assert_eq!(*offset, alone.offset() + HEADER_LEN);
            }
            (framed, alone) => {
                panic!("in a message: {framed:?}; alone: {alone:?}")
            }
        }
    }
    match result {
        Ok(value) => {
            let canonical = single_object::encode(&value).unwrap();
            let again = single_object::decode::<T>(&canonical).unwrap_or_else(|e| {
                panic!("{value:?} re-encoded to a message it cannot decode: {e}")
            });
            assert_eq!(
                single_object::encode(&again).unwrap(),
                canonical,
                "re-encoding is not stable"
            );
        }
        Err(err) => assert!(err.offset() <= message.len(), "{err:?} is past the end"),
    }
}
