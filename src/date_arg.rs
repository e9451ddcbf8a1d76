//! What a DATE argument takes: `2022-03-15`, `15/3/2022`, `15/03/2022`, `today`,
//! `yesterday`. "Today" is the as-of date, passed in: there is no clock here.

use chrono::{Duration, NaiveDate};

/// Why a DATE was not read (the words are [`crate::i18n::Refusal`]'s).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not in a form a date is written in.
    NotADate,
    /// In the form of a date, but no such day (31/2/2022).
    NoSuchDay { day: u32, month: u32, year: i32 },
}

/// A date written exactly `YYYY-MM-DD`, as data files and plans store it.
pub fn parse_iso(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    NaiveDate::from_ymd_opt(
        text[0..4].parse().ok()?,
        text[5..7].parse().ok()?,
        text[8..10].parse().ok()?,
    )
}

/// Parses a DATE as a person types it; `today` is the as-of date.
pub fn parse_date(text: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let s = text.trim();
    let bad = || DateError::NotADate;
    // The words in English or Vietnamese, with or without diacritics ("hôm nay",
    // "hom qua"), as the refusal of a bad date offers them.
    let word: String = deunicode::deunicode(s)
        .to_ascii_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    match word.as_str() {
        "today" | "hom nay" => return Ok(today),
        "yesterday" | "hom qua" => return Ok(today - Duration::days(1)),
        _ => {}
    }
    let digits = |t: &str, min: usize, max: usize| {
        (min..=max).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
    };
    let (year, month, day) = if let Some((d, rest)) = s.split_once('/') {
        let (m, y) = rest.split_once('/').ok_or_else(bad)?;
        if !digits(d, 1, 2) || !digits(m, 1, 2) || !digits(y, 4, 4) {
            return Err(bad());
        }
        (y, m, d)
    } else {
        let mut parts = s.splitn(3, '-');
        let (y, m, d) = (parts.next(), parts.next(), parts.next());
        let (Some(y), Some(m), Some(d)) = (y, m, d) else {
            return Err(bad());
        };
        if !digits(y, 4, 4) || !digits(m, 2, 2) || !digits(d, 2, 2) {
            return Err(bad());
        }
        (y, m, d)
    };
    let (year, month, day): (i32, u32, u32) = (
        year.parse().map_err(|_| bad())?,
        month.parse().map_err(|_| bad())?,
        day.parse().map_err(|_| bad())?,
    );
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::NoSuchDay { day, month, year })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn every_accepted_form() {
        let today = d(2022, 10, 15);
        assert_eq!(parse_date("2022-03-15", today), Ok(d(2022, 3, 15)));
        assert_eq!(parse_date("15/3/2022", today), Ok(d(2022, 3, 15)));
        assert_eq!(parse_date("15/03/2022", today), Ok(d(2022, 3, 15)));
        assert_eq!(parse_date("5/1/2022", today), Ok(d(2022, 1, 5)));
        assert_eq!(parse_date(" today ", today), Ok(today));
        assert_eq!(parse_date("Yesterday", today), Ok(d(2022, 10, 14)));
        assert_eq!(parse_date("hôm nay", today), Ok(today));
        assert_eq!(parse_date("Hom  nay", today), Ok(today));
        assert_eq!(parse_date("hôm qua", today), Ok(d(2022, 10, 14)));
        assert_eq!(parse_date("hom qua", today), Ok(d(2022, 10, 14)));
        assert_eq!(parse_date("29/2/2024", today), Ok(d(2024, 2, 29)));
    }

    #[test]
    fn impossible_and_malformed_dates_are_refused() {
        let today = d(2022, 10, 15);
        for bad in [
            "31/2/2022",
            "29/2/2022",
            "2022-02-30",
            "2022-3-15",
            "15/3/22",
            "15-3-2022",
            "",
            "3/2022",
            "2022/03/15",
            "１５/3/2022",
            "15/3/2022/1",
            "2022-03-15T00:00",
            "tomorrow",
        ] {
            assert!(parse_date(bad, today).is_err(), "{bad}");
        }
        assert_eq!(
            parse_date("31/2/2022", today),
            Err(DateError::NoSuchDay {
                day: 31,
                month: 2,
                year: 2022
            })
        );
    }

    proptest! {
        #[test]
        fn both_written_forms_give_the_same_day(offset in 0i64..40000) {
            let date = d(1950, 1, 1) + Duration::days(offset);
            let today = d(2022, 1, 1);
            let iso = date.format("%Y-%m-%d").to_string();
            let vn = date.format("%-d/%-m/%Y").to_string();
            let vn_padded = date.format("%d/%m/%Y").to_string();
            prop_assert_eq!(parse_date(&iso, today), Ok(date));
            prop_assert_eq!(parse_date(&vn, today), Ok(date));
            prop_assert_eq!(parse_date(&vn_padded, today), Ok(date));
        }
    }
}
