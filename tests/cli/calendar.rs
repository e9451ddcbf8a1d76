//! The reporting calendar of 2026 plans: cut-off periods counted whole, and every
//! obligation in the quarter of the tables it belongs to.

use proptest::prelude::*;
use serde_json::Value;

use crate::harness::Test;

/// A plan cut on the 14th for "2023" (15/12/2022–14/12/2023): a weekly broadcast,
/// a one-off plan due in the first cut-off month, a quarterly report.
const CUT_2023: &str = r#"
[plan]
title = "Kế hoạch năm 2023"
issuer = "UBND huyện"
start = 2022-12-15
end = 2023-12-14
cutoff_day = 14
peak_hours = ["17:00-18:30"]

[[unit]]
id = "ttvh"
name = "Trung tâm Văn hóa"
kind = "center"

[[rule]]
id = "phat-thanh"
title = "Phát thanh hằng tuần"
units = ["ttvh"]
record = "broadcast"
every = "week"
min = 1

[[rule]]
id = "ke-hoach"
title = "Kế hoạch năm"
units = ["ttvh"]
record = "plan"
due = 2022-12-20

[[rule]]
id = "bao-cao"
title = "Báo cáo quý"
units = ["ttvh"]
record = "report"
every = "quarter"
due_day = 20
"#;

fn periods(report: &Value) -> Vec<String> {
    report["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            format!(
                "{}/{}",
                o["rule"].as_str().unwrap(),
                o["period"].as_str().unwrap()
            )
        })
        .collect()
}

/// Issue #19, bug 1: the weeks and the one-off of the first cut-off month were in
/// `check` but missing from every report format.
#[test]
fn the_first_cut_off_month_is_in_the_report_as_in_check() {
    let test = Test::new().with_plan(CUT_2023).on("2023-01-10");
    let check = test.run(&["check", "--format", "json"]).code(1).json();
    let missed: Vec<String> = periods(&serde_json::json!({"obligations": check["missed"]}));
    assert!(
        missed.contains(&"phat-thanh/2022-W50".to_string()),
        "{missed:?}"
    );
    assert!(missed.contains(&"ke-hoach/once".to_string()), "{missed:?}");
    let report = test.run(&["report", "--format", "json"]).ok().json();
    let all = periods(&report);
    for needed in missed {
        assert!(all.contains(&needed), "{needed} is missing from {all:?}");
    }
    // Weeks 2022-W50 (Thursday 15/12/2022) to 2023-W50 (Thursday 14/12/2023).
    assert_eq!(
        all.iter().filter(|p| p.starts_with("phat-thanh/")).count(),
        53
    );
    // The year table shows them in its first quarter: 13 weeks, W50 to W10.
    let table = test
        .run(&["--lang", "en", "report", "--format", "csv"])
        .ok()
        .stdout;
    assert!(table.contains("2022-W50"), "{table}");
    let markdown = test.run(&["report", "--format", "markdown"]).ok().stdout;
    let weekly = markdown
        .lines()
        .find(|l| l.contains("Phát thanh hằng tuần"))
        .unwrap();
    assert!(
        weekly.contains("/13"),
        "a first quarter of 13 weeks: {weekly}"
    );
}

/// Issue #19, bug 2: `--quarter 2023-Q1` of a cut-off plan is 15/12/2022 to
/// 14/3/2023 (weeks whose Thursday lies in it), not the calendar quarter.
#[test]
fn a_cut_off_quarter_holds_the_weeks_and_deadlines_of_its_days() {
    let test = Test::new().with_plan(CUT_2023).on("2023-12-31");
    let q1 = test
        .run(&["report", "--quarter", "2023-Q1", "--format", "json"])
        .ok()
        .json();
    let got = periods(&q1);
    let weeks: Vec<&String> = got
        .iter()
        .filter(|p| p.starts_with("phat-thanh/"))
        .collect();
    assert_eq!(weeks.first().unwrap().as_str(), "phat-thanh/2022-W50");
    assert_eq!(weeks.last().unwrap().as_str(), "phat-thanh/2023-W10");
    assert_eq!(weeks.len(), 13);
    assert!(got.contains(&"ke-hoach/once".to_string()));
    assert!(got.contains(&"bao-cao/2023-Q1".to_string()));
    // --through the first quarter is the same set.
    let through = test
        .run(&["report", "--through", "2023-Q1", "--format", "json"])
        .ok()
        .json();
    assert_eq!(periods(&through), got);
    // Week 11 (Thursday 16 March) is the second quarter's.
    let q2 = test
        .run(&["report", "--quarter", "2023-Q2", "--format", "json"])
        .ok()
        .json();
    assert!(periods(&q2).contains(&"phat-thanh/2023-W11".to_string()));

    // A one-off due 18/12/2024 is in cut-off 2025-Q1 of the plan 2024–2025.
    let next = CUT_2023
        .replace("2022-12-15", "2024-12-15")
        .replace("2023-12-14", "2025-12-14")
        .replace("2022-12-20", "2024-12-18");
    let test = Test::new().with_plan(&next).on("2025-06-30");
    let q1 = test
        .run(&["report", "--quarter", "2025-Q1", "--format", "json"])
        .ok()
        .json();
    assert!(periods(&q1).contains(&"ke-hoach/once".to_string()), "{q1}");
}

/// A calendar-year plan cut on the 14th has whole cut-off periods and none that
/// begins on 15 December; an article of 20 December of the year before counts for
/// its first quarter, and `log` takes it.
#[test]
fn a_calendar_year_plan_cut_on_the_14th_counts_from_mid_december() {
    let plan = r#"
[plan]
title = "Kế hoạch năm 2026"
issuer = "UBND tỉnh"
start = 2026-01-01
end = 2026-12-31
cutoff_day = 14

[[unit]]
id = "so-noi-vu"
name = "Sở Nội vụ"
kind = "department"

[[rule]]
id = "tin-bai"
title = "Tin bài mỗi quý"
kinds = ["department"]
record = "article"
every = "quarter"
min = 1
"#;
    let test = Test::new().with_plan(plan).on("2026-12-31");
    test.article("so-noi-vu", "20/12/2025", "Tin tháng 12");
    let report = test.run(&["report", "--format", "json"]).ok().json();
    let rows: Vec<(String, String, String, u64)> = report["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["period"].as_str().unwrap().to_string(),
                o["start"].as_str().unwrap().to_string(),
                o["end"].as_str().unwrap().to_string(),
                o["done"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "2026-Q1".into(),
                "2025-12-15".into(),
                "2026-03-14".into(),
                1
            ),
            (
                "2026-Q2".into(),
                "2026-03-15".into(),
                "2026-06-14".into(),
                0
            ),
            (
                "2026-Q3".into(),
                "2026-06-15".into(),
                "2026-09-14".into(),
                0
            ),
            (
                "2026-Q4".into(),
                "2026-09-15".into(),
                "2026-12-14".into(),
                0
            ),
        ]
    );
    // After 14 December the plan has no period: an article of 20 December is
    // logged (the next year's first quarter counts it) and `log` says so.
    let run = test
        .run(&[
            "log",
            "article",
            "--unit",
            "so-noi-vu",
            "--date",
            "20/12/2026",
            "--title",
            "Tin",
        ])
        .ok();
    assert!(
        run.stderr.contains("ngày không thuộc kỳ nào"),
        "{}",
        run.stderr
    );
    test.run(&["verify"]).ok();
}

/// Issue #19, bug 3: plans logged before plans named their year belong to the
/// plan whose range holds their date, not to the plan in use.
#[test]
fn plans_logged_without_a_year_belong_to_the_plan_of_their_date() {
    let test = Test::new().on("2023-01-10");
    std::fs::create_dir_all(test.data()).unwrap();
    for entry in std::fs::read_dir(crate::harness::repo().join("examples/ham-tan-2022")).unwrap() {
        let entry = entry.unwrap();
        // The records alone: `init` writes the plan below.
        if entry.file_name() == "plan.toml" {
            continue;
        }
        std::fs::copy(entry.path(), test.data().join(entry.file_name())).unwrap();
    }
    let unnamed = test
        .read("submissions.jsonl")
        .lines()
        .filter(|l| l.contains("\"kind\":\"plan\"") && !l.contains("\"period\""))
        .count();
    assert!(unnamed >= 20, "the example logs its plans without a year");
    test.run(&["init"]).ok();
    test.run(&["init", "--year", "2023"]).ok();
    let verify = test.run(&["verify"]).ok();
    assert!(
        !verify.stderr.contains("không thuộc kế hoạch nào")
            && !verify.stdout.contains("không thuộc kế hoạch nào"),
        "{}{}",
        verify.stdout,
        verify.stderr
    );
    // They still count for 2022's plan.
    let report = test
        .run(&["--year", "2022", "report", "--format", "json"])
        .ok()
        .json();
    let met = report["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["rule"] == "ke-hoach-don-vi" && o["status"] == "met")
        .count();
    assert!(met >= 15, "{met}");
}

/// A plan of random rules, cut-off or calendar: as many weekly, monthly,
/// quarterly, half-year and named-period rules as `bits` says.
fn random_plan(start: &str, end: &str, cutoff: Option<u32>, bits: u8) -> String {
    let mut t = format!(
        "[plan]\ntitle = \"T\"\nissuer = \"I\"\nstart = {start}\nend = {end}\n{}\n[[unit]]\nid = \"a\"\nname = \"A\"\nkind = \"k\"\n[[unit]]\nid = \"b\"\nname = \"B\"\nkind = \"k\"\n[[activity]]\nid = \"hn\"\nname = \"Hội nghị\"\n",
        cutoff
            .map(|c| format!("cutoff_day = {c}"))
            .unwrap_or_default()
    );
    let rule = |id: &str, body: &str| {
        format!("[[rule]]\nid = \"{id}\"\ntitle = \"{id}\"\nkinds = [\"k\"]\n{body}\n")
    };
    t += &rule("tuan", "record = \"broadcast\"\nevery = \"week\"\nmin = 1");
    t += &rule("mot-lan", &format!("record = \"plan\"\ndue = {end}"));
    if bits & 1 != 0 {
        t += &rule("thang", "record = \"article\"\nevery = \"month\"\nmin = 1");
    }
    if bits & 2 != 0 {
        t += &rule("quy", "record = \"article\"\nevery = \"quarter\"\nmin = 2");
    }
    if bits & 4 != 0 {
        t += &rule(
            "bao-cao",
            "record = \"report\"\nperiods = [\"Q1\", \"H1\", \"Q3\", \"year\"]\ndue_day = 20",
        );
    }
    if bits & 8 != 0 {
        t += &rule(
            "nua-nam",
            "record = \"activity\"\nevery = \"half\"\nmin = 1",
        );
    }
    if bits & 16 != 0 {
        t += &rule(
            "he",
            "record = \"article\"\nevery = \"week\"\nmonths = [6, 7, 8]\nmin = 1",
        );
    }
    t
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Issue #19: on random cut-off and calendar plans with records of every
    /// kind, every obligation `check` shows is in `report --format json`, and every
    /// week and one-off is in exactly one quarter of `--quarter`.
    #[test]
    fn check_report_and_the_quarters_agree(
        start_day in 0i64..730,
        calendar_year in any::<bool>(),
        cutoff in prop_oneof![Just(None), Just(Some(14u32)), Just(Some(28u32))],
        bits in any::<u8>(),
        records in proptest::collection::vec((0u8..4, 0i64..420, any::<bool>()), 0..12),
        as_of_day in 0i64..420,
    ) {
        let base = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Duration::days(start_day);
        let (start, end) = if calendar_year {
            let y = chrono::Datelike::year(&base);
            (chrono::NaiveDate::from_ymd_opt(y, 1, 1).unwrap(), chrono::NaiveDate::from_ymd_opt(y, 12, 31).unwrap())
        } else {
            let c = cutoff.unwrap_or(0);
            let s = chrono::NaiveDate::from_ymd_opt(chrono::Datelike::year(&base), chrono::Datelike::month(&base), c + 1).unwrap_or(base);
            (s, s + chrono::Duration::days(364))
        };
        let text = random_plan(&start.to_string(), &end.to_string(), cutoff, bits);
        let as_of = start + chrono::Duration::days(as_of_day - 20);
        let test = Test::new().with_plan(&text).on(&as_of.to_string());
        // Records of every kind, written as another tool would.
        let mut files: [String; 4] = Default::default();
        for (i, (kind, day, b)) in records.iter().enumerate() {
            let date = start + chrono::Duration::days(day - 10);
            let unit = if *b { "a" } else { "b" };
            let line = match kind {
                0 => format!("{{\"id\":\"A{i}\",\"unit\":\"{unit}\",\"date\":\"{date}\",\"title\":\"t{i}\",\"topics\":[],\"logged_at\":\"2024-01-01T00:00:00+07:00\"}}\n"),
                1 => format!("{{\"id\":\"B{i}\",\"unit\":\"{unit}\",\"date\":\"{date}\",\"time\":\"17:00\",\"title\":\"t\",\"logged_at\":\"2024-01-01T00:00:00+07:00\"}}\n"),
                2 => format!("{{\"id\":\"H{i}\",\"unit\":\"{unit}\",\"date\":\"{date}\",\"activity\":\"hn\",\"title\":\"t\",\"count\":1,\"logged_at\":\"2024-01-01T00:00:00+07:00\"}}\n"),
                _ => format!("{{\"id\":\"S{i}\",\"unit\":\"{unit}\",\"kind\":\"plan\",\"date\":\"{date}\",\"rule\":\"mot-lan\",\"logged_at\":\"2024-01-01T00:00:00+07:00\"}}\n"),
            };
            files[usize::from(*kind)] += &line;
        }
        for (name, content) in ["articles.jsonl", "broadcasts.jsonl", "activities.jsonl", "submissions.jsonl"].iter().zip(&files) {
            test.write(name, content);
        }
        let key = |o: &Value| format!("{}|{}|{}", o["unit"], o["rule"], o["period"]);
        let report = test.run(&["report", "--format", "json"]).ok().json();
        let all: Vec<String> = report["obligations"].as_array().unwrap().iter().map(key).collect();
        let check = test.run(&["check", "--format", "json"]);
        prop_assert!(check.code == 0 || check.code == 1, "{}", check.stderr);
        let check = check.json();
        for o in check["missed"].as_array().unwrap().iter().chain(check["due_soon"].as_array().unwrap()) {
            prop_assert!(all.contains(&key(o)), "{} is in check, not in the report\n{}", key(o), text);
        }
        // Every week and one-off in exactly one quarter; every obligation in one or more.
        let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let quarters: Vec<String> = {
            let mut q: Vec<String> = Vec::new();
            let first = chrono::Datelike::year(&start) - 1;
            for y in first..=first + 2 {
                for n in 1..=4 {
                    q.push(format!("{y}-Q{n}"));
                }
            }
            q
        };
        for q in &quarters {
            let run = test.run(&["report", "--quarter", q, "--format", "json"]);
            if run.code != 0 {
                continue; // not a quarter of this plan
            }
            for o in run.json()["obligations"].as_array().unwrap() {
                *seen.entry(key(o)).or_default() += 1;
            }
        }
        for o in report["obligations"].as_array().unwrap() {
            let times = seen.get(&key(o)).copied().unwrap_or(0);
            let period = o["period"].as_str().unwrap();
            if period == "once" || period.contains("-W") {
                prop_assert_eq!(times, 1, "{} in {} quarters\n{}", key(o), times, text);
            } else {
                prop_assert!(times >= 1, "{} in no quarter\n{}", key(o), text);
            }
        }
    }
}

/// Beside a 2025 plan, an article of 20 December 2025 belongs to 2025's plan (its
/// range holds the day) and still counts for Q1 of 2026's plan cut on the 14th.
#[test]
fn a_record_of_late_december_belongs_to_its_year_and_counts_in_the_next() {
    let plan_of = |year: i32, cutoff: &str| {
        format!(
            "[plan]\ntitle = \"Kế hoạch {year}\"\nissuer = \"UBND\"\nstart = {year}-01-01\nend = {year}-12-31\n{cutoff}\n[[unit]]\nid = \"xa-a\"\nname = \"Xã A\"\nkind = \"xa\"\n[[rule]]\nid = \"tin\"\ntitle = \"Tin mỗi quý\"\nkinds = [\"xa\"]\nrecord = \"article\"\nevery = \"quarter\"\nmin = 1\n"
        )
    };
    let test = Test::new().on("2026-01-05");
    std::fs::create_dir_all(test.data().join("plans")).unwrap();
    std::fs::write(test.data().join("plans/2025.toml"), plan_of(2025, "")).unwrap();
    std::fs::write(
        test.data().join("plans/2026.toml"),
        plan_of(2026, "cutoff_day = 14"),
    )
    .unwrap();
    // With --plan unset, the data directory's plans are used.
    let run = test
        .run(&[
            "log",
            "article",
            "--unit",
            "xa-a",
            "--date",
            "20/12/2025",
            "--title",
            "Tin cuối năm",
        ])
        .ok();
    // `log` explains it against its own plan, 2025's.
    assert!(run.stderr.contains("quý IV/2025"), "{}", run.stderr);
    test.run(&["verify"]).ok();
    let counted = |year: &str| -> u64 {
        let report = test
            .run(&["--year", year, "report", "--format", "json"])
            .ok()
            .json();
        report["obligations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["done"].as_u64().unwrap())
            .sum()
    };
    assert_eq!(counted("2025"), 1, "Q4 2025 of the calendar plan");
    assert_eq!(counted("2026"), 1, "Q1 2026 of the plan cut on the 14th");
}

/// The days around New Year and 29 February, through the binary: 2026 has an ISO
/// week 53 (Monday 28 December to Sunday 3 January 2027) that a calendar-year plan
/// cut on the 14th has and puts in its last quarter; its first week begins on 29
/// December 2025; a cut-off month holds 29 February of 2028 when the cut is on the
/// 28th, and a report due on the 30th of February is due on the 29th.
#[test]
fn week_53_new_years_week_and_29_february_count_where_their_days_fall() {
    let test = Test::new()
        .with_plan(
            r#"
[plan]
title = "T"
issuer = "I"
start = 2026-01-01
end = 2026-12-31
cutoff_day = 14

[[unit]]
id = "dai"
name = "Đài"
kind = "center"

[[rule]]
id = "tuan"
title = "1 buổi mỗi tuần"
units = ["dai"]
record = "broadcast"
every = "week"
min = 1
"#,
        )
        .on("2027-01-04");
    let w53 = test.log(&[
        "broadcast",
        "--date",
        "2027-01-02",
        "--time",
        "07:00",
        "--title",
        "W53",
    ]);
    let w01 = test.log(&[
        "broadcast",
        "--date",
        "2025-12-29",
        "--time",
        "07:00",
        "--title",
        "W01",
    ]);
    let q4 = test
        .run(&["report", "--quarter", "2026-Q4", "--format", "json"])
        .ok()
        .json();
    let weeks = periods(&q4);
    assert_eq!(weeks.first().map(String::as_str), Some("tuan/2026-W38"));
    assert_eq!(weeks.last().map(String::as_str), Some("tuan/2026-W53"));
    let last = q4["obligations"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        (
            &last["start"],
            &last["end"],
            &last["status"],
            &last["records"]
        ),
        (
            &Value::from("2026-12-28"),
            &Value::from("2027-01-03"),
            &Value::from("met"),
            &serde_json::json!([w53])
        )
    );
    let all = test.run(&["report", "--format", "json"]).ok().json();
    assert_eq!(periods(&all).len(), 53);
    let first = &all["obligations"][0];
    assert_eq!(
        (&first["period"], &first["status"], &first["records"]),
        (
            &Value::from("2026-W01"),
            &Value::from("met"),
            &serde_json::json!([w01])
        )
    );

    let test = Test::new()
        .with_plan(
            r#"
[plan]
title = "T"
issuer = "I"
start = 2028-01-01
end = 2028-12-31
cutoff_day = 28

[[unit]]
id = "a"
name = "A"
kind = "k"

[[rule]]
id = "tin"
title = "tin"
units = ["a"]
record = "article"
every = "month"
min = 1

[[rule]]
id = "bc"
title = "bc"
units = ["a"]
record = "report"
every = "month"
due_day = 30
"#,
        )
        .on("2028-02-29");
    let leap = test.article("a", "2028-02-29", "29/2");
    let report = test.run(&["report", "--format", "json"]).ok().json();
    let find = |rule: &str, period: &str| {
        report["obligations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["rule"] == rule && o["period"] == period)
            .unwrap()
            .clone()
    };
    let march = find("tin", "2028-03");
    assert_eq!(
        (&march["start"], &march["records"]),
        (&Value::from("2028-02-29"), &serde_json::json!([leap]))
    );
    assert_eq!(find("tin", "2028-02")["status"], "missed");
    assert_eq!(find("bc", "2028-02")["due"], "2028-02-29");
    assert_eq!(find("bc", "2028-02")["status"], "due_soon");
    assert_eq!(find("bc", "2028-02")["days_left"], 0);
}
