//! The bad-input corpus (`tests/fixtures/bad/`, listed in `cases.json`): plans,
//! data lines, CSV files and argument lists. Each must give exit 2, one `error:`
//! naming the file and line (or the flag), no panic, and unchanged data files.

use serde::Deserialize;

use crate::harness::{Run, Test, repo};

#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Case {
    Plan {
        file: String,
        line: usize,
        expect: Vec<String>,
    },
    Data {
        file: String,
        install_as: String,
        line: usize,
        expect: Vec<String>,
    },
    Csv {
        file: String,
        record: String,
        line: usize,
        expect: Vec<String>,
    },
    Args {
        /// A fixture plan under `tests/fixtures/` (default: `plan-2024.toml`).
        #[serde(default)]
        plan: Option<String>,
        args: Vec<String>,
        expect: Vec<String>,
    },
}

fn corpus() -> Vec<Case> {
    let text = std::fs::read_to_string(repo().join("tests/fixtures/bad/cases.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn fixture(file: &str) -> std::path::PathBuf {
    repo().join("tests/fixtures/bad").join(file)
}

/// A test with one article logged, so that "unchanged" means something.
fn with_data() -> Test {
    let test = Test::fixture();
    test.article("phong-a", "2024-03-01", "Có sẵn");
    test
}

/// The same on another fixture plan (the second edition's, on 10 April 2026).
fn second_edition_with_data(plan: &str) -> Test {
    let text = std::fs::read_to_string(repo().join("tests/fixtures").join(plan)).unwrap();
    let test = Test::new().with_plan(&text).on("2026-04-10");
    test.article("xa-thu", "2026-03-01", "Có sẵn");
    test
}

#[track_caller]
fn assert_refused(
    test: &Test,
    args: &[&str],
    located: Option<String>,
    expect: &[String],
    what: &str,
) -> Run {
    let before = test.files();
    let run = test.run(args);
    assert!(
        !run.stderr.contains("panicked"),
        "{what}: panic\n{}",
        run.stderr
    );
    let mut parts: Vec<&str> = expect.iter().map(String::as_str).collect();
    if let Some(located) = &located {
        parts.push(located);
    }
    let run = std::panic::catch_unwind(|| run.error(&parts)).unwrap_or_else(|_| panic!("{what}"));
    assert_eq!(before, test.files(), "{what} changed the data");
    run
}

#[test]
fn every_bad_input_is_refused_cleanly() {
    let cases = corpus();
    assert!(cases.len() >= 100, "the corpus has {} cases", cases.len());
    for case in cases {
        match case {
            Case::Plan { file, line, expect } => {
                let path = fixture(&file);
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                let test = Test::new();
                test.article("noi-vu", "2022-03-01", "Có sẵn");
                let plan = path.to_str().unwrap();
                // The corpus's expectations are the English words; the
                // Vietnamese are other words at the same place.
                let english = assert_refused(
                    &test,
                    &["--lang", "en", "--plan", plan, "plan"],
                    Some(format!("{name}:{line}:")),
                    &expect,
                    &file,
                );
                let vietnamese = assert_refused(
                    &test,
                    &["--plan", plan, "report"],
                    Some(format!("{name}:{line}:")),
                    &[],
                    &file,
                );
                assert_ne!(english.stderr, vietnamese.stderr, "{file}: not translated");
            }
            Case::Data {
                file,
                install_as,
                line,
                expect,
            } => {
                let test = Test::fixture();
                std::fs::create_dir_all(test.data()).unwrap();
                std::fs::copy(fixture(&file), test.data().join(&install_as)).unwrap();
                let located = Some(format!("{install_as}:{line}:"));
                for args in [
                    &["list"][..],
                    &["report", "--format", "json"],
                    &["check"],
                    &[
                        "log",
                        "article",
                        "--unit",
                        "phong-a",
                        "--date",
                        "2024-03-02",
                        "--title",
                        "Mới",
                    ],
                    &[
                        "log",
                        "broadcast",
                        "--date",
                        "2024-03-02",
                        "--time",
                        "17:00",
                        "--title",
                        "Mới",
                    ],
                    &["void", "A1", "--reason", "x"],
                ] {
                    assert_refused(
                        &test,
                        args,
                        located.clone(),
                        &expect,
                        &format!("{file} with {args:?}"),
                    );
                }
                let verify = test.run(&["verify"]);
                assert!(
                    verify.stderr.contains(&format!("{install_as}:{line}:")),
                    "{file}: {}",
                    verify.stderr
                );
            }
            Case::Csv {
                file,
                record,
                line,
                expect,
            } => {
                let path = fixture(&file);
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                let test = with_data();
                let args = ["import", path.to_str().unwrap(), "--record", &record];
                assert_refused(
                    &test,
                    &args,
                    Some(format!("{name}:{line}:")),
                    &expect,
                    &file,
                );
            }
            Case::Args { plan, args, expect } => {
                let test = match plan {
                    None => with_data(),
                    Some(plan) => second_edition_with_data(&plan),
                };
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                assert_refused(&test, &args, None, &expect, &format!("{args:?}"));
            }
        }
    }
}

#[test]
fn a_one_megabyte_title_is_refused_in_a_csv_and_as_a_broken_line() {
    let test = with_data();
    // One argument may hold at most 128 KiB on Linux: the flag gets 100 KB.
    let long = "Tiêu đề ".repeat(10_000);
    assert_refused(
        &test,
        &[
            "log",
            "article",
            "--unit",
            "phong-a",
            "--date",
            "2024-03-02",
            "--title",
            &long,
        ],
        None,
        &["--title dài 79999 ký tự".into(), "tối đa 500 ký tự".into()],
        "100 KB title",
    );
    let huge = "Tiêu đề ".repeat(100_000);
    std::fs::write(
        test.path("huge.csv"),
        format!("unit,date,title\nphong-a,2024-03-02,{huge}\n"),
    )
    .unwrap();
    assert_refused(
        &test,
        &["import", "huge.csv", "--record", "article"],
        Some("huge.csv:2:".into()),
        &["title dài 799999 ký tự".into()],
        "1 MB title in a CSV",
    );
    let mut text = test.read("articles.jsonl");
    text.push_str(&format!("{{\"id\":\"A2\",\"title\":\"{huge}\n"));
    text.push_str("{\"id\":\"A3\"}\n");
    test.write("articles.jsonl", &text);
    assert_refused(
        &test,
        &["list"],
        Some("articles.jsonl:2:".into()),
        &[],
        "1 MB broken line",
    );
}
