//! Arbitrary bytes decoded as the fixture's maps, arrays and unions; the first byte picks the type.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use tidings_fuzz::fixture::{Counters, Line, Markers, Payment, Status};
use tidings_fuzz::{decodes_consistently, decodes_consistently_eq};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, data)) = data.split_first() else {
        return;
    };
    match pick % 6 {
        0 => decodes_consistently_eq::<Counters>(data),
        1 => decodes_consistently::<Markers>(data),
        2 => decodes_consistently::<Vec<Line>>(data),
        3 => decodes_consistently::<Option<Payment>>(data),
        4 => decodes_consistently::<BTreeMap<String, Vec<Option<Status>>>>(data),
        _ => decodes_consistently::<Vec<[u8; 4]>>(data),
    }
});
