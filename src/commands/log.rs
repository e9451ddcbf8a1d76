//! `cchc log article|broadcast|plan|report|activity`: validate everything the user
//! typed, append one line under the directory lock, print its id, and say what it
//! counts for.

use std::io::Write;

use anyhow::{Result, bail};
use chrono::NaiveDate;

use super::Context;
use super::input::{
    Duplicates, check_activity, check_channel, check_reference, check_report_period, check_rule,
    check_sent, check_title, check_topics, check_url, find_unit, record_date, sole_broadcaster,
};
use super::same_report::SameReports;
use crate::cli::LogCommand;
use crate::error::Exit;
use crate::evaluate::KeepIds;
use crate::explain::{self, Verdict};
use crate::i18n::{Lang, Refusal};
use crate::plan::{Plan, RecordKind, parse_clock};
use crate::record::{Activity, Article, Broadcast, DataFile, Submission, SubmissionKind};

/// The time of logging, RFC 3339 with the local offset. (Only `logged_at` reads the
/// clock; no evaluation depends on it.)
pub fn now_rfc3339() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// A record checked against the plan, waiting for its id.
enum NewRecord {
    Article(Article),
    Broadcast(Broadcast),
    Submission(Submission),
    Activity(Activity),
}

pub fn run(cx: &Context, command: LogCommand, out: &mut dyn Write) -> Result<Exit> {
    let (record, allow_duplicate) = check_input(cx, command)?;
    let lock = cx.store.lock(match &record {
        NewRecord::Article(_) => DataFile::Articles,
        NewRecord::Broadcast(_) => DataFile::Broadcasts,
        NewRecord::Submission(_) => DataFile::Submissions,
        NewRecord::Activity(_) => DataFile::Activities,
    })?;
    let probe = match &record {
        NewRecord::Article(a) if !allow_duplicate => Some(a),
        _ => None,
    };
    let survey = cx.survey(probe, None)?;
    let (file, line, id, unit, date, kind, verdict) = match record {
        NewRecord::Article(mut a) => {
            if !allow_duplicate {
                let in_force = survey
                    .candidates
                    .iter()
                    .filter(|c| !survey.voided.contains(&c.id));
                Duplicates::among(in_force).check(&a, cx.lang)?;
            }
            a.id = survey.next_id(DataFile::Articles);
            let verdict = verdict_of(cx, &a.fact());
            (
                DataFile::Articles,
                serde_json::to_string(&a)?,
                a.id,
                a.unit,
                a.date,
                RecordKind::Article,
                verdict,
            )
        }
        NewRecord::Broadcast(mut b) => {
            b.id = survey.next_id(DataFile::Broadcasts);
            let verdict = verdict_of(cx, &b.fact());
            (
                DataFile::Broadcasts,
                serde_json::to_string(&b)?,
                b.id,
                b.unit,
                b.date,
                RecordKind::Broadcast,
                verdict,
            )
        }
        NewRecord::Submission(mut s) => {
            if s.kind == SubmissionKind::Report && !allow_duplicate {
                let reports = super::same_report::reports_in_force(cx)?;
                SameReports::among(&cx.plans, reports.iter(), false).check(&s, cx.lang)?;
            }
            s.id = survey.next_id(DataFile::Submissions);
            let verdict = verdict_of(cx, &s.fact());
            (
                DataFile::Submissions,
                serde_json::to_string(&s)?,
                s.id,
                s.unit,
                s.date,
                s.kind.record(),
                verdict,
            )
        }
        NewRecord::Activity(mut h) => {
            h.id = survey.next_id(DataFile::Activities);
            let verdict = verdict_of(cx, &h.fact());
            (
                DataFile::Activities,
                serde_json::to_string(&h)?,
                h.id,
                h.unit,
                h.date,
                RecordKind::Activity,
                verdict,
            )
        }
    };
    debug_assert_eq!(lock.data_file(), file);
    for warning in cx.store.append(&lock, &[line])? {
        cx.warn(&warning.text(cx.lang));
    }
    drop(lock);
    // The id is the acknowledgment: out at once, before the feedback is worked out.
    writeln!(out, "{id}")?;
    out.flush()?;
    // What it counts for in its own plan (last year's, for a late Q4 report), and
    // where that leaves those obligations.
    let (verdict, plan, unit_index) = verdict;
    eprintln!("{} ({id})", describe(cx, plan, kind, &unit, date));
    let obligations = match &verdict {
        Verdict::Counts(_) => cx.obligations_in(plan, KeepIds::WhenShort)?,
        Verdict::Nothing(_) => Vec::new(),
    };
    for line in explain::describe(plan, cx.lang, unit_index, &verdict, &obligations) {
        eprintln!("  {line}");
    }
    Ok(Exit::Ok)
}

/// What a new record counts for in the plan it belongs to (checked against that
/// plan already, so its unit is there): the verdict, the plan and the unit's index.
fn verdict_of<'c>(cx: &'c Context, fact: &crate::fact::Fact<String>) -> (Verdict, &'c Plan, usize) {
    let plan = cx
        .plans
        .of_record(fact.kind, fact.date, fact.period)
        .map_or(&cx.plan, |f| &f.plan);
    let unit = plan
        .unit_index(fact.unit)
        .expect("checked against this plan");
    (explain::verdict(plan, unit, fact), plan, unit)
}

fn describe(cx: &Context, plan: &Plan, kind: RecordKind, unit: &str, date: NaiveDate) -> String {
    let name = plan.unit(unit).map_or(unit, |u| u.name.as_str());
    match cx.lang {
        Lang::Vi => format!(
            "Đã ghi {} của {name}, ngày {}",
            cx.lang.record_noun(kind),
            cx.lang.date(date)
        ),
        Lang::En => format!("Logged {} of {name} on {}", kind, cx.lang.date(date)),
    }
}

/// Everything that can be checked without the records, each record against the
/// plan it belongs to (by its date; a report by its period; a one-off plan is the
/// plan in use's, `--year` choosing another).
fn check_input(cx: &Context, command: LogCommand) -> Result<(NewRecord, bool)> {
    let logged_at = now_rfc3339();
    Ok(match command {
        LogCommand::Article {
            unit,
            date,
            title,
            topics,
            url,
            channel,
            sent,
            allow_duplicate,
        } => {
            let (date, plan) = record_date(cx, RecordKind::Article, "--date", &date, None)?;
            let unit = find_unit(plan, cx.lang, "--unit", &unit)?;
            let article = Article {
                id: String::new(),
                unit: unit.id.clone(),
                date,
                title: check_title(cx.lang, "--title", &title)?,
                topics: check_topics(plan, cx.lang, "--topic", topics.iter().map(String::as_str))?,
                url: url
                    .as_deref()
                    .map(|u| check_url(cx.lang, "--url", u))
                    .transpose()?,
                channel: check_channel(plan, cx.lang, "--channel", channel.as_deref())?,
                sent: sent
                    .as_deref()
                    .map(|s| check_sent(cx, "--sent", s, date))
                    .transpose()?,
                logged_at,
            };
            (NewRecord::Article(article), allow_duplicate)
        }
        LogCommand::Broadcast {
            unit,
            date,
            time,
            minutes,
            title,
            channel,
        } => {
            let (date, plan) = record_date(cx, RecordKind::Broadcast, "--date", &date, None)?;
            let unit = match unit {
                Some(query) => find_unit(plan, cx.lang, "--unit", &query)?,
                None => sole_broadcaster(plan, cx.lang, "--unit")?,
            };
            if minutes == Some(0) {
                let refusal = Refusal::MinutesNotPositive {
                    field: "--minutes",
                    text: "0",
                };
                bail!(refusal.text(cx.lang));
            }
            let broadcast = Broadcast {
                id: String::new(),
                unit: unit.id.clone(),
                date,
                time: parse_clock(time.trim()).map_err(|_| {
                    let refusal = Refusal::NotATime {
                        field: "--time",
                        text: &time,
                    };
                    anyhow::anyhow!(refusal.text(cx.lang))
                })?,
                minutes,
                title: check_title(cx.lang, "--title", &title)?,
                channel: check_channel(plan, cx.lang, "--channel", channel.as_deref())?,
                logged_at,
            };
            (NewRecord::Broadcast(broadcast), false)
        }
        LogCommand::Plan {
            unit,
            date,
            rule,
            reference,
        } => {
            // The plan fulfils the plan in use (`--year` picks last year's).
            let year = cx.plan.year().to_string();
            let (date, plan) = record_date(cx, RecordKind::Plan, "--date", &date, Some(&year))?;
            let unit = find_unit(plan, cx.lang, "--unit", &unit)?;
            let submission = Submission {
                id: String::new(),
                unit: unit.id.clone(),
                kind: SubmissionKind::Plan,
                period: Some(year),
                date,
                reference: check_reference(cx.lang, "--ref", reference)?,
                rule,
                logged_at,
            };
            (fulfilling(cx, plan, unit, submission)?, false)
        }
        LogCommand::Report {
            unit,
            period,
            date,
            rule,
            reference,
            allow_duplicate,
        } => {
            let label = crate::i18n::parse_period(&period)
                .map_err(|_| {
                    let refusal = Refusal::NotAPeriod {
                        field: "--period",
                        text: &period,
                    };
                    anyhow::anyhow!(refusal.text(cx.lang))
                })?
                .to_string();
            // A period no plan has: the plan in use says which periods there are.
            if cx
                .plans
                .of_record(RecordKind::Report, cx.as_of(), Some(&label))
                .is_none()
            {
                let unit = find_unit(&cx.plan, cx.lang, "--unit", &unit)?;
                check_report_period(&cx.plan, cx.lang, unit, "--period", &label)?;
            }
            let (date, plan) = record_date(cx, RecordKind::Report, "--date", &date, Some(&label))?;
            let unit = find_unit(plan, cx.lang, "--unit", &unit)?;
            let submission = Submission {
                id: String::new(),
                unit: unit.id.clone(),
                kind: SubmissionKind::Report,
                period: Some(check_report_period(
                    plan, cx.lang, unit, "--period", &label,
                )?),
                date,
                reference: check_reference(cx.lang, "--ref", reference)?,
                rule,
                logged_at,
            };
            (fulfilling(cx, plan, unit, submission)?, allow_duplicate)
        }
        LogCommand::Activity {
            unit,
            date,
            activity,
            title,
            count,
            participants,
        } => {
            let (date, plan) = record_date(cx, RecordKind::Activity, "--date", &date, None)?;
            let unit = find_unit(plan, cx.lang, "--unit", &unit)?;
            if count == 0 {
                let refusal = Refusal::NotAWholeNumber {
                    field: "--count",
                    text: "0",
                    min: 1,
                };
                bail!(refusal.text(cx.lang));
            }
            let activity = Activity {
                id: String::new(),
                unit: unit.id.clone(),
                date,
                activity: check_activity(plan, cx.lang, "--activity", &activity)?,
                title: check_title(cx.lang, "--title", &title)?,
                count,
                participants,
                logged_at,
            };
            (NewRecord::Activity(activity), false)
        }
    })
}

/// A plan or report with the rule it fulfils (`--rule`, else the only one that
/// fits; see [`check_rule`]).
fn fulfilling(
    cx: &Context,
    plan: &crate::plan::Plan,
    unit: &crate::plan::Unit,
    mut submission: Submission,
) -> Result<NewRecord> {
    submission.rule = Some(check_rule(
        plan,
        cx.lang,
        unit,
        "--rule",
        &submission.fact(),
    )?);
    Ok(NewRecord::Submission(submission))
}
