//! Every word cchc shows a person, in Vietnamese and English, in one place.
//!
//! JSON keys, status ids, rule ids and exit codes never change with the language;
//! only what is rendered for reading does.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::evaluate::Status;
use crate::period::{Every, PeriodKey, Quarter};
use crate::plan::{Measure, RecordKind};

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

    /// A period in a sentence: "quý I/2022", "tuần 05/2022", "Q1 2022", "week 2022-W05".
    pub fn period(self, key: PeriodKey) -> String {
        match (self, key) {
            (Lang::Vi, PeriodKey::Once) => "kỳ duy nhất".into(),
            (Lang::Vi, PeriodKey::Week { year, week }) => format!("tuần {week:02}/{year}"),
            (Lang::Vi, PeriodKey::Month { year, month }) => format!("tháng {month:02}/{year}"),
            (Lang::Vi, PeriodKey::Quarter(q)) => format!("quý {}/{}", roman(q.number), q.year),
            (Lang::Vi, PeriodKey::Half { year, half: 1 }) => format!("6 tháng đầu năm {year}"),
            (Lang::Vi, PeriodKey::Half { year, .. }) => format!("6 tháng cuối năm {year}"),
            (Lang::Vi, PeriodKey::Year(year)) => format!("năm {year}"),
            (Lang::En, PeriodKey::Once) => "one-off".into(),
            (Lang::En, PeriodKey::Quarter(q)) => format!("Q{} {}", q.number, q.year),
            (Lang::En, key) => key.to_string(),
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
            (Lang::En, PeriodKey::Year(year)) => format!("Year {year}"),
        }
    }

    pub fn labels(self) -> &'static Labels {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}

fn roman(n: u32) -> &'static str {
    ["?", "I", "II", "III", "IV"]
        .get(n as usize)
        .copied()
        .unwrap_or("?")
}

/// Fixed words of tables, headings and messages.
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
