//! Evaluation by counting, for data too large to hold: every obligation is a slot
//! in a dense table (unit × rule × period, in the order of [`evaluate`]); each
//! record adds to the slots it counts for, and is then forgotten.
//!
//! Pure like [`evaluate`]: records come in through [`Tally::article`],
//! [`Tally::broadcast`] and [`Tally::submission`] (from any reader, in any order,
//! from several threads whose tallies are [`Tally::merge`]d), and [`Tally::finish`]
//! gives the same obligations `evaluate` gives for the same records. The statuses
//! come from the same functions.
//!
//! [`evaluate`]: crate::evaluate::evaluate

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};

use crate::evaluate::{
    Obligation, RecordId, days_left, deadline_status, quota_status, rule_periods,
};
use crate::period::{Every, Period, PeriodKey, parse_label};
use crate::plan::{Plan, RecordKind, Shape};
use crate::record::SubmissionKind;

/// Which record ids an obligation lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeepIds {
    /// Every record that counts (for JSON and CSV).
    All,
    /// Only for obligations that are not met (what `check` shows); met ones list
    /// none. Memory then stays independent of the number of records.
    WhenShort,
}

/// One obligation's place in the table.
#[derive(Debug)]
struct Slot {
    unit: usize,
    rule: usize,
    period: Period,
    due: NaiveDate,
    required: u32,
    /// Deadlines count records of any date; quotas those inside the period.
    deadline: bool,
}

/// The slots of one rule for one unit, and how to find a record's slot.
#[derive(Debug)]
struct RuleSlots {
    first: usize,
    count: usize,
    calendar: Calendar,
    /// Article topics that count (empty: any).
    topics: Vec<String>,
    peak_only: bool,
    /// Report periods by key.
    keys: HashMap<PeriodKey, usize>,
}

/// How a date maps to a period index of a rule.
#[derive(Debug, Clone, Copy)]
enum Calendar {
    Once,
    Week { first_thursday: NaiveDate },
    Month { first: i64 },
    Quarter { first: i64 },
    Year { first: i64 },
}

impl Calendar {
    fn new(every: Option<Every>, periods: &[Period]) -> Calendar {
        let start = periods.first().map_or(NaiveDate::MIN, |p| p.start);
        match every {
            None => Calendar::Once,
            Some(Every::Week) => Calendar::Week {
                first_thursday: start + Duration::days(3),
            },
            Some(Every::Month) => Calendar::Month {
                first: month_ordinal(start),
            },
            Some(Every::Quarter) => Calendar::Quarter {
                first: month_ordinal(start) / 3,
            },
            Some(Every::Year) => Calendar::Year {
                first: i64::from(start.year()),
            },
        }
    }

    fn index(self, date: NaiveDate) -> i64 {
        match self {
            Calendar::Once => 0,
            Calendar::Week { first_thursday } => {
                let thursday =
                    date + Duration::days(3 - i64::from(date.weekday().num_days_from_monday()));
                (thursday - first_thursday).num_days().div_euclid(7)
            }
            Calendar::Month { first } => month_ordinal(date) - first,
            Calendar::Quarter { first } => month_ordinal(date) / 3 - first,
            Calendar::Year { first } => i64::from(date.year()) - first,
        }
    }
}

fn month_ordinal(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

/// The table of a plan's obligations, built once and shared by every thread.
#[derive(Debug)]
pub struct Layout {
    slots: Vec<Slot>,
    units: HashMap<String, usize>,
    /// Per unit and record kind (in [`RecordKind::ALL`] order), its rules' slots.
    rules: Vec<[Vec<RuleSlots>; 4]>,
}

impl Layout {
    pub fn new(plan: &Plan) -> Layout {
        let periods: Vec<Vec<Period>> = plan.rules.iter().map(|r| rule_periods(plan, r)).collect();
        let mut slots = Vec::new();
        let mut rules: Vec<[Vec<RuleSlots>; 4]> = Vec::new();
        for (unit_index, _) in plan.units.iter().enumerate() {
            let mut by_kind: [Vec<RuleSlots>; 4] = Default::default();
            for (rule_index, rule) in plan.rules.iter().enumerate() {
                if !rule.applies_to.contains(&unit_index) {
                    continue;
                }
                let first = slots.len();
                for period in &periods[rule_index] {
                    let due = match rule.shape {
                        Shape::Quota { .. } => period.end,
                        Shape::Deadline { due } => due,
                        Shape::Report { due_day, .. } => {
                            crate::period::day_of_month_clamped(period.end, due_day)
                        }
                    };
                    slots.push(Slot {
                        unit: unit_index,
                        rule: rule_index,
                        period: *period,
                        due,
                        required: rule.required(),
                        deadline: !matches!(rule.shape, Shape::Quota { .. }),
                    });
                }
                let (topics, peak_only) = match &rule.shape {
                    Shape::Quota {
                        topics, peak_only, ..
                    } => (topics.clone(), *peak_only),
                    _ => (Vec::new(), false),
                };
                let kind = RecordKind::ALL
                    .iter()
                    .position(|k| *k == rule.record())
                    .expect("a kind");
                by_kind[kind].push(RuleSlots {
                    first,
                    count: slots.len() - first,
                    calendar: Calendar::new(rule.every(), &periods[rule_index]),
                    topics,
                    peak_only,
                    keys: periods[rule_index]
                        .iter()
                        .enumerate()
                        .map(|(i, p)| (p.key, i))
                        .collect(),
                });
            }
            rules.push(by_kind);
        }
        let units = plan
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id.clone(), i))
            .collect();
        Layout {
            slots,
            units,
            rules,
        }
    }

    /// The slot of `rule` whose period holds `date` (any date, for a deadline).
    fn slot_of_date(&self, rule: &RuleSlots, date: NaiveDate) -> Option<usize> {
        let index = rule.calendar.index(date);
        let index = usize::try_from(index).ok().filter(|i| *i < rule.count)?;
        let slot = rule.first + index;
        let s = &self.slots[slot];
        (s.deadline || s.period.contains(date)).then_some(slot)
    }

    fn rules_of(&self, unit: &str, kind: RecordKind) -> &[RuleSlots] {
        let kind = RecordKind::ALL
            .iter()
            .position(|k| *k == kind)
            .expect("a kind");
        self.units.get(unit).map_or(&[], |&u| &self.rules[u][kind])
    }
}

/// Orders records by date, then by position in their file, in one `u64` (a listed
/// id costs 32 bytes, which counts when a report lists a million of them).
fn order_key(date: NaiveDate, position: u64) -> u64 {
    const POSITION_BITS: u32 = 40; // files up to 1 TiB
    let day = u64::try_from(date.num_days_from_ce()).unwrap_or(0);
    (day << POSITION_BITS) | (position & ((1 << POSITION_BITS) - 1))
}

/// Counts per obligation, as records come in.
#[derive(Debug, Clone)]
pub struct Tally {
    /// Shared by every thread; never cloned per record (that would make the
    /// threads fight over its reference count).
    layout: Arc<Layout>,
    as_of: NaiveDate,
    counts: Counts,
}

/// The counters of a tally, one entry per slot.
#[derive(Debug, Clone)]
struct Counts {
    keep: KeepIds,
    done: Vec<u32>,
    on_time: Vec<u32>,
    /// Ids of counted records with their [`order_key`], to list them by date,
    /// then in file order.
    ids: Vec<Vec<(u64, RecordId)>>,
}

impl Counts {
    fn add(
        &mut self,
        layout: &Layout,
        slot: usize,
        date: NaiveDate,
        on_time: bool,
        id: &str,
        position: u64,
    ) {
        self.done[slot] += 1;
        self.on_time[slot] += u32::from(on_time);
        let keep = match self.keep {
            KeepIds::All => true,
            KeepIds::WhenShort => self.ids[slot].len() < layout.slots[slot].required as usize,
        };
        if keep {
            self.ids[slot].push((order_key(date, position), RecordId::from(id)));
        }
    }
}

impl Tally {
    pub fn new(layout: Arc<Layout>, as_of: NaiveDate, keep: KeepIds) -> Tally {
        let n = layout.slots.len();
        Tally {
            layout,
            as_of,
            counts: Counts {
                keep,
                done: vec![0; n],
                on_time: vec![0; n],
                ids: vec![Vec::new(); n],
            },
        }
    }

    /// An article of `unit` dated `date` with these topics; `position` (in its file)
    /// orders records of the same day.
    pub fn article<'t>(
        &mut self,
        unit: &str,
        date: NaiveDate,
        topics: impl Iterator<Item = &'t str> + Clone,
        id: &str,
        position: u64,
    ) {
        if date > self.as_of {
            return;
        }
        for rule in self.layout.rules_of(unit, RecordKind::Article) {
            if !rule.topics.is_empty()
                && !topics.clone().any(|t| rule.topics.iter().any(|r| r == t))
            {
                continue;
            }
            if let Some(slot) = self.layout.slot_of_date(rule, date) {
                self.counts
                    .add(&self.layout, slot, date, true, id, position);
            }
        }
    }

    /// A broadcast of `unit` on `date` starting at `time`.
    pub fn broadcast(
        &mut self,
        plan: &Plan,
        unit: &str,
        date: NaiveDate,
        time: NaiveTime,
        id: &str,
        position: u64,
    ) {
        if date > self.as_of {
            return;
        }
        for rule in self.layout.rules_of(unit, RecordKind::Broadcast) {
            if rule.peak_only && !plan.is_peak(time) {
                continue;
            }
            if let Some(slot) = self.layout.slot_of_date(rule, date) {
                self.counts
                    .add(&self.layout, slot, date, true, id, position);
            }
        }
    }

    /// A plan, or a report for the period labelled `period`.
    pub fn submission(
        &mut self,
        unit: &str,
        kind: SubmissionKind,
        period: Option<&str>,
        date: NaiveDate,
        id: &str,
        position: u64,
    ) {
        if date > self.as_of {
            return;
        }
        let key = period.and_then(|p| parse_label(p).ok());
        for rule in self.layout.rules_of(unit, kind.record()) {
            let slot = match kind {
                SubmissionKind::Plan => Some(rule.first),
                SubmissionKind::Report => {
                    key.and_then(|k| rule.keys.get(&k)).map(|i| rule.first + i)
                }
            };
            if let Some(slot) = slot {
                let on_time = date <= self.layout.slots[slot].due;
                self.counts
                    .add(&self.layout, slot, date, on_time, id, position);
            }
        }
    }

    /// Adds another thread's counts.
    pub fn merge(&mut self, other: Tally) {
        let (mine, theirs) = (&mut self.counts, other.counts);
        for (a, b) in mine.done.iter_mut().zip(theirs.done) {
            *a += b;
        }
        for (a, b) in mine.on_time.iter_mut().zip(theirs.on_time) {
            *a += b;
        }
        for (a, b) in mine.ids.iter_mut().zip(theirs.ids) {
            a.extend(b);
        }
    }

    /// Every obligation, in the order of [`crate::evaluate::evaluate`].
    pub fn finish(self, plan: &Plan) -> Vec<Obligation> {
        let (as_of, keep) = (self.as_of, self.counts.keep);
        self.layout
            .slots
            .iter()
            .zip(self.counts.done)
            .zip(self.counts.on_time)
            .zip(self.counts.ids)
            .map(|(((slot, done), on_time), mut ids)| {
                let status = if slot.deadline {
                    deadline_status(plan, &slot.period, slot.due, on_time > 0, done > 0, as_of)
                } else {
                    quota_status(plan, &slot.period, done, slot.required, as_of)
                };
                if keep == KeepIds::WhenShort && done >= slot.required {
                    ids.clear();
                }
                ids.sort_unstable_by_key(|(key, _)| *key);
                Obligation {
                    unit: slot.unit,
                    rule: slot.rule,
                    period: slot.period,
                    due: slot.due,
                    required: slot.required,
                    done,
                    status,
                    days_left: days_left(status, slot.due, as_of),
                    records: ids.into_iter().map(|(_, id)| id).collect(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::evaluate;
    use crate::record::{Article, Broadcast, DataFile, Located, Records, Submission};
    use proptest::prelude::*;

    const PLAN: &str = r#"
[plan]
title = "T"
issuer = "I"
start = 2023-02-15
end = 2024-03-10
peak_hours = ["17:00-18:30"]

[[unit]]
id = "a"
name = "A"
kind = "commune"

[[unit]]
id = "b"
name = "B"
kind = "department"

[[topic]]
id = "x"
name = "X"

[[rule]]
id = "q"
title = "q"
kinds = ["commune", "department"]
record = "article"
every = "quarter"
min = 2

[[rule]]
id = "m"
title = "m"
units = ["a"]
record = "article"
every = "month"
min = 1
topics = ["x"]

[[rule]]
id = "y"
title = "y"
units = ["b"]
record = "article"
every = "year"
min = 3

[[rule]]
id = "w"
title = "w"
units = ["a"]
record = "broadcast"
every = "week"
min = 1
peak_only = true

[[rule]]
id = "p"
title = "p"
kinds = ["commune"]
record = "plan"
due = 2023-03-31

[[rule]]
id = "r"
title = "r"
units = ["a", "b"]
record = "report"
every = "quarter"
due_day = 31
"#;

    /// Generated records: any unit (some unknown), any date around the plan.
    fn records() -> impl Strategy<Value = Records> {
        let day = -40i64..460;
        let unit = prop_oneof![Just("a"), Just("b"), Just("nobody")];
        let article = (unit.clone(), day.clone(), any::<bool>()).prop_map(|(u, d, x)| (u, d, x));
        let broadcast = (
            unit.clone(),
            day.clone(),
            0u32..24,
            prop_oneof![Just(0u32), Just(30)],
        );
        let submission = (unit, day, any::<bool>(), 0u32..6);
        (
            proptest::collection::vec(article, 0..60),
            proptest::collection::vec(broadcast, 0..40),
            proptest::collection::vec(submission, 0..12),
        )
            .prop_map(|(articles, broadcasts, submissions)| {
                let base = NaiveDate::from_ymd_opt(2023, 2, 15).unwrap();
                let articles = articles
                    .into_iter()
                    .enumerate()
                    .map(|(i, (u, d, x))| Located {
                        file: DataFile::Articles,
                        line: i + 1,
                        value: Article {
                            id: format!("A{i}"),
                            unit: u.into(),
                            date: base + Duration::days(d),
                            title: "t".into(),
                            topics: if x { vec!["x".into()] } else { vec![] },
                            url: None,
                            logged_at: String::new(),
                        },
                    })
                    .collect();
                let broadcasts = broadcasts
                    .into_iter()
                    .enumerate()
                    .map(|(i, (u, d, h, m))| Located {
                        file: DataFile::Broadcasts,
                        line: i + 1,
                        value: Broadcast {
                            id: format!("B{i}"),
                            unit: u.into(),
                            date: base + Duration::days(d),
                            time: NaiveTime::from_hms_opt(h, m, 0).unwrap(),
                            minutes: None,
                            title: "t".into(),
                            logged_at: String::new(),
                        },
                    })
                    .collect();
                let labels = ["2023-Q1", "2023-Q2", "2023-Q4", "2024-Q1", "2024-Q2", "bad"];
                let submissions = submissions
                    .into_iter()
                    .enumerate()
                    .map(|(i, (u, d, report, p))| Located {
                        file: DataFile::Submissions,
                        line: i + 1,
                        value: Submission {
                            id: format!("S{i}"),
                            unit: u.into(),
                            kind: if report {
                                SubmissionKind::Report
                            } else {
                                SubmissionKind::Plan
                            },
                            period: report.then(|| labels[p as usize].to_string()),
                            date: base + Duration::days(d),
                            reference: None,
                            logged_at: String::new(),
                        },
                    })
                    .collect();
                Records::new(articles, broadcasts, submissions, vec![])
            })
    }

    fn tally(plan: &Plan, records: &Records, as_of: NaiveDate, keep: KeepIds) -> Vec<Obligation> {
        let layout = Arc::new(Layout::new(plan));
        // Feed in two halves, as two threads would, and merge.
        let mut first = Tally::new(Arc::clone(&layout), as_of, keep);
        let mut second = Tally::new(layout, as_of, keep);
        for (i, a) in records.active_articles().enumerate() {
            let t = if i % 2 == 0 { &mut first } else { &mut second };
            t.article(
                &a.unit,
                a.date,
                a.topics.iter().map(String::as_str),
                &a.id,
                i as u64,
            );
        }
        for (i, b) in records.active_broadcasts().enumerate() {
            second.broadcast(plan, &b.unit, b.date, b.time, &b.id, i as u64);
        }
        for (i, s) in records.active_submissions().enumerate() {
            first.submission(
                &s.unit,
                s.kind,
                s.period.as_deref(),
                s.date,
                &s.id,
                i as u64,
            );
        }
        first.merge(second);
        first.finish(plan)
    }

    proptest! {
        #[test]
        fn counting_gives_the_obligations_of_the_straightforward_evaluation(records in records(), as_of in 0i64..420) {
            let plan = Plan::parse(PLAN, "t.toml").unwrap();
            let as_of = NaiveDate::from_ymd_opt(2023, 2, 1).unwrap() + Duration::days(as_of);
            let expected = evaluate(&plan, &records, as_of);
            prop_assert_eq!(&tally(&plan, &records, as_of, KeepIds::All), &expected);
            let short = tally(&plan, &records, as_of, KeepIds::WhenShort);
            for (s, e) in short.iter().zip(&expected) {
                prop_assert_eq!((s.status, s.done, s.days_left), (e.status, e.done, e.days_left));
                if s.done < s.required {
                    prop_assert_eq!(&s.records, &e.records);
                } else {
                    prop_assert!(s.records.is_empty());
                }
            }
        }
    }
}
