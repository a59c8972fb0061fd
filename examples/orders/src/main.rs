//! The tidings tour: derive events, export their `.avsc` into `schemas/`, check each against its
//! registered history in the file registry (`schemas/history`), encode, decode and reject a
//! corrupt message, then follow an order flow whose envelopes travel in every wire format.
//!
//! `cargo run -p orders-example` writes the schemas and registers new compatible revisions; with
//! `--check` (or `CI` set) it writes nothing and fails if anything is stale or unregistered.

mod flow;
mod replay;

use orders_example::{Channel, Customer, DeclineReason, Line, PaymentFailed, Sku, v2};
use rust_decimal::Decimal;
use std::path::Path;
use std::process::ExitCode;
use tidings::catalog::EventInfo;
use tidings::export::{self, Mode};
use tidings::registry::{FileRegistry, OnNew, Outcome, check_subject};
use tidings::{Avro, Event, Timestamp};

fn main() -> ExitCode {
    // The workspace root holds `schemas/`, two levels above this package.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("examples/orders");
    let schemas = root.join("schemas");
    let mode = if std::env::args().any(|a| a == "--check") {
        Mode::Check
    } else {
        Mode::from_env()
    };

    println!("Events defined by this crate:");
    let events = tidings::catalog::events_of(env!("CARGO_CRATE_NAME"));
    for event in &events {
        println!(
            "  {} v{}  {}  ({} at {}:{})",
            event.event_type(),
            event.version(),
            event.avro_name(),
            event.rust_name(),
            event.file(),
            event.line()
        );
    }

    match export::export(&schemas, &events, mode) {
        Ok(report) => println!(
            "\nSchemas in {}: {} written, {} unchanged.",
            schemas.display(),
            report.written.len(),
            report.unchanged.len()
        ),
        Err(err) => {
            eprintln!("\n{err}");
            return ExitCode::FAILURE;
        }
    }
    if !check_compatibility(&schemas, &events, mode) {
        return ExitCode::FAILURE;
    }

    let order = v2::OrderPlaced {
        order_id: uuid::Uuid::now_v7(),
        customer: Customer {
            id: uuid::Uuid::now_v7(),
            display_name: "Ada".into(),
        },
        lines: vec![
            Line {
                sku: Sku("B-42".into()),
                quantity: 3,
                unit_price: Decimal::new(1999, 2),
            },
            Line {
                sku: Sku("C-7".into()),
                quantity: 1,
                unit_price: Decimal::new(500, 2),
            },
        ],
        channel: Channel::Web,
        note: Some("leave at the door 🚪".into()),
        currency: "EUR".into(),
        placed_at: Timestamp::now(),
    };
    let bytes = tidings::encode(&order).expect("every amount fits its precision");
    let flow_order = order.clone();
    let decoded: v2::OrderPlaced = tidings::decode(&bytes).expect("our own bytes decode");
    assert_eq!(decoded, order);
    println!(
        "\n{} ({}): {} bytes of Avro, decoded back equal.",
        v2::OrderPlaced::TYPE,
        v2::OrderPlaced::schema()
            .name()
            .map(|n| n.fullname(None))
            .unwrap_or_default(),
        bytes.len()
    );

    let failed = PaymentFailed {
        order_id: order.order_id,
        amount: Decimal::new(6497, 2),
        reason: DeclineReason::Refused { code: "51".into() },
        declined_at: Timestamp::now(),
    };
    let bytes = tidings::encode(&failed).expect("64.97 fits decimal(12, 2)");
    let decoded: PaymentFailed = tidings::decode(&bytes).expect("our own bytes decode");
    println!(
        "{}: {} bytes, reason {:?}.",
        PaymentFailed::TYPE,
        bytes.len(),
        decoded.reason
    );

    let truncated = &bytes[..bytes.len() - 3];
    match tidings::decode::<PaymentFailed>(truncated) {
        Ok(_) => unreachable!("a truncated message cannot decode"),
        Err(err) => println!("A truncated message is rejected: {err}"),
    }
    let too_wide = PaymentFailed {
        amount: Decimal::new(1_000_000_000_000, 0), // 15 digits at scale 2
        ..failed
    };
    match tidings::encode(&too_wide) {
        Ok(_) => unreachable!("15 digits cannot fit decimal(12, 2)"),
        Err(err) => println!("An amount wider than its schema is refused: {err}"),
    }
    if let Err(err) = flow::run(flow_order) {
        eprintln!("the order flow failed: {err}");
        return ExitCode::FAILURE;
    }
    if let Err(err) = replay::run() {
        eprintln!("the replay failed: {err}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Checks every event against its subject's history at the registry's level (by default
/// BACKWARD_TRANSITIVE: the newest schema must read everything ever written), registering new
/// compatible revisions unless in check mode. Returns whether all is well.
fn check_compatibility(schemas: &Path, events: &[&EventInfo], mode: Mode) -> bool {
    let registry = FileRegistry::new(schemas).read_only(mode == Mode::Check);
    let on_new = match mode {
        Mode::Write => OnNew::Register,
        Mode::Check => OnNew::Report,
    };
    println!(
        "\nCompatibility with {}:",
        schemas.join("history").display()
    );
    let mut ok = true;
    for event in events {
        let schema = event.schema_json().to_string();
        let check = match check_subject(&registry, event.avro_name(), &schema, None, on_new) {
            Ok(check) => check,
            Err(err) => {
                eprintln!("  {}: {err}", event.avro_name());
                return false;
            }
        };
        let verdict = match &check.outcome {
            Outcome::Registered(version) => format!("registered, version {version}"),
            Outcome::NewlyRegistered(version) => format!("newly registered as version {version}"),
            Outcome::Unregistered => {
                ok = false;
                "compatible but not registered: run without --check, then commit".into()
            }
            Outcome::Incompatible(violations) => {
                ok = false;
                let lines: Vec<String> = violations
                    .iter()
                    .map(|v| format!("\n    version {}: {}", v.version, v.incompatibility))
                    .collect();
                format!("BREAKING{}", lines.concat())
            }
        };
        println!("  {} ({}): {verdict}", event.avro_name(), check.level);
    }
    ok
}
