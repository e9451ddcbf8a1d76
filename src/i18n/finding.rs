//! What `cchc verify` finds in the data directory, in both languages: each problem
//! of a well-formed line (after `file:line: `), the warnings, and the outcome.
//! Every variant is in [`Finding::EXAMPLES`], which a test walks.

use chrono::NaiveDate;

use super::Lang;
use crate::plan::RecordKind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding<'a> {
    /// A warning: no plan of the data directory covers the record (their ranges).
    CoveredByNoPlan {
        kind: RecordKind,
        date: NaiveDate,
        ranges: &'a str,
    },
    /// A warning: no plan here has this report period.
    PeriodOfNoPlan {
        period: &'a str,
    },
    UnitUnknown {
        unit: &'a str,
    },
    TopicUnknown {
        topic: &'a str,
    },
    ChannelUnknown {
        channel: &'a str,
        closest: Option<&'a str>,
    },
    ActivityUnknown {
        activity: &'a str,
        closest: Option<&'a str>,
    },
    SentAfterAppeared {
        sent: NaiveDate,
        appeared: NaiveDate,
    },
    CountZero,
    ReportWithoutPeriod,
    PeriodNotALabel {
        period: &'a str,
    },
    /// Text that input would have refused or changed (shown escaped).
    TextNotNormal {
        field: &'a str,
        shown: &'a str,
    },
    /// A stored `url` that is not a web link (`javascript:`, `file:`, …).
    UrlNotWeb {
        url: &'a str,
    },
    /// A title longer than input takes.
    TitleTooLong {
        length: usize,
        max: usize,
    },
    DuplicateId {
        id: &'a str,
        first_file: &'a str,
        first_line: usize,
    },
    VoidOfNothing {
        id: &'a str,
    },
    NoRuleCovers {
        kind: RecordKind,
        unit: &'a str,
        period: Option<&'a str>,
    },
    /// `rules`: their ids, joined.
    MatchesRules {
        kind: RecordKind,
        rules: &'a str,
    },
    PeriodNamesNoYear {
        period: &'a str,
    },
    RuleUnknown {
        rule: &'a str,
        closest: Option<&'a str>,
    },
    NotItsRule {
        rule: &'a str,
        unit: &'a str,
        kind: RecordKind,
    },
    /// A line that is not a record (the reader's words).
    NotARecord {
        why: &'a str,
    },
    /// The outcome: no data directory there.
    NoDataDir {
        dir: &'a str,
    },
    /// The outcome: problems, one a line (`lines`).
    Problems {
        count: usize,
        dir: &'a str,
        lines: &'a str,
    },
    /// The outcome: all is well (counts of lines in force per file).
    Clean {
        articles: usize,
        broadcasts: usize,
        submissions: usize,
        activities: Option<usize>,
        voided: usize,
    },
}

impl Finding<'_> {
    /// One of each variant, for the test that every one has both languages.
    pub const EXAMPLES: &'static [Finding<'static>] = &[
        Finding::CoveredByNoPlan {
            kind: RecordKind::Article,
            date: NaiveDate::MIN,
            ranges: "01/01/2022 – 31/12/2022",
        },
        Finding::PeriodOfNoPlan { period: "2021-Q4" },
        Finding::UnitUnknown { unit: "x" },
        Finding::TopicUnknown { topic: "x" },
        Finding::ChannelUnknown {
            channel: "zallo",
            closest: Some("zalo"),
        },
        Finding::ActivityUnknown {
            activity: "x",
            closest: None,
        },
        Finding::SentAfterAppeared {
            sent: NaiveDate::MAX,
            appeared: NaiveDate::MIN,
        },
        Finding::CountZero,
        Finding::ReportWithoutPeriod,
        Finding::PeriodNotALabel { period: "quy 1" },
        Finding::TextNotNormal {
            field: "title",
            shown: "a\\u{200b}",
        },
        Finding::UrlNotWeb {
            url: "javascript:alert(1)",
        },
        Finding::TitleTooLong {
            length: 100_000,
            max: 500,
        },
        Finding::DuplicateId {
            id: "A1",
            first_file: "articles.jsonl",
            first_line: 1,
        },
        Finding::VoidOfNothing { id: "A9" },
        Finding::NoRuleCovers {
            kind: RecordKind::Report,
            unit: "x",
            period: Some("2022-Q1"),
        },
        Finding::MatchesRules {
            kind: RecordKind::Plan,
            rules: "a, b",
        },
        Finding::PeriodNamesNoYear { period: "2019" },
        Finding::RuleUnknown {
            rule: "x",
            closest: None,
        },
        Finding::NotItsRule {
            rule: "r",
            unit: "x",
            kind: RecordKind::Report,
        },
        Finding::NotARecord {
            why: "missing field `date`",
        },
        Finding::NoDataDir { dir: "/x" },
        Finding::Problems {
            count: 1,
            dir: "/x",
            lines: "articles.jsonl:3: …",
        },
        Finding::Clean {
            articles: 1,
            broadcasts: 2,
            submissions: 3,
            activities: Some(4),
            voided: 1,
        },
    ];

    pub fn text(&self, lang: Lang) -> String {
        use Finding as F;
        let d = |date: &NaiveDate| lang.date(*date);
        let closest_vi =
            |c: &Option<&str>| c.map_or(String::new(), |c| format!(" (có phải là `{c}`?)"));
        let closest_en =
            |c: &Option<&str>| c.map_or(String::new(), |c| format!("; did you mean `{c}`?"));
        match (lang, self) {
            (Lang::Vi, F::CoveredByNoPlan { kind, date, ranges }) => format!(
                "{} ngày {} không thuộc kế hoạch nào ({ranges}); thêm kế hoạch năm đó để kiểm tra",
                lang.record_kind(*kind),
                d(date)
            ),
            (Lang::En, F::CoveredByNoPlan { kind, date, ranges }) => format!(
                "{} of {} is covered by no plan ({ranges}); add that year's plan to check it",
                kind.as_str(),
                date.format("%Y-%m-%d")
            ),
            (Lang::Vi, F::PeriodOfNoPlan { period }) => {
                format!("kỳ `{period}` không là kỳ báo cáo của kế hoạch nào ở đây")
            }
            (Lang::En, F::PeriodOfNoPlan { period }) => {
                format!("period `{period}` is no report period of any plan here")
            }
            (Lang::Vi, F::UnitUnknown { unit }) => {
                format!("đơn vị `{unit}` không có trong kế hoạch")
            }
            (Lang::En, F::UnitUnknown { unit }) => {
                format!("unit `{unit}` is not a unit of the plan")
            }
            (Lang::Vi, F::TopicUnknown { topic }) => {
                format!("chủ đề `{topic}` không có trong kế hoạch")
            }
            (Lang::En, F::TopicUnknown { topic }) => {
                format!("topic `{topic}` is not a topic of the plan")
            }
            (Lang::Vi, F::ChannelUnknown { channel, closest }) => format!(
                "kênh `{channel}` không có trong kế hoạch{}",
                closest_vi(closest)
            ),
            (Lang::En, F::ChannelUnknown { channel, closest }) => format!(
                "channel `{channel}` is not a channel of the plan{}",
                closest_en(closest)
            ),
            (Lang::Vi, F::ActivityUnknown { activity, closest }) => format!(
                "loại hoạt động `{activity}` không có trong kế hoạch{}",
                closest_vi(closest)
            ),
            (Lang::En, F::ActivityUnknown { activity, closest }) => format!(
                "activity `{activity}` is not an activity of the plan{}",
                closest_en(closest)
            ),
            (Lang::Vi, F::SentAfterAppeared { sent, appeared }) => {
                format!("ngày gửi {} sau ngày đăng ({})", d(sent), d(appeared))
            }
            (Lang::En, F::SentAfterAppeared { sent, appeared }) => format!(
                "sent {} is after the date it appeared ({})",
                sent.format("%Y-%m-%d"),
                appeared.format("%Y-%m-%d")
            ),
            (Lang::Vi, F::CountZero) => "count bằng 0; một hoạt động tính ít nhất 1".to_string(),
            (Lang::En, F::CountZero) => "count is 0; an activity counts at least 1".to_string(),
            (Lang::Vi, F::ReportWithoutPeriod) => {
                "báo cáo thiếu `period` (kỳ), ví dụ \"2022-Q1\"".to_string()
            }
            (Lang::En, F::ReportWithoutPeriod) => {
                "a report needs a `period`, e.g. \"2022-Q1\"".to_string()
            }
            (Lang::Vi, F::PeriodNotALabel { period }) => {
                format!("kỳ `{period}` không viết đúng dạng, ví dụ \"2022-Q1\"")
            }
            (Lang::En, F::PeriodNotALabel { period }) => {
                format!("period `{period}` is not a period label, e.g. \"2022-Q1\"")
            }
            (Lang::Vi, F::UrlNotWeb { url }) => format!(
                "`url` không phải liên kết web (http:// hay https://): {url}; báo cáo sẽ không tạo liên kết từ nó"
            ),
            (Lang::En, F::UrlNotWeb { url }) => format!(
                "`url` is not a web link (http:// or https://): {url}; documents will not make it a link"
            ),
            (Lang::Vi, F::TitleTooLong { length, max }) => {
                format!("tiêu đề dài {length} ký tự; khi ghi, tiêu đề dài tối đa {max} ký tự")
            }
            (Lang::En, F::TitleTooLong { length, max }) => {
                format!("the title is {length} characters long; input takes at most {max}")
            }
            (Lang::Vi, F::TextNotNormal { field, shown }) => format!(
                "trường `{field}` có ký tự điều khiển, ký tự ẩn hoặc chữ tổ hợp chưa dựng sẵn: {shown}"
            ),
            (Lang::En, F::TextNotNormal { field, shown }) => format!(
                "field `{field}` holds a control, invisible or decomposed character: {shown}"
            ),
            (
                Lang::Vi,
                F::DuplicateId {
                    id,
                    first_file,
                    first_line,
                },
            ) => {
                format!("mã `{id}` bị trùng (lần đầu ở {first_file}:{first_line})")
            }
            (
                Lang::En,
                F::DuplicateId {
                    id,
                    first_file,
                    first_line,
                },
            ) => {
                format!("duplicate id `{id}` (first at {first_file}:{first_line})")
            }
            (Lang::Vi, F::VoidOfNothing { id }) => {
                format!("dòng hủy `{id}`, nhưng không có bản ghi nào mã đó")
            }
            (Lang::En, F::VoidOfNothing { id }) => format!("void of `{id}`, which no record has"),
            (Lang::Vi, F::NoRuleCovers { kind, unit, period }) => format!(
                "kế hoạch không có chỉ tiêu {} nào cho đơn vị `{unit}`{}",
                lang.record_noun(*kind),
                period.map(|p| format!(" kỳ {p}")).unwrap_or_default()
            ),
            (Lang::En, F::NoRuleCovers { kind, unit, period }) => format!(
                "no {} rule of the plan covers unit `{unit}`{}",
                kind.as_str(),
                period.map(|p| format!(" for {p}")).unwrap_or_default()
            ),
            (Lang::Vi, F::MatchesRules { kind, rules }) => format!(
                "{} này khớp nhiều chỉ tiêu ({rules}); hủy rồi ghi lại kèm --rule",
                lang.record_noun(*kind)
            ),
            (Lang::En, F::MatchesRules { kind, rules }) => format!(
                "this {} matches rules {rules}; void it and log it again with --rule",
                kind.as_str()
            ),
            (Lang::Vi, F::PeriodNamesNoYear { period }) => format!(
                "kỳ `{period}` không là năm của kế hoạch nào ở đây; kỳ của một kế hoạch là năm của kế hoạch nó thực hiện"
            ),
            (Lang::En, F::PeriodNamesNoYear { period }) => format!(
                "period `{period}` names no plan's year here; a plan's period is the year of the plan it fulfils"
            ),
            (Lang::Vi, F::RuleUnknown { rule, closest }) => format!(
                "chỉ tiêu `{rule}` không có trong kế hoạch{}",
                closest_vi(closest)
            ),
            (Lang::En, F::RuleUnknown { rule, closest }) => format!(
                "rule `{rule}` is not a rule of the plan{}",
                closest_en(closest)
            ),
            (Lang::Vi, F::NotItsRule { rule, unit, kind }) => format!(
                "chỉ tiêu `{rule}` không yêu cầu đơn vị `{unit}` {} này",
                lang.record_noun(*kind)
            ),
            (Lang::En, F::NotItsRule { rule, unit, kind }) => format!(
                "rule `{rule}` does not ask unit `{unit}` for this {}",
                kind.as_str()
            ),
            (Lang::Vi, F::NotARecord { why }) => format!("dòng không đọc được ({why})"),
            (Lang::En, F::NotARecord { why }) => why.to_string(),
            (Lang::Vi, F::NoDataDir { dir }) => {
                format!("không có thư mục dữ liệu ở {dir} (gõ nhầm --data hay CCHC_DATA?)")
            }
            (Lang::En, F::NoDataDir { dir }) => {
                format!("no data directory at {dir} (a mistyped --data or CCHC_DATA?)")
            }
            (Lang::Vi, F::Problems { count, dir, lines }) => {
                format!("{count} lỗi trong {dir}:\n{lines}")
            }
            (Lang::En, F::Problems { count, dir, lines }) => format!(
                "{count} problem{} in {dir}:\n{lines}",
                if *count == 1 { "" } else { "s" }
            ),
            (
                lang,
                F::Clean {
                    articles,
                    broadcasts,
                    submissions,
                    activities,
                    voided,
                },
            ) => {
                let (word, voids) = match lang {
                    Lang::Vi => ("không có lỗi", "dòng hủy"),
                    Lang::En => ("ok", "voided"),
                };
                format!(
                    "{word}: articles.jsonl {articles}, broadcasts.jsonl {broadcasts}, submissions.jsonl {submissions}{} ({voided} {voids})",
                    activities
                        .map(|n| format!(", activities.jsonl {n}"))
                        .unwrap_or_default()
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every finding exists in both languages, and they differ.
    #[test]
    fn every_finding_has_both_languages() {
        crate::i18n::assert_both_languages(Finding::EXAMPLES, |x, lang| x.text(lang));
        crate::i18n::assert_every_variant(
            "src/i18n/finding.rs",
            "Finding",
            Finding::EXAMPLES.iter().map(|x| format!("{x:?}")),
        );
    }
}
