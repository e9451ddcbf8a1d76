//! The language of tables and messages: a value the plan may carry (`lang = "vi"`),
//! with nothing else of the words. The words are in [`crate::i18n`], which sits
//! above the domain; the domain (plan, records, evaluation) imports only this.

use chrono::NaiveDate;

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

/// The built-in plan as a person reads it.
pub fn built_in_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "kế hoạch có sẵn (Hàm Tân 2022)",
        Lang::En => "the built-in plan (Hàm Tân 2022)",
    }
}
