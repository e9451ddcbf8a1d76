//! `cchc check`: what is missed or due soon, worst first; exit 1 when something is
//! missed (with `--strict`, also due soon). Made for cron.

use std::io::Write;

use anyhow::Result;

use super::Context;
use crate::cli::{CheckArgs, CheckFormat};
use crate::error::Exit;
use crate::evaluate::KeepIds;
use crate::obligation::{Obligation, Status};
use crate::render;

pub fn run(cx: &Context, args: CheckArgs, out: &mut dyn Write) -> Result<Exit> {
    let since = args
        .since
        .as_deref()
        .map(|d| cx.date("--since", d))
        .transpose()?;
    let unit = args
        .unit
        .as_deref()
        .map(|u| crate::intake::find_unit(&cx.plan, cx.lang, "--unit", u))
        .transpose()?
        .map(|u| cx.plan.unit_index(&u.id).expect("a unit of the plan"));
    let mut obligations = cx.obligations(KeepIds::WhenShort)?;
    // `--unit`: its own obligations and those it shares with others.
    if let Some(u) = unit {
        obligations.retain(|o| o.concerns(&cx.plan, u));
    }
    let (missed, due_soon) = findings(&obligations, since);
    let exit = if !missed.is_empty() || (args.strict && !due_soon.is_empty()) {
        Exit::Findings
    } else {
        Exit::Ok
    };
    let nothing = missed.is_empty() && due_soon.is_empty();
    match args.format {
        // --quiet prints nothing when there is nothing to report, JSON too (docs/reference.md).
        _ if nothing && args.quiet => {}
        CheckFormat::Json => render::json::check(&cx.plan, cx.as_of(), &missed, &due_soon, out)?,
        CheckFormat::Text if nothing => writeln!(out, "{}", cx.lang.labels().nothing_to_report)?,
        CheckFormat::Text => {
            render::text::check(
                &cx.plan,
                cx.lang,
                cx.as_of(),
                &missed,
                &due_soon,
                render::Screen {
                    color: cx.settings.color,
                    width: cx.settings.width,
                },
                out,
            )?;
        }
    }
    Ok(exit)
}

/// Missed obligations (due on or after `since`, if given), longest overdue first,
/// and those due soon, nearest first.
pub fn findings(
    obligations: &[Obligation],
    since: Option<chrono::NaiveDate>,
) -> (Vec<&Obligation>, Vec<&Obligation>) {
    let mut missed: Vec<&Obligation> = obligations
        .iter()
        .filter(|o| o.status == Status::Missed && since.is_none_or(|d| o.due >= d))
        .collect();
    missed.sort_by_key(|o| (o.due, std::cmp::Reverse(o.missing()), o.unit, o.rule));
    let mut due_soon: Vec<&Obligation> = obligations
        .iter()
        .filter(|o| o.status == Status::DueSoon)
        .collect();
    due_soon.sort_by_key(|o| (o.due, std::cmp::Reverse(o.missing()), o.unit, o.rule));
    (missed, due_soon)
}
