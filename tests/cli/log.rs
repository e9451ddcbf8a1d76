//! `cchc log` and `cchc void`: what is accepted, what is refused, and that a
//! refusal never changes a data file.

use serde_json::json;

use crate::harness::Test;

fn listed(test: &Test) -> Vec<serde_json::Value> {
    test.run(&["list", "--format", "json"])
        .ok()
        .json()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn every_log_form_round_trips_through_list() {
    let test = Test::fixture();
    let a = test.log(&[
        "article",
        "--unit",
        "phong-a",
        "--date",
        "2024-03-15",
        "--title",
        "Một cửa điện tử",
        "--topic",
        "mot-cua",
        "--topic",
        "so-hoa",
        "--url",
        "https://example.gov.vn/tin/1",
    ]);
    let b = test.log(&[
        "broadcast",
        "--date",
        "4/3/2024",
        "--time",
        "17:15",
        "--minutes",
        "10",
        "--title",
        "Phát thanh",
    ]);
    let p = test.log(&[
        "plan",
        "--unit",
        "xa-tan-ha",
        "--date",
        "20/02/2024",
        "--ref",
        "12/KH-UBND",
    ]);
    let r = test.log(&[
        "report",
        "--unit",
        "phong-b",
        "--period",
        "2024-Q1",
        "--date",
        "2024-03-14",
    ]);
    assert_eq!(
        [a.as_str(), b.as_str(), p.as_str(), r.as_str()],
        ["A1", "B1", "S1", "S2"]
    );

    let records = listed(&test);
    let strip = |v: &serde_json::Value| {
        let mut v = v.clone();
        let logged_at = v.as_object_mut().unwrap().remove("logged_at").unwrap();
        assert!(
            chrono::DateTime::parse_from_rfc3339(logged_at.as_str().unwrap()).is_ok(),
            "{logged_at}"
        );
        v
    };
    let records: Vec<_> = records.iter().map(strip).collect();
    assert_eq!(
        records,
        [
            json!({"id": "S1", "record": "plan", "unit": "xa-tan-ha", "date": "2024-02-20", "ref": "12/KH-UBND",
                   "period": "2024", "rule": "ke-hoach", "unit_name": "UBND xã Tân Hà"}),
            json!({"id": "B1", "record": "broadcast", "unit": "trung-tam", "date": "2024-03-04", "time": "17:15",
                   "minutes": 10, "title": "Phát thanh", "unit_name": "Trung tâm Truyền thanh"}),
            json!({"id": "S2", "record": "report", "unit": "phong-b", "date": "2024-03-14", "period": "2024-Q1",
                   "rule": "bao-cao", "unit_name": "Phòng Bêta"}),
            json!({"id": "A1", "record": "article", "unit": "phong-a", "date": "2024-03-15", "title": "Một cửa điện tử",
                   "topics": ["mot-cua", "so-hoa"], "url": "https://example.gov.vn/tin/1", "unit_name": "Phòng Alpha"}),
        ]
    );
}

#[test]
fn log_prints_the_id_alone_and_confirms_on_stderr() {
    let test = Test::fixture();
    let run = test
        .run(&[
            "log", "article", "--unit", "son my", "--date", "today", "--title", "Tin",
        ])
        .ok();
    assert_eq!(run.stdout, "A1\n");
    assert!(
        run.stderr.contains("UBND xã Sơn Mỹ") && run.stderr.contains("15/10/2024"),
        "{}",
        run.stderr
    );
    let run = test
        .lang("en")
        .run(&[
            "log",
            "article",
            "--unit",
            "son my",
            "--date",
            "yesterday",
            "--title",
            "Tin",
        ])
        .ok();
    assert_eq!(run.stdout, "A2\n");
    assert!(run.stderr.contains("2024-10-14"), "{}", run.stderr);
}

#[test]
fn lines_are_written_in_the_spec_format() {
    let test = Test::fixture();
    test.article("phong-a", "2024-03-15", "  Tin   bài  ");
    let text = test.read("articles.jsonl");
    assert!(
        text.ends_with('\n') && text.lines().count() == 1,
        "{text:?}"
    );
    let line: serde_json::Value = serde_json::from_str(text.trim_end()).unwrap();
    assert_eq!(
        line["title"], "Tin bài",
        "titles are trimmed and their spaces folded"
    );
    assert_eq!(line["topics"], json!([]));
    assert!(line.get("url").is_none());
}

#[test]
fn units_are_found_by_id_or_name_without_case_or_diacritics() {
    let test = Test::fixture();
    for (query, expected) in [
        ("xa-son-my", "xa-son-my"),
        ("son my", "xa-son-my"),
        ("Sơn Mỹ", "xa-son-my"),
        ("TÂN HÀ", "xa-tan-ha"),
        ("ubnd xa tan ha", "xa-tan-ha"),
        ("phong beta", "phong-b"),
    ] {
        test.article(query, "2024-03-15", query);
        let last = listed(&test).pop().unwrap();
        assert_eq!(last["unit"], expected, "{query}");
    }
}

#[test]
fn ambiguous_and_unknown_units_list_the_candidates() {
    let test = Test::fixture();
    let args = |unit| {
        [
            "log",
            "article",
            "--unit",
            unit,
            "--date",
            "2024-03-15",
            "--title",
            "T",
        ]
    };
    test.refused(
        &args("phong"),
        &[
            "`phong` khớp với 2 đơn vị",
            "phong-a",
            "Phòng Alpha",
            "phong-b",
        ],
    );
    test.refused(
        &args("xa-son-mi"),
        &[
            "không có đơn vị nào khớp với `xa-son-mi`",
            "có phải là `xa-son-my`",
        ],
    );
    test.refused(
        &args("nowhere"),
        &["không có đơn vị nào khớp với `nowhere`", "cchc plan"],
    );
}

#[test]
fn dates_in_every_form_and_the_leap_day() {
    let test = Test::fixture();
    test.article("phong-a", "29/2/2024", "Leap");
    test.article("phong-a", "01/03/2024", "Padded");
    let dates: Vec<_> = listed(&test)
        .iter()
        .map(|r| r["date"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(dates, ["2024-02-29", "2024-03-01"]);
}

#[test]
fn impossible_dates_and_dates_outside_the_plan_or_after_today_are_refused() {
    let test = Test::fixture();
    let args = |date| {
        [
            "log", "article", "--unit", "phong-a", "--date", date, "--title", "T",
        ]
    };
    test.refused(
        &args("31/2/2024"),
        &["--date", "31/2/2024", "không có trong lịch"],
    );
    test.refused(&args("2024-3-5"), &["--date", "không phải là ngày"]);
    test.refused(
        &args("31/12/2023"),
        &["nằm ngoài kế hoạch", "01/01/2024", "31/12/2024"],
    );
    test.refused(&args("16/10/2024"), &["sau ngày hôm nay", "15/10/2024"]);
    Test::fixture()
        .on("2025-01-01")
        .refused(&args("2025-01-01"), &["nằm ngoài kế hoạch"]);
}

#[test]
fn every_typed_field_is_checked() {
    let test = Test::fixture();
    let article = |extra: &[&str]| {
        let mut args = vec![
            "log",
            "article",
            "--unit",
            "phong-a",
            "--date",
            "2024-03-15",
        ];
        args.extend_from_slice(extra);
        args.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let refuse = |args: Vec<String>, parts: &[&str]| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        test.refused(&args, parts);
    };
    refuse(article(&["--title", "   "]), &["--title để trống"]);
    refuse(
        article(&["--title", "T", "--url", "ftp://x.vn/a"]),
        &["--url", "http:// hoặc https://"],
    );
    refuse(
        article(&["--title", "T", "--url", "https://"]),
        &["--url", "không phải địa chỉ web"],
    );
    refuse(
        article(&["--title", "T", "--topic", "mot-cau"]),
        &["--topic `mot-cau`", "có phải là `mot-cua`?"],
    );
    test.refused(
        &[
            "log",
            "broadcast",
            "--date",
            "2024-03-15",
            "--time",
            "25:00",
            "--title",
            "T",
        ],
        &["--time", "25:00"],
    );
    test.refused(
        &[
            "log",
            "broadcast",
            "--date",
            "2024-03-15",
            "--time",
            "17:00",
            "--minutes",
            "0",
            "--title",
            "T",
        ],
        &["--minutes `0`"],
    );
    test.refused(
        &[
            "log",
            "report",
            "--unit",
            "phong-a",
            "--period",
            "2024-Q5",
            "--date",
            "2024-03-15",
        ],
        &["--period", "2024-Q5"],
    );
    test.refused(
        &[
            "log",
            "report",
            "--unit",
            "phong-a",
            "--period",
            "2023-Q4",
            "--date",
            "2024-03-15",
        ],
        &[
            "--period `2023-Q4` không phải kỳ báo cáo",
            "2024-Q1 … 2024-Q4",
        ],
    );
    test.refused(
        &[
            "log",
            "report",
            "--unit",
            "phong-a",
            "--period",
            "2024-03",
            "--date",
            "2024-03-15",
        ],
        &["không phải kỳ báo cáo"],
    );
    test.refused(
        &[
            "log",
            "plan",
            "--unit",
            "phong-a",
            "--date",
            "2024-02-01",
            "--ref",
            " ",
        ],
        &["--ref để trống"],
    );
}

#[test]
fn a_report_for_a_unit_no_report_rule_covers_is_refused() {
    let plan = crate::harness::FIXTURE_PLAN.replace(
        "kinds = [\"department\", \"commune\", \"center\"]",
        "kinds = [\"department\", \"commune\"]",
    );
    let test = Test::new().with_plan(&plan).on("2024-10-15");
    test.refused(
        &[
            "log",
            "report",
            "--unit",
            "trung-tam",
            "--period",
            "2024-Q1",
            "--date",
            "2024-03-15",
        ],
        &["không có chỉ tiêu báo cáo nào", "trung-tam"],
    );
}

#[test]
fn a_broadcast_needs_a_unit_when_several_units_broadcast() {
    let plan = crate::harness::FIXTURE_PLAN.replace(
        "units = [\"trung-tam\"]",
        "units = [\"trung-tam\", \"xa-son-my\"]",
    );
    let test = Test::new().with_plan(&plan).on("2024-10-15");
    test.refused(
        &[
            "log",
            "broadcast",
            "--date",
            "2024-03-15",
            "--time",
            "17:00",
            "--title",
            "T",
        ],
        &[
            "nhiều đơn vị có chỉ tiêu phát thanh",
            "trung-tam",
            "xa-son-my",
            "--unit",
        ],
    );
    assert_eq!(
        test.log(&[
            "broadcast",
            "--unit",
            "son my",
            "--date",
            "2024-03-15",
            "--time",
            "17:00",
            "--title",
            "T"
        ]),
        "B1"
    );
}

#[test]
fn duplicates_are_refused_unless_allowed_or_voided() {
    let test = Test::fixture();
    let first = [
        "article",
        "--unit",
        "phong-a",
        "--date",
        "2024-03-15",
        "--title",
        "Tin A",
        "--url",
        "https://x.vn/1",
    ];
    test.log(&first);
    let mut again = vec!["log"];
    again.extend_from_slice(&first);
    test.refused(&again, &["trùng", "A1", "--allow-duplicate"]);
    // Same title in another case and other spacing, no URL: still the same item.
    test.refused(
        &[
            "log",
            "article",
            "--unit",
            "phong a",
            "--date",
            "15/3/2024",
            "--title",
            "tin  a",
        ],
        &["trùng", "A1"],
    );
    // Same URL, another title.
    test.refused(
        &[
            "log",
            "article",
            "--unit",
            "phong-b",
            "--date",
            "2024-03-16",
            "--title",
            "Other",
            "--url",
            "https://x.vn/1",
        ],
        &["trùng", "cùng đường dẫn"],
    );
    again.push("--allow-duplicate");
    assert_eq!(test.run(&again).ok().id(), "A2");
    // Once both are voided, the same item may be logged again.
    test.run(&["void", "A1", "--reason", "sai"]).ok();
    test.run(&["void", "A2", "--reason", "sai"]).ok();
    assert_eq!(test.log(&first), "A5");
}

#[test]
fn voids_hide_a_record_and_cannot_be_repeated() {
    let test = Test::fixture();
    let id = test.article("phong-a", "2024-03-15", "T");
    test.refused(
        &["void", "A9", "--reason", "x"],
        &["không có bản ghi nào mã `A9`"],
    );
    test.refused(&["void", &id, "--reason", " "], &["--reason để trống"]);
    let run = test.run(&["void", &id, "--reason", "ghi nhầm"]).ok();
    assert_eq!(run.stdout, "A2\n");
    assert!(listed(&test).is_empty());
    test.refused(&["void", &id, "--reason", "again"], &["`A1` đã bị hủy rồi"]);
    test.refused(&["void", "A2", "--reason", "x"], &["`A2` là dòng hủy"]);
    let lines: Vec<serde_json::Value> = test
        .read("articles.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "the voided record stays in the file");
    assert_eq!(
        (lines[1]["void"].as_str(), lines[1]["reason"].as_str()),
        (Some("A1"), Some("ghi nhầm"))
    );
}

#[test]
fn ids_are_never_reused_after_a_void() {
    let test = Test::fixture();
    test.log(&[
        "broadcast",
        "--date",
        "2024-03-15",
        "--time",
        "17:00",
        "--title",
        "T",
    ]);
    test.run(&["void", "B1", "--reason", "x"]).ok();
    assert_eq!(
        test.log(&[
            "broadcast",
            "--date",
            "2024-03-16",
            "--time",
            "17:00",
            "--title",
            "T"
        ]),
        "B3"
    );
}

#[test]
fn bad_flags_are_usage_errors_with_exit_2() {
    let test = Test::fixture();
    let run = test.run(&["log", "article", "--unit", "phong-a"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--date"), "{}", run.stderr);
    assert!(test.files().is_empty());
    assert_eq!(test.run(&["lgo"]).code, 2);
    test.run(&["--lang", "fr", "list"]).error(&["--lang `fr`"]);
    test.run(&["--as-of", "32/1/2024", "list"])
        .error(&["--as-of"]);
}

/// What `log`, `import` and `void` refuse follows the language: Vietnamese by
/// default, English with `--lang en`.
#[test]
fn refusals_follow_the_language() {
    let test = Test::fixture();
    for (lang, date, void, time) in [
        (
            "vi",
            "không có trong lịch",
            "không có bản ghi nào mã `A9`",
            "không phải là giờ",
        ),
        (
            "en",
            "is not a day of the calendar",
            "no record has id `A9`",
            "is not a time",
        ),
    ] {
        test.run(&[
            "--lang",
            lang,
            "log",
            "article",
            "--unit",
            "phong-a",
            "--date",
            "30/2/2024",
            "--title",
            "T",
        ])
        .error(&["--date", "`30/2/2024`", date]);
        test.run(&["--lang", lang, "void", "A9", "--reason", "x"])
            .error(&[void]);
        test.run(&[
            "--lang",
            lang,
            "log",
            "broadcast",
            "--date",
            "1/3/2024",
            "--time",
            "7h",
            "--title",
            "T",
        ])
        .error(&["--time", "`7h`", time]);
    }
}
