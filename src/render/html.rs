//! The HTML page of `report --format html`: one self-contained file (no scripts,
//! no external fonts or images) that prints on A4 portrait. It holds the year
//! table, a strip of the weeks for every weekly rule, and bars of done against
//! required per quarter for every quarterly quota.

use std::fmt::Write as _;
use std::io::Write;

use anyhow::Result;

use super::{GridRow, ReportView, mark};
use crate::i18n::{Lang, kind_heading};
use crate::obligation::Status;
use crate::period::Every;
use crate::plan::Shape;

/// The CSS colour of a status (the same hues as the workbook).
fn color(status: Status) -> &'static str {
    super::look(status).css
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
@page { size: A4 portrait; margin: 12mm 12mm 16mm; }
* { box-sizing: border-box; }
body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 9pt; color: #212121;
       max-width: 186mm; margin: 0 auto; }
h1 { font-size: 14pt; margin: 0 0 2mm; }
h2 { font-size: 11pt; margin: 6mm 0 2mm; break-after: avoid; }
p { margin: 0 0 2mm; }
table { border-collapse: collapse; width: 100%; margin-bottom: 3mm; }
th, td { border: 0.5pt solid #9e9e9e; padding: 1mm 1.5mm; vertical-align: middle; }
th { background: #e3eaf5; text-align: left; }
tr { break-inside: avoid; }
td.cell { text-align: center; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.met { background: #c6efce; } td.late { background: #ffeb9c; } td.missed { background: #ffc7ce; }
td.due_soon { background: #f4ccf0; } td.due { background: #ddebf7; } td.upcoming { background: #ededed; }
.strip { break-inside: avoid; margin-bottom: 3mm; }
.legend span { display: inline-block; margin-right: 4mm; }
.legend i { display: inline-block; width: 3mm; height: 3mm; margin-right: 1mm; vertical-align: middle; }
svg text { font-family: inherit; }
";

/// `report --format html`.
pub fn report(view: &ReportView, out: &mut dyn Write) -> Result<()> {
    let labels = view.lang.labels();
    let lang = match view.lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    };
    let mut page = String::new();
    writeln!(
        page,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">"
    )?;
    writeln!(
        page,
        "<title>{}</title>\n<style>{STYLE}@page {{ @bottom-center {{ content: {}; font-size: 8pt; }} }}\n</style>\n</head>\n<body>",
        escape(&view.heading()),
        view.lang.labels().page_number
    )?;
    writeln!(page, "<h1>{}</h1>", escape(&view.plan.title))?;
    writeln!(
        page,
        "<p>{} — {} {}</p>",
        escape(&view.plan.issuer),
        escape(labels.as_of),
        escape(&view.lang.date(view.as_of))
    )?;
    // The period reported on, with its days: a printed page says what it covers.
    let quarters = view.quarters();
    if let (Some(first), Some(last), Some((start, end))) =
        (quarters.first(), quarters.last(), view.span_dates())
    {
        writeln!(
            page,
            "<p class=\"period\"><b>{}: {}</b> ({} – {})</p>",
            escape(view.lang.labels().report_period),
            escape(&view.lang.span(*first, *last)),
            escape(&view.lang.date(start)),
            escape(&view.lang.date(end))
        )?;
    }
    legend(view, &mut page)?;
    week_strips(view, &mut page)?;
    year_table(view, &mut page)?;
    writeln!(page, "<p>{}</p>", escape(&view.summary_line()))?;
    writeln!(page, "</body>\n</html>")?;
    out.write_all(page.as_bytes())?;
    Ok(())
}

fn legend(view: &ReportView, page: &mut String) -> std::fmt::Result {
    write!(page, "<p class=\"legend\">")?;
    for status in Status::ALL {
        write!(
            page,
            "<span><i style=\"background:{}\"></i>{} {}</span>",
            color(status),
            mark(status),
            escape(view.lang.status(status))
        )?;
    }
    writeln!(page, "</p>")
}

/// One strip per unit and weekly rule: a square per week, coloured by status.
fn week_strips(view: &ReportView, page: &mut String) -> std::fmt::Result {
    let plan = view.plan;
    let quarters = plan.calendar().quarters();
    for (rule_index, rule) in plan.rules.iter().enumerate() {
        if rule.every() != Some(Every::Week) {
            continue;
        }
        let mut owners: Vec<Option<usize>> = Vec::new();
        for o in view.obligations.iter().filter(|o| o.rule == rule_index) {
            if !owners.contains(&o.unit) {
                owners.push(o.unit);
            }
        }
        for owner in owners {
            let weeks: Vec<_> = view
                .obligations
                .iter()
                .filter(|o| o.rule == rule_index && o.unit == owner)
                .collect();
            let title = format!("{} — {}", view.unit_name(owner, rule_index), rule.title);
            writeln!(page, "<h2>{}</h2>\n<div class=\"strip\">", escape(&title))?;
            let (cell, gap, top) = (12.0, 1.5, 14.0);
            let width = weeks.len() as f64 * (cell + gap);
            writeln!(
                page,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {width} {}\" width=\"100%\" aria-label=\"{}\">",
                top + cell + 2.0,
                escape(&title)
            )?;
            let mut previous_quarter = None;
            for (i, o) in weeks.iter().enumerate() {
                let x = i as f64 * (cell + gap);
                let quarter = quarters.iter().copied().find(|q| o.belongs_to(*q));
                if quarter != previous_quarter
                    && let Some(q) = quarter
                {
                    writeln!(
                        page,
                        "<text x=\"{x}\" y=\"10\" font-size=\"9\">{}</text>",
                        escape(&view.lang.quarter(q))
                    )?;
                    previous_quarter = quarter;
                }
                writeln!(
                    page,
                    "<rect x=\"{x}\" y=\"{top}\" width=\"{cell}\" height=\"{cell}\" fill=\"{}\"><title>{} {}: {}/{}</title></rect>",
                    color(o.status),
                    o.period.label(),
                    escape(view.lang.status(o.status)),
                    o.done,
                    o.required
                )?;
            }
            writeln!(page, "</svg>\n</div>")?;
        }
    }
    Ok(())
}

/// The year table per kind of unit, with bars of done against required for the
/// quarterly quotas.
fn year_table(view: &ReportView, page: &mut String) -> std::fmt::Result {
    let labels = view.lang.labels();
    let grid = view.year_grid();
    for group in &grid.groups {
        writeln!(
            page,
            "<h2>{}</h2>\n<table>\n<thead><tr>",
            escape(&kind_heading(view.lang, &group.kind))
        )?;
        write!(
            page,
            "<th>{}</th><th>{}</th>",
            escape(labels.unit),
            escape(labels.rule)
        )?;
        for q in &grid.quarters {
            write!(page, "<th>{}</th>", escape(&view.lang.quarter(*q)))?;
        }
        writeln!(
            page,
            "<th>{}</th></tr></thead>\n<tbody>",
            escape(view.lang.labels().chart)
        )?;
        for row in &group.rows {
            write!(
                page,
                "<tr><td>{}</td><td>{}</td>",
                escape(&view.unit_name(row.unit, row.rule)),
                escape(&view.plan.rules[row.rule].title)
            )?;
            for cell in &row.cells {
                match cell {
                    Some(c) => write!(
                        page,
                        "<td class=\"cell {}\">{}/{} {}</td>",
                        c.status.id(),
                        c.done,
                        c.required,
                        mark(c.status)
                    )?,
                    None => write!(page, "<td class=\"cell\">—</td>")?,
                }
            }
            write!(page, "<td>")?;
            quarter_bars(view, row, page)?;
            writeln!(page, "</td></tr>")?;
        }
        writeln!(page, "</tbody>\n</table>")?;
    }
    Ok(())
}

/// A small bar chart for a quarterly quota: per quarter, done (filled, capped at
/// the height) against required (the outline).
fn quarter_bars(view: &ReportView, row: &GridRow, page: &mut String) -> std::fmt::Result {
    let rule = &view.plan.rules[row.rule];
    let quarterly_quota =
        matches!(rule.shape, Shape::Quota(_)) && rule.every() == Some(Every::Quarter);
    if !quarterly_quota {
        return Ok(());
    }
    let (bar, gap, height) = (8.0, 3.0, 18.0);
    let width = row.cells.len() as f64 * (bar + gap);
    write!(
        page,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bars\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">"
    )?;
    for (i, cell) in row.cells.iter().enumerate() {
        let Some(c) = cell else { continue };
        let x = i as f64 * (bar + gap);
        let share = if c.required == 0 {
            1.0
        } else {
            (f64::from(c.done) / f64::from(c.required)).min(1.0)
        };
        let filled = height * share;
        write!(
            page,
            "<rect x=\"{x}\" y=\"0\" width=\"{bar}\" height=\"{height}\" fill=\"none\" stroke=\"#757575\" stroke-width=\"0.5\"/>\
             <rect x=\"{x}\" y=\"{}\" width=\"{bar}\" height=\"{filled}\" fill=\"{}\"><title>{}/{}</title></rect>",
            height - filled,
            color(c.status),
            c.done,
            c.required
        )?;
    }
    write!(page, "</svg>")
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_is_escaped() {
        assert_eq!(
            super::escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
