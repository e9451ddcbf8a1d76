//! One builder per record kind: a new record from its fields as a person typed
//! them — `log`'s flags, a row of a list a unit sent — checked against the plan it
//! belongs to, field by field, by [`super::checks`]. `log` and `import` both build
//! through here, so a field is checked, and a refusal worded, the same way
//! wherever it comes from; only the name of the field differs (`--date`, or the
//! column `date`).

use std::collections::HashMap;

use anyhow::Result;
use chrono::NaiveDate;

use super::checks::{
    check_activity, check_channel, check_reference, check_report_period, check_rule, check_sent,
    check_title, check_url, find_unit, record_date, sole_broadcaster, topics_in_cell,
};
use crate::context::Context;
use crate::i18n::{Lang, Refusal};
use crate::plan::{Plan, RecordKind, Unit, parse_clock};
use crate::record::{Activity, Article, Broadcast, Record, Submission, SubmissionKind};

/// The time a record is logged at, as stored in `logged_at` (RFC 3339 with offset).
pub fn now_rfc3339() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// Where the fields come from, which says how a refusal names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `log`'s flags: `--date`, `--topic`.
    Flags,
    /// A list's columns: `date`, `topics`.
    Columns,
}

impl Source {
    /// How a refusal names the field `key` (a record field: `date`, `topics`, `ref` …).
    fn name(self, key: &'static str) -> &'static str {
        const FLAGS: [(&str, &str); 15] = [
            ("unit", "--unit"),
            ("date", "--date"),
            ("title", "--title"),
            ("topics", "--topic"),
            ("url", "--url"),
            ("channel", "--channel"),
            ("sent", "--sent"),
            ("time", "--time"),
            ("minutes", "--minutes"),
            ("period", "--period"),
            ("ref", "--ref"),
            ("rule", "--rule"),
            ("activity", "--activity"),
            ("count", "--count"),
            ("participants", "--participants"),
        ];
        match self {
            Source::Columns => key,
            Source::Flags => FLAGS
                .iter()
                .find(|(k, _)| *k == key)
                .map_or(key, |(_, flag)| flag),
        }
    }
}

/// Makes records of one command: the source of their fields, and the units and
/// topics already looked up (a list names the same few in thousands of rows; a name
/// is folded and compared with every unit's once, not once a row).
pub struct Builder<'c> {
    cx: &'c Context,
    source: Source,
    /// By plan (its address), then by the text typed.
    units: HashMap<usize, HashMap<String, Result<String, String>>>,
    topics: HashMap<usize, HashMap<String, Result<Vec<String>, String>>>,
}

/// A record's fields by name (`unit`, `date`, `title` …): `None` when not typed.
pub type Fields<'f, 'a> = &'f dyn Fn(&str) -> Option<&'a str>;

impl<'c> Builder<'c> {
    pub fn new(cx: &'c Context, source: Source) -> Builder<'c> {
        Builder {
            cx,
            source,
            units: HashMap::new(),
            topics: HashMap::new(),
        }
    }

    fn lang(&self) -> Lang {
        self.cx.lang
    }

    /// The unit `query` names in `plan`, by id or name.
    fn unit<'p>(&mut self, plan: &'p Plan, query: &str) -> Result<&'p Unit> {
        // An id is found at once.
        if let Some(unit) = plan.unit(query.trim()) {
            return Ok(unit);
        }
        let (lang, field) = (self.lang(), self.source.name("unit"));
        let known = self
            .units
            .entry(std::ptr::from_ref(plan) as usize)
            .or_default();
        if !known.contains_key(query) {
            let found = find_unit(plan, lang, field, query)
                .map(|u| u.id.clone())
                .map_err(|e| format!("{e:#}"));
            known.insert(query.to_string(), found);
        }
        match &known[query] {
            Ok(id) => Ok(plan.unit(id).expect("a unit of this plan")),
            Err(message) => Err(anyhow::anyhow!(message.clone())),
        }
    }

    /// The unit `query` names, and the plan its record of `kind` on `date` is
    /// checked against: `plan` (the date's), or another plan that counts the
    /// record and has the unit ([`crate::plans::Plans::of_unit_record`]).
    fn placed(
        &mut self,
        kind: RecordKind,
        date: NaiveDate,
        plan: &'c Plan,
        query: &str,
    ) -> Result<(&'c Unit, &'c Plan)> {
        let cx = self.cx;
        let plan = cx
            .plans
            .of_unit_record(kind, date, None, |p| self.unit(p, query).is_ok())
            .map_or(plan, |f| &f.plan);
        Ok((self.unit(plan, query)?, plan))
    }

    /// The topics of `text` (ids or names, separated by `;`, `,` or line breaks).
    fn topics(&mut self, plan: &Plan, text: &str) -> Result<Vec<String>> {
        if text.trim().is_empty() {
            return Ok(Vec::new());
        }
        let (lang, field) = (self.lang(), self.source.name("topics"));
        let known = self
            .topics
            .entry(std::ptr::from_ref(plan) as usize)
            .or_default();
        if !known.contains_key(text) {
            let found = topics_in_cell(plan, lang, field, text).map_err(|e| format!("{e:#}"));
            known.insert(text.to_string(), found);
        }
        known[text]
            .clone()
            .map_err(|message| anyhow::anyhow!(message))
    }

    /// A whole number field of at least `min`.
    fn whole(&self, fields: Fields, key: &'static str, min: u32) -> Result<Option<u32>> {
        fields(key)
            .map(|v| match v.trim().parse::<u32>() {
                Ok(n) if n >= min => Ok(n),
                _ => {
                    let refusal = Refusal::NotAWholeNumber {
                        field: self.source.name(key),
                        text: v,
                        min,
                    };
                    Err(anyhow::anyhow!(refusal.text(self.lang())))
                }
            })
            .transpose()
    }

    /// A record of `kind` from its fields.
    pub fn record(&mut self, kind: RecordKind, fields: Fields) -> Result<Record> {
        Ok(match kind {
            RecordKind::Article => Record::Article(self.article(fields)?),
            RecordKind::Broadcast => Record::Broadcast(self.broadcast(fields)?),
            RecordKind::Plan => Record::Submission(self.submission(SubmissionKind::Plan, fields)?),
            RecordKind::Report => {
                Record::Submission(self.submission(SubmissionKind::Report, fields)?)
            }
            RecordKind::Activity => Record::Activity(self.activity(fields)?),
        })
    }

    fn article(&mut self, fields: Fields) -> Result<Article> {
        let (cx, source) = (self.cx, self.source);
        let name = |key| source.name(key);
        let (date, plan) = record_date(
            cx,
            RecordKind::Article,
            name("date"),
            fields("date").unwrap_or_default(),
            None,
        )?;
        let query = fields("unit").unwrap_or_default();
        let (unit, plan) = self.placed(RecordKind::Article, date, plan, query)?;
        Ok(Article {
            id: String::new(),
            unit: unit.id.clone(),
            date,
            title: check_title(cx.lang, name("title"), fields("title").unwrap_or_default())?,
            topics: self.topics(plan, fields("topics").unwrap_or_default())?,
            url: fields("url")
                .map(|u| check_url(cx.lang, name("url"), u))
                .transpose()?,
            channel: check_channel(plan, cx.lang, name("channel"), fields("channel"))?,
            sent: fields("sent")
                .map(|s| check_sent(cx, name("sent"), s, date))
                .transpose()?,
            logged_at: now_rfc3339(),
        })
    }

    fn broadcast(&mut self, fields: Fields) -> Result<Broadcast> {
        let (cx, source) = (self.cx, self.source);
        let name = |key| source.name(key);
        let (date, plan) = record_date(
            cx,
            RecordKind::Broadcast,
            name("date"),
            fields("date").unwrap_or_default(),
            None,
        )?;
        let (unit, plan) = match fields("unit") {
            Some(query) => self.placed(RecordKind::Broadcast, date, plan, query)?,
            None => (sole_broadcaster(plan, cx.lang, name("unit"))?, plan),
        };
        let minutes = fields("minutes")
            .map(|m| match m.trim().parse::<u32>() {
                Ok(n) if n > 0 => Ok(n),
                _ => {
                    let refusal = Refusal::MinutesNotPositive {
                        field: name("minutes"),
                        text: m,
                    };
                    Err(anyhow::anyhow!(refusal.text(cx.lang)))
                }
            })
            .transpose()?;
        let time = fields("time").unwrap_or_default();
        Ok(Broadcast {
            id: String::new(),
            unit: unit.id.clone(),
            date,
            time: parse_clock(time.trim()).map_err(|_| {
                let refusal = Refusal::NotATime {
                    field: name("time"),
                    text: time,
                };
                anyhow::anyhow!(refusal.text(cx.lang))
            })?,
            minutes,
            title: check_title(cx.lang, name("title"), fields("title").unwrap_or_default())?,
            channel: check_channel(plan, cx.lang, name("channel"), fields("channel"))?,
            logged_at: now_rfc3339(),
        })
    }

    /// A one-off plan of the plan in use's year (`--year` picks last year's), or a
    /// report of the period it names, each with the one rule it fulfils.
    fn submission(&mut self, kind: SubmissionKind, fields: Fields) -> Result<Submission> {
        let (cx, source) = (self.cx, self.source);
        let name = |key| source.name(key);
        let (record, period) = match kind {
            SubmissionKind::Plan => (RecordKind::Plan, cx.plan.year().to_string()),
            SubmissionKind::Report => {
                let text = fields("period").unwrap_or_default();
                let key = crate::i18n::parse_period(text).map_err(|_| {
                    let refusal = Refusal::NotAPeriod {
                        field: name("period"),
                        text,
                    };
                    anyhow::anyhow!(refusal.text(cx.lang))
                })?;
                let label = key.to_string();
                // A period no plan has: the plan in use says which periods there are.
                if cx
                    .plans
                    .of_record(RecordKind::Report, cx.as_of(), Some(&label))
                    .is_none()
                {
                    let unit = self.unit(&cx.plan, fields("unit").unwrap_or_default())?;
                    check_report_period(&cx.plan, cx.lang, unit, name("period"), &label)?;
                }
                (RecordKind::Report, label)
            }
        };
        let (date, plan) = record_date(
            cx,
            record,
            name("date"),
            fields("date").unwrap_or_default(),
            Some(&period),
        )?;
        let unit = self.unit(plan, fields("unit").unwrap_or_default())?;
        let period = match kind {
            SubmissionKind::Report => {
                check_report_period(plan, cx.lang, unit, name("period"), &period)?
            }
            SubmissionKind::Plan => period,
        };
        let mut submission = Submission {
            id: String::new(),
            unit: unit.id.clone(),
            kind,
            period: Some(period),
            date,
            reference: check_reference(cx.lang, name("ref"), fields("ref").map(String::from))?,
            rule: fields("rule").map(String::from),
            logged_at: now_rfc3339(),
        };
        submission.rule = Some(check_rule(
            plan,
            cx.lang,
            unit,
            name("rule"),
            &submission.fact(),
        )?);
        Ok(submission)
    }

    fn activity(&mut self, fields: Fields) -> Result<Activity> {
        let (cx, source) = (self.cx, self.source);
        let name = |key| source.name(key);
        let (date, plan) = record_date(
            cx,
            RecordKind::Activity,
            name("date"),
            fields("date").unwrap_or_default(),
            None,
        )?;
        let query = fields("unit").unwrap_or_default();
        let (unit, plan) = self.placed(RecordKind::Activity, date, plan, query)?;
        let count = self.whole(fields, "count", 1)?.unwrap_or(1);
        let participants = self.whole(fields, "participants", 0)?;
        Ok(Activity {
            id: String::new(),
            unit: unit.id.clone(),
            date,
            activity: check_activity(
                plan,
                cx.lang,
                name("activity"),
                fields("activity").unwrap_or_default(),
            )?,
            title: check_title(cx.lang, name("title"), fields("title").unwrap_or_default())?,
            count,
            participants,
            logged_at: now_rfc3339(),
        })
    }
}
