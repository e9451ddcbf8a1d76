//! Borrowed views of data lines for the fast readers (`crate::scan`): the fields
//! counting and duplicate checks need, borrowed from the line, with the same types
//! and the same acceptance as the owned records of the parent module.

use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;

use super::{
    Activity, Article, Broadcast, DataFile, Line, Submission, SubmissionKind, clock, iso_date,
    parse_line,
};

/// A JSON string, borrowed from the line when it has no escapes (serde's own `Cow`
/// always copies). The fast readers use it so that reading allocates nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text<'a>(pub std::borrow::Cow<'a, str>);

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visitor<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Text(std::borrow::Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Text(std::borrow::Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(Text(std::borrow::Cow::Owned(v)))
            }
        }
        d.deserialize_str(Visitor(std::marker::PhantomData))
    }
}

/// What the fast readers need of a line, borrowed from it: the same fields and
/// types as the owned records, so a line is accepted exactly when [`parse_line`]
/// accepts it (see [`parse_view`]).
#[derive(Debug, Clone, PartialEq)]
pub enum View<'a> {
    Article {
        id: Text<'a>,
        unit: Text<'a>,
        date: NaiveDate,
        title: Text<'a>,
        topics: Vec<Text<'a>>,
        url: Option<Text<'a>>,
        channel: Option<Text<'a>>,
        sent: Option<NaiveDate>,
    },
    Broadcast {
        id: Text<'a>,
        unit: Text<'a>,
        date: NaiveDate,
        time: NaiveTime,
        minutes: Option<u32>,
        channel: Option<Text<'a>>,
    },
    Submission {
        id: Text<'a>,
        unit: Text<'a>,
        kind: SubmissionKind,
        period: Option<Text<'a>>,
        date: NaiveDate,
        rule: Option<Text<'a>>,
    },
    Activity {
        id: Text<'a>,
        unit: Text<'a>,
        date: NaiveDate,
        activity: Text<'a>,
        count: u32,
        participants: Option<u32>,
    },
    Void {
        id: Text<'a>,
        void: Text<'a>,
    },
}

impl View<'_> {
    pub fn id(&self) -> &str {
        match self {
            View::Article { id, .. }
            | View::Broadcast { id, .. }
            | View::Submission { id, .. }
            | View::Activity { id, .. }
            | View::Void { id, .. } => id,
        }
    }
}

#[derive(Deserialize)]
struct ArticleView<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    #[serde(borrow)]
    unit: Text<'a>,
    #[serde(with = "iso_date")]
    date: NaiveDate,
    #[serde(borrow)]
    title: Text<'a>,
    #[serde(default, borrow)]
    topics: Vec<Text<'a>>,
    #[serde(default, borrow)]
    url: Option<Text<'a>>,
    #[serde(default, borrow)]
    channel: Option<Text<'a>>,
    #[serde(default, with = "iso_date::optional")]
    sent: Option<NaiveDate>,
    #[serde(borrow, rename = "logged_at")]
    _logged_at: Text<'a>,
    #[serde(default, rename = "void")]
    void_key: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
struct BroadcastView<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    #[serde(borrow)]
    unit: Text<'a>,
    #[serde(with = "iso_date")]
    date: NaiveDate,
    #[serde(with = "clock")]
    time: NaiveTime,
    #[serde(default)]
    minutes: Option<u32>,
    #[serde(borrow, rename = "title")]
    _title: Text<'a>,
    #[serde(default, borrow)]
    channel: Option<Text<'a>>,
    #[serde(borrow, rename = "logged_at")]
    _logged_at: Text<'a>,
    #[serde(default, rename = "void")]
    void_key: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
struct SubmissionView<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    #[serde(borrow)]
    unit: Text<'a>,
    kind: SubmissionKind,
    #[serde(default, borrow)]
    period: Option<Text<'a>>,
    #[serde(with = "iso_date")]
    date: NaiveDate,
    #[serde(default, borrow, rename = "ref")]
    _reference: Option<Text<'a>>,
    #[serde(default, borrow)]
    rule: Option<Text<'a>>,
    #[serde(borrow, rename = "logged_at")]
    _logged_at: Text<'a>,
    #[serde(default, rename = "void")]
    void_key: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
struct ActivityView<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    #[serde(borrow)]
    unit: Text<'a>,
    #[serde(with = "iso_date")]
    date: NaiveDate,
    #[serde(borrow)]
    activity: Text<'a>,
    #[serde(borrow, rename = "title")]
    _title: Text<'a>,
    #[serde(default = "super::one")]
    count: u32,
    #[serde(default)]
    participants: Option<u32>,
    #[serde(borrow, rename = "logged_at")]
    _logged_at: Text<'a>,
    #[serde(default, rename = "void")]
    void_key: Option<serde::de::IgnoredAny>,
}

/// Reads a line of `file` as a borrowed [`View`]. The common case (a well-formed
/// record) is one pass over the line with no allocation; anything else goes
/// through [`parse_line`], so the outcome and the error message are the same.
pub fn parse_view(file: DataFile, text: &str) -> Result<View<'_>, String> {
    let fast = match file {
        DataFile::Articles => serde_json::from_str::<ArticleView>(text)
            .ok()
            .filter(|v| v.void_key.is_none())
            .map(|v| View::Article {
                id: v.id,
                unit: v.unit,
                date: v.date,
                title: v.title,
                topics: v.topics,
                url: v.url,
                channel: v.channel,
                sent: v.sent,
            }),
        DataFile::Broadcasts => serde_json::from_str::<BroadcastView>(text)
            .ok()
            .filter(|v| v.void_key.is_none())
            .map(|v| View::Broadcast {
                id: v.id,
                unit: v.unit,
                date: v.date,
                time: v.time,
                minutes: v.minutes,
                channel: v.channel,
            }),
        DataFile::Submissions => serde_json::from_str::<SubmissionView>(text)
            .ok()
            .filter(|v| v.void_key.is_none())
            .map(|v| View::Submission {
                id: v.id,
                unit: v.unit,
                kind: v.kind,
                period: v.period,
                date: v.date,
                rule: v.rule,
            }),
        DataFile::Activities => serde_json::from_str::<ActivityView>(text)
            .ok()
            .filter(|v| v.void_key.is_none())
            .map(|v| View::Activity {
                id: v.id,
                unit: v.unit,
                date: v.date,
                activity: v.activity,
                count: v.count,
                participants: v.participants,
            }),
    };
    if let Some(view) = fast {
        return Ok(view);
    }
    let owned = |s: String| Text(std::borrow::Cow::Owned(s));
    let void = |v: super::Void| View::Void {
        id: owned(v.id),
        void: owned(v.void),
    };
    Ok(match file {
        DataFile::Articles => match parse_line::<Article>(text)? {
            Line::Record(a) => View::Article {
                id: owned(a.id),
                unit: owned(a.unit),
                date: a.date,
                title: owned(a.title),
                topics: a.topics.into_iter().map(owned).collect(),
                url: a.url.map(owned),
                channel: a.channel.map(owned),
                sent: a.sent,
            },
            Line::Void(v) => void(v),
        },
        DataFile::Broadcasts => match parse_line::<Broadcast>(text)? {
            Line::Record(b) => View::Broadcast {
                id: owned(b.id),
                unit: owned(b.unit),
                date: b.date,
                time: b.time,
                minutes: b.minutes,
                channel: b.channel.map(owned),
            },
            Line::Void(v) => void(v),
        },
        DataFile::Submissions => match parse_line::<Submission>(text)? {
            Line::Record(s) => View::Submission {
                id: owned(s.id),
                unit: owned(s.unit),
                kind: s.kind,
                period: s.period.map(owned),
                date: s.date,
                rule: s.rule.map(owned),
            },
            Line::Void(v) => void(v),
        },
        DataFile::Activities => match parse_line::<Activity>(text)? {
            Line::Record(h) => View::Activity {
                id: owned(h.id),
                unit: owned(h.unit),
                date: h.date,
                activity: owned(h.activity),
                count: h.count,
                participants: h.participants,
            },
            Line::Void(v) => void(v),
        },
    })
}
