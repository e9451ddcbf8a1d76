//! The properties the fuzz targets check, shared with the regression test
//! (`tests/cli/fuzz_regressions.rs`) that replays every input kept in
//! `fuzz/regressions/`. Each check panics when a property fails.

use cchc::date_arg::parse_date;
use cchc::period::{Quarter, parse_label};
use cchc::plan::{Plan, TimeWindow, parse_clock};
use cchc::record::{
    Activity, Article, Broadcast, DataFile, Line, Submission, View, owned_view, parse_line,
    parse_view,
};
use cchc::text::{fold_title, is_normalized, normalize_input, normalize_url, printable};
use chrono::NaiveDate;
use serde::{Serialize, de::DeserializeOwned};

/// The record parser never panics, what it accepts writes back to a line that
/// reads the same, and the fast borrowed reader agrees with it on every line.
pub fn record_line(data: &[u8]) {
    fn agree<T: DeserializeOwned>(file: DataFile, text: &str) {
        let strict = parse_line::<T>(text);
        let fast = parse_view(file, text);
        assert_eq!(strict.is_ok(), fast.is_ok(), "{file:?}: {text}");
        if let (Ok(line), Ok(view)) = (&strict, &fast) {
            let strict_void = matches!(line, Line::Void(_));
            assert_eq!(strict_void, matches!(view, View::Void { .. }), "{text}");
            // The same values, whichever path read the line.
            assert_eq!(Ok(view.clone()), owned_view(file, text), "{text}");
        }
        if let (Err(a), Err(b)) = (&strict, &fast) {
            assert_eq!(a, b, "the same message");
        }
    }
    fn round_trip<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(text: &str) {
        if let Ok(Line::Record(record)) = parse_line::<T>(text) {
            let line = serde_json::to_string(&record).unwrap();
            assert!(!line.contains('\n'));
            assert_eq!(parse_line::<T>(&line).unwrap(), Line::Record(record));
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        round_trip::<Article>(text);
        round_trip::<Broadcast>(text);
        round_trip::<Submission>(text);
        round_trip::<Activity>(text);
        agree::<Article>(DataFile::Articles, text);
        agree::<Broadcast>(DataFile::Broadcasts, text);
        agree::<Submission>(DataFile::Submissions, text);
        agree::<Activity>(DataFile::Activities, text);
        // What a record counts for is asked of any line that parses.
        let plan = Plan::built_in();
        for file in DataFile::ALL {
            let Ok(view) = parse_view(file, text) else {
                continue;
            };
            let Some(fact) = view.fact() else { continue };
            let Some(unit) = plan.unit_index(fact.unit) else {
                continue;
            };
            let _ = cchc::fact::target_rule(&plan, unit, &fact);
            for quota in plan.rules.iter().filter_map(|r| r.quota()) {
                if quota.record == fact.kind {
                    let _ = quota.admits(&plan, &fact);
                    let _ = quota.placed_on(&fact);
                }
            }
        }
    }
}

/// The text rules at input and output: never a panic; what input keeps is kept
/// again unchanged; nothing a terminal obeys survives `printable`; the folded
/// title and the normalised URL are fixed points.
pub fn text(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(kept) = normalize_input(text) {
        assert!(is_normalized(&kept), "{kept:?}");
        assert!(!kept.chars().any(char::is_control), "{kept:?}");
    }
    let shown = printable(text);
    assert!(
        !shown.chars().any(|c| c.is_control() && c != '\n'),
        "{shown:?}"
    );
    let folded = fold_title(text);
    assert_eq!(fold_title(&folded), folded);
    let url = normalize_url(text);
    assert_eq!(normalize_url(&url), url, "{text:?}");
    // Credentials come out once and for all; the web-link test never panics.
    if let Some(clean) = cchc::text::without_credentials(text) {
        assert_eq!(cchc::text::without_credentials(&clean), None, "{text:?}");
    }
    let _ = cchc::text::is_web_link(text);
}

/// The workbook reader never panics on any bytes, and what it reads is within its
/// bounds: at most `MAX_CELLS` filled cells spanning at most `MAX_COLUMNS` columns.
pub fn xlsx(data: &[u8]) {
    use cchc::workbook::{MAX_CELLS, MAX_COLUMNS, read};
    if let Ok(sheet) = read(data, None) {
        assert!(sheet.cells.len() <= MAX_CELLS);
        if let (Some(first), Some(last)) = (
            sheet.cells.iter().map(|c| c.column).min(),
            sheet.cells.iter().map(|c| c.column).max(),
        ) {
            assert!(last - first < MAX_COLUMNS, "{first}..{last}");
        }
    }
}

/// The plan parser never panics; a plan it accepts is consistent and evaluates; a
/// plan it refuses has problems that point at lines of the text.
pub fn plan(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Plan::parse(text, "fuzz.toml") {
        Ok(plan) => {
            assert!(plan.start <= plan.end);
            assert!(plan.rules.iter().all(|r| !r.applies_to.is_empty()));
            let _ = cchc::evaluate::evaluate(&plan, &Default::default(), plan.start);
        }
        Err(e) => {
            let lines = text.lines().count().max(1) + 1;
            assert!(!e.problems.is_empty());
            assert!(
                e.problems.iter().all(|p| p.line >= 1 && p.line <= lines),
                "{e}"
            );
        }
    }
}

/// DATE, period labels, clock times and time windows never panic, and what parses
/// prints back to text that parses to the same value.
pub fn dates(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let today = NaiveDate::from_ymd_opt(2022, 10, 15).unwrap();
    if let Ok(date) = parse_date(text, today) {
        assert_eq!(
            parse_date(&date.format("%Y-%m-%d").to_string(), today),
            Ok(date)
        );
    }
    if let Ok(key) = parse_label(text) {
        assert_eq!(parse_label(&key.to_string()), Ok(key));
    }
    let _ = Quarter::parse(text);
    if let Ok(time) = parse_clock(text) {
        assert_eq!(parse_clock(&time.format("%H:%M").to_string()), Ok(time));
    }
    if let Ok(window) = TimeWindow::parse(text) {
        assert_eq!(TimeWindow::parse(&window.to_string()), Ok(window));
    }
}

/// The portal's feed: the parser never panics on any bytes; every link it gives
/// is absolute (made whole against the feed's address); publication times read
/// in a local offset never panic; the units named in any text are the same in
/// upper case and without diacritics, and each is named there by whole words.
pub fn feed(data: &[u8]) {
    let vietnam = chrono::FixedOffset::east_opt(7 * 3600).unwrap();
    if let Ok(items) = cchc::feed::parse(data, Some("https://hamtan.binhthuan.gov.vn/rss"), vietnam)
    {
        for item in &items {
            if let Some(link) = &item.link {
                assert!(link.contains(':'), "a relative link survived: {link:?}");
            }
        }
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = cchc::feed::parse_time(text, vietnam);
    let plan = Plan::built_in();
    let names = cchc::plan::UnitNames::of(&plan);
    let found = names.units_in(text);
    let mut sorted = found.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), found.len(), "a unit listed twice");
    let mut upper = names.units_in(&text.to_uppercase());
    upper.sort_unstable();
    let mut plain = names.units_in(&cchc::plan::fold(text));
    plain.sort_unstable();
    assert_eq!(plain, sorted, "{text:?}: folded text names other units");
    assert_eq!(upper, sorted, "{text:?}: upper case names other units");
    let words = format!(" {} ", cchc::plan::fold(text));
    for unit in found {
        let u = &plan.units[unit];
        let named = std::iter::once(&u.name)
            .chain(&u.aliases)
            .map(|n| cchc::plan::fold(n))
            .chain(
                cchc::plan::fold(&u.name)
                    .strip_prefix("ubnd ")
                    .map(String::from),
            )
            .any(|n| words.contains(&format!(" {n} ")));
        assert!(named, "{text:?} names {} by no whole name", u.id);
    }
}
