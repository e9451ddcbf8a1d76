//! `cchc report`: every obligation on the as-of date, as a year table, one quarter,
//! JSON, CSV or Markdown.

use std::io::Write;

use anyhow::{Result, bail};

use super::Context;
use crate::cli::{ReportArgs, ReportFormat};
use crate::error::Exit;
use crate::period::Quarter;
use crate::render::{self, ReportView};
use crate::tally::KeepIds;

pub fn run(cx: &Context, args: ReportArgs, out: &mut dyn Write) -> Result<Exit> {
    let plan = &cx.plan;
    let quarter = args
        .quarter
        .as_deref()
        .map(|q| Quarter::parse(q).map_err(|e| anyhow::anyhow!("--quarter: {e}")))
        .transpose()?;
    if let Some(q) = quarter
        && !Quarter::all_between(plan.start, plan.end).contains(&q)
    {
        bail!(
            "--quarter {q} is outside the plan, which runs from {} to {}",
            plan.start,
            plan.end
        );
    }
    let unit = args.unit.as_deref().map(|u| cx.find_unit(u)).transpose()?;
    let rule = match args.rule.as_deref() {
        Some(id) => Some(plan.rules.iter().position(|r| r.id == id.trim()).ok_or_else(|| {
            let suggestion = crate::plan::suggestion(id, plan.rules.iter().map(|r| r.id.as_str()));
            anyhow::anyhow!("--rule `{id}` is not a rule of the plan{suggestion}; `cchc plan` lists them")
        })?),
        None => None,
    };
    let unit_index = unit.map(|u| plan.unit_index(&u.id).expect("unit of the plan"));

    // JSON and CSV list every record that counts; the tables need only counts.
    let keep = match args.format {
        ReportFormat::Json | ReportFormat::Csv => KeepIds::All,
        ReportFormat::Table | ReportFormat::Markdown => KeepIds::WhenShort,
    };
    let obligations: Vec<_> = cx
        .obligations(keep)?
        .into_iter()
        .filter(|o| quarter.is_none_or(|q| o.belongs_to(q)))
        .filter(|o| unit_index.is_none_or(|u| o.unit == u))
        .filter(|o| rule.is_none_or(|r| o.rule == r))
        .collect();
    let view = ReportView {
        plan,
        lang: cx.lang,
        as_of: cx.as_of(),
        obligations: &obligations,
        quarter,
        color: cx.settings.color && args.format == ReportFormat::Table,
    };
    match args.format {
        ReportFormat::Table => render::table::report(&view, out)?,
        ReportFormat::Json => render::json::report(&view, out)?,
        ReportFormat::Csv => render::csv::report(&view, out)?,
        ReportFormat::Markdown => render::markdown::report(&view, out)?,
    }
    Ok(Exit::Ok)
}
