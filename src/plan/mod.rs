//! The plan: who must publish, broadcast or submit what, and by when.
//!
//! A plan is read from TOML ([`Plan::parse`]) and checked whole before anything uses
//! it (`validate.rs`); once built, a [`Plan`] is known to be consistent: every rule
//! names real units and topics and has the fields its shape needs.

mod lookup;
mod validate;

use std::fmt;

use chrono::{NaiveDate, NaiveTime};

use crate::error::PlanError;
use crate::i18n::Lang;
use crate::period::Every;

pub use lookup::{UnitLookupError, fold};
pub(crate) use validate::suggestion;

/// The repository's `plan.toml`, compiled in: the Hàm Tân 2022 plan.
pub const BUILT_IN_PLAN: &str = include_str!("../../plan.toml");

/// A validated plan.
#[derive(Debug, Clone)]
pub struct Plan {
    pub title: String,
    pub issuer: String,
    /// First day of the plan (inclusive).
    pub start: NaiveDate,
    /// Last day of the plan (inclusive).
    pub end: NaiveDate,
    pub lang: Option<Lang>,
    pub peak_hours: Vec<TimeWindow>,
    pub due_soon_days: u32,
    pub units: Vec<Unit>,
    pub topics: Vec<Topic>,
    pub rules: Vec<Rule>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub title: String,
    pub clause: Option<String>,
    /// Unit ids named by the rule, as written.
    pub units: Vec<String>,
    /// Unit kinds named by the rule, as written.
    pub kinds: Vec<String>,
    /// Indices into [`Plan::units`] of every unit the rule applies to, in plan order.
    pub applies_to: Vec<usize>,
    pub shape: Shape,
}

/// What a rule asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// At least `min` records of `record` kind in every period.
    Quota {
        record: RecordKind,
        every: Every,
        min: u32,
        /// Topic ids; an article counts when it has one of them (empty: any article).
        topics: Vec<String>,
        /// Only broadcasts that start inside a peak window count.
        peak_only: bool,
    },
    /// One plan, submitted on or before `due`.
    Deadline { due: NaiveDate },
    /// One report per period, due on `due_day` of the period's last month.
    Report { every: Every, due_day: u32 },
}

impl Rule {
    /// The kind of record that fulfils this rule.
    pub fn record(&self) -> RecordKind {
        match self.shape {
            Shape::Quota { record, .. } => record,
            Shape::Deadline { .. } => RecordKind::Plan,
            Shape::Report { .. } => RecordKind::Report,
        }
    }

    /// How many records each period asks for.
    pub fn required(&self) -> u32 {
        match self.shape {
            Shape::Quota { min, .. } => min,
            Shape::Deadline { .. } | Shape::Report { .. } => 1,
        }
    }

    pub fn every(&self) -> Option<Every> {
        match self.shape {
            Shape::Quota { every, .. } | Shape::Report { every, .. } => Some(every),
            Shape::Deadline { .. } => None,
        }
    }
}

/// The four kinds of record a rule can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordKind {
    Article,
    Broadcast,
    Plan,
    Report,
}

impl RecordKind {
    pub const ALL: [RecordKind; 4] = [
        RecordKind::Article,
        RecordKind::Broadcast,
        RecordKind::Plan,
        RecordKind::Report,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Article => "article",
            RecordKind::Broadcast => "broadcast",
            RecordKind::Plan => "plan",
            RecordKind::Report => "report",
        }
    }

    pub fn parse(s: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for RecordKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A daily time window, start included and end excluded: `05:00-06:30`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeWindow {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl TimeWindow {
    pub fn contains(&self, time: NaiveTime) -> bool {
        self.start <= time && time < self.end
    }

    /// Parses `HH:MM-HH:MM` with start before end.
    pub fn parse(s: &str) -> Result<TimeWindow, String> {
        let (a, b) = s
            .split_once('-')
            .ok_or_else(|| format!("`{s}` is not a time window; write it as HH:MM-HH:MM"))?;
        let start = parse_clock(a.trim())?;
        let end = parse_clock(b.trim())?;
        if start >= end {
            return Err(format!(
                "time window `{s}` ends before it starts; a window cannot cross midnight"
            ));
        }
        Ok(TimeWindow { start, end })
    }
}

impl fmt::Display for TimeWindow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{}",
            self.start.format("%H:%M"),
            self.end.format("%H:%M")
        )
    }
}

/// Parses a clock time `HH:MM` (24 hours; `H:MM` is accepted).
pub fn parse_clock(s: &str) -> Result<NaiveTime, String> {
    let bad = || format!("`{s}` is not a time; write it as HH:MM, e.g. 17:30");
    let (h, m) = s.split_once(':').ok_or_else(bad)?;
    let digits = |t: &str, max_len| {
        !t.is_empty() && t.len() <= max_len && t.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(h, 2) || !digits(m, 2) || m.len() != 2 {
        return Err(bad());
    }
    NaiveTime::from_hms_opt(
        h.parse().map_err(|_| bad())?,
        m.parse().map_err(|_| bad())?,
        0,
    )
    .ok_or_else(bad)
}

/// Checks that an id is `[a-z0-9-]+`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl Plan {
    /// Parses and validates a plan; `file` names it in error messages.
    pub fn parse(text: &str, file: &str) -> Result<Plan, PlanError> {
        validate::parse_plan(text).map_err(|problems| PlanError {
            file: file.to_string(),
            problems,
        })
    }

    /// The built-in plan (the repository's `plan.toml`).
    pub fn built_in() -> Plan {
        Plan::parse(BUILT_IN_PLAN, "plan.toml (built-in)").expect("the built-in plan is valid")
    }

    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }

    pub fn unit_index(&self, id: &str) -> Option<usize> {
        self.units.iter().position(|u| u.id == id)
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Whether `date` lies in the plan's range.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// Whether a broadcast starting at `time` starts inside a peak window.
    pub fn is_peak(&self, time: NaiveTime) -> bool {
        self.peak_hours.iter().any(|w| w.contains(time))
    }

    /// Unit kinds in the order they first appear in the plan.
    pub fn kinds(&self) -> Vec<&str> {
        let mut kinds: Vec<&str> = Vec::new();
        for unit in &self.units {
            if !kinds.contains(&unit.kind.as_str()) {
                kinds.push(&unit.kind);
            }
        }
        kinds
    }

    /// The rules of `record` kind that apply to unit `unit_index`.
    pub fn rules_for(&self, unit_index: usize, record: RecordKind) -> impl Iterator<Item = &Rule> {
        self.rules
            .iter()
            .filter(move |r| r.record() == record && r.applies_to.contains(&unit_index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_windows_include_start_and_exclude_end() {
        let w = TimeWindow::parse("05:00-06:30").unwrap();
        assert!(w.contains(parse_clock("05:00").unwrap()));
        assert!(w.contains(parse_clock("06:29").unwrap()));
        assert!(!w.contains(parse_clock("06:30").unwrap()));
        assert!(!w.contains(parse_clock("04:59").unwrap()));
        assert_eq!(w.to_string(), "05:00-06:30");
    }

    #[test]
    fn bad_time_windows_are_refused() {
        for bad in [
            "06:30-05:00",
            "05:00-05:00",
            "5-6",
            "05:00",
            "24:00-25:00",
            "05:0-06:00",
        ] {
            assert!(TimeWindow::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn clock_times() {
        assert_eq!(
            parse_clock("7:05").unwrap(),
            NaiveTime::from_hms_opt(7, 5, 0).unwrap()
        );
        for bad in [
            "", "7", "07:5", "24:00", "12:60", "ab:cd", "07:005", " 07:00",
        ] {
            assert!(parse_clock(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ids() {
        assert!(is_valid_id("xa-son-my"));
        assert!(is_valid_id("q1-2022"));
        for bad in ["", "Xa", "xa son", "xã", "a_b"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }
}
