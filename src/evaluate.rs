//! The one evaluator, `(plan, records, as_of) → obligations`, by counting: every
//! obligation is a slot in a dense table (unit × rule × period, in plan order);
//! each record adds to the slots it counts for, and is then forgotten, so memory
//! does not grow with the records.
//!
//! Commands stream the data files into it ([`crate::scan::tally_dir`]: borrowed
//! views, from several threads whose tallies are [`Tally::merge`]d); [`evaluate`]
//! feeds it owned records, for tests and small callers. What a rule key means is
//! decided in the rule model and [`crate::fact`]; here records are only placed in
//! periods and added up, and statuses come from [`crate::obligation`]. An
//! independent model of the contract (`tests/model/`) checks it on random plans.

use std::collections::HashMap;

use rustc_hash::FxHashMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};

use crate::fact::{Fact, Target, report_key, target_rule};
use crate::obligation::{Obligation, RecordId, days_left, deadline_status, quota_status};
use crate::period::{Calendar, Every, Period, PeriodKey, PeriodKind, QuarterSpan};
use crate::plan::{Plan, RecordKind, Scope, Shape};
use crate::record::Records;

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
    /// `None` for a rule whose units count together.
    unit: Option<usize>,
    rule: usize,
    period: Period,
    due: NaiveDate,
    required: u32,
    /// Deadlines count records of any date; quotas those inside the period.
    deadline: bool,
    quarters: QuarterSpan,
}

/// The slots of one rule for one unit (shared by all units of a together rule),
/// and how to find a record's slots.
#[derive(Debug)]
struct RuleSlots {
    rule: usize,
    first: usize,
    /// Quotas: how a day finds its periods, one finder per kind of period the rule
    /// has (one for `every`; `periods` may mix quarters, halves, nine months ...).
    finders: Vec<Finder>,
    /// Report periods by key.
    keys: HashMap<PeriodKey, usize>,
}

/// Finds the period of one kind that holds a day among a rule's periods: the day's
/// ordinal of that kind, less the first period's, indexes `offsets`. An index of
/// [`crate::plan::Rule::periods_holding`], which says what "holds" means.
#[derive(Debug)]
struct Finder {
    kind: PeriodKind,
    calendar: Calendar,
    first_ordinal: i64,
    /// Slot offsets from [`RuleSlots::first`]; [`Finder::NONE`] where the rule has no
    /// period of that ordinal (`months`, `periods`).
    offsets: Vec<u32>,
}

impl Finder {
    const NONE: u32 = u32::MAX;

    /// One finder per kind of period in `periods` (the rule's, in slot order).
    fn for_periods(calendar: Calendar, periods: &[Period]) -> Vec<Finder> {
        let mut finders: Vec<Finder> = Vec::new();
        for (offset, period) in periods.iter().enumerate() {
            let Some(kind) = period.key.kind() else {
                continue;
            };
            let ordinal = calendar.kind_ordinal(kind, period.start);
            let finder = match finders.iter_mut().position(|f| f.kind == kind) {
                Some(i) => &mut finders[i],
                None => {
                    finders.push(Finder {
                        kind,
                        calendar,
                        first_ordinal: ordinal,
                        offsets: Vec::new(),
                    });
                    finders.last_mut().expect("just pushed")
                }
            };
            let index = usize::try_from(ordinal - finder.first_ordinal)
                .expect("a rule's periods come in order");
            if finder.offsets.len() <= index {
                finder.offsets.resize(index + 1, Finder::NONE);
            }
            finder.offsets[index] = u32::try_from(offset).expect("fewer periods than u32");
        }
        finders
    }

    /// The offset of the period of this kind that may hold `date`.
    fn offset(&self, date: NaiveDate) -> Option<usize> {
        let index = self.calendar.kind_ordinal(self.kind, date) - self.first_ordinal;
        let offset = *self.offsets.get(usize::try_from(index).ok()?)?;
        (offset != Finder::NONE).then_some(offset as usize)
    }
}

/// The table of a plan's obligations, built once and shared by every thread.
#[derive(Debug)]
pub struct Layout {
    slots: Vec<Slot>,
    units: FxHashMap<String, usize>,
    calendar: Calendar,
    items: ItemLayout,
    /// Per unit and record kind (by [`RecordKind::index`]), its rules' slots.
    rules: Vec<[Vec<RuleSlots>; 5]>,
}

impl Layout {
    pub fn new(plan: &Plan) -> Layout {
        let calendar = plan.calendar();
        let mut slots = Vec::new();
        let mut rules: Vec<[Vec<RuleSlots>; 5]> = Vec::new();
        // The first slot of each together rule, made at the first unit it covers.
        let mut together: Vec<Option<usize>> = vec![None; plan.rules.len()];
        // Each unit's rules in plan order (not a search of every rule's units per
        // unit, which a plan of thousands of units would pay for squared).
        let mut rules_of_unit: Vec<Vec<usize>> = vec![Vec::new(); plan.units.len()];
        for (rule_index, rule) in plan.rules.iter().enumerate() {
            for &unit in &rule.applies_to {
                rules_of_unit[unit].push(rule_index);
            }
        }
        // Each rule's periods with their dues and quarters, computed once.
        let timed: Vec<Vec<(Period, NaiveDate, QuarterSpan)>> = plan
            .rules
            .iter()
            .map(|rule| {
                rule.periods
                    .iter()
                    .map(|p| {
                        let due = rule.due(p);
                        (*p, due, calendar.quarter_span(p, due))
                    })
                    .collect()
            })
            .collect();
        for (unit_index, unit_rules) in rules_of_unit.iter().enumerate() {
            let mut by_kind: [Vec<RuleSlots>; 5] = Default::default();
            for &rule_index in unit_rules {
                let rule = &plan.rules[rule_index];
                let shared = rule.scope == Scope::Together;
                let first = match together[rule_index] {
                    Some(first) if shared => first,
                    _ => {
                        let first = slots.len();
                        let unit = (!shared).then_some(unit_index);
                        slots.extend(timed[rule_index].iter().map(|&(period, due, quarters)| {
                            Slot {
                                unit,
                                rule: rule_index,
                                period,
                                due,
                                required: rule.required(unit),
                                deadline: !matches!(rule.shape, Shape::Quota(_)),
                                quarters,
                            }
                        }));
                        if shared {
                            together[rule_index] = Some(first);
                        }
                        first
                    }
                };
                let (finders, keys) = match rule.shape {
                    Shape::Quota(_) => (
                        Finder::for_periods(rule.calendar(plan), &rule.periods),
                        HashMap::new(),
                    ),
                    Shape::Report { .. } => (
                        Vec::new(),
                        rule.periods
                            .iter()
                            .enumerate()
                            .map(|(i, p)| (p.key, i))
                            .collect(),
                    ),
                    Shape::Deadline { .. } => (Vec::new(), HashMap::new()),
                };
                by_kind[rule.record().index()].push(RuleSlots {
                    rule: rule_index,
                    first,
                    finders,
                    keys,
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
            calendar,
            items: ItemLayout::new(plan),
            rules,
        }
    }

    /// The slots of a quota rule whose periods hold `date` (one for `every`; with
    /// `periods`, a day may lie in Q1, H1, 9M and the year).
    fn slots_of_date(&self, rule: &RuleSlots, date: NaiveDate) -> impl Iterator<Item = usize> {
        rule.finders.iter().filter_map(move |finder| {
            let slot = rule.first + finder.offset(date)?;
            self.slots[slot].period.contains(date).then_some(slot)
        })
    }

    /// The slot a submission fills: the one rule it fulfils, and for a report the
    /// period it names.
    fn slot_of_submission<T: AsRef<str>>(
        &self,
        plan: &Plan,
        unit: usize,
        fact: &Fact<T>,
    ) -> Option<usize> {
        let Target::Rule(rule) = target_rule(plan, unit, fact) else {
            return None;
        };
        let slots = self.rules[unit][fact.kind.index()]
            .iter()
            .find(|r| r.rule == rule)?;
        match fact.kind {
            RecordKind::Report => {
                let key = report_key(fact)?;
                slots.keys.get(&key).map(|i| slots.first + i)
            }
            _ => Some(slots.first),
        }
    }
}

/// Where the report's item totals are counted: articles per quarter of the plan, by
/// the kind of their unit, their channel and each of their topics.
#[derive(Debug)]
struct ItemLayout {
    first_quarter: i64,
    quarters: usize,
    /// Per unit, the index of its kind in [`Plan::kinds`].
    unit_kind: Vec<usize>,
    kinds: usize,
    channels: FxHashMap<String, usize>,
    topics: FxHashMap<String, usize>,
}

impl ItemLayout {
    fn new(plan: &Plan) -> ItemLayout {
        let kinds = plan.kinds();
        let calendar = plan.calendar();
        ItemLayout {
            first_quarter: calendar.ordinal(Every::Quarter, plan.start),
            quarters: calendar.quarters().len(),
            unit_kind: plan
                .units
                .iter()
                .map(|u| {
                    kinds
                        .iter()
                        .position(|k| *k == u.kind)
                        .expect("a kind of the plan")
                })
                .collect(),
            kinds: kinds.len(),
            channels: plan
                .channels
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.clone(), i))
                .collect(),
            topics: plan
                .topics
                .iter()
                .enumerate()
                .map(|(i, t)| (t.id.clone(), i))
                .collect(),
        }
    }
}

/// Articles counted per quarter: `[row * quarters + quarter]` for each grouping;
/// channels have one more row, for items on no channel of the plan, and topics one
/// more, for items with no topic of the plan.
#[derive(Debug, Clone, Default)]
struct ItemCounts {
    by_kind: Vec<u32>,
    by_channel: Vec<u32>,
    by_topic: Vec<u32>,
}

impl ItemCounts {
    fn new(layout: &ItemLayout) -> ItemCounts {
        let q = layout.quarters;
        ItemCounts {
            by_kind: vec![0; layout.kinds * q],
            by_channel: vec![0; (layout.channels.len() + 1) * q],
            by_topic: vec![0; (layout.topics.len() + 1) * q],
        }
    }

    fn add<T: AsRef<str>>(&mut self, layout: &Layout, unit: usize, fact: &Fact<T>) {
        let items = &layout.items;
        let q = layout.calendar.ordinal(Every::Quarter, fact.date) - items.first_quarter;
        let Some(q) = usize::try_from(q).ok().filter(|q| *q < items.quarters) else {
            return;
        };
        let n = items.quarters;
        self.by_kind[items.unit_kind[unit] * n + q] += 1;
        let channel = fact
            .channel
            .and_then(|c| items.channels.get(c))
            .map_or(items.channels.len(), |i| *i);
        self.by_channel[channel * n + q] += 1;
        let mut tagged = false;
        for topic in fact.topics {
            if let Some(t) = items.topics.get(topic.as_ref()) {
                self.by_topic[t * n + q] += 1;
                tagged = true;
            }
        }
        if !tagged {
            self.by_topic[items.topics.len() * n + q] += 1;
        }
    }

    fn merge(&mut self, other: ItemCounts) {
        for (mine, theirs) in [
            (&mut self.by_kind, other.by_kind),
            (&mut self.by_channel, other.by_channel),
            (&mut self.by_topic, other.by_topic),
        ] {
            for (a, b) in mine.iter_mut().zip(theirs) {
                *a += b;
            }
        }
    }
}

/// The report's totals: articles in force per quarter of the plan (to the as-of
/// date), by kind of unit, by channel (`None`: on no channel of the plan) and by
/// topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    pub quarters: Vec<crate::period::Quarter>,
    /// (kind id, per quarter)
    pub by_kind: Vec<(String, Vec<u32>)>,
    /// (channel id, per quarter)
    pub by_channel: Vec<(Option<String>, Vec<u32>)>,
    /// (topic id, per quarter); an item with several topics counts under each.
    pub by_topic: Vec<(String, Vec<u32>)>,
    /// Per quarter: items with no topic of the plan, so that the items with a topic
    /// and these add up to all items.
    pub untagged: Vec<u32>,
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
    items: ItemCounts,
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
        weight: u32,
        on_time: bool,
        order: u64,
        id: &str,
    ) {
        let keep = match self.keep {
            KeepIds::All => true,
            KeepIds::WhenShort => self.done[slot] < layout.slots[slot].required,
        };
        self.done[slot] = self.done[slot].saturating_add(weight);
        self.on_time[slot] += u32::from(on_time);
        if keep {
            self.ids[slot].push((order, RecordId::from(id)));
        }
    }
}

impl Tally {
    pub fn new(layout: Arc<Layout>, as_of: NaiveDate, keep: KeepIds) -> Tally {
        let n = layout.slots.len();
        let items = ItemCounts::new(&layout.items);
        Tally {
            items,
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

    /// Adds a record (not voided) to every obligation it counts for; `position`
    /// (in its file) orders records of the same day. Records dated after the
    /// as-of date do not count yet.
    pub fn add<T: AsRef<str>>(&mut self, plan: &Plan, fact: &Fact<T>, id: &str, position: u64) {
        if fact.date > self.as_of {
            return;
        }
        let layout = &*self.layout;
        let counts = &mut self.counts;
        let Some(&unit) = layout.units.get(fact.unit) else {
            return;
        };
        match fact.kind {
            RecordKind::Plan | RecordKind::Report => {
                if let Some(slot) = layout.slot_of_submission(plan, unit, fact) {
                    let on_time = fact.date <= layout.slots[slot].due;
                    counts.add(layout, slot, 1, on_time, order_key(fact.date, position), id);
                }
            }
            kind => {
                if kind == RecordKind::Article {
                    self.items.add(layout, unit, fact);
                }
                for rule_slots in &layout.rules[unit][kind.index()] {
                    let Some(quota) = plan.rules[rule_slots.rule].quota() else {
                        continue;
                    };
                    let Ok(weight) = quota.admits(plan, fact) else {
                        continue;
                    };
                    let placed = quota.placed_on(fact);
                    for slot in layout.slots_of_date(rule_slots, placed) {
                        counts.add(
                            layout,
                            slot,
                            weight,
                            true,
                            order_key(fact.date, position),
                            id,
                        );
                    }
                }
            }
        }
    }

    /// The article totals counted so far.
    pub fn totals(&self, plan: &Plan) -> Totals {
        let items = &self.layout.items;
        let n = items.quarters;
        let rows = |counts: &[u32], k: usize| counts[k * n..(k + 1) * n].to_vec();
        let mut by_channel: Vec<(Option<String>, Vec<u32>)> = plan
            .channels
            .iter()
            .enumerate()
            .map(|(i, c)| (Some(c.id.clone()), rows(&self.items.by_channel, i)))
            .collect();
        by_channel.push((None, rows(&self.items.by_channel, plan.channels.len())));
        Totals {
            quarters: plan.calendar().quarters(),
            by_kind: plan
                .kinds()
                .iter()
                .enumerate()
                .map(|(i, k)| (k.to_string(), rows(&self.items.by_kind, i)))
                .collect(),
            by_channel,
            by_topic: plan
                .topics
                .iter()
                .enumerate()
                .map(|(i, t)| (t.id.clone(), rows(&self.items.by_topic, i)))
                .collect(),
            untagged: rows(&self.items.by_topic, plan.topics.len()),
        }
    }

    /// Adds another thread's counts.
    pub fn merge(&mut self, other: Tally) {
        self.items.merge(other.items);
        let (mine, theirs) = (&mut self.counts, other.counts);
        for (a, b) in mine.done.iter_mut().zip(theirs.done) {
            *a = a.saturating_add(b);
        }
        for (a, b) in mine.on_time.iter_mut().zip(theirs.on_time) {
            *a += b;
        }
        for (a, b) in mine.ids.iter_mut().zip(theirs.ids) {
            a.extend(b);
        }
    }

    /// Every obligation, in plan order of units, then rules, then periods (the
    /// obligations of a together rule where its first unit's would be).
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
                    let report = matches!(plan.rules[slot.rule].shape, Shape::Report { .. });
                    deadline_status(
                        plan,
                        &slot.period,
                        slot.due,
                        (on_time > 0, done > 0),
                        report,
                        as_of,
                    )
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
                    quarters: slot.quarters,
                }
            })
            .collect()
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::obligation::{Status, completion};
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
