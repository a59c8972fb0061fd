//! A consumer of today's `v2::OrderPlaced` replays a log written by three releases: v1 revision
//! 1, v1 revision 2 (with `customer_name`) and v2. Revisions of one major version are read by
//! schema resolution, v1 is upcast to v2, and an order the upcaster refuses goes to a dead-letter
//! route with its error, while the rest of the log goes on.

use orders_example::v2;
use tidings::evolution::{EventDecoder, EvolutionError};

/// The log, as the releases wrote it: the committed fixtures, which no type of today can write.
const LOG: [(&str, &[u8]); 6] = [
    (
        "v1 rev 1",
        include_bytes!("../../../tests/fixtures/evolution/v1r1-envelope-1.bin"),
    ),
    (
        "v2 rev 1",
        include_bytes!("../../../tests/fixtures/evolution/v2r1-envelope-1.bin"),
    ),
    (
        "v1 rev 2",
        include_bytes!("../../../tests/fixtures/evolution/v1r2-envelope-1.bin"),
    ),
    (
        "v1 rev 1",
        include_bytes!("../../../tests/fixtures/evolution/v1r1-envelope-2.bin"),
    ),
    (
        "v1 rev 1",
        include_bytes!("../../../tests/fixtures/evolution/v1r1-envelope-3.bin"),
    ),
    (
        "v1 rev 2",
        include_bytes!("../../../tests/fixtures/evolution/v1r2-envelope-2.bin"),
    ),
];

/// Replays the log; `Err` for anything but the one refused upcast it expects.
pub fn run() -> Result<(), Box<dyn std::error::Error>> {
    // Every registered revision, compiled in: no registry needed to read old bytes.
    let decoder = EventDecoder::new(tidings::embedded_history!("../../schemas")?);
    println!("\nA v2 consumer replays a log written by three releases:");
    let mut dead_letters = Vec::new();
    for (written_by, message) in LOG {
        match decoder.envelope::<v2::OrderPlaced>(message) {
            Ok(read) => {
                let envelope = read.value();
                let order = envelope.data();
                println!(
                    "  {written_by}: event {} read as v2 (written as v{}): {} line(s), \
                     customer {:?}, correlation {:?}",
                    envelope.id(),
                    read.version(),
                    order.lines.len(),
                    order.customer.display_name,
                    envelope.correlation_id().unwrap_or("-"),
                );
            }
            // The bytes are sound but the event cannot become v2: route it, keep going.
            Err(err @ EvolutionError::Upcast { .. }) => {
                println!("  {written_by}: to the dead-letter route: {err}");
                dead_letters.push((err.event_id(), message));
            }
            Err(err) => return Err(err.into()),
        }
    }
    println!(
        "  {} read, {} dead-lettered.",
        LOG.len() - dead_letters.len(),
        dead_letters.len()
    );
    if dead_letters.len() != 1 {
        return Err(format!("expected one dead letter, got {}", dead_letters.len()).into());
    }
    Ok(())
}
