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
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let args = match args::Cli::try_parse_from(&argv) {
        Ok(args) => args,
        Err(err) => return output::usage_error(&err, args::wants_json(&argv)),
    };
    match run::run(&args) {
        Ok(outcome) => outcome.exit_code(),
        Err(failure) => {
            output::print_failure(&failure, &args);
            failure.error.exit_code()
        }
    }
}
