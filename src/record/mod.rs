//! The records: articles, broadcasts, submissions (plans and reports), activities,
//! and the voids that correct them, each as one JSON object per line.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveTime};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::StoreError;
use crate::plan::RecordKind;

mod view;

pub use view::{Text, View, owned_view, parse_view};

/// One of the three JSON Lines files of the data directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DataFile {
    Articles,
    Broadcasts,
    Submissions,
    Activities,
}

impl DataFile {
    pub const ALL: [DataFile; 4] = [
        DataFile::Articles,
        DataFile::Broadcasts,
        DataFile::Submissions,
        DataFile::Activities,
    ];

    pub fn file_name(self) -> &'static str {
        match self {
            DataFile::Articles => "articles.jsonl",
            DataFile::Broadcasts => "broadcasts.jsonl",
            DataFile::Submissions => "submissions.jsonl",
            DataFile::Activities => "activities.jsonl",
        }
    }

    /// The letter of the ids cchc gives to lines of this file (`A12`, `B3`, `S7`);
    /// distinct letters keep ids unique across the data directory.
    pub fn id_prefix(self) -> char {
        match self {
            DataFile::Articles => 'A',
            DataFile::Broadcasts => 'B',
            DataFile::Submissions => 'S',
            DataFile::Activities => 'H',
        }
    }

    /// The file that holds records of `kind`.
    pub fn of(kind: RecordKind) -> DataFile {
        match kind {
            RecordKind::Article => DataFile::Articles,
            RecordKind::Broadcast => DataFile::Broadcasts,
            RecordKind::Plan | RecordKind::Report => DataFile::Submissions,
            RecordKind::Activity => DataFile::Activities,
        }
    }
}

/// A news item posted on the district portal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub unit: String,
    #[serde(with = "iso_date")]
    pub date: NaiveDate,
    pub title: String,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Where it appeared (a plan channel id); none on first-edition records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// The day the unit sent it, when known (not after `date`).
    #[serde(
        default,
        with = "iso_date::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub sent: Option<NaiveDate>,
    pub logged_at: String,
}

/// A radio broadcast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Broadcast {
    pub id: String,
    pub unit: String,
    #[serde(with = "iso_date")]
    pub date: NaiveDate,
    /// When it started, `HH:MM`.
    #[serde(with = "clock")]
    pub time: NaiveTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    pub title: String,
    /// Where it was broadcast (a plan channel id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    pub logged_at: String,
}

/// What a submission is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SubmissionKind {
    Plan,
    Report,
}

impl SubmissionKind {
    pub fn record(self) -> RecordKind {
        match self {
            SubmissionKind::Plan => RecordKind::Plan,
            SubmissionKind::Report => RecordKind::Report,
        }
    }
}

/// A unit's plan, or its report for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    pub id: String,
    pub unit: String,
    pub kind: SubmissionKind,
    /// The period a report is for, e.g. `2022-Q1`; none for plans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    #[serde(with = "iso_date")]
    pub date: NaiveDate,
    /// The document number, e.g. `15/KH-UBND`.
    #[serde(default, rename = "ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The rule it fulfils; first-edition lines have none (see `fact::target_rule`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    pub logged_at: String,
}

/// Other work a plan counts: a conference, a training, a contest, banners ...
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub id: String,
    pub unit: String,
    #[serde(with = "iso_date")]
    pub date: NaiveDate,
    /// A plan activity id.
    pub activity: String,
    pub title: String,
    /// How many (sessions, banners ...), at least 1.
    #[serde(default = "one")]
    pub count: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participants: Option<u32>,
    pub logged_at: String,
}

fn one() -> u32 {
    1
}

/// One record of any kind, as `log` and `import` write it: what the two share
/// (its file, id, unit, date, line) is answered here once, not per kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Article(Article),
    Broadcast(Broadcast),
    Submission(Submission),
    Activity(Activity),
}

impl Record {
    /// What kind of record it is (a submission is a plan or a report).
    pub fn kind(&self) -> RecordKind {
        match self {
            Record::Article(_) => RecordKind::Article,
            Record::Broadcast(_) => RecordKind::Broadcast,
            Record::Submission(s) => s.kind.record(),
            Record::Activity(_) => RecordKind::Activity,
        }
    }

    /// The file it is written to.
    pub fn file(&self) -> DataFile {
        DataFile::of(self.kind())
    }

    fn head(&self) -> (&str, &str, NaiveDate) {
        match self {
            Record::Article(a) => (&a.id, &a.unit, a.date),
            Record::Broadcast(b) => (&b.id, &b.unit, b.date),
            Record::Submission(s) => (&s.id, &s.unit, s.date),
            Record::Activity(h) => (&h.id, &h.unit, h.date),
        }
    }

    pub fn id(&self) -> &str {
        self.head().0
    }

    pub fn unit(&self) -> &str {
        self.head().1
    }

    pub fn date(&self) -> NaiveDate {
        self.head().2
    }

    /// Gives it the id it is written under.
    pub fn set_id(&mut self, id: String) {
        match self {
            Record::Article(a) => a.id = id,
            Record::Broadcast(b) => b.id = id,
            Record::Submission(s) => s.id = id,
            Record::Activity(h) => h.id = id,
        }
    }

    /// Its line in the data file (without the newline).
    pub fn to_line(&self) -> serde_json::Result<String> {
        match self {
            Record::Article(a) => serde_json::to_string(a),
            Record::Broadcast(b) => serde_json::to_string(b),
            Record::Submission(s) => serde_json::to_string(s),
            Record::Activity(h) => serde_json::to_string(h),
        }
    }
}

/// A correction: the record `void` no longer counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Void {
    pub id: String,
    pub void: String,
    pub reason: String,
    pub logged_at: String,
}

/// One line of a data file: a record of the file's type, or a void.
#[derive(Debug, Clone, PartialEq)]
pub enum Line<T> {
    Record(T),
    Void(Void),
}

/// Parses one line of a data file. A line with a `void` key is a void; anything else
/// must be a record of type `T`. Unknown keys are ignored. The error names the field.
pub fn parse_line<T: DeserializeOwned>(text: &str) -> Result<Line<T>, String> {
    if !text.trim_start().starts_with('{') {
        return Err("not a JSON object (expected {...} on one line)".into());
    }
    // Unknown fields are skipped, never decoded: the same as the fast reader does
    // (`parse_view`), so both accept exactly the same lines.
    #[derive(Deserialize)]
    struct Probe {
        #[serde(default)]
        void: Option<serde::de::IgnoredAny>,
    }
    let probe: Probe = serde_json::from_str(text).map_err(|e| format!("not a JSON object: {e}"))?;
    let describe = |e: serde_path_to_error::Error<serde_json::Error>| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        if path == "." || inner.starts_with("missing field") {
            inner
        } else {
            format!("field `{path}`: {inner}")
        }
    };
    let mut reader = serde_json::Deserializer::from_str(text);
    if probe.void.is_some() {
        serde_path_to_error::deserialize(&mut reader)
            .map(Line::Void)
            .map_err(describe)
    } else {
        serde_path_to_error::deserialize(&mut reader)
            .map(Line::Record)
            .map_err(describe)
    }
}

/// Where a value was read: file and 1-based line.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub file: DataFile,
    pub line: usize,
    pub value: T,
}

/// Everything read from a data directory.
#[derive(Debug, Clone, Default)]
pub struct Records {
    pub articles: Vec<Located<Article>>,
    pub broadcasts: Vec<Located<Broadcast>>,
    pub submissions: Vec<Located<Submission>>,
    pub activities: Vec<Located<Activity>>,
    pub voids: Vec<Located<Void>>,
    voided: HashSet<String>,
}

impl Records {
    pub fn new(
        articles: Vec<Located<Article>>,
        broadcasts: Vec<Located<Broadcast>>,
        submissions: Vec<Located<Submission>>,
        voids: Vec<Located<Void>>,
    ) -> Records {
        let voided = voids.iter().map(|v| v.value.void.clone()).collect();
        Records {
            articles,
            broadcasts,
            submissions,
            activities: Vec::new(),
            voids,
            voided,
        }
    }

    /// The same records with these activities.
    pub fn with_activities(mut self, activities: Vec<Located<Activity>>) -> Records {
        self.activities = activities;
        self
    }

    /// Whether a void names this id.
    pub fn is_voided(&self, id: &str) -> bool {
        self.voided.contains(id)
    }

    pub fn active_articles(&self) -> impl Iterator<Item = &Article> {
        self.articles
            .iter()
            .map(|l| &l.value)
            .filter(|a| !self.is_voided(&a.id))
    }

    pub fn active_broadcasts(&self) -> impl Iterator<Item = &Broadcast> {
        self.broadcasts
            .iter()
            .map(|l| &l.value)
            .filter(|b| !self.is_voided(&b.id))
    }

    pub fn active_submissions(&self) -> impl Iterator<Item = &Submission> {
        self.submissions
            .iter()
            .map(|l| &l.value)
            .filter(|s| !self.is_voided(&s.id))
    }

    pub fn active_activities(&self) -> impl Iterator<Item = &Activity> {
        self.activities
            .iter()
            .map(|l| &l.value)
            .filter(|h| !self.is_voided(&h.id))
    }

    /// Every id in use in the directory: records and voids.
    pub fn ids(&self) -> impl Iterator<Item = (&str, DataFile, usize)> {
        let articles = self
            .articles
            .iter()
            .map(|l| (l.value.id.as_str(), l.file, l.line));
        let broadcasts = self
            .broadcasts
            .iter()
            .map(|l| (l.value.id.as_str(), l.file, l.line));
        let submissions = self
            .submissions
            .iter()
            .map(|l| (l.value.id.as_str(), l.file, l.line));
        let activities = self
            .activities
            .iter()
            .map(|l| (l.value.id.as_str(), l.file, l.line));
        let voids = self
            .voids
            .iter()
            .map(|l| (l.value.id.as_str(), l.file, l.line));
        articles
            .chain(broadcasts)
            .chain(submissions)
            .chain(activities)
            .chain(voids)
    }

    /// The file and kind of the record with this id (voids are not records).
    pub fn find_record(&self, id: &str) -> Option<(DataFile, RecordKind)> {
        if self.articles.iter().any(|l| l.value.id == id) {
            return Some((DataFile::Articles, RecordKind::Article));
        }
        if self.broadcasts.iter().any(|l| l.value.id == id) {
            return Some((DataFile::Broadcasts, RecordKind::Broadcast));
        }
        if self.activities.iter().any(|l| l.value.id == id) {
            return Some((DataFile::Activities, RecordKind::Activity));
        }
        self.submissions
            .iter()
            .find(|l| l.value.id == id)
            .map(|l| (DataFile::Submissions, l.value.kind.record()))
    }

    /// The number of the next id of `file`: one more than the highest number any id
    /// with the file's letter has had (so no number is reused, even after a void).
    /// Ids for `count` new lines are this number and the ones after it.
    pub fn next_number(&self, file: DataFile, count: usize) -> Result<u64, StoreError> {
        let prefix = file.id_prefix();
        let highest = self
            .ids()
            .filter_map(|(id, _, _)| id.strip_prefix(prefix)?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        first_free_number(file, highest, count)
    }
}

/// The first of `count` numbers after `highest` for new ids of `file`; an error
/// when they would pass `u64::MAX` (an id written by hand or by another tool):
/// counting on would repeat ids (it saturated, and every `log` got the same one),
/// and an id is never reused, so nothing is written (as SQLite's AUTOINCREMENT
/// fails with SQLITE_FULL rather than reuse a rowid).
pub fn first_free_number(file: DataFile, highest: u64, count: usize) -> Result<u64, StoreError> {
    let count = u64::try_from(count.max(1)).unwrap_or(u64::MAX);
    match highest.checked_add(count) {
        Some(_) => Ok(highest + 1),
        None => Err(StoreError::NoIdLeft {
            file: file.file_name().to_string(),
            highest: format!("{}{highest}", file.id_prefix()),
        }),
    }
}

/// `"YYYY-MM-DD"`, exactly.
pub mod iso_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&date.format("%Y-%m-%d"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = super::Text::deserialize(d)?.0;
        parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("`{text}` is not a date written YYYY-MM-DD"))
        })
    }

    /// The same for an optional date (`null` or absent: none).
    pub mod optional {
        use chrono::NaiveDate;
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
            match date {
                Some(date) => super::serialize(date, s),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
            let text: Option<super::super::Text> = Option::deserialize(d)?;
            text.map(|t| {
                super::parse(&t).ok_or_else(|| {
                    serde::de::Error::custom(format!("`{}` is not a date written YYYY-MM-DD", &*t))
                })
            })
            .transpose()
        }
    }

    /// A date written exactly `YYYY-MM-DD` (see [`crate::date_arg::parse_iso`]).
    pub fn parse(text: &str) -> Option<NaiveDate> {
        crate::date_arg::parse_iso(text)
    }
}

/// `"HH:MM"`.
pub mod clock {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(time: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&time.format("%H:%M"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
        let text = super::Text::deserialize(d)?.0;
        crate::plan::parse_clock(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn articles_read_with_unknown_fields_ignored() {
        let line = r#"{"id":"A1","unit":"noi-vu","date":"2022-03-15","title":"T","topics":["x"],"logged_at":"2022-03-15T08:00:00+07:00","extra":1}"#;
        let Line::Record(a) = parse_line::<Article>(line).unwrap() else {
            panic!()
        };
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2022, 3, 15).unwrap());
        assert_eq!(a.topics, ["x"]);
    }

    #[test]
    fn a_line_with_void_is_a_void() {
        let line =
            r#"{"id":"A2","void":"A1","reason":"typo","logged_at":"2022-03-15T08:00:00+07:00"}"#;
        assert!(matches!(parse_line::<Article>(line), Ok(Line::Void(v)) if v.void == "A1"));
    }

    #[test]
    fn errors_name_the_field() {
        let line = r#"{"id":"A1","unit":"noi-vu","date":"15/3/2022","title":"T","logged_at":"x"}"#;
        let err = parse_line::<Article>(line).unwrap_err();
        assert!(err.contains("field `date`"), "{err}");
        let line = r#"{"id":"A1","unit":"noi-vu","date":"2022-03-15","title":5,"logged_at":"x"}"#;
        assert!(
            parse_line::<Article>(line)
                .unwrap_err()
                .contains("field `title`")
        );
        let line = r#"{"id":"A1","unit":"noi-vu","date":"2022-03-15","logged_at":"x"}"#;
        assert!(
            parse_line::<Article>(line)
                .unwrap_err()
                .contains("missing field `title`")
        );
        assert!(
            parse_line::<Article>("[1]")
                .unwrap_err()
                .contains("not a JSON object")
        );
        assert!(parse_line::<Article>("{\"id\":").is_err());
        let deep = "[".repeat(10_000);
        assert!(parse_line::<Article>(&deep).is_err());
        let line = r#"{"id":"B1","unit":"u","date":"2022-03-15","time":"25:00","title":"T","logged_at":"x"}"#;
        assert!(
            parse_line::<Broadcast>(line)
                .unwrap_err()
                .contains("field `time`")
        );
    }

    #[test]
    fn next_ids_never_reuse_a_number() {
        let void = Void {
            id: "A7".into(),
            void: "A3".into(),
            reason: "r".into(),
            logged_at: "x".into(),
        };
        let records = Records::new(
            vec![],
            vec![],
            vec![],
            vec![Located {
                file: DataFile::Articles,
                line: 1,
                value: void,
            }],
        );
        assert_eq!(records.next_number(DataFile::Articles, 1).unwrap(), 8);
        assert_eq!(records.next_number(DataFile::Broadcasts, 1).unwrap(), 1);
    }

    /// Regression (fuzz/regressions/record_line/crash-071b6892): a lone surrogate
    /// escape in an unknown field failed the strict reader (which decoded every
    /// value) but passed the fast one (which skips unknown values).
    #[test]
    fn unknown_fields_are_skipped_alike_by_both_readers() {
        let line = r#"{"id":"A3","unit":"u","date":"2022-01-12","title":"T","logged_at":"x","note":"\udbbb"}"#;
        assert!(parse_line::<Article>(line).is_ok());
        assert!(parse_view(DataFile::Articles, line).is_ok());
    }

    #[test]
    fn views_accept_exactly_what_parse_line_accepts() {
        let lines = [
            r#"{"id":"A1","unit":"u","date":"2022-03-15","title":"T \"q\"","topics":["x"],"url":"https://a","logged_at":"x"}"#,
            r#"{"id":"A1","unit":"u","date":"2022-03-15","title":"T","logged_at":"x","extra":{"deep":[1,2]}}"#,
            r#"{"id":"A2","void":"A1","reason":"r","logged_at":"x"}"#,
            r#"{"id":"A1","unit":"u","date":"2022-03-15","title":"T","logged_at":"x","void":"A0","reason":"r"}"#,
            r#"{"id":"A1","unit":"u","date":"2022-03-15","title":"T","logged_at":"x","title":"again"}"#,
            r#"{"id":"A1","unit":"u","date":"15/3/2022","title":"T","logged_at":"x"}"#,
            r#"{"id":"A1","unit":"u","date":"2022-03-15","logged_at":"x"}"#,
            r#"{"id":"B1","unit":"u","date":"2022-03-15","time":"17:00","minutes":5,"title":"T","logged_at":"x"}"#,
            r#"{"id":"B1","unit":"u","date":"2022-03-15","time":"17:00","minutes":-5,"title":"T","logged_at":"x"}"#,
            r#"{"id":"S1","unit":"u","kind":"report","period":"2022-Q1","date":"2022-03-15","ref":"1/BC","logged_at":"x"}"#,
            r#"{"id":"S1","unit":"u","kind":"memo","date":"2022-03-15","logged_at":"x"}"#,
            r#"{"id":"S2","unit":"u","kind":"plan","date":"2022-03-15","rule":"r","logged_at":"x"}"#,
            r#"{"id":"A2","unit":"u","date":"2022-03-15","title":"T","channel":"c","sent":"2022-03-10","logged_at":"x"}"#,
            r#"{"id":"A3","unit":"u","date":"2022-03-15","title":"T","sent":"10/3/2022","logged_at":"x"}"#,
            r#"{"id":"H1","unit":"u","date":"2022-03-15","activity":"hoi-nghi","title":"T","count":2,"participants":40,"logged_at":"x"}"#,
            r#"{"id":"H2","unit":"u","date":"2022-03-15","activity":"hoi-nghi","title":"T","logged_at":"x"}"#,
            r#"{"id":"H3","unit":"u","date":"2022-03-15","activity":"hoi-nghi","title":"T","count":-1,"logged_at":"x"}"#,
            "[1]",
            "{",
        ];
        for line in lines {
            for file in DataFile::ALL {
                let strict = match file {
                    DataFile::Articles => parse_line::<Article>(line).map(|l| match l {
                        Line::Record(a) => a.id,
                        Line::Void(v) => v.id,
                    }),
                    DataFile::Broadcasts => parse_line::<Broadcast>(line).map(|l| match l {
                        Line::Record(b) => b.id,
                        Line::Void(v) => v.id,
                    }),
                    DataFile::Submissions => parse_line::<Submission>(line).map(|l| match l {
                        Line::Record(s) => s.id,
                        Line::Void(v) => v.id,
                    }),
                    DataFile::Activities => parse_line::<Activity>(line).map(|l| match l {
                        Line::Record(h) => h.id,
                        Line::Void(v) => v.id,
                    }),
                };
                let view = parse_view(file, line).map(|v| v.id().to_string());
                assert_eq!(view, strict, "{file:?} {line}");
                let is_void = matches!(parse_view(file, line), Ok(View::Void { .. }));
                let strict_void = matches!(parse_line::<Article>(line), Ok(Line::Void(_)));
                assert_eq!(is_void, strict_void, "{line}");
            }
        }
    }

    proptest! {
        #[test]
        fn articles_round_trip(title in "\\PC{0,40}", unit in "[a-z-]{1,12}", day in 0i64..3000,
                               topics in proptest::collection::vec("[a-z-]{1,8}", 0..3),
                               url in proptest::option::of("https://[a-z]{1,10}\\.vn/[a-z0-9]{0,8}")) {
            let a = Article {
                id: "A1".into(), unit, title, topics, url, channel: None, sent: None,
                date: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(day),
                logged_at: "2022-03-15T08:00:00+07:00".into(),
            };
            let line = serde_json::to_string(&a).unwrap();
            prop_assert!(!line.contains('\n'));
            prop_assert_eq!(parse_line::<Article>(&line), Ok(Line::Record(a)));
        }
    }
}
