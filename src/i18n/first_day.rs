//! What a coordinator meets on the first day and in cron, in both languages: no plan
//! found, no data directory where cron looks, where the plan in use comes from,
//! the example plans `init` starts from, and the words that open every error and
//! warning. Every variant is in [`FirstDay::EXAMPLES`], which a test walks.

use super::Lang;
use crate::lang::built_in_name;

impl Lang {
    /// What opens an error message on stderr: `lỗi:` / `error:`.
    pub fn error_prefix(self) -> &'static str {
        match self {
            Lang::Vi => "lỗi:",
            Lang::En => "error:",
        }
    }

    /// What opens a warning on stderr: `cảnh báo:` / `warning:`.
    pub fn warning_prefix(self) -> &'static str {
        match self {
            Lang::Vi => "cảnh báo:",
            Lang::En => "warning:",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FirstDay<'a> {
    /// No `--plan`, no `$CCHC_PLAN`, no plan in the data directory, no
    /// `./plan.toml`: nothing to evaluate.
    NoPlan {
        data_dir: &'a str,
        /// The data directory is not there at all (cron without `CCHC_DATA`?).
        data_dir_exists: bool,
    },
    /// `check` or `remind` (what cron runs) with no data directory: nothing logged
    /// is no proof that nothing is missed.
    NoDataDir {
        dir: &'a str,
        command: &'a str,
    },
    /// Why the plan in use is the one: `cchc plan`'s "Source".
    SourceFlag,
    SourceEnv,
    SourceDataDir,
    SourceWorkingDir,
    SourceBuiltIn,
    /// `init --example NAME` with a name that is not one.
    UnknownExample {
        name: &'a str,
        closest: Option<&'a str>,
        names: &'a str,
    },
    /// `init` given two sources at once.
    TwoSources {
        first: &'a str,
        second: &'a str,
    },
    /// The closing line of `init --list-examples`.
    ExamplesHint,
    /// `init` wrote a plan from a file or an example.
    WroteFrom {
        path: &'a str,
        from: &'a str,
    },
    /// `init --from FILE` / `--plan FILE` that is not a valid plan.
    SourceNotAPlan {
        from: &'a str,
    },
    /// Standard output refused a write (a full disk behind a redirection).
    StdoutUnwritable,
    /// `init` could not make a directory (the system's reason follows).
    CannotCreateDir {
        path: &'a str,
    },
    /// `init` could not read a plan file it starts from.
    CannotReadPlan {
        path: &'a str,
    },
    /// `init --year` could not move `plan.toml` under `plans/`.
    CannotMovePlan {
        to: &'a str,
    },
    /// The plan moved into a new year does not pass the plan checker.
    MovedPlanInvalid {
        year: i32,
        from_year: i32,
        target: &'a str,
    },
}

impl FirstDay<'_> {
    pub const EXAMPLES: &'static [FirstDay<'static>] = &[
        FirstDay::NoPlan {
            data_dir: "/home/u/.local/share/cchc",
            data_dir_exists: false,
        },
        FirstDay::NoPlan {
            data_dir: "/srv/cchc",
            data_dir_exists: true,
        },
        FirstDay::NoDataDir {
            dir: "/srv/cchc",
            command: "check",
        },
        FirstDay::SourceFlag,
        FirstDay::SourceEnv,
        FirstDay::SourceDataDir,
        FirstDay::SourceWorkingDir,
        FirstDay::SourceBuiltIn,
        FirstDay::UnknownExample {
            name: "tinh-2025",
            closest: Some("tinh-2026"),
            names: "bo-2026, tinh-2026",
        },
        FirstDay::TwoSources {
            first: "--from",
            second: "--example",
        },
        FirstDay::ExamplesHint,
        FirstDay::WroteFrom {
            path: "/srv/cchc/plan.toml",
            from: "tinh-2026",
        },
        FirstDay::SourceNotAPlan {
            from: "ke-hoach.toml",
        },
        FirstDay::StdoutUnwritable,
        FirstDay::CannotCreateDir { path: "/srv/cchc" },
        FirstDay::CannotReadPlan {
            path: "ke-hoach.toml",
        },
        FirstDay::CannotMovePlan {
            to: "plans/2022.toml",
        },
        FirstDay::MovedPlanInvalid {
            year: 2023,
            from_year: 2022,
            target: "plans/2023.toml",
        },
    ];

    pub fn text(&self, lang: Lang) -> String {
        use FirstDay as F;
        match (lang, self) {
            (
                Lang::Vi,
                F::NoPlan {
                    data_dir,
                    data_dir_exists,
                },
            ) => {
                let missing = if *data_dir_exists {
                    format!("thư mục dữ liệu {data_dir} chưa có plan.toml hay plans/*.toml")
                } else {
                    format!(
                        "không có thư mục dữ liệu {data_dir} (cron hay systemd có đặt CCHC_DATA như khi chạy tay không?)"
                    )
                };
                format!(
                    "không tìm thấy kế hoạch: {missing}, không có --plan, CCHC_PLAN hay ./plan.toml. \
                     Tạo kế hoạch một lần: `cchc init --example TÊN` (xem `cchc init --list-examples`), \
                     `cchc init --from TỆP.toml`, hoặc `cchc init` (chép kế hoạch có sẵn Hàm Tân 2022 để sửa); \
                     hoặc chỉ rõ: `--data THƯ-MỤC`, `--plan TỆP.toml`, `--plan builtin` (dùng thử kế hoạch có sẵn)"
                )
            }
            (
                Lang::En,
                F::NoPlan {
                    data_dir,
                    data_dir_exists,
                },
            ) => {
                let missing = if *data_dir_exists {
                    format!("the data directory {data_dir} has no plan.toml or plans/*.toml")
                } else {
                    format!(
                        "there is no data directory {data_dir} (does cron or systemd set CCHC_DATA as your shell does?)"
                    )
                };
                format!(
                    "no plan found: {missing}, and there is no --plan, CCHC_PLAN or ./plan.toml. \
                     Make one once: `cchc init --example NAME` (see `cchc init --list-examples`), \
                     `cchc init --from FILE.toml`, or `cchc init` (a copy of the built-in Hàm Tân 2022 plan to edit); \
                     or say which: `--data DIR`, `--plan FILE.toml`, `--plan builtin` (to try the built-in plan)"
                )
            }
            (Lang::Vi, F::NoDataDir { dir, command }) => format!(
                "không có thư mục dữ liệu {dir}: `cchc {command}` không kiểm tra khi chưa thấy dữ liệu \
                 (cron hay systemd có đặt CCHC_DATA như khi chạy tay không? `--data THƯ-MỤC` chỉ rõ; \
                 `cchc init` tạo thư mục cùng kế hoạch)"
            ),
            (Lang::En, F::NoDataDir { dir, command }) => format!(
                "there is no data directory {dir}: `cchc {command}` does not check without data \
                 (does cron or systemd set CCHC_DATA as your shell does? `--data DIR` says which; \
                 `cchc init` makes the directory with its plan)"
            ),
            (Lang::Vi, F::SourceFlag) => "--plan".to_string(),
            (Lang::En, F::SourceFlag) => "--plan".to_string(),
            (Lang::Vi, F::SourceEnv) => "biến CCHC_PLAN".to_string(),
            (Lang::En, F::SourceEnv) => "$CCHC_PLAN".to_string(),
            (Lang::Vi, F::SourceDataDir) => "thư mục dữ liệu".to_string(),
            (Lang::En, F::SourceDataDir) => "data directory".to_string(),
            (Lang::Vi, F::SourceWorkingDir) => "thư mục đang làm việc".to_string(),
            (Lang::En, F::SourceWorkingDir) => "working directory".to_string(),
            (Lang::Vi, F::SourceBuiltIn) => format!(
                "{}, chọn bằng --plan builtin; `cchc init` chép ra thư mục dữ liệu để sửa",
                built_in_name(lang)
            ),
            (Lang::En, F::SourceBuiltIn) => "built-in plan (Hàm Tân 2022), chosen with --plan builtin; \
                 `cchc init` copies it into the data directory to edit"
                .to_string(),
            (
                Lang::Vi,
                F::UnknownExample {
                    name,
                    closest,
                    names,
                },
            ) => format!(
                "--example: không có kế hoạch mẫu `{name}`{}; các mẫu: {names} (`cchc init --list-examples`)",
                closest.map_or(String::new(), |c| format!("; có phải là `{c}`?"))
            ),
            (
                Lang::En,
                F::UnknownExample {
                    name,
                    closest,
                    names,
                },
            ) => format!(
                "--example: there is no example plan `{name}`{}; the examples: {names} (`cchc init --list-examples`)",
                closest.map_or(String::new(), |c| format!("; did you mean `{c}`?"))
            ),
            (Lang::Vi, F::TwoSources { first, second }) => format!(
                "`cchc init` chép một kế hoạch: {first} hoặc {second}, không dùng cả hai"
            ),
            (Lang::En, F::TwoSources { first, second }) => format!(
                "`cchc init` copies one plan: {first} or {second}, not both"
            ),
            (Lang::Vi, F::ExamplesHint) => "Tạo kế hoạch từ một mẫu: cchc init --example TÊN (rồi sửa đơn vị, chỉ tiêu cho đúng địa phương)".to_string(),
            (Lang::En, F::ExamplesHint) => "Start from one: cchc init --example NAME (then make its units and quotas your own)".to_string(),
            (Lang::Vi, F::WroteFrom { path, from }) => format!(
                "đã ghi kế hoạch {from} vào {path}; sửa tệp này (đơn vị, chỉ tiêu, những chỗ ghi GIẢ ĐỊNH / ASSUMPTION) rồi kiểm tra bằng `cchc plan`"
            ),
            (Lang::En, F::WroteFrom { path, from }) => format!(
                "wrote the plan {from} to {path}; edit it (units, quotas, what is marked ASSUMPTION / GIẢ ĐỊNH), then check it with `cchc plan`"
            ),
            (Lang::Vi, F::CannotCreateDir { path }) => format!("không tạo được thư mục {path}"),
            (Lang::En, F::CannotCreateDir { path }) => format!("cannot create {path}"),
            (Lang::Vi, F::CannotReadPlan { path }) => format!("không đọc được kế hoạch {path}"),
            (Lang::En, F::CannotReadPlan { path }) => format!("cannot read the plan {path}"),
            (Lang::Vi, F::CannotMovePlan { to }) => {
                format!("không chuyển được kế hoạch sang {to}")
            }
            (Lang::En, F::CannotMovePlan { to }) => format!("cannot move the plan to {to}"),
            (
                Lang::Vi,
                F::MovedPlanInvalid {
                    year,
                    from_year,
                    target,
                },
            ) => format!(
                "kế hoạch dời sang năm {year} không hợp lệ; sửa kế hoạch năm {from_year}, hoặc tự viết {target}"
            ),
            (
                Lang::En,
                F::MovedPlanInvalid {
                    year,
                    from_year,
                    target,
                },
            ) => format!(
                "the plan moved into {year} is not valid; edit the {from_year} plan or write {target} by hand"
            ),
            (Lang::Vi, F::StdoutUnwritable) => {
                "không ghi được ra đầu ra chuẩn (standard output)".to_string()
            }
            (Lang::En, F::StdoutUnwritable) => "cannot write to standard output".to_string(),
            (Lang::Vi, F::SourceNotAPlan { from }) => {
                format!("{from} không phải kế hoạch dùng được; chưa ghi gì")
            }
            (Lang::En, F::SourceNotAPlan { from }) => {
                format!("{from} is not a plan cchc can use; nothing written")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_first_day_message_has_both_languages() {
        crate::i18n::assert_both_languages(&FirstDay::EXAMPLES[..3], |x, lang| x.text(lang));
        crate::i18n::assert_both_languages(&FirstDay::EXAMPLES[4..], |x, lang| x.text(lang));
        // `--plan` reads the same in both: the flag's own name.
        assert_eq!(FirstDay::SourceFlag.text(Lang::Vi), "--plan");
        assert_ne!(Lang::Vi.error_prefix(), Lang::En.error_prefix());
        assert_ne!(Lang::Vi.warning_prefix(), Lang::En.warning_prefix());
    }
}
