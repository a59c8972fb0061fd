//! What the fuzz targets share: the fixture types of `tests/tests/hostile_input.rs`, included by
//! path so that the tidings workspace never depends on this crate, and the property each target
//! checks.

#[path = "../../tests/tests/hostile/fixture.rs"]
pub mod fixture;

#[path = "../../tests/tests/hostile/properties.rs"]
mod properties;

pub use properties::{decodes_consistently, decodes_consistently_eq, single_object_decodes_consistently};
