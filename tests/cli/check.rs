//! `cchc check`: the lines a coordinator acts on and the exit codes cron reads.

use crate::harness::Test;

fn one_rule(as_of: &str) -> Test {
    Test::new().with_plan(crate::harness::ONE_RULE).on(as_of)
}

#[test]
fn nothing_to_report_exits_0_and_quiet_prints_nothing() {
    let run = one_rule("2024-01-05").run(&["check"]).code(0);
    assert_eq!(
        run.stdout,
        "Không có chỉ tiêu nào quá hạn hoặc sắp đến hạn.\n"
    );
    let run = one_rule("2024-01-05").run(&["check", "--quiet"]).code(0);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "");
    one_rule("2024-01-05")
        .run(&["check", "--quiet", "--strict"])
        .code(0);
}

#[test]
fn due_soon_alone_exits_0_or_1_with_strict() {
    let run = one_rule("2024-03-20").run(&["check", "--quiet"]).code(0);
    assert_eq!(
        run.stdout,
        "Tính đến ngày 20/03/2024: Không đạt 0 · Sắp đến hạn 1 — ở 1 đơn vị.\n\
         \n\
         Sắp đến hạn (1)\n\
         ≥ 1 tin mỗi quý\n  \
         ! UBND xã Sơn Mỹ: còn thiếu 1 tin, bài quý I/2024 — còn 11 ngày (hạn 31/03/2024)\n"
    );
    one_rule("2024-03-20").run(&["check", "--strict"]).code(1);
    let run = one_rule("2024-03-31").lang("en").run(&["check"]).code(0);
    assert_eq!(
        run.stdout,
        "As of 2024-03-31: missed 0 · due soon 1 — in 1 unit.\n\
         \n\
         Due soon (1)\n\
         ≥ 1 tin mỗi quý\n  \
         ! UBND xã Sơn Mỹ: 1 news item(s) missing for Q1 2024 — due today (due 2024-03-31)\n"
    );
}

#[test]
fn something_missed_exits_1_with_the_days_overdue() {
    let run = one_rule("2024-12-01").run(&["check", "--quiet"]).code(1);
    assert_eq!(
        run.stdout,
        "Tính đến ngày 01/12/2024: Không đạt 3 · Sắp đến hạn 0 — ở 1 đơn vị.\n\
         \n\
         Không đạt (3)\n\
         ≥ 1 tin mỗi quý\n  \
         ✗ UBND xã Sơn Mỹ: còn thiếu 1 tin, bài quý I/2024 — quá hạn 245 ngày (hạn 31/03/2024)\n  \
         ✗ UBND xã Sơn Mỹ: còn thiếu 1 tin, bài quý II/2024 — quá hạn 154 ngày (hạn 30/06/2024)\n  \
         ✗ UBND xã Sơn Mỹ: còn thiếu 1 tin, bài quý III/2024 — quá hạn 62 ngày (hạn 30/09/2024)\n"
    );
    // --since leaves out what was due before it.
    let run = one_rule("2024-12-01")
        .run(&["check", "--since", "1/7/2024"])
        .code(1);
    let items: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("  ✗"))
        .collect();
    assert_eq!(items.len(), 1, "{}", run.stdout);
    assert!(items[0].contains("quý III/2024"), "{}", run.stdout);
    one_rule("2024-12-01")
        .run(&["check", "--since", "2024-10-01"])
        .code(0);
    // Logging the missing item clears it.
    let test = one_rule("2024-12-01");
    for date in ["2024-03-01", "2024-06-01", "2024-09-01"] {
        test.article("son my", date, date);
    }
    test.run(&["check", "--quiet"]).code(0);
}

#[test]
fn bad_input_exits_2() {
    one_rule("2024-12-01")
        .run(&["check", "--since", "2024-13-01"])
        .error(&["--since"]);
    let test = one_rule("2024-12-01");
    test.write("articles.jsonl", "garbage\n");
    test.run(&["check", "--quiet"])
        .error(&["articles.jsonl:1:"]);
    Test::new()
        .with_plan("[plan]\n")
        .run(&["check"])
        .error(&["test-plan.toml:"]);
}

#[test]
fn json_lists_missed_and_due_soon_obligations() {
    let json = one_rule("2024-06-20")
        .run(&["check", "--format", "json"])
        .code(1)
        .json();
    assert_eq!(json["as_of"], "2024-06-20");
    let missed = json["missed"].as_array().unwrap();
    let due_soon = json["due_soon"].as_array().unwrap();
    assert_eq!((missed.len(), due_soon.len()), (1, 1));
    assert_eq!(
        (missed[0]["period"].as_str(), missed[0]["status"].as_str()),
        (Some("2024-Q1"), Some("missed"))
    );
    assert_eq!(
        (
            due_soon[0]["period"].as_str(),
            due_soon[0]["days_left"].as_i64()
        ),
        (Some("2024-Q2"), Some(10))
    );
    let empty = one_rule("2024-01-05")
        .run(&["check", "--format", "json"])
        .code(0)
        .json();
    assert_eq!(
        empty,
        serde_json::json!({"as_of": "2024-01-05", "missed": [], "due_soon": []})
    );
    let quiet = one_rule("2024-01-05")
        .run(&["check", "--format", "json", "--quiet"])
        .code(0);
    assert_eq!(
        quiet.stdout, "",
        "--quiet prints nothing when there is nothing to report"
    );
}

#[test]
fn weekly_misses_of_one_rule_share_a_line_worst_first() {
    let test = crate::report::seeded();
    let run = test.run(&["check"]).code(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let weekly: Vec<&&str> = lines
        .iter()
        .filter(|l| l.starts_with("  ✗ Trung tâm Truyền thanh: còn thiếu 31 buổi phát thanh"))
        .collect();
    assert_eq!(weekly.len(), 1, "{}", run.stdout);
    // Weeks in words, the oldest first, under the rule's title.
    assert!(
        weekly[0].starts_with("  ✗ Trung tâm Truyền thanh: còn thiếu 31 buổi phát thanh ở 31 tuần: tuần 6, 5/2–11/2; tuần 9, 26/2–3/3; tuần 13, 25/3–31/3;"),
        "{}",
        weekly[0]
    );
    assert!(
        weekly[0].ends_with("; tuần 41, 7/10–13/10 — quá hạn từ 11/02/2024"),
        "{}",
        weekly[0]
    );
    let at = lines.iter().position(|l| l == weekly[0]).unwrap();
    assert_eq!(lines[at - 1], "Phát thanh mỗi tuần, giờ cao điểm");
    // No rule ids in words (they stay in JSON).
    assert!(!run.stdout.contains("[phat-thanh]"), "{}", run.stdout);
    // Due soon last.
    assert_eq!(
        lines.last().unwrap(),
        &"  ! Trung tâm Truyền thanh: còn thiếu 1 buổi phát thanh tuần 42, 14/10–20/10 — còn 5 ngày (hạn 20/10/2024)"
    );
    let missed = lines
        .iter()
        .position(|l| l.starts_with("Không đạt ("))
        .unwrap();
    // Rules in the order of their oldest miss: the weeks from 11 February, then
    // the plans due on 29 February.
    assert_eq!(lines[missed + 1], "Phát thanh mỗi tuần, giờ cao điểm");
    assert_eq!(lines[missed + 3], "Kế hoạch trước 01/3");
    assert!(
        lines[missed + 4]
            .contains("UBND xã Tân Hà: chưa có kế hoạch — quá hạn 229 ngày (hạn 29/02/2024)"),
        "{}",
        run.stdout
    );
}

/// The summary comes first: counts by status, then by unit, most missed first.
#[test]
fn a_summary_by_status_and_by_unit_comes_first() {
    let test = crate::report::seeded();
    let run = test.run(&["check"]).code(1);
    let json = test.run(&["check", "--format", "json"]).code(1).json();
    let (missed, due_soon) = (
        json["missed"].as_array().unwrap().len(),
        json["due_soon"].as_array().unwrap().len(),
    );
    let first = run.stdout.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "Tính đến ngày 15/10/2024: Không đạt {missed} · Sắp đến hạn {due_soon} — ở 5 đơn vị."
        )
    );
    // By unit: the broadcasting centre has the 31 missed weeks and more.
    let table: Vec<&str> = run
        .stdout
        .lines()
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(
        table[1].contains("Đơn vị") && table[1].contains("Sắp đến hạn"),
        "{}",
        run.stdout
    );
    assert!(
        table[3].contains("Trung tâm Truyền thanh"),
        "{}",
        run.stdout
    );
    let counts: Vec<usize> = table[3..table.len() - 1]
        .iter()
        .map(|l| l.split('┆').nth(1).unwrap().trim().parse().unwrap())
        .collect();
    assert_eq!(counts.iter().sum::<usize>(), missed, "{}", run.stdout);
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
}

/// `--unit` takes what `--unit` takes elsewhere, in words and in JSON (whose keys
/// do not change), and its exit code is that unit's.
#[test]
fn one_unit_by_name_without_diacritics() {
    let test = crate::report::seeded();
    let run = test.run(&["check", "--unit", "tan ha"]).code(1);
    assert!(
        run.stdout
            .starts_with("Tính đến ngày 15/10/2024: Không đạt 4 · Sắp đến hạn 0 — ở 1 đơn vị."),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("Sơn Mỹ"), "{}", run.stdout);
    let json = test
        .run(&["check", "--unit", "xa-tan-ha", "--format", "json"])
        .code(1)
        .json();
    let missed = json["missed"].as_array().unwrap();
    assert_eq!(missed.len(), 4);
    assert!(missed.iter().all(|o| o["unit"] == "xa-tan-ha"));
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["as_of", "due_soon", "missed"]);
    // A unit with nothing missed exits 0; an unknown one is an error.
    one_rule("2024-01-05")
        .run(&["check", "--unit", "son my", "--quiet"])
        .code(0);
    test.run(&["check", "--unit", "khong-co"])
        .error(&["--unit"]);
}

/// Missed weeks of many units: one line per unit (see the unit test of
/// `render::text::gather` for the time it takes).
#[test]
fn missed_weeks_of_many_units_one_line_each() {
    let mut plan = String::from(
        "[plan]\ntitle = \"Nhiều xã\"\nissuer = \"Tỉnh\"\nstart = 2022-01-01\nend = 2022-12-31\n\n",
    );
    for i in 0..300 {
        plan.push_str(&format!(
            "[[unit]]\nid = \"xa-{i}\"\nname = \"Xã {i}\"\nkind = \"xa\"\n\n"
        ));
    }
    plan.push_str(
        "[[rule]]\nid = \"tuan\"\ntitle = \"Mỗi tuần một tin\"\nkinds = [\"xa\"]\nrecord = \"article\"\nevery = \"week\"\nmin = 1\n",
    );
    let test = Test::new().with_plan(&plan).on("2022-03-01");
    let run = test.run(&["check"]).code(1);
    let items = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("  ✗ Xã "))
        .count();
    assert_eq!(items, 300, "one line per unit");
    assert!(
        run.stdout
            .contains("  ✗ Xã 299: còn thiếu 8 tin, bài ở 8 tuần: tuần 1, 3/1–9/1;"),
        "{}",
        &run.stdout[..2000.min(run.stdout.len())]
    );
}
