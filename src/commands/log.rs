//! `cchc log article|broadcast|plan|report|activity`: validate everything the user
//! typed, append one line under the directory lock, print its id, and say what it
//! counts for.

use std::io::Write;

use anyhow::Result;
use chrono::NaiveDate;

use super::Context;
use crate::cli::LogCommand;
use crate::error::Exit;
use crate::evaluate::KeepIds;
use crate::explain::{self, Verdict};
use crate::i18n::Lang;
use crate::intake::Duplicates;
use crate::intake::build::{Builder, Source};
use crate::intake::same_report::SameReports;
use crate::plan::{Plan, RecordKind};
use crate::record::{Record, SubmissionKind};

pub fn run(cx: &Context, command: LogCommand, out: &mut dyn Write) -> Result<Exit> {
    let (mut record, allow_duplicate) = check_input(cx, command)?;
    let file = record.file();
    let lock = cx.store.lock(file)?;
    let probe = match &record {
        Record::Article(a) if !allow_duplicate => Some(a),
        _ => None,
    };
    let survey = cx.survey(probe, None)?;
    if !allow_duplicate {
        match &record {
            Record::Article(a) => {
                let in_force = survey
                    .candidates
                    .iter()
                    .filter(|c| !survey.voided.contains(&c.id));
                Duplicates::among(in_force).check(a, cx.lang)?;
            }
            Record::Submission(s) if s.kind == SubmissionKind::Report => {
                let reports = crate::intake::same_report::reports_in_force(cx)?;
                SameReports::among(&cx.plans, reports.iter(), false).check(s, cx.lang)?;
            }
            _ => {}
        }
    }
    record.set_id(survey.next_id(file)?);
    let verdicts = verdict_of(cx, &record.fact());
    let line = record.to_line()?;
    let (id, unit, date, kind) = (record.id(), record.unit(), record.date(), record.kind());
    debug_assert_eq!(lock.data_file(), file);
    for warning in cx.store.append(&lock, &[line])? {
        cx.warn(&warning.text(cx.lang));
    }
    drop(lock);
    // The id is the acknowledgment: out at once, before the feedback is worked out.
    writeln!(out, "{id}")?;
    out.flush()?;
    // What it counts for in its own plan (last year's, for a late Q4 report), and
    // in any other plan whose periods hold its day; where that leaves those
    // obligations.
    let [(_, plan, _), ..] = &verdicts[..] else {
        unreachable!("the record's own plan comes first")
    };
    eprintln!("{} ({id})", describe(cx, plan, kind, unit, date));
    for (verdict, plan, unit_index) in &verdicts {
        let obligations = match verdict {
            Verdict::Counts(slots) if !slots.is_empty() => {
                cx.obligations_in(plan, KeepIds::WhenShort)?
            }
            _ => Vec::new(),
        };
        for line in explain::describe(plan, cx.lang, *unit_index, verdict, &obligations) {
            eprintln!("  {line}");
        }
    }
    Ok(Exit::Ok)
}

/// What a new record counts for: first in the plan it belongs to (checked against
/// that plan already, so its unit is there), then in each other plan of the data
/// directory it counts for (records count by their dates: a broadcast of Sunday 3
/// January 2021 belongs to the 2021 plan and counts for 2020-W53 of the 2020
/// plan; then the first says nothing when it counts for nothing there). Each with
/// the plan and the unit's index in it.
fn verdict_of<'c>(
    cx: &'c Context,
    fact: &crate::fact::Fact<String>,
) -> Vec<(Verdict, &'c Plan, usize)> {
    let plan = cx
        .plans
        .of_unit_record(fact.kind, fact.date, fact.period, |p| {
            p.unit_index(fact.unit).is_some()
        })
        .map_or(&cx.plan, |f| &f.plan);
    let unit = plan
        .unit_index(fact.unit)
        .expect("checked against this plan");
    let mut verdicts = vec![(explain::verdict(plan, unit, fact), plan, unit)];
    if !matches!(fact.kind, RecordKind::Plan | RecordKind::Report) {
        for other in &cx.plans.found {
            let other = &other.plan;
            if (other.start, other.end) == (plan.start, plan.end) {
                continue;
            }
            let Some(unit) = other.unit_index(fact.unit) else {
                continue;
            };
            let verdict = explain::verdict(other, unit, fact);
            if matches!(verdict, Verdict::Counts(_)) {
                verdicts.push((verdict, other, unit));
            }
        }
        if verdicts.len() > 1 && matches!(verdicts[0].0, Verdict::Nothing(_)) {
            // Said on the first line alone: where it counts follows.
            verdicts[0].0 = Verdict::Counts(Vec::new());
        }
    }
    verdicts
}

fn describe(cx: &Context, plan: &Plan, kind: RecordKind, unit: &str, date: NaiveDate) -> String {
    let name = plan.unit(unit).map_or(unit, |u| u.name.as_str());
    match cx.lang {
        Lang::Vi => format!(
            "Đã ghi {} của {name}, ngày {}",
            cx.lang.record_noun(kind),
            cx.lang.date(date)
        ),
        Lang::En => format!("Logged {} of {name} on {}", kind, cx.lang.date(date)),
    }
}

/// The record the flags describe, checked by the same builders as an imported
/// row ([`crate::intake::build`]), and whether `--allow-duplicate` was given.
fn check_input(cx: &Context, command: LogCommand) -> Result<(Record, bool)> {
    let mut build = Builder::new(cx, Source::Flags);
    // Each flag by the name of the record field it fills.
    let mut typed: Vec<(&str, String)> = Vec::new();
    let mut set = |key: &'static str, value: Option<String>| {
        if let Some(value) = value {
            typed.push((key, value));
        }
    };
    let (kind, allow_duplicate) = match command {
        LogCommand::Article {
            unit,
            date,
            title,
            topics,
            url,
            channel,
            sent,
            allow_duplicate,
        } => {
            set("unit", Some(unit));
            set("date", Some(date));
            set("title", Some(title));
            set("topics", (!topics.is_empty()).then(|| topics.join(";")));
            set("url", url);
            set("channel", channel);
            set("sent", sent);
            (RecordKind::Article, allow_duplicate)
        }
        LogCommand::Broadcast {
            unit,
            date,
            time,
            minutes,
            title,
            channel,
        } => {
            set("unit", unit);
            set("date", Some(date));
            set("time", Some(time));
            set("minutes", minutes.map(|m| m.to_string()));
            set("title", Some(title));
            set("channel", channel);
            (RecordKind::Broadcast, false)
        }
        LogCommand::Plan {
            unit,
            date,
            rule,
            reference,
        } => {
            set("unit", Some(unit));
            set("date", Some(date));
            set("rule", rule);
            set("ref", reference);
            (RecordKind::Plan, false)
        }
        LogCommand::Report {
            unit,
            period,
            date,
            rule,
            reference,
            allow_duplicate,
        } => {
            set("unit", Some(unit));
            set("period", Some(period));
            set("date", Some(date));
            set("rule", rule);
            set("ref", reference);
            (RecordKind::Report, allow_duplicate)
        }
        LogCommand::Activity {
            unit,
            date,
            activity,
            title,
            count,
            participants,
        } => {
            set("unit", Some(unit));
            set("date", Some(date));
            set("activity", Some(activity));
            set("title", Some(title));
            set("count", Some(count.to_string()));
            set("participants", participants.map(|p| p.to_string()));
            (RecordKind::Activity, false)
        }
    };
    let fields = |key: &str| lookup(&typed, key);
    Ok((build.record(kind, &fields)?, allow_duplicate))
}

/// The value typed for a field.
fn lookup<'t>(typed: &'t [(&str, String)], key: &str) -> Option<&'t str> {
    typed
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.as_str())
}
