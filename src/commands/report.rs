//! `cchc report`: every obligation on the as-of date, as a year table or one
//! quarter, in a terminal table, JSON, CSV, Markdown, an Excel workbook or an HTML
//! page.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use super::Context;
use crate::cli::{ReportArgs, ReportFormat};
use crate::error::Exit;
use crate::evaluate::KeepIds;
use crate::i18n::Problem;
use crate::period::Quarter;
use crate::record::DataFile;
use crate::render::{self, RecordRow, ReportView};

pub fn run(cx: &Context, args: ReportArgs, out: &mut dyn Write) -> Result<Exit> {
    let plan = &cx.plan;
    let quarter = plan_quarter(cx, "--quarter", args.quarter.as_deref())?;
    let through = plan_quarter(cx, "--through", args.through.as_deref())?;
    // The quarters whose obligations are reported: one, those up to --through, or all.
    let span: Vec<Quarter> = plan
        .calendar()
        .quarters()
        .into_iter()
        .filter(|q| render::shows(quarter, through, *q))
        .collect();
    let unit = args
        .unit
        .as_deref()
        .map(|u| crate::intake::find_unit(&cx.plan, cx.lang, "--unit", u))
        .transpose()?;
    let rule = match args.rule.as_deref() {
        Some(id) => Some(
            plan.rules
                .iter()
                .position(|r| r.id == id.trim())
                .ok_or_else(|| {
                    let closest =
                        crate::plan::closest(id, plan.rules.iter().map(|r| r.id.as_str()));
                    let problem = Problem::RuleUnknown {
                        flag: "--rule",
                        id,
                        closest,
                    };
                    anyhow::anyhow!(problem.text(cx.lang))
                })?,
        ),
        None => None,
    };
    let unit_index = unit.map(|u| plan.unit_index(&u.id).expect("unit of the plan"));

    let format = report_format(args.format, args.output.as_deref(), cx.lang)?;
    match format {
        ReportFormat::Xlsx | ReportFormat::Docx if args.output.is_none() => {
            let format = if format == ReportFormat::Xlsx {
                "xlsx"
            } else {
                "docx"
            };
            bail!(Problem::NeedsOutput { format }.text(cx.lang));
        }
        _ => {}
    }
    // JSON, CSV and the workbook list every record that counts; tables need counts.
    let keep = match format {
        ReportFormat::Json | ReportFormat::Csv | ReportFormat::Xlsx | ReportFormat::Docx => {
            KeepIds::All
        }
        ReportFormat::Table | ReportFormat::Markdown | ReportFormat::Html => KeepIds::WhenShort,
    };
    let (all, totals) = cx.evaluate(keep)?;
    // Totals count every unit's articles: shown for the whole plan, not one unit or rule.
    let totals = (unit.is_none() && rule.is_none()).then_some(totals);
    let obligations: Vec<_> = all
        .into_iter()
        .filter(|o| span.iter().any(|q| o.belongs_to(*q)))
        .filter(|o| unit_index.is_none_or(|u| o.concerns(plan, u)))
        .filter(|o| rule.is_none_or(|r| o.rule == r))
        .collect();
    let view = ReportView {
        plan,
        lang: cx.lang,
        as_of: cx.as_of(),
        obligations: &obligations,
        quarter,
        through,
        totals: totals.as_ref(),
        color: cx.settings.color && format == ReportFormat::Table,
        width: cx.settings.width,
    };
    let mut rendered: Vec<u8> = Vec::new();
    let target: &mut dyn Write = if args.output.is_some() {
        &mut rendered
    } else {
        out
    };
    match format {
        ReportFormat::Table => render::table::report(&view, target)?,
        ReportFormat::Json => render::json::report(&view, target)?,
        ReportFormat::Csv => {
            let to_csv_file = args
                .output
                .as_ref()
                .is_some_and(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")));
            render::csv::report(&view, target, args.bom || to_csv_file)?
        }
        ReportFormat::Markdown => render::markdown::report(&view, target)?,
        ReportFormat::Html => render::html::report(&view, target)?,
        ReportFormat::Xlsx => {
            let records = RecordRow::all(&cx.load_records()?);
            target.write_all(&render::xlsx::report(&view, &records)?)?;
        }
        ReportFormat::Docx => {
            let records = RecordRow::all(&cx.load_records()?);
            target.write_all(&render::docx::report(&view, &records)?)?;
        }
    }
    if let Some(path) = &args.output {
        write_whole(cx, path, &rendered)?;
        eprintln!("{}", path.display());
    }
    // What the document leaves for the clerk, once it is written.
    if format == ReportFormat::Docx {
        let keys = render::docx::gaps(plan);
        if !keys.is_empty() {
            let notice = crate::i18n::Notice::DocumentGaps { keys: &keys };
            eprintln!("{}", notice.text(cx.lang));
        }
    }
    Ok(Exit::Ok)
}

/// The format a file of this name holds, by its extension (any case).
pub fn format_of_file(path: &Path) -> Option<ReportFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "docx" => ReportFormat::Docx,
        "xlsx" => ReportFormat::Xlsx,
        "html" | "htm" => ReportFormat::Html,
        "csv" => ReportFormat::Csv,
        "json" => ReportFormat::Json,
        "md" | "markdown" => ReportFormat::Markdown,
        "txt" => ReportFormat::Table,
        _ => return None,
    })
}

/// `--format`, else what the extension of `--output` says, else the table; a
/// `--format` that the extension contradicts (`--format csv --output x.docx`) is
/// refused, since the file would not open as what its name says.
fn report_format(
    flag: Option<ReportFormat>,
    output: Option<&Path>,
    lang: crate::i18n::Lang,
) -> Result<ReportFormat> {
    let by_name = output.and_then(format_of_file);
    match (flag, by_name) {
        (Some(flag), Some(named)) if flag != named => {
            let name = |f: ReportFormat| {
                use clap::ValueEnum as _;
                f.to_possible_value()
                    .map_or(String::new(), |v| v.get_name().to_string())
            };
            let path = output.map(|p| p.display().to_string()).unwrap_or_default();
            bail!(
                Problem::FormatClash {
                    format: &name(flag),
                    path: &path,
                    named: &name(named),
                }
                .text(lang)
            )
        }
        (Some(flag), _) => Ok(flag),
        (None, Some(named)) => Ok(named),
        (None, None) => Ok(ReportFormat::Table),
    }
}

/// A quarter flag's value, which must be a quarter of the plan.
fn plan_quarter(cx: &Context, flag: &str, value: Option<&str>) -> Result<Option<Quarter>> {
    let Some(value) = value else {
        return Ok(None);
    };
    let plan = &cx.plan;
    let q = quarter_named(flag, value).ok_or_else(|| {
        let refusal = crate::i18n::Refusal::NotAQuarter {
            field: flag,
            text: value,
        };
        anyhow::anyhow!(refusal.text(cx.lang))
    })?;
    if !plan.calendar().quarters().contains(&q) {
        let problem = Problem::QuarterOutsidePlan {
            flag,
            quarter: &q.to_string(),
            start: plan.start,
            end: plan.end,
        };
        bail!(problem.text(cx.lang));
    }
    Ok(Some(q))
}

/// The quarter a flag names, in any spelling a period takes elsewhere (`log
/// --period`, an import's period column: [`crate::i18n::parse_period`]): `2022-Q3`,
/// "Quý III/2022", "Q3 2022". `--through` also takes the cumulative periods by the
/// quarter they end with: "6 tháng đầu năm 2022" (Q2), "9 tháng đầu năm 2022"
/// (Q3), "Năm 2022" (Q4).
fn quarter_named(flag: &str, value: &str) -> Option<Quarter> {
    use crate::period::PeriodKey;
    let through = flag == "--through";
    match crate::i18n::parse_period(value).ok()? {
        PeriodKey::Quarter(q) => Some(q),
        PeriodKey::Half { year, half: 1 } if through => Some(Quarter { year, number: 2 }),
        PeriodKey::NineMonths { year } if through => Some(Quarter { year, number: 3 }),
        PeriodKey::Year(year) if through => Some(Quarter { year, number: 4 }),
        _ => None,
    }
}

/// Writes `--output` whole or not at all (see [`crate::files::replace_whole`]),
/// never over a data file or the plan in use.
fn write_whole(cx: &Context, path: &Path, bytes: &[u8]) -> Result<()> {
    let shown = path.display().to_string();
    let real = crate::files::real_path(path).with_context(|| {
        crate::i18n::Refusal::OutputFolderMissing { path: &shown }.text(cx.lang)
    })?;
    let mut guarded: Vec<PathBuf> = DataFile::ALL
        .iter()
        .filter_map(|f| crate::files::real_path(&cx.store.path(*f)).ok())
        .collect();
    for plan in cx.plans.found.iter().filter_map(|f| f.path.as_ref()) {
        guarded.extend(crate::files::real_path(plan).ok());
    }
    if guarded.contains(&real) {
        bail!(crate::i18n::Refusal::OutputIsInput { path: &shown }.text(cx.lang));
    }
    crate::files::replace_whole(path, bytes)
        .with_context(|| format!("cannot write --output {shown}"))
}
