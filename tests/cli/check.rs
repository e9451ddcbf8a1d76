//! `cchc check`: the lines a coordinator acts on and the exit codes cron reads.

use crate::harness::Test;

const ONE_RULE: &str = r#"
[plan]
title = "Một chỉ tiêu"
issuer = "UBND"
start = 2024-01-01
end = 2024-12-31

[[unit]]
id = "xa-son-my"
name = "UBND xã Sơn Mỹ"
kind = "commune"

[[rule]]
id = "tin-xa"
title = "≥ 1 tin mỗi quý"
kinds = ["commune"]
record = "article"
every = "quarter"
min = 1
"#;

fn one_rule(as_of: &str) -> Test {
    Test::new().with_plan(ONE_RULE).on(as_of)
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
        "! UBND xã Sơn Mỹ: còn thiếu 1 tin, bài quý I/2024 — còn 11 ngày (hạn 31/03/2024) [tin-xa]\n"
    );
    one_rule("2024-03-20").run(&["check", "--strict"]).code(1);
    let run = one_rule("2024-03-31").lang("en").run(&["check"]).code(0);
    assert_eq!(
        run.stdout,
        "! UBND xã Sơn Mỹ: 1 news item(s) missing for Q1 2024 — due today (due 2024-03-31) [tin-xa]\n"
    );
}

#[test]
fn something_missed_exits_1_with_the_days_overdue() {
    let run = one_rule("2024-12-01").run(&["check", "--quiet"]).code(1);
    assert_eq!(
        run.stdout,
        "✗ UBND xã Sơn Mỹ: còn thiếu 1 tin, bài quý I/2024 — quá hạn 245 ngày (hạn 31/03/2024) [tin-xa]\n\
         ✗ UBND xã Sơn Mỹ: còn thiếu 1 tin, bài quý II/2024 — quá hạn 154 ngày (hạn 30/06/2024) [tin-xa]\n\
         ✗ UBND xã Sơn Mỹ: còn thiếu 1 tin, bài quý III/2024 — quá hạn 62 ngày (hạn 30/09/2024) [tin-xa]\n"
    );
    // --since leaves out what was due before it.
    let run = one_rule("2024-12-01")
        .run(&["check", "--since", "1/7/2024"])
        .code(1);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
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
        .filter(|l| l.starts_with("✗") && l.contains("[phat-thanh]"))
        .collect();
    assert_eq!(weekly.len(), 1, "{}", run.stdout);
    assert!(
        weekly[0].starts_with("✗ Trung tâm Truyền thanh: còn thiếu 31 buổi phát thanh ở 31 tuần: 2024-W06, 2024-W09, 2024-W13,"),
        "{}",
        weekly[0]
    );
    assert!(
        weekly[0].ends_with(", 2024-W41 — quá hạn từ 11/02/2024 [phat-thanh]"),
        "{}",
        weekly[0]
    );
    // The oldest miss comes first (xa-tan-ha: plan due on 29 Feb), due soon last.
    assert_eq!(
        lines.last().unwrap(),
        &"! Trung tâm Truyền thanh: còn thiếu 1 buổi phát thanh tuần 42/2024 — còn 5 ngày (hạn 20/10/2024) [phat-thanh]"
    );
    assert!(
        lines[1].contains("UBND xã Tân Hà: chưa có kế hoạch — quá hạn 229 ngày (hạn 29/02/2024)"),
        "{}",
        run.stdout
    );
}
