//! The calendar of a plan: weeks, months, quarters, halves, nine months, years and
//! the one-off period, their bounds, labels (`2022-W05`, `2022-03`, `2022-Q1`,
//! `2022-H1`, `2022-9M`, `2022`, `once`) and the quarters of the tables each one
//! belongs to (docs/plan-format.md, "Periods").
//!
//! Months, quarters, halves, nine months and years are calendar periods clipped to
//! the plan's range. With a cut-off day `c` (`cutoff_day`) each of them ends on day
//! `c` of its last month and starts on day `c + 1` of the month before its first
//! (figures cut under Nghị định 09/2019/NĐ-CP), and a plan has the *whole* periods
//! whose last day lies in its range: a calendar-year plan cut on the 14th has
//! 2026-Q1 = 15/12/2025–14/3/2026 and nothing after 14 December. A week is a whole
//! ISO week (Monday to Sunday) whose Thursday lies in the range.
//!
//! Every period of one kind has an *ordinal* ([`Calendar::ordinal`]): consecutive
//! periods have consecutive ordinals, so a date finds its period by arithmetic.

use std::fmt;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// How often a rule repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Every {
    Week,
    Month,
    Quarter,
    Half,
    Year,
}

impl Every {
    pub const ALL: [Every; 5] = [
        Every::Week,
        Every::Month,
        Every::Quarter,
        Every::Half,
        Every::Year,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Every::Week => "week",
            Every::Month => "month",
            Every::Quarter => "quarter",
            Every::Half => "half",
            Every::Year => "year",
        }
    }

    pub fn parse(s: &str) -> Option<Every> {
        Every::ALL.into_iter().find(|e| e.as_str() == s)
    }

    /// How many months a period of this kind spans (none for weeks).
    fn months(self) -> Option<i64> {
        match self {
            Every::Week => None,
            Every::Month => Some(1),
            Every::Quarter => Some(3),
            Every::Half => Some(6),
            Every::Year => Some(12),
        }
    }
}

/// One of the named periods of a year that a rule's `periods` lists: `Q1`..`Q4`,
/// `H1`, `H2`, `9M` (January to September, "9 tháng đầu năm"), `year`, `M01`..`M12`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeriodName {
    Month(u32),
    Quarter(u32),
    Half(u32),
    NineMonths,
    Year,
}

impl PeriodName {
    /// Every name, in the order a year's reports come: for messages that list them.
    pub fn all() -> impl Iterator<Item = PeriodName> {
        (1..=12)
            .map(PeriodName::Month)
            .chain((1..=4).map(PeriodName::Quarter))
            .chain((1..=2).map(PeriodName::Half))
            .chain([PeriodName::NineMonths, PeriodName::Year])
    }

    /// Parses `Q1`, `H2`, `9M`, `year`, `M03` (letters in either case).
    pub fn parse(text: &str) -> Option<PeriodName> {
        PeriodName::all().find(|n| n.to_string().eq_ignore_ascii_case(text.trim()))
    }

    /// Whether `key` is this period of some year.
    pub fn names(self, key: PeriodKey) -> bool {
        match (self, key) {
            (PeriodName::Month(m), PeriodKey::Month { month, .. }) => m == month,
            (PeriodName::Quarter(n), PeriodKey::Quarter(q)) => n == q.number,
            (PeriodName::Half(h), PeriodKey::Half { half, .. }) => h == half,
            (PeriodName::NineMonths, PeriodKey::NineMonths { .. })
            | (PeriodName::Year, PeriodKey::Year(_)) => true,
            _ => false,
        }
    }
}

impl fmt::Display for PeriodName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PeriodName::Month(m) => write!(f, "M{m:02}"),
            PeriodName::Quarter(n) => write!(f, "Q{n}"),
            PeriodName::Half(h) => write!(f, "H{h}"),
            PeriodName::NineMonths => f.write_str("9M"),
            PeriodName::Year => f.write_str("year"),
        }
    }
}

/// Which periods a repeating rule has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Schedule {
    /// `every`: each period of that kind; with `months` (not empty), only the weeks
    /// whose Thursday and the months whose label lie in those calendar months.
    Every { every: Every, months: Vec<u32> },
    /// `periods`: exactly these named periods of each year.
    Named(Vec<PeriodName>),
}

impl Schedule {
    /// The periods of this schedule in `calendar`, in order.
    pub fn periods(&self, calendar: &Calendar) -> Vec<Period> {
        match self {
            Schedule::Every { every, months } => {
                let mut periods = calendar.periods(*every);
                if !months.is_empty() {
                    periods.retain(|p| {
                        let month = match p.key {
                            PeriodKey::Week { .. } => p.thursday().month(),
                            PeriodKey::Month { month, .. } => month,
                            _ => return true,
                        };
                        months.contains(&month)
                    });
                }
                periods
            }
            Schedule::Named(names) => calendar.named_periods(names),
        }
    }
}

/// A calendar quarter, `2022-Q3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Quarter {
    pub year: i32,
    /// 1 to 4.
    pub number: u32,
}

impl Quarter {
    /// The quarter that holds `date` on the calendar (no cut-off day).
    pub fn of(date: NaiveDate) -> Quarter {
        Quarter {
            year: date.year(),
            number: date.month0() / 3 + 1,
        }
    }

    /// The quarter of a quarter ordinal (`year * 4 + number - 1`).
    fn of_ordinal(ordinal: i64) -> Quarter {
        Quarter {
            year: i32::try_from(ordinal.div_euclid(4)).unwrap_or(i32::MAX),
            number: u32::try_from(ordinal.rem_euclid(4)).expect("0..4") + 1,
        }
    }

    fn ordinal(self) -> i64 {
        i64::from(self.year) * 4 + i64::from(self.number) - 1
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, (self.number - 1) * 3 + 1, 1)
            .expect("quarter start is a valid date")
    }

    pub fn last_day(self) -> NaiveDate {
        last_day_of_month(self.year, self.number * 3)
    }

    pub fn next(self) -> Quarter {
        Quarter::of_ordinal(self.ordinal() + 1)
    }

    /// Parses `2022-Q3` (the `q` may be lower case).
    pub fn parse(s: &str) -> Result<Quarter, String> {
        match parse_label(s)? {
            PeriodKey::Quarter(q) => Ok(q),
            _ => Err(format!(
                "`{s}` is not a quarter; write it as YYYY-QN, e.g. 2022-Q3"
            )),
        }
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-Q{}", self.year, self.number)
    }
}

/// Which period of a rule an obligation is for; its label is its identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeriodKey {
    /// The single period of a one-off deadline.
    Once,
    Week {
        year: i32,
        week: u32,
    },
    Month {
        year: i32,
        month: u32,
    },
    Quarter(Quarter),
    /// `half` is 1 (January to June) or 2 (July to December).
    Half {
        year: i32,
        half: u32,
    },
    /// January to September ("9 tháng đầu năm"), `2026-9M`.
    NineMonths {
        year: i32,
    },
    Year(i32),
}

/// The kinds of period a rule's periods may mix (`periods = ["Q1", "H1", "9M"]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodKind {
    Every(Every),
    NineMonths,
}

impl PeriodKey {
    /// Its kind; `None` for `once`.
    pub fn kind(self) -> Option<PeriodKind> {
        Some(match self {
            PeriodKey::Once => return None,
            PeriodKey::Week { .. } => PeriodKind::Every(Every::Week),
            PeriodKey::Month { .. } => PeriodKind::Every(Every::Month),
            PeriodKey::Quarter(_) => PeriodKind::Every(Every::Quarter),
            PeriodKey::Half { .. } => PeriodKind::Every(Every::Half),
            PeriodKey::NineMonths { .. } => PeriodKind::NineMonths,
            PeriodKey::Year(_) => PeriodKind::Every(Every::Year),
        })
    }

    /// The same period of another year (`2022-H1` → `2023-H1`); weeks keep their
    /// number (a week 53 that the year lacks gives `None`).
    pub fn moved_by_years(self, years: i32) -> Option<PeriodKey> {
        Some(match self {
            PeriodKey::Once => PeriodKey::Once,
            PeriodKey::Week { year, week } => {
                NaiveDate::from_isoywd_opt(year + years, week, Weekday::Mon)?;
                PeriodKey::Week {
                    year: year + years,
                    week,
                }
            }
            PeriodKey::Month { year, month } => PeriodKey::Month {
                year: year + years,
                month,
            },
            PeriodKey::Quarter(q) => PeriodKey::Quarter(Quarter {
                year: q.year + years,
                number: q.number,
            }),
            PeriodKey::Half { year, half } => PeriodKey::Half {
                year: year + years,
                half,
            },
            PeriodKey::NineMonths { year } => PeriodKey::NineMonths { year: year + years },
            PeriodKey::Year(year) => PeriodKey::Year(year + years),
        })
    }

    /// The key of the month-based period of `every` with month ordinal `ordinal`
    /// (`year * 12 + month - 1`) divided by its length.
    fn of_ordinal(every: Every, ordinal: i64) -> PeriodKey {
        let months = every.months().expect("a month-based period");
        let first = ordinal * months;
        let year = i32::try_from(first.div_euclid(12)).unwrap_or(i32::MAX);
        let month0 = u32::try_from(first.rem_euclid(12)).expect("0..12");
        match every {
            Every::Month => PeriodKey::Month {
                year,
                month: month0 + 1,
            },
            Every::Quarter => PeriodKey::Quarter(Quarter {
                year,
                number: month0 / 3 + 1,
            }),
            Every::Half => PeriodKey::Half {
                year,
                half: month0 / 6 + 1,
            },
            Every::Year | Every::Week => PeriodKey::Year(year),
        }
    }
}

impl fmt::Display for PeriodKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PeriodKey::Once => f.write_str("once"),
            PeriodKey::Week { year, week } => write!(f, "{year:04}-W{week:02}"),
            PeriodKey::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            PeriodKey::Quarter(q) => q.fmt(f),
            PeriodKey::Half { year, half } => write!(f, "{year:04}-H{half}"),
            PeriodKey::NineMonths { year } => write!(f, "{year:04}-9M"),
            PeriodKey::Year(year) => write!(f, "{year:04}"),
        }
    }
}

/// Parses a period label: `2022-W05`, `2022-03`, `2022-Q1`, `2022-H1`, `2022-9M`,
/// `2022` or `once`.
pub fn parse_label(s: &str) -> Result<PeriodKey, String> {
    let bad = |why: &str| {
        Err(format!(
            "`{s}` is not a period label ({why}); write 2022-Q1, 2022-H1, 2022-9M, 2022-03, 2022-W05 or 2022"
        ))
    };
    let s_trim = s.trim();
    if s_trim.eq_ignore_ascii_case("once") {
        return Ok(PeriodKey::Once);
    }
    let (year_text, rest) = match s_trim.split_once('-') {
        Some((y, r)) => (y, Some(r)),
        None => (s_trim, None),
    };
    if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
        return bad("the year must have four digits");
    }
    let year: i32 = year_text.parse().expect("four digits");
    let Some(rest) = rest else {
        return Ok(PeriodKey::Year(year));
    };
    let number = |digits: &str| -> Option<u32> {
        (!digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
    };
    if rest.eq_ignore_ascii_case("9m") {
        return Ok(PeriodKey::NineMonths { year });
    }
    if let Some(q) = rest.strip_prefix(['Q', 'q']) {
        return match number(q) {
            Some(n @ 1..=4) => Ok(PeriodKey::Quarter(Quarter { year, number: n })),
            _ => bad("a quarter is Q1 to Q4"),
        };
    }
    if let Some(h) = rest.strip_prefix(['H', 'h']) {
        return match number(h) {
            Some(half @ 1..=2) if h.len() == 1 => Ok(PeriodKey::Half { year, half }),
            _ => bad("a half year is H1 or H2"),
        };
    }
    if let Some(w) = rest.strip_prefix(['W', 'w']) {
        return match number(w) {
            Some(week) if NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).is_some() => {
                Ok(PeriodKey::Week { year, week })
            }
            _ => bad(&format!("ISO year {year} has no such week")),
        };
    }
    match number(rest) {
        Some(month @ 1..=12) if rest.len() == 2 => Ok(PeriodKey::Month { year, month }),
        _ => bad("a month is 01 to 12"),
    }
}

/// One period of a rule: its key and its first and last day (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub key: PeriodKey,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    pub fn label(&self) -> String {
        self.key.to_string()
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// The Thursday of a week, which places it in a month and a quarter.
    pub fn thursday(&self) -> NaiveDate {
        self.start + Duration::days(3)
    }
}

/// The first and last quarter of the tables that a period belongs to (inclusive;
/// one quarter for most periods).
pub type QuarterSpan = (Quarter, Quarter);

/// The calendar of one plan (or of one rule with its own cut-off day): its range
/// and its cut-off day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// `cutoff_day`: month-based periods end on this day of their last month.
    pub cutoff: Option<u32>,
}

impl Calendar {
    /// The ordinal of the period of kind `every` that holds `date` (for weeks, the
    /// week whose Thursday is nearest; for the rest, after the cut-off shift).
    pub fn ordinal(&self, every: Every, date: NaiveDate) -> i64 {
        match every.months() {
            None => {
                let thursday =
                    date + Duration::days(3 - i64::from(date.weekday().num_days_from_monday()));
                i64::from(thursday.num_days_from_ce()).div_euclid(7)
            }
            Some(months) => self.month_ordinal(date).div_euclid(months),
        }
    }

    /// The ordinal of the period of `kind` that may hold `date` (nine months: its
    /// year's, which holds it when it is not in the last quarter).
    pub fn kind_ordinal(&self, kind: PeriodKind, date: NaiveDate) -> i64 {
        match kind {
            PeriodKind::Every(every) => self.ordinal(every, date),
            PeriodKind::NineMonths => self.year_ordinal(date),
        }
    }

    /// The ordinal of the year whose nine months (or whose year) hold `date`.
    fn year_ordinal(&self, date: NaiveDate) -> i64 {
        self.month_ordinal(date).div_euclid(12)
    }

    /// `year * 12 + month - 1` of the month whose period holds `date`: with a
    /// cut-off day, a date after it belongs to the next month.
    fn month_ordinal(&self, date: NaiveDate) -> i64 {
        let plain = i64::from(date.year()) * 12 + i64::from(date.month0());
        match self.cutoff {
            Some(c) if date.day() > c => plain + 1,
            _ => plain,
        }
    }

    /// The unclipped bounds of the months `first..=last` (month ordinals): from the
    /// 1st to the last day, or with a cut-off day `c` from day `c + 1` of the month
    /// before (the 1st of `first` when that day does not exist) to day `c`.
    fn span_bounds(&self, first: i64, last: i64) -> (NaiveDate, NaiveDate) {
        let month_start = |m: i64| {
            let year = i32::try_from(m.div_euclid(12)).unwrap_or(i32::MAX);
            NaiveDate::from_ymd_opt(year, u32::try_from(m.rem_euclid(12)).expect("0..12") + 1, 1)
                .unwrap_or(NaiveDate::MAX)
        };
        match self.cutoff {
            None => (
                month_start(first),
                month_start(last + 1) - Duration::days(1),
            ),
            Some(c) => {
                let before = month_start(first - 1);
                let day_after = before + Duration::days(i64::from(c));
                // Day c + 1 of a short February is the 1st of March.
                let start = if day_after.month() == before.month() {
                    day_after
                } else {
                    month_start(first)
                };
                (start, month_start(last) + Duration::days(i64::from(c) - 1))
            }
        }
    }

    /// The period with these unclipped bounds as the plan has it, if it has it:
    /// with a cut-off day, whole when its last day lies in the range; without one,
    /// clipped to the range when it overlaps it.
    fn admit(&self, key: PeriodKey, (start, end): (NaiveDate, NaiveDate)) -> Option<Period> {
        match self.cutoff {
            Some(_) => (self.start <= end && end <= self.end).then_some(Period { key, start, end }),
            None => (start <= self.end && self.start <= end).then(|| Period {
                key,
                start: start.max(self.start),
                end: end.min(self.end),
            }),
        }
    }

    /// Every period of kind `every` of the range, in order: weeks whose Thursday lies
    /// in it; month-based periods as `Calendar::admit` says.
    pub fn periods(&self, every: Every) -> Vec<Period> {
        let Some(months) = every.months() else {
            let mut out = Vec::new();
            let mut thursday = self.start + Duration::days(3 - weekday_from_monday(self.start));
            if thursday < self.start {
                thursday += Duration::days(7);
            }
            while thursday <= self.end {
                let iso = thursday.iso_week();
                out.push(Period {
                    key: PeriodKey::Week {
                        year: iso.year(),
                        week: iso.week(),
                    },
                    start: thursday - Duration::days(3),
                    end: thursday + Duration::days(3),
                });
                thursday += Duration::days(7);
            }
            return out;
        };
        (self.ordinal(every, self.start)..=self.ordinal(every, self.end))
            .filter_map(|ordinal| {
                let first = ordinal * months;
                let bounds = self.span_bounds(first, first + months - 1);
                self.admit(PeriodKey::of_ordinal(every, ordinal), bounds)
            })
            .collect()
    }

    /// The nine-month periods of the range (January to September of each year).
    pub fn nine_months(&self) -> Vec<Period> {
        (self.year_ordinal(self.start)..=self.year_ordinal(self.end))
            .filter_map(|year| {
                let key = PeriodKey::NineMonths {
                    year: i32::try_from(year).unwrap_or(i32::MAX),
                };
                self.admit(key, self.span_bounds(year * 12, year * 12 + 8))
            })
            .collect()
    }

    /// The periods that `names` name, of every year of the range, ordered by their
    /// last day, then the shorter first (Q2 before H1; a month before its quarter
    /// when a plan's start clips both to the same days).
    pub fn named_periods(&self, names: &[PeriodName]) -> Vec<Period> {
        let mut out: Vec<Period> = Vec::new();
        for name in names {
            let of_kind = match name {
                PeriodName::Month(_) => self.periods(Every::Month),
                PeriodName::Quarter(_) => self.periods(Every::Quarter),
                PeriodName::Half(_) => self.periods(Every::Half),
                PeriodName::NineMonths => self.nine_months(),
                PeriodName::Year => self.periods(Every::Year),
            };
            out.extend(of_kind.into_iter().filter(|p| name.names(p.key)));
        }
        let months = |key: PeriodKey| match key {
            PeriodKey::Month { .. } => 1,
            PeriodKey::Quarter(_) => 3,
            PeriodKey::Half { .. } => 6,
            PeriodKey::NineMonths { .. } => 9,
            _ => 12,
        };
        out.sort_by_key(|p| (p.end, std::cmp::Reverse(p.start), months(p.key)));
        out.dedup();
        out
    }

    /// The ordinals of the first and last quarter of the tables (`--quarter`,
    /// `--through`, the year table's columns): the quarters of the range as
    /// [`Calendar::periods`] gives them; never none (a range shorter than a cut-off
    /// quarter has the one holding its start).
    fn quarter_ordinals(&self) -> (i64, i64) {
        let first = self.ordinal(Every::Quarter, self.start);
        let mut last = self.ordinal(Every::Quarter, self.end);
        if self.cutoff.is_some() && self.span_bounds(last * 3, last * 3 + 2).1 > self.end {
            last -= 1;
        }
        (first, last.max(first))
    }

    /// The quarters of the tables, in order (with a cut-off day, labelled as the
    /// cut-off quarters are: 2023-Q1 = 15/12/2022–14/3/2023).
    pub fn quarters(&self) -> Vec<Quarter> {
        let (first, last) = self.quarter_ordinals();
        (first..=last).map(Quarter::of_ordinal).collect()
    }

    /// The quarter of the tables that holds `date`, else the nearest one.
    pub fn quarter_holding(&self, date: NaiveDate) -> Quarter {
        let (first, last) = self.quarter_ordinals();
        Quarter::of_ordinal(self.ordinal(Every::Quarter, date).clamp(first, last))
    }

    /// The quarters of the tables that `period` (due on `due`) belongs to: a week by
    /// its Thursday, a month or quarter by its last day, a one-off by its due date
    /// (each to the quarter holding that day, else the nearest); a half to both of
    /// its quarters, nine months to the first three, a year to all four (those of
    /// them the tables have; else as a quarter).
    pub fn quarter_span(&self, period: &Period, due: NaiveDate) -> QuarterSpan {
        let one = |date| {
            let q = self.quarter_holding(date);
            (q, q)
        };
        let (year, first, last) = match period.key {
            PeriodKey::Once => return one(due),
            PeriodKey::Week { .. } => return one(period.thursday()),
            PeriodKey::Month { .. } | PeriodKey::Quarter(_) => return one(period.end),
            PeriodKey::Half { year, half } => (year, half * 2 - 1, half * 2),
            PeriodKey::NineMonths { year } => (year, 1, 3),
            PeriodKey::Year(year) => (year, 1, 4),
        };
        let (table_first, table_last) = self.quarter_ordinals();
        let first = Quarter {
            year,
            number: first,
        }
        .ordinal()
        .max(table_first);
        let last = Quarter { year, number: last }.ordinal().min(table_last);
        if first > last {
            return one(period.end);
        }
        (Quarter::of_ordinal(first), Quarter::of_ordinal(last))
    }
}

/// Every period of kind `every` in the range `start..=end` (no cut-off day), in order.
pub fn periods(every: Every, start: NaiveDate, end: NaiveDate) -> Vec<Period> {
    Calendar {
        start,
        end,
        cutoff: None,
    }
    .periods(every)
}

/// The last day of a month.
pub fn last_day_of_month(year: i32, month: u32) -> NaiveDate {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(next_year, next_month, 1).expect("valid month") - Duration::days(1)
}

/// Day `day` of the month of `date`, clamped to that month's last day.
pub fn day_of_month_clamped(date: NaiveDate, day: u32) -> NaiveDate {
    let last = last_day_of_month(date.year(), date.month());
    NaiveDate::from_ymd_opt(date.year(), date.month(), day.min(last.day())).unwrap_or(last)
}

fn weekday_from_monday(date: NaiveDate) -> i64 {
    i64::from(date.weekday().num_days_from_monday())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn year_2022_has_52_weeks_13_per_quarter() {
        let weeks = periods(Every::Week, d(2022, 1, 1), d(2022, 12, 31));
        assert_eq!(weeks.len(), 52);
        assert_eq!(weeks[0].label(), "2022-W01");
        assert_eq!(weeks[0].start, d(2022, 1, 3));
        assert_eq!(weeks[51].label(), "2022-W52");
        assert_eq!(weeks[51].end, d(2023, 1, 1), "weeks are whole, not clipped");
        for q in 1..=4 {
            let quarter = Quarter {
                year: 2022,
                number: q,
            };
            let cal = Calendar {
                start: d(2022, 1, 1),
                end: d(2022, 12, 31),
                cutoff: None,
            };
            let n = weeks
                .iter()
                .filter(|w| cal.quarter_span(w, w.end) == (quarter, quarter))
                .count();
            assert_eq!(n, 13, "{quarter}");
        }
    }

    #[test]
    fn end_of_2024_lies_in_2025_w01_and_no_weekly_period_of_the_plan() {
        let weeks = periods(Every::Week, d(2024, 1, 1), d(2024, 12, 31));
        assert_eq!(weeks.last().unwrap().label(), "2024-W52");
        assert!(!weeks.iter().any(|w| w.contains(d(2024, 12, 30))));
        assert!(!weeks.iter().any(|w| w.contains(d(2024, 12, 31))));
        // 2020 is a 53-week ISO year; its week 53 has its Thursday on 31 Dec 2020.
        let weeks = periods(Every::Week, d(2020, 1, 1), d(2020, 12, 31));
        assert_eq!(weeks.last().unwrap().label(), "2020-W53");
        assert_eq!(weeks[0].start, d(2019, 12, 30), "2020-W01 starts in 2019");
    }

    #[test]
    fn a_week_across_new_year_belongs_to_the_quarter_of_its_thursday() {
        // 2026-W01 runs Mon 29 Dec 2025 to Sun 4 Jan 2026, Thursday 1 Jan 2026.
        let weeks = periods(Every::Week, d(2025, 7, 1), d(2026, 6, 30));
        let w = weeks.iter().find(|w| w.contains(d(2025, 12, 31))).unwrap();
        assert_eq!(w.label(), "2026-W01");
        let cal = Calendar {
            start: d(2025, 7, 1),
            end: d(2026, 6, 30),
            cutoff: None,
        };
        let q1 = Quarter {
            year: 2026,
            number: 1,
        };
        assert_eq!(cal.quarter_span(w, w.end), (q1, q1));
    }

    #[test]
    fn periods_are_clipped_to_a_plan_that_does_not_start_in_january() {
        let quarters = periods(Every::Quarter, d(2022, 2, 15), d(2023, 2, 14));
        let labels: Vec<_> = quarters.iter().map(Period::label).collect();
        assert_eq!(
            labels,
            ["2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4", "2023-Q1"]
        );
        assert_eq!(quarters[0].start, d(2022, 2, 15));
        assert_eq!(quarters[4].end, d(2023, 2, 14));
        let months = periods(Every::Month, d(2022, 2, 15), d(2023, 2, 14));
        assert_eq!(months.len(), 13);
        assert_eq!(months[0].start, d(2022, 2, 15));
        assert_eq!(months[0].end, d(2022, 2, 28));
        let years = periods(Every::Year, d(2022, 2, 15), d(2023, 2, 14));
        assert_eq!(years.len(), 2);
        assert_eq!(
            (years[1].start, years[1].end),
            (d(2023, 1, 1), d(2023, 2, 14))
        );
        // The first weekly period is the first ISO week whose Thursday is in range.
        let weeks = periods(Every::Week, d(2022, 2, 18), d(2022, 3, 31));
        assert_eq!(weeks[0].label(), "2022-W08");
        assert_eq!(weeks[0].start, d(2022, 2, 21));
    }

    #[test]
    fn months_know_leap_years() {
        assert_eq!(last_day_of_month(2024, 2), d(2024, 2, 29));
        assert_eq!(last_day_of_month(2022, 2), d(2022, 2, 28));
        assert_eq!(last_day_of_month(2100, 2), d(2100, 2, 28));
        assert_eq!(day_of_month_clamped(d(2022, 2, 1), 31), d(2022, 2, 28));
        assert_eq!(day_of_month_clamped(d(2024, 2, 1), 30), d(2024, 2, 29));
        assert_eq!(day_of_month_clamped(d(2022, 6, 1), 15), d(2022, 6, 15));
    }

    #[test]
    fn labels_parse_back() {
        for (text, key) in [
            (
                "2022-W05",
                PeriodKey::Week {
                    year: 2022,
                    week: 5,
                },
            ),
            (
                "2020-W53",
                PeriodKey::Week {
                    year: 2020,
                    week: 53,
                },
            ),
            (
                "2022-03",
                PeriodKey::Month {
                    year: 2022,
                    month: 3,
                },
            ),
            (
                "2022-Q1",
                PeriodKey::Quarter(Quarter {
                    year: 2022,
                    number: 1,
                }),
            ),
            (
                "2022-q4",
                PeriodKey::Quarter(Quarter {
                    year: 2022,
                    number: 4,
                }),
            ),
            ("2022", PeriodKey::Year(2022)),
            ("once", PeriodKey::Once),
        ] {
            assert_eq!(parse_label(text), Ok(key), "{text}");
        }
        assert_eq!(
            PeriodKey::Week {
                year: 2022,
                week: 5
            }
            .to_string(),
            "2022-W05"
        );
    }

    /// Regression (fuzz/artifacts/dates crash-aac89c40, crash-bcc77e4d): the label
    /// of a year below 1000 printed without its leading zeros and did not parse back.
    #[test]
    fn labels_of_early_years_keep_four_digits() {
        for text in ["0222", "0023", "0023-W05", "0999-Q4", "0001-01"] {
            let key = parse_label(text).unwrap();
            assert_eq!(key.to_string(), text);
        }
    }

    #[test]
    fn bad_labels_say_what_is_wrong() {
        for bad in [
            "", "22-Q1", "2022-Q5", "2022-Q0", "2022-W53", "2022-W00", "2022-13", "2022-3",
            "2022-00", "Q1-2022", "2022-Q1x", "abcd",
        ] {
            let err = parse_label(bad).unwrap_err();
            assert!(err.contains(&format!("`{bad}`")), "{bad}: {err}");
        }
        assert!(Quarter::parse("2022-03").is_err());
    }

    fn cut_off(start: NaiveDate, end: NaiveDate, c: u32) -> Calendar {
        Calendar {
            start,
            end,
            cutoff: Some(c),
        }
    }

    #[test]
    fn half_years_run_january_to_june_and_july_to_december() {
        let halves = periods(Every::Half, d(2022, 1, 1), d(2022, 12, 31));
        let got: Vec<_> = halves.iter().map(|p| (p.label(), p.start, p.end)).collect();
        assert_eq!(
            got,
            [
                ("2022-H1".to_string(), d(2022, 1, 1), d(2022, 6, 30)),
                ("2022-H2".to_string(), d(2022, 7, 1), d(2022, 12, 31)),
            ]
        );
        let q = |number| Quarter { year: 2022, number };
        let cal = Calendar {
            start: d(2022, 1, 1),
            end: d(2022, 12, 31),
            cutoff: None,
        };
        assert_eq!(cal.quarter_span(&halves[0], halves[0].end), (q(1), q(2)));
        assert_eq!(cal.quarter_span(&halves[1], halves[1].end), (q(3), q(4)));
        assert_eq!(
            parse_label("2022-H2"),
            Ok(PeriodKey::Half {
                year: 2022,
                half: 2
            })
        );
        for bad in ["2022-H0", "2022-H3", "2022-H01"] {
            assert!(parse_label(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_cut_off_day_moves_month_based_periods_not_weeks() {
        // Nghị định 09/2019: figures from the 15th to the 14th.
        let cal = cut_off(d(2022, 12, 15), d(2023, 12, 14), 14);
        let quarters = cal.periods(Every::Quarter);
        let got: Vec<_> = quarters
            .iter()
            .map(|p| (p.label(), p.start, p.end))
            .collect();
        assert_eq!(
            got[0],
            ("2023-Q1".to_string(), d(2022, 12, 15), d(2023, 3, 14))
        );
        assert_eq!(
            got[3],
            ("2023-Q4".to_string(), d(2023, 9, 15), d(2023, 12, 14))
        );
        assert_eq!(quarters.len(), 4);
        let months = cal.periods(Every::Month);
        assert_eq!(months.len(), 12);
        assert_eq!(
            (months[1].label(), months[1].start, months[1].end),
            ("2023-02".to_string(), d(2023, 1, 15), d(2023, 2, 14))
        );
        let years = cal.periods(Every::Year);
        assert_eq!((years.len(), years[0].label()), (1, "2023".to_string()));
        let halves = cal.periods(Every::Half);
        assert_eq!(halves[1].start, d(2023, 6, 15));
        // Weeks are as without a cut-off day.
        assert_eq!(
            cal.periods(Every::Week),
            periods(Every::Week, d(2022, 12, 15), d(2023, 12, 14))
        );
        assert_eq!(
            cal.quarters().first().map(|q| q.to_string()),
            Some("2023-Q1".into())
        );
    }

    #[test]
    fn a_calendar_year_plan_cut_on_the_14th_has_whole_periods_ending_in_it() {
        // Periods are whole and end in the range: none begins on 15 December.
        let cal = cut_off(d(2026, 1, 1), d(2026, 12, 31), 14);
        let quarters = cal.periods(Every::Quarter);
        let got: Vec<_> = quarters
            .iter()
            .map(|p| (p.label(), p.start, p.end))
            .collect();
        assert_eq!(
            got,
            [
                ("2026-Q1".to_string(), d(2025, 12, 15), d(2026, 3, 14)),
                ("2026-Q2".to_string(), d(2026, 3, 15), d(2026, 6, 14)),
                ("2026-Q3".to_string(), d(2026, 6, 15), d(2026, 9, 14)),
                ("2026-Q4".to_string(), d(2026, 9, 15), d(2026, 12, 14)),
            ]
        );
        assert_eq!(cal.periods(Every::Month).len(), 12);
        assert_eq!(cal.periods(Every::Year)[0].start, d(2025, 12, 15));
        assert_eq!(cal.quarters().len(), 4);
        // The same periods as the plan 15/12/2025–14/12/2026.
        let shifted = cut_off(d(2025, 12, 15), d(2026, 12, 14), 14);
        for every in [Every::Month, Every::Quarter, Every::Half, Every::Year] {
            assert_eq!(cal.periods(every), shifted.periods(every), "{every:?}");
        }
        assert_eq!(cal.nine_months(), shifted.nine_months());
        // A week of late December (Thursday 17/12) belongs to the nearest quarter.
        let late = cal
            .periods(Every::Week)
            .into_iter()
            .find(|w| w.contains(d(2026, 12, 17)))
            .unwrap();
        let q4 = Quarter {
            year: 2026,
            number: 4,
        };
        assert_eq!(cal.quarter_span(&late, late.end), (q4, q4));
        // 29 February lies in the period ending 14 March.
        let leap = cut_off(d(2024, 1, 1), d(2024, 12, 31), 14);
        let feb = leap
            .periods(Every::Month)
            .into_iter()
            .find(|p| p.contains(d(2024, 2, 29)))
            .unwrap();
        assert_eq!(feb.label(), "2024-03");
    }

    #[test]
    fn a_cut_off_day_whose_next_day_february_lacks_starts_march_on_the_1st() {
        let cal = cut_off(d(2023, 1, 1), d(2023, 12, 31), 28);
        let march = cal
            .periods(Every::Month)
            .into_iter()
            .find(|p| p.label() == "2023-03")
            .unwrap();
        assert_eq!((march.start, march.end), (d(2023, 3, 1), d(2023, 3, 28)));
        let leap = cut_off(d(2024, 1, 1), d(2024, 12, 31), 28);
        let march = leap
            .periods(Every::Month)
            .into_iter()
            .find(|p| p.label() == "2024-03")
            .unwrap();
        assert_eq!(march.start, d(2024, 2, 29));
    }

    #[test]
    fn named_periods_are_each_years_periods_of_those_names_in_order_of_their_end() {
        let cal = cut_off(d(2026, 1, 1), d(2026, 12, 31), 14);
        let names: Vec<PeriodName> = ["year", "Q1", "H1", "Q3", "9M", "Q2"]
            .iter()
            .map(|n| PeriodName::parse(n).unwrap())
            .collect();
        let got: Vec<_> = cal
            .named_periods(&names)
            .iter()
            .map(|p| (p.label(), p.start, p.end))
            .collect();
        assert_eq!(
            got,
            [
                ("2026-Q1".to_string(), d(2025, 12, 15), d(2026, 3, 14)),
                ("2026-Q2".to_string(), d(2026, 3, 15), d(2026, 6, 14)),
                ("2026-H1".to_string(), d(2025, 12, 15), d(2026, 6, 14)),
                ("2026-Q3".to_string(), d(2026, 6, 15), d(2026, 9, 14)),
                ("2026-9M".to_string(), d(2025, 12, 15), d(2026, 9, 14)),
                ("2026".to_string(), d(2025, 12, 15), d(2026, 12, 14)),
            ]
        );
        let q = |number| Quarter { year: 2026, number };
        let nine = cal.named_periods(&[PeriodName::NineMonths])[0];
        assert_eq!(cal.quarter_span(&nine, nine.end), (q(1), q(3)));
        assert_eq!(
            parse_label("2026-9M"),
            Ok(PeriodKey::NineMonths { year: 2026 })
        );
        for bad in ["Q5", "H3", "M13", "M1x", "annual", ""] {
            assert_eq!(PeriodName::parse(bad), None, "{bad}");
        }
        assert_eq!(PeriodName::parse("m03"), Some(PeriodName::Month(3)));
    }

    proptest! {
        #[test]
        fn every_date_lies_in_one_month_and_one_quarter_and_at_most_one_week(
            start_offset in 0i64..3000, length in 0i64..800, probe in 0i64..800,
        ) {
            let start = d(2019, 1, 1) + Duration::days(start_offset);
            let end = start + Duration::days(length);
            let date = start + Duration::days(probe.min(length));
            let count = |every| periods(every, start, end).iter().filter(|p| p.contains(date)).count();
            prop_assert_eq!(count(Every::Month), 1);
            prop_assert_eq!(count(Every::Quarter), 1);
            prop_assert_eq!(count(Every::Half), 1);
            prop_assert_eq!(count(Every::Year), 1);
            prop_assert!(count(Every::Week) <= 1);
            for cutoff in [1u32, 14, 28] {
                let cal = Calendar { start, end, cutoff: Some(cutoff) };
                for every in [Every::Month, Every::Quarter, Every::Half, Every::Year] {
                    let ps = cal.periods(every);
                    // Whole periods ending in the range: at most one holds the day.
                    prop_assert!(ps.iter().filter(|p| p.contains(date)).count() <= 1);
                    for p in &ps {
                        prop_assert!(start <= p.end && p.end <= end);
                    }
                    // Consecutive periods touch: no day is lost between them.
                    for pair in ps.windows(2) {
                        prop_assert_eq!(pair[0].end + Duration::days(1), pair[1].start);
                    }
                    if let Some(holder) = ps.iter().position(|p| p.contains(date)) {
                        let ordinal = cal.ordinal(every, date) - cal.ordinal(every, start);
                        prop_assert_eq!(holder as i64, ordinal);
                    }
                }
            }
            // Each week belongs to exactly one quarter of the tables, with or
            // without a cut-off day.
            for cutoff in [None, Some(14)] {
                let cal = Calendar { start, end, cutoff };
                let quarters = cal.quarters();
                for week in cal.periods(Every::Week) {
                    let (first, last) = cal.quarter_span(&week, week.end);
                    prop_assert_eq!(first, last);
                    prop_assert!(quarters.contains(&first));
                }
            }
        }

        #[test]
        fn labels_round_trip(every_index in 0usize..5, offset in 0i64..4000) {
            let date = d(2018, 1, 1) + Duration::days(offset);
            let every = Every::ALL[every_index];
            for p in periods(every, date, date + Duration::days(400)) {
                prop_assert_eq!(parse_label(&p.label()), Ok(p.key));
            }
        }
    }
}
