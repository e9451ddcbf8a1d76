//! `cchc init`: write a plan to `<data dir>/plan.toml` for editing — an example by
//! name (`--example`, listed by `--list-examples`), a plan file (`--from FILE` or the
//! global `--plan FILE`), else the built-in plan; with `--year YYYY`, carry the
//! latest plan (or the one named) into a new year as `<data dir>/plans/YYYY.toml`.

use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use crate::cli::InitArgs;
use crate::error::Exit;
use crate::example_plans::{EXAMPLE_PLANS, ExamplePlan};
use crate::i18n::{FirstDay, Lang, Notice, Refusal};
use crate::plan::{BUILT_IN_PLAN, Plan, rollover};
use crate::plans::{FoundPlan, Plans, plan_files, read_plan};
use crate::settings::{PlanSource, Settings};

pub fn run(settings: &Settings, args: InitArgs, out: &mut dyn Write) -> Result<Exit> {
    if args.list_examples {
        return list_examples(settings.lang_for(None), out);
    }
    let named = named_source(settings, &args)?;
    let dir = &settings.data_dir;
    crate::store::check_dir(dir)?;
    if let Some(year) = args.year
        && !YEARS.contains(&year)
    {
        let guard = crate::i18n::Guard::YearOutOfRange {
            year,
            min: *YEARS.start(),
            max: *YEARS.end(),
        };
        bail!(guard.text(settings.lang_for(None)));
    }
    match args.year {
        None => write_plan(settings, named, args.force, out),
        Some(year) => new_year(settings, year, args.force, named, out),
    }
}

/// `init --list-examples`: a line per example, its name and what it is.
fn list_examples(lang: Lang, out: &mut dyn Write) -> Result<Exit> {
    let width = EXAMPLE_PLANS
        .iter()
        .map(|e| e.name.len())
        .max()
        .unwrap_or(0);
    for example in EXAMPLE_PLANS {
        writeln!(out, "{:width$}  {}", example.name, example.summary())?;
    }
    writeln!(out, "\n{}", FirstDay::ExamplesHint.text(lang))?;
    Ok(Exit::Ok)
}

/// The plan `init` was told to start from: `--from FILE`, `--example NAME` or the
/// global `--plan FILE` (at most one of them); `None`: the built-in plan (also
/// `--plan builtin`), or for `--year` the data directory's latest.
fn named_source(settings: &Settings, args: &InitArgs) -> Result<Option<Source>> {
    let lang = settings.lang_for(None);
    let plan_flag = match &settings.plan_source {
        PlanSource::Flag(path) => Some(path.clone()),
        _ => None,
    };
    let given: Vec<&str> = [
        (args.from.is_some(), "--from"),
        (args.example.is_some(), "--example"),
        (plan_flag.is_some(), "--plan"),
    ]
    .iter()
    .filter(|(given, _)| *given)
    .map(|(_, flag)| *flag)
    .collect();
    if let [first, second, ..] = given[..] {
        bail!(FirstDay::TwoSources { first, second }.text(lang));
    }
    if let Some(name) = &args.example {
        let example = example(name, lang)?;
        return Ok(Some(Source {
            text: example.text.to_string(),
            plan: Plan::parse(example.text, example.name)?,
            path: None,
            name: example.name.to_string(),
            kept: true,
        }));
    }
    if let Some(path) = args.from.clone().or(plan_flag) {
        let plan = read_plan(&path)?;
        let text = std::fs::read_to_string(&path).with_context(|| {
            FirstDay::SourceNotAPlan {
                from: &path.display().to_string(),
            }
            .text(lang)
        })?;
        return Ok(Some(Source {
            text,
            plan,
            name: path.display().to_string(),
            path: Some(path),
            kept: true,
        }));
    }
    Ok(None)
}

/// The example called `name`, else a refusal listing them (and the closest).
fn example(name: &str, lang: Lang) -> Result<&'static ExamplePlan> {
    if let Some(found) = crate::example_plans::find(name) {
        return Ok(found);
    }
    let names: Vec<&str> = EXAMPLE_PLANS.iter().map(|e| e.name).collect();
    let said = FirstDay::UnknownExample {
        name,
        closest: crate::plan::closest(name, names.iter().copied()),
        names: &names.join(", "),
    };
    bail!(said.text(lang))
}

/// Writes `text` to `path` whole or not at all, refusing to replace a file unless
/// `force`: into an exclusive temporary beside it, flushed to disk, then put in
/// place (as git and SQLite do), so that a kill or a full disk leaves the old state
/// and never a torn plan. Without `force` the temporary is linked to `path`, which
/// fails when a file is there; with `force` it is renamed over it.
fn write_new(lang: Lang, path: &Path, text: &str, force: bool) -> Result<()> {
    let exists = || {
        let path = path.display().to_string();
        anyhow::anyhow!(Refusal::FileExists { path: &path }.text(lang))
    };
    let cannot = || format!("cannot write {}", path.display());
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(exists());
    }
    let target = crate::files::in_real_folder(path).with_context(cannot)?;
    let (mut file, temporary) = crate::files::exclusive_temporary(&target).with_context(cannot)?;
    let written = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all());
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(e).with_context(cannot);
    }
    if force {
        return crate::files::commit_temporary(
            file,
            &temporary,
            &target,
            crate::files::Group::WhenPossible,
        )
        .with_context(cannot);
    }
    if let Some(dir) = target.parent() {
        let _ = crate::files::share_like_folder(&file, dir);
    }
    drop(file);
    // A hard link is made only where no file is: the no-replace rename.
    let linked = std::fs::hard_link(&temporary, &target);
    let _ = std::fs::remove_file(&temporary);
    match linked {
        Ok(()) => {
            if let Ok(dir) = std::fs::File::open(target.parent().unwrap_or(Path::new("."))) {
                let _ = dir.sync_all();
            }
            Ok(())
        }
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(exists()),
        Err(e) => Err(e).with_context(cannot),
    }
}

/// The years a plan can have: four digits, as TOML dates and period labels write them.
const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// Writes the plan named (else the built-in one) to `<data dir>/plan.toml`, after
/// checking that it goes with the plans already under `plans/`.
fn write_plan(
    settings: &Settings,
    named: Option<Source>,
    force: bool,
    out: &mut dyn Write,
) -> Result<Exit> {
    let dir = &settings.data_dir;
    let path = dir.join("plan.toml");
    let source = named.unwrap_or_else(|| Source {
        text: BUILT_IN_PLAN.to_string(),
        plan: Plan::built_in(),
        path: None,
        name: crate::i18n::built_in_name(settings.lang_for(None)).to_string(),
        kept: false,
    });
    let lang = settings.lang(&source.plan);
    // The plans of other years stay; the new one must not overlap them.
    let mut after = Vec::new();
    for other in plan_files(dir)?.into_iter().filter(|p| *p != path) {
        after.push(FoundPlan {
            plan: read_plan(&other)?,
            path: Some(other),
        });
    }
    if !after.is_empty() {
        after.push(FoundPlan {
            plan: source.plan.clone(),
            path: Some(path.clone()),
        });
        Plans::choose(after, None, settings.as_of)?;
    }
    std::fs::create_dir_all(dir).with_context(|| {
        FirstDay::CannotCreateDir {
            path: &dir.display().to_string(),
        }
        .text(lang)
    })?;
    write_new(lang, &path, &source.text, force)?;
    writeln!(out, "{}", path.display())?;
    let shown = path.display().to_string();
    let notice = match &source.path {
        None if source.text == BUILT_IN_PLAN => Notice::WroteBuiltIn { path: &shown }.text(lang),
        _ => FirstDay::WroteFrom {
            path: &shown,
            from: &source.name,
        }
        .text(lang),
    };
    eprintln!("{notice}");
    Ok(Exit::Ok)
}

/// The plan a new year starts from: the data directory's latest, else
/// `./plan.toml`, else the built-in one; with its text and where it is.
struct Source {
    text: String,
    plan: Plan,
    /// `None`: the built-in plan or an example.
    path: Option<PathBuf>,
    /// As a person reads it: the file, the example's name, the built-in plan.
    name: String,
    /// Already a file under `<data dir>/plans/`, or named on the command line
    /// (an example or another file, not a year of this data): not saved there.
    kept: bool,
}

fn source(settings: &Settings, existing: &[FoundPlan], year: i32) -> Result<Source> {
    // The latest plan of an earlier year (with --force, the year itself is remade).
    if let Some(latest) = existing
        .iter()
        .filter(|f| f.year() < year)
        .max_by_key(|f| f.plan.end)
    {
        let path = latest
            .path
            .clone()
            .expect("a data directory plan has a file");
        let text = std::fs::read_to_string(&path).with_context(|| {
            FirstDay::CannotReadPlan {
                path: &path.display().to_string(),
            }
            .text(settings.lang_for(None))
        })?;
        let kept = path.parent() == Some(&settings.data_dir.join("plans"));
        return Ok(Source {
            text,
            plan: latest.plan.clone(),
            name: path.display().to_string(),
            path: Some(path),
            kept,
        });
    }
    let local = Path::new("plan.toml");
    if local.is_file() {
        return Ok(Source {
            text: std::fs::read_to_string(local).with_context(|| {
                FirstDay::CannotReadPlan {
                    path: "./plan.toml",
                }
                .text(settings.lang_for(None))
            })?,
            plan: read_plan(local)?,
            path: Some(local.to_path_buf()),
            name: local.display().to_string(),
            kept: false,
        });
    }
    Ok(Source {
        text: BUILT_IN_PLAN.to_string(),
        plan: Plan::built_in(),
        path: None,
        name: crate::i18n::built_in_name(settings.lang_for(None)).to_string(),
        kept: false,
    })
}

fn new_year(
    settings: &Settings,
    year: i32,
    force: bool,
    named: Option<Source>,
    out: &mut dyn Write,
) -> Result<Exit> {
    let dir = &settings.data_dir;
    let plans_dir = dir.join("plans");
    // Before the plans are read: the language asked for, else Vietnamese.
    let asked = settings.lang_for(None);
    let mut existing: Vec<FoundPlan> = Vec::new();
    let target = plans_dir.join(format!("{year}.toml"));
    for path in plan_files(dir)? {
        match read_plan(&path) {
            Ok(plan) => existing.push(FoundPlan {
                plan,
                path: Some(path),
            }),
            // The year's plan, torn or broken: --force writes it anew.
            Err(_) if force && path == target => {}
            Err(e) => return Err(e),
        }
    }
    if let Some(same) = existing.iter().find(|f| f.year() == year) {
        let path = same
            .path
            .as_deref()
            .expect("a data directory plan has a file");
        if path != target {
            let path = path.display().to_string();
            bail!(Refusal::AlreadyPlanOfYear { path: &path, year }.text(asked));
        }
        if !force {
            let path = target.display().to_string();
            bail!(Refusal::FileExists { path: &path }.text(asked));
        }
    }
    // A plan named on the command line may be of the same year (an example
    // written as this year's plan); the data's own latest must be earlier.
    let named_given = named.is_some();
    let from = match named {
        Some(named) => named,
        None => source(settings, &existing, year)?,
    };
    let from_year = from.plan.year();
    let years = year - from_year;
    if years < 0 || (years == 0 && !named_given) {
        let latest = from.name.clone();
        let refusal = Refusal::YearNotAfter {
            year,
            latest: &latest,
            latest_year: from_year,
        };
        bail!(refusal.text(settings.lang(&from.plan)));
    }
    let moved = rollover::move_years(&from.text, years, from_year);
    let new_plan = Plan::parse(&moved.text, &target.display().to_string()).with_context(|| {
        FirstDay::MovedPlanInvalid {
            year,
            from_year,
            target: &target.display().to_string(),
        }
        .text(settings.lang(&from.plan))
    })?;

    // Where the source goes first, when it is not under plans/ yet.
    let kept_as = plans_dir.join(format!("{from_year}.toml"));
    let moves_data_dir_plan = from.path.as_deref() == Some(&dir.join("plan.toml"));
    // Check the whole set as it will be, before anything is written.
    let mut after: Vec<FoundPlan> = existing
        .iter()
        .filter(|f| !(moves_data_dir_plan && f.path.as_deref() == Some(&dir.join("plan.toml"))))
        .filter(|f| !(force && f.path.as_deref() == Some(target.as_path())))
        .cloned()
        .collect();
    if !from.kept {
        after.push(FoundPlan {
            path: Some(kept_as.clone()),
            plan: from.plan.clone(),
        });
    }
    if target.exists() && !force {
        let path = target.display().to_string();
        bail!(Refusal::FileExists { path: &path }.text(asked));
    }
    after.push(FoundPlan {
        path: Some(target.clone()),
        plan: new_plan.clone(),
    });
    Plans::choose(after, None, settings.as_of)?;

    std::fs::create_dir_all(&plans_dir).with_context(|| {
        FirstDay::CannotCreateDir {
            path: &plans_dir.display().to_string(),
        }
        .text(settings.lang(&from.plan))
    })?;
    let lang = settings.lang(&from.plan);
    let name = |p: &Path| p.display().to_string();
    let from_name = from.name.clone();
    if !from.kept {
        if kept_as.exists() {
            let path = kept_as.display().to_string();
            let refusal = Refusal::KeptPlanExists {
                path: &path,
                year: from_year,
            };
            bail!(refusal.text(lang));
        }
        if moves_data_dir_plan {
            std::fs::rename(dir.join("plan.toml"), &kept_as).with_context(|| {
                FirstDay::CannotMovePlan {
                    to: &kept_as.display().to_string(),
                }
                .text(lang)
            })?;
            let notice = Notice::MovedPlan {
                year: from_year,
                from: &name(&dir.join("plan.toml")),
                to: &name(&kept_as),
            };
            eprintln!("{}", notice.text(lang));
        } else {
            write_new(lang, &kept_as, &from.text, false)?;
            let notice = Notice::KeptPlan {
                year: from_year,
                from: &from_name,
                to: &name(&kept_as),
            };
            eprintln!("{}", notice.text(lang));
        }
    }
    write_new(lang, &target, &moved.text, force)?;
    writeln!(out, "{}", target.display())?;
    let wrote = Notice::WroteYear {
        year,
        start: new_plan.start,
        end: new_plan.end,
        years,
        from: &from_name,
    };
    eprintln!("{}", wrote.text(lang));
    let mut review: Vec<Notice> = Vec::new();
    review.extend(
        moved
            .dates
            .iter()
            .map(|&(line, was, now)| Notice::DateMoved { line, was, now }),
    );
    review.extend(
        moved
            .labels
            .iter()
            .map(|(line, was, now)| Notice::LabelMoved {
                line: *line,
                was,
                now,
            }),
    );
    review.extend(moved.mentions.iter().map(|&line| Notice::StillSays {
        line,
        year: from_year,
    }));
    review.extend(
        moved
            .assumptions
            .iter()
            .map(|&line| Notice::Assumption { line }),
    );
    for notice in review {
        eprintln!("  {}", notice.text(lang));
    }
    eprintln!("{}", Notice::CheckWith { year }.text(lang));
    Ok(Exit::Ok)
}
