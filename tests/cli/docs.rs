//! Every shell snippet of the README and of `docs/` runs as written: each file's
//! `sh` blocks in order, in one sandbox (a fresh HOME with `cchc` where `cargo
//! install` puts it, a working directory holding a copy of `examples/`), and each
//! crontab line's command. A line may exit 0, or 1 where it is a `check` that found
//! something (or a `remind`, which exits as `check`); no line may print `error:`. Lines that run cargo (building, testing,
//! installing) are the project's own steps, which CI runs itself. The one thing
//! not run as written is the network: the example portal's feed address
//! ([`PORTAL_FEED`]) is served by a server on 127.0.0.1 with a fixture feed.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::repo;

/// The portal feed's address in the README and the guide.
const PORTAL_FEED: &str = "https://hamtan.binhthuan.gov.vn/rss";

/// The fenced blocks of a Markdown file with their info string.
fn blocks(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some(info) = line.strip_prefix("```")
            && !info.is_empty()
        {
            let body: Vec<&str> = lines
                .by_ref()
                .take_while(|l| !l.starts_with("```"))
                .collect();
            out.push((info.trim().to_string(), body.join("\n")));
        }
    }
    out
}

/// Shell lines of a block: continuations joined, blanks and comments left out.
fn logical_lines(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in body.lines() {
        if let Some(head) = line.strip_suffix('\\') {
            current.push_str(head);
            continue;
        }
        current.push_str(line);
        let trimmed = current.trim();
        if !trimmed.is_empty() && !trimmed.starts_with('#') {
            out.push(trimmed.to_string());
        }
        current.clear();
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

struct Sandbox {
    _dir: tempfile::TempDir,
    home: PathBuf,
    work: PathBuf,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        let bin = home.join(".cargo/bin");
        std::fs::create_dir_all(&bin).unwrap();
        std::os::unix::fs::symlink(assert_cmd::cargo::cargo_bin!("cchc"), bin.join("cchc"))
            .unwrap();
        let work = dir.path().join("work");
        copy_dir(&repo().join("examples"), &work.join("examples"));
        Sandbox {
            _dir: dir,
            home,
            work,
        }
    }

    /// Runs a script; returns stdout and stderr.
    fn bash(&self, script: &str) -> (String, String) {
        let out = Command::new("bash")
            .arg("-c")
            .arg(script)
            .current_dir(&self.work)
            .env_clear()
            .env("HOME", &self.home)
            .env(
                "PATH",
                format!("{}:/usr/bin:/bin", self.home.join(".cargo/bin").display()),
            )
            .env("LANG", "C.UTF-8")
            .output()
            .unwrap();
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

/// Runs `lines` in one shell (so that `export` carries on), and checks each one's
/// exit code and that nothing said `error:`.
fn run_lines(sandbox: &Sandbox, lines: &[String], what: &str) {
    let mut script = String::new();
    for (i, line) in lines.iter().enumerate() {
        script.push_str(&format!("{line}\necho \"::rc {i} $?\" >&2\n"));
    }
    let (_, stderr) = sandbox.bash(&script);
    let mut seen = 0;
    for marker in stderr.lines().filter_map(|l| l.strip_prefix("::rc ")) {
        let (i, rc) = marker.split_once(' ').unwrap();
        let (i, rc): (usize, i32) = (i.parse().unwrap(), rc.parse().unwrap());
        let line = &lines[i];
        // `check` and `remind` (and the script that mails its messages) exit 1 when
        // something is missed.
        let allowed = rc == 0 || (rc == 1 && (line.contains(" check") || line.contains("remind")));
        assert!(allowed, "{what}: `{line}` exited {rc}\n{stderr}");
        seen += 1;
    }
    assert_eq!(seen, lines.len(), "{what}: every line ran\n{stderr}");
    assert!(
        !stderr.contains("error:") && !stderr.contains("lỗi:"),
        "{what}:\n{stderr}"
    );
}

#[test]
fn every_shell_snippet_of_the_readme_and_the_docs_runs_as_written() {
    let mut files = vec![repo().join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(repo().join("docs"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    let mut ran = 0;
    let feed = format!("{}/rss", crate::feed::serve());
    let offline = |lines: Vec<String>| -> Vec<String> {
        lines
            .into_iter()
            .map(|l| l.replace(PORTAL_FEED, &feed))
            .collect()
    };
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let sandbox = Sandbox::new();
        for (info, body) in blocks(&text) {
            match info.as_str() {
                "sh" => {
                    let lines: Vec<String> = offline(logical_lines(&body))
                        .into_iter()
                        .filter(|l| !l.starts_with("cargo "))
                        .collect();
                    ran += lines.len();
                    run_lines(&sandbox, &lines, &name);
                }
                "crontab" => {
                    // The command of each line: what cron runs, after the schedule.
                    let commands: Vec<String> = offline(logical_lines(&body))
                        .iter()
                        .map(|l| l.split_whitespace().skip(5).collect::<Vec<_>>().join(" "))
                        .collect();
                    ran += commands.len();
                    run_lines(&sandbox, &commands, &name);
                }
                _ => {}
            }
        }
    }
    assert!(ran >= 30, "only {ran} snippet lines ran");
}

#[test]
fn snippets_are_found_and_joined() {
    let text = "x\n```sh\na \\\n  b\n# c\n\nd\n```\n```toml\ne\n```\n";
    let found = blocks(text);
    assert_eq!(found.len(), 2);
    assert_eq!(logical_lines(&found[0].1), ["a   b", "d"]);
}

/// The systemd user units pass `systemd-analyze verify` (where it is installed),
/// with cchc where `cargo install` puts it.
#[test]
fn the_systemd_units_verify() {
    if Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("systemd-analyze is not installed: the units are not verified here");
        return;
    }
    let sandbox = Sandbox::new();
    let runtime = sandbox.home.join("runtime");
    std::fs::create_dir_all(&runtime).unwrap();
    std::fs::set_permissions(
        &runtime,
        std::os::unix::fs::PermissionsExt::from_mode(0o700),
    )
    .unwrap();
    let units = repo().join("examples/systemd");
    let out = Command::new("systemd-analyze")
        .args(["verify", "--user"])
        .arg(units.join("cchc-check.service"))
        .arg(units.join("cchc-check.timer"))
        .env("HOME", &sandbox.home)
        .env("XDG_RUNTIME_DIR", &runtime)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.trim().is_empty(), "{stderr}");
    // The command it runs fails loudly before there is a plan, then works.
    let (_, stderr) = sandbox.bash("cchc check --quiet --strict; echo \"::rc $?\" >&2");
    assert!(
        stderr.contains("lỗi: không tìm thấy kế hoạch") && stderr.contains("::rc 2"),
        "{stderr}"
    );
    let (_, stderr) =
        sandbox.bash("cchc init && cchc check --quiet --strict; echo \"::rc $?\" >&2");
    assert!(
        stderr.contains("::rc 0") || stderr.contains("::rc 1"),
        "{stderr}"
    );
}
