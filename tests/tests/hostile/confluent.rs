//! The Confluent wire format (`tidings::wire::confluent`) over the hostile-input fixture: every
//! value, bare and in an `Envelope`, round-trips through the framing and through the schema-ID
//! header, and truncated,
//! corrupted or arbitrary messages and header values give typed errors at offsets inside the
//! input, never a panic.

use super::fixture::*;
use super::strategies::{counters, everything, expr, markers, tree};
use proptest::prelude::*;
use std::fmt::Debug;
use tidings::Avro;
use tidings::wire::confluent::{
    self, FrameError, HEADER_LEN, HeaderError, HeaderSchemaId, MAGIC_BYTE,
};

/// `value` framed with `id` decodes to `id` and `value`, the framing is exactly the header
/// before the datum, and the datum beside an ID header decodes too.
fn round_trips<T: Avro + Debug + PartialEq>(id: u32, value: &T) -> Result<(), TestCaseError> {
    let datum = tidings::encode(value).unwrap();
    let message = confluent::encode(id, value).unwrap();
    prop_assert_eq!(
        &message[..HEADER_LEN],
        &[&[MAGIC_BYTE][..], &id.to_be_bytes()].concat()[..]
    );
    // `Counters` holds `HashMap`s, whose order differs between encodings: compare lengths there.
    prop_assert_eq!(message.len(), HEADER_LEN + datum.len());
    let decoded = confluent::decode::<T>(&message).unwrap();
    prop_assert_eq!(decoded.schema_id, id);
    prop_assert_eq!(&decoded.value, value);
    let framed = confluent::read_header(&message).unwrap();
    prop_assert_eq!(framed.schema_id(), id);
    prop_assert_eq!(&framed.decode::<T>().unwrap(), value);
    let header = HeaderSchemaId::Id(id).to_vec();
    let (from_header, beside) = confluent::decode_with_header::<T>(&header, &datum).unwrap();
    prop_assert_eq!(from_header, HeaderSchemaId::Id(id));
    prop_assert_eq!(&beside, value);
    Ok(())
}

/// Every strict prefix of a message fails, with the error the cut calls for.
fn truncations_fail<T: Avro + Debug>(message: &[u8]) -> Result<(), TestCaseError> {
    for len in 0..message.len() {
        let err = confluent::decode::<T>(&message[..len]).unwrap_err();
        match (len, &err) {
            (0, FrameError::Empty) => {}
            (1..HEADER_LEN, FrameError::ShortHeader { len: reported }) => {
                prop_assert_eq!(*reported, len)
            }
            (_, FrameError::Datum(inner)) if len >= HEADER_LEN => {
                prop_assert!(
                    (HEADER_LEN..=len).contains(&inner.offset()),
                    "{err} for a cut at {len}"
                );
            }
            _ => prop_assert!(false, "{err:?} for a cut at {len} of {}", message.len()),
        }
    }
    Ok(())
}

/// Any bytes decode or fail with an error whose offset lies inside the message.
fn never_panics<T: Avro + Debug>(message: &[u8]) -> Result<(), TestCaseError> {
    match confluent::decode::<T>(message) {
        Ok(_) => prop_assert_eq!(message[0], MAGIC_BYTE),
        Err(FrameError::Datum(inner)) => prop_assert!(inner.offset() <= message.len()),
        Err(FrameError::TrailingBytes { offset, count }) => {
            prop_assert_eq!(offset + count, message.len())
        }
        Err(FrameError::WrongMagic { found }) => prop_assert_eq!(found, message[0]),
        Err(FrameError::Empty | FrameError::ShortHeader { .. }) => {
            prop_assert!(message.len() < HEADER_LEN)
        }
        Err(other) => prop_assert!(false, "{other:?}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn framed_values_round_trip(
        id in any::<u32>(),
        value in everything(),
        c in counters(),
        t in tree(),
        e in expr(),
        m in markers(),
    ) {
        round_trips(id, &value)?;
        let envelope = tidings::Envelope::new(value)
            .with_subject("order-42")
            .and_then(|e| e.with_extension("tenant", "acme"))
            .unwrap();
        round_trips(id, &envelope)?;
        round_trips(id, &c)?;
        round_trips(id, &t)?;
        round_trips(id, &e)?;
        round_trips(id, &m)?;
    }

    #[test]
    fn truncated_messages_fail_where_they_end(id in any::<u32>(), value in everything()) {
        truncations_fail::<Everything>(&confluent::encode(id, &value).unwrap())?;
    }

    #[test]
    fn corrupted_and_arbitrary_messages_never_panic(
        id in any::<u32>(),
        value in everything(),
        at in any::<usize>(),
        byte in any::<u8>(),
        garbage in proptest::collection::vec(any::<u8>(), 0..256),
    ) {
        let mut message = confluent::encode(id, &value).unwrap();
        let at = at % message.len();
        message[at] = byte;
        never_panics::<Everything>(&message)?;
        never_panics::<Tree>(&message)?;
        never_panics::<Everything>(&garbage)?;
        let mut framed = vec![MAGIC_BYTE, 0, 0, 0, 1];
        framed.extend_from_slice(&garbage);
        never_panics::<Expr>(&framed)?;
        never_panics::<Counters>(&framed)?;
    }

    #[test]
    fn header_values_decode_exactly_when_well_formed(
        value in proptest::collection::vec(any::<u8>(), 0..24),
    ) {
        let well_formed = matches!(
            (value.first(), value.len()),
            (Some(0x00), 5) | (Some(0x01), 17)
        );
        match HeaderSchemaId::decode(&value) {
            Ok(id) => {
                prop_assert!(well_formed);
                prop_assert_eq!(id.to_vec(), value);
            }
            Err(HeaderError::Empty) => prop_assert!(value.is_empty()),
            Err(HeaderError::UnknownFormat { found }) => {
                prop_assert!(found > 1);
                prop_assert_eq!(found, value[0]);
            }
            Err(HeaderError::Truncated { len, needed, .. }) => prop_assert!(len < needed),
            Err(HeaderError::TrailingBytes { offset, count, .. }) => {
                prop_assert_eq!(offset + count, value.len())
            }
            Err(other) => prop_assert!(false, "{other:?}"),
        }
    }

    #[test]
    fn a_value_that_does_not_fit_leaves_the_buffer_as_it_was(id in any::<u32>(), mut value in everything()) {
        // `price` is decimal(9, 2): eleven digits before the point do not fit.
        value.price = rust_decimal::Decimal::from(10_000_000_000i64);
        let mut buffer = confluent::encode(7, &Sku("kept".into())).unwrap();
        let before = buffer.clone();
        let err = confluent::encode_into(id, &value, &mut buffer).unwrap_err();
        prop_assert_eq!(err.path(), "price");
        prop_assert_eq!(buffer, before);
    }

    #[test]
    fn framing_into_a_buffer_with_room_allocates_nothing(id in any::<u32>(), value in everything()) {
        let mut buffer = Vec::with_capacity(1 << 16);
        let header = HeaderSchemaId::Guid([7; 16]);
        super::LARGEST.with(|largest| largest.set(0));
        confluent::encode_into(id, &value, &mut buffer).unwrap();
        header.encode_into(&mut buffer);
        prop_assert_eq!(super::LARGEST.with(std::cell::Cell::get), 0, "an allocation");
        prop_assert!(buffer.capacity() == 1 << 16);
    }

    #[test]
    fn guid_headers_round_trip(guid in any::<[u8; 16]>()) {
        let header = HeaderSchemaId::Guid(guid);
        prop_assert_eq!(HeaderSchemaId::decode(&header.to_vec()), Ok(header));
    }
}
