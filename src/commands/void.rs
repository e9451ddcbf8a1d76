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
    let lock = cx.store.lock()?;
    let survey = cx.survey(None, Some(id))?;
    let file = match survey.found {
        None => bail!("no record has id `{id}`; `cchc list` shows the ids"),
        Some((_, true)) => bail!("`{id}` is a correction, not a record; it cannot be voided"),
        Some((file, false)) => file,
    };
    if survey.voided.contains(id) {
        bail!("`{id}` is voided already");
    }
    let void = Void {
        id: survey.next_id(file),
        void: id.to_string(),
        reason: reason.trim().to_string(),
        logged_at: super::log::now_rfc3339(),
    };
    for warning in cx
        .store
        .append(&lock, file, &[serde_json::to_string(&void)?])?
    {
        eprintln!("warning: {warning}");
    }
    writeln!(out, "{}", void.id)?;
    eprintln!("voided {id} ({})", void.id);
    Ok(Exit::Ok)
}
