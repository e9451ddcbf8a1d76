//! `cchc void ID --reason TEXT`: a correction line; the voided record stays in its file.

use std::io::Write;

use anyhow::{Result, bail};

use super::Context;
use crate::error::Exit;
use crate::record::Void;

pub fn run(cx: &Context, id: &str, reason: &str, out: &mut dyn Write) -> Result<Exit> {
    let id = id.trim();
    if reason.trim().is_empty() {
        bail!("--reason is blank; say why the record is voided");
    }
    // Which file holds the id, then again under that file's lock.
    let file = found_in(&cx.survey(None, Some(id))?, id)?;
    let lock = cx.store.lock(file)?;
    let survey = cx.survey(None, Some(id))?;
    if found_in(&survey, id)? != file {
        bail!("`{id}` moved to another file while cchc was reading; try again");
    }
    if survey.found_count > 1 {
        bail!(
            "the id `{id}` is on {} lines of the data directory; cchc cannot tell which record to void (`cchc verify` lists them)",
            survey.found_count
        );
    }
    if survey.voided.contains(id) {
        bail!("`{id}` is voided already");
    }
    let void = Void {
        id: survey.next_id(file),
        void: id.to_string(),
        reason: reason.trim().to_string(),
        logged_at: super::log::now_rfc3339(),
    };
    for warning in cx.store.append(&lock, &[serde_json::to_string(&void)?])? {
        eprintln!("warning: {warning}");
    }
    writeln!(out, "{}", void.id)?;
    let notice = crate::i18n::Notice::Voided { id, void: &void.id };
    eprintln!("{}", notice.text(cx.lang));
    Ok(Exit::Ok)
}

/// The file of the record with this id, as the survey found it.
fn found_in(survey: &crate::scan::Survey, id: &str) -> Result<crate::record::DataFile> {
    match survey.found {
        None => bail!("no record has id `{id}`; `cchc list` shows the ids"),
        Some((_, true)) => bail!("`{id}` is a correction, not a record; it cannot be voided"),
        Some((file, false)) => Ok(file),
    }
}
