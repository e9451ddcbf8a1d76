//! `cchc import FILE.csv --record article|broadcast`: every row is checked as `log`
//! checks its flags; any bad row means nothing is written, and every bad row is
//! reported by its line. Good files go in as one locked append.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result, bail};

use super::Context;
use super::input::{
    Duplicates, check_channel, check_title, check_topics, check_url, record_date, sole_broadcaster,
};
use crate::cli::ImportRecord;
use crate::error::Exit;
use crate::plan::{RecordKind, parse_clock};
use crate::record::{Article, Broadcast, DataFile};

/// The columns each kind of record takes, and which of them must be there.
fn columns(kind: ImportRecord) -> (&'static [&'static str], &'static [&'static str]) {
    match kind {
        ImportRecord::Article => (
            &["unit", "date", "title", "topics", "url", "channel"],
            &["unit", "date", "title"],
        ),
        ImportRecord::Broadcast => (
            &["unit", "date", "time", "minutes", "title", "channel"],
            &["date", "time", "title"],
        ),
    }
}

pub fn run(cx: &Context, path: &Path, kind: ImportRecord, out: &mut dyn Write) -> Result<Exit> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {name}"))?;
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(bytes.as_slice());
    let header = reader
        .headers()
        .map_err(|e| anyhow::anyhow!("{name}:1: {}", describe_csv_error(&e)))?
        .clone();
    let column = header_columns(&name, &header, kind)?;

    let lock = cx.store.lock()?;
    let records = cx.load_records()?;
    let mut duplicates = Duplicates::of(&records);
    let file = match kind {
        ImportRecord::Article => DataFile::Articles,
        ImportRecord::Broadcast => DataFile::Broadcasts,
    };
    let first_number = records.next_number(file);
    let mut lines = Vec::new();
    let mut ids = Vec::new();
    let mut problems = Vec::new();
    for row in reader.records() {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(format!("{name}:{line}: {}", describe_csv_error(&e)));
                continue;
            }
        };
        let line = row.position().map_or(0, |p| p.line());
        let field = |key: &str| {
            column
                .get(key)
                .and_then(|&i| row.get(i))
                .filter(|v| !v.is_empty())
        };
        let id = format!("{}{}", file.id_prefix(), first_number + lines.len() as u64);
        let parsed = match kind {
            ImportRecord::Article => article_row(cx, &field, id.clone()).and_then(|a| {
                duplicates.check(&a, cx.lang)?;
                duplicates.insert(&a);
                Ok(serde_json::to_string(&a)?)
            }),
            ImportRecord::Broadcast => {
                broadcast_row(cx, &field, id.clone()).and_then(|b| Ok(serde_json::to_string(&b)?))
            }
        };
        match parsed {
            Ok(json) => {
                lines.push(json);
                ids.push(id);
            }
            Err(e) => problems.push(format!("{name}:{line}: {e:#}")),
        }
    }
    if !problems.is_empty() {
        bail!(
            "{} bad row{} in {name}; nothing was imported:\n{}",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            problems.join("\n")
        );
    }
    if !lines.is_empty() {
        for warning in cx.store.append(&lock, file, &lines)? {
            eprintln!("warning: {warning}");
        }
    }
    drop(lock);
    for id in &ids {
        writeln!(out, "{id}")?;
    }
    match (ids.first(), ids.last()) {
        (Some(first), Some(last)) => {
            eprintln!("imported {} rows from {name} ({first}–{last})", ids.len())
        }
        _ => eprintln!("{name} has no rows; nothing imported"),
    }
    Ok(Exit::Ok)
}

/// Maps column names to positions; refuses unknown, repeated or missing columns.
fn header_columns(
    name: &str,
    header: &csv::StringRecord,
    kind: ImportRecord,
) -> Result<HashMap<String, usize>> {
    let (known, required) = columns(kind);
    let mut column = HashMap::new();
    for (i, raw) in header.iter().enumerate() {
        let key = raw.trim_start_matches('\u{feff}').trim().to_lowercase();
        if !known.contains(&key.as_str()) {
            let suggestion = crate::plan::suggestion(&key, known.iter().copied());
            bail!(
                "{name}:1: unknown column `{raw}`{suggestion}; the columns are {}",
                known.join(",")
            );
        }
        if column.insert(key.clone(), i).is_some() {
            bail!("{name}:1: column `{key}` appears twice");
        }
    }
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|k| !column.contains_key(*k))
        .collect();
    if !missing.is_empty() {
        bail!(
            "{name}:1: the header lacks {}; it must name the columns {}",
            missing.join(", "),
            known.join(",")
        );
    }
    Ok(column)
}

fn article_row<'a>(
    cx: &Context,
    field: &dyn Fn(&str) -> Option<&'a str>,
    id: String,
) -> Result<Article> {
    let unit = cx
        .plan
        .find_unit(field("unit").unwrap_or_default())
        .context("unit")?;
    Ok(Article {
        id,
        unit: unit.id.clone(),
        date: record_date(
            cx,
            RecordKind::Article,
            "date",
            field("date").unwrap_or_default(),
        )?,
        title: check_title("title", field("title").unwrap_or_default())?,
        topics: check_topics(
            &cx.plan,
            "topics",
            field("topics")
                .unwrap_or_default()
                .split(';')
                .map(str::trim)
                .filter(|t| !t.is_empty()),
        )?,
        url: field("url").map(|u| check_url("url", u)).transpose()?,
        channel: check_channel(&cx.plan, "channel", field("channel"))?,
        sent: None,
        logged_at: super::log::now_rfc3339(),
    })
}

fn broadcast_row<'a>(
    cx: &Context,
    field: &dyn Fn(&str) -> Option<&'a str>,
    id: String,
) -> Result<Broadcast> {
    let unit = match field("unit") {
        Some(query) => cx.plan.find_unit(query).context("unit")?,
        None => sole_broadcaster(&cx.plan, "the unit column")?,
    };
    let time = field("time").unwrap_or_default();
    let minutes = field("minutes")
        .map(|m| match m.parse::<u32>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(anyhow::anyhow!(
                "minutes `{m}` is not a positive whole number"
            )),
        })
        .transpose()?;
    Ok(Broadcast {
        id,
        unit: unit.id.clone(),
        date: record_date(
            cx,
            RecordKind::Broadcast,
            "date",
            field("date").unwrap_or_default(),
        )?,
        time: parse_clock(time).map_err(|e| anyhow::anyhow!("time: {e}"))?,
        minutes,
        title: check_title("title", field("title").unwrap_or_default())?,
        channel: check_channel(&cx.plan, "channel", field("channel"))?,
        logged_at: super::log::now_rfc3339(),
    })
}

/// The csv crate's error without its own position (we give the line).
fn describe_csv_error(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "not UTF-8 text; save the file as UTF-8".into(),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("{len} fields where the header has {expected_len}")
        }
        _ => e.to_string(),
    }
}
