//! The `cchc` binary: parse the command line, run, print any error once, exit.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

use cchc::cli::Cli;
use cchc::error::Exit;
use cchc::settings::Environment;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Block-buffered: a large report is many small writes.
    let mut stdout = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    let result = cchc::run(cli, &Environment::from_process(), &mut stdout).and_then(|exit| {
        stdout.flush()?;
        Ok(exit)
    });
    match result {
        Ok(exit) => exit.into(),
        // A reader that stops early (`cchc list | head`) is not an error.
        Err(e) if cchc::is_broken_pipe(&e) => Exit::Ok.into(),
        Err(e) => {
            eprintln!("error: {e:#}");
            Exit::Error.into()
        }
    }
}
