//! What evaluation yields: for every rule, every unit it applies to and every period
//! of the rule one [`Obligation`] — what was required, what counts towards it, and
//! its [`Status`] on the as-of date — and the rules that give a status from counts
//! and dates, and sum obligations up (docs/reference.md, "How obligations are
//! evaluated"). [`crate::evaluate`] makes them.

use chrono::NaiveDate;
use serde::Serialize;

use crate::period::{Period, Quarter, QuarterSpan};
use crate::plan::Plan;

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
}
