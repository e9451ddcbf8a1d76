//! Issue #22, the coordinator's first day and cron: no plan or data where cchc
//! looks is an error that says what is missing and how to fix it; the built-in plan
//! only when asked for; `init` from an example or a file; a second report refused;
//! every quarter flag spelled as periods are elsewhere; errors in Vietnamese.

use crate::harness::{Test, repo, run_command};

/// The crontab line of the README, as cron runs it: a bare environment with a
/// HOME, no CCHC_DATA, no plan anywhere.
#[test]
fn cron_without_data_or_plan_fails_loudly_and_says_what_fixes_it() {
    let test = Test::new().no_plan().without_data_dir();
    let home = test.path("home");
    std::fs::create_dir_all(&home).unwrap();
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("cchc"));
    cmd.env_clear()
        .env("HOME", &home)
        .current_dir(test.dir.path())
        .args(["check", "--quiet"]);
    let run = run_command(assert_cmd::Command::from_std(cmd)).error(&[
        "không tìm thấy kế hoạch",
        "home/.local/share/cchc",
        "CCHC_DATA",
        "cchc init --example",
        "--plan builtin",
    ]);
    assert!(run.stderr.starts_with("lỗi: "), "{}", run.stderr);
    assert_eq!(run.stdout, "");

    // Every command that evaluates says the same; none guesses the built-in plan.
    for args in [
        &["report"][..],
        &["list"],
        &["remind"],
        &["verify"],
        &["plan"],
    ] {
        test.run(args)
            .error(&["không tìm thấy kế hoạch", "cchc init"]);
    }
    test.run(&["--lang", "en", "check"]).error(&[
        "no plan found",
        "CCHC_DATA",
        "cchc init --example",
    ]);

    // A data directory that is there but has no plan says so.
    std::fs::create_dir_all(test.data()).unwrap();
    test.run(&["report"]).error(&[
        "không tìm thấy kế hoạch",
        "chưa có plan.toml hay plans/*.toml",
    ]);
}

/// With a plan found elsewhere (`--plan`, `$CCHC_PLAN`), a data directory that is
/// not there stops `check` and `remind` (cron's commands); `report` and `list`
/// still say that nothing is logged yet.
#[test]
fn check_and_remind_refuse_a_data_directory_that_is_not_there() {
    let test = Test::fixture().without_data_dir();
    for command in ["check", "remind"] {
        let before = test.files();
        test.run(&[command, "--quiet"]).error(&[
            "không có thư mục dữ liệu",
            &test.data().display().to_string(),
            &format!("`cchc {command}`"),
            "CCHC_DATA",
        ]);
        assert_eq!(before, test.files());
        assert!(!test.data().exists(), "a refused check creates nothing");
    }
    test.run(&["--lang", "en", "check"])
        .error(&["there is no data directory", "CCHC_DATA"]);
    test.run(&["report"]).ok();
    test.run(&["list"]).ok();
}

/// The built-in plan when asked for, and named by `cchc plan`.
#[test]
fn the_built_in_plan_only_when_asked_for_and_named() {
    let test = Test::new().no_plan();
    let run = test.run(&["--plan", "builtin", "plan"]).ok();
    assert!(
        run.stdout
            .starts_with("Nguồn: kế hoạch có sẵn (Hàm Tân 2022), chọn bằng --plan builtin"),
        "{}",
        run.stdout
    );
    let run = test
        .run(&["--plan", "builtin", "--lang", "en", "plan"])
        .ok();
    assert!(
        run.stdout.contains("built-in plan (Hàm Tân 2022)"),
        "{}",
        run.stdout
    );
    // Nothing logged by mid-October 2022: missed, as the built-in plan says.
    test.run(&["--plan", "builtin", "check", "--quiet"]).code(1);
    // Without it, the same directory has no plan.
    test.run(&["check"]).error(&["không tìm thấy kế hoạch"]);
    // A file called `builtin` is `./builtin`.
    std::fs::write(test.path("builtin"), crate::harness::FIXTURE_PLAN).unwrap();
    let run = test
        .run(&["--plan", "./builtin", "plan", "--format", "json"])
        .ok();
    assert_eq!(run.json()["plan"]["start"], "2024-01-01");
}

/// A refusal that names the built-in plan names it in words, in either
/// language: not as a file that is not there.
#[test]
fn a_refusal_names_the_built_in_plan_in_words() {
    let test = Test::new();
    let before = test.files();
    let log = [
        "log",
        "article",
        "--unit",
        "noi-vu",
        "--date",
        "2030-01-01",
        "--title",
        "x",
    ];
    let run = test
        .run(&log)
        .error(&["01/01/2030", "nằm ngoài kế hoạch có sẵn (Hàm Tân 2022)"]);
    assert!(!run.stderr.contains("built-in"), "{}", run.stderr);
    test.run(&[&["--lang", "en"][..], &log].concat())
        .error(&["outside the built-in plan (Hàm Tân 2022)"]);
    assert_eq!(before, test.files());
}

/// The README's first command as written, from the repository: the example data
/// is a whole data directory, its plan the repository's plan.
#[test]
fn the_example_data_directory_carries_its_plan() {
    assert_eq!(
        std::fs::read_to_string(repo().join("examples/ham-tan-2022/plan.toml")).unwrap(),
        std::fs::read_to_string(repo().join("plan.toml")).unwrap(),
        "examples/ham-tan-2022/plan.toml is a copy of plan.toml"
    );
    let test = Test::new()
        .no_plan()
        .with_data(&repo().join("examples/ham-tan-2022"))
        .on("2023-01-05");
    let run = test.run(&["report"]).ok();
    assert!(
        run.stdout
            .starts_with("Kế hoạch tuyên truyền cải cách hành chính năm 2022"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn init_lists_the_examples_and_starts_from_one_by_name() {
    let test = Test::new().no_plan().without_data_dir();
    let run = test.run(&["init", "--list-examples"]).ok();
    for (name, words) in [
        ("ham-tan-2022", "huyện Hàm Tân"),
        (
            "tinh-2026-cat-14",
            "lịch báo cáo cải cách hành chính của Bộ Nội vụ",
        ),
        ("tinh-2026", "chính quyền địa phương hai cấp"),
        ("bo-2026", "của một bộ"),
        ("xa-phat-thanh-2026", "hệ thống truyền thanh của một xã"),
        ("huyen-cat-14-2023", "của một huyện"),
    ] {
        let line = run
            .stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("{name} not listed:\n{}", run.stdout));
        assert!(line.contains(words), "{line}");
    }
    assert!(
        run.stdout.contains("cchc init --example TÊN"),
        "{}",
        run.stdout
    );
    assert!(!test.data().exists(), "listing writes nothing");

    let run = test.run(&["init", "--example", "tinh-2026-cat-14"]).ok();
    let written = test.data().join("plan.toml");
    assert_eq!(run.stdout.trim(), written.display().to_string());
    assert!(
        run.stderr.contains("đã ghi kế hoạch tinh-2026-cat-14 vào"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&written).unwrap(),
        std::fs::read_to_string(repo().join("examples/plans/tinh-2026-cat-14.toml")).unwrap()
    );
    // From then on it is the plan in use, found in the data directory.
    let plan = test.run(&["plan", "--format", "json"]).ok().json();
    assert_eq!(plan["plan"]["start"], "2026-01-01");
    assert!(
        plan["source"]
            .as_str()
            .unwrap()
            .ends_with("(data directory)")
    );
    // Never over it without --force.
    let before = test.files();
    test.run(&["init", "--example", "bo-2026"])
        .error(&["plan.toml đã có", "--force"]);
    assert_eq!(before, test.files());
    test.run(&["init", "--example", "bo-2026", "--force"]).ok();
    let plan = test.run(&["plan", "--format", "json"]).ok().json();
    assert_eq!(plan["plan"]["issuer"], "Bộ");

    // An unknown name lists the examples and guesses the closest.
    test.run(&["init", "--example", "tinh-2025", "--force"])
        .error(&[
            "không có kế hoạch mẫu `tinh-2025`",
            "có phải là `tinh-2026`?",
            "bo-2026",
        ]);
}

#[test]
fn init_starts_from_any_plan_file_and_refuses_a_bad_one() {
    let test = Test::new().no_plan().without_data_dir();
    std::fs::write(test.path("ke-hoach.toml"), crate::harness::FIXTURE_PLAN).unwrap();
    test.run(&["init", "--from", "ke-hoach.toml"]).ok();
    assert_eq!(test.read("plan.toml"), crate::harness::FIXTURE_PLAN);
    // `cchc --plan FILE init` is the same.
    let other = Test::new().no_plan().without_data_dir();
    std::fs::write(other.path("ke-hoach.toml"), crate::harness::FIXTURE_PLAN).unwrap();
    let run = other.run(&["--plan", "ke-hoach.toml", "init"]).ok();
    assert!(
        run.stderr.contains("đã ghi kế hoạch ke-hoach.toml vào"),
        "{}",
        run.stderr
    );
    assert_eq!(other.read("plan.toml"), crate::harness::FIXTURE_PLAN);

    // Two sources, or a plan that is not valid: nothing is written.
    let fresh = Test::new().no_plan().without_data_dir();
    std::fs::write(fresh.path("ke-hoach.toml"), crate::harness::FIXTURE_PLAN).unwrap();
    fresh
        .run(&["--plan", "ke-hoach.toml", "init", "--example", "bo-2026"])
        .error(&["--example hoặc --plan, không dùng cả hai"]);
    std::fs::write(
        fresh.path("hong.toml"),
        "[plan]\ntitle = \"x\"\nstart = 2024-01-01\n",
    )
    .unwrap();
    fresh
        .run(&["init", "--from", "hong.toml"])
        .error(&["hong.toml"]);
    fresh
        .run(&["init", "--from", "khong-co.toml"])
        .error(&["khong-co.toml"]);
    assert!(!fresh.data().exists());
}

/// An example moved into another year in one step: `plans/2027.toml`, every date moved.
#[test]
fn init_carries_an_example_into_a_year() {
    let test = Test::new().no_plan().without_data_dir().on("2027-01-05");
    let run = test
        .run(&["--year", "2027", "init", "--example", "xa-phat-thanh-2026"])
        .ok();
    assert!(
        run.stdout.trim().ends_with("plans/2027.toml"),
        "{}",
        run.stdout
    );
    let plan = test.run(&["plan", "--format", "json"]).ok().json();
    assert_eq!(plan["plan"]["start"], "2027-01-01");
    assert_eq!(plan["plan"]["end"], "2027-12-31");
    // The example itself is not kept as a year of this data.
    assert!(!test.data().join("plans/2026.toml").exists());
}

/// A second report of the same unit, period and rule is refused like a duplicate
/// article, naming the first; `--allow-duplicate` keeps both; a void frees it.
#[test]
fn a_second_report_for_the_same_period_is_refused() {
    let test = Test::new().on("2022-05-01");
    let first = test.log(&[
        "report",
        "--unit",
        "noi-vu",
        "--period",
        "2022-Q1",
        "--date",
        "10/3/2022",
    ]);
    let refused = test.refused(
        &[
            "log",
            "report",
            "--unit",
            "Nội vụ",
            "--period",
            "Quý I/2022",
            "--date",
            "12/3/2022",
        ],
        &[
            "trùng",
            "báo cáo quý I/2022",
            &format!("({first}, ngày 10/03/2022)"),
            &format!("cchc void {first}"),
            "--allow-duplicate",
        ],
    );
    assert_eq!(refused.stdout, "");
    test.run(&[
        "--lang",
        "en",
        "log",
        "report",
        "--unit",
        "noi-vu",
        "--period",
        "2022-Q1",
        "--date",
        "12/3/2022",
    ])
    .error(&[
        "duplicate",
        &format!("({first}, dated 2022-03-10)"),
        "--allow-duplicate",
    ]);
    // Another period, or another unit, is no duplicate.
    test.log(&[
        "report",
        "--unit",
        "noi-vu",
        "--period",
        "2022-Q2",
        "--date",
        "20/4/2022",
    ]);
    test.log(&[
        "report",
        "--unit",
        "tu-phap",
        "--period",
        "2022-Q1",
        "--date",
        "10/3/2022",
    ]);
    // Kept on purpose (a supplementary report), then one voided frees the period.
    let second = test.log(&[
        "report",
        "--unit",
        "noi-vu",
        "--period",
        "2022-Q1",
        "--date",
        "12/3/2022",
        "--allow-duplicate",
    ]);
    test.run(&["void", &first, "--reason", "ghi nhầm"]).ok();
    test.refused(
        &[
            "log",
            "report",
            "--unit",
            "noi-vu",
            "--period",
            "2022-Q1",
            "--date",
            "13/3/2022",
        ],
        &[&format!("({second}, ngày 12/03/2022)")],
    );
    test.run(&["void", &second, "--reason", "ghi nhầm"]).ok();
    test.log(&[
        "report",
        "--unit",
        "noi-vu",
        "--period",
        "2022-Q1",
        "--date",
        "13/3/2022",
    ]);
}

/// `import --record report`: a row repeating a logged report, or an earlier row,
/// means nothing is written; `--skip-duplicates` leaves such rows out.
#[test]
fn an_import_repeating_a_report_is_refused_whole_or_skips_it() {
    let test = Test::new().on("2022-05-01");
    let first = test.log(&[
        "report",
        "--unit",
        "noi-vu",
        "--period",
        "2022-Q1",
        "--date",
        "10/3/2022",
    ]);
    test.write_file(
        "bao-cao.csv",
        "Đơn vị,Kỳ,Ngày\ntu-phap,2022-Q1,11/3/2022\nnoi-vu,Quý I/2022,12/3/2022\ntu-phap,2022-Q1,13/3/2022\n",
    );
    let run = test.refused(
        &["import", "bao-cao.csv", "--record", "report"],
        &[
            "2 dòng sai",
            &format!("bao-cao.csv:3: trùng: đã ghi báo cáo quý I/2022 của đơn vị này theo cùng chỉ tiêu ({first}, ngày 10/03/2022)"),
            "--skip-duplicates",
            "bao-cao.csv:4: trùng: một dòng trước trong tệp là báo cáo quý I/2022",
        ],
    );
    assert_eq!(run.stdout, "");
    let run = test
        .run(&[
            "import",
            "bao-cao.csv",
            "--record",
            "report",
            "--skip-duplicates",
        ])
        .ok();
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    assert!(run.stderr.contains("bỏ qua 2 dòng trùng"), "{}", run.stderr);
    let listed = test
        .run(&["list", "--record", "report", "--format", "json"])
        .ok()
        .json();
    assert_eq!(listed.as_array().unwrap().len(), 2);
}

/// `report --quarter` and `--through` take a period as `log --period` and imports do.
#[test]
fn quarter_flags_take_the_words_periods_take_everywhere() {
    let example = repo().join("examples/plans/tinh-2026-cat-14");
    let plan = repo().join("examples/plans/tinh-2026-cat-14.toml");
    let test = Test::new()
        .with_plan(&std::fs::read_to_string(&plan).unwrap())
        .with_data(&example)
        .on("2026-12-20");
    let json = |args: &[&str]| {
        let mut full = vec!["report", "--format", "json"];
        full.extend_from_slice(args);
        test.run(&full).ok().stdout
    };
    let by_label = json(&["--quarter", "2026-Q4"]);
    assert_eq!(json(&["--quarter", "Quý IV/2026"]), by_label);
    assert_eq!(json(&["--quarter", "quy 4/2026"]), by_label);
    assert_eq!(json(&["--quarter", "Q4 2026"]), by_label);
    let six_months = json(&["--through", "2026-Q2"]);
    assert_eq!(json(&["--through", "6 tháng đầu năm 2026"]), six_months);
    assert_eq!(
        json(&["--through", "9 tháng đầu năm 2026"]),
        json(&["--through", "2026-Q3"])
    );
    assert_eq!(
        json(&["--through", "Năm 2026"]),
        json(&["--through", "2026-Q4"])
    );
    // A half year is no quarter; the refusal says how to write one.
    test.run(&["report", "--quarter", "6 tháng đầu năm 2026"])
        .error(&["--quarter", "không phải là quý", "Quý III/2022"]);
    test.run(&["report", "--through", "Quý V/2026"])
        .error(&["--through", "6 tháng đầu năm 2022"]);
    test.run(&["report", "--quarter", "Quý I/2030"])
        .error(&["--quarter"]);
}

/// Errors and warnings open in the user's language; scripts test the exit code.
#[test]
fn errors_and_warnings_open_in_the_users_language() {
    let test = Test::fixture();
    let run = test.run(&[
        "log", "article", "--unit", "x", "--date", "1/1/2024", "--title", "T",
    ]);
    let run = run.error(&["không có đơn vị nào khớp"]);
    assert!(run.stderr.starts_with("lỗi: "), "{}", run.stderr);
    let run = test
        .run(&[
            "--lang", "en", "log", "article", "--unit", "x", "--date", "1/1/2024", "--title", "T",
        ])
        .error(&["no unit matches"]);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    // A plan in English speaks English without --lang.
    let english = Test::new()
        .with_plan(&crate::harness::FIXTURE_PLAN.replace("[plan]\n", "[plan]\nlang = \"en\"\n"))
        .on("2024-10-15");
    let run = english.run(&["report", "--quarter", "2024-Q9"]);
    assert!(run.error(&[]).stderr.starts_with("error: "));
    // A usage error too (before any plan is read).
    let run = test.run(&["lgo"]).code(2);
    assert!(run.stderr.starts_with("lỗi: "), "{}", run.stderr);
    // A torn last line warns in Vietnamese.
    test.write("articles.jsonl", "{\"id\":\"A1\",\"unit\":\"phong-a\",\"da");
    let run = test.run(&["list"]).ok();
    assert!(
        run.stderr.starts_with("cảnh báo: articles.jsonl:1:"),
        "{}",
        run.stderr
    );
}

/// `init` into a data directory that cannot be one says so in the user's words.
#[test]
fn init_where_no_data_directory_can_be_says_why_in_vietnamese() {
    let test = Test::new().no_plan();
    std::fs::write(test.path("tep"), "").unwrap();
    let nowhere = test.path("tep").join("cchc");
    let test = test.with_data(&nowhere);
    let run = test.run(&["init"]).code(2);
    assert!(
        run.stderr
            .starts_with("lỗi: không dùng thư mục dữ liệu được")
            && run.stderr.contains("không phải thư mục"),
        "{}",
        run.stderr
    );
}
