//! `cchc import FILE.csv --record article|broadcast|activity`: every row is checked
//! as `log` checks its flags; any bad row means nothing is written, and every bad row
//! is reported by its line. Good files go in as one locked append, and the summary
//! says what the rows count for, and which count for nothing and why.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result, bail};

use super::Context;
use super::explain::{self, Verdict};
use super::input::{
    Duplicates, check_activity, check_channel, check_reference, check_report_period, check_rule,
    check_sent, check_title, check_topics, check_url, find_unit, record_date, sole_broadcaster,
};
use super::same_report::SameReports;
use crate::cli::ImportRecord;
use crate::error::Exit;
use crate::i18n::{Lang, Notice, Refusal};
use crate::plan::{RecordKind, parse_clock};
use crate::record::{Activity, Article, Broadcast, DataFile, Submission, SubmissionKind};
use crate::tally::KeepIds;

/// The largest file `import` reads (a million rows is some 200 MiB).
const MAX_IMPORT_BYTES: u64 = 1024 * 1024 * 1024;

/// `;` when the header line is separated by semicolons (as Excel saves CSV where
/// the decimal mark is a comma, as in Vietnam), else `,`.
fn delimiter(bytes: &[u8]) -> u8 {
    let header = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let count = |c: u8| header.iter().filter(|b| **b == c).count();
    if count(b';') > count(b',') {
        b';'
    } else {
        b','
    }
}

/// How `import` goes about it.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Check and show, write nothing.
    pub dry_run: bool,
    /// Leave out rows that repeat an article in force, instead of refusing.
    pub skip_duplicates: bool,
    /// The sheet of a workbook (default: the first).
    pub sheet: Option<String>,
}

/// Column names in Vietnamese (folded: no case, no diacritics) and the fields they are.
const VIETNAMESE_COLUMNS: [(&str, &str); 15] = [
    ("don vi", "unit"),
    ("ngay", "date"),
    ("tieu de", "title"),
    ("chu de", "topics"),
    ("duong dan", "url"),
    ("kenh", "channel"),
    ("ngay gui", "sent"),
    ("gio", "time"),
    ("thoi luong", "minutes"),
    ("ky", "period"),
    ("so hieu", "ref"),
    ("quy tac", "rule"),
    ("hoat dong", "activity"),
    ("so luong", "count"),
    ("so nguoi", "participants"),
];

/// The columns each kind of record takes, and which of them must be there.
fn columns(kind: ImportRecord) -> (&'static [&'static str], &'static [&'static str]) {
    match kind {
        ImportRecord::Article => (
            &["unit", "date", "title", "topics", "url", "channel", "sent"],
            &["unit", "date", "title"],
        ),
        ImportRecord::Plan => (&["unit", "date", "ref", "rule"], &["unit", "date"]),
        ImportRecord::Report => (
            &["unit", "period", "date", "ref", "rule"],
            &["unit", "period", "date"],
        ),
        ImportRecord::Broadcast => (
            &["unit", "date", "time", "minutes", "title", "channel"],
            &["date", "time", "title"],
        ),
        ImportRecord::Activity => (
            &["unit", "date", "activity", "title", "count", "participants"],
            &["unit", "date", "activity", "title"],
        ),
    }
}

pub fn run(
    cx: &Context,
    path: &Path,
    kind: ImportRecord,
    options: Options,
    out: &mut dyn Write,
) -> Result<Exit> {
    let name = path.display().to_string();
    let is_workbook = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let table = if is_workbook {
        read_workbook(cx.lang, path, &name, options.sheet.as_deref())?
    } else {
        if options.sheet.is_some() {
            bail!(Refusal::SheetIsForWorkbooks { file: &name }.text(cx.lang));
        }
        read_csv(cx.lang, path, &name)?
    };
    let column = header_columns(cx.lang, &table.place(&name, 1, None), &table.header, kind)?;

    let file = match kind {
        ImportRecord::Article => DataFile::Articles,
        ImportRecord::Broadcast => DataFile::Broadcasts,
        ImportRecord::Plan | ImportRecord::Report => DataFile::Submissions,
        ImportRecord::Activity => DataFile::Activities,
    };
    let mut skipped: Vec<u64> = Vec::new();
    let lock = cx.store.lock(file)?;
    let records = cx.load_records()?;
    let mut duplicates = Duplicates::of(&records).for_import();
    let mut same_reports = SameReports::among(&cx.plans, records.active_submissions(), true);
    let first_number = records.next_number(file);
    let mut lines = Vec::new();
    let mut ids = Vec::new();
    let mut problems = Vec::new();
    // What each good row counts for, by its line.
    let mut verdicts: Vec<(u64, usize, Verdict)> = Vec::new();
    for row in &table.rows {
        let (line, cells) = match row {
            Ok(row) => (row.0, &row.1),
            Err((line, message)) => {
                problems.push(format!("{}: {message}", table.place(&name, *line, None)));
                continue;
            }
        };
        let field = |key: &str| {
            column
                .get(key)
                .and_then(|&i| cells.get(i))
                .map(String::as_str)
                .filter(|v| !v.is_empty())
        };
        let id = format!("{}{}", file.id_prefix(), first_number + lines.len() as u64);
        // What a row counts for, when it belongs to the plan in use (the summary
        // speaks of that plan's obligations; a row of another year's plan is checked
        // against its own plan but not summarised).
        let in_use = cx.plans.in_use();
        let verdict_of = |_unit: &str, fact: &crate::fact::Fact<String>| {
            let found = cx.plans.of_record(fact.kind, fact.date, fact.period)?;
            if !std::ptr::eq(found, in_use) {
                return None;
            }
            let unit = found.plan.unit_index(fact.unit)?;
            Some((unit, explain::verdict(&found.plan, unit, fact)))
        };
        let parsed = match kind {
            ImportRecord::Article => match article_row(cx, &field, id.clone()) {
                Ok(a) if options.skip_duplicates && duplicates.check(&a, cx.lang).is_err() => {
                    skipped.push(line);
                    continue;
                }
                Ok(a) => duplicates.check(&a, cx.lang).and_then(|()| {
                    duplicates.insert(&a);
                    Ok((serde_json::to_string(&a)?, verdict_of(&a.unit, &a.fact())))
                }),
                Err(e) => Err(e),
            },
            // A second report of a unit, period and rule is a duplicate too.
            ImportRecord::Plan | ImportRecord::Report => {
                match submission_row(cx, kind, &field, id.clone()) {
                    Ok(s)
                        if options.skip_duplicates && same_reports.check(&s, cx.lang).is_err() =>
                    {
                        skipped.push(line);
                        continue;
                    }
                    Ok(s) => same_reports.check(&s, cx.lang).and_then(|()| {
                        same_reports.insert(&s);
                        Ok((serde_json::to_string(&s)?, verdict_of(&s.unit, &s.fact())))
                    }),
                    Err(e) => Err(e),
                }
            }
            ImportRecord::Broadcast => broadcast_row(cx, &field, id.clone())
                .and_then(|b| Ok((serde_json::to_string(&b)?, verdict_of(&b.unit, &b.fact())))),
            ImportRecord::Activity => activity_row(cx, &field, id.clone())
                .and_then(|h| Ok((serde_json::to_string(&h)?, verdict_of(&h.unit, &h.fact())))),
        };
        match parsed {
            Ok((json, verdict)) => {
                lines.push(json);
                ids.push(id);
                if let Some((unit, verdict)) = verdict {
                    verdicts.push((line, unit, verdict));
                }
            }
            Err(e) => {
                // A workbook names the cell: the column the message is about.
                let message = format!("{e:#}");
                let about = column
                    .iter()
                    .filter(|(key, _)| message.starts_with(key.as_str()))
                    .max_by_key(|(key, _)| key.len())
                    .map(|(_, i)| *i);
                problems.push(format!("{}: {message}", table.place(&name, line, about)));
            }
        }
    }
    if !problems.is_empty() {
        let refusal = Refusal::BadRows {
            count: problems.len(),
            file: &name,
            rows: &problems.join("\n"),
        };
        bail!(refusal.text(cx.lang));
    }
    if options.dry_run {
        // What would be written, line for line; nothing is.
        drop(lock);
        for line in &lines {
            writeln!(out, "{line}")?;
        }
        eprintln!(
            "{}",
            Notice::DryRun {
                rows: lines.len(),
                file: &name
            }
            .text(cx.lang)
        );
        report_skipped(cx, &|l| table.place(&name, l, None), &skipped);
        return Ok(Exit::Ok);
    }
    if !lines.is_empty() {
        // All rows or none, even if the process is killed half-way.
        for warning in cx.store.append_whole(&lock, &lines)? {
            cx.warn(warning.get(cx.lang));
        }
    }
    drop(lock);
    for id in &ids {
        writeln!(out, "{id}")?;
    }
    report_skipped(cx, &|l| table.place(&name, l, None), &skipped);
    match (ids.first(), ids.last()) {
        (Some(first), Some(last)) => {
            let notice = Notice::Imported {
                rows: ids.len(),
                file: &name,
                first,
                last,
            };
            eprintln!("{}", notice.text(cx.lang))
        }
        _ => eprintln!("{}", Notice::NothingImported { file: &name }.text(cx.lang)),
    }
    for line in summary(cx, &|l| table.place(&name, l, None), &verdicts)? {
        eprintln!("  {line}");
    }
    Ok(Exit::Ok)
}

/// Says how many rows `--skip-duplicates` left out, and which.
fn report_skipped(cx: &Context, place: &dyn Fn(u64) -> String, skipped: &[u64]) {
    if skipped.is_empty() {
        return;
    }
    let lines: Vec<String> = skipped.iter().take(10).map(|l| place(*l)).collect();
    let notice = Notice::SkippedDuplicates {
        rows: skipped.len(),
        lines: &lines.join(", "),
    };
    eprintln!("{}", notice.text(cx.lang));
}

/// At most this many obligations are listed after an import; the rest are counted.
const SUMMARY_OBLIGATIONS: usize = 20;

/// The summary of what imported rows count for: each obligation they add to, with
/// where it stands now, then the rows that count for nothing, grouped by why.
fn summary(
    cx: &Context,
    place: &dyn Fn(u64) -> String,
    verdicts: &[(u64, usize, Verdict)],
) -> Result<Vec<String>> {
    // (unit, or none for a together rule; rule; period) of each obligation added to.
    let mut touched: Vec<(Option<usize>, usize, crate::period::PeriodKey)> = Vec::new();
    let mut nothing: Vec<(&explain::Why, Vec<u64>)> = Vec::new();
    for (line, unit, verdict) in verdicts {
        match verdict {
            Verdict::Counts(slots) => {
                for &(rule, key) in slots {
                    // A together obligation is one, whichever unit adds to it.
                    let owner = match cx.plan.rules[rule].scope {
                        crate::plan::Scope::Together => None,
                        crate::plan::Scope::Each => Some(*unit),
                    };
                    if !touched.contains(&(owner, rule, key)) {
                        touched.push((owner, rule, key));
                    }
                }
            }
            Verdict::Nothing(why) => match nothing.iter_mut().find(|(w, _)| *w == why) {
                Some((_, lines)) => lines.push(*line),
                None => nothing.push((why, vec![*line])),
            },
        }
    }
    let obligations = if touched.is_empty() {
        Vec::new()
    } else {
        cx.obligations(KeepIds::WhenShort)?
    };
    let mut out = Vec::new();
    for &(owner, rule, key) in touched.iter().take(SUMMARY_OBLIGATIONS) {
        let unit = owner.unwrap_or(cx.plan.rules[rule].applies_to[0]);
        let verdict = Verdict::Counts(vec![(rule, key)]);
        let who = crate::render::unit_name(&cx.plan, owner, rule, cx.lang);
        for text in explain::describe(&cx.plan, cx.lang, unit, &verdict, &obligations) {
            out.push(format!("{who}: {text}"));
        }
    }
    if touched.len() > SUMMARY_OBLIGATIONS {
        out.push(match cx.lang {
            crate::i18n::Lang::Vi => {
                format!("… và {} chỉ tiêu khác", touched.len() - SUMMARY_OBLIGATIONS)
            }
            crate::i18n::Lang::En => format!(
                "… and {} more obligations",
                touched.len() - SUMMARY_OBLIGATIONS
            ),
        });
    }
    for (why, lines) in nothing {
        let shown: Vec<String> = lines.iter().take(10).map(|l| place(*l)).collect();
        let more = if lines.len() > 10 {
            format!(" (+{})", lines.len() - 10)
        } else {
            String::new()
        };
        out.push(format!(
            "{}: {}{more} — {}",
            lines.len(),
            shown.join(", "),
            explain::why_text(why, cx.lang)
        ));
    }
    Ok(out)
}

/// Maps column names to positions; refuses unknown, repeated or missing columns.
fn header_columns(
    lang: Lang,
    place: &str,
    header: &[String],
    kind: ImportRecord,
) -> Result<HashMap<String, usize>> {
    let (known, required) = columns(kind);
    let mut column = HashMap::new();
    for (i, raw) in header.iter().enumerate() {
        let key = raw.trim_start_matches('\u{feff}').trim().to_lowercase();
        // Vietnamese names ("Đơn vị", "Ngày", "Tiêu đề" ...), without case or diacritics.
        let folded = crate::plan::fold(&key);
        let key = VIETNAMESE_COLUMNS
            .iter()
            .find(|(vi, _)| *vi == folded)
            .map_or(key, |(_, en)| en.to_string());
        if !known.contains(&key.as_str()) {
            let refusal = Refusal::UnknownColumn {
                place,
                column: raw,
                closest: crate::plan::closest(&key, known.iter().copied()),
                known: &known.join(","),
            };
            bail!(refusal.text(lang));
        }
        if column.insert(key.clone(), i).is_some() {
            bail!(
                Refusal::ColumnTwice {
                    place,
                    column: &key
                }
                .text(lang)
            );
        }
    }
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|k| !column.contains_key(*k))
        .collect();
    if !missing.is_empty() {
        let refusal = Refusal::HeaderLacks {
            place,
            missing: &missing.join(", "),
            known: &known.join(","),
        };
        bail!(refusal.text(lang));
    }
    Ok(column)
}

fn article_row<'a>(
    cx: &Context,
    field: &dyn Fn(&str) -> Option<&'a str>,
    id: String,
) -> Result<Article> {
    let (date, plan) = record_date(
        cx,
        RecordKind::Article,
        "date",
        field("date").unwrap_or_default(),
        None,
    )?;
    let unit = find_unit(plan, cx.lang, "unit", field("unit").unwrap_or_default())?;
    Ok(Article {
        id,
        unit: unit.id.clone(),
        date,
        title: check_title(cx.lang, "title", field("title").unwrap_or_default())?,
        topics: check_topics(
            plan,
            cx.lang,
            "topics",
            field("topics")
                .unwrap_or_default()
                .split(';')
                .map(str::trim)
                .filter(|t| !t.is_empty()),
        )?,
        url: field("url")
            .map(|u| check_url(cx.lang, "url", u))
            .transpose()?,
        channel: check_channel(plan, cx.lang, "channel", field("channel"))?,
        sent: field("sent")
            .map(|s| check_sent(cx, "sent", s, date))
            .transpose()?,
        logged_at: super::log::now_rfc3339(),
    })
}

fn broadcast_row<'a>(
    cx: &Context,
    field: &dyn Fn(&str) -> Option<&'a str>,
    id: String,
) -> Result<Broadcast> {
    let (date, plan) = record_date(
        cx,
        RecordKind::Broadcast,
        "date",
        field("date").unwrap_or_default(),
        None,
    )?;
    let unit = match field("unit") {
        Some(query) => find_unit(plan, cx.lang, "unit", query)?,
        None => sole_broadcaster(plan, cx.lang, "the unit column")?,
    };
    let time = field("time").unwrap_or_default();
    let minutes = field("minutes")
        .map(|m| match m.parse::<u32>() {
            Ok(n) if n > 0 => Ok(n),
            _ => {
                let refusal = Refusal::MinutesNotPositive {
                    field: "minutes",
                    text: m,
                };
                Err(anyhow::anyhow!(refusal.text(cx.lang)))
            }
        })
        .transpose()?;
    Ok(Broadcast {
        id,
        unit: unit.id.clone(),
        date,
        time: parse_clock(time).map_err(|_| {
            let refusal = Refusal::NotATime {
                field: "time",
                text: time,
            };
            anyhow::anyhow!(refusal.text(cx.lang))
        })?,
        minutes,
        title: check_title(cx.lang, "title", field("title").unwrap_or_default())?,
        channel: check_channel(plan, cx.lang, "channel", field("channel"))?,
        logged_at: super::log::now_rfc3339(),
    })
}

/// A plan or report row: checked as `log plan` and `log report` check their flags
/// (the rule a document fulfils; a plan for the plan in use's year).
fn submission_row<'a>(
    cx: &Context,
    kind: ImportRecord,
    field: &dyn Fn(&str) -> Option<&'a str>,
    id: String,
) -> Result<Submission> {
    let report = matches!(kind, ImportRecord::Report);
    let (record, period) = if report {
        let text = field("period").unwrap_or_default();
        let key = crate::i18n::parse_period(text).map_err(|_| {
            let refusal = Refusal::NotAPeriod {
                field: "period",
                text,
            };
            anyhow::anyhow!(refusal.text(cx.lang))
        })?;
        (RecordKind::Report, key.to_string())
    } else {
        (RecordKind::Plan, cx.plan.year().to_string())
    };
    let (date, plan) = record_date(
        cx,
        record,
        "date",
        field("date").unwrap_or_default(),
        Some(&period),
    )?;
    let unit = find_unit(plan, cx.lang, "unit", field("unit").unwrap_or_default())?;
    let period = if report {
        check_report_period(plan, cx.lang, unit, "period", &period)?
    } else {
        period
    };
    let mut submission = Submission {
        id,
        unit: unit.id.clone(),
        kind: if report {
            SubmissionKind::Report
        } else {
            SubmissionKind::Plan
        },
        period: Some(period),
        date,
        reference: check_reference(cx.lang, "ref", field("ref").map(String::from))?,
        rule: field("rule").map(String::from),
        logged_at: super::log::now_rfc3339(),
    };
    submission.rule = Some(check_rule(plan, cx.lang, unit, "rule", &submission.fact())?);
    Ok(submission)
}

fn activity_row<'a>(
    cx: &Context,
    field: &dyn Fn(&str) -> Option<&'a str>,
    id: String,
) -> Result<Activity> {
    let (date, plan) = record_date(
        cx,
        RecordKind::Activity,
        "date",
        field("date").unwrap_or_default(),
        None,
    )?;
    let unit = find_unit(plan, cx.lang, "unit", field("unit").unwrap_or_default())?;
    let whole = |key: &str, min: u32| -> Result<Option<u32>> {
        field(key)
            .map(|v| match v.parse::<u32>() {
                Ok(n) if n >= min => Ok(n),
                _ => {
                    let refusal = Refusal::NotAWholeNumber {
                        field: key,
                        text: v,
                        min,
                    };
                    Err(anyhow::anyhow!(refusal.text(cx.lang)))
                }
            })
            .transpose()
    };
    Ok(Activity {
        id,
        unit: unit.id.clone(),
        date,
        activity: check_activity(
            plan,
            cx.lang,
            "activity",
            field("activity").unwrap_or_default(),
        )?,
        title: check_title(cx.lang, "title", field("title").unwrap_or_default())?,
        count: whole("count", 1)?.unwrap_or(1),
        participants: whole("participants", 0)?,
        logged_at: super::log::now_rfc3339(),
    })
}

/// A row as the person numbers it (CSV line, sheet row) with its cells.
type Row = (u64, Vec<String>);

/// The rows to import, from a CSV file or a sheet of a workbook.
struct Table {
    header: Vec<String>,
    /// Each row as the person numbers it (CSV line, sheet row) with its cells, or
    /// why it could not be read.
    rows: Vec<Result<Row, (u64, String)>>,
    /// A workbook's sheet: places are then cells (`Sheet1!C7`).
    sheet: Option<String>,
}

impl Table {
    /// Where a row (and, in a workbook, the cell of column `column`) is.
    fn place(&self, name: &str, row: u64, column: Option<usize>) -> String {
        match &self.sheet {
            None => format!("{name}:{row}"),
            Some(sheet) => format!(
                "{name}: {sheet}!{}{row}",
                column_letters(column.unwrap_or(0))
            ),
        }
    }
}

/// A spreadsheet column's letters: 0 → A, 25 → Z, 26 → AA.
fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.iter().rev().map(|&b| b as char).collect()
}

/// Why the file to import cannot be read: it is not there, or the system's reason.
fn unreadable(lang: Lang, name: &str, error: &std::io::Error) -> anyhow::Error {
    if error.kind() == std::io::ErrorKind::NotFound {
        return anyhow::anyhow!(Refusal::FileMissing { file: name }.text(lang));
    }
    let why = crate::i18n::os_reason(error, lang);
    anyhow::anyhow!(
        Refusal::CannotRead {
            file: name,
            why: &why
        }
        .text(lang)
    )
}

fn read_csv(lang: Lang, path: &Path, name: &str) -> Result<Table> {
    let bytes = crate::files::read_limited(path, MAX_IMPORT_BYTES)
        .map_err(|e| unreadable(lang, name, &e))?;
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        bail!(Refusal::Utf16 { file: name }.text(lang));
    }
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .delimiter(delimiter(&bytes))
        .from_reader(bytes.as_slice());
    let header = reader
        .headers()
        .map_err(|e| anyhow::anyhow!("{name}:1: {}", describe_csv_error(lang, &e)))?
        .iter()
        .map(String::from)
        .collect();
    let rows = reader
        .records()
        .map(|row| match row {
            Ok(row) => Ok((
                row.position().map_or(0, |p| p.line()),
                row.iter().map(String::from).collect(),
            )),
            Err(e) => Err((
                e.position().map_or(0, |p| p.line()),
                describe_csv_error(lang, &e),
            )),
        })
        .collect();
    Ok(Table {
        header,
        rows,
        sheet: None,
    })
}

/// The first sheet (or `sheet`) of a workbook: date cells become dates
/// (YYYY-MM-DD), time cells times (HH:MM), whole numbers numbers.
fn read_workbook(lang: Lang, path: &Path, name: &str, sheet: Option<&str>) -> Result<Table> {
    use calamine::{Data, DataType, Reader};
    let found = crate::files::regular_or_absent(path).map_err(|e| unreadable(lang, name, &e))?;
    if found.is_none() {
        bail!(Refusal::FileMissing { file: name }.text(lang));
    }
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook(path).map_err(|e: calamine::XlsxError| {
            let why = e.to_string();
            anyhow::anyhow!(
                Refusal::NotAWorkbook {
                    file: name,
                    why: &why
                }
                .text(lang)
            )
        })?;
    let names = workbook.sheet_names();
    let chosen = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .with_context(|| {
                let sheets = names.join(", ");
                let refusal = Refusal::NoSuchSheet {
                    file: name,
                    sheet: s,
                    sheets: &sheets,
                };
                refusal.text(lang)
            })?,
        None => names
            .first()
            .cloned()
            .with_context(|| Refusal::NoSheet { file: name }.text(lang))?,
    };
    let range = workbook.worksheet_range(&chosen).map_err(|e| {
        let why = e.to_string();
        let refusal = Refusal::SheetUnreadable {
            file: name,
            sheet: &chosen,
            why: &why,
        };
        anyhow::anyhow!(refusal.text(lang))
    })?;
    let first_row = range.start().map_or(0, |(r, _)| r) as u64;
    let text = |cell: &Data, key: &str| -> String {
        match cell {
            Data::DateTime(_) | Data::DateTimeIso(_) if key == "time" => cell
                .as_datetime()
                .map(|t| t.format("%H:%M").to_string())
                .unwrap_or_default(),
            Data::DateTime(_) | Data::DateTimeIso(_) => cell
                .as_date()
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            Data::Empty => String::new(),
            other => other.to_string().trim().to_string(),
        }
    };
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .map(|r| r.iter().map(|c| text(c, "")).collect())
        .unwrap_or_default();
    let keys: Vec<String> = header.iter().map(|h| crate::plan::fold(h)).collect();
    let rows = rows
        .enumerate()
        .filter(|(_, r)| r.iter().any(|c| !c.is_empty()))
        .map(|(i, r)| {
            let cells = r
                .iter()
                .enumerate()
                .map(|(c, cell)| {
                    let key = keys.get(c).map_or("", String::as_str);
                    let key = if key == "time" || key == "gio" {
                        "time"
                    } else {
                        key
                    };
                    text(cell, key)
                })
                .collect();
            // Sheet rows are numbered from 1, the header being the first.
            Ok((first_row + i as u64 + 2, cells))
        })
        .collect();
    Ok(Table {
        header,
        rows,
        sheet: Some(chosen),
    })
}

/// The csv crate's error without its own position (we give the line).
fn describe_csv_error(lang: Lang, e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => Refusal::NotUtf8.text(lang),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Refusal::FieldCount {
            fields: *len,
            header: *expected_len,
        }
        .text(lang),
        _ => e.to_string(),
    }
}
