//! cchc tracks a yearly administrative-reform (CCHC) communication plan: who must
//! publish, broadcast, hold or submit what, and by when; what was logged; who is
//! on track.
//!
//! # The map
//!
//! Data flows one way: **arguments → settings → plan → records → evaluation →
//! views → output**. Each layer below imports only the layers beneath it (doc
//! links aside); `../shared/tools/module-circles.py` finds no circle.
//!
//! 1. Ground: [`text`] (text at input and on its way to a terminal), [`files`]
//!    (careful file operations), [`date_arg`] (what a DATE takes), [`lang`] (the
//!    one value of the words the domain knows), [`error`] (typed errors, exit codes).
//! 2. [`period`]: the calendar — weeks, months, quarters, halves, nine months, years,
//!    cut-off days, named periods, `months`, and which quarter of the tables a
//!    period belongs to.
//! 3. [`plan`]: the plan, parsed and validated once into the rule model. A
//!    [`plan::Rule`] owns its meaning: its shape (quota, deadline, report), its
//!    schedule and cut-off day, its periods (made once), the units it covers, its
//!    due dates; `Quota` holds what narrows what counts. [`plans`]: every year's
//!    plans of a data directory, the one in use, the one a record belongs to.
//! 4. Records: [`record`] (one type per kind, and a borrowed view for the fast
//!    readers), [`store`] (JSON Lines, read with line numbers, appended under a
//!    lock), [`scan`] (the files read in parallel, in chunks); what comes in without
//!    typing: [`feed`] (RSS/Atom), [`workbook`] (.xlsx, within bounds); [`example_plans`]
//!    (the example plans, compiled in for `cchc init --example`).
//! 5. Evaluation: [`fact`] (a record as the rules see it: does it count for a
//!    quota, how much, or why not; which rule a plan or report fulfils),
//!    [`obligation`] (what evaluation yields: obligations, statuses and their
//!    rules, sums), [`evaluate`] (the one evaluator, a counting table that the
//!    commands stream the files into and tests feed records to).
//! 6. Words and views: [`i18n`] (every message as a typed value and its words in
//!    Vietnamese and English), [`explain`] (what a new record counts for, in words),
//!    [`render`] (table, JSON, CSV, Markdown, workbook, web page, Word document from
//!    the same structs).
//! 7. Edge: [`cli`] (clap types only), [`settings`] (flags and environment →
//!    settings), [`context`] (what every command starts from: the plans, the
//!    language, the data directory), [`intake`] (a new record as typed — `log`'s
//!    flags, a row of a list, a feed item — checked field by field and built by one
//!    builder per kind), [`commands`] (one module per subcommand: load → evaluate →
//!    render), and `main.rs`, a shim.
//!
//! # Where a change goes
//!
//! - **A new rule key**: its raw field and its checks in `plan/validate.rs` (and its
//!   line in the table of which keys fit which record kinds there); its typed
//!   value in the rule model (`plan/mod.rs`: `Quota` for what narrows counting,
//!   `Schedule` in [`period`] for which periods there are); its meaning in one
//!   method — [`plan::Quota::admits`] in [`fact`] for what counts,
//!   [`period::Schedule::periods`] for periods; its words in
//!   [`render::requirement`] and `docs/plan-format.md`. The evaluator, `log`'s
//!   explanation, reports and the model test under `tests/model/` ask the rule and
//!   need no change unless the key changes what a period or a status is.
//! - **A new record kind**: its kind in [`plan::RecordKind`]; its type and file in
//!   [`record`] ([`record::DataFile`], the owned struct and its arm of
//!   [`record::Record`], its [`record::View`] arm); its [`fact::Fact`] (in
//!   `fact.rs`); its builder in [`intake::build`] (shared by `log` and `import`,
//!   which handle every kind as a [`record::Record`]); its `log` flags ([`cli`],
//!   mapped to fields in `commands/log.rs`), its list columns
//!   ([`intake::table::columns`]) and its row ([`render::RecordRow`]); its words
//!   in [`i18n`]; rules pick it with `record =` in `plan/validate.rs`.

pub mod cli;
pub mod commands;
pub mod context;
pub mod date_arg;
pub mod error;
pub mod evaluate;
pub mod example_plans;
pub mod explain;
pub mod fact;
pub mod feed;
pub mod files;
pub mod i18n;
pub mod intake;
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
        let e = match failure.error.downcast::<plan::PlanError>() {
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
