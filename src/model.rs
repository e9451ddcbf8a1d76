//! A small, straightforward model of the contract's evaluation, for tests only.
//!
//! It shares nothing with the evaluator but the plan's types and its calendar
//! (tested on its own in `period.rs`): every obligation is computed by filtering
//! all records again, with each key written out as the contract words it. The
//! property test below runs it against [`crate::evaluate::evaluate`] (the counting
//! table) on random plans that use every second-edition key and random records,
//! many of them on period boundaries.

use chrono::{Datelike, Duration, NaiveDate};

use crate::evaluate::{Obligation, RecordId, Status};
use crate::period::{Period, PeriodKey, day_of_month_clamped, parse_label};
use crate::plan::{CountBy, Measure, Plan, RecordKind, Rule, Scope, Shape};
use crate::record::{Records, SubmissionKind};

/// What a record adds to a rule (none: it does not count).
type WeightOf<'a> = Box<dyn Fn(&Rule) -> Option<u32> + 'a>;

/// A record in force, as the model sees it.
struct Item<'a> {
    id: &'a str,
    kind: RecordKind,
    unit: &'a str,
    date: NaiveDate,
    /// Position in its file, to order records of one day.
    position: usize,
    weight_of: WeightOf<'a>,
    placed: Box<dyn Fn(&Rule) -> NaiveDate + 'a>,
    period: Option<&'a str>,
    rule: Option<&'a str>,
}

fn items<'a>(plan: &'a Plan, records: &'a Records) -> Vec<Item<'a>> {
    let mut out: Vec<Item> = Vec::new();
    for (i, a) in records.active_articles().enumerate() {
        out.push(Item {
            id: &a.id,
            kind: RecordKind::Article,
            unit: &a.unit,
            date: a.date,
            position: i,
            weight_of: Box::new(move |rule| {
                let q = rule.quota()?;
                let topic_ok = q.topics.is_empty() || a.topics.iter().any(|t| q.topics.contains(t));
                let channel_ok = q.channels.is_empty()
                    || a.channel.as_ref().is_some_and(|c| q.channels.contains(c));
                (topic_ok && channel_ok).then_some(1)
            }),
            placed: Box::new(move |rule| match rule.quota().map(|q| q.count_by) {
                Some(CountBy::Sent) => a.sent.unwrap_or(a.date),
                _ => a.date,
            }),
            period: None,
            rule: None,
        });
    }
    for (i, b) in records.active_broadcasts().enumerate() {
        out.push(Item {
            id: &b.id,
            kind: RecordKind::Broadcast,
            unit: &b.unit,
            date: b.date,
            position: i,
            weight_of: Box::new(move |rule| {
                let q = rule.quota()?;
                let peak = !q.peak_only
                    || plan
                        .peak_hours
                        .iter()
                        .any(|w| w.start <= b.time && b.time < w.end);
                let channel = q.channels.is_empty()
                    || b.channel.as_ref().is_some_and(|c| q.channels.contains(c));
                let day = q.weekdays.is_empty() || q.weekdays.contains(&b.date.weekday());
                let long = q
                    .min_minutes
                    .is_none_or(|m| b.minutes.is_some_and(|have| have >= m));
                let weight = if q.measure == Measure::Minutes {
                    b.minutes.unwrap_or(0)
                } else {
                    1
                };
                (peak && channel && day && long && weight > 0).then_some(weight)
            }),
            placed: Box::new(move |_| b.date),
            period: None,
            rule: None,
        });
    }
    for (i, h) in records.active_activities().enumerate() {
        out.push(Item {
            id: &h.id,
            kind: RecordKind::Activity,
            unit: &h.unit,
            date: h.date,
            position: i,
            weight_of: Box::new(move |rule| {
                let q = rule.quota()?;
                if !q.activities.is_empty() && !q.activities.contains(&h.activity) {
                    return None;
                }
                let weight = match q.measure {
                    Measure::Count => h.count,
                    Measure::Participants => h.participants.unwrap_or(0),
                    _ => 1,
                };
                (weight > 0).then_some(weight)
            }),
            placed: Box::new(move |_| h.date),
            period: None,
            rule: None,
        });
    }
    for (i, s) in records.active_submissions().enumerate() {
        out.push(Item {
            id: &s.id,
            kind: match s.kind {
                SubmissionKind::Plan => RecordKind::Plan,
                SubmissionKind::Report => RecordKind::Report,
            },
            unit: &s.unit,
            date: s.date,
            position: i,
            weight_of: Box::new(|_| Some(1)),
            placed: Box::new(move |_| s.date),
            period: s.period.as_deref(),
            rule: s.rule.as_deref(),
        });
    }
    out
}

/// Whether a plan or report fulfils `rule` (index `index`) for its unit.
fn fulfils(plan: &Plan, index: usize, item: &Item) -> bool {
    let Some(unit) = plan.units.iter().position(|u| u.id == item.unit) else {
        return false;
    };
    let fits = |r: &Rule| {
        r.record() == item.kind
            && r.applies_to.contains(&unit)
            && match &r.shape {
                Shape::Report { every, .. } => item
                    .period
                    .and_then(|p| parse_label(p).ok())
                    .is_some_and(|k| plan.calendar().periods(*every).iter().any(|p| p.key == k)),
                _ => true,
            }
    };
    // A one-off plan that names a year fulfils only that year's plan.
    if item.kind == RecordKind::Plan && item.period.is_some_and(|p| p != plan.year().to_string()) {
        return false;
    }
    match item.rule {
        Some(named) => plan.rules[index].id == named && fits(&plan.rules[index]),
        None => {
            let fitting: Vec<usize> = (0..plan.rules.len())
                .filter(|&i| fits(&plan.rules[i]))
                .collect();
            fitting == [index]
        }
    }
}

fn due_of(rule: &Rule, period: &Period) -> NaiveDate {
    match &rule.shape {
        Shape::Quota(_) => period.end,
        Shape::Deadline { due } => *due,
        Shape::Report { due, .. } => {
            if let Some((_, d)) = due.dues.iter().find(|(k, _)| *k == period.key) {
                *d
            } else if let Some(day) = due.day {
                day_of_month_clamped(period.end, day)
            } else {
                period.end + Duration::days(i64::from(due.after_days.unwrap_or(0)))
            }
        }
    }
}

/// Every obligation, in the evaluator's order.
pub fn model(plan: &Plan, records: &Records, as_of: NaiveDate) -> Vec<Obligation> {
    let items = items(plan, records);
    let mut out = Vec::new();
    let mut together_done = vec![false; plan.rules.len()];
    for unit in 0..plan.units.len() {
        for (index, rule) in plan.rules.iter().enumerate() {
            if !rule.applies_to.contains(&unit) {
                continue;
            }
            let owner = match rule.scope {
                Scope::Together if together_done[index] => continue,
                Scope::Together => {
                    together_done[index] = true;
                    None
                }
                Scope::Each => Some(unit),
            };
            let owners: Vec<&str> = match owner {
                Some(u) => vec![&plan.units[u].id],
                None => rule
                    .applies_to
                    .iter()
                    .map(|&u| plan.units[u].id.as_str())
                    .collect(),
            };
            let required = match (&rule.shape, owner) {
                (Shape::Quota(q), Some(u)) => q
                    .min_for
                    .iter()
                    .find(|(i, _)| *i == u)
                    .map_or(q.min, |(_, m)| *m),
                (Shape::Quota(q), None) => q.min,
                _ => 1,
            };
            for period in rule.periods(plan) {
                let due = due_of(rule, &period);
                let mut counted: Vec<(NaiveDate, usize, &str, u32)> = Vec::new();
                for item in &items {
                    if item.kind != rule.record()
                        || !owners.contains(&item.unit)
                        || item.date > as_of
                    {
                        continue;
                    }
                    let fits = match &rule.shape {
                        Shape::Quota(_) => period.contains((item.placed)(rule)),
                        Shape::Deadline { .. } => fulfils(plan, index, item),
                        Shape::Report { .. } => {
                            fulfils(plan, index, item)
                                && item.period.and_then(|p| parse_label(p).ok()) == Some(period.key)
                        }
                    };
                    if !fits {
                        continue;
                    }
                    if let Some(weight) = (item.weight_of)(rule) {
                        counted.push((item.date, item.position, item.id, weight));
                    }
                }
                counted.sort_by_key(|(date, position, _, _)| (*date, *position));
                let done: u32 = counted.iter().map(|c| c.3).sum();
                let status = match rule.shape {
                    Shape::Quota(_) => {
                        if as_of < period.start {
                            Status::Upcoming
                        } else if done >= required {
                            Status::Met
                        } else if as_of > period.end {
                            Status::Missed
                        } else if (period.end - as_of).num_days() <= i64::from(plan.due_soon_days) {
                            Status::DueSoon
                        } else {
                            Status::Due
                        }
                    }
                    _ => {
                        let report = period.key != PeriodKey::Once;
                        if counted.iter().any(|c| c.0 <= due) {
                            Status::Met
                        } else if !counted.is_empty() {
                            Status::Late
                        } else if as_of > due {
                            Status::Missed
                        } else if report && as_of < period.start {
                            Status::Upcoming
                        } else if (due - as_of).num_days() <= i64::from(plan.due_soon_days) {
                            Status::DueSoon
                        } else {
                            Status::Due
                        }
                    }
                };
                out.push(Obligation {
                    unit: owner,
                    rule: index,
                    period,
                    due,
                    required,
                    done,
                    status,
                    days_left: matches!(status, Status::Due | Status::DueSoon)
                        .then(|| (due - as_of).num_days()),
                    records: counted.iter().map(|c| RecordId::from(c.2)).collect(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::evaluate;
    use crate::period::{Calendar, Every};
    use crate::record::{Activity, Article, Broadcast, DataFile, Located, Submission};
    use chrono::NaiveTime;
    use proptest::prelude::*;

    /// The choices a random plan is made of.
    #[derive(Debug, Clone)]
    struct PlanChoices {
        start: (i32, u32, u32),
        length: i64,
        cutoff: Option<u32>,
        article_every: usize,
        article_scope_together: bool,
        article_narrow: u8,
        broadcast_every: usize,
        broadcast_narrow: u8,
        activity_measure: usize,
        report_due: usize,
    }

    fn plan_choices() -> impl Strategy<Value = PlanChoices> {
        (
            (2023i32..2026, 1u32..13, 1u32..29),
            (150i64..500),
            prop_oneof![Just(None), Just(Some(14)), Just(Some(1)), Just(Some(28))],
            0usize..5,
            any::<bool>(),
            any::<u8>(),
            0usize..2,
            any::<u8>(),
            0usize..3,
            0usize..3,
        )
            .prop_map(
                |(start, length, cutoff, ae, at, an, be, bn, am, rd)| PlanChoices {
                    start,
                    length,
                    cutoff,
                    article_every: ae,
                    article_scope_together: at,
                    article_narrow: an,
                    broadcast_every: be,
                    broadcast_narrow: bn,
                    activity_measure: am,
                    report_due: rd,
                },
            )
    }

    fn plan_text(c: &PlanChoices) -> String {
        let start = NaiveDate::from_ymd_opt(c.start.0, c.start.1, c.start.2).unwrap();
        let end = start + Duration::days(c.length);
        let cal = Calendar {
            start,
            end,
            cutoff: c.cutoff,
        };
        let mut t = format!(
            "[plan]\ntitle = \"T\"\nissuer = \"I\"\nstart = {start}\nend = {end}\npeak_hours = [\"17:00-18:30\"]\n{}\n",
            c.cutoff
                .map(|d| format!("cutoff_day = {d}"))
                .unwrap_or_default()
        );
        t += "[[kind]]\nid = \"k1\"\nname = \"K1\"\n[[kind]]\nid = \"k2\"\nname = \"K2\"\n";
        for (id, kind) in [("a", "k1"), ("b", "k1"), ("c", "k2"), ("d", "k2")] {
            t += &format!("[[unit]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"{kind}\"\n");
        }
        t += "[[topic]]\nid = \"x\"\nname = \"X\"\n[[topic]]\nid = \"y\"\nname = \"Y\"\n";
        t += "[[channel]]\nid = \"p\"\nname = \"P\"\ndefault = true\n[[channel]]\nid = \"r\"\nname = \"R\"\n";
        t += "[[activity]]\nid = \"h1\"\nname = \"H1\"\n[[activity]]\nid = \"h2\"\nname = \"H2\"\n";
        let every = ["week", "month", "quarter", "half", "year"][c.article_every];
        let n = c.article_narrow;
        t += &format!(
            "[[rule]]\nid = \"art\"\ntitle = \"t\"\nkinds = [\"k1\", \"k2\"]\nrecord = \"article\"\nevery = \"{every}\"\nmin = {}\n",
            1 + n % 3
        );
        if n & 4 != 0 {
            t += "topics = [\"x\"]\n";
        }
        if n & 8 != 0 {
            t += "channels = [\"p\"]\n";
        }
        if n & 16 != 0 {
            t += "count_by = \"sent\"\n";
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
        }
        if n & 16 != 0 {
            t += "channels = [\"r\"]\n";
        }
        let measure = ["records", "count", "participants"][c.activity_measure];
        t += &format!(
            "[[rule]]\nid = \"act\"\ntitle = \"t\"\nkinds = [\"k2\"]\nrecord = \"activity\"\nevery = \"quarter\"\nmin = 2\nmeasure = \"{measure}\"\nactivities = [\"h1\"]\n{}",
            if c.activity_measure == 1 {
                "scope = \"together\"\n"
            } else {
                ""
            }
        );
        let due = start + Duration::days(c.length / 3);
        t += &format!(
            "[[rule]]\nid = \"pl\"\ntitle = \"t\"\nkinds = [\"k1\"]\nrecord = \"plan\"\ndue = {due}\n"
        );
        // A second plan rule for unit a: its plans must name their rule.
        t += &format!(
            "[[rule]]\nid = \"pl2\"\ntitle = \"t\"\nunits = [\"a\"]\nrecord = \"plan\"\ndue = {end}\n"
        );
        t += "[[rule]]\nid = \"rq\"\ntitle = \"t\"\nkinds = [\"k1\", \"k2\"]\nrecord = \"report\"\nevery = \"quarter\"\n";
        t += &match c.report_due {
            0 => "due_day = 15\n".to_string(),
            1 => "due_after_days = 5\n".to_string(),
            _ => {
                let dues: Vec<String> = cal
                    .periods(Every::Quarter)
                    .iter()
                    .map(|p| format!("{} = {}", p.label(), p.end - Duration::days(3)))
                    .collect();
                format!("dues = {{ {} }}\n", dues.join(", "))
            }
        };
        // Half-year reports of unit a beside its quarterly ones.
        t += "[[rule]]\nid = \"rh\"\ntitle = \"t\"\nunits = [\"a\"]\nrecord = \"report\"\nevery = \"half\"\ndue_after_days = 10\n";
        t
    }

    type Raw = (usize, i64, u8, u8);

    fn build_records(plan: &Plan, raw: &[Raw], labels: &[String]) -> Records {
        let units = ["a", "b", "c", "d", "zz"];
        let base = plan.start - Duration::days(20);
        let mut articles = Vec::new();
        let mut broadcasts = Vec::new();
        let mut submissions = Vec::new();
        let mut activities = Vec::new();
        for (i, &(unit, day, x, y)) in raw.iter().enumerate() {
            let unit = units[unit % units.len()].to_string();
            let date = base + Duration::days(day);
            let channel =
                [None, Some("p"), Some("r"), Some("q")][(x % 4) as usize].map(String::from);
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// The counting table and the model agree on every obligation of random
        /// second-edition plans: cut-off days, halves, together rules, channels,
        /// activities, measures, min_for, dues, due_after_days, count_by, and
        /// plans and reports that must name their rule.
        #[test]
        fn the_evaluator_agrees_with_the_model(
            choices in plan_choices(),
            raw in proptest::collection::vec((0usize..5, 0i64..560, any::<u8>(), any::<u8>()), 0..80),
            as_of in 0i64..560,
        ) {
            let text = plan_text(&choices);
            let plan = Plan::parse(&text, "random.toml").map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            let mut labels: Vec<String> = [Every::Quarter, Every::Half]
                .iter()
                .flat_map(|e| plan.calendar().periods(*e))
                .map(|p| p.label())
                .collect();
            labels.push("2024-W03".into());
            let records = build_records(&plan, &raw, &labels);
            let as_of = plan.start - Duration::days(20) + Duration::days(as_of);
            let expected = model(&plan, &records, as_of);
            let got = evaluate(&plan, &records, as_of);
            prop_assert_eq!(got.len(), expected.len());
            for (g, e) in got.iter().zip(&expected) {
                prop_assert_eq!(g, e, "{}", text);
            }
        }
    }

    #[test]
    fn the_first_edition_plan_agrees_with_the_model_on_its_example_data() {
        let plan = Plan::built_in();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ham-tan-2022");
        let records = crate::store::Store::new(dir).load().unwrap().records;
        for as_of in ["2022-02-25", "2022-06-30", "2022-10-15", "2023-01-05"] {
            let as_of: NaiveDate = as_of.parse().unwrap();
            assert_eq!(
                evaluate(&plan, &records, as_of),
                model(&plan, &records, as_of)
            );
        }
    }
}
