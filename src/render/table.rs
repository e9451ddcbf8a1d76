//! Terminal tables (comfy-table), coloured only when asked.

use std::io::Write;

use anyhow::Result;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};

use super::{RecordRow, ReportView, TextTable, color_of, requirement};
use crate::i18n::{Lang, kind_heading};
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

/// `report` as a table: the year table per unit kind, or `--quarter`'s rows.
pub fn report(view: &ReportView, out: &mut dyn Write) -> Result<()> {
    writeln!(out, "{}", wrapped(&view.heading(), view.width))?;
    if view.obligations.is_empty() {
        writeln!(out, "{}", view.lang.labels().no_obligations)?;
        return Ok(());
    }
    let width = view.width;
    if view.quarter.is_some() {
        let table = view.quarter_table();
        writeln!(out, "{}", fitted(&table, view.color, 4..8, width, 2))?;
    } else {
        let grid = view.year_grid();
        for group in &grid.groups {
            writeln!(out, "\n{}", kind_heading(view.lang, &group.kind))?;
            let table = view.year_table(&grid, group);
            writeln!(
                out,
                "{}",
                fitted(&table, view.color, 2..usize::MAX, width, 2)
            )?;
        }
    }
    writeln!(out, "{}", wrapped(&view.summary_line(), width))?;
    writeln!(out, "{}", wrapped(&view.legend(), width))?;
    writeln!(out, "\n{}", wrapped(&view.completion_line(), width))?;
    writeln!(
        out,
        "{}",
        fitted(&view.completion_table(), false, 1..6, width, 1)
    )?;
    if let Some(totals) = view.totals_table() {
        writeln!(out, "{}", fitted(&totals, false, 2..usize::MAX, width, 2))?;
    }
    Ok(())
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
        let unit = plan
            .unit(&r.unit)
            .map_or(r.unit.as_str(), |u| u.name.as_str());
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
        // Whatever a data file holds reaches the terminal escaped.
        let kind =
            crate::plan::RecordKind::parse(r.record).map_or(r.record, |k| lang.record_kind(k));
        table_rows.push(vec![
            kind.to_string(),
            crate::printable(&r.id).into_owned(),
            lang.date(r.date),
            crate::printable(unit).into_owned(),
            crate::printable(&details.join(" · ")).into_owned(),
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
    writeln!(out, "{}", rows.len())?;
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
            f.name()
        )?;
    }
    Ok(())
}
