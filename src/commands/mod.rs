//! One module per subcommand, each `run(&Context, args, out) -> Result<Exit>`:
//! load, evaluate, render, nothing else.

mod check;
mod feed;
mod import;
mod init;
mod list;
mod log;
mod man;
mod plan;
mod remind;
mod report;
mod verify;
mod void;

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;

use crate::Failure;
use crate::cli::{Cli, Command};
pub use crate::context::Context;
use crate::error::Exit;
use crate::i18n::Lang;
use crate::settings::Settings;

/// Runs a command; an error carries the language it is said in: the plan's once
/// the plan is read, else the one asked for (else Vietnamese).
pub fn run(command: Command, settings: &Settings, out: &mut dyn Write) -> Result<Exit, Failure> {
    let asked = settings.lang_for(None);
    let before_plan = |e| Failure::new(in_language(e, asked), asked);
    if let Command::Completions { shell } = command {
        clap_complete::generate(shell, &mut Cli::command(), "cchc", out);
        return Ok(Exit::Ok);
    }
    if let Command::Man { dir } = command {
        return man::run(dir.as_deref(), out).map_err(before_plan);
    }
    if let Command::Init(args) = command {
        return init::run(settings, args, out).map_err(before_plan);
    }
    let cx = Context::load(settings).map_err(before_plan)?;
    let lang = cx.lang;
    // What cron runs must not take a data directory it cannot find for "nothing
    // missed" (docs/reference.md).
    let cron_command = match &command {
        Command::Check(_) => Some("check"),
        Command::Remind(_) => Some("remind"),
        _ => None,
    };
    if let Some(name) = cron_command {
        settings
            .require_data_dir(name, lang)
            .map_err(|e| Failure::new(e, lang))?;
    }
    run_loaded(&cx, command, out).map_err(|e| Failure::new(in_language(e, lang), lang))
}

/// An error whose chain holds a [`crate::error::StoreError`] (a data file that
/// cannot be read, locked or written), said in `lang`: that layer in the user's
/// words, the others (the system's reason) as they are.
fn in_language(error: anyhow::Error, lang: Lang) -> anyhow::Error {
    if error.downcast_ref::<crate::error::StoreError>().is_none() {
        return error;
    }
    let layers: Vec<String> = error
        .chain()
        .map(|layer| {
            if let Some(store) = layer.downcast_ref::<crate::error::StoreError>() {
                store.text(lang)
            } else if let Some(io) = layer.downcast_ref::<std::io::Error>() {
                crate::i18n::os_reason(io, lang)
            } else {
                layer.to_string()
            }
        })
        .collect();
    anyhow::anyhow!(layers.join(": "))
}

fn run_loaded(cx: &Context, command: Command, out: &mut dyn Write) -> Result<Exit> {
    match command {
        Command::Plan { format } => plan::run(cx, format, out),
        Command::Log(args) => log::run(cx, args, out),
        Command::Void { id, reason } => void::run(cx, &id, &reason, out),
        Command::List(args) => list::run(cx, args, out),
        Command::Report(args) => report::run(cx, args, out),
        Command::Check(args) => check::run(cx, args, out),
        Command::Remind(args) => remind::run(cx, args, out),
        Command::Verify => verify::run(cx, out),
        Command::Import {
            feed: Some(source),
            channel,
            timeout,
            quiet,
            dry_run,
            ..
        } => feed::run(
            cx,
            source.as_deref(),
            feed::Options {
                channel,
                timeout: std::time::Duration::from_secs(timeout.max(1)),
                quiet,
                dry_run,
            },
            out,
        ),
        Command::Import {
            file: Some(file),
            record: Some(record),
            dry_run,
            skip_duplicates,
            sheet,
            unit,
            format,
            ..
        } => import::run(
            cx,
            &file,
            record.into(),
            import::Options {
                dry_run,
                skip_duplicates,
                sheet,
                unit,
                format,
            },
            out,
        ),
        Command::Import { .. } => unreachable!("clap requires a FILE and --record, or --feed"),
        Command::Completions { .. } | Command::Init(_) | Command::Man { .. } => {
            unreachable!("handled above")
        }
    }
}
