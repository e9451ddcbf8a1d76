//! The data directory: four JSON Lines files, read with line numbers and appended
//! to under an exclusive lock.
//!
//! The rules of data safety live here and only here:
//! - a write takes an exclusive lock on a lock file beside the *real* path of the
//!   data file (`.articles.jsonl.lock`, symlinks resolved), so two directories that
//!   share one file by a symlink share one lock; then, when the data file exists,
//!   a lock on the data file itself (opened for reading only), re-taken until the
//!   path still names the file locked: two directories whose files are hard links
//!   to one file (one file, two paths) also take one lock. An `import` replaces the
//!   file whole, which would split hard links, so it refuses a hard-linked file;
//! - in a group-shared directory a lock file takes the data file's group and
//!   read/write bits (a new one: the folder's), a replaced file keeps its group and
//!   permissions, and a lock file is locked through a read-only handle, so a member
//!   whose umask is 022 leaves nothing the next member cannot use;
//! - an append is whole lines in one `write_all`, followed by `sync_data`; if either
//!   fails the file is cut back to the length it had, so no partial line is left;
//! - a large write (`import`) is all or nothing even if the process is killed: the
//!   file is copied into an exclusive temporary beside it, the lines are appended
//!   there, and the copy is renamed over the file ([`Store::append_whole`]);
//! - only regular files are read or written: a dangling symlink, a FIFO or a device
//!   where a data file should be is an error, never "no records";
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
use crate::files::{self, real_path, regular_or_absent};
use crate::record::{
    Activity, Article, Broadcast, DataFile, Line, Located, Records, Submission, Void, parse_line,
};

/// A data directory.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

/// What was read, and what a person should be told about it.
#[derive(Debug, Default)]
pub struct Loaded {
    pub records: Records,
    /// Torn final lines that were ignored.
    pub warnings: Vec<StoreWarning>,
}

/// What was read, malformed lines included.
#[derive(Debug, Default)]
pub struct Scan {
    pub records: Records,
    /// Lines that are not records, each with what is wrong.
    pub bad_lines: Vec<Located<String>>,
    pub warnings: Vec<StoreWarning>,
}

/// What a person should be told about a data file that was read or written all
/// the same (rendered in their language by the catalogue, `i18n/store.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreWarning {
    /// The last line has no newline and is not a whole record: it is ignored, and
    /// the next write moves it to `<file>.torn`.
    TornLastLine { file: DataFile, line: usize },
    /// A write moved such a line (`bytes` long) to `<file>.torn` first.
    MovedTornLine { file: DataFile, bytes: usize },
}

/// Proof that this process holds the exclusive lock of one data file; released on
/// drop.
#[derive(Debug)]
pub struct FileLock {
    _file: File,
    /// The data file itself, locked too (its identity: every hard link of it).
    _identity: Option<File>,
    data_file: DataFile,
    /// The data file's real path (symlinks resolved).
    real: PathBuf,
}

impl FileLock {
    /// The data file this lock is for.
    pub fn data_file(&self) -> DataFile {
        self.data_file
    }
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
        check_dir(&self.dir)?;
        let mut scan = Scan::default();
        let mut voids = Vec::new();
        let articles = self.read_file::<Article>(DataFile::Articles, &mut voids, &mut scan)?;
        let broadcasts =
            self.read_file::<Broadcast>(DataFile::Broadcasts, &mut voids, &mut scan)?;
        let submissions =
            self.read_file::<Submission>(DataFile::Submissions, &mut voids, &mut scan)?;
        let activities = self.read_file::<Activity>(DataFile::Activities, &mut voids, &mut scan)?;
        scan.records =
            Records::new(articles, broadcasts, submissions, voids).with_activities(activities);
        Ok(scan)
    }

    fn read_file<T: DeserializeOwned>(
        &self,
        file: DataFile,
        voids: &mut Vec<Located<Void>>,
        scan: &mut Scan,
    ) -> Result<Vec<Located<T>>, StoreError> {
        let path = self.path(file);
        if regular_or_absent(&path)
            .map_err(StoreError::io("read", &path))?
            .is_none()
        {
            return Ok(Vec::new());
        }
        let mut records = Vec::new();
        let mut line = 0;
        read_lines(&path, 0, u64::MAX, |_, raw, terminated| {
            line += 1;
            match classify(raw, terminated, parse_line::<T>) {
                LineKind::Blank => {}
                LineKind::Value(Line::Record(value)) => records.push(Located { file, line, value }),
                LineKind::Value(Line::Void(value)) => voids.push(Located { file, line, value }),
                LineKind::Bad(message) => scan.bad_lines.push(Located {
                    file,
                    line,
                    value: message,
                }),
                LineKind::Torn => scan
                    .warnings
                    .push(StoreWarning::TornLastLine { file, line }),
            }
        })
        .map_err(StoreError::io("read", &path))?;
        Ok(records)
    }

    /// Takes the exclusive lock of `file`, creating the directory if needed. Blocks
    /// until no other cchc process holds it. Temporaries a killed import left
    /// beside the file are removed.
    pub fn lock(&self, file: DataFile) -> Result<FileLock, StoreError> {
        check_dir(&self.dir)?;
        fs::create_dir_all(&self.dir)
            .map_err(StoreError::io("create the data directory", &self.dir))?;
        let path = self.path(file);
        let real = real_path(&path).map_err(StoreError::io("use", &path))?;
        // Hidden, beside the real file: `.articles.jsonl.lock`.
        let name = real
            .file_name()
            .map_or_else(Default::default, |n| n.to_string_lossy());
        let lock_path = real.with_file_name(format!(".{name}.lock"));
        let lock_file = open_lock_file(&lock_path, &real)
            .map_err(StoreError::io("open the lock file", &lock_path))?;
        lock_file
            .lock()
            .map_err(StoreError::io("lock", &lock_path))?;
        let identity = lock_identity(&real).map_err(StoreError::io("lock", &real))?;
        files::remove_stale_temporaries(&real);
        Ok(FileLock {
            _file: lock_file,
            _identity: identity,
            data_file: file,
            real,
        })
    }

    /// Appends whole lines (each without `\n`) to the locked file and flushes them
    /// to disk. Returns warnings about a torn final line that was moved away first.
    pub fn append(
        &self,
        lock: &FileLock,
        lines: &[String],
    ) -> Result<Vec<StoreWarning>, StoreError> {
        let path = &lock.real;
        let mut out = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(path)
            .map_err(StoreError::io("open", path))?;
        let before = out.metadata().map_err(StoreError::io("read", path))?.len();
        if before == 0
            && let Some(dir) = path.parent()
        {
            // Perhaps just made: shared as its folder is. Best effort: an empty
            // file another member made is theirs to change, and already shared.
            let _ = files::share_like_folder(&out, dir);
        }
        let (buffer, warnings) = self.prepare_append(&mut out, lock, lines)?;
        let written = out.write_all(&buffer).and_then(|()| out.sync_data());
        if let Err(e) = written {
            // Leave no partial line: cut back to where this append started.
            let _ = out.set_len(before).and_then(|()| out.sync_data());
            return Err(StoreError::io("write", path)(e));
        }
        Ok(warnings)
    }

    /// Appends lines all or nothing, even if the process is killed at any moment:
    /// the file is copied into an exclusive temporary beside its real path, the
    /// lines go there, and the copy is renamed over the file (with its
    /// permissions). Costs a copy of the file; `import` uses it.
    pub fn append_whole(
        &self,
        lock: &FileLock,
        lines: &[String],
    ) -> Result<Vec<StoreWarning>, StoreError> {
        let real = &lock.real;
        if let Some(meta) = regular_or_absent(real).map_err(StoreError::io("read", real))? {
            use std::os::unix::fs::MetadataExt as _;
            if meta.nlink() > 1 {
                return Err(StoreError::HardLinked {
                    file: lock.data_file.file_name().to_string(),
                    links: meta.nlink(),
                });
            }
        }
        let (mut copy, temporary) = files::exclusive_temporary(real)
            .map_err(StoreError::io("create a temporary beside", real))?;
        let done = (|| -> Result<Vec<StoreWarning>, StoreError> {
            if regular_or_absent(real)
                .map_err(StoreError::io("read", real))?
                .is_some()
            {
                let mut original = File::open(real).map_err(StoreError::io("read", real))?;
                io::copy(&mut original, &mut copy).map_err(StoreError::io("copy", real))?;
            }
            let (buffer, warnings) = self.prepare_append(&mut copy, lock, lines)?;
            copy.seek(SeekFrom::End(0))
                .and_then(|_| copy.write_all(&buffer))
                .map_err(StoreError::io("write", &temporary))?;
            files::commit_temporary(copy, &temporary, real, files::Group::MustStay)
                .map_err(StoreError::io("replace", real))?;
            Ok(warnings)
        })();
        if done.is_err() {
            let _ = fs::remove_file(&temporary);
        }
        done
    }

    /// What an append writes after the file's current end: a missing `\n` after a
    /// hand-edited last line, then the lines. A torn last line is moved to
    /// `<file>.torn` and cut from `out` first.
    fn prepare_append(
        &self,
        out: &mut File,
        lock: &FileLock,
        lines: &[String],
    ) -> Result<(Vec<u8>, Vec<StoreWarning>), StoreError> {
        debug_assert!(lines.iter().all(|l| !l.contains('\n')));
        let file = lock.data_file;
        let mut warnings = Vec::new();
        let mut buffer = Vec::new();
        let read_error = |e| StoreError::io("read", &lock.real)(e);
        let len = out.metadata().map_err(read_error)?.len();
        let tail_start = unterminated_tail_start(out).map_err(read_error)?;
        let bytes = len - tail_start;
        if bytes > 0 {
            // A line longer than any record is no record: moved unread.
            let parses = bytes <= MAX_LINE as u64 && {
                let mut tail = Vec::new();
                out.seek(SeekFrom::Start(tail_start))
                    .and_then(|_| out.read_to_end(&mut tail))
                    .map_err(read_error)?;
                std::str::from_utf8(&tail).is_ok_and(|t| parses_in(file, t))
            };
            if parses {
                buffer.push(b'\n');
            } else {
                self.move_torn_tail(out, file, tail_start, len)?;
                let bytes = usize::try_from(bytes).unwrap_or(usize::MAX);
                warnings.push(StoreWarning::MovedTornLine { file, bytes });
            }
        }
        for line in lines {
            buffer.extend_from_slice(line.as_bytes());
            buffer.push(b'\n');
        }
        Ok((buffer, warnings))
    }

    /// Copies `tail_start..len` of `out` to `<file>.torn` (streamed: a torn tail
    /// may be longer than memory), then cuts it from `out`.
    fn move_torn_tail(
        &self,
        out: &mut File,
        file: DataFile,
        tail_start: u64,
        len: u64,
    ) -> Result<(), StoreError> {
        let torn_path = self.dir.join(format!("{}.torn", file.file_name()));
        // Never through a symbolic link planted in a shared folder.
        let mut torn =
            files::open_append_no_follow(&torn_path).map_err(StoreError::io("open", &torn_path))?;
        out.seek(SeekFrom::Start(tail_start))
            .map_err(StoreError::io("read", &self.path(file)))?;
        io::copy(&mut (&*out).take(len - tail_start), &mut torn)
            .and_then(|_| torn.write_all(b"\n"))
            .and_then(|()| torn.sync_data())
            .map_err(StoreError::io("write", &torn_path))?;
        let path = self.path(file);
        out.set_len(tail_start)
            .and_then(|()| out.sync_data())
            .map_err(StoreError::io("truncate", &path))
    }
}

/// The lock file at `lock_path`, opened for writing, else (another member's that
/// this user may not write) for reading: a lock needs no more, so a lock file is
/// usable whatever its write bits; made when missing, with the data file's group and read/write bits (or its folder's
/// sharing when there is no data file yet).
fn open_lock_file(lock_path: &Path, real: &Path) -> io::Result<File> {
    loop {
        match OpenOptions::new().write(true).open(lock_path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            // Another member's lock file that this user may not write.
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
                return File::open(lock_path);
            }
            other => return other,
        }
        let made = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(lock_path);
        match made {
            Ok(file) => {
                match fs::metadata(real) {
                    Ok(data) if data.is_file() => files::share_like(&file, &data)?,
                    _ => files::share_like_folder(
                        &file,
                        lock_path.parent().unwrap_or(Path::new(".")),
                    )?,
                }
                return Ok(file);
            }
            // Another process made it first: open that one.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Locks the data file itself (its identity, shared by every hard link of it),
/// opened for reading only; `None` when there is no data file yet (then no other
/// path can name it). Re-taken while the path names another file than the one
/// locked (an import replaced it meanwhile).
fn lock_identity(real: &Path) -> io::Result<Option<File>> {
    use std::os::unix::fs::MetadataExt as _;
    loop {
        let file = match File::open(real) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            other => other?,
        };
        file.lock()?;
        let held = file.metadata()?;
        match fs::metadata(real) {
            Ok(now) if now.dev() == held.dev() && now.ino() == held.ino() => return Ok(Some(file)),
            Ok(_) => continue,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        }
    }
}

pub(crate) fn not_a_directory(dir: &Path) -> StoreError {
    StoreError::Io {
        action: "use the data directory",
        path: dir.to_path_buf(),
        source: io::Error::other("it exists and is not a directory"),
    }
}

/// Whether the data directory is there (`false`: nothing is logged yet); an error
/// when it is something else, a symlink that leads nowhere, or unreadable.
pub(crate) fn check_dir(dir: &Path) -> Result<bool, StoreError> {
    match fs::symlink_metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(StoreError::io("use the data directory", dir)(e)),
        Ok(_) => {}
    }
    let meta = fs::metadata(dir).map_err(|e| StoreError::Io {
        action: "use the data directory",
        path: dir.to_path_buf(),
        source: io::Error::new(
            e.kind(),
            format!("it is a symbolic link that leads nowhere ({e})"),
        ),
    })?;
    if !meta.is_dir() {
        return Err(not_a_directory(dir));
    }
    fs::read_dir(dir).map_err(StoreError::io("read the data directory", dir))?;
    Ok(true)
}

/// The byte-order mark an editor may put before a line (read as nothing).
const BOM: &str = "\u{feff}";

/// Whether `text` is a valid line (record or void) of `file`, read as
/// [`classify`] reads it.
fn parses_in(file: DataFile, text: &str) -> bool {
    let text = text.strip_suffix('\r').unwrap_or(text);
    let text = text.strip_prefix(BOM).unwrap_or(text);
    match file {
        DataFile::Articles => parse_line::<Article>(text).is_ok(),
        DataFile::Broadcasts => parse_line::<Broadcast>(text).is_ok(),
        DataFile::Submissions => parse_line::<Submission>(text).is_ok(),
        DataFile::Activities => parse_line::<Activity>(text).is_ok(),
    }
}

/// The offset where the file's final line starts when it has no `\n` (the file's
/// length when the file is empty or ends in `\n`). Reads backwards in blocks, not
/// the whole file, and holds one block at a time whatever the line's length.
fn unterminated_tail_start(file: &mut File) -> io::Result<u64> {
    const BLOCK: u64 = 64 * 1024;
    let len = file.metadata()?.len();
    let mut block = vec![0; BLOCK as usize];
    let mut end = len;
    while end > 0 {
        let start = end.saturating_sub(BLOCK);
        let block = &mut block[..(end - start) as usize];
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(block)?;
        if end == len && block.last() == Some(&b'\n') {
            return Ok(len);
        }
        if let Some(i) = memchr::memrchr(b'\n', block) {
            return Ok(start + i as u64 + 1);
        }
        end = start;
    }
    Ok(0)
}

/// What one line of a data file turned out to be.
pub(crate) enum LineKind<T> {
    /// Empty or white space only: skipped.
    Blank,
    Value(T),
    /// Malformed, and followed by more: an error naming file and line.
    Bad(String),
    /// Malformed and the file's last line without `\n`: a write cut short.
    Torn,
}

/// Reads one line (its bytes without `\n`) with `parse`, by the rules of the
/// README's "Your data is safe" (a torn last line is a warning, a bad line
/// elsewhere an error); a final `\r` is dropped, and a leading byte-order mark
/// (Notepad saves one: the file is still UTF-8). Shared by every reader.
pub(crate) fn classify<'a, T>(
    raw: Raw<'a>,
    terminated: bool,
    parse: impl FnOnce(&'a str) -> Result<T, String>,
) -> LineKind<T> {
    let raw = match raw {
        Raw::Bytes(raw) => raw,
        Raw::TooLong(_) if !terminated => return LineKind::Torn,
        Raw::TooLong(bytes) => {
            return LineKind::Bad(format!(
                "a line of {bytes} bytes, longer than any record ({} MiB at most)",
                MAX_LINE >> 20
            ));
        }
    };
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    let raw = raw.strip_prefix(BOM.as_bytes()).unwrap_or(raw);
    let parsed = match simdutf8::basic::from_utf8(raw) {
        Ok(text) if text.trim().is_empty() => return LineKind::Blank,
        Ok(text) => parse(text),
        Err(_) => {
            let valid = std::str::from_utf8(raw)
                .err()
                .map_or(0, |e| e.valid_up_to());
            Err(format!("not UTF-8 text (byte {} of the line)", valid + 1))
        }
    };
    match parsed {
        Ok(value) => LineKind::Value(value),
        Err(_) if !terminated => LineKind::Torn,
        Err(message) => LineKind::Bad(message),
    }
}

/// How much of a file a reader holds at a time: small enough to stay in the cache
/// (measured: 256 KiB beat 4 MiB by a quarter for `log` into 100k articles).
pub(crate) const CHUNK: usize = 256 << 10;

/// The longest line a reader holds: a record is a few hundred bytes, so a longer
/// line is no record, and is read past without being held (a 1 GB line of NULs,
/// a sparse file, made every command take minutes and a gigabyte of memory).
pub(crate) const MAX_LINE: usize = 16 << 20;

/// A line as [`read_lines`] hands it over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Raw<'a> {
    /// Its bytes, without `\n`.
    Bytes(&'a [u8]),
    /// Longer than [`MAX_LINE`]: only its length in bytes.
    TooLong(u64),
}

/// A chunk's worth of zeros, to grow the read buffer by (see [`read_lines`]).
static ZEROS: [u8; CHUNK] = [0; CHUNK];

/// Calls `on_line(offset, line, terminated)` for every line that starts in
/// `start..end` of the file, without its `\n`, reading [`CHUNK`] bytes at a time.
/// A range that does not start the file begins after the first line end at or
/// after `start - 1`: the line running into it belongs to the range before.
/// Each byte is searched once, and a line longer than [`MAX_LINE`] is not held
/// ([`Raw::TooLong`]), so time is linear and memory bounded whatever the file.
pub(crate) fn read_lines(
    path: &Path,
    start: u64,
    end: u64,
    mut on_line: impl FnMut(u64, Raw<'_>, bool),
) -> io::Result<()> {
    let mut reader = File::open(path)?;
    let mut skipping = start > 0;
    // The file offset of `buffer[0]`.
    let mut base = start.saturating_sub(1);
    reader.seek(SeekFrom::Start(base))?;
    let mut buffer: Vec<u8> = Vec::with_capacity(CHUNK + 4096);
    // Bytes of the line at `buffer[0]` already read past and let go (too long).
    let mut dropped: u64 = 0;
    // `buffer[..searched]` holds no `\n`.
    let mut searched = 0;
    loop {
        let filled = buffer.len();
        // One copy of a zeroed block, not `resize`: the tests build dependencies
        // unoptimised (Cargo.toml), and `resize`'s element-by-element loop, shared
        // from one of them, took half of every test run's time.
        buffer.extend_from_slice(&ZEROS);
        let read = read_full(&mut reader, &mut buffer[filled..])?;
        buffer.truncate(filled + read);
        let mut cursor = 0;
        while let Some(i) = memchr::memchr(b'\n', &buffer[searched..]) {
            let line_end = searched + i;
            let offset = base + cursor as u64 - dropped;
            if skipping {
                skipping = false;
            } else if offset >= end {
                return Ok(());
            } else if dropped > 0 {
                on_line(offset, Raw::TooLong(dropped + line_end as u64), true);
            } else {
                on_line(offset, Raw::Bytes(&buffer[cursor..line_end]), true);
            }
            dropped = 0;
            cursor = line_end + 1;
            searched = cursor;
        }
        if read == 0 {
            let offset = base + cursor as u64 - dropped;
            let rest = (buffer.len() - cursor) as u64;
            if !skipping && rest + dropped > 0 && offset < end {
                if dropped > 0 {
                    on_line(offset, Raw::TooLong(dropped + rest), false);
                } else {
                    on_line(offset, Raw::Bytes(&buffer[cursor..]), false);
                }
            }
            return Ok(());
        }
        buffer.drain(..cursor);
        base += cursor as u64;
        searched = buffer.len();
        if dropped + buffer.len() as u64 > MAX_LINE as u64 {
            // No record is this long: count it and let it go.
            dropped += buffer.len() as u64;
            base += buffer.len() as u64;
            buffer.clear();
            searched = 0;
        }
    }
}

/// Reads until `buf` is full or the file ends; returns how much was read.
fn read_full(reader: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    let mut total = 0;
    while total < buf.len() {
        match reader.read(&mut buf[total..]) {
            Ok(0) => break,
            Ok(n) => total += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(total)
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
    fn ranges_split_anywhere_give_each_line_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        fs::write(&path, "ab\ncd\n\nef\ng").unwrap();
        let len = 13;
        for cut in 0..=len {
            let mut seen = Vec::new();
            for (start, end) in [(0, cut), (cut, len)] {
                read_lines(&path, start, end, |offset, raw, terminated| {
                    let Raw::Bytes(raw) = raw else {
                        panic!("{raw:?}")
                    };
                    seen.push((offset, String::from_utf8(raw.to_vec()).unwrap(), terminated))
                })
                .unwrap();
            }
            let expected = [
                (0, "ab", true),
                (3, "cd", true),
                (6, "", true),
                (7, "ef", true),
                (10, "g", false),
            ];
            let expected: Vec<_> = expected
                .iter()
                .map(|(o, t, e)| (*o, t.to_string(), *e))
                .collect();
            assert_eq!(seen, expected, "cut at {cut}");
        }
    }

    #[test]
    fn lines_are_classified_by_the_rules_of_data_safety() {
        let parse = |t: &str| {
            if t == "ok" {
                Ok(())
            } else {
                Err(format!("bad {t}"))
            }
        };
        assert!(matches!(
            classify(Raw::Bytes(b"ok\r"), true, parse),
            LineKind::Value(())
        ));
        assert!(matches!(
            classify(Raw::Bytes(b"  \r"), true, parse),
            LineKind::Blank
        ));
        assert!(matches!(
            classify(Raw::Bytes(b"\xef\xbb\xbfok\r"), true, parse),
            LineKind::Value(())
        ));
        assert!(
            matches!(classify(Raw::Bytes(b"x"), true, parse), LineKind::Bad(m) if m == "bad x")
        );
        assert!(matches!(
            classify(Raw::Bytes(b"x"), false, parse),
            LineKind::Torn
        ));
        assert!(matches!(
            classify(Raw::Bytes(b"ok"), false, parse),
            LineKind::Value(())
        ));
        assert!(
            matches!(classify(Raw::Bytes(b"o\xffk"), true, parse), LineKind::Bad(m) if m.contains("byte 2"))
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
        let torn = StoreWarning::TornLastLine {
            file: DataFile::Articles,
            line: 2,
        };
        assert_eq!(loaded.warnings, [torn]);
        let lock = store.lock(DataFile::Articles).unwrap();
        let warnings = store.append(&lock, &[article_line("A3", "three")]).unwrap();
        let moved = StoreWarning::MovedTornLine {
            file: DataFile::Articles,
            bytes: "{\"id\":\"A2\",\"un".len(),
        };
        assert_eq!(warnings, [moved]);
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
        let lock = store.lock(DataFile::Articles).unwrap();
        assert!(
            store
                .append(&lock, &[article_line("A2", "two")])
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
        assert_eq!(unterminated_tail_start(&mut f).unwrap(), 2);
        fs::write(&path, &long).unwrap();
        let mut f = File::open(&path).unwrap();
        assert_eq!(unterminated_tail_start(&mut f).unwrap(), 0);
        fs::write(&path, "a\nb\n").unwrap();
        let mut f = File::open(&path).unwrap();
        assert_eq!(unterminated_tail_start(&mut f).unwrap(), 4);
    }

    #[test]
    fn lines_longer_than_a_record_are_counted_not_held_wherever_they_fall() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let long = MAX_LINE + CHUNK + 7;
        let mut text = b"ab\n".to_vec();
        text.resize(3 + long, b'x');
        text.extend_from_slice(b"\ncd\n");
        text.resize(text.len() + long, b'y');
        fs::write(&path, &text).unwrap();
        let len = text.len() as u64;
        let expected = [
            (0, "ab".to_string(), true),
            (3, format!("long {long}"), true),
            (4 + long as u64, "cd".to_string(), true),
            (7 + long as u64, format!("long {long}"), false),
        ];
        for cut in [0, 4, 5, 3 + CHUNK as u64, 4 + long as u64, 6 + long as u64] {
            let mut seen = Vec::new();
            for (start, end) in [(0, cut), (cut, len)] {
                read_lines(&path, start, end, |offset, raw, terminated| {
                    let text = match raw {
                        Raw::Bytes(b) => String::from_utf8(b.to_vec()).unwrap(),
                        Raw::TooLong(n) => format!("long {n}"),
                    };
                    seen.push((offset, text, terminated));
                })
                .unwrap();
            }
            assert_eq!(seen, expected, "cut at {cut}");
        }
        assert!(matches!(
            classify(Raw::TooLong(1 << 30), true, |_| Ok(())),
            LineKind::Bad(m) if m.contains("1073741824 bytes")
        ));
        assert!(matches!(
            classify(Raw::TooLong(1 << 30), false, |_| Ok(())),
            LineKind::Torn
        ));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        #[test]
        fn whatever_is_appended_reads_back_the_same(titles in proptest::collection::vec("\\PC{1,30}", 1..20)) {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::new(dir.path().join("data"));
            let lock = store.lock(DataFile::Articles).unwrap();
            let lines: Vec<String> = titles.iter().enumerate().map(|(i, t)| article_line(&format!("A{i}"), t)).collect();
            for chunk in lines.chunks(3) {
                store.append(&lock, chunk).unwrap();
            }
            let read: Vec<String> = store.load().unwrap().records.articles.into_iter().map(|l| l.value.title).collect();
            prop_assert_eq!(read, titles);
        }
    }
}
