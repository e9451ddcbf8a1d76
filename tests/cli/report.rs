//! `cchc report`: the year table, the quarter view and every format, in both
//! languages, on the 2024 fixture plan.

use crate::harness::{Test, repo};

/// The fixture plan with a story, as of 15 October 2024 (Q4 running).
pub fn seeded() -> Test {
    let test = Test::fixture();
    let log = |args: &[&str]| {
        test.log(args);
    };
    log(&[
        "plan",
        "--unit",
        "phong-a",
        "--date",
        "2024-02-20",
        "--ref",
        "5/KH",
    ]);
    log(&["plan", "--unit", "phong-b", "--date", "2024-03-05"]);
    log(&["plan", "--unit", "xa-son-my", "--date", "29/2/2024"]);
    for (date, topic) in [
        ("2024-01-15", "mot-cua"),
        ("2024-03-31", "so-hoa"),
        ("2024-05-02", ""),
        ("2024-07-08", "so-hoa"),
        ("2024-09-30", "mot-cua"),
    ] {
        let title = format!("Phòng Alpha {date}");
        let mut args = vec![
            "article", "--unit", "phong-a", "--date", date, "--title", &title,
        ];
        if !topic.is_empty() {
            args.extend(["--topic", topic]);
        }
        log(&args);
    }
    for date in ["2024-02-01", "2024-08-01"] {
        log(&[
            "article",
            "--unit",
            "phong-b",
            "--date",
            date,
            "--title",
            "Phòng Bêta",
        ]);
    }
    for date in [
        "2024-01-20",
        "2024-03-01",
        "2024-06-01",
        "2024-07-01",
        "2024-09-01",
        "2024-10-01",
    ] {
        log(&[
            "article",
            "--unit",
            "son my",
            "--date",
            date,
            "--title",
            &format!("Sơn Mỹ {date}"),
        ]);
    }
    for date in [
        "2024-02-01",
        "2024-03-01",
        "2024-04-01",
        "2024-05-01",
        "2024-07-01",
        "2024-08-01",
    ] {
        log(&[
            "article",
            "--unit",
            "tan ha",
            "--date",
            date,
            "--title",
            &format!("Tân Hà {date}"),
        ]);
    }
    // Weeks 1 to 12 at peak hours but for week 6 (off peak) and week 9 (none).
    for week in 1..=12 {
        let monday = chrono::NaiveDate::from_isoywd_opt(2024, week, chrono::Weekday::Wed).unwrap();
        let date = monday.format("%Y-%m-%d").to_string();
        match week {
            6 => log(&[
                "broadcast",
                "--date",
                &date,
                "--time",
                "09:00",
                "--title",
                "Ngoài giờ",
            ]),
            9 => {}
            _ => log(&[
                "broadcast",
                "--date",
                &date,
                "--time",
                "17:00",
                "--title",
                &format!("Tuần {week}"),
            ]),
        }
    }
    for (unit, period, date) in [
        ("phong-a", "2024-Q1", "2024-03-15"),
        ("phong-a", "2024-Q2", "2024-06-10"),
        ("phong-a", "2024-Q3", "2024-09-12"),
        ("phong-b", "2024-Q1", "2024-03-20"),
        ("xa-son-my", "2024-Q1", "2024-03-01"),
        ("xa-son-my", "2024-Q2", "2024-06-01"),
        ("trung-tam", "2024-Q1", "2024-03-14"),
    ] {
        log(&["report", "--unit", unit, "--period", period, "--date", date]);
    }
    test
}

fn report(test: &Test, args: &[&str]) -> String {
    let mut full = vec!["report"];
    full.extend_from_slice(args);
    test.run(&full).ok().stdout
}

#[test]
fn year_table_in_vietnamese() {
    insta::assert_snapshot!(report(&seeded(), &[]));
}

#[test]
fn year_table_in_english() {
    insta::assert_snapshot!(report(&seeded().lang("en"), &[]));
}

#[test]
fn quarter_view_in_vietnamese() {
    insta::assert_snapshot!(report(
        &seeded(),
        &["--quarter", "2024-Q1", "--unit", "phong-b"]
    ));
}

#[test]
fn quarter_view_in_english() {
    insta::assert_snapshot!(report(
        &seeded().lang("en"),
        &["--quarter", "2024-q3", "--rule", "tin-xa"]
    ));
}

#[test]
fn markdown_in_vietnamese() {
    insta::assert_snapshot!(report(&seeded(), &["--format", "markdown"]));
}

#[test]
fn markdown_quarter_in_english() {
    insta::assert_snapshot!(report(
        &seeded().lang("en"),
        &["--format", "markdown", "--quarter", "2024-Q1"]
    ));
}

#[test]
fn csv_of_one_unit() {
    insta::assert_snapshot!(report(
        &seeded(),
        &[
            "--format",
            "csv",
            "--unit",
            "phong-a",
            "--quarter",
            "2024-Q1"
        ]
    ));
}

#[test]
fn json_carries_every_spec_field_with_its_type() {
    let run = seeded().run(&["report", "--format", "json"]).ok();
    // Keys come in SPEC's order (serde_json::Value sorts them, so read the text).
    let spec_order = [
        "unit",
        "unit_name",
        "rule",
        "record",
        "period",
        "start",
        "end",
        "due",
        "required",
        "done",
        "missing",
        "status",
        "days_left",
        "records",
    ];
    let first = &run.stdout[run.stdout.find("\"obligations\"").unwrap()..];
    let positions: Vec<usize> = spec_order
        .iter()
        .map(|k| first.find(&format!("\"{k}\":")).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    let json = run.json();
    assert_eq!(json["as_of"], "2024-10-15");
    assert_eq!(json["plan"]["title"], "Kế hoạch thử nghiệm 2024");
    assert_eq!(json["plan"]["issuer"], "UBND huyện Thử");
    assert_eq!(
        (json["plan"]["start"].as_str(), json["plan"]["end"].as_str()),
        (Some("2024-01-01"), Some("2024-12-31"))
    );
    let obligations = json["obligations"].as_array().unwrap();
    // 4 units × plan, 2 departments × 4 × 2 article rules - 4 (chuyen-de only phong-a),
    // 2 communes × 4, 52 weeks, 5 units × 4 reports.
    assert_eq!(obligations.len(), 4 + 8 + 4 + 8 + 52 + 20);
    for o in obligations {
        let mut keys: Vec<&str> = o.as_object().unwrap().keys().map(String::as_str).collect();
        let mut expected = spec_order.to_vec();
        keys.sort_unstable();
        expected.sort_unstable();
        assert_eq!(keys, expected);
        for key in [
            "unit",
            "unit_name",
            "rule",
            "record",
            "period",
            "start",
            "end",
            "due",
            "status",
        ] {
            assert!(o[key].is_string(), "{key} in {o}");
        }
        for key in ["required", "done", "missing"] {
            assert!(o[key].is_u64(), "{key} in {o}");
        }
        assert!(
            o["records"]
                .as_array()
                .unwrap()
                .iter()
                .all(serde_json::Value::is_string)
        );
        let status = o["status"].as_str().unwrap();
        assert!(["met", "late", "missed", "due_soon", "due", "upcoming"].contains(&status));
        assert_eq!(
            o["days_left"].is_i64(),
            ["due", "due_soon"].contains(&status),
            "{o}"
        );
        assert_eq!(
            o["missing"].as_u64().unwrap(),
            o["required"]
                .as_u64()
                .unwrap()
                .saturating_sub(o["done"].as_u64().unwrap())
        );
    }
    let summary = json["summary"].as_object().unwrap();
    let summary_text = &run.stdout[run.stdout.find("\"summary\"").unwrap()..];
    let positions: Vec<usize> = ["met", "late", "missed", "due_soon", "due", "upcoming"]
        .iter()
        .map(|k| summary_text.find(&format!("\"{k}\":")).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert_eq!(summary.len(), 6);
    let total: u64 = summary.values().map(|v| v.as_u64().unwrap()).sum();
    assert_eq!(total as usize, obligations.len());
}

#[test]
fn json_obligations_say_what_the_story_says() {
    let json = seeded()
        .run(&["report", "--format", "json", "--quarter", "2024-Q1"])
        .ok()
        .json();
    let find = |unit: &str, rule: &str, period: &str| {
        json["obligations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["unit"] == unit && o["rule"] == rule && o["period"] == period)
            .unwrap_or_else(|| panic!("{unit} {rule} {period}"))
            .clone()
    };
    let late_plan = find("phong-b", "ke-hoach", "once");
    assert_eq!(
        (late_plan["status"].as_str(), late_plan["due"].as_str()),
        (Some("late"), Some("2024-02-29"))
    );
    assert_eq!(
        find("xa-son-my", "ke-hoach", "once")["status"],
        "met",
        "29 Feb is on time"
    );
    assert_eq!(find("xa-tan-ha", "ke-hoach", "once")["status"], "missed");
    let topical = find("phong-a", "chuyen-de", "2024-Q1");
    assert_eq!(
        (topical["done"].as_u64(), topical["status"].as_str()),
        (Some(2), Some("met"))
    );
    assert_eq!(
        topical["records"],
        serde_json::json!(["A1", "A2"]),
        "31 March counts for Q1"
    );
    assert_eq!(
        find("trung-tam", "phat-thanh", "2024-W06")["status"],
        "missed",
        "09:00 is not peak"
    );
    assert_eq!(
        find("trung-tam", "phat-thanh", "2024-W09")["status"],
        "missed"
    );
    assert_eq!(
        find("trung-tam", "phat-thanh", "2024-W13")["status"],
        "missed"
    );
    assert_eq!(find("phong-b", "bao-cao", "2024-Q1")["status"], "late");
    // Weeks belong to the quarter of their Thursday: 2024-W01 starts on 1 Jan.
    let weeks = json["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["rule"] == "phat-thanh")
        .count();
    assert_eq!(weeks, 13);
}

#[test]
fn filters_and_bad_filters() {
    let test = seeded();
    let json = test
        .run(&[
            "report", "--format", "json", "--unit", "son my", "--rule", "tin-xa",
        ])
        .ok()
        .json();
    assert_eq!(json["obligations"].as_array().unwrap().len(), 4);
    test.run(&["report", "--quarter", "2024-Q5"])
        .error(&["--quarter"]);
    test.run(&["report", "--quarter", "2025-Q1"])
        .error(&["--quarter 2025-Q1: nằm ngoài kế hoạch (thời gian từ 01/01/2024 đến 31/12/2024)"]);
    test.run(&["report", "--rule", "tin-xaa"]).error(&[
        "--rule `tin-xaa` không phải là chỉ tiêu",
        "có phải là `tin-xa`?",
    ]);
    // The same problems in English, when that is the language asked for.
    let english = seeded().lang("en");
    english
        .run(&["report", "--quarter", "2025-Q1"])
        .error(&["--quarter 2025-Q1 is outside the plan"]);
    english.run(&["report", "--rule", "tin-xaa"]).error(&[
        "--rule `tin-xaa` is not a rule of the plan",
        "did you mean `tin-xa`?",
    ]);
    english
        .run(&["report", "--format", "docx"])
        .error(&["--format docx writes a binary file: name it with --output FILE.docx"]);
    test.run(&["report", "--unit", "nobody"])
        .error(&["không có đơn vị nào khớp với"]);
    let none = test
        .run(&["report", "--unit", "trung-tam", "--rule", "tin-xa"])
        .ok();
    assert!(
        none.stdout.contains("Không có chỉ tiêu nào khớp bộ lọc."),
        "{}",
        none.stdout
    );
}

#[test]
fn colour_only_when_asked() {
    let test = seeded();
    assert!(
        !report(&test, &[]).contains('\u{1b}'),
        "no colour in a pipe"
    );
    let coloured = report(&test, &["--color", "always"]);
    assert!(coloured.contains("\u{1b}["), "{coloured}");
    assert!(!report(&test, &["--color", "always", "--format", "markdown"]).contains('\u{1b}'));
    let check = test.run(&["--color", "always", "check"]).code(1).stdout;
    assert!(check.contains("\u{1b}[31m  ✗"), "{check}");
    assert!(
        !test
            .run(&["--color", "never", "check"])
            .code(1)
            .stdout
            .contains('\u{1b}')
    );
}

#[test]
fn the_example_year_reads_as_the_story_says() {
    let example = repo().join("examples/ham-tan-2022");
    let test = Test::new().on("2023-01-05").with_data(&example);
    let json = test.run(&["report", "--format", "json"]).ok().json();
    let status = |unit: &str, rule: &str, period: &str| -> String {
        json["obligations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["unit"] == unit && o["rule"] == rule && o["period"] == period)
            .map(|o| o["status"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("{unit} {rule} {period}"))
    };
    assert_eq!(status("xa-tan-thang", "ke-hoach-don-vi", "once"), "late");
    assert_eq!(status("thanh-tra", "ke-hoach-don-vi", "once"), "missed");
    assert_eq!(status("xa-son-my", "tin-bai-xa", "2022-Q3"), "missed");
    assert_eq!(status("xa-son-my", "tin-bai-xa", "2022-Q2"), "met");
    assert_eq!(
        status("trung-tam-vhttt", "phat-thanh-hang-tuan", "2022-W05"),
        "missed"
    );
    assert_eq!(
        status("trung-tam-vhttt", "phat-thanh-hang-tuan", "2022-W31"),
        "missed"
    );
    assert_eq!(
        status("trung-tam-vhttt", "phat-thanh-hang-tuan", "2022-W30"),
        "met"
    );
    assert_eq!(status("y-te", "bao-cao-dinh-ky", "2022-Q3"), "missed");
    assert_eq!(status("xa-tan-phuc", "bao-cao-dinh-ky", "2022-Q2"), "late");
    let summary = &json["summary"];
    assert!(
        summary["met"].as_u64().unwrap() > 250,
        "most units comply: {summary}"
    );
}

/// The numbers the officer reports: completion per rule and overall, and the
/// articles per quarter by kind of unit, channel and topic.
#[test]
fn the_report_gives_completion_rates_and_totals() {
    let example = repo().join("examples/ham-tan-2022");
    let test = Test::new().on("2023-01-05").with_data(&example);
    let report = test.run(&["report", "--format", "json"]).ok().json();
    let obligations = report["obligations"].as_array().unwrap();
    let count = |status: &str| obligations.iter().filter(|o| o["status"] == status).count() as u64;
    let overall = &report["completion"]["overall"];
    assert_eq!(overall["met"].as_u64(), Some(count("met")));
    assert_eq!(overall["late"].as_u64(), Some(count("late")));
    assert_eq!(overall["missed"].as_u64(), Some(count("missed")));
    assert_eq!(
        overall["ended"].as_u64(),
        Some(count("met") + count("late") + count("missed"))
    );
    let rate = (count("met") as f64 * 1000.0 / overall["ended"].as_f64().unwrap()).round() / 10.0;
    assert_eq!(overall["rate"].as_f64(), Some(rate));
    // Weekly rules count weeks: the broadcasts' rule has 52 ended obligations.
    let weekly = report["completion"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "phat-thanh-hang-tuan")
        .unwrap();
    assert_eq!(weekly["ended"], 52);
    // Totals: every article in force, once per kind of its unit.
    let articles = test
        .run(&["list", "--record", "article", "--format", "json"])
        .ok()
        .json();
    let by_kind: u64 = report["totals"]["by_kind"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["total"].as_u64().unwrap())
        .sum();
    assert_eq!(by_kind, articles.as_array().unwrap().len() as u64);
    assert_eq!(
        report["totals"]["quarters"],
        serde_json::json!(["2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4"])
    );
    // One quarter: the totals of that quarter only; one unit: no district totals.
    let q3 = test
        .run(&["report", "--format", "json", "--quarter", "2022-Q3"])
        .ok()
        .json();
    assert_eq!(q3["totals"]["quarters"], serde_json::json!(["2022-Q3"]));
    let one = test
        .run(&["report", "--format", "json", "--unit", "noi-vu"])
        .ok()
        .json();
    assert!(one["totals"].is_null());
    let table = test.run(&["report"]).ok().stdout;
    assert!(table.contains("Tỷ lệ hoàn thành đúng hạn:"), "{table}");
}

/// `--through`: the 6-month, 9-month and year reports, from the plan's start to the
/// end of a quarter, the same obligations as those quarters one by one.
#[test]
fn through_reports_every_quarter_from_the_start() {
    let example = repo().join("examples/ham-tan-2022");
    let test = Test::new().on("2022-10-05").with_data(&example);
    let json = |args: &[&str]| {
        let mut full = vec!["report", "--format", "json"];
        full.extend_from_slice(args);
        test.run(&full).ok().json()
    };
    let keys = |report: &serde_json::Value| -> std::collections::BTreeSet<String> {
        report["obligations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| format!("{} {} {}", o["unit"], o["rule"], o["period"]))
            .collect()
    };
    let half = json(&["--through", "2022-Q2"]);
    let mut by_quarter = keys(&json(&["--quarter", "2022-Q1"]));
    by_quarter.extend(keys(&json(&["--quarter", "2022-Q2"])));
    assert_eq!(keys(&half), by_quarter);
    assert!(!keys(&half).iter().any(|k| k.contains("2022-Q3")));
    // Rates count the span's obligations; totals stop at its last quarter.
    let obligations = half["obligations"].as_array().unwrap();
    let ended = obligations
        .iter()
        .filter(|o| ["met", "late", "missed"].contains(&o["status"].as_str().unwrap()))
        .count();
    assert_eq!(half["completion"]["overall"]["ended"], ended);
    assert_eq!(
        half["totals"]["quarters"],
        serde_json::json!(["2022-Q1", "2022-Q2"])
    );
    let year = json(&[]);
    let first_two = |report: &serde_json::Value| -> Vec<u64> {
        report["totals"]["by_kind"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["items"].as_array().unwrap()[..2].to_vec())
            .map(|n| n.as_u64().unwrap())
            .collect()
    };
    assert_eq!(first_two(&half), first_two(&year));

    // The heading names the report the way the officer's documents do.
    for (through, heading) in [
        ("2022-Q1", "Quý I/2022"),
        ("2022-Q2", "6 tháng đầu năm 2022"),
        ("2022-Q3", "9 tháng đầu năm 2022"),
        ("2022-Q4", "Năm 2022"),
    ] {
        let table = test.run(&["report", "--through", through]).ok().stdout;
        let first = table.lines().next().unwrap();
        assert!(first.contains(heading), "{first}");
    }
    let table = test.run(&["report", "--through", "2022-Q2"]).ok().stdout;
    assert!(table.contains("Quý II/2022") && !table.contains("Quý III/2022"));
    let english = Test::new()
        .on("2022-10-05")
        .with_data(&example)
        .lang("en")
        .run(&["report", "--through", "2022-Q2", "--format", "markdown"])
        .ok()
        .stdout;
    assert!(
        english.starts_with("# ")
            && english
                .lines()
                .next()
                .unwrap()
                .contains("first half of 2022")
    );
    assert!(!english.contains("Q3 2022"), "{english}");

    // Every format takes it; CSV stays one row per obligation.
    let csv = test
        .run(&["report", "--through", "2022-Q2", "--format", "csv"])
        .ok()
        .stdout;
    assert_eq!(csv.lines().count(), obligations.len() + 1);
    let html = test
        .run(&["report", "--through", "2022-Q2", "--format", "html"])
        .ok()
        .stdout;
    assert!(html.contains("6 tháng đầu năm 2022"));
    let xlsx = test.path("6-thang.xlsx");
    test.run(&[
        "report",
        "--through",
        "2022-Q2",
        "--format",
        "xlsx",
        "--output",
        xlsx.to_str().unwrap(),
    ])
    .ok();
    assert!(std::fs::metadata(&xlsx).unwrap().len() > 0);

    test.run(&["report", "--through", "2022-Q2", "--quarter", "2022-Q1"])
        .code(2);
    test.run(&["report", "--through", "2023-Q1"])
        .error(&["--through 2023-Q1: nằm ngoài kế hoạch"]);
}
