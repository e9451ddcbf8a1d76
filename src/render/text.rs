//! `check` in words: one line per thing to act on, worst first.

use std::io::Write;

use anyhow::Result;
use chrono::NaiveDate;

use super::{mark, paint};
use crate::evaluate::{Obligation, Status};
use crate::i18n::Lang;
use crate::period::Every;
use crate::plan::{Plan, RecordKind};

/// Writes the lines of `check`; `missed` and `due_soon` come sorted worst first.
pub fn check(
    plan: &Plan,
    lang: Lang,
    as_of: NaiveDate,
    missed: &[&Obligation],
    due_soon: &[&Obligation],
    screen: super::Screen,
    out: &mut dyn Write,
) -> Result<()> {
    for line in check_lines(plan, lang, as_of, missed, due_soon) {
        let text = super::wrap(&line.0, screen.width, "  ");
        writeln!(out, "{}", paint(&text, line.1, screen.color))?;
    }
    Ok(())
}

/// The sentences of `check` with their status. Missed weekly and monthly periods of
/// one unit and rule share one line that lists them.
pub fn check_lines(
    plan: &Plan,
    lang: Lang,
    as_of: NaiveDate,
    missed: &[&Obligation],
    due_soon: &[&Obligation],
) -> Vec<(String, Status)> {
    let mut lines = Vec::new();
    let mut grouped: Vec<(Option<usize>, usize)> = Vec::new();
    for o in missed {
        let rule = &plan.rules[o.rule];
        let repeating = matches!(rule.every(), Some(Every::Week | Every::Month));
        if !repeating {
            lines.push((sentence(plan, lang, as_of, o), Status::Missed));
            continue;
        }
        if grouped.contains(&(o.unit, o.rule)) {
            continue;
        }
        grouped.push((o.unit, o.rule));
        let group: Vec<&&Obligation> = missed
            .iter()
            .filter(|m| m.unit == o.unit && m.rule == o.rule)
            .collect();
        if let [one] = group[..] {
            lines.push((sentence(plan, lang, as_of, one), Status::Missed));
        } else {
            lines.push((group_sentence(plan, lang, &group), Status::Missed));
        }
    }
    for o in due_soon {
        lines.push((sentence(plan, lang, as_of, o), Status::DueSoon));
    }
    lines
}

fn sentence(plan: &Plan, lang: Lang, as_of: NaiveDate, o: &Obligation) -> String {
    let unit = &super::unit_name(plan, o.unit, o.rule, lang);
    let rule = &plan.rules[o.rule];
    let period = lang.period(o.period.key);
    let measure = rule
        .quota()
        .map_or(crate::plan::Measure::Records, |q| q.measure);
    let what = match (lang, rule.record()) {
        (Lang::Vi, RecordKind::Plan) => "chưa có kế hoạch".to_string(),
        (Lang::Vi, RecordKind::Report) => format!("chưa có báo cáo {period}"),
        (Lang::Vi, kind) => format!(
            "còn thiếu {} {} {period}",
            o.missing(),
            lang.measure_noun(kind, measure)
        ),
        (Lang::En, RecordKind::Plan) => "no plan yet".to_string(),
        (Lang::En, RecordKind::Report) => format!("no report for {period} yet"),
        (Lang::En, kind) => format!(
            "{} {} missing for {period}",
            o.missing(),
            lang.measure_noun(kind, measure)
        ),
    };
    let days = (o.due - as_of).num_days();
    let when = match (lang, o.status) {
        (Lang::Vi, Status::Missed) => format!("quá hạn {} ngày", -days),
        (Lang::Vi, _) if days == 0 => "hạn chót hôm nay".to_string(),
        (Lang::Vi, _) => format!("còn {days} ngày"),
        (Lang::En, Status::Missed) => format!("{} days overdue", -days),
        (Lang::En, _) if days == 0 => "due today".to_string(),
        (Lang::En, _) => format!("{days} days left"),
    };
    let due_word = match lang {
        Lang::Vi => "hạn",
        Lang::En => "due",
    };
    format!(
        "{} {unit}: {what} — {when} ({due_word} {}) [{}]",
        mark(o.status),
        lang.date(o.due),
        rule.id
    )
}

fn group_sentence(plan: &Plan, lang: Lang, group: &[&&Obligation]) -> String {
    let first = group[0];
    let unit = &super::unit_name(plan, first.unit, first.rule, lang);
    let rule = &plan.rules[first.rule];
    let labels: Vec<String> = group.iter().map(|o| o.period.label()).collect();
    let missing: u32 = group.iter().map(|o| o.missing()).sum();
    let earliest = group
        .iter()
        .map(|o| o.due)
        .min()
        .expect("a group is not empty");
    let noun = lang.record_noun(rule.record());
    let periods = match (lang, rule.every()) {
        (Lang::Vi, Some(Every::Week)) => "tuần",
        (Lang::Vi, _) => "tháng",
        (Lang::En, Some(Every::Week)) => "weeks",
        (Lang::En, _) => "months",
    };
    match lang {
        Lang::Vi => format!(
            "{} {unit}: còn thiếu {missing} {noun} ở {} {periods}: {} — quá hạn từ {} [{}]",
            mark(Status::Missed),
            group.len(),
            labels.join(", "),
            lang.date(earliest),
            rule.id
        ),
        Lang::En => format!(
            "{} {unit}: {missing} {noun} missing in {} {periods}: {} — overdue since {} [{}]",
            mark(Status::Missed),
            group.len(),
            labels.join(", "),
            lang.date(earliest),
            rule.id
        ),
    }
}
