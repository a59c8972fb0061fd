//! A Confluent Schema Registry over HTTP (feature `confluent`): register schemas, look them up,
//! test compatibility and read or set compatibility levels, blocking, for `build.rs` and
//! command-line tools.
//!
//! ```no_run
//! use tidings::registry::Registry;
//! use tidings::registry::confluent::{Against, ConfluentRegistry, SubjectNameStrategy};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // TIDINGS_REGISTRY_URL, and TIDINGS_REGISTRY_USERNAME + TIDINGS_REGISTRY_PASSWORD or
//! // TIDINGS_REGISTRY_TOKEN.
//! let registry = ConfluentRegistry::from_env()?;
//! let subject = SubjectNameStrategy::Record.subject("com.acme.orders.v2.OrderPlaced");
//! let schema = r#"{"type":"record","name":"OrderPlaced","namespace":"com.acme.orders.v2",
//!                  "fields":[{"name":"order_id","type":"string"}]}"#;
//! let report = registry.test_compatibility(&subject, schema, Against::AllRegistered)?;
//! if report.is_compatible {
//!     let registered = registry.register(&subject, schema)?;
//!     println!("{subject} version {} has ID {:?}", registered.version, registered.id);
//! } else {
//!     eprintln!("{}", report.messages.join("\n"));
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # The registry's traps, handled here
//!
//! - A compatibility test against one version, `latest` included, compares with that version
//!   only on Confluent, even when the subject's level is transitive; Karapace checks every
//!   version then, whatever version was asked for. [`Against::AllRegistered`] runs the check
//!   registration runs on both; [`Against::Latest`] and [`Against::Version`] are there when one
//!   version is what you mean (and the level is not transitive, for the same verdict on both).
//! - Karapace has no all-versions route (`POST /compatibility/subjects/{subject}/versions`) and
//!   answers it with a plain 404: [`Against::AllRegistered`] then checks version by version, and
//!   logs that it did at debug level. A 404 without an error code is never a missing subject.
//! - An incompatible registration is HTTP 409 with body code `409` on older servers and `40901`
//!   on newer ones: [`Registry::register`] keys on the HTTP status and answers
//!   [`RegistryError::Incompatible`] with the registry's message.
//! - `GET /config` answers `compatibilityLevel` while `PUT /config` takes `compatibility`; a
//!   subject without a level of its own answers 40408, which [`ConfluentRegistry::subject_level`]
//!   turns into `None`.
//! - Registering a schema the subject already has returns its existing ID and version; it is
//!   not checked again, and no new version is made.
//!
//! # Errors
//!
//! | The registry answers | [`RegistryError`] |
//! |---|---|
//! | 409 (body code 409 or 40901) on registration | `Incompatible`, with the registry's message |
//! | 422, code 42201 | `InvalidSchema` |
//! | 404, codes 40401 (subject), 40402 (version), 40403 (schema), 40408 (level) | `NotFound`, naming what, or `None`/empty where the method says so |
//! | 404 without an error code (a route the registry lacks) | `Server`, status 404 |
//! | 401, 403 | `Unauthorized` |
//! | 5xx, after the retries | `Server` |
//! | no connection or a timeout, after the retries | `Unreachable` |
//! | anything else | `Server`, with the status and Confluent's error code |
//!
//! Connection errors, timeouts and 5xx answers are retried with exponential backoff (3 retries
//! after 100 ms, 200 ms, 400 ms by default); 4xx answers never are. Every request has a timeout
//! (10 s by default), and [`ConfluentRegistry::deadline`] (or [`DEADLINE_VAR`]) bounds a call
//! with its retries. Credentials are sent as an `Authorization` header and are never part of a
//! URL, a `Debug` output, an error or a log line.

mod config;
mod http;
mod subject;

pub use config::Secret;
pub use subject::SubjectNameStrategy;

use self::config::{Auth, parse_duration, parse_url};
use self::http::{ApiError, Failure, Method, Transport, excerpt};
use crate::compat::Level;
use crate::registry::{Registered, Registry, RegistryError};
use serde_json::{Value, json};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// The environment variable [`ConfluentRegistry::from_env`] reads the registry's URL from.
pub const URL_VAR: &str = "TIDINGS_REGISTRY_URL";
/// The user (or Confluent Cloud API key) for basic authentication.
pub const USERNAME_VAR: &str = "TIDINGS_REGISTRY_USERNAME";
/// The password (or Confluent Cloud API secret) for basic authentication.
pub const PASSWORD_VAR: &str = "TIDINGS_REGISTRY_PASSWORD";
/// A bearer token, instead of a user and password.
pub const TOKEN_VAR: &str = "TIDINGS_REGISTRY_TOKEN";
/// A PEM file of CA certificates to trust instead of the bundled Mozilla roots.
pub const CA_FILE_VAR: &str = "TIDINGS_REGISTRY_CA_FILE";
/// The longest one registry call may take, its retries included ([`ConfluentRegistry::deadline`]):
/// seconds (`30`, `2.5`), or with a unit (`30s`, `500ms`).
pub const DEADLINE_VAR: &str = "TIDINGS_REGISTRY_DEADLINE";

/// Which registered versions [`ConfluentRegistry::test_compatibility`] checks a schema against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Against {
    /// What registration would check: the versions the subject's level names (the latest for
    /// `BACKWARD`, `FORWARD` and `FULL`; every one for the transitive levels).
    /// `POST /compatibility/subjects/{subject}/versions`, or, where the registry has no such
    /// route (Karapace), the same check made of one-version checks.
    AllRegistered,
    /// The latest version only, even under a transitive level on Confluent; every version under
    /// a transitive level on Karapace.
    Latest,
    /// This version only, even under a transitive level on Confluent; every version under a
    /// transitive level on Karapace.
    Version(u32),
}

/// The registry's verdict on a schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompatibilityReport {
    /// Whether the schema passes.
    pub is_compatible: bool,
    /// Why not, as the registry words it (verbose mode); empty when compatible.
    pub messages: Vec<String>,
}

/// A Confluent Schema Registry (or a compatible one: Redpanda, Karapace, Apicurio's
/// Confluent API) over HTTP or HTTPS.
///
/// Built with [`new`](Self::new) and the builder methods, or from the environment with
/// [`from_env`](Self::from_env). Cheap to clone; clones share the connection pool.
#[derive(Clone)]
pub struct ConfluentRegistry {
    http: Transport,
}

impl fmt::Debug for ConfluentRegistry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfluentRegistry")
            .field("url", &self.http.base)
            .field("auth", &self.http.auth)
            .field("timeout", &self.http.timeout)
            .field("retries", &self.http.retries)
            .field("backoff", &self.http.backoff)
            .field("deadline", &self.http.deadline)
            .field("custom_ca", &self.http.roots.is_some())
            .finish()
    }
}

impl ConfluentRegistry {
    /// A client for the registry at `url` (`http://localhost:8081`, or with a path prefix).
    /// Credentials in the URL (`https://key:secret@host`) become basic authentication and are
    /// removed from the URL.
    pub fn new(url: &str) -> Result<Self, RegistryError> {
        let parsed = parse_url(url)?;
        let mut http = Transport::new(parsed.base);
        if let Some((username, password)) = parsed.credentials {
            http.auth = Auth::Basic { username, password };
        }
        Ok(ConfluentRegistry { http })
    }

    /// A client configured by the environment: [`URL_VAR`], then [`USERNAME_VAR`] and
    /// [`PASSWORD_VAR`] for basic authentication or [`TOKEN_VAR`] for a bearer token, and
    /// [`CA_FILE_VAR`] for a private CA. Empty variables count as unset.
    pub fn from_env() -> Result<Self, RegistryError> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// [`from_env`](Self::from_env) for the registry at `url`, whatever [`URL_VAR`] holds: the
    /// credentials and CA still come from the environment.
    pub fn from_env_at(url: &str) -> Result<Self, RegistryError> {
        Self::from_vars(|name| match name {
            URL_VAR => Some(url.to_owned()),
            _ => std::env::var(name).ok(),
        })
    }

    /// [`from_env`](Self::from_env), reading the variables through `lookup`; [`DEADLINE_VAR`]
    /// sets [`deadline`](Self::deadline).
    pub fn from_vars(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, RegistryError> {
        let var = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
        let url = var(URL_VAR).ok_or_else(|| {
            RegistryError::Config(format!(
                "{URL_VAR} is not set: set it to the schema registry's URL, such as \
                 http://localhost:8081"
            ))
        })?;
        let mut registry = Self::new(&url)?;
        match (var(USERNAME_VAR), var(PASSWORD_VAR), var(TOKEN_VAR)) {
            (None, None, None) => {}
            (Some(username), Some(password), None) => {
                registry = registry.basic_auth(username, password);
            }
            (None, None, Some(token)) => registry = registry.bearer_token(token),
            (_, _, Some(_)) => {
                return Err(RegistryError::Config(format!(
                    "set {TOKEN_VAR}, or {USERNAME_VAR} and {PASSWORD_VAR}, not both"
                )));
            }
            (Some(_), None, None) => {
                return Err(RegistryError::Config(format!(
                    "{USERNAME_VAR} is set but {PASSWORD_VAR} is not"
                )));
            }
            (None, Some(_), None) => {
                return Err(RegistryError::Config(format!(
                    "{PASSWORD_VAR} is set but {USERNAME_VAR} is not"
                )));
            }
        }
        if let Some(path) = var(CA_FILE_VAR) {
            let pem = std::fs::read(&path).map_err(|error| {
                RegistryError::Config(format!("cannot read the CA certificates {path}: {error}"))
            })?;
            registry = registry.with_root_certificates(&pem, &path)?;
        }
        if let Some(text) = var(DEADLINE_VAR) {
            registry = registry.deadline(parse_duration(&text).ok_or_else(|| {
                RegistryError::Config(format!(
                    "{DEADLINE_VAR} is `{text}`: give seconds (`30`, `2.5`) or a duration with \
                     a unit (`30s`, `500ms`)"
                ))
            })?);
        }
        Ok(registry)
    }

    /// Authenticates with HTTP basic: a user and password, or a Confluent Cloud API key and
    /// secret.
    pub fn basic_auth(mut self, username: impl Into<String>, password: impl Into<Secret>) -> Self {
        self.http.auth = Auth::Basic {
            username: username.into(),
            password: password.into(),
        };
        self
    }

    /// Authenticates with `Authorization: Bearer {token}`.
    pub fn bearer_token(mut self, token: impl Into<Secret>) -> Self {
        self.http.auth = Auth::Bearer(token.into());
        self
    }

    /// The longest one request may take, connecting and reading the answer included; 10 s by
    /// default.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.http.timeout = timeout;
        self.http.reset();
        self
    }

    /// How many times a request that failed to connect, timed out or got a 5xx answer is
    /// tried again; 3 by default, 0 for none.
    pub fn retries(mut self, retries: u32) -> Self {
        self.http.retries = retries;
        self
    }

    /// The wait before the first retry, doubled before each further one; 100 ms by default.
    pub fn backoff(mut self, first_delay: Duration) -> Self {
        self.http.backoff = first_delay;
        self
    }

    /// The longest one call may take, its retries and the waits between them included: an
    /// attempt gets what is left of it at most, and a retry that cannot start in time is not
    /// made. By default there is none, and a registry that never answers holds a call for
    /// every attempt's [`timeout`](Self::timeout) plus the backoff (41 s with the defaults).
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.http.deadline = Some(deadline);
        self
    }

    /// Trusts the CA certificates in `pem` (one or more PEM blocks) instead of the bundled
    /// Mozilla roots, for a registry behind a private CA.
    pub fn root_certificates_pem(self, pem: &[u8]) -> Result<Self, RegistryError> {
        self.with_root_certificates(pem, "(PEM text)")
    }

    fn with_root_certificates(
        mut self,
        pem: &[u8],
        source_name: &str,
    ) -> Result<Self, RegistryError> {
        let invalid = |reason: String| {
            RegistryError::Config(format!("CA certificates {source_name}: {reason}"))
        };
        let mut certificates = Vec::new();
        for item in ureq::tls::parse_pem(pem) {
            if let ureq::tls::PemItem::Certificate(certificate) =
                item.map_err(|error| invalid(error.to_string()))?
            {
                certificates.push(certificate);
            }
        }
        if certificates.is_empty() {
            return Err(invalid("no PEM certificate found".to_owned()));
        }
        self.http.roots = Some(Arc::new(certificates));
        self.http.reset();
        Ok(self)
    }

    /// The registry's base URL, without credentials.
    pub fn url(&self) -> &str {
        &self.http.base
    }

    /// The version of `subject` that holds `schema`, if it has one (`POST /subjects/{subject}`).
    /// Nothing is registered.
    pub fn schema_id(
        &self,
        subject: &str,
        schema: &str,
    ) -> Result<Option<Registered>, RegistryError> {
        let body = json!({ "schema": schema });
        match self
            .http
            .call(Method::Post, &subject_path(subject), Some(&body))
        {
            Ok(answer) => registered(subject, &answer).map(Some),
            Err(Failure::Api(ApiError {
                code: Some(40401 | 40403),
                ..
            })) => Ok(None),
            Err(failure) => Err(self.error(failure, Target::Subject(subject))),
        }
    }

    /// The schema with registry-wide ID `id`, as JSON text (`GET /schemas/ids/{id}`).
    pub fn schema_by_id(&self, id: u32) -> Result<String, RegistryError> {
        let answer = self
            .http
            .call(Method::Get, &format!("/schemas/ids/{id}"), None)
            .map_err(|failure| self.error(failure, Target::SchemaId(id)))?;
        string_field(&answer, "schema").map(str::to_owned)
    }

    /// The schema with GUID `guid`, as JSON text (`GET /schemas/guids/{guid}`; Confluent
    /// Platform 8, whose serializers can put the GUID in a record header instead of the ID).
    pub fn schema_by_guid(&self, guid: &str) -> Result<String, RegistryError> {
        let path = format!("/schemas/guids/{}", segment(guid));
        let answer = self
            .http
            .call(Method::Get, &path, None)
            .map_err(|failure| self.error(failure, Target::SchemaGuid(guid)))?;
        string_field(&answer, "schema").map(str::to_owned)
    }

    /// The GUID of `schema` in `subject`, if the subject holds it and the registry assigns
    /// GUIDs (Confluent Platform 8 does; older registries answer without one): the `guid` of
    /// the lookup `POST /subjects/{subject}`. Nothing is registered.
    pub fn schema_guid(
        &self,
        subject: &str,
        schema: &str,
    ) -> Result<Option<String>, RegistryError> {
        let body = json!({ "schema": schema });
        match self
            .http
            .call(Method::Post, &subject_path(subject), Some(&body))
        {
            Ok(answer) => Ok(answer
                .get("guid")
                .and_then(Value::as_str)
                .map(str::to_owned)),
            Err(Failure::Api(ApiError {
                code: Some(40401 | 40403),
                ..
            })) => Ok(None),
            Err(failure) => Err(self.error(failure, Target::Subject(subject))),
        }
    }

    /// The versions of `subject`, oldest first; empty when the subject is unknown
    /// (`GET /subjects/{subject}/versions`).
    pub fn versions(&self, subject: &str) -> Result<Vec<u32>, RegistryError> {
        let path = format!("{}/versions", subject_path(subject));
        match self.http.call(Method::Get, &path, None) {
            Ok(answer) => version_list(&answer),
            Err(Failure::Api(ApiError {
                code: Some(40401), ..
            })) => Ok(Vec::new()),
            Err(failure) => Err(self.error(failure, Target::Subject(subject))),
        }
    }

    /// Version `version` of `subject` (`GET /subjects/{subject}/versions/{version}`).
    pub fn version(&self, subject: &str, version: u32) -> Result<Registered, RegistryError> {
        let path = format!("{}/versions/{version}", subject_path(subject));
        let answer = self
            .http
            .call(Method::Get, &path, None)
            .map_err(|failure| self.error(failure, Target::Version(subject, version)))?;
        registered(subject, &answer)
    }

    /// The latest version of `subject`, if it has any
    /// (`GET /subjects/{subject}/versions/latest`).
    pub fn latest(&self, subject: &str) -> Result<Option<Registered>, RegistryError> {
        let path = format!("{}/versions/latest", subject_path(subject));
        match self.http.call(Method::Get, &path, None) {
            Ok(answer) => registered(subject, &answer).map(Some),
            Err(Failure::Api(ApiError {
                code: Some(40401 | 40402),
                ..
            })) => Ok(None),
            Err(failure) => Err(self.error(failure, Target::Latest(subject))),
        }
    }

    /// Asks the registry whether `schema` is compatible with the versions of `subject` that
    /// `against` names, at the subject's level, with the registry's reasons when it is not
    /// (`POST /compatibility/subjects/{subject}/versions[/{version}]?verbose=true`). A subject
    /// with no versions accepts any schema under [`Against::AllRegistered`], and is
    /// [`RegistryError::NotFound`], naming the subject and the version, under the others.
    pub fn test_compatibility(
        &self,
        subject: &str,
        schema: &str,
        against: Against,
    ) -> Result<CompatibilityReport, RegistryError> {
        let (versions, target) = match against {
            Against::AllRegistered => (String::new(), Target::Subject(subject)),
            Against::Latest => ("/latest".to_owned(), Target::Latest(subject)),
            Against::Version(version) => (format!("/{version}"), Target::Version(subject, version)),
        };
        let path = format!(
            "/compatibility{}/versions{versions}?verbose=true",
            subject_path(subject)
        );
        let answer = match self
            .http
            .call(Method::Post, &path, Some(&json!({ "schema": schema })))
        {
            Ok(answer) => answer,
            // A 404 without Confluent's error code is the route missing, not the subject:
            // Karapace has no all-versions route (its routes, `src/karapace/api/routers/
            // compatibility.py`, are `/compatibility/subjects/{subject}/versions/{version}`
            // only) and answers its web framework's plain 404.
            Err(Failure::Api(ApiError {
                status: 404,
                code: None,
                ..
            })) if against == Against::AllRegistered => {
                return self.compatibility_version_by_version(subject, schema);
            }
            Err(failure) => return Err(self.error(failure, target)),
        };
        compatibility_report(&answer)
    }

    /// [`Against::AllRegistered`] for a registry without its route: the check registration
    /// runs, made of one-version checks: against every version under a transitive level, the
    /// latest otherwise (Confluent's documentation of transitive levels; what Karapace's
    /// `check_schema_compatibility` does on registration).
    fn compatibility_version_by_version(
        &self,
        subject: &str,
        schema: &str,
    ) -> Result<CompatibilityReport, RegistryError> {
        let versions = self.versions(subject)?;
        let Some((latest, _)) = versions.split_last() else {
            log::debug!(
                "schema registry: {} has no POST /compatibility/subjects/{{subject}}/versions \
                 (HTTP 404 without an error code); `{subject}` has no versions to check against",
                self.http.base
            );
            return Ok(CompatibilityReport {
                is_compatible: true,
                messages: Vec::new(),
            });
        };
        let level = self.level(subject)?;
        let against = match level.is_transitive() {
            true => versions.as_slice(),
            false => std::slice::from_ref(latest),
        };
        log::debug!(
            "schema registry: {} has no POST /compatibility/subjects/{{subject}}/versions \
             (HTTP 404 without an error code); checking `{subject}` at {level} version by \
             version, against {against:?}",
            self.http.base
        );
        let mut merged = CompatibilityReport {
            is_compatible: true,
            messages: Vec::new(),
        };
        for &version in against {
            let report = self.test_compatibility(subject, schema, Against::Version(version))?;
            merged.is_compatible &= report.is_compatible;
            // Karapace answers every version's check under a transitive level with the same
            // messages, all versions' at once: keep each once.
            for message in report.messages {
                if !merged.messages.contains(&message) {
                    merged.messages.push(message);
                }
            }
        }
        Ok(merged)
    }

    /// The level set on `subject` itself, `None` when it follows the global level
    /// (`GET /config/{subject}?defaultToGlobal=false`).
    pub fn subject_level(&self, subject: &str) -> Result<Option<Level>, RegistryError> {
        let path = format!("/config/{}?defaultToGlobal=false", segment(subject));
        match self.http.call(Method::Get, &path, None) {
            Ok(answer) => level_field(&answer).map(Some),
            // 40408: no level of its own; 40401: older servers, for the same.
            Err(Failure::Api(ApiError {
                code: Some(40408 | 40401),
                ..
            })) => Ok(None),
            Err(failure) => Err(self.error(failure, Target::Config(Some(subject)))),
        }
    }

    /// The registry's global level (`GET /config`).
    pub fn global_level(&self) -> Result<Level, RegistryError> {
        let answer = self
            .http
            .call(Method::Get, "/config", None)
            .map_err(|failure| self.error(failure, Target::Config(None)))?;
        level_field(&answer)
    }

    /// Sets the level of `subject` (`PUT /config/{subject}`).
    pub fn set_level(&self, subject: &str, level: Level) -> Result<(), RegistryError> {
        let path = format!("/config/{}", segment(subject));
        self.put_level(&path, level, Target::Config(Some(subject)))
    }

    /// Sets the registry's global level (`PUT /config`), which every subject without a level of
    /// its own follows.
    pub fn set_global_level(&self, level: Level) -> Result<(), RegistryError> {
        self.put_level("/config", level, Target::Config(None))
    }

    fn put_level(&self, path: &str, level: Level, target: Target<'_>) -> Result<(), RegistryError> {
        let body = json!({ "compatibility": level.as_str() });
        let answer = self
            .http
            .call(Method::Put, path, Some(&body))
            .map_err(|failure| self.error(failure, target))?;
        let set = level_field(&answer)?;
        if set != level {
            return Err(unexpected(&answer, &format!("level {level}")));
        }
        Ok(())
    }

    /// Deletes `subject` and returns the versions it had (`DELETE /subjects/{subject}`). A soft
    /// delete hides the versions and keeps their IDs resolvable; `permanent` then removes them
    /// for good (`?permanent=true`).
    pub fn delete_subject(
        &self,
        subject: &str,
        permanent: bool,
    ) -> Result<Vec<u32>, RegistryError> {
        let path = subject_path(subject);
        let soft = match self.http.call(Method::Delete, &path, None) {
            Ok(answer) => Some(version_list(&answer)?),
            // 40404: already soft-deleted, which a permanent delete needs anyway.
            Err(Failure::Api(ApiError {
                code: Some(40404), ..
            })) if permanent => None,
            Err(failure) => return Err(self.error(failure, Target::Subject(subject))),
        };
        if !permanent {
            return Ok(soft.unwrap_or_default());
        }
        let answer = self
            .http
            .call(Method::Delete, &format!("{path}?permanent=true"), None)
            .map_err(|failure| self.error(failure, Target::Subject(subject)))?;
        version_list(&answer)
    }

    /// The error for a failed call about `target`.
    fn error(&self, failure: Failure, target: Target<'_>) -> RegistryError {
        let ApiError {
            status,
            code,
            message,
        } = match failure {
            Failure::Transport(error) => return error,
            Failure::Api(error) => error,
        };
        let not_found = |what: String| {
            let code =
                code.map_or_else(|| format!("HTTP {status}"), |code| format!("error {code}"));
            RegistryError::NotFound(format!(
                "{what} at {} (the registry says: {message}; {code})",
                self.http.base
            ))
        };
        match (status, code) {
            (401 | 403, _) => RegistryError::Unauthorized { status, message },
            (_, Some(40401)) => not_found(match (target, target.subject()) {
                (Target::Version(..) | Target::Latest(_), _) => target.to_string(),
                (_, Some(subject)) => format!("subject `{subject}`"),
                (_, None) => "the subject".to_owned(),
            }),
            // Karapace answers 40402 `Version -1 not found.` for `latest` of an unknown subject
            // (its `get_old_schema` reads `latest` as -1): the target says what was asked.
            (_, Some(40402 | 42202)) => not_found(match target {
                Target::Version(..) | Target::Latest(_) => target.to_string(),
                _ => "the version".to_owned(),
            }),
            (_, Some(40403)) => not_found(match target {
                Target::SchemaId(id) => format!("schema ID {id}"),
                Target::SchemaGuid(guid) => format!("schema GUID {guid}"),
                _ => "the schema".to_owned(),
            }),
            (_, Some(40408)) => not_found(format!(
                "a compatibility level of subject `{}`",
                target.subject().unwrap_or_default()
            )),
            // A 404 without Confluent's error code comes from the web server, not the registry's
            // store: a route this registry does not have, never a missing subject.
            (404, None) => RegistryError::Server {
                status,
                code,
                message: format!(
                    "{message} (a 404 without an error code: {} has no such route for {target})",
                    self.http.base
                ),
            },
            (404, Some(_)) => not_found(target.to_string()),
            (422, Some(42201) | None) => RegistryError::InvalidSchema {
                subject: target.subject().unwrap_or_default().to_owned(),
                message,
            },
            _ => RegistryError::Server {
                status,
                code,
                message,
            },
        }
    }
}

impl Registry for ConfluentRegistry {
    /// Every version of `subject`, oldest first, each read with its ID and schema.
    fn history(&self, subject: &str) -> Result<Vec<Registered>, RegistryError> {
        self.versions(subject)?
            .into_iter()
            .map(|version| self.version(subject, version))
            .collect()
    }

    /// Registers `schema` under `subject` (`POST /subjects/{subject}/versions`); the registry
    /// checks it at the subject's level. A schema the subject already has returns its version
    /// and ID unchanged. An incompatible schema (HTTP 409) is
    /// [`RegistryError::Incompatible`] with the registry's message and the subject's level.
    fn register(&self, subject: &str, schema: &str) -> Result<Registered, RegistryError> {
        let path = format!("{}/versions", subject_path(subject));
        let body = json!({ "schema": schema });
        match self.http.call(Method::Post, &path, Some(&body)) {
            Ok(answer) => {
                let id = answer
                    .get("id")
                    .and_then(as_u32)
                    .ok_or_else(|| unexpected(&answer, "a schema `id`"))?;
                // The answer holds the ID only (newer servers add more, older ones do not):
                // the lookup gives the version and the schema as the registry stored it.
                let mut registered = self.schema_id(subject, schema)?.ok_or_else(|| {
                    RegistryError::NotFound(format!(
                        "subject `{subject}` at {} answered schema ID {id} on registration, \
                         but the lookup that followed did not find the schema",
                        self.http.base
                    ))
                })?;
                registered.id = Some(id);
                Ok(registered)
            }
            // Keyed on the status: the body's code is 409 on older servers, 40901 on newer.
            Err(Failure::Api(ApiError {
                status: 409,
                message,
                ..
            })) => {
                let mut messages = vec![message];
                let level = self.level(subject).unwrap_or_else(|error| {
                    messages.push(format!(
                        "(the subject's level could not be read: {error}; BACKWARD is the \
                         registry's default)"
                    ));
                    Level::Backward
                });
                Err(RegistryError::Incompatible {
                    subject: subject.to_owned(),
                    level,
                    violations: Vec::new(),
                    messages,
                })
            }
            Err(failure) => Err(self.error(failure, Target::Subject(subject))),
        }
    }

    /// The subject's own level, else the global one.
    fn level(&self, subject: &str) -> Result<Level, RegistryError> {
        match self.subject_level(subject)? {
            Some(level) => Ok(level),
            None => self.global_level(),
        }
    }
}

/// What a call was about, for the error it may become.
#[derive(Clone, Copy, Debug)]
enum Target<'a> {
    Subject(&'a str),
    Version(&'a str, u32),
    Latest(&'a str),
    SchemaId(u32),
    SchemaGuid(&'a str),
    Config(Option<&'a str>),
}

impl Target<'_> {
    fn subject(&self) -> Option<&str> {
        match *self {
            Target::Subject(subject)
            | Target::Version(subject, _)
            | Target::Latest(subject)
            | Target::Config(Some(subject)) => Some(subject),
            Target::SchemaId(_) | Target::SchemaGuid(_) | Target::Config(None) => None,
        }
    }
}

impl fmt::Display for Target<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Subject(subject) => write!(f, "subject `{subject}`"),
            Target::Version(subject, version) => {
                write!(f, "version {version} of subject `{subject}`")
            }
            Target::Latest(subject) => write!(f, "version latest of subject `{subject}`"),
            Target::SchemaId(id) => write!(f, "schema ID {id}"),
            Target::SchemaGuid(guid) => write!(f, "schema GUID {guid}"),
            Target::Config(Some(subject)) => write!(f, "the configuration of subject `{subject}`"),
            Target::Config(None) => f.write_str("the global configuration"),
        }
    }
}

/// `{"is_compatible": bool, "messages": [...]}`, the messages as text.
fn compatibility_report(answer: &Value) -> Result<CompatibilityReport, RegistryError> {
    let is_compatible = answer
        .get("is_compatible")
        .and_then(Value::as_bool)
        .ok_or_else(|| unexpected(answer, "`is_compatible`"))?;
    let messages = match answer.get("messages") {
        Some(Value::Array(messages)) => messages
            .iter()
            .map(|message| match message {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            })
            .collect(),
        _ => Vec::new(),
    };
    Ok(CompatibilityReport {
        is_compatible,
        messages,
    })
}

/// `/subjects/{subject}`, the subject escaped as one path segment.
fn subject_path(subject: &str) -> String {
    format!("/subjects/{}", segment(subject))
}

/// Escapes everything but RFC 3986's unreserved characters, so a subject with `/`, `:` or a
/// space stays one path segment.
fn segment(text: &str) -> String {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    utf8_percent_encode(text, SEGMENT).to_string()
}

/// `{"subject", "version", "id", "schema"}`, as lookups and version reads answer.
fn registered(subject: &str, answer: &Value) -> Result<Registered, RegistryError> {
    let number = |key: &str| answer.get(key).and_then(as_u32);
    Ok(Registered {
        subject: answer
            .get("subject")
            .and_then(Value::as_str)
            .unwrap_or(subject)
            .to_owned(),
        version: number("version").ok_or_else(|| unexpected(answer, "a `version`"))?,
        id: number("id"),
        schema: string_field(answer, "schema")?.to_owned(),
    })
}

fn version_list(answer: &Value) -> Result<Vec<u32>, RegistryError> {
    answer
        .as_array()
        .and_then(|versions| versions.iter().map(as_u32).collect())
        .ok_or_else(|| unexpected(answer, "a list of versions"))
}

fn string_field<'a>(answer: &'a Value, key: &str) -> Result<&'a str, RegistryError> {
    answer
        .get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| unexpected(answer, &format!("`{key}`")))
}

/// `GET /config` answers `compatibilityLevel`; `PUT /config` answers `compatibility`.
fn level_field(answer: &Value) -> Result<Level, RegistryError> {
    let text = answer
        .get("compatibilityLevel")
        .or_else(|| answer.get("compatibility"))
        .and_then(Value::as_str)
        .ok_or_else(|| unexpected(answer, "`compatibilityLevel`"))?;
    text.parse().map_err(|error| RegistryError::Server {
        status: 200,
        code: None,
        message: format!("{error}"),
    })
}

/// A 2xx answer without what it should hold.
fn unexpected(answer: &Value, wanted: &str) -> RegistryError {
    RegistryError::Server {
        status: 200,
        code: None,
        message: format!(
            "expected {wanted} in the registry's answer, got {}",
            excerpt(&answer.to_string())
        ),
    }
}

/// A JSON number that fits a `u32`: versions, IDs and error codes.
fn as_u32(value: &Value) -> Option<u32> {
    value.as_u64().and_then(|n| u32::try_from(n).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_without_its_field_is_quoted_in_part() {
        let RegistryError::Server { message, .. } =
            unexpected(&json!({ "note": "é".repeat(500) }), "a `version`")
        else {
            panic!("a server error");
        };
        let quoted = message
            .strip_prefix("expected a `version` in the registry's answer, got {\"note\":\"é")
            .unwrap_or_else(|| panic!("{message}"));
        assert!(quoted.ends_with('…'), "{message}");
        assert_eq!(quoted.chars().count(), 200 - 10 + 1);
    }

    #[test]
    fn subjects_are_one_path_segment() {
        assert_eq!(subject_path("orders-value"), "/subjects/orders-value");
        assert_eq!(subject_path(":.ctx:a/b c"), "/subjects/%3A.ctx%3Aa%2Fb%20c");
    }

    #[test]
    fn debug_shows_no_secret() {
        let registry = ConfluentRegistry::new("https://key:hunter2@registry.example/")
            .unwrap()
            .retries(0);
        let shown = format!("{registry:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("https://registry.example"), "{shown}");
        let shown = format!("{:?}", registry.bearer_token("t0ken-value"));
        assert!(!shown.contains("t0ken-value"), "{shown}");
    }
}
