//! Compile-fail suite: every input the derives reject, with the exact message users see.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*.rs");
}
