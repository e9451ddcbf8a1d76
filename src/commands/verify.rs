//! `cchc verify`: read every data file and check each line against the plan it
//! belongs to. Clean: exit 0 and a one-line summary. Otherwise exit 2 listing every
//! problem as `file:line: what`. A torn last line, and a record that no plan
//! covers (a year whose plan is not in the data directory), are warnings.

use std::collections::HashMap;
use std::io::Write;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

use super::Context;
use crate::error::Exit;
use crate::fact::{Target, target_rule};
use crate::period::parse_label;
use crate::plan::{Plan, RecordKind};
use crate::plans::Plans;
use crate::record::{DataFile, Located, Records, Submission, SubmissionKind};

pub fn run(cx: &Context, out: &mut dyn Write) -> Result<Exit> {
    if !crate::store::check_dir(cx.store.dir())? {
        bail!(
            "no data directory at {} (a mistyped --data or CCHC_DATA?)",
            cx.store.dir().display()
        );
    }
    let scan = cx
        .store
        .scan()
        .with_context(|| format!("in the data directory {}", cx.store.dir().display()))?;
    for warning in &scan.warnings {
        eprintln!("warning: {warning}");
    }
    let found = record_problems(&cx.plans, &scan.records);
    for w in &found.warnings {
        eprintln!("warning: {}:{}: {}", w.file.file_name(), w.line, w.value);
    }
    let mut problems: Vec<Located<String>> = scan.bad_lines;
    problems.extend(found.problems);
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

/// What `verify` found in well-formed lines.
#[derive(Debug, Default)]
pub struct Findings {
    /// Wrong: exit 2.
    pub problems: Vec<Located<String>>,
    /// Worth a look, not wrong: records no plan covers.
    pub warnings: Vec<Located<String>>,
}

/// What one record is, for the checks every kind shares.
struct Common<'r> {
    file: DataFile,
    line: usize,
    kind: RecordKind,
    unit: &'r str,
    date: NaiveDate,
    period: Option<&'r str>,
}

/// What is wrong with well-formed lines, each checked against the plan it belongs
/// to: an unknown unit, topic, channel, activity or rule; a report for no period;
/// a plan or report whose rule is unclear; text that input would have refused; a
/// duplicate id; a void of an id no record has. A record no plan covers is a
/// warning.
pub fn record_problems(plans: &Plans, records: &Records) -> Findings {
    let mut found = Findings::default();
    let mut at = |file: DataFile, line: usize, message: String| {
        found.problems.push(Located {
            file,
            line,
            value: message,
        })
    };
    let mut warnings = Vec::new();
    // The plan a record belongs to, or the warning that none covers it.
    let plan_of = |c: &Common| -> Result<&Plan, Located<String>> {
        plans
            .of_record(c.kind, c.date, c.period)
            .map(|f| &f.plan)
            .filter(|p| p.accepts_date(c.kind, c.date))
            .ok_or_else(|| Located {
                file: c.file,
                line: c.line,
                value: format!(
                    "{} of {} is covered by no plan ({}); add that year's plan to check it",
                    c.kind,
                    c.date,
                    plans.ranges(crate::i18n::Lang::En)
                ),
            })
    };
    macro_rules! plan_or_warn {
        ($common:expr) => {
            match plan_of(&$common) {
                Ok(plan) => plan,
                Err(warning) => {
                    warnings.push(warning);
                    continue;
                }
            }
        };
    }

    for a in &records.articles {
        let v = &a.value;
        let common = Common {
            file: a.file,
            line: a.line,
            kind: RecordKind::Article,
            unit: &v.unit,
            date: v.date,
            period: None,
        };
        let plan = plan_or_warn!(common);
        check_unit(plan, &common, &mut at);
        for topic in &v.topics {
            if plan.topic(topic).is_none() {
                at(
                    a.file,
                    a.line,
                    format!("topic `{topic}` is not a topic of the plan"),
                );
            }
        }
        check_channel(plan, &common, v.channel.as_deref(), &mut at);
        if let Some(sent) = v.sent
            && sent > v.date
        {
            at(
                a.file,
                a.line,
                format!("sent {sent} is after the date it appeared ({})", v.date),
            );
        }
        check_text(&common, "title", &v.title, &mut at);
        if let Some(url) = &v.url {
            check_text(&common, "url", url, &mut at);
        }
    }
    for b in &records.broadcasts {
        let v = &b.value;
        let common = Common {
            file: b.file,
            line: b.line,
            kind: RecordKind::Broadcast,
            unit: &v.unit,
            date: v.date,
            period: None,
        };
        let plan = plan_or_warn!(common);
        check_unit(plan, &common, &mut at);
        check_channel(plan, &common, v.channel.as_deref(), &mut at);
        check_text(&common, "title", &v.title, &mut at);
    }
    for h in &records.activities {
        let v = &h.value;
        let common = Common {
            file: h.file,
            line: h.line,
            kind: RecordKind::Activity,
            unit: &v.unit,
            date: v.date,
            period: None,
        };
        let plan = plan_or_warn!(common);
        check_unit(plan, &common, &mut at);
        if plan.activity(&v.activity).is_none() {
            at(
                h.file,
                h.line,
                format!(
                    "activity `{}` is not an activity of the plan{}",
                    v.activity,
                    crate::plan::suggestion(
                        &v.activity,
                        plan.activities.iter().map(|a| a.id.as_str())
                    )
                ),
            );
        }
        if v.count == 0 {
            at(
                h.file,
                h.line,
                "count is 0; an activity counts at least 1".into(),
            );
        }
        check_text(&common, "title", &v.title, &mut at);
    }
    for s in &records.submissions {
        let v = &s.value;
        let common = Common {
            file: s.file,
            line: s.line,
            kind: v.kind.record(),
            unit: &v.unit,
            date: v.date,
            period: v.period.as_deref(),
        };
        if v.kind == SubmissionKind::Report {
            match &v.period {
                None => {
                    at(
                        s.file,
                        s.line,
                        "a report needs a `period`, e.g. \"2022-Q1\"".into(),
                    );
                    continue;
                }
                Some(period) if parse_label(period).is_err() => {
                    at(
                        s.file,
                        s.line,
                        format!("period `{period}` is not a period label, e.g. \"2022-Q1\""),
                    );
                    continue;
                }
                Some(period) => {
                    let covered = parse_label(period).is_ok_and(|key| {
                        plans.found.iter().any(|f| {
                            f.plan.rules.iter().any(|r| {
                                r.record() == RecordKind::Report
                                    && r.every().is_some_and(|e| {
                                        f.plan.calendar().period_of(e, key).is_some()
                                    })
                            })
                        })
                    });
                    if !covered {
                        warnings.push(Located {
                            file: s.file,
                            line: s.line,
                            value: format!(
                                "period `{period}` is no report period of any plan here"
                            ),
                        });
                        continue;
                    }
                }
            }
        }
        let plan = plan_or_warn!(common);
        check_unit(plan, &common, &mut at);
        if let Some(unit) = plan.unit_index(&v.unit)
            && let Some(problem) = target_problem(plan, unit, v)
        {
            at(s.file, s.line, problem);
        }
        if let Some(r) = &v.reference {
            check_text(&common, "ref", r, &mut at);
        }
    }
    for v in &records.voids {
        if !crate::text::is_normalized(&v.value.reason) {
            at(
                v.file,
                v.line,
                format!(
                    "field `reason` holds a control, invisible or decomposed character: {}",
                    crate::printable(&v.value.reason)
                ),
            );
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
    found.warnings = warnings;
    found
}

fn check_unit(plan: &Plan, c: &Common, at: &mut impl FnMut(DataFile, usize, String)) {
    if plan.unit(c.unit).is_none() {
        at(
            c.file,
            c.line,
            format!("unit `{}` is not a unit of the plan", c.unit),
        );
    }
}

fn check_channel(
    plan: &Plan,
    c: &Common,
    channel: Option<&str>,
    at: &mut impl FnMut(DataFile, usize, String),
) {
    if let Some(channel) = channel
        && plan.channel(channel).is_none()
    {
        at(
            c.file,
            c.line,
            format!(
                "channel `{channel}` is not a channel of the plan{}",
                crate::plan::suggestion(channel, plan.channels.iter().map(|c| c.id.as_str()))
            ),
        );
    }
}

/// Text that input would have refused or changed (edited by hand, or written by
/// another tool): control characters, hidden ones, decomposed letters.
fn check_text(c: &Common, field: &str, text: &str, at: &mut impl FnMut(DataFile, usize, String)) {
    if !crate::text::is_normalized(text) {
        at(
            c.file,
            c.line,
            format!(
                "field `{field}` holds a control, invisible or decomposed character: {}",
                crate::printable(text)
            ),
        );
    }
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
        Target::OtherYear => Some(format!(
            "period `{}` names no plan's year here; a plan's period is the year of the plan it fulfils",
            s.period.as_deref().unwrap_or_default()
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
