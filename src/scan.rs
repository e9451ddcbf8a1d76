//! Fast reading of large data files, for the commands that only need to count
//! (`report`, `check`) or to look a few things up before a write (`log`, `void`).
//!
//! A file is cut into one share per core, each share the lines that start in its
//! byte range; every core reads its share in chunks (never the whole file, see
//! [`crate::store`]'s `read_lines`) and parses its lines into borrowed [`View`]s,
//! which allocate nothing for a well-formed line. Lines are judged by the store's
//! rules (`classify`): blank lines are skipped, a malformed line is an error naming
//! file and line (the first one in the file), a torn last line is a warning.

use std::collections::HashSet;
use std::io;
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::error::StoreError;
use crate::evaluate::{KeepIds, Layout, Tally};
use crate::plan::Plan;
use crate::record::{Article, DataFile, View, parse_view};
use crate::store::{LineKind, Raw, StoreWarning, classify, read_lines};

/// Files smaller than this are read by one core: threads would cost more.
const PARALLEL_FROM: u64 = 1 << 20;

/// What one core made of its share of a file.
struct Share<S> {
    state: S,
    /// Lines in the share, blank ones included (to number lines across shares).
    lines: usize,
    /// The first bad line, numbered within the share.
    first_error: Option<(usize, String)>,
    /// The share's last line was the file's torn tail, numbered within the share.
    torn: Option<usize>,
}

/// Calls `visit(state, position, view)` for every record and void of `file` in
/// `dir` (`position` is the line's byte offset, which orders records of one day).
/// Each core has its own state, made by `make`; returns them (to merge) and the
/// warnings (a torn last line).
pub fn scan_file<S, M, V>(
    dir: &Path,
    file: DataFile,
    make: M,
    visit: V,
) -> Result<(Vec<S>, Vec<StoreWarning>), StoreError>
where
    S: Send,
    M: Fn() -> S,
    V: Fn(&mut S, u64, View) + Sync,
{
    let path = dir.join(file.file_name());
    let Some(bounds) = share_bounds(&path)? else {
        return Ok((Vec::new(), Vec::new()));
    };
    let states: Vec<S> = bounds.iter().map(|_| make()).collect();
    let shares = on_shares(&bounds, states, |start, end, state| {
        scan_share(&path, file, start, end, state, &visit)
    });
    let mut states = Vec::new();
    let mut warnings = Vec::new();
    let mut first_error: Option<(usize, String)> = None;
    let mut lines_before = 0;
    for share in shares {
        let share = share.map_err(StoreError::io("read", &path))?;
        if let Some((line, message)) = share.first_error
            && first_error.is_none()
        {
            first_error = Some((lines_before + line, message));
        }
        if let Some(line) = share.torn {
            warnings.push(StoreWarning::TornLastLine {
                file,
                line: lines_before + line,
            });
        }
        lines_before += share.lines;
        states.push(share.state);
    }
    if let Some((line, message)) = first_error {
        return Err(StoreError::BadLine {
            file: file.file_name().to_string(),
            line,
            message,
        });
    }
    Ok((states, warnings))
}

/// The byte ranges of a file's shares: one per core, or one for a small file;
/// `None` when the file does not exist.
fn share_bounds(path: &Path) -> Result<Option<Vec<(u64, u64)>>, StoreError> {
    let len = match crate::files::regular_or_absent(path) {
        Ok(Some(meta)) => meta.len(),
        Ok(None) => return Ok(None),
        Err(e) => return Err(StoreError::io("read", path)(e)),
    };
    let cores = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8) as u64;
    let workers = if len < PARALLEL_FROM { 1 } else { cores };
    Ok(Some(
        (0..workers)
            .map(|k| (len * k / workers, len * (k + 1) / workers))
            .collect(),
    ))
}

/// Runs `work(start, end, state)` for every share on a thread of its own; the
/// results come back in file order.
fn on_shares<S: Send, R: Send>(
    bounds: &[(u64, u64)],
    states: Vec<S>,
    work: impl Fn(u64, u64, S) -> R + Sync,
) -> Vec<R> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = bounds
            .iter()
            .zip(states)
            .map(|(&(start, end), state)| {
                let work = &work;
                scope.spawn(move || work(start, end, state))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a reader thread panicked"))
            .collect()
    })
}

/// Reads and visits the lines that start in `start..end` of the file.
fn scan_share<S, V>(
    path: &Path,
    file: DataFile,
    start: u64,
    end: u64,
    state: S,
    visit: &V,
) -> io::Result<Share<S>>
where
    V: Fn(&mut S, u64, View),
{
    let mut share = Share {
        state,
        lines: 0,
        first_error: None,
        torn: None,
    };
    read_lines(path, start, end, |offset, raw, terminated| {
        share.lines += 1;
        let line = share.lines;
        match classify(raw, terminated, |text| parse_view(file, text)) {
            LineKind::Blank => {}
            LineKind::Value(view) => visit(&mut share.state, offset, view),
            LineKind::Bad(message) => {
                if share.first_error.is_none() {
                    share.first_error = Some((line, message));
                }
            }
            LineKind::Torn => share.torn = Some(line),
        }
    })?;
    Ok(share)
}

/// The ids named by void lines of `file`, found by searching each line for the
/// `"void"` key and reading only the lines that hold it. A void whose key is
/// written with escapes is not found here; [`tally_dir`] catches it.
pub fn voided_ids(dir: &Path, file: DataFile) -> Result<Vec<String>, StoreError> {
    let path = dir.join(file.file_name());
    let Some(bounds) = share_bounds(&path)? else {
        return Ok(Vec::new());
    };
    // Only lines holding the key are parsed: a cheap search first.
    let finder = memchr::memmem::Finder::new(b"\"void\"");
    let states = bounds.iter().map(|_| Vec::new()).collect();
    let results = on_shares(&bounds, states, |start, end, mut ids: Vec<String>| {
        read_lines(&path, start, end, |_, raw, _| {
            // A line too long to be a record is no void either (`tally_dir`
            // reports it).
            let Raw::Bytes(raw) = raw else { return };
            if finder.find(raw).is_some()
                && let Ok(text) = std::str::from_utf8(raw.strip_suffix(b"\r").unwrap_or(raw))
                && let text = text.strip_prefix('\u{feff}').unwrap_or(text)
                && let Ok(View::Void { void, .. }) = parse_view(file, text)
            {
                ids.push(void.to_string());
            }
        })
        .map(|()| ids)
    });
    let mut ids = Vec::new();
    for r in results {
        ids.extend(r.map_err(StoreError::io("read", &path))?);
    }
    Ok(ids)
}

/// What writing one line needs to know of the data directory: the highest id
/// numbers, what is voided, the articles a new one could repeat, and where one id
/// is. Every line is still read and checked, so a damaged file stops the write.
#[derive(Debug, Default)]
pub struct Survey {
    /// Per [`DataFile`] letter (A, B, S, H), the highest number any id with it has.
    highest: [u64; 4],
    pub voided: HashSet<String>,
    /// Articles with the probe's unit and date, or its URL (voided ones included).
    pub candidates: Vec<Article>,
    /// The file of the line whose id is the one asked for, and whether it is a void.
    pub found: Option<(DataFile, bool)>,
    /// How many lines have that id (more than one: the data was edited by hand, or
    /// two directories share a file).
    pub found_count: usize,
    pub warnings: Vec<StoreWarning>,
}

impl Survey {
    /// The next free id for a line of `file` (as
    /// [`crate::record::Records::next_number`] counts).
    pub fn next_id(&self, file: DataFile) -> Result<String, StoreError> {
        Ok(format!(
            "{}{}",
            file.id_prefix(),
            self.next_number(file, 1)?
        ))
    }

    /// The first of `count` numbers for new ids (see
    /// [`crate::record::first_free_number`]).
    pub fn next_number(&self, file: DataFile, count: usize) -> Result<u64, StoreError> {
        let letter = DataFile::ALL
            .iter()
            .position(|f| *f == file)
            .expect("a file");
        crate::record::first_free_number(file, self.highest[letter], count)
    }

    fn merge(&mut self, other: Survey) {
        for (a, b) in self.highest.iter_mut().zip(other.highest) {
            *a = (*a).max(b);
        }
        self.voided.extend(other.voided);
        self.candidates.extend(other.candidates);
        self.found = self.found.or(other.found);
        self.found_count += other.found_count;
    }
}

/// Reads every data file for [`Survey`]: `probe` is the article about to be logged
/// (for duplicates), `find` an id to locate (for `void`).
pub fn survey(
    dir: &Path,
    probe: Option<&Article>,
    find: Option<&str>,
) -> Result<Survey, StoreError> {
    let probe_url = probe.and_then(|p| p.url.as_deref().map(crate::text::normalize_url));
    let candidate = |a: &ArticleFields| {
        let Some(probe) = probe else { return false };
        let same_url = probe_url
            .as_deref()
            .is_some_and(|p| a.url.is_some_and(|u| crate::text::normalize_url(u) == p));
        same_url || (a.unit == probe.unit && a.date == probe.date)
    };
    survey_where(dir, &candidate, find)
}

/// What [`survey_where`]'s test sees of an article.
pub struct ArticleFields<'a> {
    pub unit: &'a str,
    pub date: NaiveDate,
    pub title: &'a str,
    pub url: Option<&'a str>,
}

/// [`survey`] keeping as candidates the articles `candidate` picks (voided ones
/// included: [`Survey::voided`] says which).
pub fn survey_where(
    dir: &Path,
    candidate: &(dyn Fn(&ArticleFields) -> bool + Sync),
    find: Option<&str>,
) -> Result<Survey, StoreError> {
    crate::store::check_dir(dir)?;
    let mut total = Survey::default();
    for file in DataFile::ALL {
        let visit = |survey: &mut Survey, _: u64, view: View| {
            let id = view.id();
            for (slot, f) in DataFile::ALL.iter().enumerate() {
                if let Some(n) = id
                    .strip_prefix(f.id_prefix())
                    .and_then(|n| n.parse::<u64>().ok())
                {
                    survey.highest[slot] = survey.highest[slot].max(n);
                }
            }
            if find == Some(id) {
                survey.found_count += 1;
                if survey.found.is_none() {
                    survey.found = Some((file, matches!(view, View::Void { .. })));
                }
            }
            match view {
                View::Void { void, .. } => {
                    survey.voided.insert(void.to_string());
                }
                View::Article {
                    id,
                    unit,
                    date,
                    title,
                    topics,
                    url,
                    channel,
                    sent,
                } => {
                    let fields = ArticleFields {
                        unit: &unit,
                        date,
                        title: &title,
                        url: url.as_deref(),
                    };
                    if candidate(&fields) {
                        survey.candidates.push(Article {
                            id: id.to_string(),
                            unit: unit.to_string(),
                            date,
                            title: title.to_string(),
                            topics: topics.iter().map(|t| t.to_string()).collect(),
                            url: url.map(|u| u.to_string()),
                            channel: channel.map(|c| c.to_string()),
                            sent,
                            logged_at: String::new(),
                        });
                    }
                }
                View::Broadcast { .. } | View::Submission { .. } | View::Activity { .. } => {}
            }
        };
        let (surveys, warnings) = scan_file(dir, file, Survey::default, visit)?;
        for s in surveys {
            total.merge(s);
        }
        total.warnings.extend(warnings);
    }
    Ok(total)
}

/// Counts every record of the data directory into a [`Tally`] without holding the
/// records: voids are found first (a quick search for their key), then every file
/// is read once. Returns the tally and the warnings (torn last lines).
pub fn tally_dir(
    dir: &Path,
    plan: &Plan,
    as_of: NaiveDate,
    keep: KeepIds,
) -> Result<(Tally, Vec<StoreWarning>), StoreError> {
    crate::store::check_dir(dir)?;
    let layout = Arc::new(Layout::new(plan));
    let mut voided: HashSet<String> = HashSet::new();
    for file in DataFile::ALL {
        voided.extend(voided_ids(dir, file)?);
    }
    loop {
        let mut total = Tally::new(Arc::clone(&layout), as_of, keep);
        let mut warnings = Vec::new();
        // Voids the quick search missed (a key written with escapes).
        let mut unseen_voids: Vec<String> = Vec::new();
        for file in DataFile::ALL {
            let make = || (Tally::new(Arc::clone(&layout), as_of, keep), Vec::new());
            let counts = |state: &mut (Tally, Vec<String>), position: u64, view: View| {
                let (tally, unseen) = state;
                if !voided.is_empty() && voided.contains(view.id()) {
                    return;
                }
                match view.fact() {
                    Some(fact) => tally.add(plan, &fact, view.id(), position),
                    None => {
                        if let View::Void { void, .. } = &view
                            && !voided.contains(&**void)
                        {
                            unseen.push(void.to_string());
                        }
                    }
                }
            };
            let (states, file_warnings) = scan_file(dir, file, make, counts)?;
            for (tally, unseen) in states {
                total.merge(tally);
                unseen_voids.extend(unseen);
            }
            warnings.extend(file_warnings);
        }
        if unseen_voids.is_empty() {
            return Ok((total, warnings));
        }
        voided.extend(unseen_voids);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str) -> String {
        format!(r#"{{"id":"{id}","unit":"u","date":"2022-03-15","title":"T","logged_at":"x"}}"#)
    }

    /// Every id seen with its offset, and the warnings.
    type Seen = (Vec<(u64, String)>, Vec<StoreWarning>);

    fn ids_of(dir: &Path) -> Result<Seen, StoreError> {
        let (states, warnings) = scan_file(
            dir,
            DataFile::Articles,
            Vec::new,
            |seen: &mut Vec<(u64, String)>, offset, view| {
                seen.push((offset, view.id().to_string()))
            },
        )?;
        let mut all: Vec<(u64, String)> = states.into_iter().flatten().collect();
        all.sort();
        Ok((all, warnings))
    }

    #[test]
    fn every_line_is_visited_once_at_its_offset_across_shares() {
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::new();
        let mut offsets = Vec::new();
        // Over PARALLEL_FROM, so that every core reads a share.
        for i in 1..=40_000 {
            offsets.push((text.len() as u64, format!("A{i}")));
            text.push_str(&article(&format!("A{i}")));
            text.push_str(if i % 7 == 0 { "\r\n\n" } else { "\n" });
        }
        assert!(text.len() as u64 > PARALLEL_FROM);
        std::fs::write(dir.path().join("articles.jsonl"), &text).unwrap();
        let (seen, warnings) = ids_of(dir.path()).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(seen, offsets);
    }

    #[test]
    fn lines_are_numbered_across_shares_in_errors() {
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::new();
        for i in 1..=40_000 {
            text.push_str(&if i == 30_000 {
                "oops".to_string()
            } else {
                article(&format!("A{i}"))
            });
            text.push_str(if i % 10 == 0 { "\n\n" } else { "\n" });
        }
        std::fs::write(dir.path().join("articles.jsonl"), &text).unwrap();
        let err = ids_of(dir.path()).unwrap_err().to_string();
        assert!(err.starts_with("articles.jsonl:32999:"), "{err}");
    }

    #[test]
    fn a_bad_line_is_the_first_error_and_a_torn_tail_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("articles.jsonl");
        std::fs::write(
            &path,
            format!("{}\n{}\n{{\"id\"", article("A1"), article("A2")),
        )
        .unwrap();
        let (seen, warnings) = ids_of(dir.path()).unwrap();
        assert_eq!(seen.len(), 2);
        let torn = StoreWarning::TornLastLine {
            file: DataFile::Articles,
            line: 3,
        };
        assert_eq!(warnings, [torn]);
        std::fs::write(
            &path,
            format!("{}\nbad\n{}\nworse\n", article("A1"), article("A2")),
        )
        .unwrap();
        let err = ids_of(dir.path()).unwrap_err().to_string();
        assert!(err.starts_with("articles.jsonl:2:"), "{err}");
        std::fs::write(&path, article("A1")).unwrap();
        assert_eq!(
            ids_of(dir.path()).unwrap().0.len(),
            1,
            "a complete last line counts"
        );
    }

    #[test]
    fn a_void_written_with_escapes_is_still_applied() {
        let dir = tempfile::tempdir().unwrap();
        let plan = Plan::parse(
            "[plan]\ntitle = \"T\"\nissuer = \"I\"\nstart = 2022-01-01\nend = 2022-12-31\n\
             [[unit]]\nid = \"u\"\nname = \"U\"\nkind = \"k\"\n\
             [[rule]]\nid = \"r\"\ntitle = \"R\"\nunits = [\"u\"]\nrecord = \"article\"\nevery = \"year\"\nmin = 1\n",
            "t.toml",
        )
        .unwrap();
        let text = format!(
            "{}\n{}\n",
            article("A1"),
            r#"{"id":"A2","\u0076oid":"A1","reason":"r","logged_at":"x"}"#
        );
        std::fs::write(dir.path().join("articles.jsonl"), text).unwrap();
        assert!(
            voided_ids(dir.path(), DataFile::Articles)
                .unwrap()
                .is_empty(),
            "the quick search misses it"
        );
        let as_of = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
        let (tally, _) = tally_dir(dir.path(), &plan, as_of, KeepIds::All).unwrap();
        let obligations = tally.finish(&plan);
        assert_eq!(obligations[0].done, 0, "A1 is voided");
    }

    /// The fast path (shares, views, void search, tally) against the straightforward
    /// one (the store's strict reader and `evaluate`) on a generated directory large
    /// enough to be read by every core, with voids, blank lines and CRLF.
    #[test]
    fn counting_from_files_gives_the_straightforward_obligations() {
        use crate::evaluate::evaluate;
        use crate::store::Store;
        let dir = tempfile::tempdir().unwrap();
        let plan = Plan::built_in();
        let units: Vec<&str> = plan.units.iter().map(|u| u.id.as_str()).collect();
        let topics = [
            "",
            "\"chi-dao-dieu-hanh\"",
            "\"mot-cua\",\"van-ban-qppl\"",
            "\"chinh-quyen-so\"",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let date = |d: u64| {
            (NaiveDate::from_ymd_opt(2022, 1, 1).unwrap() + chrono::Duration::days(d as i64))
                .format("%Y-%m-%d")
                .to_string()
        };
        let mut articles = String::new();
        for i in 1..=12_000u64 {
            let unit = units[next(units.len() as u64) as usize];
            let line = format!(
                r#"{{"id":"A{i}","unit":"{unit}","date":"{}","title":"Tin \"số\" {i}","topics":[{}],"logged_at":"x"}}"#,
                date(next(380)),
                topics[next(4) as usize]
            );
            articles.push_str(&line);
            articles.push_str(match next(50) {
                0 => "\r\n",
                1 => "\n\n",
                _ => "\n",
            });
            if next(40) == 0 {
                articles.push_str(&format!(
                    r#"{{"id":"V{i}","void":"A{}","reason":"r","logged_at":"x"}}"#,
                    1 + next(i)
                ));
                articles.push('\n');
            }
        }
        let mut broadcasts = String::new();
        for i in 1..=400u64 {
            broadcasts.push_str(&format!(
                r#"{{"id":"B{i}","unit":"trung-tam-vhttt","date":"{}","time":"{:02}:{:02}","title":"T","logged_at":"x"}}"#,
                date(next(370)),
                next(24),
                next(60)
            ));
            broadcasts.push('\n');
        }
        let mut submissions = String::new();
        for i in 1..=200u64 {
            let unit = units[next(units.len() as u64) as usize];
            let (kind, period) = if next(3) == 0 {
                ("plan", String::new())
            } else {
                ("report", format!(r#","period":"2022-Q{}""#, 1 + next(4)))
            };
            submissions.push_str(&format!(
                r#"{{"id":"S{i}","unit":"{unit}","kind":"{kind}"{period},"date":"{}","logged_at":"x"}}"#,
                date(next(365))
            ));
            submissions.push('\n');
        }
        assert!(articles.len() as u64 > PARALLEL_FROM);
        std::fs::write(dir.path().join("articles.jsonl"), articles).unwrap();
        std::fs::write(dir.path().join("broadcasts.jsonl"), broadcasts).unwrap();
        std::fs::write(dir.path().join("submissions.jsonl"), submissions).unwrap();

        let records = Store::new(dir.path()).load().unwrap().records;
        assert!(!records.voids.is_empty());
        for as_of in ["2022-02-10", "2022-06-30", "2022-11-20", "2023-02-01"] {
            let as_of = crate::record::iso_date::parse(as_of).unwrap();
            let expected = evaluate(&plan, &records, as_of);
            let (tally, warnings) = tally_dir(dir.path(), &plan, as_of, KeepIds::All).unwrap();
            assert!(warnings.is_empty());
            assert_eq!(tally.finish(&plan), expected, "as of {as_of}");
        }
    }

    #[test]
    fn voids_are_found_by_their_key() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!(
            "{}\n{}\n{}\n",
            article("A1"),
            r#"{"id":"A2","void":"A1","reason":"r","logged_at":"x"}"#,
            r#"{"id":"A3","unit":"u","date":"2022-03-15","title":"a \"void\" in a title","logged_at":"x"}"#
        );
        std::fs::write(dir.path().join("articles.jsonl"), text).unwrap();
        assert_eq!(voided_ids(dir.path(), DataFile::Articles).unwrap(), ["A1"]);
    }
}
