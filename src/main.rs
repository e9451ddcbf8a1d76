//! The `cchc` binary: parse the command line, run, print any error once, exit.

use std::io::{self, Write};
use std::process::ExitCode;

use cchc::error::Exit;
use cchc::settings::Environment;

/// Standard output whose write errors say where they happened (same kind, so a
/// closed pipe is still recognised).
struct Stdout<W: Write>(W);

fn named(e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("cannot write to standard output: {e}"))
}

impl<W: Write> Write for Stdout<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf).map_err(named)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush().map_err(named)
    }
}

fn main() -> ExitCode {
    let cli = cchc::cli::parse();
    // Block-buffered: a large report is many small writes.
    let mut stdout = io::BufWriter::with_capacity(64 * 1024, Stdout(io::stdout().lock()));
    let result = cchc::run(cli, &Environment::from_process(), &mut stdout).and_then(|exit| {
        stdout.flush()?;
        Ok(exit)
    });
    match result {
        Ok(exit) => exit.into(),
        // A reader that stops early (`cchc list | head`) is not an error.
        Err(e) if cchc::is_broken_pipe(&e) => Exit::Ok.into(),
        Err(e) => {
            eprintln!("error: {}", cchc::printable(&format!("{e:#}")));
            Exit::Error.into()
        }
    }
}
