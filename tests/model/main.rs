//! The evaluator against an independent model of the contract (`oracle.rs`), on
//! random plans of all three editions of the plan language and random records,
//! many of them on period boundaries; and the calendar's promises about the
//! quarters of the tables.

mod oracle;

use chrono::{Duration, NaiveDate, NaiveTime};
use proptest::prelude::*;

use cchc::evaluate::evaluate;
use cchc::plan::Plan;
use cchc::record::{
    Activity, Article, Broadcast, DataFile, Located, Records, Submission, SubmissionKind,
};

use oracle::model;

/// The choices a random plan is made of.
#[derive(Debug, Clone)]
struct PlanChoices {
    start: (i32, u32, u32),
    length: i64,
    /// A calendar year (1 January to 31 December) instead of `start`/`length`.
    calendar_year: bool,
    cutoff: Option<u32>,
    /// The plan has no cut-off day; some rules have their own.
    rule_cutoff: Option<u32>,
    article_every: usize,
    article_scope_together: bool,
    article_narrow: u8,
    broadcast_every: usize,
    broadcast_narrow: u8,
    activity_measure: usize,
    report_due: usize,
    report_periods: u8,
    /// Which `nth` a weekday rule has.
    nth: u8,
}

fn plan_choices() -> impl Strategy<Value = PlanChoices> {
    (
        (
            // 2020 and 2026 have an ISO week 53, 2024 and 2028 a 29 February.
            (2019i32..2030, 1u32..13, 1u32..29),
            (150i64..500),
            any::<bool>(),
        ),
        prop_oneof![Just(None), Just(Some(14)), Just(Some(1)), Just(Some(28))],
        prop_oneof![Just(None), Just(Some(14)), Just(Some(20))],
        0usize..8,
        any::<bool>(),
        any::<u8>(),
        0usize..2,
        any::<u8>(),
        0usize..3,
        0usize..5,
        any::<u8>(),
        any::<u8>(),
    )
        .prop_map(
            |((start, length, cy), cutoff, rc, ae, at, an, be, bn, am, rd, rp, nth)| PlanChoices {
                start,
                length,
                calendar_year: cy,
                cutoff,
                rule_cutoff: if cutoff.is_none() { rc } else { None },
                article_every: ae,
                article_scope_together: at,
                article_narrow: an,
                broadcast_every: be,
                broadcast_narrow: bn,
                activity_measure: am,
                report_due: rd,
                report_periods: rp,
                nth,
            },
        )
}

/// The `nth` of weekday rules: the last, the first, the fifth (most months lack
/// one), mixed.
const NTHS: [&str; 6] = ["\"last\", 1", "\"last\"", "5", "2, 4", "1, \"last\"", "3"];

const NAMES: [&str; 9] = ["Q1", "Q2", "H1", "Q3", "9M", "Q4", "H2", "year", "M03"];

/// Some named periods, never none.
fn names(bits: u8) -> String {
    let chosen: Vec<String> = NAMES
        .iter()
        .enumerate()
        .filter(|(i, _)| bits & (1 << (i % 8)) != 0 && (*i < 8 || bits & 1 != 0))
        .map(|(_, n)| format!("\"{n}\""))
        .collect();
    if chosen.is_empty() {
        "\"Q1\", \"H1\", \"Q3\", \"year\"".into()
    } else {
        chosen.join(", ")
    }
}

fn plan_range(c: &PlanChoices) -> (NaiveDate, NaiveDate) {
    if c.calendar_year {
        let year = c.start.0;
        (
            NaiveDate::from_ymd_opt(year, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(year, 12, 31).unwrap(),
        )
    } else {
        let start = NaiveDate::from_ymd_opt(c.start.0, c.start.1, c.start.2).unwrap();
        (start, start + Duration::days(c.length))
    }
}

fn plan_text(c: &PlanChoices) -> String {
    let (start, end) = plan_range(c);
    let mut t = format!(
        "[plan]\ntitle = \"T\"\nissuer = \"I\"\nstart = {start}\nend = {end}\npeak_hours = [\"17:00-18:30\"]\n{}\n",
        c.cutoff
            .map(|d| format!("cutoff_day = {d}"))
            .unwrap_or_default()
    );
    let rule_cutoff = c
        .rule_cutoff
        .map(|d| format!("cutoff_day = {d}\n"))
        .unwrap_or_default();
    t += "[[kind]]\nid = \"k1\"\nname = \"K1\"\n[[kind]]\nid = \"k2\"\nname = \"K2\"\n";
    for (id, kind) in [("a", "k1"), ("b", "k1"), ("c", "k2"), ("d", "k2")] {
        t += &format!("[[unit]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"{kind}\"\n");
    }
    t += "[[topic]]\nid = \"x\"\nname = \"X\"\n[[topic]]\nid = \"y\"\nname = \"Y\"\n";
    t += "[[channel]]\nid = \"p\"\nname = \"P\"\ndefault = true\n[[channel]]\nid = \"r\"\nname = \"R\"\n";
    t += "[[activity]]\nid = \"h1\"\nname = \"H1\"\n[[activity]]\nid = \"h2\"\nname = \"H2\"\n";
    let n = c.article_narrow;
    let every = match c.article_every {
        5 => format!("periods = [{}]\n", names(n)),
        6 => format!("every = \"month\"\nmonths = [{}, 12]\n", 1 + n % 11),
        // The weeks around New Year (2026-W01 begins on 29 December 2025).
        7 => "every = \"week\"\nmonths = [1, 12]\n".to_string(),
        e => format!(
            "every = \"{}\"\n",
            ["week", "month", "quarter", "half", "year"][e]
        ),
    };
    t += &format!(
        "[[rule]]\nid = \"art\"\ntitle = \"t\"\nkinds = [\"k1\", \"k2\"]\nrecord = \"article\"\n{every}min = {}\n",
        1 + n % 3
    );
    if c.article_every != 0 && c.article_every != 7 {
        t += &rule_cutoff;
    }
    if n & 4 != 0 {
        t += "topics = [\"x\"]\n";
    }
    if n & 8 != 0 {
        t += "channels = [\"p\"]\n";
    }
    if n & 16 != 0 {
        t += "count_by = \"sent\"\n";
    }
    if n & 64 != 0 {
        t += "weekdays = [\"fri\", \"sat\"]\n";
        if n & 128 != 0 {
            t += &format!("nth = [{}]\n", NTHS[usize::from(c.nth) % NTHS.len()]);
        }
    }
    if c.article_scope_together {
        t += "scope = \"together\"\n";
    } else if n & 32 != 0 {
        t += "min_for = { b = 3 }\n";
    }
    let every = ["week", "month"][c.broadcast_every];
    let n = c.broadcast_narrow;
    t += &format!(
        "[[rule]]\nid = \"bc\"\ntitle = \"t\"\nunits = [\"c\", \"d\"]\nrecord = \"broadcast\"\nevery = \"{every}\"\nmin = {}\n",
        if n & 1 != 0 { 30 } else { 1 }
    );
    if n & 1 != 0 {
        t += "measure = \"minutes\"\n";
    }
    if n & 2 != 0 {
        t += "peak_only = true\n";
    }
    if n & 4 != 0 {
        t += "min_minutes = 20\n";
    }
    if n & 8 != 0 {
        t += "weekdays = [\"sat\", \"sun\"]\n";
        if n & 64 != 0 {
            t += &format!("nth = [{}]\n", NTHS[usize::from(c.nth / 8) % NTHS.len()]);
        }
    }
    if n & 16 != 0 {
        t += "channels = [\"r\"]\n";
    }
    if n & 32 != 0 {
        t += "months = [1, 7, 8, 9, 12]\n";
    }
    if c.broadcast_every == 1 {
        t += &rule_cutoff;
    }
    let measure = ["records", "count", "participants"][c.activity_measure];
    let activity_every = if c.activity_measure == 2 {
        format!("periods = [{}]", names(c.report_periods.rotate_left(3)))
    } else {
        "every = \"quarter\"".to_string()
    };
    t += &format!(
        "[[rule]]\nid = \"act\"\ntitle = \"t\"\nkinds = [\"k2\"]\nrecord = \"activity\"\n{activity_every}\nmin = 2\nmeasure = \"{measure}\"\nactivities = [\"h1\"]\n{}",
        if c.activity_measure == 1 {
            "scope = \"together\"\nweekdays = [\"mon\", \"tue\", \"wed\"]\n"
        } else {
            ""
        }
    );
    let due = start + Duration::days(c.length / 3);
    let due = due.min(end);
    t += &format!(
        "[[rule]]\nid = \"pl\"\ntitle = \"t\"\nkinds = [\"k1\"]\nrecord = \"plan\"\ndue = {due}\n"
    );
    // A second plan rule for unit a: its plans must name their rule.
    t += &format!(
        "[[rule]]\nid = \"pl2\"\ntitle = \"t\"\nunits = [\"a\"]\nrecord = \"plan\"\ndue = {end}\n"
    );
    let report_every = if c.report_periods & 1 != 0 {
        format!("periods = [{}]\n", names(c.report_periods))
    } else {
        "every = \"quarter\"\n".to_string()
    };
    t += &format!(
        "[[rule]]\nid = \"rq\"\ntitle = \"t\"\nkinds = [\"k1\", \"k2\"]\nrecord = \"report\"\n{report_every}{rule_cutoff}"
    );
    t += match c.report_due {
        0 => "due_day = 20\n",
        1 => "due_after_days = 5\n",
        // Days that short months lack.
        2 => "due_day = 29\n",
        3 => "due_day = 30\n",
        _ => "due_day = 31\n",
    };
    // Half-year reports of unit a beside its quarterly ones.
    t += "[[rule]]\nid = \"rh\"\ntitle = \"t\"\nunits = [\"a\"]\nrecord = \"report\"\nevery = \"half\"\ndue_after_days = 10\n";
    t
}

type Raw = (usize, i64, u8, u8);

fn build_records(plan: &Plan, raw: &[Raw], labels: &[String]) -> Records {
    let units = ["a", "b", "c", "d", "zz"];
    let base = plan.start - Duration::days(40);
    let edges = boundaries(plan);
    let mut articles = Vec::new();
    let mut broadcasts = Vec::new();
    let mut submissions = Vec::new();
    let mut activities = Vec::new();
    for (i, &(unit, day, x, y)) in raw.iter().enumerate() {
        let unit = units[unit % units.len()].to_string();
        // A third of the records on the first or last day of a period, or next to it.
        let date = if day % 3 == 0 {
            edges[(day / 3) as usize % edges.len()]
        } else {
            base + Duration::days(day)
        };
        let channel = [None, Some("p"), Some("r"), Some("q")][(x % 4) as usize].map(String::from);
        match y % 4 {
            0 => articles.push(Located {
                file: DataFile::Articles,
                line: i + 1,
                value: Article {
                    id: format!("A{i}"),
                    unit,
                    date,
                    title: "t".into(),
                    topics: if x & 4 != 0 {
                        vec!["x".into()]
                    } else {
                        vec!["y".into()]
                    },
                    url: None,
                    channel,
                    sent: (x & 8 != 0).then(|| date - Duration::days(i64::from(x % 40))),
                    logged_at: String::new(),
                },
            }),
            1 => broadcasts.push(Located {
                file: DataFile::Broadcasts,
                line: i + 1,
                value: Broadcast {
                    id: format!("B{i}"),
                    unit,
                    date,
                    time: NaiveTime::from_hms_opt(u32::from(x % 24), 0, 0).unwrap(),
                    minutes: [None, Some(5), Some(25), Some(60)][(y / 4 % 4) as usize],
                    title: "t".into(),
                    channel,
                    logged_at: String::new(),
                },
            }),
            2 => activities.push(Located {
                file: DataFile::Activities,
                line: i + 1,
                value: Activity {
                    id: format!("H{i}"),
                    unit,
                    date,
                    activity: if x & 1 != 0 { "h1".into() } else { "h2".into() },
                    title: "t".into(),
                    count: 1 + u32::from(x % 3),
                    participants: (x & 2 != 0).then_some(u32::from(y)),
                    logged_at: String::new(),
                },
            }),
            _ => {
                let report = x & 1 != 0;
                let rule = match (y / 4) % 5 {
                    0 | 1 => None,
                    2 => Some(if report { "rq" } else { "pl" }),
                    3 => Some(if report { "rh" } else { "pl2" }),
                    _ => Some("nope"),
                };
                submissions.push(Located {
                    file: DataFile::Submissions,
                    line: i + 1,
                    value: Submission {
                        id: format!("S{i}"),
                        unit,
                        kind: if report {
                            SubmissionKind::Report
                        } else {
                            SubmissionKind::Plan
                        },
                        period: if report {
                            Some(labels[usize::from(x) % labels.len()].clone())
                        } else {
                            // First-edition (none), this plan's year, or another year's.
                            match y % 3 {
                                0 => None,
                                1 => Some(plan.year().to_string()),
                                _ => Some((plan.year() - 1).to_string()),
                            }
                        },
                        date,
                        reference: None,
                        rule: rule.map(String::from),
                        logged_at: String::new(),
                    },
                });
            }
        }
    }
    Records::new(articles, broadcasts, submissions, Vec::new()).with_activities(activities)
}

/// How many random plans a run tries: `PROPTEST_CASES`, else 300.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300)
}

/// The days around the bounds and due dates of every period of the plan: its
/// first and last day, the day before and the day after.
fn boundaries(plan: &Plan) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = plan
        .rules
        .iter()
        .flat_map(|r| {
            oracle::rule_periods(plan, r)
                .into_iter()
                .flat_map(move |p| [p.start, p.end, r.due(&p)])
        })
        .chain([plan.start, plan.end])
        .flat_map(|d| [d - Duration::days(1), d, d + Duration::days(1)])
        .collect();
    days.sort();
    days.dedup();
    days
}

/// Every label a report of the plan could name, and one no rule has.
fn report_labels(plan: &Plan) -> Vec<String> {
    let mut labels: Vec<String> = plan
        .rules
        .iter()
        .flat_map(|r| oracle::rule_periods(plan, r))
        .map(|p| p.label())
        .collect();
    labels.sort();
    labels.dedup();
    labels.push("2024-W03".into());
    labels
}

proptest! {
    // 300 cases a run; `PROPTEST_CASES=5000 cargo test --release --test model` for more.
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// The counting table and the model agree on every obligation of random plans:
    /// cut-off days (the plan's, a rule's), calendar-year plans cut on the 14th,
    /// halves, nine months, named periods, months, weekdays and nth, together
    /// rules, channels, activities, measures, min_for, dues, due_after_days,
    /// count_by, and plans and reports that must name their rule.
    #[test]
    fn the_evaluator_agrees_with_the_model(
        choices in plan_choices(),
        raw in proptest::collection::vec((0usize..5, 0i64..600, any::<u8>(), any::<u8>()), 0..80),
        as_of in 0i64..600,
    ) {
        let text = plan_text(&choices);
        let plan = Plan::parse(&text, "random.toml").map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        for rule in &plan.rules {
            prop_assert_eq!(&rule.periods, &oracle::rule_periods(&plan, rule), "{}\n{}", rule.id, text);
        }
        let labels = report_labels(&plan);
        let records = build_records(&plan, &raw, &labels);
        // A quarter of the as-of dates on a period's bound or due date, or next to it.
        let as_of = if as_of % 4 == 0 {
            let edges = boundaries(&plan);
            edges[(as_of / 4) as usize % edges.len()]
        } else {
            plan.start - Duration::days(40) + Duration::days(as_of)
        };
        let expected = model(&plan, &records, as_of);
        let got = evaluate(&plan, &records, as_of);
        prop_assert_eq!(got.len(), expected.len());
        for (g, e) in got.iter().zip(&expected) {
            prop_assert_eq!(g, e, "{}", text);
        }
    }

    /// Every week and one-off of a plan belongs to exactly one quarter of its
    /// tables, and every obligation to at least one.
    #[test]
    fn every_obligation_lies_in_the_quarters_of_the_tables(choices in plan_choices()) {
        let text = plan_text(&choices);
        let plan = Plan::parse(&text, "random.toml").map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let quarters = plan.calendar().quarters();
        for o in evaluate(&plan, &Records::default(), plan.end) {
            let owners = quarters.iter().filter(|q| o.belongs_to(**q)).count();
            let single = matches!(
                o.period.key,
                cchc::period::PeriodKey::Week { .. } | cchc::period::PeriodKey::Once
            );
            if single {
                prop_assert_eq!(owners, 1, "{} {}", o.period.label(), text);
            } else {
                prop_assert!(owners >= 1, "{} {}", o.period.label(), text);
            }
        }
    }
}

#[test]
fn the_first_edition_plan_agrees_with_the_model_on_its_example_data() {
    let plan = Plan::built_in();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ham-tan-2022");
    let records = cchc::store::Store::new(dir).load().unwrap().records;
    for as_of in ["2022-02-25", "2022-06-30", "2022-10-15", "2023-01-05"] {
        let as_of: NaiveDate = as_of.parse().unwrap();
        assert_eq!(
            evaluate(&plan, &records, as_of),
            model(&plan, &records, as_of)
        );
    }
}

/// The example plans and their data, on the days a coordinator would look.
#[test]
fn the_example_plans_agree_with_the_model_on_their_data() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/plans");
    let mut seen = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let plan = Plan::parse(&std::fs::read_to_string(&path).unwrap(), "example").unwrap();
        let records = cchc::store::Store::new(path.with_extension(""))
            .load()
            .unwrap()
            .records;
        let mut day = plan.start;
        while day <= plan.end + Duration::days(40) {
            assert_eq!(
                evaluate(&plan, &records, day),
                model(&plan, &records, day),
                "{} on {day}",
                path.display()
            );
            day += Duration::days(23);
        }
        seen += 1;
    }
    assert!(seen >= 4, "example plans found: {seen}");
}
