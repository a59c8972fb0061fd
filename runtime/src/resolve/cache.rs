//! The process-wide cache of resolutions, one per (reader type, writer fingerprint).
//!
//! Keyed by the writer's fingerprint alone, because a plan depends on nothing the Parsing
//! Canonical Form drops: docs, aliases, defaults, `order` and logical types of the *writer* do
//! not change where its bytes are or what they mean to a reader, who resolves with its own
//! defaults and aliases, over physical types (as Java does). Two writer schemas with one form
//! have one plan. The fingerprint given is checked against the schema when its plan is built,
//! so a mislabelled schema is an error rather than a wrong plan; after that, the hot path hashes
//! the two keys and nothing else.
//!
//! Each thread keeps its own map in front of the shared one, so a lookup takes no lock and
//! writes no shared memory (not even a reference count); the shared map's lock is taken once
//! per thread and key, when a thread first meets a writer.

use super::{Plan, PlanError, ResolveError};
use crate::Avro;
use crate::canonical::{Fingerprint, fingerprint_of};
use apache_avro::Schema;
use std::any::TypeId;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, OnceLock, RwLock};

/// How the reader type reads one writer schema.
pub(super) enum Resolution {
    /// The bytes are the reader's own: decode them directly.
    Direct,
    /// Transcode through the plan, then decode.
    Plan(Plan),
    /// The writer's schema cannot be read as the reader's (kept: schemas do not change).
    Failed(PlanError),
}

type Key = (TypeId, u64);
type Map = HashMap<Key, Arc<Resolution>, BuildHasherDefault<KeyHasher>>;

thread_local! {
    static LOCAL: RefCell<Map> = RefCell::default();
}

/// Runs `f` on the resolution of `writer` (whose fingerprint is `fingerprint`) for `T`, built
/// on first use.
pub(super) fn with_resolution<T: Avro, R>(
    writer: &Schema,
    fingerprint: Fingerprint,
    f: impl FnOnce(&Resolution) -> R,
) -> Result<R, ResolveError> {
    let key = (TypeId::of::<T>(), fingerprint.value());
    let mut f = Some(f);
    let found = LOCAL.try_with(|local| {
        // A decoder may resolve a nested datum of its own inside `f`: only shared borrows are
        // held across it, and an insert that finds the map borrowed leaves it to the next call.
        let map = local.borrow();
        map.get(&key)
            .map(|resolution| (f.take().expect("called once"))(resolution))
    });
    if let Ok(Some(result)) = found {
        return Ok(result);
    }
    let resolution = shared::<T>(key, writer, fingerprint)?;
    let _ = LOCAL.try_with(|local| {
        if let Ok(mut map) = local.try_borrow_mut() {
            map.insert(key, Arc::clone(&resolution));
        }
    });
    Ok((f.take().expect("called once"))(&resolution))
}

/// The shared map's resolution, built outside the lock when missing (two threads may both
/// build it; the first one stored is kept).
fn shared<T: Avro>(
    key: Key,
    writer: &Schema,
    fingerprint: Fingerprint,
) -> Result<Arc<Resolution>, ResolveError> {
    static SHARED: OnceLock<RwLock<Map>> = OnceLock::new();
    let shared = SHARED.get_or_init(Default::default);
    if let Some(resolution) = shared.read().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(Arc::clone(resolution));
    }
    let json = serde_json::to_value(writer).expect("a parsed schema serializes to JSON");
    let computed = Fingerprint::of_schema(&json)?;
    if computed != fingerprint {
        return Err(ResolveError::FingerprintMismatch {
            given: fingerprint,
            computed,
        });
    }
    let resolution = if fingerprint == fingerprint_of::<T>() {
        Resolution::Direct
    } else {
        match Plan::new(writer, T::schema()) {
            Ok(plan) if plan.is_identity() => Resolution::Direct,
            Ok(plan) => Resolution::Plan(plan),
            Err(error) => Resolution::Failed(error),
        }
    };
    let mut map = shared.write().unwrap_or_else(|e| e.into_inner());
    Ok(Arc::clone(
        map.entry(key).or_insert_with(|| Arc::new(resolution)),
    ))
}

/// Hashes the key's two 64-bit halves with one multiply each (FxHash's step): a type ID and a
/// CRC-64 are spread already, and SipHash would cost more than the rest of a lookup.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}
