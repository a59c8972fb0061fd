//! Schema IDs from a Confluent registry (feature `confluent`): found once per subject and type by
//! registering or looking up the type's schema (with its GUID, where the registry has GUIDs),
//! and checked once per ID or GUID on decode, so the hot path makes no HTTP call and takes no
//! lock.

use super::{Decoded, FrameError, HeaderSchemaId, decode_datum, read_header};
use crate::Avro;
use crate::avro::Schema;
use crate::canonical::parsing_canonical_form;
use crate::codec::EncodeError;
use crate::registry::confluent::ConfluentRegistry;
use crate::registry::{Registry, RegistryError};
use std::any::TypeId;
use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

/// Schema IDs from a Confluent Schema Registry, cached.
///
/// A producer asks once for a type's [`TypedWriter`], by [`register`](Self::register) or
/// [`lookup`](Self::lookup); the writer holds the ID, so encoding with it is as cheap as
/// [`encode_into`](super::encode_into). A consumer decodes with a [`TypedReader`], which checks
/// each new ID against the registry once: an ID whose schema is not the type's is
/// [`SchemaIdError::UnknownSchemaId`].
///
/// ```no_run
/// use tidings::registry::confluent::{ConfluentRegistry, SubjectNameStrategy};
/// use tidings::wire::confluent::SchemaIds;
///
/// #[derive(tidings::Event, Debug, PartialEq)]
/// #[event(type = "order.placed", version = 2)]
/// #[avro(namespace = "com.acme.orders")]
/// struct OrderPlaced {
///     order_id: String,
/// }
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let ids = SchemaIds::new(ConfluentRegistry::new("http://localhost:8081")?);
/// let subject = SubjectNameStrategy::Record.subject_for::<OrderPlaced>();
/// let writer = ids.register::<OrderPlaced>(&subject)?;
/// let mut buffer = Vec::new();
/// writer.encode_into(&OrderPlaced { order_id: "o-1".into() }, &mut buffer)?;
///
/// let reader = ids.reader::<OrderPlaced>();
/// let decoded = reader.decode(&buffer)?;
/// assert_eq!(decoded.schema_id, writer.schema_id());
/// # Ok(())
/// # }
/// ```
///
/// Cheap to clone; clones share the registry client and the caches.
#[derive(Clone)]
pub struct SchemaIds {
    shared: Arc<Shared>,
}

struct Shared {
    registry: ConfluentRegistry,
    /// (subject, type) → the type's schema ID and GUID under the subject.
    writers: Mutex<HashMap<(String, TypeId), Resolved>>,
    /// (ID or GUID, type) → whether its schema is the type's, and why not.
    verdicts: RwLock<HashMap<(HeaderSchemaId, TypeId), Verdict>>,
    /// ID or GUID → the registry's schema, parsed, so checking it for a second type costs no
    /// call.
    schemas: Mutex<HashMap<HeaderSchemaId, Arc<Theirs>>>,
}

/// A schema the registry holds, ready to compare.
struct Theirs {
    /// Its Parsing Canonical Form ([`crate::canonical`], as Java and Confluent compute it).
    canonical: String,
    /// Parsed by apache-avro, whose equality also compares logical types.
    parsed: Schema,
}

/// What a writer needs from the registry.
#[derive(Clone, Copy)]
struct Resolved {
    id: u32,
    /// Where the registry assigns GUIDs (Confluent Platform 8).
    guid: Option<[u8; 16]>,
}

#[derive(Clone)]
enum Verdict {
    Matches,
    Differs(Arc<str>),
}

/// Why finding a schema ID in the registry, or decoding with one, failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SchemaIdError {
    /// The message is not a well-formed Confluent-framed datum of the type.
    #[error(transparent)]
    Frame(#[from] FrameError),
    /// The message's schema ID does not name the type's schema: the registry has another
    /// schema under it, or none. IDs whose schema differs are remembered; IDs the registry does
    /// not know are asked again next time, since it may register them later.
    #[error("schema ID {id} is not the schema of `{type_name}`: {reason}")]
    UnknownSchemaId {
        /// The ID in the message.
        id: u32,
        /// The Rust type the message was decoded as.
        type_name: &'static str,
        /// What the registry holds under the ID instead.
        reason: String,
    },
    /// A lookup found no version of the subject with the type's schema.
    #[error(
        "subject `{subject}` has no version with the schema of `{type_name}`: register it first"
    )]
    NotRegistered {
        /// The subject looked in.
        subject: String,
        /// The Rust type.
        type_name: &'static str,
    },
    /// The schema GUID in a record's header does not name the type's schema, as
    /// [`UnknownSchemaId`](Self::UnknownSchemaId) for an ID.
    #[error("schema GUID {guid} is not the schema of `{type_name}`: {reason}")]
    UnknownSchemaGuid {
        /// The GUID, hyphenated.
        guid: String,
        /// The Rust type the record was decoded as.
        type_name: &'static str,
        /// What the registry holds under the GUID instead.
        reason: String,
    },
    /// The registry could not answer.
    #[error(transparent)]
    Registry(#[from] RegistryError),
}

impl fmt::Debug for SchemaIds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SchemaIds")
            .field("registry", &self.shared.registry)
            .finish_non_exhaustive()
    }
}

impl SchemaIds {
    /// Schema IDs from `registry`, with empty caches.
    pub fn new(registry: ConfluentRegistry) -> Self {
        SchemaIds {
            shared: Arc::new(Shared {
                registry,
                writers: Mutex::new(HashMap::new()),
                verdicts: RwLock::new(HashMap::new()),
                schemas: Mutex::new(HashMap::new()),
            }),
        }
    }

    /// The registry client.
    pub fn registry(&self) -> &ConfluentRegistry {
        &self.shared.registry
    }

    /// A writer for `T` under `subject`, registering `T`'s schema there if the subject does not
    /// hold it yet (`POST /subjects/{subject}/versions`; the registry checks compatibility).
    /// Asks the registry once per subject and type.
    pub fn register<T: Avro>(&self, subject: &str) -> Result<TypedWriter<T>, SchemaIdError> {
        self.writer(subject, |registry, schema| {
            let registered = registry.register(subject, schema)?;
            Ok(registered.id)
        })
    }

    /// A writer for `T` under `subject`, whose schema must be registered there already (Confluent's
    /// lookup, `POST /subjects/{subject}`; nothing is registered). Asks the registry once per
    /// subject and type; a miss is asked again next time.
    pub fn lookup<T: Avro>(&self, subject: &str) -> Result<TypedWriter<T>, SchemaIdError> {
        self.writer(subject, |registry, schema| {
            match registry.schema_id(subject, schema)? {
                Some(registered) => Ok(registered.id),
                None => Err(SchemaIdError::NotRegistered {
                    subject: subject.to_owned(),
                    type_name: std::any::type_name::<T>(),
                }),
            }
        })
    }

    fn writer<T: Avro>(
        &self,
        subject: &str,
        resolve: impl FnOnce(&ConfluentRegistry, &str) -> Result<Option<u32>, SchemaIdError>,
    ) -> Result<TypedWriter<T>, SchemaIdError> {
        let key = (subject.to_owned(), TypeId::of::<T>());
        let cached = lock(&self.shared.writers).get(&key).copied();
        let resolved = match cached {
            Some(resolved) => resolved,
            None => {
                let registry = &self.shared.registry;
                let schema = crate::schema_json::<T>().to_string();
                let unexpected = |message: String| RegistryError::Server {
                    status: 200,
                    code: None,
                    message: format!("subject `{subject}` at {}: {message}", registry.url()),
                };
                // No lock is held across the calls: a second thread asking meanwhile asks too.
                let id = resolve(registry, &schema)?
                    .ok_or_else(|| unexpected("answered without a schema ID".to_owned()))?;
                let guid = match registry.schema_guid(subject, &schema)? {
                    Some(text) => Some(parse_guid(&text).ok_or_else(|| {
                        unexpected(format!("answered the GUID {text:?}, which is not a UUID"))
                    })?),
                    None => None,
                };
                let resolved = Resolved { id, guid };
                lock(&self.shared.writers).insert(key, resolved);
                resolved
            }
        };
        Ok(TypedWriter {
            schema_id: resolved.id,
            guid: resolved.guid,
            _type: PhantomData,
        })
    }

    /// A reader of Confluent-framed `T`s that checks each schema ID once.
    pub fn reader<T: Avro>(&self) -> TypedReader<T> {
        TypedReader {
            ids: self.clone(),
            accepted: AtomicU64::new(NONE),
            _type: PhantomData,
        }
    }

    /// Checks that the registry's schema under `id` is `T`'s: equal Parsing Canonical Forms
    /// ([`crate::canonical`], as Java and Confluent compute them), so docs, aliases and defaults
    /// may differ but the binary encoding may not, and equal logical types (apache-avro's
    /// `Schema` equality), which the canonical form drops but which change what the bytes mean.
    /// Asks the registry once per ID and remembers the answer per type.
    pub fn check<T: Avro>(&self, id: u32) -> Result<(), SchemaIdError> {
        self.check_schema::<T>(HeaderSchemaId::Id(id))
    }

    /// [`check`](Self::check) for a schema GUID (`GET /schemas/guids/{guid}`).
    pub fn check_guid<T: Avro>(&self, guid: [u8; 16]) -> Result<(), SchemaIdError> {
        self.check_schema::<T>(HeaderSchemaId::Guid(guid))
    }

    fn check_schema<T: Avro>(&self, schema: HeaderSchemaId) -> Result<(), SchemaIdError> {
        let key = (schema, TypeId::of::<T>());
        let cached = self
            .shared
            .verdicts
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
            .cloned();
        let verdict = match cached {
            Some(verdict) => verdict,
            None => {
                let verdict = self.judge::<T>(schema)?;
                self.shared
                    .verdicts
                    .write()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(key, verdict.clone());
                verdict
            }
        };
        match verdict {
            Verdict::Matches => Ok(()),
            Verdict::Differs(reason) => Err(unknown::<T>(schema, reason.to_string())),
        }
    }

    /// Decodes a Confluent-framed `T`, checking its schema ID with [`check`](Self::check). For
    /// a hot loop, a [`TypedReader`] skips even the cache lookup for the ID it last accepted.
    pub fn decode<T: Avro>(&self, message: &[u8]) -> Result<Decoded<T>, SchemaIdError> {
        let framed = read_header(message)?;
        self.check::<T>(framed.schema_id())?;
        Ok(Decoded {
            schema_id: framed.schema_id(),
            value: framed.decode()?,
        })
    }

    /// The verdict on `schema` for `T`, from the registry's schema (fetched once per ID or
    /// GUID).
    fn judge<T: Avro>(&self, schema: HeaderSchemaId) -> Result<Verdict, SchemaIdError> {
        let cached = lock(&self.shared.schemas).get(&schema).cloned();
        let theirs = match cached {
            Some(parsed) => parsed,
            None => {
                let registry = &self.shared.registry;
                let fetched = match schema {
                    HeaderSchemaId::Id(id) => registry.schema_by_id(id),
                    HeaderSchemaId::Guid(guid) => registry.schema_by_guid(&hyphenated(&guid)),
                };
                let text = match fetched {
                    Ok(text) => text,
                    Err(RegistryError::NotFound(_)) => {
                        let reason = format!("the registry at {} has none", registry.url());
                        return Err(unknown::<T>(schema, reason));
                    }
                    Err(error) => return Err(error.into()),
                };
                let canonical = serde_json::from_str(&text)
                    .map_err(|error| error.to_string())
                    .and_then(|json| parsing_canonical_form(&json).map_err(|e| e.to_string()));
                match canonical.and_then(|canonical| {
                    let parsed = Schema::parse_str(&text).map_err(|error| error.to_string())?;
                    Ok(Theirs { canonical, parsed })
                }) {
                    Ok(theirs) => {
                        let theirs = Arc::new(theirs);
                        lock(&self.shared.schemas).insert(schema, Arc::clone(&theirs));
                        theirs
                    }
                    Err(error) => {
                        return Ok(Verdict::Differs(
                            format!("the registry's schema under it is not valid Avro: {error}")
                                .into(),
                        ));
                    }
                }
            }
        };
        let type_name = std::any::type_name::<T>();
        let ours = match parsing_canonical_form(&crate::schema_json::<T>()) {
            Ok(ours) => ours,
            Err(error) => {
                let reason = format!("`{type_name}`'s own schema has no canonical form: {error}");
                return Ok(Verdict::Differs(reason.into()));
            }
        };
        let name = |schema: &Schema| match schema.name() {
            Some(name) => format!("`{}`", name.fullname(None)),
            None => format!("`{}`", schema.canonical_form()),
        };
        if theirs.canonical != ours {
            return Ok(Verdict::Differs(
                format!(
                    "the registry holds {} under it, and `{type_name}`'s schema is {} with \
                     another Parsing Canonical Form",
                    name(&theirs.parsed),
                    name(T::schema()),
                )
                .into(),
            ));
        }
        // The canonical form drops logical types, but a decimal's scale or a timestamp's unit
        // changes what the same bytes mean.
        if theirs.parsed != *T::schema() {
            return Ok(Verdict::Differs(
                format!(
                    "the registry's schema under it has `{type_name}`'s canonical form but other \
                     logical types (a decimal's precision or scale, a timestamp's unit)"
                )
                .into(),
            ));
        }
        Ok(Verdict::Matches)
    }
}

/// Encodes `T`s with the schema ID a [`SchemaIds`] found for them. Holds only the ID: copy it
/// freely, keep it for the life of the producer.
pub struct TypedWriter<T> {
    schema_id: u32,
    guid: Option<[u8; 16]>,
    _type: PhantomData<fn(&T)>,
}

impl<T> Clone for TypedWriter<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for TypedWriter<T> {}

impl<T> fmt::Debug for TypedWriter<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TypedWriter")
            .field("type", &std::any::type_name::<T>())
            .field("schema_id", &self.schema_id)
            .field("guid", &self.guid.as_ref().map(hyphenated))
            .finish()
    }
}

impl<T: Avro> TypedWriter<T> {
    /// The registry ID of `T`'s schema under the subject.
    pub fn schema_id(&self) -> u32 {
        self.schema_id
    }

    /// Appends the Confluent-framed message of `value` to `out`; no call, no lock, and no
    /// allocation into a buffer with room.
    ///
    /// # Errors
    ///
    /// As [`super::encode_into`]: a value that does not fit its schema.
    pub fn encode_into(&self, value: &T, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        super::encode_into(self.schema_id, value, out)
    }

    /// The Confluent-framed message of `value`.
    ///
    /// # Errors
    ///
    /// As [`super::encode_into`].
    pub fn encode(&self, value: &T) -> Result<Vec<u8>, EncodeError> {
        super::encode(self.schema_id, value)
    }

    /// The schema's GUID, where the registry assigns GUIDs (Confluent Platform 8).
    pub fn guid(&self) -> Option<[u8; 16]> {
        self.guid
    }

    /// The header value for a record whose payload is the bare datum ([`crate::encode_into`]):
    /// the GUID form, as Confluent's `HeaderSchemaIdSerializer` writes it, where the registry
    /// has GUIDs, else the ID form, which Confluent's deserializers read as well.
    pub fn header(&self) -> HeaderSchemaId {
        match self.guid {
            Some(guid) => HeaderSchemaId::Guid(guid),
            None => HeaderSchemaId::Id(self.schema_id),
        }
    }
}

/// No ID accepted yet: outside the `u32` range.
const NONE: u64 = u64::MAX;

/// Decodes Confluent-framed `T`s, checking each message's schema ID against the registry
/// through its [`SchemaIds`]. The ID it last accepted is checked with one atomic load, so a
/// stream of messages with the same ID makes no call and takes no lock.
pub struct TypedReader<T> {
    ids: SchemaIds,
    accepted: AtomicU64,
    _type: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for TypedReader<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let accepted = self.accepted.load(Ordering::Relaxed);
        f.debug_struct("TypedReader")
            .field("type", &std::any::type_name::<T>())
            .field("accepted", &u32::try_from(accepted).ok())
            .finish()
    }
}

impl<T: Avro> TypedReader<T> {
    /// Decodes a Confluent-framed message as a `T`; an ID whose registered schema is not `T`'s
    /// is [`SchemaIdError::UnknownSchemaId`].
    pub fn decode(&self, message: &[u8]) -> Result<Decoded<T>, SchemaIdError> {
        let framed = read_header(message)?;
        self.accept(framed.schema_id())?;
        Ok(Decoded {
            schema_id: framed.schema_id(),
            value: framed.decode()?,
        })
    }

    /// Decodes a record whose schema ID or GUID travels in a header
    /// ([`super::VALUE_SCHEMA_ID_HEADER`] or [`super::KEY_SCHEMA_ID_HEADER`]) and whose payload
    /// is the bare datum; datum offsets in the error count from the start of `payload`. An ID
    /// is checked as in [`decode`](Self::decode); a GUID through the [`SchemaIds`] cache.
    pub fn decode_with_header(
        &self,
        header: &[u8],
        payload: &[u8],
    ) -> Result<(HeaderSchemaId, T), SchemaIdError> {
        let schema = HeaderSchemaId::decode(header).map_err(FrameError::from)?;
        match schema {
            HeaderSchemaId::Id(id) => self.accept(id)?,
            HeaderSchemaId::Guid(guid) => self.ids.check_guid::<T>(guid)?,
        }
        Ok((schema, decode_datum(payload, 0)?))
    }

    fn accept(&self, id: u32) -> Result<(), SchemaIdError> {
        if self.accepted.load(Ordering::Relaxed) == u64::from(id) {
            return Ok(());
        }
        self.ids.check::<T>(id)?;
        self.accepted.store(u64::from(id), Ordering::Relaxed);
        Ok(())
    }
}

/// The error for an ID or GUID whose schema is not `T`'s.
fn unknown<T>(schema: HeaderSchemaId, reason: String) -> SchemaIdError {
    let type_name = std::any::type_name::<T>();
    match schema {
        HeaderSchemaId::Id(id) => SchemaIdError::UnknownSchemaId {
            id,
            type_name,
            reason,
        },
        HeaderSchemaId::Guid(guid) => SchemaIdError::UnknownSchemaGuid {
            guid: hyphenated(&guid),
            type_name,
            reason,
        },
    }
}

/// A GUID as the registry spells it, `8-4-4-4-12` hex digits, as bytes in RFC 4122 order.
fn parse_guid(text: &str) -> Option<[u8; 16]> {
    let digits: Vec<u8> = text.bytes().filter(|b| *b != b'-').collect();
    let well_formed = text.len() == 36
        && [8, 13, 18, 23].iter().all(|&i| text.as_bytes()[i] == b'-')
        && digits.len() == 32
        && digits.iter().all(u8::is_ascii_hexdigit);
    if !well_formed {
        return None;
    }
    let mut guid = [0; 16];
    for (byte, pair) in guid.iter_mut().zip(digits.chunks(2)) {
        *byte = u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()?;
    }
    Some(guid)
}

/// A GUID as the registry writes it: `8-4-4-4-12` lowercase hex.
fn hyphenated(guid: &[u8; 16]) -> String {
    let mut text = String::with_capacity(36);
    for (i, byte) in guid.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            text.push('-');
        }
        text.push_str(&format!("{byte:02x}"));
    }
    text
}

fn lock<V>(mutex: &Mutex<V>) -> std::sync::MutexGuard<'_, V> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_written_as_the_registry_spells_them() {
        let guid = [
            0xcc, 0x0e, 0x0e, 0x0e, 0x53, 0xc1, 0x4a, 0x1a, 0x8f, 0x1a, 0, 0, 0, 0, 0, 1,
        ];
        assert_eq!(hyphenated(&guid), "cc0e0e0e-53c1-4a1a-8f1a-000000000001");
        assert_eq!(
            parse_guid("CC0E0E0E-53c1-4a1a-8f1a-000000000001"),
            Some(guid)
        );
        for bad in [
            "",
            "cc0e0e0e53c14a1a8f1a000000000001",
            "cc0e0e0e-53c1-4a1a-8f1a-00000000000g",
            "cc0e0e0e-53c1-4a1a-8f1a+000000000001",
            "+c0e0e0e-53c1-4a1a-8f1a-000000000001",
        ] {
            assert_eq!(parse_guid(bad), None, "{bad}");
        }
    }

    #[test]
    fn an_unreachable_registry_is_a_registry_error() {
        let registry = ConfluentRegistry::new("http://127.0.0.1:9")
            .unwrap()
            .retries(0);
        let reader = SchemaIds::new(registry).reader::<i64>();
        let err = reader.decode(&[0, 0, 0, 0, 1, 2]).unwrap_err();
        assert!(
            matches!(
                err,
                SchemaIdError::Registry(RegistryError::Unreachable { .. })
            ),
            "{err:?}"
        );
        // Framing errors come before any call.
        assert!(matches!(
            reader.decode(&[1]).unwrap_err(),
            SchemaIdError::Frame(FrameError::WrongMagic { found: 1 })
        ));
    }
}
