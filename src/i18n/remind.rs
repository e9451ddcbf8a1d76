//! The words of `check`'s summary and of `remind`'s messages.

use chrono::NaiveDate;

use super::Lang;
use crate::evaluate::Status;

impl Lang {
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
