//! What `log`, `import` and `void` refuse, in both languages: dates, times and
//! periods as typed, document numbers, reasons, ids of the plan, the rule a
//! document fulfils, a workbook's or CSV file's header and rows. Every variant is
//! in [`Refusal::EXAMPLES`], which a test walks.

use chrono::NaiveDate;

use super::Lang;
use crate::plan::RecordKind;

/// A plan table whose ids a flag or column takes (`[[channel]]`, `[[activity]]`):
/// the plan's own [`crate::plan::Table`], named as the plan checker names it.
pub use crate::plan::Table as IdTable;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal<'a> {
    NotADate {
        field: &'a str,
        text: &'a str,
    },
    NoSuchDay {
        field: &'a str,
        text: &'a str,
        day: u32,
        month: u32,
        year: i32,
    },
    NotATime {
        field: &'a str,
        text: &'a str,
    },
    NotAPeriod {
        field: &'a str,
        text: &'a str,
    },
    ReferenceBlank {
        field: &'a str,
    },
    ReasonBlank,
    MinutesNotPositive {
        field: &'a str,
        text: &'a str,
    },
    /// A whole number of at least `min` was wanted.
    NotAWholeNumber {
        field: &'a str,
        text: &'a str,
        min: u32,
    },
    NoBroadcastRule,
    /// `units`: their ids, joined.
    SeveralBroadcasters {
        field: &'a str,
        units: &'a str,
    },
    NoReportRule {
        unit: &'a str,
        name: &'a str,
    },
    /// `wanted`: the periods the unit's report rules take ("2022-Q1 … 2022-Q4").
    NotItsReportPeriod {
        field: &'a str,
        text: &'a str,
        unit: &'a str,
        wanted: &'a str,
    },
    NoIdTable {
        field: &'a str,
        given: &'a str,
        table: IdTable,
    },
    /// `known`: the plan's ids, joined.
    UnknownId {
        field: &'a str,
        given: &'a str,
        table: IdTable,
        closest: Option<&'a str>,
        known: &'a str,
    },
    SentAfterAppeared {
        field: &'a str,
        sent: NaiveDate,
        appeared: NaiveDate,
    },
    NoRuleCovers {
        kind: RecordKind,
        unit: &'a str,
        name: &'a str,
    },
    /// `list`: the rules, one a line.
    SeveralRules {
        field: &'a str,
        kind: RecordKind,
        unit: &'a str,
        name: &'a str,
        list: &'a str,
    },
    OtherYear {
        year: i32,
    },
    UnknownRule {
        field: &'a str,
        rule: &'a str,
        closest: Option<&'a str>,
    },
    NotItsRule {
        field: &'a str,
        rule: &'a str,
        kind: RecordKind,
        unit: &'a str,
        list: &'a str,
    },
    NoSuchId {
        id: &'a str,
    },
    IsCorrection {
        id: &'a str,
    },
    VoidedAlready {
        id: &'a str,
    },
    IdMoved {
        id: &'a str,
    },
    IdOnSeveralLines {
        id: &'a str,
        lines: usize,
    },
    /// `place`: the file and line (or cell) of the header; `known`: the columns.
    UnknownColumn {
        place: &'a str,
        column: &'a str,
        closest: Option<&'a str>,
        known: &'a str,
    },
    ColumnTwice {
        place: &'a str,
        column: &'a str,
    },
    HeaderLacks {
        place: &'a str,
        missing: &'a str,
        known: &'a str,
    },
    /// No row among the first `rows` names the `required` columns.
    NoHeaderRow {
        file: &'a str,
        rows: usize,
        required: &'a str,
        known: &'a str,
    },
    /// A name (of a topic, channel, activity or rule) that fits several;
    /// `candidates`: one a line, id and name.
    AmbiguousName {
        field: &'a str,
        given: &'a str,
        table: IdTable,
        candidates: &'a str,
    },
    /// `rows`: the bad rows, one a line, each with its place.
    BadRows {
        count: usize,
        file: &'a str,
        rows: &'a str,
    },
    SheetIsForWorkbooks {
        file: &'a str,
    },
    NoSuchSheet {
        file: &'a str,
        sheet: &'a str,
        sheets: &'a str,
    },
    NoSheet {
        file: &'a str,
    },
    NotAWorkbook {
        file: &'a str,
        why: &'a str,
    },
    FileMissing {
        file: &'a str,
    },
    Utf16 {
        file: &'a str,
    },
    NotUtf8,
    FieldCount {
        fields: u64,
        header: u64,
    },
    /// A typed text holds a control character (its code point, `U+001B`).
    ControlCharacter {
        field: &'a str,
        code: &'a str,
    },
    FromAfterTo {
        from: NaiveDate,
        to: NaiveDate,
    },
    NotAQuarter {
        field: &'a str,
        text: &'a str,
    },
    OutputFolderMissing {
        path: &'a str,
    },
    OutputIsInput {
        path: &'a str,
    },
    /// `remind --output-dir` cannot be made or written into.
    OutputDirUnwritable {
        path: &'a str,
    },
    /// Two plans of the data directory share days.
    PlansOverlap {
        first: &'a str,
        first_start: NaiveDate,
        first_end: NaiveDate,
        second: &'a str,
        second_start: NaiveDate,
        second_end: NaiveDate,
    },
    /// `years`: the years there are plans of, joined.
    NoPlanOfYear {
        year: i32,
        years: &'a str,
    },
    YearWithPlanFlag {
        year: i32,
    },
    /// A report of the same unit, period and rule is in force (`id`, dated `date`).
    DuplicateReport {
        id: &'a str,
        date: NaiveDate,
        period: &'a str,
        /// A row of an import, not `log report` (the advice differs).
        importing: bool,
    },
    /// An earlier row of the same import has the same unit, period and rule.
    DuplicateReportRow {
        period: &'a str,
    },
    YearWithoutPlans {
        year: i32,
        dir: &'a str,
    },
    /// A file to import that cannot be read (the system's reason).
    CannotRead {
        file: &'a str,
        why: &'a str,
    },
    SheetUnreadable {
        file: &'a str,
        sheet: &'a str,
        why: &'a str,
    },
    /// `init` would replace a file.
    FileExists {
        path: &'a str,
    },
    AlreadyPlanOfYear {
        path: &'a str,
        year: i32,
    },
    /// `init --year` for a year not after the latest plan's (`latest`: its file).
    YearNotAfter {
        year: i32,
        latest: &'a str,
        latest_year: i32,
    },
    /// Where `init --year` keeps the old plan is taken.
    KeptPlanExists {
        path: &'a str,
        year: i32,
    },
}

/// What [`crate::plans::PlansError`] says, in `lang`.
pub fn plans_error_text(error: &crate::plans::PlansError, lang: Lang) -> String {
    use crate::plans::PlansError as E;
    match error {
        E::Overlap { first, second } => Refusal::PlansOverlap {
            first: &first.0,
            first_start: first.1,
            first_end: first.2,
            second: &second.0,
            second_start: second.1,
            second_end: second.2,
        }
        .text(lang),
        E::NoPlanOfYear { year, years } => {
            let years: Vec<String> = years.iter().map(i32::to_string).collect();
            Refusal::NoPlanOfYear {
                year: *year,
                years: &years.join(", "),
            }
            .text(lang)
        }
        E::Folder { path, why } => {
            use crate::i18n::PlansFolderWhy as W;
            use crate::plans::FolderWhy as F;
            let reason;
            let why = match why {
                F::NotAFolder => W::NotAFolder,
                F::LeadsNowhere => W::LeadsNowhere,
                F::CannotRead { kind, said } => {
                    reason =
                        crate::i18n::os_reason(&std::io::Error::new(*kind, said.clone()), lang);
                    W::CannotRead(&reason)
                }
            };
            crate::i18n::Guard::PlansFolder { path, why }.text(lang)
        }
        E::Extension { path, rename } => {
            crate::i18n::Guard::PlanExtension { path, rename }.text(lang)
        }
    }
}

impl<'a> Refusal<'a> {
    /// Why the DATE `text` of `field` was not read.
    pub fn date(field: &'a str, text: &'a str, error: crate::date_arg::DateError) -> Refusal<'a> {
        match error {
            crate::date_arg::DateError::NotADate => Refusal::NotADate { field, text },
            crate::date_arg::DateError::NoSuchDay { day, month, year } => Refusal::NoSuchDay {
                field,
                text,
                day,
                month,
                year,
            },
        }
    }
}

impl Refusal<'_> {
    /// One of each variant (and each arm of a variant's words), for the test that
    /// every one has both languages.
    pub const EXAMPLES: &'static [Refusal<'static>] = &[
        Refusal::NotADate {
            field: "--date",
            text: "15.3.2022",
        },
        Refusal::NoSuchDay {
            field: "--date",
            text: "31/2/2022",
            day: 31,
            month: 2,
            year: 2022,
        },
        Refusal::NotATime {
            field: "--time",
            text: "5h",
        },
        Refusal::NotAPeriod {
            field: "--period",
            text: "quy 5",
        },
        Refusal::ReferenceBlank { field: "--ref" },
        Refusal::ReasonBlank,
        Refusal::MinutesNotPositive {
            field: "minutes",
            text: "0",
        },
        Refusal::NotAWholeNumber {
            field: "count",
            text: "x",
            min: 1,
        },
        Refusal::NoBroadcastRule,
        Refusal::SeveralBroadcasters {
            field: "--unit",
            units: "a, b",
        },
        Refusal::NoReportRule {
            unit: "a",
            name: "A",
        },
        Refusal::NotItsReportPeriod {
            field: "--period",
            text: "2022-03",
            unit: "a",
            wanted: "2022-Q1 … 2022-Q4",
        },
        Refusal::NoIdTable {
            field: "--channel",
            given: "zalo",
            table: IdTable::Channel,
        },
        Refusal::UnknownId {
            field: "--activity",
            given: "hoi-ngh",
            table: IdTable::Activity,
            closest: Some("hoi-nghi"),
            known: "hoi-nghi, tap-huan",
        },
        Refusal::SentAfterAppeared {
            field: "--sent",
            sent: NaiveDate::MAX,
            appeared: NaiveDate::MIN,
        },
        Refusal::NoRuleCovers {
            kind: RecordKind::Plan,
            unit: "a",
            name: "A",
        },
        Refusal::SeveralRules {
            field: "--rule",
            kind: RecordKind::Report,
            unit: "a",
            name: "A",
            list: "  r1  R1\n  r2  R2",
        },
        Refusal::OtherYear { year: 2022 },
        Refusal::UnknownRule {
            field: "--rule",
            rule: "bao-cao",
            closest: None,
        },
        Refusal::NotItsRule {
            field: "--rule",
            rule: "r1",
            kind: RecordKind::Report,
            unit: "a",
            list: "  r2  R2",
        },
        Refusal::NoSuchId { id: "A9" },
        Refusal::IsCorrection { id: "A9" },
        Refusal::VoidedAlready { id: "A9" },
        Refusal::IdMoved { id: "A9" },
        Refusal::IdOnSeveralLines { id: "A9", lines: 2 },
        Refusal::UnknownColumn {
            place: "a.csv:1",
            column: "ngay dang",
            closest: None,
            known: "unit,date,title",
        },
        Refusal::ColumnTwice {
            place: "a.csv:1",
            column: "date",
        },
        Refusal::HeaderLacks {
            place: "a.csv:1",
            missing: "title",
            known: "unit,date,title",
        },
        Refusal::NoHeaderRow {
            file: "a.xlsx: Sheet1!A1",
            rows: 20,
            required: "Đơn vị, Ngày, Tiêu đề",
            known: "unit (Đơn vị), date (Ngày), title (Tiêu đề)",
        },
        Refusal::AmbiguousName {
            field: "topics",
            given: "số",
            table: IdTable::Topic,
            candidates: "  chuyen-doi-so  (Chuyển đổi số)\n  so-hoa  (Số hóa)",
        },
        Refusal::BadRows {
            count: 2,
            file: "a.csv",
            rows: "a.csv:2: …\na.csv:3: …",
        },
        Refusal::SheetIsForWorkbooks { file: "a.csv" },
        Refusal::NoSuchSheet {
            file: "a.xlsx",
            sheet: "Q1",
            sheets: "Sheet1",
        },
        Refusal::NoSheet { file: "a.xlsx" },
        Refusal::NotAWorkbook {
            file: "a.xlsx",
            why: "…",
        },
        Refusal::FileMissing { file: "a.xlsx" },
        Refusal::Utf16 { file: "a.csv" },
        Refusal::NotUtf8,
        Refusal::FieldCount {
            fields: 3,
            header: 4,
        },
        Refusal::ControlCharacter {
            field: "--title",
            code: "U+001B",
        },
        Refusal::FromAfterTo {
            from: NaiveDate::MAX,
            to: NaiveDate::MIN,
        },
        Refusal::NotAQuarter {
            field: "--quarter",
            text: "2022-Q5",
        },
        Refusal::OutputFolderMissing { path: "x/y.xlsx" },
        Refusal::OutputIsInput {
            path: "articles.jsonl",
        },
        Refusal::OutputDirUnwritable { path: "nhac-viec" },
        Refusal::PlansOverlap {
            first: "plan.toml",
            first_start: NaiveDate::MIN,
            first_end: NaiveDate::MAX,
            second: "plans/2023.toml",
            second_start: NaiveDate::MIN,
            second_end: NaiveDate::MAX,
        },
        Refusal::NoPlanOfYear {
            year: 2021,
            years: "2022, 2023",
        },
        Refusal::YearWithPlanFlag { year: 2022 },
        Refusal::DuplicateReport {
            id: "S3",
            date: NaiveDate::MIN,
            period: "quý I/2022",
            importing: false,
        },
        Refusal::DuplicateReport {
            id: "S3",
            date: NaiveDate::MIN,
            period: "quý I/2022",
            importing: true,
        },
        Refusal::DuplicateReportRow {
            period: "quý I/2022",
        },
        Refusal::YearWithoutPlans {
            year: 2022,
            dir: "/x",
        },
        Refusal::CannotRead {
            file: "a.csv",
            why: "Permission denied",
        },
        Refusal::SheetUnreadable {
            file: "a.xlsx",
            sheet: "Sheet1",
            why: "…",
        },
        Refusal::FileExists { path: "plan.toml" },
        Refusal::AlreadyPlanOfYear {
            path: "plans/2023.toml",
            year: 2023,
        },
        Refusal::YearNotAfter {
            year: 2021,
            latest: "plan.toml",
            latest_year: 2022,
        },
        Refusal::KeptPlanExists {
            path: "plans/2022.toml",
            year: 2022,
        },
    ];

    pub fn text(&self, lang: Lang) -> String {
        use Refusal as R;
        let d = |date: &NaiveDate| lang.date(*date);
        let closest_vi =
            |c: &Option<&str>| c.map_or(String::new(), |c| format!("; có phải là `{c}`?"));
        let closest_en =
            |c: &Option<&str>| c.map_or(String::new(), |c| format!("; did you mean `{c}`?"));
        const SAVE_AS_UTF8_VI: &str =
            "lưu lại dạng UTF-8 (trong Excel: Save As, \"CSV UTF-8 (Comma delimited)\")";
        const SAVE_AS_UTF8_EN: &str =
            "save it as UTF-8 (in Excel: Save As, \"CSV UTF-8 (Comma delimited)\")";
        match (lang, self) {
            (Lang::Vi, R::NotADate { field, text }) => format!(
                "{field}: `{text}` không phải là ngày; viết YYYY-MM-DD, D/M/YYYY (ví dụ 15/3/2022), today (hôm nay) hoặc yesterday (hôm qua)"
            ),
            (Lang::En, R::NotADate { field, text }) => format!(
                "{field}: `{text}` is not a date; write YYYY-MM-DD, D/M/YYYY (e.g. 15/3/2022), today or yesterday"
            ),
            (
                Lang::Vi,
                R::NoSuchDay {
                    field,
                    text,
                    day,
                    month,
                    year,
                },
            ) => format!(
                "{field}: `{text}` không có trong lịch (không có ngày {day}/{month}/{year})"
            ),
            (
                Lang::En,
                R::NoSuchDay {
                    field,
                    text,
                    day,
                    month,
                    year,
                },
            ) => format!(
                "{field}: `{text}` is not a day of the calendar ({day}/{month}/{year} does not exist)"
            ),
            (Lang::Vi, R::NotATime { field, text }) => {
                format!("{field}: `{text}` không phải là giờ; viết HH:MM, ví dụ 17:30")
            }
            (Lang::En, R::NotATime { field, text }) => {
                format!("{field}: `{text}` is not a time; write it as HH:MM, e.g. 17:30")
            }
            (Lang::Vi, R::NotAPeriod { field, text }) => format!(
                "{field}: `{text}` không phải là kỳ; viết 2022-Q1, \"Quý I/2022\", \"6 tháng đầu năm 2022\" hoặc 2022-03"
            ),
            (Lang::En, R::NotAPeriod { field, text }) => format!(
                "{field}: `{text}` is not a period; write 2022-Q1, \"Quý I/2022\", \"6 tháng đầu năm 2022\" or 2022-03"
            ),
            (Lang::Vi, R::ReferenceBlank { field }) => {
                format!("{field} để trống; bỏ hẳn hoặc ghi số hiệu văn bản")
            }
            (Lang::En, R::ReferenceBlank { field }) => {
                format!("{field} is blank; leave it out or give the document number")
            }
            (Lang::Vi, R::ReasonBlank) => "--reason để trống; ghi lý do hủy bản ghi".to_string(),
            (Lang::En, R::ReasonBlank) => {
                "--reason is blank; say why the record is voided".to_string()
            }
            (Lang::Vi, R::MinutesNotPositive { field, text }) => {
                format!("{field} `{text}`: buổi phát thanh dài ít nhất 1 phút (số nguyên)")
            }
            (Lang::En, R::MinutesNotPositive { field, text }) => {
                format!("{field} `{text}`: a broadcast lasts a whole number of minutes, at least 1")
            }
            (Lang::Vi, R::NotAWholeNumber { field, text, min }) => {
                format!("{field} `{text}` không phải là số nguyên từ {min} trở lên")
            }
            (Lang::En, R::NotAWholeNumber { field, text, min }) => {
                format!("{field} `{text}` is not a whole number of at least {min}")
            }
            (Lang::Vi, R::NoBroadcastRule) => {
                "kế hoạch không có chỉ tiêu phát thanh nào; ghi rõ đơn vị phát bằng --unit"
                    .to_string()
            }
            (Lang::En, R::NoBroadcastRule) => {
                "no rule of the plan asks for broadcasts; say whose broadcast it is with --unit"
                    .to_string()
            }
            (Lang::Vi, R::SeveralBroadcasters { field, units }) => format!(
                "nhiều đơn vị có chỉ tiêu phát thanh ({units}); ghi rõ đơn vị nào bằng {field}"
            ),
            (Lang::En, R::SeveralBroadcasters { field, units }) => {
                format!("several units have broadcast rules ({units}); say which with {field}")
            }
            (Lang::Vi, R::NoReportRule { unit, name }) => format!(
                "kế hoạch không có chỉ tiêu báo cáo nào cho {name} ({unit}); không có gì yêu cầu đơn vị này báo cáo"
            ),
            (Lang::En, R::NoReportRule { unit, name }) => format!(
                "no report rule of the plan applies to {unit} ({name}); nothing asks it for reports"
            ),
            (
                Lang::Vi,
                R::NotItsReportPeriod {
                    field,
                    text,
                    unit,
                    wanted,
                },
            ) => format!(
                "{field} `{text}` không phải kỳ báo cáo của {unit} trong kế hoạch này; dùng một kỳ trong {wanted}"
            ),
            (
                Lang::En,
                R::NotItsReportPeriod {
                    field,
                    text,
                    unit,
                    wanted,
                },
            ) => format!(
                "{field} `{text}` is not a report period for {unit} in this plan; use one of {wanted}"
            ),
            (
                Lang::Vi,
                R::NoIdTable {
                    field,
                    given,
                    table,
                },
            ) => format!(
                "{field} `{given}`: kế hoạch không khai mục [[{}]] nào; bỏ {field} hoặc thêm {} vào kế hoạch",
                table.as_str(),
                table.noun(lang)
            ),
            (
                Lang::En,
                R::NoIdTable {
                    field,
                    given,
                    table,
                },
            ) => format!(
                "{field} `{given}`: the plan has no [[{}]] tables; leave it out or add the {} to the plan",
                table.as_str(),
                table.noun(lang)
            ),
            (
                Lang::Vi,
                R::UnknownId {
                    field,
                    given,
                    table,
                    closest,
                    known,
                },
            ) => format!(
                "{field} `{given}` không phải là {} trong kế hoạch{}\n  các mã: {known}",
                table.noun(lang),
                closest_vi(closest)
            ),
            (
                Lang::En,
                R::UnknownId {
                    field,
                    given,
                    table,
                    closest,
                    known,
                },
            ) => format!(
                "{field} `{given}` is not a{} {} of the plan{}\n  {}s: {known}",
                if matches!(table, IdTable::Activity) {
                    "n"
                } else {
                    ""
                },
                table.noun(lang),
                closest_en(closest),
                table.noun(lang)
            ),
            (
                Lang::Vi,
                R::SentAfterAppeared {
                    field,
                    sent,
                    appeared,
                },
            ) => format!(
                "{field} {}: sau ngày đăng ({}); tin, bài phải gửi trước khi đăng",
                d(sent),
                d(appeared)
            ),
            (
                Lang::En,
                R::SentAfterAppeared {
                    field,
                    sent,
                    appeared,
                },
            ) => format!(
                "{field} {}: after the day it appeared ({}); an item is sent before it is posted",
                d(sent),
                d(appeared)
            ),
            (Lang::Vi, R::NoRuleCovers { kind, unit, name }) => format!(
                "kế hoạch không có chỉ tiêu {} nào cho {name} ({unit}); không có gì yêu cầu đơn vị này",
                lang.record_noun(*kind)
            ),
            (Lang::En, R::NoRuleCovers { kind, unit, name }) => format!(
                "no {} rule of the plan covers {unit} ({name}); nothing asks it for one",
                kind.as_str()
            ),
            (
                Lang::Vi,
                R::SeveralRules {
                    field,
                    kind,
                    unit,
                    name,
                    list,
                },
            ) => format!(
                "{name} ({unit}) có nhiều chỉ tiêu {}; ghi rõ văn bản này thực hiện chỉ tiêu nào bằng {field}:\n{list}",
                lang.record_noun(*kind)
            ),
            (
                Lang::En,
                R::SeveralRules {
                    field,
                    kind,
                    unit,
                    name,
                    list,
                },
            ) => format!(
                "{unit} ({name}) has several {} rules; say which with {field}:\n{list}",
                kind.as_str()
            ),
            (Lang::Vi, R::OtherYear { year }) => {
                format!("kế hoạch này là của năm khác, không phải năm {year}; ghi kèm --year")
            }
            (Lang::En, R::OtherYear { year }) => {
                format!("this plan is for another year's plan than {year}'s; log it with --year")
            }
            (
                Lang::Vi,
                R::UnknownRule {
                    field,
                    rule,
                    closest,
                },
            ) => format!(
                "{field} `{rule}` không phải là chỉ tiêu của kế hoạch{}; `cchc plan` liệt kê các chỉ tiêu",
                closest.map_or(String::new(), |c| format!(" (có phải là `{c}`?)"))
            ),
            (
                Lang::En,
                R::UnknownRule {
                    field,
                    rule,
                    closest,
                },
            ) => format!(
                "{field} `{rule}` is not a rule of the plan{}; `cchc plan` lists the rules",
                closest.map_or(String::new(), |c| format!(" (did you mean `{c}`?)"))
            ),
            (
                Lang::Vi,
                R::NotItsRule {
                    field,
                    rule,
                    kind,
                    unit,
                    list,
                },
            ) => format!(
                "{field} `{rule}` không yêu cầu {unit} {} này; các chỉ tiêu {} của đơn vị:\n{list}",
                lang.record_noun(*kind),
                lang.record_noun(*kind)
            ),
            (
                Lang::En,
                R::NotItsRule {
                    field,
                    rule,
                    kind,
                    unit,
                    list,
                },
            ) => format!(
                "{field} `{rule}` does not ask {unit} for this {}; its {} rules:\n{list}",
                kind.as_str(),
                kind.as_str()
            ),
            (Lang::Vi, R::NoSuchId { id }) => {
                format!("không có bản ghi nào mã `{id}`; `cchc list` cho xem các mã")
            }
            (Lang::En, R::NoSuchId { id }) => {
                format!("no record has id `{id}`; `cchc list` shows the ids")
            }
            (Lang::Vi, R::IsCorrection { id }) => {
                format!("`{id}` là dòng hủy, không phải bản ghi; không hủy được")
            }
            (Lang::En, R::IsCorrection { id }) => {
                format!("`{id}` is a correction, not a record; it cannot be voided")
            }
            (Lang::Vi, R::VoidedAlready { id }) => format!("`{id}` đã bị hủy rồi"),
            (Lang::En, R::VoidedAlready { id }) => format!("`{id}` is voided already"),
            (Lang::Vi, R::IdMoved { id }) => {
                format!("`{id}` chuyển sang tệp khác trong lúc cchc đang đọc; chạy lại lệnh")
            }
            (Lang::En, R::IdMoved { id }) => {
                format!("`{id}` moved to another file while cchc was reading; try again")
            }
            (Lang::Vi, R::IdOnSeveralLines { id, lines }) => format!(
                "mã `{id}` có ở {lines} dòng trong thư mục dữ liệu; cchc không biết hủy bản ghi nào (`cchc verify` liệt kê các dòng)"
            ),
            (Lang::En, R::IdOnSeveralLines { id, lines }) => format!(
                "the id `{id}` is on {lines} lines of the data directory; cchc cannot tell which record to void (`cchc verify` lists them)"
            ),
            (
                Lang::Vi,
                R::UnknownColumn {
                    place,
                    column,
                    closest,
                    known,
                },
            ) => format!(
                "{place}: không biết cột `{column}`{}; các cột đọc được là {known}; cột STT và Ghi chú được bỏ qua (xóa hoặc đổi tên cột khác)",
                closest.map_or(String::new(), |c| format!(" (có phải là `{c}`?)"))
            ),
            (
                Lang::En,
                R::UnknownColumn {
                    place,
                    column,
                    closest,
                    known,
                },
            ) => format!(
                "{place}: unknown column `{column}`{}; the columns cchc reads are {known} (or their Vietnamese names: Đơn vị, Ngày, Tiêu đề…); STT and Ghi chú (notes) columns are left out (delete or rename any other)",
                closest.map_or(String::new(), |c| format!(" (did you mean `{c}`?)"))
            ),
            (Lang::Vi, R::ColumnTwice { place, column }) => {
                format!("{place}: cột `{column}` có hai lần")
            }
            (Lang::En, R::ColumnTwice { place, column }) => {
                format!("{place}: column `{column}` appears twice")
            }
            (
                Lang::Vi,
                R::HeaderLacks {
                    place,
                    missing,
                    known,
                },
            ) => format!(
                "{place}: dòng tiêu đề thiếu cột {missing}; các cột là {known}{}",
                if names_unit(missing) {
                    " (danh sách của một đơn vị, không có cột đơn vị: thêm --unit TÊN)"
                } else {
                    ""
                }
            ),
            (
                Lang::En,
                R::HeaderLacks {
                    place,
                    missing,
                    known,
                },
            ) => format!(
                "{place}: the header lacks {missing}; it must name the columns {known}{}",
                if names_unit(missing) {
                    " (a list of one unit, without a unit column: add --unit NAME)"
                } else {
                    ""
                }
            ),
            (
                Lang::Vi,
                R::NoHeaderRow {
                    file,
                    rows,
                    required,
                    known,
                },
            ) => format!(
                "{file}: không tìm thấy dòng tiêu đề trong {rows} dòng đầu: cchc tìm dòng có các cột {required}; các cột đọc được là {known}"
            ),
            (
                Lang::En,
                R::NoHeaderRow {
                    file,
                    rows,
                    required,
                    known,
                },
            ) => format!(
                "{file}: no header row in the first {rows} rows: cchc looks for the row that names the columns {required}; the columns it reads are {known}"
            ),
            (
                Lang::Vi,
                R::AmbiguousName {
                    field,
                    given,
                    table,
                    candidates,
                },
            ) => format!(
                "{field}: `{given}` khớp với nhiều {}; hãy ghi mã hoặc tên đầy đủ:\n{candidates}",
                table.noun(lang)
            ),
            (
                Lang::En,
                R::AmbiguousName {
                    field,
                    given,
                    table,
                    candidates,
                },
            ) => format!(
                "{field}: `{given}` matches several {}s; write the id or the whole name:\n{candidates}",
                table.noun(lang)
            ),
            (Lang::Vi, R::BadRows { count, file, rows }) => {
                format!("{count} dòng sai trong {file}; chưa nhập dòng nào:\n{rows}")
            }
            (Lang::En, R::BadRows { count, file, rows }) => format!(
                "{count} bad row{} in {file}; nothing was imported:\n{rows}",
                if *count == 1 { "" } else { "s" }
            ),
            (Lang::Vi, R::SheetIsForWorkbooks { file }) => {
                format!("--sheet chỉ dùng cho tệp Excel (.xlsx); {file} được đọc như tệp CSV")
            }
            (Lang::En, R::SheetIsForWorkbooks { file }) => {
                format!("--sheet is for workbooks (.xlsx); {file} is read as CSV")
            }
            (
                Lang::Vi,
                R::NoSuchSheet {
                    file,
                    sheet,
                    sheets,
                },
            ) => {
                format!("{file} không có trang tính `{sheet}`; các trang: {sheets}")
            }
            (
                Lang::En,
                R::NoSuchSheet {
                    file,
                    sheet,
                    sheets,
                },
            ) => {
                format!("{file} has no sheet `{sheet}`; its sheets are {sheets}")
            }
            (Lang::Vi, R::NoSheet { file }) => format!("{file} không có trang tính nào"),
            (Lang::En, R::NoSheet { file }) => format!("{file} has no sheet"),
            (Lang::Vi, R::NotAWorkbook { file, why }) => {
                format!("không đọc được {file} như tệp Excel (.xlsx): {why}")
            }
            (Lang::En, R::NotAWorkbook { file, why }) => {
                format!("cannot read {file} as an Excel workbook (.xlsx): {why}")
            }
            (Lang::Vi, R::FileMissing { file }) => {
                format!("không đọc được {file}: không có tệp này")
            }
            (Lang::En, R::FileMissing { file }) => format!("cannot read {file}: it does not exist"),
            (Lang::Vi, R::Utf16 { file }) => {
                format!("{file}:1: tệp là văn bản UTF-16; {SAVE_AS_UTF8_VI}")
            }
            (Lang::En, R::Utf16 { file }) => {
                format!("{file}:1: the file is UTF-16 text; {SAVE_AS_UTF8_EN}")
            }
            (Lang::Vi, R::NotUtf8) => {
                format!("không phải văn bản UTF-8 (Windows-1258 hay TCVN3?); {SAVE_AS_UTF8_VI}")
            }
            (Lang::En, R::NotUtf8) => {
                format!("not UTF-8 text (Windows-1258 or TCVN3?); {SAVE_AS_UTF8_EN}")
            }
            (Lang::Vi, R::FieldCount { fields, header }) => {
                format!("{fields} ô trong khi dòng tiêu đề có {header}")
            }
            (Lang::En, R::FieldCount { fields, header }) => {
                format!("{fields} fields where the header has {header}")
            }
            (Lang::Vi, R::ControlCharacter { field, code }) => {
                format!("{field} có ký tự điều khiển {code}; hãy gõ như văn bản thường")
            }
            (Lang::En, R::ControlCharacter { field, code }) => {
                format!("{field} holds the control character {code}; type it as plain text")
            }
            (Lang::Vi, R::FromAfterTo { from, to }) => {
                format!("--from {} sau --to {}", d(from), d(to))
            }
            (Lang::En, R::FromAfterTo { from, to }) => {
                format!("--from {} is after --to {}", d(from), d(to))
            }
            (Lang::Vi, R::NotAQuarter { field, text }) => format!(
                "{field}: `{text}` không phải là quý; viết 2022-Q3 hoặc \"Quý III/2022\"{}",
                if *field == "--through" {
                    ", hay kỳ lũy kế: \"6 tháng đầu năm 2022\", \"9 tháng đầu năm 2022\", \"Năm 2022\""
                } else {
                    ""
                }
            ),
            (Lang::En, R::NotAQuarter { field, text }) => format!(
                "{field}: `{text}` is not a quarter; write 2022-Q3 or \"Quý III/2022\"{}",
                if *field == "--through" {
                    ", or a cumulative period: \"6 tháng đầu năm 2022\", \"9 tháng đầu năm 2022\", \"Năm 2022\""
                } else {
                    ""
                }
            ),
            (Lang::Vi, R::OutputFolderMissing { path }) => {
                format!("không ghi được --output {path} (thư mục chứa nó phải có sẵn)")
            }
            (Lang::En, R::OutputFolderMissing { path }) => {
                format!("cannot write --output {path} (its folder must exist)")
            }
            (Lang::Vi, R::OutputDirUnwritable { path }) => format!(
                "không ghi được vào thư mục --output-dir {path} (kiểm tra quyền ghi và đường dẫn)"
            ),
            (Lang::En, R::OutputDirUnwritable { path }) => {
                format!("cannot write into --output-dir {path} (check the path and permissions)")
            }
            (Lang::Vi, R::OutputIsInput { path }) => format!(
                "--output {path} là tệp cchc đọc (tệp dữ liệu hoặc kế hoạch); chọn tên khác"
            ),
            (Lang::En, R::OutputIsInput { path }) => format!(
                "--output {path} is a file cchc reads (a data file or the plan); choose another name"
            ),
            (
                Lang::Vi,
                R::PlansOverlap {
                    first,
                    first_start,
                    first_end,
                    second,
                    second_start,
                    second_end,
                },
            ) => format!(
                "hai kế hoạch {first} ({} – {}) và {second} ({} – {}) trùng ngày; mỗi ngày thuộc một kế hoạch: dời ngày bắt đầu của kế hoạch sau, hoặc bỏ một kế hoạch",
                d(first_start),
                d(first_end),
                d(second_start),
                d(second_end)
            ),
            (
                Lang::En,
                R::PlansOverlap {
                    first,
                    first_start,
                    first_end,
                    second,
                    second_start,
                    second_end,
                },
            ) => format!(
                "the plans {first} ({} to {}) and {second} ({} to {}) overlap; a day belongs to one plan: move the start of the later one, or remove one",
                d(first_start),
                d(first_end),
                d(second_start),
                d(second_end)
            ),
            (Lang::Vi, R::NoPlanOfYear { year, years }) => format!(
                "--year {year}: thư mục dữ liệu không có kế hoạch năm {year}; các kế hoạch là của năm {years} (`cchc init --year {year}` tạo kế hoạch)"
            ),
            (Lang::En, R::NoPlanOfYear { year, years }) => format!(
                "--year {year}: the data directory has no plan of {year}; its plans are of {years} (`cchc init --year {year}` makes one)"
            ),
            (
                Lang::Vi,
                R::DuplicateReport {
                    id,
                    date,
                    period,
                    importing,
                },
            ) => format!(
                "trùng: đã ghi báo cáo {period} của đơn vị này theo cùng chỉ tiêu ({id}, ngày {}); {}",
                d(date),
                if *importing {
                    format!(
                        "bỏ dòng này (hoặc dùng --skip-duplicates), hay nếu {id} ghi sai thì hủy nó (`cchc void {id} --reason …`) rồi nhập lại"
                    )
                } else {
                    format!(
                        "nếu {id} ghi sai thì hủy nó (`cchc void {id} --reason …`) rồi ghi lại; muốn giữ cả hai (báo cáo bổ sung) thì thêm --allow-duplicate"
                    )
                }
            ),
            (
                Lang::En,
                R::DuplicateReport {
                    id,
                    date,
                    period,
                    importing,
                },
            ) => format!(
                "duplicate: the report for {period} of this unit under the same rule is logged already ({id}, dated {}); {}",
                d(date),
                if *importing {
                    format!(
                        "remove the row (or use --skip-duplicates), or if {id} is wrong, void it (`cchc void {id} --reason …`) and import again"
                    )
                } else {
                    format!(
                        "if {id} is wrong, void it (`cchc void {id} --reason …`) and log again; to keep both (a supplementary report), pass --allow-duplicate"
                    )
                }
            ),
            (Lang::Vi, R::DuplicateReportRow { period }) => format!(
                "trùng: một dòng trước trong tệp là báo cáo {period} của cùng đơn vị theo cùng chỉ tiêu"
            ),
            (Lang::En, R::DuplicateReportRow { period }) => format!(
                "duplicate: an earlier row is the report for {period} of the same unit under the same rule"
            ),
            (Lang::Vi, R::YearWithPlanFlag { year }) => format!(
                "--year {year} chọn một trong các kế hoạch của thư mục dữ liệu; không dùng cùng --plan hay $CCHC_PLAN"
            ),
            (Lang::En, R::YearWithPlanFlag { year }) => format!(
                "--year {year} picks one of the data directory's plans; it does not go with --plan or $CCHC_PLAN"
            ),
            (Lang::Vi, R::YearWithoutPlans { year, dir }) => format!(
                "--year {year}: thư mục dữ liệu {dir} chưa có kế hoạch nào (`cchc init --year {year}` tạo kế hoạch)"
            ),
            (Lang::En, R::YearWithoutPlans { year, dir }) => format!(
                "--year {year}: the data directory {dir} has no plans (`cchc init --year {year}` makes one)"
            ),
            (Lang::Vi, R::CannotRead { file, why }) => format!("không đọc được {file}: {why}"),
            (Lang::En, R::CannotRead { file, why }) => format!("cannot read {file}: {why}"),
            (Lang::Vi, R::SheetUnreadable { file, sheet, why }) => {
                format!("không đọc được trang tính {sheet} của {file}: {why}")
            }
            (Lang::En, R::SheetUnreadable { file, sheet, why }) => {
                format!("cannot read the sheet {sheet} of {file}: {why}")
            }
            (Lang::Vi, R::FileExists { path }) => {
                format!("{path} đã có; sửa tệp đó, hoặc thêm --force để ghi lại")
            }
            (Lang::En, R::FileExists { path }) => {
                format!("{path} exists already; edit it, or pass --force to write it again")
            }
            (Lang::Vi, R::AlreadyPlanOfYear { path, year }) => {
                format!("{path} đã là kế hoạch năm {year}; sửa tệp đó, hoặc xóa nó trước")
            }
            (Lang::En, R::AlreadyPlanOfYear { path, year }) => {
                format!("{path} is already the plan of {year}; edit it, or remove it first")
            }
            (
                Lang::Vi,
                R::YearNotAfter {
                    year,
                    latest,
                    latest_year,
                },
            ) => format!(
                "--year {year}: kế hoạch mới nhất ({latest}) là của năm {latest_year}; năm mới phải sau năm đó"
            ),
            (
                Lang::En,
                R::YearNotAfter {
                    year,
                    latest,
                    latest_year,
                },
            ) => format!(
                "--year {year}: the latest plan ({latest}) is of {latest_year}; a new year comes after it"
            ),
            (Lang::Vi, R::KeptPlanExists { path, year }) => {
                format!("{path} đã có; cchc cần chỗ đó để giữ kế hoạch năm {year}")
            }
            (Lang::En, R::KeptPlanExists { path, year }) => {
                format!("{path} exists already; cchc keeps the {year} plan there")
            }
        }
    }
}

/// Whether a list of missing columns (`date, unit`) names the unit's.
fn names_unit(missing: &str) -> bool {
    missing.split(", ").any(|m| m == "unit")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every refusal exists in both languages, and they differ.
    #[test]
    fn every_refusal_has_both_languages() {
        crate::i18n::assert_both_languages(Refusal::EXAMPLES, |x, lang| x.text(lang));
        crate::i18n::assert_every_variant(
            "src/i18n/refusal.rs",
            "Refusal",
            Refusal::EXAMPLES.iter().map(|x| format!("{x:?}")),
        );
    }
}
