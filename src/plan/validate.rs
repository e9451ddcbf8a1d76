//! From TOML text to a [`Plan`], or to every problem that stops it being one.
//!
//! Deserialisation keeps the span of each value (`toml::Spanned`) so that a problem
//! found later — a duplicate id, a rule naming a unit that does not exist — can still
//! say on which line it is. Syntax and type errors stop at the first one (the TOML
//! parser cannot go on); every other problem is collected.

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::{Plan, RecordKind, Rule, Shape, TimeWindow, Topic, Unit, is_valid_id};
use crate::error::PlanProblem;
use crate::i18n::Lang;
use crate::period::Every;

/// Default for `[plan].due_soon_days`.
pub const DEFAULT_DUE_SOON_DAYS: u32 = 14;
/// No period is longer than a year; a larger warning time is surely a typo.
const MAX_DUE_SOON_DAYS: i64 = 366;
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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    id: Spanned<String>,
    name: Spanned<String>,
    kind: Spanned<String>,
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
    clause: Option<String>,
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
}

/// Collects problems with their positions in the text.
struct Problems<'t> {
    text: &'t str,
    found: Vec<PlanProblem>,
}

impl Problems<'_> {
    fn at(&mut self, span: Range<usize>, message: impl Into<String>) {
        let (line, column) = line_column(self.text, span.start);
        self.found.push(PlanProblem {
            line,
            column,
            message: message.into(),
        });
    }

    fn line_of(&self, span: &Range<usize>) -> usize {
        line_column(self.text, span.start).0
    }
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
            message: describe_toml_error(e.message(), key_on_line(text, line)),
        }]
    })?;
    let mut problems = Problems {
        text,
        found: Vec::new(),
    };
    let plan = build(raw, &mut problems);
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

/// Makes the TOML parser's wording point at what to change.
fn describe_toml_error(message: &str, key: Option<&str>) -> String {
    let message = message.trim();
    if let Some(key) = key
        && (message.starts_with("invalid type") || message.starts_with("invalid value"))
    {
        if message.contains("as i128") {
            return format!("`{key}`: the number is too large");
        }
        return format!("`{key}`: {message}");
    }
    if message.starts_with("missing field `plan`") {
        return "the plan has no [plan] table; it needs title, issuer, start and end".into();
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        return format!("unknown key {rest}; remove it or correct its spelling");
    }
    message.to_string()
}

fn build(raw: RawFile, p: &mut Problems) -> Plan {
    let header = raw.plan.into_inner();
    for (field, value) in [("title", &header.title), ("issuer", &header.issuer)] {
        if value.get_ref().trim().is_empty() {
            p.at(
                value.span(),
                format!("[plan].{field} is blank; give it a text"),
            );
        }
    }
    let start = plan_date(&header.start, "[plan].start", p);
    let end = plan_date(&header.end, "[plan].end", p);
    if let (Some(s), Some(e)) = (start, end)
        && s > e
    {
        p.at(
            header.end.span(),
            format!("[plan].end {e} is before [plan].start {s}; the range is inclusive and must not be empty"),
        );
    }
    let lang = header.lang.as_ref().and_then(|l| {
        let parsed = Lang::parse(l.get_ref());
        if parsed.is_none() {
            p.at(
                l.span(),
                format!("[plan].lang is `{}`; use \"vi\" or \"en\"", l.get_ref()),
            );
        }
        parsed
    });
    let mut peak_hours = Vec::new();
    for window in &header.peak_hours {
        match TimeWindow::parse(window.get_ref()) {
            Ok(w) => peak_hours.push(w),
            Err(why) => p.at(
                window.span(),
                format!("[plan].peak_hours `{}`: {why}", window.get_ref()),
            ),
        }
    }
    let due_soon_days = match &header.due_soon_days {
        None => DEFAULT_DUE_SOON_DAYS,
        Some(d) if (0..=MAX_DUE_SOON_DAYS).contains(d.get_ref()) => *d.get_ref() as u32,
        Some(d) => {
            p.at(
                d.span(),
                format!("[plan].due_soon_days is {}; use a number of days from 0 to {MAX_DUE_SOON_DAYS}", d.get_ref()),
            );
            DEFAULT_DUE_SOON_DAYS
        }
    };

    let units = build_units(&raw.unit, p);
    let topics = build_topics(&raw.topic, p);
    let range = start.zip(end);
    let mut rules = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for spanned in &raw.rule {
        let rule = spanned.get_ref();
        check_id(&rule.id, "rule", &mut seen, p);
        if rule.title.get_ref().trim().is_empty() {
            p.at(
                rule.title.span(),
                format!("rule `{}`: title is blank", rule.id.get_ref()),
            );
        }
        let applies_to = rule_units(spanned, &units, p);
        let shape = rule_shape(rule, &topics, !peak_hours.is_empty(), range, p);
        if let Some(shape) = shape {
            rules.push(Rule {
                id: rule.id.get_ref().clone(),
                title: rule.title.get_ref().trim().to_string(),
                clause: rule.clause.clone(),
                units: rule.units.iter().map(|u| u.get_ref().clone()).collect(),
                kinds: rule.kinds.iter().map(|k| k.get_ref().clone()).collect(),
                applies_to,
                shape,
            });
        }
    }

    Plan {
        title: header.title.into_inner().trim().to_string(),
        issuer: header.issuer.into_inner().trim().to_string(),
        start: start.unwrap_or_default(),
        end: end.unwrap_or_default(),
        lang,
        peak_hours,
        due_soon_days,
        units,
        topics,
        rules,
    }
}

fn check_id(id: &Spanned<String>, what: &str, seen: &mut HashMap<String, usize>, p: &mut Problems) {
    let text = id.get_ref();
    if !is_valid_id(text) {
        p.at(
            id.span(),
            format!("{what} id `{text}` may only hold a-z, 0-9 and '-' (e.g. \"xa-son-my\")"),
        );
    }
    let line = p.line_of(&id.span());
    if let Some(first) = seen.insert(text.clone(), line) {
        p.at(
            id.span(),
            format!(
                "duplicate {what} id `{text}` (first used on line {first}); ids must be unique"
            ),
        );
        seen.insert(text.clone(), first);
    }
}

fn build_units(raw: &[Spanned<RawUnit>], p: &mut Problems) -> Vec<Unit> {
    let mut seen = HashMap::new();
    let mut units = Vec::new();
    for u in raw.iter().map(Spanned::get_ref) {
        check_id(&u.id, "unit", &mut seen, p);
        if u.name.get_ref().trim().is_empty() {
            p.at(
                u.name.span(),
                format!("unit `{}`: name is blank", u.id.get_ref()),
            );
        }
        let kind = u.kind.get_ref();
        if kind.trim().is_empty() || kind.chars().any(char::is_whitespace) {
            p.at(
                u.kind.span(),
                format!(
                    "unit `{}`: kind `{kind}` must be one word, e.g. \"commune\"",
                    u.id.get_ref()
                ),
            );
        }
        units.push(Unit {
            id: u.id.get_ref().clone(),
            name: u.name.get_ref().trim().to_string(),
            kind: kind.clone(),
        });
    }
    units
}

fn build_topics(raw: &[Spanned<RawTopic>], p: &mut Problems) -> Vec<Topic> {
    let mut seen = HashMap::new();
    let mut topics = Vec::new();
    for t in raw.iter().map(Spanned::get_ref) {
        check_id(&t.id, "topic", &mut seen, p);
        if t.name.get_ref().trim().is_empty() {
            p.at(
                t.name.span(),
                format!("topic `{}`: name is blank", t.id.get_ref()),
            );
        }
        topics.push(Topic {
            id: t.id.get_ref().clone(),
            name: t.name.get_ref().trim().to_string(),
        });
    }
    topics
}

/// The indices of the units a rule applies to; reports unknown units and kinds.
fn rule_units(spanned: &Spanned<RawRule>, units: &[Unit], p: &mut Problems) -> Vec<usize> {
    let rule = spanned.get_ref();
    let id = rule.id.get_ref();
    for u in &rule.units {
        if !units.iter().any(|unit| unit.id == *u.get_ref()) {
            p.at(
                u.span(),
                format!(
                    "rule `{id}` names unit `{}`, which the plan does not have{}",
                    u.get_ref(),
                    suggestion(u.get_ref(), units.iter().map(|unit| unit.id.as_str()))
                ),
            );
        }
    }
    for k in &rule.kinds {
        if !units.iter().any(|unit| unit.kind == *k.get_ref()) {
            let mut kinds: Vec<&str> = units.iter().map(|u| u.kind.as_str()).collect();
            kinds.dedup();
            p.at(
                k.span(),
                format!(
                    "rule `{id}` names kind `{}`, which no unit has{}",
                    k.get_ref(),
                    suggestion(k.get_ref(), kinds.into_iter())
                ),
            );
        }
    }
    if rule.units.is_empty() && rule.kinds.is_empty() {
        p.at(
            rule.id.span(),
            format!(
                "rule `{id}` applies to no unit; list unit ids in `units` or unit kinds in `kinds`"
            ),
        );
    }
    units
        .iter()
        .enumerate()
        .filter(|(_, unit)| {
            rule.units.iter().any(|u| *u.get_ref() == unit.id)
                || rule.kinds.iter().any(|k| *k.get_ref() == unit.kind)
        })
        .map(|(i, _)| i)
        .collect()
}

/// The rule's shape from `record` and the fields that go with it.
fn rule_shape(
    rule: &RawRule,
    topics: &[Topic],
    has_peak_hours: bool,
    range: Option<(NaiveDate, NaiveDate)>,
    p: &mut Problems,
) -> Option<Shape> {
    let id = rule.id.get_ref();
    let Some(record) = RecordKind::parse(rule.record.get_ref()) else {
        p.at(
            rule.record.span(),
            format!(
                "rule `{id}`: record `{}` is not one of article, broadcast, plan, report",
                rule.record.get_ref()
            ),
        );
        return None;
    };
    // Fields that do not fit the record kind: (present?, span, key).
    let mut refuse = |present: Option<Range<usize>>, key: &str, why: &str| {
        if let Some(span) = present {
            p.at(
                span,
                format!("rule `{id}`: `{key}` does not apply to record = \"{record}\"; {why}"),
            );
        }
    };
    let quota = matches!(record, RecordKind::Article | RecordKind::Broadcast);
    if quota {
        refuse(
            rule.due.as_ref().map(Spanned::span),
            "due",
            "remove it (quotas use every and min)",
        );
        refuse(
            rule.due_day.as_ref().map(Spanned::span),
            "due_day",
            "remove it (quotas use every and min)",
        );
    } else {
        refuse(
            rule.min.as_ref().map(Spanned::span),
            "min",
            "remove it (one record is due)",
        );
    }
    if record != RecordKind::Article {
        refuse(
            rule.topics.as_ref().map(Spanned::span),
            "topics",
            "only article rules have topics",
        );
    }
    if record != RecordKind::Broadcast {
        refuse(
            rule.peak_only.as_ref().map(Spanned::span),
            "peak_only",
            "only broadcast rules have it",
        );
    }
    match record {
        RecordKind::Plan => {
            refuse(
                rule.every.as_ref().map(Spanned::span),
                "every",
                "a plan is due once, on `due`",
            );
            refuse(
                rule.due_day.as_ref().map(Spanned::span),
                "due_day",
                "use `due = YYYY-MM-DD`",
            );
        }
        RecordKind::Report => {
            refuse(
                rule.due.as_ref().map(Spanned::span),
                "due",
                "reports are due on `due_day` of each period",
            );
        }
        _ => {}
    }

    let every = |p: &mut Problems| -> Option<Every> {
        let Some(every) = &rule.every else {
            p.at(
                rule.id.span(),
                format!("rule `{id}`: record = \"{record}\" needs `every` (week, month, quarter or year)"),
            );
            return None;
        };
        let parsed = Every::parse(every.get_ref());
        if parsed.is_none() {
            p.at(
                every.span(),
                format!(
                    "rule `{id}`: every = \"{}\" is not one of week, month, quarter, year",
                    every.get_ref()
                ),
            );
        }
        parsed
    };

    match record {
        RecordKind::Article | RecordKind::Broadcast => {
            let every = every(p);
            let min = match &rule.min {
                None => {
                    p.at(
                        rule.id.span(),
                        format!("rule `{id}`: a quota needs `min` (at least 1)"),
                    );
                    None
                }
                Some(m) if (1..=MAX_MIN).contains(m.get_ref()) => Some(*m.get_ref() as u32),
                Some(m) => {
                    p.at(
                        m.span(),
                        format!(
                            "rule `{id}`: min = {} must be from 1 to {MAX_MIN}",
                            m.get_ref()
                        ),
                    );
                    None
                }
            };
            let mut topic_ids = Vec::new();
            for t in rule.topics.iter().flat_map(|t| t.get_ref()) {
                if topics.iter().any(|topic| topic.id == *t.get_ref()) {
                    topic_ids.push(t.get_ref().clone());
                } else {
                    p.at(
                        t.span(),
                        format!(
                            "rule `{id}` names topic `{}`, which the plan does not have{}",
                            t.get_ref(),
                            suggestion(t.get_ref(), topics.iter().map(|t| t.id.as_str()))
                        ),
                    );
                }
            }
            let peak_only = rule.peak_only.as_ref().is_some_and(|b| *b.get_ref());
            if peak_only && !has_peak_hours {
                let span = rule
                    .peak_only
                    .as_ref()
                    .map_or(rule.id.span(), Spanned::span);
                p.at(
                    span,
                    format!(
                        "rule `{id}`: peak_only needs [plan].peak_hours, e.g. [\"17:00-18:30\"]"
                    ),
                );
            }
            Some(Shape::Quota {
                record,
                every: every?,
                min: min?,
                topics: topic_ids,
                peak_only,
            })
        }
        RecordKind::Plan => {
            let Some(due) = &rule.due else {
                p.at(
                    rule.id.span(),
                    format!("rule `{id}`: record = \"plan\" needs `due = YYYY-MM-DD`"),
                );
                return None;
            };
            let date = plan_date(due, &format!("rule `{id}`: due"), p)?;
            if let Some((start, end)) = range
                && (date < start || date > end)
            {
                p.at(
                    due.span(),
                    format!("rule `{id}`: due {date} lies outside the plan ({start} to {end})"),
                );
            }
            Some(Shape::Deadline { due: date })
        }
        RecordKind::Report => {
            let every = every(p);
            if every == Some(Every::Week) {
                let span = rule
                    .every
                    .as_ref()
                    .map(Spanned::span)
                    .unwrap_or(rule.id.span());
                p.at(span, format!("rule `{id}`: a report is due on a day of the month, so it cannot be weekly; use month, quarter or year"));
            }
            let due_day = match &rule.due_day {
                None => {
                    p.at(
                        rule.id.span(),
                        format!("rule `{id}`: record = \"report\" needs `due_day` (1 to 31)"),
                    );
                    None
                }
                Some(d) if (1..=31).contains(d.get_ref()) => Some(*d.get_ref() as u32),
                Some(d) => {
                    p.at(
                        d.span(),
                        format!(
                            "rule `{id}`: due_day = {} must be from 1 to 31",
                            d.get_ref()
                        ),
                    );
                    None
                }
            };
            Some(Shape::Report {
                every: every.filter(|e| *e != Every::Week)?,
                due_day: due_day?,
            })
        }
    }
}

/// A TOML local date (`2022-01-01`, no time, no offset) as a `NaiveDate`.
fn plan_date(value: &Spanned<Datetime>, what: &str, p: &mut Problems) -> Option<NaiveDate> {
    let dt = value.get_ref();
    let date = match (&dt.date, &dt.time, &dt.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
        }
        _ => None,
    };
    if date.is_none() {
        p.at(
            value.span(),
            format!("{what} must be a plain date such as 2022-01-01 (no time, no quotes)"),
        );
    }
    date
}

/// ", did you mean `x`?" when a known name is close to `given`.
pub(crate) fn suggestion<'a>(given: &str, known: impl Iterator<Item = &'a str>) -> String {
    closest(given, known).map_or_else(String::new, |k| format!("; did you mean `{k}`?"))
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

    fn problems(text: &str) -> Vec<String> {
        match parse_plan(text) {
            Ok(_) => vec![],
            Err(found) => found
                .into_iter()
                .map(|p| format!("{}:{}: {}", p.line, p.column, p.message))
                .collect(),
        }
    }

    #[test]
    fn a_minimal_plan_is_accepted() {
        let plan = parse_plan(MINIMAL).unwrap();
        assert_eq!(plan.due_soon_days, DEFAULT_DUE_SOON_DAYS);
        assert_eq!(plan.rules[0].applies_to, vec![0]);
        assert_eq!(plan.rules[0].required(), 2);
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
        assert!(
            found
                .iter()
                .any(|p| p.contains("duplicate unit id `a` (first used on line 9)")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|p| p.contains("names unit `b`")),
            "{found:?}"
        );
        assert!(found.iter().any(|p| p.contains("min = 0")), "{found:?}");
        assert!(
            found.iter().any(|p| p.contains("name is blank")),
            "{found:?}"
        );
        assert!(found.len() >= 4);
    }

    #[test]
    fn syntax_errors_point_at_their_line() {
        let found = problems("[plan]\ntitle = \"T\"\nissuer = 3\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("3:"), "{found:?}");
        let found = problems(&MINIMAL.replace("min = 2", "min = 2\ncolour = 1"));
        assert!(found[0].contains("unknown key `colour`"), "{found:?}");
    }

    #[test]
    fn shapes_are_checked() {
        let found = problems(&MINIMAL.replace("min = 2", "due = 2024-03-01"));
        assert!(
            found.iter().any(|p| p.contains("`due` does not apply")),
            "{found:?}"
        );
        assert!(found.iter().any(|p| p.contains("needs `min`")), "{found:?}");
        let found = problems(&MINIMAL.replace(
            "record = \"article\"\nevery = \"quarter\"\nmin = 2",
            "record = \"report\"\nevery = \"week\"\ndue_day = 40",
        ));
        assert!(
            found.iter().any(|p| p.contains("cannot be weekly")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|p| p.contains("due_day = 40")),
            "{found:?}"
        );
        let found = problems(&MINIMAL.replace(
            "record = \"article\"",
            "record = \"broadcast\"\npeak_only = true",
        ));
        assert!(
            found.iter().any(|p| p.contains("needs [plan].peak_hours")),
            "{found:?}"
        );
        let found = problems(&MINIMAL.replace(
            "record = \"article\"\nevery = \"quarter\"\nmin = 2",
            "record = \"plan\"\ndue = 2025-01-05",
        ));
        assert!(
            found.iter().any(|p| p.contains("outside the plan")),
            "{found:?}"
        );
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
    }
}
