//! Arbitrary bytes decoded as the event with one of everything.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings_fuzz::{decodes_consistently, fixture::Everything};

fuzz_target!(|data: &[u8]| decodes_consistently::<Everything>(data));
