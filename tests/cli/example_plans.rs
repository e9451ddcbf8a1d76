//! The plans in `examples/plans/`, modelled on published ones, each with a small
//! data set: their reports are pinned, so that a change of meaning shows.

use crate::harness::{Test, repo};

fn example(name: &str, as_of: &str) -> Test {
    let plan = std::fs::read_to_string(repo().join(format!("examples/plans/{name}.toml"))).unwrap();
    Test::new()
        .with_plan(&plan)
        .with_data(&repo().join(format!("examples/plans/{name}")))
        .on(as_of)
}

fn summary(test: &Test, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["report", "--format", "json"];
    args.extend_from_slice(extra);
    test.run(&args).ok().json()["summary"].clone()
}

#[test]
fn every_example_plan_is_valid_and_its_data_clean() {
    for (name, as_of) in [
        ("tinh-2026", "2026-04-15"),
        ("bo-2026", "2026-04-01"),
        ("xa-phat-thanh-2026", "2026-06-05"),
        ("huyen-cat-14-2023", "2023-04-01"),
        ("tinh-2026-cat-14", "2026-06-25"),
    ] {
        let test = example(name, as_of);
        test.run(&["plan"]).ok();
        test.run(&["verify"]).ok();
    }
}

#[test]
fn a_province_of_the_two_level_government() {
    let test = example("tinh-2026", "2026-04-15");
    let plan = test.run(&["plan", "--format", "json"]).ok().json();
    assert_eq!(plan["units"].as_array().unwrap().len(), 120);
    insta::assert_snapshot!(
        "tinh_2026_so_tu_phap",
        test.run(&["report", "--unit", "so-tu-phap", "--format", "markdown"])
            .ok()
            .stdout
    );
    insta::assert_snapshot!(
        "tinh_2026_summary",
        serde_json::to_string_pretty(&summary(&test, &[])).unwrap()
    );
}

#[test]
fn a_ministry_with_four_bulletins_a_month_counted_together() {
    let test = example("bo-2026", "2026-04-01");
    insta::assert_snapshot!(
        "bo_2026_year",
        test.run(&["report", "--format", "markdown"]).ok().stdout
    );
    insta::assert_snapshot!(
        "bo_2026_summary",
        serde_json::to_string_pretty(&summary(&test, &[])).unwrap()
    );
}

#[test]
fn a_commune_radio_with_a_saturday_forum_and_half_year_reports() {
    let test = example("xa-phat-thanh-2026", "2026-06-05");
    insta::assert_snapshot!(
        "xa_phat_thanh_2026_q1",
        test.run(&["report", "--quarter", "2026-Q1", "--format", "markdown"])
            .ok()
            .stdout
    );
    insta::assert_snapshot!(
        "xa_phat_thanh_2026_summary",
        serde_json::to_string_pretty(&summary(&test, &[])).unwrap()
    );
}

#[test]
fn a_district_cutting_its_figures_on_the_14th() {
    let test = example("huyen-cat-14-2023", "2023-04-01");
    insta::assert_snapshot!(
        "huyen_cat_14_2023_year",
        test.run(&["report", "--format", "markdown"]).ok().stdout
    );
    insta::assert_snapshot!(
        "huyen_cat_14_2023_summary",
        serde_json::to_string_pretty(&summary(&test, &[])).unwrap()
    );
}

/// The ministry's report calendar: figures from the 15th to the 14th, reports for
/// Q1, 6 months, Q3 and the year due on the 20th, a summer campaign, the last
/// Saturday of the month, on a calendar-year plan.
#[test]
fn a_province_on_the_ministrys_report_calendar() {
    let test = example("tinh-2026-cat-14", "2026-06-25");
    insta::assert_snapshot!(
        "tinh_2026_cat_14_six_months",
        test.run(&["report", "--through", "2026-Q2", "--format", "markdown"])
            .ok()
            .stdout
    );
    insta::assert_snapshot!(
        "tinh_2026_cat_14_summary",
        serde_json::to_string_pretty(&summary(&test, &[])).unwrap()
    );
    // An article of 20 December 2025 counts for the first quarter of 2026.
    let q1 = test
        .run(&[
            "report",
            "--quarter",
            "2026-Q1",
            "--unit",
            "so-noi-vu",
            "--rule",
            "tin-bai-so-nganh",
            "--format",
            "json",
        ])
        .ok()
        .json();
    assert_eq!(
        q1["obligations"][0]["records"],
        serde_json::json!(["A1", "A10"])
    );
    assert_eq!(q1["obligations"][0]["start"], "2025-12-15");
}
