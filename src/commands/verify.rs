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
use crate::i18n::{Finding, Lang};
use crate::period::parse_label;
use crate::plan::{Plan, RecordKind};
use crate::plans::Plans;
use crate::record::{DataFile, Located, Records, Submission, SubmissionKind};

pub fn run(cx: &Context, out: &mut dyn Write) -> Result<Exit> {
    let dir = cx.store.dir().display().to_string();
    if !crate::store::check_dir(cx.store.dir())? {
        bail!(Finding::NoDataDir { dir: &dir }.text(cx.lang));
    }
    let scan = cx.store.scan().with_context(|| cx.in_data_dir())?;
    for warning in &scan.warnings {
        cx.warn(&warning.text(cx.lang));
    }
    let found = record_problems(&cx.plans, &scan.records, cx.lang);
    for w in &found.warnings {
        cx.warn(&format!("{}:{}: {}", w.file.file_name(), w.line, w.value));
    }
    // A line that is not a record: the JSON reader's words, framed in the language.
    let mut problems: Vec<Located<String>> = scan
        .bad_lines
        .into_iter()
        .map(|mut bad| {
            bad.value = Finding::NotARecord { why: &bad.value }.text(cx.lang);
            bad
        })
        .collect();
    problems.extend(found.problems);
    problems.sort_by_key(|p| (p.file, p.line));
    if !problems.is_empty() {
        let lines: Vec<String> = problems
            .iter()
            .map(|p| format!("{}:{}: {}", p.file.file_name(), p.line, p.value))
            .collect();
        let finding = Finding::Problems {
            count: problems.len(),
            dir: &dir,
            lines: &lines.join("\n"),
        };
        bail!(finding.text(cx.lang));
    }
    let records = &scan.records;
    let clean = Finding::Clean {
        articles: records.articles.len(),
        broadcasts: records.broadcasts.len(),
        submissions: records.submissions.len(),
        activities: (!records.activities.is_empty()).then_some(records.activities.len()),
        voided: records.voids.len(),
    };
    writeln!(out, "{}", clean.text(cx.lang))?;
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
pub fn record_problems(plans: &Plans, records: &Records, lang: Lang) -> Findings {
    let mut found = Findings::default();
    let mut at = |file: DataFile, line: usize, finding: Finding| {
        found.problems.push(Located {
            file,
            line,
            value: finding.text(lang),
        })
    };
    let mut warnings = Vec::new();
    // The plan a record belongs to, or the warning that none covers it.
    let plan_of = |c: &Common| -> Result<&Plan, Located<String>> {
        plans
            .of_unit_record(c.kind, c.date, c.period, |p| p.unit(c.unit).is_some())
            .map(|f| &f.plan)
            .filter(|p| p.accepts_date(c.kind, c.date))
            .ok_or_else(|| {
                let ranges = plans.ranges(lang);
                let finding = Finding::CoveredByNoPlan {
                    kind: c.kind,
                    date: c.date,
                    ranges: &ranges,
                };
                Located {
                    file: c.file,
                    line: c.line,
                    value: finding.text(lang),
                }
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
                at(a.file, a.line, Finding::TopicUnknown { topic });
            }
        }
        check_channel(plan, &common, v.channel.as_deref(), &mut at);
        if let Some(sent) = v.sent
            && sent > v.date
        {
            let finding = Finding::SentAfterAppeared {
                sent,
                appeared: v.date,
            };
            at(a.file, a.line, finding);
        }
        check_text(&common, "title", &v.title, &mut at);
        if let Some(url) = &v.url {
            check_text(&common, "url", url, &mut at);
            if !crate::text::is_web_link(url) {
                let shown = crate::printable(url);
                at(a.file, a.line, Finding::UrlNotWeb { url: &shown });
            }
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
            let finding = Finding::ActivityUnknown {
                activity: &v.activity,
                closest: crate::plan::closest(
                    &v.activity,
                    plan.activities.iter().map(|a| a.id.as_str()),
                ),
            };
            at(h.file, h.line, finding);
        }
        if v.count == 0 {
            at(h.file, h.line, Finding::CountZero);
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
                    at(s.file, s.line, Finding::ReportWithoutPeriod);
                    continue;
                }
                Some(period) if parse_label(period).is_err() => {
                    at(s.file, s.line, Finding::PeriodNotALabel { period });
                    continue;
                }
                Some(period) => {
                    let covered = parse_label(period)
                        .is_ok_and(|key| plans.found.iter().any(|f| f.plan.has_report_period(key)));
                    if !covered {
                        warnings.push(Located {
                            file: s.file,
                            line: s.line,
                            value: Finding::PeriodOfNoPlan { period }.text(lang),
                        });
                        continue;
                    }
                }
            }
        }
        let plan = plan_or_warn!(common);
        check_unit(plan, &common, &mut at);
        let mut rules = String::new();
        if let Some(unit) = plan.unit_index(&v.unit)
            && let Some(finding) = target_problem(plan, unit, v, &mut rules)
        {
            at(s.file, s.line, finding);
        }
        if let Some(r) = &v.reference {
            check_text(&common, "ref", r, &mut at);
        }
    }
    for v in &records.voids {
        if !crate::text::is_normalized(&v.value.reason) {
            let shown = crate::printable(&v.value.reason);
            let finding = Finding::TextNotNormal {
                field: "reason",
                shown: &shown,
            };
            at(v.file, v.line, finding);
        }
    }

    let mut first_seen: HashMap<&str, (DataFile, usize)> = HashMap::new();
    let mut ids: Vec<(&str, DataFile, usize)> = records.ids().collect();
    ids.sort_by_key(|(_, file, line)| (*file, *line));
    for (id, file, line) in ids {
        if let Some((first_file, first_line)) = first_seen.get(id) {
            let finding = Finding::DuplicateId {
                id,
                first_file: first_file.file_name(),
                first_line: *first_line,
            };
            at(file, line, finding);
        } else {
            first_seen.insert(id, (file, line));
        }
    }
    for v in &records.voids {
        if records.find_record(&v.value.void).is_none() {
            at(v.file, v.line, Finding::VoidOfNothing { id: &v.value.void });
        }
    }
    found.warnings = warnings;
    found
}

fn check_unit(plan: &Plan, c: &Common, at: &mut impl FnMut(DataFile, usize, Finding)) {
    if plan.unit(c.unit).is_none() {
        at(c.file, c.line, Finding::UnitUnknown { unit: c.unit });
    }
}

fn check_channel(
    plan: &Plan,
    c: &Common,
    channel: Option<&str>,
    at: &mut impl FnMut(DataFile, usize, Finding),
) {
    if let Some(channel) = channel
        && plan.channel(channel).is_none()
    {
        let finding = Finding::ChannelUnknown {
            channel,
            closest: crate::plan::closest(channel, plan.channels.iter().map(|c| c.id.as_str())),
        };
        at(c.file, c.line, finding);
    }
}

/// Text that input would have refused or changed (edited by hand, or written by
/// another tool): control characters, hidden ones, decomposed letters; a title
/// longer than input takes.
fn check_text(c: &Common, field: &str, text: &str, at: &mut impl FnMut(DataFile, usize, Finding)) {
    if field == "title" {
        let length = text.chars().count();
        let max = crate::intake::MAX_TITLE_CHARS;
        if length > max {
            at(c.file, c.line, Finding::TitleTooLong { length, max });
        }
    }
    if !crate::text::is_normalized(text) {
        let shown = crate::printable(text);
        at(
            c.file,
            c.line,
            Finding::TextNotNormal {
                field,
                shown: &shown,
            },
        );
    }
}

/// What is wrong with the rule a plan or report fulfils, if anything: it names a
/// rule that does not exist or does not fit, or it names none and several fit.
/// `rules` holds the ids of the rules an ambiguous one matches.
fn target_problem<'p>(
    plan: &'p Plan,
    unit: usize,
    s: &'p Submission,
    rules: &'p mut String,
) -> Option<Finding<'p>> {
    let ids = |rules: &[usize]| {
        rules
            .iter()
            .map(|&r| plan.rules[r].id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let kind = s.kind.record();
    let finding = match target_rule(plan, unit, &s.fact()) {
        Target::Rule(_) => return None,
        Target::NoRule => Finding::NoRuleCovers {
            kind,
            unit: &s.unit,
            period: s.period.as_deref(),
        },
        Target::Ambiguous(matched) => {
            *rules = ids(&matched);
            Finding::MatchesRules { kind, rules }
        }
        Target::OtherYear => Finding::PeriodNamesNoYear {
            period: s.period.as_deref().unwrap_or_default(),
        },
        Target::UnknownRule => {
            let rule = s.rule.as_deref().unwrap_or_default();
            Finding::RuleUnknown {
                rule,
                closest: crate::plan::closest(rule, plan.rules.iter().map(|r| r.id.as_str())),
            }
        }
        Target::NotItsRule(rule) => Finding::NotItsRule {
            rule: &plan.rules[rule].id,
            unit: &s.unit,
            kind,
        },
    };
    Some(finding)
}
