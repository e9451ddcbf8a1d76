//! JSON output: the shapes scripts depend on (docs/reference.md, "`report --format
//! json`"). Keys never change
//! with the language.

use std::io::Write;

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;

use super::{RecordRow, ReportView};
use crate::obligation::{Completion, Obligation, Status, completion, summary};
use crate::plan::Plan;
use crate::record::iso_date;

#[derive(Serialize)]
struct PlanHeader<'a> {
    title: &'a str,
    issuer: &'a str,
    #[serde(with = "iso_date")]
    start: NaiveDate,
    #[serde(with = "iso_date")]
    end: NaiveDate,
}

/// One obligation as docs/reference.md shows it.
#[derive(Serialize)]
pub struct JsonObligation<'a> {
    /// `null` for a rule whose units count together (then `units` lists them).
    unit: Option<&'a str>,
    unit_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    units: Option<Vec<&'a str>>,
    rule: &'a str,
    record: &'static str,
    period: String,
    #[serde(with = "iso_date")]
    start: NaiveDate,
    #[serde(with = "iso_date")]
    end: NaiveDate,
    #[serde(with = "iso_date")]
    due: NaiveDate,
    required: u32,
    done: u32,
    missing: u32,
    status: Status,
    days_left: Option<i64>,
    records: &'a [crate::obligation::RecordId],
}

impl<'a> JsonObligation<'a> {
    pub fn new(plan: &'a Plan, o: &'a Obligation) -> JsonObligation<'a> {
        let unit = o.unit.map(|u| &plan.units[u]);
        let rule = &plan.rules[o.rule];
        JsonObligation {
            unit: unit.map(|u| u.id.as_str()),
            unit_name: unit.map(|u| u.name.as_str()),
            units: o.unit.is_none().then(|| {
                rule.applies_to
                    .iter()
                    .map(|&i| plan.units[i].id.as_str())
                    .collect()
            }),
            rule: &rule.id,
            record: rule.record().as_str(),
            period: o.period.label(),
            start: o.period.start,
            end: o.period.end,
            due: o.due,
            required: o.required,
            done: o.done,
            missing: o.missing(),
            status: o.status,
            days_left: o.days_left,
            records: &o.records,
        }
    }
}

#[derive(Serialize)]
struct Summary {
    met: usize,
    late: usize,
    missed: usize,
    due_soon: usize,
    due: usize,
    upcoming: usize,
}

fn summary_of(obligations: &[Obligation]) -> Summary {
    let counts = summary(obligations);
    let count = |s: Status| {
        counts
            .iter()
            .find(|(status, _)| *status == s)
            .map_or(0, |(_, n)| *n)
    };
    Summary {
        met: count(Status::Met),
        late: count(Status::Late),
        missed: count(Status::Missed),
        due_soon: count(Status::DueSoon),
        due: count(Status::Due),
        upcoming: count(Status::Upcoming),
    }
}

/// `report --format json`.
pub fn report<'a>(view: &ReportView<'a>, out: &mut dyn Write) -> Result<()> {
    #[derive(Serialize)]
    struct Report<'a> {
        plan: PlanHeader<'a>,
        #[serde(with = "iso_date")]
        as_of: NaiveDate,
        obligations: Vec<JsonObligation<'a>>,
        summary: Summary,
        completion: JsonCompletion<'a>,
        totals: Option<JsonTotals<'a>>,
    }
    #[derive(Serialize)]
    struct JsonCompletion<'a> {
        overall: Completion,
        rules: Vec<RuleCompletion<'a>>,
    }
    #[derive(Serialize)]
    struct RuleCompletion<'a> {
        rule: &'a str,
        #[serde(flatten)]
        completion: Completion,
    }
    #[derive(Serialize)]
    struct JsonTotals<'a> {
        quarters: Vec<String>,
        by_kind: Vec<Row<'a>>,
        by_channel: Vec<Row<'a>>,
        by_topic: Vec<Row<'a>>,
        /// Items with no topic of the plan (with those of by_topic's rows, all items).
        untagged: Row<'a>,
    }
    /// One grouping's articles per quarter (`id` null: on no channel of the plan).
    #[derive(Serialize)]
    struct Row<'a> {
        id: Option<&'a str>,
        items: Vec<u32>,
        total: u32,
    }
    let plan = view.plan;
    let (overall, rules) = completion(plan, view.obligations);
    let totals = view.totals.map(|t| {
        let keep = view.shown_totals(t);
        let row = |id: Option<&'a str>, counts: &[u32]| {
            let items: Vec<u32> = keep.iter().map(|&i| counts[i]).collect();
            Row {
                id,
                total: items.iter().sum(),
                items,
            }
        };
        JsonTotals {
            quarters: keep.iter().map(|&i| t.quarters[i].to_string()).collect(),
            by_kind: t.by_kind.iter().map(|(k, c)| row(Some(k), c)).collect(),
            by_channel: t
                .by_channel
                .iter()
                .map(|(k, c)| row(k.as_deref(), c))
                .collect(),
            by_topic: t.by_topic.iter().map(|(k, c)| row(Some(k), c)).collect(),
            untagged: row(None, &t.untagged),
        }
    });
    let report = Report {
        plan: PlanHeader {
            title: &plan.title,
            issuer: &plan.issuer,
            start: plan.start,
            end: plan.end,
        },
        as_of: view.as_of,
        obligations: view
            .obligations
            .iter()
            .map(|o| JsonObligation::new(plan, o))
            .collect(),
        summary: summary_of(view.obligations),
        completion: JsonCompletion {
            overall,
            rules: rules
                .into_iter()
                .map(|(r, completion)| RuleCompletion {
                    rule: &plan.rules[r].id,
                    completion,
                })
                .collect(),
        },
        totals,
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)?;
    Ok(())
}

/// `check --format json`.
pub fn check(
    plan: &Plan,
    as_of: NaiveDate,
    missed: &[&Obligation],
    due_soon: &[&Obligation],
    out: &mut dyn Write,
) -> Result<()> {
    #[derive(Serialize)]
    struct Check<'a> {
        #[serde(with = "iso_date")]
        as_of: NaiveDate,
        missed: Vec<JsonObligation<'a>>,
        due_soon: Vec<JsonObligation<'a>>,
    }
    let check = Check {
        as_of,
        missed: missed
            .iter()
            .map(|o| JsonObligation::new(plan, o))
            .collect(),
        due_soon: due_soon
            .iter()
            .map(|o| JsonObligation::new(plan, o))
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &check)?;
    writeln!(out)?;
    Ok(())
}

/// `list --format json`: an array of records.
pub fn records(rows: &[RecordRow], out: &mut dyn Write) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, rows)?;
    writeln!(out)?;
    Ok(())
}

/// `plan --format json`.
pub fn plan(
    plan: &Plan,
    plans: &crate::plans::Plans,
    source: &str,
    out: &mut dyn Write,
) -> Result<()> {
    use crate::plan::Shape;
    let rules: Vec<serde_json::Value> = plan
        .rules
        .iter()
        .map(|r| {
            let mut v = serde_json::json!({
                "id": r.id, "title": r.title, "clause": r.clause,
                "units": r.units, "kinds": r.kinds,
                "applies_to": r.applies_to.iter().map(|&i| &plan.units[i].id).collect::<Vec<_>>(),
                "record": r.record().as_str(),
            });
            let mut extra = match &r.shape {
                Shape::Quota(q) => serde_json::json!({
                    "min": q.min, "topics": q.topics, "peak_only": q.peak_only,
                    "min_for": q.min_for.iter().map(|(u, n)| (plan.units[*u].id.clone(), serde_json::Value::from(*n))).collect::<serde_json::Map<String, serde_json::Value>>(),
                    "scope": match r.scope { crate::plan::Scope::Each => "each", crate::plan::Scope::Together => "together" },
                    "measure": q.measure.as_str(),
                    "count_by": match q.count_by { crate::plan::CountBy::Date => "date", crate::plan::CountBy::Sent => "sent" },
                    "channels": q.channels, "activities": q.activities,
                    "min_minutes": q.min_minutes,
                    "weekdays": q.weekdays.iter().map(|d| d.to_string().to_lowercase()).collect::<Vec<_>>(),
                    "nth": q.nth.iter().map(|n| match n {
                        crate::plan::Nth::Number(n) => serde_json::Value::from(*n),
                        crate::plan::Nth::Last => serde_json::Value::from("last"),
                    }).collect::<Vec<_>>(),
                }),
                Shape::Deadline { due } => {
                    serde_json::json!({ "due": due.format("%Y-%m-%d").to_string() })
                }
                Shape::Report { due } => serde_json::json!({
                    "due_day": due.day, "due_after_days": due.after_days,
                    "dues": due.dues.iter().map(|(k, d)| (k.to_string(), serde_json::Value::from(d.format("%Y-%m-%d").to_string()))).collect::<serde_json::Map<String, serde_json::Value>>(),
                }),
            };
            if let (Some(schedule), Some(extra)) = (&r.schedule, extra.as_object_mut()) {
                match schedule {
                    crate::period::Schedule::Every { every, months } => {
                        extra.insert("every".into(), every.as_str().into());
                        if !months.is_empty() {
                            extra.insert("months".into(), months.clone().into());
                        }
                    }
                    crate::period::Schedule::Named(names) => {
                        let names: Vec<String> = names.iter().map(ToString::to_string).collect();
                        extra.insert("periods".into(), names.into());
                    }
                }
                extra.insert("cutoff_day".into(), r.cutoff_day.into());
            }
            if let (Some(v), serde_json::Value::Object(extra)) = (v.as_object_mut(), extra) {
                v.extend(extra);
            }
            v
        })
        .collect();
    let value = serde_json::json!({
        "source": source,
        "plan": {
            "title": plan.title, "issuer": plan.issuer,
            "start": plan.start.format("%Y-%m-%d").to_string(),
            "end": plan.end.format("%Y-%m-%d").to_string(),
            "lang": plan.lang.map(crate::lang::Lang::code),
            "peak_hours": plan.peak_hours.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "due_soon_days": plan.due_soon_days,
            "cutoff_day": plan.cutoff_day,
            "utc_offset": plan.utc_offset.to_string(),
        },
        "kinds": plan.kind_names.iter().map(|k| serde_json::json!({"id": k.id, "name": k.name})).collect::<Vec<_>>(),
        "channels": plan.channels.iter().map(|c| serde_json::json!({"id": c.id, "name": c.name, "default": c.default})).collect::<Vec<_>>(),
        "activities": plan.activities.iter().map(|a| serde_json::json!({"id": a.id, "name": a.name})).collect::<Vec<_>>(),
        "units": plan.units.iter().map(|u| serde_json::json!({"id": u.id, "name": u.name, "kind": u.kind, "aliases": u.aliases})).collect::<Vec<_>>(),
        "topics": plan.topics.iter().map(|t| serde_json::json!({"id": t.id, "name": t.name})).collect::<Vec<_>>(),
        "rules": rules,
        "plans": plans.found.iter().enumerate().map(|(i, f)| serde_json::json!({
            "path": f.name(), "year": f.year(),
            "start": f.plan.start.format("%Y-%m-%d").to_string(),
            "end": f.plan.end.format("%Y-%m-%d").to_string(),
            "in_use": i == plans.in_use,
        })).collect::<Vec<_>>(),
    });
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)?;
    Ok(())
}

/// One unit's reminder as `remind --format json` shows it: the unit and its
/// contacts, the message and its subject (in the language asked for), and the
/// obligations as in the report. Keys never change with the language.
#[derive(Serialize)]
struct JsonReminder<'a> {
    unit: &'a str,
    unit_name: &'a str,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    subject: String,
    message: String,
    missed: Vec<JsonObligation<'a>>,
    late: Vec<JsonObligation<'a>>,
    due_soon: Vec<JsonObligation<'a>>,
}

fn json_reminder<'a>(
    plan: &'a Plan,
    lang: crate::i18n::Lang,
    as_of: NaiveDate,
    r: &super::text::Reminder<'a>,
) -> JsonReminder<'a> {
    let unit = &plan.units[r.unit];
    let list = |l: &[&'a Obligation]| l.iter().map(|o| JsonObligation::new(plan, o)).collect();
    JsonReminder {
        unit: &unit.id,
        unit_name: &unit.name,
        email: unit.email.as_deref(),
        phone: unit.phone.as_deref(),
        subject: super::text::subject(lang, as_of, r),
        message: super::text::message(plan, lang, as_of, r),
        missed: list(&r.missed),
        late: list(&r.late),
        due_soon: list(&r.due_soon),
    }
}

/// `remind --format json`: `{"as_of", "plan": {...}, "reminders": [...]}`.
pub fn remind(
    plan: &Plan,
    lang: crate::i18n::Lang,
    as_of: NaiveDate,
    reminders: &[super::text::Reminder],
    out: &mut dyn Write,
) -> Result<()> {
    #[derive(Serialize)]
    struct Remind<'a> {
        #[serde(with = "iso_date")]
        as_of: NaiveDate,
        plan: PlanHeader<'a>,
        reminders: Vec<JsonReminder<'a>>,
    }
    let all = Remind {
        as_of,
        plan: PlanHeader {
            title: &plan.title,
            issuer: &plan.issuer,
            start: plan.start,
            end: plan.end,
        },
        reminders: reminders
            .iter()
            .map(|r| json_reminder(plan, lang, as_of, r))
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &all)?;
    writeln!(out)?;
    Ok(())
}

/// One unit's reminder alone (`remind --output-dir DIR --format json`).
pub fn reminder(
    plan: &Plan,
    lang: crate::i18n::Lang,
    as_of: NaiveDate,
    r: &super::text::Reminder,
    out: &mut dyn Write,
) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, &json_reminder(plan, lang, as_of, r))?;
    writeln!(out)?;
    Ok(())
}
