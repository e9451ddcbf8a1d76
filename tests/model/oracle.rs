//! A small, straightforward model of how obligations are evaluated
//! (docs/reference.md, "How obligations are evaluated"), for tests only.
//!
//! It shares nothing with the evaluator but the plan's parsed types: the periods of
//! each rule (weeks, cut-off and clipped months, quarters, halves, nine months,
//! years, `months`, `periods`), the quarters of the tables and what each record
//! counts for are written out again here, as the contract words them, by the
//! plainest means (every candidate period of every year tried in turn, every record
//! filtered again for every obligation). Slow and obvious on purpose.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use cchc::obligation::{Obligation, RecordId, Status};
use cchc::period::{Every, Period, PeriodKey, PeriodName, Quarter, Schedule};
use cchc::plan::{CountBy, Measure, Nth, Plan, RecordKind, Rule, Scope, Shape};
use cchc::record::{Records, SubmissionKind};

fn date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

fn last_day(year: i32, month: u32) -> NaiveDate {
    (day_one(year, month) + Duration::days(31))
        .with_day(1)
        .unwrap()
        - Duration::days(1)
}

fn day_one(year: i32, month: u32) -> NaiveDate {
    date(year, month, 1).unwrap()
}

/// The month `n` months after (year, month).
fn month_plus(year: i32, month: u32, n: i32) -> Month {
    let m = year * 12 + month as i32 - 1 + n;
    (m.div_euclid(12), (m.rem_euclid(12) + 1) as u32)
}

/// The days of the months first..=last (calendar), or cut on day `c`: from day c + 1
/// of the month before (the 1st of the first month when that day does not exist)
/// to day c of the last month.
fn bounds(first: Month, last: Month, cutoff: Option<u32>) -> (NaiveDate, NaiveDate) {
    match cutoff {
        None => (day_one(first.0, first.1), last_day(last.0, last.1)),
        Some(c) => {
            let (y, m) = month_plus(first.0, first.1, -1);
            let start = date(y, m, c + 1).unwrap_or(day_one(first.0, first.1));
            (start, date(last.0, last.1, c).unwrap())
        }
    }
}

/// Every month-based period of every year near the plan, before the plan is asked
/// whether it has them: (key, first month, last month).
/// A month as (year, month).
type Month = (i32, u32);

fn candidates(plan: &Plan) -> Vec<(PeriodKey, Month, Month)> {
    let mut out = Vec::new();
    for year in plan.start.year() - 1..=plan.end.year() + 1 {
        for month in 1..=12 {
            out.push((
                PeriodKey::Month { year, month },
                (year, month),
                (year, month),
            ));
        }
        for number in 1..=4 {
            out.push((
                PeriodKey::Quarter(Quarter { year, number }),
                (year, number * 3 - 2),
                (year, number * 3),
            ));
        }
        for half in 1..=2 {
            out.push((
                PeriodKey::Half { year, half },
                (year, half * 6 - 5),
                (year, half * 6),
            ));
        }
        out.push((PeriodKey::NineMonths { year }, (year, 1), (year, 9)));
        out.push((PeriodKey::Year(year), (year, 1), (year, 12)));
    }
    out
}

/// The plan's periods among the candidates accepted by `keep`: with a cut-off
/// day, whole ones whose last day is in the plan's range; else those that overlap
/// it, clipped to it.
fn month_based(plan: &Plan, cutoff: Option<u32>, keep: impl Fn(PeriodKey) -> bool) -> Vec<Period> {
    let mut out = Vec::new();
    for (key, first, last) in candidates(plan) {
        if !keep(key) {
            continue;
        }
        let (start, end) = bounds(first, last, cutoff);
        let period = match cutoff {
            Some(_) if plan.start <= end && end <= plan.end => Period { key, start, end },
            None if start <= plan.end && plan.start <= end => Period {
                key,
                start: start.max(plan.start),
                end: end.min(plan.end),
            },
            _ => continue,
        };
        out.push(period);
    }
    out
}

/// The ISO weeks whose Thursday lies in the plan's range.
fn weeks(plan: &Plan) -> Vec<Period> {
    let mut out = Vec::new();
    let mut day = plan.start - Duration::days(7);
    while day <= plan.end + Duration::days(7) {
        if day.weekday() == Weekday::Mon {
            let thursday = day + Duration::days(3);
            if plan.start <= thursday && thursday <= plan.end {
                let iso = thursday.iso_week();
                out.push(Period {
                    key: PeriodKey::Week {
                        year: iso.year(),
                        week: iso.week(),
                    },
                    start: day,
                    end: day + Duration::days(6),
                });
            }
        }
        day += Duration::days(1);
    }
    out
}

fn is_of(every: Every, key: PeriodKey) -> bool {
    matches!(
        (every, key),
        (Every::Week, PeriodKey::Week { .. })
            | (Every::Month, PeriodKey::Month { .. })
            | (Every::Quarter, PeriodKey::Quarter(_))
            | (Every::Half, PeriodKey::Half { .. })
            | (Every::Year, PeriodKey::Year(_))
    )
}

/// Whether a named period (`Q1`, `H1`, `9M`, `year`, `M03`) names `key`, by its
/// label: `2026-Q1`, `2026-H1`, `2026-9M`, `2026`, `2026-03`.
fn named(name: PeriodName, key: PeriodKey) -> bool {
    let label = key.to_string();
    let suffix = match label.split_once('-') {
        Some((_, rest)) if rest.len() == 2 && rest.bytes().all(|b| b.is_ascii_digit()) => {
            format!("M{rest}")
        }
        Some((_, rest)) => rest.to_string(),
        None => "year".to_string(),
    };
    name.to_string() == suffix && key != PeriodKey::Once
}

/// A rule's periods, as the contract lists them.
pub fn rule_periods(plan: &Plan, rule: &Rule) -> Vec<Period> {
    let cutoff = rule.cutoff_day;
    match (&rule.shape, &rule.schedule) {
        (Shape::Deadline { due }, _) => vec![Period {
            key: PeriodKey::Once,
            start: plan.start,
            end: *due,
        }],
        (_, Some(Schedule::Every { every, months })) => {
            let mut periods = if *every == Every::Week {
                weeks(plan)
            } else {
                month_based(plan, cutoff, |k| is_of(*every, k))
            };
            periods.sort_by_key(|p| p.start);
            periods.retain(|p| {
                months.is_empty()
                    || months.contains(&match p.key {
                        PeriodKey::Week { .. } => (p.start + Duration::days(3)).month(),
                        PeriodKey::Month { month, .. } => month,
                        _ => unreachable!("months goes with weeks and months"),
                    })
            });
            periods
        }
        (_, Some(Schedule::Named(names))) => {
            let mut periods = month_based(plan, cutoff, |k| names.iter().any(|n| named(*n, k)));
            // By last day, then the shorter first (by the label: 2026-03 before
            // 2026-Q1 before 2026-H1 before 2026-9M before 2026).
            let rank = |p: &Period| {
                let label = p.key.to_string();
                match label.split_once('-').map(|(_, r)| r.chars().next()) {
                    Some(Some('Q')) => 1,
                    Some(Some('H')) => 2,
                    Some(Some('9')) => 3,
                    Some(_) => 0,
                    None => 4,
                }
            };
            periods.sort_by_key(|p| (p.end, std::cmp::Reverse(p.start), rank(p)));
            periods
        }
        (_, None) => unreachable!("repeating rules have a schedule"),
    }
}

/// The quarters of the tables: the plan's quarters (by its own cut-off day), or,
/// when it has none, the one holding its start.
fn table_quarters(plan: &Plan) -> Vec<Period> {
    let mut quarters = month_based(plan, plan.cutoff_day, |k| {
        matches!(k, PeriodKey::Quarter(_))
    });
    quarters.sort_by_key(|p| p.start);
    if quarters.is_empty() {
        let holding = candidates(plan)
            .into_iter()
            .filter(|(k, _, _)| matches!(k, PeriodKey::Quarter(_)))
            .map(|(key, first, last)| {
                let (start, end) = bounds(first, last, plan.cutoff_day);
                Period { key, start, end }
            })
            .find(|p| p.start <= plan.start && plan.start <= p.end)
            .unwrap();
        quarters.push(holding);
    }
    quarters
}

fn quarter_of(p: &Period) -> Quarter {
    match p.key {
        PeriodKey::Quarter(q) => q,
        _ => unreachable!(),
    }
}

/// The quarters of the tables an obligation belongs to: a week by its Thursday,
/// a month or quarter by its last day, a one-off by its due date (the quarter
/// holding that day, else the nearest); a half to its two quarters, nine months to
/// the first three, a year to all four (those the tables have; else as a quarter).
pub fn quarter_span(plan: &Plan, period: &Period, due: NaiveDate) -> (Quarter, Quarter) {
    let quarters = table_quarters(plan);
    let holder = |day: NaiveDate| {
        let q = quarters
            .iter()
            .find(|q| q.start <= day && day <= q.end)
            .unwrap_or(if day < quarters[0].start {
                &quarters[0]
            } else {
                quarters.last().unwrap()
            });
        (quarter_of(q), quarter_of(q))
    };
    let (year, numbers) = match period.key {
        PeriodKey::Once => return holder(due),
        PeriodKey::Week { .. } => return holder(period.start + Duration::days(3)),
        PeriodKey::Month { .. } | PeriodKey::Quarter(_) => return holder(period.end),
        PeriodKey::Half { year, half } => (year, half * 2 - 1..=half * 2),
        PeriodKey::NineMonths { year } => (year, 1..=3),
        PeriodKey::Year(year) => (year, 1..=4),
    };
    let inside: Vec<Quarter> = quarters
        .iter()
        .map(quarter_of)
        .filter(|q| q.year == year && numbers.contains(&q.number))
        .collect();
    match (inside.first(), inside.last()) {
        (Some(first), Some(last)) => (*first, *last),
        _ => holder(period.end),
    }
}

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

/// Whether `day` passes the rule's `weekdays` and `nth`.
fn on_its_day(rule: &Rule, day: NaiveDate) -> bool {
    let Some(q) = rule.quota() else { return true };
    let weekday = q.weekdays.is_empty() || q.weekdays.contains(&day.weekday());
    let nth = q.nth.is_empty()
        || q.nth.iter().any(|n| match n {
            Nth::Number(n) => day.day().div_ceil(7) == *n,
            Nth::Last => day + Duration::days(7) > last_day(day.year(), day.month()),
        });
    weekday && nth
}

fn items<'a>(plan: &'a Plan, records: &'a Records) -> Vec<Item<'a>> {
    let mut out: Vec<Item> = Vec::new();
    for (i, a) in records.active_articles().enumerate() {
        let placed = move |rule: &Rule| match rule.quota().map(|q| q.count_by) {
            Some(CountBy::Sent) => a.sent.unwrap_or(a.date),
            _ => a.date,
        };
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
                (topic_ok && channel_ok && on_its_day(rule, placed(rule))).then_some(1)
            }),
            placed: Box::new(placed),
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
                let long = q
                    .min_minutes
                    .is_none_or(|m| b.minutes.is_some_and(|have| have >= m));
                let weight = if q.measure == Measure::Minutes {
                    b.minutes.unwrap_or(0)
                } else {
                    1
                };
                (peak && channel && on_its_day(rule, b.date) && long && weight > 0)
                    .then_some(weight)
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
                if !on_its_day(rule, h.date) {
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
                Shape::Report { .. } => item.period.is_some_and(|label| {
                    rule_periods(plan, r)
                        .iter()
                        .any(|p| p.key.to_string().eq_ignore_ascii_case(label.trim()))
                }),
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
        Shape::Report { due } => {
            if let Some((_, d)) = due.dues.iter().find(|(k, _)| *k == period.key) {
                *d
            } else if let Some(day) = due.day {
                let (y, m) = (period.end.year(), period.end.month());
                date(y, m, day).unwrap_or(last_day(y, m))
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
            for period in rule_periods(plan, rule) {
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
                                && item
                                    .period
                                    .is_some_and(|p| p.trim().eq_ignore_ascii_case(&period.label()))
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
                    quarters: quarter_span(plan, &period, due),
                });
            }
        }
    }
    out
}
