//! What a new record counts for, told to the coordinator after `log` and in
//! `import`'s summary: the obligations it adds to and where that leaves them, or,
//! when it counts for nothing, why (docs/plan-format.md: the record is a fact and
//! is logged all the same; the words let a typo be fixed at once).

use crate::fact::{Fact, Miss, Target, report_key, target_rule};
use crate::i18n::Lang;
use crate::obligation::Obligation;
use crate::period::PeriodKey;
use crate::plan::{Plan, RecordKind};

/// What one record does to the plan's obligations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// It counts for these (rule index, period key) obligations of its unit.
    Counts(Vec<(usize, PeriodKey)>),
    /// It counts for nothing, and this is why.
    Nothing(Why),
}

/// Why a record counts for nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// No rule of its kind covers its unit.
    NoRule,
    /// Every rule of its kind that covers the unit refuses it, the first for this reason.
    Missed(Miss),
    /// It lies in no period of those rules.
    NoPeriod,
    /// Several plan or report rules fit and it names none.
    Ambiguous,
}

/// What `fact` (of a unit of the plan) counts for, by the same rules the evaluator
/// applies ([`crate::fact`]).
pub fn verdict<T: AsRef<str>>(plan: &Plan, unit: usize, fact: &Fact<T>) -> Verdict {
    if matches!(fact.kind, RecordKind::Plan | RecordKind::Report) {
        return match target_rule(plan, unit, fact) {
            Target::Rule(r) => {
                let key = match fact.kind {
                    RecordKind::Report => report_key(fact).unwrap_or(PeriodKey::Once),
                    _ => PeriodKey::Once,
                };
                Verdict::Counts(vec![(r, key)])
            }
            Target::Ambiguous(_) => Verdict::Nothing(Why::Ambiguous),
            _ => Verdict::Nothing(Why::NoRule),
        };
    }
    let mut counts = Vec::new();
    let mut first_miss = None;
    let mut any_rule = false;
    for (index, rule) in plan.rules.iter().enumerate() {
        let Some(quota) = rule.quota() else { continue };
        if quota.record != fact.kind || !rule.covers(unit) {
            continue;
        }
        any_rule = true;
        // A rule none of whose periods holds the day says nothing of the record's
        // topic or channel: the reason it does not count there is the day.
        let placed = quota.placed_on(fact);
        let mut periods = rule.periods_holding(placed).peekable();
        if periods.peek().is_none() {
            continue;
        }
        match quota.admits(plan, fact) {
            Ok(_) => counts.extend(periods.map(|p| (index, p.key))),
            Err(miss) => {
                first_miss.get_or_insert(miss);
            }
        }
    }
    match (counts.is_empty(), first_miss, any_rule) {
        (false, _, _) => Verdict::Counts(counts),
        (true, _, false) => Verdict::Nothing(Why::NoRule),
        (true, Some(miss), true) => Verdict::Nothing(Why::Missed(miss)),
        (true, None, true) => Verdict::Nothing(Why::NoPeriod),
    }
}

/// The lines that tell the verdict: one per obligation it counts for, with the
/// obligation's standing among `obligations`, or one saying why not.
pub fn describe(
    plan: &Plan,
    lang: Lang,
    unit: usize,
    verdict: &Verdict,
    obligations: &[Obligation],
) -> Vec<String> {
    match verdict {
        Verdict::Counts(slots) => slots
            .iter()
            .map(|(rule, key)| {
                let found = obligations.iter().find(|o| {
                    o.rule == *rule && o.period.key == *key && o.unit.is_none_or(|u| u == unit)
                });
                let title = &plan.rules[*rule].title;
                let period = lang.period(*key);
                match (found, lang) {
                    (Some(o), Lang::Vi) => format!(
                        "tính cho: {title} — {period}: {}/{}, {}",
                        o.done,
                        o.required,
                        lang.status(o.status).to_lowercase()
                    ),
                    (Some(o), Lang::En) => format!(
                        "counts for: {title} — {period}: {}/{}, {}",
                        o.done,
                        o.required,
                        lang.status(o.status)
                    ),
                    (None, Lang::Vi) => format!("tính cho: {title} — {period}"),
                    (None, Lang::En) => format!("counts for: {title} — {period}"),
                }
            })
            .collect(),
        Verdict::Nothing(why) => vec![why_text(why, lang).to_string()],
    }
}

/// "counts for nothing: ..." in words.
pub fn why_text(why: &Why, lang: Lang) -> &'static str {
    match (lang, why) {
        (Lang::Vi, Why::NoRule) => {
            "không tính cho chỉ tiêu nào: không có chỉ tiêu loại này áp dụng cho đơn vị"
        }
        (Lang::Vi, Why::Ambiguous) => {
            "không tính cho chỉ tiêu nào: đơn vị có nhiều chỉ tiêu loại này; ghi lại với --rule"
        }
        (Lang::Vi, Why::NoPeriod) => "không tính cho chỉ tiêu nào: ngày không thuộc kỳ nào",
        (Lang::Vi, Why::Missed(Miss::Topic)) => {
            "không tính cho chỉ tiêu nào: không có chủ đề mà chỉ tiêu của đơn vị tính"
        }
        (Lang::Vi, Why::Missed(Miss::Channel)) => {
            "không tính cho chỉ tiêu nào: kênh đăng không được chỉ tiêu tính"
        }
        (Lang::Vi, Why::Missed(Miss::OffPeak)) => {
            "không tính cho chỉ tiêu nào: phát ngoài giờ cao điểm"
        }
        (Lang::Vi, Why::Missed(Miss::Weekday)) => {
            "không tính cho chỉ tiêu nào: vào ngày trong tuần không được tính"
        }
        (Lang::Vi, Why::Missed(Miss::NotNth)) => {
            "không tính cho chỉ tiêu nào: đúng thứ trong tuần nhưng không phải tuần được tính trong tháng (ví dụ: chỉ tính thứ Bảy cuối tháng)"
        }
        (Lang::Vi, Why::Missed(Miss::TooShort)) => {
            "không tính cho chỉ tiêu nào: thời lượng ngắn hơn yêu cầu (hoặc chưa ghi --minutes)"
        }
        (Lang::Vi, Why::Missed(Miss::Activity)) => {
            "không tính cho chỉ tiêu nào: loại hoạt động không được chỉ tiêu tính"
        }
        (Lang::Vi, Why::Missed(Miss::NothingToMeasure)) => {
            "không tính cho chỉ tiêu nào: thiếu số liệu chỉ tiêu đo (số người, số phút)"
        }
        (Lang::En, Why::NoRule) => "counts for nothing: no rule of this kind covers the unit",
        (Lang::En, Why::Ambiguous) => {
            "counts for nothing: the unit has several rules of this kind; log it again with --rule"
        }
        (Lang::En, Why::NoPeriod) => "counts for nothing: the date lies in no period of its rules",
        (Lang::En, Why::Missed(Miss::Topic)) => {
            "counts for nothing: it has no topic the unit's rules count"
        }
        (Lang::En, Why::Missed(Miss::Channel)) => {
            "counts for nothing: its channel is not one the rules count"
        }
        (Lang::En, Why::Missed(Miss::OffPeak)) => "counts for nothing: broadcast off-peak",
        (Lang::En, Why::Missed(Miss::Weekday)) => {
            "counts for nothing: on a weekday the rules do not count"
        }
        (Lang::En, Why::Missed(Miss::NotNth)) => {
            "counts for nothing: the right weekday, but not the one of the month the rules count (e.g. only the last Saturday)"
        }
        (Lang::En, Why::Missed(Miss::TooShort)) => {
            "counts for nothing: shorter than the rules ask (or no --minutes)"
        }
        (Lang::En, Why::Missed(Miss::Activity)) => {
            "counts for nothing: an activity type the rules do not count"
        }
        (Lang::En, Why::Missed(Miss::NothingToMeasure)) => {
            "counts for nothing: nothing to add to the rules' measure (participants, minutes)"
        }
    }
}

/// Unused outside tests: the period of a rule that holds a day.
#[cfg(test)]
fn period_holding(
    plan: &Plan,
    rule: usize,
    day: chrono::NaiveDate,
) -> Option<crate::period::Period> {
    plan.rules[rule].periods_holding(day).next().copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Broadcast;
    use chrono::{NaiveDate, NaiveTime};

    const PLAN: &str = r#"
[plan]
title = "T"
issuer = "I"
start = 2026-01-01
end = 2026-12-31
peak_hours = ["17:00-18:30"]

[[channel]]
id = "radio"
name = "Đài"
default = true

[[unit]]
id = "c"
name = "Trung tâm"
kind = "center"

[[rule]]
id = "forum"
title = "Diễn đàn 60 phút thứ Bảy"
units = ["c"]
record = "broadcast"
every = "month"
min = 1
min_minutes = 60
weekdays = ["sat"]
"#;

    fn broadcast(date: NaiveDate, minutes: Option<u32>) -> Broadcast {
        Broadcast {
            id: "B1".into(),
            unit: "c".into(),
            date,
            time: NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
            minutes,
            title: "t".into(),
            channel: Some("radio".into()),
            logged_at: String::new(),
        }
    }

    #[test]
    fn a_short_sunday_broadcast_says_why_it_does_not_count() {
        let plan = Plan::parse(PLAN, "p.toml").unwrap();
        let sunday = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let saturday = NaiveDate::from_ymd_opt(2026, 3, 7).unwrap();
        let b = broadcast(sunday, Some(60));
        assert_eq!(
            verdict(&plan, 0, &b.fact()),
            Verdict::Nothing(Why::Missed(Miss::Weekday))
        );
        let b = broadcast(saturday, Some(5));
        assert_eq!(
            verdict(&plan, 0, &b.fact()),
            Verdict::Nothing(Why::Missed(Miss::TooShort))
        );
        let b = broadcast(saturday, Some(60));
        let march = period_holding(&plan, 0, saturday).unwrap().key;
        assert_eq!(
            verdict(&plan, 0, &b.fact()),
            Verdict::Counts(vec![(0, march)])
        );
    }
}
