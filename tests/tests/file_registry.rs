//! The file registry: revisions registered once, checked at the subject's level, never edited.

use std::path::{Path, PathBuf};
use tidings::compat::{Direction, IncompatibilityKind, Level};
use tidings::registry::{
    Candidate, FileRegistry, OnNew, Outcome, Registered, Registry, RegistryError, check_candidate,
    check_subject,
};

const SUBJECT: &str = "com.acme.shipping.v1.Shipped";

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tidings-registry-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The `Shipped` record with `extra` fields after `carrier`.
fn shipped(extra: &str) -> String {
    format!(
        r#"{{"type": "record", "name": "Shipped", "namespace": "com.acme.shipping.v1",
            "fields": [{{"name": "carrier", "type": "string"}}{extra}]}}"#
    )
}

const WITH_NOTE: &str = r#", {"name": "note", "type": ["null", "string"], "default": null}"#;
const WITH_WEIGHT: &str = r#", {"name": "weight", "type": "long"}"#;

fn revision(dir: &Path, version: u32) -> PathBuf {
    dir.join("history")
        .join(SUBJECT)
        .join(format!("{version}.avsc"))
}

#[test]
fn registers_versions_in_order_and_returns_an_existing_one_unchanged() {
    let dir = temp_dir("order");
    let registry = FileRegistry::new(&dir);
    assert_eq!(registry.history(SUBJECT).unwrap(), []);

    let first = registry.register(SUBJECT, &shipped("")).unwrap();
    assert_eq!((first.version, first.id), (1, None));
    let second = registry.register(SUBJECT, &shipped(WITH_NOTE)).unwrap();
    assert_eq!(second.version, 2);
    // The same schema, laid out differently, is the version already registered.
    let again = registry
        .register(SUBJECT, &shipped("").replace(' ', ""))
        .unwrap();
    assert_eq!(again, first);

    let history = registry.history(SUBJECT).unwrap();
    assert_eq!(
        history.iter().map(|r| r.version).collect::<Vec<_>>(),
        [1, 2]
    );
    assert!(revision(&dir, 2).is_file());
    assert!(!revision(&dir, 3).exists());
    let index = std::fs::read_to_string(dir.join("history/registry.json")).unwrap();
    assert!(index.contains("\"sha256:"), "{index}");
    assert_eq!(registry.subjects().unwrap(), [SUBJECT]);
}

#[test]
fn refuses_a_breaking_schema_with_every_violation_and_writes_nothing() {
    let dir = temp_dir("breaking");
    let registry = FileRegistry::new(&dir);
    registry.register(SUBJECT, &shipped("")).unwrap();
    registry.register(SUBJECT, &shipped(WITH_NOTE)).unwrap();

    let err = registry
        .register(SUBJECT, &shipped(&format!("{WITH_NOTE}{WITH_WEIGHT}")))
        .unwrap_err();
    let RegistryError::Incompatible {
        level, violations, ..
    } = &err
    else {
        panic!("expected Incompatible, got {err:?}");
    };
    // BACKWARD_TRANSITIVE by default: both registered versions lack `weight`.
    assert_eq!(*level, Level::BackwardTransitive);
    let versions: Vec<_> = violations.iter().map(|v| v.version).collect();
    assert_eq!(versions, [1, 2]);
    for violation in violations {
        assert_eq!(violation.direction, Direction::NewReadsOld);
        assert_eq!(
            violation.incompatibility.kind,
            IncompatibilityKind::ReaderFieldMissingDefaultValue
        );
    }
    assert!(err.to_string().contains("weight"), "{err}");
    assert!(!revision(&dir, 3).exists());
}

#[test]
fn honours_the_level_in_the_index() {
    let dir = temp_dir("level");
    let registry = FileRegistry::new(&dir);
    registry.register(SUBJECT, &shipped("")).unwrap();
    let index_path = dir.join("history/registry.json");
    let index = std::fs::read_to_string(&index_path).unwrap();
    let index = index.replacen('{', r#"{ "compatibility": "NONE","#, 1);
    std::fs::write(&index_path, index).unwrap();

    assert_eq!(registry.level(SUBJECT).unwrap(), Level::None);
    let breaking = registry.register(SUBJECT, &shipped(WITH_WEIGHT)).unwrap();
    assert_eq!(breaking.version, 2);
}

#[test]
fn a_looser_level_asked_of_the_check_does_not_loosen_registration() {
    let dir = temp_dir("looser");
    let registry = FileRegistry::new(&dir);
    registry.register(SUBJECT, &shipped("")).unwrap();

    // NONE lets the check pass; the registry's own BACKWARD_TRANSITIVE refuses to register.
    let breaking = shipped(WITH_WEIGHT);
    let check = check_subject(
        &registry,
        SUBJECT,
        &breaking,
        Some(Level::None),
        OnNew::Register,
    )
    .unwrap();
    assert_eq!(check.level, Level::BackwardTransitive);
    let Outcome::Incompatible(violations) = &check.outcome else {
        panic!("{check:?}");
    };
    assert_eq!(violations.len(), 1);
    assert_eq!(
        violations[0].incompatibility.kind,
        IncompatibilityKind::ReaderFieldMissingDefaultValue
    );
    assert!(!revision(&dir, 2).exists());
}

#[test]
fn read_only_reports_a_new_schema_instead_of_writing_it() {
    let dir = temp_dir("read-only");
    FileRegistry::new(&dir)
        .register(SUBJECT, &shipped(""))
        .unwrap();
    let registry = FileRegistry::new(&dir).read_only(true);

    let err = registry.register(SUBJECT, &shipped(WITH_NOTE)).unwrap_err();
    assert!(matches!(err, RegistryError::ReadOnly { .. }), "{err:?}");
    assert!(err.to_string().contains("commit schemas/"), "{err}");
    assert!(!revision(&dir, 2).exists());

    let check = check_subject(&registry, SUBJECT, &shipped(WITH_NOTE), None, OnNew::Report);
    assert_eq!(check.unwrap().outcome, Outcome::Unregistered);
    let check = check_subject(&registry, SUBJECT, &shipped(""), None, OnNew::Report);
    assert_eq!(check.unwrap().outcome, Outcome::Registered(1));
}

#[test]
fn an_edited_or_deleted_revision_fails_every_read() {
    let dir = temp_dir("tampered");
    let registry = FileRegistry::new(&dir);
    registry.register(SUBJECT, &shipped("")).unwrap();
    registry.register(SUBJECT, &shipped(WITH_NOTE)).unwrap();

    // A checkout with CRLF line endings is not an edit.
    let original = std::fs::read_to_string(revision(&dir, 1)).unwrap();
    std::fs::write(revision(&dir, 1), original.replace('\n', "\r\n")).unwrap();
    registry.verify().unwrap();

    std::fs::write(revision(&dir, 1), original.replace("carrier", "courier")).unwrap();
    let err = registry.verify().unwrap_err();
    assert!(
        matches!(err, RegistryError::Tampered { version: 1, .. }),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("restore the file from git"),
        "{err}"
    );
    std::fs::write(revision(&dir, 1), &original).unwrap();
    registry.verify().unwrap();

    std::fs::remove_file(revision(&dir, 2)).unwrap();
    let err = registry.register(SUBJECT, &shipped(WITH_NOTE)).unwrap_err();
    assert!(
        matches!(err, RegistryError::Tampered { version: 2, .. }),
        "{err:?}"
    );
}

#[test]
fn rejects_bad_input_with_a_reason() {
    let dir = temp_dir("bad-input");
    let registry = FileRegistry::new(&dir);
    for (subject, schema, expected) in [
        (SUBJECT, "{", "EOF"),
        (SUBJECT, r#"{"type": "record"}"#, "name"),
        ("../escape", &shipped("") as &str, "cannot name a folder"),
        ("", &shipped(""), "cannot name a folder"),
    ] {
        let err = registry.register(subject, schema).unwrap_err();
        assert!(
            matches!(err, RegistryError::InvalidSchema { .. }),
            "{subject}: {err:?}"
        );
        assert!(err.to_string().contains(expected), "{err}");
    }
    assert!(!dir.join("history").exists());

    std::fs::create_dir_all(dir.join("history")).unwrap();
    std::fs::write(dir.join("history/registry.json"), "{\"subjects\": 1}").unwrap();
    let err = registry.history(SUBJECT).unwrap_err();
    assert!(matches!(err, RegistryError::Corrupt { .. }), "{err:?}");
    assert!(err.to_string().contains("registry.json"), "{err}");
}

/// A registry that counts the reads of a subject's history, and otherwise is the file registry.
struct Counting {
    inner: FileRegistry,
    reads: std::cell::Cell<usize>,
    checked_registrations: std::cell::Cell<usize>,
}

impl Registry for Counting {
    fn history(&self, subject: &str) -> Result<Vec<Registered>, RegistryError> {
        self.reads.set(self.reads.get() + 1);
        self.inner.history(subject)
    }
    fn register(&self, _: &str, _: &str) -> Result<Registered, RegistryError> {
        panic!("check_candidate hands the history it read to register_checked")
    }
    fn level(&self, subject: &str) -> Result<Level, RegistryError> {
        self.inner.level(subject)
    }
    fn register_checked(
        &self,
        subject: &str,
        schema: &Candidate,
        history: &[Registered],
        parsed: &[tidings::avro::Schema],
    ) -> Result<Registered, RegistryError> {
        self.checked_registrations
            .set(self.checked_registrations.get() + 1);
        assert_eq!(history.len(), parsed.len());
        self.inner
            .register_checked(subject, schema, history, parsed)
    }
}

#[test]
fn a_check_reads_the_history_once_and_registers_with_it() {
    let dir = temp_dir("read-once");
    let registry = Counting {
        inner: FileRegistry::new(&dir),
        reads: Default::default(),
        checked_registrations: Default::default(),
    };
    for (extra, version) in [("", 1), (WITH_NOTE, 2)] {
        let schema = Candidate::parse(&shipped(extra)).unwrap();
        assert_eq!(schema.full_name().as_deref(), Some(SUBJECT));
        let check = check_candidate(&registry, SUBJECT, &schema, None, OnNew::Register).unwrap();
        assert_eq!(check.outcome, Outcome::NewlyRegistered(version));
    }
    assert_eq!(
        (registry.reads.get(), registry.checked_registrations.get()),
        (2, 2)
    );
    assert_eq!(registry.inner.history(SUBJECT).unwrap().len(), 2);
    // The file registry still checks at the subject's own level, whatever the check asked.
    let breaking = Candidate::parse(&shipped(WITH_WEIGHT)).unwrap();
    let check = check_candidate(
        &registry,
        SUBJECT,
        &breaking,
        Some(Level::None),
        OnNew::Register,
    );
    assert!(matches!(check.unwrap().outcome, Outcome::Incompatible(_)));
}

#[test]
fn candidates_name_their_subject_or_say_why_they_cannot_be_checked() {
    let named = |text: &str| Candidate::parse(text).unwrap().full_name();
    assert_eq!(named(&shipped("")).as_deref(), Some(SUBJECT));
    assert_eq!(
        named(r#"{"type": "enum", "name": "a.Suit", "symbols": ["H"]}"#).as_deref(),
        Some("a.Suit")
    );
    assert_eq!(
        named(r#"{"type": "fixed", "name": "Id", "namespace": "b", "size": 16}"#).as_deref(),
        Some("b.Id")
    );
    assert_eq!(named(r#""int""#), None);
    assert!(
        Candidate::parse("{ not json")
            .unwrap_err()
            .contains("key must be a string")
    );
    assert!(Candidate::parse(r#"{"type": "nope"}"#).is_err());
}
