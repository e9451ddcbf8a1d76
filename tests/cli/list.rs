//! `cchc list`: filters and formats.

use crate::harness::{Test, repo};

fn seeded() -> Test {
    let test = Test::fixture();
    test.log(&[
        "article",
        "--unit",
        "phong-a",
        "--date",
        "2024-01-10",
        "--title",
        "Một, \"hai\"",
        "--topic",
        "mot-cua",
        "--topic",
        "so-hoa",
    ]);
    test.article("xa-son-my", "2024-04-10", "Sơn Mỹ");
    test.log(&[
        "broadcast",
        "--date",
        "2024-02-05",
        "--time",
        "05:30",
        "--title",
        "Phát thanh",
    ]);
    test.log(&[
        "report",
        "--unit",
        "xa-son-my",
        "--period",
        "2024-Q1",
        "--date",
        "2024-03-10",
    ]);
    test
}

fn ids(test: &Test, args: &[&str]) -> Vec<String> {
    let mut full = vec!["list", "--format", "json"];
    full.extend_from_slice(args);
    let run = test.run(&full).ok();
    run.json()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn records_are_listed_by_date_and_filtered() {
    let test = seeded();
    assert_eq!(ids(&test, &[]), ["A1", "B1", "S1", "A2"]);
    assert_eq!(ids(&test, &["--unit", "son my"]), ["S1", "A2"]);
    assert_eq!(ids(&test, &["--record", "article"]), ["A1", "A2"]);
    assert_eq!(ids(&test, &["--record", "report"]), ["S1"]);
    assert_eq!(ids(&test, &["--record", "plan"]), Vec::<String>::new());
    assert_eq!(
        ids(&test, &["--from", "5/2/2024", "--to", "2024-03-10"]),
        ["B1", "S1"]
    );
    test.run(&["list", "--from", "2024-03-01", "--to", "2024-02-01"])
        .error(&["--from"]);
    test.run(&["list", "--unit", "phong"])
        .error(&["khớp với 2 đơn vị"]);
}

#[test]
fn csv_has_a_header_and_quotes_what_needs_it() {
    let run = seeded()
        .run(&["list", "--format", "csv", "--record", "article"])
        .ok();
    let mut lines = run.stdout.lines();
    assert_eq!(
        lines.next(),
        Some(
            "id,record,unit,date,time,minutes,period,title,topics,url,ref,logged_at,channel,sent,rule,activity,count,participants,unit_name"
        )
    );
    let first = lines.next().unwrap();
    assert!(
        first
            .starts_with("A1,article,phong-a,2024-01-10,,,,\"Một, \"\"hai\"\"\",mot-cua;so-hoa,,,"),
        "{first}"
    );
    assert_eq!(lines.count(), 1);
}

#[test]
fn the_table_shows_names_and_vietnamese_dates() {
    let run = seeded().run(&["list"]).ok();
    for needle in [
        "UBND xã Sơn Mỹ",
        "10/01/2024",
        "05:30",
        "2024-Q1",
        "mot-cua, so-hoa",
    ] {
        assert!(run.stdout.contains(needle), "{needle}:\n{}", run.stdout);
    }
    let empty = Test::fixture().run(&["list"]).ok();
    assert_eq!(empty.stdout.trim(), "Không có bản ghi nào.");
}

/// The table ends with a sentence that counts the records (not a bare number);
/// CSV and JSON stay rows and an array, nothing after them.
#[test]
fn the_table_ends_with_how_many_records() {
    let test = seeded();
    let count = test
        .run(&["list", "--format", "json"])
        .ok()
        .json()
        .as_array()
        .unwrap()
        .len();
    let run = test.run(&["list"]).ok();
    assert_eq!(
        run.stdout.lines().last().unwrap(),
        format!("{count} bản ghi")
    );
    let english = test.run(&["--lang", "en", "list"]).ok();
    assert_eq!(
        english.stdout.lines().last().unwrap(),
        format!("{count} records")
    );
    let one = test
        .run(&[
            "--lang",
            "en",
            "list",
            "--record",
            "broadcast",
            "--to",
            "2024-02-05",
        ])
        .ok();
    assert_eq!(
        one.stdout.lines().last().unwrap(),
        "1 record",
        "{}",
        one.stdout
    );
    let csv = test.run(&["list", "--format", "csv"]).ok();
    assert_eq!(
        csv.stdout.lines().count(),
        count + 1,
        "a header and the rows"
    );
    assert!(csv.stderr.is_empty(), "{}", csv.stderr);
}

#[test]
fn the_example_data_reads_cleanly() {
    let example = repo().join("examples/ham-tan-2022");
    let test = Test::new().on("2023-01-05").with_data(&example);
    let run = test.run(&["list", "--format", "json"]).ok();
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let records = run.json();
    assert!(records.as_array().unwrap().len() > 300);
}

/// The evidence the CCHC index asks for: items by topic and channel, and the
/// articles that still have no link.
#[test]
fn list_filters_by_topic_channel_and_missing_link_and_names_units() {
    let test = Test::fixture();
    test.log(&[
        "article",
        "--unit",
        "phong-a",
        "--date",
        "2024-03-01",
        "--title",
        "Một",
        "--topic",
        "mot-cua",
        "--url",
        "https://e.vn/1",
    ]);
    test.log(&[
        "article",
        "--unit",
        "phong-a",
        "--date",
        "2024-03-02",
        "--title",
        "Hai",
        "--topic",
        "so-hoa",
    ]);
    test.article("xa-son-my", "2024-03-03", "Ba");
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["list", "--format", "json"];
        all.extend_from_slice(args);
        test.run(&all)
            .ok()
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&["--topic", "mot-cua"]), ["A1"]);
    assert_eq!(ids(&["--no-url"]), ["A2", "A3"]);
    assert_eq!(ids(&["--no-url", "--unit", "son my"]), ["A3"]);
    test.refused(
        &["list", "--topic", "mot-cu"],
        &["--topic", "có phải là `mot-cua`"],
    );
    let csv = test
        .run(&["list", "--format", "csv", "--no-url"])
        .ok()
        .stdout;
    assert!(
        csv.lines().nth(2).unwrap().ends_with(",UBND xã Sơn Mỹ"),
        "{csv}"
    );
}
