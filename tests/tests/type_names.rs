//! A user's own type is what its `Avro` impl says, whatever its name: types named like the mapped
//! ones (`Timestamp`, `Uuid`, `Bytes`, `DateTime`, `Option`, `HashMap`) derive, take defaults,
//! share unions and round-trip; so do types named like Rust's unmapped scalars (`u64`, `char`), while the real ones keep their mapping and attributes.

use serde_json::json;
use tidings::Avro;

/// The user's own types, in a module of their own, named like tidings' mapped types.
mod own {
    use tidings::Avro;

    /// Seconds since some epoch of the user's, not a `tidings::Timestamp`.
    #[derive(Avro, Debug, PartialEq)]
    pub struct Timestamp(pub String);

    /// A user's identifier, a string with no `uuid` logical type.
    #[derive(Avro, Debug, PartialEq)]
    #[avro(namespace = "com.acme")]
    pub struct Uuid {
        pub value: i64,
    }

    /// An enum, not `bytes::Bytes`.
    #[derive(Avro, Debug, PartialEq)]
    #[avro(namespace = "com.acme")]
    pub enum Bytes {
        Kilo,
        Mega,
    }

    /// A record, not `chrono::DateTime`.
    #[derive(Avro, Debug, PartialEq)]
    #[avro(namespace = "com.acme")]
    pub struct DateTime {
        pub day: i32,
        pub month: i32,
    }

    /// The same types by bare name, in the module that defines them.
    #[derive(Avro, Debug, PartialEq)]
    #[avro(namespace = "com.acme")]
    pub struct Local {
        #[avro(default = "epoch")]
        pub time: Timestamp,
        pub id: Uuid,
        #[avro(default = "Kilo")]
        pub size: Bytes,
        pub date: Option<DateTime>,
    }
}

/// Types named like Rust's scalars that have no mapping: the user's own are what they derive.
#[allow(non_camel_case_types)]
mod scalars {
    use tidings::Avro;

    #[derive(Avro, Debug, PartialEq)]
    pub struct u64(pub i64);

    #[derive(Avro, Debug, PartialEq)]
    pub struct char(pub String);
}

/// A newtype named like the prelude's `Option`, which is no union.
#[derive(Avro, Debug, PartialEq)]
pub struct Option(pub i32);

/// A newtype named like a map, which is an `int`.
#[derive(Avro, Debug, PartialEq)]
pub struct HashMap(pub u8);

/// Uses them by bare name, beside the real types by path.
#[derive(Avro, Debug, PartialEq)]
#[avro(namespace = "com.acme")]
pub struct Uses {
    /// A newtype of `String` named `Timestamp`: a string default suits it.
    #[avro(default = "epoch")]
    pub own_time: own::Timestamp,
    pub own_id: own::Uuid,
    #[avro(default = "Mega")]
    pub own_size: own::Bytes,
    pub own_date: own::DateTime,
    /// Not an `Option`, so its default need not be null.
    #[avro(default = 7)]
    pub own_option: Option,
    #[avro(default = 3)]
    pub own_map: HashMap,
    pub count: scalars::u64,
    pub letter: scalars::char,
    pub time: tidings::Timestamp,
    #[avro(timestamp = "millis")]
    pub millis: tidings::Timestamp,
    #[avro(timestamp = "millis")]
    pub chrono_millis: chrono::DateTime<chrono::Utc>,
    pub id: uuid::Uuid,
    pub bytes: bytes::Bytes,
    #[avro(timestamp = "millis")]
    pub maybe_millis: std::option::Option<tidings::Timestamp>,
}

/// A union whose branches are named like mapped types: the user's are records, enums and a
/// string, so they sit beside the real `bytes`, `long` and `int` branches.
#[derive(Avro, Debug, PartialEq)]
#[avro(namespace = "com.acme")]
pub enum Mixed {
    OwnSize(own::Bytes),
    Raw(Vec<u8>),
    OwnId(own::Uuid),
    OwnTime(own::Timestamp),
    Count(i64),
    OwnOption(Option),
}

fn sample() -> Uses {
    Uses {
        own_time: own::Timestamp("yesterday".into()),
        own_id: own::Uuid { value: 42 },
        own_size: own::Bytes::Kilo,
        own_date: own::DateTime { day: 1, month: 12 },
        own_option: Option(-5),
        own_map: HashMap(200),
        count: scalars::u64(-1),
        letter: scalars::char("ß".into()),
        time: tidings::Timestamp::from_unix_micros(1_700_000_000_123_456),
        millis: tidings::Timestamp::from_unix_micros(1_700_000_000_123_000),
        chrono_millis: chrono::DateTime::from_timestamp_millis(1_700_000_000_123).unwrap(),
        id: uuid::Uuid::from_u128(0x67e5_5044_10b1_426f_9247_bb68_0e5f_e0c8),
        bytes: bytes::Bytes::from_static(b"\x00\xff"),
        maybe_millis: Some(tidings::Timestamp::from_unix_micros(1_000)),
    }
}

#[test]
fn user_types_named_like_mapped_types_have_their_own_schemas() {
    let schema = tidings::schema_json::<Uses>();
    let fields = schema["fields"].as_array().unwrap();
    let field = |name: &str| {
        fields
            .iter()
            .find(|f| f["name"] == name)
            .unwrap_or_else(|| panic!("no field {name}"))
            .clone()
    };
    assert_eq!(
        field("own_time"),
        json!({ "name": "own_time", "doc": "A newtype of `String` named `Timestamp`: a string default suits it.", "type": "string", "default": "epoch" })
    );
    assert_eq!(field("own_id")["type"]["type"], "record");
    assert_eq!(field("own_id")["type"]["name"], "Uuid");
    assert_eq!(
        field("own_size")["type"],
        json!({ "type": "enum", "name": "Bytes", "namespace": "com.acme", "doc": "An enum, not `bytes::Bytes`.", "symbols": ["Kilo", "Mega"] })
    );
    assert_eq!(field("own_size")["default"], "Mega");
    assert_eq!(field("own_date")["type"]["name"], "DateTime");
    assert_eq!(
        field("own_option"),
        json!({ "name": "own_option", "doc": "Not an `Option`, so its default need not be null.", "type": "int", "default": 7 })
    );
    assert_eq!(field("own_map")["type"], "int");
    assert_eq!(field("count")["type"], "long");
    assert_eq!(field("letter")["type"], "string");
    assert_eq!(
        field("time")["type"],
        json!({ "type": "long", "logicalType": "timestamp-micros" })
    );
    assert_eq!(
        field("millis")["type"],
        json!({ "type": "long", "logicalType": "timestamp-millis" })
    );
    assert_eq!(field("chrono_millis")["type"], field("millis")["type"]);
    assert_eq!(
        field("id")["type"],
        json!({ "type": "string", "logicalType": "uuid" })
    );
    assert_eq!(field("bytes")["type"], "bytes");
    assert_eq!(
        field("maybe_millis"),
        json!({ "name": "maybe_millis", "type": ["null", { "type": "long", "logicalType": "timestamp-millis" }], "default": null })
    );
    // apache-avro accepts it.
    let _ = Uses::schema();
}

#[test]
fn user_types_named_like_mapped_types_round_trip() {
    let value = sample();
    let bytes = tidings::encode(&value).unwrap();
    assert_eq!(tidings::decode::<Uses>(&bytes).unwrap(), value);
    let local = own::Local {
        time: own::Timestamp("t".into()),
        id: own::Uuid { value: 1 },
        size: own::Bytes::Mega,
        date: Some(own::DateTime { day: 2, month: 3 }),
    };
    let bytes = tidings::encode(&local).unwrap();
    assert_eq!(tidings::decode::<own::Local>(&bytes).unwrap(), local);
    let schema = tidings::schema_json::<own::Local>();
    assert_eq!(schema["fields"][0]["type"], "string");
    assert_eq!(schema["fields"][2]["default"], "Kilo");
}

#[test]
fn a_union_holds_user_types_beside_the_types_they_are_named_like() {
    let branches = tidings::schema_json::<Mixed>();
    let kinds: Vec<_> = branches
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.get("name").unwrap_or(b).clone())
        .collect();
    assert_eq!(
        kinds,
        [
            json!("Bytes"),
            json!("bytes"),
            json!("Uuid"),
            json!("string"),
            json!("long"),
            json!("int")
        ]
    );
    let _ = Mixed::schema();
    for value in [
        Mixed::OwnSize(own::Bytes::Mega),
        Mixed::Raw(vec![1, 2]),
        Mixed::OwnId(own::Uuid { value: -1 }),
        Mixed::OwnTime(own::Timestamp("now".into())),
        Mixed::Count(9),
        Mixed::OwnOption(Option(3)),
    ] {
        let bytes = tidings::encode(&value).unwrap();
        assert_eq!(tidings::decode::<Mixed>(&bytes).unwrap(), value);
    }
}
