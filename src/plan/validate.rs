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

use super::{
    Channel, CountBy, Document, Measure, Named, Nth, Plan, Quota, RecordKind, ReportDue, Rule,
    Scope, Shape, SignerForm, TimeWindow, Topic, Unit, is_valid_id,
};
use crate::error::PlanProblem;
use crate::lang::Lang;
use crate::lang::Said;
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
    /// A problem at `span`, said in both languages.
    fn at(&mut self, span: Range<usize>, message: Said) {
        let (line, column) = self.position(span.start);
        self.found.push(PlanProblem {
            line,
            column,
            message,
        });
    }

    /// A text of the plan as it is kept: NFC, line breaks as spaces, hidden
    /// characters removed, runs of space folded; a control character is a problem.
    fn text(&mut self, value: &Spanned<String>, what: &str) -> String {
        match crate::text::normalize_input(value.get_ref()) {
            Ok(text) => text.split_whitespace().collect::<Vec<_>>().join(" "),
            Err(why) => {
                self.at(
                    value.span(),
                    Said::new(
                        format!(
                            "{what} có ký tự điều khiển {}; hãy gõ như văn bản thường",
                            why.code()
                        ),
                        format!("{what} {why}"),
                    ),
                );
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
            message: describe_toml_error(e.message(), key_on_line(text, line)),
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

/// Makes the TOML parser's wording point at what to change (its own words, for
/// a syntax error, are English either way).
fn describe_toml_error(message: &str, key: Option<&str>) -> Said {
    let message = message.trim();
    if let Some(key) = key
        && (message.starts_with("invalid type") || message.starts_with("invalid value"))
    {
        if message.contains("as i128") {
            return Said::new(
                format!("`{key}`: số quá lớn"),
                format!("`{key}`: the number is too large"),
            );
        }
        return Said::new(
            format!("`{key}`: sai kiểu giá trị ({message})"),
            format!("`{key}`: {message}"),
        );
    }
    if message.starts_with("missing field `plan`") {
        return Said::new(
            "kế hoạch thiếu mục [plan]; mục này cần title, issuer, start và end",
            "the plan has no [plan] table; it needs title, issuer, start and end",
        );
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return Said::new(
            format!("thiếu khóa {rest}"),
            format!("missing field {rest}"),
        );
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        // "`colour`, expected one of `title`, `issuer`" (serde's words).
        let vi = match rest.split_once(", expected one of ") {
            Some((key, keys)) => format!("không biết khóa {key} (các khóa ở đây: {keys})"),
            None => match rest.split_once(", expected ") {
                Some((key, only)) => format!("không biết khóa {key} (khóa ở đây: {only})"),
                None => format!(
                    "không biết khóa {}",
                    rest.replace(", there are no fields", "")
                ),
            },
        };
        return Said::new(
            format!("{vi}; xóa đi hoặc sửa lại chính tả"),
            format!("unknown key {rest}; remove it or correct its spelling"),
        );
    }
    Said::new(format!("lỗi cú pháp TOML: {message}"), message.to_string())
}

/// `[document]`, each key checked: a signer form the decree knows, with what it
/// signs for; a plan number with its date; a title kept line by line.
fn document(d: &RawDocument, p: &mut Problems) -> Document {
    let mut field = |value: &Option<Spanned<String>>, key: &str| {
        value
            .as_ref()
            .map(|v| p.text(v, &format!("[document].{key}")))
            .filter(|t| !t.is_empty())
    };
    let parent = field(&d.parent, "parent");
    let office = field(&d.office, "office");
    let place = field(&d.place, "place");
    let code = field(&d.code, "code");
    let plan_number = field(&d.plan_number, "plan_number");
    let signer_for = field(&d.signer_for, "signer_for");
    let signer_name = field(&d.signer_name, "signer_name");
    let list = |values: &[Spanned<String>], key: &str, p: &mut Problems| -> Vec<String> {
        values
            .iter()
            .map(|v| p.text(v, &format!("[document].{key}")))
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
                    "[document].signer_title",
                )
            })
            .filter(|line| !line.is_empty())
            .collect()
    });
    let plan_date = d
        .plan_date
        .as_ref()
        .and_then(|v| plan_date(v, "[document].plan_date", p));
    let signer_form = d.signer_form.as_ref().and_then(|v| {
        let form = SignerForm::parse(v.get_ref());
        if form.is_none() {
            let forms: Vec<&str> = SignerForm::ALL.iter().map(|f| f.as_str()).collect();
            p.at(
                v.span(),
                Said::new(
                    format!(
                        "[document].signer_form = \"{}\" không phải hình thức ký theo Nghị định 30/2020; hãy dùng một trong {}",
                        v.get_ref(),
                        forms.join(", ")
                    ),
                    format!(
                        "[document].signer_form = \"{}\" is no signing form of Nghị định 30/2020; use one of {}",
                        v.get_ref(),
                        forms.join(", ")
                    ),
                ),
            );
        }
        form
    });
    match (&d.signer_form, &d.signer_for) {
        (Some(form), None) => p.at(
            form.span(),
            Said::new(
                format!(
                    "[document].signer_form = \"{}\" cần signer_for: điều ghi sau \"{}\" (ví dụ signer_for = \"ỦY BAN NHÂN DÂN\" với TM., \"CHỦ TỊCH\" với KT.)",
                    form.get_ref(),
                    form.get_ref()
                ),
                format!(
                    "[document].signer_form = \"{}\" needs signer_for: what follows \"{}\" (e.g. signer_for = \"ỦY BAN NHÂN DÂN\" with TM., \"CHỦ TỊCH\" with KT.)",
                    form.get_ref(),
                    form.get_ref()
                ),
            ),
        ),
        (None, Some(what)) => p.at(
            what.span(),
            Said::new(
                "[document].signer_for chỉ dùng cùng signer_form (TM., KT., Q., TL., TUQ.); hãy thêm signer_form hoặc xóa signer_for",
                "[document].signer_for goes with signer_form (TM., KT., Q., TL., TUQ.); add signer_form or remove signer_for",
            ),
        ),
        _ => {}
    }
    match (&d.plan_number, &d.plan_date) {
        (Some(number), None) => p.at(
            number.span(),
            Said::new(
                "[document].plan_number cần plan_date: ngày ký kế hoạch được báo cáo (ví dụ plan_date = 2022-01-20)",
                "[document].plan_number needs plan_date: the day the plan reported on was signed (e.g. plan_date = 2022-01-20)",
            ),
        ),
        (None, Some(date)) => p.at(
            date.span(),
            Said::new(
                "[document].plan_date cần plan_number: số, ký hiệu của kế hoạch được báo cáo (ví dụ plan_number = \"45/KH-UBND\")",
                "[document].plan_date needs plan_number: the number of the plan reported on (e.g. plan_number = \"45/KH-UBND\")",
            ),
        ),
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
    for (field, value) in [("title", &header.title), ("issuer", &header.issuer)] {
        if value.get_ref().trim().is_empty() {
            p.at(
                value.span(),
                Said::new(
                    format!("[plan].{field} để trống; hãy ghi nội dung"),
                    format!("[plan].{field} is blank; give it a text"),
                ),
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
            Said::new(format!("[plan].end {e} trước [plan].start {s}; khoảng thời gian tính cả hai ngày và không được rỗng"), format!("[plan].end {e} is before [plan].start {s}; the range is inclusive and must not be empty")),
        );
    }
    if let (Some(s), Some(e)) = (start, end)
        && (e - s).num_days() >= MAX_PLAN_DAYS
    {
        p.at(
            header.end.span(),
            Said::new(format!(
                "[plan] chạy từ {s} đến {e}, {} ngày; một kế hoạch dài nhiều nhất năm năm: mỗi năm viết một kế hoạch",
                (e - s).num_days() + 1
            ), format!(
                "[plan] runs from {s} to {e}, {} days; a plan covers at most five years: write one plan a year",
                (e - s).num_days() + 1
            )),
        );
    }
    let lang = header.lang.as_ref().and_then(|l| {
        let parsed = Lang::parse(l.get_ref());
        if parsed.is_none() {
            p.at(
                l.span(),
                Said::new(
                    format!("[plan].lang là `{}`; dùng \"vi\" hoặc \"en\"", l.get_ref()),
                    format!("[plan].lang is `{}`; use \"vi\" or \"en\"", l.get_ref()),
                ),
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
                Said::new(
                    format!(
                        "[plan].peak_hours `{}`: không phải khung giờ; viết HH:MM-HH:MM, giờ bắt đầu trước giờ kết thúc (không qua nửa đêm)",
                        window.get_ref()
                    ),
                    format!("[plan].peak_hours `{}`: {why}", window.get_ref()),
                ),
            ),
        }
    }
    let due_soon_days = match &header.due_soon_days {
        None => DEFAULT_DUE_SOON_DAYS,
        Some(d) if (0..=MAX_DUE_SOON_DAYS).contains(d.get_ref()) => *d.get_ref() as u32,
        Some(d) => {
            p.at(
                d.span(),
                Said::new(format!("[plan].due_soon_days là {}; dùng số ngày từ 0 đến {MAX_DUE_SOON_DAYS}", d.get_ref()), format!("[plan].due_soon_days is {}; use a number of days from 0 to {MAX_DUE_SOON_DAYS}", d.get_ref())),
            );
            DEFAULT_DUE_SOON_DAYS
        }
    };

    let cutoff_day = match &header.cutoff_day {
        None => None,
        Some(c) if (1..=28).contains(c.get_ref()) => Some(*c.get_ref() as u32),
        Some(c) => {
            p.at(
                c.span(),
                Said::new(format!(
                    "[plan].cutoff_day là {}; dùng một ngày từ 1 đến 28 (ví dụ 14: kỳ tính từ ngày 15 đến ngày 14)",
                    c.get_ref()
                ), format!(
                    "[plan].cutoff_day is {}; use a day from 1 to 28 (e.g. 14: periods run from the 15th to the 14th)",
                    c.get_ref()
                )),
            );
            None
        }
    };

    let utc_offset = match &header.utc_offset {
        None => DEFAULT_UTC_OFFSET,
        Some(o) => match parse_utc_offset(o.get_ref()) {
            Some(offset) => offset,
            None => {
                p.at(
                    o.span(),
                    Said::new(format!(
                        "[plan].utc_offset là `{}`; ghi độ lệch giờ địa phương so với UTC dạng +HH:MM (Việt Nam: \"+07:00\")",
                        crate::printable(o.get_ref())
                    ), format!(
                        "[plan].utc_offset is `{}`; write the local time's offset from UTC as +HH:MM (Vietnam: \"+07:00\")",
                        crate::printable(o.get_ref())
                    )),
                );
                DEFAULT_UTC_OFFSET
            }
        },
    };

    let units = build_units(&raw.unit, p);
    let topics = build_topics(&raw.topic, p);
    let kind_names = build_named(&raw.kind, "kind", p);
    let channels = build_channels(&raw.channel, p);
    let activities = build_named(&raw.activity, "activity", p);
    if !kind_names.is_empty() {
        for u in raw.unit.iter().map(Spanned::get_ref) {
            let kind = u.kind.get_ref();
            if !kind_names.iter().any(|k| k.id == *kind) {
                p.at(
                    u.kind.span(),
                    Said::new(format!(
                        "đơn vị `{}`: loại `{kind}` không có trong các mục [[kind]] của kế hoạch{}; thêm một [[kind]] có id = \"{kind}\" hoặc sửa lại",
                        u.id.get_ref(),
                        suggestion_vi(kind, kind_names.iter().map(|k| k.id.as_str()))
                    ), format!(
                        "unit `{}`: kind `{kind}` is not one of the plan's [[kind]] tables{}; add a [[kind]] with id = \"{kind}\" or correct it",
                        u.id.get_ref(),
                        suggestion(kind, kind_names.iter().map(|k| k.id.as_str()))
                    )),
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
        check_id(&rule.id, "rule", &mut seen, p);
        if rule.title.get_ref().trim().is_empty() {
            p.at(
                rule.title.span(),
                Said::new(
                    format!("chỉ tiêu `{}`: title để trống", rule.id.get_ref()),
                    format!("rule `{}`: title is blank", rule.id.get_ref()),
                ),
            );
        }
        let applies_to = rule_units(spanned, &units, &unit_index, p);
        let scope = rule_scope(rule, p);
        if let Some(built) = rule_shape(rule, &known, &applies_to, p) {
            rules.push(Rule {
                id: rule.id.get_ref().clone(),
                title: p.text(&rule.title, "title"),
                clause: rule.clause.as_ref().map(|c| p.text(c, "clause")),
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
        title: p.text(&header.title, "[plan].title"),
        issuer: p.text(&header.issuer, "[plan].issuer"),
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

fn build_named(raw: &[Spanned<RawNamed>], what: &str, p: &mut Problems) -> Vec<Named> {
    let mut seen = HashMap::new();
    raw.iter()
        .map(Spanned::get_ref)
        .map(|n| {
            check_id(&n.id, what, &mut seen, p);
            if n.name.get_ref().trim().is_empty() {
                p.at(
                    n.name.span(),
                    Said::new(
                        format!("{} `{}`: name để trống", what_vi(what), n.id.get_ref()),
                        format!("{what} `{}`: name is blank", n.id.get_ref()),
                    ),
                );
            }
            Named {
                id: n.id.get_ref().clone(),
                name: p.text(&n.name, "name"),
            }
        })
        .collect()
}

fn build_channels(raw: &[Spanned<RawChannel>], p: &mut Problems) -> Vec<Channel> {
    let mut seen = HashMap::new();
    let mut first_default: Option<(String, usize)> = None;
    let mut channels = Vec::new();
    for c in raw.iter().map(Spanned::get_ref) {
        check_id(&c.id, "channel", &mut seen, p);
        if c.name.get_ref().trim().is_empty() {
            p.at(
                c.name.span(),
                Said::new(
                    format!("kênh `{}`: name để trống", c.id.get_ref()),
                    format!("channel `{}`: name is blank", c.id.get_ref()),
                ),
            );
        }
        let default = c.default.as_ref().is_some_and(|d| *d.get_ref());
        if default {
            let span = c.default.as_ref().expect("default is set").span();
            match &first_default {
                Some((id, line)) => p.at(
                    span,
                    Said::new(format!(
                        "kênh `{}`: kênh `{id}` (dòng {line}) đã là kênh mặc định; chỉ một kênh được có default = true",
                        c.id.get_ref()
                    ), format!(
                        "channel `{}`: channel `{id}` (line {line}) is already the default; at most one channel has default = true",
                        c.id.get_ref()
                    )),
                ),
                None => first_default = Some((c.id.get_ref().clone(), p.line_of(&span))),
            }
        }
        channels.push(Channel {
            id: c.id.get_ref().clone(),
            name: p.text(&c.name, "name"),
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
                Said::new(
                    format!(
                        "chỉ tiêu `{}`: scope = \"{other}\" không phải \"each\" hay \"together\"",
                        rule.id.get_ref()
                    ),
                    format!(
                        "rule `{}`: scope = \"{other}\" is not \"each\" or \"together\"",
                        rule.id.get_ref()
                    ),
                ),
            );
            None
        }
    }
}

fn check_id(id: &Spanned<String>, what: &str, seen: &mut HashMap<String, usize>, p: &mut Problems) {
    let text = id.get_ref();
    if !is_valid_id(text) {
        p.at(
            id.span(),
            Said::new(
                format!(
                    "mã {} `{text}` chỉ được có a-z, 0-9 và '-' (ví dụ \"xa-son-my\")",
                    what_vi(what)
                ),
                format!("{what} id `{text}` may only hold a-z, 0-9 and '-' (e.g. \"xa-son-my\")"),
            ),
        );
    }
    let line = p.line_of(&id.span());
    if let Some(first) = seen.insert(text.clone(), line) {
        p.at(
            id.span(),
            Said::new(format!(
                "mã {} `{text}` bị trùng (dùng lần đầu ở dòng {first}); mỗi mã chỉ dùng một lần",
                what_vi(what)
            ), format!(
                "duplicate {what} id `{text}` (first used on line {first}); ids must be unique"
            )),
        );
        seen.insert(text.clone(), first);
    }
}

fn build_units(raw: &[Spanned<RawUnit>], p: &mut Problems) -> Vec<Unit> {
    let mut seen = HashMap::new();
    // Folded alias → the unit it names.
    let mut seen_aliases: HashMap<String, String> = HashMap::new();
    let mut units = Vec::new();
    for u in raw.iter().map(Spanned::get_ref) {
        check_id(&u.id, "unit", &mut seen, p);
        if u.name.get_ref().trim().is_empty() {
            p.at(
                u.name.span(),
                Said::new(
                    format!("đơn vị `{}`: name để trống", u.id.get_ref()),
                    format!("unit `{}`: name is blank", u.id.get_ref()),
                ),
            );
        }
        let kind = u.kind.get_ref();
        if kind.trim().is_empty() || kind.chars().any(char::is_whitespace) {
            p.at(
                u.kind.span(),
                Said::new(
                    format!(
                        "đơn vị `{}`: loại `{kind}` phải là một từ, ví dụ \"commune\"",
                        u.id.get_ref()
                    ),
                    format!(
                        "unit `{}`: kind `{kind}` must be one word, e.g. \"commune\"",
                        u.id.get_ref()
                    ),
                ),
            );
        }
        let mut aliases = Vec::new();
        for alias in &u.aliases {
            let text = p.text(alias, "alias");
            let folded = super::fold(&text);
            if folded.is_empty() {
                p.at(
                    alias.span(),
                    Said::new(
                        format!(
                            "đơn vị `{}`: có một tên gọi khác (alias) để trống",
                            u.id.get_ref()
                        ),
                        format!("unit `{}`: an alias is blank", u.id.get_ref()),
                    ),
                );
                continue;
            }
            match seen_aliases.get(&folded) {
                Some(other) if other != u.id.get_ref() => p.at(
                    alias.span(),
                    Said::new(format!(
                        "đơn vị `{}`: tên gọi khác `{text}` đã là của đơn vị `{other}`; mỗi tên gọi khác chỉ chỉ một đơn vị",
                        u.id.get_ref()
                    ), format!(
                        "unit `{}`: alias `{text}` already names unit `{other}`; an alias names one unit",
                        u.id.get_ref()
                    )),
                ),
                _ => {
                    seen_aliases.insert(folded, u.id.get_ref().clone());
                    aliases.push(text);
                }
            }
        }
        let (email, phone) = contacts(u, p);
        let feed = u.feed.as_ref().and_then(|f| {
            let text = p.text(f, "feed");
            if is_web_address(&text) {
                Some(text)
            } else {
                p.at(
                    f.span(),
                    Said::new(format!(
                        "đơn vị `{}`: feed `{}` không phải địa chỉ web; ghi địa chỉ RSS của cổng thông tin, bắt đầu bằng https:// hoặc http://",
                        u.id.get_ref(),
                        crate::printable(f.get_ref())
                    ), format!(
                        "unit `{}`: feed `{}` is not a web address; write the portal's RSS address, starting with https:// or http://",
                        u.id.get_ref(),
                        crate::printable(f.get_ref())
                    )),
                );
                None
            }
        });
        units.push(Unit {
            id: u.id.get_ref().clone(),
            name: p.text(&u.name, "name"),
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
        p.at(
            e.span(),
            Said::new(
                format!(
                    "đơn vị `{id}`: email `{shown}` không giống địa chỉ thư điện tử; viết dạng \"vanthu@sonmy.gov.vn\" (một địa chỉ, không dấu cách)"
                ),
                format!(
                    "unit `{id}`: email `{shown}` does not look like an e-mail address; write it as \"office@sonmy.gov.vn\" (one address, no spaces)"
                ),
            ),
        );
        None
    });
    let phone = u.phone.as_ref().and_then(|n| {
        let text = n.get_ref().trim();
        let shown = crate::printable(text);
        if plausible_phone(text) {
            return Some(text.to_string());
        }
        p.at(
            n.span(),
            Said::new(
                format!(
                    "đơn vị `{id}`: phone `{shown}` không phải số điện thoại; viết 8 đến 15 chữ số, có thể có + ở đầu và dấu cách, dấu chấm, gạch nối giữa các số, ví dụ \"0252 3843 123\""
                ),
                format!(
                    "unit `{id}`: phone `{shown}` is not a phone number; write 8 to 15 digits, optionally + first and spaces, dots or dashes between them, e.g. \"+84 252 3843 123\""
                ),
            ),
        );
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
        check_id(&t.id, "topic", &mut seen, p);
        if t.name.get_ref().trim().is_empty() {
            p.at(
                t.name.span(),
                Said::new(
                    format!("chủ đề `{}`: name để trống", t.id.get_ref()),
                    format!("topic `{}`: name is blank", t.id.get_ref()),
                ),
            );
        }
        topics.push(Topic {
            id: t.id.get_ref().clone(),
            name: p.text(&t.name, "name"),
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
                Said::new(
                    format!(
                        "chỉ tiêu `{id}` nêu đơn vị `{}`, không có trong kế hoạch{}",
                        u.get_ref(),
                        suggestion_vi(u.get_ref(), units.iter().map(|unit| unit.id.as_str()))
                    ),
                    format!(
                        "rule `{id}` names unit `{}`, which the plan does not have{}",
                        u.get_ref(),
                        suggestion(u.get_ref(), units.iter().map(|unit| unit.id.as_str()))
                    ),
                ),
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
                Said::new(
                    format!(
                        "chỉ tiêu `{id}` nêu loại đơn vị `{}`, không đơn vị nào thuộc loại này{}",
                        k.get_ref(),
                        suggestion_vi(k.get_ref(), known.iter().copied())
                    ),
                    format!(
                        "rule `{id}` names kind `{}`, which no unit has{}",
                        k.get_ref(),
                        suggestion(k.get_ref(), known.into_iter())
                    ),
                ),
            );
        }
    }
    if rule.units.is_empty() && rule.kinds.is_empty() {
        p.at(
            rule.id.span(),
            Said::new(format!(
                "chỉ tiêu `{id}` không áp dụng cho đơn vị nào; liệt kê mã đơn vị trong `units` hoặc loại đơn vị trong `kinds`"
            ), format!(
                "rule `{id}` applies to no unit; list unit ids in `units` or unit kinds in `kinds`"
            )),
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
            Said::new(format!(
                "chỉ tiêu `{id}`: record `{}` không phải article, broadcast, plan, report hay activity",
                rule.record.get_ref()
            ), format!(
                "rule `{id}`: record `{}` is not one of article, broadcast, plan, report, activity",
                rule.record.get_ref()
            )),
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
                        Said::new(
                            format!("chỉ tiêu `{id}`: chỉ tiêu số lượng cần `min` (ít nhất 1)"),
                            format!("rule `{id}`: a quota needs `min` (at least 1)"),
                        ),
                    );
                    None
                }
                Some(m) => bounded(m, 1, MAX_MIN, &format!("rule `{id}`: min"), p),
            };
            let mut quota = Quota::new(record, min.unwrap_or(1));
            quota.topics = known_ids(
                rule.topics.as_ref(),
                id,
                "topic",
                known.topics.iter().map(|t| t.id.as_str()),
                p,
            );
            quota.channels = known_ids(
                rule.channels.as_ref(),
                id,
                "channel",
                known.channels.iter().map(|c| c.id.as_str()),
                p,
            );
            quota.activities = known_ids(
                rule.activities.as_ref(),
                id,
                "activity",
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
                    Said::new(format!(
                        "chỉ tiêu `{id}`: peak_only cần [plan].peak_hours, ví dụ [\"17:00-18:30\"]"
                    ), format!(
                        "rule `{id}`: peak_only needs [plan].peak_hours, e.g. [\"17:00-18:30\"]"
                    )),
                );
            }
            quota.min_minutes = rule
                .min_minutes
                .as_ref()
                .and_then(|m| bounded(m, 1, 1440, &format!("rule `{id}`: min_minutes"), p));
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
                        Said::new(format!("chỉ tiêu `{id}`: count_by = \"{other}\" không phải \"date\" hay \"sent\""), format!("rule `{id}`: count_by = \"{other}\" is not \"date\" or \"sent\"")),
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
                p.at(
                    m.span(),
                    Said::new(format!("chỉ tiêu `{id}`: min_for không đi cùng scope = \"together\" (một chỉ tiêu chung cho mọi đơn vị); bỏ một trong hai"), format!("rule `{id}`: min_for does not mix with scope = \"together\" (one obligation for all units); remove one of them")),
                );
            }
            min?;
            Shape::Quota(quota)
        }
        RecordKind::Plan => {
            let Some(due) = &rule.due else {
                p.at(
                    rule.id.span(),
                    Said::new(
                        format!("chỉ tiêu `{id}`: record = \"plan\" cần `due = YYYY-MM-DD`"),
                        format!("rule `{id}`: record = \"plan\" needs `due = YYYY-MM-DD`"),
                    ),
                );
                return None;
            };
            let date = plan_date(due, &format!("rule `{id}`: due"), p)?;
            if let Some(cal) = known.calendar
                && (date < cal.start || date > cal.end)
            {
                p.at(
                    due.span(),
                    Said::new(
                        format!(
                            "chỉ tiêu `{id}`: hạn {date} nằm ngoài kế hoạch ({} đến {})",
                            cal.start, cal.end
                        ),
                        format!(
                            "rule `{id}`: due {date} lies outside the plan ({} to {})",
                            cal.start, cal.end
                        ),
                    ),
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
                p.at(span, Said::new(format!("chỉ tiêu `{id}`: hạn báo cáo là một ngày trong tháng nên không thể theo tuần; dùng month, quarter, half hoặc year"), format!("rule `{id}`: a report is due on a day of the month, so it cannot be weekly; use month, quarter, half or year")));
            }
            let day = rule
                .due_day
                .as_ref()
                .and_then(|d| bounded(d, 1, 31, &format!("rule `{id}`: due_day"), p));
            let after_days = rule
                .due_after_days
                .as_ref()
                .and_then(|d| bounded(d, 0, 366, &format!("rule `{id}`: due_after_days"), p));
            if let (Some(_), Some(a)) = (&rule.due_day, &rule.due_after_days) {
                p.at(
                    a.span(),
                    Said::new(format!("chỉ tiêu `{id}`: due_day và due_after_days cùng nói hạn báo cáo; chỉ giữ một"), format!("rule `{id}`: due_day and due_after_days both say when a report is due; keep one of them")),
                );
            }
            if rule.due_day.is_none() && rule.due_after_days.is_none() && rule.dues.is_none() {
                p.at(
                    rule.id.span(),
                    Said::new(format!("chỉ tiêu `{id}`: record = \"report\" cần `due_day` (1 đến 31), `due_after_days` hoặc `dues`"), format!("rule `{id}`: record = \"report\" needs `due_day` (1 to 31), `due_after_days` or `dues`")),
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
                Said::new(format!("chỉ tiêu `{id}`: dues không có ngày cho kỳ {}; ghi đủ mọi kỳ của chỉ tiêu, hoặc thêm due_day hay due_after_days", period.label()), format!("rule `{id}`: dues has no date for {}; name every period of the rule, or add due_day or due_after_days", period.label())),
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
            Said::new(format!(
                "chỉ tiêu `{id}`: có cả `every` và `periods`; `periods` liệt kê đúng các kỳ (ví dụ [\"Q1\", \"H1\", \"Q3\", \"year\"]), `every` lặp lại mọi kỳ: chỉ giữ một"
            ), format!(
                "rule `{id}`: it has both `every` and `periods`; `periods` lists exactly which periods (e.g. [\"Q1\", \"H1\", \"Q3\", \"year\"]), `every` repeats each one: keep one of them"
            )),
        );
        return Err(());
    }
    if let Some(list) = &rule.periods {
        if let Some(months) = &rule.months {
            p.at(
                months.span(),
                Said::new(format!(
                    "chỉ tiêu `{id}`: `months` dùng với every = \"week\" hoặc \"month\", không với `periods`; ghi các tháng vào periods (M07, M08 …)"
                ), format!(
                    "rule `{id}`: `months` goes with every = \"week\" or \"month\", not with `periods`; list the months in periods (M07, M08 …)"
                )),
            );
        }
        let known = "Q1, Q2, Q3, Q4, H1, H2, 9M, year, M01 … M12";
        let mut names = Vec::new();
        for item in list.get_ref() {
            match PeriodName::parse(item.get_ref()) {
                Some(name) if names.contains(&name) => p.at(
                    item.span(),
                    Said::new(
                        format!("chỉ tiêu `{id}`: periods ghi `{name}` hai lần"),
                        format!("rule `{id}`: periods lists `{name}` twice"),
                    ),
                ),
                Some(name) => names.push(name),
                None => p.at(
                    item.span(),
                    Said::new(format!(
                        "chỉ tiêu `{id}`: periods có `{}`, không phải tên kỳ; dùng {known} (H1 = 6 tháng đầu năm, 9M = 9 tháng đầu năm)",
                        crate::printable(item.get_ref())
                    ), format!(
                        "rule `{id}`: periods has `{}`, which is no period name; use {known} (H1 = first half, 9M = first nine months)",
                        crate::printable(item.get_ref())
                    )),
                ),
            }
        }
        if list.get_ref().is_empty() {
            p.at(
                list.span(),
                Said::new(
                    format!("chỉ tiêu `{id}`: periods để trống; liệt kê các kỳ, ví dụ [\"Q1\", \"H1\", \"Q3\", \"year\"]"),
                    format!("rule `{id}`: periods is empty; list the periods, e.g. [\"Q1\", \"H1\", \"Q3\", \"year\"]"),
                ),
            );
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
            Said::new(format!("chỉ tiêu `{id}`: record = \"{record}\" cần `every` (week, month, quarter, half hoặc year) hoặc `periods`"), format!("rule `{id}`: record = \"{record}\" needs `every` (week, month, quarter, half or year) or `periods`")),
        );
        return Err(());
    };
    let Some(parsed) = Every::parse(every.get_ref()) else {
        p.at(
            every.span(),
            Said::new(format!(
                "chỉ tiêu `{id}`: every = \"{}\" không phải week, month, quarter, half hay year",
                every.get_ref()
            ), format!(
                "rule `{id}`: every = \"{}\" is not one of week, month, quarter, half, year",
                every.get_ref()
            )),
        );
        return Err(());
    };
    let mut months = Vec::new();
    if let Some(list) = &rule.months {
        if !matches!(parsed, Every::Week | Every::Month) {
            p.at(
                list.span(),
                Said::new(format!(
                    "chỉ tiêu `{id}`: `months` chỉ dùng với every = \"week\" hoặc \"month\" (ở đây every = \"{}\")",
                    parsed.as_str()
                ), format!(
                    "rule `{id}`: `months` only goes with every = \"week\" or \"month\" (here every = \"{}\")",
                    parsed.as_str()
                )),
            );
        }
        for m in list.get_ref() {
            if let Some(month) = bounded(m, 1, 12, &format!("rule `{id}`: months"), p)
                && !months.contains(&month)
            {
                months.push(month);
            }
        }
        if list.get_ref().is_empty() {
            p.at(
                list.span(),
                Said::new(
                    format!("chỉ tiêu `{id}`: months để trống; liệt kê các tháng 1 đến 12, ví dụ [7, 8, 9]"),
                    format!("rule `{id}`: months is empty; list months 1 to 12, e.g. [7, 8, 9]"),
                ),
            );
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
    let day = bounded(own, 1, 28, &format!("rule `{id}`: cutoff_day"), p);
    if plan_cutoff.is_some() || known.plan_cutoff_given {
        p.at(
            own.span(),
            Said::new(format!(
                "chỉ tiêu `{id}`: kế hoạch đã có [plan].cutoff_day; cutoff_day của chỉ tiêu chỉ dùng khi kế hoạch không có: bỏ một trong hai"
            ), format!(
                "rule `{id}`: the plan already has [plan].cutoff_day; a rule's cutoff_day is only for plans without one: remove one of them"
            )),
        );
        return plan_cutoff;
    }
    match schedule {
        None => {
            p.at(
                own.span(),
                Said::new(
                    format!("chỉ tiêu `{id}`: cutoff_day không dùng cho kế hoạch một lần (record = \"plan\"): hạn của nó là `due`"),
                    format!("rule `{id}`: cutoff_day does not apply to a one-off plan rule (record = \"plan\"): its deadline is `due`"),
                ),
            );
            None
        }
        Some(Ok(Schedule::Every {
            every: Every::Week, ..
        })) => {
            p.at(
                own.span(),
                Said::new(
                    format!("chỉ tiêu `{id}`: cutoff_day không dùng cho chỉ tiêu theo tuần: tuần luôn từ thứ Hai đến Chủ nhật"),
                    format!("rule `{id}`: cutoff_day does not apply to a weekly rule: weeks always run Monday to Sunday"),
                ),
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
            Said::new(format!(
                "chỉ tiêu `{id}`: nth cần `weekdays` (ví dụ weekdays = [\"sat\"], nth = [\"last\"]: thứ Bảy cuối tháng)"
            ), format!(
                "rule `{id}`: nth needs `weekdays` (e.g. weekdays = [\"sat\"], nth = [\"last\"]: the last Saturday of the month)"
            )),
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
                Said::new(format!(
                    "chỉ tiêu `{id}`: nth có `{}`; dùng các số 1 đến 5 (thứ mấy trong tháng) hoặc \"last\" (cuối tháng)",
                    toml_shown(item.get_ref())
                ), format!(
                    "rule `{id}`: nth has `{}`; use numbers 1 to 5 (which one in the month) or \"last\"",
                    toml_shown(item.get_ref())
                )),
            ),
        }
    }
    if list.get_ref().is_empty() {
        p.at(
            list.span(),
            Said::new(
                format!("chỉ tiêu `{id}`: nth để trống; ví dụ [\"last\"] hay [1, 3]"),
                format!("rule `{id}`: nth is empty; e.g. [\"last\"] or [1, 3]"),
            ),
        );
    }
    out
}

/// Refuses every key that does not belong to a rule of `record`.
fn refuse_misplaced_keys(rule: &RawRule, record: RecordKind, p: &mut Problems) {
    use RecordKind::{Activity, Article, Broadcast, Plan, Report};
    let id = rule.id.get_ref();
    let quota = matches!(record, Article | Broadcast | Activity);
    // (the key's span if present, its name, whether it fits, what to do: vi, en)
    type Check<'k> = (Option<Range<usize>>, &'k str, bool, &'k str, &'k str);
    let checks: [Check; 19] = [
        (
            rule.due.as_ref().map(Spanned::span),
            "due",
            record == Plan,
            "chỉ chỉ tiêu kế hoạch (record = \"plan\") có hạn `due`; chỉ tiêu số lượng dùng every và min, báo cáo dùng due_day",
            "only a plan rule has a due date; quotas use every and min, reports due_day",
        ),
        (
            rule.due_day.as_ref().map(Spanned::span),
            "due_day",
            record == Report,
            "chỉ chỉ tiêu báo cáo có khóa này (chỉ tiêu kế hoạch dùng `due = YYYY-MM-DD`)",
            "only report rules have it (a plan rule uses `due = YYYY-MM-DD`)",
        ),
        (
            rule.due_after_days.as_ref().map(Spanned::span),
            "due_after_days",
            record == Report,
            "chỉ chỉ tiêu báo cáo có khóa này",
            "only report rules have it",
        ),
        (
            rule.dues.as_ref().map(Spanned::span),
            "dues",
            record == Report,
            "chỉ chỉ tiêu báo cáo có khóa này",
            "only report rules have it",
        ),
        (
            rule.every.as_ref().map(Spanned::span),
            "every",
            record != Plan,
            "kế hoạch chỉ nộp một lần, hạn ghi ở `due`",
            "a plan is due once, on `due`",
        ),
        (
            rule.periods.as_ref().map(Spanned::span),
            "periods",
            record != Plan,
            "kế hoạch chỉ nộp một lần, hạn ghi ở `due`",
            "a plan is due once, on `due`",
        ),
        (
            rule.months.as_ref().map(Spanned::span),
            "months",
            record != Plan,
            "kế hoạch chỉ nộp một lần, hạn ghi ở `due`",
            "a plan is due once, on `due`",
        ),
        (
            rule.min.as_ref().map(Spanned::span),
            "min",
            quota,
            "bỏ đi (mỗi kỳ nộp một văn bản)",
            "remove it (one record is due)",
        ),
        (
            rule.min_for.as_ref().map(Spanned::span),
            "min_for",
            quota,
            "bỏ đi (mỗi kỳ nộp một văn bản)",
            "remove it (one record is due)",
        ),
        (
            rule.measure.as_ref().map(Spanned::span),
            "measure",
            quota,
            "bỏ đi (mỗi kỳ nộp một văn bản)",
            "remove it (one record is due)",
        ),
        (
            rule.scope.as_ref().map(Spanned::span),
            "scope",
            quota,
            "kế hoạch và báo cáo là của riêng từng đơn vị",
            "plans and reports are each unit's own",
        ),
        (
            rule.topics.as_ref().map(Spanned::span),
            "topics",
            record == Article,
            "chỉ chỉ tiêu tin bài có chủ đề",
            "only article rules have topics",
        ),
        (
            rule.count_by.as_ref().map(Spanned::span),
            "count_by",
            record == Article,
            "chỉ chỉ tiêu tin bài có khóa này",
            "only article rules have it",
        ),
        (
            rule.channels.as_ref().map(Spanned::span),
            "channels",
            matches!(record, Article | Broadcast),
            "chỉ chỉ tiêu tin bài và phát thanh có kênh",
            "only article and broadcast rules have channels",
        ),
        (
            rule.peak_only.as_ref().map(Spanned::span),
            "peak_only",
            record == Broadcast,
            "chỉ chỉ tiêu phát thanh có khóa này",
            "only broadcast rules have it",
        ),
        (
            rule.min_minutes.as_ref().map(Spanned::span),
            "min_minutes",
            record == Broadcast,
            "chỉ chỉ tiêu phát thanh có khóa này",
            "only broadcast rules have it",
        ),
        (
            rule.weekdays.as_ref().map(Spanned::span),
            "weekdays",
            quota,
            "chỉ chỉ tiêu tin bài, phát thanh và hoạt động đếm theo ngày trong tuần",
            "only article, broadcast and activity rules count by weekday",
        ),
        (
            rule.nth.as_ref().map(Spanned::span),
            "nth",
            quota,
            "chỉ chỉ tiêu tin bài, phát thanh và hoạt động đếm theo ngày trong tuần",
            "only article, broadcast and activity rules count by weekday",
        ),
        (
            rule.activities.as_ref().map(Spanned::span),
            "activities",
            record == Activity,
            "chỉ chỉ tiêu hoạt động có khóa này",
            "only activity rules have it",
        ),
    ];
    for (present, key, fits, why_vi, why_en) in checks {
        if let Some(span) = present
            && !fits
        {
            p.at(
                span,
                Said::new(
                    format!(
                        "chỉ tiêu `{id}`: `{key}` không dùng cho record = \"{record}\"; {why_vi}"
                    ),
                    format!(
                        "rule `{id}`: `{key}` does not apply to record = \"{record}\"; {why_en}"
                    ),
                ),
            );
        }
    }
}

/// An integer key within `low..=high`.
fn bounded(value: &Spanned<i64>, low: i64, high: i64, what: &str, p: &mut Problems) -> Option<u32> {
    let v = *value.get_ref();
    if (low..=high).contains(&v) {
        Some(v as u32)
    } else {
        p.at(
            value.span(),
            Said::new(
                format!("{what} = {v} phải từ {low} đến {high}"),
                format!("{what} = {v} must be from {low} to {high}"),
            ),
        );
        None
    }
}

/// The ids of a list key (`topics`, `channels`, `activities`), each one checked
/// against what the plan has.
fn known_ids<'k>(
    list: Option<&Spanned<Vec<Spanned<String>>>>,
    rule: &str,
    what: &str,
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
                Said::new(
                    format!(
                        "chỉ tiêu `{rule}` nêu {what} `{given}`, không có trong kế hoạch{}",
                        suggestion_vi(given, known.clone())
                    ),
                    format!(
                        "rule `{rule}` names {what} `{given}`, which the plan does not have{}",
                        suggestion(given, known.clone())
                    ),
                ),
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
                Said::new(format!(
                    "chỉ tiêu `{}`: ngày trong tuần `{}` không phải mon, tue, wed, thu, fri, sat hay sun",
                    rule.id.get_ref(),
                    day.get_ref()
                ), format!(
                    "rule `{}`: weekday `{}` is not one of mon, tue, wed, thu, fri, sat, sun",
                    rule.id.get_ref(),
                    day.get_ref()
                )),
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
                Said::new(format!("chỉ tiêu `{id}`: measure = \"{other}\" không dùng cho record = \"{record}\"; count và participants dành cho hoạt động, minutes cho phát thanh"), format!("rule `{id}`: measure = \"{other}\" does not apply to record = \"{record}\"; count and participants are for activities, minutes for broadcasts")),
            );
            Measure::Records
        }
        (other, _) => {
            p.at(
                m.span(),
                Said::new(format!("chỉ tiêu `{id}`: measure = \"{other}\" không phải records, count, participants hay minutes"), format!("rule `{id}`: measure = \"{other}\" is not one of records, count, participants, minutes")),
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
                Said::new(format!(
                    "chỉ tiêu `{id}`: min_for nêu đơn vị `{unit}`, không có trong kế hoạch{}",
                    suggestion_vi(unit, units.iter().map(|u| u.id.as_str()))
                ), format!(
                    "rule `{id}`: min_for names unit `{unit}`, which the plan does not have{}",
                    suggestion(unit, units.iter().map(|u| u.id.as_str()))
                )),
            ),
            Some(i) if !applies_to.contains(&i) => p.at(
                min.span(),
                Said::new(format!("chỉ tiêu `{id}`: min_for nêu đơn vị `{unit}`, chỉ tiêu không áp dụng cho đơn vị này; thêm vào `units` hoặc bỏ khỏi min_for"), format!("rule `{id}`: min_for names unit `{unit}`, which the rule does not apply to; add it to `units` or remove it from min_for")),
            ),
            Some(i) => {
                if let Some(n) = bounded(min, 1, MAX_MIN, &format!("rule `{id}`: min_for.{unit}"), p) {
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
        let what = format!("rule `{id}`: dues.{label}");
        let Some(date) = plan_date(date, &what, p) else {
            continue;
        };
        let key = match parse_label(label) {
            Ok(key) => key,
            Err(why) => {
                let vi = format!(
                    "{what}: `{label}` không phải nhãn kỳ; viết như 2022-Q1, 2022-H1, 2022-9M, 2022-03 hay 2022"
                );
                p.at(table.span(), Said::new(vi, format!("{what}: {why}")));
                continue;
            }
        };
        if !periods.iter().any(|period| period.key == key) {
            let have = periods
                .iter()
                .map(Period::label)
                .collect::<Vec<_>>()
                .join(", ");
            p.at(
                table.span(),
                Said::new(
                    format!(
                        "{what}: `{label}` không phải một kỳ của chỉ tiêu này (các kỳ: {have})"
                    ),
                    format!("{what}: `{label}` is not a period of this rule (its periods: {have})"),
                ),
            );
            continue;
        }
        out.push((key, date));
    }
    out
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
            Said::new(
                format!("{what} phải là ngày dạng 2022-01-01 (không giờ, không dấu ngoặc kép)"),
                format!("{what} must be a plain date such as 2022-01-01 (no time, no quotes)"),
            ),
        );
    }
    date
}

/// ", did you mean `x`?" when a known name is close to `given`.
pub(crate) fn suggestion<'a>(given: &str, known: impl Iterator<Item = &'a str>) -> String {
    closest(given, known).map_or_else(String::new, |k| format!("; did you mean `{k}`?"))
}

/// What an id names, in Vietnamese ("unit" → "đơn vị").
fn what_vi(what: &str) -> &str {
    match what {
        "unit" => "đơn vị",
        "topic" => "chủ đề",
        "rule" => "chỉ tiêu",
        "kind" => "loại đơn vị",
        "channel" => "kênh",
        "activity" => "loại hoạt động",
        other => other,
    }
}

/// [`suggestion`] in Vietnamese.
fn suggestion_vi<'a>(given: &str, known: impl Iterator<Item = &'a str>) -> String {
    closest(given, known).map_or_else(String::new, |k| format!(" (có phải là `{k}`?)"))
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

    fn problems(text: &str) -> Vec<String> {
        match parse_plan(text) {
            Ok(_) => vec![],
            Err(found) => found
                .into_iter()
                .map(|p| {
                    // Every problem is said in both languages.
                    assert!(
                        !p.message.vi.is_empty() && !p.message.en.is_empty(),
                        "{:?}",
                        p.message
                    );
                    format!("{}:{}: {}", p.line, p.column, p.message.en)
                })
                .collect(),
        }
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
    fn an_alias_names_one_unit() {
        let text = MINIMAL.replace(
            "kind = \"commune\"\n",
            "kind = \"commune\"\naliases = [\"Xã A\", \"A\"]\n\n[[unit]]\nid = \"b\"\nname = \"Xã B\"\nkind = \"commune\"\naliases = [\"a\"]\n",
        );
        let found = problems(&text);
        assert!(
            found
                .iter()
                .any(|p| p.contains("alias `a` already names unit `a`")),
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
