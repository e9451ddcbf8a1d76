//! Careful file operations, in the manner of git's lock files and SQLite's refusals:
//! - only regular files are read: a FIFO would block forever, a device never ends,
//!   and a dangling or looping symlink is a mistake to report, not an empty file;
//! - what is read has a size limit (a plan of gigabytes is not a plan);
//! - what is replaced is replaced whole: written into an exclusive temporary beside
//!   the real path (created with `O_EXCL`, so a planted symlink is never followed),
//!   flushed, given the old file's group and permissions, then renamed over it;
//! - an output file (`--output`) is replaced where it is named, as git replaces
//!   its files: a symbolic link planted there is replaced itself, never written
//!   through (its target is left alone);
//! - in a folder a group shares (group-writable), what cchc creates is
//!   group-writable too, whatever the umask, so that the next member can write it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// What is wrong with a path that should be a regular file.
fn not_regular(path: &Path, what: &str) -> io::Error {
    io::Error::other(format!("{} is {what}, not a regular file", path.display()))
}

/// The metadata of the regular file at `path` (following symlinks), `None` when
/// nothing is there; an error for a dangling or looping symlink, a directory, a
/// FIFO, a device or a socket.
pub fn regular_or_absent(path: &Path) -> io::Result<Option<fs::Metadata>> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
        Ok(_) => {}
    }
    let meta = fs::metadata(path).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!(
                "{} is a symbolic link that leads nowhere ({e})",
                path.display()
            ),
        )
    })?;
    let file_type = meta.file_type();
    if file_type.is_file() {
        return Ok(Some(meta));
    }
    let what = if file_type.is_dir() {
        "a directory"
    } else {
        special_kind(&file_type)
    };
    Err(not_regular(path, what))
}

/// Opens the regular file at `path` for appending, creating it when missing,
/// without following a symbolic link at `path` itself: in a folder others may
/// write, a link planted there (`articles.jsonl.torn` → `~/.bashrc`) would have
/// cchc append to a file of its user's. A new file is made with `O_EXCL` (which
/// never follows a link); an existing one must be a regular file, and still the
/// one opened (checked again after opening, so a swap meanwhile is caught).
pub fn open_append_no_follow(path: &Path) -> io::Result<File> {
    loop {
        match OpenOptions::new().append(true).create_new(true).open(path) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            other => return other,
        }
        let before = match fs::symlink_metadata(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            other => other?,
        };
        if before.file_type().is_symlink() {
            return Err(not_regular(path, "a symbolic link"));
        }
        if !before.is_file() {
            let what = if before.is_dir() {
                "a directory"
            } else {
                special_kind(&before.file_type())
            };
            return Err(not_regular(path, what));
        }
        let file = match OpenOptions::new().append(true).open(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            other => other?,
        };
        let opened = file.metadata()?;
        if opened.dev() == before.dev() && opened.ino() == before.ino() {
            return Ok(file);
        }
        return Err(not_regular(path, "replaced while it was opened"));
    }
}

#[cfg(unix)]
fn special_kind(file_type: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "a named pipe (FIFO)"
    } else if file_type.is_char_device() || file_type.is_block_device() {
        "a device"
    } else if file_type.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &fs::FileType) -> &'static str {
    "a special file"
}

/// Reads a regular file of at most `limit` bytes.
pub fn read_limited(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let Some(meta) = regular_or_absent(path)? else {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("{} does not exist", path.display()),
        ));
    };
    let too_large = || {
        io::Error::other(format!(
            "{} is larger than {} MiB, more than such a file can be",
            path.display(),
            limit / (1024 * 1024)
        ))
    };
    if meta.len() > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    File::open(path)?.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// The real path of a file that may not exist yet: symlinks of the file itself and
/// of its directory resolved.
pub fn real_path(path: &Path) -> io::Result<PathBuf> {
    if regular_or_absent(path)?.is_some() {
        return fs::canonicalize(path);
    }
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other(format!("{} is not a file name", path.display())))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Ok(fs::canonicalize(dir)?.join(name))
}

/// The prefix of the temporaries made beside `real` (hidden, named after it).
pub fn temporary_prefix(real: &Path) -> String {
    let name = real
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    format!(".{name}.cchc-tmp-")
}

/// A new file beside `real`, created exclusively (never an existing file or a
/// symlink someone planted), with its path.
pub fn exclusive_temporary(real: &Path) -> io::Result<(File, PathBuf)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = real.parent().unwrap_or(Path::new("."));
    let prefix = temporary_prefix(real);
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path = dir.join(format!("{prefix}{}-{n}-{nanos}", std::process::id()));
        match OpenOptions::new()
            .write(true)
            .read(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => return Ok((file, path)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Whether a replaced file must keep its group (a data file: colleagues share it
/// through the group) or keeps it when it can (an output file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    MustStay,
    WhenPossible,
}

/// Puts a finished temporary in place of `real`: flushed, given `real`'s group and
/// permissions when it is a regular file (else those a new file gets in its
/// folder), renamed over it, and the directory flushed, so that a crash leaves
/// either the old file or the new one.
pub fn commit_temporary(file: File, temporary: &Path, real: &Path, group: Group) -> io::Result<()> {
    let done = (|| {
        file.sync_all()?;
        match fs::symlink_metadata(real) {
            Ok(old) if old.is_file() => {
                let mine = file.metadata()?;
                if mine.gid() != old.gid() {
                    let kept = std::os::unix::fs::fchown(&file, None, Some(old.gid()));
                    if group == Group::MustStay {
                        kept.map_err(|e| {
                            io::Error::new(
                                e.kind(),
                                format!("cannot keep its group {} ({e})", old.gid()),
                            )
                        })?;
                    }
                }
                file.set_permissions(old.permissions())?;
            }
            _ => {
                if let Some(dir) = real.parent() {
                    share_like_folder(&file, dir)?;
                }
            }
        }
        drop(file);
        fs::rename(temporary, real)?;
        if let Some(dir) = real.parent()
            && let Ok(dir) = File::open(dir)
        {
            // Makes the rename itself durable; not every system can sync a directory.
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if done.is_err() {
        let _ = fs::remove_file(temporary);
    }
    done
}

/// Gives a file this process has just created the sharing of its folder: in a
/// group-writable folder (one a group shares, as `chmod g+ws` makes it), the file
/// is readable and writable by the group too, whatever the umask; a setgid folder
/// has already given it the folder's group.
pub fn share_like_folder(file: &File, dir: &Path) -> io::Result<()> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(folder) = fs::metadata(dir) else {
        return Ok(());
    };
    if folder.permissions().mode() & 0o020 == 0 {
        return Ok(());
    }
    let mode = file.metadata()?.permissions().mode();
    let shared = mode | ((mode & 0o600) >> 3);
    if shared != mode {
        file.set_permissions(fs::Permissions::from_mode(shared))?;
    }
    Ok(())
}

/// Gives a lock file this process has just created the group and the read and
/// write bits of the data file it locks (`model`), so that every member who may
/// write the data file may take its lock.
pub fn share_like(file: &File, model: &fs::Metadata) -> io::Result<()> {
    let mine = file.metadata()?;
    if mine.gid() != model.gid() {
        // Not a member of that group: the lock stays this user's (the data file
        // is then not writable by the group through this user either).
        let _ = std::os::unix::fs::fchown(file, None, Some(model.gid()));
    }
    let mode = (mine.permissions().mode() & !0o777) | (model.permissions().mode() & 0o666);
    file.set_permissions(fs::Permissions::from_mode(mode))
}

/// Where to put a file named `path` without following a symlink at `path`
/// itself: its folder's real path, joined with its name.
pub fn in_real_folder(path: &Path) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other(format!("{} is not a file name", path.display())))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Ok(fs::canonicalize(dir)?.join(name))
}

/// Replaces the file at `path` with `bytes`, whole or not at all. A symbolic link
/// at `path` is replaced itself, not followed (as git replaces its files): a link
/// someone planted where an output goes cannot send the output elsewhere. A
/// regular file there keeps its permissions (and its group, where possible).
pub fn replace_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = in_real_folder(path)?;
    if fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
        return Err(not_regular(path, "a directory"));
    }
    let (mut file, temporary) = exclusive_temporary(&target)?;
    if let Err(e) = file.write_all(bytes) {
        let _ = fs::remove_file(&temporary);
        return Err(e);
    }
    commit_temporary(file, &temporary, &target, Group::WhenPossible)
}

/// Removes temporaries left beside `real` by a process that was killed. Only safe
/// while holding `real`'s lock, the only time temporaries are made.
pub fn remove_stale_temporaries(real: &Path) {
    let prefix = temporary_prefix(real);
    let dir = real.parent().unwrap_or(Path::new("."));
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_and_dangling_paths_are_refused_and_missing_ones_are_none() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing");
        assert!(regular_or_absent(&missing).unwrap().is_none());
        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink(&missing, &dangling).unwrap();
        let err = regular_or_absent(&dangling).unwrap_err().to_string();
        assert!(err.contains("leads nowhere"), "{err}");
        let looping = dir.path().join("loop");
        std::os::unix::fs::symlink(&looping, &looping).unwrap();
        assert!(regular_or_absent(&looping).is_err());
        let err = regular_or_absent(Path::new("/dev/zero"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("a device"), "{err}");
        let err = regular_or_absent(dir.path()).unwrap_err().to_string();
        assert!(err.contains("a directory"), "{err}");
        let err = read_limited(Path::new("/dev/zero"), 1024)
            .unwrap_err()
            .to_string();
        assert!(err.contains("a device"), "{err}");
    }

    #[test]
    fn a_symlink_where_the_output_goes_is_replaced_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "keep").unwrap();
        let out = dir.path().join("report.html");
        std::os::unix::fs::symlink(&victim, &out).unwrap();
        replace_whole(&out, b"new").unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "keep");
        assert!(fs::symlink_metadata(&out).unwrap().is_file());
        assert_eq!(fs::read_to_string(&out).unwrap(), "new");
        let dangling = dir.path().join("dangling.html");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        replace_whole(&dangling, b"x").unwrap();
        assert!(!dir.path().join("nowhere").exists());
    }

    #[test]
    fn what_is_made_in_a_group_folder_is_group_writable_whatever_the_umask() {
        let dir = tempfile::tempdir().unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o2775)).unwrap();
        let path = dir.path().join("articles.jsonl");
        let file = File::create(&path).unwrap();
        file.set_permissions(fs::Permissions::from_mode(0o644))
            .unwrap();
        share_like_folder(&file, dir.path()).unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o664
        );
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        file.set_permissions(fs::Permissions::from_mode(0o644))
            .unwrap();
        share_like_folder(&file, dir.path()).unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o644
        );
    }

    #[test]
    fn a_replaced_file_keeps_its_permissions_and_a_planted_symlink_is_not_followed() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.csv");
        fs::write(&target, "old").unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o600)).unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "keep").unwrap();
        // What an attacker would plant at a predictable temporary name.
        for guess in [".report.csv.cchc-tmp", ".report.csv.cchc-tmp-1-0-0"] {
            std::os::unix::fs::symlink(&victim, dir.path().join(guess)).unwrap();
        }
        replace_whole(&target, b"new").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(fs::read_to_string(&victim).unwrap(), "keep");
        let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}
