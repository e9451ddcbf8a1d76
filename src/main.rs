//! The `cchc` binary: parse the command line, run, print any error once, exit.

use std::io::{self, Write};
use std::process::ExitCode;

use cchc::Failure;
use cchc::error::Exit;
use cchc::lang::Lang;
use cchc::settings::{Environment, Settings};

/// Standard output whose write errors say where they happened, in the language
/// asked for (same kind, so a closed pipe is still recognised).
struct Stdout<W: Write>(W, Lang);

impl<W: Write> Stdout<W> {
    fn named(&self, e: io::Error) -> io::Error {
        let place = cchc::i18n::FirstDay::StdoutUnwritable.text(self.1);
        io::Error::new(e.kind(), format!("{place}: {e}"))
    }
}

impl<W: Write> Write for Stdout<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf).map_err(|e| self.named(e))
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush().map_err(|e| self.named(e))
    }
}

fn main() -> ExitCode {
    // A file-size limit (`ulimit -f`, systemd's `LimitFSIZE=`) must fail a write
    // with EFBIG, which the store undoes and reports, not kill the process in the
    // middle of a line (SIGXFSZ's default): PostgreSQL ignores it for this reason.
    let _ = signal_hook::flag::register(
        signal_hook::consts::SIGXFSZ,
        std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
    );
    let cli = cchc::cli::parse();
    let env = Environment::from_process();
    let asked = Settings::asked_lang(&cli.global, &env);
    // Block-buffered: a large report is many small writes.
    let mut stdout = io::BufWriter::with_capacity(64 * 1024, Stdout(io::stdout().lock(), asked));
    let result = cchc::run(cli, &env, &mut stdout).and_then(|exit| {
        stdout.flush().map_err(|e| Failure::new(e.into(), asked))?;
        Ok(exit)
    });
    match result {
        Ok(exit) => exit.into(),
        // A reader that stops early (`cchc list | head`) is not an error.
        Err(failure) if cchc::is_broken_pipe(&failure.error) => Exit::Ok.into(),
        Err(failure) => {
            eprintln!("{}", failure.message());
            Exit::Error.into()
        }
    }
}
