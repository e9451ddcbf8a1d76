//! The data directory's words, in both languages: what could not be read or
//! written ([`StoreError`]) and what a person is told about a data file read or
//! written all the same ([`StoreWarning`]). Every warning is in [`EXAMPLES`],
//! which a test walks.

use std::fmt;

use super::Lang;
use crate::error::StoreError;
use crate::store::StoreWarning;

/// The actions of [`StoreError::Io`] in Vietnamese ("cannot read" → "không đọc
/// được"); a test holds every action the code names to this list.
const ACTIONS_VI: &[(&str, &str)] = &[
    ("read", "đọc"),
    ("write", "ghi"),
    ("lock", "khóa"),
    ("open", "mở"),
    ("copy", "sao chép"),
    ("create a temporary beside", "tạo tệp tạm cạnh"),
    ("create the data directory", "tạo thư mục dữ liệu"),
    ("open the lock file", "mở tệp khóa"),
    ("read the data directory", "đọc thư mục dữ liệu"),
    ("replace", "thay"),
    ("truncate", "cắt ngắn"),
    ("use", "dùng"),
    ("use the data directory", "dùng thư mục dữ liệu"),
];

impl StoreError {
    /// This error's own words (not its source's) in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match (lang, self) {
            (
                Lang::Vi,
                StoreError::BadLine {
                    file,
                    line,
                    message,
                },
            ) => {
                format!("{file}:{line}: dòng không đọc được ({message})")
            }
            (
                Lang::En,
                StoreError::BadLine {
                    file,
                    line,
                    message,
                },
            ) => {
                format!("{file}:{line}: {message}")
            }
            (Lang::Vi, StoreError::HardLinked { file, links }) => format!(
                "{file} có {links} liên kết cứng (thư mục dữ liệu khác dùng chung tệp?): nhập cả loạt sẽ thay tệp mới và tách chúng ra; chưa nhập gì. Dùng chung một thư mục dữ liệu, hoặc liên kết tượng trưng (ln -s) thay cho liên kết cứng"
            ),
            (Lang::En, StoreError::HardLinked { file, links }) => format!(
                "{file} has {links} hard links (another data directory sharing it?): an import replaces the file whole and would split them; nothing was imported. Share one data directory, or a symbolic link (ln -s) instead of a hard link"
            ),
            (Lang::Vi, StoreError::NoIdLeft { file, highest }) => format!(
                "{file} có mã {highest}, sát số lớn nhất cchc đếm được (18446744073709551615): không còn số cho mã mới, mà mã không bao giờ được dùng lại; chưa ghi gì. Tệp bị sửa tay hay do công cụ khác ghi? Đổi mã của dòng đó thành số nhỏ (chưa ai dùng), rồi chạy `cchc verify`"
            ),
            (Lang::En, StoreError::NoIdLeft { file, highest }) => format!(
                "{file} holds the id {highest}, near the highest number cchc can count to (18446744073709551615): no number is left for new ids, and ids are never reused; nothing was written. Edited by hand, or written by another tool? Give that line a small id no one uses, then run `cchc verify`"
            ),
            (Lang::Vi, StoreError::Io { action, path, .. }) => {
                let verb = ACTIONS_VI
                    .iter()
                    .find(|(en, _)| en == action)
                    .map_or(*action, |(_, vi)| vi);
                format!("không {verb} được {}", path.display())
            }
            (Lang::En, StoreError::Io { action, path, .. }) => {
                format!("cannot {action} {}", path.display())
            }
        }
    }
}

/// In English: the words of an error that reaches no one's language (a test, a
/// log); commands say it with `text(lang)`.
impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl StoreWarning {
    pub fn text(&self, lang: Lang) -> String {
        use StoreWarning as W;
        match (lang, self) {
            (Lang::Vi, W::TornLastLine { file, line }) => {
                let name = file.file_name();
                format!(
                    "{name}:{line}: dòng cuối bị cắt dở (không có xuống dòng, chưa đủ một bản ghi); cchc bỏ qua nó, và lần ghi sau chuyển nó sang {name}.torn"
                )
            }
            (Lang::En, W::TornLastLine { file, line }) => {
                let name = file.file_name();
                format!(
                    "{name}:{line}: the last line was cut short (no newline, not a complete record); it is ignored, and the next write moves it to {name}.torn"
                )
            }
            (Lang::Vi, W::MovedTornLine { file, bytes }) => {
                let name = file.file_name();
                format!("{name}: đã chuyển dòng cuối bị cắt dở ({bytes} byte) sang {name}.torn")
            }
            (Lang::En, W::MovedTornLine { file, bytes }) => {
                let name = file.file_name();
                format!("{name}: moved a cut-short last line ({bytes} bytes) to {name}.torn")
            }
        }
    }
}

/// One of each variant, for the test that every one has both languages.
#[cfg(test)]
const EXAMPLES: &[StoreWarning] = &[
    StoreWarning::TornLastLine {
        file: crate::record::DataFile::Articles,
        line: 3,
    },
    StoreWarning::MovedTornLine {
        file: crate::record::DataFile::Broadcasts,
        bytes: 17,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// Every action a `StoreError::io(...)` names has its Vietnamese words.
    #[test]
    fn every_store_action_is_said_in_vietnamese() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut seen = 0;
        for file in ["store.rs", "scan.rs", "files.rs", "plans.rs"] {
            let text = std::fs::read_to_string(src.join(file)).unwrap();
            for call in text.split("StoreError::io(\"").skip(1) {
                let action = call.split('"').next().unwrap();
                assert!(
                    ACTIONS_VI.iter().any(|(en, _)| *en == action),
                    "{file}: `{action}` has no Vietnamese"
                );
                seen += 1;
            }
        }
        assert!(seen >= 10, "only {seen} actions found");
        let error = StoreError::Io {
            action: "lock",
            path: PathBuf::from("/d/articles.jsonl"),
            source: std::io::Error::other("x"),
        };
        assert_eq!(error.text(Lang::Vi), "không khóa được /d/articles.jsonl");
        assert_eq!(error.text(Lang::En), "cannot lock /d/articles.jsonl");
        // The system's words stay the source, said once by `{:#}`.
        let chained = format!("{:#}", anyhow::Error::new(error));
        assert_eq!(chained, "cannot lock /d/articles.jsonl: x");
    }

    #[test]
    fn every_store_error_has_both_languages() {
        let errors = [
            StoreError::BadLine {
                file: "articles.jsonl".into(),
                line: 3,
                message: "expected value".into(),
            },
            StoreError::HardLinked {
                file: "articles.jsonl".into(),
                links: 2,
            },
            StoreError::NoIdLeft {
                file: "articles.jsonl".into(),
                highest: "A18446744073709551615".into(),
            },
            StoreError::Io {
                action: "read",
                path: PathBuf::from("/d"),
                source: std::io::Error::other("x"),
            },
        ];
        crate::i18n::assert_both_languages(&errors, |x, lang| x.text(lang));
        crate::i18n::assert_every_variant(
            "src/error.rs",
            "StoreError",
            errors.iter().map(|x| format!("{x:?}")),
        );
        assert_eq!(errors[0].to_string(), "articles.jsonl:3: expected value");
    }

    #[test]
    fn every_store_warning_has_both_languages() {
        crate::i18n::assert_both_languages(EXAMPLES, |x, lang| x.text(lang));
        crate::i18n::assert_every_variant(
            "src/store.rs",
            "StoreWarning",
            EXAMPLES.iter().map(|w| format!("{w:?}")),
        );
        assert_eq!(
            EXAMPLES[1].text(Lang::En),
            "broadcasts.jsonl: moved a cut-short last line (17 bytes) to broadcasts.jsonl.torn"
        );
    }
}
