//! `cchc verify`: read every data file and check each line against the plan. Clean:
//! exit 0 and a one-line summary. Otherwise exit 2 listing every problem as
//! `file:line: what`. A torn last line is a warning, not a problem.

use std::collections::HashMap;
use std::io::Write;

use anyhow::{Context as _, Result, bail};

use super::Context;
use crate::error::Exit;
use crate::fact::{Target, target_rule};
use crate::period::parse_label;
use crate::plan::{Plan, RecordKind};
use crate::record::{DataFile, Located, Records, Submission, SubmissionKind};

pub fn run(cx: &Context, out: &mut dyn Write) -> Result<Exit> {
    let scan = cx
        .store
        .scan()
        .with_context(|| format!("in the data directory {}", cx.store.dir().display()))?;
    for warning in &scan.warnings {
        eprintln!("warning: {warning}");
    }
    let mut problems: Vec<Located<String>> = scan.bad_lines;
    problems.extend(record_problems(&cx.plan, &scan.records));
    problems.sort_by_key(|p| (p.file, p.line));
    if !problems.is_empty() {
        let lines: Vec<String> = problems
            .iter()
            .map(|p| format!("{}:{}: {}", p.file.file_name(), p.line, p.value))
            .collect();
        bail!(
            "{} problem{} in {}:\n{}",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            cx.store.dir().display(),
            lines.join("\n")
        );
    }
    let records = &scan.records;
    let voided = records.voids.len();
    writeln!(
        out,
        "ok: {} {}, {} {}, {} {}{} ({voided} voided)",
        DataFile::Articles.file_name(),
        records.articles.len(),
        DataFile::Broadcasts.file_name(),
        records.broadcasts.len(),
        DataFile::Submissions.file_name(),
        records.submissions.len(),
        if records.activities.is_empty() {
            String::new()
        } else {
            format!(
                ", {} {}",
                DataFile::Activities.file_name(),
                records.activities.len()
            )
        },
    )?;
    Ok(Exit::Ok)
}

/// What is wrong with the rule a plan or report fulfils, if anything: it names a
/// rule that does not exist or does not fit, or it names none and several fit.
fn target_problem(plan: &Plan, unit: usize, s: &Submission) -> Option<String> {
    let ids = |rules: &[usize]| {
        rules
            .iter()
            .map(|&r| plan.rules[r].id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match target_rule(plan, unit, &s.fact()) {
        Target::Rule(_) => None,
        Target::NoRule => Some(format!(
            "no {} rule of the plan covers unit `{}`{}",
            s.kind.record(),
            s.unit,
            s.period
                .as_ref()
                .map(|p| format!(" for {p}"))
                .unwrap_or_default()
        )),
        Target::Ambiguous(rules) => Some(format!(
            "this {} matches rules {}; void it and log it again with --rule",
            s.kind.record(),
            ids(&rules)
        )),
        Target::UnknownRule => Some(format!(
            "rule `{}` is not a rule of the plan{}",
            s.rule.as_deref().unwrap_or_default(),
            crate::plan::suggestion(
                s.rule.as_deref().unwrap_or_default(),
                plan.rules.iter().map(|r| r.id.as_str())
            )
        )),
        Target::NotItsRule(rule) => Some(format!(
            "rule `{}` does not ask unit `{}` for this {}",
            plan.rules[rule].id,
            s.unit,
            s.kind.record()
        )),
    }
}

/// What is wrong with well-formed lines: unknown unit or topic, a date outside the
/// plan, a duplicate id, a void of an id no record has, a report for no period of
/// the plan.
pub fn record_problems(plan: &Plan, records: &Records) -> Vec<Located<String>> {
    let mut problems = Vec::new();
    let mut at = |file: DataFile, line: usize, message: String| {
        problems.push(Located {
            file,
            line,
            value: message,
        })
    };
    let mut check_common = |file, line, kind, unit: &str, date| {
        if plan.unit(unit).is_none() {
            at(
                file,
                line,
                format!("unit `{unit}` is not a unit of the plan"),
            );
        }
        if !plan.accepts_date(kind, date) {
            at(
                file,
                line,
                format!(
                    "date {date} lies outside the plan ({} to {})",
                    plan.start, plan.end
                ),
            );
        }
    };
    for a in &records.articles {
        check_common(
            a.file,
            a.line,
            RecordKind::Article,
            &a.value.unit,
            a.value.date,
        );
    }
    for b in &records.broadcasts {
        check_common(
            b.file,
            b.line,
            RecordKind::Broadcast,
            &b.value.unit,
            b.value.date,
        );
    }
    for s in &records.submissions {
        let kind = s.value.kind.record();
        check_common(s.file, s.line, kind, &s.value.unit, s.value.date);
    }
    for h in &records.activities {
        check_common(
            h.file,
            h.line,
            RecordKind::Activity,
            &h.value.unit,
            h.value.date,
        );
    }
    let mut check_channel = |file, line, channel: &Option<String>| {
        if let Some(c) = channel
            && plan.channel(c).is_none()
        {
            at(
                file,
                line,
                format!(
                    "channel `{c}` is not a channel of the plan{}",
                    crate::plan::suggestion(c, plan.channels.iter().map(|c| c.id.as_str()))
                ),
            );
        }
    };
    for a in &records.articles {
        check_channel(a.file, a.line, &a.value.channel);
    }
    for b in &records.broadcasts {
        check_channel(b.file, b.line, &b.value.channel);
    }
    // Text that input would have refused or changed (edited by hand, or written by
    // another tool): control characters, hidden ones, decomposed letters.
    let mut check_text = |file, line, field: &str, text: &str| {
        if !crate::text::is_normalized(text) {
            at(
                file,
                line,
                format!(
                    "field `{field}` holds a control, invisible or decomposed character: {}",
                    crate::printable(text)
                ),
            );
        }
    };
    for a in &records.articles {
        check_text(a.file, a.line, "title", &a.value.title);
        if let Some(url) = &a.value.url {
            check_text(a.file, a.line, "url", url);
        }
    }
    for b in &records.broadcasts {
        check_text(b.file, b.line, "title", &b.value.title);
    }
    for s in &records.submissions {
        if let Some(r) = &s.value.reference {
            check_text(s.file, s.line, "ref", r);
        }
    }
    for h in &records.activities {
        check_text(h.file, h.line, "title", &h.value.title);
    }
    for v in &records.voids {
        check_text(v.file, v.line, "reason", &v.value.reason);
    }
    for a in &records.articles {
        if let Some(sent) = a.value.sent
            && sent > a.value.date
        {
            at(
                a.file,
                a.line,
                format!(
                    "sent {sent} is after the date it appeared ({})",
                    a.value.date
                ),
            );
        }
    }
    for h in &records.activities {
        if plan.activity(&h.value.activity).is_none() {
            at(
                h.file,
                h.line,
                format!(
                    "activity `{}` is not an activity of the plan{}",
                    h.value.activity,
                    crate::plan::suggestion(
                        &h.value.activity,
                        plan.activities.iter().map(|a| a.id.as_str())
                    )
                ),
            );
        }
        if h.value.count == 0 {
            at(
                h.file,
                h.line,
                "count is 0; an activity counts at least 1".into(),
            );
        }
    }
    for a in &records.articles {
        for topic in &a.value.topics {
            if plan.topic(topic).is_none() {
                at(
                    a.file,
                    a.line,
                    format!("topic `{topic}` is not a topic of the plan"),
                );
            }
        }
    }
    for s in &records.submissions {
        match (s.value.kind, &s.value.period) {
            (SubmissionKind::Report, None) => at(
                s.file,
                s.line,
                "a report needs a `period`, e.g. \"2022-Q1\"".into(),
            ),
            (SubmissionKind::Report, Some(period)) => {
                let covered = parse_label(period).is_ok_and(|key| {
                    plan.rules.iter().any(|r| {
                        r.record() == RecordKind::Report
                            && r.every()
                                .is_some_and(|e| plan.calendar().period_of(e, key).is_some())
                    })
                });
                if !covered {
                    at(
                        s.file,
                        s.line,
                        format!("period `{period}` is no report period of the plan"),
                    );
                    continue;
                }
            }
            (SubmissionKind::Plan, _) => {}
        }
        if let Some(unit) = plan.unit_index(&s.value.unit)
            && let Some(problem) = target_problem(plan, unit, &s.value)
        {
            at(s.file, s.line, problem);
        }
    }
    let mut first_seen: HashMap<&str, (DataFile, usize)> = HashMap::new();
    let mut ids: Vec<(&str, DataFile, usize)> = records.ids().collect();
    ids.sort_by_key(|(_, file, line)| (*file, *line));
    for (id, file, line) in ids {
        if let Some((first_file, first_line)) = first_seen.get(id) {
            at(
                file,
                line,
                format!(
                    "duplicate id `{id}` (first at {}:{first_line})",
                    first_file.file_name()
                ),
            );
        } else {
            first_seen.insert(id, (file, line));
        }
    }
    for v in &records.voids {
        if records.find_record(&v.value.void).is_none() {
            at(
                v.file,
                v.line,
                format!("void of `{}`, which no record has", v.value.void),
            );
        }
    }
    problems
}
