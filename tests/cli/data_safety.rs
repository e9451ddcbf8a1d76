//! SPEC "Data safety": torn tails, hand-edited and corrupt lines, and a data
//! directory that cannot be used. (Concurrent writers and killed processes are in
//! `faults.rs`.)

use crate::harness::Test;

const ARTICLE: &str = r#"{"id":"A1","unit":"phong-a","date":"2024-03-01","title":"Có sẵn","topics":[],"logged_at":"2024-03-01T08:00:00+07:00"}"#;

#[test]
fn a_torn_last_line_is_ignored_with_a_warning_then_moved_aside() {
    let test = Test::fixture();
    let torn = r#"{"id":"A2","unit":"phong-a","da"#;
    test.write("articles.jsonl", &format!("{ARTICLE}\n{torn}"));
    let run = test.run(&["list", "--format", "json"]).ok();
    assert_eq!(run.json().as_array().unwrap().len(), 1);
    assert!(
        run.stderr.contains("cảnh báo: articles.jsonl:2:"),
        "{}",
        run.stderr
    );
    let id = test.article("phong-a", "2024-03-02", "Mới");
    assert_eq!(
        id, "A2",
        "the torn line was never acknowledged, so its id is free"
    );
    assert_eq!(test.read("articles.jsonl.torn"), format!("{torn}\n"));
    let text = test.read("articles.jsonl");
    assert!(
        text.starts_with(&format!("{ARTICLE}\n{{\"id\":\"A2\"")) && text.ends_with('\n'),
        "{text}"
    );
    assert!(test.run(&["list"]).ok().stderr.is_empty());
}

#[test]
fn a_complete_last_line_without_newline_is_a_record_and_gets_its_newline() {
    let test = Test::fixture();
    test.write("articles.jsonl", ARTICLE);
    assert_eq!(
        test.run(&["list", "--format", "json"])
            .ok()
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    test.article("phong-a", "2024-03-02", "Mới");
    let text = test.read("articles.jsonl");
    assert!(text.starts_with(&format!("{ARTICLE}\n")), "{text}");
    assert_eq!(text.lines().count(), 2);
    assert!(!test.data().join("articles.jsonl.torn").exists());
}

#[test]
fn a_corrupt_middle_line_is_an_error_naming_file_and_line_and_blocks_writes() {
    let test = Test::fixture();
    test.write(
        "articles.jsonl",
        &format!("{ARTICLE}\n{{\"id\": \"A2\", \"unit\": 5}}\n{ARTICLE}\n"),
    );
    test.refused(&["list"], &["articles.jsonl:2:", "unit"]);
    test.refused(&["report"], &["articles.jsonl:2:"]);
    test.refused(
        &[
            "log",
            "article",
            "--unit",
            "phong-a",
            "--date",
            "2024-03-02",
            "--title",
            "T",
        ],
        &["articles.jsonl:2:"],
    );
    test.write("broadcasts.jsonl", "\u{0}\n");
    test.write("articles.jsonl", &format!("{ARTICLE}\n"));
    test.refused(&["check"], &["broadcasts.jsonl:1:"]);
}

#[test]
fn hand_edited_files_with_crlf_blank_lines_and_unknown_fields_read() {
    let test = Test::fixture();
    let extra = ARTICLE.replace("\"title\"", "\"note\":\"x\",\"title\"");
    test.write("articles.jsonl", &format!("{extra}\r\n\r\n"));
    let run = test.run(&["list", "--format", "json"]).ok();
    assert_eq!(run.json()[0]["title"], "Có sẵn");
}

#[test]
fn a_data_directory_that_is_a_file_is_an_error() {
    let test = Test::fixture();
    std::fs::remove_dir(test.data()).unwrap();
    std::fs::write(test.data(), "not a directory").unwrap();
    test.run(&[
        "log",
        "article",
        "--unit",
        "phong-a",
        "--date",
        "2024-03-02",
        "--title",
        "T",
    ])
    .error(&["thư mục dữ liệu", "not a directory"]);
    test.run(&["list"]).error(&["not a directory"]);
    assert_eq!(
        std::fs::read_to_string(test.data()).unwrap(),
        "not a directory"
    );
}

#[test]
fn the_data_directory_is_created_on_first_write() {
    let test = Test::fixture().without_data_dir();
    assert!(!test.data().exists());
    test.run(&["list"]).ok();
    assert!(!test.data().exists(), "reading creates nothing");
    test.article("phong-a", "2024-03-02", "T");
    assert!(test.data().join("articles.jsonl").is_file());
}
