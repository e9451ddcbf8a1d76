//! Markdown: a title line and GitHub-style tables, ready to paste into a report.

use std::io::Write;

use anyhow::Result;

use super::{ReportView, TextTable};
use crate::i18n::kind_heading;

/// `report --format markdown`: the same cells as the terminal table.
pub fn report(view: &ReportView, out: &mut dyn Write) -> Result<()> {
    writeln!(out, "# {}", escape(&view.heading()))?;
    writeln!(out)?;
    writeln!(out, "{}", escape(&view.plan.issuer))?;
    if view.obligations.is_empty() {
        writeln!(out, "\n{}", view.lang.labels().no_obligations)?;
        return Ok(());
    }
    if view.quarter.is_some() {
        writeln!(out)?;
        table(&view.quarter_table(), out)?;
    } else {
        let grid = view.year_grid();
        for group in &grid.groups {
            writeln!(
                out,
                "\n## {}\n",
                escape(&kind_heading(view.lang, &group.kind))
            )?;
            table(&view.year_table(&grid, group), out)?;
        }
    }
    writeln!(out, "\n{}", escape(&view.summary_line()))?;
    writeln!(out, "\n{}", escape(&view.legend()))?;
    writeln!(out, "\n{}\n", escape(&view.completion_line()))?;
    table(&view.completion_table(), out)?;
    if let Some(totals) = view.totals_table() {
        writeln!(out)?;
        table(&totals, out)?;
    }
    Ok(())
}

fn table(t: &TextTable, out: &mut dyn Write) -> Result<()> {
    let row = |cells: &[String]| {
        format!(
            "| {} |",
            cells
                .iter()
                .map(|c| escape(c))
                .collect::<Vec<_>>()
                .join(" | ")
        )
    };
    writeln!(out, "{}", row(&t.header))?;
    writeln!(out, "|{}", "---|".repeat(t.header.len()))?;
    for r in &t.rows {
        writeln!(out, "{}", row(r))?;
    }
    Ok(())
}

/// Escapes what Markdown tables and text would otherwise read as syntax.
fn escape(text: &str) -> String {
    // A line break would end the table row; other controls are shown escaped.
    let one_line: String = text
        .chars()
        .map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c })
        .collect();
    let mut out = String::with_capacity(text.len());
    for c in crate::printable(&one_line).chars() {
        if matches!(c, '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn pipes_and_emphasis_are_escaped() {
        assert_eq!(super::escape("a|b *c*"), "a\\|b \\*c\\*");
        assert_eq!(
            super::escape("a\r\nb"),
            "a  b",
            "a carriage return does not end the row"
        );
    }
}
