//! What cchc refuses or changes to protect itself and the data, in both languages:
//! workbooks beyond a bound, cells that hold no value a field can take, a plans
//! folder that cannot be read, a plan file named in capitals, a password in a web
//! address, a year no plan can have, a data file shared by hard links, long lists
//! of bad rows. Every variant is in [`Guard::EXAMPLES`], which a test walks.

use super::Lang;
use crate::workbook::Limit;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Guard<'a> {
    /// A workbook beyond one of its bounds.
    Workbook { file: &'a str, limit: &'a Limit },
    /// A TRUE or FALSE cell where a field's value was expected.
    CellBool { value: bool },
    /// A formula's error (`#DIV/0!`) where a field's value was expected.
    CellError { error: &'a str },
    /// A date cell that holds no day: 0, a negative serial, NaN.
    CellNoDay { field: &'a str, serial: &'a str },
    /// The end of a list cut short: how many more there are.
    More { more: usize },
    /// `<data dir>/plans` is there but is not a folder cchc can read.
    PlansFolder {
        path: &'a str,
        why: PlansFolderWhy<'a>,
    },
    /// A plan file whose `.toml` is not in lower case.
    PlanExtension { path: &'a str, rename: &'a str },
    /// A user name or password was removed from a web address before storing it.
    CredentialsRemoved { field: &'a str, url: &'a str },
    /// `init --year` with a year no plan can have.
    YearOutOfRange { year: i32, min: i32, max: i32 },
}

/// What is wrong with the plans folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlansFolderWhy<'a> {
    NotAFolder,
    LeadsNowhere,
    /// The system's reason, already in the user's language.
    CannotRead(&'a str),
}

/// `n` with its thousands grouped as the language writes them (199.900; 199,900).
pub fn grouped(n: usize, lang: Lang) -> String {
    let separator = match lang {
        Lang::Vi => '.',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

impl Guard<'_> {
    pub const EXAMPLES: &'static [Guard<'static>] = &[
        Guard::Workbook {
            file: "a.xlsx",
            limit: &Limit::File { max_mib: 64 },
        },
        Guard::Workbook {
            file: "a.xlsx",
            limit: &Limit::Parts {
                count: 20_000,
                max: 10_000,
            },
        },
        Guard::Workbook {
            file: "a.xlsx",
            limit: &Limit::Part {
                part: String::new(),
                max_mib: 128,
            },
        },
        Guard::Workbook {
            file: "a.xlsx",
            limit: &Limit::Ratio {
                part: String::new(),
                ratio: 1000,
                max: 100,
            },
        },
        Guard::Workbook {
            file: "a.xlsx",
            limit: &Limit::Total { max_mib: 256 },
        },
        Guard::Workbook {
            file: "a.xlsx",
            limit: &Limit::SharedStrings {
                claimed: 5_000_000,
                max: 1_000_000,
            },
        },
        Guard::Workbook {
            file: "a.xlsx",
            limit: &Limit::Cells { max: 2_000_000 },
        },
        Guard::Workbook {
            file: "a.xlsx",
            limit: &Limit::Columns {
                first: String::new(),
                cell: String::new(),
                max: 64,
            },
        },
        Guard::CellBool { value: true },
        Guard::CellError { error: "#DIV/0!" },
        Guard::CellNoDay {
            field: "sent",
            serial: "0",
        },
        Guard::More { more: 199_900 },
        Guard::PlansFolder {
            path: "d/plans",
            why: PlansFolderWhy::NotAFolder,
        },
        Guard::PlansFolder {
            path: "d/plans",
            why: PlansFolderWhy::LeadsNowhere,
        },
        Guard::PlansFolder {
            path: "d/plans",
            why: PlansFolderWhy::CannotRead("…"),
        },
        Guard::PlanExtension {
            path: "d/plans/2026.TOML",
            rename: "2026.toml",
        },
        Guard::CredentialsRemoved {
            field: "--url",
            url: "https://x.vn/a",
        },
        Guard::YearOutOfRange {
            year: 300_000,
            min: 1000,
            max: 9999,
        },
    ];

    pub fn text(&self, lang: Lang) -> String {
        use Guard as G;
        match (lang, self) {
            (lang, G::Workbook { file, limit }) => workbook_text(lang, file, limit),
            (Lang::Vi, G::CellBool { value }) => format!(
                "ô chứa giá trị đúng/sai ({}), không phải chữ, số hay ngày; gõ lại giá trị",
                if *value { "TRUE" } else { "FALSE" }
            ),
            (Lang::En, G::CellBool { value }) => format!(
                "the cell holds a yes/no value ({}), not text, a number or a date; type the value",
                if *value { "TRUE" } else { "FALSE" }
            ),
            (Lang::Vi, G::CellError { error }) => format!(
                "ô chứa lỗi công thức {error}, không phải giá trị; sửa công thức hoặc gõ giá trị"
            ),
            (Lang::En, G::CellError { error }) => format!(
                "the cell holds the formula error {error}, not a value; fix the formula or type the value"
            ),
            (Lang::Vi, G::CellNoDay { field, serial }) => format!(
                "{field}: ô ngày chứa số {serial}, không phải ngày nào (Excel hiện 0 là 00/01/1900); gõ ngày"
            ),
            (Lang::En, G::CellNoDay { field, serial }) => format!(
                "{field}: the date cell holds {serial}, which is no day (Excel shows 0 as 0 January 1900); type the date"
            ),
            (Lang::Vi, G::More { more }) => format!("… và {} dòng khác", grouped(*more, lang)),
            (Lang::En, G::More { more }) => format!("… and {} more", grouped(*more, lang)),
            (Lang::Vi, G::PlansFolder { path, why }) => match why {
                PlansFolderWhy::NotAFolder => format!(
                    "{path} không phải thư mục; kế hoạch các năm để trong thư mục này ({path}/NĂM.toml)"
                ),
                PlansFolderWhy::LeadsNowhere => format!(
                    "{path} là liên kết tượng trưng trỏ tới chỗ không có; sửa liên kết hoặc xoá nó"
                ),
                PlansFolderWhy::CannotRead(why) => {
                    format!("không đọc được thư mục kế hoạch {path}: {why}")
                }
            },
            (Lang::En, G::PlansFolder { path, why }) => match why {
                PlansFolderWhy::NotAFolder => format!(
                    "{path} is not a folder; each year's plan goes in this folder ({path}/YEAR.toml)"
                ),
                PlansFolderWhy::LeadsNowhere => format!(
                    "{path} is a symbolic link that leads nowhere; fix the link or remove it"
                ),
                PlansFolderWhy::CannotRead(why) => {
                    format!("cannot read the plans folder {path}: {why}")
                }
            },
            (Lang::Vi, G::PlanExtension { path, rename }) => format!(
                "{path}: tên tệp kế hoạch phải kết thúc bằng .toml viết thường; đổi tên thành {rename}"
            ),
            (Lang::En, G::PlanExtension { path, rename }) => format!(
                "{path}: a plan file's name ends in .toml, in lower case; rename it {rename}"
            ),
            (Lang::Vi, G::CredentialsRemoved { field, url }) => format!(
                "{field}: đã bỏ tên đăng nhập và mật khẩu khỏi đường dẫn trước khi lưu ({url}); cchc không lưu mật khẩu"
            ),
            (Lang::En, G::CredentialsRemoved { field, url }) => format!(
                "{field}: removed the user name and password from the address before storing it ({url}); cchc stores no passwords"
            ),
            (Lang::Vi, G::YearOutOfRange { year, min, max }) => {
                format!("--year {year}: năm của kế hoạch phải từ {min} đến {max}")
            }
            (Lang::En, G::YearOutOfRange { year, min, max }) => {
                format!("--year {year}: a plan's year is from {min} to {max}")
            }
        }
    }
}

fn workbook_text(lang: Lang, file: &str, limit: &Limit) -> String {
    use Limit as L;
    let why = match (lang, limit) {
        (Lang::Vi, L::File { max_mib }) => format!("tệp lớn hơn {max_mib} MiB"),
        (Lang::En, L::File { max_mib }) => format!("the file is larger than {max_mib} MiB"),
        (Lang::Vi, L::Parts { count, max }) => {
            format!("tệp có {count} phần bên trong, nhiều hơn {max}")
        }
        (Lang::En, L::Parts { count, max }) => {
            format!("it holds {count} parts, more than {max}")
        }
        (Lang::Vi, L::Part { part, max_mib }) => {
            format!("phần {part} giải nén ra hơn {max_mib} MiB")
        }
        (Lang::En, L::Part { part, max_mib }) => {
            format!("its part {part} expands to more than {max_mib} MiB")
        }
        (Lang::Vi, L::Ratio { part, ratio, max }) => format!(
            "phần {part} giải nén ra gấp {ratio} lần cỡ nén (tối đa {max} lần): đây là tệp nén bất thường"
        ),
        (Lang::En, L::Ratio { part, ratio, max }) => format!(
            "its part {part} expands {ratio} times its compressed size (at most {max}): an abnormal archive"
        ),
        (Lang::Vi, L::Total { max_mib }) => {
            format!("các phần giải nén ra tổng cộng hơn {max_mib} MiB")
        }
        (Lang::En, L::Total { max_mib }) => {
            format!("its parts expand to more than {max_mib} MiB in all")
        }
        (Lang::Vi, L::SharedStrings { claimed, max }) => {
            format!("bảng chuỗi dùng chung có (hoặc nhận là có) {claimed} chuỗi, nhiều hơn {max}")
        }
        (Lang::En, L::SharedStrings { claimed, max }) => {
            format!("its shared-strings table has (or claims) {claimed} strings, more than {max}")
        }
        (Lang::Vi, L::Cells { max }) => {
            format!("trang tính có hơn {} ô có dữ liệu", grouped(*max, lang))
        }
        (Lang::En, L::Cells { max }) => {
            format!(
                "the sheet has more than {} filled cells",
                grouped(*max, lang)
            )
        }
        (Lang::Vi, L::Columns { first, cell, max }) => format!(
            "ô {cell} nằm quá xa bên phải: các ô có dữ liệu từ cột {first} trải quá {max} cột; một danh sách để nhập chỉ có vài cột — xoá các ô thừa"
        ),
        (Lang::En, L::Columns { first, cell, max }) => format!(
            "the cell {cell} is too far right: the filled cells from column {first} span more than {max} columns; a list to import has a few columns — delete the stray cells"
        ),
    };
    match lang {
        Lang::Vi => format!("không nhập {file}: {why}; chưa ghi gì"),
        Lang::En => format!("{file} is not imported: {why}; nothing was written"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_guard_is_said_in_both_languages() {
        crate::i18n::assert_both_languages(Guard::EXAMPLES, |x, lang| x.text(lang));
        crate::i18n::assert_every_variant(
            "src/i18n/guard.rs",
            "Guard",
            Guard::EXAMPLES.iter().map(|x| format!("{x:?}")),
        );
    }

    #[test]
    fn thousands_are_grouped_as_each_language_writes_them() {
        assert_eq!(grouped(199_900, Lang::Vi), "199.900");
        assert_eq!(grouped(199_900, Lang::En), "199,900");
        assert_eq!(grouped(1_000_000, Lang::En), "1,000,000");
        assert_eq!(grouped(999, Lang::Vi), "999");
        assert_eq!(grouped(0, Lang::Vi), "0");
    }
}
