//! The words of `check` and of `remind`'s messages: what is missing, by when, the
//! summary, and the parts of a reminder.

use chrono::NaiveDate;

use super::Lang;
use crate::obligation::Status;
use crate::plan::RecordKind;

impl Lang {
    /// Several missed weeks (or months) of one unit and rule: "còn thiếu 5 buổi phát
    /// thanh ở 5 tuần: tuần 5, 31/1–6/2; …".
    pub fn missing_in_periods(
        self,
        missing: u32,
        noun: &str,
        weeks: bool,
        periods: &[String],
    ) -> String {
        let (n, list) = (periods.len(), periods.join("; "));
        match (self, weeks) {
            (Lang::Vi, true) => format!("còn thiếu {missing} {noun} ở {n} tuần: {list}"),
            (Lang::Vi, false) => format!("còn thiếu {missing} {noun} ở {n} tháng: {list}"),
            (Lang::En, true) => format!("{missing} {noun} missing in {n} weeks: {list}"),
            (Lang::En, false) => format!("{missing} {noun} missing in {n} months: {list}"),
        }
    }

    /// One obligation's shortfall: "còn thiếu 2 tin, bài quý I/2026", "chưa có báo
    /// cáo quý I/2026", "chưa có kế hoạch", "báo cáo quý I/2026 đã gửi nhưng trễ hạn".
    pub fn missing_for(
        self,
        kind: RecordKind,
        status: Status,
        period: &str,
        missing: u32,
        noun: &str,
    ) -> String {
        match (self, kind, status) {
            (Lang::Vi, RecordKind::Plan, Status::Late) => "kế hoạch đã gửi nhưng trễ hạn".into(),
            (Lang::Vi, RecordKind::Report, Status::Late) => {
                format!("báo cáo {period} đã gửi nhưng trễ hạn")
            }
            (Lang::Vi, RecordKind::Plan, _) => "chưa có kế hoạch".into(),
            (Lang::Vi, RecordKind::Report, _) => format!("chưa có báo cáo {period}"),
            (Lang::Vi, _, _) => format!("còn thiếu {missing} {noun} {period}"),
            (Lang::En, RecordKind::Plan, Status::Late) => "plan sent after its due date".into(),
            (Lang::En, RecordKind::Report, Status::Late) => {
                format!("report for {period} sent after its due date")
            }
            (Lang::En, RecordKind::Plan, _) => "no plan yet".into(),
            (Lang::En, RecordKind::Report, _) => format!("no report for {period} yet"),
            (Lang::En, _, _) => format!("{missing} {noun} missing for {period}"),
        }
    }

    /// "quá hạn từ 11/02/2024": since the first of several missed periods.
    pub fn overdue_since(self, due: NaiveDate) -> String {
        match self {
            Lang::Vi => format!("quá hạn từ {}", self.date(due)),
            Lang::En => format!("overdue since {}", self.date(due)),
        }
    }

    /// "quá hạn 5 ngày (hạn 31/03/2026)", "còn 5 ngày (hạn …)", "hạn 15/02/2026"
    /// (done late); `days` from the as-of date to `due`.
    pub fn by_when(self, status: Status, days: i64, due: NaiveDate) -> String {
        let date = self.date(due);
        match (self, status) {
            (Lang::Vi, Status::Late) => format!("hạn {date}"),
            (Lang::En, Status::Late) => format!("due {date}"),
            (Lang::Vi, Status::Missed) => format!("quá hạn {} ngày (hạn {date})", -days),
            (Lang::En, Status::Missed) => format!("{} days overdue (due {date})", -days),
            (Lang::Vi, _) => format!("{} (hạn {date})", self.days_left(days)),
            (Lang::En, _) => format!("{} (due {date})", self.days_left(days)),
        }
    }

    /// `check`'s first line: "Tính đến ngày 15/10/2022: Không đạt 6 · Sắp đến hạn 0 —
    /// ở 4 đơn vị."
    pub fn check_summary(
        self,
        as_of: NaiveDate,
        missed: usize,
        due_soon: usize,
        units: usize,
    ) -> String {
        let counts = format!(
            "{} {missed} · {} {due_soon}",
            self.status(Status::Missed),
            self.status(Status::DueSoon)
        );
        match self {
            Lang::Vi => format!(
                "Tính đến ngày {}: {counts} — ở {units} đơn vị.",
                self.date(as_of)
            ),
            Lang::En => format!(
                "As of {}: {counts} — in {units} unit{}.",
                self.date(as_of),
                if units == 1 { "" } else { "s" }
            ),
        }
    }

    /// When no unit has anything to be reminded of.
    pub fn no_reminders(self) -> &'static str {
        match self {
            Lang::Vi => {
                "Không có đơn vị nào cần nhắc việc: không có gì quá hạn, trễ hạn hay sắp đến hạn."
            }
            Lang::En => "No unit to remind: nothing missed, late or due soon.",
        }
    }

    /// A reminder's subject: "Nhắc việc tuyên truyền CCHC (đến ngày 15/04/2026): 2
    /// việc quá hạn, 1 việc sắp đến hạn".
    pub fn remind_subject(
        self,
        as_of: NaiveDate,
        missed: usize,
        late: usize,
        due_soon: usize,
    ) -> String {
        let words = match self {
            Lang::Vi => ["việc quá hạn", "việc trễ hạn", "việc sắp đến hạn"],
            Lang::En => ["missed", "late", "due soon"],
        };
        let parts: Vec<String> = [missed, late, due_soon]
            .iter()
            .zip(words)
            .filter(|(n, _)| **n > 0)
            .map(|(n, w)| format!("{n} {w}"))
            .collect();
        match self {
            Lang::Vi => format!(
                "Nhắc việc tuyên truyền CCHC (đến ngày {}): {}",
                self.date(as_of),
                parts.join(", ")
            ),
            Lang::En => format!(
                "Administrative reform communication reminder (as of {}): {}",
                self.date(as_of),
                parts.join(", ")
            ),
        }
    }

    /// Whom a reminder is to: "Kính gửi: UBND xã Sơn Mỹ".
    pub fn remind_to(self, unit: &str) -> String {
        match self {
            Lang::Vi => format!("Kính gửi: {unit}"),
            Lang::En => format!("To: {unit}"),
        }
    }

    /// "Theo PLAN (ISSUER), tính đến ngày D, đơn vị còn những việc sau:"
    pub fn remind_intro(self, plan: &str, issuer: &str, as_of: NaiveDate) -> String {
        match self {
            Lang::Vi => format!(
                "Theo {plan} ({issuer}), tính đến ngày {}, đơn vị còn những việc sau:",
                self.date(as_of)
            ),
            Lang::En => format!(
                "Under {plan} ({issuer}), as of {}, your unit has the following to do:",
                self.date(as_of)
            ),
        }
    }

    /// The heading of a reminder's list of missed, late or due-soon work.
    pub fn remind_section(self, status: Status) -> &'static str {
        match (self, status) {
            (Lang::Vi, Status::Missed) => "Quá hạn, chưa thực hiện",
            (Lang::Vi, Status::Late) => "Đã thực hiện nhưng trễ hạn (để lưu ý)",
            (Lang::Vi, _) => "Sắp đến hạn",
            (Lang::En, Status::Missed) => "Overdue, not yet done",
            (Lang::En, Status::Late) => "Done, but late (for your attention)",
            (Lang::En, _) => "Due soon",
        }
    }

    /// What a reminder asks for: make up what is overdue, finish what is due soon by
    /// `by`, or keep to the dates (late work only).
    pub fn remind_ask(self, missed: bool, by: Option<NaiveDate>) -> String {
        match (self, missed, by) {
            (Lang::Vi, true, Some(by)) => format!(
                "Đề nghị đơn vị khẩn trương bổ sung các việc quá hạn và hoàn thành các việc sắp đến hạn trước ngày {}.",
                self.date(by)
            ),
            (Lang::Vi, true, None) => {
                "Đề nghị đơn vị khẩn trương bổ sung các việc quá hạn.".to_string()
            }
            (Lang::Vi, false, Some(by)) => {
                format!("Đề nghị đơn vị hoàn thành trước ngày {}.", self.date(by))
            }
            (Lang::Vi, false, None) => {
                "Đề nghị đơn vị lưu ý gửi đúng hạn ở các kỳ sau.".to_string()
            }
            (Lang::En, true, Some(by)) => format!(
                "Please make up what is overdue at once, and complete what is due soon by {}.",
                self.date(by)
            ),
            (Lang::En, true, None) => "Please make up what is overdue at once.".to_string(),
            (Lang::En, false, Some(by)) => format!("Please complete it by {}.", self.date(by)),
            (Lang::En, false, None) => "Please keep to the due dates from now on.".to_string(),
        }
    }

    /// A reminder's last line.
    pub fn remind_closing(self) -> &'static str {
        match self {
            Lang::Vi => "Trân trọng.",
            Lang::En => "Thank you.",
        }
    }
}
