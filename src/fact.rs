//! What a record counts for: the one place that says what every rule key means.
//!
//! A [`Fact`] is a record as the rules see it, whichever reader produced it (owned
//! records for `log` and `verify`, borrowed views for the fast scan). Two questions
//! are answered here and nowhere else:
//! - [`Quota::admits`]: does this article, broadcast or activity count for a quota
//!   rule, and how much (its weight under the rule's `measure`)? If not, why not.
//! - [`target_rule`]: which single rule does this plan or report fulfil? One
//!   document fulfils one obligation; when that is not clear, it fulfils none.
//!
//! The counting table ([`crate::evaluate`]) places what counts in periods; the `log`
//! command uses the same answers to tell the coordinator what a new record did.

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::period::{PeriodKey, parse_label};
use crate::plan::{CountBy, Measure, Plan, Quota, RecordKind, Shape};
use crate::record::{Activity, Article, Broadcast, Submission, View};

/// A record as the rules see it. `T` is how topic ids are held (owned strings or
/// borrowed text); everything else is borrowed.
#[derive(Debug, Clone, Copy)]
pub struct Fact<'a, T: AsRef<str>> {
    pub kind: RecordKind,
    pub unit: &'a str,
    /// The day it appeared, was broadcast, submitted or held.
    pub date: NaiveDate,
    /// Article: the day the unit sent it.
    pub sent: Option<NaiveDate>,
    pub topics: &'a [T],
    pub channel: Option<&'a str>,
    /// Broadcast: its start and length.
    pub time: Option<NaiveTime>,
    pub minutes: Option<u32>,
    /// Activity: its type, count and participants.
    pub activity: Option<&'a str>,
    pub count: u32,
    pub participants: Option<u32>,
    /// Report: the period label it is for.
    pub period: Option<&'a str>,
    /// Plan or report: the rule it says it fulfils.
    pub rule: Option<&'a str>,
}

impl<'a, T: AsRef<str>> Fact<'a, T> {
    fn new(kind: RecordKind, unit: &'a str, date: NaiveDate) -> Fact<'a, T> {
        Fact {
            kind,
            unit,
            date,
            sent: None,
            topics: &[],
            channel: None,
            time: None,
            minutes: None,
            activity: None,
            count: 1,
            participants: None,
            period: None,
            rule: None,
        }
    }
}

impl Article {
    pub fn fact(&self) -> Fact<'_, String> {
        Fact {
            sent: self.sent,
            topics: &self.topics,
            channel: self.channel.as_deref(),
            ..Fact::new(RecordKind::Article, &self.unit, self.date)
        }
    }
}

impl Broadcast {
    pub fn fact(&self) -> Fact<'_, String> {
        Fact {
            time: Some(self.time),
            minutes: self.minutes,
            channel: self.channel.as_deref(),
            ..Fact::new(RecordKind::Broadcast, &self.unit, self.date)
        }
    }
}

impl Submission {
    pub fn fact(&self) -> Fact<'_, String> {
        Fact {
            period: self.period.as_deref(),
            rule: self.rule.as_deref(),
            ..Fact::new(self.kind.record(), &self.unit, self.date)
        }
    }
}

impl Activity {
    pub fn fact(&self) -> Fact<'_, String> {
        Fact {
            activity: Some(&self.activity),
            count: self.count,
            participants: self.participants,
            ..Fact::new(RecordKind::Activity, &self.unit, self.date)
        }
    }
}

impl crate::record::Record {
    pub fn fact(&self) -> Fact<'_, String> {
        use crate::record::Record;
        match self {
            Record::Article(a) => a.fact(),
            Record::Broadcast(b) => b.fact(),
            Record::Submission(s) => s.fact(),
            Record::Activity(h) => h.fact(),
        }
    }
}

impl<'a> View<'a> {
    /// The fact of a record line; none for a void.
    pub fn fact(&self) -> Option<Fact<'_, crate::record::Text<'a>>> {
        Some(match self {
            View::Article {
                unit,
                date,
                topics,
                channel,
                sent,
                ..
            } => Fact {
                sent: *sent,
                topics,
                channel: channel.as_deref(),
                ..Fact::new(RecordKind::Article, unit, *date)
            },
            View::Broadcast {
                unit,
                date,
                time,
                minutes,
                channel,
                ..
            } => Fact {
                time: Some(*time),
                minutes: *minutes,
                channel: channel.as_deref(),
                ..Fact::new(RecordKind::Broadcast, unit, *date)
            },
            View::Submission {
                unit,
                kind,
                period,
                date,
                rule,
                ..
            } => Fact {
                period: period.as_deref(),
                rule: rule.as_deref(),
                ..Fact::new(kind.record(), unit, *date)
            },
            View::Activity {
                unit,
                date,
                activity,
                count,
                participants,
                ..
            } => Fact {
                activity: Some(activity),
                count: *count,
                participants: *participants,
                ..Fact::new(RecordKind::Activity, unit, *date)
            },
            View::Void { .. } => return None,
        })
    }
}

impl AsRef<str> for crate::record::Text<'_> {
    fn as_ref(&self) -> &str {
        self
    }
}

/// Why a record does not count for a quota rule of its kind and unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Miss {
    /// An article with none of the rule's topics.
    Topic,
    /// On a channel the rule does not count (or on none, where it names some).
    Channel,
    /// A broadcast outside the peak windows.
    OffPeak,
    /// A record on a weekday the rule does not count.
    Weekday,
    /// On the rule's weekday, but not the one of the month it counts (`nth`).
    NotNth,
    /// A broadcast shorter than `min_minutes`, or without minutes.
    TooShort,
    /// An activity of a type the rule does not count.
    Activity,
    /// Nothing to add under the rule's measure (no participants, no minutes).
    NothingToMeasure,
}

impl Quota {
    /// How much `fact` (a record of this quota's kind) adds to this rule (its weight
    /// under `measure`), or why it adds nothing. The unit and the period are the
    /// caller's business.
    pub fn admits<T: AsRef<str>>(&self, plan: &Plan, fact: &Fact<T>) -> Result<u32, Miss> {
        debug_assert_eq!(
            fact.kind, self.record,
            "callers pick rules of the record's kind"
        );
        if !self.topics.is_empty()
            && !fact
                .topics
                .iter()
                .any(|t| self.topics.iter().any(|r| r == t.as_ref()))
        {
            return Err(Miss::Topic);
        }
        if !self.channels.is_empty()
            && !fact
                .channel
                .is_some_and(|c| self.channels.iter().any(|r| r == c))
        {
            return Err(Miss::Channel);
        }
        if self.peak_only && !fact.time.is_some_and(|t| plan.is_peak(t)) {
            return Err(Miss::OffPeak);
        }
        // The day checked is the one that places the record in a period.
        let day = self.placed_on(fact);
        if !self.weekdays.is_empty() && !self.weekdays.contains(&day.weekday()) {
            return Err(Miss::Weekday);
        }
        if !self.nth.is_empty() && !self.nth.iter().any(|n| n.holds(day)) {
            return Err(Miss::NotNth);
        }
        if let Some(min) = self.min_minutes
            && fact.minutes.is_none_or(|m| m < min)
        {
            return Err(Miss::TooShort);
        }
        if !self.activities.is_empty()
            && !fact
                .activity
                .is_some_and(|a| self.activities.iter().any(|r| r == a))
        {
            return Err(Miss::Activity);
        }
        let weight = match self.measure {
            Measure::Records => 1,
            Measure::Count => fact.count,
            Measure::Participants => fact.participants.unwrap_or(0),
            Measure::Minutes => fact.minutes.unwrap_or(0),
        };
        if weight == 0 {
            return Err(Miss::NothingToMeasure);
        }
        Ok(weight)
    }

    /// The day that places `fact` in a period: `sent` for `count_by = "sent"` when
    /// known, else the record's date.
    pub fn placed_on<T: AsRef<str>>(&self, fact: &Fact<T>) -> NaiveDate {
        match self.count_by {
            CountBy::Sent => fact.sent.unwrap_or(fact.date),
            CountBy::Date => fact.date,
        }
    }
}

/// Which rule a plan or report fulfils.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// This rule (index into [`Plan::rules`]).
    Rule(usize),
    /// No rule of its kind covers the unit (for a report: and has its period).
    NoRule,
    /// Several do, and the record names none of them: it counts for none.
    Ambiguous(Vec<usize>),
    /// It names a rule the plan does not have.
    UnknownRule,
    /// It names a rule of another kind, or one that does not cover the unit or
    /// (for a report) does not have its period.
    NotItsRule(usize),
    /// A one-off plan for another year's plan.
    OtherYear,
}

/// The rule a plan or report of unit `unit` fulfils (docs/plan-format.md, "One
/// document fulfils one obligation": every submission fulfils
/// one rule; without `rule`, the only rule of its kind that covers the unit and,
/// for a report, has its period).
pub fn target_rule<T: AsRef<str>>(plan: &Plan, unit: usize, fact: &Fact<T>) -> Target {
    let key = fact.period.and_then(|p| parse_label(p).ok());
    // A one-off plan names the year of the plan it fulfils: last year's plan sent
    // in January counts for last year only; one that names none is the plan's
    // whose range holds its date, like any record.
    if fact.kind == RecordKind::Plan {
        let year = match (fact.period, key) {
            (None, _) => None,
            (Some(_), Some(PeriodKey::Year(year))) => Some(year),
            (Some(_), _) => return Target::OtherYear,
        };
        if !plan.owns_plan_submission(year, fact.date) {
            return Target::OtherYear;
        }
    }
    let fits = |index: usize| {
        let rule = &plan.rules[index];
        rule.record() == fact.kind
            && rule.covers(unit)
            && match &rule.shape {
                Shape::Report { .. } => key.is_some_and(|k| rule.period(k).is_some()),
                _ => true,
            }
    };
    if let Some(named) = fact.rule {
        return match plan.rules.iter().position(|r| r.id == named) {
            None => Target::UnknownRule,
            Some(index) if fits(index) => Target::Rule(index),
            Some(index) => Target::NotItsRule(index),
        };
    }
    let candidates: Vec<usize> = (0..plan.rules.len()).filter(|&i| fits(i)).collect();
    match candidates[..] {
        [] => Target::NoRule,
        [only] => Target::Rule(only),
        _ => Target::Ambiguous(candidates),
    }
}

/// The key of the period a report names, if it parses.
pub fn report_key<T: AsRef<str>>(fact: &Fact<T>) -> Option<PeriodKey> {
    fact.period.and_then(|p| parse_label(p).ok())
}
