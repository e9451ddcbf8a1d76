//! What can be wrong with a plan file ([`PlanFault`], found by the plan checker),
//! in both languages, and a whole [`PlanError`] as `file:line:column: what`.
//! Every variant is in [`examples`], which a test walks.

use std::fmt;

use super::Lang;
use crate::plan::{Key, KeyBelongs, PlanError, PlanFault, SignerForm, Table};

impl PlanError {
    /// Every problem as `file:line:column: what`, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let mut out = String::new();
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&format!(
                "{}:{}:{}: {}",
                self.file,
                p.line,
                p.column,
                p.fault.text(lang)
            ));
        }
        if self.problems.len() > 1 {
            out.push_str(&match lang {
                Lang::Vi => format!("\n({} lỗi trong {})", self.problems.len(), self.file),
                Lang::En => format!("\n({} problems in {})", self.problems.len(), self.file),
            });
        }
        out
    }
}

/// In the plan's own language (Vietnamese when it has none); the command line's
/// choice is applied by `PlanError::text` at the edge.
impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(self.lang.unwrap_or(Lang::Vi)))
    }
}

impl Table {
    /// What an id of this table names: "đơn vị", "unit".
    pub fn noun(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Vi, Table::Unit) => "đơn vị",
            (Lang::Vi, Table::Topic) => "chủ đề",
            (Lang::Vi, Table::Rule) => "chỉ tiêu",
            (Lang::Vi, Table::Kind) => "loại đơn vị",
            (Lang::Vi, Table::Channel) => "kênh",
            (Lang::Vi, Table::Activity) => "loại hoạt động",
            (Lang::En, table) => table.as_str(),
        }
    }
}

/// Where a value sits: `[plan].start`, "chỉ tiêu `r`: min", "rule `r`: min".
fn key_words(lang: Lang, key: &Key) -> String {
    match (lang, key) {
        (_, Key::Plan(key)) => format!("[plan].{key}"),
        (_, Key::Document(key)) => format!("[document].{key}"),
        (_, Key::Bare(key)) => key.to_string(),
        (Lang::Vi, Key::Rule { rule, key }) => format!("chỉ tiêu `{rule}`: {key}"),
        (Lang::En, Key::Rule { rule, key }) => format!("rule `{rule}`: {key}"),
    }
}

/// " (có phải là `x`?)", "; did you mean `x`?" when a known name is close.
fn closest_words(lang: Lang, closest: &Option<String>) -> String {
    match (lang, closest) {
        (_, None) => String::new(),
        (Lang::Vi, Some(name)) => format!(" (có phải là `{name}`?)"),
        (Lang::En, Some(name)) => format!("; did you mean `{name}`?"),
    }
}

/// Why a key does not belong to its rule, with what to use instead.
fn belongs_words(lang: Lang, belongs: KeyBelongs) -> &'static str {
    use KeyBelongs as B;
    match (lang, belongs) {
        (Lang::Vi, B::OnlyPlanDue) => {
            "chỉ chỉ tiêu kế hoạch (record = \"plan\") có hạn `due`; chỉ tiêu số lượng dùng every và min, báo cáo dùng due_day"
        }
        (Lang::En, B::OnlyPlanDue) => {
            "only a plan rule has a due date; quotas use every and min, reports due_day"
        }
        (Lang::Vi, B::OnlyReportsDueDay) => {
            "chỉ chỉ tiêu báo cáo có khóa này (chỉ tiêu kế hoạch dùng `due = YYYY-MM-DD`)"
        }
        (Lang::En, B::OnlyReportsDueDay) => {
            "only report rules have it (a plan rule uses `due = YYYY-MM-DD`)"
        }
        (Lang::Vi, B::OnlyReports) => "chỉ chỉ tiêu báo cáo có khóa này",
        (Lang::En, B::OnlyReports) => "only report rules have it",
        (Lang::Vi, B::PlanDueOnce) => "kế hoạch chỉ nộp một lần, hạn ghi ở `due`",
        (Lang::En, B::PlanDueOnce) => "a plan is due once, on `due`",
        (Lang::Vi, B::OneRecordDue) => "bỏ đi (mỗi kỳ nộp một văn bản)",
        (Lang::En, B::OneRecordDue) => "remove it (one record is due)",
        (Lang::Vi, B::UnitsOwn) => "kế hoạch và báo cáo là của riêng từng đơn vị",
        (Lang::En, B::UnitsOwn) => "plans and reports are each unit's own",
        (Lang::Vi, B::OnlyArticleTopics) => "chỉ chỉ tiêu tin bài có chủ đề",
        (Lang::En, B::OnlyArticleTopics) => "only article rules have topics",
        (Lang::Vi, B::OnlyArticles) => "chỉ chỉ tiêu tin bài có khóa này",
        (Lang::En, B::OnlyArticles) => "only article rules have it",
        (Lang::Vi, B::OnlyArticleBroadcastChannels) => "chỉ chỉ tiêu tin bài và phát thanh có kênh",
        (Lang::En, B::OnlyArticleBroadcastChannels) => {
            "only article and broadcast rules have channels"
        }
        (Lang::Vi, B::OnlyBroadcasts) => "chỉ chỉ tiêu phát thanh có khóa này",
        (Lang::En, B::OnlyBroadcasts) => "only broadcast rules have it",
        (Lang::Vi, B::OnlyByWeekday) => {
            "chỉ chỉ tiêu tin bài, phát thanh và hoạt động đếm theo ngày trong tuần"
        }
        (Lang::En, B::OnlyByWeekday) => {
            "only article, broadcast and activity rules count by weekday"
        }
        (Lang::Vi, B::OnlyActivities) => "chỉ chỉ tiêu hoạt động có khóa này",
        (Lang::En, B::OnlyActivities) => "only activity rules have it",
    }
}

/// The names `periods` takes.
const PERIOD_NAMES: &str = "Q1, Q2, Q3, Q4, H1, H2, 9M, year, M01 … M12";

impl PlanFault {
    pub fn text(&self, lang: Lang) -> String {
        use PlanFault as F;
        let key = |k: &Key| key_words(lang, k);
        let closest = |c: &Option<String>| closest_words(lang, c);
        let noun = |t: &Table| t.noun(lang);
        match (lang, self) {
            (Lang::Vi, F::NotUtf8) => {
                "kế hoạch không phải văn bản UTF-8; lưu lại dạng UTF-8".to_string()
            }
            (Lang::En, F::NotUtf8) => "the plan is not UTF-8 text; save it as UTF-8".to_string(),
            (Lang::Vi, F::TomlNumberTooLarge { key }) => format!("`{key}`: số quá lớn"),
            (Lang::En, F::TomlNumberTooLarge { key }) => {
                format!("`{key}`: the number is too large")
            }
            (Lang::Vi, F::TomlWrongType { key, message }) => {
                format!("`{key}`: sai kiểu giá trị ({message})")
            }
            (Lang::En, F::TomlWrongType { key, message }) => format!("`{key}`: {message}"),
            (Lang::Vi, F::TomlNoPlanTable) => {
                "kế hoạch thiếu mục [plan]; mục này cần title, issuer, start và end".to_string()
            }
            (Lang::En, F::TomlNoPlanTable) => {
                "the plan has no [plan] table; it needs title, issuer, start and end".to_string()
            }
            (Lang::Vi, F::TomlMissingKey { rest }) => format!("thiếu khóa {rest}"),
            (Lang::En, F::TomlMissingKey { rest }) => format!("missing field {rest}"),
            (Lang::Vi, F::TomlUnknownKey { rest }) => {
                // "`colour`, expected one of `title`, `issuer`" (the TOML reader's words).
                let what = match rest.split_once(", expected one of ") {
                    Some((key, keys)) => format!("không biết khóa {key} (các khóa ở đây: {keys})"),
                    None => match rest.split_once(", expected ") {
                        Some((key, only)) => format!("không biết khóa {key} (khóa ở đây: {only})"),
                        None => format!(
                            "không biết khóa {}",
                            rest.replace(", there are no fields", "")
                        ),
                    },
                };
                format!("{what}; xóa đi hoặc sửa lại chính tả")
            }
            (Lang::En, F::TomlUnknownKey { rest }) => {
                format!("unknown key {rest}; remove it or correct its spelling")
            }
            (Lang::Vi, F::TomlDateAsWritten { key, as_written, day }) => format!(
                "{}ngày trong kế hoạch viết dạng năm-tháng-ngày, không có dấu ngoặc kép: {}",
                key.as_ref().map_or(String::new(), |k| format!("`{k} = {as_written}`: ")),
                day.map_or("2026-03-15".to_string(), |d| {
                    let shown = key.as_deref().unwrap_or("start");
                    format!("`{shown} = {}`", d.format("%Y-%m-%d"))
                })
            ),
            (Lang::En, F::TomlDateAsWritten { key, as_written, day }) => format!(
                "{}a plan's dates are written year-month-day, without quotes: {}",
                key.as_ref().map_or(String::new(), |k| format!("`{k} = {as_written}`: ")),
                day.map_or("2026-03-15".to_string(), |d| {
                    let shown = key.as_deref().unwrap_or("start");
                    format!("`{shown} = {}`", d.format("%Y-%m-%d"))
                })
            ),
            (Lang::Vi, F::TomlSyntax { message }) => format!("lỗi cú pháp TOML: {message}"),
            (Lang::En, F::TomlSyntax { message }) => message.clone(),
            (Lang::Vi, F::ControlCharacter { key: k, character }) => format!(
                "{} có ký tự điều khiển {}; hãy gõ như văn bản thường",
                key(k),
                character.code()
            ),
            (Lang::En, F::ControlCharacter { key: k, character }) => {
                format!("{} {character}", key(k))
            }
            (Lang::Vi, F::SignerFormUnknown { given }) => format!(
                "[document].signer_form = \"{given}\" không phải hình thức ký theo Nghị định 30/2020; hãy dùng một trong {}",
                signer_forms()
            ),
            (Lang::En, F::SignerFormUnknown { given }) => format!(
                "[document].signer_form = \"{given}\" is no signing form of Nghị định 30/2020; use one of {}",
                signer_forms()
            ),
            (Lang::Vi, F::SignerFormWithoutFor { form }) => format!(
                "[document].signer_form = \"{form}\" cần signer_for: điều ghi sau \"{form}\" (ví dụ signer_for = \"ỦY BAN NHÂN DÂN\" với TM., \"CHỦ TỊCH\" với KT.)"
            ),
            (Lang::En, F::SignerFormWithoutFor { form }) => format!(
                "[document].signer_form = \"{form}\" needs signer_for: what follows \"{form}\" (e.g. signer_for = \"ỦY BAN NHÂN DÂN\" with TM., \"CHỦ TỊCH\" with KT.)"
            ),
            (Lang::Vi, F::SignerForWithoutForm) => "[document].signer_for chỉ dùng cùng signer_form (TM., KT., Q., TL., TUQ.); hãy thêm signer_form hoặc xóa signer_for".to_string(),
            (Lang::En, F::SignerForWithoutForm) => "[document].signer_for goes with signer_form (TM., KT., Q., TL., TUQ.); add signer_form or remove signer_for".to_string(),
            (Lang::Vi, F::PlanNumberWithoutDate) => "[document].plan_number cần plan_date: ngày ký kế hoạch được báo cáo (ví dụ plan_date = 2022-01-20)".to_string(),
            (Lang::En, F::PlanNumberWithoutDate) => "[document].plan_number needs plan_date: the day the plan reported on was signed (e.g. plan_date = 2022-01-20)".to_string(),
            (Lang::Vi, F::PlanDateWithoutNumber) => "[document].plan_date cần plan_number: số, ký hiệu của kế hoạch được báo cáo (ví dụ plan_number = \"45/KH-UBND\")".to_string(),
            (Lang::En, F::PlanDateWithoutNumber) => "[document].plan_date needs plan_number: the number of the plan reported on (e.g. plan_number = \"45/KH-UBND\")".to_string(),
            (Lang::Vi, F::PlanTextBlank { key }) => {
                format!("[plan].{key} để trống; hãy ghi nội dung")
            }
            (Lang::En, F::PlanTextBlank { key }) => format!("[plan].{key} is blank; give it a text"),
            (Lang::Vi, F::EndBeforeStart { start, end }) => format!(
                "[plan].end {end} trước [plan].start {start}; khoảng thời gian tính cả hai ngày và không được rỗng"
            ),
            (Lang::En, F::EndBeforeStart { start, end }) => format!(
                "[plan].end {end} is before [plan].start {start}; the range is inclusive and must not be empty"
            ),
            (Lang::Vi, F::PlanTooLong { start, end, days }) => format!(
                "[plan] chạy từ {start} đến {end}, {days} ngày; một kế hoạch dài nhiều nhất năm năm: mỗi năm viết một kế hoạch"
            ),
            (Lang::En, F::PlanTooLong { start, end, days }) => format!(
                "[plan] runs from {start} to {end}, {days} days; a plan covers at most five years: write one plan a year"
            ),
            (Lang::Vi, F::LangUnknown { given }) => {
                format!("[plan].lang là `{given}`; dùng \"vi\" hoặc \"en\"")
            }
            (Lang::En, F::LangUnknown { given }) => {
                format!("[plan].lang is `{given}`; use \"vi\" or \"en\"")
            }
            (Lang::Vi, F::PeakHoursBad { given, .. }) => format!(
                "[plan].peak_hours `{given}`: không phải khung giờ; viết HH:MM-HH:MM, giờ bắt đầu trước giờ kết thúc (không qua nửa đêm)"
            ),
            (Lang::En, F::PeakHoursBad { given, why }) => {
                format!("[plan].peak_hours `{given}`: {why}")
            }
            (Lang::Vi, F::DueSoonDaysOutOfRange { given, max }) => {
                format!("[plan].due_soon_days là {given}; dùng số ngày từ 0 đến {max}")
            }
            (Lang::En, F::DueSoonDaysOutOfRange { given, max }) => {
                format!("[plan].due_soon_days is {given}; use a number of days from 0 to {max}")
            }
            (Lang::Vi, F::CutoffDayOutOfRange { given }) => format!(
                "[plan].cutoff_day là {given}; dùng một ngày từ 1 đến 28 (ví dụ 14: kỳ tính từ ngày 15 đến ngày 14)"
            ),
            (Lang::En, F::CutoffDayOutOfRange { given }) => format!(
                "[plan].cutoff_day is {given}; use a day from 1 to 28 (e.g. 14: periods run from the 15th to the 14th)"
            ),
            (Lang::Vi, F::UtcOffsetBad { given }) => format!(
                "[plan].utc_offset là `{given}`; ghi độ lệch giờ địa phương so với UTC dạng +HH:MM (Việt Nam: \"+07:00\")"
            ),
            (Lang::En, F::UtcOffsetBad { given }) => format!(
                "[plan].utc_offset is `{given}`; write the local time's offset from UTC as +HH:MM (Vietnam: \"+07:00\")"
            ),
            (Lang::Vi, F::UnitKindNotListed { unit, kind, closest: c }) => format!(
                "đơn vị `{unit}`: loại `{kind}` không có trong các mục [[kind]] của kế hoạch{}; thêm một [[kind]] có id = \"{kind}\" hoặc sửa lại",
                closest(c)
            ),
            (Lang::En, F::UnitKindNotListed { unit, kind, closest: c }) => format!(
                "unit `{unit}`: kind `{kind}` is not one of the plan's [[kind]] tables{}; add a [[kind]] with id = \"{kind}\" or correct it",
                closest(c)
            ),
            (Lang::Vi, F::NameBlank { table, id }) => {
                format!("{} `{id}`: name để trống", noun(table))
            }
            (Lang::En, F::NameBlank { table, id }) => {
                format!("{} `{id}`: name is blank", noun(table))
            }
            (Lang::Vi, F::DefaultChannelTwice { channel, first, first_line }) => format!(
                "kênh `{channel}`: kênh `{first}` (dòng {first_line}) đã là kênh mặc định; chỉ một kênh được có default = true"
            ),
            (Lang::En, F::DefaultChannelTwice { channel, first, first_line }) => format!(
                "channel `{channel}`: channel `{first}` (line {first_line}) is already the default; at most one channel has default = true"
            ),
            (Lang::Vi, F::IdInvalid { table, id }) => format!(
                "mã {} `{id}` chỉ được có a-z, 0-9 và '-' (ví dụ \"xa-son-my\")",
                noun(table)
            ),
            (Lang::En, F::IdInvalid { table, id }) => format!(
                "{} id `{id}` may only hold a-z, 0-9 and '-' (e.g. \"xa-son-my\")",
                noun(table)
            ),
            (Lang::Vi, F::IdDuplicate { table, id, first_line }) => format!(
                "mã {} `{id}` bị trùng (dùng lần đầu ở dòng {first_line}); mỗi mã chỉ dùng một lần",
                noun(table)
            ),
            (Lang::En, F::IdDuplicate { table, id, first_line }) => format!(
                "duplicate {} id `{id}` (first used on line {first_line}); ids must be unique",
                noun(table)
            ),
            (Lang::Vi, F::UnitKindNotOneWord { unit, kind }) => {
                format!("đơn vị `{unit}`: loại `{kind}` phải là một từ, ví dụ \"commune\"")
            }
            (Lang::En, F::UnitKindNotOneWord { unit, kind }) => {
                format!("unit `{unit}`: kind `{kind}` must be one word, e.g. \"commune\"")
            }
            (Lang::Vi, F::AliasBlank { unit }) => {
                format!("đơn vị `{unit}`: có một tên gọi khác (alias) để trống")
            }
            (Lang::En, F::AliasBlank { unit }) => format!("unit `{unit}`: an alias is blank"),
            (Lang::Vi, F::AliasTaken { unit, alias, other }) => format!(
                "đơn vị `{unit}`: tên gọi khác `{alias}` đã là của đơn vị `{other}`; mỗi tên gọi khác chỉ chỉ một đơn vị"
            ),
            (Lang::En, F::AliasTaken { unit, alias, other }) => format!(
                "unit `{unit}`: alias `{alias}` already names unit `{other}`; an alias names one unit"
            ),
            (Lang::Vi, F::FeedNotWeb { unit, given }) => format!(
                "đơn vị `{unit}`: feed `{given}` không phải địa chỉ web; ghi địa chỉ RSS của cổng thông tin, bắt đầu bằng https:// hoặc http://"
            ),
            (Lang::En, F::FeedNotWeb { unit, given }) => format!(
                "unit `{unit}`: feed `{given}` is not a web address; write the portal's RSS address, starting with https:// or http://"
            ),
            (Lang::Vi, F::EmailBad { unit, given }) => format!(
                "đơn vị `{unit}`: email `{given}` không giống địa chỉ thư điện tử; viết dạng \"vanthu@sonmy.gov.vn\" (một địa chỉ, không dấu cách)"
            ),
            (Lang::En, F::EmailBad { unit, given }) => format!(
                "unit `{unit}`: email `{given}` does not look like an e-mail address; write it as \"office@sonmy.gov.vn\" (one address, no spaces)"
            ),
            (Lang::Vi, F::PhoneBad { unit, given }) => format!(
                "đơn vị `{unit}`: phone `{given}` không phải số điện thoại; viết 8 đến 15 chữ số, có thể có + ở đầu và dấu cách, dấu chấm, gạch nối giữa các số, ví dụ \"0252 3843 123\""
            ),
            (Lang::En, F::PhoneBad { unit, given }) => format!(
                "unit `{unit}`: phone `{given}` is not a phone number; write 8 to 15 digits, optionally + first and spaces, dots or dashes between them, e.g. \"+84 252 3843 123\""
            ),
            (Lang::Vi, F::RuleTitleBlank { rule }) => format!("chỉ tiêu `{rule}`: title để trống"),
            (Lang::En, F::RuleTitleBlank { rule }) => format!("rule `{rule}`: title is blank"),
            (Lang::Vi, F::ScopeUnknown { rule, given }) => format!(
                "chỉ tiêu `{rule}`: scope = \"{given}\" không phải \"each\" hay \"together\""
            ),
            (Lang::En, F::ScopeUnknown { rule, given }) => {
                format!("rule `{rule}`: scope = \"{given}\" is not \"each\" or \"together\"")
            }
            (Lang::Vi, F::RuleNamesUnknown { rule, table, given, closest: c }) => format!(
                "chỉ tiêu `{rule}` nêu {} `{given}`, không có trong kế hoạch{}",
                noun(table),
                closest(c)
            ),
            (Lang::En, F::RuleNamesUnknown { rule, table, given, closest: c }) => format!(
                "rule `{rule}` names {} `{given}`, which the plan does not have{}",
                noun(table),
                closest(c)
            ),
            (Lang::Vi, F::RuleKindUnknown { rule, kind, closest: c }) => format!(
                "chỉ tiêu `{rule}` nêu loại đơn vị `{kind}`, không đơn vị nào thuộc loại này{}",
                closest(c)
            ),
            (Lang::En, F::RuleKindUnknown { rule, kind, closest: c }) => format!(
                "rule `{rule}` names kind `{kind}`, which no unit has{}",
                closest(c)
            ),
            (Lang::Vi, F::RuleCoversNoUnit { rule }) => format!(
                "chỉ tiêu `{rule}` không áp dụng cho đơn vị nào; liệt kê mã đơn vị trong `units` hoặc loại đơn vị trong `kinds`"
            ),
            (Lang::En, F::RuleCoversNoUnit { rule }) => format!(
                "rule `{rule}` applies to no unit; list unit ids in `units` or unit kinds in `kinds`"
            ),
            (Lang::Vi, F::RecordUnknown { rule, given }) => format!(
                "chỉ tiêu `{rule}`: record `{given}` không phải article, broadcast, plan, report hay activity"
            ),
            (Lang::En, F::RecordUnknown { rule, given }) => format!(
                "rule `{rule}`: record `{given}` is not one of article, broadcast, plan, report, activity"
            ),
            (Lang::Vi, F::QuotaWithoutMin { rule }) => {
                format!("chỉ tiêu `{rule}`: chỉ tiêu số lượng cần `min` (ít nhất 1)")
            }
            (Lang::En, F::QuotaWithoutMin { rule }) => {
                format!("rule `{rule}`: a quota needs `min` (at least 1)")
            }
            (Lang::Vi, F::PeakOnlyWithoutPeakHours { rule }) => format!(
                "chỉ tiêu `{rule}`: peak_only cần [plan].peak_hours, ví dụ [\"17:00-18:30\"]"
            ),
            (Lang::En, F::PeakOnlyWithoutPeakHours { rule }) => format!(
                "rule `{rule}`: peak_only needs [plan].peak_hours, e.g. [\"17:00-18:30\"]"
            ),
            (Lang::Vi, F::CountByUnknown { rule, given }) => format!(
                "chỉ tiêu `{rule}`: count_by = \"{given}\" không phải \"date\" hay \"sent\""
            ),
            (Lang::En, F::CountByUnknown { rule, given }) => {
                format!("rule `{rule}`: count_by = \"{given}\" is not \"date\" or \"sent\"")
            }
            (Lang::Vi, F::MinForWithTogether { rule }) => format!(
                "chỉ tiêu `{rule}`: min_for không đi cùng scope = \"together\" (một chỉ tiêu chung cho mọi đơn vị); bỏ một trong hai"
            ),
            (Lang::En, F::MinForWithTogether { rule }) => format!(
                "rule `{rule}`: min_for does not mix with scope = \"together\" (one obligation for all units); remove one of them"
            ),
            (Lang::Vi, F::PlanRuleWithoutDue { rule }) => {
                format!("chỉ tiêu `{rule}`: record = \"plan\" cần `due = YYYY-MM-DD`")
            }
            (Lang::En, F::PlanRuleWithoutDue { rule }) => {
                format!("rule `{rule}`: record = \"plan\" needs `due = YYYY-MM-DD`")
            }
            (Lang::Vi, F::DueOutsidePlan { rule, due, start, end }) => {
                format!("chỉ tiêu `{rule}`: hạn {due} nằm ngoài kế hoạch ({start} đến {end})")
            }
            (Lang::En, F::DueOutsidePlan { rule, due, start, end }) => {
                format!("rule `{rule}`: due {due} lies outside the plan ({start} to {end})")
            }
            (Lang::Vi, F::ReportWeekly { rule }) => format!(
                "chỉ tiêu `{rule}`: hạn báo cáo là một ngày trong tháng nên không thể theo tuần; dùng month, quarter, half hoặc year"
            ),
            (Lang::En, F::ReportWeekly { rule }) => format!(
                "rule `{rule}`: a report is due on a day of the month, so it cannot be weekly; use month, quarter, half or year"
            ),
            (Lang::Vi, F::DueDayAndAfterDays { rule }) => format!(
                "chỉ tiêu `{rule}`: due_day và due_after_days cùng nói hạn báo cáo; chỉ giữ một"
            ),
            (Lang::En, F::DueDayAndAfterDays { rule }) => format!(
                "rule `{rule}`: due_day and due_after_days both say when a report is due; keep one of them"
            ),
            (Lang::Vi, F::ReportWithoutDue { rule }) => format!(
                "chỉ tiêu `{rule}`: record = \"report\" cần `due_day` (1 đến 31), `due_after_days` hoặc `dues`"
            ),
            (Lang::En, F::ReportWithoutDue { rule }) => format!(
                "rule `{rule}`: record = \"report\" needs `due_day` (1 to 31), `due_after_days` or `dues`"
            ),
            (Lang::Vi, F::DuesMissingPeriod { rule, period }) => format!(
                "chỉ tiêu `{rule}`: dues không có ngày cho kỳ {period}; ghi đủ mọi kỳ của chỉ tiêu, hoặc thêm due_day hay due_after_days"
            ),
            (Lang::En, F::DuesMissingPeriod { rule, period }) => format!(
                "rule `{rule}`: dues has no date for {period}; name every period of the rule, or add due_day or due_after_days"
            ),
            (Lang::Vi, F::EveryAndPeriods { rule }) => format!(
                "chỉ tiêu `{rule}`: có cả `every` và `periods`; `periods` liệt kê đúng các kỳ (ví dụ [\"Q1\", \"H1\", \"Q3\", \"year\"]), `every` lặp lại mọi kỳ: chỉ giữ một"
            ),
            (Lang::En, F::EveryAndPeriods { rule }) => format!(
                "rule `{rule}`: it has both `every` and `periods`; `periods` lists exactly which periods (e.g. [\"Q1\", \"H1\", \"Q3\", \"year\"]), `every` repeats each one: keep one of them"
            ),
            (Lang::Vi, F::MonthsWithPeriods { rule }) => format!(
                "chỉ tiêu `{rule}`: `months` dùng với every = \"week\" hoặc \"month\", không với `periods`; ghi các tháng vào periods (M07, M08 …)"
            ),
            (Lang::En, F::MonthsWithPeriods { rule }) => format!(
                "rule `{rule}`: `months` goes with every = \"week\" or \"month\", not with `periods`; list the months in periods (M07, M08 …)"
            ),
            (Lang::Vi, F::PeriodTwice { rule, name }) => {
                format!("chỉ tiêu `{rule}`: periods ghi `{name}` hai lần")
            }
            (Lang::En, F::PeriodTwice { rule, name }) => {
                format!("rule `{rule}`: periods lists `{name}` twice")
            }
            (Lang::Vi, F::PeriodUnknown { rule, given }) => format!(
                "chỉ tiêu `{rule}`: periods có `{given}`, không phải tên kỳ; dùng {PERIOD_NAMES} (H1 = 6 tháng đầu năm, 9M = 9 tháng đầu năm)"
            ),
            (Lang::En, F::PeriodUnknown { rule, given }) => format!(
                "rule `{rule}`: periods has `{given}`, which is no period name; use {PERIOD_NAMES} (H1 = first half, 9M = first nine months)"
            ),
            (Lang::Vi, F::PeriodsEmpty { rule }) => format!(
                "chỉ tiêu `{rule}`: periods để trống; liệt kê các kỳ, ví dụ [\"Q1\", \"H1\", \"Q3\", \"year\"]"
            ),
            (Lang::En, F::PeriodsEmpty { rule }) => format!(
                "rule `{rule}`: periods is empty; list the periods, e.g. [\"Q1\", \"H1\", \"Q3\", \"year\"]"
            ),
            (Lang::Vi, F::ScheduleMissing { rule, record }) => format!(
                "chỉ tiêu `{rule}`: record = \"{record}\" cần `every` (week, month, quarter, half hoặc year) hoặc `periods`"
            ),
            (Lang::En, F::ScheduleMissing { rule, record }) => format!(
                "rule `{rule}`: record = \"{record}\" needs `every` (week, month, quarter, half or year) or `periods`"
            ),
            (Lang::Vi, F::EveryUnknown { rule, given }) => format!(
                "chỉ tiêu `{rule}`: every = \"{given}\" không phải week, month, quarter, half hay year"
            ),
            (Lang::En, F::EveryUnknown { rule, given }) => format!(
                "rule `{rule}`: every = \"{given}\" is not one of week, month, quarter, half, year"
            ),
            (Lang::Vi, F::MonthsNotWeekOrMonth { rule, every }) => format!(
                "chỉ tiêu `{rule}`: `months` chỉ dùng với every = \"week\" hoặc \"month\" (ở đây every = \"{}\")",
                every.as_str()
            ),
            (Lang::En, F::MonthsNotWeekOrMonth { rule, every }) => format!(
                "rule `{rule}`: `months` only goes with every = \"week\" or \"month\" (here every = \"{}\")",
                every.as_str()
            ),
            (Lang::Vi, F::MonthsEmpty { rule }) => format!(
                "chỉ tiêu `{rule}`: months để trống; liệt kê các tháng 1 đến 12, ví dụ [7, 8, 9]"
            ),
            (Lang::En, F::MonthsEmpty { rule }) => {
                format!("rule `{rule}`: months is empty; list months 1 to 12, e.g. [7, 8, 9]")
            }
            (Lang::Vi, F::RuleCutoffWithPlanCutoff { rule }) => format!(
                "chỉ tiêu `{rule}`: kế hoạch đã có [plan].cutoff_day; cutoff_day của chỉ tiêu chỉ dùng khi kế hoạch không có: bỏ một trong hai"
            ),
            (Lang::En, F::RuleCutoffWithPlanCutoff { rule }) => format!(
                "rule `{rule}`: the plan already has [plan].cutoff_day; a rule's cutoff_day is only for plans without one: remove one of them"
            ),
            (Lang::Vi, F::CutoffOnPlanRule { rule }) => format!(
                "chỉ tiêu `{rule}`: cutoff_day không dùng cho kế hoạch một lần (record = \"plan\"): hạn của nó là `due`"
            ),
            (Lang::En, F::CutoffOnPlanRule { rule }) => format!(
                "rule `{rule}`: cutoff_day does not apply to a one-off plan rule (record = \"plan\"): its deadline is `due`"
            ),
            (Lang::Vi, F::CutoffOnWeeklyRule { rule }) => format!(
                "chỉ tiêu `{rule}`: cutoff_day không dùng cho chỉ tiêu theo tuần: tuần luôn từ thứ Hai đến Chủ nhật"
            ),
            (Lang::En, F::CutoffOnWeeklyRule { rule }) => format!(
                "rule `{rule}`: cutoff_day does not apply to a weekly rule: weeks always run Monday to Sunday"
            ),
            (Lang::Vi, F::NthWithoutWeekdays { rule }) => format!(
                "chỉ tiêu `{rule}`: nth cần `weekdays` (ví dụ weekdays = [\"sat\"], nth = [\"last\"]: thứ Bảy cuối tháng)"
            ),
            (Lang::En, F::NthWithoutWeekdays { rule }) => format!(
                "rule `{rule}`: nth needs `weekdays` (e.g. weekdays = [\"sat\"], nth = [\"last\"]: the last Saturday of the month)"
            ),
            (Lang::Vi, F::NthBad { rule, given }) => format!(
                "chỉ tiêu `{rule}`: nth có `{given}`; dùng các số 1 đến 5 (thứ mấy trong tháng) hoặc \"last\" (cuối tháng)"
            ),
            (Lang::En, F::NthBad { rule, given }) => format!(
                "rule `{rule}`: nth has `{given}`; use numbers 1 to 5 (which one in the month) or \"last\""
            ),
            (Lang::Vi, F::NthEmpty { rule }) => {
                format!("chỉ tiêu `{rule}`: nth để trống; ví dụ [\"last\"] hay [1, 3]")
            }
            (Lang::En, F::NthEmpty { rule }) => {
                format!("rule `{rule}`: nth is empty; e.g. [\"last\"] or [1, 3]")
            }
            (Lang::Vi, F::KeyMisplaced { rule, key, record, belongs }) => format!(
                "chỉ tiêu `{rule}`: `{key}` không dùng cho record = \"{record}\"; {}",
                belongs_words(lang, *belongs)
            ),
            (Lang::En, F::KeyMisplaced { rule, key, record, belongs }) => format!(
                "rule `{rule}`: `{key}` does not apply to record = \"{record}\"; {}",
                belongs_words(lang, *belongs)
            ),
            (Lang::Vi, F::OutOfRange { key: k, value, low, high }) => {
                format!("{} = {value} phải từ {low} đến {high}", key(k))
            }
            (Lang::En, F::OutOfRange { key: k, value, low, high }) => {
                format!("{} = {value} must be from {low} to {high}", key(k))
            }
            (Lang::Vi, F::WeekdayUnknown { rule, given }) => format!(
                "chỉ tiêu `{rule}`: ngày trong tuần `{given}` không phải mon, tue, wed, thu, fri, sat hay sun"
            ),
            (Lang::En, F::WeekdayUnknown { rule, given }) => format!(
                "rule `{rule}`: weekday `{given}` is not one of mon, tue, wed, thu, fri, sat, sun"
            ),
            (Lang::Vi, F::MeasureNotFor { rule, given, record }) => format!(
                "chỉ tiêu `{rule}`: measure = \"{given}\" không dùng cho record = \"{record}\"; count và participants dành cho hoạt động, minutes cho phát thanh"
            ),
            (Lang::En, F::MeasureNotFor { rule, given, record }) => format!(
                "rule `{rule}`: measure = \"{given}\" does not apply to record = \"{record}\"; count and participants are for activities, minutes for broadcasts"
            ),
            (Lang::Vi, F::MeasureUnknown { rule, given }) => format!(
                "chỉ tiêu `{rule}`: measure = \"{given}\" không phải records, count, participants hay minutes"
            ),
            (Lang::En, F::MeasureUnknown { rule, given }) => format!(
                "rule `{rule}`: measure = \"{given}\" is not one of records, count, participants, minutes"
            ),
            (Lang::Vi, F::MinForUnknownUnit { rule, unit, closest: c }) => format!(
                "chỉ tiêu `{rule}`: min_for nêu đơn vị `{unit}`, không có trong kế hoạch{}",
                closest(c)
            ),
            (Lang::En, F::MinForUnknownUnit { rule, unit, closest: c }) => format!(
                "rule `{rule}`: min_for names unit `{unit}`, which the plan does not have{}",
                closest(c)
            ),
            (Lang::Vi, F::MinForUnitNotCovered { rule, unit }) => format!(
                "chỉ tiêu `{rule}`: min_for nêu đơn vị `{unit}`, chỉ tiêu không áp dụng cho đơn vị này; thêm vào `units` hoặc bỏ khỏi min_for"
            ),
            (Lang::En, F::MinForUnitNotCovered { rule, unit }) => format!(
                "rule `{rule}`: min_for names unit `{unit}`, which the rule does not apply to; add it to `units` or remove it from min_for"
            ),
            (Lang::Vi, F::DuesLabelBad { key: k, label, .. }) => format!(
                "{}: `{label}` không phải nhãn kỳ; viết như 2022-Q1, 2022-H1, 2022-9M, 2022-03 hay 2022",
                key(k)
            ),
            (Lang::En, F::DuesLabelBad { key: k, why, .. }) => format!("{}: {why}", key(k)),
            (Lang::Vi, F::DuesNotAPeriod { key: k, label, periods }) => format!(
                "{}: `{label}` không phải một kỳ của chỉ tiêu này (các kỳ: {periods})",
                key(k)
            ),
            (Lang::En, F::DuesNotAPeriod { key: k, label, periods }) => format!(
                "{}: `{label}` is not a period of this rule (its periods: {periods})",
                key(k)
            ),
            (Lang::Vi, F::NotADate { key: k }) => format!(
                "{} phải là ngày dạng 2022-01-01 (không giờ, không dấu ngoặc kép)",
                key(k)
            ),
            (Lang::En, F::NotADate { key: k }) => format!(
                "{} must be a plain date such as 2022-01-01 (no time, no quotes)",
                key(k)
            ),
        }
    }
}

/// The signing forms of Nghị định 30/2020, as a plan writes them.
fn signer_forms() -> String {
    let forms: Vec<&str> = SignerForm::ALL.iter().map(|f| f.as_str()).collect();
    forms.join(", ")
}

/// One of each variant (and of each key and table a message names), for the
/// tests that every one is said in both languages.
#[cfg(test)]
pub(crate) fn examples() -> Vec<PlanFault> {
    use crate::period::{Every, PeriodName};
    use crate::plan::RecordKind;
    use PlanFault as F;
    use chrono::NaiveDate;
    let s = |text: &str| text.to_string();
    let rule = || s("bao-cao-quy");
    let (start, end) = (NaiveDate::MIN, NaiveDate::MAX);
    let mut all = vec![
        F::NotUtf8,
        F::TomlNumberTooLarge { key: s("min") },
        F::TomlWrongType {
            key: s("issuer"),
            message: s("invalid type: integer `3`, expected a string"),
        },
        F::TomlNoPlanTable,
        F::TomlMissingKey { rest: s("`title`") },
        F::TomlUnknownKey {
            rest: s("`colour`, expected one of `title`, `issuer`"),
        },
        F::TomlUnknownKey {
            rest: s("`colour`, expected `id`"),
        },
        F::TomlUnknownKey {
            rest: s("`colour`, there are no fields"),
        },
        F::TomlSyntax {
            message: s("invalid table header"),
        },
        F::TomlDateAsWritten {
            key: Some(s("start")),
            as_written: s("01/01/2026"),
            day: chrono::NaiveDate::from_ymd_opt(2026, 1, 1),
        },
        F::SignerFormUnknown { given: s("T/M") },
        F::SignerFormWithoutFor { form: s("KT.") },
        F::SignerForWithoutForm,
        F::PlanNumberWithoutDate,
        F::PlanDateWithoutNumber,
        F::PlanTextBlank { key: "issuer" },
        F::EndBeforeStart { start, end },
        F::PlanTooLong {
            start,
            end,
            days: 2000,
        },
        F::LangUnknown { given: s("fr") },
        F::PeakHoursBad {
            given: s("18:30-17:00"),
            why: s("the window must start before it ends"),
        },
        F::DueSoonDaysOutOfRange {
            given: 400,
            max: 366,
        },
        F::CutoffDayOutOfRange { given: 30 },
        F::UtcOffsetBad { given: s("UTC+7") },
        F::UnitKindNotListed {
            unit: s("xa-a"),
            kind: s("comune"),
            closest: Some(s("commune")),
        },
        F::DefaultChannelTwice {
            channel: s("zalo"),
            first: s("cong"),
            first_line: 12,
        },
        F::UnitKindNotOneWord {
            unit: s("xa-a"),
            kind: s("xã thị trấn"),
        },
        F::AliasBlank { unit: s("xa-a") },
        F::AliasTaken {
            unit: s("xa-b"),
            alias: s("Sơn Mỹ"),
            other: s("xa-a"),
        },
        F::FeedNotWeb {
            unit: s("xa-a"),
            given: s("ftp://x"),
        },
        F::EmailBad {
            unit: s("xa-a"),
            given: s("a b"),
        },
        F::PhoneBad {
            unit: s("xa-a"),
            given: s("12"),
        },
        F::RuleTitleBlank { rule: rule() },
        F::ScopeUnknown {
            rule: rule(),
            given: s("all"),
        },
        F::RuleKindUnknown {
            rule: rule(),
            kind: s("comune"),
            closest: Some(s("commune")),
        },
        F::RuleCoversNoUnit { rule: rule() },
        F::RecordUnknown {
            rule: rule(),
            given: s("news"),
        },
        F::QuotaWithoutMin { rule: rule() },
        F::PeakOnlyWithoutPeakHours { rule: rule() },
        F::CountByUnknown {
            rule: rule(),
            given: s("day"),
        },
        F::MinForWithTogether { rule: rule() },
        F::PlanRuleWithoutDue { rule: rule() },
        F::DueOutsidePlan {
            rule: rule(),
            due: end,
            start,
            end: start,
        },
        F::ReportWeekly { rule: rule() },
        F::DueDayAndAfterDays { rule: rule() },
        F::ReportWithoutDue { rule: rule() },
        F::DuesMissingPeriod {
            rule: rule(),
            period: s("2022-Q3"),
        },
        F::EveryAndPeriods { rule: rule() },
        F::MonthsWithPeriods { rule: rule() },
        F::PeriodTwice {
            rule: rule(),
            name: PeriodName::Quarter(1),
        },
        F::PeriodUnknown {
            rule: rule(),
            given: s("Q5"),
        },
        F::PeriodsEmpty { rule: rule() },
        F::ScheduleMissing {
            rule: rule(),
            record: RecordKind::Article,
        },
        F::EveryUnknown {
            rule: rule(),
            given: s("day"),
        },
        F::MonthsNotWeekOrMonth {
            rule: rule(),
            every: Every::Quarter,
        },
        F::MonthsEmpty { rule: rule() },
        F::RuleCutoffWithPlanCutoff { rule: rule() },
        F::CutoffOnPlanRule { rule: rule() },
        F::CutoffOnWeeklyRule { rule: rule() },
        F::NthWithoutWeekdays { rule: rule() },
        F::NthBad {
            rule: rule(),
            given: s("6"),
        },
        F::NthEmpty { rule: rule() },
        F::WeekdayUnknown {
            rule: rule(),
            given: s("thu5"),
        },
        F::MeasureNotFor {
            rule: rule(),
            given: s("minutes"),
            record: RecordKind::Article,
        },
        F::MeasureUnknown {
            rule: rule(),
            given: s("hours"),
        },
        F::MinForUnknownUnit {
            rule: rule(),
            unit: s("xa-z"),
            closest: None,
        },
        F::MinForUnitNotCovered {
            rule: rule(),
            unit: s("xa-a"),
        },
        F::DuesLabelBad {
            key: Key::rule("bao-cao-quy", "dues.Q1"),
            label: s("Q1"),
            why: s("`Q1` is not a period label"),
        },
        F::DuesNotAPeriod {
            key: Key::rule("bao-cao-quy", "dues.2022-03"),
            label: s("2022-03"),
            periods: s("2022-Q1, 2022-Q2"),
        },
    ];
    let tables = [
        Table::Unit,
        Table::Topic,
        Table::Rule,
        Table::Kind,
        Table::Channel,
        Table::Activity,
    ];
    for table in tables {
        let id = s("x");
        all.push(F::NameBlank {
            table,
            id: id.clone(),
        });
        all.push(F::IdInvalid {
            table,
            id: s("Xa A"),
        });
        let first_line = 3;
        all.push(F::IdDuplicate {
            table,
            id,
            first_line,
        });
        all.push(F::RuleNamesUnknown {
            rule: rule(),
            table,
            given: s("y"),
            closest: None,
        });
    }
    let keys = [
        Key::Plan("start"),
        Key::Document("plan_date"),
        Key::rule("bao-cao-quy", "due"),
        Key::Bare("title"),
    ];
    for key in keys {
        let character = crate::text::ControlCharacter('\u{7}');
        all.push(F::ControlCharacter {
            key: key.clone(),
            character,
        });
        all.push(F::NotADate { key: key.clone() });
        all.push(F::OutOfRange {
            key,
            value: 0,
            low: 1,
            high: 31,
        });
    }
    use KeyBelongs as B;
    let reasons = [
        B::OnlyPlanDue,
        B::OnlyReportsDueDay,
        B::OnlyReports,
        B::PlanDueOnce,
        B::OneRecordDue,
        B::UnitsOwn,
        B::OnlyArticleTopics,
        B::OnlyArticles,
        B::OnlyArticleBroadcastChannels,
        B::OnlyBroadcasts,
        B::OnlyByWeekday,
        B::OnlyActivities,
    ];
    for belongs in reasons {
        all.push(F::KeyMisplaced {
            rule: rule(),
            key: "due",
            record: RecordKind::Article,
            belongs,
        });
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::PlanProblem;

    #[test]
    fn every_plan_fault_has_both_languages() {
        let all = examples();
        crate::i18n::assert_both_languages(&all, |x, lang| x.text(lang));
        crate::i18n::assert_every_variant(
            "src/plan/problem.rs",
            "PlanFault",
            all.iter().map(|f| format!("{f:?}")),
        );
        crate::i18n::assert_every_variant(
            "src/plan/problem.rs",
            "KeyBelongs",
            all.iter().filter_map(|f| match f {
                PlanFault::KeyMisplaced { belongs, .. } => Some(format!("{belongs:?}")),
                _ => None,
            }),
        );
    }

    #[test]
    fn keys_are_named_in_the_language_of_the_message() {
        let out_of_range = PlanFault::OutOfRange {
            key: Key::rule("r", "min"),
            value: 0,
            low: 1,
            high: 100_000,
        };
        assert_eq!(
            out_of_range.text(Lang::Vi),
            "chỉ tiêu `r`: min = 0 phải từ 1 đến 100000"
        );
        assert_eq!(
            out_of_range.text(Lang::En),
            "rule `r`: min = 0 must be from 1 to 100000"
        );
        let unknown = PlanFault::RuleNamesUnknown {
            rule: "r".into(),
            table: Table::Channel,
            given: "zallo".into(),
            closest: Some("zalo".into()),
        };
        assert_eq!(
            unknown.text(Lang::Vi),
            "chỉ tiêu `r` nêu kênh `zallo`, không có trong kế hoạch (có phải là `zalo`?)"
        );
        assert_eq!(
            unknown.text(Lang::En),
            "rule `r` names channel `zallo`, which the plan does not have; did you mean `zalo`?"
        );
    }

    #[test]
    fn a_plan_error_lists_every_problem_with_its_place() {
        let error = PlanError {
            file: "plan.toml".into(),
            problems: vec![
                PlanProblem {
                    line: 3,
                    column: 9,
                    fault: PlanFault::PlanTextBlank { key: "title" },
                },
                PlanProblem {
                    line: 7,
                    column: 1,
                    fault: PlanFault::TomlNoPlanTable,
                },
            ],
            lang: Some(Lang::En),
        };
        assert_eq!(
            error.text(Lang::Vi),
            "plan.toml:3:9: [plan].title để trống; hãy ghi nội dung\n\
             plan.toml:7:1: kế hoạch thiếu mục [plan]; mục này cần title, issuer, start và end\n\
             (2 lỗi trong plan.toml)"
        );
        // Display says it in the plan's own language.
        assert_eq!(error.to_string(), error.text(Lang::En));
        assert!(error.to_string().ends_with("(2 problems in plan.toml)"));
    }
}
