//! `cchc init`: write the built-in plan to `<data dir>/plan.toml` for editing.

use std::fs::OpenOptions;
use std::io::{ErrorKind, Write};

use anyhow::{Context as _, Result, bail};

use crate::error::Exit;
use crate::settings::Settings;

pub fn run(settings: &Settings, force: bool, out: &mut dyn Write) -> Result<Exit> {
    let dir = &settings.data_dir;
    crate::store::check_dir(dir)?;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let path = dir.join("plan.toml");
    let mut options = OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let mut file = match options.open(&path) {
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            bail!(
                "{} exists already; edit it, or pass --force to replace it with the built-in plan",
                path.display()
            )
        }
        other => other.with_context(|| format!("cannot write {}", path.display()))?,
    };
    file.write_all(crate::plan::BUILT_IN_PLAN.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    writeln!(out, "{}", path.display())?;
    eprintln!(
        "wrote the built-in plan to {}; edit it, then check it with `cchc plan`",
        path.display()
    );
    Ok(Exit::Ok)
}
