//! The lines of a CSV file or the filled cells of a sheet, as read, before the
//! header is known (the table's reader finds it): UTF-8 checked per line, the
//! CSV separator chosen by where the header is, a workbook read within the bounds
//! of [`crate::workbook`].

use std::path::Path;

use anyhow::{Result, bail};

use crate::i18n::{Lang, Refusal};
use crate::workbook::{Limit, MAX_CELLS, Value};

/// How many filled rows from the top are searched for the header.
pub const HEADER_SEARCH_ROWS: usize = 20;

/// The largest CSV file `import` reads: a workbook's bound. A CSV holds no
/// compression, but every row read costs some hundred times its bytes by the time
/// it is checked and counted (a 98 MB file of 3,000,000 rows took 11.7 GB), so
/// it is bounded like a workbook: this size, and [`crate::workbook::MAX_CELLS`].
const MAX_IMPORT_BYTES: u64 = crate::workbook::MAX_FILE_BYTES;

/// A row of the file as read, before the header is known.
pub struct Line {
    pub line: u64,
    /// Filled cells, by column.
    pub cells: Vec<(usize, Value)>,
    /// CSV: how many fields the line has.
    pub fields: Option<usize>,
    /// CSV: why the line cannot be read (the CSV reader's words).
    pub bad: Option<String>,
}

/// Everything of a file or sheet that holds something.
pub struct Grid {
    pub lines: Vec<Line>,
    pub sheet: Option<String>,
    pub first_column: u32,
}

/// Why the file to import cannot be read: it is not there, or the system's reason.
fn unreadable(lang: Lang, name: &str, error: &std::io::Error) -> anyhow::Error {
    if error.kind() == std::io::ErrorKind::NotFound {
        return anyhow::anyhow!(Refusal::FileMissing { file: name }.text(lang));
    }
    let why = crate::i18n::os_reason(error, lang);
    anyhow::anyhow!(
        Refusal::CannotRead {
            file: name,
            why: &why
        }
        .text(lang)
    )
}

/// The lines of a CSV file (UTF-8 text, checked by [`read_csv`]) split at
/// `delimiter` that hold something; `limit`: stop after this many. More filled
/// cells than a workbook may have are refused.
fn csv_lines(text: &str, delimiter: u8, limit: Option<usize>) -> Result<Vec<Line>, Limit> {
    let bytes = text.as_bytes();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(delimiter)
        .from_reader(bytes);
    // A record's line, counted from its first byte: the csv crate's position is
    // where it began reading, before the line breaks it then skipped (the `\n` of a
    // CRLF, blank lines), so its count is off on Excel's CRLF files and after
    // blank lines; messages promise the file's line numbers. Records come in file
    // order, so the count goes on from the last one: the file is searched once,
    // and a header search reads no further than its rows.
    let (mut counted_to, mut line) = (0usize, 1u64);
    let mut line_at = |position: Option<&csv::Position>| {
        position.map_or(0, |p| {
            let mut byte = usize::try_from(p.byte()).unwrap_or(usize::MAX);
            while bytes.get(byte).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
                byte += 1;
            }
            let byte = byte.min(bytes.len()).max(counted_to);
            line += memchr::memchr_iter(b'\n', &bytes[counted_to..byte]).count() as u64;
            counted_to = byte;
            line
        })
    };
    let mut lines = Vec::new();
    let mut filled = 0usize;
    for record in reader.byte_records() {
        if limit.is_some_and(|l| lines.len() >= l) {
            break;
        }
        let line = match record {
            Ok(record) => {
                let number = line_at(record.position());
                let mut cells = Vec::new();
                for (column, field) in record.iter().enumerate() {
                    // Text cut at ASCII separators and quotes is still UTF-8.
                    let field = std::str::from_utf8(field).expect("a field of UTF-8 text");
                    if !field.is_empty() {
                        cells.push((column, Value::Text(field.to_string())));
                    }
                }
                Line {
                    line: number,
                    cells,
                    fields: Some(record.len()),
                    bad: None,
                }
            }
            Err(e) => Line {
                line: line_at(e.position()),
                cells: Vec::new(),
                fields: None,
                bad: Some(e.to_string()),
            },
        };
        if line.cells.is_empty() && line.bad.is_none() {
            continue;
        }
        filled += line.cells.len();
        if filled > MAX_CELLS {
            return Err(Limit::Cells { max: MAX_CELLS });
        }
        lines.push(line);
    }
    Ok(lines)
}

/// The CSV file's lines. Its separator is `,` or `;` (Excel saves `;` where the
/// decimal mark is a comma, as in Vietnam): the one whose lines hold the header,
/// else the one the first line that has either has more of.
pub fn read_csv(
    lang: Lang,
    path: &Path,
    name: &str,
    finds_header: &dyn Fn(&Grid) -> Option<usize>,
) -> Result<Grid> {
    let refused = |limit: &Limit| {
        anyhow::anyhow!(crate::i18n::Guard::Workbook { file: name, limit }.text(lang))
    };
    if let Ok(Some(meta)) = crate::files::regular_or_absent(path)
        && meta.len() > MAX_IMPORT_BYTES
    {
        return Err(refused(&Limit::File {
            max_mib: MAX_IMPORT_BYTES >> 20,
        }));
    }
    let bytes = crate::files::read_limited(path, MAX_IMPORT_BYTES)
        .map_err(|e| unreadable(lang, name, &e))?;
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        bail!(Refusal::Utf16 { file: name }.text(lang));
    }
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    // A file saved in another encoding (Excel's plain "CSV" is Windows-1258 here):
    // said at once, by its first such line, before its header can be looked for
    // (whose Vietnamese names would not be found).
    let text = match simdutf8::compat::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let line = memchr::memchr_iter(b'\n', &bytes[..e.valid_up_to()]).count() + 1;
            bail!("{name}:{line}: {}", Refusal::NotUtf8.text(lang));
        }
    };
    let header_at = |delimiter: u8| {
        let grid = Grid {
            lines: csv_lines(text, delimiter, Some(HEADER_SEARCH_ROWS)).ok()?,
            sheet: None,
            first_column: 0,
        };
        finds_header(&grid)
    };
    let delimiter = match (header_at(b','), header_at(b';')) {
        (Some(comma), Some(semicolon)) if semicolon < comma => b';',
        (Some(_), _) => b',',
        (None, Some(_)) => b';',
        (None, None) => first_line_delimiter(bytes),
    };
    Ok(Grid {
        lines: csv_lines(text, delimiter, None).map_err(|l| refused(&l))?,
        sheet: None,
        first_column: 0,
    })
}

/// `;` when the first line that holds either separator (a title line above the
/// table holds none) has more semicolons than commas, else `,`.
fn first_line_delimiter(bytes: &[u8]) -> u8 {
    let count = |line: &[u8], c: u8| line.iter().filter(|b| **b == c).count();
    let first = bytes
        .split(|b| *b == b'\n')
        .take(HEADER_SEARCH_ROWS)
        .find(|line| count(line, b';') + count(line, b',') > 0)
        .unwrap_or_default();
    if count(first, b';') > count(first, b',') {
        b';'
    } else {
        b','
    }
}

/// The first sheet (or `sheet`) of a workbook, read within bounds (see
/// [`crate::workbook`]).
pub fn read_workbook(lang: Lang, path: &Path, name: &str, sheet: Option<&str>) -> Result<Grid> {
    use crate::workbook::{self, WorkbookError};
    let Some(meta) =
        crate::files::regular_or_absent(path).map_err(|e| unreadable(lang, name, &e))?
    else {
        bail!(Refusal::FileMissing { file: name }.text(lang));
    };
    let refused = |limit: &workbook::Limit| {
        anyhow::anyhow!(crate::i18n::Guard::Workbook { file: name, limit }.text(lang))
    };
    if meta.len() > workbook::MAX_FILE_BYTES {
        return Err(refused(&workbook::Limit::File {
            max_mib: workbook::MAX_FILE_BYTES >> 20,
        }));
    }
    let bytes = crate::files::read_limited(path, workbook::MAX_FILE_BYTES)
        .map_err(|e| unreadable(lang, name, &e))?;
    let read = workbook::read(&bytes, sheet).map_err(|e| match e {
        WorkbookError::Limit(limit) => refused(&limit),
        WorkbookError::Unreadable(why) => anyhow::anyhow!(
            Refusal::NotAWorkbook {
                file: name,
                why: &why
            }
            .text(lang)
        ),
        WorkbookError::NoSheet => anyhow::anyhow!(Refusal::NoSheet { file: name }.text(lang)),
        WorkbookError::NoSuchSheet { sheet, sheets } => {
            let sheets = sheets.join(", ");
            let refusal = Refusal::NoSuchSheet {
                file: name,
                sheet: &sheet,
                sheets: &sheets,
            };
            anyhow::anyhow!(refusal.text(lang))
        }
        WorkbookError::SheetUnreadable { sheet, why } => {
            let refusal = Refusal::SheetUnreadable {
                file: name,
                sheet: &sheet,
                why: &why,
            };
            anyhow::anyhow!(refusal.text(lang))
        }
    })?;
    let first_column = read.cells.iter().map(|c| c.column).min().unwrap_or(0);
    // At most workbook::MAX_COLUMNS: a wider span is refused as it is read.
    let mut by_row: std::collections::BTreeMap<u32, Vec<(usize, Value)>> = Default::default();
    for cell in read.cells {
        let column = (cell.column - first_column) as usize;
        by_row
            .entry(cell.row)
            .or_default()
            .push((column, cell.value));
    }
    let lines = by_row
        .into_iter()
        .map(|(row, mut cells)| {
            cells.sort_by_key(|(c, _)| *c);
            Line {
                // Sheet rows are numbered from 1.
                line: row as u64 + 1,
                cells,
                fields: None,
                bad: None,
            }
        })
        .collect();
    Ok(Grid {
        lines,
        sheet: Some(read.name),
        first_column,
    })
}
