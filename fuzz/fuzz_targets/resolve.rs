//! Arbitrary bytes read through schema resolution plans: revision 1 of an order as revision 2,
//! bare and in an envelope (the first byte picks). Transcoding and decoding may fail, with an
//! offset inside the input, but never panic; the cached path agrees with the plan.
#![no_main]

#[path = "../../tests/tests/resolve/revisions.rs"]
#[allow(dead_code)]
mod revisions;

use libfuzzer_sys::fuzz_target;
use revisions::{rev1, rev2};
use std::sync::OnceLock;
use tidings::canonical::fingerprint_of;
use tidings::resolve::{Plan, ResolveError, decode_resolved};
use tidings::{Avro, Envelope};

fn check<W: Avro, R: Avro + std::fmt::Debug>(plan: &Plan, data: &[u8]) {
    let mut out = Vec::new();
    let transcoded = plan.transcode(data, &mut out);
    if let Err(error) = &transcoded {
        assert!(error.offset() <= data.len(), "{error}");
        assert!(out.is_empty());
    }
    let mut buffer = Vec::new();
    let planned = plan.decode::<R>(data, &mut buffer);
    let cached = decode_resolved::<R>(W::schema(), fingerprint_of::<W>(), data);
    match (planned, cached) {
        (Ok(a), Ok(b)) => {
            assert!(transcoded.is_ok());
            // Compared encoded: a float may be a NaN.
            assert_eq!(tidings::encode(&a).unwrap(), tidings::encode(&b).unwrap());
        }
        (Err(a), Err(ResolveError::Decode(b))) => {
            assert!(a.offset() <= data.len(), "{a}");
            assert_eq!(a, b);
        }
        (a, b) => panic!("the plan and the cache disagree: {a:?} / {b:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    static ORDER: OnceLock<Plan> = OnceLock::new();
    static ENVELOPE: OnceLock<Plan> = OnceLock::new();
    let Some((&pick, data)) = data.split_first() else {
        return;
    };
    if pick % 2 == 0 {
        let plan = ORDER
            .get_or_init(|| Plan::new(rev1::Order::schema(), rev2::Order::schema()).unwrap());
        check::<rev1::Order, rev2::Order>(plan, data);
    } else {
        let plan = ENVELOPE.get_or_init(|| {
            Plan::new(
                Envelope::<rev1::Order>::schema(),
                Envelope::<rev2::Order>::schema(),
            )
            .unwrap()
        });
        check::<Envelope<rev1::Order>, Envelope<rev2::Order>>(plan, data);
    }
});
