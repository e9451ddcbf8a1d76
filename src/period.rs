//! The calendar of a plan: weeks, months, quarters, halves, years and the one-off
//! period, their bounds, labels (`2022-W05`, `2022-03`, `2022-Q1`, `2022-H1`, `2022`,
//! `once`) and the quarter each one belongs to.
//!
//! Months, quarters, halves and years are calendar periods clipped to the plan's
//! range; with a cut-off day `c` (`[plan].cutoff_day`) each of them ends on day `c` of
//! its last month and starts on day `c + 1` of the month before its first, which is
//! how reports are cut under Nghị định 09/2019/NĐ-CP. A week is a whole ISO week
//! (Monday to Sunday) whose Thursday lies in the range, so the first and last weeks
//! of a plan may reach outside it; it belongs to the quarter that holds its Thursday.
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

/// A calendar quarter, `2022-Q3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Quarter {
    pub year: i32,
    /// 1 to 4.
    pub number: u32,
}

impl Quarter {
    /// The quarter that holds `date`.
    pub fn of(date: NaiveDate) -> Quarter {
        Quarter {
            year: date.year(),
            number: date.month0() / 3 + 1,
        }
    }

    fn of_month(year: i32, month: u32) -> Quarter {
        Quarter {
            year,
            number: (month - 1) / 3 + 1,
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, (self.number - 1) * 3 + 1, 1)
            .expect("quarter start is a valid date")
    }

    pub fn last_day(self) -> NaiveDate {
        last_day_of_month(self.year, self.number * 3)
    }

    pub fn next(self) -> Quarter {
        if self.number == 4 {
            Quarter {
                year: self.year + 1,
                number: 1,
            }
        } else {
            Quarter {
                year: self.year,
                number: self.number + 1,
            }
        }
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
    Year(i32),
}

impl PeriodKey {
    /// The calendar kind of this key, `None` for `once`.
    pub fn every(self) -> Option<Every> {
        match self {
            PeriodKey::Once => None,
            PeriodKey::Week { .. } => Some(Every::Week),
            PeriodKey::Month { .. } => Some(Every::Month),
            PeriodKey::Quarter(_) => Some(Every::Quarter),
            PeriodKey::Half { .. } => Some(Every::Half),
            PeriodKey::Year(_) => Some(Every::Year),
        }
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
            PeriodKey::Year(year) => write!(f, "{year:04}"),
        }
    }
}

/// Parses a period label: `2022-W05`, `2022-03`, `2022-Q1`, `2022-H1`, `2022` or `once`.
pub fn parse_label(s: &str) -> Result<PeriodKey, String> {
    let bad = |why: &str| {
        Err(format!(
            "`{s}` is not a period label ({why}); write 2022-Q1, 2022-H1, 2022-03, 2022-W05 or 2022"
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

    /// Whether this period belongs to `quarter` (for `--quarter` and the year table):
    /// a week by its Thursday, a month or quarter by its label, a half to both of its
    /// quarters, a year to each of its quarters, `once` by its due date.
    pub fn belongs_to(&self, quarter: Quarter, due: NaiveDate) -> bool {
        match self.key {
            PeriodKey::Once => Quarter::of(due) == quarter,
            PeriodKey::Week { .. } => Quarter::of(self.start + Duration::days(3)) == quarter,
            PeriodKey::Month { year, month } => Quarter::of_month(year, month) == quarter,
            PeriodKey::Quarter(q) => q == quarter,
            PeriodKey::Half { year, half } => {
                quarter.year == year && quarter.number.div_ceil(2) == half
            }
            PeriodKey::Year(year) => quarter.year == year,
        }
    }
}

/// The calendar of one plan: its range and its cut-off day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// `[plan].cutoff_day`: month-based periods end on this day of their last month.
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

    /// `year * 12 + month - 1` of the month whose period holds `date`: with a
    /// cut-off day, a date after it belongs to the next month.
    fn month_ordinal(&self, date: NaiveDate) -> i64 {
        let plain = i64::from(date.year()) * 12 + i64::from(date.month0());
        match self.cutoff {
            Some(c) if date.day() > c => plain + 1,
            _ => plain,
        }
    }

    /// The unclipped bounds of the month-based period with this ordinal.
    fn month_bounds(&self, months: i64, ordinal: i64) -> (NaiveDate, NaiveDate) {
        let first = ordinal * months;
        let last = first + months - 1;
        let month_start = |m: i64| {
            let year = i32::try_from(m.div_euclid(12)).unwrap_or(i32::MAX);
            NaiveDate::from_ymd_opt(year, u32::try_from(m.rem_euclid(12)).expect("0..12") + 1, 1)
                .unwrap_or(NaiveDate::MAX)
        };
        match self.cutoff {
            None => {
                let end = month_start(last + 1) - Duration::days(1);
                (month_start(first), end)
            }
            Some(c) => {
                let start = month_start(first - 1) + Duration::days(i64::from(c));
                let end = month_start(last) + Duration::days(i64::from(c) - 1);
                (start, end)
            }
        }
    }

    /// Every period of kind `every` that overlaps the range, in order.
    pub fn periods(&self, every: Every) -> Vec<Period> {
        let mut out = Vec::new();
        let Some(months) = every.months() else {
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
        let (first, last) = (
            self.ordinal(every, self.start),
            self.ordinal(every, self.end),
        );
        for ordinal in first..=last {
            let (start, end) = self.month_bounds(months, ordinal);
            out.push(Period {
                key: PeriodKey::of_ordinal(every, ordinal),
                start: start.max(self.start),
                end: end.min(self.end),
            });
        }
        out
    }

    /// The period of kind `every` labelled `key`, if the range has it.
    pub fn period_of(&self, every: Every, key: PeriodKey) -> Option<Period> {
        if key.every() != Some(every) {
            return None;
        }
        self.periods(every).into_iter().find(|p| p.key == key)
    }

    /// The quarters of the range, by their labels (with a cut-off day, the quarter
    /// named by the period that holds the day), for the year table and `--quarter`.
    pub fn quarters(&self) -> Vec<Quarter> {
        self.periods(Every::Quarter)
            .into_iter()
            .filter_map(|p| match p.key {
                PeriodKey::Quarter(q) => Some(q),
                _ => None,
            })
            .collect()
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
            let n = weeks
                .iter()
                .filter(|w| w.belongs_to(quarter, w.end))
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
        assert!(w.belongs_to(
            Quarter {
                year: 2026,
                number: 1
            },
            w.end
        ));
        assert!(!w.belongs_to(
            Quarter {
                year: 2025,
                number: 4
            },
            w.end
        ));
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
        assert!(halves[0].belongs_to(q(1), halves[0].end));
        assert!(halves[0].belongs_to(q(2), halves[0].end));
        assert!(!halves[0].belongs_to(q(3), halves[0].end));
        assert!(halves[1].belongs_to(q(4), halves[1].end));
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
    fn a_cut_off_plan_on_calendar_dates_is_clipped() {
        // A cut-off plan that starts on 1 January: its first quarter is clipped.
        let cal = cut_off(d(2024, 1, 1), d(2024, 12, 31), 14);
        let quarters = cal.periods(Every::Quarter);
        assert_eq!(
            (quarters[0].start, quarters[0].end),
            (d(2024, 1, 1), d(2024, 3, 14))
        );
        let last = quarters.last().unwrap();
        assert_eq!(
            (last.label(), last.start, last.end),
            ("2025-Q1".to_string(), d(2024, 12, 15), d(2024, 12, 31))
        );
        // 29 February lies in the period ending 14 March.
        let feb = cal
            .periods(Every::Month)
            .into_iter()
            .find(|p| p.contains(d(2024, 2, 29)))
            .unwrap();
        assert_eq!(feb.label(), "2024-03");
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
                    prop_assert_eq!(ps.iter().filter(|p| p.contains(date)).count(), 1);
                    // Consecutive periods touch: no day is lost between them.
                    for pair in ps.windows(2) {
                        prop_assert_eq!(pair[0].end + Duration::days(1), pair[1].start);
                    }
                    let holder = ps.iter().position(|p| p.contains(date)).unwrap();
                    let ordinal = cal.ordinal(every, date) - cal.ordinal(every, start);
                    prop_assert_eq!(holder as i64, ordinal);
                }
            }
            // Each week belongs to exactly one quarter of the plan.
            for week in periods(Every::Week, start, end) {
                let owners = Calendar { start, end, cutoff: None }
                    .quarters()
                    .into_iter()
                    .filter(|q| week.belongs_to(*q, week.end))
                    .count();
                prop_assert_eq!(owners, 1);
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
