//! `cchc plan`, `cchc init` and every refusal of a bad plan.

use crate::harness::{FIXTURE_PLAN, Test, repo};

/// Replaces `from` by `to` in the fixture plan, which must contain it.
fn edited(from: &str, to: &str) -> String {
    assert!(FIXTURE_PLAN.contains(from), "{from}");
    FIXTURE_PLAN.replacen(from, to, 1)
}

/// The last line holding `needle` (for a duplicate, the second use).
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .collect::<Vec<_>>()
        .iter()
        .rposition(|l| l.contains(needle))
        .expect(needle)
        + 1
}

/// The plan is refused with exit 2 and a message `file:line:col: ...` holding `parts`
/// (the English words; `the_plan_checker_speaks_vietnamese` pins the others).
#[track_caller]
fn refused(plan: &str, line_needle: &str, parts: &[&str]) {
    let test = Test::new().with_plan(plan);
    let line = line_of(plan, line_needle);
    let run = test.run(&["--lang", "en", "plan"]).error(parts);
    assert!(
        run.stderr.contains(&format!("test-plan.toml:{line}:")),
        "line {line} in:\n{}",
        run.stderr
    );
}

#[test]
fn an_unknown_key_is_refused_with_its_line() {
    refused(
        &edited("due_soon_days = 14", "due_soon_days = 14\ncolour = \"red\""),
        "colour",
        &["unknown key `colour`"],
    );
    refused(
        &edited("clause = \"6.b\"", "clause = \"6.b\"\nevry = \"week\""),
        "evry",
        &["unknown key `evry`"],
    );
}

#[test]
fn a_duplicate_id_is_refused() {
    let plan = edited("id = \"phong-b\"", "id = \"phong-a\"");
    refused(
        &plan,
        "id = \"phong-a\"",
        &["duplicate unit id `phong-a`", "first used on line 11"],
    );
    refused(
        &edited("id = \"tin-xa\"", "id = \"tin-phong\""),
        "id = \"tin-phong\"",
        &["duplicate rule id `tin-phong`"],
    );
    refused(
        &edited("id = \"so-hoa\"", "id = \"mot-cua\""),
        "id = \"mot-cua\"",
        &["duplicate topic id `mot-cua`"],
    );
}

#[test]
fn a_rule_naming_what_does_not_exist_is_refused() {
    refused(
        &edited("units = [\"phong-a\"]", "units = [\"phong-c\"]"),
        "phong-c",
        &["unit `phong-c`", "chuyen-de"],
    );
    refused(
        &edited("kinds = [\"commune\"]", "kinds = [\"comune\"]"),
        "comune",
        &["kind `comune`", "did you mean `commune`?"],
    );
    refused(
        &edited(
            "topics = [\"mot-cua\", \"so-hoa\"]",
            "topics = [\"mot-cua\", \"so-hoaa\"]",
        ),
        "so-hoaa",
        &["topic `so-hoaa`"],
    );
}

#[test]
fn a_rule_that_applies_to_no_unit_is_refused() {
    refused(
        &edited("kinds = [\"commune\"]\n", "kinds = []\n"),
        "id = \"tin-xa\"",
        &["`tin-xa` applies to no unit"],
    );
}

#[test]
fn a_range_that_ends_before_it_starts_is_refused() {
    refused(
        &edited("end = 2024-12-31", "end = 2023-12-31"),
        "end = 2023",
        &["end 2023-12-31 is before [plan].start"],
    );
}

#[test]
fn a_bad_time_window_is_refused() {
    refused(
        &edited("\"17:00-18:30\"", "\"18:30-17:00\""),
        "peak_hours",
        &["18:30-17:00", "ends before it starts"],
    );
    refused(
        &edited("\"17:00-18:30\"", "\"17h-18h\""),
        "peak_hours",
        &["17h-18h"],
    );
}

#[test]
fn shape_mismatches_are_refused() {
    refused(
        &edited("every = \"quarter\"\nmin = 1", "every = \"quarter\""),
        "id = \"tin-phong\"",
        &["needs `min`"],
    );
    refused(
        &edited("due = 2024-02-29", "due = 2024-02-29\nmin = 1 # here"),
        "# here",
        &["`min` does not apply to record = \"plan\""],
    );
    refused(
        &edited(
            "due_day = 15",
            "due_day = 15\ntopics = [\"mot-cua\"] # here",
        ),
        "# here",
        &["`topics` does not apply"],
    );
    refused(
        &edited("peak_hours = [\"05:00-06:30\", \"17:00-18:30\"]\n", ""),
        "peak_only",
        &["peak_only needs [plan].peak_hours"],
    );
    refused(
        &edited("record = \"plan\"", "record = \"memo\""),
        "memo",
        &["record `memo`"],
    );
    refused(
        &edited("every = \"week\"", "every = \"fortnight\""),
        "fortnight",
        &["fortnight"],
    );
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let plan = edited("units = [\"phong-a\"]", "units = [\"nobody\"]")
        .replace("kinds = [\"commune\"]", "kinds = [\"comune\"]");
    let run = Test::new()
        .with_plan(&plan)
        .run(&["--lang", "en", "plan"])
        .error(&["nobody", "comune", "2 problems"]);
    assert_eq!(
        run.stderr
            .lines()
            .filter(|l| l.contains("test-plan.toml:"))
            .count(),
        2,
        "{}",
        run.stderr
    );
}

#[test]
fn syntax_errors_and_unreadable_plans_are_refused() {
    Test::new()
        .with_plan("[plan\ntitle = 1")
        .run(&["plan"])
        .error(&["test-plan.toml:1:"]);
    Test::new()
        .with_plan("")
        .run(&["plan"])
        .error(&["test-plan.toml:1:1:", "[plan]"]);
    let test = Test::new();
    std::fs::write(test.path("bad.toml"), b"[plan]\ntitle = \"\xff\"\n").unwrap();
    test.run(&["--plan", "bad.toml", "plan"])
        .error(&["bad.toml", "UTF-8"]);
    test.run(&["--plan", "missing.toml", "plan"])
        .error(&["missing.toml"]);
}

#[test]
fn the_repository_plan_is_the_built_in_plan() {
    let test = Test::new();
    let built_in = test.run(&["plan", "--format", "json"]).ok().json();
    let file = repo().join("plan.toml");
    let from_file = test
        .run(&["--plan", file.to_str().unwrap(), "plan", "--format", "json"])
        .ok()
        .json();
    assert_eq!(
        built_in["source"].as_str().unwrap().split(' ').next(),
        Some("built-in")
    );
    assert_eq!(built_in["plan"], from_file["plan"]);
    assert_eq!(built_in["units"], from_file["units"]);
    assert_eq!(built_in["topics"], from_file["topics"]);
    assert_eq!(built_in["rules"], from_file["rules"]);
}

#[test]
fn the_built_in_plan_carries_the_contract_ids() {
    let plan = Test::new().run(&["plan", "--format", "json"]).ok().json();
    let ids = |key: &str| -> Vec<String> {
        plan[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        ids("rules"),
        [
            "ke-hoach-don-vi",
            "tin-bai-phong-ban",
            "tin-bai-xa",
            "bao-cao-dinh-ky",
            "noi-vu-chuyen-de",
            "van-phong-chuyen-de",
            "van-hoa-thong-tin-chuyen-de",
            "tu-phap-chuyen-de",
            "phat-thanh-hang-tuan",
            "bao-cao-trung-tam"
        ]
    );
    assert_eq!(ids("units").len(), 23);
    assert_eq!(ids("topics").len(), 11);
    assert_eq!(
        plan["plan"]["peak_hours"],
        serde_json::json!(["05:00-06:30", "17:00-18:30"])
    );
    let weekly = &plan["rules"][8];
    assert_eq!(
        (weekly["every"].as_str(), weekly["peak_only"].as_bool()),
        (Some("week"), Some(true))
    );
}

#[test]
fn plan_shows_the_source_units_and_rules() {
    let run = Test::fixture().run(&["plan"]).ok();
    assert!(
        run.stdout.contains("test-plan.toml (--plan)"),
        "{}",
        run.stdout
    );
    for needle in [
        "Phòng Alpha",
        "UBND xã Sơn Mỹ",
        "phat-thanh",
        "6.b",
        "giờ cao điểm",
        "Một cửa",
    ] {
        assert!(run.stdout.contains(needle), "{needle} in\n{}", run.stdout);
    }
}

#[test]
fn discovery_follows_flag_env_data_dir_working_dir_built_in() {
    let test = Test::new();
    let source = |t: &Test, extra: &[&str]| -> String {
        let mut args = extra.to_vec();
        args.extend(["plan", "--format", "json"]);
        t.run(&args).ok().json()["source"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(source(&test, &[]).starts_with("built-in"));
    std::fs::write(test.path("plan.toml"), FIXTURE_PLAN).unwrap();
    assert_eq!(source(&test, &[]), "plan.toml (working directory)");
    // The data directory's plan comes before ./plan.toml: a repository's own
    // plan.toml must not replace the plan a coordinator edited in the data.
    std::fs::create_dir_all(test.data()).unwrap();
    std::fs::write(test.data().join("plan.toml"), FIXTURE_PLAN).unwrap();
    assert!(source(&test, &[]).ends_with("plan.toml (data directory)"));
    let env_test = test.env("CCHC_PLAN", "env-plan.toml");
    std::fs::write(env_test.path("env-plan.toml"), FIXTURE_PLAN).unwrap();
    assert_eq!(source(&env_test, &[]), "env-plan.toml ($CCHC_PLAN)");
    assert_eq!(
        source(&env_test, &["--plan", "plan.toml"]),
        "plan.toml (--plan)"
    );
}

#[test]
fn init_writes_the_built_in_plan_and_never_overwrites_without_force() {
    let test = Test::new();
    let run = test.run(&["init"]).ok();
    let written = test.data().join("plan.toml");
    assert_eq!(run.stdout.trim(), written.to_str().unwrap());
    assert_eq!(
        std::fs::read_to_string(&written).unwrap(),
        std::fs::read_to_string(repo().join("plan.toml")).unwrap()
    );
    std::fs::write(&written, "# edited\n").unwrap();
    test.run(&["init"]).error(&["đã có", "--force"]);
    test.run(&["--lang", "en", "init"])
        .error(&["exists already", "--force"]);
    assert_eq!(std::fs::read_to_string(&written).unwrap(), "# edited\n");
    test.run(&["init", "--force"]).ok();
    assert!(
        std::fs::read_to_string(&written)
            .unwrap()
            .contains("noi-vu-chuyen-de")
    );
}

/// The plan checker speaks the language asked for, else the plan's own (`lang`),
/// else Vietnamese: the coordinator who edits the plan reads what to fix.
#[test]
fn the_plan_checker_speaks_vietnamese() {
    let plan = edited("units = [\"phong-a\"]", "units = [\"phong-c\"]")
        .replace("due_soon_days = 14", "due_soon_days = 14\ncolour = \"red\"");
    let test = Test::new().with_plan(&plan);
    test.run(&["plan"])
        .error(&["không biết khóa `colour`", "xóa đi hoặc sửa lại chính tả"]);
    let plan = edited("units = [\"phong-a\"]", "units = [\"phong-c\"]")
        .replace("kinds = [\"commune\"]", "kinds = [\"comune\"]");
    let test = Test::new().with_plan(&plan);
    test.run(&["plan"]).error(&[
        "nêu đơn vị `phong-c`, không có trong kế hoạch",
        "(có phải là `commune`?)",
        "(2 lỗi trong",
    ]);
    // A plan that says lang = "en" is told in English, unless --lang says otherwise.
    let english = Test::new().with_plan(&plan.replace("[plan]\n", "[plan]\nlang = \"en\"\n"));
    english
        .run(&["plan"])
        .error(&["names unit `phong-c`", "2 problems"]);
    english
        .run(&["--lang", "vi", "plan"])
        .error(&["nêu đơn vị `phong-c`"]);
}

/// A rule's key is named in the language of the message: "chỉ tiêu `r`: min",
/// not the English "rule `r`: min" inside a Vietnamese sentence; a table the rule
/// names is "chủ đề", not "topic".
#[test]
fn a_rules_keys_are_named_in_the_language_of_the_message() {
    let plan = edited("min = 2\n", "min = 0\n").replace("\"so-hoa\"]", "\"so-hoaa\"]");
    let test = Test::new().with_plan(&plan);
    let before = test.files();
    let min = line_of(&plan, "min = 0");
    let topics = line_of(&plan, "so-hoaa");
    let run = test.run(&["plan"]).error(&[]);
    assert!(
        run.stderr.contains(&format!(
            "test-plan.toml:{min}:7: chỉ tiêu `tin-xa`: min = 0 phải từ 1 đến 100000\n"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "test-plan.toml:{topics}:22: chỉ tiêu `chuyen-de` nêu chủ đề `so-hoaa`, không có trong kế hoạch (có phải là `so-hoa`?)\n"
        )),
        "{}",
        run.stderr
    );
    let run = test.run(&["--lang", "en", "plan"]).error(&[]);
    assert!(
        run.stderr.contains(&format!(
            "test-plan.toml:{min}:7: rule `tin-xa`: min = 0 must be from 1 to 100000\n"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "test-plan.toml:{topics}:22: rule `chuyen-de` names topic `so-hoaa`, which the plan does not have; did you mean `so-hoa`?\n"
        )),
        "{}",
        run.stderr
    );
    assert_eq!(test.files(), before, "nothing is written");
}
