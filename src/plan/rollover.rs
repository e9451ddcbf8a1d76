//! A plan carried into another year: its text with every date moved by whole years
//! (`start`, `end`, `due`, the dates and the labels of `dues`), comments, layout and
//! everything else kept, so that the coordinator reviews a familiar file.
//!
//! Only TOML *values and keys* are touched: text inside strings ("năm 2022" in a
//! title) and comments is left as written and reported for review, since only a
//! person knows whether it should change.

use chrono::{Datelike, NaiveDate};

use crate::period::parse_label;

/// What moving a plan's text did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Moved {
    pub text: String,
    /// (line, from, to) of every date moved.
    pub dates: Vec<(usize, NaiveDate, NaiveDate)>,
    /// (line, from, to) of period labels moved (the keys of `dues`).
    pub labels: Vec<(usize, String, String)>,
    /// Lines whose strings or comments still name the old year.
    pub mentions: Vec<usize>,
    /// Lines of comments that mark an assumption to review.
    pub assumptions: Vec<usize>,
}

/// A date moved by whole years; 29 February becomes 28 February in a common year.
pub fn move_date(date: NaiveDate, years: i32) -> NaiveDate {
    let year = date.year() + years;
    NaiveDate::from_ymd_opt(year, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), date.day() - 1))
        .expect("only 29 February can be missing")
}

/// Byte ranges of a line.
type Ranges = Vec<(usize, usize)>;

/// The parts of a line that are TOML outside strings and comments, as byte ranges,
/// and whether the line has a string or comment (its text after `#`). `in_multiline`
/// carries a `"""` or `'''` string across lines.
fn code_ranges(line: &str, in_multiline: &mut Option<&'static str>) -> (Ranges, Ranges) {
    let bytes = line.as_bytes();
    let (mut code, mut text) = (Vec::new(), Vec::new());
    let mut i = 0;
    let mut start = 0;
    while i < bytes.len() {
        if let Some(close) = *in_multiline {
            match line[i..].find(close) {
                Some(at) => {
                    text.push((i, i + at));
                    i += at + close.len();
                    start = i;
                    *in_multiline = None;
                    continue;
                }
                None => {
                    text.push((i, bytes.len()));
                    return (code, text);
                }
            }
        }
        match bytes[i] {
            b'#' => {
                code.push((start, i));
                text.push((i, bytes.len()));
                return (code, text);
            }
            quote @ (b'"' | b'\'') => {
                code.push((start, i));
                let triple = if quote == b'"' { "\"\"\"" } else { "'''" };
                if line[i..].starts_with(triple) {
                    *in_multiline = Some(triple);
                    i += 3;
                    start = i;
                    continue;
                }
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != quote {
                    j += if quote == b'"' && bytes[j] == b'\\' {
                        2
                    } else {
                        1
                    };
                }
                text.push((i, j.min(bytes.len())));
                i = (j + 1).min(bytes.len());
                start = i;
            }
            _ => i += 1,
        }
    }
    code.push((start, bytes.len()));
    (code, text)
}

/// Whether the byte before `at` ends a token (so `2022-01-01` inside `x2022-01-01`
/// is not a date).
fn boundary_before(s: &str, at: usize) -> bool {
    at == 0 || !s.as_bytes()[at - 1].is_ascii_alphanumeric() && s.as_bytes()[at - 1] != b'-'
}

/// Moves every date and period-label key of `text` by `years`; the year of the
/// plan being moved is `old_year` (its mentions in strings and comments are listed).
pub fn move_years(text: &str, years: i32, old_year: i32) -> Moved {
    let mut moved = Moved::default();
    let mut out = String::with_capacity(text.len());
    let mut multiline = None;
    let old = old_year.to_string();
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let number = n + 1;
        let (code, strings) = code_ranges(line, &mut multiline);
        if strings.iter().any(|&(a, b)| line[a..b].contains(&old)) {
            moved.mentions.push(number);
        }
        if strings.iter().any(|&(a, b)| {
            let t = line[a..b].to_uppercase();
            line[a..].starts_with('#') && (t.contains("ASSUMPTION") || t.contains("GIẢ ĐỊNH"))
        }) {
            moved.assumptions.push(number);
        }
        let mut last = 0;
        for (a, b) in code {
            out.push_str(&line[last..a]);
            out.push_str(&move_tokens(&line[a..b], years, number, &mut moved));
            last = b;
        }
        out.push_str(&line[last..]);
    }
    moved.text = out;
    moved
}

/// Moves the dates (`2022-05-31`) and label keys (`2022-H1 =`) of one piece of code.
fn move_tokens(code: &str, years: i32, line: usize, moved: &mut Moved) -> String {
    let mut out = String::with_capacity(code.len());
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts_year = i + 4 <= bytes.len()
            && bytes[i..i + 4].iter().all(u8::is_ascii_digit)
            && boundary_before(code, i);
        if !starts_year {
            let c = code[i..].chars().next().expect("in bounds");
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        // The token: digits, letters and '-' from here.
        let end = code[i..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(code.len(), |e| i + e);
        let token = &code[i..end];
        if let Some(date) = crate::date_arg::parse_iso(token) {
            let to = move_date(date, years);
            moved.dates.push((line, date, to));
            out.push_str(&to.format("%Y-%m-%d").to_string());
        } else if code[end..].trim_start().starts_with('=')
            && let Ok(key) = parse_label(token)
            && let Some(to) = key.moved_by_years(years)
        {
            moved.labels.push((line, token.to_string(), to.to_string()));
            out.push_str(&to.to_string());
        } else {
            out.push_str(token);
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn dates_and_due_labels_move_strings_and_comments_stay() {
        let text = "[plan]\ntitle = \"Kế hoạch năm 2022 (2022-01-01)\" # ASSUMPTION: 2022\nstart = 2022-01-01\nend=2022-12-31\n[[rule]]\ndues = { 2022-H1 = 2022-05-31, 2022-H2 = 2022-11-30 }\nid = \"x2022-01-01\"\n";
        let moved = move_years(text, 1, 2022);
        assert_eq!(
            moved.text,
            "[plan]\ntitle = \"Kế hoạch năm 2022 (2022-01-01)\" # ASSUMPTION: 2022\nstart = 2023-01-01\nend=2023-12-31\n[[rule]]\ndues = { 2023-H1 = 2023-05-31, 2023-H2 = 2023-11-30 }\nid = \"x2022-01-01\"\n"
        );
        assert_eq!(moved.dates.len(), 4);
        assert_eq!(moved.labels.len(), 2);
        assert_eq!(
            moved.mentions,
            [2, 7],
            "strings naming the old year, for review"
        );
        assert_eq!(moved.assumptions, [2]);
    }

    #[test]
    fn a_leap_day_becomes_the_28th() {
        assert_eq!(move_date(d("2024-02-29"), 1), d("2025-02-28"));
        assert_eq!(move_date(d("2023-02-28"), 1), d("2024-02-28"));
        let moved = move_years("due = 2024-02-29\n", 1, 2024);
        assert_eq!(moved.text, "due = 2025-02-28\n");
    }

    #[test]
    fn multiline_strings_are_left_alone() {
        let text = "note = \"\"\"\n2022-01-01\n\"\"\"\nstart = 2022-01-01\n";
        assert_eq!(
            move_years(text, 2, 2022).text,
            "note = \"\"\"\n2022-01-01\n\"\"\"\nstart = 2024-01-01\n"
        );
    }
}
