//! The Confluent wire format (`tidings::wire::confluent`) against the two other implementations
//! that matter: Confluent's own Python serializer and deserializer (`confluent-kafka`'s
//! `AvroSerializer` / `AvroDeserializer`, driven by `tests/interop/confluent_check.py`) and the
//! Rust crate `schema_registry_converter` (its blocking Avro encoder and decoder). All three talk
//! to one in-process registry (`tests/tests/confluent/server.rs`) on 127.0.0.1, so they share its
//! subjects and schema IDs.
//!
//! Every interop case is registered under its schema's Avro full name and framed by tidings; the
//! other side reads the framed bytes (and, for Python, the bare datum with the ID in a
//! `__value_schema_id` header) and writes the value back; tidings reads what it wrote, checks
//! the ID, and decodes the datum to the case's Rust value. An interop event, bare and in an
//! `Envelope`, also goes through `SchemaIds`: a `TypedWriter` from registration, a `TypedReader`
//! that checks each ID and GUID.
//!
//! The Python check is skipped, like the other cross-language checks, when
//! `TIDINGS_SKIP_INTEROP=1` and `TIDINGS_PYTHON` is unset; the `schema_registry_converter` one
//! needs nothing outside Cargo and always runs.

// The server's switches for failures and authentication are for tests/tests/confluent.rs.
#[allow(dead_code)]
#[path = "../confluent/server.rs"]
mod server;

use super::{Case, Scalars, cases, fixture_schemas, hex, run_python_check, shorten, unhex};
use schema_registry_converter::blocking::avro::{AvroDecoder, AvroEncoder};
use schema_registry_converter::blocking::schema_registry::SrSettings;
use schema_registry_converter::schema_registry_common::SubjectNameStrategy as SrStrategy;
use serde_json::{Value, json};
use server::Server;
use std::collections::HashMap;
use std::fmt::Debug;
use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;
use tidings::avro::Schema;
use tidings::avro::types::Value as AvroValue;
use tidings::registry::Registry;
use tidings::registry::confluent::{ConfluentRegistry, SubjectNameStrategy};
use tidings::wire::confluent::{self, HeaderSchemaId, SchemaIdError, SchemaIds};
use tidings::{Avro, Envelope, Timestamp};

/// One interop case, registered and framed.
struct Message {
    case: Case,
    /// The schema's Avro full name (Confluent's record name strategy).
    subject: String,
    /// The `.avsc` text registered.
    schema: String,
    id: u32,
    /// The GUID the registry gave the schema beside its ID.
    guid: [u8; 16],
    /// What tidings framed: `0x00`, the ID, the case's datum.
    framed: Vec<u8>,
}

/// The registry every test here shares, with every case registered and framed.
struct Shared {
    server: Server,
    messages: Vec<Message>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let server = Server::start();
        let registry = client(&server);
        let texts: HashMap<String, String> = fixture_schemas()
            .into_iter()
            .map(|entry| {
                let text = |key: &str| entry[key].as_str().unwrap().to_owned();
                (text("label"), text("text"))
            })
            .collect();
        let messages = cases()
            .into_iter()
            .map(|case| {
                let schema = texts[&case.schema].clone();
                let subject = Schema::parse_str(&schema)
                    .unwrap()
                    .name()
                    .unwrap_or_else(|| panic!("{}: the schema of a case is named", case.name))
                    .fullname(None);
                let id = registry.register(&subject, &schema).unwrap().id.unwrap();
                let guid = registry.schema_guid(&subject, &schema).unwrap().unwrap();
                let guid = uuid::Uuid::parse_str(&guid).unwrap().into_bytes();
                let mut framed = Vec::new();
                confluent::write_header(id, &mut framed);
                framed.extend_from_slice(&case.bytes);
                Message {
                    case,
                    subject,
                    schema,
                    id,
                    guid,
                    framed,
                }
            })
            .collect();
        Shared { server, messages }
    })
}

fn client(server: &Server) -> ConfluentRegistry {
    ConfluentRegistry::new(&server.url())
        .unwrap()
        .backoff(Duration::from_millis(1))
        .timeout(Duration::from_secs(10))
}

/// Checks bytes another implementation framed: the ID is the one registered, and the datum
/// decodes to the case's Rust value.
fn check_framed(message: &Message, bytes: &[u8]) -> Result<(), String> {
    let framed = confluent::read_header(bytes).map_err(|err| err.to_string())?;
    if framed.schema_id() != message.id {
        return Err(format!(
            "framed with schema ID {}, registered as {}",
            framed.schema_id(),
            message.id
        ));
    }
    (message.case.check)(framed.datum())
}

/// Checks a record another implementation wrote with the schema in a header: the header holds
/// the schema's GUID, and the payload decodes to the case's Rust value.
fn check_header(message: &Message, header: &[u8], payload: &[u8]) -> Result<(), String> {
    match HeaderSchemaId::decode(header).map_err(|err| err.to_string())? {
        HeaderSchemaId::Guid(guid) if guid == message.guid => (message.case.check)(payload),
        other => Err(format!(
            "the header holds {other:?}, not the GUID {}",
            uuid::Uuid::from_bytes(message.guid)
        )),
    }
}

// ---------------------------------------------------------------------------------------------
// confluent-kafka (Python)

#[derive(serde::Deserialize)]
struct Report {
    framed: HashMap<String, String>,
    /// The header value and the payload, in hex.
    headers: HashMap<String, (String, String)>,
    failures: Vec<Failure>,
}

#[derive(serde::Deserialize)]
struct Failure {
    name: String,
    stage: String,
    message: String,
}

/// A value a `TypedWriter` frames, Python reads and writes back (framed, and with a GUID
/// header) and a `TypedReader` reads: the interop event, bare and in an envelope.
struct Typed {
    entry: Value,
    check: TypedCheck,
}

/// What is wrong with what Python wrote: the framed message, and the header and the payload.
type TypedCheck = Box<dyn Fn(Option<Vec<u8>>, Option<(Vec<u8>, Vec<u8>)>) -> Vec<String>>;

fn typed<T: Avro + Debug + PartialEq>(registry: &ConfluentRegistry, name: &str, value: T) -> Typed {
    let subject = T::schema().name().expect("a named schema").fullname(None);
    let writer = SchemaIds::new(registry.clone())
        .register::<T>(&subject)
        .unwrap();
    let guid = writer.guid().expect("the in-process server gives GUIDs");
    let entry = json!({
        "name": name,
        "subject": subject,
        "schema": tidings::schema_json::<T>().to_string(),
        "id": writer.schema_id(),
        "guid": uuid::Uuid::from_bytes(guid).to_string(),
        "framed": hex(&writer.encode(&value).unwrap()),
        "expected": null,
    });
    // A reader of its own: it asks the registry about each ID and GUID itself.
    let reader = SchemaIds::new(registry.clone()).reader::<T>();
    let name = name.to_owned();
    let check = move |framed: Option<Vec<u8>>, header: Option<(Vec<u8>, Vec<u8>)>| {
        let mut failures = Vec::new();
        let mut fail = |what: String| failures.push(format!("[confluent-kafka] {name}: {what}"));
        match framed.map(|bytes| reader.decode(&bytes)) {
            Some(Ok(decoded))
                if decoded.schema_id == writer.schema_id() && decoded.value == value => {}
            Some(Ok(decoded)) => fail(format!(
                "read back as ID {} and {:?}",
                decoded.schema_id, decoded.value
            )),
            Some(Err(err)) => fail(err.to_string()),
            None => fail("nothing written".into()),
        }
        match header.map(|(header, payload)| reader.decode_with_header(&header, &payload)) {
            Some(Ok((schema, decoded))) if schema == writer.header() && decoded == value => {}
            Some(Ok((schema, decoded))) => fail(format!(
                "read back with the header as {schema:?} and {decoded:?}"
            )),
            Some(Err(err)) => fail(err.to_string()),
            None => fail("no header written".into()),
        }
        failures
    };
    Typed {
        entry,
        check: Box::new(check),
    }
}

fn scalars() -> Scalars {
    Scalars {
        flag: true,
        tiny: i8::MIN,
        small: i16::MAX,
        int: -123_456,
        byte: u8::MAX,
        word: u16::MAX,
        long: i64::MIN,
        unsigned: u32::MAX,
        text: "Grüße, 世界".into(),
    }
}

#[test]
fn confluent_kafka_reads_tidings_framing_and_tidings_reads_its() {
    let Some(python) = super::python("Python confluent-kafka") else {
        println!(
            "skipped: TIDINGS_SKIP_INTEROP=1 and TIDINGS_PYTHON is unset, so nothing was checked \
             against confluent-kafka"
        );
        return;
    };
    let shared = shared();
    let registry = client(&shared.server);
    let envelope = Envelope::new(scalars())
        .with_subject("order-42")
        .and_then(|e| e.with_correlation_id("flow-7"))
        .and_then(|e| e.with_extension("tenant", "acme"))
        .unwrap();
    let typed = [
        (
            "typed_scalars",
            typed(&registry, "typed_scalars", scalars()),
        ),
        (
            "typed_envelope",
            typed(&registry, "typed_envelope", envelope),
        ),
    ];
    let mut entries: Vec<Value> = shared
        .messages
        .iter()
        .map(|m| {
            json!({
                "name": m.case.name,
                "subject": m.subject,
                "schema": m.schema,
                "id": m.id,
                "guid": uuid::Uuid::from_bytes(m.guid).to_string(),
                "framed": hex(&m.framed),
                "expected": m.case.expected,
            })
        })
        .collect();
    entries.extend(typed.iter().map(|(_, t)| t.entry.clone()));
    let manifest = json!({ "registry": shared.server.url(), "messages": entries });
    let report = run_python(&python, &manifest);

    let mut failures: Vec<String> = report
        .failures
        .iter()
        .map(|f| format!("[confluent-kafka] {} {}: {}", f.stage, f.name, f.message))
        .collect();
    for message in &shared.messages {
        let Some(text) = report.framed.get(message.case.name) else {
            continue; // An "encode" failure, listed above.
        };
        if let Err(err) = check_framed(message, &unhex(text)) {
            failures.push(format!(
                "[confluent-kafka] {}: what AvroSerializer wrote {err}\n  bytes: {}",
                message.case.name,
                shorten(text.clone())
            ));
        }
    }
    for message in &shared.messages {
        let Some((header, payload)) = report.headers.get(message.case.name) else {
            continue; // An "encode" failure, listed above.
        };
        if let Err(err) = check_header(message, &unhex(header), &unhex(payload)) {
            failures.push(format!(
                "[confluent-kafka] {}: what AvroSerializer wrote with header_schema_id_serializer \
                 {err}\n  header: {header}\n  payload: {}",
                message.case.name,
                shorten(payload.clone())
            ));
        }
    }
    // The typed values: readers that check the ID and the GUID against the registry.
    for (name, typed) in &typed {
        let framed = report.framed.get(*name).map(|text| unhex(text));
        let header = report.headers.get(*name).map(|(h, p)| (unhex(h), unhex(p)));
        failures.extend((typed.check)(framed, header));
    }
    assert!(
        failures.is_empty(),
        "{} failure(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

fn run_python(python: &Path, manifest: &Value) -> Report {
    let run = run_python_check(python, "confluent-interop", "confluent_check.py", manifest);
    let stdout = String::from_utf8_lossy(&run.output.stdout);
    println!("{}", stdout.lines().last().unwrap_or_default());
    // Exit 0 is a clean run and 1 a run with failures (in the report); anything else is a crash.
    let report = match (run.output.status.code(), &run.report) {
        (Some(0 | 1), Some(bytes)) => serde_json::from_slice::<Report>(bytes).unwrap(),
        _ => panic!(
            "confluent_check.py crashed ({}):\n{stdout}\n{}",
            run.output.status,
            String::from_utf8_lossy(&run.output.stderr)
        ),
    };
    match report.failures.is_empty() {
        true => drop(std::fs::remove_dir_all(&run.dir)),
        false => println!("the manifest and report are kept in {}", run.dir.display()),
    }
    report
}

// ---------------------------------------------------------------------------------------------
// schema_registry_converter (Rust)

#[test]
fn schema_registry_converter_reads_tidings_framing_and_tidings_reads_its() {
    // apache-avro's `Value` reader and writer recurse once per nesting level, and the 64 levels of
    // `recursive_deep` take more than a test thread's 2 MiB in a debug build.
    let run = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(check_schema_registry_converter)
        .unwrap();
    if let Err(panic) = run.join() {
        std::panic::resume_unwind(panic);
    }
}

fn check_schema_registry_converter() {
    let shared = shared();
    let settings = || {
        SrSettings::new_builder(shared.server.url())
            .no_proxy()
            .build()
            .unwrap()
    };
    let (decoder, encoder) = (AvroDecoder::new(settings()), AvroEncoder::new(settings()));
    let mut failures = Vec::new();
    let mut identical = 0;
    for message in &shared.messages {
        let name = message.case.name;
        let mut fail = |what: String| failures.push(format!("{name}: {what}"));
        // Prefixed, and with the ID in a header beside the bare datum; each value read is
        // written back, and tidings decodes what was written.
        let id_header = HeaderSchemaId::Id(message.id).to_vec();
        let guid_header = HeaderSchemaId::Guid(message.guid).to_vec();
        let datum = Some(&message.case.bytes[..]);
        let readings = [
            ("", decoder.decode(Some(&message.framed))),
            (
                " with the ID in a header",
                decoder.decode_with_header_id(Some(&id_header), datum),
            ),
            // A decoder of its own for each GUID: schema_registry_converter 6.0.0 gives a schema
            // found by GUID the ID 0 (`GET /schemas/guids/{guid}` answers none), and keys its
            // resolved schemas by ID, so a shared decoder would read every GUID-framed datum
            // after the first with the first one's schema.
            (
                " with the GUID in a header",
                AvroDecoder::new(settings()).decode_with_header_id(Some(&guid_header), datum),
            ),
        ];
        for (how, reading) in readings {
            let value = match reading {
                Ok(decoded) => decoded.value,
                Err(err) => {
                    fail(format!("tidings' message{how} does not decode: {err}"));
                    continue;
                }
            };
            let AvroValue::Record(fields) = value else {
                fail(shorten(format!(
                    "tidings' message{how} decodes to {value:?}, not a record"
                )));
                continue;
            };
            let fields = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.clone()))
                .collect();
            let strategy = SrStrategy::RecordNameStrategy(message.subject.clone());
            match encoder.encode(fields, &strategy) {
                Ok(bytes) => {
                    identical += usize::from(bytes == message.framed);
                    if let Err(err) = check_framed(message, &bytes) {
                        fail(format!(
                            "what AvroEncoder wrote of the value read{how} {err}"
                        ));
                    }
                }
                Err(err) => fail(format!("the value read{how} does not encode: {err}")),
            }
        }
    }
    println!(
        "schema_registry_converter: {} messages read three ways, {identical} of the {} written \
         back framed byte for byte the same as tidings'",
        shared.messages.len(),
        3 * shared.messages.len()
    );
    assert!(
        failures.is_empty(),
        "{} failure(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Registry-backed IDs

#[test]
fn a_reader_rejects_an_id_whose_schema_is_another_type() {
    let shared = shared();
    let other = shared
        .messages
        .iter()
        .find(|m| m.subject != SubjectNameStrategy::Record.subject_for::<Scalars>())
        .unwrap();
    let reader = SchemaIds::new(client(&shared.server)).reader::<Scalars>();
    let err = reader.decode(&other.framed).unwrap_err();
    let SchemaIdError::UnknownSchemaId { id, reason, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(*id, other.id);
    assert!(reason.contains(&other.subject), "{err}");
    assert!(
        err.to_string()
            .starts_with(&format!("schema ID {} is not the schema of `", other.id))
    );

    // The other type's GUID, in a header beside a bare datum.
    let header = HeaderSchemaId::Guid(other.guid).to_vec();
    let err = reader
        .decode_with_header(&header, &other.case.bytes)
        .unwrap_err();
    assert!(
        matches!(&err, SchemaIdError::UnknownSchemaGuid { guid, reason, .. }
            if *guid == uuid::Uuid::from_bytes(other.guid).to_string()
                && reason.contains(&other.subject)),
        "{err:?}"
    );
    let unknown = HeaderSchemaId::Guid([0xab; 16]).to_vec();
    let err = reader
        .decode_with_header(&unknown, &other.case.bytes)
        .unwrap_err();
    assert!(
        matches!(&err, SchemaIdError::UnknownSchemaGuid { reason, .. } if reason.ends_with("has none")),
        "{err:?}"
    );

    // An ID the registry does not have.
    let err = reader
        .decode(&confluent::encode(999_999, &scalars()).unwrap())
        .unwrap_err();
    assert!(
        matches!(&err, SchemaIdError::UnknownSchemaId { id: 999_999, reason, .. }
            if reason.ends_with("has none")),
        "{err:?}"
    );
}

#[test]
fn an_id_with_the_canonical_form_but_other_logical_types_is_rejected() {
    // A registry-wide ID per schema: `long` and `timestamp-millis` share the canonical form of a
    // `Timestamp` (`"long"`), but not what its bytes mean.
    let shared = shared();
    let registry = client(&shared.server);
    let reader = SchemaIds::new(registry.clone()).reader::<Timestamp>();
    let at = Timestamp::from_unix_micros(1_700_000_000_123_456);
    for (subject, schema) in [
        ("logical-plain-long", r#""long""#),
        (
            "logical-millis",
            r#"{"type":"long","logicalType":"timestamp-millis"}"#,
        ),
    ] {
        let id = registry.register(subject, schema).unwrap().id.unwrap();
        let err = reader
            .decode(&confluent::encode(id, &at).unwrap())
            .unwrap_err();
        assert!(
            matches!(&err, SchemaIdError::UnknownSchemaId { id: found, reason, .. }
                if *found == id && reason.contains("other logical types")),
            "{err:?}"
        );
    }
    let subject = r#"logical-micros"#;
    let id = SchemaIds::new(registry)
        .register::<Timestamp>(subject)
        .unwrap()
        .schema_id();
    assert_eq!(
        reader
            .decode(&confluent::encode(id, &at).unwrap())
            .unwrap()
            .value,
        at
    );
}

#[test]
fn ids_are_asked_for_once() {
    // A server of its own, so that its request log is this test's alone.
    let server = Server::start();
    let ids = SchemaIds::new(client(&server));
    let subject = "ids-are-asked-for-once";
    let err = ids.lookup::<Scalars>(subject).unwrap_err();
    assert!(
        matches!(&err, SchemaIdError::NotRegistered { subject: s, .. } if s == subject),
        "{err:?}"
    );
    let writer = ids.register::<Scalars>(subject).unwrap();
    let found = SchemaIds::new(client(&server))
        .lookup::<Scalars>(subject)
        .unwrap();
    assert_eq!(found.schema_id(), writer.schema_id());

    let reader = ids.reader::<Scalars>();
    let message = writer.encode(&scalars()).unwrap();
    server.clear_requests();
    for _ in 0..3 {
        assert_eq!(
            ids.register::<Scalars>(subject).unwrap().schema_id(),
            writer.schema_id()
        );
        assert_eq!(
            ids.lookup::<Scalars>(subject).unwrap().schema_id(),
            writer.schema_id()
        );
        assert_eq!(reader.decode(&message).unwrap().value, scalars());
        assert_eq!(
            ids.decode::<Scalars>(&message).unwrap().schema_id,
            writer.schema_id()
        );
    }
    // The first decode asked for the ID's schema; nothing else went to the registry.
    let by_id = format!("GET /schemas/ids/{}", writer.schema_id());
    assert_eq!(server.requests(), [by_id]);
}
