//! cchc tracks a yearly administrative-reform (CCHC) communication plan.
//!
//! Data flows one way: **arguments → settings → load (plan, records) → evaluate →
//! render → write**.
//!
//! - [`cli`]: clap types only; [`settings`]: flags + environment → [`settings::Settings`].
//! - [`plan`]: the plan (TOML) and its validation; [`plans`]: every year's plans of a
//!   data directory, the one in use, the one a record belongs to; [`record`]: the record types;
//!   [`store`]: the JSON Lines files, read with line numbers, appended under a lock.
//! - [`period`]: weeks, months, quarters, years; [`date_arg`]: what a DATE takes.
//! - [`fact`]: what a record counts for: the meaning of every rule key, in one place.
//! - [`evaluate`]: pure `(plan, records, as_of) → obligations`, statuses and their
//!   types; [`tally`]: the one evaluator, counting into a dense table so that
//!   memory does not grow with the records; [`scan`]: reads the files for it in
//!   parallel, in chunks, into borrowed views. `model` (tests only) is an
//!   independent, straightforward model of the contract that checks them.
//! - [`render`]: tables, JSON, CSV and Markdown from the same structs; [`i18n`]: words,
//!   above the domain ([`lang`] is the one value of them the domain knows).
//! - [`commands`]: one module per subcommand: load → evaluate → render.
//! - [`feed`]: the portal's RSS/Atom feed, fetched or read, as plain items;
//!   [`workbook`]: the workbooks units send, read within bounds.
//! - [`text`]: text at input (NFC, no controls) and on its way to a terminal.
//! - [`files`]: careful file operations: regular files only, size limits, whole
//!   replacement through exclusive temporaries.
//! - [`error`]: typed errors at the edges and the exit-code enum.

pub mod cli;
pub mod commands;
pub mod date_arg;
pub mod error;
pub mod evaluate;
pub mod explain;
pub mod fact;
pub mod feed;
pub mod files;
pub mod i18n;
pub mod lang;
pub mod obligation;
pub mod period;
pub mod plan;
pub mod plans;
pub mod record;
pub mod render;
pub mod scan;
pub mod settings;
pub mod store;

pub mod text;
pub mod workbook;

pub use text::printable;

use std::io::Write;

use cli::Cli;
use error::Exit;
use settings::{Environment, Settings};

/// Runs one command line; what is printed goes to `out`, warnings to stderr.
pub fn run(mut cli: Cli, env: &Environment, out: &mut dyn Write) -> anyhow::Result<Exit> {
    // `init --year YYYY` names the year to make, not a plan to use.
    if let cli::Command::Init { year, .. } = &mut cli.command {
        *year = cli.global.year.take();
    }
    let settings = Settings::resolve(&cli.global, env)?;
    // A plan that cannot be used is said in the language asked for, else the
    // plan's own.
    commands::run(cli.command, &settings, out).map_err(|e| {
        let e = match e.downcast::<plan::PlanError>() {
            Ok(plan) => return anyhow::anyhow!(plan.text(settings.lang_for(plan.lang))),
            Err(e) => e,
        };
        match e.downcast::<plans::PlansError>() {
            Ok(plans) => anyhow::anyhow!(i18n::plans_error_text(&plans, settings.lang_for(None))),
            Err(e) => e,
        }
    })
}

/// Whether an error comes from writing to a closed pipe (`cchc report | head`),
/// whichever writer met it: ours, serde_json's or the csv crate's.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(BrokenPipe))
            || cause.downcast_ref::<csv::Error>().is_some_and(
                |e| matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe),
            )
    })
}
