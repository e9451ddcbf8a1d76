//! Year after year: one data directory for every year's plan and records.

use std::fs;

use crate::harness::{FIXTURE_PLAN, Test, repo};

/// A copy of the example data (Hàm Tân 2022, the built-in plan), as of `as_of`.
fn example_copy(as_of: &str) -> Test {
    let test = Test::new().on(as_of);
    fs::create_dir_all(test.data()).unwrap();
    for entry in fs::read_dir(repo().join("examples/ham-tan-2022")).unwrap() {
        let entry = entry.unwrap();
        // The records alone: the plan is the built-in one, kept on the first
        // `init --year` (the example's own plan.toml is the same text).
        if entry.file_name() == "plan.toml" {
            continue;
        }
        fs::copy(entry.path(), test.data().join(entry.file_name())).unwrap();
    }
    test
}

fn obligation<'v>(
    report: &'v serde_json::Value,
    unit: &str,
    rule: &str,
    period: &str,
) -> &'v serde_json::Value {
    report["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["unit"] == unit && o["rule"] == rule && o["period"] == period)
        .unwrap_or_else(|| panic!("no {unit} {rule} {period}"))
}

#[test]
fn january_2023_keeps_2022_reproducible_and_counts_late_work_for_its_year() {
    let test = example_copy("2022-12-31");
    // In this copy, Kinh tế – Hạ tầng's Q4 report has not come in by New Year.
    let submissions = test.read("submissions.jsonl");
    let kept: Vec<&str> = submissions
        .lines()
        .filter(|l| !(l.contains("\"kinh-te-ha-tang\"") && l.contains("\"2022-Q4\"")))
        .collect();
    assert_eq!(kept.len() + 1, submissions.lines().count());
    test.write("submissions.jsonl", &(kept.join("\n") + "\n"));
    let on_new_years_eve = test.run(&["report", "--format", "json"]).ok().stdout;

    // A new year in one command: the built-in plan is kept as plans/2022.toml.
    let test = test.on("2023-01-02");
    let run = test.run(&["init", "--year", "2023"]).ok();
    assert!(run.stdout.ends_with("plans/2023.toml\n"), "{}", run.stdout);
    assert!(
        run.stderr.contains("đã lưu kế hoạch năm 2022"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("2022-02-28 → 2023-02-28"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("vẫn ghi năm 2022"),
        "the title still says 2022: {}",
        run.stderr
    );
    assert!(test.data().join("plans/2022.toml").is_file());
    let plan = test.run(&["plan", "--format", "json"]).ok().json();
    assert_eq!(plan["plan"]["start"], "2023-01-01");
    assert!(
        plan["source"].as_str().unwrap().contains("plans/2023.toml"),
        "{}",
        plan["source"]
    );
    let listed = test.run(&["plan"]).ok().stdout;
    assert!(
        listed.contains("* 2023") && listed.contains("  2022"),
        "{listed}"
    );
    test.run(&["verify"]).ok();

    // January 2023: the late Q4 report of 2022, and a plan of 2022 sent late.
    let test = test.on("2023-01-20");
    let late = test
        .run(&[
            "log",
            "report",
            "--unit",
            "kinh-te-ha-tang",
            "--period",
            "2022-Q4",
            "--date",
            "2023-01-05",
        ])
        .ok();
    // It counts for last year's plan, and says so (not "counts for nothing").
    assert!(
        late.stderr.contains("tính cho:")
            && late.stderr.contains("quý IV/2022")
            && late.stderr.contains("hoàn thành trễ hạn"),
        "{}",
        late.stderr
    );
    let last_years = test.log(&[
        "--year",
        "2022",
        "plan",
        "--unit",
        "thanh-tra",
        "--date",
        "2023-01-20",
    ]);
    test.log(&["plan", "--unit", "noi-vu", "--date", "2023-01-18"]);
    test.log(&[
        "broadcast",
        "--date",
        "2023-01-16",
        "--time",
        "17:15",
        "--title",
        "Tuần đầu năm",
    ]);
    let stored = test.run(&["list", "--format", "json"]).ok().json();
    let sent_late = stored
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == last_years.as_str())
        .unwrap();
    assert_eq!(sent_late["period"], "2022");

    let y2022 = test
        .run(&["--year", "2022", "report", "--format", "json"])
        .ok()
        .json();
    assert_eq!(
        obligation(&y2022, "kinh-te-ha-tang", "bao-cao-dinh-ky", "2022-Q4")["status"],
        "late"
    );
    let plan_2022 = obligation(&y2022, "thanh-tra", "ke-hoach-don-vi", "once");
    assert_eq!(plan_2022["status"], "late");
    assert_eq!(plan_2022["records"], serde_json::json!([last_years]));

    let y2023 = test.run(&["report", "--format", "json"]).ok().json();
    let plan_2023 = obligation(&y2023, "thanh-tra", "ke-hoach-don-vi", "once");
    assert_eq!(
        plan_2023["done"], 0,
        "last year's plan does not count for this year"
    );
    assert_eq!(
        obligation(&y2023, "noi-vu", "ke-hoach-don-vi", "once")["status"],
        "met"
    );
    let weeks: Vec<&str> = y2023["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["rule"] == "phat-thanh-hang-tuan")
        .map(|o| o["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        &weeks[..4],
        ["missed", "missed", "met", "upcoming"],
        "2023's weekly broadcast"
    );
    test.run(&["verify"]).ok();

    // 2022's report, reprinted in 2023, is the one made on 31 December.
    let reprinted = test
        .on("2022-12-31")
        .run(&["--year", "2022", "report", "--format", "json"])
        .ok()
        .stdout;
    assert!(reprinted == on_new_years_eve, "the 2022 report changed");
}

#[test]
fn a_leap_day_and_a_cut_off_plan_move_into_the_next_year() {
    let test = Test::new().on("2025-01-02");
    fs::create_dir_all(test.data().join("plans")).unwrap();
    // The fixture plan's plans are due on 29 February 2024.
    assert!(FIXTURE_PLAN.contains("due = 2024-02-29"));
    fs::write(test.data().join("plans/2024.toml"), FIXTURE_PLAN).unwrap();
    let run = test.run(&["init", "--year", "2025"]).ok();
    assert!(
        run.stderr
            .contains("2024-02-29 → 2025-02-28 (năm đó không có ngày 29/02: ngày 28)"),
        "{}",
        run.stderr
    );
    let moved = fs::read_to_string(test.data().join("plans/2025.toml")).unwrap();
    assert!(moved.contains("due = 2025-02-28") && moved.contains("start = 2025-01-01"));
    // Written once: again is refused, and --force writes it again.
    test.run(&["init", "--year", "2025"])
        .error(&["đã có", "--force"]);
    test.run(&["init", "--year", "2025", "--force"]).ok();

    let cut = Test::new().on("2023-12-20");
    fs::create_dir_all(cut.data()).unwrap();
    let plan = FIXTURE_PLAN
        .replace("start = 2024-01-01", "start = 2022-12-15\ncutoff_day = 14")
        .replace("end = 2024-12-31", "end = 2023-12-14")
        .replace("due = 2024-02-29", "due = 2023-02-15");
    fs::write(cut.data().join("plan.toml"), plan).unwrap();
    cut.run(&["plan"]).ok();
    let run = cut.run(&["init", "--year", "2024"]).ok();
    assert!(run.stderr.contains("đã chuyển"), "{}", run.stderr);
    assert!(
        !cut.data().join("plan.toml").exists(),
        "plan.toml moved under plans/"
    );
    let json = cut.run(&["plan", "--format", "json"]).ok().json();
    assert_eq!(
        (json["plan"]["start"].as_str(), json["plan"]["end"].as_str()),
        (Some("2023-12-15"), Some("2024-12-14"))
    );
    let years: Vec<i64> = json["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years, [2023, 2024]);
}

#[test]
fn overlapping_plans_and_a_missing_year_are_clear_errors_and_a_year_may_have_two() {
    let test = Test::new().on("2024-03-01");
    fs::create_dir_all(test.data().join("plans")).unwrap();
    fs::write(test.data().join("plans/a.toml"), FIXTURE_PLAN).unwrap();
    fs::write(
        test.data().join("plans/b.toml"),
        FIXTURE_PLAN
            .replace("start = 2024-01-01", "start = 2024-06-01")
            .replace("end = 2024-12-31", "end = 2025-05-31")
            .replace("due = 2024-02-29", "due = 2024-07-15"),
    )
    .unwrap();
    let listing = |t: &Test| -> Vec<String> {
        let mut names: Vec<String> = walk(&t.data());
        names.sort();
        names
    };
    let before = listing(&test);
    for args in [
        &["plan"][..],
        &["report"],
        &[
            "log",
            "article",
            "--unit",
            "phong-a",
            "--date",
            "2024-03-01",
            "--title",
            "T",
        ],
    ] {
        test.run(args).error(&["a.toml", "b.toml", "trùng ngày"]);
    }
    assert_eq!(listing(&test), before, "a refused command wrote nothing");
    fs::write(
        test.data().join("plans/b.toml"),
        FIXTURE_PLAN
            .replace("start = 2024-01-01", "start = 2023-12-15")
            .replace("end = 2024-12-31", "end = 2023-12-31")
            .replace("due = 2024-02-29", "due = 2023-12-20"),
    )
    .unwrap();
    test.run(&["plan"]).ok();
    fs::write(
        test.data().join("plans/c.toml"),
        FIXTURE_PLAN
            .replace("start = 2024-01-01", "start = 2025-01-01")
            .replace("end = 2024-12-31", "end = 2025-12-31")
            .replace("due = 2024-02-29", "due = 2025-02-15"),
    )
    .unwrap();
    fs::write(
        test.data().join("plans/d.toml"),
        FIXTURE_PLAN
            .replace("start = 2024-01-01", "start = 2026-01-01")
            .replace("end = 2024-12-31", "end = 2026-06-30")
            .replace("due = 2024-02-29", "due = 2026-02-15"),
    )
    .unwrap();
    fs::write(
        test.data().join("plans/e.toml"),
        FIXTURE_PLAN
            .replace("start = 2024-01-01", "start = 2026-07-01")
            .replace("end = 2024-12-31", "end = 2026-12-31")
            .replace("due = 2024-02-29", "due = 2026-08-15"),
    )
    .unwrap();
    // Two plans of 2026 (the second replaced the first from 1 July): both listed,
    // `--year 2026` is the one in force on the as-of date, else the later.
    let listed = test.run(&["--lang", "en", "plan"]).ok().stdout;
    assert!(
        listed.contains("d.toml") && listed.contains("e.toml"),
        "{listed}"
    );
    let in_use = |t: &Test, as_of: &str| -> String {
        let json = t
            .run_on(as_of, &["--year", "2026", "plan", "--format", "json"])
            .ok()
            .json();
        json["source"].to_string()
    };
    assert!(in_use(&test, "2026-03-01").contains("d.toml"));
    assert!(in_use(&test, "2026-09-01").contains("e.toml"));
    assert!(in_use(&test, "2027-01-10").contains("e.toml"));
    fs::remove_file(test.data().join("plans/e.toml")).unwrap();
    test.run(&["--year", "2021", "report"])
        .error(&["không có kế hoạch năm 2021", "init --year 2021"]);
    test.run(&["--year", "2024", "--plan", "x.toml", "report"])
        .error(&["không dùng cùng --plan"]);
    test.run(&[
        "--lang", "en", "--year", "2024", "--plan", "x.toml", "report",
    ])
    .error(&["does not go with --plan"]);
}

/// Every file below `dir`, as paths relative to it.
fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            let name = entry.file_name().to_string_lossy().into_owned();
            out.extend(walk(&path).into_iter().map(|p| format!("{name}/{p}")));
        } else {
            out.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    out
}

/// The confirmations follow the language: the coordinator's by default, English on
/// request.
#[test]
fn confirmations_speak_the_coordinators_language() {
    let test = Test::fixture();
    test.article("phong-a", "2024-03-01", "Một");
    let run = test.run(&["void", "A1", "--reason", "ghi nhầm"]).ok();
    assert!(
        run.stderr.contains("đã hủy A1 (bằng dòng A2)"),
        "{}",
        run.stderr
    );
    test.write_file("tin.csv", "unit,date,title\nphong-a,2024-03-02,Hai\n");
    let run = test.run(&["import", "tin.csv", "--record", "article"]).ok();
    assert!(
        run.stderr.contains("đã nhập 1 dòng từ tin.csv (A3–A3)"),
        "{}",
        run.stderr
    );
    let run = test
        .run(&["--lang", "en", "void", "A3", "--reason", "x"])
        .ok();
    assert!(run.stderr.contains("voided A3 (A4)"), "{}", run.stderr);
    let fresh = Test::new();
    let run = fresh.run(&["init"]).ok();
    assert!(
        run.stderr.contains("đã ghi kế hoạch có sẵn vào"),
        "{}",
        run.stderr
    );
}

/// Regression: a one-off plan stored without `period` (before plans named their
/// year) counted for every year's plan rule of its unit: a 2024 plan sent in
/// February 2024 met the 2025 plan's deadline too. It is the plan's whose range
/// holds its date, like any record; and of two plans of one year, each counts only
/// its own, also when one is named by --plan.
#[test]
fn a_one_off_plan_counts_only_for_the_plan_it_belongs_to() {
    let test = Test::new().on("2025-03-10");
    fs::create_dir_all(test.data().join("plans")).unwrap();
    fs::write(test.data().join("plans/2024.toml"), FIXTURE_PLAN).unwrap();
    fs::write(
        test.data().join("plans/2025.toml"),
        FIXTURE_PLAN
            .replace("start = 2024-01-01", "start = 2025-01-01")
            .replace("end = 2024-12-31", "end = 2025-12-31")
            .replace("due = 2024-02-29", "due = 2025-02-28"),
    )
    .unwrap();
    test.write(
        "submissions.jsonl",
        "{\"id\":\"S1\",\"unit\":\"phong-a\",\"kind\":\"plan\",\"date\":\"2024-02-10\",\"logged_at\":\"2024-02-10T08:00:00+07:00\"}\n",
    );
    let status = |year: &str| {
        let report = test
            .run(&["--year", year, "report", "--format", "json"])
            .ok()
            .json();
        obligation(&report, "phong-a", "ke-hoach", "once")["status"].clone()
    };
    assert_eq!(status("2024"), "met");
    assert_eq!(status("2025"), "missed");
    let check = test.run(&["check", "--format", "json"]).code(1).json();
    assert!(
        check["missed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["unit"] == "phong-a" && o["rule"] == "ke-hoach"),
        "{check}"
    );
    // The same with the 2025 plan named by --plan.
    let plan_2025 = test.data().join("plans/2025.toml");
    let report = test
        .run(&[
            "--plan",
            plan_2025.to_str().unwrap(),
            "report",
            "--format",
            "json",
        ])
        .ok()
        .json();
    assert_eq!(
        obligation(&report, "phong-a", "ke-hoach", "once")["status"],
        "missed"
    );

    // A plan replaced from 1 July: a unit's plan for the second does not count
    // (late) for the first, named by --plan.
    fs::remove_file(test.data().join("plans/2024.toml")).unwrap();
    fs::write(
        &plan_2025,
        FIXTURE_PLAN
            .replace("start = 2024-01-01", "start = 2025-01-01")
            .replace("end = 2024-12-31", "end = 2025-06-30")
            .replace("due = 2024-02-29", "due = 2025-02-28"),
    )
    .unwrap();
    fs::write(
        test.data().join("plans/2025-2.toml"),
        FIXTURE_PLAN
            .replace("start = 2024-01-01", "start = 2025-07-01")
            .replace("end = 2024-12-31", "end = 2025-12-31")
            .replace("due = 2024-02-29", "due = 2025-07-31"),
    )
    .unwrap();
    test.write("submissions.jsonl", "");
    let test = test.on("2025-07-20");
    test.log(&["plan", "--unit", "phong-b", "--date", "2025-07-15"]);
    let status = |plan: &std::path::Path| {
        let report = test
            .run(&[
                "--plan",
                plan.to_str().unwrap(),
                "report",
                "--format",
                "json",
            ])
            .ok()
            .json();
        obligation(&report, "phong-b", "ke-hoach", "once")["status"].clone()
    };
    assert_eq!(status(&test.data().join("plans/2025-2.toml")), "met");
    assert_eq!(status(&plan_2025), "missed");
}

/// Regression: `log` said a broadcast of Sunday 3 January 2021 "counts for
/// nothing" (no period of the 2021 plan it belongs to holds it), though it counts
/// for 2020-W53 of the 2020 plan, as `report --year 2020` shows.
#[test]
fn log_says_what_a_record_counts_for_in_the_plan_of_the_year_before() {
    let test = Test::new().on("2021-01-04");
    fs::create_dir_all(test.data().join("plans")).unwrap();
    for year in ["2020", "2021"] {
        fs::write(
            test.data().join(format!("plans/{year}.toml")),
            FIXTURE_PLAN
                .replace("start = 2024-01-01", &format!("start = {year}-01-01"))
                .replace("end = 2024-12-31", &format!("end = {year}-12-31"))
                .replace("due = 2024-02-29", &format!("due = {year}-02-28")),
        )
        .unwrap();
    }
    let run = test
        .run(&[
            "log",
            "broadcast",
            "--unit",
            "trung-tam",
            "--date",
            "2021-01-03",
            "--time",
            "17:30",
            "--title",
            "Chuyên mục CCHC",
        ])
        .ok();
    assert!(
        run.stderr.contains("tuần 53/2020: 1/1, đạt") && !run.stderr.contains("không tính cho"),
        "{}",
        run.stderr
    );
    let report = test
        .run(&["--year", "2020", "report", "--format", "json"])
        .ok()
        .json();
    assert_eq!(
        obligation(&report, "trung-tam", "phat-thanh", "2020-W53")["status"],
        "met"
    );
}

/// A commune new in the 2026 plan (the 2025 plan does not have it) logs an
/// article of 20 December 2025: by its date it falls in the 2025 plan, but it
/// counts for the first quarter of the 2026 plan, cut on the 14th, so it is
/// checked against that plan, logged, counted there and passes `verify`; a unit
/// neither plan has is still refused.
#[test]
fn a_commune_new_next_year_logs_what_counts_for_its_first_cut_off_quarter() {
    let test = Test::new().on("2026-01-05");
    fs::create_dir_all(test.data().join("plans")).unwrap();
    let year = |y: i32| {
        FIXTURE_PLAN
            .replace("start = 2024-01-01", &format!("start = {y}-01-01"))
            .replace("end = 2024-12-31", &format!("end = {y}-12-31"))
            .replace("due = 2024-02-29", &format!("due = {y}-02-28"))
    };
    fs::write(test.data().join("plans/2025.toml"), year(2025)).unwrap();
    let next = year(2026)
        .replacen(
            "[[topic]]",
            "[[unit]]\nid = \"xa-moi\"\nname = \"UBND xã Mới\"\nkind = \"commune\"\n\n[[topic]]",
            1,
        )
        .replacen(
            "every = \"quarter\"\nmin = 2\n",
            "every = \"quarter\"\nmin = 2\ncutoff_day = 14\n",
            1,
        );
    fs::write(test.data().join("plans/2026.toml"), next).unwrap();
    let log = |unit: &str| {
        test.run(&[
            "log",
            "article",
            "--unit",
            unit,
            "--date",
            "20/12/2025",
            "--title",
            "Xã Mới ra mắt",
        ])
    };
    let run = log("xa-moi").ok();
    assert_eq!(run.stdout, "A1\n");
    let report = test
        .run(&["--year", "2026", "report", "--format", "json"])
        .ok()
        .json();
    assert_eq!(
        obligation(&report, "xa-moi", "tin-xa", "2026-Q1")["done"],
        1
    );
    test.run(&["verify"]).ok();
    let articles = test.data().join("articles.jsonl");
    let before = fs::read(&articles).unwrap();
    log("xa-khong-co").error(&["xa-khong-co"]);
    assert_eq!(before, fs::read(&articles).unwrap());
}
