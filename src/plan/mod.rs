//! The plan: who must publish, broadcast or submit what, and by when.
//!
//! A plan is read from TOML ([`Plan::parse`]) and checked whole before anything uses
//! it (`validate.rs`); once built, a [`Plan`] is known to be consistent: every rule
//! names real units and topics and has the fields its shape needs.

mod lookup;
mod problem;
pub mod rollover;
mod validate;

use std::collections::HashMap;
use std::fmt;

use chrono::{NaiveDate, NaiveTime, Weekday};

use crate::lang::Lang;
use crate::period::{Calendar, Every, Period, PeriodKey, Schedule, day_of_month_clamped};

pub use lookup::{Names, UnitLookupError, UnitNames, find_named, fold};
pub use problem::{Key, KeyBelongs, PlanError, PlanFault, PlanProblem, Table};
pub(crate) use validate::closest;

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
    /// `[plan].cutoff_day`: month-based periods end on this day (second edition).
    pub cutoff_day: Option<u32>,
    /// `[plan].utc_offset`: the local time feeds' publication times are read in
    /// (default UTC+7).
    pub utc_offset: chrono::FixedOffset,
    pub units: Vec<Unit>,
    pub topics: Vec<Topic>,
    /// `[[kind]]`: names of unit kinds (empty when the plan has none).
    pub kind_names: Vec<Named>,
    /// `[[channel]]`: where items appear.
    pub channels: Vec<Channel>,
    /// `[[activity]]`: other work the plan counts.
    pub activities: Vec<Named>,
    pub rules: Vec<Rule>,
    /// `[document]`: the headings of the report handed in.
    pub document: Document,
    /// Unit id → index into `units`, for lookups per record.
    pub(crate) unit_positions: HashMap<String, usize>,
    /// The ranges (first and last day) of the other plans of its data directory,
    /// set by [`crate::plans::Plans`]; empty for a plan alone. They decide which
    /// one-off plan submissions are this plan's ([`Plan::owns_plan_submission`]).
    pub neighbours: Vec<(NaiveDate, NaiveDate)>,
}

/// `[document]`: how the report handed in is headed and signed (every key
/// optional; `cchc report --format docx` prints a marked placeholder for what is
/// missing and names the key on stderr). See docs/van-ban.md.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The body directly above the issuer ("UBND TỈNH BÌNH THUẬN"), printed above
    /// it when the issuer itself signs.
    pub parent: Option<String>,
    /// The reporting office, under the issuer ("PHÒNG NỘI VỤ").
    pub office: Option<String>,
    /// Where it is signed ("Hàm Tân").
    pub place: Option<String>,
    /// The document code after "Số:" ("BC-PNV").
    pub code: Option<String>,
    /// The number of the plan reported on ("45/KH-UBND").
    pub plan_number: Option<String>,
    /// The day the plan reported on was signed.
    pub plan_date: Option<chrono::NaiveDate>,
    /// "Kính gửi": whom the report is addressed to.
    pub to: Vec<String>,
    /// How the signer signs for the head or the body: "TM.", "KT.", ...
    pub signer_form: Option<SignerForm>,
    /// What follows the form: the body (TM.) or the head's title (KT., Q., TL., TUQ.).
    pub signer_for: Option<String>,
    /// The signer's own title, one entry per printed line.
    pub signer_title: Vec<String>,
    pub signer_name: Option<String>,
    pub recipients: Vec<String>,
}

/// How a document is signed when the head does not sign in their own name
/// (Nghị định 30/2020, Phụ lục I: TM., KT., Q., TL., TUQ.).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignerForm {
    /// "TM.": on behalf of a collective body (thay mặt).
    OnBehalf,
    /// "KT.": a deputy signs for the head (ký thay).
    ForTheHead,
    /// "Q.": acting head (quyền).
    Acting,
    /// "TL.": by order of the head (thừa lệnh).
    ByOrder,
    /// "TUQ.": by the head's authorisation (thừa ủy quyền).
    Authorised,
}

impl SignerForm {
    pub const ALL: [SignerForm; 5] = [
        SignerForm::OnBehalf,
        SignerForm::ForTheHead,
        SignerForm::Acting,
        SignerForm::ByOrder,
        SignerForm::Authorised,
    ];

    /// The form as printed and as written in the plan: "TM.", "KT.", ...
    pub fn as_str(self) -> &'static str {
        match self {
            SignerForm::OnBehalf => "TM.",
            SignerForm::ForTheHead => "KT.",
            SignerForm::Acting => "Q.",
            SignerForm::ByOrder => "TL.",
            SignerForm::Authorised => "TUQ.",
        }
    }

    /// The form a plan names, with or without its dot, in any case.
    pub fn parse(text: &str) -> Option<SignerForm> {
        let text = text.trim();
        let key = text.strip_suffix('.').unwrap_or(text).to_uppercase();
        SignerForm::ALL
            .into_iter()
            .find(|f| f.as_str().trim_end_matches('.') == key)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub kind: String,
    /// Other names the unit goes by ("Sơn Mỹ", "xã Sơn Mỹ"): `--unit`, imports and
    /// the portal's feed recognise them.
    pub aliases: Vec<String>,
    /// Where `remind` messages go, for a mail script: an e-mail address.
    pub email: Option<String>,
    /// A phone number (digits, as written), for a script that sends texts.
    pub phone: Option<String>,
    /// `feed`: the unit's own portal's RSS or Atom address, read by `import --feed`
    /// without an address.
    pub feed: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    pub id: String,
    pub name: String,
}

/// An id with a name: a unit kind or an activity type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub id: String,
    pub name: String,
}

/// Where an item appears: the portal, a newspaper, the radio ...
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Channel {
    pub id: String,
    pub name: String,
    /// The channel of an item logged without `--channel`.
    pub default: bool,
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
    pub scope: Scope,
    pub shape: Shape,
    /// Which periods it repeats in (`every`, `months`, `periods`); `None` for a
    /// one-off deadline.
    pub schedule: Option<Schedule>,
    /// The cut-off day its periods follow: its own `cutoff_day`, else the plan's.
    pub cutoff_day: Option<u32>,
    /// Its periods in the plan, in order, made once from the keys above (a
    /// deadline's single `once`, from the plan's start to its due date).
    pub periods: Vec<Period>,
}

/// Whether a rule gives one obligation per unit or one for all its units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    Each,
    /// One obligation per period; every unit's records add to one `done`.
    Together,
}

/// What a rule asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// At least `min` (of the rule's measure) in every period.
    Quota(Quota),
    /// One plan, submitted on or before `due`.
    Deadline { due: NaiveDate },
    /// One report per period, due as [`ReportDue`] says.
    Report { due: ReportDue },
}

/// A quota rule: what counts, how it is measured, how much is required.
#[derive(Debug, Clone, PartialEq)]
pub struct Quota {
    /// Article, broadcast or activity.
    pub record: RecordKind,
    pub min: u32,
    /// Per-unit exceptions to `min`: (index into [`Plan::units`], minimum).
    pub min_for: Vec<(usize, u32)>,
    pub measure: Measure,
    /// Which date places an article in a period.
    pub count_by: CountBy,
    /// Topic ids; an article counts when it has one of them (empty: any article).
    pub topics: Vec<String>,
    /// Only broadcasts that start inside a peak window count.
    pub peak_only: bool,
    /// Channel ids; only items on these channels count (empty: any).
    pub channels: Vec<String>,
    /// Shorter broadcasts (or ones without minutes) do not count.
    pub min_minutes: Option<u32>,
    /// Only records placed on these days count (empty: any day).
    pub weekdays: Vec<Weekday>,
    /// With `weekdays`: only the n-th such day of its month counts (empty: any).
    pub nth: Vec<Nth>,
    /// Activity ids that count (empty: any activity).
    pub activities: Vec<String>,
}

impl Quota {
    /// A quota of `min` records of `record` a period, with nothing narrowed.
    pub fn new(record: RecordKind, min: u32) -> Quota {
        Quota {
            record,
            min,
            min_for: Vec::new(),
            measure: Measure::Records,
            count_by: CountBy::Date,
            topics: Vec::new(),
            peak_only: false,
            channels: Vec::new(),
            min_minutes: None,
            weekdays: Vec::new(),
            nth: Vec::new(),
            activities: Vec::new(),
        }
    }
}

/// Which of a month's weekdays counts (`nth`): the first to fifth, or the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nth {
    /// 1 to 5.
    Number(u32),
    Last,
}

impl Nth {
    /// Whether `date` is this weekday of its month (the 1st to 7th day is the
    /// first such weekday, the last seven days hold the last).
    pub fn holds(self, date: chrono::NaiveDate) -> bool {
        use chrono::Datelike;
        match self {
            Nth::Number(n) => (date.day() - 1) / 7 + 1 == n,
            Nth::Last => {
                crate::period::last_day_of_month(date.year(), date.month()).day() - date.day() < 7
            }
        }
    }
}

/// What a quota's `min` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Records (the default).
    Records,
    /// The sum of activities' `count`.
    Count,
    /// The sum of activities' `participants`.
    Participants,
    /// The sum of broadcasts' `minutes`.
    Minutes,
}

impl Measure {
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Records => "records",
            Measure::Count => "count",
            Measure::Participants => "participants",
            Measure::Minutes => "minutes",
        }
    }
}

/// Which date of an article places it in a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountBy {
    /// The day it appeared (the default).
    Date,
    /// The day the unit sent it, when known; else the day it appeared.
    Sent,
}

/// When each report of a rule is due.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReportDue {
    /// Day N of the period's last month (clamped to its last day).
    pub day: Option<u32>,
    /// N days after the period ends.
    pub after_days: Option<u32>,
    /// Due dates of named periods, overriding the two above.
    pub dues: Vec<(PeriodKey, NaiveDate)>,
}

impl ReportDue {
    /// The due date of the report for `period`. Validation makes sure every
    /// period has one; a period it does not cover is due at its end.
    pub fn of(&self, period: &Period) -> NaiveDate {
        if let Some((_, date)) = self.dues.iter().find(|(key, _)| *key == period.key) {
            *date
        } else if let Some(day) = self.day {
            day_of_month_clamped(period.end, day)
        } else if let Some(days) = self.after_days {
            period.end + chrono::Duration::days(i64::from(days))
        } else {
            period.end
        }
    }
}

impl Rule {
    /// The kind of record that fulfils this rule.
    pub fn record(&self) -> RecordKind {
        match &self.shape {
            Shape::Quota(q) => q.record,
            Shape::Deadline { .. } => RecordKind::Plan,
            Shape::Report { .. } => RecordKind::Report,
        }
    }

    /// How much each period asks of `unit` (`None`: the rule's units together).
    pub fn required(&self, unit: Option<usize>) -> u32 {
        match &self.shape {
            Shape::Quota(q) => unit
                .and_then(|u| q.min_for.iter().find(|(i, _)| *i == u))
                .map_or(q.min, |(_, min)| *min),
            Shape::Deadline { .. } | Shape::Report { .. } => 1,
        }
    }

    /// The kind of period it repeats in, for `every` rules (`None` for `periods`
    /// rules and one-off deadlines).
    pub fn every(&self) -> Option<Every> {
        match &self.schedule {
            Some(Schedule::Every { every, .. }) => Some(*every),
            _ => None,
        }
    }

    /// Its calendar: the plan's range with the cut-off day its periods follow.
    pub fn calendar(&self, plan: &Plan) -> Calendar {
        Calendar {
            cutoff: self.cutoff_day,
            ..plan.calendar()
        }
    }

    /// The quota, for quota rules.
    pub fn quota(&self) -> Option<&Quota> {
        match &self.shape {
            Shape::Quota(q) => Some(q),
            _ => None,
        }
    }

    /// Its periods that hold `day` (for a quota, the day that places a record):
    /// at most one for `every`; with `periods`, a day may lie in Q1, H1, 9M and
    /// the year. The evaluator finds the same periods by arithmetic
    /// (`crate::evaluate`), for speed.
    pub fn periods_holding(&self, day: NaiveDate) -> impl Iterator<Item = &Period> {
        self.periods.iter().filter(move |p| p.contains(day))
    }

    /// Its period labelled `key`, if it has one (what a report names).
    pub fn period(&self, key: PeriodKey) -> Option<&Period> {
        self.periods.iter().find(|p| p.key == key)
    }

    /// Whether it covers unit `unit` (index into [`Plan::units`]).
    pub fn covers(&self, unit: usize) -> bool {
        self.applies_to.binary_search(&unit).is_ok()
    }

    /// The last day to meet the obligation of `period`: its end for quotas.
    pub fn due(&self, period: &Period) -> NaiveDate {
        match &self.shape {
            Shape::Quota(_) => period.end,
            Shape::Deadline { due } => *due,
            Shape::Report { due, .. } => due.of(period),
        }
    }
}

/// The kinds of record a rule can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordKind {
    Article,
    Broadcast,
    Plan,
    Report,
    Activity,
}

impl RecordKind {
    pub const ALL: [RecordKind; 5] = [
        RecordKind::Article,
        RecordKind::Broadcast,
        RecordKind::Plan,
        RecordKind::Report,
        RecordKind::Activity,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Article => "article",
            RecordKind::Broadcast => "broadcast",
            RecordKind::Plan => "plan",
            RecordKind::Report => "report",
            RecordKind::Activity => "activity",
        }
    }

    pub fn parse(s: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Position in [`RecordKind::ALL`], for tables indexed by kind.
    pub fn index(self) -> usize {
        self as usize
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
            lang: toml::from_str::<toml::Table>(text).ok().and_then(|t| {
                t.get("plan")?
                    .get("lang")?
                    .as_str()
                    .and_then(crate::lang::Lang::parse)
            }),
        })
    }

    /// The built-in plan (the repository's `plan.toml`).
    pub fn built_in() -> Plan {
        Plan::parse(BUILT_IN_PLAN, "plan.toml (built-in)").expect("the built-in plan is valid")
    }

    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.unit_index(id).map(|i| &self.units[i])
    }

    pub fn unit_index(&self, id: &str) -> Option<usize> {
        self.unit_positions.get(id).copied()
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    pub fn rule_index(&self, id: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.id == id)
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// The plan's year: the year of its end (a cut-off plan 2022-12-15..2023-12-14
    /// is 2023's).
    pub fn year(&self) -> i32 {
        chrono::Datelike::year(&self.end)
    }

    /// Whether a unit's one-off plan dated `date` is for this plan. `year` is the
    /// year of the plan it names (`period`); `None` for one logged before plans
    /// named their year. Among the plans of the data directory (of that year, when
    /// it names one) it is the one whose range holds the date. Else, naming a year,
    /// the first of that year that ends after the date, else the last (a plan sent
    /// late); naming none, the latest that started before the date, else the
    /// earliest. So of two plans of one year (one replaced from 1 July), each
    /// counts only its own, and last year's plan never counts for this year's.
    pub fn owns_plan_submission(&self, year: Option<i32>, date: NaiveDate) -> bool {
        use chrono::Datelike;
        if year.is_some_and(|y| y != self.year()) {
            return false;
        }
        let mine = (self.start, self.end);
        let mut ranges: Vec<(NaiveDate, NaiveDate)> = self
            .neighbours
            .iter()
            .copied()
            .filter(|(_, end)| year.is_none_or(|y| end.year() == y))
            .chain([mine])
            .collect();
        ranges.sort();
        let owner = match year {
            Some(_) => ranges.iter().find(|(_, end)| date <= *end),
            None => ranges
                .iter()
                .find(|(start, end)| *start <= date && date <= *end)
                .or_else(|| ranges.iter().rev().find(|(start, _)| *start <= date)),
        };
        let owner = owner.or(match year {
            Some(_) => ranges.last(),
            None => ranges.first(),
        });
        owner == Some(&mine)
    }

    /// The plan's calendar: its range and cut-off day.
    pub fn calendar(&self) -> Calendar {
        Calendar {
            start: self.start,
            end: self.end,
            cutoff: self.cutoff_day,
        }
    }

    pub fn channel(&self, id: &str) -> Option<&Channel> {
        self.channels.iter().find(|c| c.id == id)
    }

    /// The channel of an item logged without one.
    pub fn default_channel(&self) -> Option<&Channel> {
        self.channels.iter().find(|c| c.default)
    }

    pub fn activity(&self, id: &str) -> Option<&Named> {
        self.activities.iter().find(|a| a.id == id)
    }

    /// The name of a unit kind: its `[[kind]]` name, else the kind id itself.
    pub fn kind_name<'a>(&'a self, kind: &'a str) -> &'a str {
        self.kind_names
            .iter()
            .find(|k| k.id == kind)
            .map_or(kind, |k| k.name.as_str())
    }

    /// Whether `date` lies in the plan's range.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// Whether a record of `kind` may be dated `date`: inside the plan's range, on a
    /// day of a period of one of its kind's rules (a whole first or last week), or,
    /// for a plan or report, any day after the plan's start (late work, and a Q4
    /// report due in January). The as-of date limits it further.
    pub fn accepts_date(&self, kind: RecordKind, date: NaiveDate) -> bool {
        if self.covers(date) {
            return true;
        }
        match kind {
            RecordKind::Plan | RecordKind::Report => date >= self.start,
            _ => self
                .rules
                .iter()
                .filter(|r| r.record() == kind)
                .any(|r| r.periods.iter().any(|p| p.contains(date))),
        }
    }

    /// Whether a report rule of the plan has the period `key`.
    pub fn has_report_period(&self, key: PeriodKey) -> bool {
        self.rules
            .iter()
            .any(|r| r.record() == RecordKind::Report && r.period(key).is_some())
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
            .filter(move |r| r.record() == record && r.covers(unit_index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signing_forms_are_read_with_or_without_their_dot() {
        assert_eq!(SignerForm::parse("KT."), Some(SignerForm::ForTheHead));
        assert_eq!(SignerForm::parse(" tm "), Some(SignerForm::OnBehalf));
        assert_eq!(SignerForm::parse("Tuq."), Some(SignerForm::Authorised));
        assert_eq!(SignerForm::parse("Q"), Some(SignerForm::Acting));
        assert_eq!(SignerForm::parse("TL."), Some(SignerForm::ByOrder));
        for bad in ["", ".", "KT..", "TT.", "Ký thay"] {
            assert_eq!(SignerForm::parse(bad), None, "{bad}");
        }
        for form in SignerForm::ALL {
            assert_eq!(SignerForm::parse(form.as_str()), Some(form));
        }
    }

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
