//! One HTTP exchange with the registry: the request with its headers, the timeout, retries
//! with exponential backoff on connection errors and 5xx answers (never on 4xx), and Confluent's
//! error body `{"error_code": 40401, "message": "..."}` taken apart.
//!
//! The transport is `ureq` with rustls rather than `schema_registry_converter`'s blocking
//! module: that module is `reqwest::blocking`, which runs a tokio runtime on a background
//! thread and brings hyper, tower and (for rustls) aws-lc-sys into every build; and it folds the
//! HTTP status into a message string, while the errors here key on the status (a 409 is an
//! incompatible schema whatever its body code says). ureq is a small blocking client with
//! rustls built in, which suits `build.rs` and a command-line tool.

use super::config::Auth;
use crate::registry::RegistryError;
use serde_json::Value;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};
use ureq::tls::{Certificate, RootCerts, TlsConfig};

/// Confluent's content type, which the registry accepts and answers with.
const CONTENT_TYPE: &str = "application/vnd.schemaregistry.v1+json";
const ACCEPT: &str = "application/vnd.schemaregistry.v1+json, \
                      application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

/// The request methods the registry's API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// A non-2xx answer: the HTTP status and Confluent's error body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub(crate) status: u16,
    /// `error_code`, when the body is Confluent's error JSON.
    pub(crate) code: Option<u32>,
    /// `message`, or the start of a body that was not Confluent's error JSON.
    pub(crate) message: String,
}

/// Why a call did not return a 2xx body.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The registry answered with an error status.
    Api(ApiError),
    /// The registry was not reached, or its answer was not JSON.
    Transport(RegistryError),
}

/// The client's settings and its connection pool.
#[derive(Clone)]
pub(crate) struct Transport {
    /// `scheme://host[:port][/path]`, never with credentials.
    pub(crate) base: String,
    pub(crate) auth: Auth,
    pub(crate) timeout: Duration,
    pub(crate) retries: u32,
    pub(crate) backoff: Duration,
    /// The longest one call may take, its retries and their waits included; `None` for no
    /// bound beyond the attempts' own timeouts.
    pub(crate) deadline: Option<Duration>,
    /// CA certificates trusted instead of the bundled Mozilla roots.
    pub(crate) roots: Option<Arc<Vec<Certificate<'static>>>>,
    /// Built on first use, so the builder methods can still change what it depends on.
    agent: OnceLock<ureq::Agent>,
}

impl Transport {
    pub(crate) fn new(base: String) -> Self {
        Transport {
            base,
            auth: Auth::None,
            timeout: Duration::from_secs(10),
            retries: 3,
            backoff: Duration::from_millis(100),
            deadline: None,
            roots: None,
            agent: OnceLock::new(),
        }
    }

    /// Forgets the agent, after a setting it was built from changed.
    pub(crate) fn reset(&mut self) {
        self.agent = OnceLock::new();
    }

    fn agent(&self) -> &ureq::Agent {
        self.agent.get_or_init(|| {
            let mut tls = TlsConfig::builder();
            if let Some(roots) = &self.roots {
                tls = tls.root_certs(RootCerts::Specific(Arc::clone(roots)));
            }
            ureq::Agent::config_builder()
                // Error statuses carry Confluent's error body, which is read below.
                .http_status_as_error(false)
                .timeout_global(Some(self.timeout))
                .user_agent(concat!("tidings/", env!("CARGO_PKG_VERSION")))
                .accept(ACCEPT)
                .tls_config(tls.build())
                .build()
                .new_agent()
        })
    }

    /// `method base+path` with an optional JSON body; the 2xx answer's JSON, after retrying
    /// connection errors and 5xx answers with exponential backoff.
    pub(crate) fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Value, Failure> {
        let url = format!("{}{path}", self.base);
        let body = body.map(Value::to_string);
        let ends = self.deadline.map(|deadline| Instant::now() + deadline);
        let mut attempt = 0;
        loop {
            log::debug!("schema registry: {} {url}", method.as_str());
            // Each attempt gets what is left of the deadline at most.
            let left = ends.map(|ends| ends.saturating_duration_since(Instant::now()));
            let timeout = left.map_or(self.timeout, |left| left.min(self.timeout));
            let outcome = self.send(method, &url, body.as_deref(), timeout);
            let retry = match &outcome {
                Err(error) if transient(error) => Some(error.to_string()),
                Ok((status, _)) if *status >= 500 => Some(format!("HTTP {status}")),
                _ => None,
            };
            let delay = self.backoff.saturating_mul(1 << attempt.min(16));
            // A retry that could not start before the deadline is not tried.
            let in_time = ends.is_none_or(|ends| Instant::now() + delay < ends);
            if let Some(reason) = retry
                && attempt < self.retries
                && in_time
            {
                attempt += 1;
                log::warn!(
                    "schema registry: {} {url} failed ({reason}); retry {attempt} of {} in {delay:?}",
                    method.as_str(),
                    self.retries,
                );
                std::thread::sleep(delay);
                continue;
            }
            return match outcome {
                Err(error) => Err(Failure::Transport(RegistryError::Unreachable {
                    url: self.base.clone(),
                    reason: format!(
                        "{error}{}{}",
                        match attempt {
                            0 => String::new(),
                            _ => format!(" (after {} attempts)", attempt + 1),
                        },
                        match (self.deadline, in_time) {
                            (Some(deadline), false) => {
                                format!("; the deadline of {deadline:?} for one call has passed")
                            }
                            _ => String::new(),
                        }
                    ),
                })),
                Ok((status, text)) if (200..300).contains(&status) => {
                    parse_json(&text).map_err(|reason| {
                        Failure::Transport(RegistryError::Server {
                            status,
                            code: None,
                            message: format!(
                                "{} {path} answered with a body that is not the expected \
                                 JSON ({reason}): {}",
                                method.as_str(),
                                excerpt(&text)
                            ),
                        })
                    })
                }
                Ok((status, text)) => {
                    let mut error = api_error(status, &text);
                    if attempt > 0 {
                        error.message =
                            format!("{} (after {} attempts)", error.message, attempt + 1);
                    }
                    Err(Failure::Api(error))
                }
            };
        }
    }

    fn send(
        &self,
        method: Method,
        url: &str,
        body: Option<&str>,
        timeout: Duration,
    ) -> Result<(u16, String), ureq::Error> {
        let agent = self.agent();
        let auth = self.auth.header();
        let auth = auth.as_deref();
        let response = match method {
            Method::Get => prepare(agent.get(url), auth, timeout).call(),
            Method::Delete => prepare(agent.delete(url), auth, timeout).call(),
            Method::Post => prepare(agent.post(url), auth, timeout)
                .header("Content-Type", CONTENT_TYPE)
                .send(body.unwrap_or("{}")),
            Method::Put => prepare(agent.put(url), auth, timeout)
                .header("Content-Type", CONTENT_TYPE)
                .send(body.unwrap_or("{}")),
        }?;
        let status = response.status().as_u16();
        let text = response.into_body().read_to_string()?;
        Ok((status, text))
    }
}

/// The request with its `Authorization` header and this attempt's timeout.
fn prepare<B>(
    request: ureq::RequestBuilder<B>,
    auth: Option<&str>,
    timeout: Duration,
) -> ureq::RequestBuilder<B> {
    let request = request.config().timeout_global(Some(timeout)).build();
    match auth {
        Some(value) => request.header("Authorization", value),
        None => request,
    }
}

/// Whether trying again may help: the connection failed or stalled, not a TLS, URL or
/// protocol mistake that will fail the same way every time.
fn transient(error: &ureq::Error) -> bool {
    matches!(
        error,
        ureq::Error::Io(_)
            | ureq::Error::Timeout(_)
            | ureq::Error::ConnectionFailed
            | ureq::Error::HostNotFound
            | ureq::Error::BodyStalled
    )
}

fn parse_json(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|error| error.to_string())
}

/// Confluent's error body, or what a proxy answered instead.
fn api_error(status: u16, text: &str) -> ApiError {
    let body = serde_json::from_str::<Value>(text).ok();
    let code = body
        .as_ref()
        .and_then(|body| body.get("error_code"))
        .and_then(super::as_u32);
    let message = body
        .as_ref()
        .and_then(|body| body.get("message"))
        .and_then(Value::as_str)
        .map(str::to_owned)
        .unwrap_or_else(|| excerpt(text));
    ApiError {
        status,
        code,
        message,
    }
}

/// The start of a body, for messages: an HTML error page can be long.
pub(super) fn excerpt(text: &str) -> String {
    const MAX: usize = 200;
    let text = text.trim();
    if text.is_empty() {
        return "(empty body)".to_owned();
    }
    match text.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_are_taken_apart() {
        let error = api_error(
            404,
            r#"{"error_code":40401,"message":"Subject not found."}"#,
        );
        assert_eq!(error.code, Some(40401));
        assert_eq!(error.message, "Subject not found.");
        let error = api_error(502, "<html>Bad Gateway</html>");
        assert_eq!(
            (error.code, error.message.as_str()),
            (None, "<html>Bad Gateway</html>")
        );
        assert_eq!(api_error(500, "").message, "(empty body)");
    }
}
