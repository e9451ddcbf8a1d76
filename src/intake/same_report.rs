//! A second report of the same unit, period and rule is refused, like a duplicate
//! article: `log report` unless `--allow-duplicate`, `import --record report`
//! unless `--skip-duplicates` leaves the row out (docs/reference.md, "Duplicates").

use std::collections::HashMap;

use anyhow::{Result, bail};
use chrono::NaiveDate;

use crate::fact::{Target, target_rule};
use crate::i18n::{Lang, Refusal};
use crate::plan::RecordKind;
use crate::plans::Plans;
use crate::record::{Submission, SubmissionKind};

/// What makes two reports the same: unit, period (as its label) and rule.
type Key = (String, String, String);

/// The reports in force, and those added by earlier rows of one import.
pub struct SameReports<'p> {
    plans: &'p Plans,
    logged: HashMap<Key, (String, NaiveDate)>,
    added: HashMap<Key, ()>,
    importing: bool,
}

impl<'p> SameReports<'p> {
    /// An index of `reports` (in force; plans are ignored).
    pub fn among<'s>(
        plans: &'p Plans,
        reports: impl Iterator<Item = &'s Submission>,
        importing: bool,
    ) -> SameReports<'p> {
        let mut index = SameReports {
            plans,
            logged: HashMap::new(),
            added: HashMap::new(),
            importing,
        };
        for report in reports {
            if let Some(key) = index.key(report) {
                // The first logged is the one named.
                index
                    .logged
                    .entry(key)
                    .or_insert_with(|| (report.id.clone(), report.date));
            }
        }
        index
    }

    /// The report's unit, period label and the rule it fulfils (stored, else the
    /// one its plan gives it); `None` for a plan, or a report no rule takes.
    fn key(&self, report: &Submission) -> Option<Key> {
        if report.kind != SubmissionKind::Report {
            return None;
        }
        let period = report.period.as_deref()?;
        let label = crate::i18n::parse_period(period)
            .map(|k| k.to_string())
            .unwrap_or_else(|_| period.to_string());
        let rule = match &report.rule {
            Some(rule) => rule.clone(),
            None => {
                let found = self
                    .plans
                    .of_record(RecordKind::Report, report.date, Some(&label))?;
                let unit = found.plan.unit_index(&report.unit)?;
                match target_rule(&found.plan, unit, &report.fact()) {
                    Target::Rule(index) => found.plan.rules[index].id.clone(),
                    _ => return None,
                }
            }
        };
        Some((report.unit.clone(), label, rule))
    }

    /// Refuses `new` when a report in force, or an earlier row, has its unit,
    /// period and rule.
    pub fn check(&self, new: &Submission, lang: Lang) -> Result<()> {
        let Some(key) = self.key(new) else {
            return Ok(());
        };
        let period = crate::i18n::parse_period(&key.1)
            .map(|k| lang.period(k))
            .unwrap_or_else(|_| key.1.clone());
        if let Some((id, date)) = self.logged.get(&key) {
            let refusal = Refusal::DuplicateReport {
                id,
                date: *date,
                period: &period,
                importing: self.importing,
            };
            bail!(refusal.text(lang));
        }
        if self.added.contains_key(&key) {
            bail!(Refusal::DuplicateReportRow { period: &period }.text(lang));
        }
        Ok(())
    }

    /// Remembers `new` so that a later row repeating it is refused.
    pub fn insert(&mut self, new: &Submission) {
        if let Some(key) = self.key(new) {
            self.added.insert(key, ());
        }
    }
}

/// The reports in force in the data directory, read from the submissions file
/// alone (a `log report` into a large store reads no article). Only what the
/// comparison needs is kept.
pub fn reports_in_force(cx: &crate::context::Context) -> Result<Vec<Submission>> {
    use crate::record::DataFile;
    use crate::record::View;
    #[derive(Default)]
    struct Seen {
        reports: Vec<Submission>,
        voided: Vec<String>,
    }
    let (shares, warnings) = crate::scan::scan_file(
        cx.store.dir(),
        DataFile::Submissions,
        Seen::default,
        |seen: &mut Seen, _, view| match view {
            View::Submission {
                id,
                unit,
                kind: SubmissionKind::Report,
                period,
                date,
                rule,
            } => seen.reports.push(Submission {
                id: id.to_string(),
                unit: unit.to_string(),
                kind: SubmissionKind::Report,
                period: period.map(|p| p.to_string()),
                date,
                reference: None,
                rule: rule.map(|r| r.to_string()),
                logged_at: String::new(),
            }),
            View::Void { void, .. } => seen.voided.push(void.to_string()),
            _ => {}
        },
    )
    .map_err(anyhow::Error::from)?;
    for warning in &warnings {
        cx.warn(&warning.text(cx.lang));
    }
    let voided: std::collections::HashSet<String> = shares
        .iter()
        .flat_map(|s| s.voided.iter().cloned())
        .collect();
    Ok(shares
        .into_iter()
        .flat_map(|s| s.reports)
        .filter(|r| !voided.contains(&r.id))
        .collect())
}
