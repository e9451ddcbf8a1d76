//! What can be wrong with a plan file, as typed values: each kind of problem is a
//! variant of [`PlanFault`] carrying its data (the rule, the key, the value given),
//! found by `validate.rs` at a line and column. The words, in Vietnamese and
//! English, are in the catalogue (`i18n/plan_fault.rs`), which renders them at the
//! edge in the user's language: the plan does not know the words it is told in.

use chrono::NaiveDate;

use super::RecordKind;
use crate::lang::Lang;
use crate::period::{Every, PeriodName};
use crate::text::ControlCharacter;

/// A plan that cannot be used, with every problem found in it. Rendered
/// (`text(lang)`, `Display`) by the catalogue.
#[derive(Debug)]
pub struct PlanError {
    /// The file as the user named it, or `plan.toml (built-in)`.
    pub file: String,
    pub problems: Vec<PlanProblem>,
    /// The plan's own `lang`, when it could be read: the language to say them in
    /// unless `--lang` or `CCHC_LANG` says otherwise.
    pub lang: Option<Lang>,
}

impl std::error::Error for PlanError {}

/// One problem found in a plan file, at a line and column (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanProblem {
    pub line: usize,
    pub column: usize,
    pub fault: PlanFault,
}

/// The tables whose entries have ids: what an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Unit,
    Topic,
    Rule,
    Kind,
    Channel,
    Activity,
}

impl Table {
    /// The table's name as the plan writes it (`[[unit]]` → `unit`).
    pub fn as_str(self) -> &'static str {
        match self {
            Table::Unit => "unit",
            Table::Topic => "topic",
            Table::Rule => "rule",
            Table::Kind => "kind",
            Table::Channel => "channel",
            Table::Activity => "activity",
        }
    }
}

/// Where a value sits in the plan, as a message names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    /// A key of `[plan]`: `[plan].start`.
    Plan(&'static str),
    /// A key of `[document]`: `[document].plan_date`.
    Document(&'static str),
    /// A key of a rule (`min`), or an entry of one (`dues.2022-H1`, `min_for.xa-a`).
    Rule { rule: String, key: String },
    /// A key named alone (`name`, `title`, `alias`): the line says which table.
    Bare(&'static str),
}

impl Key {
    pub fn rule(rule: &str, key: impl Into<String>) -> Key {
        Key::Rule {
            rule: rule.to_string(),
            key: key.into(),
        }
    }
}

/// Why a key does not belong to a rule of its `record` (what to do instead).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyBelongs {
    /// `due`: only a plan rule has a due date.
    OnlyPlanDue,
    /// `due_day`: only report rules (a plan rule uses `due`).
    OnlyReportsDueDay,
    /// Only report rules have it.
    OnlyReports,
    /// A plan is due once, on `due`: no periods.
    PlanDueOnce,
    /// One record is due: no quota keys.
    OneRecordDue,
    /// Plans and reports are each unit's own: no `scope`.
    UnitsOwn,
    OnlyArticleTopics,
    OnlyArticles,
    OnlyArticleBroadcastChannels,
    OnlyBroadcasts,
    /// Only quota rules count by weekday.
    OnlyByWeekday,
    OnlyActivities,
}

/// Each kind of problem a plan can have, with what the message needs to say it.
/// Every variant is in the catalogue's examples, which a test walks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanFault {
    /// The file is not UTF-8 text.
    NotUtf8,
    /// A key given a number too large to read.
    TomlNumberTooLarge {
        key: String,
    },
    /// A key given a value of the wrong type (the TOML reader's words).
    TomlWrongType {
        key: String,
        message: String,
    },
    TomlNoPlanTable,
    /// A required key is missing (the TOML reader's words after "missing field").
    TomlMissingKey {
        rest: String,
    },
    /// A key that is not known here (the TOML reader's words after "unknown field").
    TomlUnknownKey {
        rest: String,
    },
    /// Any other TOML error (the reader's words).
    TomlSyntax {
        message: String,
    },
    /// A date written as people write it (`15/3/2026`, or quoted): TOML dates are
    /// `2026-03-15`, unquoted. `as_written` is the value on the line; `day`, the
    /// date it means when it is one.
    TomlDateAsWritten {
        key: Option<String>,
        as_written: String,
        day: Option<chrono::NaiveDate>,
    },
    /// A text holding a control character.
    ControlCharacter {
        key: Key,
        character: ControlCharacter,
    },
    SignerFormUnknown {
        given: String,
    },
    SignerFormWithoutFor {
        form: String,
    },
    SignerForWithoutForm,
    PlanNumberWithoutDate,
    PlanDateWithoutNumber,
    /// `[plan].title` or `[plan].issuer` is blank.
    PlanTextBlank {
        key: &'static str,
    },
    EndBeforeStart {
        start: NaiveDate,
        end: NaiveDate,
    },
    PlanTooLong {
        start: NaiveDate,
        end: NaiveDate,
        days: i64,
    },
    LangUnknown {
        given: String,
    },
    /// A `[plan].peak_hours` entry that is not a window (why, in English, from
    /// its reader).
    PeakHoursBad {
        given: String,
        why: String,
    },
    DueSoonDaysOutOfRange {
        given: i64,
        max: i64,
    },
    CutoffDayOutOfRange {
        given: i64,
    },
    UtcOffsetBad {
        given: String,
    },
    /// A unit's kind that no `[[kind]]` has.
    UnitKindNotListed {
        unit: String,
        kind: String,
        closest: Option<String>,
    },
    NameBlank {
        table: Table,
        id: String,
    },
    DefaultChannelTwice {
        channel: String,
        first: String,
        first_line: usize,
    },
    IdInvalid {
        table: Table,
        id: String,
    },
    IdDuplicate {
        table: Table,
        id: String,
        first_line: usize,
    },
    UnitKindNotOneWord {
        unit: String,
        kind: String,
    },
    AliasBlank {
        unit: String,
    },
    AliasTaken {
        unit: String,
        alias: String,
        other: String,
    },
    FeedNotWeb {
        unit: String,
        given: String,
    },
    EmailBad {
        unit: String,
        given: String,
    },
    PhoneBad {
        unit: String,
        given: String,
    },
    RuleTitleBlank {
        rule: String,
    },
    ScopeUnknown {
        rule: String,
        given: String,
    },
    /// A rule names a unit, topic, channel or activity the plan does not have.
    RuleNamesUnknown {
        rule: String,
        table: Table,
        given: String,
        closest: Option<String>,
    },
    RuleKindUnknown {
        rule: String,
        kind: String,
        closest: Option<String>,
    },
    RuleCoversNoUnit {
        rule: String,
    },
    RecordUnknown {
        rule: String,
        given: String,
    },
    QuotaWithoutMin {
        rule: String,
    },
    PeakOnlyWithoutPeakHours {
        rule: String,
    },
    CountByUnknown {
        rule: String,
        given: String,
    },
    MinForWithTogether {
        rule: String,
    },
    PlanRuleWithoutDue {
        rule: String,
    },
    DueOutsidePlan {
        rule: String,
        due: NaiveDate,
        start: NaiveDate,
        end: NaiveDate,
    },
    ReportWeekly {
        rule: String,
    },
    DueDayAndAfterDays {
        rule: String,
    },
    ReportWithoutDue {
        rule: String,
    },
    /// `dues` has no date for a period of the rule (its label).
    DuesMissingPeriod {
        rule: String,
        period: String,
    },
    EveryAndPeriods {
        rule: String,
    },
    MonthsWithPeriods {
        rule: String,
    },
    PeriodTwice {
        rule: String,
        name: PeriodName,
    },
    PeriodUnknown {
        rule: String,
        given: String,
    },
    PeriodsEmpty {
        rule: String,
    },
    ScheduleMissing {
        rule: String,
        record: RecordKind,
    },
    EveryUnknown {
        rule: String,
        given: String,
    },
    MonthsNotWeekOrMonth {
        rule: String,
        every: Every,
    },
    MonthsEmpty {
        rule: String,
    },
    RuleCutoffWithPlanCutoff {
        rule: String,
    },
    CutoffOnPlanRule {
        rule: String,
    },
    CutoffOnWeeklyRule {
        rule: String,
    },
    NthWithoutWeekdays {
        rule: String,
    },
    /// An `nth` entry that is not 1 to 5 or "last" (as the plan writes it).
    NthBad {
        rule: String,
        given: String,
    },
    NthEmpty {
        rule: String,
    },
    /// A key that does not belong to a rule of this `record`.
    KeyMisplaced {
        rule: String,
        key: &'static str,
        record: RecordKind,
        belongs: KeyBelongs,
    },
    /// A number outside `low..=high`.
    OutOfRange {
        key: Key,
        value: i64,
        low: i64,
        high: i64,
    },
    WeekdayUnknown {
        rule: String,
        given: String,
    },
    MeasureNotFor {
        rule: String,
        given: String,
        record: RecordKind,
    },
    MeasureUnknown {
        rule: String,
        given: String,
    },
    MinForUnknownUnit {
        rule: String,
        unit: String,
        closest: Option<String>,
    },
    MinForUnitNotCovered {
        rule: String,
        unit: String,
    },
    /// A `dues` label that is not a period label (why, in English, from its reader).
    DuesLabelBad {
        key: Key,
        label: String,
        why: String,
    },
    /// A `dues` label that is no period of the rule (its periods, joined).
    DuesNotAPeriod {
        key: Key,
        label: String,
        periods: String,
    },
    /// A value that should be a plain date.
    NotADate {
        key: Key,
    },
}
