//! `cchc void ID --reason TEXT`: a correction line; the voided record stays in its file.

use std::io::Write;

use anyhow::{Result, bail};

use super::Context;
use crate::error::Exit;
use crate::i18n::Refusal;
use crate::record::Void;

pub fn run(cx: &Context, id: &str, reason: &str, out: &mut dyn Write) -> Result<Exit> {
    // Ids cchc gives are a capital letter and a number: `a12` is `A12`.
    let typed = id.trim();
    let upper;
    let id = match typed.split_at_checked(1) {
        Some((letter, number))
            if letter.bytes().all(|b| b.is_ascii_lowercase())
                && !number.is_empty()
                && number.bytes().all(|b| b.is_ascii_digit()) =>
        {
            upper = typed.to_ascii_uppercase();
            upper.as_str()
        }
        _ => typed,
    };
    if reason.trim().is_empty() {
        bail!(Refusal::ReasonBlank.text(cx.lang));
    }
    // Which file holds the id, then again under that file's lock.
    let file = found_in(cx, &cx.survey(None, Some(id))?, id)?;
    let lock = cx.store.lock(file)?;
    let survey = cx.survey(None, Some(id))?;
    if found_in(cx, &survey, id)? != file {
        bail!(Refusal::IdMoved { id }.text(cx.lang));
    }
    if survey.found_count > 1 {
        let refusal = Refusal::IdOnSeveralLines {
            id,
            lines: survey.found_count,
        };
        bail!(refusal.text(cx.lang));
    }
    if survey.voided.contains(id) {
        bail!(Refusal::VoidedAlready { id }.text(cx.lang));
    }
    let void = Void {
        id: survey.next_id(file)?,
        void: id.to_string(),
        reason: reason.trim().to_string(),
        logged_at: crate::intake::build::now_rfc3339(),
    };
    for warning in cx.store.append(&lock, &[serde_json::to_string(&void)?])? {
        cx.warn(&warning.text(cx.lang));
    }
    writeln!(out, "{}", void.id)?;
    let notice = crate::i18n::Notice::Voided { id, void: &void.id };
    eprintln!("{}", notice.text(cx.lang));
    Ok(Exit::Ok)
}

/// The file of the record with this id, as the survey found it.
fn found_in(
    cx: &Context,
    survey: &crate::scan::Survey,
    id: &str,
) -> Result<crate::record::DataFile> {
    match survey.found {
        None => bail!(Refusal::NoSuchId { id }.text(cx.lang)),
        Some((_, true)) => bail!(Refusal::IsCorrection { id }.text(cx.lang)),
        Some((file, false)) => Ok(file),
    }
}
