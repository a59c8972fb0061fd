//! Confluent's subject name strategies: which subject a schema is registered under, as the
//! Kafka serializers' `key.subject.name.strategy` / `value.subject.name.strategy` name it.

use crate::Event;

/// How a subject name is made from a topic and a record's Avro full name.
///
/// ```
/// use tidings::registry::confluent::SubjectNameStrategy;
///
/// let name = "com.acme.orders.v2.OrderPlaced";
/// let topic = SubjectNameStrategy::Topic { topic: "orders".into(), key: false };
/// assert_eq!(topic.subject(name), "orders-value");
/// assert_eq!(SubjectNameStrategy::Record.subject(name), name);
/// let both = SubjectNameStrategy::TopicRecord { topic: "orders".into() };
/// assert_eq!(both.subject(name), "orders-com.acme.orders.v2.OrderPlaced");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SubjectNameStrategy {
    /// `TopicNameStrategy`, the serializers' default: `{topic}-value`, or `{topic}-key` for the
    /// message key. One schema lineage per topic.
    Topic {
        /// The Kafka topic.
        topic: String,
        /// Whether the schema is the message key's rather than its value's.
        key: bool,
    },
    /// `RecordNameStrategy`: the record's Avro full name, whatever the topic. tidings' own
    /// default, since the major version is part of the full name.
    Record,
    /// `TopicRecordNameStrategy`: `{topic}-{full name}`, for several event types in one topic.
    TopicRecord {
        /// The Kafka topic.
        topic: String,
    },
}

impl SubjectNameStrategy {
    /// The subject for a record with Avro full name `full_name`.
    pub fn subject(&self, full_name: &str) -> String {
        match self {
            SubjectNameStrategy::Topic { topic, key: false } => format!("{topic}-value"),
            SubjectNameStrategy::Topic { topic, key: true } => format!("{topic}-key"),
            SubjectNameStrategy::Record => full_name.to_owned(),
            SubjectNameStrategy::TopicRecord { topic } => format!("{topic}-{full_name}"),
        }
    }

    /// The subject for the event `E`.
    pub fn subject_for<E: Event>(&self) -> String {
        self.subject(E::AVRO_NAME)
    }
}
