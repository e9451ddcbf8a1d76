//! Flags, environment and discovery resolved once into [`Settings`]: which plan,
//! which data directory, which language, which day is "today".

use std::ffi::OsString;
use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

use crate::cli::{ColorChoice, GlobalArgs};
use crate::date_arg::parse_date;
use crate::lang::Lang;
use crate::plan::Plan;
use crate::plans::{Plans, read_plan};

/// Where the plans come from, in the order they are looked for: `--plan`,
/// `$CCHC_PLAN`, the data directory's plans (`plan.toml` and `plans/*.toml`),
/// `./plan.toml`. The built-in plan only when asked for (`--plan builtin`): a
/// cron job whose data directory or plan is not where it looks must fail, not
/// quietly evaluate Hàm Tân 2022 (docs/reference.md, "Where things are").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanSource {
    /// `--plan FILE`
    Flag(PathBuf),
    /// `$CCHC_PLAN`
    Env(PathBuf),
    /// Every plan file of the data directory (at least one).
    DataDir(Vec<PathBuf>),
    /// `./plan.toml`
    WorkingDir(PathBuf),
    /// The repository's `plan.toml`, compiled in: `--plan builtin`.
    BuiltIn,
    /// Nothing found: every command that needs a plan refuses, saying what to do.
    Missing,
}

/// The value of `--plan` that names the built-in plan instead of a file (a file
/// of that name is `./builtin`).
pub const BUILT_IN_PLAN_NAME: &str = "builtin";

impl PlanSource {
    /// Why plans were looked for there, for `cchc plan`.
    pub fn describe(&self, lang: Lang) -> String {
        use crate::i18n::FirstDay;
        match self {
            PlanSource::Flag(_) => FirstDay::SourceFlag,
            PlanSource::Env(_) => FirstDay::SourceEnv,
            PlanSource::DataDir(_) => FirstDay::SourceDataDir,
            PlanSource::WorkingDir(_) => FirstDay::SourceWorkingDir,
            PlanSource::BuiltIn | PlanSource::Missing => FirstDay::SourceBuiltIn,
        }
        .text(lang)
    }
}

/// Looks up an environment variable, as the operating system holds it: a path
/// need not be UTF-8, and one that is not must not read as unset.
pub type VarLookup = Box<dyn Fn(&str) -> Option<OsString>>;

/// What the process was started with, besides its arguments. Tests build their own.
pub struct Environment {
    pub vars: VarLookup,
    pub working_dir: PathBuf,
    /// The local date of the clock, used when `--as-of` is not given.
    pub today: NaiveDate,
    pub stdout_is_terminal: bool,
    /// The terminal's width in columns, when stdout is a terminal that reports one.
    pub terminal_width: Option<usize>,
    /// `dirs::data_dir()`.
    pub user_data_dir: Option<PathBuf>,
}

impl Environment {
    /// The real process environment and clock.
    pub fn from_process() -> Environment {
        use std::io::IsTerminal;
        Environment {
            vars: Box::new(|name| std::env::var_os(name)),
            working_dir: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            today: chrono::Local::now().date_naive(),
            stdout_is_terminal: std::io::stdout().is_terminal(),
            // A terminal that reports 0 columns reports nothing.
            terminal_width: std::io::stdout()
                .is_terminal()
                .then(|| comfy_table::Table::new().width())
                .flatten()
                .map(usize::from)
                .filter(|w| *w > 0),
            user_data_dir: dirs::data_dir(),
        }
    }

    /// A variable that is set and not blank (bytes that are not UTF-8 become
    /// U+FFFD, so a mangled `CCHC_LANG` is refused, not ignored).
    fn var(&self, name: &str) -> Option<String> {
        (self.vars)(name)
            .map(|v| v.to_string_lossy().into_owned())
            .filter(|v| !v.trim().is_empty())
    }

    /// A path variable: unset is `None`; set but empty is an error (in cron an empty
    /// `CCHC_DATA=` would otherwise quietly mean another directory).
    fn path_var(&self, name: &str) -> Result<Option<PathBuf>> {
        // Taken as the bytes it is: `CCHC_DATA` naming a folder whose name is not
        // UTF-8 (a legacy encoding) was read as unset, and records went quietly
        // into the default data directory.
        match (self.vars)(name) {
            None => Ok(None),
            Some(v) if v.to_string_lossy().trim().is_empty() => {
                bail!(
                    "{name} được đặt nhưng để trống; bỏ biến này hoặc ghi đường dẫn ({name} is set but empty; unset it or give it a path)"
                )
            }
            Some(v) => Ok(Some(PathBuf::from(v))),
        }
    }
}

/// Everything a command needs to know before it loads anything.
#[derive(Debug, Clone)]
pub struct Settings {
    pub plan_source: PlanSource,
    /// `--year`: the data directory's plan of that year is the one in use.
    pub year: Option<i32>,
    pub data_dir: PathBuf,
    /// `--lang` or `$CCHC_LANG`; else the plan's, else Vietnamese.
    pub lang_override: Option<Lang>,
    pub as_of: NaiveDate,
    /// Colour status marks (stdout is a terminal and `NO_COLOR` is unset).
    pub color: bool,
    /// The width tables must fit, when there is one.
    pub width: Option<usize>,
}

impl Settings {
    pub fn resolve(args: &GlobalArgs, env: &Environment) -> Result<Settings> {
        let data_dir = match (&args.data, env.path_var("CCHC_DATA")?) {
            (Some(dir), _) => dir.clone(),
            (None, Some(dir)) => dir,
            (None, None) => env
                .user_data_dir
                .as_ref()
                .map(|d| d.join("cchc"))
                .context("không biết lưu dữ liệu ở đâu: dùng --data DIR hoặc đặt CCHC_DATA (cannot tell where to keep data: pass --data DIR or set CCHC_DATA)")?,
        };
        let lang_override = match (&args.lang, env.var("CCHC_LANG")) {
            (Some(l), _) => Some(
                Lang::parse(l)
                    .with_context(|| format!("--lang `{l}`: dùng vi hoặc en (use vi or en)"))?,
            ),
            (None, Some(l)) => Some(
                Lang::parse(&l)
                    .with_context(|| format!("CCHC_LANG=`{l}`: dùng vi hoặc en (use vi or en)"))?,
            ),
            (None, None) => None,
        };
        // Before a plan is read, its language is not known: the one asked for,
        // else Vietnamese.
        let lang = lang_override.unwrap_or(Lang::Vi);
        let data_dir_plans = crate::plans::plan_files(&data_dir).map_err(|e| {
            match e.downcast::<crate::plans::PlansError>() {
                Ok(error) => anyhow::anyhow!(crate::i18n::plans_error_text(&error, lang)),
                Err(e) => e,
            }
        })?;
        let plan_source = if let Some(p) = &args.plan {
            if p.as_os_str() == BUILT_IN_PLAN_NAME {
                PlanSource::BuiltIn
            } else {
                PlanSource::Flag(p.clone())
            }
        } else if let Some(p) = env.path_var("CCHC_PLAN")? {
            PlanSource::Env(p)
        } else if !data_dir_plans.is_empty() {
            PlanSource::DataDir(data_dir_plans)
        } else if env.working_dir.join("plan.toml").is_file() {
            PlanSource::WorkingDir(PathBuf::from("plan.toml"))
        } else {
            PlanSource::Missing
        };
        if let Some(year) = args.year {
            match &plan_source {
                PlanSource::DataDir(_) => {}
                PlanSource::Flag(_) | PlanSource::Env(_) | PlanSource::BuiltIn => {
                    bail!(crate::i18n::Refusal::YearWithPlanFlag { year }.text(lang))
                }
                PlanSource::WorkingDir(_) | PlanSource::Missing => {
                    let dir = data_dir.display().to_string();
                    let refusal = crate::i18n::Refusal::YearWithoutPlans { year, dir: &dir };
                    bail!(refusal.text(lang))
                }
            }
        }
        let as_of = match &args.as_of {
            Some(text) => parse_date(text, env.today).map_err(|e| {
                let lang = lang_override.unwrap_or(Lang::Vi);
                anyhow::anyhow!(crate::i18n::Refusal::date("--as-of", text, e).text(lang))
            })?,
            None => env.today,
        };
        let color = match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                env.stdout_is_terminal && (env.vars)("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        // The terminal's width, else COLUMNS, else none (no wrapping); NO_COLOR is
        // about colour only.
        let width = env.terminal_width.or_else(|| {
            env.var("COLUMNS")
                .and_then(|c| c.trim().parse::<usize>().ok())
                .filter(|w| *w > 0)
        });
        Ok(Settings {
            width,
            plan_source,
            year: args.year,
            data_dir,
            lang_override,
            as_of,
            color,
        })
    }

    /// A plan named by file, knowing the ranges of the data directory's plans that
    /// do not overlap it (the file may be one of them; unreadable ones are left
    /// out): the one-off plans logged for those are theirs, not this plan's, as
    /// when the data directory's plans are used ([`Plan::owns_plan_submission`]).
    fn beside_data_dir(&self, mut plan: Plan) -> Plan {
        let paths = crate::plans::plan_files(&self.data_dir).unwrap_or_default();
        plan.neighbours = paths
            .iter()
            .filter_map(|path| read_plan(path).ok())
            .map(|other| (other.start, other.end))
            .filter(|(start, end)| *end < plan.start || plan.end < *start)
            .collect();
        plan
    }

    /// Reads and validates every plan, and chooses the one in use.
    pub fn load_plans(&self) -> Result<Plans> {
        match &self.plan_source {
            PlanSource::Flag(p) | PlanSource::Env(p) | PlanSource::WorkingDir(p) => Ok(
                Plans::single(Some(p.clone()), self.beside_data_dir(read_plan(p)?)),
            ),
            PlanSource::DataDir(paths) => Plans::of_data_dir(paths, self.year, self.as_of),
            PlanSource::BuiltIn => Ok(Plans::single(None, self.beside_data_dir(Plan::built_in()))),
            PlanSource::Missing => {
                let dir = self.data_dir.display().to_string();
                let said = crate::i18n::FirstDay::NoPlan {
                    data_dir: &dir,
                    data_dir_exists: self.data_dir.exists(),
                };
                bail!(said.text(self.lang_for(None)))
            }
        }
    }

    /// Refuses to go on without a data directory: `check` and `remind` are what
    /// cron runs, and a directory cron does not find (no `CCHC_DATA` there) must
    /// not read as "nothing missed" (docs/reference.md, "cron").
    pub fn require_data_dir(&self, command: &str, lang: Lang) -> Result<()> {
        // Anything there (a dangling link, a file) is the store's to describe.
        match std::fs::symlink_metadata(&self.data_dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            _ => return Ok(()),
        }
        let dir = self.data_dir.display().to_string();
        bail!(crate::i18n::FirstDay::NoDataDir { dir: &dir, command }.text(lang))
    }

    /// The language of messages before a plan is read (`--lang`, `$CCHC_LANG`,
    /// else Vietnamese): what an error of the command line itself is said in.
    pub fn asked_lang(args: &GlobalArgs, env: &Environment) -> Lang {
        args.lang
            .as_deref()
            .map(str::to_string)
            .or_else(|| env.var("CCHC_LANG"))
            .and_then(|l| Lang::parse(&l))
            .unwrap_or(Lang::Vi)
    }

    /// The language of tables and messages for this plan.
    pub fn lang(&self, plan: &Plan) -> Lang {
        self.lang_for(plan.lang)
    }

    /// The language asked for, else the plan's (`plan_lang`), else Vietnamese.
    pub fn lang_for(&self, plan_lang: Option<Lang>) -> Lang {
        self.lang_override.or(plan_lang).unwrap_or(Lang::Vi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::path::Path;

    fn env(vars: &[(&str, &str)], cwd: &Path) -> Environment {
        let vars: HashMap<String, OsString> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), OsString::from(v)))
            .collect();
        Environment {
            vars: Box::new(move |name| vars.get(name).cloned()),
            working_dir: cwd.to_path_buf(),
            today: NaiveDate::from_ymd_opt(2022, 5, 1).unwrap(),
            stdout_is_terminal: true,
            terminal_width: None,
            user_data_dir: Some(PathBuf::from("/home/u/.local/share")),
        }
    }

    fn args() -> GlobalArgs {
        GlobalArgs {
            plan: None,
            data: None,
            lang: None,
            as_of: None,
            year: None,
            color: ColorChoice::Auto,
        }
    }

    #[test]
    fn flags_beat_environment_beat_defaults() {
        let cwd = tempfile::tempdir().unwrap();
        let s = Settings::resolve(&args(), &env(&[], cwd.path())).unwrap();
        assert_eq!(s.data_dir, PathBuf::from("/home/u/.local/share/cchc"));
        // Nothing found is no plan at all: the built-in one only when asked for.
        assert_eq!(s.plan_source, PlanSource::Missing);
        let err = s.load_plans().unwrap_err().to_string();
        assert!(
            err.contains("không tìm thấy kế hoạch") && err.contains("/home/u/.local/share/cchc"),
            "{err}"
        );
        let mut builtin = args();
        builtin.plan = Some(PathBuf::from(BUILT_IN_PLAN_NAME));
        let s2 = Settings::resolve(&builtin, &env(&[], cwd.path())).unwrap();
        assert_eq!(s2.plan_source, PlanSource::BuiltIn);
        assert_eq!(s.as_of, NaiveDate::from_ymd_opt(2022, 5, 1).unwrap());
        assert!(s.color);

        let e = env(
            &[
                ("CCHC_DATA", "/d"),
                ("CCHC_PLAN", "/p.toml"),
                ("CCHC_LANG", "en"),
                ("NO_COLOR", "1"),
            ],
            cwd.path(),
        );
        let s = Settings::resolve(&args(), &e).unwrap();
        assert_eq!(s.data_dir, PathBuf::from("/d"));
        assert_eq!(s.plan_source, PlanSource::Env(PathBuf::from("/p.toml")));
        assert_eq!(s.lang_override, Some(Lang::En));
        assert!(!s.color, "NO_COLOR turns colour off");
        let mut always = args();
        always.color = ColorChoice::Always;
        assert!(Settings::resolve(&always, &e).unwrap().color);

        let mut a = args();
        a.data = Some(PathBuf::from("/flag"));
        a.plan = Some(PathBuf::from("/flag.toml"));
        a.lang = Some("vi".into());
        a.as_of = Some("yesterday".into());
        let s = Settings::resolve(&a, &e).unwrap();
        assert_eq!(s.data_dir, PathBuf::from("/flag"));
        assert_eq!(s.plan_source, PlanSource::Flag(PathBuf::from("/flag.toml")));
        assert_eq!(s.lang_override, Some(Lang::Vi));
        assert_eq!(s.as_of, NaiveDate::from_ymd_opt(2022, 4, 30).unwrap());
    }

    /// The data directory's plans come before `./plan.toml`: the repository's own
    /// plan.toml must not replace the plan a coordinator edited in the data.
    #[test]
    fn data_dir_plans_then_plan_toml_in_working_dir() {
        let cwd = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        let e = env(&[("CCHC_DATA", data.path().to_str().unwrap())], cwd.path());
        std::fs::write(cwd.path().join("plan.toml"), "").unwrap();
        let s = Settings::resolve(&args(), &e).unwrap();
        assert_eq!(
            s.plan_source,
            PlanSource::WorkingDir(PathBuf::from("plan.toml"))
        );
        std::fs::write(data.path().join("plan.toml"), "").unwrap();
        std::fs::create_dir(data.path().join("plans")).unwrap();
        std::fs::write(data.path().join("plans").join("2023.toml"), "").unwrap();
        std::fs::write(data.path().join("plans").join("notes.txt"), "").unwrap();
        let s = Settings::resolve(&args(), &e).unwrap();
        assert_eq!(
            s.plan_source,
            PlanSource::DataDir(vec![
                data.path().join("plan.toml"),
                data.path().join("plans").join("2023.toml")
            ])
        );
        let mut with_year = args();
        with_year.year = Some(2023);
        with_year.plan = Some(PathBuf::from("/p.toml"));
        let err = Settings::resolve(&with_year, &e).unwrap_err().to_string();
        assert!(err.contains("không dùng cùng --plan"), "{err}");
    }

    #[test]
    fn bad_language_and_date_are_errors() {
        let cwd = tempfile::tempdir().unwrap();
        assert!(Settings::resolve(&args(), &env(&[("CCHC_LANG", "fr")], cwd.path())).is_err());
        let mut a = args();
        a.as_of = Some("31/2/2022".into());
        let err = Settings::resolve(&a, &env(&[], cwd.path())).unwrap_err();
        assert!(err.to_string().starts_with("--as-of:"), "{err}");
    }
}
