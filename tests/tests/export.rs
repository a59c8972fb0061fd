//! Exporting `.avsc` files: one per event, idempotent, and a check mode that writes nothing.

use std::path::PathBuf;
use tidings::Event;
use tidings::catalog::{self, EventInfo};
use tidings::export::{ExportError, Mode, export};

/// Shipped.
#[derive(Event)]
#[avro(namespace = "com.acme.shipping")]
pub struct Shipped {
    pub carrier: String,
}

/// Delivered, in two major versions.
#[derive(Event)]
#[event(version = 2)]
#[avro(namespace = "com.acme.shipping")]
pub struct Delivered {
    pub signed_by: Option<String>,
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tidings-export-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn events() -> Vec<&'static EventInfo> {
    catalog::events_of(env!("CARGO_CRATE_NAME"))
}

#[test]
fn the_catalog_finds_every_event_of_the_crate_with_its_source_line() {
    let events = events();
    let names: Vec<_> = events.iter().map(|e| e.avro_name()).collect();
    assert_eq!(
        names,
        [
            "com.acme.shipping.v1.Shipped",
            "com.acme.shipping.v2.Delivered"
        ]
    );
    let shipped = events[0];
    assert_eq!(shipped.file(), "tests/tests/export.rs");
    assert_eq!(shipped.line(), 11, "the line of the struct name");
    assert_eq!(shipped.event_type(), Shipped::TYPE);
    assert_eq!(events[1].version(), 2);
    assert!(
        catalog::events_of("tidings-tests").is_empty(),
        "other test binaries are not linked"
    );
}

#[test]
fn export_writes_one_self_contained_file_per_event_and_is_idempotent() {
    let dir = temp_dir("write");
    let first = export(&dir, &events(), Mode::Write).unwrap();
    assert_eq!(first.written.len(), 4, "each event and its envelope");
    let path = dir.join("com.acme.shipping.v1.Shipped.avsc");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, tidings::avsc::<Shipped>());
    let envelope = dir.join("envelopes/com.acme.shipping.v1.ShippedEnvelope.avsc");
    assert_eq!(
        std::fs::read_to_string(&envelope).unwrap(),
        tidings::avsc::<tidings::Envelope<Shipped>>()
    );
    assert!(
        text.starts_with("{\n  \"type\": \"record\",\n  \"name\": \"Shipped\""),
        "{text}"
    );
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();

    let second = export(&dir, &events(), Mode::Write).unwrap();
    assert!(second.written.is_empty());
    assert_eq!(second.unchanged.len(), 4);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_mode_reports_stale_and_missing_files_and_writes_nothing() {
    let dir = temp_dir("check");
    export(&dir, &events(), Mode::Write).unwrap();
    let stale = dir.join("com.acme.shipping.v1.Shipped.avsc");
    std::fs::write(&stale, "{}\n").unwrap();
    let missing = dir.join("com.acme.shipping.v2.Delivered.avsc");
    std::fs::remove_file(&missing).unwrap();

    let err = export(&dir, &events(), Mode::Check).unwrap_err();
    let ExportError::OutOfDate(out_of_date) = &err else {
        panic!("{err}")
    };
    assert_eq!(out_of_date.report.stale, std::slice::from_ref(&stale));
    assert_eq!(out_of_date.report.missing, std::slice::from_ref(&missing));
    let message = err.to_string();
    assert!(message.contains("stale"), "{message}");
    assert!(
        message.contains("Shipped at tests/tests/export.rs:11"),
        "{message}"
    );
    assert!(message.contains("without `CI` set"), "{message}");
    assert_eq!(std::fs::read_to_string(&stale).unwrap(), "{}\n");
    assert!(!missing.exists());

    export(&dir, &events(), Mode::Write).unwrap();
    assert!(
        export(&dir, &events(), Mode::Check)
            .unwrap()
            .is_up_to_date()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn two_events_with_one_avro_name_are_refused() {
    let events = events();
    let err = export(&temp_dir("dup"), &[events[0], events[0]], Mode::Check).unwrap_err();
    assert!(matches!(err, ExportError::DuplicateName { .. }), "{err}");
    assert!(
        err.to_string()
            .contains("both have the Avro name `com.acme.shipping.v1.Shipped`")
    );
}
