//! Rendering: every format draws the same structs, so the table, JSON, CSV and
//! Markdown can never disagree. Renderers write to `impl Write` and print nothing
//! themselves.

pub mod csv;
pub mod docx;
pub mod html;
pub mod json;
pub mod markdown;
pub mod table;
pub mod text;
pub mod xlsx;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::i18n::Lang;
use crate::obligation::{Obligation, Status};
use crate::period::{Every, Quarter};
use crate::plan::{Plan, Rule};

/// The keys of an obligation, in the documented order (docs/reference.md): JSON
/// keys, CSV and workbook columns.
pub const OBLIGATION_COLUMNS: [&str; 14] = [
    "unit",
    "unit_name",
    "rule",
    "record",
    "period",
    "start",
    "end",
    "due",
    "required",
    "done",
    "missing",
    "status",
    "days_left",
    "records",
];

/// The columns of a record in CSV and in the workbook (second-edition fields last).
pub const RECORD_COLUMNS: [&str; 19] = [
    "id",
    "record",
    "unit",
    "date",
    "time",
    "minutes",
    "period",
    "title",
    "topics",
    "url",
    "ref",
    "logged_at",
    "channel",
    "sent",
    "rule",
    "activity",
    "count",
    "participants",
    "unit_name",
];

/// A report as every format sees it: the obligations left after the filters.
pub struct ReportView<'a> {
    pub plan: &'a Plan,
    pub lang: Lang,
    pub as_of: NaiveDate,
    pub obligations: &'a [Obligation],
    /// `--quarter`: one obligation per row instead of the year table.
    pub quarter: Option<Quarter>,
    /// `--through`: the year table stops at this quarter.
    pub through: Option<Quarter>,
    /// Articles per quarter by kind, channel and topic (none for one unit or rule).
    pub totals: Option<&'a crate::evaluate::Totals>,
    /// Colour status marks (terminal only).
    pub color: bool,
    /// The width tables must fit (stacked when they cannot), if any.
    pub width: Option<usize>,
}

/// Whether a report for `--quarter` `one` or `--through` `last` shows quarter `q`.
pub fn shows(one: Option<Quarter>, last: Option<Quarter>, q: Quarter) -> bool {
    one.is_none_or(|one| q == one) && last.is_none_or(|last| q <= last)
}

/// The year table: per unit kind, one row per unit and rule, one cell per quarter.
pub struct YearGrid {
    pub quarters: Vec<Quarter>,
    pub groups: Vec<KindGroup>,
}

pub struct KindGroup {
    pub kind: String,
    pub rows: Vec<GridRow>,
}

pub struct GridRow {
    /// Index into [`Plan::units`]; `None` for a rule whose units count together.
    pub unit: Option<usize>,
    /// Index into [`Plan::rules`].
    pub rule: usize,
    /// One per quarter; `None` where the rule has nothing in that quarter.
    pub cells: Vec<Option<GridCell>>,
}

/// A quarter of one unit and rule: `done/required` of its one obligation, or, for
/// rules with several periods in the quarter (weekly, monthly), periods met out of
/// periods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridCell {
    pub done: u32,
    pub required: u32,
    pub status: Status,
    /// For weekly rules: one mark per week of the quarter.
    pub strip: Option<String>,
}

impl GridCell {
    pub fn text(&self) -> String {
        let mut text = format!("{}/{} {}", self.done, self.required, mark(self.status));
        if let Some(strip) = &self.strip {
            text.push(' ');
            text.push_str(strip);
        }
        text
    }
}

impl ReportView<'_> {
    /// Whether the report shows this quarter (`--quarter`, `--through`).
    pub fn shows(&self, q: Quarter) -> bool {
        shows(self.quarter, self.through, q)
    }

    /// The plan's quarters the report shows, in order.
    pub fn quarters(&self) -> Vec<Quarter> {
        let mut quarters = self.plan.calendar().quarters();
        quarters.retain(|q| self.shows(*q));
        quarters
    }

    /// The positions in `totals` of the quarters shown.
    pub fn shown_totals(&self, totals: &crate::evaluate::Totals) -> Vec<usize> {
        (0..totals.quarters.len())
            .filter(|i| self.shows(totals.quarters[*i]))
            .collect()
    }

    /// A channel of the totals by name; `None`: items on no channel of the plan.
    pub fn channel_name(&self, channel: Option<&str>) -> String {
        match channel {
            Some(c) => self
                .plan
                .channel(c)
                .map_or(c.to_string(), |c| c.name.clone()),
            None if self.lang == Lang::Vi => "Không ghi kênh".to_string(),
            None => "No channel".to_string(),
        }
    }

    /// A topic of the totals by name (its id if the plan no longer has it).
    pub fn topic_name(&self, topic: &str) -> String {
        self.plan
            .topic(topic)
            .map_or(topic.to_string(), |t| t.name.clone())
    }

    pub fn year_grid(&self) -> YearGrid {
        let quarters = self.quarters();
        // Each (unit, rule)'s obligations, gathered once.
        let mut by_owner: HashMap<(Option<usize>, usize), Vec<&Obligation>> = HashMap::new();
        for o in self.obligations {
            by_owner.entry((o.unit, o.rule)).or_default().push(o);
        }
        let row = |unit: Option<usize>, rule_index: usize| {
            let mine = by_owner.get(&(unit, rule_index))?;
            let rule = &self.plan.rules[rule_index];
            Some(GridRow {
                unit,
                rule: rule_index,
                cells: quarters.iter().map(|q| cell(rule, mine, *q)).collect(),
            })
        };
        let mut groups: Vec<KindGroup> = Vec::new();
        for kind in self.plan.kinds() {
            let mut rows = Vec::new();
            for (unit_index, unit) in self.plan.units.iter().enumerate() {
                if unit.kind != kind {
                    continue;
                }
                rows.extend((0..self.plan.rules.len()).filter_map(|r| row(Some(unit_index), r)));
            }
            if !rows.is_empty() {
                groups.push(KindGroup {
                    kind: self.plan.kind_name(kind).to_string(),
                    rows,
                });
            }
        }
        // Rules whose units count together: one row each, in a group of their own.
        let together: Vec<GridRow> = (0..self.plan.rules.len())
            .filter_map(|r| row(None, r))
            .collect();
        if !together.is_empty() {
            groups.push(KindGroup {
                kind: self.lang.labels().together_group.to_string(),
                rows: together,
            });
        }
        YearGrid { quarters, groups }
    }

    /// The name of whoever an obligation belongs to: its unit, or for a rule whose
    /// units count together, how many units.
    pub fn unit_name(&self, unit: Option<usize>, rule: usize) -> String {
        unit_name(self.plan, unit, rule, self.lang)
    }

    /// "Tổng hợp: Đạt 3 · Trễ hạn 0 · ..." over the obligations shown.
    pub fn summary_line(&self) -> String {
        let counts = crate::obligation::summary(self.obligations);
        let parts: Vec<String> = counts
            .iter()
            .map(|(status, n)| format!("{} {n}", self.lang.status(*status)))
            .collect();
        format!("{}: {}", self.lang.labels().summary, parts.join(" · "))
    }

    /// "Tỷ lệ hoàn thành: 203/221 (91,9%)": met on time out of the obligations that
    /// have ended.
    pub fn completion_line(&self) -> String {
        let (overall, _) = crate::obligation::completion(self.plan, self.obligations);
        let rate = overall
            .rate
            .map_or("—".to_string(), |r| self.lang.percent(r));
        match self.lang {
            Lang::Vi => format!(
                "Tỷ lệ hoàn thành đúng hạn: {}/{} ({rate}; trễ hạn {}, không đạt {})",
                overall.met, overall.ended, overall.late, overall.missed
            ),
            Lang::En => format!(
                "Completed on time: {}/{} ({rate}; late {}, missed {})",
                overall.met, overall.ended, overall.late, overall.missed
            ),
        }
    }

    /// Per rule: obligations ended, met on time, late, missed, the rate, and how
    /// many units met, were late or missed it over the span.
    pub fn completion_table(&self) -> TextTable {
        let (_, rules) = crate::obligation::completion(self.plan, self.obligations);
        let vi = self.lang == Lang::Vi;
        let header: Vec<String> = if vi {
            [
                "Chỉ tiêu",
                "Đã đến hạn",
                "Đạt đúng hạn",
                "Trễ hạn",
                "Không đạt",
                "Tỷ lệ",
                "Đơn vị đạt / trễ / không đạt",
            ]
        } else {
            [
                "Rule",
                "Ended",
                "Met on time",
                "Late",
                "Missed",
                "Rate",
                "Units met / late / missed",
            ]
        }
        .map(String::from)
        .to_vec();
        let rows: Vec<Vec<String>> = rules
            .iter()
            .map(|(r, c)| {
                vec![
                    self.plan.rules[*r].title.clone(),
                    c.ended.to_string(),
                    c.met.to_string(),
                    c.late.to_string(),
                    c.missed.to_string(),
                    c.rate.map_or("—".to_string(), |p| self.lang.percent(p)),
                    format!("{} / {} / {}", c.units_met, c.units_late, c.units_missed),
                ]
            })
            .collect();
        TextTable {
            statuses: vec![vec![None; header.len()]; rows.len()],
            header,
            rows,
        }
    }

    /// Articles per quarter by kind of unit, channel and topic (the rows with any),
    /// for the quarters shown.
    pub fn totals_table(&self) -> Option<TextTable> {
        let totals = self.totals?;
        let shown = self.shown_totals(totals);
        let vi = self.lang == Lang::Vi;
        let mut header = vec![
            if vi { "Tin, bài theo" } else { "Items by" }.to_string(),
            String::new(),
        ];
        header.extend(shown.iter().map(|&i| self.lang.quarter(totals.quarters[i])));
        header.push(if vi { "Cộng" } else { "Total" }.to_string());
        let mut rows = Vec::new();
        let mut push = |group: &str, name: String, counts: &[u32]| {
            let cells: Vec<u32> = shown.iter().map(|&i| counts[i]).collect();
            let total: u32 = cells.iter().sum();
            if total > 0 {
                let mut row = vec![group.to_string(), name];
                row.extend(cells.iter().map(u32::to_string));
                row.push(total.to_string());
                rows.push(row);
            }
        };
        let (by_kind, by_channel, by_topic) = if vi {
            ("loại đơn vị", "kênh", "chủ đề")
        } else {
            ("unit kind", "channel", "topic")
        };
        for (kind, counts) in &totals.by_kind {
            push(
                by_kind,
                crate::i18n::kind_heading(self.lang, self.plan.kind_name(kind)),
                counts,
            );
        }
        for (channel, counts) in &totals.by_channel {
            if channel.is_none() && self.plan.channels.is_empty() {
                continue;
            }
            push(by_channel, self.channel_name(channel.as_deref()), counts);
        }
        for (topic, counts) in &totals.by_topic {
            push(by_topic, self.topic_name(topic), counts);
        }
        (!rows.is_empty()).then(|| TextTable {
            statuses: vec![vec![None; header.len()]; rows.len()],
            header,
            rows,
        })
    }

    /// What each mark means.
    pub fn legend(&self) -> String {
        Status::ALL
            .iter()
            .map(|s| format!("{} {}", mark(*s), self.lang.status(*s)))
            .collect::<Vec<_>>()
            .join("  ")
    }

    /// The heading: plan title, issuer, as-of date.
    pub fn heading(&self) -> String {
        let labels = self.lang.labels();
        let first = self.plan.calendar().quarters()[0];
        let scope = match (self.quarter, self.through) {
            (Some(q), _) => format!(" — {}", self.lang.quarter(q)),
            (None, Some(last)) => format!(" — {}", self.lang.span(first, last)),
            (None, None) => String::new(),
        };
        format!(
            "{} — {}{scope} ({} {})",
            self.plan.title,
            labels.report_title,
            labels.as_of.to_lowercase(),
            self.lang.date(self.as_of)
        )
    }
}

/// How output reaches a person: in colour or not, within a width or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub color: bool,
    pub width: Option<usize>,
}

/// Text wrapped to `width` between words, later lines after `indent` (never inside
/// an id or a date, which have no spaces); unchanged without a width.
pub fn wrap(text: &str, width: Option<usize>, indent: &str) -> String {
    let Some(width) = width else {
        return text.to_string();
    };
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.trim().is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = indent.to_string();
        } else if !line.is_empty() && !line.ends_with(' ') {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&line);
    out
}

/// The name of whoever an obligation belongs to: its unit, or for a rule whose units
/// count together, "n units together".
pub fn unit_name(plan: &Plan, unit: Option<usize>, rule: usize, lang: Lang) -> String {
    match unit {
        Some(u) => plan.units[u].name.clone(),
        None => lang.together(plan.rules[rule].applies_to.len()),
    }
}

fn cell(rule: &Rule, mine: &[&Obligation], quarter: Quarter) -> Option<GridCell> {
    let inside: Vec<&&Obligation> = mine.iter().filter(|o| o.belongs_to(quarter)).collect();
    match inside[..] {
        [] => None,
        [one] => Some(GridCell {
            done: one.done,
            required: one.required,
            status: one.status,
            strip: None,
        }),
        _ => Some(GridCell {
            done: inside.iter().filter(|o| o.status == Status::Met).count() as u32,
            required: inside.len() as u32,
            status: Status::combine(inside.iter().map(|o| o.status)).expect("not empty"),
            strip: (rule.every() == Some(Every::Week))
                .then(|| inside.iter().map(|o| mark(o.status)).collect()),
        }),
    }
}

/// How a status looks in every format, in one table (its words are the
/// catalogue's, [`Lang::status`]).
pub struct Look {
    /// In tables: one character, the same in every language.
    pub mark: &'static str,
    /// At the terminal, in and outside tables.
    pub terminal: comfy_table::Color,
    pub ansi: &'static str,
    /// On the web page, and (light enough to read on) as a workbook cell's fill.
    pub css: &'static str,
    pub fill: u32,
}

/// The look of each status.
pub fn look(status: Status) -> &'static Look {
    use comfy_table::Color;
    const fn l(
        mark: &'static str,
        terminal: Color,
        ansi: &'static str,
        css: &'static str,
        fill: u32,
    ) -> Look {
        Look {
            mark,
            terminal,
            ansi,
            css,
            fill,
        }
    }
    const MET: Look = l("✓", Color::Green, "32", "#2e7d32", 0xC6EFCE);
    const LATE: Look = l("~", Color::Yellow, "33", "#f9a825", 0xFFEB9C);
    const MISSED: Look = l("✗", Color::Red, "31", "#c62828", 0xFFC7CE);
    const DUE_SOON: Look = l("!", Color::Magenta, "35", "#ad1457", 0xF4CCF0);
    const DUE: Look = l("…", Color::Cyan, "36", "#1565c0", 0xDDEBF7);
    const UPCOMING: Look = l("·", Color::DarkGrey, "90", "#bdbdbd", 0xEDEDED);
    match status {
        Status::Met => &MET,
        Status::Late => &LATE,
        Status::Missed => &MISSED,
        Status::DueSoon => &DUE_SOON,
        Status::Due => &DUE,
        Status::Upcoming => &UPCOMING,
    }
}

/// The mark of a status in tables.
pub fn mark(status: Status) -> &'static str {
    look(status).mark
}

/// The terminal colour of a status.
pub fn color_of(status: Status) -> comfy_table::Color {
    look(status).terminal
}

/// Wraps text in the ANSI colour of a status (for lines outside tables).
pub fn paint(text: &str, status: Status, color: bool) -> String {
    if !color {
        return text.to_string();
    }
    format!("\x1b[{}m{text}\x1b[0m", look(status).ansi)
}

/// What a rule asks for, in words: "≥ 2 tin, bài / quý", "trước 28/02/2022".
pub fn requirement(rule: &Rule, lang: Lang) -> String {
    use crate::plan::Shape;
    match &rule.shape {
        Shape::Quota(q) => {
            let mut text = format!(
                "≥ {} {} / {}",
                q.min,
                lang.measure_noun(q.record, q.measure),
                rule.schedule
                    .as_ref()
                    .map_or_else(String::new, |s| lang.schedule_words(s))
            );
            let mut narrowed: Vec<String> = Vec::new();
            if !q.topics.is_empty() {
                narrowed.push(q.topics.join(", "));
            }
            if !q.channels.is_empty() {
                narrowed.push(q.channels.join(", "));
            }
            if !q.activities.is_empty() {
                narrowed.push(q.activities.join(", "));
            }
            if !narrowed.is_empty() {
                text.push_str(&format!(" ({})", narrowed.join("; ")));
            }
            if q.peak_only {
                text.push_str(match lang {
                    Lang::Vi => ", giờ cao điểm",
                    Lang::En => ", peak hours",
                });
            }
            if let Some(m) = q.min_minutes {
                text.push_str(&match lang {
                    Lang::Vi => format!(", ≥ {m} phút"),
                    Lang::En => format!(", ≥ {m} minutes"),
                });
            }
            if !q.weekdays.is_empty() {
                let days: Vec<String> = q.weekdays.iter().map(|d| lang.weekday(*d)).collect();
                text.push_str(&format!(", {}", days.join(", ")));
                if !q.nth.is_empty() {
                    text.push(' ');
                    text.push_str(&lang.nth_words(&q.nth));
                }
            }
            if rule.scope == crate::plan::Scope::Together {
                text.push_str(match lang {
                    Lang::Vi => ", tính chung",
                    Lang::En => ", counted together",
                });
            }
            text
        }
        Shape::Deadline { due } => match lang {
            Lang::Vi => format!("kế hoạch, hạn {}", lang.date(*due)),
            Lang::En => format!("plan, due {}", lang.date(*due)),
        },
        Shape::Report { due } => {
            let when = match (due.day, due.after_days, lang) {
                (Some(day), _, Lang::Vi) => format!("hạn ngày {day} tháng cuối kỳ"),
                (Some(day), _, Lang::En) => format!("due day {day} of its last month"),
                (None, Some(n), Lang::Vi) => format!("hạn {n} ngày sau khi hết kỳ"),
                (None, Some(n), Lang::En) => format!("due {n} days after the period"),
                (None, None, Lang::Vi) => "hạn theo từng kỳ".to_string(),
                (None, None, Lang::En) => "due dates per period".to_string(),
            };
            let periods = rule
                .schedule
                .as_ref()
                .map_or_else(String::new, |s| lang.schedule_words(s));
            match (lang, &rule.schedule) {
                (Lang::Vi, Some(crate::period::Schedule::Named(_))) => {
                    format!("báo cáo {periods}, {when}")
                }
                (Lang::En, Some(crate::period::Schedule::Named(_))) => {
                    format!("reports for {periods}, {when}")
                }
                (Lang::Vi, _) => format!("báo cáo mỗi {periods}, {when}"),
                (Lang::En, _) => format!("report every {periods}, {when}"),
            }
        }
    }
}

/// One record as `list` shows it, in every format.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RecordRow {
    pub id: String,
    /// article, broadcast, plan or report.
    pub record: &'static str,
    pub unit: String,
    #[serde(with = "crate::record::iso_date")]
    pub date: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topics: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(rename = "ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    pub logged_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    #[serde(
        with = "crate::record::iso_date::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub sent: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participants: Option<u32>,
    /// The unit's name in the plan (filled by `list`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_name: Option<String>,
}

/// Header and rows of a plain-text table, shared by the terminal table and Markdown
/// so that both show the same cells.
pub struct TextTable {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The status of each row (quarter view) or of each cell (year table), for colour.
    pub statuses: Vec<Vec<Option<Status>>>,
}

impl ReportView<'_> {
    /// The year table of one kind group.
    pub fn year_table(&self, grid: &YearGrid, group: &KindGroup) -> TextTable {
        let labels = self.lang.labels();
        let mut header = vec![labels.unit.to_string(), labels.rule.to_string()];
        header.extend(grid.quarters.iter().map(|q| self.lang.quarter(*q)));
        let mut rows = Vec::new();
        let mut statuses = Vec::new();
        let mut previous_unit = None;
        for row in &group.rows {
            let unit_name = if previous_unit == Some(row.unit) {
                String::new()
            } else {
                self.unit_name(row.unit, row.rule)
            };
            previous_unit = Some(row.unit);
            let mut cells = vec![unit_name, self.plan.rules[row.rule].title.clone()];
            cells.extend(
                row.cells
                    .iter()
                    .map(|c| c.as_ref().map_or_else(|| "—".to_string(), GridCell::text)),
            );
            let mut row_statuses = vec![None, None];
            row_statuses.extend(row.cells.iter().map(|c| c.as_ref().map(|c| c.status)));
            rows.push(cells);
            statuses.push(row_statuses);
        }
        TextTable {
            header,
            rows,
            statuses,
        }
    }

    /// The quarter view: one obligation per row.
    pub fn quarter_table(&self) -> TextTable {
        let l = self.lang.labels();
        let header = [
            l.unit,
            l.rule,
            l.period,
            l.due,
            l.required,
            l.done,
            l.missing,
            l.days_left,
            l.status,
        ]
        .map(String::from)
        .to_vec();
        let mut rows = Vec::new();
        let mut statuses = Vec::new();
        for o in self.obligations {
            rows.push(vec![
                self.unit_name(o.unit, o.rule),
                self.plan.rules[o.rule].title.clone(),
                self.lang.period_name(&o.period, o.due),
                self.lang.date(o.due),
                o.required.to_string(),
                o.done.to_string(),
                o.missing().to_string(),
                o.days_left
                    .map_or_else(|| "—".to_string(), |d| d.to_string()),
                format!("{} {}", mark(o.status), self.lang.status(o.status)),
            ]);
            let mut row_statuses = vec![None; 8];
            row_statuses.push(Some(o.status));
            statuses.push(row_statuses);
        }
        TextTable {
            header,
            rows,
            statuses,
        }
    }
}

impl RecordRow {
    /// The cells of [`RECORD_COLUMNS`], as text (CSV and the workbook).
    pub fn cells(&self) -> [String; 19] {
        let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        let text = |t: &Option<String>| t.clone().unwrap_or_default();
        [
            self.id.clone(),
            self.record.to_string(),
            self.unit.clone(),
            self.date.to_string(),
            text(&self.time),
            number(self.minutes),
            text(&self.period),
            text(&self.title),
            self.topics
                .as_ref()
                .map(|t| t.join(";"))
                .unwrap_or_default(),
            text(&self.url),
            text(&self.reference),
            self.logged_at.clone(),
            text(&self.channel),
            self.sent.map(|d| d.to_string()).unwrap_or_default(),
            text(&self.rule),
            text(&self.activity),
            number(self.count),
            number(self.participants),
            text(&self.unit_name),
        ]
    }

    fn new(
        id: &str,
        record: &'static str,
        unit: &str,
        date: NaiveDate,
        logged_at: &str,
    ) -> RecordRow {
        RecordRow {
            id: id.to_string(),
            record,
            unit: unit.to_string(),
            date,
            time: None,
            minutes: None,
            period: None,
            title: None,
            topics: None,
            url: None,
            reference: None,
            logged_at: logged_at.to_string(),
            channel: None,
            sent: None,
            rule: None,
            activity: None,
            count: None,
            participants: None,
            unit_name: None,
        }
    }

    pub fn all(records: &crate::record::Records) -> Vec<RecordRow> {
        let articles = records.active_articles().map(RecordRow::article);
        let broadcasts = records.active_broadcasts().map(RecordRow::broadcast);
        let submissions = records.active_submissions().map(RecordRow::submission);
        let activities = records.active_activities().map(RecordRow::activity);
        articles
            .chain(broadcasts)
            .chain(submissions)
            .chain(activities)
            .collect()
    }

    /// The row of a record of any kind.
    pub fn of(record: &crate::record::Record) -> RecordRow {
        use crate::record::Record;
        match record {
            Record::Article(a) => RecordRow::article(a),
            Record::Broadcast(b) => RecordRow::broadcast(b),
            Record::Submission(s) => RecordRow::submission(s),
            Record::Activity(h) => RecordRow::activity(h),
        }
    }

    pub fn article(a: &crate::record::Article) -> RecordRow {
        RecordRow {
            title: Some(a.title.clone()),
            topics: Some(a.topics.clone()),
            url: a.url.clone(),
            channel: a.channel.clone(),
            sent: a.sent,
            ..RecordRow::new(&a.id, "article", &a.unit, a.date, &a.logged_at)
        }
    }

    pub fn broadcast(b: &crate::record::Broadcast) -> RecordRow {
        RecordRow {
            time: Some(b.time.format("%H:%M").to_string()),
            minutes: b.minutes,
            title: Some(b.title.clone()),
            channel: b.channel.clone(),
            ..RecordRow::new(&b.id, "broadcast", &b.unit, b.date, &b.logged_at)
        }
    }

    pub fn submission(s: &crate::record::Submission) -> RecordRow {
        RecordRow {
            period: s.period.clone(),
            reference: s.reference.clone(),
            rule: s.rule.clone(),
            ..RecordRow::new(
                &s.id,
                s.kind.record().as_str(),
                &s.unit,
                s.date,
                &s.logged_at,
            )
        }
    }

    pub fn activity(h: &crate::record::Activity) -> RecordRow {
        RecordRow {
            title: Some(h.title.clone()),
            activity: Some(h.activity.clone()),
            count: Some(h.count),
            participants: h.participants,
            ..RecordRow::new(&h.id, "activity", &h.unit, h.date, &h.logged_at)
        }
    }
}

/// Where the report's obligations stand on the as-of date: settled (met, late,
/// missed, as `completion` counts them), still running, not begun. The three add
/// up to every obligation of the report, so a mid-period report can say what is
/// done so far and what is still open instead of a rate alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub total: usize,
    pub settled: usize,
    /// Periods running, not yet met (`due`, `due_soon`).
    pub running: usize,
    /// What the running ones still lack, in their rules' measures.
    pub running_missing: u32,
    /// Periods not begun (`upcoming`).
    pub upcoming: usize,
}

/// A record of the evidence list: one that counted for an obligation shown, with
/// what a reviewer must check before it is sent as "tài liệu kiểm chứng".
pub struct Evidence<'r> {
    pub record: &'r RecordRow,
    /// An article without a link.
    pub no_link: bool,
    /// The numbers (1-based, in this list) of other records with the same title.
    pub same_title: Vec<usize>,
}

/// The items of the report's quarters by topic, with those on no topic, so that the
/// lines add up: `tagged + untagged = all`, while an item with several topics
/// counts under each of them in `by_topic`.
pub struct TopicCounts {
    pub all: u32,
    pub tagged: u32,
    pub untagged: u32,
    /// (topic name, items), topics with any.
    pub by_topic: Vec<(String, u32)>,
}

impl ReportView<'_> {
    /// Settled, running and upcoming obligations (see [`Progress`]).
    pub fn progress(&self) -> Progress {
        let mut p = Progress {
            total: self.obligations.len(),
            ..Progress::default()
        };
        for o in self.obligations {
            match o.status {
                Status::Met | Status::Late | Status::Missed => p.settled += 1,
                Status::Due | Status::DueSoon => {
                    p.running += 1;
                    p.running_missing += o.missing();
                }
                Status::Upcoming => p.upcoming += 1,
            }
        }
        p
    }

    /// The first and last day of the quarters the report shows (cut-off quarters
    /// where the plan has them).
    pub fn span_dates(&self) -> Option<(NaiveDate, NaiveDate)> {
        let quarters = self.quarters();
        let periods = self.plan.calendar().periods(Every::Quarter);
        let bounds = |q: Quarter| {
            periods
                .iter()
                .find(|p| p.key == crate::period::PeriodKey::Quarter(q))
                .map_or((q.first_day(), q.last_day()), |p| (p.start, p.end))
        };
        Some((bounds(*quarters.first()?).0, bounds(*quarters.last()?).1))
    }

    /// The rows of the year table (one per unit and rule), as Appendix I numbers them.
    pub fn grid_rows(&self) -> usize {
        self.year_grid().groups.iter().map(|g| g.rows.len()).sum()
    }

    /// Every obligation missed or met late, in plan order of units then rules
    /// (together rules last), then by period.
    pub fn shortfalls(&self) -> Vec<&Obligation> {
        let mut short: Vec<&Obligation> = self
            .obligations
            .iter()
            .filter(|o| matches!(o.status, Status::Missed | Status::Late))
            .collect();
        short.sort_by_key(|o| (o.unit.is_none(), o.unit, o.rule, o.period.start));
        short
    }

    /// The records that counted for an obligation shown, by unit (plan order) and
    /// date, each with its marks: an article without a link, a title that another
    /// record of the list has too (compared as duplicates compare titles).
    pub fn evidence<'r>(&self, records: &'r [RecordRow]) -> Vec<Evidence<'r>> {
        let counted: std::collections::HashSet<&str> = self
            .obligations
            .iter()
            .flat_map(|o| o.records.iter().map(|id| id.as_str()))
            .collect();
        let mut rows: Vec<&RecordRow> = records
            .iter()
            .filter(|r| counted.contains(r.id.as_str()))
            .collect();
        rows.sort_by_key(|r| (self.plan.unit_index(&r.unit), r.date, r.id.clone()));
        let mut by_title: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in rows.iter().enumerate() {
            if let Some(title) = &r.title {
                by_title
                    .entry(crate::text::fold_title(title))
                    .or_default()
                    .push(i + 1);
            }
        }
        rows.iter()
            .enumerate()
            .map(|(i, r)| Evidence {
                record: r,
                no_link: r.record == "article" && r.url.is_none(),
                same_title: r
                    .title
                    .as_ref()
                    .and_then(|t| by_title.get(&crate::text::fold_title(t)))
                    .map(|n| n.iter().copied().filter(|n| *n != i + 1).collect())
                    .unwrap_or_default(),
            })
            .collect()
    }

    /// The records of the report's period: dated in its quarters, or counted for
    /// one of its obligations (a report of the last quarter sent after it).
    pub fn records_of_period<'r>(&self, records: &'r [RecordRow]) -> Vec<&'r RecordRow> {
        let counted: std::collections::HashSet<&str> = self
            .obligations
            .iter()
            .flat_map(|o| o.records.iter().map(|id| id.as_str()))
            .collect();
        let span = self.span_dates();
        records
            .iter()
            .filter(|r| {
                span.is_some_and(|(start, end)| (start..=end).contains(&r.date))
                    || counted.contains(r.id.as_str())
            })
            .collect()
    }

    /// The items of the quarters shown by topic (see [`TopicCounts`]); none for one
    /// unit or rule, or a plan without topics.
    pub fn topic_counts(&self) -> Option<TopicCounts> {
        let totals = self.totals?;
        if self.plan.topics.is_empty() {
            return None;
        }
        let shown = self.shown_totals(totals);
        let sum = |counts: &[u32]| -> u32 { shown.iter().map(|&i| counts[i]).sum() };
        let all: u32 = totals.by_kind.iter().map(|(_, c)| sum(c)).sum();
        let untagged = sum(&totals.untagged);
        Some(TopicCounts {
            all,
            tagged: all.saturating_sub(untagged),
            untagged,
            by_topic: totals
                .by_topic
                .iter()
                .map(|(t, c)| (self.topic_name(t), sum(c)))
                .filter(|(_, n)| *n > 0)
                .collect(),
        })
    }
}
