//! `cchc plan`: validate the plan in use and show it.

use std::io::Write;

use anyhow::Result;

use super::Context;
use crate::cli::PlanFormat;
use crate::error::Exit;
use crate::render;

pub fn run(cx: &Context, format: PlanFormat, out: &mut dyn Write) -> Result<Exit> {
    let source = cx.settings.plan_source.describe();
    match format {
        PlanFormat::Table => render::table::plan(&cx.plan, &source, cx.lang, out)?,
        PlanFormat::Json => render::json::plan(&cx.plan, &source, out)?,
    }
    Ok(Exit::Ok)
}
