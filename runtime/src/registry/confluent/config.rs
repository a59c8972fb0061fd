//! Where the registry is and who we are to it: the base URL with any credentials split off, the
//! credentials themselves, and the errors a bad configuration gives.

use crate::registry::RegistryError;
use std::fmt;
use std::time::Duration;

/// A credential (a password or a token). Its `Debug` prints `***` and it has no `Display`, so a
/// client, an error or a log line that formats one never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The credential itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

/// How requests authenticate.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) enum Auth {
    /// No `Authorization` header.
    #[default]
    None,
    /// HTTP basic: Confluent Cloud's API key and secret, or a user and password.
    Basic { username: String, password: Secret },
    /// `Authorization: Bearer {token}` (OAuth).
    Bearer(Secret),
}

impl Auth {
    /// The `Authorization` header's value.
    pub(crate) fn header(&self) -> Option<String> {
        use base64::Engine as _;
        match self {
            Auth::None => None,
            Auth::Basic { username, password } => {
                let pair = format!("{username}:{}", password.expose());
                Some(format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(pair)
                ))
            }
            Auth::Bearer(token) => Some(format!("Bearer {}", token.expose())),
        }
    }
}

/// A registry URL taken apart: the base every request path is appended to, and the
/// credentials that were written into it (`https://user:password@host`).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct ParsedUrl {
    /// `scheme://host[:port][/path]`, without credentials or a trailing `/`.
    pub(crate) base: String,
    /// The user and password of the URL's user-info, percent-decoded.
    pub(crate) credentials: Option<(String, Secret)>,
}

/// Splits the credentials off a registry URL and checks what is left.
pub(crate) fn parse_url(url: &str) -> Result<ParsedUrl, RegistryError> {
    let invalid = |reason: &str| {
        RegistryError::Config(format!(
            "`{}` is not a schema registry URL: {reason}",
            redact_url(url)
        ))
    };
    let url = url.trim();
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(invalid("it needs a scheme: http:// or https://"));
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(invalid("the scheme must be http or https"));
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    // A password may hold an unescaped `@`: the host starts after the last one.
    let (user_info, host) = match authority.rfind('@') {
        Some(at) => (Some(&authority[..at]), &authority[at + 1..]),
        None => (None, authority),
    };
    if host.is_empty() {
        return Err(invalid("it has no host"));
    }
    if path.contains(['?', '#']) {
        return Err(invalid(
            "it has a query or a fragment; give the registry's base URL",
        ));
    }
    let credentials = match user_info {
        None => None,
        Some(info) => {
            let (user, password) = info.split_once(':').unwrap_or((info, ""));
            Some((percent_decode(user), Secret(percent_decode(password))))
        }
    };
    Ok(ParsedUrl {
        base: format!("{scheme}://{host}{}", path.trim_end_matches('/')),
        credentials,
    })
}

/// The URL with any user-info replaced by `***`, for messages about a URL that did not parse.
pub(crate) fn redact_url(url: &str) -> String {
    let (prefix, rest) = match url.split_once("://") {
        Some((scheme, rest)) => (format!("{scheme}://"), rest),
        None => (String::new(), url),
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{prefix}***@{}", &rest[at + 1..]),
        None => url.to_owned(),
    }
}

/// `30`, `2.5` (seconds), `30s` or `500ms`, as [`DEADLINE_VAR`](super::DEADLINE_VAR) takes them.
pub(crate) fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let (number, scale) = match text.strip_suffix("ms") {
        Some(number) => (number, 0.001),
        None => (text.strip_suffix('s').unwrap_or(text), 1.0),
    };
    let seconds = number.trim().parse::<f64>().ok()? * scale;
    Duration::try_from_secs_f64(seconds)
        .ok()
        .filter(|d| !d.is_zero())
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_split_off_and_decoded() {
        let parsed = parse_url("HTTPS://key:p%40ss@word@registry.example:8081/sr/").unwrap();
        assert_eq!(parsed.base, "https://registry.example:8081/sr");
        let (user, password) = parsed.credentials.unwrap();
        assert_eq!(user, "key");
        assert_eq!(password.expose(), "p@ss@word");
    }

    #[test]
    fn bad_urls_are_reported_without_credentials() {
        for url in [
            "registry:8081",
            "ftp://registry",
            "http://",
            "http://u:hunter2@",
            "http://h/?x=1",
        ] {
            let error = parse_url(url).unwrap_err().to_string();
            assert!(!error.contains("hunter2"), "{error}");
        }
        assert_eq!(redact_url("u:hunter2@host:1/x"), "***@host:1/x");
    }

    #[test]
    fn deadlines_in_seconds_or_with_a_unit() {
        let ms = Duration::from_millis;
        for (text, expected) in [
            ("30", Some(ms(30_000))),
            (" 2.5 ", Some(ms(2_500))),
            ("30s", Some(ms(30_000))),
            ("500ms", Some(ms(500))),
            ("0", None),
            ("-1", None),
            ("soon", None),
            ("5m", None),
            ("NaN", None),
        ] {
            assert_eq!(parse_duration(text), expected, "{text}");
        }
    }

    #[test]
    fn secrets_debug_as_stars() {
        let auth = Auth::Basic {
            username: "u".into(),
            password: "hunter2".into(),
        };
        assert!(!format!("{auth:?}").contains("hunter2"));
        assert_eq!(auth.header().unwrap(), "Basic dTpodW50ZXIy");
        assert_eq!(format!("{:?}", Secret::new("t")), "***");
    }
}
