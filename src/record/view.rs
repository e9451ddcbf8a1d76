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
    if file == DataFile::Articles
        && let Some(view) = canonical_article(text)
    {
        return Ok(view);
    }
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
    owned_view(file, text)
}

/// A line read by the strict reader ([`parse_line`]), as a view owning its text:
/// what [`parse_view`] must agree with.
pub fn owned_view(file: DataFile, text: &str) -> Result<View<'static>, String> {
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

/// An article line exactly as cchc writes it — the keys in the order of
/// [`Article`], no space, no escape in a string — read without serde: a million
/// such lines are what `report` spends its time on. Anything else (a hand-edited
/// line, an escaped quote, another tool's key order) gives `None` and is read by
/// serde, so the lines accepted and the values read are the same either way (the
/// `record_line` fuzz target and the tests below hold them equal).
fn canonical_article(text: &str) -> Option<View<'_>> {
    // Escapes and raw control characters (which JSON forbids in strings) are
    // serde's business: one look at the whole line, then strings are found by
    // their closing quote alone.
    if memchr::memchr(b'\\', text.as_bytes()).is_some() || has_control(text.as_bytes()) {
        return None;
    }
    let mut c = Cursor(text);
    c.eat("{\"id\":")?;
    let id = c.string()?;
    c.eat(",\"unit\":")?;
    let unit = c.string()?;
    c.eat(",\"date\":")?;
    let date = super::iso_date::parse(c.string()?)?;
    c.eat(",\"title\":")?;
    let title = c.string()?;
    c.eat(",\"topics\":[")?;
    let mut topics = Vec::new();
    if c.eat("]").is_none() {
        loop {
            topics.push(borrowed(c.string()?));
            if c.eat("]").is_some() {
                break;
            }
            c.eat(",")?;
        }
    }
    let url = match c.eat(",\"url\":") {
        Some(()) => Some(c.string()?),
        None => None,
    };
    let channel = match c.eat(",\"channel\":") {
        Some(()) => Some(c.string()?),
        None => None,
    };
    let sent = match c.eat(",\"sent\":") {
        Some(()) => Some(super::iso_date::parse(c.string()?)?),
        None => None,
    };
    c.eat(",\"logged_at\":")?;
    c.string()?;
    c.eat("}")?;
    if !c.0.is_empty() {
        return None;
    }
    fn borrowed(s: &str) -> Text<'_> {
        Text(std::borrow::Cow::Borrowed(s))
    }
    Some(View::Article {
        id: borrowed(id),
        unit: borrowed(unit),
        date,
        title: borrowed(title),
        topics,
        url: url.map(borrowed),
        channel: channel.map(borrowed),
        sent,
    })
}

/// What is left of a line being read by [`canonical_article`].
struct Cursor<'a>(&'a str);

impl<'a> Cursor<'a> {
    /// Steps over `expected`, which must come next.
    fn eat(&mut self, expected: &str) -> Option<()> {
        self.0 = self.0.strip_prefix(expected)?;
        Some(())
    }

    /// A JSON string (the line has no escape and no control character).
    fn string(&mut self) -> Option<&'a str> {
        let rest = self.0.strip_prefix('"')?;
        let end = memchr::memchr(b'"', rest.as_bytes())?;
        self.0 = &rest[end + 1..];
        Some(&rest[..end])
    }
}

/// Whether `bytes` hold a byte below 0x20, eight at a time.
fn has_control(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // A byte b < 0x20 sets its high bit in (b - 0x20) & !b.
        if word.wrapping_sub(ONES * 0x20) & !word & HIGHS != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| b < 0x20)
}

#[cfg(test)]
mod canonical_tests {
    use super::*;
    use proptest::prelude::*;

    fn article() -> impl Strategy<Value = Article> {
        let text = "[a-zA-Z0-9 ĐđạẢ\"\\\\/\\n\\t-]{0,12}";
        (
            text,
            text,
            0i64..3000,
            text,
            proptest::collection::vec(text, 0..3),
            proptest::option::of(text),
            proptest::option::of(text),
            proptest::option::of(0i64..3000),
        )
            .prop_map(|(id, unit, day, title, topics, url, channel, sent)| {
                let date =
                    |d| NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(d);
                Article {
                    id,
                    unit,
                    date: date(day),
                    title,
                    topics,
                    url,
                    channel,
                    sent: sent.map(date),
                    logged_at: "2022-01-01T00:00:00+07:00".into(),
                }
            })
    }

    proptest! {
        #[test]
        fn control_bytes_are_found_eight_at_a_time(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            prop_assert_eq!(has_control(&bytes), bytes.iter().any(|&b| b < 0x20));
        }

        /// Every article cchc writes reads back the same by the canonical path as by
        /// serde; an escaped or reordered line takes serde's path.
        #[test]
        fn the_canonical_path_reads_what_serde_reads(a in article(), cut in 0usize..200) {
            let line = serde_json::to_string(&a).unwrap();
            let strict = owned_view(DataFile::Articles, &line).unwrap();
            let escaped = line.contains('\\');
            match canonical_article(&line) {
                Some(view) => {
                    prop_assert!(!escaped);
                    prop_assert_eq!(view, strict.clone());
                }
                None => prop_assert!(escaped, "{}", line),
            }
            prop_assert_eq!(parse_view(DataFile::Articles, &line).unwrap(), strict);
            // A cut line, or one with a space, is never taken for a record by this path
            // unless serde takes it too.
            let cut = &line[..line.floor_char_boundary(cut.min(line.len()))];
            if let Some(view) = canonical_article(cut) {
                prop_assert_eq!(Ok(view), owned_view(DataFile::Articles, cut));
            }
            let spaced = line.replacen(':', ": ", 1);
            prop_assert!(canonical_article(&spaced).is_none());
        }
    }
}
