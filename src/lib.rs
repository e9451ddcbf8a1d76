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
//! - [`feed`]: the portal's RSS/Atom feed, fetched or read, as plain items.
//! - [`example_plans`]: the example plans, compiled in for `cchc init --example`.
//! - [`text`]: text at input (NFC, no controls) and on its way to a terminal.
//! - [`files`]: careful file operations: regular files only, size limits, whole
//!   replacement through exclusive temporaries.
//! - [`error`]: typed errors at the edges and the exit-code enum.

pub mod cli;
pub mod commands;
pub mod date_arg;
pub mod error;
pub mod evaluate;
pub mod example_plans;
pub mod fact;
pub mod feed;
pub mod files;
pub mod i18n;
pub mod lang;
pub mod period;
pub mod plan;
pub mod plans;
pub mod record;
pub mod render;
pub mod scan;
pub mod settings;
pub mod store;
pub mod tally;
pub mod text;

pub use text::printable;

use std::io::Write;

use cli::Cli;
use error::Exit;
use settings::{Environment, Settings};

/// An error, and the language it is said in (its `lỗi:` / `error:` prefix follows
/// the message: the language asked for, else the plan's, else Vietnamese).
#[derive(Debug)]
pub struct Failure {
    pub error: anyhow::Error,
    pub lang: lang::Lang,
}

impl Failure {
    pub fn new(error: anyhow::Error, lang: lang::Lang) -> Failure {
        Failure { error, lang }
    }

    /// The one line (or block) stderr shows: the prefix, then the message with
    /// its causes, made safe for a terminal.
    pub fn message(&self) -> String {
        format!(
            "{} {}",
            self.lang.error_prefix(),
            printable(&format!("{:#}", self.error))
        )
    }
}

/// Runs one command line; what is printed goes to `out`, warnings to stderr.
pub fn run(mut cli: Cli, env: &Environment, out: &mut dyn Write) -> Result<Exit, Failure> {
    // `init --year YYYY` names the year to make, not a plan to use.
    if let cli::Command::Init(args) = &mut cli.command {
        args.year = cli.global.year.take();
    }
    let asked = Settings::asked_lang(&cli.global, env);
    let settings = Settings::resolve(&cli.global, env).map_err(|e| Failure::new(e, asked))?;
    // A plan that cannot be used is said in the language asked for, else the
    // plan's own.
    commands::run(cli.command, &settings, out).map_err(|failure| {
        let e = match failure.error.downcast::<error::PlanError>() {
            Ok(plan) => {
                let lang = settings.lang_for(plan.lang);
                return Failure::new(anyhow::anyhow!(plan.text(lang)), lang);
            }
            Err(e) => e,
        };
        match e.downcast::<plans::PlansError>() {
            Ok(plans) => {
                let lang = settings.lang_for(None);
                Failure::new(anyhow::anyhow!(i18n::plans_error_text(&plans, lang)), lang)
            }
            Err(e) => Failure::new(e, failure.lang),
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
