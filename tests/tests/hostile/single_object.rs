//! The single-object encoding (`tidings::wire::single_object`) over the hostile-input fixture,
//! bare and in an `Envelope`: round trips, and truncated, corrupted, foreign and garbage messages
//! as typed errors at the right byte.

use super::fixture::*;
use super::properties::single_object_decodes_consistently;
use super::{counters, everything, expr, markers, mutate, mutations, tree};
use proptest::collection::vec;
use proptest::prelude::*;
use tidings::canonical::fingerprint_of;
use tidings::wire::single_object::{self, HEADER_LEN, MAGIC, SingleObjectError};
use tidings::{Avro, Envelope};

/// The message is the header of `T` and the raw datum, and decodes back to `value`.
fn round_trips<T: Avro + std::fmt::Debug + PartialEq>(value: &T) -> Result<(), TestCaseError> {
    let message = single_object::encode(value).unwrap();
    prop_assert_eq!(&message[..2], &MAGIC);
    prop_assert_eq!(
        &message[2..HEADER_LEN],
        &fingerprint_of::<T>().to_le_bytes()
    );
    prop_assert_eq!(
        message.len(),
        HEADER_LEN + tidings::encode(value).unwrap().len()
    );
    prop_assert_eq!(&single_object::decode::<T>(&message).unwrap(), value);
    Ok(())
}

/// Every strict prefix fails: in the header as too short, in the datum as the datum's error.
fn every_prefix_fails<T: Avro + std::fmt::Debug>(message: &[u8]) {
    for end in 0..message.len() {
        match single_object::decode::<T>(&message[..end]) {
            Ok(value) => panic!("the {end}-byte prefix decoded as {value:?}"),
            Err(SingleObjectError::TooShort { len }) => assert!(len == end && end < HEADER_LEN),
            Err(SingleObjectError::Datum(err)) => {
                assert!(end >= HEADER_LEN && err.offset() <= end, "{err}")
            }
            Err(err) => panic!("the {end}-byte prefix: unexpected {err}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn messages_round_trip(value in everything(), c in counters(), m in markers(), t in tree(), e in expr()) {
        round_trips(&value)?;
        round_trips(&Envelope::new(value.clone()).with_subject("order-1").unwrap())?;
        round_trips(&c)?;
        round_trips(&m)?;
        round_trips(&t)?;
        round_trips(&e)?;
    }

    #[test]
    fn strict_prefixes_are_errors(value in everything(), t in tree()) {
        every_prefix_fails::<Everything>(&single_object::encode(&value).unwrap());
        every_prefix_fails::<Tree>(&single_object::encode(&t).unwrap());
    }

    #[test]
    fn trailing_bytes_are_errors_at_the_end_of_the_datum(
        value in everything(),
        extra in vec(any::<u8>(), 1..16),
    ) {
        let mut message = single_object::encode(&value).unwrap();
        let end = message.len();
        message.extend_from_slice(&extra);
        prop_assert_eq!(
            single_object::decode::<Everything>(&message).unwrap_err(),
            SingleObjectError::TrailingBytes { offset: end, count: extra.len() }
        );
    }

    #[test]
    fn an_envelope_is_not_its_event(value in everything()) {
        let message = single_object::encode(&Envelope::new(value)).unwrap();
        prop_assert_eq!(
            single_object::decode::<Everything>(&message).unwrap_err(),
            SingleObjectError::UnknownFingerprint {
                found: fingerprint_of::<Envelope<Everything>>(),
                expected: fingerprint_of::<Everything>(),
                type_name: std::any::type_name::<Everything>(),
            }
        );
    }

    #[test]
    fn another_type_s_message_is_an_unknown_fingerprint(t in tree()) {
        let message = single_object::encode(&t).unwrap();
        prop_assert_eq!(
            single_object::decode::<Expr>(&message).unwrap_err(),
            SingleObjectError::UnknownFingerprint {
                found: fingerprint_of::<Tree>(),
                expected: fingerprint_of::<Expr>(),
                type_name: std::any::type_name::<Expr>(),
            }
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn mutated_messages_never_panic(
        value in everything(),
        t in tree(),
        e in expr(),
        changes in mutations(),
    ) {
        let mut message = single_object::encode(&value).unwrap();
        mutate(&mut message, &changes);
        single_object_decodes_consistently::<Everything>(&message);

        let mut message = single_object::encode(&Envelope::new(value)).unwrap();
        mutate(&mut message, &changes);
        single_object_decodes_consistently::<Envelope<Everything>>(&message);

        let mut message = single_object::encode(&t).unwrap();
        mutate(&mut message, &changes);
        single_object_decodes_consistently::<Tree>(&message);

        let mut message = single_object::encode(&e).unwrap();
        mutate(&mut message, &changes);
        single_object_decodes_consistently::<Expr>(&message);
    }

    #[test]
    fn garbage_after_a_valid_header_never_panics(datum in vec(any::<u8>(), 0..256)) {
        for header in [header_of::<Everything>(), header_of::<Tree>(), header_of::<Expr>()] {
            let mut message = header.to_vec();
            message.extend_from_slice(&datum);
            single_object_decodes_consistently::<Everything>(&message);
            single_object_decodes_consistently::<Tree>(&message);
            single_object_decodes_consistently::<Expr>(&message);
        }
        single_object_decodes_consistently::<Everything>(&datum);
    }
}

fn header_of<T: Avro>() -> [u8; HEADER_LEN] {
    let mut header = [0; HEADER_LEN];
    header[..2].copy_from_slice(&MAGIC);
    header[2..].copy_from_slice(&fingerprint_of::<T>().to_le_bytes());
    header
}

#[test]
fn the_wrong_magic_is_reported_with_the_bytes_found() {
    let mut message = single_object::encode(&Marker).unwrap();
    message[0] = 0x00;
    let err = single_object::decode::<Marker>(&message).unwrap_err();
    assert_eq!(
        err,
        SingleObjectError::WrongMagic {
            found: [0x00, 0x01]
        }
    );
    assert_eq!(err.offset(), 0);
}

#[test]
fn a_datum_error_names_the_field_at_the_message_s_offset() {
    // A `Line` whose quantity (a `long` for u32) is out of range: -1.
    let mut message = header_of::<Line>().to_vec();
    message.extend_from_slice(&[2, b'a', 1, 0]);
    let err = single_object::decode::<Line>(&message).unwrap_err();
    let datum = err.decode_error().expect("a datum error");
    assert_eq!(datum.path(), "quantity");
    assert_eq!(datum.offset(), HEADER_LEN + 2);
    assert_eq!(
        err.to_string(),
        "invalid Avro datum at byte 12 in `quantity`: integer -1 is out of range for u32"
    );
}

#[test]
fn encoding_into_a_reused_buffer_allocates_nothing() {
    let line = Line {
        sku: Sku("B-42".into()),
        quantity: 3,
        tags: vec!["gift".into(), "fragile".into()],
    };
    let mut buffer = Vec::with_capacity(256);
    // The first message of a type computes and caches its fingerprint.
    single_object::encode_into(&line, &mut buffer).unwrap();
    let first = buffer.clone();
    for _ in 0..3 {
        buffer.clear();
        super::LARGEST.with(|largest| largest.set(0));
        single_object::encode_into(&line, &mut buffer).unwrap();
        assert_eq!(
            super::LARGEST.with(std::cell::Cell::get),
            0,
            "an allocation"
        );
        assert_eq!(buffer, first);
    }
}
