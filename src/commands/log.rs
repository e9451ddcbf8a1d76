//! `cchc log article|broadcast|plan|report`: validate everything the user typed,
//! then append one line under the directory lock and print its id.

use std::io::Write;

use anyhow::{Result, bail};
use chrono::NaiveDate;

use super::Context;
use super::input::{
    Duplicates, check_reference, check_report_period, check_title, check_topics, check_url,
    record_date, sole_broadcaster,
};
use crate::cli::LogCommand;
use crate::error::Exit;
use crate::i18n::Lang;
use crate::plan::{RecordKind, parse_clock};
use crate::record::{Article, Broadcast, DataFile, Submission, SubmissionKind};

/// The time of logging, RFC 3339 with the local offset. (Only `logged_at` reads the
/// clock; no evaluation depends on it.)
pub fn now_rfc3339() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// A record checked against the plan, waiting for its id.
enum NewRecord {
    Article(Article),
    Broadcast(Broadcast),
    Submission(Submission),
}

pub fn run(cx: &Context, command: LogCommand, out: &mut dyn Write) -> Result<Exit> {
    let (record, allow_duplicate) = check_input(cx, command)?;
    let lock = cx.store.lock()?;
    let probe = match &record {
        NewRecord::Article(a) if !allow_duplicate => Some(a),
        _ => None,
    };
    let survey = cx.survey(probe, None)?;
    let (file, line, id, summary) = match record {
        NewRecord::Article(mut a) => {
            if !allow_duplicate {
                let in_force = survey
                    .candidates
                    .iter()
                    .filter(|c| !survey.voided.contains(&c.id));
                Duplicates::among(in_force).check(&a, cx.lang)?;
            }
            a.id = survey.next_id(DataFile::Articles);
            let summary = describe(cx, RecordKind::Article, &a.unit, a.date);
            (
                DataFile::Articles,
                serde_json::to_string(&a)?,
                a.id,
                summary,
            )
        }
        NewRecord::Broadcast(mut b) => {
            b.id = survey.next_id(DataFile::Broadcasts);
            let summary = describe(cx, RecordKind::Broadcast, &b.unit, b.date);
            (
                DataFile::Broadcasts,
                serde_json::to_string(&b)?,
                b.id,
                summary,
            )
        }
        NewRecord::Submission(mut s) => {
            s.id = survey.next_id(DataFile::Submissions);
            let summary = describe(cx, s.kind.record(), &s.unit, s.date);
            (
                DataFile::Submissions,
                serde_json::to_string(&s)?,
                s.id,
                summary,
            )
        }
    };
    for warning in cx.store.append(&lock, file, &[line])? {
        eprintln!("warning: {warning}");
    }
    drop(lock);
    writeln!(out, "{id}")?;
    eprintln!("{summary} ({id})");
    Ok(Exit::Ok)
}

fn describe(cx: &Context, kind: RecordKind, unit: &str, date: NaiveDate) -> String {
    let name = cx.plan.unit(unit).map_or(unit, |u| u.name.as_str());
    match cx.lang {
        Lang::Vi => format!(
            "Đã ghi {} của {name}, ngày {}",
            cx.lang.record_noun(kind),
            cx.lang.date(date)
        ),
        Lang::En => format!("Logged {} of {name} on {}", kind, cx.lang.date(date)),
    }
}

/// Everything that can be checked without the records.
fn check_input(cx: &Context, command: LogCommand) -> Result<(NewRecord, bool)> {
    let logged_at = now_rfc3339();
    let plan = &cx.plan;
    Ok(match command {
        LogCommand::Article {
            unit,
            date,
            title,
            topics,
            url,
            allow_duplicate,
        } => {
            let unit = cx.find_unit(&unit)?;
            let article = Article {
                id: String::new(),
                unit: unit.id.clone(),
                date: record_date(cx, "--date", &date)?,
                title: check_title("--title", &title)?,
                topics: check_topics(plan, "--topic", topics.iter().map(String::as_str))?,
                url: url.as_deref().map(|u| check_url("--url", u)).transpose()?,
                logged_at,
            };
            (NewRecord::Article(article), allow_duplicate)
        }
        LogCommand::Broadcast {
            unit,
            date,
            time,
            minutes,
            title,
        } => {
            let unit = match unit {
                Some(query) => cx.find_unit(&query)?,
                None => sole_broadcaster(plan, "--unit")?,
            };
            if minutes == Some(0) {
                bail!("--minutes 0: a broadcast lasts at least one minute");
            }
            let broadcast = Broadcast {
                id: String::new(),
                unit: unit.id.clone(),
                date: record_date(cx, "--date", &date)?,
                time: parse_clock(time.trim()).map_err(|e| anyhow::anyhow!("--time: {e}"))?,
                minutes,
                title: check_title("--title", &title)?,
                logged_at,
            };
            (NewRecord::Broadcast(broadcast), false)
        }
        LogCommand::Plan {
            unit,
            date,
            reference,
        } => {
            let unit = cx.find_unit(&unit)?;
            let submission = Submission {
                id: String::new(),
                unit: unit.id.clone(),
                kind: SubmissionKind::Plan,
                period: None,
                date: record_date(cx, "--date", &date)?,
                reference: check_reference("--ref", reference)?,
                logged_at,
            };
            (NewRecord::Submission(submission), false)
        }
        LogCommand::Report {
            unit,
            period,
            date,
            reference,
        } => {
            let unit = cx.find_unit(&unit)?;
            let submission = Submission {
                id: String::new(),
                unit: unit.id.clone(),
                kind: SubmissionKind::Report,
                period: Some(check_report_period(plan, unit, "--period", &period)?),
                date: record_date(cx, "--date", &date)?,
                reference: check_reference("--ref", reference)?,
                logged_at,
            };
            (NewRecord::Submission(submission), false)
        }
    })
}
