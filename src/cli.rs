//! The command line, as clap types only. Doc comments here are the `--help` text.
//! Nothing here reaches the domain: `settings.rs` and the commands resolve it first.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Track a yearly administrative-reform (CCHC) communication plan: who must post news
/// items, broadcast on the radio, or submit plans and reports, and who is on track.
#[derive(Debug, Parser)]
#[command(name = "cchc", version, max_term_width = 100)]
#[command(after_help = "Examples:
  cchc --data examples/ham-tan-2022 --as-of 2023-01-05 report
  cchc log article --unit \"son my\" --date 15/3/2022 --title \"Kết quả CCHC quý I\"
  cchc check --quiet            (for cron: prints nothing and exits 0 when all is well)")]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Plan file (TOML), or `builtin`: the built-in plan. Default: $CCHC_PLAN, the data
    /// directory's plans (plan.toml, plans/*.toml: the one whose year holds the as-of
    /// date), ./plan.toml; none found is an error
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        help_heading = "Global options"
    )]
    pub plan: Option<PathBuf>,
    /// Data directory. Default: $CCHC_DATA, else the user data directory + /cchc
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        help_heading = "Global options"
    )]
    pub data: Option<PathBuf>,
    /// Language of tables and messages: vi or en. Default: $CCHC_LANG, the plan's, vi
    #[arg(
        long,
        global = true,
        value_name = "LANG",
        help_heading = "Global options"
    )]
    pub lang: Option<String>,
    /// The day to evaluate on ("today"): YYYY-MM-DD, D/M/YYYY, today, yesterday
    #[arg(
        long,
        global = true,
        value_name = "DATE",
        help_heading = "Global options"
    )]
    pub as_of: Option<String>,
    /// Use the data directory's plan of this year (e.g. to reprint last year's report)
    #[arg(
        long,
        global = true,
        value_name = "YYYY",
        help_heading = "Global options"
    )]
    pub year: Option<i32>,
    /// Colour status marks: auto (a terminal, and NO_COLOR unset), always, never
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value_t = ColorChoice::Auto,
        help_heading = "Global options"
    )]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a plan to <data dir>/plan.toml to edit: an example, a file, or the built-in plan
    #[command(
        after_help = "Examples:\n  cchc init --list-examples\n  cchc init --example tinh-2026-cat-14\n  \
                      cchc init --from ke-hoach-2026.toml      (or: cchc --plan ke-hoach-2026.toml init)\n  \
                      cchc init                                (the built-in plan, Hàm Tân 2022)\n  \
                      cchc --year 2027 init                    (next year's plan from the latest one)"
    )]
    Init(InitArgs),
    /// Validate the plan in use and show its units, topics and rules
    Plan {
        /// table: for people; json: every field, for scripts
        #[arg(long, value_enum, default_value_t = PlanFormat::Table)]
        format: PlanFormat,
    },
    /// Log an article, broadcast, plan or report; prints the new id
    #[command(subcommand)]
    Log(LogCommand),
    /// Void a logged record (it stays in the file, and no longer counts)
    #[command(after_help = "Example:\n  cchc void A12 --reason \"logged twice\"")]
    Void {
        /// The id `log` printed, e.g. A12
        id: String,
        /// Why it is voided
        #[arg(long)]
        reason: String,
    },
    /// List logged records (voided ones are left out)
    #[command(
        after_help = "Examples:\n  cchc list --unit \"son my\" --from 1/1/2022 --to 31/3/2022\n  cchc list --record broadcast --format csv > phat-thanh.csv"
    )]
    List(ListArgs),
    /// Show compliance per unit, rule and quarter
    #[command(
        after_help = "Examples:\n  cchc report\n  cchc report --quarter 2022-Q3 --format markdown > bao-cao-quy-3.md\n  \
                      cchc report --quarter 2022-Q3 --format xlsx --output bao-cao-quy-3.xlsx\n  \
                      cchc report --format html --output bao-cao-2022.html\n  \
                      cchc report --through 2022-Q3 --format docx --output bao-cao-9-thang.docx\n  \
                      cchc report --unit \"tan ha\" --format json"
    )]
    Report(ReportArgs),
    /// List what is missed or due soon; exit 1 when something is missed
    #[command(
        after_help = "Exit status: 0 nothing missed, 1 something missed (with --strict also \
                            due soon), 2 error.\n\nExamples:\n  cchc check --unit \"son my\"\n  \
                            0 7 * * 1  cchc check --quiet     (crontab: Mondays 07:00)"
    )]
    Check(CheckArgs),
    /// Messages to the units with something missed, late or due soon: to the screen,
    /// one file per unit, or JSON for a mail script
    #[command(
        after_help = "Exit status: as check: 0 nothing missed, 1 something missed (with --strict \
                            also due soon), 2 error.\n\nExamples:\n  cchc remind\n  \
                            cchc remind --unit \"son my\"\n  \
                            cchc remind --output-dir nhac-viec/\n  \
                            cchc remind --format json > nhac-viec.json\n\n\
                            Sending them by mail: docs/huong-dan.md and examples/remind-by-mail.sh"
    )]
    Remind(RemindArgs),
    /// Check every data file against the plan; exit 2 listing every problem
    #[command(after_help = "Example:\n  cchc verify && echo clean")]
    Verify,
    /// Import records from a CSV file or workbook (all rows or none), or the portal's feed
    #[command(
        after_help = "Columns (the header names them, in any order; English or Vietnamese, \
                            without case or diacritics; it may stand below a title, within the \
                            first 20 rows; STT and Ghi chú columns, blank rows and a totals row \
                            are left out; units, topics, channels, activities and rules by id \
                            or name):\n  \
                            article:   unit,date,title[,topics][,url][,channel][,sent]   (Đơn vị, Ngày, Tiêu đề, ...)\n  \
                            broadcast: [unit,]date,time,title[,minutes][,channel]\n  \
                            plan:      unit,date[,ref][,rule]\n  \
                            report:    unit,period,date[,ref][,rule]\n  \
                            activity:  unit,date,activity,title[,count][,participants]\n\n\
                            Examples:\n  \
                            cchc import tin-bai-quy-1.csv --record article\n  \
                            cchc import bao-cao.xlsx --record report --dry-run\n  \
                            cchc import --feed https://hamtan.binhthuan.gov.vn/rss --quiet\n  \
                            cchc import --feed --quiet          # every unit's own feed (`feed` in the plan)"
    )]
    Import {
        /// A UTF-8 CSV file (a BOM is allowed; `,` or `;` separated) or an Excel workbook (.xlsx)
        #[arg(required_unless_present = "feed")]
        file: Option<PathBuf>,
        /// What its rows are
        #[arg(long, value_enum, required_unless_present = "feed")]
        record: Option<RecordArg>,
        /// Log the items of the portal's RSS or Atom feed (a web address or a file) as
        /// articles: units recognised by name and aliases, items already logged skipped.
        /// Without an address: every unit's own feed (`feed` in the plan's units)
        #[arg(long, value_name = "URL|FILE", num_args = 0..=1, conflicts_with_all = ["file", "record", "sheet", "skip_duplicates"])]
        feed: Option<Option<String>>,
        /// The channel of the feed's items (default: the plan's default channel)
        #[arg(long, requires = "feed")]
        channel: Option<String>,
        /// Give up fetching the feed after this many seconds
        #[arg(long, value_name = "SECONDS", default_value_t = 30, requires = "feed")]
        timeout: u64,
        /// Print only what was logged (for cron)
        #[arg(long, short, requires = "feed")]
        quiet: bool,
        /// Check every row and print what would be written; write nothing
        #[arg(long)]
        dry_run: bool,
        /// Leave out rows that repeat an article or report already logged (and say how many)
        #[arg(long)]
        skip_duplicates: bool,
        /// The sheet of a workbook to read (default: the first)
        #[arg(long)]
        sheet: Option<String>,
        /// The unit (id or name) of rows that name none: a list from one unit, with
        /// no unit column, or with the unit written above the table
        #[arg(long, conflicts_with = "feed")]
        unit: Option<String>,
        /// table: --dry-run shows the rows as a table, an import prints the new ids;
        /// json: the records as JSON lines, what would be written or was
        #[arg(long, value_enum, default_value_t = ImportFormat::Table, conflicts_with = "feed")]
        format: ImportFormat,
    },
    /// Print the manual page (roff); with --dir, write a page for every command
    #[command(
        after_help = "Examples:\n  cchc man > cchc.1\n  mkdir -p ~/.local/share/man/man1 && cchc man --dir ~/.local/share/man/man1\n  man cchc-log-article"
    )]
    Man {
        /// Write cchc.1, cchc-log.1, cchc-log-article.1 ... into this directory
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Print a shell completion script
    #[command(
        after_help = "Example:\n  cchc completions bash > ~/.local/share/bash-completion/completions/cchc"
    )]
    Completions {
        /// The shell to write completions for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Overwrite an existing plan file
    #[arg(long)]
    pub force: bool,
    /// Start from this plan file (as `cchc --plan FILE init`)
    #[arg(long, value_name = "FILE", conflicts_with_all = ["example", "list_examples"])]
    pub from: Option<PathBuf>,
    /// Start from an example plan, by name (see --list-examples)
    #[arg(long, value_name = "NAME", conflicts_with = "list_examples")]
    pub example: Option<String>,
    /// List the example plans, a line each, and write nothing
    #[arg(long)]
    pub list_examples: bool,
    /// (Filled from --year.) With --year YYYY: write <data dir>/plans/YYYY.toml from
    /// the latest plan, every date moved into YYYY
    #[arg(skip)]
    pub year: Option<i32>,
}

#[derive(Debug, Subcommand)]
pub enum LogCommand {
    /// A news item posted on the district portal
    #[command(
        after_help = "Example:\n  cchc log article --unit noi-vu --date 15/3/2022 \\\n    --title \"Sắp xếp tổ chức bộ máy\" --topic to-chuc-bo-may \\\n    --url https://hamtan.binhthuan.gov.vn/tin/123"
    )]
    Article {
        /// Unit id or name (diacritics and case optional): noi-vu, "son my"
        #[arg(long)]
        unit: String,
        /// Day it was posted: YYYY-MM-DD, D/M/YYYY, today, yesterday
        #[arg(long)]
        date: String,
        /// The headline, as published
        #[arg(long)]
        title: String,
        /// A topic id of the plan; repeat for several
        #[arg(long = "topic", value_name = "TOPIC")]
        topics: Vec<String>,
        /// Where it was posted (http or https)
        #[arg(long)]
        url: Option<String>,
        /// Where it appeared: a channel id of the plan (default: the plan's default channel)
        #[arg(long)]
        channel: Option<String>,
        /// Day the unit sent it for posting (not after --date)
        #[arg(long, value_name = "DATE")]
        sent: Option<String>,
        /// Log it even if the same unit, date, title and channel, or URL, is logged already
        #[arg(long)]
        allow_duplicate: bool,
    },
    /// A radio broadcast
    #[command(
        after_help = "Example:\n  cchc log broadcast --date 7/3/2022 --time 17:15 --minutes 10 --title \"Dịch vụ công trực tuyến\""
    )]
    Broadcast {
        /// Unit id or name; may be left out when one unit alone has a broadcast rule
        #[arg(long)]
        unit: Option<String>,
        /// The day: YYYY-MM-DD, D/M/YYYY, today, yesterday
        #[arg(long)]
        date: String,
        /// Start time, HH:MM
        #[arg(long)]
        time: String,
        /// Length in minutes
        #[arg(long, allow_negative_numbers = true)]
        minutes: Option<u32>,
        /// The headline, as published
        #[arg(long)]
        title: String,
        /// Where it was broadcast: a channel id of the plan (default: the plan's default channel)
        #[arg(long)]
        channel: Option<String>,
    },
    /// A unit's plan was issued
    #[command(
        after_help = "Example:\n  cchc log plan --unit \"tan ha\" --date 20/2/2022 --ref 12/KH-UBND"
    )]
    Plan {
        /// Unit id or name (diacritics and case optional): noi-vu, "son my"
        #[arg(long)]
        unit: String,
        /// The day: YYYY-MM-DD, D/M/YYYY, today, yesterday
        #[arg(long)]
        date: String,
        /// The plan rule it fulfils; needed when several plan rules cover the unit
        #[arg(long)]
        rule: Option<String>,
        /// Document number
        #[arg(long = "ref", value_name = "REF")]
        reference: Option<String>,
    },
    /// A unit's periodic report was received
    #[command(
        after_help = "Example:\n  cchc log report --unit noi-vu --period 2022-Q1 --date 14/3/2022"
    )]
    Report {
        /// Unit id or name (diacritics and case optional): noi-vu, "son my"
        #[arg(long)]
        unit: String,
        /// The period it reports on, e.g. 2022-Q1, 2022-H1, 2022-03
        #[arg(long)]
        period: String,
        /// The day: YYYY-MM-DD, D/M/YYYY, today, yesterday
        #[arg(long)]
        date: String,
        /// The report rule it fulfils; needed when several report rules cover the unit and period
        #[arg(long)]
        rule: Option<String>,
        /// Document number
        #[arg(long = "ref", value_name = "REF")]
        reference: Option<String>,
        /// Log it even if a report of the same unit, period and rule is logged already
        #[arg(long)]
        allow_duplicate: bool,
    },
    /// Other work the plan counts: a conference, training, contest, banners ...
    #[command(
        after_help = "Example:\n  cchc log activity --unit noi-vu --date 20/4/2022 --activity hoi-nghi \\\n    --title \"Hội nghị triển khai CCHC\" --participants 120"
    )]
    Activity {
        /// Unit id or name (diacritics and case optional): noi-vu, "son my"
        #[arg(long)]
        unit: String,
        /// The day: YYYY-MM-DD, D/M/YYYY, today, yesterday
        #[arg(long)]
        date: String,
        /// An activity id of the plan
        #[arg(long)]
        activity: String,
        /// The headline, as published
        #[arg(long)]
        title: String,
        /// How many (sessions, banners, leaflets ...), at least 1
        #[arg(long, default_value_t = 1, allow_negative_numbers = true)]
        count: u32,
        /// How many people took part
        #[arg(long, allow_negative_numbers = true)]
        participants: Option<u32>,
    },
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this unit (id or name)
    #[arg(long)]
    pub unit: Option<String>,
    /// Only this kind of record
    #[arg(long, value_enum)]
    pub record: Option<RecordArg>,
    /// Only records dated on or after this day
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only records dated on or before this day
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only articles with this topic (a topic id of the plan)
    #[arg(long)]
    pub topic: Option<String>,
    /// Only items on this channel (a channel id of the plan)
    #[arg(long)]
    pub channel: Option<String>,
    /// Only articles without a link: the evidence still to find for the CCHC index
    #[arg(long)]
    pub no_url: bool,
    /// table: for people; json, csv: every field, for scripts and spreadsheets
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// CSV: begin with a byte-order mark, so that Excel on Windows reads Vietnamese right
    #[arg(long)]
    pub bom: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// One quarter, one obligation per row: 2022-Q3 or "Quý III/2022"
    #[arg(long, value_name = "YYYY-QN")]
    pub quarter: Option<String>,
    /// From the plan's start to the end of this quarter (the 6-month, 9-month and
    /// year reports): 2022-Q2, "Quý II/2022" or "6 tháng đầu năm 2022"
    #[arg(long, value_name = "YYYY-QN", conflicts_with = "quarter")]
    pub through: Option<String>,
    /// Only this unit (id or name)
    #[arg(long)]
    pub unit: Option<String>,
    /// Only this rule id
    #[arg(long)]
    pub rule: Option<String>,
    /// How to write it (see below); xlsx and docx need --output. Without it, the
    /// extension of --output chooses (.docx, .xlsx, .html, .csv, .json, .md), else table
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// CSV: begin with a byte-order mark, so that Excel on Windows reads Vietnamese
    /// right (written anyway with --output FILE.csv)
    #[arg(long)]
    pub bom: bool,
    /// Write to this file instead of standard output (needed for xlsx and docx)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Only missed obligations whose due date is on or after this day
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only this unit (id or name), with what it shares with other units
    #[arg(long)]
    pub unit: Option<String>,
    /// Print nothing when there is nothing to report
    #[arg(long)]
    pub quiet: bool,
    /// Exit 1 also when something is due soon
    #[arg(long)]
    pub strict: bool,
    /// text: sentences for people (and cron mail); json: for scripts
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

#[derive(Debug, Args)]
pub struct RemindArgs {
    /// Only this unit (id or name)
    #[arg(long)]
    pub unit: Option<String>,
    /// Leave out what was due before this day (missed or late)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Write one file per unit into this folder (made if missing), named by the unit's
    /// id: DIR/xa-son-my.txt (.json with --format json)
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// Print nothing when no unit needs reminding
    #[arg(long)]
    pub quiet: bool,
    /// Exit 1 also when something is due soon
    #[arg(long)]
    pub strict: bool,
    /// text: the messages; json: the messages, contacts and obligations, for a mail script
    #[arg(long, value_enum, default_value_t = RemindFormat::Text)]
    pub format: RemindFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RemindFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RecordArg {
    Article,
    Broadcast,
    Plan,
    Report,
    Activity,
}

impl From<RecordArg> for crate::plan::RecordKind {
    fn from(kind: RecordArg) -> Self {
        use crate::plan::RecordKind;
        match kind {
            RecordArg::Article => RecordKind::Article,
            RecordArg::Broadcast => RecordKind::Broadcast,
            RecordArg::Plan => RecordKind::Plan,
            RecordArg::Report => RecordKind::Report,
            RecordArg::Activity => RecordKind::Activity,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Tables for the terminal
    Table,
    /// The obligations for scripts (keys in docs/reference.md)
    Json,
    /// One row per obligation
    Csv,
    /// Tables with a title line, to paste into a report
    #[value(alias = "md")]
    Markdown,
    /// An Excel workbook: summary, obligations, records (needs --output)
    Xlsx,
    /// One self-contained page with charts, for A4 printing
    Html,
    /// The report handed in: a Word document in the official form (needs --output)
    Docx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

/// Parses the process's arguments like [`Parser::parse`], adding a suggestion for a
/// subcommand one typing slip away (`lgo` → `log`: clap's own similarity misses
/// swapped letters in short names).
pub fn parse() -> Cli {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    use clap::{CommandFactory, FromArgMatches};
    let parsed = if speaks_vietnamese() {
        // `cchc help log article` is `cchc log article --help`, in Vietnamese.
        let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
        if let Some(i) = first_command(&args)
            && args[i] == "help"
        {
            args.remove(i);
            args.push("--help".into());
        }
        crate::i18n::help::vietnamese(Cli::command())
            .try_get_matches_from(args)
            .and_then(|matches| Cli::from_arg_matches(&matches))
    } else {
        Cli::try_parse()
    };
    match parsed {
        Ok(cli) => cli,
        // The usage line's own words (clap writes them in English).
        Err(e) if e.kind() == ErrorKind::DisplayHelp && speaks_vietnamese() => {
            let text = e
                .render()
                .to_string()
                .replace("[OPTIONS]", "[TÙY CHỌN]")
                .replace("<COMMAND>", "<LỆNH>");
            // A reader that stops early (`cchc --help | head`) is no error.
            let _ = std::io::Write::write_all(&mut std::io::stdout(), text.as_bytes());
            std::process::exit(0)
        }
        Err(mut e) => {
            if e.kind() == ErrorKind::InvalidSubcommand
                && e.get(ContextKind::SuggestedSubcommand).is_none()
                && let Some(ContextValue::String(typed)) = e.get(ContextKind::InvalidSubcommand)
            {
                let typed = typed.clone();
                let command = <Cli as clap::CommandFactory>::command();
                let close: Vec<String> = command
                    .get_subcommands()
                    .map(|c| c.get_name().to_string())
                    .filter(|name| strsim::osa_distance(&typed, name) == 1)
                    .collect();
                if !close.is_empty() {
                    e.insert(
                        ContextKind::SuggestedSubcommand,
                        ContextValue::Strings(close),
                    );
                }
            }
            if let Some(said) = in_vietnamese(&e) {
                eprintln!("{} {said}", crate::lang::Lang::Vi.error_prefix());
                std::process::exit(2);
            }
            e.exit()
        }
    }
}

/// Where the command is among `args` (after the global options and their values).
/// The global options that take a value.
const GLOBAL_WITH_VALUES: [&str; 6] =
    ["--plan", "--data", "--lang", "--as-of", "--year", "--color"];

fn first_command(args: &[std::ffi::OsString]) -> Option<usize> {
    let mut i = 1;
    while let Some(arg) = args.get(i) {
        let arg = arg.to_string_lossy();
        if GLOBAL_WITH_VALUES.contains(&arg.as_ref()) {
            i += 2;
        } else if arg.starts_with('-') {
            i += 1;
        } else {
            return Some(i);
        }
    }
    None
}

/// Whether the command line is read in Vietnamese: `--lang` on it, else
/// `CCHC_LANG`, else yes (no plan is read yet to say otherwise).
pub(crate) fn speaks_vietnamese() -> bool {
    // Lossy: an argument that is not UTF-8 (a path in a legacy encoding) must reach
    // clap, which refuses it by name, not panic here (`std::env::args` would).
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let flag = args
        .iter()
        .position(|a| a == "--lang")
        .and_then(|i| args.get(i + 1).cloned())
        .or_else(|| {
            args.iter()
                .find_map(|a| a.strip_prefix("--lang=").map(String::from))
        });
    let lang = flag.or_else(|| std::env::var("CCHC_LANG").ok());
    !lang.is_some_and(|l| l.trim().eq_ignore_ascii_case("en"))
}

/// A usage error in Vietnamese, when the user's language is Vietnamese (`--lang`
/// on the command line, else `CCHC_LANG`, else Vietnamese) and the kind of error
/// is one a person makes: an unknown command or option, a missing one, a value
/// not among the choices, two options that do not go together. Help, version and
/// the rest keep clap's own words.
fn in_vietnamese(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if !speaks_vietnamese() {
        return None;
    }
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        _ => None,
    };
    let suggested = |kind| {
        text(kind)
            .map(|s| format!(" (có phải là `{s}`?)"))
            .unwrap_or_default()
    };
    let said = match e.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "`{}` không phải lệnh của cchc{}; `cchc --help` liệt kê các lệnh",
            text(ContextKind::InvalidSubcommand)?,
            suggested(ContextKind::SuggestedSubcommand)
        ),
        ErrorKind::UnknownArgument => format!(
            "không biết tùy chọn `{}`{}",
            text(ContextKind::InvalidArg)?,
            suggested(ContextKind::SuggestedArg)
        ),
        ErrorKind::MissingRequiredArgument => format!("thiếu {}", text(ContextKind::InvalidArg)?),
        ErrorKind::InvalidValue => format!(
            "`{}` không phải giá trị của {}{}",
            text(ContextKind::InvalidValue)?,
            text(ContextKind::InvalidArg)?,
            text(ContextKind::ValidValue)
                .map(|v| format!("; các giá trị: {v}"))
                .unwrap_or_default()
        ),
        ErrorKind::ArgumentConflict => format!(
            "{} không dùng cùng {}",
            text(ContextKind::InvalidArg)?,
            text(ContextKind::PriorArg)?
        ),
        ErrorKind::MissingSubcommand => "thiếu lệnh; `cchc --help` liệt kê các lệnh".to_string(),
        _ => return None,
    };
    Some(format!("{said}\n\nThêm --help để xem cách dùng."))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_setup_is_consistent() {
        Cli::command().debug_assert();
        // `first_command` knows every global option that takes a value.
        let mut global: Vec<String> = Cli::command()
            .get_arguments()
            .filter(|a| a.is_global_set() && a.get_action().takes_values())
            .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
            .collect();
        global.sort();
        let mut listed: Vec<String> = GLOBAL_WITH_VALUES.iter().map(|s| s.to_string()).collect();
        listed.sort();
        assert_eq!(global, listed);
        let args = |s: &str| -> Vec<std::ffi::OsString> {
            s.split(' ').map(std::ffi::OsString::from).collect()
        };
        assert_eq!(
            first_command(&args("cchc --data d --color never help log")),
            Some(5)
        );
        assert_eq!(first_command(&args("cchc --lang=en report")), Some(2));
        assert_eq!(first_command(&args("cchc --data d")), None);
    }

    /// Every option and argument of every command says what it is for.
    #[test]
    fn every_option_has_help_text() {
        fn walk(command: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                if arg.get_help().is_none() && arg.get_long_help().is_none() {
                    missing.push(format!("{path} {id}"));
                }
            }
            for sub in command.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "cchc", &mut missing);
        assert!(missing.is_empty(), "options without help: {missing:#?}");
    }
}
