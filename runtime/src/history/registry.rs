//! Writer schemas from a Confluent registry, by the schema ID the wire format carries: each ID
//! fetched once, then read without a lock.

use super::{Form, HistoryError, Revision, invalid};
use crate::registry::confluent::ConfluentRegistry;
use arc_swap::ArcSwap;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// The schemas a Confluent registry holds, fetched by ID on first use and cached.
///
/// A lookup of a known ID is one atomic load of an immutable map: consumers on many threads
/// never wait for each other, nor for a fetch. Fetches are serialised, so each ID is fetched
/// once however many threads meet it at the same time.
#[derive(Debug)]
pub struct RegistrySchemas {
    registry: ConfluentRegistry,
    known: ArcSwap<HashMap<u32, Arc<Revision>>>,
    fetching: Mutex<()>,
}

impl RegistrySchemas {
    /// Schemas from `registry`, none known yet.
    pub fn new(registry: ConfluentRegistry) -> Self {
        RegistrySchemas {
            registry,
            known: ArcSwap::from_pointee(HashMap::new()),
            fetching: Mutex::new(()),
        }
    }

    /// The schema with ID `id`, fetched from the registry the first time.
    ///
    /// Its subject is its full name (Confluent's record-name strategy, as tidings registers),
    /// less `Envelope` for an envelope record, whose form is then [`Form::Envelope`].
    pub fn by_id(&self, id: u32) -> Result<Arc<Revision>, HistoryError> {
        if let Some(revision) = self.known.load().get(&id) {
            return Ok(Arc::clone(revision));
        }
        let _one_fetch_at_a_time = self.fetching.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(revision) = self.known.load().get(&id) {
            return Ok(Arc::clone(revision)); // fetched while this thread waited
        }
        let text = self.registry.schema_by_id(id)?;
        let revision = revision_of(id, &text)?;
        self.known.rcu(|known| {
            let mut known = HashMap::clone(known);
            known.insert(id, Arc::clone(&revision));
            known
        });
        Ok(revision)
    }
}

/// The revision a registry's schema text describes, in the form its name says.
fn revision_of(id: u32, text: &str) -> Result<Arc<Revision>, HistoryError> {
    let not_a_schema = |message: String| invalid(&format!("schema ID {id}"), None, message);
    let json: Value = serde_json::from_str(text).map_err(|e| not_a_schema(e.to_string()))?;
    let full_name = full_name(&json).ok_or_else(|| not_a_schema("not a named record".into()))?;
    let data = json["fields"]
        .as_array()
        .and_then(|fields| fields.last())
        .filter(|field| field["name"] == "data")
        .map(|field| &field["type"]);
    match (full_name.strip_suffix("Envelope"), data) {
        (Some(subject), Some(data)) => {
            let event = Revision::new(subject, None, None, Form::Event, data, None)?;
            Revision::new(subject, None, Some(id), Form::Envelope, &json, Some(event))
        }
        _ => Revision::new(&full_name, None, Some(id), Form::Event, &json, None),
    }
}

/// A named schema's full name: its `name`, qualified by its `namespace` unless already dotted.
fn full_name(schema: &Value) -> Option<String> {
    let name = schema["name"].as_str()?;
    match schema["namespace"].as_str() {
        Some(namespace) if !name.contains('.') && !namespace.is_empty() => {
            Some(format!("{namespace}.{name}"))
        }
        _ => Some(name.to_owned()),
    }
}
