//! What a person is told about a data file read or written all the same
//! ([`StoreWarning`]), in both languages. Every variant is in [`EXAMPLES`],
//! which a test walks.

use super::Lang;
use crate::store::StoreWarning;

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
