//! Typed errors at the edges (plan, store) and the exit-code contract.
//!
//! Everything above the edges uses `anyhow`; `main` prints any error once as
//! `error: ...` and exits with [`Exit::Error`].

use std::fmt;
use std::path::PathBuf;

use crate::lang::{Lang, Said};

/// The process exit codes of SPEC "Exit codes".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success.
    Ok = 0,
    /// `check` found a missed obligation (or, with `--strict`, one due soon).
    Findings = 1,
    /// Any error: bad flags, bad plan, bad input, unreadable or corrupt data.
    Error = 2,
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit as u8)
    }
}

/// One problem found in a plan file, at a line and column (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanProblem {
    pub line: usize,
    pub column: usize,
    pub message: Said,
}

/// A plan that cannot be used, with every problem found in it.
#[derive(Debug)]
pub struct PlanError {
    /// The file as the user named it, or `plan.toml (built-in)`.
    pub file: String,
    pub problems: Vec<PlanProblem>,
    /// The plan's own `lang`, when it could be read: the language to say them in
    /// unless `--lang` or `CCHC_LANG` says otherwise.
    pub lang: Option<Lang>,
}

impl PlanError {
    /// Every problem as `file:line:column: what`, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let mut out = String::new();
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&format!(
                "{}:{}:{}: {}",
                self.file,
                p.line,
                p.column,
                p.message.get(lang)
            ));
        }
        if self.problems.len() > 1 {
            out.push_str(&match lang {
                Lang::Vi => format!("\n({} lỗi trong {})", self.problems.len(), self.file),
                Lang::En => format!("\n({} problems in {})", self.problems.len(), self.file),
            });
        }
        out
    }
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(self.lang.unwrap_or(Lang::Vi)))
    }
}

impl std::error::Error for PlanError {}

/// An error reading or writing the data directory.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A line that cannot be read as a record: `articles.jsonl:3: ...`.
    #[error("{file}:{line}: {message}")]
    BadLine {
        file: String,
        line: usize,
        message: String,
    },
    /// The operating system refused something (its words follow as the source, so
    /// that `{:#}` says them once).
    #[error("cannot {action} {}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
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
