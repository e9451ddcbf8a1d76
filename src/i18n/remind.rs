//! The words of `check` and of `remind`'s messages: what is missing, by when, the
//! summary, and the parts of a reminder. Every variant is in the examples a test
//! walks.

use chrono::NaiveDate;

use super::Lang;
use crate::obligation::Status;
use crate::plan::RecordKind;

/// A part of `check`'s text or of a reminder, with what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remind<'a> {
    /// Several missed weeks (or months) of one unit and rule: "còn thiếu 5 buổi phát
    /// thanh ở 5 tuần: tuần 5, 31/1–6/2; …".
    MissingInPeriods {
        missing: u32,
        noun: &'a str,
        weeks: bool,
        periods: &'a [String],
    },
    /// One obligation's shortfall: "còn thiếu 2 tin, bài quý I/2026", "chưa có báo
    /// cáo quý I/2026", "chưa có kế hoạch", "báo cáo quý I/2026 đã gửi nhưng trễ hạn".
    MissingFor {
        kind: RecordKind,
        status: Status,
        period: &'a str,
        missing: u32,
        noun: &'a str,
    },
    /// "quá hạn từ 11/02/2024": since the first of several missed periods.
    OverdueSince { due: NaiveDate },
    /// "quá hạn 5 ngày (hạn 31/03/2026)", "còn 5 ngày (hạn …)", "hạn 15/02/2026"
    /// (done late); `days` from the as-of date to `due`.
    ByWhen {
        status: Status,
        days: i64,
        due: NaiveDate,
    },
    /// `check`'s first line: "Tính đến ngày 15/10/2022: Không đạt 6 · Sắp đến hạn 0 —
    /// ở 4 đơn vị."
    CheckSummary {
        as_of: NaiveDate,
        missed: usize,
        due_soon: usize,
        units: usize,
    },
    /// When no unit has anything to be reminded of.
    NoReminders,
    /// A reminder's subject: "Nhắc việc tuyên truyền CCHC (đến ngày 15/04/2026): 2
    /// việc quá hạn, 1 việc sắp đến hạn".
    Subject {
        as_of: NaiveDate,
        missed: usize,
        late: usize,
        due_soon: usize,
    },
    /// Whom a reminder is to: "Kính gửi: UBND xã Sơn Mỹ".
    To { unit: &'a str },
    /// "Theo PLAN (ISSUER), tính đến ngày D, đơn vị còn những việc sau:"
    Intro {
        plan: &'a str,
        issuer: &'a str,
        as_of: NaiveDate,
    },
    /// The heading of a reminder's list of missed, late or due-soon work.
    Section { status: Status },
    /// What a reminder asks for: make up what is overdue, finish what is due soon by
    /// `by`, or keep to the dates (late work only).
    Ask { missed: bool, by: Option<NaiveDate> },
    /// A reminder's last line.
    Closing,
}

impl Remind<'_> {
    pub fn text(&self, lang: Lang) -> String {
        use Remind as R;
        let d = |date: &NaiveDate| lang.date(*date);
        match (lang, self) {
            (
                Lang::Vi,
                R::MissingInPeriods {
                    missing,
                    noun,
                    weeks,
                    periods,
                },
            ) => format!(
                "còn thiếu {missing} {noun} ở {} {}: {}",
                periods.len(),
                if *weeks { "tuần" } else { "tháng" },
                periods.join("; ")
            ),
            (
                Lang::En,
                R::MissingInPeriods {
                    missing,
                    noun,
                    weeks,
                    periods,
                },
            ) => format!(
                "{missing} {noun} missing in {} {}: {}",
                periods.len(),
                if *weeks { "weeks" } else { "months" },
                periods.join("; ")
            ),
            (
                Lang::Vi,
                R::MissingFor {
                    kind,
                    status,
                    period,
                    missing,
                    noun,
                },
            ) => match (kind, status) {
                (RecordKind::Plan, Status::Late) => "kế hoạch đã gửi nhưng trễ hạn".into(),
                (RecordKind::Report, Status::Late) => {
                    format!("báo cáo {period} đã gửi nhưng trễ hạn")
                }
                (RecordKind::Plan, _) => "chưa có kế hoạch".into(),
                (RecordKind::Report, _) => format!("chưa có báo cáo {period}"),
                _ => format!("còn thiếu {missing} {noun} {period}"),
            },
            (
                Lang::En,
                R::MissingFor {
                    kind,
                    status,
                    period,
                    missing,
                    noun,
                },
            ) => match (kind, status) {
                (RecordKind::Plan, Status::Late) => "plan sent after its due date".into(),
                (RecordKind::Report, Status::Late) => {
                    format!("report for {period} sent after its due date")
                }
                (RecordKind::Plan, _) => "no plan yet".into(),
                (RecordKind::Report, _) => format!("no report for {period} yet"),
                _ => format!("{missing} {noun} missing for {period}"),
            },
            (Lang::Vi, R::OverdueSince { due }) => format!("quá hạn từ {}", d(due)),
            (Lang::En, R::OverdueSince { due }) => format!("overdue since {}", d(due)),
            (Lang::Vi, R::ByWhen { status, days, due }) => match status {
                Status::Late => format!("hạn {}", d(due)),
                Status::Missed => format!("quá hạn {} ngày (hạn {})", -days, d(due)),
                _ => format!("{} (hạn {})", lang.days_left(*days), d(due)),
            },
            (Lang::En, R::ByWhen { status, days, due }) => match status {
                Status::Late => format!("due {}", d(due)),
                Status::Missed => format!("{} days overdue (due {})", -days, d(due)),
                _ => format!("{} (due {})", lang.days_left(*days), d(due)),
            },
            (
                _,
                R::CheckSummary {
                    as_of,
                    missed,
                    due_soon,
                    units,
                },
            ) => {
                let counts = format!(
                    "{} {missed} · {} {due_soon}",
                    lang.status(Status::Missed),
                    lang.status(Status::DueSoon)
                );
                match lang {
                    Lang::Vi => format!("Tính đến ngày {}: {counts} — ở {units} đơn vị.", d(as_of)),
                    Lang::En => format!(
                        "As of {}: {counts} — in {units} unit{}.",
                        d(as_of),
                        if *units == 1 { "" } else { "s" }
                    ),
                }
            }
            (Lang::Vi, R::NoReminders) => {
                "Không có đơn vị nào cần nhắc việc: không có gì quá hạn, trễ hạn hay sắp đến hạn."
                    .into()
            }
            (Lang::En, R::NoReminders) => {
                "No unit to remind: nothing missed, late or due soon.".into()
            }
            (
                _,
                R::Subject {
                    as_of,
                    missed,
                    late,
                    due_soon,
                },
            ) => {
                let words = match lang {
                    Lang::Vi => ["việc quá hạn", "việc trễ hạn", "việc sắp đến hạn"],
                    Lang::En => ["missed", "late", "due soon"],
                };
                let parts: Vec<String> = [missed, late, due_soon]
                    .iter()
                    .zip(words)
                    .filter(|(n, _)| ***n > 0)
                    .map(|(n, w)| format!("{n} {w}"))
                    .collect();
                match lang {
                    Lang::Vi => format!(
                        "Nhắc việc tuyên truyền CCHC (đến ngày {}): {}",
                        d(as_of),
                        parts.join(", ")
                    ),
                    Lang::En => format!(
                        "Administrative reform communication reminder (as of {}): {}",
                        d(as_of),
                        parts.join(", ")
                    ),
                }
            }
            (Lang::Vi, R::To { unit }) => format!("Kính gửi: {unit}"),
            (Lang::En, R::To { unit }) => format!("To: {unit}"),
            (
                Lang::Vi,
                R::Intro {
                    plan,
                    issuer,
                    as_of,
                },
            ) => format!(
                "Theo {plan} ({issuer}), tính đến ngày {}, đơn vị còn những việc sau:",
                d(as_of)
            ),
            (
                Lang::En,
                R::Intro {
                    plan,
                    issuer,
                    as_of,
                },
            ) => format!(
                "Under {plan} ({issuer}), as of {}, your unit has the following to do:",
                d(as_of)
            ),
            (Lang::Vi, R::Section { status }) => match status {
                Status::Missed => "Quá hạn, chưa thực hiện",
                Status::Late => "Đã thực hiện nhưng trễ hạn (để lưu ý)",
                _ => "Sắp đến hạn",
            }
            .into(),
            (Lang::En, R::Section { status }) => match status {
                Status::Missed => "Overdue, not yet done",
                Status::Late => "Done, but late (for your attention)",
                _ => "Due soon",
            }
            .into(),
            (Lang::Vi, R::Ask { missed, by }) => match (missed, by) {
                (true, Some(by)) => format!(
                    "Đề nghị đơn vị khẩn trương bổ sung các việc quá hạn và hoàn thành các việc sắp đến hạn trước ngày {}.",
                    d(by)
                ),
                (true, None) => "Đề nghị đơn vị khẩn trương bổ sung các việc quá hạn.".into(),
                (false, Some(by)) => format!("Đề nghị đơn vị hoàn thành trước ngày {}.", d(by)),
                (false, None) => "Đề nghị đơn vị lưu ý gửi đúng hạn ở các kỳ sau.".into(),
            },
            (Lang::En, R::Ask { missed, by }) => match (missed, by) {
                (true, Some(by)) => format!(
                    "Please make up what is overdue at once, and complete what is due soon by {}.",
                    d(by)
                ),
                (true, None) => "Please make up what is overdue at once.".into(),
                (false, Some(by)) => format!("Please complete it by {}.", d(by)),
                (false, None) => "Please keep to the due dates from now on.".into(),
            },
            (Lang::Vi, R::Closing) => "Trân trọng.".into(),
            (Lang::En, R::Closing) => "Thank you.".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_remind_part_has_both_languages() {
        let periods = [
            "tuần 5, 31/1–6/2".to_string(),
            "tuần 6, 7/2–13/2".to_string(),
        ];
        let day = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
        let mut all = vec![
            Remind::OverdueSince { due: day },
            Remind::CheckSummary {
                as_of: day,
                missed: 6,
                due_soon: 0,
                units: 1,
            },
            Remind::NoReminders,
            Remind::Subject {
                as_of: day,
                missed: 2,
                late: 0,
                due_soon: 1,
            },
            Remind::To {
                unit: "UBND xã Sơn Mỹ",
            },
            Remind::Intro {
                plan: "Kế hoạch 45",
                issuer: "UBND huyện",
                as_of: day,
            },
            Remind::Closing,
        ];
        for weeks in [true, false] {
            all.push(Remind::MissingInPeriods {
                missing: 5,
                noun: "buổi",
                weeks,
                periods: &periods,
            });
        }
        for kind in [RecordKind::Article, RecordKind::Plan, RecordKind::Report] {
            for status in [Status::Missed, Status::Late] {
                all.push(Remind::MissingFor {
                    kind,
                    status,
                    period: "quý I/2026",
                    missing: 2,
                    noun: "tin",
                });
            }
        }
        for status in [Status::Missed, Status::Late, Status::DueSoon] {
            all.push(Remind::ByWhen {
                status,
                days: 5,
                due: day,
            });
            all.push(Remind::Section { status });
        }
        for (missed, by) in [
            (true, Some(day)),
            (true, None),
            (false, Some(day)),
            (false, None),
        ] {
            all.push(Remind::Ask { missed, by });
        }
        crate::i18n::assert_both_languages(&all, |x, lang| x.text(lang));
        crate::i18n::assert_every_variant(
            "src/i18n/remind.rs",
            "Remind",
            all.iter().map(|x| format!("{x:?}")),
        );
        let summary = &all[1];
        assert_eq!(
            summary.text(Lang::Vi),
            "Tính đến ngày 31/03/2026: Không đạt 6 · Sắp đến hạn 0 — ở 1 đơn vị."
        );
        assert_eq!(
            summary.text(Lang::En),
            "As of 2026-03-31: missed 6 · due soon 0 — in 1 unit."
        );
    }
}
