//! The behaviour every Confluent-compatible registry must show through `ConfluentRegistry`, run
//! against the in-process server and, when `TIDINGS_TEST_REGISTRY_URL` is set, a real registry.
//! Subjects and namespaces carry a per-run prefix so runs never meet, and every subject the suite
//! makes is deleted at the end.

use serde_json::Value;
use tidings::compat::Level;
use tidings::registry::confluent::{Against, ConfluentRegistry, SubjectNameStrategy};
use tidings::registry::{OnNew, Outcome, Registry, RegistryError, check_subject};

/// Which kind of registry answers, for the one check whose verdict registries differ on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Confluent's: a check against one version compares with that version only.
    Confluent,
    /// Karapace: under a transitive level, a check against one version checks every version.
    Karapace,
    /// Not said (`TIDINGS_TEST_REGISTRY_KIND` unset): either answer is taken.
    Unknown,
}

impl Kind {
    /// `TIDINGS_TEST_REGISTRY_KIND`: `confluent`, `karapace`, or unset.
    pub fn from_env() -> Kind {
        match std::env::var("TIDINGS_TEST_REGISTRY_KIND").as_deref() {
            Ok("confluent") => Kind::Confluent,
            Ok("karapace") => Kind::Karapace,
            Ok("") | Err(_) => Kind::Unknown,
            Ok(other) => panic!("TIDINGS_TEST_REGISTRY_KIND is `{other}`: confluent or karapace"),
        }
    }
}

/// A name unique to this run, usable in a subject and as an Avro namespace part.
pub fn run_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("r{nanos}p{}", std::process::id())
}

/// A record schema `tidings.test.{run}.Order` with `fields` (name, type, default).
pub fn order(run: &str, fields: &[(&str, &str, Option<&str>)]) -> String {
    let fields: Vec<String> = fields
        .iter()
        .map(|(name, ty, default)| match default {
            Some(default) => format!(r#"{{"name":"{name}","type":"{ty}","default":{default}}}"#),
            None => format!(r#"{{"name":"{name}","type":"{ty}"}}"#),
        })
        .collect();
    format!(
        r#"{{"type":"record","name":"Order","namespace":"tidings.test.{run}","fields":[{}]}}"#,
        fields.join(",")
    )
}

/// Whether two schema texts are the same JSON (registries store their own spelling).
pub fn same_schema(a: &str, b: &str) -> bool {
    let a: Value = serde_json::from_str(a).unwrap();
    let b: Value = serde_json::from_str(b).unwrap();
    a == b
}

/// The suite. `registry` points at an empty or shared registry; only subjects named with `run`
/// are touched, and the global level is only read.
pub fn run(registry: &ConfluentRegistry, run: &str, kind: Kind) {
    let topic = format!("tidings-test-{run}");
    let subject = SubjectNameStrategy::Topic {
        topic: topic.clone(),
        key: false,
    }
    .subject(&format!("tidings.test.{run}.Order"));
    assert_eq!(subject, format!("{topic}-value"));
    let v1 = order(run, &[("id", "string", None)]);
    let v2 = order(run, &[("id", "string", None), ("n", "int", Some("0"))]);
    // Reads v2's data (it has `n`) but not v1's (no `n`, and no default here).
    let v3 = order(run, &[("id", "string", None), ("n", "int", None)]);

    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        unknown_subject(registry, &format!("{topic}-unknown"), &v1);
        levels(registry, &subject);
        lifecycle(registry, &subject, [&v1, &v2, &v3], kind);
        errors(registry, &subject, &v1);
        same_schema_other_subject(registry, run, &v1);
    }));
    // Clean up even after a failure, so a real registry is left as it was.
    for cleanup in [
        subject.clone(),
        SubjectNameStrategy::TopicRecord { topic }.subject(&format!("tidings.test.{run}.Order")),
    ] {
        let _ = registry.delete_subject(&cleanup, true);
    }
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

fn unknown_subject(registry: &ConfluentRegistry, subject: &str, schema: &str) {
    assert_eq!(registry.history(subject).unwrap(), vec![]);
    assert_eq!(registry.versions(subject).unwrap(), Vec::<u32>::new());
    assert_eq!(registry.latest(subject).unwrap(), None);
    assert_eq!(registry.schema_id(subject, schema).unwrap(), None);
    assert_eq!(registry.subject_level(subject).unwrap(), None);
    assert_eq!(
        registry.level(subject).unwrap(),
        registry.global_level().unwrap()
    );
    // No versions: anything is compatible with all of them, and there is no latest one.
    let report = registry
        .test_compatibility(subject, schema, Against::AllRegistered)
        .unwrap();
    assert!(report.is_compatible, "{report:?}");
    let error = registry
        .test_compatibility(subject, schema, Against::Latest)
        .unwrap_err();
    assert!(
        matches!(&error, RegistryError::NotFound(m)
            if m.contains(&format!("version latest of subject `{subject}`"))),
        "{error:?}"
    );
    let error = registry.version(subject, 1).unwrap_err();
    assert!(
        matches!(&error, RegistryError::NotFound(m) if m.contains(&format!("subject `{subject}`"))),
        "{error}"
    );
}

fn levels(registry: &ConfluentRegistry, subject: &str) {
    // `PUT /config/{subject}` takes `compatibility`; `GET` answers `compatibilityLevel`.
    for level in [Level::Full, Level::BackwardTransitive] {
        registry.set_level(subject, level).unwrap();
        assert_eq!(registry.subject_level(subject).unwrap(), Some(level));
        assert_eq!(registry.level(subject).unwrap(), level);
    }
}

fn lifecycle(registry: &ConfluentRegistry, subject: &str, [v1, v2, v3]: [&str; 3], kind: Kind) {
    let first = registry.register(subject, v1).unwrap();
    assert_eq!((first.subject.as_str(), first.version), (subject, 1));
    assert!(same_schema(&first.schema, v1), "{}", first.schema);
    let id1 = first.id.expect("Confluent assigns IDs");

    // The same schema again: the same version and ID, nothing new.
    assert_eq!(registry.register(subject, v1).unwrap(), first);
    assert_eq!(registry.versions(subject).unwrap(), vec![1]);
    assert_eq!(
        registry.schema_id(subject, v1).unwrap(),
        Some(first.clone())
    );
    assert!(same_schema(&registry.schema_by_id(id1).unwrap(), v1));

    let second = registry.register(subject, v2).unwrap();
    assert_eq!(second.version, 2);
    let id2 = second.id.unwrap();
    assert_ne!(id1, id2);
    assert_eq!(registry.latest(subject).unwrap(), Some(second.clone()));
    assert_eq!(registry.version(subject, 2).unwrap(), second);
    assert_eq!(
        registry.history(subject).unwrap(),
        vec![first.clone(), second]
    );

    // The trap: under BACKWARD_TRANSITIVE, a check against `latest` (or one version) compares
    // with that version only on Confluent, and with every version on Karapace; the check
    // without a version runs registration's check on both.
    let check = |against| registry.test_compatibility(subject, v3, against).unwrap();
    for against in [Against::Latest, Against::Version(2)] {
        let report = check(against);
        match kind {
            Kind::Confluent => assert!(report.is_compatible, "{against:?}: {report:?}"),
            Kind::Karapace => assert!(!report.is_compatible, "{against:?}: {report:?}"),
            Kind::Unknown => {}
        }
    }
    let one = check(Against::Version(1));
    assert!(!one.is_compatible && !one.messages.is_empty(), "{one:?}");
    let all = check(Against::AllRegistered);
    assert!(!all.is_compatible && !all.messages.is_empty(), "{all:?}");

    // The build check reads the history and checks here: the same verdict whichever registry
    // answers, at the subject's level or at the one asked for.
    let build = check_subject(registry, subject, v3, None, OnNew::Report).unwrap();
    assert_eq!(build.level, Level::BackwardTransitive);
    match &build.outcome {
        Outcome::Incompatible(violations) => {
            assert!(violations.iter().all(|v| v.version == 1), "{violations:?}");
        }
        other => panic!("expected Incompatible against version 1, got {other:?}"),
    }
    let latest_only = check_subject(registry, subject, v3, Some(Level::Backward), OnNew::Report);
    assert_eq!(latest_only.unwrap().outcome, Outcome::Unregistered);

    // Registration agrees with the check without a version.
    match registry.register(subject, v3).unwrap_err() {
        RegistryError::Incompatible {
            subject: s,
            level,
            violations,
            messages,
        } => {
            assert_eq!(s, subject);
            assert_eq!(level, Level::BackwardTransitive);
            assert!(violations.is_empty());
            assert!(
                !messages.is_empty() && !messages[0].is_empty(),
                "{messages:?}"
            );
        }
        other => panic!("expected Incompatible, got {other:?}"),
    }
    assert_eq!(registry.versions(subject).unwrap(), vec![1, 2]);

    // Relaxing the level lets it in.
    registry.set_level(subject, Level::None).unwrap();
    assert_eq!(registry.register(subject, v3).unwrap().version, 3);
    assert_eq!(registry.level(subject).unwrap(), Level::None);
}

fn errors(registry: &ConfluentRegistry, subject: &str, v1: &str) {
    let error = registry.version(subject, 99).unwrap_err();
    assert!(
        matches!(&error, RegistryError::NotFound(m) if m.contains("version 99")),
        "{error}"
    );
    let error = registry
        .test_compatibility(subject, v1, Against::Version(99))
        .unwrap_err();
    assert!(matches!(error, RegistryError::NotFound(_)), "{error}");
    let error = registry.schema_by_id(2_000_000_000).unwrap_err();
    assert!(
        matches!(&error, RegistryError::NotFound(m) if m.contains("schema ID 2000000000")),
        "{error}"
    );
    let other = r#"{"type":"record","name":"Never","fields":[{"name":"x","type":"long"}]}"#;
    assert_eq!(registry.schema_id(subject, other).unwrap(), None);
    for invalid in ["not json", r#"{"type":"no-such-type"}"#] {
        let error = registry.register(subject, invalid).unwrap_err();
        assert!(
            matches!(&error, RegistryError::InvalidSchema { subject: s, .. } if s == subject),
            "{invalid}: {error:?}"
        );
    }
}

/// A schema ID belongs to the schema, not the subject: another subject (here by the
/// topic-record strategy) gets the same ID for the same schema.
fn same_schema_other_subject(registry: &ConfluentRegistry, run: &str, v1: &str) {
    let full_name = format!("tidings.test.{run}.Order");
    let first = registry.schema_id(
        &SubjectNameStrategy::Topic {
            topic: format!("tidings-test-{run}"),
            key: false,
        }
        .subject(&full_name),
        v1,
    );
    let id1 = first.unwrap().unwrap().id;
    let other = SubjectNameStrategy::TopicRecord {
        topic: format!("tidings-test-{run}"),
    }
    .subject(&full_name);
    let registered = registry.register(&other, v1).unwrap();
    assert_eq!((registered.version, registered.id), (1, id1));
    assert_eq!(registry.delete_subject(&other, true).unwrap(), vec![1]);
    assert_eq!(registry.versions(&other).unwrap(), Vec::<u32>::new());
}
