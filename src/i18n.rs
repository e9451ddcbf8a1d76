//! Every word cchc shows a person, in Vietnamese and English, in one place.
//!
//! JSON keys, status ids, rule ids and exit codes never change with the language;
//! only what is rendered for reading does.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

mod finding;
mod first_day;
mod guard;
pub mod help;
mod plan_fault;
mod refusal;
mod remind;
mod store;

pub use crate::lang::built_in_name;
pub use finding::Finding;
pub use first_day::FirstDay;
pub use guard::{Guard, PlansFolderWhy, grouped};
pub use refusal::{IdTable, Refusal, plans_error_text};
pub use remind::Remind;

use crate::feed::FeedError;
use crate::obligation::Status;
use crate::period::{Every, PeriodKey, PeriodName, Quarter, Schedule};
use crate::plan::{Measure, Nth, RecordKind};

pub use crate::lang::Lang;

impl Lang {
    /// The name of a status.
    pub fn status(self, status: Status) -> &'static str {
        match (self, status) {
            (Lang::Vi, Status::Met) => "Đạt",
            (Lang::Vi, Status::Late) => "Hoàn thành trễ hạn",
            (Lang::Vi, Status::Missed) => "Không đạt",
            (Lang::Vi, Status::DueSoon) => "Sắp đến hạn",
            (Lang::Vi, Status::Due) => "Đang thực hiện",
            (Lang::Vi, Status::Upcoming) => "Chưa đến kỳ",
            (Lang::En, Status::Met) => "met",
            (Lang::En, Status::Late) => "late",
            (Lang::En, Status::Missed) => "missed",
            (Lang::En, Status::DueSoon) => "due soon",
            (Lang::En, Status::Due) => "due",
            (Lang::En, Status::Upcoming) => "upcoming",
        }
    }

    /// What one record of a kind is called, for counts ("2 tin, bài").
    pub fn record_noun(self, kind: RecordKind) -> &'static str {
        match (self, kind) {
            (Lang::Vi, RecordKind::Article) => "tin, bài",
            (Lang::Vi, RecordKind::Broadcast) => "buổi phát thanh",
            (Lang::Vi, RecordKind::Plan) => "kế hoạch",
            (Lang::Vi, RecordKind::Report) => "báo cáo",
            (Lang::En, RecordKind::Article) => "news item(s)",
            (Lang::En, RecordKind::Broadcast) => "broadcast(s)",
            (Lang::En, RecordKind::Plan) => "plan",
            (Lang::En, RecordKind::Report) => "report",
            (Lang::Vi, RecordKind::Activity) => "hoạt động",
            (Lang::En, RecordKind::Activity) => "activity(ies)",
        }
    }

    /// The name of a record kind in a table: "tin, bài", "phát thanh", "article".
    pub fn record_kind(self, kind: RecordKind) -> &'static str {
        match (self, kind) {
            (Lang::Vi, RecordKind::Article) => "tin, bài",
            (Lang::Vi, RecordKind::Broadcast) => "phát thanh",
            (Lang::Vi, RecordKind::Plan) => "kế hoạch",
            (Lang::Vi, RecordKind::Report) => "báo cáo",
            (Lang::Vi, RecordKind::Activity) => "hoạt động",
            (Lang::En, kind) => kind.as_str(),
        }
    }

    /// A column of the workbook's obligations and records sheets, named by its
    /// JSON key: the key itself in English (scripts read it), the word a clerk
    /// reads in Vietnamese (for records, the headers `import` reads back).
    pub fn column(self, key: &'static str) -> &'static str {
        if self == Lang::En {
            return key;
        }
        match key {
            "unit" => "Mã đơn vị",
            "unit_name" => "Đơn vị",
            "rule" => "Mã chỉ tiêu",
            "record" => "Loại",
            "period" => "Kỳ",
            "start" => "Từ ngày",
            "end" => "Đến ngày",
            "due" => "Hạn",
            "required" => "Phải thực hiện",
            "done" => "Đã thực hiện",
            "missing" => "Còn thiếu",
            "status" => "Tình trạng",
            "days_left" => "Số ngày còn lại",
            "records" => "Bản ghi",
            "id" => "Mã",
            "date" => "Ngày",
            "time" => "Giờ",
            "minutes" => "Thời lượng",
            "title" => "Tiêu đề",
            "topics" => "Chủ đề",
            "url" => "Đường dẫn",
            "ref" => "Số hiệu",
            "logged_at" => "Thời điểm ghi",
            "channel" => "Kênh",
            "sent" => "Ngày gửi",
            "activity" => "Hoạt động",
            "count" => "Số lượng",
            "participants" => "Số người",
            other => other,
        }
    }

    /// What a quota counts: records of its kind, or the sum it measures.
    pub fn measure_noun(self, kind: RecordKind, measure: Measure) -> &'static str {
        match (self, measure) {
            (_, Measure::Records) => self.record_noun(kind),
            (Lang::Vi, Measure::Count) => "lượt hoạt động",
            (Lang::Vi, Measure::Participants) => "người tham dự",
            (Lang::Vi, Measure::Minutes) => "phút phát sóng",
            (Lang::En, Measure::Count) => "activities (count)",
            (Lang::En, Measure::Participants) => "participants",
            (Lang::En, Measure::Minutes) => "minutes on air",
        }
    }

    /// A period length after "per": "quý", "6 tháng", "quarter".
    pub fn every_word(self, every: Every) -> &'static str {
        match (self, every) {
            (Lang::Vi, Every::Week) => "tuần",
            (Lang::Vi, Every::Month) => "tháng",
            (Lang::Vi, Every::Quarter) => "quý",
            (Lang::Vi, Every::Half) => "6 tháng",
            (Lang::Vi, Every::Year) => "năm",
            (Lang::En, Every::Half) => "half year",
            (Lang::En, e) => e.as_str(),
        }
    }

    /// The periods of a schedule after "per" or "for": "quý", "tuần (tháng 7, 8,
    /// 9)", "quý I, 6 tháng, quý III, năm" (as plans write "Báo cáo quý I, 6 tháng,
    /// quý III, năm"); "quarter", "Q1, H1, Q3, year".
    pub fn schedule_words(self, schedule: &Schedule) -> String {
        match schedule {
            Schedule::Every { every, months } if months.is_empty() => {
                self.every_word(*every).to_string()
            }
            Schedule::Every { every, months } => {
                let months: Vec<String> = months.iter().map(u32::to_string).collect();
                match self {
                    Lang::Vi => {
                        format!("{} (tháng {})", self.every_word(*every), months.join(", "))
                    }
                    Lang::En => {
                        format!("{} (months {})", self.every_word(*every), months.join(", "))
                    }
                }
            }
            Schedule::Named(names) => names
                .iter()
                .map(|n| self.period_name_word(*n))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }

    /// One named period of a year as a plan says it: "quý I", "6 tháng", "9 tháng",
    /// "năm", "tháng 3"; "Q1", "H1", "9 months", "year", "month 3".
    pub fn period_name_word(self, name: PeriodName) -> String {
        match (self, name) {
            (Lang::Vi, PeriodName::Quarter(n)) => format!("quý {}", roman(n)),
            (Lang::Vi, PeriodName::Half(1)) => "6 tháng".into(),
            (Lang::Vi, PeriodName::Half(_)) => "6 tháng cuối năm".into(),
            (Lang::Vi, PeriodName::NineMonths) => "9 tháng".into(),
            (Lang::Vi, PeriodName::Year) => "năm".into(),
            (Lang::Vi, PeriodName::Month(m)) => format!("tháng {m}"),
            (Lang::En, PeriodName::NineMonths) => "9 months".into(),
            (Lang::En, PeriodName::Month(m)) => format!("month {m}"),
            (Lang::En, other) => other.to_string(),
        }
    }

    /// Which of the month's weekdays count: "cuối tháng", "thứ 1, 3 trong tháng";
    /// "last of the month", "1st, 3rd of the month".
    pub fn nth_words(self, nth: &[Nth]) -> String {
        let numbers: Vec<String> = nth
            .iter()
            .filter_map(|n| match n {
                Nth::Number(n) => Some(match self {
                    Lang::Vi => n.to_string(),
                    Lang::En => format!("{n}{}", ["st", "nd", "rd", "th", "th"][*n as usize - 1]),
                }),
                Nth::Last => None,
            })
            .collect();
        let last = nth.contains(&Nth::Last);
        let mut parts = Vec::new();
        if !numbers.is_empty() {
            parts.push(match self {
                Lang::Vi => format!("thứ {} trong tháng", numbers.join(", ")),
                Lang::En => format!("{} of the month", numbers.join(", ")),
            });
        }
        if last {
            parts.push(match self {
                Lang::Vi => "cuối tháng".to_string(),
                Lang::En => "last of the month".to_string(),
            });
        }
        parts.join(match self {
            Lang::Vi => " và ",
            Lang::En => " and ",
        })
    }

    /// A weekday: "thứ Bảy", "Saturday".
    pub fn weekday(self, day: Weekday) -> String {
        match self {
            Lang::Vi => match day {
                Weekday::Sun => "Chủ nhật".into(),
                d => format!(
                    "thứ {}",
                    ["Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy"][d.num_days_from_monday() as usize]
                ),
            },
            Lang::En => format!("{day:?}"),
        }
    }

    /// Who a together obligation belongs to: "chung 10 đơn vị", "10 units together".
    pub fn together(self, units: usize) -> String {
        match self {
            Lang::Vi => format!("Chung {units} đơn vị"),
            Lang::En => format!("{units} units together"),
        }
    }

    /// A quarter as a column heading or in a sentence: "Quý I/2022", "Q1 2022".
    pub fn quarter(self, q: Quarter) -> String {
        match self {
            Lang::Vi => format!("Quý {}/{}", roman(q.number), q.year),
            Lang::En => format!("Q{} {}", q.number, q.year),
        }
    }

    /// A quarter as a narrow column heading: "Quý I" ("Q1") where the heading says
    /// the year, else "I/2026" ("Q1/2026").
    pub fn quarter_short(self, q: Quarter, with_year: bool) -> String {
        match (self, with_year) {
            (Lang::Vi, false) => format!("Quý {}", roman(q.number)),
            (Lang::En, false) => format!("Q{}", q.number),
            (Lang::Vi, true) => format!("{}/{}", roman(q.number), q.year),
            (Lang::En, true) => format!("Q{}/{}", q.number, q.year),
        }
    }

    /// The span of a `--through` report, from the plan's first quarter: "6 tháng
    /// đầu năm 2022" for a plan of the calendar year, "từ Quý III/2022 đến hết Quý
    /// II/2023" otherwise.
    pub fn span(self, first: Quarter, last: Quarter) -> String {
        let from_new_year = first.number == 1 && first.year == last.year;
        match (self, from_new_year.then_some(last.number)) {
            (_, Some(1)) => self.quarter(last),
            (Lang::Vi, Some(2)) => format!("6 tháng đầu năm {}", last.year),
            (Lang::Vi, Some(3)) => format!("9 tháng đầu năm {}", last.year),
            (Lang::Vi, Some(_)) => format!("Năm {}", last.year),
            (Lang::En, Some(2)) => format!("first half of {}", last.year),
            (Lang::En, Some(3)) => format!("first nine months of {}", last.year),
            (Lang::En, Some(_)) => format!("year {}", last.year),
            (_, None) if first == last => self.quarter(last),
            (Lang::Vi, None) => {
                format!("từ {} đến hết {}", self.quarter(first), self.quarter(last))
            }
            (Lang::En, None) => format!("{} to {}", self.quarter(first), self.quarter(last)),
        }
    }

    /// A period in a sentence: "quý I/2022", "tuần 05/2022", "Q1 2022", "week 2022-W05".
    pub fn period(self, key: PeriodKey) -> String {
        match (self, key) {
            (Lang::Vi, PeriodKey::Once) => "kỳ duy nhất".into(),
            (Lang::Vi, PeriodKey::Week { year, week }) => format!("tuần {week:02}/{year}"),
            (Lang::Vi, PeriodKey::Month { year, month }) => format!("tháng {month:02}/{year}"),
            (Lang::Vi, PeriodKey::Quarter(q)) => format!("quý {}/{}", roman(q.number), q.year),
            (Lang::Vi, PeriodKey::Half { year, half: 1 }) => format!("6 tháng đầu năm {year}"),
            (Lang::Vi, PeriodKey::Half { year, .. }) => format!("6 tháng cuối năm {year}"),
            (Lang::Vi, PeriodKey::NineMonths { year }) => format!("9 tháng đầu năm {year}"),
            (Lang::Vi, PeriodKey::Year(year)) => format!("năm {year}"),
            (Lang::En, PeriodKey::Once) => "one-off".into(),
            (Lang::En, PeriodKey::Quarter(q)) => format!("Q{} {}", q.number, q.year),
            (Lang::En, key) => key.to_string(),
        }
    }

    /// A percentage as this language writes it: "91,9%", "91.9%".
    pub fn percent(self, p: crate::obligation::Percent) -> String {
        let text = format!("{:.1}%", f64::from(p));
        match self {
            Lang::Vi => text.replace('.', ","),
            Lang::En => text,
        }
    }

    /// A period as a heading or table cell, as people write it: "Quý III/2022",
    /// "Tháng 3/2022", "Tuần 27 (04/7–10/7/2022)", "6 tháng đầu năm 2022", "Năm
    /// 2022"; a one-off shows its due date.
    pub fn period_name(self, period: &crate::period::Period, due: NaiveDate) -> String {
        let p = period;
        match (self, p.key) {
            (Lang::Vi, PeriodKey::Once) => format!("Hạn {}", self.date(due)),
            (Lang::Vi, PeriodKey::Week { week, .. }) => {
                let (start, end) = (p.start, p.start + Duration::days(6));
                format!(
                    "Tuần {week} ({}/{}–{}/{}/{})",
                    start.day(),
                    start.month(),
                    end.day(),
                    end.month(),
                    end.year()
                )
            }
            (Lang::Vi, PeriodKey::Month { year, month }) => format!("Tháng {month}/{year}"),
            (Lang::Vi, PeriodKey::Quarter(q)) => self.quarter(q),
            (Lang::Vi, PeriodKey::Half { year, half: 1 }) => format!("6 tháng đầu năm {year}"),
            (Lang::Vi, PeriodKey::Half { year, .. }) => format!("6 tháng cuối năm {year}"),
            (Lang::Vi, PeriodKey::NineMonths { year }) => format!("9 tháng đầu năm {year}"),
            (Lang::Vi, PeriodKey::Year(year)) => format!("Năm {year}"),
            (Lang::En, PeriodKey::Once) => format!("due {}", self.date(due)),
            (Lang::En, PeriodKey::Week { week, .. }) => format!(
                "Week {week} ({} – {})",
                self.date(p.start),
                self.date(p.start + Duration::days(6))
            ),
            (Lang::En, PeriodKey::Month { year, month }) => {
                let name = NaiveDate::from_ymd_opt(year, month, 1)
                    .map_or_else(String::new, |d| d.format("%B").to_string());
                format!("{name} {year}")
            }
            (Lang::En, PeriodKey::Quarter(q)) => self.quarter(q),
            (Lang::En, PeriodKey::Half { year, half }) => format!("H{half} {year}"),
            (Lang::En, PeriodKey::NineMonths { year }) => format!("first nine months of {year}"),
            (Lang::En, PeriodKey::Year(year)) => format!("Year {year}"),
        }
    }

    /// A period in a sentence as people say it: "tuần 5, 31/1–6/2", "tháng 3/2022",
    /// "quý I/2022", "week 5, 31/1–6/2", "March 2022", "Q1 2022" (a week that
    /// straddles two years ends with the year: "tuần 1, 29/12–4/1/2026"); a one-off
    /// says its due date.
    pub fn period_words(self, period: &crate::period::Period, due: NaiveDate) -> String {
        let p = period;
        match (self, p.key) {
            (_, PeriodKey::Week { week, .. }) => {
                let (start, end) = (p.start, p.start + Duration::days(6));
                let days = if start.year() == end.year() {
                    format!(
                        "{}/{}–{}/{}",
                        start.day(),
                        start.month(),
                        end.day(),
                        end.month()
                    )
                } else {
                    format!(
                        "{}/{}–{}/{}/{}",
                        start.day(),
                        start.month(),
                        end.day(),
                        end.month(),
                        end.year()
                    )
                };
                match self {
                    Lang::Vi => format!("tuần {week}, {days}"),
                    Lang::En => format!("week {week}, {days}"),
                }
            }
            (Lang::Vi, PeriodKey::Month { year, month }) => format!("tháng {month}/{year}"),
            (Lang::Vi, PeriodKey::Once) => format!("hạn {}", self.date(due)),
            (Lang::En, PeriodKey::Once) => format!("due {}", self.date(due)),
            (Lang::En, PeriodKey::Month { .. }) => self.period_name(p, due),
            (Lang::En, PeriodKey::Half { year, half }) => format!("H{half} {year}"),
            (Lang::En, PeriodKey::Year(year)) => format!("year {year}"),
            (_, key) => self.period(key),
        }
    }

    /// How many records a list shows: "12 bản ghi", "1 record", "12 records".
    pub fn record_count(self, n: usize) -> String {
        match (self, n) {
            (Lang::Vi, n) => format!("{n} bản ghi"),
            (Lang::En, 1) => "1 record".to_string(),
            (Lang::En, n) => format!("{n} records"),
        }
    }

    /// The days left to a due date: "còn 5 ngày", "hạn hôm nay", "5 days left".
    pub fn days_left(self, days: i64) -> String {
        match (self, days) {
            (Lang::Vi, 0) => "hạn hôm nay".to_string(),
            (Lang::Vi, d) => format!("còn {d} ngày"),
            (Lang::En, 0) => "due today".to_string(),
            (Lang::En, 1) => "1 day left".to_string(),
            (Lang::En, d) => format!("{d} days left"),
        }
    }

    pub fn labels(self) -> &'static Labels {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}

pub(crate) fn roman(n: u32) -> &'static str {
    ["?", "I", "II", "III", "IV"]
        .get(n as usize)
        .copied()
        .unwrap_or("?")
}

/// Fixed words of tables, headings and pages: the one table of words that take
/// no value. A field missing from either language's table does not compile.
pub struct Labels {
    pub unit: &'static str,
    pub rule: &'static str,
    pub kind: &'static str,
    pub period: &'static str,
    pub required: &'static str,
    pub done: &'static str,
    pub missing: &'static str,
    pub status: &'static str,
    pub due: &'static str,
    pub days_left: &'static str,
    pub as_of: &'static str,
    pub summary: &'static str,
    pub report_title: &'static str,
    pub nothing_to_report: &'static str,
    pub date: &'static str,
    pub title: &'static str,
    pub record: &'static str,
    pub topics: &'static str,
    pub details: &'static str,
    pub no_records: &'static str,
    pub no_obligations: &'static str,
    pub clause: &'static str,
    pub requirement: &'static str,
    pub applies_to: &'static str,
    pub name: &'static str,
    pub source: &'static str,
    pub range: &'static str,
    pub topic: &'static str,
    /// The heading of the rows of rules whose units count together.
    pub together_group: &'static str,
    /// The year table's column of periods met per unit.
    pub periods_met: &'static str,
    /// The year table's row of periods met per quarter.
    pub total_met: &'static str,
    /// The quarter view's column of done/required.
    pub done_of_required: &'static str,
    /// "Missing", shortened for narrow terminals.
    pub short: &'static str,
    /// `import --dry-run`: the row of the file, and what it counts for.
    pub row: &'static str,
    pub counts_for: &'static str,
    /// The HTML page's line naming the period reported on.
    pub report_period: &'static str,
    /// The HTML page's heading of the chart column.
    pub chart: &'static str,
    /// The printed page number ("Trang 2/5"), as a CSS `content` value.
    pub page_number: &'static str,
}

const VI: Labels = Labels {
    unit: "Đơn vị",
    rule: "Chỉ tiêu",
    kind: "Loại",
    period: "Kỳ",
    required: "Yêu cầu",
    done: "Đã thực hiện",
    missing: "Còn thiếu",
    status: "Tình trạng",
    due: "Hạn",
    days_left: "Số ngày còn lại",
    as_of: "Tính đến ngày",
    summary: "Tổng hợp",
    report_title: "Kết quả thực hiện",
    nothing_to_report: "Không có chỉ tiêu nào quá hạn hoặc sắp đến hạn.",
    date: "Ngày",
    title: "Tiêu đề",
    record: "Loại hồ sơ",
    topics: "Chủ đề",
    details: "Chi tiết",
    no_records: "Không có bản ghi nào.",
    no_obligations: "Không có chỉ tiêu nào khớp bộ lọc.",
    clause: "Mục",
    requirement: "Yêu cầu",
    applies_to: "Áp dụng cho",
    name: "Tên",
    source: "Nguồn",
    range: "Thời gian",
    topic: "Chủ đề",
    together_group: "Chỉ tiêu tính chung",
    periods_met: "Kỳ đạt",
    total_met: "Cộng (kỳ đạt)",
    done_of_required: "Kết quả",
    short: "Thiếu",
    row: "Dòng",
    counts_for: "Tính cho",
    report_period: "Kỳ báo cáo",
    chart: "Biểu đồ theo quý",
    page_number: "\"Trang \" counter(page) \"/\" counter(pages)",
};

const EN: Labels = Labels {
    unit: "Unit",
    rule: "Rule",
    kind: "Kind",
    period: "Period",
    required: "Required",
    done: "Done",
    missing: "Missing",
    status: "Status",
    due: "Due",
    days_left: "Days left",
    as_of: "As of",
    summary: "Summary",
    report_title: "Compliance",
    nothing_to_report: "Nothing missed or due soon.",
    date: "Date",
    title: "Title",
    record: "Record",
    topics: "Topics",
    details: "Details",
    no_records: "No records.",
    no_obligations: "No obligation matches the filters.",
    clause: "Clause",
    requirement: "Requirement",
    applies_to: "Applies to",
    name: "Name",
    source: "Source",
    range: "Range",
    topic: "Topic",
    together_group: "Counted together",
    periods_met: "Met",
    total_met: "Total (periods met)",
    done_of_required: "Done",
    short: "Short",
    row: "Row",
    counts_for: "Counts for",
    report_period: "Period",
    chart: "By quarter",
    page_number: "\"Page \" counter(page) \" of \" counter(pages)",
};

/// The name of a unit kind for headings: "Phòng, ban", "Xã, thị trấn"; other kinds
/// are shown as written in the plan.
pub fn kind_heading(lang: Lang, kind: &str) -> String {
    match (lang, kind) {
        (Lang::Vi, "department") => "Phòng, ban".into(),
        (Lang::Vi, "commune") => "UBND xã, thị trấn".into(),
        (Lang::Vi, "center") => "Trung tâm".into(),
        (Lang::En, "department") => "Departments".into(),
        (Lang::En, "commune") => "Communes".into(),
        (Lang::En, "center") => "Centres".into(),
        _ => kind.to_string(),
    }
}

/// A period as people write it or as cchc labels it: `2022-Q1`, "Quý I/2022",
/// "Quý 1/2022", "Quý III năm 2022", "Tháng 3/2022", "tháng 3 năm 2022", "6 tháng
/// đầu năm 2022" (or "6 tháng năm 2022"), "6 tháng cuối năm 2022", "9 tháng (đầu)
/// năm 2022", "Năm 2022", "Q1 2022", "H2 2022" (case and diacritics optional). What to tell
/// a person who wrote something else is `Refusal::NotAPeriod`, said by the caller
/// with the field it came from.
pub fn parse_period(text: &str) -> Result<PeriodKey, NotAPeriod> {
    if let Ok(key) = crate::period::parse_label(text) {
        return Ok(key);
    }
    let folded = crate::plan::fold(text);
    let mut words: Vec<&str> = folded.split(' ').collect();
    // "Quý III năm 2025", "tháng 3 năm 2026": as reports are titled.
    if let ["quy" | "thang", _, "nam", _] = words[..] {
        words.remove(2);
    }
    let year = |w: &str| (w.len() == 4).then(|| w.parse::<i32>().ok()).flatten();
    let number = |w: &str| match w {
        "i" => Some(1),
        "ii" => Some(2),
        "iii" => Some(3),
        "iv" => Some(4),
        w => w.parse::<u32>().ok(),
    };
    let key = match words[..] {
        ["quy", q, y] => number(q)
            .filter(|q| (1..=4).contains(q))
            .zip(year(y))
            .map(|(number, year)| PeriodKey::Quarter(Quarter { year, number })),
        ["thang", m, y] => number(m)
            .filter(|m| (1..=12).contains(m))
            .zip(year(y))
            .map(|(month, year)| PeriodKey::Month { year, month }),
        ["6", "thang", "dau", "nam", y] => year(y).map(|year| PeriodKey::Half { year, half: 1 }),
        ["6", "thang", "cuoi", "nam", y] => year(y).map(|year| PeriodKey::Half { year, half: 2 }),
        ["9", "thang", "dau", "nam", y] => year(y).map(|year| PeriodKey::NineMonths { year }),
        // "Báo cáo 6 tháng năm 2026" is the mid-year report, "9 tháng năm 2026" the
        // nine-month one: both from the start of the year.
        ["6", "thang", "nam", y] => year(y).map(|year| PeriodKey::Half { year, half: 1 }),
        ["9", "thang", "nam", y] => year(y).map(|year| PeriodKey::NineMonths { year }),
        ["nam" | "year", y] => year(y).map(PeriodKey::Year),
        [q, y] if q.len() == 2 && q.starts_with('q') => number(&q[1..])
            .filter(|q| (1..=4).contains(q))
            .zip(year(y))
            .map(|(number, year)| PeriodKey::Quarter(Quarter { year, number })),
        [h, y] if h.len() == 2 && h.starts_with('h') => number(&h[1..])
            .filter(|h| (1..=2).contains(h))
            .zip(year(y))
            .map(|(half, year)| PeriodKey::Half { year, half }),
        _ => None,
    };
    key.ok_or(NotAPeriod)
}

/// A text [`parse_period`] cannot read as a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAPeriod;

/// The system's reason for an I/O error, in `lang`: the common ones said in
/// Vietnamese with the system's words after them (what a search or an IT person
/// knows them by), the rest as the system says them.
pub fn os_reason(error: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let said = error.to_string();
    if lang == Lang::En {
        return said;
    }
    let vi = match error.kind() {
        K::NotFound => "không có",
        K::PermissionDenied => "không có quyền",
        K::ReadOnlyFilesystem => "ổ đĩa chỉ cho đọc",
        K::StorageFull => "hết chỗ trên đĩa",
        K::QuotaExceeded => "vượt hạn mức dung lượng",
        K::IsADirectory => "là một thư mục",
        K::NotADirectory => "không phải thư mục",
        K::AlreadyExists => "đã có",
        K::TimedOut => "quá thời gian chờ",
        _ => return said,
    };
    format!("{vi} ({said})")
}

/// For the catalogue's walking tests: every example says something in both
/// languages, and the two differ (a message left untranslated reads the same).
#[cfg(test)]
pub(crate) fn assert_both_languages<T: std::fmt::Debug>(
    examples: &[T],
    text: impl Fn(&T, Lang) -> String,
) {
    for example in examples {
        let (vi, en) = (text(example, Lang::Vi), text(example, Lang::En));
        assert!(!vi.is_empty() && !en.is_empty(), "{example:?}");
        assert_ne!(vi, en, "{example:?} is not translated");
    }
}

/// For the catalogue's walking tests: the examples (as `{:?}` prints them, the
/// variant's name first) hold every variant of `pub enum {name}` in `source`
/// (a path from the crate's root), so that a variant added without an example,
/// and so without a test of its words, fails.
#[cfg(test)]
pub(crate) fn assert_every_variant(
    source: &str,
    name: &str,
    examples: impl Iterator<Item = String>,
) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(source);
    let text = std::fs::read_to_string(&path).unwrap();
    let variants = enum_variants(&text, name);
    assert!(!variants.is_empty(), "no `pub enum {name}` in {source}");
    let seen: std::collections::BTreeSet<String> = examples
        .map(|e| {
            e.split(|c: char| !c.is_alphanumeric() && c != '_')
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    let missing: Vec<&String> = variants.iter().filter(|v| !seen.contains(*v)).collect();
    assert!(missing.is_empty(), "{name}: no example of {missing:?}");
}

/// The variants of `pub enum {name}` in Rust source: the names that open a line
/// at the enum's first level of braces (doc comments and attributes skipped).
#[cfg(test)]
fn enum_variants(text: &str, name: &str) -> Vec<String> {
    let Some(start) = text
        .find(&format!("pub enum {name} {{"))
        .or_else(|| text.find(&format!("pub enum {name}<")))
    else {
        return Vec::new();
    };
    let body = &text[start..];
    let mut depth = 0usize;
    let mut variants = Vec::new();
    for line in body.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("//") {
            continue;
        }
        if depth == 1 && !trimmed.starts_with('#') {
            let word: String = trimmed
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if word.starts_with(|c: char| c.is_ascii_uppercase()) {
                variants.push(word);
            }
        }
        for c in line.chars() {
            match c {
                '{' | '(' => depth += 1,
                '}' | ')' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        if depth == 0 && line.contains('}') {
            break;
        }
    }
    variants
}

/// What a command tells the coordinator on stderr once it has done its work, in
/// both languages. Every variant is in [`Notice::EXAMPLES`], which a test walks to
/// make sure none lacks a language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice<'a> {
    Voided {
        id: &'a str,
        void: &'a str,
    },
    Imported {
        rows: usize,
        file: &'a str,
        first: &'a str,
        last: &'a str,
    },
    NothingImported {
        file: &'a str,
    },
    DryRun {
        rows: usize,
        file: &'a str,
    },
    /// A dry run's table shows the first `shown` of `rows` good rows.
    PreviewCut {
        shown: usize,
        rows: usize,
    },
    SkippedDuplicates {
        rows: usize,
        lines: &'a str,
    },
    /// `import`: the header was found below a title (`above` rows that held
    /// something were left out).
    HeaderFound {
        place: &'a str,
        above: usize,
    },
    /// `import`: totals rows left out (their places), and the rows below the last
    /// one that are no records (signatures, notes).
    TotalsLeftOut {
        places: &'a str,
        below: usize,
    },
    /// The signature block under a list (no totals row above it).
    SignatureLeftOut {
        place: &'a str,
        below: usize,
    },
    WroteBuiltIn {
        path: &'a str,
    },
    KeptPlan {
        year: i32,
        from: &'a str,
        to: &'a str,
    },
    MovedPlan {
        year: i32,
        from: &'a str,
        to: &'a str,
    },
    WroteYear {
        year: i32,
        start: NaiveDate,
        end: NaiveDate,
        years: i32,
        from: &'a str,
    },
    DateMoved {
        line: usize,
        was: NaiveDate,
        now: NaiveDate,
    },
    LabelMoved {
        line: usize,
        was: &'a str,
        now: &'a str,
    },
    StillSays {
        line: usize,
        year: i32,
    },
    Assumption {
        line: usize,
    },
    CheckWith {
        year: i32,
    },
    /// `import --feed`: what became of the feed's items.
    FeedRead {
        source: &'a str,
        items: usize,
        logged: usize,
        already: usize,
        not_logged: usize,
        dry_run: bool,
    },
    /// `report --format docx`: the `[document]` keys that would fill the
    /// placeholders marked in the document (see `render::docx::gaps`).
    DocumentGaps {
        keys: &'a [&'a str],
    },
    /// `import --feed` without an address: a unit's own feed could not be read;
    /// the other feeds are read.
    UnitFeedFailed {
        unit: &'a str,
        source: &'a str,
        error: &'a FeedError,
    },
    /// `import --feed`: an item left for the coordinator, and why.
    FeedNotLogged {
        number: usize,
        date: Option<NaiveDate>,
        title: &'a str,
        skip: FeedSkip<'a>,
    },
}

/// Why an item of the portal's feed was not logged, with what to do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedSkip<'a> {
    /// No unit's name or alias is in its title, categories or authors.
    NoUnit,
    /// Several units are named (their names, joined).
    SeveralUnits {
        units: &'a str,
    },
    /// No publication date, or one in a form not read.
    NoDate,
    AfterToday {
        today: NaiveDate,
    },
    /// No plan of the data directory covers its date (their ranges).
    OutsidePlans {
        ranges: &'a str,
    },
    /// Its title or link would be refused by `log` (the reason, in the language).
    Refused {
        why: &'a str,
    },
    /// From a unit's own feed, dated in a plan that does not have that unit.
    UnitNotInPlan {
        unit: &'a str,
    },
}

impl FeedSkip<'_> {
    pub fn text(&self, lang: Lang) -> String {
        use FeedSkip as S;
        match (lang, self) {
            (Lang::Vi, S::NoUnit) => "không nhận ra đơn vị: thêm tên cổng thông tin dùng vào `aliases` của đơn vị trong kế hoạch, hoặc ghi bằng `cchc log article --unit …`".to_string(),
            (Lang::En, S::NoUnit) => "no unit recognised: add the name the portal uses to the unit's `aliases` in the plan, or log it with `cchc log article --unit …`".to_string(),
            (Lang::Vi, S::SeveralUnits { units }) => format!("nêu tên nhiều đơn vị ({units}): ghi bằng `cchc log article --unit …` cho đơn vị đưa tin"),
            (Lang::En, S::SeveralUnits { units }) => format!("names several units ({units}): log it with `cchc log article --unit …` for the unit that posted it"),
            (Lang::Vi, S::NoDate) => "không có ngày đăng đọc được: ghi bằng `cchc log article --date …`".to_string(),
            (Lang::En, S::NoDate) => "no publication date cchc can read: log it with `cchc log article --date …`".to_string(),
            (Lang::Vi, S::AfterToday { today }) => format!("đăng sau hôm nay ({}); sẽ được ghi khi đến ngày", lang.date(*today)),
            (Lang::En, S::AfterToday { today }) => format!("dated after today ({}); it is logged once that day comes", lang.date(*today)),
            (Lang::Vi, S::OutsidePlans { ranges }) => format!("ngoài mọi kế hoạch ({ranges})"),
            (Lang::En, S::OutsidePlans { ranges }) => format!("outside every plan ({ranges})"),
            (_, S::Refused { why }) => why.to_string(),
            (Lang::Vi, S::UnitNotInPlan { unit }) => format!("kế hoạch của ngày đăng không có đơn vị `{unit}`: ghi bằng `cchc log article --unit …` nếu đơn vị đổi mã"),
            (Lang::En, S::UnitNotInPlan { unit }) => format!("the plan of its date has no unit `{unit}`: log it with `cchc log article --unit …` if the unit's id changed"),
        }
    }
}

impl Notice<'_> {
    /// One of each variant, for the test that every one has both languages.
    pub const EXAMPLES: &'static [Notice<'static>] = &[
        Notice::DocumentGaps {
            keys: &["place", "plan_number", "signer_title"],
        },
        Notice::Voided {
            id: "A1",
            void: "A2",
        },
        Notice::Imported {
            rows: 3,
            file: "a.csv",
            first: "A1",
            last: "A3",
        },
        Notice::NothingImported { file: "a.csv" },
        Notice::DryRun {
            rows: 3,
            file: "a.csv",
        },
        Notice::PreviewCut {
            shown: 1000,
            rows: 5000,
        },
        Notice::SkippedDuplicates {
            rows: 2,
            lines: "a.csv:3, a.csv:5",
        },
        Notice::HeaderFound {
            place: "tin.xlsx: Sheet1!A3",
            above: 1,
        },
        Notice::TotalsLeftOut {
            places: "tin.xlsx: Sheet1!A12",
            below: 3,
        },
        Notice::TotalsLeftOut {
            places: "tin.csv:12",
            below: 0,
        },
        Notice::SignatureLeftOut {
            place: "tin.xlsx: Sheet1!A14",
            below: 4,
        },
        Notice::WroteBuiltIn { path: "plan.toml" },
        Notice::KeptPlan {
            year: 2022,
            from: "built-in",
            to: "plans/2022.toml",
        },
        Notice::MovedPlan {
            year: 2022,
            from: "plan.toml",
            to: "plans/2022.toml",
        },
        Notice::WroteYear {
            year: 2023,
            start: NaiveDate::MIN,
            end: NaiveDate::MAX,
            years: 1,
            from: "plans/2022.toml",
        },
        Notice::DateMoved {
            line: 3,
            was: NaiveDate::MIN,
            now: NaiveDate::MAX,
        },
        Notice::LabelMoved {
            line: 4,
            was: "2022-H1",
            now: "2023-H1",
        },
        Notice::StillSays {
            line: 1,
            year: 2022,
        },
        Notice::Assumption { line: 2 },
        Notice::CheckWith { year: 2023 },
        Notice::FeedRead {
            source: "https://hamtan.binhthuan.gov.vn/rss",
            items: 25,
            logged: 3,
            already: 20,
            not_logged: 2,
            dry_run: false,
        },
        Notice::FeedRead {
            source: "tin.xml",
            items: 25,
            logged: 3,
            already: 20,
            not_logged: 2,
            dry_run: true,
        },
        Notice::FeedNotLogged {
            number: 4,
            date: Some(NaiveDate::MIN),
            title: "Hội nghị",
            skip: FeedSkip::NoUnit,
        },
        Notice::FeedNotLogged {
            number: 5,
            date: None,
            title: "Hội nghị",
            skip: FeedSkip::NoDate,
        },
        Notice::FeedNotLogged {
            number: 6,
            date: Some(NaiveDate::MIN),
            title: "Hội nghị",
            skip: FeedSkip::SeveralUnits { units: "A, B" },
        },
        Notice::FeedNotLogged {
            number: 7,
            date: Some(NaiveDate::MAX),
            title: "Hội nghị",
            skip: FeedSkip::AfterToday {
                today: NaiveDate::MIN,
            },
        },
        Notice::FeedNotLogged {
            number: 8,
            date: Some(NaiveDate::MIN),
            title: "Hội nghị",
            skip: FeedSkip::OutsidePlans {
                ranges: "2022-01-01 – 2022-12-31",
            },
        },
        Notice::FeedNotLogged {
            number: 9,
            date: Some(NaiveDate::MIN),
            title: "Hội nghị",
            skip: FeedSkip::UnitNotInPlan { unit: "xa-son-my" },
        },
        Notice::UnitFeedFailed {
            unit: "UBND xã Sơn Mỹ",
            source: "https://xasonmy.gov.vn/rss",
            error: &FeedError::Status(404),
        },
    ];

    pub fn text(&self, lang: Lang) -> String {
        use Notice as N;
        let d = |date: &NaiveDate| lang.date(*date);
        match (lang, self) {
            (Lang::Vi, N::Voided { id, void }) => format!("đã hủy {id} (bằng dòng {void})"),
            (Lang::En, N::Voided { id, void }) => format!("voided {id} ({void})"),
            (
                Lang::Vi,
                N::Imported {
                    rows,
                    file,
                    first,
                    last,
                },
            ) => {
                format!("đã nhập {rows} dòng từ {file} ({first}–{last})")
            }
            (
                Lang::En,
                N::Imported {
                    rows,
                    file,
                    first,
                    last,
                },
            ) => {
                format!("imported {rows} rows from {file} ({first}–{last})")
            }
            (Lang::Vi, N::NothingImported { file }) => {
                format!("{file} không có dòng nào; không nhập gì")
            }
            (Lang::En, N::NothingImported { file }) => {
                format!("{file} has no rows; nothing imported")
            }
            (Lang::Vi, N::PreviewCut { shown, rows }) => format!(
                "bảng chỉ hiện {shown} dòng đầu trong {rows} dòng hợp lệ; `--format json` in hết"
            ),
            (Lang::En, N::PreviewCut { shown, rows }) => format!(
                "the table shows the first {shown} of {rows} valid rows; `--format json` prints them all"
            ),
            (Lang::Vi, N::DryRun { rows, file }) => {
                format!("thử: {rows} dòng của {file} hợp lệ; chưa ghi gì (bỏ --dry-run để ghi)")
            }
            (Lang::En, N::DryRun { rows, file }) => {
                format!(
                    "dry run: {rows} rows of {file} are valid; nothing written (leave out --dry-run to write)"
                )
            }
            (Lang::Vi, N::SkippedDuplicates { rows, lines }) => {
                format!("bỏ qua {rows} dòng trùng với bản ghi đã có: {lines}")
            }
            (Lang::En, N::SkippedDuplicates { rows, lines }) => {
                format!("left out {rows} rows that repeat a record already logged: {lines}")
            }
            (Lang::Vi, N::HeaderFound { place, above }) => {
                format!("dòng tiêu đề ở {place}; bỏ qua {above} dòng phía trên (tên danh sách)")
            }
            (Lang::En, N::HeaderFound { place, above }) => {
                format!(
                    "the header is at {place}; {above} row(s) above it (the list's title) left out"
                )
            }
            (Lang::Vi, N::TotalsLeftOut { places, below: 0 }) => {
                format!("bỏ qua dòng tổng cộng: {places}")
            }
            (Lang::Vi, N::TotalsLeftOut { places, below }) => format!(
                "bỏ qua dòng tổng cộng ({places}) và {below} dòng bên dưới không đủ cột bắt buộc (chữ ký, ghi chú)"
            ),
            (Lang::En, N::TotalsLeftOut { places, below: 0 }) => {
                format!("left out the totals row: {places}")
            }
            (Lang::En, N::TotalsLeftOut { places, below }) => format!(
                "left out the totals row ({places}) and {below} row(s) below it that lack a required column (signatures, notes)"
            ),
            (Lang::Vi, N::SignatureLeftOut { place, below }) => {
                format!("bỏ qua phần ký tên từ {place} ({} dòng)", below + 1)
            }
            (Lang::En, N::SignatureLeftOut { place, below }) => format!(
                "left out the signature block from {place} ({} row(s))",
                below + 1
            ),
            (Lang::Vi, N::WroteBuiltIn { path }) => format!(
                "đã ghi kế hoạch có sẵn vào {path}; sửa tệp này rồi kiểm tra bằng `cchc plan`"
            ),
            (Lang::En, N::WroteBuiltIn { path }) => format!(
                "wrote the built-in plan to {path}; edit it, then check it with `cchc plan`"
            ),
            (Lang::Vi, N::KeptPlan { year, from, to }) => {
                format!("đã lưu kế hoạch năm {year} ({from}) thành {to}")
            }
            (Lang::En, N::KeptPlan { year, from, to }) => {
                format!("saved the {year} plan ({from}) as {to}")
            }
            (Lang::Vi, N::MovedPlan { year, from, to }) => {
                format!("đã chuyển {from} thành {to} (kế hoạch năm {year} giữ năm của nó)")
            }
            (Lang::En, N::MovedPlan { year, from, to }) => {
                format!("moved {from} to {to} (the {year} plan keeps its year)")
            }
            (
                Lang::Vi,
                N::WroteYear {
                    year,
                    start,
                    end,
                    years,
                    from,
                },
            ) => format!(
                "đã viết kế hoạch năm {year} ({} – {}), mọi ngày dời {years} năm từ {from}; cần xem lại:",
                d(start),
                d(end)
            ),
            (
                Lang::En,
                N::WroteYear {
                    year,
                    start,
                    end,
                    years,
                    from,
                },
            ) => format!(
                "wrote the {year} plan ({} – {}), every date moved {years} year{} from {from}; review it:",
                d(start),
                d(end),
                if *years == 1 { "" } else { "s" }
            ),
            (lang, N::DateMoved { line, was, now }) => {
                let leap = was.month() == 2 && was.day() == 29;
                let (word, note) = match lang {
                    Lang::Vi => ("dòng", " (năm đó không có ngày 29/02: ngày 28)"),
                    Lang::En => ("line", " (29 February has no day in that year: the 28th)"),
                };
                format!(
                    "{word} {line}: {} → {}{}",
                    was.format("%Y-%m-%d"),
                    now.format("%Y-%m-%d"),
                    if leap { note } else { "" }
                )
            }
            (Lang::Vi, N::LabelMoved { line, was, now }) => format!("dòng {line}: {was} → {now}"),
            (Lang::En, N::LabelMoved { line, was, now }) => format!("line {line}: {was} → {now}"),
            (Lang::Vi, N::StillSays { line, year }) => {
                format!("dòng {line}: câu chữ hoặc chú thích vẫn ghi năm {year}")
            }
            (Lang::En, N::StillSays { line, year }) => {
                format!("line {line}: a text or comment still says {year}")
            }
            (Lang::Vi, N::Assumption { line }) => format!("dòng {line}: một giả định cần xem lại"),
            (Lang::En, N::Assumption { line }) => format!("line {line}: an assumption to check"),
            (Lang::Vi, N::CheckWith { year }) => format!("kiểm tra bằng `cchc --year {year} plan`"),
            (Lang::En, N::CheckWith { year }) => format!("check it with `cchc --year {year} plan`"),
            (
                Lang::Vi,
                N::UnitFeedFailed {
                    unit,
                    source,
                    error,
                },
            ) => format!(
                "{unit}: không lấy được nguồn tin {source}: {}; các nguồn tin khác vẫn được đọc",
                feed_error_text(error, lang)
            ),
            (
                Lang::En,
                N::UnitFeedFailed {
                    unit,
                    source,
                    error,
                },
            ) => format!(
                "{unit}: cannot read the feed {source}: {}; the other feeds are still read",
                feed_error_text(error, lang)
            ),
            (
                lang,
                N::FeedRead {
                    source,
                    items,
                    logged,
                    already,
                    not_logged,
                    dry_run,
                },
            ) => match lang {
                Lang::Vi => format!(
                    "{source}: {items} tin; {} {logged}, {already} tin đã có, {not_logged} tin không ghi",
                    if *dry_run {
                        "sẽ ghi (thử, chưa ghi gì)"
                    } else {
                        "đã ghi"
                    }
                ),
                Lang::En => format!(
                    "{source}: {items} item{}; {} {logged}, {already} already logged, {not_logged} not logged",
                    if *items == 1 { "" } else { "s" },
                    if *dry_run {
                        "would log (dry run, nothing written)"
                    } else {
                        "logged"
                    }
                ),
            },
            (
                lang,
                N::FeedNotLogged {
                    number,
                    date,
                    title,
                    skip,
                },
            ) => {
                let (word, no_date) = match lang {
                    Lang::Vi => ("không ghi tin", "không ngày"),
                    Lang::En => ("not logged: item", "no date"),
                };
                let date = date.map_or(no_date.to_string(), |d| lang.date(d));
                format!("{word} {number} ({date}) «{title}»: {}", skip.text(lang))
            }
            (lang, N::DocumentGaps { keys }) => {
                let said: Vec<String> = keys.iter().map(|k| document_key(lang, k)).collect();
                match lang {
                    Lang::Vi => format!(
                        "văn bản còn chỗ đánh dấu vàng để điền tay; để cchc điền sẵn, hãy đặt trong mục [document] của kế hoạch: {} (xem docs/van-ban.md)",
                        said.join("; ")
                    ),
                    Lang::En => format!(
                        "the document has places marked in yellow to fill in by hand; to have cchc fill them, set in the plan's [document]: {} (see docs/van-ban.md)",
                        said.join("; ")
                    ),
                }
            }
        }
    }
}

/// A `[document]` key with what it holds, for the hint after a docx report.
fn document_key(lang: Lang, key: &str) -> String {
    let what = match (lang, key) {
        (Lang::Vi, "code") => "ký hiệu sau số văn bản, ví dụ \"BC-PNV\"",
        (Lang::En, "code") => "the code after the number, e.g. \"BC-PNV\"",
        (Lang::Vi, "place") => "địa danh nơi ký, ví dụ \"Hàm Tân\"",
        (Lang::En, "place") => "where it is signed, e.g. \"Hàm Tân\"",
        (Lang::Vi, "plan_number") => {
            "số, ký hiệu của kế hoạch được báo cáo, cùng plan_date là ngày ký"
        }
        (Lang::En, "plan_number") => "the number of the plan reported on, with plan_date",
        (Lang::Vi, "recipients") => "nơi nhận, hoặc to là nơi kính gửi",
        (Lang::En, "recipients") => "who receives it, or to: whom it is addressed to",
        (Lang::Vi, "signer_title") => "chức vụ người ký, ví dụ \"CHỦ TỊCH\"",
        (Lang::En, "signer_title") => "the signer's title, e.g. \"CHỦ TỊCH\"",
        (Lang::Vi, "signer_name") => "họ và tên người ký",
        (Lang::En, "signer_name") => "the signer's full name",
        _ => "",
    };
    if what.is_empty() {
        key.to_string()
    } else {
        format!("{key} ({what})")
    }
}

/// The errors a coordinator meets every day, in both languages (the rest of the
/// messages are still English: see the walking test below, which every new
/// variant joins).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem<'a> {
    UnitUnknown {
        field: &'a str,
        query: &'a str,
        suggestions: &'a [String],
    },
    UnitAmbiguous {
        field: &'a str,
        query: &'a str,
        candidates: &'a [(String, String)],
    },
    OutsideEveryPlan {
        field: &'a str,
        date: NaiveDate,
        ranges: &'a str,
    },
    OutsidePlan {
        field: &'a str,
        date: NaiveDate,
        /// The plan's file; none for the built-in plan.
        file: Option<&'a str>,
        start: NaiveDate,
        end: NaiveDate,
    },
    AfterToday {
        field: &'a str,
        date: NaiveDate,
        today: NaiveDate,
    },
    /// `by_url`: the same link; else the same unit, date, title and channel.
    Duplicate {
        id: &'a str,
        date: NaiveDate,
        title: &'a str,
        by_url: bool,
        importing: bool,
    },
    DuplicateRow,
    /// `--quarter` or `--through` naming a quarter the plan does not have.
    QuarterOutsidePlan {
        flag: &'a str,
        quarter: &'a str,
        start: NaiveDate,
        end: NaiveDate,
    },
    /// `--rule` naming no rule of the plan, with the closest id if one is near.
    RuleUnknown {
        flag: &'a str,
        id: &'a str,
        closest: Option<&'a str>,
    },
    /// A binary format written to the terminal.
    NeedsOutput {
        format: &'a str,
    },
    /// `report --format F --output FILE` whose extension names another format.
    FormatClash {
        format: &'a str,
        path: &'a str,
        named: &'a str,
    },
    TitleBlank {
        field: &'a str,
    },
    TitleTooLong {
        field: &'a str,
        length: usize,
        max: usize,
    },
    /// `known`: the plan's topic ids, joined.
    TopicUnknown {
        field: &'a str,
        topic: &'a str,
        closest: Option<&'a str>,
        known: &'a str,
    },
    UrlControl {
        field: &'a str,
        url: &'a str,
    },
    UrlScheme {
        field: &'a str,
        url: &'a str,
    },
    UrlNotWeb {
        field: &'a str,
        url: &'a str,
    },
    /// `import --feed`: the feed could not be fetched or read.
    Feed {
        source: &'a str,
        error: &'a FeedError,
    },
    /// `import --feed` without an address, and no unit has a `feed`.
    NoUnitFeeds {
        plan: &'a str,
    },
}

/// Why a feed could not be had, in `lang` (the reason alone; [`Problem::Feed`] says
/// which feed).
pub fn feed_error_text(error: &FeedError, lang: Lang) -> String {
    use FeedError as F;
    match (lang, error) {
        (Lang::Vi, F::File { missing: true, .. }) => "không có tệp này".to_string(),
        (Lang::En, F::File { missing: true, .. }) => "it does not exist".to_string(),
        (_, F::File { why, .. }) => why.clone(),
        (Lang::Vi, F::Status(code)) => format!("máy chủ trả lời HTTP {code}"),
        (Lang::En, F::Status(code)) => format!("the server answered HTTP {code}"),
        (Lang::Vi, F::Timeout(s)) => {
            format!("không nhận đủ trả lời trong {s} giây (--timeout)")
        }
        (Lang::En, F::Timeout(s)) => format!("no complete answer within {s} s (--timeout)"),
        (Lang::Vi, F::TooLarge(mib)) => {
            format!("trả lời lớn hơn {mib} MiB, lớn hơn mọi nguồn tin RSS")
        }
        (Lang::En, F::TooLarge(mib)) => {
            format!("the answer is larger than {mib} MiB, more than any feed")
        }
        (Lang::Vi, F::Redirects(n)) => format!("chuyển hướng quá {n} lần"),
        (Lang::En, F::Redirects(n)) => format!("more than {n} redirects"),
        (Lang::Vi, F::HostNotFound) => {
            "không tìm thấy tên máy chủ (DNS): kiểm tra địa chỉ và mạng".to_string()
        }
        (Lang::En, F::HostNotFound) => {
            "the host name is not known (DNS): check the address and the network".to_string()
        }
        (Lang::Vi, F::ConnectionFailed) => {
            "không kết nối được (máy chủ hoặc proxy không trả lời)".to_string()
        }
        (Lang::En, F::ConnectionFailed) => {
            "the connection failed (the server or the proxy does not answer)".to_string()
        }
        (Lang::Vi, F::Proxy { address, why }) => {
            format!("không dùng được proxy `{address}` (biến môi trường): {why}")
        }
        (Lang::En, F::Proxy { address, why }) => {
            format!("the proxy `{address}` (from the environment) cannot be used: {why}")
        }
        (Lang::Vi, F::ProxyScheme { address }) => format!(
            "proxy `{address}` (biến môi trường) không dùng được: cchc dùng proxy http:// hoặc https://, không dùng SOCKS"
        ),
        (Lang::En, F::ProxyScheme { address }) => format!(
            "the proxy `{address}` (from the environment) cannot be used: cchc takes http:// or https:// proxies, not SOCKS"
        ),
        (Lang::Vi, F::TimeoutTooLong { seconds, max }) => {
            format!("--timeout {seconds}: tối đa {max} giây")
        }
        (Lang::En, F::TimeoutTooLong { seconds, max }) => {
            format!("--timeout {seconds}: at most {max} seconds")
        }
        (_, F::Network(why)) => why.clone(),
        (Lang::Vi, F::NotXml(why)) => format!("không phải XML hợp lệ ({why})"),
        (Lang::En, F::NotXml(why)) => format!("it is not well-formed XML ({why})"),
        (Lang::Vi, F::NotFeed(why)) => format!("không phải nguồn tin RSS hay Atom ({why})"),
        (Lang::En, F::NotFeed(why)) => format!("it is not an RSS or Atom feed ({why})"),
        (Lang::Vi, F::Json) => "đây là JSON Feed; cchc đọc RSS 2.0 và Atom".to_string(),
        (Lang::En, F::Json) => "it is a JSON feed; cchc reads RSS 2.0 and Atom".to_string(),
    }
}

impl Problem<'_> {
    /// One of each variant, for the test that every one has both languages.
    pub const EXAMPLES: &'static [Problem<'static>] = &[
        Problem::UnitUnknown {
            field: "--unit",
            query: "son mi",
            suggestions: &[],
        },
        Problem::UnitAmbiguous {
            field: "--unit",
            query: "tan",
            candidates: &[],
        },
        Problem::OutsideEveryPlan {
            field: "--date",
            date: NaiveDate::MIN,
            ranges: "2022",
        },
        Problem::OutsidePlan {
            field: "--date",
            date: NaiveDate::MIN,
            file: Some("plan.toml"),
            start: NaiveDate::MIN,
            end: NaiveDate::MAX,
        },
        Problem::AfterToday {
            field: "--date",
            date: NaiveDate::MAX,
            today: NaiveDate::MIN,
        },
        Problem::Duplicate {
            id: "A1",
            date: NaiveDate::MIN,
            title: "T",
            by_url: true,
            importing: false,
        },
        Problem::DuplicateRow,
        Problem::QuarterOutsidePlan {
            flag: "--quarter",
            quarter: "2023-Q1",
            start: NaiveDate::MIN,
            end: NaiveDate::MAX,
        },
        Problem::RuleUnknown {
            flag: "--rule",
            id: "tin-xaa",
            closest: Some("tin-xa"),
        },
        Problem::NeedsOutput { format: "docx" },
        Problem::FormatClash {
            format: "csv",
            path: "bao-cao.docx",
            named: "docx",
        },
        Problem::TitleBlank { field: "--title" },
        Problem::TitleTooLong {
            field: "--title",
            length: 501,
            max: 500,
        },
        Problem::TopicUnknown {
            field: "--topic",
            topic: "mot-cuaa",
            closest: Some("mot-cua"),
            known: "mot-cua, so-hoa",
        },
        Problem::UrlControl {
            field: "--url",
            url: "https://x\\u{7}",
        },
        Problem::UrlScheme {
            field: "--url",
            url: "ftp://x",
        },
        Problem::UrlNotWeb {
            field: "--url",
            url: "https:// x",
        },
        Problem::Feed {
            source: "tin.xml",
            error: &FeedError::File {
                missing: true,
                why: String::new(),
            },
        },
        Problem::Feed {
            source: "https://x.gov.vn/rss",
            error: &FeedError::Status(404),
        },
        Problem::Feed {
            source: "https://x.gov.vn/rss",
            error: &FeedError::Timeout(30),
        },
        Problem::Feed {
            source: "https://x.gov.vn/rss",
            error: &FeedError::TooLarge(16),
        },
        Problem::Feed {
            source: "https://x.gov.vn/rss",
            error: &FeedError::Redirects(5),
        },
        Problem::Feed {
            source: "https://x.gov.vn/rss",
            error: &FeedError::HostNotFound,
        },
        Problem::Feed {
            source: "https://x.gov.vn/rss",
            error: &FeedError::ConnectionFailed,
        },
        Problem::Feed {
            source: "https://x.gov.vn/rss",
            error: &FeedError::Proxy {
                address: String::new(),
                why: String::new(),
            },
        },
        Problem::Feed {
            source: "https://x.gov.vn/rss",
            error: &FeedError::ProxyScheme {
                address: String::new(),
            },
        },
        Problem::Feed {
            source: "https://x.gov.vn/rss",
            error: &FeedError::TimeoutTooLong {
                seconds: u64::MAX,
                max: 3600,
            },
        },
        Problem::Feed {
            source: "tin.xml",
            error: &FeedError::NotXml(String::new()),
        },
        Problem::Feed {
            source: "tin.xml",
            error: &FeedError::NotFeed(String::new()),
        },
        Problem::Feed {
            source: "tin.json",
            error: &FeedError::Json,
        },
        Problem::NoUnitFeeds { plan: "plan.toml" },
    ];

    pub fn text(&self, lang: Lang) -> String {
        use Problem as P;
        let d = |date: &NaiveDate| lang.date(*date);
        match (lang, self) {
            (Lang::Vi, P::UnitUnknown { field, query, suggestions: [] }) => {
                format!("{field}: không có đơn vị nào khớp với `{query}`; `cchc plan` liệt kê các đơn vị")
            }
            (Lang::Vi, P::UnitUnknown { field, query, suggestions }) => format!(
                "{field}: không có đơn vị nào khớp với `{query}`; có phải là {}?",
                suggestions.join(" hay ")
            ),
            (Lang::En, P::UnitUnknown { field, query, suggestions: [] }) => {
                format!("{field}: no unit matches `{query}`; `cchc plan` lists the units")
            }
            (Lang::En, P::UnitUnknown { field, query, suggestions }) => format!(
                "{field}: no unit matches `{query}`; did you mean {}?",
                suggestions.join(" or ")
            ),
            (lang, P::UnitAmbiguous { field, query, candidates }) => {
                let mut text = match lang {
                    Lang::Vi => format!(
                        "{field}: `{query}` khớp với {} đơn vị; hãy nói rõ đơn vị nào:",
                        candidates.len()
                    ),
                    Lang::En => format!("{field}: `{query}` matches {} units; say which:", candidates.len()),
                };
                for (id, name) in candidates.iter() {
                    text.push_str(&format!("\n  {id}  ({name})"));
                }
                text
            }
            (Lang::Vi, P::OutsideEveryPlan { field, date, ranges }) => format!(
                "{field} {}: nằm ngoài mọi kế hoạch trong thư mục dữ liệu: {ranges}",
                d(date)
            ),
            (Lang::En, P::OutsideEveryPlan { field, date, ranges }) => format!(
                "{field} {}: outside every plan of the data directory: {ranges}",
                d(date)
            ),
            (Lang::Vi, P::OutsidePlan { field, date, file, start, end }) => format!(
                "{field} {}: nằm ngoài {} (thời gian từ {} đến {})",
                d(date),
                file.map_or_else(|| built_in_name(lang).to_string(), |f| format!("kế hoạch {f}")),
                d(start),
                d(end)
            ),
            (Lang::En, P::OutsidePlan { field, date, file, start, end }) => format!(
                "{field} {}: outside {}, which runs from {} to {}",
                d(date),
                file.map_or_else(|| built_in_name(lang).to_string(), |f| format!("the plan {f}")),
                d(start),
                d(end)
            ),
            (Lang::Vi, P::AfterToday { field, date, today }) => format!(
                "{field} {}: sau ngày hôm nay ({}); chỉ ghi việc đã diễn ra",
                d(date),
                d(today)
            ),
            (Lang::En, P::AfterToday { field, date, today }) => format!(
                "{field} {}: after today ({}); log things once they have happened",
                d(date),
                d(today)
            ),
            (Lang::Vi, P::Duplicate { id, date, title, by_url, importing }) => format!(
                "trùng: {id} ({}, {title}) có cùng {}; {}",
                d(date),
                if *by_url { "đường dẫn" } else { "đơn vị, ngày, tiêu đề và kênh" },
                if *importing {
                    "bỏ dòng này nếu là cùng một tin (hoặc dùng --skip-duplicates), hay ghi bằng `cchc log article --allow-duplicate` nếu thật sự là tin khác"
                } else {
                    "thêm --allow-duplicate nếu đây thật sự là một tin khác"
                }
            ),
            (Lang::En, P::Duplicate { id, date, title, by_url, importing }) => format!(
                "duplicate: {id} ({}, {title}) has the same {}; {}",
                d(date),
                if *by_url { "URL" } else { "unit, date, title and channel" },
                if *importing {
                    "remove the row if it is the same item (or use --skip-duplicates), or log it with `cchc log article --allow-duplicate` if it is really another"
                } else {
                    "pass --allow-duplicate if this is really another item"
                }
            ),
            (Lang::Vi, P::DuplicateRow) => {
                "trùng: một dòng trước trong tệp có cùng đơn vị, ngày, tiêu đề và kênh, hoặc cùng đường dẫn".into()
            }
            (Lang::En, P::DuplicateRow) => {
                "duplicate: an earlier row has the same unit, date, title and channel, or URL".into()
            }
            (Lang::Vi, P::QuarterOutsidePlan { flag, quarter, start, end }) => format!(
                "{flag} {quarter}: nằm ngoài kế hoạch (thời gian từ {} đến {})",
                d(start),
                d(end)
            ),
            (Lang::En, P::QuarterOutsidePlan { flag, quarter, start, end }) => format!(
                "{flag} {quarter} is outside the plan, which runs from {} to {}",
                d(start),
                d(end)
            ),
            (Lang::Vi, P::RuleUnknown { flag, id, closest }) => format!(
                "{flag} `{id}` không phải là chỉ tiêu nào của kế hoạch; {}",
                closest.map_or("`cchc plan` liệt kê các chỉ tiêu".to_string(), |c| format!(
                    "có phải là `{c}`? (`cchc plan` liệt kê các chỉ tiêu)"
                ))
            ),
            (Lang::En, P::RuleUnknown { flag, id, closest }) => format!(
                "{flag} `{id}` is not a rule of the plan{}; `cchc plan` lists them",
                closest.map_or(String::new(), |c| format!("; did you mean `{c}`?"))
            ),
            (Lang::Vi, P::NeedsOutput { format }) => format!(
                "--format {format} ghi ra tệp nhị phân, không in ra màn hình: hãy đặt tên tệp bằng --output FILE.{format}"
            ),
            (Lang::En, P::NeedsOutput { format }) => format!(
                "--format {format} writes a binary file: name it with --output FILE.{format}"
            ),
            (Lang::Vi, P::FormatClash { format, path, named }) => {
                // The format a file name asks for, as a person names it.
                let kind = match *named {
                    "table" => "bảng văn bản",
                    "markdown" => "Markdown",
                    "csv" => "CSV",
                    "json" => "JSON",
                    "xlsx" => "Excel",
                    "html" => "trang HTML",
                    "docx" => "Word",
                    other => other,
                };
                format!(
                    "--format {format} không khớp với đuôi tên tệp --output {path} (đuôi này là {kind}): hãy bỏ --format để cchc ghi {kind} theo đuôi tệp, hoặc đổi đuôi tên tệp cho đúng {format}"
                )
            }
            (Lang::En, P::FormatClash { format, path, named }) => format!(
                "--format {format} does not match the extension of --output {path} (a {named} file): leave out --format and cchc writes {named} by the extension, or give the file a {format} extension"
            ),
            (Lang::Vi, P::TitleBlank { field }) => {
                format!("{field} để trống; hãy ghi tiêu đề của tin, bài")
            }
            (Lang::En, P::TitleBlank { field }) => {
                format!("{field} is blank; give the title of the item")
            }
            (Lang::Vi, P::TitleTooLong { field, length, max }) => {
                format!("{field} dài {length} ký tự; tiêu đề dài tối đa {max} ký tự")
            }
            (Lang::En, P::TitleTooLong { field, length, max }) => {
                format!("{field} is {length} characters long; a title has at most {max}")
            }
            (Lang::Vi, P::TopicUnknown { field, topic, closest, known }) => format!(
                "{field} `{topic}` không phải là chủ đề nào của kế hoạch{}\n  các chủ đề: {known}",
                closest.map_or(String::new(), |c| format!("; có phải là `{c}`?"))
            ),
            (Lang::En, P::TopicUnknown { field, topic, closest, known }) => format!(
                "{field} `{topic}` is not a topic of the plan{}\n  topics: {known}",
                closest.map_or(String::new(), |c| format!("; did you mean `{c}`?"))
            ),
            (Lang::Vi, P::UrlControl { field, url }) => {
                format!("{field} `{url}`: có ký tự điều khiển; địa chỉ web không có ký tự này")
            }
            (Lang::En, P::UrlControl { field, url }) => {
                format!("{field} `{url}`: holds a control character; a web address has none")
            }
            (Lang::Vi, P::UrlScheme { field, url }) => {
                format!("{field} `{url}`: phải bắt đầu bằng http:// hoặc https://")
            }
            (Lang::En, P::UrlScheme { field, url }) => {
                format!("{field} `{url}`: must start with http:// or https://")
            }
            (Lang::Vi, P::UrlNotWeb { field, url }) => format!(
                "{field} `{url}`: không phải địa chỉ web (thiếu tên miền, hoặc có dấu cách)"
            ),
            (Lang::En, P::UrlNotWeb { field, url }) => {
                format!("{field} `{url}`: not a web address (no host, or spaces in it)")
            }
            (Lang::Vi, P::Feed { source, error }) => format!(
                "không lấy được nguồn tin {source}: {}; chưa ghi gì",
                feed_error_text(error, lang)
            ),
            (Lang::En, P::Feed { source, error }) => format!(
                "cannot read the feed {source}: {}; nothing was written",
                feed_error_text(error, lang)
            ),
            (Lang::Vi, P::NoUnitFeeds { plan }) => format!(
                "--feed không ghi địa chỉ, mà không đơn vị nào trong {plan} có `feed`; ghi địa chỉ RSS của cổng thông tin sau --feed, hoặc thêm feed = \"https://…/rss\" vào [[unit]] của từng đơn vị"
            ),
            (Lang::En, P::NoUnitFeeds { plan }) => format!(
                "--feed has no address and no unit of {plan} has a `feed`; give the portal's RSS address after --feed, or add feed = \"https://…/rss\" to each unit's [[unit]]"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every column the workbook and CSV write has a Vietnamese heading (the
    /// table is keyed by the JSON key, so a new key would otherwise show its
    /// English name to a Vietnamese reader), and keeps its key in English.
    #[test]
    fn every_column_has_its_vietnamese_heading() {
        let keys = crate::render::OBLIGATION_COLUMNS
            .iter()
            .chain(&crate::render::RECORD_COLUMNS);
        for key in keys {
            assert_ne!(Lang::Vi.column(key), *key, "`{key}` has no Vietnamese");
            assert_eq!(Lang::En.column(key), *key);
        }
    }

    /// The walking tests find every variant of an enum in its source, and only
    /// those: doc comments, attributes and fields are not variants.
    #[test]
    fn variants_are_read_from_the_source() {
        let source = "/// Words.\n#[derive(Debug)]\npub enum Sample<'a> {\n    /// A (note) {x}.\n    Plain,\n    Tuple(u8, (u8, u8)),\n    #[allow(dead_code)]\n    Struct {\n        field: &'a str,\n        Other: u8,\n    },\n    Last { a: u8 },\n}\n\npub enum Next {\n    Not,\n}\n";
        assert_eq!(
            enum_variants(source, "Sample"),
            ["Plain", "Tuple", "Struct", "Last"]
        );
        assert_eq!(enum_variants(source, "Next"), ["Not"]);
        assert!(enum_variants(source, "Missing").is_empty());
    }

    /// The span of a --through report: named by the year's part when the plan
    /// runs with the calendar year, from quarter to quarter otherwise.
    #[test]
    fn spans_are_named_as_reports_name_them() {
        let q = |year, number| Quarter { year, number };
        let vi = |first, last| Lang::Vi.span(first, last);
        assert_eq!(vi(q(2026, 1), q(2026, 1)), "Quý I/2026");
        assert_eq!(vi(q(2026, 1), q(2026, 2)), "6 tháng đầu năm 2026");
        assert_eq!(vi(q(2026, 1), q(2026, 3)), "9 tháng đầu năm 2026");
        assert_eq!(vi(q(2026, 1), q(2026, 4)), "Năm 2026");
        assert_eq!(vi(q(2025, 3), q(2025, 3)), "Quý III/2025");
        assert_eq!(
            vi(q(2025, 3), q(2026, 2)),
            "từ Quý III/2025 đến hết Quý II/2026"
        );
        assert_eq!(
            vi(q(2025, 1), q(2026, 1)),
            "từ Quý I/2025 đến hết Quý I/2026"
        );
        assert_eq!(
            Lang::En.span(q(2026, 1), q(2026, 3)),
            "first nine months of 2026"
        );
        assert_eq!(Lang::En.span(q(2025, 3), q(2026, 2)), "Q3 2025 to Q2 2026");
    }

    /// Every daily problem exists in both languages, and they differ.
    #[test]
    fn every_problem_has_both_languages() {
        crate::i18n::assert_both_languages(Problem::EXAMPLES, |x, lang| x.text(lang));
        crate::i18n::assert_every_variant(
            "src/i18n.rs",
            "Problem",
            Problem::EXAMPLES.iter().map(|x| format!("{x:?}")),
        );
    }

    /// The system's reasons a coordinator meets are said in Vietnamese, the
    /// system's words kept after them.
    #[test]
    fn common_system_reasons_are_said_in_vietnamese() {
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let vi = os_reason(&denied, Lang::Vi);
        assert!(
            vi.starts_with("không có quyền (") && vi.contains(&denied.to_string()),
            "{vi}"
        );
        assert_eq!(os_reason(&denied, Lang::En), denied.to_string());
        let other = std::io::Error::other("lạ");
        assert_eq!(os_reason(&other, Lang::Vi), "lạ");
    }

    /// Every notice exists in both languages, and they differ.
    #[test]
    fn every_notice_has_both_languages() {
        crate::i18n::assert_both_languages(Notice::EXAMPLES, |x, lang| x.text(lang));
        crate::i18n::assert_every_variant(
            "src/i18n.rs",
            "Notice",
            Notice::EXAMPLES.iter().map(|x| format!("{x:?}")),
        );
    }

    #[test]
    fn periods_are_read_as_people_write_them() {
        let q = |year, number| PeriodKey::Quarter(Quarter { year, number });
        for (text, key) in [
            ("2022-Q1", q(2022, 1)),
            ("Quý I/2022", q(2022, 1)),
            ("quy 3/2022", q(2022, 3)),
            ("Q4 2022", q(2022, 4)),
            (
                "Tháng 3/2022",
                PeriodKey::Month {
                    year: 2022,
                    month: 3,
                },
            ),
            (
                "6 tháng đầu năm 2022",
                PeriodKey::Half {
                    year: 2022,
                    half: 1,
                },
            ),
            (
                "6 THÁNG CUỐI NĂM 2022",
                PeriodKey::Half {
                    year: 2022,
                    half: 2,
                },
            ),
            ("Năm 2022", PeriodKey::Year(2022)),
            // Regression: the way report titles write them was refused.
            ("Quý III năm 2022", q(2022, 3)),
            ("quý 1 năm 2022", q(2022, 1)),
            (
                "6 tháng năm 2022",
                PeriodKey::Half {
                    year: 2022,
                    half: 1,
                },
            ),
            ("9 Tháng năm 2022", PeriodKey::NineMonths { year: 2022 }),
            (
                "Tháng 12 năm 2022",
                PeriodKey::Month {
                    year: 2022,
                    month: 12,
                },
            ),
        ] {
            assert_eq!(parse_period(text), Ok(key), "{text}");
        }
        for bad in ["Quý V/2022", "Tháng 13/2022", "quý", ""] {
            assert!(parse_period(bad).is_err(), "{bad}");
        }
        // What cchc prints reads back, in tables and in sentences.
        let (start, end) = (
            NaiveDate::from_ymd_opt(2022, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(2022, 12, 31).unwrap(),
        );
        for every in [Every::Month, Every::Quarter, Every::Half, Every::Year] {
            for p in crate::period::periods(every, start, end) {
                let name = Lang::Vi.period_name(&p, p.end);
                assert_eq!(parse_period(&name), Ok(p.key), "{name}");
            }
        }
        for key in [
            q(2022, 3),
            PeriodKey::Half {
                year: 2022,
                half: 1,
            },
            PeriodKey::Year(2022),
        ] {
            assert_eq!(parse_period(&Lang::Vi.period(key)), Ok(key));
        }
    }

    /// Every status has a word in both languages.
    #[test]
    fn every_status_has_both_languages() {
        for status in Status::ALL {
            assert_ne!(Lang::Vi.status(status), Lang::En.status(status));
        }
    }
}
