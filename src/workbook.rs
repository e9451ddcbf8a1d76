//! The workbooks units send (`.xlsx`), read within bounds.
//!
//! A workbook is a zip of XML parts, and a few kilobytes of it can stand for
//! gigabytes: a part of deflated white space, a shared-strings table that claims
//! billions of strings, one cell at `XFD1048576` that makes a dense reader allocate
//! the whole sheet. As zip and office-file libraries guard themselves (Apache POI's
//! `ZipSecureFile`: a limit per part and a least inflate ratio of 1:100), every
//! part is measured before calamine sees it, through a bounded reader (its declared
//! size is only a claim), and the sheet is then read cell by cell, keeping only the
//! cells that hold something, so that memory follows what the sheet holds and not
//! where its cells are. What is beyond a bound is refused by name ([`Limit`]).
//!
//! A cell merged down over several rows (a unit's name over its articles) is read
//! in each of those rows, as the sheet shows it; the merged regions are read only
//! when a sheet has any.

use std::io::{self, BufReader, Cursor, Read};

use calamine::{DataRef, DataType as _, Reader as _};
use chrono::NaiveDateTime;

/// The largest workbook file read (a list of 100,000 articles is about 5 MiB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The most one part may expand to.
pub const MAX_PART_BYTES: u64 = 128 * 1024 * 1024;
/// The most all parts together may expand to.
pub const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;
/// How many times larger than its compressed bytes a part may be (POI's 1:100)…
pub const MAX_RATIO: u64 = 100;
/// …once it is larger than this (small parts compress as they like).
const RATIO_GRACE_BYTES: u64 = 100 * 1024;
/// How many parts a workbook may have.
pub const MAX_PARTS: usize = 10_000;
/// How many shared strings (distinct texts) a workbook may have or claim.
pub const MAX_SHARED_STRINGS: u64 = 1_000_000;
/// How many filled cells a sheet may have (a list of 7 columns and 280,000 rows).
pub const MAX_CELLS: usize = 2_000_000;
/// How many columns the filled cells of a sheet may span: a list to import has
/// at most seven.
pub const MAX_COLUMNS: u32 = 64;

/// What makes a workbook too large or too strange to read; every bound is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Limit {
    /// The file is larger than `MAX_FILE_BYTES` (in MiB).
    File { max_mib: u64 },
    /// More parts than [`MAX_PARTS`].
    Parts { count: usize, max: usize },
    /// A part expands beyond [`MAX_PART_BYTES`] (in MiB).
    Part { part: String, max_mib: u64 },
    /// A part expands more than [`MAX_RATIO`] times its compressed size.
    Ratio { part: String, ratio: u64, max: u64 },
    /// All parts together expand beyond [`MAX_TOTAL_BYTES`] (in MiB).
    Total { max_mib: u64 },
    /// The shared-strings table has or claims more than [`MAX_SHARED_STRINGS`].
    SharedStrings { claimed: u64, max: u64 },
    /// More filled cells than [`MAX_CELLS`].
    Cells { max: usize },
    /// Filled cells from column `first` to the cell `cell` span more than
    /// [`MAX_COLUMNS`] columns.
    Columns {
        first: String,
        cell: String,
        max: u32,
    },
}

/// Why a workbook could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkbookError {
    /// Beyond a bound.
    Limit(Limit),
    /// Not a workbook, or a broken one (the library's words).
    Unreadable(String),
    /// The workbook has no sheet.
    NoSheet,
    /// No sheet of that name; the names of those there are.
    NoSuchSheet { sheet: String, sheets: Vec<String> },
    /// The sheet itself cannot be read (the library's words).
    SheetUnreadable { sheet: String, why: String },
}

/// What a filled cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text, and whole numbers as Excel shows them.
    Text(String),
    Number(f64),
    /// A cell formatted as a date or time: its serial number (`None` when the cell
    /// held an ISO 8601 text) and what it stands for (`None`: nothing a calendar has).
    DateTime {
        serial: Option<f64>,
        at: Option<NaiveDateTime>,
    },
    /// TRUE or FALSE.
    Bool(bool),
    /// An error a formula left (`#DIV/0!`, `#N/A`, …).
    Error(String),
}

/// One filled cell: row and column from 0, as in `A1` = (0, 0).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub row: u32,
    pub column: u32,
    pub value: Value,
}

/// The filled cells of one sheet, in the order the sheet stores them.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub cells: Vec<Cell>,
}

/// A spreadsheet column's letters: 0 → A, 25 → Z, 26 → AA.
pub fn column_letters(index: u32) -> String {
    let mut index = index as u64;
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.iter().rev().map(|&b| b as char).collect()
}

/// A cell's name: (1, 2) → `C2`.
pub fn cell_name(row: u32, column: u32) -> String {
    format!("{}{}", column_letters(column), row as u64 + 1)
}

/// Reads the filled cells of `sheet` (default: the first) from the bytes of a
/// workbook, refusing what is beyond a bound before it is expanded.
pub fn read(bytes: &[u8], sheet: Option<&str>) -> Result<Sheet, WorkbookError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(WorkbookError::Limit(Limit::File {
            max_mib: MAX_FILE_BYTES >> 20,
        }));
    }
    let has_merges = measure_parts(bytes)?;
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| WorkbookError::Unreadable(e.to_string()))?;
    let names = workbook.sheet_names();
    let chosen = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| WorkbookError::NoSuchSheet {
                sheet: s.to_string(),
                sheets: names.clone(),
            })?,
        None => names.first().cloned().ok_or(WorkbookError::NoSheet)?,
    };
    let unreadable = |e: calamine::XlsxError| WorkbookError::SheetUnreadable {
        sheet: chosen.clone(),
        why: e.to_string(),
    };
    let mut reader = workbook
        .worksheet_cells_reader(&chosen)
        .map_err(unreadable)?;
    let mut cells = Vec::new();
    let (mut first_column, mut last) = (u32::MAX, (0, 0));
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let (row, column) = cell.get_position();
        let Some(value) = value_of(cell.get_value()) else {
            continue;
        };
        if cells.len() == MAX_CELLS {
            return Err(WorkbookError::Limit(Limit::Cells { max: MAX_CELLS }));
        }
        first_column = first_column.min(column);
        if column >= last.1 {
            last = (row, column);
        }
        // Cells come in any order: the span is checked at each new extreme.
        if last.1 - first_column >= MAX_COLUMNS {
            return Err(WorkbookError::Limit(Limit::Columns {
                first: column_letters(first_column),
                cell: cell_name(last.0, last.1),
                max: MAX_COLUMNS,
            }));
        }
        cells.push(Cell { row, column, value });
    }
    drop(reader);
    if has_merges {
        let regions = workbook
            .merge_cells_by_sheet_name(&chosen)
            .map_err(unreadable)?;
        fill_merged(&mut cells, &regions)?;
    }
    Ok(Sheet {
        name: chosen,
        cells,
    })
}

/// Gives each row a merged region spans the value of its first cell, as the sheet
/// shows it: a unit's name merged down over its articles is that unit's in each
/// row. Only down (a title or header merged across columns stays one cell, in its
/// first column), only in rows the sheet fills, and within [`MAX_CELLS`].
fn fill_merged(
    cells: &mut Vec<Cell>,
    regions: &[calamine::Dimensions],
) -> Result<(), WorkbookError> {
    let Some(last_row) = cells.iter().map(|c| c.row).max() else {
        return Ok(());
    };
    // Only the columns regions begin in are indexed (a title's, a unit's).
    let columns: std::collections::HashSet<u32> = regions.iter().map(|r| r.start.1).collect();
    let at: std::collections::HashMap<(u32, u32), usize> = cells
        .iter()
        .enumerate()
        .filter(|(_, c)| columns.contains(&c.column))
        .map(|(i, c)| ((c.row, c.column), i))
        .collect();
    let mut added = Vec::new();
    for region in regions {
        let (top, column) = region.start;
        let Some(&first) = at.get(&(top, column)) else {
            continue;
        };
        for row in top.saturating_add(1)..=region.end.0.min(last_row) {
            if at.contains_key(&(row, column)) {
                continue;
            }
            if cells.len() + added.len() >= MAX_CELLS {
                return Err(WorkbookError::Limit(Limit::Cells { max: MAX_CELLS }));
            }
            added.push(Cell {
                row,
                column,
                value: cells[first].value.clone(),
            });
        }
    }
    cells.extend(added);
    Ok(())
}

/// What a cell holds, `None` when it is empty (or only white space).
fn value_of(data: &DataRef<'_>) -> Option<Value> {
    let text = |s: &str| (!s.trim().is_empty()).then(|| Value::Text(s.trim().to_string()));
    match data {
        DataRef::Empty => None,
        DataRef::String(s) | DataRef::DurationIso(s) => text(s),
        DataRef::SharedString(s) => text(s),
        DataRef::Int(i) => Some(Value::Text(i.to_string())),
        DataRef::Float(f) => Some(Value::Number(*f)),
        DataRef::Bool(b) => Some(Value::Bool(*b)),
        DataRef::Error(e) => Some(Value::Error(e.to_string())),
        DataRef::DateTime(d) => Some(Value::DateTime {
            serial: Some(d.as_f64()),
            at: d.as_datetime(),
        }),
        DataRef::DateTimeIso(_) => Some(Value::DateTime {
            serial: None,
            at: data.as_datetime(),
        }),
    }
}

/// Each part's real size (read, not believed), its inflate ratio, the total, and
/// the shared strings a table claims and has; and whether a sheet merges cells
/// (so that the sheet is read a second time for its merged regions only then).
fn measure_parts(bytes: &[u8]) -> Result<bool, WorkbookError> {
    let unreadable = |e: &dyn std::fmt::Display| WorkbookError::Unreadable(e.to_string());
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    if zip.len() > MAX_PARTS {
        return Err(WorkbookError::Limit(Limit::Parts {
            count: zip.len(),
            max: MAX_PARTS,
        }));
    }
    let mut total = 0u64;
    let mut has_merges = false;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(|e| unreadable(&e))?;
        let name = part.name().map_or_else(
            |_| String::from_utf8_lossy(part.name_raw()).into_owned(),
            |n| n.into_owned(),
        );
        let too_large = || {
            WorkbookError::Limit(Limit::Part {
                part: crate::printable(&name).into_owned(),
                max_mib: MAX_PART_BYTES >> 20,
            })
        };
        if part.size() > MAX_PART_BYTES {
            return Err(too_large());
        }
        let compressed = part.compressed_size().max(1);
        let shared_strings = name.to_ascii_lowercase().ends_with("sharedstrings.xml");
        let mut counted = Counted {
            inner: part.take(MAX_PART_BYTES + 1),
            count: 0,
            look_for: name
                .starts_with("xl/worksheets/")
                .then(|| MERGE_TAG.to_vec()),
            tail: Vec::new(),
            found: false,
        };
        if shared_strings {
            check_shared_strings(&mut counted).map_err(|e| match e {
                SharedStringsError::Limit(limit) => WorkbookError::Limit(limit),
                SharedStringsError::Io(e) => unreadable(&e),
            })?;
        }
        io::copy(&mut counted, &mut io::sink()).map_err(|e| unreadable(&e))?;
        has_merges |= counted.found;
        let size = counted.count;
        if size > MAX_PART_BYTES {
            return Err(too_large());
        }
        if size > RATIO_GRACE_BYTES && size / compressed > MAX_RATIO {
            return Err(WorkbookError::Limit(Limit::Ratio {
                part: crate::printable(&name).into_owned(),
                ratio: size / compressed,
                max: MAX_RATIO,
            }));
        }
        total += size;
        if total > MAX_TOTAL_BYTES {
            return Err(WorkbookError::Limit(Limit::Total {
                max_mib: MAX_TOTAL_BYTES >> 20,
            }));
        }
    }
    Ok(has_merges)
}

/// What a sheet that merges cells holds (`<mergeCell ref="A1:F1"/>`).
const MERGE_TAG: &[u8] = b"<mergeCell ";

/// A reader that counts what passes through it, and notes whether `look_for`
/// passed (across the reads' boundaries).
struct Counted<R> {
    inner: R,
    count: u64,
    look_for: Option<Vec<u8>>,
    /// The last bytes read, shorter than `look_for`.
    tail: Vec<u8>,
    found: bool,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        if let Some(wanted) = self.look_for.as_deref()
            && !self.found
            && n > 0
        {
            self.tail.extend_from_slice(&buf[..n]);
            self.found = memchr::memmem::find(&self.tail, wanted).is_some();
            let drop = self.tail.len().saturating_sub(wanted.len() - 1);
            self.tail.drain(..drop);
        }
        Ok(n)
    }
}

enum SharedStringsError {
    Limit(Limit),
    Io(String),
}

/// The shared-strings table's claim (`uniqueCount`, which readers reserve room
/// for) and its strings (`<si>`), each at most [`MAX_SHARED_STRINGS`].
fn check_shared_strings(part: &mut impl Read) -> Result<(), SharedStringsError> {
    use quick_xml::events::Event;
    let too_many = |claimed| {
        SharedStringsError::Limit(Limit::SharedStrings {
            claimed,
            max: MAX_SHARED_STRINGS,
        })
    };
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
    let mut buf = Vec::new();
    let mut strings = 0u64;
    loop {
        buf.clear();
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|e| SharedStringsError::Io(e.to_string()))?;
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "sst" => {
                    if let Some(count) = e.try_get_attribute("uniqueCount").ok().flatten() {
                        let text = count.value.trim().to_string();
                        let claimed = match text.parse::<u64>() {
                            Ok(n) => n,
                            // More digits than a u64 holds: past any bound.
                            Err(_)
                                if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) =>
                            {
                                u64::MAX
                            }
                            Err(_) => 0,
                        };
                        if claimed > MAX_SHARED_STRINGS {
                            return Err(too_many(claimed));
                        }
                    }
                }
                "si" => {
                    strings += 1;
                    if strings > MAX_SHARED_STRINGS {
                        return Err(too_many(strings));
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A workbook of these parts (name, text), deflated.
    fn zipped(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in parts {
            out.start_file(*name, options).unwrap();
            out.write_all(text.as_bytes()).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn column_letters_and_cell_names_are_excels() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(16_383), "XFD");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
        assert_eq!(column_letters(u32::MAX), column_letters(u32::MAX));
    }

    #[test]
    fn a_part_of_white_space_is_refused_by_its_ratio_before_it_is_parsed() {
        let spaces = " ".repeat(4 * 1024 * 1024);
        let bytes = zipped(&[("xl/worksheets/sheet1.xml", &spaces)]);
        assert!(bytes.len() < 64 * 1024, "{}", bytes.len());
        match read(&bytes, None) {
            Err(WorkbookError::Limit(Limit::Ratio { part, ratio, max })) => {
                assert_eq!(part, "xl/worksheets/sheet1.xml");
                assert!(ratio > max, "{ratio}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_shared_strings_table_claiming_billions_is_refused() {
        let sst =
            r#"<sst xmlns="x" count="1" uniqueCount="999999999999999"><si><t>a</t></si></sst>"#;
        let bytes = zipped(&[("xl/sharedStrings.xml", sst)]);
        assert_eq!(
            read(&bytes, None),
            Err(WorkbookError::Limit(Limit::SharedStrings {
                claimed: 999_999_999_999_999,
                max: MAX_SHARED_STRINGS
            }))
        );
        let sst = r#"<x:sst xmlns:x="x" uniqueCount="99999999999999999999999"></x:sst>"#;
        let bytes = zipped(&[("xl/SharedStrings.xml", sst)]);
        assert!(matches!(
            read(&bytes, None),
            Err(WorkbookError::Limit(Limit::SharedStrings { .. }))
        ));
    }

    #[test]
    fn a_tag_split_across_reads_is_found() {
        struct Drip<'a>(&'a [u8]);
        impl Read for Drip<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(buf.len()).min(3);
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        for text in [&b"<x><mergeCell ref=\"A1:F1\"/></x>"[..], b"<x><c/></x>"] {
            let mut counted = Counted {
                inner: Drip(text),
                count: 0,
                look_for: Some(MERGE_TAG.to_vec()),
                tail: Vec::new(),
                found: false,
            };
            io::copy(&mut counted, &mut io::sink()).unwrap();
            assert_eq!(counted.found, text.starts_with(b"<x><m"));
            assert_eq!(counted.count, text.len() as u64);
        }
    }

    #[test]
    fn merged_cells_are_filled_down_within_the_rows_filled() {
        let text = |row, column, t: &str| Cell {
            row,
            column,
            value: Value::Text(t.into()),
        };
        let mut cells = vec![
            text(0, 0, "DANH SÁCH"),
            text(3, 1, "UBND xã An Phú"),
            text(3, 2, "a"),
            text(4, 2, "b"),
            text(5, 1, "Xã An Hòa"),
        ];
        let region = |start, end| calamine::Dimensions { start, end };
        let regions = [
            // The title across six columns: not filled across.
            region((0, 0), (0, 5)),
            // The unit down rows 4–5; a region reaching far below the sheet.
            region((3, 1), (4, 1)),
            region((5, 1), (1_048_575, 3)),
            // A region whose first cell is empty.
            region((7, 0), (9, 0)),
        ];
        fill_merged(&mut cells, &regions).unwrap();
        let filled: Vec<(u32, u32)> = cells[5..].iter().map(|c| (c.row, c.column)).collect();
        assert_eq!(filled, [(4, 1)]);
        assert_eq!(cells[5].value, Value::Text("UBND xã An Phú".into()));
    }

    #[test]
    fn what_is_not_a_zip_is_unreadable() {
        assert!(matches!(
            read(b"unit,date,title\n", None),
            Err(WorkbookError::Unreadable(_))
        ));
    }
}
