//! The heart of cchc, and pure: `(plan, records, as_of) → obligations`.
//!
//! For every rule, every unit it applies to and every period of the rule there is one
//! [`Obligation`]: what was required, what counts towards it, and its [`Status`] on the
//! as-of date (SPEC "How obligations are evaluated").

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

use crate::period::{self, Period, PeriodKey, Quarter, day_of_month_clamped, parse_label};
use crate::plan::{Plan, RecordKind, Rule, Shape};
use crate::record::{Records, SubmissionKind};

/// Where an obligation stands on the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    Late,
    Missed,
    DueSoon,
    Due,
    Upcoming,
}

impl Status {
    /// In the order of the JSON summary.
    pub const ALL: [Status; 6] = [
        Status::Met,
        Status::Late,
        Status::Missed,
        Status::DueSoon,
        Status::Due,
        Status::Upcoming,
    ];

    /// The id used in JSON and CSV.
    pub fn id(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Late => "late",
            Status::Missed => "missed",
            Status::DueSoon => "due_soon",
            Status::Due => "due",
            Status::Upcoming => "upcoming",
        }
    }

    /// One status for several periods (a quarter of weekly obligations): the worst
    /// one that needs attention, `met` when all are met, `upcoming` when none has
    /// started, else `due` (some met, the rest still to come).
    pub fn combine(statuses: impl IntoIterator<Item = Status>) -> Option<Status> {
        let statuses: Vec<Status> = statuses.into_iter().collect();
        let has = |s| statuses.contains(&s);
        if statuses.is_empty() {
            None
        } else if let Some(s) = [Status::Missed, Status::Late, Status::DueSoon, Status::Due]
            .into_iter()
            .find(|s| has(*s))
        {
            Some(s)
        } else if statuses.iter().all(|s| *s == Status::Met) {
            Some(Status::Met)
        } else if statuses.iter().all(|s| *s == Status::Upcoming) {
            Some(Status::Upcoming)
        } else {
            Some(Status::Due)
        }
    }
}

/// The id of a record as an obligation lists it: short ids (all of cchc's) are
/// kept inline, without an allocation each, which matters when a report lists a
/// million of them.
pub type RecordId = compact_str::CompactString;

/// One unit's obligation under one rule for one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Obligation {
    /// Index into [`Plan::units`].
    pub unit: usize,
    /// Index into [`Plan::rules`].
    pub rule: usize,
    pub period: Period,
    /// The last day to meet it: the period's end for quotas, the deadline otherwise.
    pub due: NaiveDate,
    pub required: u32,
    pub done: u32,
    pub status: Status,
    /// Days from the as-of date to `due`, for `due` and `due_soon`.
    pub days_left: Option<i64>,
    /// Ids of the records that count, in date order.
    pub records: Vec<RecordId>,
}

impl Obligation {
    pub fn missing(&self) -> u32 {
        self.required.saturating_sub(self.done)
    }

    /// Whether it belongs to `quarter` (SPEC: a week by its Thursday, a month by its
    /// days, `once` by its due date, `year` to every quarter).
    pub fn belongs_to(&self, quarter: Quarter) -> bool {
        self.period.belongs_to(quarter, self.due)
    }
}

/// How many obligations have each status.
pub fn summary(obligations: &[Obligation]) -> [(Status, usize); 6] {
    Status::ALL.map(|s| (s, obligations.iter().filter(|o| o.status == s).count()))
}

/// A record as evaluation sees it: who, when, and what it is.
#[derive(Debug, Clone, Copy)]
struct Dated<'r> {
    id: &'r str,
    date: NaiveDate,
}

/// Evaluates every obligation of the plan on `as_of`, in plan order of units, then
/// rules, then periods.
pub fn evaluate(plan: &Plan, records: &Records, as_of: NaiveDate) -> Vec<Obligation> {
    let index = RecordIndex::build(records);
    let periods: Vec<Vec<Period>> = plan.rules.iter().map(|r| rule_periods(plan, r)).collect();
    let mut out = Vec::new();
    for (unit_index, unit) in plan.units.iter().enumerate() {
        for (rule_index, rule) in plan.rules.iter().enumerate() {
            if !rule.applies_to.contains(&unit_index) {
                continue;
            }
            let counted = index.counting(plan, rule, &unit.id, as_of);
            for period in &periods[rule_index] {
                let obligation = match rule.shape {
                    Shape::Quota { min, .. } => quota(plan, *period, min, &counted, as_of),
                    Shape::Deadline { due } => deadline(
                        plan,
                        *period,
                        due,
                        counted.iter().map(|(_, d)| *d).collect(),
                        as_of,
                    ),
                    Shape::Report { due_day, .. } => {
                        let due = day_of_month_clamped(period.end, due_day);
                        let for_period = counted
                            .iter()
                            .filter(|(key, _)| *key == Some(period.key))
                            .map(|(_, d)| *d)
                            .collect();
                        deadline(plan, *period, due, for_period, as_of)
                    }
                };
                out.push(Obligation {
                    unit: unit_index,
                    rule: rule_index,
                    ..obligation
                });
            }
        }
    }
    out
}

/// The periods of a rule: calendar periods, or the single `once` of a deadline.
pub(crate) fn rule_periods(plan: &Plan, rule: &Rule) -> Vec<Period> {
    match rule.shape {
        Shape::Quota { every, .. } | Shape::Report { every, .. } => {
            period::periods(every, plan.start, plan.end)
        }
        Shape::Deadline { due } => vec![Period {
            key: PeriodKey::Once,
            start: plan.start,
            end: due,
        }],
    }
}

/// A quota: the records dated inside the period count (`counted` is in date order).
fn quota(
    plan: &Plan,
    period: Period,
    min: u32,
    counted: &[Candidate],
    as_of: NaiveDate,
) -> Obligation {
    let first = counted.partition_point(|(_, d)| d.date < period.start);
    let last = counted.partition_point(|(_, d)| d.date <= period.end);
    let records: Vec<RecordId> = counted[first..last]
        .iter()
        .map(|(_, d)| RecordId::from(d.id))
        .collect();
    let done = records.len() as u32;
    let status = quota_status(plan, &period, done, min, as_of);
    Obligation {
        unit: 0,
        rule: 0,
        period,
        due: period.end,
        required: min,
        done,
        status,
        days_left: days_left(status, period.end, as_of),
        records,
    }
}

/// A plan or a report: met on time, late, missed, or still to come.
fn deadline(
    plan: &Plan,
    period: Period,
    due: NaiveDate,
    counted: Vec<Dated>,
    as_of: NaiveDate,
) -> Obligation {
    let on_time = counted.iter().any(|d| d.date <= due);
    let status = deadline_status(plan, &period, due, on_time, !counted.is_empty(), as_of);
    Obligation {
        unit: 0,
        rule: 0,
        period,
        due,
        required: 1,
        done: counted.len() as u32,
        status,
        days_left: days_left(status, due, as_of),
        records: counted.iter().map(|d| RecordId::from(d.id)).collect(),
    }
}

/// The status of a quota with `done` of `min` records in `period`.
pub(crate) fn quota_status(
    plan: &Plan,
    period: &Period,
    done: u32,
    min: u32,
    as_of: NaiveDate,
) -> Status {
    if as_of < period.start {
        Status::Upcoming
    } else if done >= min {
        Status::Met
    } else if as_of > period.end {
        Status::Missed
    } else {
        running(plan, period.end, as_of)
    }
}

/// The status of a deadline: `on_time` when a record is dated on or before `due`,
/// `any` when there is a record at all.
pub(crate) fn deadline_status(
    plan: &Plan,
    period: &Period,
    due: NaiveDate,
    on_time: bool,
    any: bool,
    as_of: NaiveDate,
) -> Status {
    if on_time {
        Status::Met
    } else if any {
        Status::Late
    } else if as_of > due {
        Status::Missed
    } else if as_of < period.start {
        Status::Upcoming
    } else {
        running(plan, due, as_of)
    }
}

fn running(plan: &Plan, due: NaiveDate, as_of: NaiveDate) -> Status {
    if (due - as_of).num_days() <= i64::from(plan.due_soon_days) {
        Status::DueSoon
    } else {
        Status::Due
    }
}

pub(crate) fn days_left(status: Status, due: NaiveDate, as_of: NaiveDate) -> Option<i64> {
    matches!(status, Status::Due | Status::DueSoon).then(|| (due - as_of).num_days())
}

/// A record that may count, with the period a report names (None for the rest, or
/// for a label that does not parse).
type Candidate<'r> = (Option<PeriodKey>, Dated<'r>);

/// The active records of each kind, grouped by unit and sorted by date.
struct RecordIndex<'r> {
    articles: HashMap<&'r str, Vec<(&'r crate::record::Article, Dated<'r>)>>,
    broadcasts: HashMap<&'r str, Vec<(NaiveTime, Dated<'r>)>>,
    /// Submissions with the period key a report names (None for plans or a label
    /// that does not parse).
    submissions: HashMap<(&'r str, SubmissionKind), Vec<Candidate<'r>>>,
}

impl<'r> RecordIndex<'r> {
    fn build(records: &'r Records) -> RecordIndex<'r> {
        let mut index = RecordIndex {
            articles: HashMap::new(),
            broadcasts: HashMap::new(),
            submissions: HashMap::new(),
        };
        for a in records.active_articles() {
            let dated = Dated {
                id: &a.id,
                date: a.date,
            };
            index
                .articles
                .entry(a.unit.as_str())
                .or_default()
                .push((a, dated));
        }
        for b in records.active_broadcasts() {
            let dated = Dated {
                id: &b.id,
                date: b.date,
            };
            index
                .broadcasts
                .entry(b.unit.as_str())
                .or_default()
                .push((b.time, dated));
        }
        for s in records.active_submissions() {
            let key = s.period.as_deref().and_then(|p| parse_label(p).ok());
            let dated = Dated {
                id: &s.id,
                date: s.date,
            };
            index
                .submissions
                .entry((s.unit.as_str(), s.kind))
                .or_default()
                .push((key, dated));
        }
        // Stable sorts keep file order among records of the same day.
        index
            .articles
            .values_mut()
            .for_each(|v| v.sort_by_key(|(_, d)| d.date));
        index
            .broadcasts
            .values_mut()
            .for_each(|v| v.sort_by_key(|(_, d)| d.date));
        index
            .submissions
            .values_mut()
            .for_each(|v| v.sort_by_key(|(_, d)| d.date));
        index
    }

    /// The unit's records that can count for `rule` (kind, topics, peak window,
    /// dated on or before the as-of date), in date order, each with the period a
    /// report names.
    fn counting(
        &self,
        plan: &Plan,
        rule: &Rule,
        unit: &str,
        as_of: NaiveDate,
    ) -> Vec<Candidate<'r>> {
        let upto = |d: &Dated| d.date <= as_of;
        match (&rule.shape, rule.record()) {
            (Shape::Quota { topics, .. }, RecordKind::Article) => self
                .articles
                .get(unit)
                .into_iter()
                .flatten()
                .filter(|(a, d)| {
                    upto(d) && (topics.is_empty() || a.topics.iter().any(|t| topics.contains(t)))
                })
                .map(|(_, d)| (None, *d))
                .collect(),
            (Shape::Quota { peak_only, .. }, RecordKind::Broadcast) => self
                .broadcasts
                .get(unit)
                .into_iter()
                .flatten()
                .filter(|(time, d)| upto(d) && (!peak_only || plan.is_peak(*time)))
                .map(|(_, d)| (None, *d))
                .collect(),
            (_, RecordKind::Plan) => self.submissions_of(unit, SubmissionKind::Plan, as_of),
            (_, RecordKind::Report) => self.submissions_of(unit, SubmissionKind::Report, as_of),
            _ => Vec::new(),
        }
    }

    fn submissions_of(
        &self,
        unit: &str,
        kind: SubmissionKind,
        as_of: NaiveDate,
    ) -> Vec<Candidate<'r>> {
        self.submissions
            .get(&(unit, kind))
            .into_iter()
            .flatten()
            .filter(|(_, d)| d.date <= as_of)
            .copied()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::DataFile;
    use crate::record::{Article, Broadcast, Located, Submission, Void};
    use proptest::prelude::*;

    const PLAN: &str = r#"
[plan]
title = "T"
issuer = "I"
start = 2024-01-01
end = 2024-12-31
peak_hours = ["17:00-18:30"]
due_soon_days = 14

[[unit]]
id = "a"
name = "Xã A"
kind = "commune"

[[topic]]
id = "x"
name = "X"

[[rule]]
id = "quota"
title = "2 a quarter"
kinds = ["commune"]
record = "article"
every = "quarter"
min = 2

[[rule]]
id = "topical"
title = "1 on x a month"
units = ["a"]
record = "article"
every = "month"
min = 1
topics = ["x"]

[[rule]]
id = "radio"
title = "weekly at peak"
units = ["a"]
record = "broadcast"
every = "week"
min = 1
peak_only = true

[[rule]]
id = "own-plan"
title = "plan by 29 Feb"
units = ["a"]
record = "plan"
due = 2024-02-29

[[rule]]
id = "report"
title = "quarterly report by the 31st"
units = ["a"]
record = "report"
every = "quarter"
due_day = 31
"#;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn plan() -> Plan {
        Plan::parse(PLAN, "test.toml").unwrap()
    }

    fn article(id: &str, date: NaiveDate, topics: &[&str]) -> Located<Article> {
        Located {
            file: DataFile::Articles,
            line: 1,
            value: Article {
                id: id.into(),
                unit: "a".into(),
                date,
                title: "t".into(),
                topics: topics.iter().map(|t| t.to_string()).collect(),
                url: None,
                logged_at: String::new(),
            },
        }
    }

    fn broadcast(id: &str, date: NaiveDate, h: u32, m: u32) -> Located<Broadcast> {
        Located {
            file: DataFile::Broadcasts,
            line: 1,
            value: Broadcast {
                id: id.into(),
                unit: "a".into(),
                date,
                time: NaiveTime::from_hms_opt(h, m, 0).unwrap(),
                minutes: None,
                title: "t".into(),
                logged_at: String::new(),
            },
        }
    }

    fn submission(
        id: &str,
        kind: SubmissionKind,
        period: Option<&str>,
        date: NaiveDate,
    ) -> Located<Submission> {
        Located {
            file: DataFile::Submissions,
            line: 1,
            value: Submission {
                id: id.into(),
                unit: "a".into(),
                kind,
                period: period.map(String::from),
                date,
                reference: None,
                logged_at: String::new(),
            },
        }
    }

    fn find<'o>(
        obligations: &'o [Obligation],
        plan: &Plan,
        rule: &str,
        period: &str,
    ) -> &'o Obligation {
        obligations
            .iter()
            .find(|o| plan.rules[o.rule].id == rule && o.period.label() == period)
            .unwrap_or_else(|| panic!("no {rule} {period}"))
    }

    fn status_on(
        records: &Records,
        rule: &str,
        period: &str,
        as_of: NaiveDate,
    ) -> (Status, u32, Option<i64>) {
        let plan = plan();
        let all = evaluate(&plan, records, as_of);
        let o = find(&all, &plan, rule, period);
        (o.status, o.done, o.days_left)
    }

    #[test]
    fn one_obligation_per_rule_unit_and_period() {
        let plan = plan();
        let all = evaluate(&plan, &Records::default(), d(2024, 6, 1));
        let count = |rule: &str| all.iter().filter(|o| plan.rules[o.rule].id == rule).count();
        assert_eq!(count("quota"), 4);
        assert_eq!(count("topical"), 12);
        assert_eq!(count("radio"), 52);
        assert_eq!(count("own-plan"), 1);
        assert_eq!(count("report"), 4);
    }

    #[test]
    fn quota_statuses_at_the_boundaries_of_a_period() {
        let none = Records::default();
        // Q2 runs 1 April to 30 June; due_soon_days = 14.
        assert_eq!(
            status_on(&none, "quota", "2024-Q2", d(2024, 3, 31)),
            (Status::Upcoming, 0, None)
        );
        assert_eq!(
            status_on(&none, "quota", "2024-Q2", d(2024, 4, 1)),
            (Status::Due, 0, Some(90))
        );
        assert_eq!(
            status_on(&none, "quota", "2024-Q2", d(2024, 6, 15)),
            (Status::Due, 0, Some(15))
        );
        assert_eq!(
            status_on(&none, "quota", "2024-Q2", d(2024, 6, 16)),
            (Status::DueSoon, 0, Some(14))
        );
        assert_eq!(
            status_on(&none, "quota", "2024-Q2", d(2024, 6, 30)),
            (Status::DueSoon, 0, Some(0))
        );
        assert_eq!(
            status_on(&none, "quota", "2024-Q2", d(2024, 7, 1)),
            (Status::Missed, 0, None)
        );
    }

    #[test]
    fn records_count_on_the_first_and_last_day_and_not_after_as_of() {
        let records = Records::new(
            vec![
                article("A1", d(2024, 4, 1), &[]),
                article("A2", d(2024, 6, 30), &[]),
                article("A3", d(2024, 7, 1), &[]),
            ],
            vec![],
            vec![],
            vec![],
        );
        assert_eq!(
            status_on(&records, "quota", "2024-Q2", d(2024, 7, 1)),
            (Status::Met, 2, None)
        );
        // On 29 June the record of 30 June does not exist yet.
        assert_eq!(
            status_on(&records, "quota", "2024-Q2", d(2024, 6, 29)),
            (Status::DueSoon, 1, Some(1))
        );
    }

    #[test]
    fn voided_records_do_not_count() {
        let void = Located {
            file: DataFile::Articles,
            line: 3,
            value: Void {
                id: "A3".into(),
                void: "A2".into(),
                reason: "twice".into(),
                logged_at: String::new(),
            },
        };
        let records = Records::new(
            vec![
                article("A1", d(2024, 4, 2), &[]),
                article("A2", d(2024, 4, 2), &[]),
            ],
            vec![],
            vec![],
            vec![void],
        );
        assert_eq!(
            status_on(&records, "quota", "2024-Q2", d(2024, 7, 1)),
            (Status::Missed, 1, None)
        );
    }

    #[test]
    fn topics_narrow_what_counts() {
        let records = Records::new(
            vec![
                article("A1", d(2024, 2, 29), &["x"]),
                article("A2", d(2024, 3, 5), &[]),
            ],
            vec![],
            vec![],
            vec![],
        );
        assert_eq!(
            status_on(&records, "topical", "2024-02", d(2024, 3, 1)).0,
            Status::Met
        );
        assert_eq!(
            status_on(&records, "topical", "2024-03", d(2024, 4, 1)).0,
            Status::Missed
        );
    }

    #[test]
    fn peak_windows_include_their_start_and_exclude_their_end() {
        // 2024-W10 runs Monday 4 March to Sunday 10 March.
        let at = |h, m| {
            Records::new(
                vec![],
                vec![broadcast("B1", d(2024, 3, 10), h, m)],
                vec![],
                vec![],
            )
        };
        let after = d(2024, 3, 11);
        assert_eq!(
            status_on(&at(17, 0), "radio", "2024-W10", after).0,
            Status::Met
        );
        assert_eq!(
            status_on(&at(18, 29), "radio", "2024-W10", after).0,
            Status::Met
        );
        assert_eq!(
            status_on(&at(18, 30), "radio", "2024-W10", after).0,
            Status::Missed
        );
        assert_eq!(
            status_on(&at(16, 59), "radio", "2024-W10", after).0,
            Status::Missed
        );
    }

    #[test]
    fn a_plan_is_met_on_its_due_day_and_late_after_it() {
        let on = |date| {
            Records::new(
                vec![],
                vec![],
                vec![submission("S1", SubmissionKind::Plan, None, date)],
                vec![],
            )
        };
        let none = Records::default();
        assert_eq!(
            status_on(&on(d(2024, 2, 29)), "own-plan", "once", d(2024, 12, 1)).0,
            Status::Met
        );
        assert_eq!(
            status_on(&on(d(2024, 3, 1)), "own-plan", "once", d(2024, 12, 1)).0,
            Status::Late
        );
        assert_eq!(
            status_on(&none, "own-plan", "once", d(2024, 2, 29)),
            (Status::DueSoon, 0, Some(0))
        );
        assert_eq!(
            status_on(&none, "own-plan", "once", d(2024, 2, 15)),
            (Status::DueSoon, 0, Some(14))
        );
        assert_eq!(
            status_on(&none, "own-plan", "once", d(2024, 2, 14)),
            (Status::Due, 0, Some(15))
        );
        assert_eq!(
            status_on(&none, "own-plan", "once", d(2024, 3, 1)),
            (Status::Missed, 0, None)
        );
        // The late plan is not there yet on the due day: still due soon then.
        assert_eq!(
            status_on(&on(d(2024, 3, 1)), "own-plan", "once", d(2024, 2, 29)).0,
            Status::DueSoon
        );
    }

    #[test]
    fn reports_are_due_on_the_clamped_day_and_count_for_their_period() {
        let plan = plan();
        let all = evaluate(&plan, &Records::default(), d(2024, 1, 1));
        // due_day 31: Q2 ends in June (30 days), Q1 in March (31).
        assert_eq!(find(&all, &plan, "report", "2024-Q1").due, d(2024, 3, 31));
        assert_eq!(find(&all, &plan, "report", "2024-Q2").due, d(2024, 6, 30));
        assert_eq!(
            find(&all, &plan, "report", "2024-Q2").status,
            Status::Upcoming
        );
        let records = Records::new(
            vec![],
            vec![],
            vec![submission(
                "S1",
                SubmissionKind::Report,
                Some("2024-Q1"),
                d(2024, 4, 2),
            )],
            vec![],
        );
        assert_eq!(
            status_on(&records, "report", "2024-Q1", d(2024, 5, 1)).0,
            Status::Late
        );
        assert_eq!(
            status_on(&records, "report", "2024-Q2", d(2024, 5, 1)).0,
            Status::Due
        );
    }

    #[test]
    fn a_plan_that_starts_in_february_has_a_short_first_quarter() {
        let text = PLAN
            .replace("start = 2024-01-01", "start = 2024-02-15")
            .replace("end = 2024-12-31", "end = 2025-02-14");
        let plan = Plan::parse(&text, "t.toml").unwrap();
        let records = Records::new(
            vec![
                article("A1", d(2024, 2, 14), &[]),
                article("A2", d(2024, 2, 15), &[]),
                article("A3", d(2025, 2, 14), &[]),
            ],
            vec![],
            vec![],
            vec![],
        );
        let all = evaluate(&plan, &records, d(2025, 3, 1));
        let q1 = find(&all, &plan, "quota", "2024-Q1");
        assert_eq!(
            (q1.period.start, q1.period.end),
            (d(2024, 2, 15), d(2024, 3, 31))
        );
        assert_eq!(q1.records, ["A2"], "14 February lies before the plan");
        let last = find(&all, &plan, "quota", "2025-Q1");
        assert_eq!(
            (last.period.start, last.period.end, last.done),
            (d(2025, 1, 1), d(2025, 2, 14), 1)
        );
        // The report of the clipped last quarter is due in its last month, February.
        assert_eq!(find(&all, &plan, "report", "2025-Q1").due, d(2025, 2, 28));
        assert_eq!(
            find(&all, &plan, "topical", "2024-02").period.start,
            d(2024, 2, 15)
        );
        let early = evaluate(&plan, &records, d(2024, 2, 14));
        assert_eq!(
            find(&early, &plan, "quota", "2024-Q1").status,
            Status::Upcoming
        );
        let first_day = evaluate(&plan, &records, d(2024, 2, 15));
        assert_eq!(
            find(&first_day, &plan, "quota", "2024-Q1").status,
            Status::Due
        );
    }

    #[test]
    fn combined_statuses() {
        use Status::*;
        assert_eq!(Status::combine([Met, Met]), Some(Met));
        assert_eq!(Status::combine([Met, Missed, Upcoming]), Some(Missed));
        assert_eq!(Status::combine([Met, Due, Upcoming]), Some(Due));
        assert_eq!(Status::combine([Upcoming, Upcoming]), Some(Upcoming));
        assert_eq!(Status::combine([Met, Upcoming]), Some(Due));
        assert_eq!(Status::combine([]), None);
    }

    proptest! {
        #[test]
        fn a_record_that_counts_never_lowers_done_nor_unmeets(
            days in proptest::collection::vec(0i64..366, 0..12),
            extra in 0i64..366,
            as_of_offset in 0i64..400,
            with_topic in any::<bool>(),
        ) {
            let plan = plan();
            let start = d(2024, 1, 1);
            let topics: &[&str] = if with_topic { &["x"] } else { &[] };
            let mut articles: Vec<_> = days.iter().enumerate()
                .map(|(i, day)| article(&format!("A{i}"), start + chrono::Duration::days(*day), topics))
                .collect();
            let as_of = start + chrono::Duration::days(as_of_offset);
            let before = evaluate(&plan, &Records::new(articles.clone(), vec![], vec![], vec![]), as_of);
            articles.push(article("NEW", start + chrono::Duration::days(extra), &["x"]));
            let after = evaluate(&plan, &Records::new(articles, vec![], vec![], vec![]), as_of);
            prop_assert_eq!(before.len(), after.len());
            for (b, a) in before.iter().zip(&after) {
                prop_assert!(a.done >= b.done);
                if b.status == Status::Met {
                    prop_assert_eq!(a.status, Status::Met);
                }
            }
        }
    }
}
