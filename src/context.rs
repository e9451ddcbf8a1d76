//! What every command that reads the plan starts from: the settings, the plans
//! found and the one in use, the language, the data directory; and the ways of
//! reading it that say its warnings in the user's words.

use anyhow::{Context as _, Result};
use chrono::NaiveDate;

use crate::date_arg::parse_date;
use crate::evaluate::KeepIds;
use crate::i18n::Lang;
use crate::obligation::Obligation;
use crate::plan::Plan;
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

    /// A DATE flag; `today` is the as-of date.
    pub fn date(&self, flag: &str, text: &str) -> Result<NaiveDate> {
        parse_date(text, self.as_of())
            .map_err(|e| anyhow::anyhow!(crate::i18n::Refusal::date(flag, text, e).text(self.lang)))
    }
}
