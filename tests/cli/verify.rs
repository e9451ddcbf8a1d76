//! `cchc verify`: every problem as `file:line: what`, or a clean summary.

use crate::harness::{Test, repo};

#[test]
fn a_clean_directory_gives_a_summary() {
    let test = Test::fixture();
    test.article("phong-a", "2024-03-01", "T");
    test.log(&[
        "broadcast",
        "--date",
        "2024-03-01",
        "--time",
        "17:00",
        "--title",
        "T",
    ]);
    test.run(&["void", "A1", "--reason", "x"]).ok();
    let run = test.run(&["verify"]).ok();
    assert_eq!(
        run.stdout,
        "không có lỗi: articles.jsonl 1, broadcasts.jsonl 1, submissions.jsonl 0 (1 dòng hủy)\n"
    );
    let run = test.run(&["--lang", "en", "verify"]).ok();
    assert_eq!(
        run.stdout,
        "ok: articles.jsonl 1, broadcasts.jsonl 1, submissions.jsonl 0 (1 voided)\n"
    );
    // A data directory that is not there (a typo in cron) is an error.
    Test::fixture()
        .without_data_dir()
        .run(&["verify"])
        .error(&["không có thư mục dữ liệu ở"]);
    Test::fixture()
        .without_data_dir()
        .run(&["--lang", "en", "verify"])
        .error(&["no data directory at"]);
}

#[test]
fn the_example_data_is_clean() {
    let example = repo().join("examples/ham-tan-2022");
    Test::new()
        .on("2023-01-05")
        .with_data(&example)
        .run(&["verify"])
        .ok();
}

#[test]
fn every_problem_is_listed_with_file_and_line() {
    let test = Test::fixture();
    let article = |id: &str, unit: &str, date: &str, topics: &str| {
        format!(
            r#"{{"id":"{id}","unit":"{unit}","date":"{date}","title":"T","topics":[{topics}],"logged_at":"x"}}"#
        )
    };
    test.write(
        "articles.jsonl",
        &[
            article("A1", "phong-a", "2024-03-01", ""),
            article("A2", "nobody", "2024-03-01", ""),
            article("A3", "phong-a", "2023-12-31", ""),
            article("A4", "phong-a", "2024-03-01", "\"nope\""),
            "{broken".to_string(),
            article("A1", "phong-a", "2024-03-02", ""),
            r#"{"id":"A7","void":"A99","reason":"r","logged_at":"x"}"#.to_string(),
            r#"{"id":"A8","unit":"phong-a","da"#.to_string(),
        ]
        .join("\n"),
    );
    test.write(
        "submissions.jsonl",
        "{\"id\":\"S1\",\"unit\":\"phong-a\",\"kind\":\"report\",\"period\":\"2023-Q4\",\"date\":\"2024-01-05\",\"logged_at\":\"x\"}\n",
    );
    test.run(&["verify"]).error(&[
        "5 lỗi trong",
        "articles.jsonl:2: đơn vị `nobody` không có trong kế hoạch",
        "articles.jsonl:6: mã `A1` bị trùng (lần đầu ở articles.jsonl:1)",
        "articles.jsonl:5: dòng không đọc được (not a JSON object",
    ]);
    let run = test.run(&["--lang", "en", "verify"]).error(&["5 problems"]);
    for expected in [
        "articles.jsonl:2: unit `nobody`",
        // Records no plan covers (another year's) are warnings, not problems.
        "warning: articles.jsonl:3: article of 2023-12-31 is covered by no plan",
        "articles.jsonl:4: topic `nope`",
        "articles.jsonl:5: not a JSON object",
        "articles.jsonl:6: duplicate id `A1` (first at articles.jsonl:1)",
        "articles.jsonl:7: void of `A99`",
        "warning: submissions.jsonl:1: period `2023-Q4` is no report period of any plan here",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    assert!(
        run.stderr.contains("warning: articles.jsonl:8:"),
        "a torn tail is a warning: {}",
        run.stderr
    );
}

#[test]
fn a_torn_tail_alone_is_only_a_warning() {
    let test = Test::fixture();
    test.article("phong-a", "2024-03-01", "T");
    let mut text = test.read("articles.jsonl");
    text.push_str("{\"id\":");
    test.write("articles.jsonl", &text);
    let run = test.run(&["verify"]).ok();
    assert!(
        run.stderr
            .starts_with("cảnh báo: articles.jsonl:2: dòng cuối bị cắt dở"),
        "{}",
        run.stderr
    );
    let run = test.run(&["--lang", "en", "verify"]).ok();
    assert!(
        run.stderr
            .starts_with("warning: articles.jsonl:2: the last line was cut short"),
        "{}",
        run.stderr
    );
    // The next write moves the torn bytes away and says so.
    let run = test.run(&[
        "log",
        "article",
        "--unit",
        "phong-a",
        "--date",
        "2024-03-05",
        "--title",
        "Sau",
    ]);
    assert!(
        run.stderr.contains("đã chuyển dòng cuối bị cắt dở")
            && run.stderr.contains("articles.jsonl.torn"),
        "{}",
        run.stderr
    );
}
