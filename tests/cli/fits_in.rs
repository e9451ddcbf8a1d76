//! cchc among the tools its users know: help with examples, completions, the man
//! page, suggestions for typos, and the example scripts for cron and reports.

use std::collections::BTreeSet;

use crate::harness::{Test, repo, run_command};

#[test]
fn every_command_has_help_with_an_example() {
    let test = Test::new();
    for command in [
        &["init"][..],
        &["plan"],
        &["log", "article"],
        &["log", "broadcast"],
        &["log", "plan"],
        &["log", "report"],
        &["void"],
        &["list"],
        &["report"],
        &["check"],
        &["verify"],
        &["import"],
        &["completions"],
        &["man"],
    ] {
        for (lang, example, usage) in [("vi", "Ví dụ", "Cách dùng:"), ("en", "Example", "Usage:")]
        {
            let mut args = vec!["--lang", lang];
            args.extend_from_slice(command);
            args.push("--help");
            let run = test.run(&args).ok();
            assert!(
                run.stdout.contains(usage),
                "{command:?} --help:\n{}",
                run.stdout
            );
            if command != ["init"] && command != ["plan"] {
                assert!(
                    run.stdout.contains(example),
                    "{command:?} --help:\n{}",
                    run.stdout
                );
            }
        }
    }
    // Vietnamese unless asked otherwise: what each command and option does.
    let top = test.run(&["--help"]).ok().stdout;
    assert!(
        top.contains("Ví dụ:")
            && top.contains("check --quiet")
            && top.contains("Lệnh:")
            && top.contains("Cách dùng: cchc [TÙY CHỌN] <LỆNH>"),
        "{top}"
    );
    let log = test.run(&["log", "article", "--help"]).ok().stdout;
    for words in ["Ngày đăng", "Tiêu đề, như đã đăng", "Tùy chọn chung:"] {
        assert!(log.contains(words), "{words}\n{log}");
    }
    // `cchc help log article` is `cchc log article --help`.
    assert_eq!(test.run(&["help", "log", "article"]).ok().stdout, log);
    let top = test.env("CCHC_LANG", "en").run(&["--help"]).ok().stdout;
    assert!(
        top.contains("Examples:") && top.contains("Commands:"),
        "{top}"
    );
}

#[test]
fn completions_and_the_man_page_are_generated() {
    let test = Test::new();
    for (shell, needle) in [
        ("bash", "_cchc()"),
        ("zsh", "#compdef cchc"),
        ("fish", "complete -c cchc"),
        ("powershell", "cchc"),
        ("elvish", "cchc"),
    ] {
        let run = test.run(&["completions", shell]).ok();
        assert!(run.stdout.contains(needle), "{shell}");
    }
    let man = test.run(&["man"]).ok().stdout;
    assert!(man.contains("Ngày đang xét"), "the page speaks Vietnamese");
    let english = test.run(&["--lang", "en", "man"]).ok().stdout;
    assert!(
        english.contains("The day to evaluate on"),
        "and English when asked"
    );
    assert!(
        man.starts_with(".ie") || man.starts_with(".TH"),
        "{}",
        &man[..80.min(man.len())]
    );
    assert!(man.contains("cchc") && man.contains("report"));
}

#[test]
fn typos_get_suggestions() {
    let test = Test::new();
    let run = test.run(&["reprot"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("report"), "{}", run.stderr);
    test.run(&[
        "log",
        "article",
        "--unit",
        "xa-son-mi",
        "--date",
        "2022-03-01",
        "--title",
        "T",
    ])
    .error(&["có phải là `xa-son-my`"]);
    test.run(&[
        "log",
        "article",
        "--unit",
        "xa-son-my",
        "--date",
        "2022-03-01",
        "--title",
        "T",
        "--topic",
        "mot-cuaa",
    ])
    .error(&["có phải là `mot-cua`?"]);
    test.run(&["report", "--rule", "tin-bai-xaa"])
        .error(&["có phải là `tin-bai-xa`?"]);
}

#[test]
fn the_weekly_check_script_speaks_only_when_it_should() {
    let test = Test::new().with_data(&repo().join("examples/ham-tan-2022"));
    let script = |as_of: &str| {
        let mut cmd = std::process::Command::new("bash");
        cmd.arg(repo().join("examples/weekly-check.sh"))
            .args([
                "--data",
                repo().join("examples/ham-tan-2022").to_str().unwrap(),
                "--as-of",
                as_of,
            ])
            .env_clear()
            .env("CCHC", assert_cmd::cargo::cargo_bin!("cchc"))
            .current_dir(test.dir.path());
        run_command(assert_cmd::Command::from_std(cmd))
    };
    let missed = script("2023-01-05");
    assert_eq!(missed.code, 1);
    assert!(
        missed.stdout.contains("Thanh tra huyện: chưa có kế hoạch"),
        "{}",
        missed.stdout
    );
    let broken = {
        let mut cmd = std::process::Command::new("bash");
        cmd.arg(repo().join("examples/weekly-check.sh"))
            .args(["--as-of", "2023-13-01"])
            .env_clear()
            .env("CCHC", assert_cmd::cargo::cargo_bin!("cchc"));
        run_command(assert_cmd::Command::from_std(cmd))
    };
    assert_eq!(broken.code, 2);
    assert!(
        broken.stderr.contains("cchc check lỗi, mã thoát 2"),
        "{}",
        broken.stderr
    );
}

#[test]
fn the_quarterly_report_script_writes_markdown_excel_and_html() {
    let test = Test::new();
    let out = test.path("bao-cao");
    let mut cmd = std::process::Command::new("bash");
    cmd.arg(repo().join("examples/quarterly-report.sh"))
        .arg("2022-Q3")
        .arg(&out)
        .args([
            "--data",
            repo().join("examples/ham-tan-2022").to_str().unwrap(),
            "--as-of",
            "2023-01-05",
        ])
        .env_clear()
        .env("CCHC", assert_cmd::cargo::cargo_bin!("cchc"));
    run_command(assert_cmd::Command::from_std(cmd)).ok();
    let markdown = std::fs::read_to_string(out.join("bao-cao-2022-Q3.md")).unwrap();
    assert!(markdown.contains("Quý III/2022"), "{markdown}");
    assert!(
        std::fs::metadata(out.join("bao-cao-2022-Q3.xlsx"))
            .unwrap()
            .len()
            > 5000
    );
    assert!(
        std::fs::read_to_string(out.join("bao-cao-2022-Q3.html"))
            .unwrap()
            .contains("<svg")
    );
}

/// The 9-month report is one command too.
#[test]
fn the_report_script_writes_the_nine_month_report_with_through() {
    let test = Test::new();
    let out = test.path("bao-cao");
    let mut cmd = std::process::Command::new("bash");
    cmd.arg(repo().join("examples/quarterly-report.sh"))
        .args(["--through", "2022-Q3"])
        .arg(&out)
        .args([
            "--data",
            repo().join("examples/ham-tan-2022").to_str().unwrap(),
            "--as-of",
            "2022-10-20",
        ])
        .env_clear()
        .env("CCHC", assert_cmd::cargo::cargo_bin!("cchc"));
    run_command(assert_cmd::Command::from_std(cmd)).ok();
    let markdown = std::fs::read_to_string(out.join("bao-cao-den-2022-Q3.md")).unwrap();
    assert!(markdown.contains("9 tháng đầu năm 2022"), "{markdown}");
    assert!(markdown.contains("Quý I/2022") && !markdown.contains("Quý IV/2022"));
    for ext in ["docx", "xlsx", "html"] {
        assert!(out.join(format!("bao-cao-den-2022-Q3.{ext}")).is_file());
    }
}

/// Every view at 80 columns (COLUMNS, as when stdout is not a terminal): no line is
/// longer, names wrap between words, and the tables that still cannot fit are
/// stacked, never cut inside an id or a date.
#[test]
fn every_view_fits_80_columns_in_both_languages() {
    let example = crate::harness::repo().join("examples/ham-tan-2022");
    for lang in ["vi", "en"] {
        let test = Test::new()
            .on("2022-10-15")
            .with_data(&example)
            .lang(lang)
            .env("COLUMNS", "80");
        for args in [
            &["report"][..],
            &["report", "--quarter", "2022-Q3"],
            &["list"],
            &["check"],
            &["plan"],
        ] {
            let run = test.run(args);
            let long: Vec<&str> = run
                .stdout
                .lines()
                .filter(|l| l.chars().count() > 80)
                .collect();
            // `plan` lists units and rules in tables narrower than their longest
            // title only when it can: the check is on the views of the records.
            if args != ["plan"] {
                assert!(long.is_empty(), "{lang} {args:?}: {long:#?}");
            }
            for line in run.stdout.lines() {
                assert!(!line.trim_end().ends_with('-'), "a word cut: {line}");
            }
        }
        insta::assert_snapshot!(
            format!("quarter_at_80_{lang}"),
            test.run(&["report", "--quarter", "2022-Q3", "--unit", "noi-vu"])
                .ok()
                .stdout
        );
        insta::assert_snapshot!(
            format!("quarter_at_120_{lang}"),
            test.env("COLUMNS", "120")
                .run(&["report", "--quarter", "2022-Q3", "--unit", "noi-vu"])
                .ok()
                .stdout
        );
    }
}

/// A province (120 units, five rules) in a pager at 80 columns, and on terminals
/// of 100 to 160: the year table is one table per rule (its title once), units as
/// rows, quarters as columns, with totals; never a stacked list.
#[test]
fn a_province_year_table_reads_at_80_to_160_columns() {
    let plan = std::fs::read_to_string(repo().join("examples/plans/tinh-2026.toml")).unwrap();
    let test = Test::new()
        .with_plan(&plan)
        .with_data(&repo().join("examples/plans/tinh-2026"))
        .on("2026-04-15");
    let json = test.run(&["report", "--format", "json"]).ok().json();
    let rules: BTreeSet<&str> = json["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["rule"].as_str().unwrap())
        .collect();
    for (width, lang) in [
        (80, "vi"),
        (80, "en"),
        (100, "vi"),
        (120, "en"),
        (160, "vi"),
    ] {
        let mut cmd = test.process(&["--lang", lang, "report"]);
        cmd.env("COLUMNS", width.to_string());
        let run = run_command(assert_cmd::Command::from_std(cmd)).ok();
        let out = &run.stdout;
        let long: Vec<&str> = out.lines().filter(|l| l.chars().count() > width).collect();
        assert!(long.is_empty(), "{width} {lang}: {long:#?}");
        let unit_word = if lang == "vi" {
            "│ Đơn vị "
        } else {
            "│ Unit "
        };
        assert_eq!(
            out.matches(unit_word).count(),
            rules.len(),
            "one table per rule"
        );
        // Sở Tư pháp is a row of each of its three rules, never a stacked heading.
        let rows = out
            .lines()
            .filter(|l| l.trim_start_matches(['│', ' ']).starts_with("Sở Tư pháp "))
            .count();
        assert_eq!(rows, 3, "{width} {lang}:\n{out}");
        assert!(!out.contains("Sở Tư pháp —"), "{width} {lang}: stacked");
        let total = if lang == "vi" {
            "│ Cộng (kỳ đạt)"
        } else {
            "│ Total (periods met)"
        };
        assert_eq!(
            out.matches(total).count(),
            rules.len() - 1,
            "the one-unit rule has none"
        );
        if width == 80 && lang == "vi" {
            insta::assert_snapshot!("tinh_2026_year_at_80", out);
        }
    }
}

/// A weekly rule's cells show a mark per week where there is room, and only then.
#[test]
fn weekly_strips_where_they_fit() {
    let test = crate::report::seeded();
    let at = |width: &str| {
        let mut cmd = test.process(&["report"]);
        cmd.env("COLUMNS", width);
        run_command(assert_cmd::Command::from_std(cmd)).ok().stdout
    };
    let wide = at("160");
    assert!(wide.contains("10/13 ✗ ✓✓✓✓✓✗✓✓✗✓✓✓✗"), "{wide}");
    let narrow = at("80");
    let row = narrow
        .lines()
        .find(|l| l.starts_with("│ Trung tâm Truyền thanh") && l.contains("10/13 ✗"))
        .unwrap_or_else(|| panic!("{narrow}"));
    assert!(!row.contains("✓✓"), "{row}");
    assert!(row.chars().count() <= 80, "{row}");
}

/// The quarter view at 80 columns: one line per obligation under its rule; a
/// weekly rule's weeks in words, the unit named once.
#[test]
fn the_quarter_view_is_one_line_per_obligation_under_its_rule() {
    let example = repo().join("examples/ham-tan-2022");
    let test = Test::new()
        .on("2022-10-15")
        .with_data(&example)
        .env("COLUMNS", "80");
    let json = test
        .run(&["report", "--quarter", "2022-Q4", "--format", "json"])
        .ok()
        .json();
    let obligations = json["obligations"].as_array().unwrap();
    let out = test.run(&["report", "--quarter", "2022-Q4"]).ok().stdout;
    let rows = out
        .lines()
        .filter(|l| {
            l.starts_with('│')
                && (l.contains(" ✓")
                    || l.contains(" ✗")
                    || l.contains(" …")
                    || l.contains(" !")
                    || l.contains(" ·")
                    || l.contains(" ~"))
        })
        .count();
    assert_eq!(rows, obligations.len(), "{out}");
    let weeks = out.lines().filter(|l| l.contains("┆ tuần ")).count();
    let weekly = obligations
        .iter()
        .filter(|o| o["period"].as_str().unwrap().contains("-W"))
        .count();
    assert_eq!(weeks, weekly, "{out}");
    assert!(out.contains("┆ tuần 52, 26/12–1/1/2023 ┆"), "{out}");
    assert!(out.lines().all(|l| l.chars().count() <= 80));
}

/// NO_COLOR is about colour only: with a width, the layout is the same.
#[test]
fn no_color_changes_colour_only() {
    let example = crate::harness::repo().join("examples/ham-tan-2022");
    let test = Test::new()
        .on("2022-10-15")
        .with_data(&example)
        .env("COLUMNS", "80");
    let plain = test.run(&["report", "--quarter", "2022-Q3"]).ok().stdout;
    let no_color = test
        .env("NO_COLOR", "1")
        .run(&["report", "--quarter", "2022-Q3"])
        .ok()
        .stdout;
    assert_eq!(plain, no_color);
}

/// `cchc.1` names a page per command: `man --dir` writes them all.
#[test]
fn man_writes_a_page_for_every_command() {
    let test = Test::new();
    let dir = test.path("man1");
    std::fs::create_dir_all(&dir).unwrap();
    let run = test.run(&["man", "--dir", dir.to_str().unwrap()]).ok();
    for page in [
        "cchc.1",
        "cchc-log.1",
        "cchc-log-article.1",
        "cchc-report.1",
        "cchc-init.1",
    ] {
        assert!(dir.join(page).is_file(), "{page} in {}", run.stdout);
    }
    let main = std::fs::read_to_string(dir.join("cchc.1")).unwrap();
    assert!(
        main.contains("cchc\\-log(1)"),
        "the main page names the others"
    );
    let article = std::fs::read_to_string(dir.join("cchc-log-article.1")).unwrap();
    assert!(article.contains("\\-\\-sent"), "{article}");
}

/// Usage errors a person makes are said in Vietnamese (clap's own words with
/// `--lang en`), exit 2.
#[test]
fn usage_errors_speak_vietnamese() {
    let test = Test::new();
    test.run(&["lgo", "article"])
        .error(&["`lgo` không phải lệnh của cchc", "(có phải là `log`?)"]);
    test.run(&["report", "--format", "pdf"])
        .error(&["`pdf` không phải giá trị của --format", "docx"]);
    test.run(&["log", "article", "--unit", "noi-vu"])
        .error(&["thiếu --date", "--title"]);
    test.run(&["list", "--bogus"])
        .error(&["không biết tùy chọn `--bogus`"]);
    let english = test.run(&["--lang", "en", "lgo"]);
    assert_eq!(english.code, 2);
    assert!(
        english.stderr.contains("unrecognized subcommand 'lgo'"),
        "{}",
        english.stderr
    );
    // Help is still help.
    test.run(&["--help"]).ok();
}
