//! The calendar of a plan: weeks, months, quarters, years and the one-off period,
//! their bounds, labels (`2022-W05`, `2022-03`, `2022-Q1`, `2022`, `once`) and the
//! quarter each one belongs to.
//!
//! Months, quarters and years are calendar periods clipped to the plan's range. A week
//! is a whole ISO week (Monday to Sunday) whose Thursday lies in the range, so the
//! first and last weeks of a plan may reach outside it; it belongs to the quarter that
//! holds its Thursday.

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
    Year,
}

impl Every {
    pub const ALL: [Every; 4] = [Every::Week, Every::Month, Every::Quarter, Every::Year];

    pub fn as_str(self) -> &'static str {
        match self {
            Every::Week => "week",
            Every::Month => "month",
            Every::Quarter => "quarter",
            Every::Year => "year",
        }
    }

    pub fn parse(s: &str) -> Option<Every> {
        Every::ALL.into_iter().find(|e| e.as_str() == s)
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

    /// Every quarter that overlaps `start..=end`, in order.
    pub fn all_between(start: NaiveDate, end: NaiveDate) -> Vec<Quarter> {
        let mut quarters = Vec::new();
        let mut q = Quarter::of(start);
        while q.first_day() <= end {
            quarters.push(q);
            q = q.next();
        }
        quarters
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
            PeriodKey::Year(_) => Some(Every::Year),
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
            PeriodKey::Year(year) => write!(f, "{year:04}"),
        }
    }
}

/// Parses a period label: `2022-W05`, `2022-03`, `2022-Q1`, `2022` or `once`.
pub fn parse_label(s: &str) -> Result<PeriodKey, String> {
    let bad = |why: &str| {
        Err(format!(
            "`{s}` is not a period label ({why}); write 2022-Q1, 2022-03, 2022-W05 or 2022"
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
    /// a week by its Thursday, a month or quarter by its days, a year to each of its
    /// quarters, `once` by its due date.
    pub fn belongs_to(&self, quarter: Quarter, due: NaiveDate) -> bool {
        match self.key {
            PeriodKey::Once => Quarter::of(due) == quarter,
            PeriodKey::Week { .. } => Quarter::of(self.start + Duration::days(3)) == quarter,
            PeriodKey::Month { .. } | PeriodKey::Quarter(_) => Quarter::of(self.start) == quarter,
            PeriodKey::Year(year) => quarter.year == year,
        }
    }
}

/// Every period of kind `every` in the plan range `start..=end`, in order.
pub fn periods(every: Every, start: NaiveDate, end: NaiveDate) -> Vec<Period> {
    let mut out = Vec::new();
    match every {
        Every::Week => {
            let mut thursday = start + Duration::days(3 - weekday_from_monday(start));
            if thursday < start {
                thursday += Duration::days(7);
            }
            while thursday <= end {
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
        }
        Every::Month => {
            let (mut year, mut month) = (start.year(), start.month());
            loop {
                let first = NaiveDate::from_ymd_opt(year, month, 1).expect("valid month");
                if first > end {
                    break;
                }
                out.push(Period {
                    key: PeriodKey::Month { year, month },
                    start: first.max(start),
                    end: last_day_of_month(year, month).min(end),
                });
                (year, month) = if month == 12 {
                    (year + 1, 1)
                } else {
                    (year, month + 1)
                };
            }
        }
        Every::Quarter => {
            for q in Quarter::all_between(start, end) {
                out.push(Period {
                    key: PeriodKey::Quarter(q),
                    start: q.first_day().max(start),
                    end: q.last_day().min(end),
                });
            }
        }
        Every::Year => {
            for year in start.year()..=end.year() {
                let first = NaiveDate::from_ymd_opt(year, 1, 1).expect("valid year");
                let last = NaiveDate::from_ymd_opt(year, 12, 31).expect("valid year");
                out.push(Period {
                    key: PeriodKey::Year(year),
                    start: first.max(start),
                    end: last.min(end),
                });
            }
        }
    }
    out
}

/// The period of kind `every` labelled `key` in the plan range, if the plan has it.
pub fn period_of(every: Every, key: PeriodKey, start: NaiveDate, end: NaiveDate) -> Option<Period> {
    if key.every() != Some(every) {
        return None;
    }
    periods(every, start, end)
        .into_iter()
        .find(|p| p.key == key)
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
            prop_assert_eq!(count(Every::Year), 1);
            prop_assert!(count(Every::Week) <= 1);
            // Each week belongs to exactly one quarter of the plan.
            for week in periods(Every::Week, start, end) {
                let owners = Quarter::all_between(start, end)
                    .into_iter()
                    .filter(|q| week.belongs_to(*q, week.end))
                    .count();
                prop_assert_eq!(owners, 1);
            }
        }

        #[test]
        fn labels_round_trip(every_index in 0usize..4, offset in 0i64..4000) {
            let date = d(2018, 1, 1) + Duration::days(offset);
            let every = Every::ALL[every_index];
            for p in periods(every, date, date + Duration::days(400)) {
                prop_assert_eq!(parse_label(&p.label()), Ok(p.key));
            }
        }
    }
}
