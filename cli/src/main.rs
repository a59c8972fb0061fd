//! `tidings`: Avro contract checks for CI in any language.
//!
//! ```text
//! tidings check schemas/ --registry schemas --level BACKWARD_TRANSITIVE
//! tidings register schemas/com.acme.orders.v2.OrderPlaced.avsc --registry https://registry:8081
//! tidings diff old.avsc new.avsc --level full
//! tidings fingerprint schemas/com.acme.orders.v2.OrderPlaced.avsc
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
            // `check` and `register` have printed their report already; `fingerprint` has not.
            if args.format == args::Format::Json
                && matches!(args.command, args::Command::Fingerprint { .. })
            {
                output::print_error(&err.to_string());
            }
            err.exit_code()
        }
    }
}
