//! Fails the build when an edit to the contracts breaks a registered schema.

use shipping_contracts as _; // linked, so its events are in the catalog

fn main() {
    tidings::build::check();
}
