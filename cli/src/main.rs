//! `tidings`: Avro contract checks for CI in any language.
//!
//! ```text
//! tidings check schemas/ --registry schemas --level BACKWARD_TRANSITIVE
//! tidings register schemas/com.acme.orders.v2.OrderPlaced.avsc --registry https://registry:8081
//! tidings diff old.avsc new.avsc --level full
//! ```
//!
//! Exit codes: 0 compatible, 1 incompatible, 2 usage or I/O error, 3 registry unreachable.

mod args;
mod output;
mod run;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = args::Cli::parse();
    match run::run(&args) {
        Ok(outcome) => outcome.exit_code(),
        Err(err) => {
            eprintln!("error: {err}");
            err.exit_code()
        }
    }
}
