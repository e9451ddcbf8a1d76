//! CSV output: a header row, then one row per obligation (report) or record (list).

use std::io::Write;

use anyhow::Result;

use super::{OBLIGATION_COLUMNS, RECORD_COLUMNS, RecordRow, ReportView};

/// `report --format csv`: the fields of the JSON obligations; `records` joined by `;`.
pub fn report(view: &ReportView, out: &mut dyn Write) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
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
        w.write_record([
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
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// `list --format csv`; `topics` joined by `;` as `import` reads them.
pub fn records(rows: &[RecordRow], out: &mut dyn Write) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(RECORD_COLUMNS)?;
    for r in rows {
        w.write_record(r.cells())?;
    }
    w.flush()?;
    Ok(())
}
