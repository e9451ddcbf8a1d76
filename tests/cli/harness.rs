//! A small harness in the manner of just's `Test`: a temp dir holding a plan and a
//! data directory, a cleared environment, a fixed as-of date.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

pub const FIXTURE_PLAN: &str = include_str!("../fixtures/plan-2024.toml");

/// A plan of one commune and one quarterly article rule, for `check` and `remind`.
pub const ONE_RULE: &str = r#"
[plan]
title = "Một chỉ tiêu"
issuer = "UBND"
start = 2024-01-01
end = 2024-12-31

[[unit]]
id = "xa-son-my"
name = "UBND xã Sơn Mỹ"
kind = "commune"

[[rule]]
id = "tin-xa"
title = "≥ 1 tin mỗi quý"
kinds = ["commune"]
record = "article"
every = "quarter"
min = 1
"#;

/// What one run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Run {
    /// Asserts the exit code, showing the output when it differs.
    #[track_caller]
    pub fn code(self, code: i32) -> Run {
        assert_eq!(
            self.code, code,
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn ok(self) -> Run {
        self.code(0)
    }

    /// Asserts exit 2 with one error message (after any warnings), opened by
    /// `lỗi:` (`error:` in English), that holds every `parts`.
    #[track_caller]
    pub fn error(self, parts: &[&str]) -> Run {
        let run = self.code(2);
        let first = run
            .stderr
            .lines()
            .find(|l| !is_warning(l))
            .unwrap_or_default();
        assert!(
            first.starts_with("lỗi: ") || first.starts_with("error: "),
            "stderr: {}",
            run.stderr
        );
        assert_eq!(
            run.stderr.matches("lỗi:").count() + run.stderr.matches("error:").count(),
            1,
            "stderr: {}",
            run.stderr
        );
        for part in parts {
            assert!(
                run.stderr.contains(part),
                "expected {part:?} in stderr:\n{}",
                run.stderr
            );
        }
        run
    }

    /// The first line of stdout (the id `log` prints).
    pub fn id(&self) -> String {
        self.stdout.lines().next().unwrap_or_default().to_string()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {}", self.stdout))
    }
}

pub struct Test {
    pub dir: TempDir,
    as_of: String,
    plan: Option<PathBuf>,
    /// Without a plan file: `--plan builtin` (the built-in plan is only used
    /// when asked for), unless [`Test::no_plan`].
    builtin: bool,
    lang: Option<String>,
    env: Vec<(String, String)>,
    data: Option<PathBuf>,
}

impl Test {
    /// The built-in plan (`--plan builtin`, while no plan is found otherwise), an
    /// empty data directory (made, as `cchc init` makes it), as of 15 October 2022.
    pub fn new() -> Test {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("data")).unwrap();
        Test {
            dir,
            as_of: "2022-10-15".into(),
            plan: None,
            builtin: true,
            lang: None,
            env: Vec::new(),
            data: None,
        }
    }

    /// The 2024 fixture plan, as of 15 October 2024.
    pub fn fixture() -> Test {
        Test::new().with_plan(FIXTURE_PLAN).on("2024-10-15")
    }

    pub fn with_plan(mut self, text: &str) -> Test {
        let path = self.dir.path().join("test-plan.toml");
        fs::write(&path, text).unwrap();
        self.plan = Some(path);
        self
    }

    /// No data directory where `--data` points (a first day, a mistyped cron line).
    pub fn without_data_dir(self) -> Test {
        let _ = fs::remove_dir(self.data());
        self
    }

    /// No `--plan` at all: the plan is found as a user's would be (data
    /// directory, `./plan.toml` in the test's directory, else none).
    pub fn no_plan(mut self) -> Test {
        self.plan = None;
        self.builtin = false;
        self
    }

    /// Evaluates as of `date`.
    pub fn on(mut self, date: &str) -> Test {
        self.as_of = date.into();
        self
    }

    pub fn lang(mut self, lang: &str) -> Test {
        self.lang = Some(lang.into());
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Test {
        self.env.push((key.into(), value.into()));
        self
    }

    /// Uses an existing data directory (the example data) instead of a fresh one.
    pub fn with_data(mut self, dir: &Path) -> Test {
        self.data = Some(dir.to_path_buf());
        self
    }

    pub fn data(&self) -> PathBuf {
        self.data
            .clone()
            .unwrap_or_else(|| self.dir.path().join("data"))
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The process with the test's plan, data, as-of and a cleared environment.
    pub fn process(&self, args: &[&str]) -> std::process::Command {
        self.process_on(&self.as_of, args)
    }

    /// [`Test::process`] as of another day.
    pub fn process_on(&self, as_of: &str, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("cchc"));
        cmd.env_clear().current_dir(self.dir.path());
        cmd.arg("--data").arg(self.data()).arg("--as-of").arg(as_of);
        if let Some(plan) = &self.plan {
            cmd.arg("--plan").arg(plan);
        } else if self.builtin && !self.finds_a_plan(args) {
            cmd.arg("--plan").arg("builtin");
        }
        if let Some(lang) = &self.lang {
            cmd.arg("--lang").arg(lang);
        }
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd.args(args);
        cmd
    }

    /// Whether cchc finds a plan without the harness's `--plan builtin`: one on
    /// the command line, in the data directory, or `./plan.toml`.
    fn finds_a_plan(&self, args: &[&str]) -> bool {
        args.iter()
            .any(|a| *a == "--plan" || a.starts_with("--plan="))
            || self.data().join("plan.toml").exists()
            || self.data().join("plans").is_dir()
            || self.dir.path().join("plan.toml").exists()
    }

    pub fn command(&self, args: &[&str]) -> Command {
        Command::from_std(self.process(args))
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run_command(self.command(args))
    }

    /// Runs as of another day.
    pub fn run_on(&self, as_of: &str, args: &[&str]) -> Run {
        run_command(Command::from_std(self.process_on(as_of, args)))
    }

    /// Logs a record and returns its id, failing the test if logging fails.
    #[track_caller]
    pub fn log(&self, args: &[&str]) -> String {
        let mut full = vec!["log"];
        full.extend_from_slice(args);
        self.run(&full).ok().id()
    }

    /// Logs an article (unit, date, title) and returns its id, failing the test
    /// if logging fails.
    #[track_caller]
    pub fn article(&self, unit: &str, date: &str, title: &str) -> String {
        self.log(&["article", "--unit", unit, "--date", date, "--title", title])
    }

    /// Every file of the data directory with its bytes, to prove nothing changed.
    pub fn files(&self) -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        if let Ok(entries) = fs::read_dir(self.data()) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                // Lock files are not data (a leftover temporary would be).
                let lock_file = name.starts_with('.') && name.ends_with(".lock");
                if !lock_file {
                    files.insert(name, fs::read(entry.path()).unwrap());
                }
            }
        }
        files
    }

    pub fn read(&self, name: &str) -> String {
        fs::read_to_string(self.data().join(name)).unwrap()
    }

    /// Writes a file beside the data directory (a CSV to import).
    pub fn write_file(&self, name: &str, content: &str) {
        fs::write(self.path(name), content).unwrap();
    }

    pub fn write(&self, name: &str, content: &str) {
        fs::create_dir_all(self.data()).unwrap();
        fs::write(self.data().join(name), content).unwrap();
    }

    /// Runs a command that must fail, and asserts it changed no data file.
    #[track_caller]
    pub fn refused(&self, args: &[&str], parts: &[&str]) -> Run {
        let before = self.files();
        let run = self.run(args).error(parts);
        assert_eq!(
            before,
            self.files(),
            "a refused command changed the data: {args:?}"
        );
        run
    }
}

/// A warning line, in either language.
pub fn is_warning(line: &str) -> bool {
    line.starts_with("cảnh báo: ") || line.starts_with("warning: ")
}

/// The address space a command may use where a test tries a bomb (a workbook
/// that expands, a gigabyte-long line): one that allocates beyond it aborts the
/// process, and fails the test, instead of the machine.
pub const MEMORY_LIMIT: u64 = 768 * 1024 * 1024;

/// Runs cchc with its address space limited to [`MEMORY_LIMIT`] (`prlimit --as`).
pub fn run_limited(test: &Test, args: &[&str]) -> Run {
    let inner = test.process(args);
    let mut cmd = std::process::Command::new("prlimit");
    cmd.arg(format!("--as={MEMORY_LIMIT}"))
        .arg("--")
        .arg(inner.get_program())
        .args(inner.get_args())
        .env_clear()
        .current_dir(test.dir.path());
    for (key, value) in inner.get_envs() {
        if let Some(value) = value {
            cmd.env(key, value);
        }
    }
    run_command(assert_cmd::Command::from_std(cmd))
}

pub fn run_command(mut cmd: Command) -> Run {
    let output = cmd.output().unwrap();
    Run {
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
        code: output.status.code().unwrap_or(-1),
    }
}

/// The repository's root, for the example data and plan.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A tiny deterministic generator for kill timings (no `rand` dependency).
pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}
