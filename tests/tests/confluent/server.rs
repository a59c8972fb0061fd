//! An in-process stand-in for Confluent Schema Registry: the endpoints tidings calls, with
//! Confluent's JSON shapes and error codes, on 127.0.0.1 in a thread, plus switches that make it
//! fail the way real deployments do (5xx bursts, proxies answering HTML, slow answers, auth).
//!
//! Its compatibility rule is a small, honest subset of Avro's: top-level record fields, where a
//! reader field missing from the writer needs a default and a shared field must keep its type.
//! That is enough to tell the latest version from all of them under a transitive level.

use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::Duration;

const LEVELS: [&str; 7] = [
    "BACKWARD",
    "BACKWARD_TRANSITIVE",
    "FORWARD",
    "FORWARD_TRANSITIVE",
    "FULL",
    "FULL_TRANSITIVE",
    "NONE",
];

/// A running server; stops when dropped.
pub struct Server {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
}

/// An answer forced on the next requests, before any routing.
struct Fault {
    status: u16,
    body: String,
    /// How many more requests get it; `None` for all of them.
    remaining: Option<usize>,
}

#[derive(Default)]
struct Subject {
    /// (version, schema ID), oldest first.
    versions: Vec<(u32, u32)>,
    level: Option<String>,
    soft_deleted: bool,
}

struct State {
    subjects: BTreeMap<String, Subject>,
    /// Schema texts by ID - 1, as stored (compact JSON).
    schemas: Vec<String>,
    global_level: String,
    /// The `Authorization` header every request must carry.
    authorization: Option<String>,
    /// Forced answers, used up front to back.
    faults: VecDeque<Fault>,
    delay: Option<Duration>,
    /// Answer an incompatible registration with body code 409 (older servers) not 40901.
    legacy_conflict_code: bool,
    /// Answer as Karapace does where it differs from Confluent ([`Server::karapace`]).
    karapace: bool,
    /// `METHOD /path?query` of every request, in arrival order.
    log: Vec<String>,
}

/// An HTTP answer: status and JSON body.
type Answer = (u16, Value);

fn error(status: u16, code: u32, message: impl Into<String>) -> Answer {
    (
        status,
        json!({ "error_code": code, "message": message.into() }),
    )
}

impl Server {
    /// Starts a server on a free port of 127.0.0.1.
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State {
            subjects: BTreeMap::new(),
            schemas: Vec::new(),
            global_level: "BACKWARD".to_owned(),
            authorization: None,
            faults: VecDeque::new(),
            delay: None,
            legacy_conflict_code: false,
            karapace: false,
            log: Vec::new(),
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let (shared, stopping) = (Arc::clone(&state), Arc::clone(&stop));
        thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let state = Arc::clone(&shared);
                thread::spawn(move || serve(stream, &state));
            }
        });
        Server { addr, state, stop }
    }

    /// `http://127.0.0.1:{port}`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://{user}:{password}@127.0.0.1:{port}`.
    pub fn url_with_credentials(&self, user: &str, password: &str) -> String {
        format!("http://{user}:{password}@{}", self.addr)
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Requires HTTP basic authentication with these credentials.
    pub fn require_basic(&self, user: &str, password: &str) {
        let pair = base64(format!("{user}:{password}").as_bytes());
        self.state().authorization = Some(format!("Basic {pair}"));
    }

    /// Requires `Authorization: Bearer {token}`.
    pub fn require_bearer(&self, token: &str) {
        self.state().authorization = Some(format!("Bearer {token}"));
    }

    /// Answers the next `times` requests (every request, for `None`) with `status` and `body`,
    /// after the faults queued before it are used up.
    pub fn fail(&self, status: u16, body: &str, times: Option<usize>) {
        assert_ne!(times, Some(0));
        self.state().faults.push_back(Fault {
            status,
            body: body.to_owned(),
            remaining: times,
        });
    }

    /// Waits this long before answering each request.
    pub fn delay(&self, delay: Duration) {
        self.state().delay = Some(delay);
    }

    /// Answers incompatible registrations with body code 409, as servers before 7.x did.
    pub fn legacy_conflict_code(&self) {
        self.state().legacy_conflict_code = true;
    }

    /// Karapace's habits from now on, as its sources show them (`Aiven-Open/karapace`):
    /// - no `POST /compatibility/subjects/{subject}/versions`: its compatibility router
    ///   (`src/karapace/api/routers/compatibility.py`) has `.../versions/{version}` only, so the
    ///   web framework answers a plain 404 `Not Found`, without Confluent's error code;
    /// - under a transitive level, a check against one version checks every version
    ///   (`KarapaceSchemaRegistryController.compatibility_check`: "Ignore the schema version
    ///   provided in the rest api call");
    /// - that check against `latest` of an unknown subject answers 40402 `Version -1 not found.`
    ///   (it reads the old schema first, `latest` being version -1 there).
    pub fn karapace(&self) {
        self.state().karapace = true;
    }

    /// `METHOD /path?query` of every request so far.
    pub fn requests(&self) -> Vec<String> {
        self.state().log.clone()
    }

    /// Forgets the requests so far.
    pub fn clear_requests(&self) {
        self.state().log.clear();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

// ---------------------------------------------------------------------------------------------
// HTTP/1.1, one request per connection.

struct Request {
    method: String,
    path: String,
    query: HashMap<String, String>,
    authorization: Option<String>,
    body: Vec<u8>,
}

fn serve(stream: TcpStream, state: &Mutex<State>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Some(request) = read_request(&stream) else {
        return;
    };
    let lock = || {
        state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    };
    let delay = {
        let mut state = lock();
        let query: Vec<_> = request
            .query
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let line = match query.is_empty() {
            true => format!("{} {}", request.method, request.path),
            false => format!("{} {}?{}", request.method, request.path, query.join("&")),
        };
        state.log.push(line);
        state.delay
    };
    if let Some(delay) = delay {
        thread::sleep(delay);
    }
    let (status, body) = {
        let mut state = lock();
        match take_fault(&mut state) {
            Some(answer) => answer,
            None => {
                let (status, body) = state.handle(&request);
                match body {
                    // A body that is not JSON, as a web framework's own error page.
                    Value::String(text) => (status, text),
                    body => (status, body.to_string()),
                }
            }
        }
    };
    let reason = match status {
        200 => "OK",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        422 => "Unprocessable Entity",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Other",
    };
    let response = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/vnd.schemaregistry.v1+json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = stream;
    let _ = stream.write_all(response.as_bytes());
    let _ = stream.flush();
}

fn take_fault(state: &mut State) -> Option<(u16, String)> {
    let fault = state.faults.front_mut()?;
    let answer = (fault.status, fault.body.clone());
    if let Some(remaining) = &mut fault.remaining {
        *remaining -= 1;
        if *remaining == 0 {
            state.faults.pop_front();
        }
    }
    Some(answer)
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();
    if !parts.next()?.starts_with("HTTP/1.") {
        return None;
    }
    let mut length = 0;
    let mut authorization = None;
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().ok()?,
            "authorization" => authorization = Some(value.trim().to_owned()),
            _ => {}
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let query = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (k.to_owned(), v.to_owned())
        })
        .collect();
    Some(Request {
        method,
        path: path.to_owned(),
        query,
        authorization,
        body,
    })
}

// ---------------------------------------------------------------------------------------------
// The registry.

impl State {
    fn handle(&mut self, request: &Request) -> Answer {
        if self.authorization.is_some() && request.authorization != self.authorization {
            return error(401, 40101, "Unauthorized");
        }
        let segments: Vec<String> = request
            .path
            .trim_start_matches('/')
            .split('/')
            .map(percent_decode)
            .collect();
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        if let ["subjects" | "config", subject, ..] = segments[..]
            && subject.starts_with("forbidden")
        {
            return error(
                403,
                40301,
                format!("User is denied operation Write on Subject: {subject}"),
            );
        }
        let body = || serde_json::from_slice::<Value>(&request.body).unwrap_or(Value::Null);
        let flag = |name: &str| request.query.get(name).is_some_and(|v| v == "true");
        match (request.method.as_str(), &segments[..]) {
            ("GET", ["config"]) => (200, json!({ "compatibilityLevel": self.global_level })),
            ("PUT", ["config"]) => match level_in(&body()) {
                Ok(level) => {
                    self.global_level = level.clone();
                    (200, json!({ "compatibility": level }))
                }
                Err(answer) => answer,
            },
            ("GET", ["config", subject]) => {
                match self.subjects.get(*subject).and_then(|s| s.level.clone()) {
                    Some(level) => (200, json!({ "compatibilityLevel": level })),
                    None if flag("defaultToGlobal") => {
                        (200, json!({ "compatibilityLevel": self.global_level }))
                    }
                    None => error(
                        404,
                        40408,
                        format!(
                            "Subject '{subject}' does not have subject-level compatibility \
                             configured"
                        ),
                    ),
                }
            }
            ("PUT", ["config", subject]) => match level_in(&body()) {
                Ok(level) => {
                    let entry = self.subjects.entry((*subject).to_owned()).or_default();
                    entry.level = Some(level.clone());
                    (200, json!({ "compatibility": level }))
                }
                Err(answer) => answer,
            },
            ("GET", ["schemas", "guids", guid]) => {
                let text = (1..=self.schemas.len())
                    .find(|id| guid_of(*id as u32) == *guid)
                    .map(|id| &self.schemas[id - 1]);
                match text {
                    Some(text) => (200, json!({ "schema": text, "guid": guid })),
                    None => error(404, 40403, format!("Schema {guid} not found")),
                }
            }
            ("GET", ["schemas", "ids", id]) => {
                let text = id
                    .parse::<usize>()
                    .ok()
                    .and_then(|id| self.schemas.get(id.checked_sub(1)?));
                match text {
                    Some(text) => (
                        200,
                        json!({ "schema": text, "guid": guid_of(id.parse().unwrap()) }),
                    ),
                    None => error(404, 40403, format!("Schema {id} not found")),
                }
            }
            ("GET", ["subjects", subject, "versions"]) => match self.live(subject) {
                Some(s) => (
                    200,
                    json!(s.versions.iter().map(|v| v.0).collect::<Vec<_>>()),
                ),
                None => subject_not_found(subject),
            },
            ("GET", ["subjects", subject, "versions", version]) => {
                match self.find_version(subject, version) {
                    Ok((version, id)) => (200, self.registered(subject, version, id)),
                    Err(answer) => answer,
                }
            }
            ("POST", ["subjects", subject, "versions"]) => self.register(subject, &body()),
            ("POST", ["subjects", subject]) => {
                let text = match schema_in(&body()) {
                    Ok(text) => text,
                    Err(answer) => return answer,
                };
                let Some(found) = self.live(subject) else {
                    return subject_not_found(subject);
                };
                let hit = found
                    .versions
                    .iter()
                    .find(|(_, id)| self.schemas[*id as usize - 1] == text)
                    .copied();
                match hit {
                    Some((version, id)) => (200, self.registered(subject, version, id)),
                    None => error(404, 40403, "Schema not found"),
                }
            }
            ("POST", ["compatibility", "subjects", _, "versions"]) if self.karapace => {
                (404, Value::String("Not Found".to_owned()))
            }
            ("POST", ["compatibility", "subjects", subject, "versions", rest @ ..]) => {
                self.compatibility(subject, rest.first().copied(), &body(), flag("verbose"))
            }
            ("DELETE", ["subjects", subject]) => self.delete(subject, flag("permanent")),
            _ => error(404, 404, "HTTP 404 Not Found"),
        }
    }

    /// A subject that exists and is not soft-deleted.
    fn live(&self, subject: &str) -> Option<&Subject> {
        self.subjects
            .get(subject)
            .filter(|s| !s.soft_deleted && !s.versions.is_empty())
    }

    fn level_of(&self, subject: &str) -> String {
        self.subjects
            .get(subject)
            .and_then(|s| s.level.clone())
            .unwrap_or_else(|| self.global_level.clone())
    }

    fn registered(&self, subject: &str, version: u32, id: u32) -> Value {
        json!({
            "subject": subject,
            "version": version,
            "id": id,
            "guid": guid_of(id),
            "schema": self.schemas[id as usize - 1],
        })
    }

    fn find_version(&self, subject: &str, version: &str) -> Result<(u32, u32), Answer> {
        let found = self
            .live(subject)
            .ok_or_else(|| subject_not_found(subject))?;
        let wanted = match version {
            "latest" | "-1" => return Ok(*found.versions.last().unwrap()),
            number => number
                .parse::<u32>()
                .ok()
                .filter(|v| *v >= 1)
                .ok_or_else(|| {
                    error(
                        422,
                        42202,
                        format!(
                            "The specified version '{version}' is not a valid version id. Allowed \
                         values are between [1, 2^31-1] and the string \"latest\""
                        ),
                    )
                })?,
        };
        found
            .versions
            .iter()
            .find(|(v, _)| *v == wanted)
            .copied()
            .ok_or_else(|| error(404, 40402, format!("Version {wanted} not found.")))
    }

    fn register(&mut self, subject: &str, body: &Value) -> Answer {
        let text = match schema_in(body) {
            Ok(text) => text,
            Err(answer) => return answer,
        };
        if let Some(found) = self.live(subject) {
            // The same schema again: its ID, no check, no new version.
            if let Some((_, id)) = found
                .versions
                .iter()
                .find(|(_, id)| self.schemas[*id as usize - 1] == text)
            {
                return (200, json!({ "id": id, "guid": guid_of(*id) }));
            }
        }
        let level = self.level_of(subject);
        let history = self.history(subject);
        let details = check(&level, &text, &history);
        if !details.is_empty() {
            let code = if self.legacy_conflict_code {
                409
            } else {
                40901
            };
            return error(
                409,
                code,
                format!(
                    "Schema being registered is incompatible with an earlier schema for subject \
                     \"{subject}\", details: [{}]",
                    details.join(", ")
                ),
            );
        }
        let id = match self.schemas.iter().position(|s| *s == text) {
            Some(index) => index as u32 + 1,
            None => {
                self.schemas.push(text);
                self.schemas.len() as u32
            }
        };
        let entry = self.subjects.entry(subject.to_owned()).or_default();
        if entry.soft_deleted {
            entry.soft_deleted = false;
            entry.versions.clear();
        }
        let version = entry.versions.last().map_or(1, |(v, _)| v + 1);
        entry.versions.push((version, id));
        (200, json!({ "id": id, "guid": guid_of(id) }))
    }

    /// (version, schema) of the subject's live versions, oldest first.
    fn history(&self, subject: &str) -> Vec<(u32, Value)> {
        self.live(subject)
            .map(|s| {
                s.versions
                    .iter()
                    .map(|(v, id)| {
                        let text = &self.schemas[*id as usize - 1];
                        (*v, serde_json::from_str(text).unwrap())
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn compatibility(
        &self,
        subject: &str,
        version: Option<&str>,
        body: &Value,
        verbose: bool,
    ) -> Answer {
        let text = match schema_in(body) {
            Ok(text) => text,
            Err(answer) => return answer,
        };
        let level = self.level_of(subject);
        let history = self.history(subject);
        let details = match version {
            // What registration checks.
            None => check(&level, &text, &history),
            // One version only, whatever the level says about the others: Confluent's trap.
            Some("latest" | "-1") if self.karapace && self.live(subject).is_none() => {
                return error(404, 40402, "Version -1 not found.");
            }
            Some(version) => {
                let (version, _) = match self.find_version(subject, version) {
                    Ok(found) => found,
                    Err(answer) => return answer,
                };
                // Karapace: every version under a transitive level, whatever was asked for.
                if self.karapace && level.ends_with("_TRANSITIVE") {
                    return report(check(&level, &text, &history), verbose);
                }
                let one: Vec<_> = history.into_iter().filter(|(v, _)| *v == version).collect();
                check(&level.replace("_TRANSITIVE", ""), &text, &one)
            }
        };
        report(details, verbose)
    }

    fn delete(&mut self, subject: &str, permanent: bool) -> Answer {
        let Some(found) = self
            .subjects
            .get_mut(subject)
            .filter(|s| !s.versions.is_empty())
        else {
            return subject_not_found(subject);
        };
        let versions: Vec<u32> = found.versions.iter().map(|v| v.0).collect();
        match (permanent, found.soft_deleted) {
            (false, false) => found.soft_deleted = true,
            (false, true) => {
                return error(
                    404,
                    40404,
                    format!(
                        "Subject '{subject}' was soft deleted.Set permanent=true to delete \
                         permanently"
                    ),
                );
            }
            (true, false) => {
                return error(
                    404,
                    40405,
                    format!(
                        "Subject '{subject}' was not deleted first before being permanently \
                         deleted"
                    ),
                );
            }
            (true, true) => {
                self.subjects.remove(subject);
            }
        }
        (200, json!(versions))
    }
}

/// A compatibility check's answer: the verdict, and with `verbose` the reasons.
fn report(details: Vec<String>, verbose: bool) -> Answer {
    let mut answer = json!({ "is_compatible": details.is_empty() });
    if verbose {
        answer["messages"] = json!(details);
    }
    (200, answer)
}

/// The GUID of schema `id`, as Confluent Platform 8 gives every schema one beside its ID.
fn guid_of(id: u32) -> String {
    format!("00000000-0000-4000-8000-{id:012x}")
}

fn subject_not_found(subject: &str) -> Answer {
    error(404, 40401, format!("Subject '{subject}' not found."))
}

/// The `schema` of a request body, as stored: compact JSON of a valid Avro schema.
fn schema_in(body: &Value) -> Result<String, Answer> {
    let invalid = |why: String| error(422, 42201, format!("Invalid schema: {why}"));
    let text = body
        .get("schema")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("the request has no `schema` string".into()))?;
    let parsed: Value = serde_json::from_str(text).map_err(|e| invalid(e.to_string()))?;
    tidings::avro::Schema::parse_str(text).map_err(|e| invalid(e.to_string()))?;
    Ok(parsed.to_string())
}

/// `{"compatibility": "FULL"}`: the key `PUT /config` takes (not `compatibilityLevel`, which
/// `GET /config` answers).
fn level_in(body: &Value) -> Result<String, Answer> {
    match body.get("compatibility").and_then(Value::as_str) {
        Some(level) if LEVELS.contains(&level) => Ok(level.to_owned()),
        _ => Err(error(
            422,
            42203,
            format!(
                "Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive (got {body})"
            ),
        )),
    }
}

/// Confluent-style detail lines for each way `new` breaks `history` at `level`.
fn check(level: &str, new: &str, history: &[(u32, Value)]) -> Vec<String> {
    if level == "NONE" || history.is_empty() {
        return Vec::new();
    }
    let new: Value = serde_json::from_str(new).unwrap();
    let against = match level.ends_with("_TRANSITIVE") {
        true => history,
        false => &history[history.len() - 1..],
    };
    let mut details = Vec::new();
    for (version, old) in against.iter().rev() {
        let mut problems = Vec::new();
        if !level.starts_with("FORWARD") {
            problems.extend(reads(&new, old, "new", "old"));
        }
        if !level.starts_with("BACKWARD") {
            problems.extend(reads(old, &new, "old", "new"));
        }
        if !problems.is_empty() {
            details.extend(problems);
            details.push(format!("{{oldSchemaVersion: {version}}}"));
            details.push(format!("{{oldSchema: '{old}'}}"));
        }
    }
    if !details.is_empty() {
        details.push(format!("{{compatibility: '{level}'}}"));
    }
    details
}

/// Why `reader` cannot read `writer`'s data, for top-level record fields.
fn reads(reader: &Value, writer: &Value, reader_is: &str, writer_is: &str) -> Vec<String> {
    let fields =
        |schema: &Value| -> Vec<Value> { schema["fields"].as_array().cloned().unwrap_or_default() };
    let writer_fields = fields(writer);
    let mut problems = Vec::new();
    for (index, field) in fields(reader).iter().enumerate() {
        let name = field["name"].as_str().unwrap_or_default();
        match writer_fields.iter().find(|w| w["name"] == field["name"]) {
            None if field.get("default").is_none() => problems.push(format!(
                "{{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field \
                 '{name}' at path '/fields/{index}' in the {reader_is} schema has no default \
                 value and is missing in the {writer_is} schema', additionalInfo:'{name}'}}"
            )),
            Some(w) if w["type"] != field["type"] => problems.push(format!(
                "{{errorType:'TYPE_MISMATCH', description:'The type (path '/fields/{index}/type') \
                 of a field in the {reader_is} schema does not match with the {writer_is} \
                 schema', additionalInfo:'reader type: {} not compatible with writer type: {}'}}",
                field["type"], w["type"]
            )),
            _ => {}
        }
    }
    problems
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(Some(hi)), Some(Some(lo))) = (
                bytes.get(i + 1).map(|b| hex(*b)),
                bytes.get(i + 2).map(|b| hex(*b)),
            )
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Standard base64 with padding, for the expected basic-auth header.
pub fn base64(input: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> shift & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
