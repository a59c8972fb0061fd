//! Arbitrary bytes decoded as the recursive fixture types; the first byte picks the type.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings_fuzz::check;
use tidings_fuzz::fixture::{Chain, Expr, Tree};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, data)) = data.split_first() else {
        return;
    };
    match pick % 3 {
        0 => check::<Tree>(data),
        1 => check::<Expr>(data),
        _ => check::<Chain>(data),
    }
});
