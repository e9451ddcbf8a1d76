//! `cchc list`: the records in force (voided ones left out), filtered, by date.

use std::io::Write;

use anyhow::{Result, bail};

use super::Context;
use crate::cli::{ListArgs, ListFormat};
use crate::error::Exit;
use crate::intake::{check_channel, check_topics};
use crate::render::{self, RecordRow};

pub fn run(cx: &Context, args: ListArgs, out: &mut dyn Write) -> Result<Exit> {
    let unit = args
        .unit
        .as_deref()
        .map(|u| crate::intake::find_unit(&cx.plan, cx.lang, "--unit", u))
        .transpose()?;
    let from = args
        .from
        .as_deref()
        .map(|d| cx.date("--from", d))
        .transpose()?;
    let to = args.to.as_deref().map(|d| cx.date("--to", d)).transpose()?;
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        bail!(crate::i18n::Refusal::FromAfterTo { from, to }.text(cx.lang));
    }
    let topic = args
        .topic
        .as_deref()
        .map(|t| check_topics(&cx.plan, cx.lang, "--topic", [t]).map(|mut ids| ids.remove(0)))
        .transpose()?;
    let channel = match args.channel.as_deref() {
        Some(c) => check_channel(&cx.plan, cx.lang, "--channel", Some(c))?,
        None => None,
    };
    let records = cx.load_records()?;
    let mut rows: Vec<RecordRow> = RecordRow::all(&records)
        .into_iter()
        .filter(|r| unit.is_none_or(|u| u.id == r.unit))
        .filter(|r| {
            args.record
                .is_none_or(|k| crate::plan::RecordKind::from(k).as_str() == r.record)
        })
        .filter(|r| from.is_none_or(|d| r.date >= d) && to.is_none_or(|d| r.date <= d))
        .filter(|r| {
            topic
                .as_ref()
                .is_none_or(|t| r.topics.as_ref().is_some_and(|ts| ts.contains(t)))
        })
        .filter(|r| channel.is_none() || r.channel == channel)
        .filter(|r| !args.no_url || (r.record == "article" && r.url.is_none()))
        .collect();
    rows.sort_by_key(|r| r.date);
    // The unit's name, from the plan of the record's year, else the plan in use.
    for r in &mut rows {
        let name = cx
            .plans
            .found
            .iter()
            .filter(|f| f.plan.covers(r.date))
            .chain(std::iter::once(cx.plans.in_use()))
            .find_map(|f| f.plan.unit(&r.unit))
            .map(|u| u.name.clone());
        r.unit_name = name;
    }
    match args.format {
        ListFormat::Table => {
            render::table::records(&rows, &cx.plan, cx.lang, cx.settings.width, out)?
        }
        ListFormat::Json => render::json::records(&rows, out)?,
        ListFormat::Csv => render::csv::records(&rows, out, args.bom)?,
    }
    Ok(Exit::Ok)
}
