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
use crate::record::{Activity, Article, Broadcast, DataFile, Submission, SubmissionKind};

/// A record checked against the plan, waiting for its id.
enum NewRecord {
    Article(Article),
    Broadcast(Broadcast),
    Submission(Submission),
    Activity(Activity),
}

pub fn run(cx: &Context, command: LogCommand, out: &mut dyn Write) -> Result<Exit> {
    let (record, allow_duplicate) = check_input(cx, command)?;
    let lock = cx.store.lock(match &record {
        NewRecord::Article(_) => DataFile::Articles,
        NewRecord::Broadcast(_) => DataFile::Broadcasts,
        NewRecord::Submission(_) => DataFile::Submissions,
        NewRecord::Activity(_) => DataFile::Activities,
    })?;
    let probe = match &record {
        NewRecord::Article(a) if !allow_duplicate => Some(a),
        _ => None,
    };
    let survey = cx.survey(probe, None)?;
    let (file, line, id, unit, date, kind, verdict) = match record {
        NewRecord::Article(mut a) => {
            if !allow_duplicate {
                let in_force = survey
                    .candidates
                    .iter()
                    .filter(|c| !survey.voided.contains(&c.id));
                Duplicates::among(in_force).check(&a, cx.lang)?;
            }
            a.id = survey.next_id(DataFile::Articles)?;
            let verdict = verdict_of(cx, &a.fact());
            (
                DataFile::Articles,
                serde_json::to_string(&a)?,
                a.id,
                a.unit,
                a.date,
                RecordKind::Article,
                verdict,
            )
        }
        NewRecord::Broadcast(mut b) => {
            b.id = survey.next_id(DataFile::Broadcasts)?;
            let verdict = verdict_of(cx, &b.fact());
            (
                DataFile::Broadcasts,
                serde_json::to_string(&b)?,
                b.id,
                b.unit,
                b.date,
                RecordKind::Broadcast,
                verdict,
            )
        }
        NewRecord::Submission(mut s) => {
            if s.kind == SubmissionKind::Report && !allow_duplicate {
                let reports = crate::intake::same_report::reports_in_force(cx)?;
                SameReports::among(&cx.plans, reports.iter(), false).check(&s, cx.lang)?;
            }
            s.id = survey.next_id(DataFile::Submissions)?;
            let verdict = verdict_of(cx, &s.fact());
            (
                DataFile::Submissions,
                serde_json::to_string(&s)?,
                s.id,
                s.unit,
                s.date,
                s.kind.record(),
                verdict,
            )
        }
        NewRecord::Activity(mut h) => {
            h.id = survey.next_id(DataFile::Activities)?;
            let verdict = verdict_of(cx, &h.fact());
            (
                DataFile::Activities,
                serde_json::to_string(&h)?,
                h.id,
                h.unit,
                h.date,
                RecordKind::Activity,
                verdict,
            )
        }
    };
    debug_assert_eq!(lock.data_file(), file);
    for warning in cx.store.append(&lock, &[line])? {
        cx.warn(&warning.text(cx.lang));
    }
    drop(lock);
    // The id is the acknowledgment: out at once, before the feedback is worked out.
    writeln!(out, "{id}")?;
    out.flush()?;
    // What it counts for in its own plan (last year's, for a late Q4 report), and
    // where that leaves those obligations.
    let (verdict, plan, unit_index) = verdict;
    eprintln!("{} ({id})", describe(cx, plan, kind, &unit, date));
    let obligations = match &verdict {
        Verdict::Counts(_) => cx.obligations_in(plan, KeepIds::WhenShort)?,
        Verdict::Nothing(_) => Vec::new(),
    };
    for line in explain::describe(plan, cx.lang, unit_index, &verdict, &obligations) {
        eprintln!("  {line}");
    }
    Ok(Exit::Ok)
}

/// What a new record counts for in the plan it belongs to (checked against that
/// plan already, so its unit is there): the verdict, the plan and the unit's index.
fn verdict_of<'c>(cx: &'c Context, fact: &crate::fact::Fact<String>) -> (Verdict, &'c Plan, usize) {
    let plan = cx
        .plans
        .of_record(fact.kind, fact.date, fact.period)
        .map_or(&cx.plan, |f| &f.plan);
    let unit = plan
        .unit_index(fact.unit)
        .expect("checked against this plan");
    (explain::verdict(plan, unit, fact), plan, unit)
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
fn check_input(cx: &Context, command: LogCommand) -> Result<(NewRecord, bool)> {
    let mut build = Builder::new(cx, Source::Flags);
    // Each flag by the name of the record field it fills.
    let mut typed: Vec<(&str, String)> = Vec::new();
    let mut set = |key: &'static str, value: Option<String>| {
        if let Some(value) = value {
            typed.push((key, value));
        }
    };
    let record = match command {
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
            let fields = |key: &str| lookup(&typed, key);
            return Ok((NewRecord::Article(build.article(&fields)?), allow_duplicate));
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
            let fields = |key: &str| lookup(&typed, key);
            NewRecord::Broadcast(build.broadcast(&fields)?)
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
            let fields = |key: &str| lookup(&typed, key);
            NewRecord::Submission(build.submission(SubmissionKind::Plan, &fields)?)
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
            let fields = |key: &str| lookup(&typed, key);
            let report = build.submission(SubmissionKind::Report, &fields)?;
            return Ok((NewRecord::Submission(report), allow_duplicate));
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
            let fields = |key: &str| lookup(&typed, key);
            NewRecord::Activity(build.activity(&fields)?)
        }
    };
    Ok((record, false))
}

/// The value typed for a field.
fn lookup<'t>(typed: &'t [(&str, String)], key: &str) -> Option<&'t str> {
    typed
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.as_str())
}
