//! `cchc init`: write the built-in plan to `<data dir>/plan.toml` for editing; with
//! `--year YYYY`, carry the latest plan into a new year as `<data dir>/plans/YYYY.toml`.

use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use crate::error::Exit;
use crate::i18n::{Lang, Notice, Refusal};
use crate::plan::{BUILT_IN_PLAN, Plan, rollover};
use crate::plans::{FoundPlan, Plans, plan_files, read_plan};
use crate::settings::Settings;

pub fn run(
    settings: &Settings,
    force: bool,
    year: Option<i32>,
    out: &mut dyn Write,
) -> Result<Exit> {
    let dir = &settings.data_dir;
    crate::store::check_dir(dir)?;
    if let Some(year) = year
        && !YEARS.contains(&year)
    {
        let guard = crate::i18n::Guard::YearOutOfRange {
            year,
            min: *YEARS.start(),
            max: *YEARS.end(),
        };
        bail!(guard.text(settings.lang_for(None)));
    }
    match year {
        None => write_built_in(dir, force, settings.lang(&Plan::built_in()), out),
        Some(year) => new_year(settings, year, force, out),
    }
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

fn write_built_in(dir: &Path, force: bool, lang: Lang, out: &mut dyn Write) -> Result<Exit> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let path = dir.join("plan.toml");
    write_new(lang, &path, BUILT_IN_PLAN, force)?;
    writeln!(out, "{}", path.display())?;
    let shown = path.display().to_string();
    eprintln!("{}", Notice::WroteBuiltIn { path: &shown }.text(lang));
    Ok(Exit::Ok)
}

/// The plan a new year starts from: the data directory's latest, else
/// `./plan.toml`, else the built-in one; with its text and where it is.
struct Source {
    text: String,
    plan: Plan,
    /// `None`: the built-in plan.
    path: Option<PathBuf>,
    /// Already a file under `<data dir>/plans/`.
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
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let kept = path.parent() == Some(&settings.data_dir.join("plans"));
        return Ok(Source {
            text,
            plan: latest.plan.clone(),
            path: Some(path),
            kept,
        });
    }
    let local = Path::new("plan.toml");
    if local.is_file() {
        return Ok(Source {
            text: std::fs::read_to_string(local).context("cannot read ./plan.toml")?,
            plan: read_plan(local)?,
            path: Some(local.to_path_buf()),
            kept: false,
        });
    }
    Ok(Source {
        text: BUILT_IN_PLAN.to_string(),
        plan: Plan::built_in(),
        path: None,
        kept: false,
    })
}

fn new_year(settings: &Settings, year: i32, force: bool, out: &mut dyn Write) -> Result<Exit> {
    let dir = &settings.data_dir;
    let plans_dir = dir.join("plans");
    // Before the plans are read: the language asked for, else Vietnamese.
    let asked = settings.lang_for(None);
    let target = plans_dir.join(format!("{year}.toml"));
    let mut existing: Vec<FoundPlan> = Vec::new();
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
    let from = source(settings, &existing, year)?;
    let from_year = from.plan.year();
    let years = year - from_year;
    if years <= 0 {
        let latest = from
            .path
            .as_ref()
            .map_or("built-in".into(), |p| p.display().to_string());
        let refusal = Refusal::YearNotAfter {
            year,
            latest: &latest,
            latest_year: from_year,
        };
        bail!(refusal.text(settings.lang(&from.plan)));
    }
    let moved = rollover::move_years(&from.text, years, from_year);
    let new_plan = Plan::parse(&moved.text, &target.display().to_string()).with_context(|| {
        format!("the plan moved into {year} is not valid; edit the {from_year} plan or write {} by hand", target.display())
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

    std::fs::create_dir_all(&plans_dir)
        .with_context(|| format!("cannot create {}", plans_dir.display()))?;
    let lang = settings.lang(&from.plan);
    let name = |p: &Path| p.display().to_string();
    let from_name = from
        .path
        .as_deref()
        .map_or_else(|| "built-in".to_string(), name);
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
            std::fs::rename(dir.join("plan.toml"), &kept_as)
                .with_context(|| format!("cannot move the plan to {}", kept_as.display()))?;
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
