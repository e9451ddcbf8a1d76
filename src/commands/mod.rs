//! One module per subcommand, each `run(&Context, args, out) -> Result<Exit>`:
//! load, evaluate, render, nothing else.

mod check;
mod feed;
mod import;
mod import_file;
mod import_table;
mod init;
mod input;
mod list;
mod log;
mod man;
mod plan;
mod remind;
mod report;
mod same_report;
mod verify;
mod void;

use std::io::Write;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use clap::CommandFactory;

use crate::Failure;
use crate::cli::{Cli, Command};
use crate::date_arg::parse_date;
use crate::error::Exit;
use crate::evaluate::KeepIds;
use crate::i18n::Lang;
use crate::obligation::Obligation;
use crate::plan::{Plan, Unit};
use crate::plans::Plans;
use crate::record::Records;
use crate::scan;
use crate::settings::Settings;
use crate::store::Store;

/// What every command that reads the plan starts from.
pub struct Context {
    pub settings: Settings,
    /// The plan in use (what `report` and `check` evaluate).
    pub plan: Plan,
    /// Every plan found (the data directory may hold one a year).
    pub plans: Plans,
    pub lang: Lang,
    pub store: Store,
}

impl Context {
    pub fn load(settings: &Settings) -> Result<Context> {
        let plans = settings.load_plans()?;
        let plan = plans.in_use().plan.clone();
        Ok(Context {
            lang: settings.lang(&plan),
            store: Store::new(&settings.data_dir),
            settings: settings.clone(),
            plan,
            plans,
        })
    }

    pub fn as_of(&self) -> NaiveDate {
        self.settings.as_of
    }

    /// Reads every record; torn final lines are reported on stderr.
    pub fn load_records(&self) -> Result<Records> {
        let loaded = self.store.load().with_context(|| self.in_data_dir())?;
        for warning in &loaded.warnings {
            self.warn(&warning.text(self.lang));
        }
        Ok(loaded.records)
    }

    /// Every obligation on the as-of date, counted straight from the files without
    /// holding the records (see [`crate::evaluate`]); `keep` says which ids to list.
    pub fn obligations(&self, keep: KeepIds) -> Result<Vec<Obligation>> {
        Ok(self.evaluate(keep)?.0)
    }

    /// The obligations of another plan of the data directory (a record's own).
    pub fn obligations_in(&self, plan: &Plan, keep: KeepIds) -> Result<Vec<Obligation>> {
        Ok(self.evaluate_plan(plan, keep)?.0)
    }

    /// The obligations, and the totals of articles counted in the same pass.
    pub fn evaluate(&self, keep: KeepIds) -> Result<(Vec<Obligation>, crate::evaluate::Totals)> {
        self.evaluate_plan(&self.plan, keep)
    }

    fn evaluate_plan(
        &self,
        plan: &Plan,
        keep: KeepIds,
    ) -> Result<(Vec<Obligation>, crate::evaluate::Totals)> {
        let (tally, warnings) = scan::tally_dir(self.store.dir(), plan, self.as_of(), keep)
            .with_context(|| self.in_data_dir())?;
        for warning in &warnings {
            self.warn(&warning.text(self.lang));
        }
        let totals = tally.totals(plan);
        Ok((tally.finish(plan), totals))
    }

    /// What a write needs to know of the data directory (see [`scan::Survey`]);
    /// torn final lines are reported on stderr.
    pub fn survey(
        &self,
        probe: Option<&crate::record::Article>,
        find: Option<&str>,
    ) -> Result<scan::Survey> {
        let survey =
            scan::survey(self.store.dir(), probe, find).with_context(|| self.in_data_dir())?;
        for warning in &survey.warnings {
            self.warn(&warning.text(self.lang));
        }
        Ok(survey)
    }

    /// [`Context::survey`] with the articles `candidate` picks.
    pub fn survey_where(
        &self,
        candidate: &(dyn Fn(&scan::ArticleFields) -> bool + Sync),
    ) -> Result<scan::Survey> {
        let survey = scan::survey_where(self.store.dir(), candidate, None)
            .with_context(|| self.in_data_dir())?;
        for warning in &survey.warnings {
            self.warn(&warning.text(self.lang));
        }
        Ok(survey)
    }

    /// A warning on stderr, opened in the user's language (`cảnh báo:`).
    pub fn warn(&self, text: &str) {
        eprintln!("{} {text}", self.lang.warning_prefix());
    }

    /// The context of a data directory's errors: "in the data directory DIR".
    pub fn in_data_dir(&self) -> String {
        let dir = self.store.dir().display();
        match self.lang {
            Lang::Vi => format!("trong thư mục dữ liệu {dir}"),
            Lang::En => format!("in the data directory {dir}"),
        }
    }

    /// The unit `--unit` names.
    pub fn find_unit(&self, query: &str) -> Result<&Unit> {
        input::find_unit(&self.plan, self.lang, "--unit", query)
    }

    /// A DATE flag; `today` is the as-of date.
    pub fn date(&self, flag: &str, text: &str) -> Result<NaiveDate> {
        parse_date(text, self.as_of())
            .map_err(|e| anyhow::anyhow!(crate::i18n::Refusal::date(flag, text, e).text(self.lang)))
    }
}

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
            format,
            ..
        } => import::run(
            cx,
            &file,
            record,
            import::Options {
                dry_run,
                skip_duplicates,
                sheet,
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
