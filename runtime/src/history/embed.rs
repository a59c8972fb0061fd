//! The history `embedded_history!` compiled in.

use super::{HistoryError, SchemaHistory};
use crate::registry::verify_embedded;
use std::path::Path;

impl SchemaHistory {
    /// The history of the file registry in `dir` as `embedded_history!` read it when the crate
    /// compiled: `index` is `history/registry.json`, `revisions` every `history/{subject}/{n}.avsc`
    /// as (subject, n, text). Checked as [`load`](Self::load) checks files.
    #[doc(hidden)]
    pub fn from_embedded(
        dir: &str,
        index: &str,
        revisions: &[(&str, u32, &str)],
    ) -> Result<Self, HistoryError> {
        let mut history = Self::new();
        for registered in verify_embedded(Path::new(dir), index, revisions)? {
            history.add(&registered.subject, registered.version, &registered.schema)?;
        }
        Ok(history)
    }
}
