//! Typed errors of the data directory and the exit-code contract (a plan's own
//! problems are `plan::PlanError`, beside the plan).
//!
//! Everything above the edges uses `anyhow`; `main` prints any error once as
//! `error: ...` and exits with [`Exit::Error`].

use std::path::PathBuf;

use crate::lang::Lang;

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

/// The actions of [`StoreError::Io`] in Vietnamese ("cannot read" → "không đọc
/// được"); a test holds every action the code names to this list.
const ACTIONS_VI: &[(&str, &str)] = &[
    ("read", "đọc"),
    ("write", "ghi"),
    ("lock", "khóa"),
    ("open", "mở"),
    ("copy", "sao chép"),
    ("create a temporary beside", "tạo tệp tạm cạnh"),
    ("create the data directory", "tạo thư mục dữ liệu"),
    ("open the lock file", "mở tệp khóa"),
    ("read the data directory", "đọc thư mục dữ liệu"),
    ("replace", "thay"),
    ("truncate", "cắt ngắn"),
    ("use", "dùng"),
    ("use the data directory", "dùng thư mục dữ liệu"),
];

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
    /// A data file with other hard links, which a whole replacement would split.
    #[error(
        "{file} has {links} hard links (another data directory sharing it?): an import replaces the file whole and would split them; nothing was imported. Share one data directory, or a symbolic link (ln -s) instead of a hard link"
    )]
    HardLinked { file: String, links: u64 },
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
    /// This error's own words (not its source's) in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::En, e) => e.to_string(),
            (
                Lang::Vi,
                StoreError::BadLine {
                    file,
                    line,
                    message,
                },
            ) => format!("{file}:{line}: dòng không đọc được ({message})"),
            (Lang::Vi, StoreError::HardLinked { file, links }) => format!(
                "{file} có {links} liên kết cứng (thư mục dữ liệu khác dùng chung tệp?): nhập cả loạt sẽ thay tệp mới và tách chúng ra; chưa nhập gì. Dùng chung một thư mục dữ liệu, hoặc liên kết tượng trưng (ln -s) thay cho liên kết cứng"
            ),
            (Lang::Vi, StoreError::Io { action, path, .. }) => {
                let verb = ACTIONS_VI
                    .iter()
                    .find(|(en, _)| en == action)
                    .map_or(*action, |(_, vi)| vi);
                format!("không {verb} được {}", path.display())
            }
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every action a `StoreError::io(...)` names has its Vietnamese words.
    #[test]
    fn every_store_action_is_said_in_vietnamese() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut seen = 0;
        for file in ["store.rs", "scan.rs", "files.rs", "plans.rs"] {
            let text = std::fs::read_to_string(src.join(file)).unwrap();
            for call in text.split("StoreError::io(\"").skip(1) {
                let action = call.split('"').next().unwrap();
                assert!(
                    ACTIONS_VI.iter().any(|(en, _)| *en == action),
                    "{file}: `{action}` has no Vietnamese"
                );
                seen += 1;
            }
        }
        assert!(seen >= 10, "only {seen} actions found");
        let error = StoreError::Io {
            action: "lock",
            path: PathBuf::from("/d/articles.jsonl"),
            source: std::io::Error::other("x"),
        };
        assert_eq!(error.text(Lang::Vi), "không khóa được /d/articles.jsonl");
        assert_eq!(error.text(Lang::En), "cannot lock /d/articles.jsonl");
    }
}
