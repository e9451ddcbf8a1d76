//! `cchc list`: the records in force (voided ones left out), filtered, by date.

use std::io::Write;

use anyhow::{Result, bail};

use super::Context;
use crate::cli::{ListArgs, ListFormat, RecordArg};
use crate::error::Exit;
use crate::record::{Records, SubmissionKind};
use crate::render::{self, RecordRow};

pub fn run(cx: &Context, args: ListArgs, out: &mut dyn Write) -> Result<Exit> {
    let unit = args.unit.as_deref().map(|u| cx.find_unit(u)).transpose()?;
    let from = args
        .from
        .as_deref()
        .map(|d| cx.date("--from", d))
        .transpose()?;
    let to = args.to.as_deref().map(|d| cx.date("--to", d)).transpose()?;
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        bail!("--from {from} is after --to {to}");
    }
    let records = cx.load_records()?;
    let mut rows: Vec<RecordRow> = rows(&records)
        .into_iter()
        .filter(|r| unit.is_none_or(|u| u.id == r.unit))
        .filter(|r| args.record.is_none_or(|k| record_name(k) == r.record))
        .filter(|r| from.is_none_or(|d| r.date >= d) && to.is_none_or(|d| r.date <= d))
        .collect();
    rows.sort_by_key(|r| r.date);
    match args.format {
        ListFormat::Table => render::table::records(&rows, &cx.plan, cx.lang, out)?,
        ListFormat::Json => render::json::records(&rows, out)?,
        ListFormat::Csv => render::csv::records(&rows, out)?,
    }
    Ok(Exit::Ok)
}

fn record_name(kind: RecordArg) -> &'static str {
    match kind {
        RecordArg::Article => "article",
        RecordArg::Broadcast => "broadcast",
        RecordArg::Plan => "plan",
        RecordArg::Report => "report",
    }
}

/// Every record in force, in file order: articles, broadcasts, submissions.
fn rows(records: &Records) -> Vec<RecordRow> {
    let articles = records.active_articles().map(|a| RecordRow {
        id: a.id.clone(),
        record: "article",
        unit: a.unit.clone(),
        date: a.date,
        time: None,
        minutes: None,
        period: None,
        title: Some(a.title.clone()),
        topics: Some(a.topics.clone()),
        url: a.url.clone(),
        reference: None,
        logged_at: a.logged_at.clone(),
    });
    let broadcasts = records.active_broadcasts().map(|b| RecordRow {
        id: b.id.clone(),
        record: "broadcast",
        unit: b.unit.clone(),
        date: b.date,
        time: Some(b.time.format("%H:%M").to_string()),
        minutes: b.minutes,
        period: None,
        title: Some(b.title.clone()),
        topics: None,
        url: None,
        reference: None,
        logged_at: b.logged_at.clone(),
    });
    let submissions = records.active_submissions().map(|s| RecordRow {
        id: s.id.clone(),
        record: match s.kind {
            SubmissionKind::Plan => "plan",
            SubmissionKind::Report => "report",
        },
        unit: s.unit.clone(),
        date: s.date,
        time: None,
        minutes: None,
        period: s.period.clone(),
        title: None,
        topics: None,
        url: None,
        reference: s.reference.clone(),
        logged_at: s.logged_at.clone(),
    });
    articles.chain(broadcasts).chain(submissions).collect()
}
