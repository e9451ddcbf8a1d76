//! The data directory: three JSON Lines files, read with line numbers and appended
//! to under an exclusive lock.
//!
//! The rules of SPEC "Data safety" live here and only here:
//! - an append is whole lines in one `write_all`, under an exclusive lock on the
//!   directory, followed by `sync_data`; if either fails the file is cut back to the
//!   length it had, so no partial line is left behind;
//! - a final line without `\n` that parses is a record (edited by hand): the next
//!   append first adds the missing `\n`;
//! - a final line without `\n` that does not parse is a write cut short: readers
//!   ignore it with a warning, and the next append moves its bytes to `<file>.torn`
//!   and cuts them from the file;
//! - any other malformed line is an error naming file and line; nothing is rewritten.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::error::StoreError;
use crate::record::{
    Article, Broadcast, DataFile, Line, Located, Records, Submission, Void, parse_line,
};

/// The name of the lock file inside the data directory.
const LOCK_FILE: &str = ".lock";

/// A data directory.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

/// What was read, and what a person should be told about it.
#[derive(Debug, Default)]
pub struct Loaded {
    pub records: Records,
    /// Torn final lines that were ignored, as `file:line: ...`.
    pub warnings: Vec<String>,
}

/// What was read, malformed lines included.
#[derive(Debug, Default)]
pub struct Scan {
    pub records: Records,
    /// Lines that are not records, each with what is wrong.
    pub bad_lines: Vec<Located<String>>,
    pub warnings: Vec<String>,
}

/// Proof that this process holds the directory's exclusive lock; released on drop.
#[derive(Debug)]
pub struct DirLock {
    _file: File,
}

impl Store {
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self, file: DataFile) -> PathBuf {
        self.dir.join(file.file_name())
    }

    /// Reads every data file. A missing directory or file reads as empty; the first
    /// malformed line is an error.
    pub fn load(&self) -> Result<Loaded, StoreError> {
        let scan = self.scan()?;
        if let Some(bad) = scan.bad_lines.into_iter().next() {
            return Err(StoreError::BadLine {
                file: bad.file.file_name().to_string(),
                line: bad.line,
                message: bad.value,
            });
        }
        Ok(Loaded {
            records: scan.records,
            warnings: scan.warnings,
        })
    }

    /// Reads every data file, keeping every malformed line (for `verify`); only
    /// what the operating system refuses is an error.
    pub fn scan(&self) -> Result<Scan, StoreError> {
        if self.dir.exists() && !self.dir.is_dir() {
            return Err(not_a_directory(&self.dir));
        }
        let mut scan = Scan::default();
        let mut voids = Vec::new();
        let articles = self.read_file::<Article>(DataFile::Articles, &mut voids, &mut scan)?;
        let broadcasts =
            self.read_file::<Broadcast>(DataFile::Broadcasts, &mut voids, &mut scan)?;
        let submissions =
            self.read_file::<Submission>(DataFile::Submissions, &mut voids, &mut scan)?;
        scan.records = Records::new(articles, broadcasts, submissions, voids);
        Ok(scan)
    }

    fn read_file<T: DeserializeOwned>(
        &self,
        file: DataFile,
        voids: &mut Vec<Located<Void>>,
        scan: &mut Scan,
    ) -> Result<Vec<Located<T>>, StoreError> {
        let path = self.path(file);
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::io("read", &path)(e)),
        };
        let mut records = Vec::new();
        for raw in split_lines(&bytes) {
            let parsed = std::str::from_utf8(raw.text)
                .map_err(|e| format!("not UTF-8 text (byte {} of the line)", e.valid_up_to() + 1))
                .and_then(|text| {
                    if text.trim().is_empty() {
                        Ok(None)
                    } else {
                        parse_line::<T>(text).map(Some)
                    }
                });
            let line = raw.number;
            match (parsed, raw.terminated) {
                (Ok(None), _) => {}
                (Ok(Some(Line::Record(value))), _) => records.push(Located { file, line, value }),
                (Ok(Some(Line::Void(value))), _) => voids.push(Located { file, line, value }),
                (Err(message), true) => scan.bad_lines.push(Located { file, line, value: message }),
                (Err(_), false) => scan.warnings.push(format!(
                    "{}:{line}: the last line was cut short (no newline, not a complete record); it is ignored, and the next write moves it to {}.torn",
                    file.file_name(),
                    file.file_name()
                )),
            }
        }
        Ok(records)
    }

    /// Takes the directory's exclusive lock, creating the directory if needed. Blocks
    /// until no other cchc process holds it.
    pub fn lock(&self) -> Result<DirLock, StoreError> {
        if self.dir.exists() && !self.dir.is_dir() {
            return Err(not_a_directory(&self.dir));
        }
        fs::create_dir_all(&self.dir)
            .map_err(StoreError::io("create the data directory", &self.dir))?;
        let path = self.dir.join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(StoreError::io("open the lock file", &path))?;
        file.lock().map_err(StoreError::io("lock", &path))?;
        Ok(DirLock { _file: file })
    }

    /// Appends whole lines (each without `\n`) to `file` and flushes them to disk.
    /// Returns warnings about a torn final line that was moved away first.
    pub fn append(
        &self,
        _lock: &DirLock,
        file: DataFile,
        lines: &[String],
    ) -> Result<Vec<String>, StoreError> {
        debug_assert!(lines.iter().all(|l| !l.contains('\n')));
        let path = self.path(file);
        let mut out = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(&path)
            .map_err(StoreError::io("open", &path))?;
        let mut warnings = Vec::new();
        let mut buffer = Vec::new();
        let (tail_start, tail) =
            unterminated_tail(&mut out).map_err(StoreError::io("read", &path))?;
        if !tail.is_empty() {
            let text = std::str::from_utf8(&tail).ok();
            if text.is_some_and(|t| parses_in(file, t)) {
                buffer.push(b'\n');
            } else {
                self.move_torn_tail(&out, file, tail_start, &tail)?;
                warnings.push(format!(
                    "{}: moved a cut-short last line ({} bytes) to {}.torn",
                    file.file_name(),
                    tail.len(),
                    file.file_name()
                ));
            }
        }
        for line in lines {
            buffer.extend_from_slice(line.as_bytes());
            buffer.push(b'\n');
        }
        let before = out.metadata().map_err(StoreError::io("read", &path))?.len();
        let written = out.write_all(&buffer).and_then(|()| out.sync_data());
        if let Err(e) = written {
            // Leave no partial line: cut back to where this append started.
            let _ = out.set_len(before).and_then(|()| out.sync_data());
            return Err(StoreError::io("write", &path)(e));
        }
        Ok(warnings)
    }

    fn move_torn_tail(
        &self,
        out: &File,
        file: DataFile,
        tail_start: u64,
        tail: &[u8],
    ) -> Result<(), StoreError> {
        let torn_path = self.dir.join(format!("{}.torn", file.file_name()));
        let mut torn = OpenOptions::new()
            .append(true)
            .create(true)
            .open(&torn_path)
            .map_err(StoreError::io("open", &torn_path))?;
        torn.write_all(tail)
            .and_then(|()| torn.write_all(b"\n"))
            .and_then(|()| torn.sync_data())
            .map_err(StoreError::io("write", &torn_path))?;
        let path = self.path(file);
        out.set_len(tail_start)
            .and_then(|()| out.sync_data())
            .map_err(StoreError::io("truncate", &path))
    }
}

fn not_a_directory(dir: &Path) -> StoreError {
    StoreError::Io {
        action: "use the data directory",
        path: dir.to_path_buf(),
        source: io::Error::other("it exists and is not a directory"),
    }
}

/// Whether `text` is a valid line (record or void) of `file`.
fn parses_in(file: DataFile, text: &str) -> bool {
    match file {
        DataFile::Articles => parse_line::<Article>(text).is_ok(),
        DataFile::Broadcasts => parse_line::<Broadcast>(text).is_ok(),
        DataFile::Submissions => parse_line::<Submission>(text).is_ok(),
    }
}

/// The offset and bytes of the file's final line when it has no `\n` (empty when the
/// file is empty or ends in `\n`). Reads backwards in blocks, not the whole file.
fn unterminated_tail(file: &mut File) -> io::Result<(u64, Vec<u8>)> {
    const BLOCK: u64 = 64 * 1024;
    let len = file.metadata()?.len();
    let mut tail: Vec<u8> = Vec::new();
    let mut end = len;
    while end > 0 {
        let start = end.saturating_sub(BLOCK);
        let mut block = vec![0; (end - start) as usize];
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(&mut block)?;
        if end == len && block.last() == Some(&b'\n') {
            return Ok((len, Vec::new()));
        }
        if let Some(i) = block.iter().rposition(|&b| b == b'\n') {
            block.drain(..=i);
            block.extend_from_slice(&tail);
            return Ok((start + i as u64 + 1, block));
        }
        block.extend_from_slice(&tail);
        tail = block;
        end = start;
    }
    Ok((0, tail))
}

/// One line of a file: its 1-based number, its bytes without `\n` (and without a
/// final `\r`), and whether it ended in `\n`.
struct RawLine<'a> {
    number: usize,
    text: &'a [u8],
    terminated: bool,
}

fn split_lines(bytes: &[u8]) -> impl Iterator<Item = RawLine<'_>> {
    let mut rest = bytes;
    let mut number = 0;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        number += 1;
        let (line, terminated) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => {
                let line = &rest[..i];
                rest = &rest[i + 1..];
                (line, true)
            }
            None => (std::mem::take(&mut rest), false),
        };
        let text = line.strip_suffix(b"\r").unwrap_or(line);
        Some(RawLine {
            number,
            text,
            terminated,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn article_line(id: &str, title: &str) -> String {
        serde_json::json!({
            "id": id, "unit": "noi-vu", "date": "2022-03-15", "title": title,
            "topics": [], "logged_at": "2022-03-15T08:00:00+07:00"
        })
        .to_string()
    }

    #[test]
    fn lines_keep_their_numbers() {
        let lines: Vec<_> = split_lines(b"a\r\n\nb\nc")
            .map(|l| (l.number, l.text, l.terminated))
            .collect();
        assert_eq!(
            lines,
            [
                (1, &b"a"[..], true),
                (2, &b""[..], true),
                (3, &b"b"[..], true),
                (4, &b"c"[..], false)
            ]
        );
    }

    #[test]
    fn a_torn_tail_is_ignored_then_moved_aside() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let path = store.path(DataFile::Articles);
        fs::write(
            &path,
            format!("{}\n{{\"id\":\"A2\",\"un", article_line("A1", "one")),
        )
        .unwrap();
        let loaded = store.load().unwrap();
        assert_eq!(loaded.records.articles.len(), 1);
        assert!(
            loaded.warnings[0].starts_with("articles.jsonl:2:"),
            "{:?}",
            loaded.warnings
        );
        let lock = store.lock().unwrap();
        let warnings = store
            .append(&lock, DataFile::Articles, &[article_line("A3", "three")])
            .unwrap();
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            format!(
                "{}\n{}\n",
                article_line("A1", "one"),
                article_line("A3", "three")
            )
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("articles.jsonl.torn")).unwrap(),
            "{\"id\":\"A2\",\"un\n"
        );
    }

    #[test]
    fn a_complete_last_line_without_newline_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let path = store.path(DataFile::Articles);
        fs::write(&path, article_line("A1", "one")).unwrap();
        assert_eq!(store.load().unwrap().records.articles.len(), 1);
        let lock = store.lock().unwrap();
        assert!(
            store
                .append(&lock, DataFile::Articles, &[article_line("A2", "two")])
                .unwrap()
                .is_empty()
        );
        assert_eq!(store.load().unwrap().records.articles.len(), 2);
        assert!(!dir.path().join("articles.jsonl.torn").exists());
    }

    #[test]
    fn a_malformed_middle_line_is_an_error_with_its_number() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        fs::write(
            store.path(DataFile::Articles),
            format!(
                "{}\nnot json\n{}\n",
                article_line("A1", "a"),
                article_line("A2", "b")
            ),
        )
        .unwrap();
        let err = store.load().unwrap_err().to_string();
        assert!(err.starts_with("articles.jsonl:2: "), "{err}");
    }

    #[test]
    fn tails_longer_than_a_block_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let long = "x".repeat(200_000);
        fs::write(&path, format!("a\n{long}")).unwrap();
        let mut f = File::open(&path).unwrap();
        let (start, tail) = unterminated_tail(&mut f).unwrap();
        assert_eq!((start, tail.len()), (2, 200_000));
        fs::write(&path, &long).unwrap();
        let mut f = File::open(&path).unwrap();
        assert_eq!(unterminated_tail(&mut f).unwrap().0, 0);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        #[test]
        fn whatever_is_appended_reads_back_the_same(titles in proptest::collection::vec("\\PC{1,30}", 1..20)) {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::new(dir.path().join("data"));
            let lock = store.lock().unwrap();
            let lines: Vec<String> = titles.iter().enumerate().map(|(i, t)| article_line(&format!("A{i}"), t)).collect();
            for chunk in lines.chunks(3) {
                store.append(&lock, DataFile::Articles, chunk).unwrap();
            }
            let read: Vec<String> = store.load().unwrap().records.articles.into_iter().map(|l| l.value.title).collect();
            prop_assert_eq!(read, titles);
        }
    }
}
