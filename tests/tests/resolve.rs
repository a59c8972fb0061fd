//! Schema resolution end to end, with derived types: bytes of revision 1 of an event decode as
//! revision 2 (`resolve/revisions.rs`: every compatible change once), bare and in an envelope;
//! what cannot be resolved fails with the field path or the byte offset; hostile bytes through a
//! plan are errors, never panics (`resolve/hostile.rs`).

#[path = "resolve/hostile.rs"]
mod hostile;
#[path = "resolve/revisions.rs"]
mod revisions;

use revisions::{order, resolved, rev1, rev2};
use tidings::canonical::{Fingerprint, fingerprint_of};
use tidings::codec::{DecodeErrorKind, Reader};
use tidings::resolve::{Plan, PlanErrorKind, ResolveError, decode_resolved, decode_resolved_from};
use tidings::wire::single_object;
use tidings::{Avro, Envelope, Event};

fn read_as_rev2(bytes: &[u8]) -> Result<rev2::Order, ResolveError> {
    decode_resolved::<rev2::Order>(
        rev1::Order::schema(),
        fingerprint_of::<rev1::Order>(),
        bytes,
    )
}

#[test]
fn every_revision_1_order_reads_as_revision_2() {
    assert_eq!(rev1::Order::AVRO_NAME, rev2::Order::AVRO_NAME);
    assert_ne!(
        fingerprint_of::<rev1::Order>(),
        fingerprint_of::<rev2::Order>()
    );
    let plan = Plan::new(rev1::Order::schema(), rev2::Order::schema()).unwrap();
    assert!(!plan.is_identity());
    let mut buffer = Vec::new();
    for seed in 0..24 {
        let old = order(seed);
        let bytes = tidings::encode(&old).unwrap();
        let expected = resolved(&old);
        // Twice through the cache (built, then found), and through a plan of one's own.
        assert_eq!(read_as_rev2(&bytes).unwrap(), expected, "seed {seed}");
        assert_eq!(read_as_rev2(&bytes).unwrap(), expected, "seed {seed}");
        assert_eq!(
            plan.decode::<rev2::Order>(&bytes, &mut buffer).unwrap(),
            expected
        );
        // The transcoded bytes are the ones revision 2 writes for the resolved value.
        let mut out = Vec::new();
        plan.transcode(&bytes, &mut out).unwrap();
        assert_eq!(out, tidings::encode(&expected).unwrap(), "seed {seed}");
    }
}

#[test]
fn a_revision_read_as_itself_is_an_identity() {
    for (writer, reader) in [
        (rev1::Order::schema(), rev1::Order::schema()),
        (rev2::Order::schema(), rev2::Order::schema()),
    ] {
        assert!(Plan::new(writer, reader).unwrap().is_identity());
    }
    let new = resolved(&order(5));
    let bytes = tidings::encode(&new).unwrap();
    let back = decode_resolved::<rev2::Order>(
        rev2::Order::schema(),
        fingerprint_of::<rev2::Order>(),
        &bytes,
    );
    assert_eq!(back.unwrap(), new);
}

#[test]
fn several_threads_share_the_resolution() {
    let bytes = tidings::encode(&order(7)).unwrap();
    let expected = resolved(&order(7));
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                for _ in 0..50 {
                    assert_eq!(read_as_rev2(&bytes).unwrap(), expected);
                }
            });
        }
    });
}

#[test]
fn an_envelope_of_revision_1_reads_as_one_of_revision_2() {
    let envelope = Envelope::new(order(2))
        .with_subject("order-2")
        .unwrap()
        .with_correlation_id("checkout-1")
        .unwrap();
    let bytes = tidings::encode(&envelope).unwrap();
    let plan = Plan::new(
        Envelope::<rev1::Order>::schema(),
        Envelope::<rev2::Order>::schema(),
    )
    .unwrap();
    assert!(!plan.is_identity());
    let read = decode_resolved::<Envelope<rev2::Order>>(
        Envelope::<rev1::Order>::schema(),
        fingerprint_of::<Envelope<rev1::Order>>(),
        &bytes,
    )
    .unwrap();
    let (metadata, old) = envelope.into_parts();
    let (read_metadata, new) = read.into_parts();
    assert_eq!(read_metadata, metadata);
    assert_eq!(new, resolved(&old));
}

#[test]
fn a_missing_default_is_a_plan_error_with_the_field_path() {
    // Revision 2's bytes read as revision 1: `customer` is `client` now (an alias goes from
    // the new name to the old, not back), and revision 1 has no default for it.
    let error = Plan::new(rev2::Order::schema(), rev1::Order::schema()).unwrap_err();
    assert_eq!(error.path(), "customer");
    assert_eq!(
        error.kind(),
        &PlanErrorKind::MissingDefault {
            field: "customer".into()
        }
    );
    let bytes = tidings::encode(&resolved(&order(1))).unwrap();
    for _ in 0..2 {
        // The failure is cached, and the same every time.
        let read = decode_resolved::<rev1::Order>(
            rev2::Order::schema(),
            fingerprint_of::<rev2::Order>(),
            &bytes,
        );
        assert_eq!(read.unwrap_err(), ResolveError::Plan(error.clone()));
    }
}

#[test]
fn a_wrong_fingerprint_is_refused() {
    let bytes = tidings::encode(&order(1)).unwrap();
    let wrong = Fingerprint(fingerprint_of::<rev1::Order>().value() ^ 1);
    let error = decode_resolved::<rev2::Order>(rev1::Order::schema(), wrong, &bytes).unwrap_err();
    assert_eq!(
        error,
        ResolveError::FingerprintMismatch {
            given: wrong,
            computed: fingerprint_of::<rev1::Order>()
        }
    );
}

/// The offset of `needle` in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("present")
}

#[test]
fn decoder_errors_on_transcoded_bytes_point_into_the_writers_bytes() {
    let mut old = order(3);
    old.label = b"LBL!".to_vec();
    let mut bytes = tidings::encode(&old).unwrap();
    // `label` was `bytes`, is a `string`: invalid UTF-8 is found by revision 2's decoder, after
    // the field moved (`quantity` is first now).
    let at = find(&bytes, b"LBL!");
    bytes[at] = 0xff;
    let error = read_as_rev2(&bytes).unwrap_err();
    let ResolveError::Decode(error) = error else {
        panic!("{error}")
    };
    assert_eq!(error.kind(), &DecodeErrorKind::InvalidUtf8);
    assert_eq!(error.offset(), at - 1, "the string's length byte");
    assert_eq!(error.path(), "label");
}

#[test]
fn a_datum_after_a_header_is_read_with_the_messages_offsets() {
    let old = order(4);
    let message = single_object::encode(&old).unwrap();
    let header = single_object::read_header(&message).unwrap();
    let mut reader = Reader::new(&message);
    reader.read_slice(single_object::HEADER_LEN).unwrap();
    let read = decode_resolved_from::<rev2::Order>(
        &mut reader,
        rev1::Order::schema(),
        header.fingerprint(),
    );
    assert_eq!(read.unwrap(), resolved(&old));
    // A truncated message: the error is at the message's offset of `label`'s length.
    let short = &message[..message.len() - 1];
    let mut reader = Reader::new(short);
    reader.read_slice(single_object::HEADER_LEN).unwrap();
    let error = decode_resolved_from::<rev2::Order>(
        &mut reader,
        rev1::Order::schema(),
        header.fingerprint(),
    )
    .unwrap_err();
    let ResolveError::Decode(error) = error else {
        panic!("{error}")
    };
    assert!(
        matches!(error.kind(), DecodeErrorKind::LengthExceedsInput { .. }),
        "{error}"
    );
    assert_eq!(error.offset(), find(short, b"gif") - 1);
}

mod narrowing {
    use tidings::Avro;

    #[derive(Avro, Debug, PartialEq)]
    #[avro(name = "Light", namespace = "resolve.narrow")]
    pub enum Light3 {
        Red,
        Amber,
        Green,
    }

    #[derive(Avro, Debug, PartialEq)]
    #[avro(name = "Light", namespace = "resolve.narrow")]
    pub enum Light2 {
        Green,
        Red,
    }

    #[derive(Avro, Debug, PartialEq)]
    #[avro(name = "Lamp", namespace = "resolve.narrow")]
    pub struct Old {
        pub light: Light3,
        pub label: Option<String>,
    }

    #[derive(Avro, Debug, PartialEq)]
    #[avro(name = "Lamp", namespace = "resolve.narrow")]
    pub struct New {
        pub label: String,
        pub light: Light2,
    }
}

#[test]
fn what_the_reader_lacks_is_an_error_only_when_written() {
    use narrowing::{Light2, Light3, New, Old};
    let read = |old: &Old| {
        let bytes = tidings::encode(old).unwrap();
        decode_resolved::<New>(Old::schema(), fingerprint_of::<Old>(), &bytes)
    };
    let old = Old {
        light: Light3::Red,
        label: Some("hall".into()),
    };
    let new = New {
        label: "hall".into(),
        light: Light2::Red,
    };
    assert_eq!(read(&old).unwrap(), new);
    // `Amber` is not the reader's and it has no default symbol.
    let amber = Old {
        light: Light3::Amber,
        ..old
    };
    let ResolveError::Decode(error) = read(&amber).unwrap_err() else {
        panic!()
    };
    assert_eq!(
        error.kind(),
        &DecodeErrorKind::UnknownEnumSymbol {
            symbol: "Amber".into(),
            name: "resolve.narrow.Light".into()
        }
    );
    assert_eq!(error.offset(), 0);
    // A null label: the reader's `string` has no branch for it.
    let unlabelled = Old {
        light: Light3::Green,
        label: None,
    };
    let ResolveError::Decode(error) = read(&unlabelled).unwrap_err() else {
        panic!()
    };
    assert_eq!(
        error.kind(),
        &DecodeErrorKind::UnreadableUnionBranch {
            index: 0,
            branch: "null".into()
        }
    );
    assert_eq!(error.offset(), 1);
}
