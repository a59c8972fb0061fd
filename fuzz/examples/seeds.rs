//! Writes a small seed corpus of valid encodings to `seeds/<target>/` (committed), so the fuzzer
//! starts from inputs that get past the first fields: `cargo run --example seeds`.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::Path;
use tidings::wire::cloudevents::json;
use tidings::{Envelope, Timestamp};
use tidings_fuzz::fixture::*;

#[path = "../../tests/tests/resolve/revisions.rs"]
#[allow(dead_code)]
mod revisions;

fn write(target: &str, name: &str, pick: Option<u8>, bytes: Vec<u8>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(target);
    std::fs::create_dir_all(&dir).unwrap();
    let mut data: Vec<u8> = pick.into_iter().collect();
    data.extend(bytes);
    std::fs::write(dir.join(name), data).unwrap();
}

fn line(sku: &str) -> Line {
    Line {
        sku: Sku(sku.into()),
        quantity: 3,
        tags: vec!["a".into(), "bc".into()],
    }
}

fn tree(depth: u32) -> Tree {
    Tree {
        value: depth as i32,
        children: (0..depth.min(2)).map(|_| tree(depth - 1)).collect(),
        next: (depth > 0).then(|| Box::new(tree(depth - 1))),
    }
}

fn main() {
    let everything = Everything {
        id: uuid::Uuid::from_u128(0x67e5_5044_10b1_426f_9247_bb68_0e5f_e0c8),
        flag: true,
        tiny: -5,
        small: 300,
        count: -70_000,
        byte: 200,
        port: 8080,
        wide: 4_000_000_000,
        big: i64::MIN,
        ratio: 0.5,
        score: f64::NAN,
        name: "naïve".into(),
        blob: vec![0, 1, 2],
        raw: bytes::Bytes::from_static(b"raw"),
        hash: [7; 16],
        at: Timestamp::from_unix_micros(1_700_000_000_123_456),
        at_ms: Timestamp::from_unix_millis(1_700_000_000_123),
        chrono_at: chrono::DateTime::from_timestamp_micros(-1).unwrap(),
        time_at: time::OffsetDateTime::UNIX_EPOCH,
        price: rust_decimal::Decimal::new(-12_345_678, 2),
        total: Some(rust_decimal::Decimal::new(1, 10)),
        status: Status::Paid,
        maybe_status: Some(Status::Shipped),
        payment: Payment::Card {
            last4: "1234".into(),
            expires: 2612,
        },
        maybe_payment: Some(Payment::Voucher(line("v"))),
        sku: Sku("sku".into()),
        marker: Marker,
        lines: vec![line("x"), line("y")],
        notes: vec![None, Some("note".into())],
        queue: VecDeque::from([1, -1]),
        attrs: BTreeMap::from([("k".into(), vec!["v".into()])]),
        nested: BTreeMap::from([(
            "outer".into(),
            BTreeMap::from([("inner".into(), Some(5)), ("none".into(), None)]),
        )]),
        tree: Some(Box::new(tree(2))),
        expr: Expr::Add {
            left: Box::new(Expr::Lit { value: 1 }),
            right: Box::new(Expr::Neg {
                inner: Box::new(Expr::Lit { value: 2 }),
            }),
        },
    };
    write("everything", "full", None, tidings::encode(&everything).unwrap());
    let mut sparse = everything.clone();
    sparse.at_ms = None;
    sparse.total = None;
    sparse.maybe_status = None;
    sparse.maybe_payment = None;
    sparse.payment = Payment::Cash;
    sparse.tree = None;
    sparse.lines.clear();
    write("everything", "sparse", None, tidings::encode(&sparse).unwrap());

    // Framed, and (first byte 5, then 17) an ID or GUID header value before the bare datum.
    let framed = |value: &Everything| tidings::wire::confluent::encode(7, value).unwrap();
    write("confluent", "framed", None, framed(&everything));
    write("confluent", "framed-sparse", None, framed(&sparse));
    let mut id_header = vec![0, 0, 0, 0, 7];
    id_header.extend(tidings::encode(&sparse).unwrap());
    write("confluent", "id-header", Some(5), id_header);
    let mut guid_header = vec![1; 17];
    guid_header.extend(tidings::encode(&everything).unwrap());
    write("confluent", "guid-header", Some(17), guid_header);

    write("recursive", "tree", Some(0), tidings::encode(&tree(3)).unwrap());
    write(
        "recursive",
        "expr",
        Some(1),
        tidings::encode(&everything.expr).unwrap(),
    );
    let chain = Chain {
        next: Some(Box::new(Chain {
            next: Some(Box::new(Chain { next: None })),
        })),
    };
    write("recursive", "chain", Some(2), tidings::encode(&chain).unwrap());

    let counters = Counters {
        counts: HashMap::from([("a".into(), 1), ("b".into(), -2)]),
        groups: HashMap::from([("g".into(), vec![Status::Open, Status::Paid])]),
    };
    write(
        "collections",
        "counters",
        Some(0),
        tidings::encode(&counters).unwrap(),
    );
    let markers = Markers {
        markers: vec![Marker; 5],
        fixed0: vec![[]; 2],
    };
    write("collections", "markers", Some(1), tidings::encode(&markers).unwrap());
    write(
        "collections",
        "lines",
        Some(2),
        tidings::encode(&vec![line("p"), line("q")]).unwrap(),
    );
    write(
        "collections",
        "payment",
        Some(3),
        tidings::encode(&everything.maybe_payment).unwrap(),
    );
    let statuses = BTreeMap::from([("s".to_string(), vec![Some(Status::Open), None])]);
    write(
        "collections",
        "statuses",
        Some(4),
        tidings::encode(&statuses).unwrap(),
    );
    write(
        "collections",
        "fixed",
        Some(5),
        tidings::encode(&vec![[1u8, 2, 3, 4]]).unwrap(),
    );

    // single_object: the datum after a valid header (odd pick), and whole messages (even).
    let datum_after_header = [
        ("everything", 1, tidings::encode(&everything).unwrap()),
        ("tree", 3, tidings::encode(&tree(3)).unwrap()),
        ("expr", 5, tidings::encode(&everything.expr).unwrap()),
    ];
    for (name, pick, datum) in datum_after_header {
        write("single_object", name, Some(pick), datum);
    }
    write(
        "single_object",
        "message",
        Some(0),
        tidings::wire::single_object::encode(&sparse).unwrap(),
    );
    let envelope = Envelope::new(everything)
        .with_subject("order-1")
        .and_then(|e| e.with_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
        .and_then(|e| e.with_extension("tenant", "acme"))
        .unwrap();
    write("cloudevents", "envelope", Some(0), tidings::encode(&envelope).unwrap());
    let mut structured = Vec::new();
    json::encode_avro_data(&envelope, "urn:fuzz", &mut structured).unwrap();
    write("cloudevents", "structured", Some(1), structured);
    resolve_seeds();
}

/// Revision 1 orders of `tests/tests/resolve/revisions.rs`, bare (pick 0) and in an envelope
/// with a fixed ID and time (pick 1).
fn resolve_seeds() {
    for seed in [0, 3, 5] {
        let order = revisions::order(seed);
        let name = format!("order-{seed}");
        write("resolve", &name, Some(0), tidings::encode(&order).unwrap());
        let envelope = Envelope::new(order)
            .with_id(uuid::Uuid::from_u128(0x0193_7c2e_5a1b_7d3c_9f2e_4b6a_8c1d_0e5f))
            .with_time(Timestamp::from_unix_micros(1_700_000_000_000_000))
            .with_subject("order-1")
            .unwrap();
        let name = format!("envelope-{seed}");
        write("resolve", &name, Some(1), tidings::encode(&envelope).unwrap());
    }
}
