//! Checks shared by `log` and `import`: every field a person types is validated
//! against the plan before anything is written. `field` names the flag (`--date`)
//! or the CSV column (`date`) in the message.

use std::collections::HashSet;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

use crate::context::Context;
use crate::fact::{Fact, Target, target_rule};
use crate::i18n::{IdTable, Lang, Problem, Refusal};
use crate::period::parse_label;
use crate::plan::{Names, Plan, RecordKind, Unit};
use crate::record::{Article, Records};

/// A record's date as typed, and the plan it belongs to (see
/// [`crate::plans::Plans::of_record`]); the date must be one that plan accepts for
/// the record's kind, and not after the as-of date.
pub fn record_date<'c>(
    cx: &'c Context,
    kind: RecordKind,
    field: &str,
    text: &str,
    period: Option<&str>,
) -> Result<(NaiveDate, &'c Plan)> {
    let date = cx.date(field, text)?;
    let Some(found) = cx.plans.of_record(kind, date, period) else {
        let ranges = cx.plans.ranges(cx.lang);
        bail!(
            Problem::OutsideEveryPlan {
                field,
                date,
                ranges: &ranges
            }
            .text(cx.lang)
        );
    };
    let plan = &found.plan;
    if !plan.accepts_date(kind, date) {
        let file = found.path.as_ref().map(|p| p.display().to_string());
        let problem = Problem::OutsidePlan {
            field,
            date,
            file: file.as_deref(),
            start: plan.start,
            end: plan.end,
        };
        bail!(problem.text(cx.lang));
    }
    if date > cx.as_of() {
        bail!(
            Problem::AfterToday {
                field,
                date,
                today: cx.as_of()
            }
            .text(cx.lang)
        );
    }
    Ok((date, plan))
}

/// The unit `--unit` (or a column) names, in `plan`; the error in `lang`.
pub fn find_unit<'p>(plan: &'p Plan, lang: Lang, field: &str, query: &str) -> Result<&'p Unit> {
    plan.find_unit(query).map_err(|e| {
        let text = match &e {
            crate::plan::UnitLookupError::Unknown { query, suggestions } => Problem::UnitUnknown {
                field,
                query,
                suggestions,
            }
            .text(lang),
            crate::plan::UnitLookupError::Ambiguous { query, candidates } => {
                Problem::UnitAmbiguous {
                    field,
                    query,
                    candidates,
                }
                .text(lang)
            }
        };
        anyhow::anyhow!(text)
    })
}

/// Longer than any real headline: a longer "title" is a paste gone wrong.
pub const MAX_TITLE_CHARS: usize = 500;

/// A text field as stored (see [`crate::text::normalize_input`]), runs of white
/// space folded to one space, trimmed.
pub fn clean_text(lang: Lang, field: &str, text: &str) -> Result<String> {
    let text = crate::text::normalize_input(text).map_err(|why| {
        let code = why.code();
        anyhow::anyhow!(Refusal::ControlCharacter { field, code: &code }.text(lang))
    })?;
    Ok(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A title: not blank, no control characters, at most [`MAX_TITLE_CHARS`]; stored
/// as [`clean_text`] leaves it.
pub fn check_title(lang: Lang, field: &str, title: &str) -> Result<String> {
    let title = clean_text(lang, field, title)?;
    if title.is_empty() {
        bail!(Problem::TitleBlank { field }.text(lang));
    }
    let length = title.chars().count();
    if length > MAX_TITLE_CHARS {
        let problem = Problem::TitleTooLong {
            field,
            length,
            max: MAX_TITLE_CHARS,
        };
        bail!(problem.text(lang));
    }
    Ok(title)
}

/// Topics by id or name (as `--unit` takes units: see [`crate::plan::find_named`]),
/// as their ids, each once.
pub fn check_topics<'t>(
    plan: &Plan,
    lang: Lang,
    field: &str,
    topics: impl IntoIterator<Item = &'t str>,
) -> Result<Vec<String>> {
    let mut ids: Vec<String> = Vec::new();
    for topic in topics {
        let id = check_topic(plan, lang, field, topic.trim())?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// One topic by id or name.
fn check_topic(plan: &Plan, lang: Lang, field: &str, topic: &str) -> Result<String> {
    match lookup(lang, field, topic, IdTable::Topic, &topic_names(plan))? {
        Some(index) => Ok(plan.topics[index].id.clone()),
        None => {
            let known: Vec<&str> = plan.topics.iter().map(|t| t.id.as_str()).collect();
            let problem = Problem::TopicUnknown {
                field,
                topic,
                closest: crate::plan::closest(topic, known.iter().copied()),
                known: &known.join(", "),
            };
            bail!(problem.text(lang))
        }
    }
}

/// The topics of a cell as offices write them: ids or names separated by `;`, `,`
/// or line breaks. A name that holds a comma ("Chuyển đổi số, chính quyền số") is
/// one topic: the longest run of comma-separated pieces that names a topic is taken.
pub fn topics_in_cell(plan: &Plan, lang: Lang, field: &str, cell: &str) -> Result<Vec<String>> {
    let names = topic_names(plan);
    let mut ids: Vec<String> = Vec::new();
    for chunk in cell.split([';', '\n', '\r']) {
        let pieces: Vec<&str> = chunk
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let mut start = 0;
        while start < pieces.len() {
            let found = (start + 1..=pieces.len()).rev().find_map(|end| {
                let text = pieces[start..end].join(", ");
                crate::plan::find_named(&names, &text)
                    .ok()
                    .map(|index| (end, index))
            });
            let (end, id) = match found {
                Some((end, index)) => (end, plan.topics[index].id.clone()),
                // No run names a topic: the piece alone says why.
                None => (start + 1, check_topic(plan, lang, field, pieces[start])?),
            };
            if !ids.contains(&id) {
                ids.push(id);
            }
            start = end;
        }
    }
    Ok(ids)
}

fn topic_names(plan: &Plan) -> Vec<Names<'_>> {
    plan.topics
        .iter()
        .map(|t| Names {
            id: &t.id,
            name: &t.name,
            aliases: &[],
        })
        .collect()
}

/// The entry of `table` that `given` names, `None` when none does; several: an
/// error listing them.
fn lookup(
    lang: Lang,
    field: &str,
    given: &str,
    table: IdTable,
    entries: &[Names<'_>],
) -> Result<Option<usize>> {
    match crate::plan::find_named(entries, given) {
        Ok(index) => Ok(Some(index)),
        Err(crate::plan::UnitLookupError::Unknown { .. }) => Ok(None),
        Err(crate::plan::UnitLookupError::Ambiguous { candidates, .. }) => {
            let candidates = candidates
                .iter()
                .map(|(id, name)| format!("  {id}  ({name})"))
                .collect::<Vec<_>>()
                .join("\n");
            let refusal = Refusal::AmbiguousName {
                field,
                given: given.trim(),
                table,
                candidates: &candidates,
            };
            bail!(refusal.text(lang))
        }
    }
}

pub fn check_url(lang: Lang, field: &str, url: &str) -> Result<String> {
    if url.chars().any(|c| c.is_control()) {
        let shown = crate::printable(url);
        bail!(Problem::UrlControl { field, url: &shown }.text(lang));
    }
    let url = &clean_text(lang, field, url)?;
    // The scheme is case-insensitive (RFC 3986): HTTPS:// is a web address too.
    let scheme_end = url.find("://").unwrap_or(0);
    let rest = ["https", "http"]
        .iter()
        .find(|s| url[..scheme_end].eq_ignore_ascii_case(s))
        .map(|_| &url[scheme_end + 3..])
        .with_context(|| Problem::UrlScheme { field, url }.text(lang))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || url.chars().any(char::is_whitespace) || !crate::text::is_web_link(url) {
        bail!(Problem::UrlNotWeb { field, url }.text(lang));
    }
    // A password has no place in a data file others read: the address is kept
    // without it, and the user is told (once a run: an import may have many).
    if let Some(clean) = crate::text::without_credentials(url) {
        static TOLD: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
        if !TOLD.swap(true, std::sync::atomic::Ordering::Relaxed) {
            let shown = crate::printable(&clean);
            let notice = crate::i18n::Guard::CredentialsRemoved { field, url: &shown };
            eprintln!("{} {}", lang.warning_prefix(), notice.text(lang));
        }
        return Ok(clean);
    }
    Ok(url.to_string())
}

pub fn check_reference(
    lang: Lang,
    field: &str,
    reference: Option<String>,
) -> Result<Option<String>> {
    match reference.map(|r| clean_text(lang, field, &r)).transpose()? {
        Some(r) if r.is_empty() => {
            bail!(Refusal::ReferenceBlank { field }.text(lang))
        }
        other => Ok(other),
    }
}

/// The unit a broadcast is for when `--unit` is left out: the only unit a
/// broadcast rule applies to.
pub fn sole_broadcaster<'p>(plan: &'p Plan, lang: Lang, field: &str) -> Result<&'p Unit> {
    let mut units: Vec<usize> = plan
        .rules
        .iter()
        .filter(|r| r.record() == RecordKind::Broadcast)
        .flat_map(|r| r.applies_to.iter().copied())
        .collect();
    units.sort_unstable();
    units.dedup();
    match units[..] {
        [only] => Ok(&plan.units[only]),
        [] => bail!(Refusal::NoBroadcastRule.text(lang)),
        _ => {
            let units = units
                .iter()
                .map(|&i| plan.units[i].id.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            bail!(
                Refusal::SeveralBroadcasters {
                    field,
                    units: &units
                }
                .text(lang)
            )
        }
    }
}

/// The period label of a report, checked against the unit's report rules.
pub fn check_report_period(
    plan: &Plan,
    lang: Lang,
    unit: &Unit,
    field: &str,
    text: &str,
) -> Result<String> {
    let unit_index = plan.unit_index(&unit.id).expect("unit of the plan");
    let rules: Vec<_> = plan.rules_for(unit_index, RecordKind::Report).collect();
    if rules.is_empty() {
        let refusal = Refusal::NoReportRule {
            unit: &unit.id,
            name: &unit.name,
        };
        bail!(refusal.text(lang));
    }
    let key = parse_label(text)
        .map_err(|_| anyhow::anyhow!(Refusal::NotAPeriod { field, text }.text(lang)))?;
    if rules.iter().any(|rule| rule.period(key).is_some()) {
        return Ok(key.to_string());
    }
    // Named periods are few: each is listed; a repeating rule by its first and last.
    let wanted: Vec<String> = rules
        .iter()
        .map(
            |rule| match (rule.every(), rule.periods.first(), rule.periods.last()) {
                (Some(_), Some(first), Some(last)) if first != last => {
                    format!("{} … {}", first.label(), last.label())
                }
                _ => rule
                    .periods
                    .iter()
                    .map(|p| p.label())
                    .collect::<Vec<_>>()
                    .join(", "),
            },
        )
        .collect();
    let wanted = wanted.join(", ");
    let refusal = Refusal::NotItsReportPeriod {
        field,
        text,
        unit: &unit.id,
        wanted: &wanted,
    };
    bail!(refusal.text(lang))
}

/// The articles in force, indexed to find duplicates in constant time: the same
/// unit, date, title (without case, spaces folded) and channel, or the same URL.
pub struct Duplicates<'r> {
    by_content: std::collections::HashMap<ContentKey, &'r Article>,
    by_url: std::collections::HashMap<String, &'r Article>,
    /// Keys added by `insert` (rows of one import), as "line N".
    added: HashSet<ContentKey>,
    added_urls: HashSet<String>,
    /// Rows of an import, not a `log` (the advice differs).
    importing: bool,
}

/// What makes two articles the same item: unit, date, folded title, channel.
type ContentKey = (String, NaiveDate, String, Option<String>);

fn content_key(a: &Article) -> ContentKey {
    let title = crate::text::fold_title(&a.title);
    (a.unit.clone(), a.date, title, a.channel.clone())
}

fn url_key(a: &Article) -> Option<String> {
    a.url.as_deref().map(crate::text::normalize_url)
}

impl<'r> Duplicates<'r> {
    pub fn of(records: &'r Records) -> Duplicates<'r> {
        Duplicates::among(records.active_articles())
    }

    /// An index of these articles (all in force).
    pub fn among(articles: impl Iterator<Item = &'r Article>) -> Duplicates<'r> {
        let mut index = Duplicates {
            by_content: std::collections::HashMap::new(),
            by_url: std::collections::HashMap::new(),
            added: HashSet::new(),
            added_urls: HashSet::new(),
            importing: false,
        };
        for a in articles {
            index.by_content.insert(content_key(a), a);
            if let Some(url) = url_key(a) {
                index.by_url.insert(url, a);
            }
        }
        index
    }

    /// Refuses `new` when it repeats an article in force or one added before.
    pub fn check(&self, new: &Article, lang: Lang) -> Result<()> {
        let key = content_key(new);
        let new_url = url_key(new);
        let same_url = new_url.as_ref().and_then(|u| self.by_url.get(u));
        if let Some(a) = self.by_content.get(&key).or(same_url) {
            let title = crate::printable(&a.title);
            let problem = Problem::Duplicate {
                id: &a.id,
                date: a.date,
                title: &title,
                by_url: same_url.is_some_and(|s| s.id == a.id),
                importing: self.importing,
            };
            bail!(problem.text(lang));
        }
        if self.added.contains(&key)
            || new_url
                .as_ref()
                .is_some_and(|u| self.added_urls.contains(u))
        {
            bail!(Problem::DuplicateRow.text(lang));
        }
        Ok(())
    }

    /// Remembers `new` so that a later row repeating it is refused.
    pub fn insert(&mut self, new: &Article) {
        self.added.insert(content_key(new));
        if let Some(url) = url_key(new) {
            self.added_urls.insert(url);
        }
    }

    /// Refusals say what to do about a row (import has no --allow-duplicate).
    pub fn for_import(mut self) -> Self {
        self.importing = true;
        self
    }
}

/// A channel of the plan by id or name; none given: the plan's default channel, if any.
pub fn check_channel(
    plan: &Plan,
    lang: Lang,
    field: &str,
    channel: Option<&str>,
) -> Result<Option<String>> {
    match channel {
        None => Ok(plan.default_channel().map(|c| c.id.clone())),
        Some(channel) => {
            let names: Vec<Names<'_>> = plan
                .channels
                .iter()
                .map(|c| Names {
                    id: &c.id,
                    name: &c.name,
                    aliases: &[],
                })
                .collect();
            known_named(lang, field, channel, IdTable::Channel, &names).map(Some)
        }
    }
}

/// An activity of the plan by id or name, as its id.
pub fn check_activity(plan: &Plan, lang: Lang, field: &str, activity: &str) -> Result<String> {
    let names: Vec<Names<'_>> = plan
        .activities
        .iter()
        .map(|a| Names {
            id: &a.id,
            name: &a.name,
            aliases: &[],
        })
        .collect();
    known_named(lang, field, activity, IdTable::Activity, &names)
}

/// The id of the entry of `table` that `given` (an id or a name) names; else an
/// error with a did-you-mean and the list of ids.
fn known_named(
    lang: Lang,
    field: &str,
    given: &str,
    table: IdTable,
    entries: &[Names<'_>],
) -> Result<String> {
    let given = given.trim();
    if let Some(index) = lookup(lang, field, given, table, entries)? {
        return Ok(entries[index].id.to_string());
    }
    let all: Vec<&str> = entries.iter().map(|e| e.id).collect();
    if all.is_empty() {
        bail!(
            Refusal::NoIdTable {
                field,
                given,
                table
            }
            .text(lang)
        );
    }
    let refusal = Refusal::UnknownId {
        field,
        given,
        table,
        closest: crate::plan::closest(given, all.iter().copied()),
        known: &all.join(", "),
    };
    bail!(refusal.text(lang))
}

/// The day an article was sent: not after the day it appeared.
pub fn check_sent(cx: &Context, field: &str, text: &str, appeared: NaiveDate) -> Result<NaiveDate> {
    let sent = cx.date(field, text)?;
    if sent > appeared {
        let refusal = Refusal::SentAfterAppeared {
            field,
            sent,
            appeared,
        };
        bail!(refusal.text(cx.lang));
    }
    Ok(sent)
}

/// The rule a new plan or report fulfils: `--rule` when given (it must fit), else
/// the only rule that fits; several: refused with the list (docs/plan-format.md: one document,
/// one obligation).
pub fn check_rule(
    plan: &Plan,
    lang: Lang,
    unit: &Unit,
    field: &str,
    fact: &Fact<String>,
) -> Result<String> {
    let unit_index = plan.unit_index(&unit.id).expect("unit of the plan");
    // A rule named by its title (or part of it) is that rule; an unknown one is
    // refused below with the closest id.
    let named = match fact.rule {
        Some(given) if plan.rule(given).is_none() => {
            let names: Vec<Names<'_>> = plan
                .rules
                .iter()
                .map(|r| Names {
                    id: &r.id,
                    name: &r.title,
                    aliases: &[],
                })
                .collect();
            lookup(lang, field, given, IdTable::Rule, &names)?.map(|i| plan.rules[i].id.as_str())
        }
        _ => None,
    };
    let fact = &Fact {
        rule: named.or(fact.rule),
        ..*fact
    };
    let list = |rules: &[usize]| {
        rules
            .iter()
            .map(|&r| format!("  {}  {}", plan.rules[r].id, plan.rules[r].title))
            .collect::<Vec<_>>()
            .join("\n")
    };
    match target_rule(plan, unit_index, fact) {
        Target::Rule(r) => Ok(plan.rules[r].id.clone()),
        Target::NoRule => {
            let refusal = Refusal::NoRuleCovers {
                kind: fact.kind,
                unit: &unit.id,
                name: &unit.name,
            };
            bail!(refusal.text(lang))
        }
        Target::Ambiguous(rules) => {
            let refusal = Refusal::SeveralRules {
                field,
                kind: fact.kind,
                unit: &unit.id,
                name: &unit.name,
                list: &list(&rules),
            };
            bail!(refusal.text(lang))
        }
        Target::OtherYear => bail!(Refusal::OtherYear { year: plan.year() }.text(lang)),
        Target::UnknownRule => {
            let rule = fact.rule.unwrap_or_default();
            let refusal = Refusal::UnknownRule {
                field,
                rule,
                closest: crate::plan::closest(rule, plan.rules.iter().map(|r| r.id.as_str())),
            };
            bail!(refusal.text(lang))
        }
        Target::NotItsRule(r) => {
            let fitting: Vec<usize> = plan
                .rules_for(unit_index, fact.kind)
                .filter_map(|rule| plan.rule_index(&rule.id))
                .collect();
            let refusal = Refusal::NotItsRule {
                field,
                rule: &plan.rules[r].id,
                kind: fact.kind,
                unit: &unit.id,
                list: &list(&fitting),
            };
            bail!(refusal.text(lang))
        }
    }
}
