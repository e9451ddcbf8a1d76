//! Every finding of the third adversarial review, pinned: arguments and
//! environment variables that are not UTF-8, ids at the end of the count, lines
//! of a gigabyte and CSV files of millions of rows (run under a memory limit), a
//! byte-order mark before a line, a `.torn` link planted in a shared folder, a
//! file-size limit.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::time::{Duration, Instant};

use crate::harness::{Test, run_command, run_limited};

/// The name and length of every file of the data directory (a gigabyte is not
/// read into the test to compare).
/// Logs an article "Ba" of 1 March 2022 (the gigabyte-line test's write).
const LOG_BA: &[&str] = &[
    "log",
    "article",
    "--unit",
    "noi-vu",
    "--date",
    "2022-03-01",
    "--title",
    "Ba",
];

fn sizes(test: &Test) -> Vec<(String, u64)> {
    let mut sizes: Vec<(String, u64)> = fs::read_dir(test.data())
        .unwrap()
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, e.metadata().unwrap().len())
        })
        .filter(|(name, _)| !name.ends_with(".lock"))
        .collect();
    sizes.sort();
    sizes
}

fn article_line(id: &str, title: &str) -> String {
    serde_json::json!({
        "id": id, "unit": "noi-vu", "date": "2022-03-02", "title": title,
        "topics": [], "logged_at": "2022-03-02T08:00:00+07:00"
    })
    .to_string()
}

/// Finding 1: an argument that is not UTF-8 (a name typed in a legacy encoding)
/// panicked before clap could refuse it.
#[test]
fn an_argument_that_is_not_utf8_is_refused_not_a_panic() {
    let test = Test::new();
    let before = test.files();
    let cases: [(Vec<&OsStr>, &str); 3] = [
        (
            vec![
                OsStr::new("log"),
                OsStr::new("article"),
                OsStr::new("--unit"),
                OsStr::from_bytes(b"\xff\xfe"),
            ],
            "UTF-8",
        ),
        (
            vec![
                OsStr::new("list"),
                OsStr::new("--from"),
                OsStr::from_bytes(b"\xff"),
            ],
            "UTF-8",
        ),
        // Not a command: said so, with the one it looks like.
        (vec![OsStr::from_bytes(b"l\xffst")], "`list`"),
    ];
    for (args, said) in cases {
        let mut cmd = test.process(&[]);
        cmd.args(args);
        let run = run_command(assert_cmd::Command::from_std(cmd)).code(2);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert!(run.stderr.contains(said), "{}", run.stderr);
    }
    assert_eq!(before, test.files());
}

/// Finding 2: `CCHC_DATA` naming a folder whose name is not UTF-8 was read as
/// unset, and the record went quietly into the user's default data directory.
#[test]
fn a_data_directory_named_in_another_encoding_is_the_one_written() {
    let test = Test::new();
    let home = test.path("home");
    // "Dữ liệu" in a one-byte Vietnamese encoding: not UTF-8.
    let name = OsStr::from_bytes(b"D\xf5 li\xeau");
    let data = test.dir.path().join(name);
    fs::create_dir(&data).unwrap();
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("cchc"));
    cmd.env_clear()
        .current_dir(test.dir.path())
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("share"))
        .env("CCHC_DATA", &data)
        .args([
            "--plan",
            "builtin",
            "--as-of",
            "2022-10-15",
            "log",
            "article",
        ])
        .args(["--unit", "noi-vu", "--date", "2022-03-01", "--title", "Tin"]);
    let run = run_command(assert_cmd::Command::from_std(cmd)).ok();
    assert_eq!(run.id(), "A1");
    let logged = fs::read_to_string(data.join("articles.jsonl")).unwrap();
    assert!(logged.contains("\"A1\""), "{logged}");
    assert!(!home.exists(), "written into the default data directory");
}

/// Finding 3: an id at the end of the count (`A18446744073709551615`, written by
/// hand or another tool) made every `log` hand out that same id again; an import
/// near it overflowed.
#[test]
fn ids_at_the_end_of_the_count_are_refused_never_repeated() {
    let test = Test::new().lang("en");
    test.write(
        "articles.jsonl",
        &format!("{}\n", article_line("A18446744073709551615", "Tay")),
    );
    test.refused(
        &[
            "log",
            "article",
            "--unit",
            "noi-vu",
            "--date",
            "2022-03-01",
            "--title",
            "Mới",
        ],
        &[
            "articles.jsonl",
            "A18446744073709551615",
            "never reused",
            "nothing was written",
        ],
    );
    test.refused(
        &["void", "A18446744073709551615", "--reason", "sai"],
        &["A18446744073709551615", "never reused"],
    );
    test.write_file("rows.csv", "unit,date,title\nnoi-vu,2022-03-05,a\n");
    test.refused(
        &["import", "rows.csv", "--record", "article"],
        &["A18446744073709551615"],
    );
    // Three rows after the id two below the end: the third would pass it.
    test.write(
        "articles.jsonl",
        &format!("{}\n", article_line("A18446744073709551613", "Tay")),
    );
    test.write_file(
        "rows.csv",
        "unit,date,title\nnoi-vu,2022-03-05,a\nnoi-vu,2022-03-05,b\nnoi-vu,2022-03-05,c\n",
    );
    let run = test.refused(
        &["import", "rows.csv", "--record", "article"],
        &["A18446744073709551613"],
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    // Two rows still fit, and get the last two ids.
    test.write_file(
        "rows.csv",
        "unit,date,title\nnoi-vu,2022-03-05,a\nnoi-vu,2022-03-05,b\n",
    );
    test.run(&["import", "rows.csv", "--record", "article"])
        .ok();
    let ids: Vec<String> = test
        .read("articles.jsonl")
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
        .collect();
    assert_eq!(
        ids,
        [
            "\"A18446744073709551613\"",
            "\"A18446744073709551614\"",
            "\"A18446744073709551615\""
        ]
    );
}

/// Finding 4: a line of a gigabyte (a sparse file, `cat /dev/zero` for a
/// second) was held whole and searched again for every 256 KiB read: `list`
/// took minutes and a gigabyte of memory; as a torn last line, `log` copied it
/// block by block (64 MB took 43 s) before moving it aside.
#[test]
fn a_gigabyte_line_is_read_past_within_memory_and_time() {
    const GIB: u64 = 1 << 30;
    let test = Test::new().lang("en");
    let path = test.data().join("articles.jsonl");
    // A record, a 1 GiB line of NULs (sparse: no disk used), another record.
    let mut text = format!("{}\n", article_line("A1", "Một")).into_bytes();
    let first = text.len() as u64;
    fs::write(&path, &text).unwrap();
    let file = fs::OpenOptions::new().append(true).open(&path).unwrap();
    file.set_len(first + GIB).unwrap();
    drop(file);
    text = format!("\n{}\n", article_line("A2", "Hai")).into_bytes();
    let mut file = fs::OpenOptions::new().append(true).open(&path).unwrap();
    std::io::Write::write_all(&mut file, &text).unwrap();
    drop(file);
    let before = sizes(&test);
    let started = Instant::now();
    for args in [&["list"][..], &["verify"], &["report", "--format", "json"]] {
        run_limited(&test, args).error(&["articles.jsonl:2", "1073741824 bytes", "16 MiB"]);
    }
    run_limited(&test, LOG_BA).error(&["articles.jsonl:2"]);
    assert_eq!(before, sizes(&test));

    // As a torn last line: ignored with a warning, then moved aside whole.
    fs::write(&path, format!("{}\n", article_line("A1", "Một"))).unwrap();
    let file = fs::OpenOptions::new().append(true).open(&path).unwrap();
    file.set_len(first + GIB).unwrap();
    drop(file);
    let run = run_limited(&test, &["list", "--format", "json"]).ok();
    assert!(run.stderr.contains("articles.jsonl:2"), "{}", run.stderr);
    let run = run_limited(&test, LOG_BA).ok();
    assert_eq!(run.id(), "A2");
    assert_eq!(
        fs::metadata(test.data().join("articles.jsonl.torn"))
            .unwrap()
            .len(),
        GIB + 1
    );
    let lines = test.read("articles.jsonl");
    assert_eq!(lines.lines().count(), 2, "{lines}");
    test.run(&["verify"]).ok();
    // Linear: a few seconds even unoptimised (it was minutes optimised).
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "{:?}",
        started.elapsed()
    );
}

/// Also found: a data file saved by Notepad (a byte-order mark before the first
/// line) was "not a JSON object" at line 1, and every command stopped.
#[test]
fn a_byte_order_mark_before_a_line_is_read_as_nothing() {
    let test = Test::new();
    // The last line without `\n`: the next write must keep it, not move it aside.
    test.write(
        "articles.jsonl",
        &format!("\u{feff}{}", article_line("A1", "Một")),
    );
    let run = test.run(&["list", "--format", "json"]).ok();
    assert!(run.stdout.contains("\"A1\""), "{}", run.stdout);
    assert_eq!(
        test.run(&[
            "log",
            "article",
            "--unit",
            "noi-vu",
            "--date",
            "2022-03-01",
            "--title",
            "Hai"
        ])
        .ok()
        .id(),
        "A2"
    );
    assert!(!test.data().join("articles.jsonl.torn").exists());
    test.run(&["verify"]).ok();
    assert_eq!(
        test.run(&["void", "A1", "--reason", "nhầm"]).ok().id(),
        "A3"
    );
}

/// Finding 5: a CSV was read up to 1 GiB with no bound on its rows: 3,000,000
/// rows (98 MB) took 11.7 GB of memory in `--dry-run`, 1,000,000 rows 1 GB in an
/// import. A CSV is now bounded as a workbook is (64 MiB, 2,000,000 filled cells).
#[test]
fn a_csv_beyond_a_workbooks_bounds_is_refused_within_memory() {
    let test = Test::new().lang("en");
    let before = test.files();
    // 700,000 rows of three cells: 2,100,000 cells, some 23 MB.
    let mut csv = String::from("unit,date,title\n");
    for i in 0..700_000 {
        csv.push_str(&format!("noi-vu,2022-03-05,Tin {i}\n"));
    }
    test.write_file("many.csv", &csv);
    for dry_run in [true, false] {
        let mut args = vec!["import", "many.csv", "--record", "article"];
        if dry_run {
            args.push("--dry-run");
        }
        run_limited(&test, &args).error(&["many.csv", "2,000,000 filled cells"]);
    }
    // A file over 64 MiB is refused before it is read.
    let big = test.path("big.csv");
    fs::write(&big, "unit,date,title\n").unwrap();
    let file = fs::OpenOptions::new().append(true).open(&big).unwrap();
    file.set_len(65 << 20).unwrap();
    drop(file);
    run_limited(&test, &["import", "big.csv", "--record", "article"]).error(&["big.csv", "64 MiB"]);
    assert_eq!(before, test.files());
    // A unit's real list (thousands of rows) is far inside.
    let mut csv = String::from("unit,date,title\n");
    for i in 0..5_000 {
        csv.push_str(&format!("noi-vu,2022-03-05,Tin {i}\n"));
    }
    test.write_file("real.csv", &csv);
    run_limited(&test, &["import", "real.csv", "--record", "article"]).ok();
    assert_eq!(test.read("articles.jsonl").lines().count(), 5_000);
}

/// Finding 6: the `.torn` file a torn last line is moved to was opened through a
/// symbolic link: in a group-shared folder a member could plant
/// `articles.jsonl.torn` → the coordinator's `~/.bashrc`, end the data file with
/// a line of shell, and have the coordinator's next `log` append it there.
#[test]
fn a_torn_line_is_never_moved_through_a_planted_link() {
    let test = Test::new().lang("en");
    let victim = test.path("bashrc");
    fs::write(&victim, "# mine\n").unwrap();
    test.write(
        "articles.jsonl",
        &format!("{}\necho planted", article_line("A1", "Một")),
    );
    std::os::unix::fs::symlink(&victim, test.data().join("articles.jsonl.torn")).unwrap();
    let before = test.files();
    let args = [
        "log",
        "article",
        "--unit",
        "noi-vu",
        "--date",
        "2022-03-01",
        "--title",
        "Hai",
    ];
    let run = test
        .run(&args)
        .error(&["articles.jsonl.torn", "symbolic link"]);
    assert!(!run.stderr.contains("panicked"));
    assert_eq!(fs::read_to_string(&victim).unwrap(), "# mine\n");
    assert_eq!(before, test.files());
    // A regular .torn file is appended to, as always.
    fs::remove_file(test.data().join("articles.jsonl.torn")).unwrap();
    fs::write(test.data().join("articles.jsonl.torn"), "old\n").unwrap();
    assert_eq!(test.run(&args).ok().id(), "A2");
    assert_eq!(test.read("articles.jsonl.torn"), "old\necho planted\n");
}

/// Finding 7: under a file-size limit (`ulimit -f`, systemd's `LimitFSIZE=`)
/// SIGXFSZ killed `log` in the middle of its line: a torn line was left, the exit
/// was 153 and nothing was said. The write now fails, is undone and is reported.
#[test]
fn a_file_size_limit_fails_the_write_and_leaves_the_file_as_it_was() {
    let test = Test::new().lang("en");
    let mut text = String::new();
    let mut n = 0;
    while text.len() < 1_950 {
        n += 1;
        text.push_str(&article_line(&format!("A{n}"), "Tin"));
        text.push('\n');
    }
    test.write("articles.jsonl", &text);
    test.write_file("rows.csv", "unit,date,title\nnoi-vu,2022-03-05,a\n");
    let limited = |args: &[&str]| {
        let inner = test.process(args);
        let mut cmd = std::process::Command::new("prlimit");
        cmd.arg("--fsize=2048")
            .arg("--")
            .arg(inner.get_program())
            .args(inner.get_args())
            .env_clear()
            .current_dir(test.dir.path());
        run_command(assert_cmd::Command::from_std(cmd))
    };
    let before = test.files();
    let long = "Một tin có tiêu đề đủ dài để vượt giới hạn cỡ tệp";
    for args in [
        &[
            "log",
            "article",
            "--unit",
            "noi-vu",
            "--date",
            "2022-03-01",
            "--title",
            long,
        ][..],
        &["import", "rows.csv", "--record", "article"],
    ] {
        limited(args).error(&["articles.jsonl", "File too large"]);
        assert_eq!(before, test.files(), "{args:?}");
    }
}
