//! `cchc verify`: read every data file and check each line against the plan. Clean:
//! exit 0 and a one-line summary. Otherwise exit 2 listing every problem as
//! `file:line: what`. A torn last line is a warning, not a problem.

use std::collections::HashMap;
use std::io::Write;

use anyhow::{Context as _, Result, bail};

use super::Context;
use crate::error::Exit;
use crate::period::parse_label;
use crate::plan::{Plan, RecordKind};
use crate::record::{DataFile, Located, Records, SubmissionKind};

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
        "ok: {} {}, {} {}, {} {} ({voided} voided)",
        DataFile::Articles.file_name(),
        records.articles.len(),
        DataFile::Broadcasts.file_name(),
        records.broadcasts.len(),
        DataFile::Submissions.file_name(),
        records.submissions.len(),
    )?;
    Ok(Exit::Ok)
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
    let mut check_common = |file, line, unit: &str, date| {
        if plan.unit(unit).is_none() {
            at(
                file,
                line,
                format!("unit `{unit}` is not a unit of the plan"),
            );
        }
        if !plan.covers(date) {
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
        check_common(a.file, a.line, &a.value.unit, a.value.date);
    }
    for b in &records.broadcasts {
        check_common(b.file, b.line, &b.value.unit, b.value.date);
    }
    for s in &records.submissions {
        check_common(s.file, s.line, &s.value.unit, s.value.date);
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
                            && r.every().is_some_and(|e| {
                                crate::period::period_of(e, key, plan.start, plan.end).is_some()
                            })
                    })
                });
                if !covered {
                    at(
                        s.file,
                        s.line,
                        format!("period `{period}` is no report period of the plan"),
                    );
                }
            }
            (SubmissionKind::Plan, _) => {}
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
