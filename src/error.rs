//! Typed errors of the data directory and the exit-code contract (a plan's own
//! problems are `plan::PlanError`, beside the plan).
//!
//! Everything above the edges uses `anyhow`; `main` prints any error once as
//! `error: ...` and exits with [`Exit::Error`].

use std::path::PathBuf;

/// The process exit codes (docs/reference.md, "Exit codes").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success.
    Ok = 0,
    /// `check` found a missed obligation (or, with `--strict`, one due soon);
    /// `import --feed` could not read one of the units' own feeds.
    Findings = 1,
    /// Any error: bad flags, bad plan, bad input, unreadable or corrupt data.
    Error = 2,
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit as u8)
    }
}

/// An error reading or writing the data directory, put in words (`text(lang)`, and
/// `Display` in English) by the catalogue, `i18n/store.rs`.
#[derive(Debug)]
pub enum StoreError {
    /// A line that cannot be read as a record: `articles.jsonl:3: ...`.
    BadLine {
        file: String,
        line: usize,
        message: String,
    },
    /// A data file with other hard links, which a whole replacement would split.
    HardLinked { file: String, links: u64 },
    /// The highest id of a file is the highest number cchc can count to (written
    /// by hand or by another tool): a new id would repeat one.
    NoIdLeft { file: String, highest: String },
    /// The operating system refused something: `action` names what cchc could
    /// not do ("read", "lock", …); the system's words are the source, so that
    /// `{:#}` says them once.
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl StoreError {
    pub fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> StoreError {
        let path = path.into();
        move |source| StoreError::Io {
            action,
            path,
            source,
        }
    }
}
