//! `cchc man`: the manual page on stdout, or with `--dir` a page for every command
//! and subcommand (`cchc.1`, `cchc-log.1`, `cchc-log-article.1`, ...), as the main
//! page's SEE ALSO names them.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result};
use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::Exit;

pub fn run(dir: Option<&Path>, out: &mut dyn Write) -> Result<Exit> {
    // The pages speak as --help does (clap_mangen's section names stay English).
    let command = if crate::cli::speaks_vietnamese() {
        crate::i18n::help::vietnamese(Cli::command())
    } else {
        Cli::command()
    };
    let Some(dir) = dir else {
        clap_mangen::Man::new(command).render(out)?;
        return Ok(Exit::Ok);
    };
    let mut written = Vec::new();
    write_pages(dir, command, "cchc", &mut written)?;
    for path in written {
        writeln!(out, "{path}")?;
    }
    Ok(Exit::Ok)
}

/// Writes the page of `command`, named `name`, then its subcommands' pages.
fn write_pages(
    dir: &Path,
    command: clap::Command,
    name: &str,
    written: &mut Vec<String>,
) -> Result<()> {
    // clap names commands with `&'static str` (without its `string` feature); a
    // few dozen short names live until the process ends.
    let command = command.name(&*Box::leak(name.to_string().into_boxed_str()));
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut page)?;
    let path = dir.join(format!("{name}.1"));
    crate::files::replace_whole(&path, &page)
        .with_context(|| format!("cannot write {}", path.display()))?;
    written.push(path.display().to_string());
    for sub in command.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        let sub_name = format!("{name}-{}", sub.get_name());
        write_pages(dir, sub.clone(), &sub_name, written)?;
    }
    Ok(())
}
