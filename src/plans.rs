//! Every year's plan in one data directory.
//!
//! A plan covers one year; the coordinator goes on. The data directory holds
//! `plan.toml` and any number of `plans/*.toml`; their ranges must not overlap (a
//! plan's *year* is the year of its `end`, so a cut-off plan 2022-12-15..2023-12-14
//! is 2023's; a year may have two plans when one replaced the other from 1 July).
//! The plan *in use* (what `report` and `check` evaluate) is the one `--year`
//! names (of two, the one in force on the as-of date, else the later), else the
//! one whose range holds the as-of date, else the latest one that ended before it
//! (January's late Q4 reports), else the earliest. Each record belongs to the plan
//! whose range holds its date (a report: the plan that has its period; a one-off
//! plan: the year it names), and is checked against that plan.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use chrono::NaiveDate;

use crate::files;
use crate::lang::Lang;
use crate::period::{PeriodKey, parse_label};
use crate::plan::{Plan, RecordKind};

/// The largest plan file read: 4 MiB holds some 40,000 units, far beyond a province
/// (a larger "plan" is a wrong file, such as `/dev/zero`).
pub const MAX_PLAN_BYTES: u64 = 4 * 1024 * 1024;

/// A plan and the file it was read from (`None`: the built-in plan).
#[derive(Debug, Clone)]
pub struct FoundPlan {
    pub path: Option<PathBuf>,
    pub plan: Plan,
}

impl FoundPlan {
    /// The plan's year: the year of its end.
    pub fn year(&self) -> i32 {
        self.plan.year()
    }

    /// The file as a person reads it; the built-in plan in words.
    pub fn shown(&self, lang: Lang) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => crate::lang::built_in_name(lang).to_string(),
        }
    }

    /// The file, the same in every language (JSON carries it).
    pub fn name(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => "plan.toml (built-in)".into(),
        }
    }
}

/// Why the plan in use was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// The only plan there is (`--plan`, `$CCHC_PLAN`, `./plan.toml`, built-in, or
    /// a data directory with one plan).
    Only,
    /// `--year`.
    Year,
    /// Its range holds the as-of date.
    Holds,
    /// The latest that ended before the as-of date.
    LatestEnded,
    /// The earliest (the as-of date is before every plan).
    Earliest,
}

impl Choice {
    pub fn describe(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Vi, Choice::Only) => "kế hoạch duy nhất",
            (Lang::Vi, Choice::Year) => "chọn bằng --year",
            (Lang::Vi, Choice::Holds) => "thời gian của kế hoạch chứa ngày tính",
            (Lang::Vi, Choice::LatestEnded) => "kế hoạch gần nhất đã kết thúc trước ngày tính",
            (Lang::Vi, Choice::Earliest) => "ngày tính trước mọi kế hoạch: kế hoạch sớm nhất",
            (Lang::En, Choice::Only) => "the only plan",
            (Lang::En, Choice::Year) => "picked with --year",
            (Lang::En, Choice::Holds) => "its range holds the as-of date",
            (Lang::En, Choice::LatestEnded) => "the latest that ended before the as-of date",
            (Lang::En, Choice::Earliest) => "the as-of date is before every plan: the earliest",
        }
    }
}

/// Every plan found, in order of their start, and which one is in use.
#[derive(Debug, Clone)]
pub struct Plans {
    pub found: Vec<FoundPlan>,
    pub in_use: usize,
    pub choice: Choice,
}

/// Why the data directory's plans cannot be used together (the words are
/// [`crate::i18n::Refusal`]'s; `Display` is the English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlansError {
    /// Two plans share days: each one's name, start and end.
    Overlap {
        first: (String, NaiveDate, NaiveDate),
        second: (String, NaiveDate, NaiveDate),
    },
    /// `--year` names a year no plan is of (`years`: those there are).
    NoPlanOfYear { year: i32, years: Vec<i32> },
    /// The `plans` folder of a data directory cannot be used.
    Folder { path: String, why: FolderWhy },
    /// A plan file whose `.toml` is not in lower case (`rename`: the name it needs).
    Extension { path: String, rename: String },
}

/// Why a data directory's `plans` folder cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FolderWhy {
    NotAFolder,
    /// A symbolic link to nothing.
    LeadsNowhere,
    /// The system refused (its kind and its own words).
    CannotRead {
        kind: std::io::ErrorKind,
        said: String,
    },
}

impl std::fmt::Display for PlansError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlansError::Overlap { first, second } => write!(
                f,
                "the plans {} ({} to {}) and {} ({} to {}) overlap",
                first.0, first.1, first.2, second.0, second.1, second.2
            ),
            PlansError::NoPlanOfYear { year, .. } => {
                write!(f, "--year {year}: the data directory has no plan of {year}")
            }
            PlansError::Folder { path, why } => write!(f, "the plans folder {path}: {why:?}"),
            PlansError::Extension { path, rename } => {
                write!(f, "{path}: a plan file ends in .toml; rename it {rename}")
            }
        }
    }
}

impl std::error::Error for PlansError {}

/// Reads and validates one plan file.
pub fn read_plan(path: &Path) -> Result<Plan> {
    let bytes = files::read_limited(path, MAX_PLAN_BYTES)
        .with_context(|| format!("cannot read the plan {}", path.display()))?;
    let Ok(text) = String::from_utf8(bytes) else {
        let problem = crate::plan::PlanProblem {
            line: 1,
            column: 1,
            fault: crate::plan::PlanFault::NotUtf8,
        };
        return Err(crate::plan::PlanError {
            file: path.display().to_string(),
            problems: vec![problem],
            lang: None,
        }
        .into());
    };
    Ok(Plan::parse(&text, &path.display().to_string())?)
}

/// The plan files of a data directory: `plan.toml`, then `plans/*.toml` by name.
///
/// Never silent: a `plans` that is there but is not a folder cchc can read (a
/// file, a symbolic link that leads nowhere, a folder it may not read) is an
/// error, and so is a plan named `*.TOML` or `*.Toml` (the lower-case name is
/// the one read); falling back to another plan would count against the wrong
/// plan without a word. Other files in `plans/` (notes, backups) are left alone.
pub fn plan_files(data_dir: &Path) -> Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    if !data_dir.is_dir() {
        // Missing, or not a directory: the store says so when it matters.
        return Ok(paths);
    }
    let single = data_dir.join("plan.toml");
    if files::regular_or_absent(&single)
        .with_context(|| format!("cannot read the plan {}", single.display()))?
        .is_some()
    {
        paths.push(single);
    }
    let dir = data_dir.join("plans");
    let refused = |why: FolderWhy| {
        anyhow::Error::from(PlansError::Folder {
            path: dir.display().to_string(),
            why,
        })
    };
    let cannot_read = |e: std::io::Error| {
        refused(FolderWhy::CannotRead {
            kind: e.kind(),
            said: e.to_string(),
        })
    };
    match std::fs::symlink_metadata(&dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(paths),
        Err(e) => return Err(cannot_read(e)),
        Ok(_) => {}
    }
    match std::fs::metadata(&dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(refused(FolderWhy::LeadsNowhere));
        }
        Err(e) => return Err(cannot_read(e)),
        Ok(meta) if !meta.is_dir() => return Err(refused(FolderWhy::NotAFolder)),
        Ok(_) => {}
    }
    let mut found: Vec<PathBuf> = Vec::new();
    for entry in std::fs::read_dir(&dir).map_err(cannot_read)? {
        let path = entry.map_err(cannot_read)?.path();
        let Some(extension) = path.extension() else {
            continue;
        };
        if extension == "toml" {
            found.push(path);
        } else if extension.eq_ignore_ascii_case("toml") {
            let rename = path.with_extension("toml");
            let rename = rename
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            return Err(PlansError::Extension {
                path: path.display().to_string(),
                rename,
            }
            .into());
        }
    }
    found.sort();
    paths.extend(found);
    Ok(paths)
}

impl Plans {
    /// One plan, in use because it is the only one.
    pub fn single(path: Option<PathBuf>, plan: Plan) -> Plans {
        Plans {
            found: vec![FoundPlan { path, plan }],
            in_use: 0,
            choice: Choice::Only,
        }
    }

    /// The plans of a data directory (at least one file): overlapping ranges are an
    /// error naming both files; `year` or `as_of` chooses.
    pub fn of_data_dir(paths: &[PathBuf], year: Option<i32>, as_of: NaiveDate) -> Result<Plans> {
        let mut found = Vec::new();
        for path in paths {
            found.push(FoundPlan {
                path: Some(path.clone()),
                plan: read_plan(path)?,
            });
        }
        Plans::choose(found, year, as_of)
    }

    /// Checks plans already read (no overlaps) and chooses the one in use.
    pub fn choose(mut found: Vec<FoundPlan>, year: Option<i32>, as_of: NaiveDate) -> Result<Plans> {
        found.sort_by_key(|f| f.plan.start);
        for pair in found.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if b.plan.start <= a.plan.end {
                return Err(PlansError::Overlap {
                    first: (a.name(), a.plan.start, a.plan.end),
                    second: (b.name(), b.plan.start, b.plan.end),
                }
                .into());
            }
        }
        let ranges: Vec<(NaiveDate, NaiveDate)> =
            found.iter().map(|f| (f.plan.start, f.plan.end)).collect();
        for (i, f) in found.iter_mut().enumerate() {
            f.plan.neighbours = ranges
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, r)| *r)
                .collect();
        }
        let (in_use, choice) = match year {
            Some(y) => {
                let of_year = |i: &usize| found[*i].year() == y;
                let holding = (0..found.len()).find(|i| of_year(i) && found[*i].plan.covers(as_of));
                let Some(i) = holding.or_else(|| (0..found.len()).rfind(of_year)) else {
                    let mut years: Vec<i32> = found.iter().map(FoundPlan::year).collect();
                    years.dedup();
                    return Err(PlansError::NoPlanOfYear { year: y, years }.into());
                };
                (i, Choice::Year)
            }
            None if found.len() == 1 => (0, Choice::Only),
            None => {
                if let Some(i) = found.iter().position(|f| f.plan.covers(as_of)) {
                    (i, Choice::Holds)
                } else if let Some(i) = found.iter().rposition(|f| f.plan.end < as_of) {
                    (i, Choice::LatestEnded)
                } else {
                    (0, Choice::Earliest)
                }
            }
        };
        Ok(Plans {
            found,
            in_use,
            choice,
        })
    }

    pub fn in_use(&self) -> &FoundPlan {
        &self.found[self.in_use]
    }

    /// The plan of `year` for a one-off plan dated `date`: of two plans of that
    /// year (one replaced from 1 July), the one whose range holds the date, else the
    /// first that ends after it, else the later — as the evaluator counts it
    /// ([`Plan::owns_plan_submission`]).
    pub fn of_year(&self, year: i32, date: NaiveDate) -> Option<&FoundPlan> {
        self.found
            .iter()
            .find(|f| f.plan.owns_plan_submission(Some(year), date))
    }

    /// The plan a record belongs to: a report, the plan that has its period; a
    /// one-off plan, the plan it counts for ([`Plan::owns_plan_submission`]: by
    /// the year it names, and by its date); anything else, the plan whose range
    /// holds its date, else one that accepts the date for its kind (a whole week or
    /// a cut-off period reaching over the range, late work). With a single plan,
    /// that plan.
    pub fn of_record(
        &self,
        kind: RecordKind,
        date: NaiveDate,
        period: Option<&str>,
    ) -> Option<&FoundPlan> {
        if self.found.len() == 1 {
            return self.found.first();
        }
        let key = period.and_then(|p| parse_label(p).ok());
        match (kind, key) {
            (RecordKind::Report, Some(key)) => {
                self.found.iter().find(|f| f.plan.has_report_period(key))
            }
            (RecordKind::Plan, Some(PeriodKey::Year(year))) => self.of_year(year, date),
            (RecordKind::Plan, None) if period.is_none() => self
                .found
                .iter()
                .find(|f| f.plan.owns_plan_submission(None, date)),
            _ => self
                .found
                .iter()
                .find(|f| f.plan.covers(date))
                .or_else(|| self.found.iter().find(|f| f.plan.accepts_date(kind, date))),
        }
    }

    /// The plan a unit's dated record (an article, a broadcast, an activity)
    /// belongs to: [`Plans::of_record`]'s when `has_unit` holds there; else
    /// another plan that accepts the date for the kind and has the unit. A commune
    /// that is new in next year's plan logs an article of 20 December that counts
    /// for that plan's first quarter cut on the 14th, or a broadcast of the week
    /// over New Year: the records count there, so they are checked there. Plans
    /// and reports belong by their period alone.
    pub fn of_unit_record(
        &self,
        kind: RecordKind,
        date: NaiveDate,
        period: Option<&str>,
        mut has_unit: impl FnMut(&Plan) -> bool,
    ) -> Option<&FoundPlan> {
        let first = self.of_record(kind, date, period)?;
        if matches!(kind, RecordKind::Plan | RecordKind::Report) || has_unit(&first.plan) {
            return Some(first);
        }
        self.found
            .iter()
            .filter(|f| !std::ptr::eq(*f, first))
            .find(|f| f.plan.accepts_date(kind, date) && has_unit(&f.plan))
            .or(Some(first))
    }

    /// "2022 (01/01/2022 – 31/12/2022), 2023 (…)": the ranges, for messages.
    pub fn ranges(&self, lang: Lang) -> String {
        self.found
            .iter()
            .map(|f| {
                format!(
                    "{} ({} – {})",
                    f.shown(lang),
                    lang.date(f.plan.start),
                    lang.date(f.plan.end)
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_text(start: &str, end: &str) -> String {
        format!(
            "[plan]\ntitle = \"T\"\nissuer = \"I\"\nstart = {start}\nend = {end}\n[[unit]]\nid = \"a\"\nname = \"A\"\nkind = \"k\"\n[[rule]]\nid = \"r\"\ntitle = \"R\"\nunits = [\"a\"]\nrecord = \"report\"\nevery = \"quarter\"\ndue_day = 5\n"
        )
    }

    fn dir_with(plans: &[(&str, &str, &str)]) -> (tempfile::TempDir, Vec<PathBuf>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("plans")).unwrap();
        for (name, start, end) in plans {
            std::fs::write(dir.path().join("plans").join(name), plan_text(start, end)).unwrap();
        }
        let paths = plan_files(dir.path()).unwrap();
        (dir, paths)
    }

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn the_plan_in_use_follows_the_as_of_date() {
        let (_dir, paths) = dir_with(&[
            ("2022.toml", "2022-01-01", "2022-12-31"),
            ("2023.toml", "2023-01-01", "2023-12-31"),
        ]);
        let pick = |as_of: &str| {
            let plans = Plans::of_data_dir(&paths, None, d(as_of)).unwrap();
            (plans.in_use().year(), plans.choice)
        };
        assert_eq!(pick("2022-06-01"), (2022, Choice::Holds));
        assert_eq!(pick("2023-01-05"), (2023, Choice::Holds));
        assert_eq!(pick("2024-01-05"), (2023, Choice::LatestEnded));
        assert_eq!(pick("2021-12-01"), (2022, Choice::Earliest));
        let plans = Plans::of_data_dir(&paths, Some(2022), d("2023-01-05")).unwrap();
        assert_eq!((plans.in_use().year(), plans.choice), (2022, Choice::Year));
        let err = Plans::of_data_dir(&paths, Some(2021), d("2023-01-05")).unwrap_err();
        assert!(err.to_string().contains("no plan of 2021"), "{err}");
        // A report belongs to the plan that has its period; other records by date.
        let plans = Plans::of_data_dir(&paths, None, d("2023-01-20")).unwrap();
        let of =
            |kind, date: &str, period| plans.of_record(kind, d(date), period).map(|f| f.year());
        assert_eq!(
            of(RecordKind::Report, "2023-01-05", Some("2022-Q4")),
            Some(2022)
        );
        assert_eq!(of(RecordKind::Plan, "2023-01-20", Some("2022")), Some(2022));
        assert_eq!(of(RecordKind::Plan, "2023-01-20", None), Some(2023));
        assert_eq!(of(RecordKind::Article, "2022-12-30", None), Some(2022));
        assert_eq!(of(RecordKind::Article, "2025-01-01", None), None);
    }

    /// Regression: of two plans of one year (one replaced from 1 July), a unit's
    /// one-off plan for the second, stored with the year alone, also counted
    /// (late) for the first.
    #[test]
    fn of_two_plans_of_one_year_a_one_off_plan_fulfils_only_its_own() {
        let text = |start: &str, end: &str, due: &str| {
            format!(
                "[plan]\ntitle = \"T\"\nissuer = \"I\"\nstart = {start}\nend = {end}\n[[unit]]\nid = \"a\"\nname = \"A\"\nkind = \"k\"\n[[rule]]\nid = \"kh\"\ntitle = \"KH\"\nunits = [\"a\"]\nrecord = \"plan\"\ndue = {due}\n"
            )
        };
        let found = |start, end, due| FoundPlan {
            path: None,
            plan: Plan::parse(&text(start, end, due), "p.toml").unwrap(),
        };
        let plans = Plans::choose(
            vec![
                found("2025-07-01", "2025-12-31", "2025-07-31"),
                found("2025-01-01", "2025-06-30", "2025-02-28"),
            ],
            None,
            d("2025-08-10"),
        )
        .unwrap();
        let submission = |date: &str| crate::record::Submission {
            id: "S1".into(),
            unit: "a".into(),
            kind: crate::record::SubmissionKind::Plan,
            period: Some("2025".into()),
            date: d(date),
            reference: None,
            rule: Some("kh".into()),
            logged_at: String::new(),
        };
        let counts_for = |date: &str| -> Vec<String> {
            plans
                .found
                .iter()
                .filter(|f| {
                    let s = submission(date);
                    crate::fact::target_rule(&f.plan, 0, &s.fact()) == crate::fact::Target::Rule(0)
                })
                .map(|f| f.plan.start.to_string())
                .collect()
        };
        assert_eq!(counts_for("2025-08-05"), ["2025-07-01"]);
        assert_eq!(counts_for("2025-02-10"), ["2025-01-01"]);
        // Sent after both (late): the later plan's, as `log` stores it.
        assert_eq!(counts_for("2026-01-10"), ["2025-07-01"]);
        assert_eq!(
            plans.of_year(2025, d("2026-01-10")).map(|f| f.plan.start),
            Some(d("2025-07-01"))
        );
    }

    #[test]
    fn overlapping_plans_are_refused_naming_both_and_a_year_may_have_two() {
        let (_dir, paths) = dir_with(&[
            ("a.toml", "2022-01-01", "2022-12-31"),
            ("b.toml", "2022-12-01", "2023-11-30"),
        ]);
        let err = Plans::of_data_dir(&paths, None, d("2023-01-05"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("a.toml") && err.contains("b.toml") && err.contains("overlap"),
            "{err}"
        );
        // A plan replaced from 1 July: two plans of 2022.
        let (_dir, paths) = dir_with(&[
            ("a.toml", "2022-01-01", "2022-06-30"),
            ("b.toml", "2022-07-01", "2022-12-31"),
        ]);
        let name = |plans: &Plans| plans.in_use().name();
        let pick = |year, as_of: &str| Plans::of_data_dir(&paths, year, d(as_of)).unwrap();
        assert!(name(&pick(None, "2022-03-01")).ends_with("a.toml"));
        assert!(name(&pick(None, "2022-09-01")).ends_with("b.toml"));
        // --year 2022: the one in force on the as-of date, else the later.
        assert!(name(&pick(Some(2022), "2022-03-01")).ends_with("a.toml"));
        assert!(name(&pick(Some(2022), "2023-01-05")).ends_with("b.toml"));
        // A one-off plan of 2022 belongs to the plan of its date.
        let plans = pick(None, "2022-09-01");
        let of = |date: &str| {
            plans
                .of_record(RecordKind::Plan, d(date), Some("2022"))
                .map(FoundPlan::name)
                .unwrap()
        };
        assert!(of("2022-02-10").ends_with("a.toml"));
        assert!(of("2022-07-20").ends_with("b.toml"));
        assert!(of("2023-01-10").ends_with("b.toml"));
    }
}
