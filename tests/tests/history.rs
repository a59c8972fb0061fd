//! The schema history: the committed `schemas/` folder, embedded at compile time, knows every
//! revision of the tour's events by fingerprint, in both forms.

use orders_example::{InventoryReserved, PaymentFailed, PaymentProcessed, v1, v2};
use tidings::canonical::fingerprint_of;
use tidings::history::{Form, HistoryError, SchemaHistory};
use tidings::registry::RegistryError;
use tidings::{Envelope, Event};

fn embedded() -> SchemaHistory {
    tidings::embedded_history!("../schemas").expect("the committed history is intact")
}

/// The latest revision of `E`'s subject is `E`'s own schema, and its envelope form is
/// `Envelope<E>`'s: the history wraps old revisions as the derive wraps the current one.
fn latest_is_current<E: Event>(history: &SchemaHistory) {
    let latest = history
        .subject(E::AVRO_NAME)
        .last()
        .expect("a registered subject");
    assert_eq!(
        latest.fingerprint(),
        fingerprint_of::<E>(),
        "{}",
        E::AVRO_NAME
    );
    assert_eq!(latest.major(), Some(E::VERSION));
    let envelope = history
        .by_fingerprint(fingerprint_of::<Envelope<E>>())
        .expect("the envelope form is indexed");
    assert_eq!(envelope.form(), Form::Envelope);
    assert_eq!(
        (envelope.subject(), envelope.version()),
        (E::AVRO_NAME, latest.version())
    );
}

#[test]
fn the_embedded_history_knows_every_event_of_the_tour() {
    let history = embedded();
    latest_is_current::<v1::OrderPlaced>(&history);
    latest_is_current::<v2::OrderPlaced>(&history);
    latest_is_current::<PaymentFailed>(&history);
    latest_is_current::<PaymentProcessed>(&history);
    latest_is_current::<InventoryReserved>(&history);
}

#[test]
fn loading_the_folder_at_run_time_gives_the_same_history() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../schemas");
    let loaded = SchemaHistory::load(dir).unwrap();
    let embedded = embedded();
    let key = |h: &SchemaHistory| {
        let mut keys: Vec<_> = h
            .revisions()
            .map(|r| {
                (
                    r.subject().to_owned(),
                    r.version(),
                    r.form() == Form::Event,
                    r.fingerprint(),
                )
            })
            .collect();
        keys.sort();
        keys
    };
    assert_eq!(key(&loaded), key(&embedded));
    assert!(!loaded.is_empty());
}

const PING: &str =
    r#"{"type":"record","name":"Ping","namespace":"a.v1","fields":[{"name":"seq","type":"long"}]}"#;

/// `registry.json` and `1.avsc` as the file registry writes them for `PING`.
fn registered_ping() -> (String, String) {
    use tidings::registry::{FileRegistry, Registry};
    let dir = std::env::temp_dir().join(format!("tidings-history-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    FileRegistry::new(&dir).register("a.v1.Ping", PING).unwrap();
    let read = |path: &str| std::fs::read_to_string(dir.join(path)).unwrap();
    let files = (
        read("history/registry.json"),
        read("history/a.v1.Ping/1.avsc"),
    );
    std::fs::remove_dir_all(&dir).unwrap();
    files
}

#[test]
fn an_embedded_revision_edited_after_registration_is_refused() {
    let (index, text) = registered_ping();
    let ok = SchemaHistory::from_embedded("schemas", &index, &[("a.v1.Ping", 1, &text)]).unwrap();
    assert_eq!(ok.len(), 2);

    let edited = text.replace("seq", "sequence");
    let err =
        SchemaHistory::from_embedded("schemas", &index, &[("a.v1.Ping", 1, &edited)]).unwrap_err();
    assert!(
        matches!(&err, HistoryError::Registry(RegistryError::Tampered { subject, version: 1, .. }) if subject == "a.v1.Ping"),
        "{err}"
    );
    let deleted = SchemaHistory::from_embedded("schemas", &index, &[]).unwrap_err();
    assert!(matches!(
        deleted,
        HistoryError::Registry(RegistryError::Tampered { .. })
    ));

    // A file the index does not list is not a revision, as for the file registry.
    let stray = SchemaHistory::from_embedded(
        "schemas",
        &index,
        &[("a.v1.Ping", 1, &text), ("a.v1.Ping", 2, &edited)],
    )
    .unwrap();
    assert_eq!(stray.subject("a.v1.Ping").count(), 1);
}
