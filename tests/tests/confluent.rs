//! The Confluent Schema Registry client (`tidings::registry::confluent`) against an in-process
//! server that speaks Confluent's REST API (`confluent/server.rs`), and, opt-in, against a real
//! registry: set `TIDINGS_TEST_REGISTRY_URL` (credentials may go in the URL,
//! `https://key:secret@host`) and the same suite (`confluent/suite.rs`) runs there too.
//!
//! The server-only tests cover what a real registry cannot be made to do on demand: failures
//! and retries (counted on the server), timeouts, authentication, and that no secret shows up
//! in a `Debug`, an error or a log line.

#[path = "confluent/server.rs"]
mod server;
#[path = "confluent/suite.rs"]
mod suite;

use server::Server;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};
use tidings::Event;
use tidings::compat::Level;
use tidings::registry::confluent::{Against, ConfluentRegistry, Secret, SubjectNameStrategy};
use tidings::registry::{Registry, RegistryError};

/// A client for `server` that retries quickly.
fn client(url: &str) -> ConfluentRegistry {
    ConfluentRegistry::new(url)
        .unwrap()
        .backoff(Duration::from_millis(1))
        .timeout(Duration::from_secs(5))
}

const SCHEMA: &str = r#"{"type":"record","name":"Order","namespace":"tidings.test","fields":[{"name":"id","type":"string"}]}"#;

// ---------------------------------------------------------------------------------------------
// The suite, twice.

#[test]
fn suite_against_the_in_process_server() {
    let server = Server::start();
    suite::run(
        &client(&server.url()),
        &suite::run_id(),
        suite::Kind::Confluent,
    );
}

#[test]
fn suite_against_the_in_process_server_as_karapace() {
    let server = Server::start();
    server.karapace();
    suite::run(
        &client(&server.url()),
        &suite::run_id(),
        suite::Kind::Karapace,
    );
}

#[test]
fn suite_against_a_real_registry_when_asked() {
    let Some(url) = std::env::var("TIDINGS_TEST_REGISTRY_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        eprintln!(
            "note: TIDINGS_TEST_REGISTRY_URL is not set; the Confluent suite ran against the \
             in-process server only"
        );
        return;
    };
    let registry = ConfluentRegistry::new(&url).expect("TIDINGS_TEST_REGISTRY_URL");
    suite::run(&registry, &suite::run_id(), suite::Kind::from_env());
}

// ---------------------------------------------------------------------------------------------
// Karapace's differences.

/// A subject at `level` with v1 and v2 of the suite's `Order`, and v3, which reads v2's data
/// but not v1's.
fn two_versions(registry: &ConfluentRegistry, level: Level) -> String {
    registry.set_level("orders-value", level).unwrap();
    registry
        .register(
            "orders-value",
            &suite::order("k", &[("id", "string", None)]),
        )
        .unwrap();
    let v2 = [("id", "string", None), ("n", "int", Some("0"))];
    registry
        .register("orders-value", &suite::order("k", &v2))
        .unwrap();
    suite::order("k", &[("id", "string", None), ("n", "int", None)])
}

#[test]
fn without_the_all_versions_route_the_check_goes_version_by_version() {
    let logs = captured_logs();
    for (level, checked, compatible) in [
        (Level::BackwardTransitive, &[1, 2][..], false),
        (Level::Backward, &[2][..], true),
    ] {
        let server = Server::start();
        server.karapace();
        let registry = client(&server.url());
        let v3 = two_versions(&registry, level);
        server.clear_requests();
        let report = registry
            .test_compatibility("orders-value", &v3, Against::AllRegistered)
            .unwrap();
        assert_eq!(report.is_compatible, compatible, "{level}: {report:?}");
        // Karapace answers each version's check under a transitive level with every version's
        // reasons: each is kept once.
        let mut unique = report.messages.clone();
        unique.dedup();
        assert_eq!(unique, report.messages);
        let mut expected = vec![
            "POST /compatibility/subjects/orders-value/versions?verbose=true".to_owned(),
            "GET /subjects/orders-value/versions".to_owned(),
            "GET /config/orders-value?defaultToGlobal=false".to_owned(),
        ];
        expected.extend(checked.iter().map(|version| {
            format!("POST /compatibility/subjects/orders-value/versions/{version}?verbose=true")
        }));
        assert_eq!(server.requests(), expected, "{level}");
        let said = logs.0.lock().unwrap().iter().any(|line| {
            line.starts_with("DEBUG tidings")
                && line.contains(&server.url())
                && line.contains("version by version")
                && line.contains(&format!("{checked:?}"))
        });
        assert!(
            said,
            "{level}: no debug line says the check went version by version"
        );
    }
}

#[test]
fn the_all_versions_route_is_used_where_it_exists() {
    let server = Server::start();
    let registry = client(&server.url());
    let v3 = two_versions(&registry, Level::BackwardTransitive);
    server.clear_requests();
    let report = registry
        .test_compatibility("orders-value", &v3, Against::AllRegistered)
        .unwrap();
    assert!(!report.is_compatible);
    assert_eq!(
        server.requests(),
        ["POST /compatibility/subjects/orders-value/versions?verbose=true"]
    );
}

#[test]
fn a_404_without_an_error_code_is_never_a_missing_subject() {
    let server = Server::start();
    let registry = client(&server.url());
    registry.register("s", SCHEMA).unwrap();
    server.fail(404, "Not Found", None);
    for error in [
        registry.versions("s").unwrap_err(),
        registry.version("s", 1).unwrap_err(),
        registry.schema_by_id(1).unwrap_err(),
        registry
            .test_compatibility("s", SCHEMA, Against::Latest)
            .unwrap_err(),
    ] {
        match &error {
            RegistryError::Server {
                status: 404,
                code: None,
                message,
            } => assert!(
                message.contains("Not Found") && message.contains("no such route"),
                "{message}"
            ),
            other => panic!("expected a route-level Server error, got {other:?}"),
        }
    }
}

#[test]
fn karapace_latest_of_an_unknown_subject_names_both() {
    let server = Server::start();
    server.karapace();
    let registry = client(&server.url());
    match registry
        .test_compatibility("nope", SCHEMA, Against::Latest)
        .unwrap_err()
    {
        RegistryError::NotFound(message) => {
            assert!(
                message.contains("version latest of subject `nope`"),
                "{message}"
            );
            assert!(
                message.contains("Version -1 not found.") && message.contains("40402"),
                "{message}"
            );
        }
        other => panic!("expected NotFound, got {other:?}"),
    }
}

#[test]
fn karapace_checks_every_version_under_a_transitive_level() {
    for (karapace, latest_compatible) in [(false, true), (true, false)] {
        let server = Server::start();
        if karapace {
            server.karapace();
        }
        let registry = client(&server.url());
        let v3 = two_versions(&registry, Level::BackwardTransitive);
        let latest = registry
            .test_compatibility("orders-value", &v3, Against::Latest)
            .unwrap();
        assert_eq!(latest.is_compatible, latest_compatible, "{karapace}");
        // Not transitive: one version on both.
        registry.set_level("orders-value", Level::Backward).unwrap();
        let one = registry
            .test_compatibility("orders-value", &v3, Against::Version(2))
            .unwrap();
        assert!(one.is_compatible, "{karapace}: {one:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Registration's 409, old and new.

fn incompatible_pair(server: &Server, registry: &ConfluentRegistry) -> (String, String) {
    let v1 = suite::order("s", &[("id", "string", None)]);
    let v2 = suite::order("s", &[("id", "string", None), ("n", "int", None)]);
    registry.set_level("orders-value", Level::Full).unwrap();
    registry.register("orders-value", &v1).unwrap();
    server.clear_requests();
    (v1, v2)
}

#[test]
fn an_incompatible_registration_is_keyed_on_the_http_status() {
    for legacy in [false, true] {
        let server = Server::start();
        if legacy {
            server.legacy_conflict_code();
        }
        let registry = client(&server.url());
        let (_, v2) = incompatible_pair(&server, &registry);
        match registry.register("orders-value", &v2).unwrap_err() {
            RegistryError::Incompatible {
                subject,
                level,
                messages,
                ..
            } => {
                assert_eq!((subject.as_str(), level), ("orders-value", Level::Full));
                assert_eq!(messages.len(), 1, "{messages:?}");
                assert!(
                    messages[0].contains("READER_FIELD_MISSING_DEFAULT_VALUE"),
                    "{messages:?}"
                );
            }
            other => panic!("legacy {legacy}: expected Incompatible, got {other:?}"),
        }
        // One registration, then the level for the report; never retried.
        assert_eq!(
            server.requests(),
            [
                "POST /subjects/orders-value/versions",
                "GET /config/orders-value?defaultToGlobal=false",
            ]
        );
    }
}

#[test]
fn an_incompatible_registration_still_reports_when_the_level_is_unreadable() {
    let server = Server::start();
    let registry = client(&server.url()).retries(0);
    let (_, v2) = incompatible_pair(&server, &registry);
    server.fail(
        409,
        r#"{"error_code":40901,"message":"Schema being registered is incompatible"}"#,
        Some(1),
    );
    server.fail(500, r#"{"error_code":50001,"message":"store down"}"#, None);
    match registry.register("orders-value", &v2).unwrap_err() {
        RegistryError::Incompatible {
            level, messages, ..
        } => {
            assert_eq!(level, Level::Backward, "Confluent's default, said so below");
            assert_eq!(messages[0], "Schema being registered is incompatible");
            assert!(
                messages[1].contains("could not be read") && messages[1].contains("store down"),
                "{messages:?}"
            );
        }
        other => panic!("expected Incompatible, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Levels.

#[test]
fn levels_subject_own_and_global() {
    let server = Server::start();
    let registry = client(&server.url());
    assert_eq!(registry.global_level().unwrap(), Level::Backward);
    registry.set_global_level(Level::FullTransitive).unwrap();
    assert_eq!(registry.global_level().unwrap(), Level::FullTransitive);
    assert_eq!(registry.subject_level("a").unwrap(), None);
    assert_eq!(registry.level("a").unwrap(), Level::FullTransitive);
    registry.set_level("a", Level::Forward).unwrap();
    assert_eq!(registry.subject_level("a").unwrap(), Some(Level::Forward));
    assert_eq!(registry.level("a").unwrap(), Level::Forward);
    assert_eq!(registry.level("b").unwrap(), Level::FullTransitive);
    // The server, like Confluent, takes only `compatibility` in a PUT (422 otherwise): the
    // calls above passing shows the client sends that, and reads `compatibilityLevel` back.
    assert!(server.requests().contains(&"PUT /config/a".to_owned()));
}

#[test]
fn every_level_round_trips() {
    let server = Server::start();
    let registry = client(&server.url());
    for level in Level::ALL {
        registry.set_level("s", level).unwrap();
        assert_eq!(registry.subject_level("s").unwrap(), Some(level));
    }
}

// ---------------------------------------------------------------------------------------------
// Error mapping.

#[test]
fn not_found_errors_name_what_is_missing() {
    let server = Server::start();
    let registry = client(&server.url());
    registry.register("s", SCHEMA).unwrap();
    let text = |error: RegistryError| match error {
        RegistryError::NotFound(text) => text,
        other => panic!("expected NotFound, got {other:?}"),
    };
    let missing_subject = text(registry.version("nope", 1).unwrap_err());
    assert!(
        missing_subject.contains("subject `nope`"),
        "{missing_subject}"
    );
    assert!(missing_subject.contains("40401"), "{missing_subject}");
    let missing_version = text(registry.version("s", 7).unwrap_err());
    assert!(
        missing_version.contains("version 7 of subject `s`"),
        "{missing_version}"
    );
    assert!(missing_version.contains("40402"), "{missing_version}");
    let missing_id = text(registry.schema_by_id(42).unwrap_err());
    assert!(missing_id.contains("schema ID 42"), "{missing_id}");
    assert!(missing_id.contains("40403"), "{missing_id}");
    let invalid_version = text(registry.version("s", 0).unwrap_err());
    assert!(invalid_version.contains("version 0"), "{invalid_version}");
    assert!(text(registry.delete_subject("nope", false).unwrap_err()).contains("subject `nope`"));
}

#[test]
fn invalid_schemas_are_invalid_schema_errors() {
    let server = Server::start();
    let registry = client(&server.url());
    for (invalid, needle) in [
        ("{", "Invalid schema"),
        (r#"{"type":"recrod"}"#, "Invalid schema"),
    ] {
        for error in [
            registry.register("s", invalid).unwrap_err(),
            registry
                .test_compatibility("s", invalid, Against::AllRegistered)
                .unwrap_err(),
        ] {
            match error {
                RegistryError::InvalidSchema { subject, message } => {
                    assert_eq!(subject, "s");
                    assert!(message.contains(needle), "{message}");
                }
                other => panic!("expected InvalidSchema, got {other:?}"),
            }
        }
    }
}

#[test]
fn soft_and_permanent_deletes() {
    let server = Server::start();
    let registry = client(&server.url());
    let registered = registry.register("s", SCHEMA).unwrap();
    assert_eq!(registry.delete_subject("s", false).unwrap(), vec![1]);
    assert_eq!(registry.versions("s").unwrap(), Vec::<u32>::new());
    // A soft-deleted schema's ID still resolves.
    assert!(suite::same_schema(
        &registry.schema_by_id(registered.id.unwrap()).unwrap(),
        SCHEMA
    ));
    // Permanent after soft: the soft step's 40404 is expected.
    assert_eq!(registry.delete_subject("s", true).unwrap(), vec![1]);
    let error = registry.delete_subject("s", true).unwrap_err();
    assert!(matches!(error, RegistryError::NotFound(_)), "{error:?}");
}

#[test]
fn other_statuses_keep_status_and_code() {
    let server = Server::start();
    let registry = client(&server.url()).retries(0);
    server.fail(
        429,
        r#"{"error_code":42901,"message":"Rate limit exceeded"}"#,
        Some(1),
    );
    let error = registry.versions("s").unwrap_err();
    assert!(
        matches!(
            &error,
            RegistryError::Server { status: 429, code: Some(42901), message } if message == "Rate limit exceeded"
        ),
        "{error:?}"
    );
    assert_eq!(server.requests().len(), 1, "4xx is never retried");
    // A 2xx answer that is not the JSON expected.
    server.fail(200, "<html>proxy login</html>", Some(1));
    let error = registry.global_level().unwrap_err();
    assert!(
        matches!(&error, RegistryError::Server { status: 200, message, .. } if message.contains("proxy login")),
        "{error:?}"
    );
    server.fail(200, r#"{"unexpected":true}"#, Some(1));
    let error = registry.global_level().unwrap_err();
    assert!(
        matches!(&error, RegistryError::Server { message, .. } if message.contains("compatibilityLevel")),
        "{error:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Retries, timeouts, connection failures.

#[test]
fn server_errors_are_retried_until_they_pass() {
    let server = Server::start();
    let registry = client(&server.url()).retries(3);
    server.fail(
        503,
        r#"{"error_code":50003,"message":"Error while forwarding the request to the leader"}"#,
        Some(2),
    );
    assert_eq!(registry.versions("s").unwrap(), Vec::<u32>::new());
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn server_errors_forever_are_a_server_error_after_the_retries() {
    let server = Server::start();
    server.fail(
        500,
        r#"{"error_code":50001,"message":"Error in the backend data store"}"#,
        None,
    );
    let started = Instant::now();
    let error = client(&server.url())
        .retries(2)
        .backoff(Duration::from_millis(20))
        .versions("s")
        .unwrap_err();
    match error {
        RegistryError::Server {
            status,
            code,
            message,
        } => {
            assert_eq!((status, code), (500, Some(50001)));
            assert_eq!(
                message,
                "Error in the backend data store (after 3 attempts)"
            );
        }
        other => panic!("expected Server, got {other:?}"),
    }
    assert_eq!(server.requests().len(), 3);
    // Exponential backoff: 20 ms, then 40 ms.
    assert!(started.elapsed() >= Duration::from_millis(60));
}

#[test]
fn a_proxy_error_page_is_a_server_error_with_the_page() {
    let server = Server::start();
    server.fail(502, "<html><body>502 Bad Gateway</body></html>", None);
    let error = client(&server.url()).retries(1).global_level().unwrap_err();
    assert!(
        matches!(&error, RegistryError::Server { status: 502, code: None, message } if message.contains("Bad Gateway")),
        "{error:?}"
    );
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn client_errors_are_never_retried() {
    let server = Server::start();
    let registry = client(&server.url()).retries(3);
    // 404 (40401), 422 (42201), 409, 401: one request each.
    let _ = registry.version("nope", 1).unwrap_err();
    assert_eq!(server.requests().len(), 1);
    server.clear_requests();
    let _ = registry.register("s", "{").unwrap_err();
    assert_eq!(server.requests().len(), 1);
    server.clear_requests();
    server.require_bearer("right");
    let _ = registry.global_level().unwrap_err();
    assert_eq!(server.requests().len(), 1);
}

fn refused_url() -> String {
    // A port that was free a moment ago and has no listener now.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://user:refused-secret@127.0.0.1:{port}/base/")
}

#[test]
fn a_refused_connection_is_unreachable_after_the_retries() {
    let url = refused_url();
    let registry = client(&url).retries(2);
    match registry.versions("s").unwrap_err() {
        RegistryError::Unreachable { url, reason } => {
            assert!(
                url.starts_with("http://127.0.0.1:") && url.ends_with("/base"),
                "{url}"
            );
            assert!(reason.contains("after 3 attempts"), "{reason}");
        }
        other => panic!("expected Unreachable, got {other:?}"),
    }
}

#[test]
fn a_slow_registry_times_out_and_is_retried() {
    let server = Server::start();
    server.delay(Duration::from_secs(3));
    let started = Instant::now();
    let error = client(&server.url())
        .timeout(Duration::from_millis(200))
        .retries(1)
        .versions("s")
        .unwrap_err();
    assert!(
        matches!(&error, RegistryError::Unreachable { reason, .. } if reason.contains("timeout")),
        "{error:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    // The server may see the second request a moment after the client gave up on it.
    let deadline = Instant::now() + Duration::from_secs(2);
    while server.requests().len() < 2 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_deadline_bounds_a_call_and_its_retries() {
    let server = Server::start();
    server.delay(Duration::from_secs(3));
    let started = Instant::now();
    let error = client(&server.url())
        .timeout(Duration::from_secs(2))
        .retries(3)
        .deadline(Duration::from_millis(300))
        .versions("s")
        .unwrap_err();
    let took = started.elapsed();
    assert!(
        matches!(&error, RegistryError::Unreachable { reason, .. }
            if reason.contains("timeout") && reason.contains("deadline of 300ms")),
        "{error:?}"
    );
    // Without the deadline: 4 attempts of 2 s.
    assert!(took < Duration::from_millis(1500), "{took:?}");
}

#[test]
fn a_deadline_leaves_answers_in_time_alone() {
    let server = Server::start();
    server.fail(503, r#"{"error_code":50301,"message":"busy"}"#, Some(2));
    let registry = client(&server.url()).deadline(Duration::from_secs(5));
    assert_eq!(registry.versions("s").unwrap(), Vec::<u32>::new());
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn the_deadline_from_the_environment() {
    let server = Server::start();
    server.delay(Duration::from_secs(3));
    let url = server.url();
    let registry = ConfluentRegistry::from_vars(vars(&[
        ("TIDINGS_REGISTRY_URL", &url),
        ("TIDINGS_REGISTRY_DEADLINE", "250ms"),
    ]))
    .unwrap();
    assert!(format!("{registry:?}").contains("deadline: Some(250ms)"));
    let started = Instant::now();
    assert!(matches!(
        registry.global_level().unwrap_err(),
        RegistryError::Unreachable { .. }
    ));
    assert!(started.elapsed() < Duration::from_millis(1500));
    for bad in ["soon", "0", "-3s"] {
        match ConfluentRegistry::from_vars(vars(&[
            ("TIDINGS_REGISTRY_URL", &url),
            ("TIDINGS_REGISTRY_DEADLINE", bad),
        ])) {
            Err(RegistryError::Config(message)) => {
                assert!(message.contains("TIDINGS_REGISTRY_DEADLINE"), "{message}")
            }
            other => panic!("{bad}: expected a Config error, got {other:?}"),
        }
    }
}

#[test]
fn https_goes_through_rustls() {
    // A TLS handshake with a plain-HTTP server fails; it must fail as Unreachable, not panic
    // or hang, and say why.
    let server = Server::start();
    let url = server.url().replace("http://", "https://");
    let error = client(&url)
        .retries(0)
        .timeout(Duration::from_millis(500))
        .versions("s")
        .unwrap_err();
    assert!(
        matches!(error, RegistryError::Unreachable { .. }),
        "{error:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Authentication and configuration.

#[test]
fn basic_auth_from_the_builder_or_the_url() {
    let server = Server::start();
    server.require_basic("key", "p@ss:word");
    let error = client(&server.url()).versions("s").unwrap_err();
    assert!(
        matches!(&error, RegistryError::Unauthorized { status: 401, message } if message == "Unauthorized"),
        "{error:?}"
    );
    let wrong = client(&server.url()).basic_auth("key", "nope");
    assert!(matches!(
        wrong.versions("s").unwrap_err(),
        RegistryError::Unauthorized { status: 401, .. }
    ));
    let right = client(&server.url()).basic_auth("key", "p@ss:word");
    assert_eq!(right.versions("s").unwrap(), Vec::<u32>::new());
    // In the URL, percent-encoded as user-info must be.
    let in_url = client(&server.url_with_credentials("key", "p%40ss%3Aword"));
    assert_eq!(in_url.versions("s").unwrap(), Vec::<u32>::new());
    assert!(!in_url.url().contains("key"), "{}", in_url.url());
}

#[test]
fn bearer_tokens() {
    let server = Server::start();
    server.require_bearer("t0ken");
    assert!(
        client(&server.url())
            .bearer_token("t0ken")
            .global_level()
            .is_ok()
    );
    assert!(matches!(
        client(&server.url())
            .bearer_token(Secret::new("other"))
            .global_level()
            .unwrap_err(),
        RegistryError::Unauthorized { status: 401, .. }
    ));
}

#[test]
fn forbidden_is_unauthorized_403() {
    let server = Server::start();
    let error = client(&server.url())
        .register("forbidden-subject", SCHEMA)
        .unwrap_err();
    assert!(
        matches!(&error, RegistryError::Unauthorized { status: 403, message } if message.contains("denied")),
        "{error:?}"
    );
}

fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let pairs: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    move |name| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }
}

#[test]
fn configuration_from_the_environment() {
    let server = Server::start();
    server.require_basic("env-user", "env-secret");
    let url = server.url();
    let registry = ConfluentRegistry::from_vars(vars(&[
        ("TIDINGS_REGISTRY_URL", &url),
        ("TIDINGS_REGISTRY_USERNAME", "env-user"),
        ("TIDINGS_REGISTRY_PASSWORD", "env-secret"),
    ]))
    .unwrap();
    assert_eq!(registry.global_level().unwrap(), Level::Backward);
    assert_eq!(registry.url(), url);

    let token_server = Server::start();
    token_server.require_bearer("env-token");
    let registry = ConfluentRegistry::from_vars(vars(&[
        ("TIDINGS_REGISTRY_URL", &token_server.url()),
        ("TIDINGS_REGISTRY_TOKEN", "env-token"),
        ("TIDINGS_REGISTRY_USERNAME", ""),
    ]))
    .unwrap();
    assert_eq!(registry.global_level().unwrap(), Level::Backward);

    let config_error = |pairs: &[(&str, &str)]| match ConfluentRegistry::from_vars(vars(pairs)) {
        Err(RegistryError::Config(message)) => message,
        other => panic!("expected a Config error, got {other:?}"),
    };
    assert!(config_error(&[]).contains("TIDINGS_REGISTRY_URL is not set"));
    assert!(config_error(&[("TIDINGS_REGISTRY_URL", "  ")]).contains("is not set"));
    assert!(config_error(&[("TIDINGS_REGISTRY_URL", "localhost:8081")]).contains("scheme"));
    assert!(
        config_error(&[
            ("TIDINGS_REGISTRY_URL", "http://h"),
            ("TIDINGS_REGISTRY_USERNAME", "u")
        ])
        .contains("TIDINGS_REGISTRY_PASSWORD is not")
    );
    assert!(
        config_error(&[
            ("TIDINGS_REGISTRY_URL", "http://h"),
            ("TIDINGS_REGISTRY_PASSWORD", "only-a-secret")
        ])
        .contains("TIDINGS_REGISTRY_USERNAME is not")
    );
    assert!(
        config_error(&[
            ("TIDINGS_REGISTRY_URL", "http://h"),
            ("TIDINGS_REGISTRY_TOKEN", "t"),
            ("TIDINGS_REGISTRY_USERNAME", "u"),
            ("TIDINGS_REGISTRY_PASSWORD", "p"),
        ])
        .contains("not both")
    );
    assert!(
        config_error(&[
            ("TIDINGS_REGISTRY_URL", "http://h"),
            ("TIDINGS_REGISTRY_CA_FILE", "/nonexistent/ca.pem"),
        ])
        .contains("/nonexistent/ca.pem")
    );
}

#[test]
fn custom_ca_certificates_must_be_pem() {
    let registry = ConfluentRegistry::new("https://registry.example").unwrap();
    let error = registry
        .root_certificates_pem(b"not a certificate")
        .unwrap_err();
    assert!(matches!(error, RegistryError::Config(m) if m.contains("no PEM certificate")));
}

// ---------------------------------------------------------------------------------------------
// Secrets never show.

struct Capture(Mutex<Vec<String>>);

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }
    fn log(&self, record: &log::Record<'_>) {
        let line = format!("{} {}: {}", record.level(), record.target(), record.args());
        self.0.lock().unwrap().push(line);
    }
    fn flush(&self) {}
}

/// Every log line of this test binary, from tidings and from the HTTP and TLS stacks.
fn captured_logs() -> &'static Capture {
    static CAPTURE: OnceLock<&'static Capture> = OnceLock::new();
    CAPTURE.get_or_init(|| {
        let capture: &'static Capture = Box::leak(Box::new(Capture(Mutex::new(Vec::new()))));
        log::set_logger(capture).expect("the only logger");
        log::set_max_level(log::LevelFilter::Trace);
        capture
    })
}

#[test]
fn secrets_appear_in_no_debug_error_or_log() {
    const PASSWORD: &str = "hunter2-do-not-print";
    const TOKEN: &str = "bearer-do-not-print";
    let encoded = server::base64(format!("user:{PASSWORD}").as_bytes());
    let logs = captured_logs();
    let server = Server::start();
    server.require_basic("user", PASSWORD);
    let mut shown = Vec::new();

    // Debug of clients, whichever way the secret came in.
    let from_url = client(&server.url_with_credentials("user", PASSWORD)).retries(1);
    let from_builder = client(&server.url()).basic_auth("user", PASSWORD);
    let bearer = client(&server.url()).bearer_token(TOKEN);
    let from_env = ConfluentRegistry::from_vars(vars(&[
        ("TIDINGS_REGISTRY_URL", &server.url()),
        ("TIDINGS_REGISTRY_USERNAME", "user"),
        ("TIDINGS_REGISTRY_PASSWORD", PASSWORD),
    ]))
    .unwrap();
    for registry in [&from_url, &from_builder, &bearer, &from_env] {
        shown.push(format!("{registry:?}"));
        shown.push(format!("{registry:#?}"));
        shown.push(registry.url().to_owned());
    }
    shown.push(format!("{:?}", Secret::new(PASSWORD)));

    // Successful calls (logged at debug), then errors of every kind, Debug and Display.
    from_url.register("s", SCHEMA).unwrap();
    let mut errors = vec![
        from_url.version("s", 9).unwrap_err(),
        bearer.versions("s").unwrap_err(),
        client(&refused_url().replace("refused-secret", PASSWORD))
            .retries(1)
            .versions("s")
            .unwrap_err(),
    ];
    server.fail(503, "unavailable", None);
    errors.push(from_url.versions("s").unwrap_err());
    for error in [
        "http://user:PASSWORD@",
        "ftp://user:PASSWORD@h",
        "user:PASSWORD@h:1",
    ] {
        errors.push(ConfluentRegistry::new(&error.replace("PASSWORD", PASSWORD)).unwrap_err());
    }
    for error in &errors {
        shown.push(format!("{error:?}"));
        shown.push(error.to_string());
    }
    shown.extend(logs.0.lock().unwrap().iter().cloned());
    assert!(
        shown.iter().any(|line| line.contains("retry 1 of 1")),
        "the retry warning was logged"
    );
    for line in &shown {
        for secret in [PASSWORD, TOKEN, encoded.as_str()] {
            assert!(!line.contains(secret), "a secret shows in: {line}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Subject name strategies, and the Registry trait with a derived event.

/// An order was placed.
#[derive(Event, Debug)]
#[event(type = "order.placed", version = 2, source = "tests")]
#[avro(namespace = "com.acme.orders")]
pub struct OrderPlaced {
    pub order_id: String,
    pub note: Option<String>,
}

#[test]
fn subject_name_strategies() {
    let full = OrderPlaced::AVRO_NAME;
    let topic = |key| SubjectNameStrategy::Topic {
        topic: "orders".into(),
        key,
    };
    assert_eq!(topic(false).subject_for::<OrderPlaced>(), "orders-value");
    assert_eq!(topic(true).subject_for::<OrderPlaced>(), "orders-key");
    assert_eq!(
        SubjectNameStrategy::Record.subject_for::<OrderPlaced>(),
        "com.acme.orders.v2.OrderPlaced"
    );
    assert_eq!(
        SubjectNameStrategy::TopicRecord {
            topic: "orders".into()
        }
        .subject(full),
        "orders-com.acme.orders.v2.OrderPlaced"
    );
}

#[test]
fn a_derived_event_registers_through_the_trait() {
    let server = Server::start();
    let registry: Box<dyn Registry> = Box::new(client(&server.url()));
    let subject = SubjectNameStrategy::Record.subject_for::<OrderPlaced>();
    let schema = tidings::avsc::<OrderPlaced>();
    let registered = registry.register(&subject, &schema).unwrap();
    assert_eq!((registered.version, registered.id), (1, Some(1)));
    assert!(suite::same_schema(&registered.schema, &schema));
    assert_eq!(registry.history(&subject).unwrap(), vec![registered]);
    assert_eq!(registry.level(&subject).unwrap(), Level::Backward);
    // Subjects with characters that need escaping stay one path segment.
    let odd = ":.ctx:orders/v2 value";
    assert_eq!(registry.register(odd, &schema).unwrap().subject, odd);
    assert!(
        server
            .requests()
            .iter()
            .any(|r| r == "POST /subjects/%3A.ctx%3Aorders%2Fv2%20value/versions"),
        "{:?}",
        server.requests()
    );
}
