//! The heart of cchc, and pure: `(plan, records, as_of) → obligations`.
//!
//! For every rule, every unit it applies to and every period of the rule there is one
//! [`Obligation`]: what was required, what counts towards it, and its [`Status`] on the
//! as-of date (docs/reference.md, "How obligations are evaluated").

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use crate::period::{Period, Quarter, QuarterSpan};
use crate::plan::Plan;
use crate::record::Records;
use crate::tally::{KeepIds, Layout, Tally};

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

    /// How much it asks for attention, the one order of "worst": missed, late, due
    /// soon, due, upcoming, met.
    pub fn severity(self) -> u8 {
        match self {
            Status::Met => 0,
            Status::Upcoming => 1,
            Status::Due => 2,
            Status::DueSoon => 3,
            Status::Late => 4,
            Status::Missed => 5,
        }
    }

    /// The worst of several.
    pub fn worst(statuses: impl IntoIterator<Item = Status>) -> Option<Status> {
        statuses.into_iter().max_by_key(|s| s.severity())
    }

    /// One status for several periods (a quarter of weekly obligations): the worst,
    /// except that some met with the rest still to come is `due`.
    pub fn combine(statuses: impl IntoIterator<Item = Status>) -> Option<Status> {
        let mut any_met = false;
        let worst = Status::worst(
            statuses
                .into_iter()
                .inspect(|s| any_met |= *s == Status::Met),
        )?;
        Some(if worst == Status::Upcoming && any_met {
            Status::Due
        } else {
            worst
        })
    }
}

/// The id of a record as an obligation lists it: short ids (all of cchc's) are
/// kept inline, without an allocation each, which matters when a report lists a
/// million of them.
pub type RecordId = compact_str::CompactString;

/// One unit's obligation under one rule for one period (or, for a rule whose units
/// count together, all its units' obligation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Obligation {
    /// Index into [`Plan::units`]; `None` for a rule with `scope = "together"`.
    pub unit: Option<usize>,
    /// Index into [`Plan::rules`].
    pub rule: usize,
    pub period: Period,
    /// The last day to meet it: the period's end for quotas, the deadline otherwise.
    /// `required` and `done` are in the rule's measure (records by default).
    pub due: NaiveDate,
    pub required: u32,
    pub done: u32,
    pub status: Status,
    /// Days from the as-of date to `due`, for `due` and `due_soon`.
    pub days_left: Option<i64>,
    /// Ids of the records that count, in date order.
    pub records: Vec<RecordId>,
    /// The quarters of the tables it belongs to (`--quarter`, `--through`, the
    /// year table's columns).
    pub quarters: QuarterSpan,
}

impl Obligation {
    pub fn missing(&self) -> u32 {
        self.required.saturating_sub(self.done)
    }

    /// Whether it is unit `unit`'s: its own, or a together one it shares.
    pub fn concerns(&self, plan: &Plan, unit: usize) -> bool {
        match self.unit {
            Some(u) => u == unit,
            None => plan.rules[self.rule].covers(unit),
        }
    }

    /// Whether it belongs to `quarter` of the tables (see
    /// [`crate::period::Calendar::quarter_span`]).
    pub fn belongs_to(&self, quarter: Quarter) -> bool {
        self.quarters.0 <= quarter && quarter <= self.quarters.1
    }
}

/// How many obligations have each status.
pub fn summary(obligations: &[Obligation]) -> [(Status, usize); 6] {
    Status::ALL.map(|s| (s, obligations.iter().filter(|o| o.status == s).count()))
}

/// How a rule (or the whole plan) stands over the obligations shown: those that
/// have ended (met, late or missed; a weekly rule counts weeks), and the units'
/// standing over the span: a unit *met* a rule when each of its ended obligations
/// of it was met on time, *late* when some were late and none missed, *missed*
/// when any was missed (a together rule is one "unit").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Completion {
    pub ended: usize,
    pub met: usize,
    pub late: usize,
    pub missed: usize,
    /// Met on time out of ended, when any has ended.
    pub rate: Option<Percent>,
    pub units_met: usize,
    pub units_late: usize,
    pub units_missed: usize,
}

/// A share written as people read it: 92.3 (per cent, one decimal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(into = "f64")]
pub struct Percent(pub u32);

impl From<Percent> for f64 {
    fn from(p: Percent) -> f64 {
        f64::from(p.0) / 10.0
    }
}

impl Completion {
    fn add(&mut self, status: Status) {
        match status {
            Status::Met => self.met += 1,
            Status::Late => self.late += 1,
            Status::Missed => self.missed += 1,
            _ => return,
        }
        self.ended += 1;
    }

    fn finish(mut self) -> Completion {
        self.rate = (self.ended > 0).then(|| {
            Percent(((self.met as u64 * 1000 + self.ended as u64 / 2) / self.ended as u64) as u32)
        });
        self
    }
}

/// The completion of each rule (in plan order, rules with no obligation shown left
/// out) and of everything shown.
/// Each (unit, rule)'s standing over the obligations shown: its worst ended status
/// (met, late or missed); pairs with nothing ended are absent.
pub fn standings(
    obligations: &[Obligation],
) -> std::collections::HashMap<(Option<usize>, usize), Status> {
    let mut standing = std::collections::HashMap::new();
    for o in obligations {
        if matches!(o.status, Status::Met | Status::Late | Status::Missed) {
            let worst = standing.entry((o.unit, o.rule)).or_insert(Status::Met);
            *worst = Status::worst([*worst, o.status]).expect("two statuses");
        }
    }
    standing
}

pub fn completion(
    plan: &Plan,
    obligations: &[Obligation],
) -> (Completion, Vec<(usize, Completion)>) {
    let mut overall = Completion::default();
    let mut by_rule: Vec<Option<Completion>> = vec![None; plan.rules.len()];
    for o in obligations {
        overall.add(o.status);
        by_rule[o.rule]
            .get_or_insert_with(Completion::default)
            .add(o.status);
    }
    for ((_, rule), status) in standings(obligations) {
        for c in [
            &mut overall,
            by_rule[rule].get_or_insert_with(Completion::default),
        ] {
            match status {
                Status::Met => c.units_met += 1,
                Status::Late => c.units_late += 1,
                _ => c.units_missed += 1,
            }
        }
    }
    let rules = by_rule
        .into_iter()
        .enumerate()
        .filter_map(|(i, c)| c.map(|c| (i, c.finish())))
        .collect();
    (overall.finish(), rules)
}

/// Evaluates every obligation of the plan on `as_of`, in plan order of units, then
/// rules, then periods: the records in force are fed to the one evaluator,
/// [`Tally`], in file order.
pub fn evaluate(plan: &Plan, records: &Records, as_of: NaiveDate) -> Vec<Obligation> {
    let mut tally = Tally::new(Arc::new(Layout::new(plan)), as_of, KeepIds::All);
    for (i, a) in records.active_articles().enumerate() {
        tally.add(plan, &a.fact(), &a.id, i as u64);
    }
    for (i, b) in records.active_broadcasts().enumerate() {
        tally.add(plan, &b.fact(), &b.id, i as u64);
    }
    for (i, s) in records.active_submissions().enumerate() {
        tally.add(plan, &s.fact(), &s.id, i as u64);
    }
    for (i, h) in records.active_activities().enumerate() {
        tally.add(plan, &h.fact(), &h.id, i as u64);
    }
    tally.finish(plan)
}

/// The status of a quota with `done` of `min` in `period`.
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

/// The status of a deadline: `(on_time, any)` say whether a record is dated on or
/// before `due`, and whether there is one at all. Only a report can be
/// `upcoming` (its period has not started); a one-off plan is due from the day
/// the coordinator looks, even before the plan's first day.
pub(crate) fn deadline_status(
    plan: &Plan,
    period: &Period,
    due: NaiveDate,
    (on_time, any): (bool, bool),
    report: bool,
    as_of: NaiveDate,
) -> Status {
    if on_time {
        Status::Met
    } else if any {
        Status::Late
    } else if as_of > due {
        Status::Missed
    } else if report && as_of < period.start {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::DataFile;
    use crate::record::{Article, Broadcast, Located, Submission, SubmissionKind, Void};
    use chrono::NaiveTime;
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
                channel: None,
                sent: None,
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
                channel: None,
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
                rule: None,
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
    fn completion_counts_ended_obligations_and_units_over_the_span() {
        let plan = plan();
        let records = Records::new(
            vec![
                article("A1", d(2024, 2, 1), &[]),
                article("A2", d(2024, 2, 2), &[]),
            ],
            vec![],
            vec![],
            vec![],
        );
        let obligations = evaluate(&plan, &records, d(2024, 7, 15));
        let (overall, rules) = completion(&plan, &obligations);
        assert_eq!(overall.ended, overall.met + overall.late + overall.missed);
        let ended = obligations
            .iter()
            .filter(|o| matches!(o.status, Status::Met | Status::Late | Status::Missed))
            .count();
        assert_eq!(overall.ended, ended);
        let rate = overall.rate.map(f64::from).unwrap();
        let expected = (overall.met as f64 * 1000.0 / overall.ended as f64).round() / 10.0;
        assert_eq!(rate, expected);
        // One unit ("a") and its rules: met in Q1, missed in Q2 → missed over the span.
        for (_, c) in &rules {
            assert!(c.units_met + c.units_late + c.units_missed <= 1);
        }
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
