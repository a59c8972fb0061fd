//! Arbitrary bytes decoded as the recursive fixture types; the first byte picks the type.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings_fuzz::decodes_consistently;
use tidings_fuzz::fixture::{Chain, Expr, Tree};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, data)) = data.split_first() else {
        return;
    };
    match pick % 3 {
        0 => decodes_consistently::<Tree>(data),
        1 => decodes_consistently::<Expr>(data),
        _ => decodes_consistently::<Chain>(data),
    }
});
