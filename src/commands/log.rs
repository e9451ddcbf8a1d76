//! `cchc log article|broadcast|plan|report`: validate everything the user typed,
//! then append one line under the directory lock and print its id.

use std::io::Write;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

use super::Context;
use crate::cli::LogCommand;
use crate::error::Exit;
use crate::i18n::Lang;
use crate::period::{parse_label, period_of};
use crate::plan::{Plan, RecordKind, Shape, Unit, parse_clock};
use crate::record::{Article, Broadcast, DataFile, Records, Submission, SubmissionKind};

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
    let records = cx.load_records()?;
    let (file, line, id, summary) = match record {
        NewRecord::Article(mut a) => {
            if !allow_duplicate {
                refuse_duplicate(&records, &a, cx.lang)?;
            }
            a.id = records.next_id(DataFile::Articles);
            let summary = describe(cx, RecordKind::Article, &a.unit, a.date);
            (
                DataFile::Articles,
                serde_json::to_string(&a)?,
                a.id,
                summary,
            )
        }
        NewRecord::Broadcast(mut b) => {
            b.id = records.next_id(DataFile::Broadcasts);
            let summary = describe(cx, RecordKind::Broadcast, &b.unit, b.date);
            (
                DataFile::Broadcasts,
                serde_json::to_string(&b)?,
                b.id,
                summary,
            )
        }
        NewRecord::Submission(mut s) => {
            s.id = records.next_id(DataFile::Submissions);
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
                date: record_date(cx, &date)?,
                title: check_title(&title)?,
                topics: check_topics(plan, &topics)?,
                url: url.as_deref().map(check_url).transpose()?,
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
                None => sole_broadcaster(plan)?,
            };
            if minutes == Some(0) {
                bail!("--minutes 0: a broadcast lasts at least one minute");
            }
            let broadcast = Broadcast {
                id: String::new(),
                unit: unit.id.clone(),
                date: record_date(cx, &date)?,
                time: parse_clock(time.trim()).map_err(|e| anyhow::anyhow!("--time: {e}"))?,
                minutes,
                title: check_title(&title)?,
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
                date: record_date(cx, &date)?,
                reference: check_reference(reference)?,
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
                period: Some(check_report_period(plan, unit, &period)?),
                date: record_date(cx, &date)?,
                reference: check_reference(reference)?,
                logged_at,
            };
            (NewRecord::Submission(submission), false)
        }
    })
}

/// A record's date: a DATE inside the plan and not after the as-of date.
fn record_date(cx: &Context, text: &str) -> Result<NaiveDate> {
    let date = cx.date("--date", text)?;
    let plan = &cx.plan;
    if !plan.covers(date) {
        bail!(
            "--date {}: outside the plan, which runs from {} to {}",
            cx.lang.date(date),
            cx.lang.date(plan.start),
            cx.lang.date(plan.end)
        );
    }
    if date > cx.as_of() {
        bail!(
            "--date {}: after today ({}); log things once they have happened",
            cx.lang.date(date),
            cx.lang.date(cx.as_of())
        );
    }
    Ok(date)
}

fn check_title(title: &str) -> Result<String> {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        bail!("--title is blank; give the title of the item");
    }
    Ok(title)
}

fn check_topics(plan: &Plan, topics: &[String]) -> Result<Vec<String>> {
    let mut ids: Vec<String> = Vec::new();
    for topic in topics {
        let topic = topic.trim();
        if plan.topic(topic).is_none() {
            let suggestion =
                crate::plan::suggestion(topic, plan.topics.iter().map(|t| t.id.as_str()));
            let known: Vec<&str> = plan.topics.iter().map(|t| t.id.as_str()).collect();
            bail!(
                "--topic `{topic}` is not a topic of the plan{suggestion}\n  topics: {}",
                known.join(", ")
            );
        }
        if !ids.iter().any(|t| t == topic) {
            ids.push(topic.to_string());
        }
    }
    Ok(ids)
}

fn check_url(url: &str) -> Result<String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .with_context(|| format!("--url `{url}`: must start with http:// or https://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || url.chars().any(char::is_whitespace) {
        bail!("--url `{url}`: not a web address (no host, or spaces in it)");
    }
    Ok(url.to_string())
}

fn check_reference(reference: Option<String>) -> Result<Option<String>> {
    match reference.map(|r| r.trim().to_string()) {
        Some(r) if r.is_empty() => {
            bail!("--ref is blank; leave it out or give the document number")
        }
        other => Ok(other),
    }
}

/// The unit a broadcast is for when `--unit` is left out: the only unit a
/// broadcast rule applies to.
fn sole_broadcaster(plan: &Plan) -> Result<&Unit> {
    let mut units: Vec<usize> = plan
        .rules
        .iter()
        .filter(|r| r.record() == RecordKind::Broadcast)
        .flat_map(|r| r.applies_to.iter().copied())
        .collect();
    units.sort_unstable();
    units.dedup();
    match units[..] {
        [only] => Ok(&plan.units[only]),
        [] => {
            bail!("no rule of the plan asks for broadcasts; say whose broadcast it is with --unit")
        }
        _ => bail!(
            "several units have broadcast rules ({}); say which with --unit",
            units
                .iter()
                .map(|&i| plan.units[i].id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The period label of a report, checked against the unit's report rules.
fn check_report_period(plan: &Plan, unit: &Unit, text: &str) -> Result<String> {
    let unit_index = plan.unit_index(&unit.id).expect("unit of the plan");
    let rules: Vec<_> = plan.rules_for(unit_index, RecordKind::Report).collect();
    if rules.is_empty() {
        bail!(
            "no report rule of the plan applies to {} ({}); nothing asks it for reports",
            unit.id,
            unit.name
        );
    }
    let key = parse_label(text).map_err(|e| anyhow::anyhow!("--period: {e}"))?;
    for rule in &rules {
        if let Shape::Report { every, .. } = rule.shape
            && period_of(every, key, plan.start, plan.end).is_some()
        {
            return Ok(key.to_string());
        }
    }
    let wanted: Vec<String> = rules
        .iter()
        .filter_map(|r| r.every())
        .map(|every| {
            let periods = crate::period::periods(every, plan.start, plan.end);
            match (periods.first(), periods.last()) {
                (Some(first), Some(last)) => format!("{} to {}", first.label(), last.label()),
                _ => String::new(),
            }
        })
        .collect();
    bail!(
        "--period `{text}` is not a report period for {} in this plan; use one of {}",
        unit.id,
        wanted.join(" or ")
    )
}

/// Same unit, date and title as an active article, or the same URL.
fn refuse_duplicate(records: &Records, new: &Article, lang: Lang) -> Result<()> {
    let title = new.title.to_lowercase();
    let same = records.active_articles().find(|a| {
        (a.unit == new.unit && a.date == new.date && a.title.to_lowercase() == title)
            || (new.url.is_some() && a.url == new.url)
    });
    if let Some(a) = same {
        let what = if new.url.is_some() && a.url == new.url {
            "URL"
        } else {
            "unit, date and title"
        };
        bail!(
            "duplicate: {} ({}, {}) has the same {what}; pass --allow-duplicate if this is really another item",
            a.id,
            lang.date(a.date),
            a.title
        );
    }
    Ok(())
}
