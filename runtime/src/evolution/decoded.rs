//! [`Decoded`]: a value read from the log, and how it was written.

use crate::canonical::Fingerprint;

/// A value [`EventDecoder`](super::EventDecoder) read, with the major version and schema its
/// bytes were written with.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded<T> {
    value: T,
    version: u32,
    fingerprint: Fingerprint,
}

impl<T> Decoded<T> {
    pub(crate) fn new(value: T, version: u32, fingerprint: Fingerprint) -> Self {
        Decoded {
            value,
            version,
            fingerprint,
        }
    }

    /// The same record of how it was written, around `f(value)`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Decoded<U> {
        Decoded {
            value: f(self.value),
            version: self.version,
            fingerprint: self.fingerprint,
        }
    }

    /// The value, as the consumer's type.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The value, as the consumer's type.
    pub fn into_value(self) -> T {
        self.value
    }

    /// The major version the bytes were written with: lower than the type's when upcast.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The fingerprint of the writer's schema (look it up in the history for its revision).
    pub fn fingerprint(&self) -> Fingerprint {
        self.fingerprint
    }
}
