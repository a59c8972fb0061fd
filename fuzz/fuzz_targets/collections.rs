//! Arbitrary bytes decoded as the fixture's maps, arrays and unions; the first byte picks the type.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use tidings_fuzz::fixture::{Counters, Line, Markers, Payment, Status};
use tidings_fuzz::{check, check_eq};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, data)) = data.split_first() else {
        return;
    };
    match pick % 6 {
        0 => check_eq::<Counters>(data),
        1 => check::<Markers>(data),
        2 => check::<Vec<Line>>(data),
        3 => check::<Option<Payment>>(data),
        4 => check::<BTreeMap<String, Vec<Option<Status>>>>(data),
        _ => check::<Vec<[u8; 4]>>(data),
    }
});
