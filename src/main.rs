//! The `keyhound` binary: parse arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = keyhound::cli::Cli::parse();
    match keyhound::app::run(cli) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(err) => {
            eprintln!("keyhound: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
