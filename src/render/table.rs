//! Terminal tables (comfy-table), coloured only when asked.

use std::io::Write;

use anyhow::Result;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};

use std::collections::HashMap;

use super::{GridRow, RecordRow, ReportView, TextTable, color_of, requirement};
use crate::i18n::{Lang, kind_heading};
use crate::obligation::{Obligation, Status};
use crate::period::{PeriodKey, Quarter};
use crate::plan::Plan;

fn new_table(color: bool) -> Table {
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    if color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table
}

/// A table as text: drawn at its natural width when it fits `width` (or there is
/// no width to fit), else stacked (see [`stacked`]). Never wrapped inside a cell, so
/// an id or a date is never cut in two.
fn fitted(
    text: &TextTable,
    color: bool,
    numeric: std::ops::Range<usize>,
    width: Option<usize>,
    heading: usize,
) -> String {
    let plain = draw(text, false, numeric.clone()).to_string();
    let natural = plain.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    match width {
        Some(w) if natural > w => stacked(text, w, heading),
        _ if color => draw(text, true, numeric).to_string(),
        _ => plain,
    }
}

fn wrapped(text: &str, width: Option<usize>) -> String {
    super::wrap(text, width, "")
}

/// A table too wide for the terminal, one block per row: its first `heading`
/// cells as a line (a blank cell repeats the row above, as in the year table), then
/// "column: value" pairs, wrapped between pairs only.
fn stacked(text: &TextTable, width: usize, heading: usize) -> String {
    let mut out = String::new();
    let mut above: Vec<String> = vec![String::new(); heading];
    for row in &text.rows {
        for (i, cell) in row.iter().take(heading).enumerate() {
            if !cell.is_empty() {
                above[i] = cell.clone();
            }
        }
        let title = above
            .iter()
            .filter(|c| !c.is_empty())
            .cloned()
            .collect::<Vec<_>>();
        out.push_str(&wrapped(&title.join(" — "), Some(width)));
        out.push('\n');
        let mut line = String::from(" ");
        for (name, cell) in text.header.iter().zip(row).skip(heading) {
            let pair = if name.is_empty() {
                cell.clone()
            } else {
                format!("{name}: {cell}")
            };
            if pair.chars().count() + 2 > width {
                // A pair longer than a line (a long title): on lines of its own.
                if line.chars().count() > 1 {
                    out.push_str(&line);
                    out.push('\n');
                }
                out.push_str(&super::wrap(&format!("  {pair}"), Some(width), "    "));
                out.push('\n');
                line = String::from(" ");
                continue;
            }
            let taken = line.chars().count();
            if taken > 1 && taken + 3 + pair.chars().count() > width {
                out.push_str(&line);
                out.push('\n');
                line = String::from(" ");
            }
            line.push_str(if line.chars().count() > 1 {
                " · "
            } else {
                " "
            });
            line.push_str(&pair);
        }
        out.push_str(&line);
        out.push('\n');
    }
    out.trim_end().to_string()
}

fn draw(text: &TextTable, color: bool, numeric: std::ops::Range<usize>) -> Table {
    let mut table = new_table(color);
    table.set_header(text.header.clone());
    for (row, statuses) in text.rows.iter().zip(&text.statuses) {
        table.add_row(
            row.iter()
                .zip(statuses)
                .enumerate()
                .map(|(i, (content, status))| {
                    let mut cell = Cell::new(content);
                    if numeric.contains(&i) {
                        cell = cell.set_alignment(CellAlignment::Right);
                    }
                    match status {
                        Some(s) if color => cell.fg(color_of(*s)),
                        _ => cell,
                    }
                }),
        );
    }
    table
}

/// `report` as a table: the year table, one table per rule, or `--quarter`'s
/// obligations, one line each under their rule (see docs/reference.md, "report").
pub fn report(view: &ReportView, out: &mut dyn Write) -> Result<()> {
    writeln!(out, "{}", wrapped(&view.heading(), view.width))?;
    if view.obligations.is_empty() {
        writeln!(out, "{}", view.lang.labels().no_obligations)?;
        return Ok(());
    }
    let width = view.width;
    if view.quarter.is_some() {
        quarter_by_rule(view, out)?;
    } else {
        year_by_rule(view, out)?;
    }
    writeln!(out, "\n{}", wrapped(&view.summary_line(), width))?;
    writeln!(out, "{}", wrapped(&view.legend(), width))?;
    writeln!(out, "\n{}", wrapped(&view.completion_line(), width))?;
    writeln!(
        out,
        "{}",
        fitted(&view.completion_table(), false, 1..6, width, 1)
    )?;
    if let Some(totals) = view.totals_table() {
        writeln!(out, "{}", totals_fitted(view, &totals))?;
    }
    Ok(())
}

/// The articles per quarter by kind, channel and topic: the names in one column
/// under "Tin, bài theo kênh:" and the like, quarters shortened when narrow.
fn totals_fitted(view: &ReportView, totals: &TextTable) -> String {
    let quarters: Vec<Quarter> = view
        .totals
        .map(|t| {
            view.shown_totals(t)
                .iter()
                .map(|&i| t.quarters[i])
                .collect()
        })
        .unwrap_or_default();
    let headings = quarter_headings(view.lang, &quarters);
    let level = |names: &[String]| -> TextTable {
        let mut header = vec![String::new()];
        header.extend(names.iter().cloned());
        header.extend(totals.header.last().cloned());
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut group_above: Option<&str> = None;
        for row in &totals.rows {
            if group_above != Some(row[0].as_str()) {
                let mut line = vec![String::new(); header.len()];
                line[0] = format!("{} {}:", totals.header[0], row[0]);
                rows.push(line);
                group_above = Some(row[0].as_str());
            }
            let mut line = vec![format!("  {}", crate::printable(&row[1]))];
            line.extend(row[2..].iter().cloned());
            rows.push(line);
        }
        TextTable {
            statuses: vec![vec![None; header.len()]; rows.len()],
            header,
            rows,
        }
    };
    if headings[0].len() + 3 != totals.header.len() {
        // Not the shape this layout knows: as it was.
        return fitted(totals, false, 2..usize::MAX, view.width, 2);
    }
    let levels = [level(&headings[0]), level(&headings[1])];
    fit_levels(&levels, false, 1..usize::MAX, view.width)
}

/// The narrowest a column of names may be wrapped to before a table is stacked
/// instead: a unit's name on three or four short lines still reads.
const NARROWEST_NAMES: usize = 14;

/// The width names are wrapped to before a table drops words to fit.
const COMFORTABLE_NAMES: usize = 22;

/// `table` with the names of its first column wrapped between words (each line
/// keeping the cell's indent) so that it fits `width`, if they can be `narrowest`
/// wide or more.
fn names_wrapped(
    table: &TextTable,
    width: usize,
    narrowest: usize,
    natural: &dyn Fn(&TextTable) -> usize,
) -> Option<TextTable> {
    let column = || std::iter::once(&table.header[0]).chain(table.rows.iter().map(|r| &r[0]));
    let names = column().map(|c| c.chars().count()).max().unwrap_or(0);
    let room = (width + names).checked_sub(natural(table))?;
    let longest_word = column()
        .map(|c| {
            let indent = c.len() - c.trim_start().len();
            indent
                + c.split_whitespace()
                    .map(|w| w.chars().count())
                    .max()
                    .unwrap_or(0)
        })
        .max()
        .unwrap_or(0);
    if room < narrowest || room < longest_word {
        return None;
    }
    let wrap_name = |cell: &String| {
        let body = cell.trim_start();
        let indent = &cell[..cell.len() - body.len()];
        super::wrap(body, Some(room - indent.len()), "")
            .lines()
            .map(|l| format!("{indent}{l}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let narrowed = TextTable {
        header: std::iter::once(wrap_name(&table.header[0]))
            .chain(table.header[1..].iter().cloned())
            .collect(),
        rows: table
            .rows
            .iter()
            .map(|r| {
                std::iter::once(wrap_name(&r[0]))
                    .chain(r[1..].iter().cloned())
                    .collect()
            })
            .collect(),
        statuses: table.statuses.clone(),
    };
    (natural(&narrowed) <= width).then_some(narrowed)
}

/// A table whose first column holds names (units, rules) and whose other columns
/// hold short values (counts, marks, dates). `levels` are the same table from the
/// richest to the leanest wording; the first that fits `width` is drawn; when none
/// does, the leanest with its names wrapped between words; when even that cannot
/// fit, the richest stacked (see [`stacked`]). No width: the richest as it is.
pub(super) fn fit_levels(
    levels: &[TextTable],
    color: bool,
    numeric: std::ops::Range<usize>,
    width: Option<usize>,
) -> String {
    let natural = |t: &TextTable| -> usize {
        draw(t, false, numeric.clone())
            .to_string()
            .lines()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0)
    };
    let Some(width) = width else {
        return draw(&levels[0], color, numeric).to_string();
    };
    for table in levels {
        if natural(table) <= width {
            return draw(table, color, numeric).to_string();
        }
    }
    // Names wrapped: first to a comfortable width at each level, then to the
    // narrowest at the leanest.
    let tries = levels
        .iter()
        .map(|t| (t, COMFORTABLE_NAMES))
        .chain(levels.last().map(|t| (t, NARROWEST_NAMES)));
    for (table, narrowest) in tries {
        if let Some(narrowed) = names_wrapped(table, width, narrowest, &natural) {
            return draw(&narrowed, color, numeric).to_string();
        }
    }
    stacked(&levels[0], width, 1)
}

/// A rule as a heading: its title, and where the plan says it.
fn rule_heading(view: &ReportView, rule: usize) -> String {
    let rule = &view.plan.rules[rule];
    let text = match &rule.clause {
        Some(clause) => format!("{} ({clause})", rule.title),
        None => rule.title.clone(),
    };
    wrapped(&crate::printable(&text), view.width)
}

/// How a quarter is headed at each level: "Quý I/2026", then "Quý I" when every
/// quarter shown is of one year (the heading says which), else "I/2026".
fn quarter_headings(lang: Lang, quarters: &[Quarter]) -> [Vec<String>; 2] {
    let one_year = quarters.windows(2).all(|w| w[0].year == w[1].year);
    let full = quarters.iter().map(|q| lang.quarter(*q)).collect();
    let short = quarters
        .iter()
        .map(|q| lang.quarter_short(*q, !one_year))
        .collect();
    [full, short]
}

/// Periods met out of periods: "3/4", with the combined status's mark when asked.
fn met_of(obligations: &[&Obligation], with_mark: bool) -> (String, Option<Status>) {
    let met = obligations
        .iter()
        .filter(|o| o.status == Status::Met)
        .count();
    let status = Status::combine(obligations.iter().map(|o| o.status));
    let mut text = format!("{met}/{}", obligations.len());
    if let (true, Some(s)) = (with_mark, status) {
        text.push(' ');
        text.push_str(super::mark(s));
    }
    (text, status.filter(|_| with_mark))
}

/// The year table at the terminal: per rule, its title once as a heading, then its
/// units as rows (under their kind's name when the rule covers several kinds),
/// quarters as columns (those where the rule has something), each cell
/// `done/required` and a mark (weekly and monthly rules: periods met / periods), a
/// column of periods met per unit and a row of periods met per quarter.
fn year_by_rule(view: &ReportView, out: &mut dyn Write) -> Result<()> {
    let lang = view.lang;
    let words = lang.labels();
    let grid = view.year_grid();
    let mut by_rule: Vec<Vec<(&str, &GridRow)>> = vec![Vec::new(); view.plan.rules.len()];
    for group in &grid.groups {
        for row in &group.rows {
            by_rule[row.rule].push((group.kind.as_str(), row));
        }
    }
    let mut owned: HashMap<(Option<usize>, usize), Vec<&Obligation>> = HashMap::new();
    for o in view.obligations {
        owned.entry((o.unit, o.rule)).or_default().push(o);
    }
    let headings = quarter_headings(lang, &grid.quarters);
    for (rule, rows) in by_rule.iter().enumerate() {
        if rows.is_empty() {
            continue;
        }
        let columns: Vec<usize> = (0..grid.quarters.len())
            .filter(|q| rows.iter().any(|(_, r)| r.cells[*q].is_some()))
            .collect();
        let with_total = columns.len() > 1;
        let several_kinds = rows.windows(2).any(|w| w[0].0 != w[1].0);
        let build = |full_quarters: bool, strips: bool| -> TextTable {
            let mut header = vec![words.unit.to_string()];
            let names = &headings[usize::from(!full_quarters)];
            header.extend(columns.iter().map(|&q| names[q].clone()));
            if with_total {
                header.push(words.periods_met.to_string());
            }
            let blank = vec![String::new(); header.len()];
            let mut table = TextTable {
                header,
                rows: Vec::new(),
                statuses: Vec::new(),
            };
            let mut kind_above = None;
            for (kind, row) in rows {
                if several_kinds && kind_above != Some(*kind) {
                    let mut line = blank.clone();
                    line[0] = format!("{}:", kind_heading(lang, kind));
                    table.rows.push(line);
                    table.statuses.push(vec![None; blank.len()]);
                    kind_above = Some(*kind);
                }
                let indent = if several_kinds { "  " } else { "" };
                let mut cells = vec![format!(
                    "{indent}{}",
                    crate::printable(&view.unit_name(row.unit, rule))
                )];
                let mut statuses = vec![None];
                for &q in &columns {
                    match &row.cells[q] {
                        Some(cell) => {
                            let mut text = format!(
                                "{}/{} {}",
                                cell.done,
                                cell.required,
                                super::mark(cell.status)
                            );
                            if let (true, Some(strip)) = (strips, &cell.strip) {
                                text.push(' ');
                                text.push_str(strip);
                            }
                            cells.push(text);
                            statuses.push(Some(cell.status));
                        }
                        None => {
                            cells.push("—".to_string());
                            statuses.push(None);
                        }
                    }
                }
                if with_total {
                    let mine = owned.get(&(row.unit, rule)).map_or(&[][..], Vec::as_slice);
                    let (text, status) = met_of(mine, true);
                    cells.push(text);
                    statuses.push(status);
                }
                table.rows.push(cells);
                table.statuses.push(statuses);
            }
            if rows.len() > 1 {
                let mut cells = vec![words.total_met.to_string()];
                let mut all: Vec<&Obligation> = Vec::new();
                for &q in &columns {
                    let inside: Vec<&Obligation> = rows
                        .iter()
                        .filter_map(|(_, r)| owned.get(&(r.unit, rule)))
                        .flatten()
                        .filter(|o| o.belongs_to(grid.quarters[q]))
                        .copied()
                        .collect();
                    cells.push(met_of(&inside, false).0);
                }
                if with_total {
                    all.extend(
                        rows.iter()
                            .filter_map(|(_, r)| owned.get(&(r.unit, rule)))
                            .flatten(),
                    );
                    cells.push(met_of(&all, false).0);
                }
                table.rows.push(cells);
                table.statuses.push(vec![None; blank.len()]);
            }
            table
        };
        let levels = [build(true, true), build(true, false), build(false, false)];
        writeln!(out, "\n{}", rule_heading(view, rule))?;
        writeln!(
            out,
            "{}",
            fit_levels(&levels, view.color, 1..usize::MAX, view.width)
        )?;
    }
    Ok(())
}

/// `--quarter` at the terminal: per rule, its title once as a heading, then one
/// line per obligation: the unit, the period (when the rule has several in the
/// quarter), the due date, done/required, what is missing and the status.
fn quarter_by_rule(view: &ReportView, out: &mut dyn Write) -> Result<()> {
    let lang = view.lang;
    let words = lang.labels();
    let mut by_rule: Vec<Vec<&Obligation>> = vec![Vec::new(); view.plan.rules.len()];
    for o in view.obligations {
        by_rule[o.rule].push(o);
    }
    for (rule, mine) in by_rule.iter().enumerate() {
        if mine.is_empty() {
            continue;
        }
        // Weeks, months, halves and years are named; a quarter is the heading's.
        let show_period = mine
            .iter()
            .any(|o| !matches!(o.period.key, PeriodKey::Quarter(_) | PeriodKey::Once));
        let show_due = !show_period || mine.iter().any(|o| o.due != o.period.end);
        let build = |lean: bool| -> TextTable {
            let mut header = vec![words.unit.to_string()];
            if show_period {
                header.push(words.period.to_string());
            }
            if show_due {
                header.push(words.due.to_string());
            }
            header.push(words.done_of_required.to_string());
            header.push(if lean { words.short } else { words.missing }.to_string());
            header.push(words.status.to_string());
            let mut table = TextTable {
                header,
                rows: Vec::new(),
                statuses: Vec::new(),
            };
            let mut unit_above = None;
            for o in mine {
                // A unit's name once over its weeks or months.
                let name = if unit_above == Some(o.unit) {
                    String::new()
                } else {
                    crate::printable(&view.unit_name(o.unit, o.rule)).into_owned()
                };
                unit_above = Some(o.unit);
                let mut cells = vec![name];
                if show_period {
                    cells.push(if lean {
                        lang.period_words(&o.period, o.due)
                    } else {
                        lang.period_name(&o.period, o.due)
                    });
                }
                if show_due {
                    cells.push(lang.date(o.due));
                }
                cells.push(format!("{}/{}", o.done, o.required));
                cells.push(o.missing().to_string());
                cells.push(status_cell(lang, o.status, o.days_left, lean));
                let mut statuses = vec![None; cells.len() - 1];
                statuses.push(Some(o.status));
                table.rows.push(cells);
                table.statuses.push(statuses);
            }
            table
        };
        let levels = [build(false), build(true)];
        let numeric_from = 1 + usize::from(show_period) + usize::from(show_due);
        writeln!(out, "\n{}", rule_heading(view, rule))?;
        writeln!(
            out,
            "{}",
            fit_levels(
                &levels,
                view.color,
                numeric_from..numeric_from + 2,
                view.width
            )
        )?;
    }
    Ok(())
}

/// A status with the days left, for a table cell: "! Sắp đến hạn, còn 5 ngày";
/// `lean`: the mark and the days only ("! còn 5 ngày", "✗"), the legend saying
/// what the marks mean.
fn status_cell(lang: Lang, status: Status, days_left: Option<i64>, lean: bool) -> String {
    let mark = super::mark(status);
    match (lean, days_left.map(|d| lang.days_left(d))) {
        (true, Some(days)) => format!("{mark} {days}"),
        (true, None) => mark.to_string(),
        (false, Some(days)) => format!("{mark} {}, {days}", lang.status(status)),
        (false, None) => format!("{mark} {}", lang.status(status)),
    }
}

/// `list` as a table.
pub fn records(
    rows: &[RecordRow],
    plan: &Plan,
    lang: Lang,
    width: Option<usize>,
    out: &mut dyn Write,
) -> Result<()> {
    if rows.is_empty() {
        writeln!(out, "{}", lang.labels().no_records)?;
        return Ok(());
    }
    let l = lang.labels();
    let header: Vec<String> = [l.record, "ID", l.date, l.unit, l.details, l.topics]
        .map(String::from)
        .to_vec();
    let mut table_rows: Vec<Vec<String>> = Vec::new();
    for r in rows {
        // Whatever a data file holds reaches the terminal escaped.
        let kind =
            crate::plan::RecordKind::parse(r.record).map_or(r.record, |k| lang.record_kind(k));
        table_rows.push(vec![
            kind.to_string(),
            crate::printable(&r.id).into_owned(),
            lang.date(r.date),
            crate::printable(unit_of(plan, r)).into_owned(),
            crate::printable(&details(plan, lang, r)).into_owned(),
            crate::printable(&r.topics.as_ref().map(|t| t.join(", ")).unwrap_or_default())
                .into_owned(),
        ]);
    }
    let table = TextTable {
        statuses: vec![vec![None; header.len()]; table_rows.len()],
        header,
        rows: table_rows,
    };
    writeln!(out, "{}", fitted(&table, false, 0..0, width, 2))?;
    writeln!(out, "{}", lang.record_count(rows.len()))?;
    Ok(())
}

/// A record's unit by name, when the plan has it.
fn unit_of<'a>(plan: &'a Plan, r: &'a RecordRow) -> &'a str {
    plan.unit(&r.unit)
        .map_or(r.unit.as_str(), |u| u.name.as_str())
}

/// What a record says besides its unit, date and topics, in one line.
fn details(plan: &Plan, lang: Lang, r: &RecordRow) -> String {
    let mut details = Vec::new();
    if let Some(period) = &r.period {
        details.push(period.clone());
    }
    if let Some(time) = &r.time {
        details.push(match r.minutes {
            Some(m) => format!("{time} ({m}′)"),
            None => time.clone(),
        });
    }
    if let Some(activity) = &r.activity {
        let name = plan
            .activity(activity)
            .map_or(activity.as_str(), |a| a.name.as_str());
        details.push(match (r.count, lang) {
            (Some(n), _) if n > 1 => format!("{name} ×{n}"),
            _ => name.to_string(),
        });
    }
    details.extend(r.title.iter().cloned());
    if let Some(p) = r.participants {
        details.push(match lang {
            Lang::Vi => format!("{p} người"),
            Lang::En => format!("{p} people"),
        });
    }
    if let Some(channel) = &r.channel {
        details.push(
            plan.channel(channel)
                .map_or(channel.clone(), |c| c.name.clone()),
        );
    }
    if let Some(sent) = r.sent {
        details.push(match lang {
            Lang::Vi => format!("gửi {}", lang.date(sent)),
            Lang::En => format!("sent {}", lang.date(sent)),
        });
    }
    details.extend(r.reference.iter().cloned());
    details.extend(r.rule.iter().cloned());
    details.join(" · ")
}

/// `import --dry-run` as a table: each row that would be written, by its row in
/// the file (`row`), with what it would count for ("[1] quý I/2026"), then what
/// the numbers stand for (`legend`: a rule's title, or why a row counts for nothing).
pub fn import_preview(
    rows: &[(String, RecordRow, String)],
    legend: &[String],
    plan: &Plan,
    lang: Lang,
    width: Option<usize>,
    out: &mut dyn Write,
) -> Result<()> {
    if rows.is_empty() {
        writeln!(out, "{}", lang.labels().no_records)?;
        return Ok(());
    }
    let l = lang.labels();
    let header: Vec<String> = [l.row, l.unit, l.date, l.details, l.topics, l.counts_for]
        .map(String::from)
        .to_vec();
    let table_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|(row, r, counts)| {
            let topics = match &r.topics {
                Some(topics) if topics.is_empty() => "—".to_string(),
                topics => topics
                    .iter()
                    .flatten()
                    .map(|t| plan.topic(t).map_or(t.as_str(), |t| t.name.as_str()))
                    .collect::<Vec<_>>()
                    .join("; "),
            };
            [
                row.clone(),
                unit_of(plan, r).to_string(),
                lang.date(r.date),
                details(plan, lang, r),
                topics,
                counts.clone(),
            ]
            .iter()
            .map(|cell| crate::printable(cell).into_owned())
            .collect()
        })
        .collect();
    let table = TextTable {
        statuses: vec![vec![None; header.len()]; table_rows.len()],
        header,
        rows: table_rows,
    };
    writeln!(out, "{}", fitted(&table, false, 0..0, width, 2))?;
    for (i, text) in legend.iter().enumerate() {
        let line = format!("[{}] {}", i + 1, crate::printable(text));
        writeln!(out, "{}", super::wrap(&line, width, "    "))?;
    }
    Ok(())
}

/// `plan` as tables: the header, units by kind, topics, rules.
pub fn plan(plan: &Plan, source: &str, lang: Lang, out: &mut dyn Write) -> Result<()> {
    let l = lang.labels();
    writeln!(out, "{}: {source}", l.source)?;
    writeln!(out, "{} — {}", plan.title, plan.issuer)?;
    writeln!(
        out,
        "{}: {} – {}",
        l.range,
        lang.date(plan.start),
        lang.date(plan.end)
    )?;
    if !plan.peak_hours.is_empty() {
        let hours: Vec<String> = plan.peak_hours.iter().map(ToString::to_string).collect();
        let word = match lang {
            Lang::Vi => "Giờ cao điểm",
            Lang::En => "Peak hours",
        };
        writeln!(out, "{word}: {}", hours.join(", "))?;
    }
    if let Some(day) = plan.cutoff_day {
        writeln!(
            out,
            "{}",
            match lang {
                Lang::Vi => format!(
                    "Ngày chốt số liệu: ngày {day} (kỳ từ ngày {} đến ngày {day})",
                    day + 1
                ),
                Lang::En => format!(
                    "Cut-off day: {day} (periods run from day {} to day {day})",
                    day + 1
                ),
            }
        )?;
    }

    let mut units = new_table(false);
    units.set_header([l.kind, "ID", l.name]);
    for kind in plan.kinds() {
        for u in plan.units.iter().filter(|u| u.kind == kind) {
            units.add_row([kind_label(plan, lang, kind), u.id.clone(), u.name.clone()]);
        }
    }
    writeln!(out, "\n{units}")?;

    if !plan.channels.is_empty() {
        let mut channels = new_table(false);
        let (channel, default) = match lang {
            Lang::Vi => ("Kênh", "mặc định"),
            Lang::En => ("Channel", "default"),
        };
        channels.set_header([channel, l.name]);
        for c in &plan.channels {
            let name = if c.default {
                format!("{} ({default})", c.name)
            } else {
                c.name.clone()
            };
            channels.add_row([c.id.clone(), name]);
        }
        writeln!(out, "\n{channels}")?;
    }
    if !plan.activities.is_empty() {
        let mut activities = new_table(false);
        activities.set_header([
            match lang {
                Lang::Vi => "Hoạt động",
                Lang::En => "Activity",
            },
            l.name,
        ]);
        for a in &plan.activities {
            activities.add_row([a.id.as_str(), a.name.as_str()]);
        }
        writeln!(out, "\n{activities}")?;
    }

    if !plan.topics.is_empty() {
        let mut topics = new_table(false);
        topics.set_header([l.topic, l.name]);
        for t in &plan.topics {
            topics.add_row([t.id.as_str(), t.name.as_str()]);
        }
        writeln!(out, "\n{topics}")?;
    }

    let mut rules = new_table(false);
    // The id beside the title: it is what --rule takes.
    rules.set_header(["ID", l.rule, l.clause, l.applies_to, l.requirement]);
    for r in &plan.rules {
        let mut applies: Vec<String> = r.kinds.iter().map(|k| kind_label(plan, lang, k)).collect();
        // A province's rule can list thousands of units: the first few and `…`
        // (the count follows), since a cell of 16,000 ids is unreadable and the
        // table's line splitting is quadratic in a cell's length.
        const LISTED: usize = 12;
        applies.extend(r.units.iter().take(LISTED).cloned());
        if r.units.len() > LISTED {
            applies.push("…".to_string());
        }
        rules.add_row([
            r.id.clone(),
            r.title.clone(),
            r.clause.clone().unwrap_or_default(),
            format!("{} ({})", applies.join(", "), r.applies_to.len()),
            requirement(r, lang),
        ]);
    }
    writeln!(out, "\n{rules}")?;
    Ok(())
}

/// A unit kind's name: its `[[kind]]` name, else the words for the built-in kinds,
/// else the kind as written.
fn kind_label(plan: &Plan, lang: Lang, kind: &str) -> String {
    match plan.kind_names.iter().find(|k| k.id == kind) {
        Some(named) => named.name.clone(),
        None => kind_heading(lang, kind),
    }
}

/// Every plan of the data directory, a line each, the one in use marked.
pub fn other_plans(plans: &crate::plans::Plans, lang: Lang, out: &mut dyn Write) -> Result<()> {
    let heading = match lang {
        Lang::Vi => "Các kế hoạch trong thư mục dữ liệu (--year YYYY chọn kế hoạch khác):",
        Lang::En => "The data directory's plans (--year YYYY picks another):",
    };
    writeln!(out, "\n{heading}")?;
    for (i, f) in plans.found.iter().enumerate() {
        let mark = if i == plans.in_use { "*" } else { " " };
        writeln!(
            out,
            "{mark} {}  {} – {}  {}",
            f.year(),
            lang.date(f.plan.start),
            lang.date(f.plan.end),
            f.shown(lang)
        )?;
    }
    Ok(())
}
