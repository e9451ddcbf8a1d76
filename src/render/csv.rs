//! CSV output: a header row, then one row per obligation (report) or record (list).

use std::io::Write;

use anyhow::Result;

use super::{OBLIGATION_COLUMNS, RECORD_COLUMNS, RecordRow, ReportView};

/// The byte-order mark that makes Excel on Windows read UTF-8 (else Vietnamese
/// shows as mojibake).
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or
/// carriage return before one) gets a leading `'`, as OWASP advises against CSV
/// injection: units send the titles, so they are not trusted.
pub fn neutralized(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A CSV writer on `out`, after a BOM when asked.
fn writer(out: &mut dyn Write, bom: bool) -> Result<csv::Writer<&mut dyn Write>> {
    if bom {
        out.write_all(BOM)?;
    }
    Ok(csv::Writer::from_writer(out))
}

fn write_row<'c, W: Write>(
    w: &mut csv::Writer<W>,
    cells: impl IntoIterator<Item = &'c str>,
) -> Result<()> {
    w.write_record(
        cells
            .into_iter()
            .map(neutralized)
            .collect::<Vec<_>>()
            .iter()
            .map(|c| c.as_ref()),
    )?;
    Ok(())
}

/// `report --format csv`: the fields of the JSON obligations; `records` joined by `;`.
pub fn report(view: &ReportView, out: &mut dyn Write, bom: bool) -> Result<()> {
    let mut w = writer(out, bom)?;
    w.write_record(OBLIGATION_COLUMNS)?;
    for o in view.obligations {
        let unit = o.unit.map(|u| &view.plan.units[u]);
        let rule = &view.plan.rules[o.rule];
        // A together obligation: no unit id; its units' ids, joined by `;`, as the name.
        let (unit_id, unit_name) = match unit {
            Some(u) => (u.id.clone(), u.name.clone()),
            None => (
                String::new(),
                rule.applies_to
                    .iter()
                    .map(|&i| view.plan.units[i].id.as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
            ),
        };
        write_row(
            &mut w,
            [
                unit_id.as_str(),
                unit_name.as_str(),
                rule.id.as_str(),
                rule.record().as_str(),
                &o.period.label(),
                &o.period.start.to_string(),
                &o.period.end.to_string(),
                &o.due.to_string(),
                &o.required.to_string(),
                &o.done.to_string(),
                &o.missing().to_string(),
                o.status.id(),
                &o.days_left.map(|d| d.to_string()).unwrap_or_default(),
                &o.records.join(";"),
            ],
        )?;
    }
    w.flush()?;
    Ok(())
}

/// `list --format csv`; `topics` joined by `;` as `import` reads them.
pub fn records(rows: &[RecordRow], out: &mut dyn Write, bom: bool) -> Result<()> {
    let mut w = writer(out, bom)?;
    w.write_record(RECORD_COLUMNS)?;
    for r in rows {
        let cells = r.cells();
        write_row(&mut w, cells.iter().map(String::as_str))?;
    }
    w.flush()?;
    Ok(())
}
