//! The catalog of events: every `#[derive(Event)]` type linked into the program, found without
//! listing them by hand.
//!
//! The derive submits an [`EventInfo`] for each event through [`inventory`], which collects them
//! when the program starts. A crate's events are in the catalog of any binary or test that links
//! the crate; to export another crate's events, make sure it is linked (`use contracts as _;`).

use crate::schema::{SchemaBuilder, to_avsc};
use serde_json::Value;

/// What the catalog knows of one event type.
#[derive(Debug)]
pub struct EventInfo {
    #[doc(hidden)]
    pub crate_name: &'static str,
    #[doc(hidden)]
    pub rust_name: &'static str,
    #[doc(hidden)]
    pub event_type: &'static str,
    #[doc(hidden)]
    pub version: u32,
    #[doc(hidden)]
    pub avro_name: &'static str,
    #[doc(hidden)]
    pub location: Location,
    #[doc(hidden)]
    pub schema_json: fn(&mut SchemaBuilder) -> Value,
    #[doc(hidden)]
    pub envelope_schema_json: fn(&mut SchemaBuilder) -> Value,
}

inventory::collect!(EventInfo);

impl EventInfo {
    /// The crate that defines the event, as `CARGO_CRATE_NAME` spells it (`order_contracts`).
    pub fn crate_name(&self) -> &'static str {
        self.crate_name
    }

    /// The Rust path of the type, relative to its crate (`OrderPlaced`).
    pub fn rust_name(&self) -> &'static str {
        self.rust_name
    }

    /// The event type, [`Event::TYPE`](crate::Event::TYPE).
    pub fn event_type(&self) -> &'static str {
        self.event_type
    }

    /// The major version, [`Event::VERSION`](crate::Event::VERSION).
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The Avro full name, [`Event::AVRO_NAME`](crate::Event::AVRO_NAME).
    pub fn avro_name(&self) -> &'static str {
        self.avro_name
    }

    /// The source file that declares the event, as `file!()` names it (relative to the workspace
    /// root when built in a workspace).
    pub fn file(&self) -> &'static str {
        self.location.file
    }

    /// The line of the struct's name.
    pub fn line(&self) -> u32 {
        self.location.line
    }

    /// Where the struct's name is: file, line and column.
    pub fn location(&self) -> Location {
        self.location
    }

    /// The event's schema as JSON.
    pub fn schema_json(&self) -> Value {
        (self.schema_json)(&mut SchemaBuilder::new())
    }

    /// The event's `.avsc` text.
    pub fn avsc(&self) -> String {
        to_avsc(&self.schema_json())
    }

    /// The Avro full name of the event's [`Envelope`](crate::Envelope) record:
    /// [`avro_name`](Self::avro_name) followed by `Envelope`.
    pub fn envelope_avro_name(&self) -> String {
        format!("{}Envelope", self.avro_name)
    }

    /// The schema of the event's [`Envelope`](crate::Envelope) as JSON.
    pub fn envelope_schema_json(&self) -> Value {
        (self.envelope_schema_json)(&mut SchemaBuilder::new())
    }

    /// The `.avsc` text of the event's [`Envelope`](crate::Envelope).
    pub fn envelope_avsc(&self) -> String {
        to_avsc(&self.envelope_schema_json())
    }
}

/// Every event linked into this program, ordered by Avro full name.
pub fn events() -> Vec<&'static EventInfo> {
    let mut events: Vec<_> = inventory::iter::<EventInfo>.into_iter().collect();
    events.sort_by_key(|e| (e.avro_name, e.crate_name));
    events
}

/// The events defined by the crate `crate_name` (hyphens and underscores are the same).
pub fn events_of(crate_name: &str) -> Vec<&'static EventInfo> {
    let wanted = crate_name.replace('-', "_");
    events()
        .into_iter()
        .filter(|e| e.crate_name == wanted)
        .collect()
}

/// Where a derived record is declared, and each of its fields: submitted by the derive for every
/// record, so a compatibility report can name the line of Rust a problem comes from.
#[doc(hidden)]
#[derive(Debug)]
pub struct RecordSource {
    pub avro_name: &'static str,
    pub location: Location,
    pub fields: &'static [FieldSource],
}

/// Where a record's field is declared.
#[doc(hidden)]
#[derive(Debug)]
pub struct FieldSource {
    pub name: &'static str,
    pub location: Location,
}

inventory::collect!(RecordSource);

/// A position in Rust source, as `file!()`, `line!()` and `column!()` give it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Location {
    /// The file, relative to the workspace root when built in a workspace.
    pub file: &'static str,
    /// The line, from 1.
    pub line: u32,
    /// The column, from 1.
    pub column: u32,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// Where the record with Avro full name `record` is declared, or its field `field` when given
/// and found; `None` for a record no derive linked into this program defines.
pub fn locate(record: &str, field: Option<&str>) -> Option<Location> {
    let source = inventory::iter::<RecordSource>
        .into_iter()
        .find(|source| source.avro_name == record)?;
    let field = field.and_then(|name| source.fields.iter().find(|f| f.name == name));
    Some(field.map_or(source.location, |field| field.location))
}
