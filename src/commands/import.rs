//! `cchc import FILE.csv --record article|broadcast|activity`: every row is checked
//! as `log` checks its flags; any bad row means nothing is written, and every bad row
//! is reported by its line. Good files go in as one locked append, and the summary
//! says what the rows count for, and which count for nothing and why. The file is
//! read as offices send it by [`crate::intake::table`]; `--dry-run` shows the rows as
//! a table (or JSON lines with `--format json`).

use std::io::Write;
use std::path::Path;

use anyhow::{Result, bail};

use super::Context;
use crate::cli::ImportFormat;
use crate::error::Exit;
use crate::evaluate::KeepIds;
use crate::explain::{self, Verdict};
use crate::i18n::{Notice, Refusal};
use crate::intake::Duplicates;
use crate::intake::build::{Builder, Source};
use crate::intake::same_report::SameReports;
use crate::intake::table;
use crate::plan::RecordKind;
use crate::record::{DataFile, Record};
use crate::render::RecordRow;

/// How many good rows a dry run's table shows (the rest are counted): a table
/// is built whole to size its columns, and no one reads a million rows in one.
const MAX_PREVIEWED: usize = 1000;

/// How many bad rows a refused import lists; the rest are counted.
const MAX_LISTED: usize = 100;

/// How `import` goes about it.
#[derive(Debug, Clone)]
pub struct Options {
    /// Check and show, write nothing.
    pub dry_run: bool,
    /// Leave out rows that repeat an article in force, instead of refusing.
    pub skip_duplicates: bool,
    /// The sheet of a workbook (default: the first).
    pub sheet: Option<String>,
    /// The unit of rows that name none (a list from one unit, with no unit column).
    pub unit: Option<String>,
    /// What stdout shows: a table of the rows (dry run) or the new ids; or JSON lines.
    pub format: ImportFormat,
}

pub fn run(
    cx: &Context,
    path: &Path,
    kind: RecordKind,
    options: Options,
    out: &mut dyn Write,
) -> Result<Exit> {
    let name = path.display().to_string();
    let table = table::read(
        cx.lang,
        path,
        &name,
        kind,
        options.sheet.as_deref(),
        options.unit.is_some(),
    )?;
    let column = &table.columns;
    let file = DataFile::of(kind);
    let mut skipped: Vec<u64> = Vec::new();
    let lock = cx.store.lock(file)?;
    let records = cx.load_records()?;
    let mut duplicates = Duplicates::of(&records).for_import();
    let mut same_reports = SameReports::among(&cx.plans, records.active_submissions(), true);
    let mut build = Builder::new(cx, Source::Columns);
    let first_number = records.next_number(file, table.rows.len())?;
    let mut lines = Vec::new();
    let mut ids = Vec::new();
    let mut problems = Vec::new();
    // What each good row counts for, by its line.
    let mut verdicts: Vec<(u64, usize, Verdict)> = Vec::new();
    // A dry run's table: each good row as it would be written, and what it counts for.
    let preview = options.dry_run && options.format == ImportFormat::Table;
    let mut previews: Vec<(u64, RecordRow, Option<Verdict>)> = Vec::new();
    // Every bad row is counted; the first MAX_LISTED are listed (an import of
    // 200,000 bad rows would otherwise print a list of 158 MB).
    let mut bad_rows = 0usize;
    let mut problem = |text: String| {
        bad_rows += 1;
        if problems.len() < MAX_LISTED {
            problems.push(text);
        }
    };
    for row in &table.rows {
        let (line, cells) = match row {
            Ok(row) => (row.line, &row.cells),
            Err(bad) => {
                let place = table.place(&name, bad.line, bad.column);
                problem(format!("{place}: {}", bad.message));
                continue;
            }
        };
        let field = |key: &str| {
            column
                .get(key)
                .and_then(|&i| cells.iter().find(|(c, _)| *c == i))
                .map(|(_, v)| v.as_str())
                .filter(|v| !v.is_empty())
                .or_else(|| options.unit.as_deref().filter(|_| key == "unit"))
        };
        let id = format!("{}{}", file.id_prefix(), first_number + lines.len() as u64);
        // What a row counts for, when it belongs to the plan in use (the summary
        // speaks of that plan's obligations; a row of another year's plan is checked
        // against its own plan but not summarised).
        let in_use = cx.plans.in_use();
        let verdict_of = |fact: &crate::fact::Fact<String>| {
            let found = cx
                .plans
                .of_unit_record(fact.kind, fact.date, fact.period, |p| {
                    p.unit_index(fact.unit).is_some()
                })?;
            if !std::ptr::eq(found, in_use) {
                return None;
            }
            let unit = found.plan.unit_index(fact.unit)?;
            Some((unit, explain::verdict(&found.plan, unit, fact)))
        };
        let parsed = build.record(kind, &field).map(|mut record| {
            record.set_id(id.clone());
            // A repeat of an article in force, or a second report of a unit,
            // period and rule: refused, or left out with --skip-duplicates.
            let repeat = match &record {
                Record::Article(a) => duplicates.check(a, cx.lang),
                Record::Submission(s) => same_reports.check(s, cx.lang),
                Record::Broadcast(_) | Record::Activity(_) => Ok(()),
            };
            repeat.map(|()| record)
        });
        let parsed = match parsed {
            Ok(Err(_)) if options.skip_duplicates => {
                skipped.push(line);
                continue;
            }
            Ok(Err(e)) | Err(e) => Err(e),
            Ok(Ok(record)) => {
                match &record {
                    Record::Article(a) => duplicates.insert(a),
                    Record::Submission(s) => same_reports.insert(s),
                    Record::Broadcast(_) | Record::Activity(_) => {}
                }
                let row =
                    (preview && previews.len() < MAX_PREVIEWED).then(|| RecordRow::of(&record));
                record
                    .to_line()
                    .map_err(anyhow::Error::from)
                    .map(|json| (json, verdict_of(&record.fact()), row))
            }
        };
        match parsed {
            Ok((json, verdict, row)) => {
                lines.push(json);
                ids.push(id);
                if let Some(row) = row {
                    previews.push((line, row, verdict.as_ref().map(|(_, v)| v.clone())));
                }
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
                problem(format!("{}: {message}", table.place(&name, line, about)));
            }
        }
    }
    if bad_rows > 0 {
        let mut rows = problems.join("\n");
        if bad_rows > problems.len() {
            let more = crate::i18n::Guard::More {
                more: bad_rows - problems.len(),
            };
            rows.push('\n');
            rows.push_str(&more.text(cx.lang));
        }
        let refusal = Refusal::BadRows {
            count: bad_rows,
            file: &name,
            rows: &rows,
        };
        bail!(refusal.text(cx.lang));
    }
    report_left_out(cx, &table, &name);
    if options.dry_run {
        // What would be written; nothing is.
        drop(lock);
        match options.format {
            ImportFormat::Json => {
                for line in &lines {
                    writeln!(out, "{line}")?;
                }
            }
            ImportFormat::Table => {
                let mut legend = Vec::new();
                let rows: Vec<(String, RecordRow, String)> = previews
                    .into_iter()
                    .map(|(line, row, verdict)| {
                        let counts = counts_for(cx, verdict.as_ref(), &mut legend);
                        (line.to_string(), row, counts)
                    })
                    .collect();
                let width = cx.settings.width;
                crate::render::table::import_preview(
                    &rows, &legend, &cx.plan, cx.lang, width, out,
                )?;
            }
        }
        if options.format == ImportFormat::Table && lines.len() > MAX_PREVIEWED {
            let cut = Notice::PreviewCut {
                shown: MAX_PREVIEWED,
                rows: lines.len(),
            };
            eprintln!("{}", cut.text(cx.lang));
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
            cx.warn(&warning.text(cx.lang));
        }
    }
    drop(lock);
    match options.format {
        ImportFormat::Table => {
            for id in &ids {
                writeln!(out, "{id}")?;
            }
        }
        ImportFormat::Json => {
            for line in &lines {
                writeln!(out, "{line}")?;
            }
        }
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
        // Every row repeated what is logged: `report_skipped` said so.
        _ if !skipped.is_empty() => {}
        _ => eprintln!("{}", Notice::NothingImported { file: &name }.text(cx.lang)),
    }
    for line in summary(cx, &|l| table.place(&name, l, None), &verdicts)? {
        eprintln!("  {line}");
    }
    Ok(Exit::Ok)
}

/// What a dry run's table says a row counts for: each obligation as the number of
/// its rule in `legend` (the rule's title, said once below the table) and the
/// period, or the number of the reason it counts for nothing; "—" for a row of
/// another year's plan.
fn counts_for(cx: &Context, verdict: Option<&Verdict>, legend: &mut Vec<String>) -> String {
    let mut number = |text: &str| match legend.iter().position(|l| l == text) {
        Some(i) => i + 1,
        None => {
            legend.push(text.to_string());
            legend.len()
        }
    };
    match verdict {
        None => "—".to_string(),
        Some(Verdict::Counts(slots)) => slots
            .iter()
            .map(|&(rule, key)| {
                let n = number(&cx.plan.rules[rule].title);
                format!("[{n}] {}", cx.lang.period(key))
            })
            .collect::<Vec<_>>()
            .join("; "),
        Some(Verdict::Nothing(why)) => format!("[{}]", number(explain::why_text(why, cx.lang))),
    }
}

/// Says where the header was found when a title stood above it, and which totals
/// rows (and signature rows below them) were left out.
fn report_left_out(cx: &Context, table: &table::Table, name: &str) {
    if table.above > 0 {
        let notice = Notice::HeaderFound {
            place: &table.place(name, table.header_line, None),
            above: table.above,
        };
        eprintln!("{}", notice.text(cx.lang));
    }
    if !table.totals.is_empty() {
        let places: Vec<String> = table
            .totals
            .iter()
            .take(10)
            .map(|l| table.place(name, *l, None))
            .collect();
        let notice = Notice::TotalsLeftOut {
            places: &places.join(", "),
            below: table.below,
        };
        eprintln!("{}", notice.text(cx.lang));
    }
    if let Some(line) = table.signature {
        let notice = Notice::SignatureLeftOut {
            place: &table.place(name, line, None),
            below: if table.totals.is_empty() {
                table.below
            } else {
                0
            },
        };
        eprintln!("{}", notice.text(cx.lang));
    }
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
