//! `cchc plan`: validate the plan in use and show it.

use std::io::Write;

use anyhow::Result;

use super::Context;
use crate::cli::PlanFormat;
use crate::error::Exit;
use crate::render;

pub fn run(cx: &Context, format: PlanFormat, out: &mut dyn Write) -> Result<Exit> {
    let in_use = cx.plans.in_use();
    // The table in the user's language; JSON in English words, as its keys.
    let lang = match format {
        PlanFormat::Table => cx.lang,
        PlanFormat::Json => crate::i18n::Lang::En,
    };
    let why = cx.settings.plan_source.describe(lang);
    let source = match (&in_use.path, cx.plans.found.len()) {
        (None, _) => why,
        (Some(path), 1) => format!("{} ({why})", path.display()),
        (Some(path), _) => format!(
            "{} ({why}; {})",
            path.display(),
            cx.plans.choice.describe(lang)
        ),
    };
    match format {
        PlanFormat::Table => {
            render::table::plan(&cx.plan, &source, cx.lang, out)?;
            if cx.plans.found.len() > 1 {
                render::table::other_plans(&cx.plans, cx.lang, out)?;
            }
        }
        PlanFormat::Json => render::json::plan(&cx.plan, &cx.plans, &source, out)?,
    }
    Ok(Exit::Ok)
}
