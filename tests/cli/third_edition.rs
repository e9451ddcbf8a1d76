//! The third edition of the plan language: what 2026 plans say (the ministry's
//! report calendar, named periods, summer months, weekdays and the last Saturday,
//! a rule's own cut-off day), through the binary.

use serde_json::Value;

use crate::harness::Test;

/// A commune's plan of 2026 on the calendar year, with the keys of the third edition.
const PLAN: &str = r#"
[plan]
title = "Kế hoạch tuyên truyền CCHC năm 2026"
issuer = "UBND xã Sơn Mỹ"
start = 2026-01-01
end = 2026-12-31
lang = "vi"

[[unit]]
id = "xa-son-my"
name = "UBND xã Sơn Mỹ"
kind = "xa"

[[unit]]
id = "dai-xa"
name = "Đài truyền thanh xã"
kind = "dai"

[[activity]]
id = "doi-thoai"
name = "Đối thoại"

[[rule]]
id = "bao-cao"
title = "Báo cáo quý I, 6 tháng, quý III, năm"
units = ["xa-son-my"]
record = "report"
periods = ["Q1", "H1", "Q3", "year"]
cutoff_day = 14
due_day = 20

[[rule]]
id = "he"
title = "Tin bài mỗi tuần trong hè"
units = ["xa-son-my"]
record = "article"
every = "week"
months = [7, 8]
min = 1

[[rule]]
id = "thu-bay-cuoi-thang"
title = "Chuyên mục thứ Bảy tuần cuối tháng"
units = ["dai-xa"]
record = "broadcast"
every = "month"
min = 1
weekdays = ["sat"]
nth = ["last"]

[[rule]]
id = "tin-bai-luy-ke"
title = "Tin bài: ≥ 03 trong quý I, ≥ 03 lũy kế 6 tháng"
units = ["xa-son-my"]
record = "article"
periods = ["Q1", "H1"]
min = 3

[[rule]]
id = "doi-thoai-thu-hai"
title = "Đối thoại vào thứ Hai"
units = ["xa-son-my"]
record = "activity"
every = "quarter"
min = 1
weekdays = ["mon"]
"#;

fn obligations(test: &Test, rule: &str) -> Vec<Value> {
    test.run(&["report", "--rule", rule, "--format", "json"])
        .ok()
        .json()["obligations"]
        .as_array()
        .unwrap()
        .clone()
}

fn labels(obligations: &[Value]) -> Vec<&str> {
    obligations
        .iter()
        .map(|o| o["period"].as_str().unwrap())
        .collect()
}

#[test]
fn the_ministrys_report_calendar_q1_six_months_q3_and_the_year() {
    let test = Test::new().with_plan(PLAN).on("2026-06-25");
    let reports = obligations(&test, "bao-cao");
    assert_eq!(labels(&reports), ["2026-Q1", "2026-H1", "2026-Q3", "2026"]);
    // Cut on the 14th by the rule's own cutoff_day; due on the 20th of the last month.
    let bounds: Vec<(&str, &str, &str)> = reports
        .iter()
        .map(|o| {
            (
                o["start"].as_str().unwrap(),
                o["end"].as_str().unwrap(),
                o["due"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        bounds,
        [
            ("2025-12-15", "2026-03-14", "2026-03-20"),
            ("2025-12-15", "2026-06-14", "2026-06-20"),
            ("2026-06-15", "2026-09-14", "2026-09-20"),
            ("2025-12-15", "2026-12-14", "2026-12-20"),
        ]
    );
    // The plan says it as a coordinator would.
    let plan = test.run(&["plan"]).ok().stdout;
    assert!(
        plan.contains("báo cáo quý I, 6 tháng, quý III, năm"),
        "{plan}"
    );
    // A report of 6 months, typed as the document names it; Q2 is not one of its periods.
    test.log(&[
        "report",
        "--unit",
        "son my",
        "--period",
        "6 tháng đầu năm 2026",
        "--date",
        "19/6/2026",
    ]);
    test.refused(
        &[
            "--lang",
            "en",
            "log",
            "report",
            "--unit",
            "son my",
            "--period",
            "2026-Q2",
            "--date",
            "19/6/2026",
        ],
        &["2026-Q2", "2026-Q1, 2026-H1, 2026-Q3, 2026"],
    );
    let reports = obligations(&test, "bao-cao");
    assert_eq!(reports[1]["status"], "met");
    assert_eq!(reports[0]["status"], "missed");
    // In the year table H1 shows in Q1 and Q2, the year in every quarter.
    for (quarter, expected) in [
        ("2026-Q1", vec!["2026-Q1", "2026-H1", "2026"]),
        ("2026-Q2", vec!["2026-H1", "2026"]),
        ("2026-Q3", vec!["2026-Q3", "2026"]),
        ("2026-Q4", vec!["2026"]),
    ] {
        let q = test
            .run(&[
                "report",
                "--rule",
                "bao-cao",
                "--quarter",
                quarter,
                "--format",
                "json",
            ])
            .ok()
            .json();
        let got: Vec<&str> = q["obligations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["period"].as_str().unwrap())
            .collect();
        assert_eq!(got, expected, "{quarter}");
    }
}

#[test]
fn cumulative_periods_count_one_article_in_each_that_holds_it() {
    let test = Test::new().with_plan(PLAN).on("2026-07-01");
    test.article("son my", "10/2/2026", "Tin tháng 2");
    test.article("son my", "20/3/2026", "Tin tháng 3");
    test.article("son my", "5/5/2026", "Tin tháng 5");
    let got = obligations(&test, "tin-bai-luy-ke");
    let done: Vec<(&str, u64, &str)> = got
        .iter()
        .map(|o| {
            (
                o["period"].as_str().unwrap(),
                o["done"].as_u64().unwrap(),
                o["status"].as_str().unwrap(),
            )
        })
        .collect();
    // Q1 (January to March) holds two of three; the six months all three.
    assert_eq!(done, [("2026-Q1", 2, "missed"), ("2026-H1", 3, "met")]);
    // `log` says every period a new article counts for.
    let run = test
        .run(&[
            "log",
            "article",
            "--unit",
            "son my",
            "--date",
            "6/1/2026",
            "--title",
            "Tin tháng 1",
        ])
        .ok();
    assert!(run.stderr.contains("quý I/2026"), "{}", run.stderr);
    assert!(
        run.stderr.contains("6 tháng đầu năm 2026"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_summer_campaign_has_the_weeks_of_its_months_only() {
    let test = Test::new().with_plan(PLAN).on("2026-12-31");
    let weeks = obligations(&test, "he");
    let first = weeks.first().unwrap();
    let last = weeks.last().unwrap();
    // Weeks whose Thursday lies in July or August 2026: 2 July to 27 August.
    assert_eq!(first["start"], "2026-06-29");
    assert_eq!(last["end"], "2026-08-30");
    assert_eq!(weeks.len(), 9);
}

#[test]
fn the_last_saturday_of_the_month_and_weekdays_on_activities() {
    let test = Test::new().with_plan(PLAN).on("2026-04-30");
    // 31 January is the last Saturday of January; 21 February is not February's.
    test.log(&[
        "broadcast",
        "--date",
        "31/1/2026",
        "--time",
        "19:00",
        "--title",
        "Chuyên mục tháng 1",
    ]);
    let run = test
        .run(&[
            "log",
            "broadcast",
            "--date",
            "21/2/2026",
            "--time",
            "19:00",
            "--title",
            "Chuyên mục tháng 2",
        ])
        .ok();
    assert!(
        run.stderr.contains("chỉ tính thứ Bảy cuối tháng"),
        "{}",
        run.stderr
    );
    test.log(&[
        "broadcast",
        "--date",
        "28/3/2026",
        "--time",
        "19:00",
        "--title",
        "Chuyên mục tháng 3",
    ]);
    let months: Vec<(String, String)> = obligations(&test, "thu-bay-cuoi-thang")
        .iter()
        .map(|o| {
            (
                o["period"].as_str().unwrap().to_string(),
                o["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        &months[..4],
        [
            ("2026-01".into(), "met".into()),
            ("2026-02".into(), "missed".into()),
            ("2026-03".into(), "met".into()),
            ("2026-04".into(), "due_soon".into()),
        ]
    );
    // An activity on a Tuesday does not count for a Monday rule; on a Monday it does.
    let tuesday = test
        .run(&[
            "log",
            "activity",
            "--unit",
            "son my",
            "--date",
            "3/3/2026",
            "--activity",
            "doi-thoai",
            "--title",
            "Đối thoại",
        ])
        .ok();
    assert!(
        tuesday.stderr.contains("ngày trong tuần không được tính"),
        "{}",
        tuesday.stderr
    );
    test.log(&[
        "activity",
        "--unit",
        "son my",
        "--date",
        "2/3/2026",
        "--activity",
        "doi-thoai",
        "--title",
        "Đối thoại thứ Hai",
    ]);
    let q1 = &obligations(&test, "doi-thoai-thu-hai")[0];
    assert_eq!(q1["done"], 1);
}

#[test]
fn weekdays_of_articles_are_checked_on_the_day_that_places_them() {
    let plan = PLAN.replace(
        "[[rule]]\nid = \"tin-bai-luy-ke\"",
        "[[rule]]\nid = \"gui-thu-sau\"\ntitle = \"Gửi tin vào thứ Sáu\"\nunits = [\"xa-son-my\"]\nrecord = \"article\"\nevery = \"quarter\"\nmin = 1\nweekdays = [\"fri\"]\ncount_by = \"sent\"\n\n[[rule]]\nid = \"tin-bai-luy-ke\"",
    );
    let test = Test::new().with_plan(&plan).on("2026-04-30");
    // Appeared on Monday 9 March, sent on Friday 6 March: counts.
    test.log(&[
        "article",
        "--unit",
        "son my",
        "--date",
        "9/3/2026",
        "--sent",
        "6/3/2026",
        "--title",
        "Tin gửi thứ Sáu",
    ]);
    let q1 = &obligations(&test, "gui-thu-sau")[0];
    assert_eq!(q1["done"], 1);
}

/// An article of 20 December in a plan whose quarters are cut on the 14th falls in
/// no period of the commune's rules: `log` says that is why it counts for nothing,
/// not the topic another rule (a July–September campaign) asks for.
#[test]
fn an_article_after_the_last_cut_off_says_its_day_lies_in_no_period() {
    let plan = std::fs::read_to_string(
        crate::harness::repo().join("examples/plans/tinh-2026-cat-14.toml"),
    )
    .unwrap();
    let test = Test::new().with_plan(&plan).on("2026-12-25");
    let run = test
        .run(&[
            "log",
            "article",
            "--unit",
            "son my",
            "--date",
            "20/12/2026",
            "--title",
            "Tổng kết năm",
        ])
        .ok();
    assert!(
        run.stderr.contains("ngày không thuộc kỳ nào") && !run.stderr.contains("chủ đề"),
        "{}",
        run.stderr
    );
}
