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
    pub records: Vec<String>,
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
fn rule_periods(plan: &Plan, rule: &Rule) -> Vec<Period> {
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
    counted: &[(Option<PeriodKey>, Dated)],
    as_of: NaiveDate,
) -> Obligation {
    let first = counted.partition_point(|(_, d)| d.date < period.start);
    let last = counted.partition_point(|(_, d)| d.date <= period.end);
    let records: Vec<String> = counted[first..last]
        .iter()
        .map(|(_, d)| d.id.to_string())
        .collect();
    let done = records.len() as u32;
    let status = if as_of < period.start {
        Status::Upcoming
    } else if done >= min {
        Status::Met
    } else if as_of > period.end {
        Status::Missed
    } else {
        running(plan, period.end, as_of)
    };
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
    let status = if counted.iter().any(|d| d.date <= due) {
        Status::Met
    } else if !counted.is_empty() {
        Status::Late
    } else if as_of > due {
        Status::Missed
    } else if as_of < period.start {
        Status::Upcoming
    } else {
        running(plan, due, as_of)
    };
    Obligation {
        unit: 0,
        rule: 0,
        period,
        due,
        required: 1,
        done: counted.len() as u32,
        status,
        days_left: days_left(status, due, as_of),
        records: counted.iter().map(|d| d.id.to_string()).collect(),
    }
}

fn running(plan: &Plan, due: NaiveDate, as_of: NaiveDate) -> Status {
    if (due - as_of).num_days() <= i64::from(plan.due_soon_days) {
        Status::DueSoon
    } else {
        Status::Due
    }
}

fn days_left(status: Status, due: NaiveDate, as_of: NaiveDate) -> Option<i64> {
    matches!(status, Status::Due | Status::DueSoon).then(|| (due - as_of).num_days())
}

/// The active records of each kind, grouped by unit and sorted by date.
struct RecordIndex<'r> {
    articles: HashMap<&'r str, Vec<(&'r crate::record::Article, Dated<'r>)>>,
    broadcasts: HashMap<&'r str, Vec<(NaiveTime, Dated<'r>)>>,
    /// Submissions with the period key a report names (None for plans or a label
    /// that does not parse).
    submissions: HashMap<(&'r str, SubmissionKind), Vec<(Option<PeriodKey>, Dated<'r>)>>,
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
    ) -> Vec<(Option<PeriodKey>, Dated<'r>)> {
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
    ) -> Vec<(Option<PeriodKey>, Dated<'r>)> {
        self.submissions
            .get(&(unit, kind))
            .into_iter()
            .flatten()
            .filter(|(_, d)| d.date <= as_of)
            .copied()
            .collect()
    }
}
