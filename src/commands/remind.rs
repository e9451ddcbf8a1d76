//! `cchc remind`: for each unit with something missed, late or due soon on the
//! as-of date, a short message addressed to it, to the screen, one file per unit,
//! or JSON for a mail script. Statuses and periods are the evaluation's, as for
//! `check`; exit codes are `check`'s (see docs/reference.md, "remind").

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result};

use super::Context;
use crate::cli::{RemindArgs, RemindFormat};
use crate::error::Exit;
use crate::evaluate::KeepIds;
use crate::i18n::Refusal;
use crate::obligation::{Obligation, Status};
use crate::render::{self, text::Reminder};

pub fn run(cx: &Context, args: RemindArgs, out: &mut dyn Write) -> Result<Exit> {
    let since = args
        .since
        .as_deref()
        .map(|d| cx.date("--since", d))
        .transpose()?;
    let only = args
        .unit
        .as_deref()
        .map(|u| crate::intake::find_unit(&cx.plan, cx.lang, "--unit", u))
        .transpose()?
        .map(|u| cx.plan.unit_index(&u.id).expect("a unit of the plan"));
    let obligations = cx.obligations(KeepIds::WhenShort)?;
    let (missed, due_soon) = super::check::findings(&obligations, since);
    let late: Vec<&Obligation> = obligations
        .iter()
        .filter(|o| o.status == Status::Late && since.is_none_or(|d| o.due >= d))
        .collect();
    let reminders = reminders(cx, only, &missed, &late, &due_soon);
    let any_missed = reminders.iter().any(|r| !r.missed.is_empty());
    let any_due_soon = reminders.iter().any(|r| !r.due_soon.is_empty());
    let exit = if any_missed || (args.strict && any_due_soon) {
        Exit::Findings
    } else {
        Exit::Ok
    };
    if reminders.is_empty() && args.quiet {
        return Ok(exit);
    }
    let (plan, lang, as_of) = (&cx.plan, cx.lang, cx.as_of());
    match (&args.output_dir, args.format) {
        (Some(dir), format) => {
            write_files(cx, dir, format, &reminders)?;
            if reminders.is_empty() && !args.quiet {
                writeln!(out, "{}", crate::i18n::Remind::NoReminders.text(lang))?;
            }
        }
        (None, RemindFormat::Json) => render::json::remind(plan, lang, as_of, &reminders, out)?,
        (None, RemindFormat::Text) if reminders.is_empty() => {
            writeln!(out, "{}", crate::i18n::Remind::NoReminders.text(lang))?;
        }
        (None, RemindFormat::Text) => {
            for (i, r) in reminders.iter().enumerate() {
                if i > 0 {
                    writeln!(
                        out,
                        "\n{}\n",
                        "─".repeat(cx.settings.width.unwrap_or(60).min(60))
                    )?;
                }
                let message = render::text::message(plan, lang, as_of, r);
                writeln!(
                    out,
                    "{}",
                    render::text::wrap_message(&message, cx.settings.width)
                )?;
            }
        }
    }
    Ok(exit)
}

/// One reminder per unit with something to say, in the plan's order of units; a
/// rule whose units count together reminds each of them.
fn reminders<'a>(
    cx: &Context,
    only: Option<usize>,
    missed: &[&'a Obligation],
    late: &[&'a Obligation],
    due_soon: &[&'a Obligation],
) -> Vec<Reminder<'a>> {
    let plan = &cx.plan;
    let mut by_unit: Vec<Reminder<'a>> = (0..plan.units.len())
        .map(|unit| Reminder {
            unit,
            missed: Vec::new(),
            late: Vec::new(),
            due_soon: Vec::new(),
        })
        .collect();
    for o in missed.iter().chain(late).chain(due_soon) {
        let units: &[usize] = match &o.unit {
            Some(u) => std::slice::from_ref(u),
            None => &plan.rules[o.rule].applies_to,
        };
        for &u in units {
            by_unit[u].add(o);
        }
    }
    by_unit
        .into_iter()
        .filter(|r| only.is_none_or(|u| r.unit == u))
        .filter(|r| !(r.missed.is_empty() && r.late.is_empty() && r.due_soon.is_empty()))
        .collect()
}

/// One file per unit in `dir`, named by the unit's id (`.txt`, or `.json` with
/// `--format json`), each written whole; the paths written go to stderr.
fn write_files(
    cx: &Context,
    dir: &Path,
    format: RemindFormat,
    reminders: &[Reminder],
) -> Result<()> {
    let shown = dir.display().to_string();
    let refusal = || Refusal::OutputDirUnwritable { path: &shown }.text(cx.lang);
    std::fs::create_dir_all(dir).with_context(refusal)?;
    let (plan, lang, as_of) = (&cx.plan, cx.lang, cx.as_of());
    for r in reminders {
        let id = &plan.units[r.unit].id;
        let (name, bytes) = match format {
            RemindFormat::Text => (
                format!("{id}.txt"),
                format!("{}\n", render::text::message(plan, lang, as_of, r)).into_bytes(),
            ),
            RemindFormat::Json => {
                let mut bytes = Vec::new();
                render::json::reminder(plan, lang, as_of, r, &mut bytes)?;
                (format!("{id}.json"), bytes)
            }
        };
        let path = dir.join(name);
        crate::files::replace_whole(&path, &bytes).with_context(refusal)?;
        eprintln!("{}", path.display());
    }
    Ok(())
}
