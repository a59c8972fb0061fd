//! Arbitrary single-object messages (`tidings::wire::single_object`). The first byte picks the
//! type (`Everything`, `Tree`, `Expr`) and whether the rest is the whole message or only the
//! datum after a valid header of that type, so most inputs get past the fingerprint check.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings::Avro;
use tidings::canonical::fingerprint_of;
use tidings::wire::single_object::MAGIC;
use tidings_fuzz::fixture::{Everything, Expr, Tree};
use tidings_fuzz::single_object_decodes_consistently;

fn check<T: Avro + std::fmt::Debug>(with_header: bool, rest: &[u8]) {
    if with_header {
        let mut message = MAGIC.to_vec();
        message.extend_from_slice(&fingerprint_of::<T>().to_le_bytes());
        message.extend_from_slice(rest);
        single_object_decodes_consistently::<T>(&message);
    } else {
        single_object_decodes_consistently::<T>(rest);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let with_header = pick & 1 == 1;
    match (pick >> 1) % 3 {
        0 => check::<Everything>(with_header, rest),
        1 => check::<Tree>(with_header, rest),
        _ => check::<Expr>(with_header, rest),
    }
});
