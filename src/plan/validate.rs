//! From TOML text to a [`Plan`], or to every problem that stops it being one.
//!
//! Deserialisation keeps the span of each value (`toml::Spanned`) so that a problem
//! found later — a duplicate id, a rule naming a unit that does not exist — can still
//! say on which line it is. Syntax and type errors stop at the first one (the TOML
//! parser cannot go on); every other problem is collected.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use chrono::{NaiveDate, Weekday};
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::problem::{Key, KeyBelongs, PlanFault, PlanProblem, Table};
use super::{
    Channel, CountBy, Document, Measure, Named, Nth, Plan, Quota, RecordKind, ReportDue, Rule,
    Scope, Shape, SignerForm, TimeWindow, Topic, Unit, is_valid_id,
};
use crate::lang::Lang;
use crate::period::{Calendar, Every, Period, PeriodKey, PeriodName, Schedule, parse_label};

/// Default for `[plan].due_soon_days`.
pub const DEFAULT_DUE_SOON_DAYS: u32 = 14;
/// No period is longer than a year; a larger warning time is surely a typo.
const MAX_DUE_SOON_DAYS: i64 = 366;
/// The longest plan: five years (a "giai đoạn 2021–2025" programme). A longer
/// range is a typo (year 0001 to 9999 would mean millions of periods).
pub const MAX_PLAN_DAYS: i64 = 5 * 366;
/// A quota above this is surely a typo (and would not fit the counters).
const MAX_MIN: i64 = 100_000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    plan: Spanned<RawHeader>,
    #[serde(default)]
    unit: Vec<Spanned<RawUnit>>,
    #[serde(default)]
    topic: Vec<Spanned<RawTopic>>,
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
    #[serde(default)]
    kind: Vec<Spanned<RawNamed>>,
    #[serde(default)]
    channel: Vec<Spanned<RawChannel>>,
    #[serde(default)]
    activity: Vec<Spanned<RawNamed>>,
    document: Option<RawDocument>,
}

/// `[document]`: the headings of the report handed in (all optional).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocument {
    parent: Option<Spanned<String>>,
    office: Option<Spanned<String>>,
    place: Option<Spanned<String>>,
    code: Option<Spanned<String>>,
    plan_number: Option<Spanned<String>>,
    plan_date: Option<Spanned<Datetime>>,
    #[serde(default)]
    to: Vec<Spanned<String>>,
    signer_form: Option<Spanned<String>>,
    signer_for: Option<Spanned<String>>,
    signer_title: Option<Spanned<String>>,
    signer_name: Option<Spanned<String>>,
    #[serde(default)]
    recipients: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNamed {
    id: Spanned<String>,
    name: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChannel {
    id: Spanned<String>,
    name: Spanned<String>,
    default: Option<Spanned<bool>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    title: Spanned<String>,
    issuer: Spanned<String>,
    start: Spanned<Datetime>,
    end: Spanned<Datetime>,
    lang: Option<Spanned<String>>,
    #[serde(default)]
    peak_hours: Vec<Spanned<String>>,
    due_soon_days: Option<Spanned<i64>>,
    cutoff_day: Option<Spanned<i64>>,
    utc_offset: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    id: Spanned<String>,
    name: Spanned<String>,
    kind: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    email: Option<Spanned<String>>,
    phone: Option<Spanned<String>>,
    feed: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    id: Spanned<String>,
    name: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    title: Spanned<String>,
    clause: Option<Spanned<String>>,
    #[serde(default)]
    units: Vec<Spanned<String>>,
    #[serde(default)]
    kinds: Vec<Spanned<String>>,
    record: Spanned<String>,
    every: Option<Spanned<String>>,
    min: Option<Spanned<i64>>,
    topics: Option<Spanned<Vec<Spanned<String>>>>,
    peak_only: Option<Spanned<bool>>,
    due: Option<Spanned<Datetime>>,
    due_day: Option<Spanned<i64>>,
    min_for: Option<Spanned<BTreeMap<String, Spanned<i64>>>>,
    scope: Option<Spanned<String>>,
    channels: Option<Spanned<Vec<Spanned<String>>>>,
    count_by: Option<Spanned<String>>,
    min_minutes: Option<Spanned<i64>>,
    weekdays: Option<Spanned<Vec<Spanned<String>>>>,
    activities: Option<Spanned<Vec<Spanned<String>>>>,
    measure: Option<Spanned<String>>,
    due_after_days: Option<Spanned<i64>>,
    dues: Option<Spanned<BTreeMap<String, Spanned<Datetime>>>>,
    periods: Option<Spanned<Vec<Spanned<String>>>>,
    months: Option<Spanned<Vec<Spanned<i64>>>>,
    nth: Option<Spanned<Vec<Spanned<toml::Value>>>>,
    cutoff_day: Option<Spanned<i64>>,
}

/// What a rule may refer to, built before the rules are read.
struct Known<'a> {
    units: &'a [Unit],
    topics: &'a [Topic],
    channels: &'a [Channel],
    activities: &'a [Named],
    has_peak_hours: bool,
    calendar: Option<Calendar>,
    /// `[plan].cutoff_day` is written (even when it is not a valid day).
    plan_cutoff_given: bool,
}

/// Collects problems with their positions in the text.
struct Problems<'t> {
    text: &'t str,
    found: Vec<PlanProblem>,
    /// Where each line starts, for positions in constant time per lookup (a plan
    /// of thousands of units asks for one per id).
    line_starts: Vec<usize>,
}

impl Problems<'_> {
    /// A problem at `span`.
    fn at(&mut self, span: Range<usize>, fault: PlanFault) {
        let (line, column) = self.position(span.start);
        self.found.push(PlanProblem {
            line,
            column,
            fault,
        });
    }

    /// A text of the plan as it is kept: NFC, line breaks as spaces, hidden
    /// characters removed, runs of space folded; a control character is a problem.
    fn text(&mut self, value: &Spanned<String>, key: Key) -> String {
        match crate::text::normalize_input(value.get_ref()) {
            Ok(text) => text.split_whitespace().collect::<Vec<_>>().join(" "),
            Err(character) => {
                self.at(value.span(), PlanFault::ControlCharacter { key, character });
                String::new()
            }
        }
    }

    fn line_of(&self, span: &Range<usize>) -> usize {
        self.position(span.start).0
    }
}

impl Problems<'_> {
    /// 1-based line and column (in characters) of a byte offset.
    fn position(&self, offset: usize) -> (usize, usize) {
        let offset = self.text.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }
}

/// The byte offset where each line of `text` starts.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
        .collect()
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

pub(super) fn parse_plan(text: &str) -> Result<Plan, Vec<PlanProblem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let (line, column) = line_column(text, offset);
        vec![PlanProblem {
            line,
            column,
            fault: date_as_written(e.message(), text, line)
                .unwrap_or_else(|| describe_toml_error(e.message(), key_on_line(text, line))),
        }]
    })?;
    let mut problems = Problems {
        text,
        found: Vec::new(),
        line_starts: line_starts(text),
    };
    let mut plan = build(raw, &mut problems);
    plan.unit_positions = plan
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.clone(), i))
        .collect();
    if problems.found.is_empty() {
        Ok(plan)
    } else {
        problems.found.sort_by_key(|p| (p.line, p.column));
        Err(problems.found)
    }
}

/// The key a `key = value` line sets, to name it in a type error.
fn key_on_line(text: &str, line: usize) -> Option<&str> {
    let (key, _) = text.lines().nth(line - 1)?.split_once('=')?;
    let key = key.trim();
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    bare.then_some(key)
}

/// A date the way people write it (`start = 01/01/2026`, `start = "2026-01-01"`),
/// which TOML reads as a syntax error or a string: said with the date to write.
fn date_as_written(message: &str, text: &str, line: usize) -> Option<PlanFault> {
    let (key, value) = text.lines().nth(line - 1)?.split_once('=')?;
    let value = value.split('#').next().unwrap_or(value).trim();
    let bare = value.trim_matches(|c| c == '"' || c == '\'');
    let looks_like_date = bare.len() <= 10
        && bare
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'/' | b'-' | b'.'))
        && bare.bytes().filter(u8::is_ascii_digit).count() >= 6;
    let about_dates = message.contains("datetime")
        || message.contains("must be quoted")
        || message.contains("invalid number")
        || message.contains("invalid float")
        || message.contains("expected a date");
    if !looks_like_date || !about_dates {
        return None;
    }
    let day = crate::date_arg::parse_date(&bare.replace('.', "/"), chrono::NaiveDate::MIN).ok();
    Some(PlanFault::TomlDateAsWritten {
        key: Some(key.trim().to_string()).filter(|k| !k.is_empty()),
        as_written: value.to_string(),
        day,
    })
}

/// Makes the TOML parser's wording point at what to change (its own words, for
/// a syntax error, are English either way).
fn describe_toml_error(message: &str, key: Option<&str>) -> PlanFault {
    let message = message.trim();
    if let Some(key) = key
        && (message.starts_with("invalid type") || message.starts_with("invalid value"))
    {
        let key = key.to_string();
        if message.contains("as i128") {
            return PlanFault::TomlNumberTooLarge { key };
        }
        let message = message.to_string();
        return PlanFault::TomlWrongType { key, message };
    }
    if message.starts_with("missing field `plan`") {
        return PlanFault::TomlNoPlanTable;
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let rest = rest.to_string();
        return PlanFault::TomlMissingKey { rest };
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let rest = rest.to_string();
        return PlanFault::TomlUnknownKey { rest };
    }
    let message = message.to_string();
    PlanFault::TomlSyntax { message }
}

/// `[document]`, each key checked: a signer form the decree knows, with what it
/// signs for; a plan number with its date; a title kept line by line.
fn document(d: &RawDocument, p: &mut Problems) -> Document {
    let mut field = |value: &Option<Spanned<String>>, key: &'static str| {
        value
            .as_ref()
            .map(|v| p.text(v, Key::Document(key)))
            .filter(|t| !t.is_empty())
    };
    let parent = field(&d.parent, "parent");
    let office = field(&d.office, "office");
    let place = field(&d.place, "place");
    let code = field(&d.code, "code");
    let plan_number = field(&d.plan_number, "plan_number");
    let signer_for = field(&d.signer_for, "signer_for");
    let signer_name = field(&d.signer_name, "signer_name");
    let list = |values: &[Spanned<String>], key: &'static str, p: &mut Problems| -> Vec<String> {
        values
            .iter()
            .map(|v| p.text(v, Key::Document(key)))
            .filter(|t| !t.is_empty())
            .collect()
    };
    let to = list(&d.to, "to", p);
    let recipients = list(&d.recipients, "recipients", p);
    // A title of several lines ("PHÓ CHỦ TỊCH\nTHƯỜNG TRỰC") keeps its lines.
    let signer_title = d.signer_title.as_ref().map_or_else(Vec::new, |t| {
        t.get_ref()
            .lines()
            .map(|line| {
                p.text(
                    &Spanned::new(t.span(), line.to_string()),
                    Key::Document("signer_title"),
                )
            })
            .filter(|line| !line.is_empty())
            .collect()
    });
    let plan_date = d
        .plan_date
        .as_ref()
        .and_then(|v| plan_date(v, Key::Document("plan_date"), p));
    let signer_form = d.signer_form.as_ref().and_then(|v| {
        let form = SignerForm::parse(v.get_ref());
        if form.is_none() {
            let given = v.get_ref().clone();
            p.at(v.span(), PlanFault::SignerFormUnknown { given });
        }
        form
    });
    match (&d.signer_form, &d.signer_for) {
        (Some(form), None) => p.at(
            form.span(),
            PlanFault::SignerFormWithoutFor {
                form: form.get_ref().clone(),
            },
        ),
        (None, Some(what)) => p.at(what.span(), PlanFault::SignerForWithoutForm),
        _ => {}
    }
    match (&d.plan_number, &d.plan_date) {
        (Some(number), None) => p.at(number.span(), PlanFault::PlanNumberWithoutDate),
        (None, Some(date)) => p.at(date.span(), PlanFault::PlanDateWithoutNumber),
        _ => {}
    }
    Document {
        parent,
        office,
        place,
        code,
        plan_number,
        plan_date,
        to,
        signer_form,
        signer_for,
        signer_title,
        signer_name,
        recipients,
    }
}

fn build(raw: RawFile, p: &mut Problems) -> Plan {
    let header = raw.plan.into_inner();
    for (key, value) in [("title", &header.title), ("issuer", &header.issuer)] {
        if value.get_ref().trim().is_empty() {
            p.at(value.span(), PlanFault::PlanTextBlank { key });
        }
    }
    let start = plan_date(&header.start, Key::Plan("start"), p);
    let end = plan_date(&header.end, Key::Plan("end"), p);
    if let (Some(start), Some(end)) = (start, end)
        && start > end
    {
        p.at(header.end.span(), PlanFault::EndBeforeStart { start, end });
    }
    if let (Some(start), Some(end)) = (start, end)
        && (end - start).num_days() >= MAX_PLAN_DAYS
    {
        let days = (end - start).num_days() + 1;
        p.at(
            header.end.span(),
            PlanFault::PlanTooLong { start, end, days },
        );
    }
    let lang = header.lang.as_ref().and_then(|l| {
        let parsed = Lang::parse(l.get_ref());
        if parsed.is_none() {
            let given = l.get_ref().clone();
            p.at(l.span(), PlanFault::LangUnknown { given });
        }
        parsed
    });
    let mut peak_hours = Vec::new();
    for window in &header.peak_hours {
        match TimeWindow::parse(window.get_ref()) {
            Ok(w) => peak_hours.push(w),
            Err(why) => p.at(
                window.span(),
                PlanFault::PeakHoursBad {
                    given: window.get_ref().clone(),
                    why,
                },
            ),
        }
    }
    let due_soon_days = match &header.due_soon_days {
        None => DEFAULT_DUE_SOON_DAYS,
        Some(d) if (0..=MAX_DUE_SOON_DAYS).contains(d.get_ref()) => *d.get_ref() as u32,
        Some(d) => {
            p.at(
                d.span(),
                PlanFault::DueSoonDaysOutOfRange {
                    given: *d.get_ref(),
                    max: MAX_DUE_SOON_DAYS,
                },
            );
            DEFAULT_DUE_SOON_DAYS
        }
    };

    let cutoff_day = match &header.cutoff_day {
        None => None,
        Some(c) if (1..=28).contains(c.get_ref()) => Some(*c.get_ref() as u32),
        Some(c) => {
            let given = *c.get_ref();
            p.at(c.span(), PlanFault::CutoffDayOutOfRange { given });
            None
        }
    };

    let utc_offset = match &header.utc_offset {
        None => DEFAULT_UTC_OFFSET,
        Some(o) => match parse_utc_offset(o.get_ref()) {
            Some(offset) => offset,
            None => {
                let given = crate::printable(o.get_ref()).to_string();
                p.at(o.span(), PlanFault::UtcOffsetBad { given });
                DEFAULT_UTC_OFFSET
            }
        },
    };

    let units = build_units(&raw.unit, p);
    let topics = build_topics(&raw.topic, p);
    let kind_names = build_named(&raw.kind, Table::Kind, p);
    let channels = build_channels(&raw.channel, p);
    let activities = build_named(&raw.activity, Table::Activity, p);
    if !kind_names.is_empty() {
        for u in raw.unit.iter().map(Spanned::get_ref) {
            let kind = u.kind.get_ref();
            if !kind_names.iter().any(|k| k.id == *kind) {
                p.at(
                    u.kind.span(),
                    PlanFault::UnitKindNotListed {
                        unit: u.id.get_ref().clone(),
                        kind: kind.clone(),
                        closest: closest_owned(kind, kind_names.iter().map(|k| k.id.as_str())),
                    },
                );
            }
        }
    }
    let calendar = start.zip(end).map(|(start, end)| Calendar {
        start,
        end,
        cutoff: cutoff_day,
    });
    let known = Known {
        units: &units,
        topics: &topics,
        channels: &channels,
        activities: &activities,
        has_peak_hours: !peak_hours.is_empty(),
        calendar,
        plan_cutoff_given: header.cutoff_day.is_some(),
    };
    let unit_index: HashMap<&str, usize> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.as_str(), i))
        .collect();
    let mut rules = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for spanned in &raw.rule {
        let rule = spanned.get_ref();
        check_id(&rule.id, Table::Rule, &mut seen, p);
        if rule.title.get_ref().trim().is_empty() {
            let id = rule.id.get_ref().clone();
            p.at(rule.title.span(), PlanFault::RuleTitleBlank { rule: id });
        }
        let applies_to = rule_units(spanned, &units, &unit_index, p);
        let scope = rule_scope(rule, p);
        if let Some(built) = rule_shape(rule, &known, &applies_to, p) {
            rules.push(Rule {
                id: rule.id.get_ref().clone(),
                title: p.text(&rule.title, Key::Bare("title")),
                clause: rule.clause.as_ref().map(|c| p.text(c, Key::Bare("clause"))),
                units: rule.units.iter().map(|u| u.get_ref().clone()).collect(),
                kinds: rule.kinds.iter().map(|k| k.get_ref().clone()).collect(),
                applies_to,
                scope: scope.unwrap_or_default(),
                shape: built.shape,
                schedule: built.schedule,
                cutoff_day: built.cutoff_day,
                periods: built.periods,
            });
        }
    }

    let document = raw
        .document
        .as_ref()
        .map(|d| document(d, p))
        .unwrap_or_default();

    Plan {
        title: p.text(&header.title, Key::Plan("title")),
        issuer: p.text(&header.issuer, Key::Plan("issuer")),
        start: start.unwrap_or_default(),
        end: end.unwrap_or_default(),
        lang,
        peak_hours,
        due_soon_days,
        cutoff_day,
        utc_offset,
        units,
        topics,
        kind_names,
        channels,
        activities,
        rules,
        document,
        unit_positions: HashMap::new(),
        neighbours: Vec::new(),
    }
}

/// Vietnam's time: UTC+7, all year.
const DEFAULT_UTC_OFFSET: chrono::FixedOffset = match chrono::FixedOffset::east_opt(7 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+7 is a valid offset"),
};

/// `+07:00`, `-03:30`, `+00:00`: a sign, hours up to 14 and minutes (as RFC 3339
/// writes offsets; `Z` is UTC).
fn parse_utc_offset(text: &str) -> Option<chrono::FixedOffset> {
    if text == "Z" {
        return chrono::FixedOffset::east_opt(0);
    }
    let bytes = text.as_bytes();
    if bytes.len() != 6 || bytes[3] != b':' || !matches!(bytes[0], b'+' | b'-') {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<i32> {
        let part = text.get(r)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (hours, minutes) = (digits(1..3)?, digits(4..6)?);
    if hours > 14 || minutes > 59 || (hours == 14 && minutes > 0) {
        return None;
    }
    let seconds = (hours * 60 + minutes) * 60;
    chrono::FixedOffset::east_opt(if bytes[0] == b'-' { -seconds } else { seconds })
}

fn build_named(raw: &[Spanned<RawNamed>], table: Table, p: &mut Problems) -> Vec<Named> {
    let mut seen = HashMap::new();
    raw.iter()
        .map(Spanned::get_ref)
        .map(|n| {
            check_id(&n.id, table, &mut seen, p);
            name_given(&n.name, table, &n.id, p);
            Named {
                id: n.id.get_ref().clone(),
                name: p.text(&n.name, Key::Bare("name")),
            }
        })
        .collect()
}

/// A `name` that is not blank.
fn name_given(name: &Spanned<String>, table: Table, id: &Spanned<String>, p: &mut Problems) {
    if name.get_ref().trim().is_empty() {
        let id = id.get_ref().clone();
        p.at(name.span(), PlanFault::NameBlank { table, id });
    }
}

fn build_channels(raw: &[Spanned<RawChannel>], p: &mut Problems) -> Vec<Channel> {
    let mut seen = HashMap::new();
    let mut first_default: Option<(String, usize)> = None;
    let mut channels = Vec::new();
    for c in raw.iter().map(Spanned::get_ref) {
        check_id(&c.id, Table::Channel, &mut seen, p);
        name_given(&c.name, Table::Channel, &c.id, p);
        let default = c.default.as_ref().is_some_and(|d| *d.get_ref());
        if default {
            let span = c.default.as_ref().expect("default is set").span();
            match &first_default {
                Some((first, first_line)) => p.at(
                    span,
                    PlanFault::DefaultChannelTwice {
                        channel: c.id.get_ref().clone(),
                        first: first.clone(),
                        first_line: *first_line,
                    },
                ),
                None => first_default = Some((c.id.get_ref().clone(), p.line_of(&span))),
            }
        }
        channels.push(Channel {
            id: c.id.get_ref().clone(),
            name: p.text(&c.name, Key::Bare("name")),
            default,
        });
    }
    channels
}

/// `scope = "each" | "together"`.
fn rule_scope(rule: &RawRule, p: &mut Problems) -> Option<Scope> {
    let scope = rule.scope.as_ref()?;
    match scope.get_ref().as_str() {
        "each" => Some(Scope::Each),
        "together" => Some(Scope::Together),
        other => {
            p.at(
                scope.span(),
                PlanFault::ScopeUnknown {
                    rule: rule.id.get_ref().clone(),
                    given: other.to_string(),
                },
            );
            None
        }
    }
}

fn check_id(
    id: &Spanned<String>,
    table: Table,
    seen: &mut HashMap<String, usize>,
    p: &mut Problems,
) {
    let (text, span) = (id.get_ref(), id.span());
    if !is_valid_id(text) {
        let id = text.clone();
        p.at(span.clone(), PlanFault::IdInvalid { table, id });
    }
    let line = p.line_of(&span);
    if let Some(first_line) = seen.insert(text.clone(), line) {
        let id = text.clone();
        p.at(
            span,
            PlanFault::IdDuplicate {
                table,
                id,
                first_line,
            },
        );
        seen.insert(text.clone(), first_line);
    }
}

fn build_units(raw: &[Spanned<RawUnit>], p: &mut Problems) -> Vec<Unit> {
    let mut seen = HashMap::new();
    // Folded alias → the unit it names.
    let mut seen_aliases: HashMap<String, String> = HashMap::new();
    let mut units = Vec::new();
    for u in raw.iter().map(Spanned::get_ref) {
        check_id(&u.id, Table::Unit, &mut seen, p);
        name_given(&u.name, Table::Unit, &u.id, p);
        let unit = u.id.get_ref();
        let kind = u.kind.get_ref();
        if kind.trim().is_empty() || kind.chars().any(char::is_whitespace) {
            p.at(
                u.kind.span(),
                PlanFault::UnitKindNotOneWord {
                    unit: unit.clone(),
                    kind: kind.clone(),
                },
            );
        }
        let mut aliases = Vec::new();
        for alias in &u.aliases {
            let text = p.text(alias, Key::Bare("alias"));
            let folded = super::fold(&text);
            if folded.is_empty() {
                let unit = unit.clone();
                p.at(alias.span(), PlanFault::AliasBlank { unit });
                continue;
            }
            match seen_aliases.get(&folded) {
                Some(other) if other != unit => p.at(
                    alias.span(),
                    PlanFault::AliasTaken {
                        unit: unit.clone(),
                        alias: text,
                        other: other.clone(),
                    },
                ),
                _ => {
                    seen_aliases.insert(folded, unit.clone());
                    aliases.push(text);
                }
            }
        }
        let (email, phone) = contacts(u, p);
        let feed = u.feed.as_ref().and_then(|f| {
            let text = p.text(f, Key::Bare("feed"));
            if is_web_address(&text) {
                Some(text)
            } else {
                let given = crate::printable(f.get_ref()).to_string();
                let unit = unit.clone();
                p.at(f.span(), PlanFault::FeedNotWeb { unit, given });
                None
            }
        });
        units.push(Unit {
            id: u.id.get_ref().clone(),
            name: p.text(&u.name, Key::Bare("name")),
            kind: kind.clone(),
            aliases,
            email,
            phone,
            feed,
        });
    }
    units
}

/// A unit's `email` and `phone`, when they look like an address and a number.
fn contacts(u: &RawUnit, p: &mut Problems) -> (Option<String>, Option<String>) {
    let id = u.id.get_ref();
    let email = u.email.as_ref().and_then(|e| {
        let text = e.get_ref().trim();
        let shown = crate::printable(text);
        if plausible_email(text) {
            return Some(text.to_string());
        }
        let (unit, given) = (id.clone(), shown.to_string());
        p.at(e.span(), PlanFault::EmailBad { unit, given });
        None
    });
    let phone = u.phone.as_ref().and_then(|n| {
        let text = n.get_ref().trim();
        let shown = crate::printable(text);
        if plausible_phone(text) {
            return Some(text.to_string());
        }
        let (unit, given) = (id.clone(), shown.to_string());
        p.at(n.span(), PlanFault::PhoneBad { unit, given });
        None
    });
    (email, phone)
}

/// One address: a local part, `@`, and a domain with a dot, no spaces, nothing a
/// mail command would read as a second address or an option.
fn plausible_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let fine = |c: char| c.is_alphanumeric() || "._%+-".contains(c);
    !local.is_empty()
        && !local.starts_with('-')
        && local
            .chars()
            .all(|c| fine(c) || "!#$&'*/=?^`{|}~".contains(c))
        && domain.contains('.')
        && !domain.starts_with(['.', '-'])
        && !domain.ends_with(['.', '-'])
        && !domain.contains("..")
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
}

/// 8 to 15 digits, `+` allowed first, spaces, dots and dashes between digits.
fn plausible_phone(text: &str) -> bool {
    let body = text.strip_prefix('+').unwrap_or(text);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    body.starts_with(|c: char| c.is_ascii_digit())
        && body.ends_with(|c: char| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || " .-".contains(c))
        && (8..=15).contains(&digits)
}

/// `http://host…` or `https://host…` (scheme in any case), with a host and no space.
fn is_web_address(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once("://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    (scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http"))
        && !host.is_empty()
        && !text.chars().any(char::is_whitespace)
}

fn build_topics(raw: &[Spanned<RawTopic>], p: &mut Problems) -> Vec<Topic> {
    let mut seen = HashMap::new();
    let mut topics = Vec::new();
    for t in raw.iter().map(Spanned::get_ref) {
        check_id(&t.id, Table::Topic, &mut seen, p);
        name_given(&t.name, Table::Topic, &t.id, p);
        topics.push(Topic {
            id: t.id.get_ref().clone(),
            name: p.text(&t.name, Key::Bare("name")),
        });
    }
    topics
}

/// The indices of the units a rule applies to; reports unknown units and kinds.
fn rule_units(
    spanned: &Spanned<RawRule>,
    units: &[Unit],
    unit_index: &HashMap<&str, usize>,
    p: &mut Problems,
) -> Vec<usize> {
    let rule = spanned.get_ref();
    let id = rule.id.get_ref();
    // Hash lookups: a province-wide plan can list thousands of units.
    let mut named: Vec<bool> = vec![false; units.len()];
    for u in &rule.units {
        match unit_index.get(u.get_ref().as_str()) {
            Some(&i) => named[i] = true,
            None => p.at(
                u.span(),
                PlanFault::RuleNamesUnknown {
                    rule: id.clone(),
                    table: Table::Unit,
                    given: u.get_ref().clone(),
                    closest: closest_owned(u.get_ref(), units.iter().map(|unit| unit.id.as_str())),
                },
            ),
        }
    }
    let kinds: std::collections::HashSet<&str> =
        rule.kinds.iter().map(|k| k.get_ref().as_str()).collect();
    for k in &rule.kinds {
        if !units.iter().any(|unit| unit.kind == *k.get_ref()) {
            let mut known: Vec<&str> = units.iter().map(|u| u.kind.as_str()).collect();
            known.sort_unstable();
            known.dedup();
            p.at(
                k.span(),
                PlanFault::RuleKindUnknown {
                    rule: id.clone(),
                    kind: k.get_ref().clone(),
                    closest: closest_owned(k.get_ref(), known.into_iter()),
                },
            );
        }
    }
    if rule.units.is_empty() && rule.kinds.is_empty() {
        p.at(
            rule.id.span(),
            PlanFault::RuleCoversNoUnit { rule: id.clone() },
        );
    }

    units
        .iter()
        .enumerate()
        .filter(|(i, unit)| named[*i] || kinds.contains(unit.kind.as_str()))
        .map(|(i, _)| i)
        .collect()
}

/// A rule's shape and calendar, as read from its keys.
struct BuiltRule {
    shape: Shape,
    schedule: Option<Schedule>,
    cutoff_day: Option<u32>,
    periods: Vec<Period>,
}

/// The rule's shape from `record` and the keys that go with it, and its periods.
fn rule_shape(
    rule: &RawRule,
    known: &Known,
    applies_to: &[usize],
    p: &mut Problems,
) -> Option<BuiltRule> {
    let id = rule.id.get_ref();
    let Some(record) = RecordKind::parse(rule.record.get_ref()) else {
        p.at(
            rule.record.span(),
            PlanFault::RecordUnknown {
                rule: id.clone(),
                given: rule.record.get_ref().clone(),
            },
        );
        return None;
    };
    refuse_misplaced_keys(rule, record, p);
    let schedule = match record {
        RecordKind::Plan => None,
        _ => Some(schedule(rule, record, p)),
    };
    let cutoff_day = rule_cutoff(rule, schedule.as_ref(), known, p);

    let shape = match record {
        RecordKind::Article | RecordKind::Broadcast | RecordKind::Activity => {
            let min = match &rule.min {
                None => {
                    p.at(
                        rule.id.span(),
                        PlanFault::QuotaWithoutMin { rule: id.clone() },
                    );
                    None
                }
                Some(m) => bounded(m, 1, MAX_MIN, Key::rule(id, "min"), p),
            };
            let mut quota = Quota::new(record, min.unwrap_or(1));
            quota.topics = known_ids(
                rule.topics.as_ref(),
                id,
                Table::Topic,
                known.topics.iter().map(|t| t.id.as_str()),
                p,
            );
            quota.channels = known_ids(
                rule.channels.as_ref(),
                id,
                Table::Channel,
                known.channels.iter().map(|c| c.id.as_str()),
                p,
            );
            quota.activities = known_ids(
                rule.activities.as_ref(),
                id,
                Table::Activity,
                known.activities.iter().map(|a| a.id.as_str()),
                p,
            );
            quota.peak_only = rule.peak_only.as_ref().is_some_and(|b| *b.get_ref());
            if quota.peak_only && !known.has_peak_hours {
                let span = rule
                    .peak_only
                    .as_ref()
                    .map_or(rule.id.span(), Spanned::span);
                p.at(
                    span,
                    PlanFault::PeakOnlyWithoutPeakHours { rule: id.clone() },
                );
            }
            quota.min_minutes = rule
                .min_minutes
                .as_ref()
                .and_then(|m| bounded(m, 1, 1440, Key::rule(id, "min_minutes"), p));
            quota.weekdays = weekdays(rule, p);
            quota.nth = nth(rule, p);
            quota.count_by = match rule
                .count_by
                .as_ref()
                .map(|c| (c.get_ref().as_str(), c.span()))
            {
                None | Some(("date", _)) => CountBy::Date,
                Some(("sent", _)) => CountBy::Sent,
                Some((other, span)) => {
                    p.at(
                        span,
                        PlanFault::CountByUnknown {
                            rule: id.clone(),
                            given: other.to_string(),
                        },
                    );
                    CountBy::Date
                }
            };
            quota.measure = measure(rule, record, p);
            quota.min_for = min_for(rule, known.units, applies_to, p);
            if rule
                .scope
                .as_ref()
                .is_some_and(|s| s.get_ref() == "together")
                && let Some(m) = &rule.min_for
            {
                p.at(m.span(), PlanFault::MinForWithTogether { rule: id.clone() });
            }
            min?;
            Shape::Quota(quota)
        }
        RecordKind::Plan => {
            let Some(due) = &rule.due else {
                p.at(
                    rule.id.span(),
                    PlanFault::PlanRuleWithoutDue { rule: id.clone() },
                );
                return None;
            };
            let date = plan_date(due, Key::rule(id, "due"), p)?;
            if let Some(cal) = known.calendar
                && (date < cal.start || date > cal.end)
            {
                p.at(
                    due.span(),
                    PlanFault::DueOutsidePlan {
                        rule: id.clone(),
                        due: date,
                        start: cal.start,
                        end: cal.end,
                    },
                );
            }
            let periods = known.calendar.map_or_else(Vec::new, |cal| {
                vec![Period {
                    key: PeriodKey::Once,
                    start: cal.start,
                    end: date,
                }]
            });
            return Some(BuiltRule {
                shape: Shape::Deadline { due: date },
                schedule: None,
                cutoff_day: None,
                periods,
            });
        }
        RecordKind::Report => {
            if let Some(Ok(Schedule::Every {
                every: Every::Week, ..
            })) = &schedule
            {
                let span = rule
                    .every
                    .as_ref()
                    .map(Spanned::span)
                    .unwrap_or(rule.id.span());
                p.at(span, PlanFault::ReportWeekly { rule: id.clone() });
            }
            let day = rule
                .due_day
                .as_ref()
                .and_then(|d| bounded(d, 1, 31, Key::rule(id, "due_day"), p));
            let after_days = rule
                .due_after_days
                .as_ref()
                .and_then(|d| bounded(d, 0, 366, Key::rule(id, "due_after_days"), p));
            if let (Some(_), Some(a)) = (&rule.due_day, &rule.due_after_days) {
                p.at(a.span(), PlanFault::DueDayAndAfterDays { rule: id.clone() });
            }
            if rule.due_day.is_none() && rule.due_after_days.is_none() && rule.dues.is_none() {
                p.at(
                    rule.id.span(),
                    PlanFault::ReportWithoutDue { rule: id.clone() },
                );
                return None;
            }
            Shape::Report {
                due: ReportDue {
                    day,
                    after_days,
                    dues: Vec::new(),
                },
            }
        }
    };
    let schedule = schedule?.ok()?;
    let calendar = known.calendar?;
    let periods = schedule.periods(&Calendar {
        cutoff: cutoff_day,
        ..calendar
    });
    // A rule may have no period in a short plan (a year report in a plan replaced
    // from 1 July, whose year is the next plan's): it then has no obligation here.
    let mut shape = shape;
    if let Shape::Report { due } = &mut shape {
        due.dues = dues(rule, &periods, p);
        let uncovered = periods
            .iter()
            .find(|period| !due.dues.iter().any(|(k, _)| *k == period.key));
        if rule.due_day.is_none()
            && rule.due_after_days.is_none()
            && let Some(period) = uncovered
        {
            let span = rule.dues.as_ref().map_or(rule.id.span(), Spanned::span);
            p.at(
                span,
                PlanFault::DuesMissingPeriod {
                    rule: id.clone(),
                    period: period.label(),
                },
            );
        }
    }
    Some(BuiltRule {
        shape,
        schedule: Some(schedule),
        cutoff_day,
        periods,
    })
}

/// Which periods a repeating rule has: `every` (with `months`) or `periods`, never
/// both. `Err` when the keys say nothing usable (the problem is recorded).
fn schedule(rule: &RawRule, record: RecordKind, p: &mut Problems) -> Result<Schedule, ()> {
    let id = rule.id.get_ref();
    if let (Some(every), Some(_)) = (&rule.every, &rule.periods) {
        p.at(
            every.span(),
            PlanFault::EveryAndPeriods { rule: id.clone() },
        );
        return Err(());
    }
    if let Some(list) = &rule.periods {
        if let Some(months) = &rule.months {
            p.at(
                months.span(),
                PlanFault::MonthsWithPeriods { rule: id.clone() },
            );
        }
        let mut names = Vec::new();
        for item in list.get_ref() {
            match PeriodName::parse(item.get_ref()) {
                Some(name) if names.contains(&name) => p.at(
                    item.span(),
                    PlanFault::PeriodTwice {
                        rule: id.clone(),
                        name,
                    },
                ),
                Some(name) => names.push(name),
                None => p.at(
                    item.span(),
                    PlanFault::PeriodUnknown {
                        rule: id.clone(),
                        given: crate::printable(item.get_ref()).to_string(),
                    },
                ),
            }
        }
        if list.get_ref().is_empty() {
            p.at(list.span(), PlanFault::PeriodsEmpty { rule: id.clone() });
        }
        return if names.is_empty() {
            Err(())
        } else {
            Ok(Schedule::Named(names))
        };
    }
    let Some(every) = &rule.every else {
        p.at(
            rule.id.span(),
            PlanFault::ScheduleMissing {
                rule: id.clone(),
                record,
            },
        );
        return Err(());
    };
    let Some(parsed) = Every::parse(every.get_ref()) else {
        p.at(
            every.span(),
            PlanFault::EveryUnknown {
                rule: id.clone(),
                given: every.get_ref().clone(),
            },
        );
        return Err(());
    };
    let mut months = Vec::new();
    if let Some(list) = &rule.months {
        if !matches!(parsed, Every::Week | Every::Month) {
            p.at(
                list.span(),
                PlanFault::MonthsNotWeekOrMonth {
                    rule: id.clone(),
                    every: parsed,
                },
            );
        }
        for m in list.get_ref() {
            if let Some(month) = bounded(m, 1, 12, Key::rule(id, "months"), p)
                && !months.contains(&month)
            {
                months.push(month);
            }
        }
        if list.get_ref().is_empty() {
            p.at(list.span(), PlanFault::MonthsEmpty { rule: id.clone() });
        }
    }
    Ok(Schedule::Every {
        every: parsed,
        months,
    })
}

/// The cut-off day a rule's periods follow: its own `cutoff_day` (1 to 28, not
/// with the plan's, not on weekly or one-off rules), else the plan's.
fn rule_cutoff(
    rule: &RawRule,
    schedule: Option<&Result<Schedule, ()>>,
    known: &Known,
    p: &mut Problems,
) -> Option<u32> {
    let plan_cutoff = known.calendar.and_then(|c| c.cutoff);
    let Some(own) = &rule.cutoff_day else {
        return plan_cutoff;
    };
    let id = rule.id.get_ref();
    let day = bounded(own, 1, 28, Key::rule(id, "cutoff_day"), p);
    if plan_cutoff.is_some() || known.plan_cutoff_given {
        p.at(
            own.span(),
            PlanFault::RuleCutoffWithPlanCutoff { rule: id.clone() },
        );
        return plan_cutoff;
    }
    match schedule {
        None => {
            p.at(own.span(), PlanFault::CutoffOnPlanRule { rule: id.clone() });
            None
        }
        Some(Ok(Schedule::Every {
            every: Every::Week, ..
        })) => {
            p.at(
                own.span(),
                PlanFault::CutoffOnWeeklyRule { rule: id.clone() },
            );
            None
        }
        _ => day,
    }
}

/// A TOML value as the plan writes it, for messages.
fn toml_shown(value: &toml::Value) -> String {
    match value {
        toml::Value::Integer(n) => n.to_string(),
        toml::Value::String(s) => format!("\"{}\"", crate::printable(s)),
        other => other.type_str().to_string(),
    }
}

/// `nth = [1, "last"]`: which of the month's `weekdays` count.
fn nth(rule: &RawRule, p: &mut Problems) -> Vec<Nth> {
    let Some(list) = &rule.nth else {
        return Vec::new();
    };
    let id = rule.id.get_ref();
    if rule.weekdays.is_none() {
        p.at(
            list.span(),
            PlanFault::NthWithoutWeekdays { rule: id.clone() },
        );
    }
    let mut out = Vec::new();
    for item in list.get_ref() {
        let parsed = match item.get_ref() {
            toml::Value::Integer(n @ 1..=5) => Some(Nth::Number(*n as u32)),
            toml::Value::String(s) if s == "last" => Some(Nth::Last),
            _ => None,
        };
        match parsed {
            Some(n) if !out.contains(&n) => out.push(n),
            Some(_) => {}
            None => p.at(
                item.span(),
                PlanFault::NthBad {
                    rule: id.clone(),
                    given: toml_shown(item.get_ref()),
                },
            ),
        }
    }
    if list.get_ref().is_empty() {
        p.at(list.span(), PlanFault::NthEmpty { rule: id.clone() });
    }

    out
}

/// Refuses every key that does not belong to a rule of `record`.
fn refuse_misplaced_keys(rule: &RawRule, record: RecordKind, p: &mut Problems) {
    use KeyBelongs as B;
    use RecordKind::{Activity, Article, Broadcast, Plan, Report};
    let quota = matches!(record, Article | Broadcast | Activity);
    // (the key's span if present, its name, whether it fits, where it belongs)
    let checks: [(Option<Range<usize>>, &'static str, bool, KeyBelongs); 19] = [
        (
            rule.due.as_ref().map(Spanned::span),
            "due",
            record == Plan,
            B::OnlyPlanDue,
        ),
        (
            rule.due_day.as_ref().map(Spanned::span),
            "due_day",
            record == Report,
            B::OnlyReportsDueDay,
        ),
        (
            rule.due_after_days.as_ref().map(Spanned::span),
            "due_after_days",
            record == Report,
            B::OnlyReports,
        ),
        (
            rule.dues.as_ref().map(Spanned::span),
            "dues",
            record == Report,
            B::OnlyReports,
        ),
        (
            rule.every.as_ref().map(Spanned::span),
            "every",
            record != Plan,
            B::PlanDueOnce,
        ),
        (
            rule.periods.as_ref().map(Spanned::span),
            "periods",
            record != Plan,
            B::PlanDueOnce,
        ),
        (
            rule.months.as_ref().map(Spanned::span),
            "months",
            record != Plan,
            B::PlanDueOnce,
        ),
        (
            rule.min.as_ref().map(Spanned::span),
            "min",
            quota,
            B::OneRecordDue,
        ),
        (
            rule.min_for.as_ref().map(Spanned::span),
            "min_for",
            quota,
            B::OneRecordDue,
        ),
        (
            rule.measure.as_ref().map(Spanned::span),
            "measure",
            quota,
            B::OneRecordDue,
        ),
        (
            rule.scope.as_ref().map(Spanned::span),
            "scope",
            quota,
            B::UnitsOwn,
        ),
        (
            rule.topics.as_ref().map(Spanned::span),
            "topics",
            record == Article,
            B::OnlyArticleTopics,
        ),
        (
            rule.count_by.as_ref().map(Spanned::span),
            "count_by",
            record == Article,
            B::OnlyArticles,
        ),
        (
            rule.channels.as_ref().map(Spanned::span),
            "channels",
            matches!(record, Article | Broadcast),
            B::OnlyArticleBroadcastChannels,
        ),
        (
            rule.peak_only.as_ref().map(Spanned::span),
            "peak_only",
            record == Broadcast,
            B::OnlyBroadcasts,
        ),
        (
            rule.min_minutes.as_ref().map(Spanned::span),
            "min_minutes",
            record == Broadcast,
            B::OnlyBroadcasts,
        ),
        (
            rule.weekdays.as_ref().map(Spanned::span),
            "weekdays",
            quota,
            B::OnlyByWeekday,
        ),
        (
            rule.nth.as_ref().map(Spanned::span),
            "nth",
            quota,
            B::OnlyByWeekday,
        ),
        (
            rule.activities.as_ref().map(Spanned::span),
            "activities",
            record == Activity,
            B::OnlyActivities,
        ),
    ];
    for (present, key, fits, belongs) in checks {
        if let Some(span) = present
            && !fits
        {
            p.at(
                span,
                PlanFault::KeyMisplaced {
                    rule: rule.id.get_ref().clone(),
                    key,
                    record,
                    belongs,
                },
            );
        }
    }
}

/// An integer key within `low..=high`.
fn bounded(value: &Spanned<i64>, low: i64, high: i64, key: Key, p: &mut Problems) -> Option<u32> {
    let v = *value.get_ref();
    if (low..=high).contains(&v) {
        Some(v as u32)
    } else {
        p.at(
            value.span(),
            PlanFault::OutOfRange {
                key,
                value: v,
                low,
                high,
            },
        );
        None
    }
}

/// The ids of a list key (`topics`, `channels`, `activities`), each one checked
/// against what the plan has.
fn known_ids<'k>(
    list: Option<&Spanned<Vec<Spanned<String>>>>,
    rule: &str,
    table: Table,
    known: impl Iterator<Item = &'k str> + Clone,
    p: &mut Problems,
) -> Vec<String> {
    let mut ids = Vec::new();
    for item in list.iter().flat_map(|l| l.get_ref()) {
        let given = item.get_ref();
        if known.clone().any(|k| k == given) {
            ids.push(given.clone());
        } else {
            p.at(
                item.span(),
                PlanFault::RuleNamesUnknown {
                    rule: rule.to_string(),
                    table,
                    given: given.clone(),
                    closest: closest_owned(given, known.clone()),
                },
            );
        }
    }
    ids
}

fn weekdays(rule: &RawRule, p: &mut Problems) -> Vec<Weekday> {
    const DAYS: [(&str, Weekday); 7] = [
        ("mon", Weekday::Mon),
        ("tue", Weekday::Tue),
        ("wed", Weekday::Wed),
        ("thu", Weekday::Thu),
        ("fri", Weekday::Fri),
        ("sat", Weekday::Sat),
        ("sun", Weekday::Sun),
    ];
    let mut days = Vec::new();
    for day in rule.weekdays.iter().flat_map(|w| w.get_ref()) {
        match DAYS
            .iter()
            .find(|(name, _)| *name == day.get_ref().as_str())
        {
            Some((_, d)) => days.push(*d),
            None => p.at(
                day.span(),
                PlanFault::WeekdayUnknown {
                    rule: rule.id.get_ref().clone(),
                    given: day.get_ref().clone(),
                },
            ),
        }
    }
    days
}

fn measure(rule: &RawRule, record: RecordKind, p: &mut Problems) -> Measure {
    let Some(m) = &rule.measure else {
        return Measure::Records;
    };
    let id = rule.id.get_ref();
    match (m.get_ref().as_str(), record) {
        ("records", _) => Measure::Records,
        ("count", RecordKind::Activity) => Measure::Count,
        ("participants", RecordKind::Activity) => Measure::Participants,
        ("minutes", RecordKind::Broadcast) => Measure::Minutes,
        (other @ ("count" | "participants" | "minutes"), _) => {
            p.at(
                m.span(),
                PlanFault::MeasureNotFor {
                    rule: id.clone(),
                    given: other.to_string(),
                    record,
                },
            );
            Measure::Records
        }
        (other, _) => {
            p.at(
                m.span(),
                PlanFault::MeasureUnknown {
                    rule: id.clone(),
                    given: other.to_string(),
                },
            );
            Measure::Records
        }
    }
}

/// `min_for = { unit = N }`: each unit must be one the rule applies to.
fn min_for(
    rule: &RawRule,
    units: &[Unit],
    applies_to: &[usize],
    p: &mut Problems,
) -> Vec<(usize, u32)> {
    let Some(table) = &rule.min_for else {
        return Vec::new();
    };
    let id = rule.id.get_ref();
    let mut out = Vec::new();
    for (unit, min) in table.get_ref() {
        let index = units.iter().position(|u| u.id == *unit);
        match index {
            None => p.at(
                min.span(),
                PlanFault::MinForUnknownUnit {
                    rule: id.clone(),
                    unit: unit.clone(),
                    closest: closest_owned(unit, units.iter().map(|u| u.id.as_str())),
                },
            ),
            Some(i) if !applies_to.contains(&i) => p.at(
                min.span(),
                PlanFault::MinForUnitNotCovered {
                    rule: id.clone(),
                    unit: unit.clone(),
                },
            ),
            Some(i) => {
                let key = Key::rule(id, format!("min_for.{unit}"));
                if let Some(n) = bounded(min, 1, MAX_MIN, key, p) {
                    out.push((i, n));
                }
            }
        }
    }
    out
}

/// `dues = { 2022-H1 = 2022-05-31 }`: each label a period of the rule.
fn dues(rule: &RawRule, periods: &[Period], p: &mut Problems) -> Vec<(PeriodKey, NaiveDate)> {
    let Some(table) = &rule.dues else {
        return Vec::new();
    };
    let id = rule.id.get_ref();
    let mut out = Vec::new();
    for (label, date) in table.get_ref() {
        let key = Key::rule(id, format!("dues.{label}"));
        let Some(date) = plan_date(date, key.clone(), p) else {
            continue;
        };
        let period = match parse_label(label) {
            Ok(period) => period,
            Err(why) => {
                let label = label.clone();
                p.at(table.span(), PlanFault::DuesLabelBad { key, label, why });
                continue;
            }
        };
        if !periods.iter().any(|known| known.key == period) {
            let label = label.clone();
            let periods = periods
                .iter()
                .map(Period::label)
                .collect::<Vec<_>>()
                .join(", ");
            p.at(
                table.span(),
                PlanFault::DuesNotAPeriod {
                    key,
                    label,
                    periods,
                },
            );
            continue;
        }
        out.push((period, date));
    }
    out
}

/// A TOML local date (`2022-01-01`, no time, no offset) as a `NaiveDate`.
fn plan_date(value: &Spanned<Datetime>, key: Key, p: &mut Problems) -> Option<NaiveDate> {
    let dt = value.get_ref();
    let date = match (&dt.date, &dt.time, &dt.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
        }
        _ => None,
    };
    if date.is_none() {
        p.at(value.span(), PlanFault::NotADate { key });
    }
    date
}

/// [`closest`], kept in a problem.
fn closest_owned<'a>(given: &str, known: impl Iterator<Item = &'a str>) -> Option<String> {
    closest(given, known).map(str::to_string)
}

/// The known name closest to `given`, if it is close enough to be a typo.
pub(crate) fn closest<'a>(given: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    known
        .map(|k| (strsim::osa_distance(given, k), k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_offsets_are_written_as_rfc_3339_writes_them() {
        let seconds = |text| parse_utc_offset(text).map(|o| o.local_minus_utc());
        assert_eq!(seconds("+07:00"), Some(7 * 3600));
        assert_eq!(seconds("-03:30"), Some(-(3 * 3600 + 30 * 60)));
        assert_eq!(seconds("+14:00"), Some(14 * 3600));
        assert_eq!(seconds("Z"), Some(0));
        for bad in [
            "+7", "07:00", "+07:60", "+14:30", "+15:00", "UTC+7", "+0700", "+٠٧:00",
        ] {
            assert_eq!(seconds(bad), None, "{bad}");
        }
    }

    const MINIMAL: &str = r#"
[plan]
title = "T"
issuer = "I"
start = 2024-01-01
end = 2024-12-31

[[unit]]
id = "a"
name = "Xã A"
kind = "commune"

[[rule]]
id = "r"
title = "R"
kinds = ["commune"]
record = "article"
every = "quarter"
min = 2
"#;

    /// The problems found in `text`, as (line, column, fault).
    fn problems(text: &str) -> Vec<(usize, usize, PlanFault)> {
        match parse_plan(text) {
            Ok(_) => vec![],
            Err(found) => found
                .into_iter()
                .map(|p| (p.line, p.column, p.fault))
                .collect(),
        }
    }

    /// Whether some problem is `fault` (compared whole).
    fn has(found: &[(usize, usize, PlanFault)], fault: &PlanFault) -> bool {
        found.iter().any(|(_, _, f)| f == fault)
    }

    #[test]
    fn a_minimal_plan_is_accepted() {
        let plan = parse_plan(MINIMAL).unwrap();
        assert_eq!(plan.due_soon_days, DEFAULT_DUE_SOON_DAYS);
        assert_eq!(plan.rules[0].applies_to, vec![0]);
        assert_eq!(plan.rules[0].required(Some(0)), 2);
    }

    #[test]
    fn the_built_in_plan_has_the_contract_ids() {
        let plan = parse_plan(super::super::BUILT_IN_PLAN).unwrap();
        assert_eq!(plan.units.len(), 23);
        assert_eq!(plan.rules.len(), 10);
        assert_eq!(plan.topics.len(), 11);
        assert!(plan.rules.iter().all(|r| r.clause.is_some()));
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let text = MINIMAL.replace("min = 2", "min = 0\nunits = [\"b\"]")
            + "\n[[unit]]\nid = \"a\"\nname = \"\"\nkind = \"commune\"\n";
        let found = problems(&text);
        let duplicate = PlanFault::IdDuplicate {
            table: Table::Unit,
            id: "a".into(),
            first_line: 9,
        };
        assert!(
            found
                .iter()
                .any(|(line, column, f)| *f == duplicate && *line == 23 && *column == 6),
            "{found:?}"
        );
        let unknown = PlanFault::RuleNamesUnknown {
            rule: "r".into(),
            table: Table::Unit,
            given: "b".into(),
            closest: Some("a".into()),
        };
        assert!(has(&found, &unknown), "{found:?}");
        let zero = PlanFault::OutOfRange {
            key: Key::rule("r", "min"),
            value: 0,
            low: 1,
            high: MAX_MIN,
        };
        assert!(has(&found, &zero), "{found:?}");
        let blank = PlanFault::NameBlank {
            table: Table::Unit,
            id: "a".into(),
        };
        assert!(has(&found, &blank), "{found:?}");
        assert_eq!(found.len(), 4, "{found:?}");
        // In the order of the file.
        assert!(found.is_sorted_by_key(|(line, column, _)| (*line, *column)));
    }

    #[test]
    fn syntax_errors_point_at_their_line() {
        let found = problems("[plan]\ntitle = \"T\"\nissuer = 3\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 3, "{found:?}");
        assert!(
            matches!(&found[0].2, PlanFault::TomlWrongType { key, .. } if key == "issuer"),
            "{found:?}"
        );
        let found = problems(&MINIMAL.replace("min = 2", "min = 2\ncolour = 1"));
        assert!(
            matches!(&found[0].2, PlanFault::TomlUnknownKey { rest } if rest.starts_with("`colour`")),
            "{found:?}"
        );
    }

    #[test]
    fn shapes_are_checked() {
        let rule = || "r".to_string();
        let found = problems(&MINIMAL.replace("min = 2", "due = 2024-03-01"));
        let misplaced = PlanFault::KeyMisplaced {
            rule: rule(),
            key: "due",
            record: RecordKind::Article,
            belongs: KeyBelongs::OnlyPlanDue,
        };
        assert!(has(&found, &misplaced), "{found:?}");
        assert!(
            has(&found, &PlanFault::QuotaWithoutMin { rule: rule() }),
            "{found:?}"
        );
        let found = problems(&MINIMAL.replace(
            "record = \"article\"\nevery = \"quarter\"\nmin = 2",
            "record = \"report\"\nevery = \"week\"\ndue_day = 40",
        ));
        assert!(
            has(&found, &PlanFault::ReportWeekly { rule: rule() }),
            "{found:?}"
        );
        let forty = PlanFault::OutOfRange {
            key: Key::rule("r", "due_day"),
            value: 40,
            low: 1,
            high: 31,
        };
        assert!(has(&found, &forty), "{found:?}");
        let found = problems(&MINIMAL.replace(
            "record = \"article\"",
            "record = \"broadcast\"\npeak_only = true",
        ));
        let peak = PlanFault::PeakOnlyWithoutPeakHours { rule: rule() };
        assert!(has(&found, &peak), "{found:?}");
        let found = problems(&MINIMAL.replace(
            "record = \"article\"\nevery = \"quarter\"\nmin = 2",
            "record = \"plan\"\ndue = 2025-01-05",
        ));
        assert!(
            found
                .iter()
                .any(|(_, _, f)| matches!(f, PlanFault::DueOutsidePlan { .. })),
            "{found:?}"
        );
    }

    #[test]
    fn an_alias_names_one_unit() {
        let text = MINIMAL.replace(
            "kind = \"commune\"\n",
            "kind = \"commune\"\naliases = [\"Xã A\", \"A\"]\n\n[[unit]]\nid = \"b\"\nname = \"Xã B\"\nkind = \"commune\"\naliases = [\"a\"]\n",
        );
        let taken = PlanFault::AliasTaken {
            unit: "b".into(),
            alias: "a".into(),
            other: "a".into(),
        };
        assert!(has(&problems(&text), &taken));
    }

    #[test]
    fn suggestions_catch_typos_only() {
        assert_eq!(
            closest("xa-son-mi", ["xa-son-my", "xa-tan-ha"].into_iter()),
            Some("xa-son-my")
        );
        assert_eq!(closest("zzz", ["xa-son-my"].into_iter()), None);
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        assert_eq!(line_column("a\nđđx", 6), (2, 3));
        let text = "a\nđđx\n\nz";
        let p = Problems {
            text,
            found: Vec::new(),
            line_starts: line_starts(text),
        };
        for offset in 0..=text.len() {
            if text.is_char_boundary(offset) {
                assert_eq!(p.position(offset), line_column(text, offset), "{offset}");
            }
        }
    }
}
