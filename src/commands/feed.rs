//! `cchc import --feed [URL|FILE]`: the portal's RSS or Atom feed logged as
//! articles. Each item's unit is recognised from its authors and categories, else
//! its title, by the units' names and aliases; without an address, every unit's
//! own feed (`[[unit]] feed`) is read and its items are that unit's. An item's
//! date is its publication time in the plan's local time. Items already logged,
//! or logged and voided, are skipped without a word (so a daily cron run logs only
//! what is new, and a void sticks); items that cannot be logged are listed with
//! what to do. Feeds are fetched before the lock is taken; everything found is then
//! appended at once, all or nothing. A unit's feed that cannot be read is reported
//! and the others are read (exit 1); the one feed named is all or nothing (exit 2).

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::time::Duration;

use anyhow::{Result, anyhow, bail};
use chrono::NaiveDate;

use super::Context;
use crate::error::Exit;
use crate::feed::Item;
use crate::i18n::{FeedSkip, Notice, Problem};
use crate::intake::{check_channel, check_title, check_url};
use crate::plan::{Plan, RecordKind, Unit, UnitNames};
use crate::record::{Article, DataFile};

/// How `import --feed` goes about it.
#[derive(Debug, Clone)]
pub struct Options {
    /// `--channel`: the channel of every item (else the plan's default).
    pub channel: Option<String>,
    /// For the whole HTTP exchange.
    pub timeout: Duration,
    /// Print only what was logged.
    pub quiet: bool,
    /// Check and show, write nothing.
    pub dry_run: bool,
}

/// What became of one item.
enum Outcome {
    Log(Box<Article>),
    Already,
    Skip(Option<NaiveDate>, String),
}

/// A feed to read: the one named, or a unit's own (whose items are that unit's).
struct Source<'a> {
    address: &'a str,
    unit: Option<&'a Unit>,
}

/// What was found in one feed that was read.
#[derive(Default)]
struct Tally {
    items: usize,
    logged: usize,
    already: usize,
    /// (item number, date, title, why)
    skipped: Vec<(usize, Option<NaiveDate>, String, String)>,
}

pub fn run(
    cx: &Context,
    source: Option<&str>,
    options: Options,
    out: &mut dyn Write,
) -> Result<Exit> {
    // The flag is checked against the plan in use before anything is fetched.
    if let Some(channel) = &options.channel {
        check_channel(&cx.plan, cx.lang, "--channel", Some(channel))?;
    }
    let sources: Vec<Source> = match source {
        Some(address) => vec![Source {
            address,
            unit: None,
        }],
        None => cx
            .plan
            .units
            .iter()
            .filter_map(|u| {
                Some(Source {
                    address: u.feed.as_deref()?,
                    unit: Some(u),
                })
            })
            .collect(),
    };
    if sources.is_empty() {
        let plan = cx.plans.in_use().shown(cx.lang);
        bail!(Problem::NoUnitFeeds { plan: &plan }.text(cx.lang));
    }
    // Every feed is fetched and read before the lock is taken.
    let mut feeds: Vec<(Source, Vec<Item>)> = Vec::new();
    let mut failed = 0;
    for feed in sources {
        let shown = crate::printable(feed.address);
        // Relative links are resolved against the address after redirects.
        let read = crate::feed::load_with_base(feed.address, options.timeout)
            .and_then(|f| crate::feed::parse(&f.bytes, f.base.as_deref(), cx.plan.utc_offset));
        match (read, feed.unit) {
            (Ok(mut items), _) => {
                // Oldest first, so that ids follow publication.
                items.sort_by_key(|i| (i.published.is_none(), i.published, i.number));
                feeds.push((feed, items));
            }
            (Err(error), Some(unit)) => {
                failed += 1;
                let notice = Notice::UnitFeedFailed {
                    unit: &unit.name,
                    source: &shown,
                    error: &error,
                };
                eprintln!("{}", notice.text(cx.lang));
            }
            (Err(error), None) => {
                let problem = Problem::Feed {
                    source: &shown,
                    error: &error,
                };
                return Err(anyhow!(problem.text(cx.lang)));
            }
        }
    }
    let items = || feeds.iter().flat_map(|(_, items)| items);

    let lock = cx.store.lock(DataFile::Articles)?;
    // Only the articles an item could repeat are read into memory: those with one
    // of the items' links, or one of their days and titles.
    let local = cx.plan.utc_offset;
    let links: HashSet<String> = items()
        .filter_map(|i| i.link.as_deref().map(crate::text::normalize_url))
        .collect();
    let titles: HashSet<(NaiveDate, String)> = items()
        .filter_map(|i| Some((i.day(local)?, crate::text::fold_title(&i.title))))
        .collect();
    // The days alone: a cheap test before folding an article's title.
    let days: HashSet<NaiveDate> = titles.iter().map(|(day, _)| *day).collect();
    let candidate = |a: &crate::scan::ArticleFields| {
        a.url
            .is_some_and(|u| links.contains(&crate::text::normalize_url(u)))
            || (days.contains(&a.date)
                && titles.contains(&(a.date, crate::text::fold_title(a.title))))
    };
    let survey = cx.survey_where(&candidate)?;
    // Voided articles count as seen: a void says "not this one", and the next
    // run must not log the item again.
    let mut logged = Logged::of(survey.candidates.iter());
    let item_count: usize = feeds.iter().map(|(_, items)| items.len()).sum();
    let first_number = survey.next_number(DataFile::Articles, item_count)?;
    let mut names: HashMap<*const Plan, UnitNames> = HashMap::new();
    let mut articles: Vec<Article> = Vec::new();
    let mut tallies: Vec<Tally> = Vec::new();
    for (feed, items) in &feeds {
        let mut tally = Tally {
            items: items.len(),
            ..Tally::default()
        };
        for item in items {
            let id = format!(
                "{}{}",
                DataFile::Articles.id_prefix(),
                first_number + articles.len() as u64
            );
            match outcome(cx, &options, item, feed.unit, id, &mut logged, &mut names) {
                Outcome::Log(article) => {
                    logged.insert(&article);
                    articles.push(*article);
                    tally.logged += 1;
                }
                Outcome::Already => tally.already += 1,
                Outcome::Skip(date, why) => {
                    let title = crate::printable(&item.title).into_owned();
                    tally.skipped.push((item.number, date, title, why));
                }
            }
        }
        tallies.push(tally);
    }
    let lines = articles
        .iter()
        .map(serde_json::to_string)
        .collect::<Result<Vec<_>, _>>()?;
    if options.dry_run {
        drop(lock);
        for line in &lines {
            writeln!(out, "{line}")?;
        }
    } else {
        if !lines.is_empty() {
            for warning in cx.store.append_whole(&lock, &lines)? {
                cx.warn(&warning.text(cx.lang));
            }
        }
        drop(lock);
        for a in &articles {
            let title = crate::printable(&a.title);
            writeln!(out, "{}\t{}\t{}\t{title}", a.id, a.date, a.unit)?;
        }
    }
    if !options.quiet {
        for ((feed, _), tally) in feeds.iter().zip(&mut tallies) {
            tally.skipped.sort_by_key(|(number, ..)| *number);
            for (number, date, title, why) in &tally.skipped {
                let notice = Notice::FeedNotLogged {
                    number: *number,
                    date: *date,
                    title,
                    skip: FeedSkip::Refused { why },
                };
                eprintln!("{}", notice.text(cx.lang));
            }
            let shown = match feed.unit {
                Some(unit) => format!("{} ({})", crate::printable(feed.address), unit.name),
                None => crate::printable(feed.address).into_owned(),
            };
            let notice = Notice::FeedRead {
                source: &shown,
                items: tally.items,
                logged: tally.logged,
                already: tally.already,
                not_logged: tally.skipped.len(),
                dry_run: options.dry_run,
            };
            eprintln!("{}", notice.text(cx.lang));
        }
    }
    Ok(if failed > 0 { Exit::Findings } else { Exit::Ok })
}

/// What to do with `item` (of `unit`'s own feed, if it is one): log it as the
/// article `id`, pass over it as already logged, or leave it, saying why (in the
/// user's language).
#[allow(clippy::too_many_arguments)]
fn outcome(
    cx: &Context,
    options: &Options,
    item: &Item,
    unit: Option<&Unit>,
    id: String,
    logged: &mut Logged,
    names: &mut HashMap<*const Plan, UnitNames>,
) -> Outcome {
    let skip = |date, skip: FeedSkip| Outcome::Skip(date, skip.text(cx.lang));
    // The day it was published, in the plan's local time.
    let date = item.day(cx.plan.utc_offset);
    let url = match &item.link {
        Some(link) => match check_url(cx.lang, "link", link) {
            Ok(url) => Some(url),
            Err(e) => {
                return skip(
                    date,
                    FeedSkip::Refused {
                        why: &e.to_string(),
                    },
                );
            }
        },
        None => None,
    };
    if url.as_deref().is_some_and(|u| logged.has_url(u)) {
        return Outcome::Already;
    }
    let Some(date) = date else {
        return skip(None, FeedSkip::NoDate);
    };
    let title = match check_title(cx.lang, "title", &item.title) {
        Ok(title) => title,
        Err(e) => {
            return skip(
                Some(date),
                FeedSkip::Refused {
                    why: &e.to_string(),
                },
            );
        }
    };
    if date > cx.as_of() {
        return skip(Some(date), FeedSkip::AfterToday { today: cx.as_of() });
    }
    // A unit's own feed: the plan that counts the item and has the unit (a commune
    // new in next year's plan, an item of 20 December counting for its Q1).
    let has_unit = |p: &Plan| unit.is_none_or(|u| p.unit(&u.id).is_some());
    let plan = match cx
        .plans
        .of_unit_record(RecordKind::Article, date, None, has_unit)
    {
        Some(found) if found.plan.accepts_date(RecordKind::Article, date) => &found.plan,
        _ => {
            let ranges = cx.plans.ranges(cx.lang);
            return skip(Some(date), FeedSkip::OutsidePlans { ranges: &ranges });
        }
    };
    let names = names
        .entry(plan as *const Plan)
        .or_insert_with(|| UnitNames::of(plan));
    let channel = match check_channel(plan, cx.lang, "--channel", options.channel.as_deref()) {
        Ok(channel) => channel,
        Err(e) => {
            return skip(
                Some(date),
                FeedSkip::Refused {
                    why: &e.to_string(),
                },
            );
        }
    };
    let recognised = match unit {
        // A unit's own feed: its items are the unit's, in the plan of their date.
        Some(unit) => match plan.unit(&unit.id) {
            Some(unit) => Ok(unit),
            None => return skip(Some(date), FeedSkip::UnitNotInPlan { unit: &unit.id }),
        },
        None => recognise(names, item).map(|u| &plan.units[u]),
    };
    let unit = match recognised {
        Ok(unit) => unit,
        Err(candidates) => {
            // Logged by hand since (any unit, same day, title and channel): nothing to say.
            if logged.has_title(None, date, &title, &channel) {
                return Outcome::Already;
            }
            if candidates.is_empty() {
                return skip(Some(date), FeedSkip::NoUnit);
            }
            let units: Vec<String> = candidates
                .iter()
                .map(|&u| format!("{} `{}`", plan.units[u].name, plan.units[u].id))
                .collect();
            let units = units.join(", ");
            return skip(Some(date), FeedSkip::SeveralUnits { units: &units });
        }
    };
    if logged.has_title(Some(&unit.id), date, &title, &channel) {
        return Outcome::Already;
    }
    Outcome::Log(Box::new(Article {
        id,
        unit: unit.id.clone(),
        date,
        title,
        topics: Vec::new(),
        url,
        channel,
        sent: None,
        logged_at: crate::intake::build::now_rfc3339(),
    }))
}

/// The unit an item is from: the one its authors and categories name, else the
/// one its title names; when none or several are named, those named (if any).
fn recognise(names: &UnitNames, item: &Item) -> Result<usize, Vec<usize>> {
    let mut by_metadata: Vec<usize> = Vec::new();
    for text in item.authors.iter().chain(&item.categories) {
        for unit in names.units_in(text) {
            if !by_metadata.contains(&unit) {
                by_metadata.push(unit);
            }
        }
    }
    let named = if by_metadata.is_empty() {
        names.units_in(&item.title)
    } else {
        by_metadata
    };
    match named[..] {
        [unit] => Ok(unit),
        _ => Err(named),
    }
}

/// The articles as the feed compares them, voided ones included: by link
/// (normalised), and by day, title (folded) and channel with the units logged
/// under them (as `log` tells duplicates: the same news on another channel is
/// another item). Not `intake::Duplicates`: that one leaves voids out, keys
/// content by unit (an item whose unit is not recognised asks "any unit?"), and
/// answers with a refusal to show rather than yes or no.
struct Logged {
    urls: HashSet<String>,
    titles: HashMap<(NaiveDate, String, Option<String>), Vec<String>>,
}

impl Logged {
    fn of<'a>(articles: impl Iterator<Item = &'a Article>) -> Logged {
        let mut logged = Logged {
            urls: HashSet::new(),
            titles: HashMap::new(),
        };
        for a in articles {
            logged.insert(a);
        }
        logged
    }

    fn insert(&mut self, a: &Article) {
        if let Some(url) = &a.url {
            self.urls.insert(crate::text::normalize_url(url));
        }
        self.titles
            .entry((a.date, crate::text::fold_title(&a.title), a.channel.clone()))
            .or_default()
            .push(a.unit.clone());
    }

    fn has_url(&self, url: &str) -> bool {
        self.urls.contains(&crate::text::normalize_url(url))
    }

    /// An article of this day, title and channel is logged (for `unit`, or any).
    fn has_title(
        &self,
        unit: Option<&str>,
        date: NaiveDate,
        title: &str,
        channel: &Option<String>,
    ) -> bool {
        let key = (date, crate::text::fold_title(title), channel.clone());
        self.titles
            .get(&key)
            .is_some_and(|units| unit.is_none_or(|u| units.iter().any(|x| x == u)))
    }
}
