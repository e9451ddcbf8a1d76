//! Evaluation by counting: every obligation is a slot in a dense table (unit × rule ×
//! period, in the order of [`evaluate`]); each record adds to the slots it counts
//! for, and is then forgotten, so memory does not grow with the records.
//!
//! This is the only evaluator: [`evaluate`] feeds it owned records, the fast scan
//! ([`crate::scan::tally_dir`]) borrowed views, from several threads whose tallies
//! are [`Tally::merge`]d. What a rule key means is decided in [`crate::fact`]; here
//! records are only placed in periods and added up. A small independent model of
//! the contract (`src/model.rs`, tests only) checks it on random plans and records.
//!
//! [`evaluate`]: crate::evaluate::evaluate

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};

use crate::evaluate::{Obligation, RecordId, days_left, deadline_status, quota_status};
use crate::fact::{Fact, Target, report_key, target_rule};
use crate::period::{Calendar, Every, Period, PeriodKey, PeriodKind, QuarterSpan};
use crate::plan::{Plan, RecordKind, Scope, Shape};

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
    units: HashMap<String, usize>,
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
    channels: HashMap<String, usize>,
    topics: HashMap<String, usize>,
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
