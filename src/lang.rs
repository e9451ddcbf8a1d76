//! The language of tables and messages: a value the plan may carry (`lang = "vi"`),
//! with nothing else of the words. The words are in [`crate::i18n`], which sits
//! above the domain; the domain (plan, records, evaluation) imports only this.

use chrono::NaiveDate;

/// A message said in both languages, by the one part of the domain that speaks to
/// the user directly: the plan checker (its words are about the plan's own keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub vi: String,
    pub en: String,
}

impl Said {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Said {
        Said {
            vi: vi.into(),
            en: en.into(),
        }
    }

    /// The same words in both (a library's own message, a file name).
    pub fn same(text: impl Into<String>) -> Said {
        let text = text.into();
        Said {
            vi: text.clone(),
            en: text,
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// The language of tables and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The code written in a plan: `vi`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// A date as this language's readers write it: 15/03/2022 or 2022-03-15.
    pub fn date(self, date: NaiveDate) -> String {
        match self {
            Lang::Vi => date.format("%d/%m/%Y").to_string(),
            Lang::En => date.format("%Y-%m-%d").to_string(),
        }
    }
}
