//! The table `import` reads, from a CSV file or a sheet of a workbook, taken as
//! offices send it (docs/reference.md, "import"): a title and blank rows above the
//! header, which is found among the first rows by the columns it names; a row-number
//! ("STT") and a notes ("Ghi chú") column; blank rows; a totals row ("Tổng cộng")
//! and the signatures below it. Places stay the file's own (`tin.csv:7`,
//! `Sheet1!C7`), whatever was left out above.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use anyhow::{Result, bail};
use unicode_normalization::UnicodeNormalization as _;

use super::file::{Grid, HEADER_SEARCH_ROWS, read_csv, read_workbook};
use crate::i18n::{Lang, Refusal};
use crate::plan::RecordKind;
use crate::workbook::Value;

/// The columns each kind of record takes, and which of them must be there.
pub fn columns(kind: RecordKind) -> (&'static [&'static str], &'static [&'static str]) {
    match kind {
        RecordKind::Article => (
            &["unit", "date", "title", "topics", "url", "channel", "sent"],
            &["unit", "date", "title"],
        ),
        RecordKind::Plan => (&["unit", "date", "ref", "rule"], &["unit", "date"]),
        RecordKind::Report => (
            &["unit", "period", "date", "ref", "rule"],
            &["unit", "period", "date"],
        ),
        RecordKind::Broadcast => (
            &["unit", "date", "time", "minutes", "title", "channel"],
            &["date", "time", "title"],
        ),
        RecordKind::Activity => (
            &["unit", "date", "activity", "title", "count", "participants"],
            &["unit", "date", "activity", "title"],
        ),
    }
}

/// The columns a list of `kind` may have, and those it must; the unit not among
/// them when `import --unit` gives it.
fn wanted(kind: RecordKind, unit_given: bool) -> (&'static [&'static str], Vec<&'static str>) {
    let (known, required) = columns(kind);
    let required = required
        .iter()
        .copied()
        .filter(|k| !(unit_given && *k == "unit"))
        .collect();
    (known, required)
}

/// What a header cell may say (folded: no case, no diacritics, punctuation as
/// spaces), the field it names (`""`: a column left out: a row number, notes), and
/// whether longer words may follow ("Tiêu đề tin, bài" is a title, "Ngày đăng" a
/// date). The longest name that fits wins, among the fields the record takes, so
/// "Ngày gửi" is `sent` for an article and "Ngày gửi báo cáo" the `date` of a report.
const COLUMN_NAMES: &[(&str, &str, bool)] = &[
    // The field names themselves, as the header of an exported list has them.
    ("unit", "unit", true),
    ("date", "date", true),
    ("title", "title", true),
    ("topics", "topics", true),
    ("topic", "topics", true),
    ("url", "url", true),
    ("link", "url", true),
    ("channel", "channel", true),
    ("sent", "sent", true),
    ("time", "time", true),
    ("minutes", "minutes", true),
    ("period", "period", true),
    ("ref", "ref", true),
    ("rule", "rule", true),
    ("activity", "activity", true),
    ("count", "count", true),
    ("participants", "participants", true),
    ("notes", "", true),
    ("note", "", true),
    // Vietnamese, as cchc writes them and as offices head their lists.
    ("don vi", "unit", true),
    ("ma don vi", "unit", true),
    ("ten don vi", "unit", true),
    ("co quan", "unit", true),
    ("ngay", "date", true),
    ("tieu de", "title", true),
    ("ten tin bai", "title", true),
    ("ten bai", "title", true),
    ("noi dung", "title", true),
    ("chu de", "topics", true),
    ("linh vuc", "topics", true),
    ("duong dan", "url", true),
    ("duong link", "url", true),
    ("lien ket", "url", true),
    ("kenh", "channel", true),
    ("noi dang", "channel", true),
    ("ngay gui", "sent", true),
    ("gio", "time", true),
    ("thoi luong", "minutes", true),
    ("so phut", "minutes", true),
    ("ky", "period", true),
    ("so hieu", "ref", true),
    ("so ky hieu", "ref", true),
    ("ky hieu", "ref", true),
    ("quy tac", "rule", true),
    ("chi tieu", "rule", true),
    ("ma chi tieu", "rule", true),
    ("hoat dong", "activity", true),
    ("loai hoat dong", "activity", true),
    ("hinh thuc", "activity", true),
    ("so luong", "count", true),
    ("so lan", "count", true),
    ("so nguoi", "participants", true),
    ("so luong nguoi", "participants", true),
    // Left out: the row number and the notes.
    ("stt", "", false),
    ("tt", "", false),
    ("so tt", "", false),
    ("so thu tu", "", false),
    ("thu tu", "", false),
    ("ghi chu", "", true),
    ("don vi tinh", "", false),
    ("dvt", "", false),
];

/// What a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Heading {
    /// A field the record takes.
    Field(&'static str),
    /// A column cchc leaves out (STT, Ghi chú), or a header cell left empty.
    LeftOut,
    /// Nothing cchc knows.
    Unknown,
}

/// What the header cell `text` names, among the fields in `known`.
fn heading(text: &str, known: &[&str]) -> Heading {
    let folded = crate::plan::fold(text);
    if folded.is_empty() {
        return Heading::LeftOut;
    }
    COLUMN_NAMES
        .iter()
        .filter(|(name, key, prefix)| {
            (key.is_empty() || known.contains(key))
                && (folded == *name
                    || (*prefix
                        && folded.starts_with(name)
                        && folded.as_bytes().get(name.len()) == Some(&b' ')))
        })
        .max_by_key(|(name, _, _)| name.len())
        .map_or(Heading::Unknown, |(_, key, _)| match *key {
            "" => Heading::LeftOut,
            key => Heading::Field(key),
        })
}

/// A row as the person numbers it (CSV line, sheet row) with its filled cells of
/// the columns read, each by its column (from 0, the table's first).
pub struct Row {
    pub line: u64,
    pub cells: Vec<(usize, String)>,
}

/// A row that cannot be read: where (a workbook's cell, when one is to blame) and why.
pub struct BadRow {
    pub line: u64,
    pub column: Option<usize>,
    pub message: String,
}

/// The rows to import, from a CSV file or a sheet of a workbook.
pub struct Table {
    /// Each field's column.
    pub columns: HashMap<String, usize>,
    /// The header's row.
    pub header_line: u64,
    /// Rows above the header that held something (a title, the sender).
    pub above: usize,
    pub rows: Vec<Result<Row, BadRow>>,
    /// Totals rows, by their line, and how many rows below the last one were left out
    /// (signatures, notes: rows that do not fill every required column).
    pub totals: Vec<u64>,
    /// The signature block's first row ("…, ngày … tháng … năm …", "Người lập
    /// biểu"), left out with the rows below it that are not records (`below`).
    pub signature: Option<u64>,
    pub below: usize,
    /// A workbook's sheet: places are then cells (`Sheet1!C7`).
    sheet: Option<String>,
    /// The sheet's column of the table's first column (0 is `A`).
    first_column: u32,
}

impl Table {
    /// Where a row (and, in a workbook, the cell of column `column`) is.
    pub fn place(&self, name: &str, row: u64, column: Option<usize>) -> String {
        place(&self.sheet, self.first_column, name, row, column)
    }
}

fn place(
    sheet: &Option<String>,
    first: u32,
    name: &str,
    row: u64,
    column: Option<usize>,
) -> String {
    match sheet {
        None => format!("{name}:{row}"),
        Some(sheet) => {
            let column = first as u64 + column.unwrap_or(0) as u64;
            let letters = crate::workbook::column_letters(column.min(u32::MAX as u64) as u32);
            format!("{name}: {sheet}!{letters}{row}")
        }
    }
}

/// Reads `path` (CSV, or a workbook by its `.xlsx` name) as a table of `kind`
/// records: the header found, the rows below it, what was left out.
/// With `unit_given` (`import --unit`), a list needs no unit column.
pub fn read(
    lang: Lang,
    path: &Path,
    name: &str,
    kind: RecordKind,
    sheet: Option<&str>,
    unit_given: bool,
) -> Result<Table> {
    let is_workbook = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let grid = if is_workbook {
        read_workbook(lang, path, name, sheet)?
    } else {
        if sheet.is_some() {
            bail!(Refusal::SheetIsForWorkbooks { file: name }.text(lang));
        }
        let (known, required) = wanted(kind, unit_given);
        let finds_header = |grid: &Grid| find_header(grid, known, &required).map(|h| h.index);
        read_csv(lang, path, name, &finds_header)?
    };
    table(lang, name, grid, kind, unit_given)
}

/// The fields a header names (by column), and its cells that name nothing. A
/// header is one row, or two: a row of group headings ("Thông tin tin, bài"
/// merged over three columns) above the row that names them ("Tiêu đề", "Ngày
/// đăng", "Đường dẫn"), with the columns of one heading merged over both.
struct Header {
    index: usize,
    /// Its rows: 1, or 2 for a two-row header.
    depth: usize,
    columns: Vec<(usize, &'static str)>,
    unknown: Vec<(usize, String)>,
    /// Each column's heading: the lower row's where it has one.
    texts: BTreeMap<usize, String>,
}

impl Header {
    fn names_all(&self, required: &[&str]) -> bool {
        required
            .iter()
            .all(|r| self.columns.iter().any(|(_, k)| k == r))
    }
}

/// What the `depth` rows from `index` name as a header.
fn header_of(grid: &Grid, index: usize, depth: usize, known: &[&str]) -> Header {
    let mut texts: BTreeMap<usize, String> = BTreeMap::new();
    for line in &grid.lines[index..index + depth] {
        for (column, value) in &line.cells {
            let text = header_text(value);
            if !text.trim().is_empty() {
                texts.insert(*column, text);
            }
        }
    }
    let mut header = Header {
        index,
        depth,
        columns: Vec::new(),
        unknown: Vec::new(),
        texts: BTreeMap::new(),
    };
    for (column, text) in &texts {
        match heading(text, known) {
            Heading::Field(key) => header.columns.push((*column, key)),
            Heading::LeftOut => {}
            Heading::Unknown => header.unknown.push((*column, text.clone())),
        }
    }
    header.texts = texts;
    header
}

/// The header among the first filled rows: the first row that names every
/// required column, else the first two rows that do together.
fn find_header(grid: &Grid, known: &[&str], required: &[&str]) -> Option<Header> {
    let searched = grid.lines.len().min(HEADER_SEARCH_ROWS);
    let good = |i: usize| grid.lines[i].bad.is_none();
    let one = (0..searched)
        .filter(|&i| good(i))
        .map(|i| header_of(grid, i, 1, known))
        .find(|h| h.names_all(required));
    one.or_else(|| {
        (0..searched.saturating_sub(1))
            .filter(|&i| good(i) && good(i + 1))
            .map(|i| header_of(grid, i, 2, known))
            .find(|h| h.names_all(required))
    })
}

/// Finds the header among the first filled rows, maps its columns, and reads the
/// rows below it.
fn table(lang: Lang, name: &str, grid: Grid, kind: RecordKind, unit_given: bool) -> Result<Table> {
    let (known, required) = wanted(kind, unit_given);
    let required = &required[..];
    let known_list = known_columns(known);
    let searched = grid.lines.len().min(HEADER_SEARCH_ROWS);
    // The header; else the row that names most, to say what it lacks.
    let header = match find_header(&grid, known, required) {
        Some(found) => found,
        None => match (0..searched)
            .filter(|&i| grid.lines[i].bad.is_none())
            .map(|i| header_of(&grid, i, 1, known))
            .filter(|h| !h.columns.is_empty())
            .max_by_key(|h| (h.columns.len(), std::cmp::Reverse(h.index)))
        {
            Some(best) => best,
            None => {
                let file = match grid.lines.first() {
                    Some(first) => place(&grid.sheet, grid.first_column, name, first.line, None),
                    None => name.to_string(),
                };
                let refusal = Refusal::NoHeaderRow {
                    file: &file,
                    rows: HEADER_SEARCH_ROWS,
                    required: &required_names(lang, required),
                    known: &known_list,
                };
                bail!(refusal.text(lang));
            }
        },
    };
    // Places in the header are named by its lower row, where the names are.
    let header_line = grid.lines[header.index + header.depth - 1].line;
    let at =
        |column: Option<usize>| place(&grid.sheet, grid.first_column, name, header_line, column);
    if let Some((column, text)) = header.unknown.first() {
        let folded = crate::plan::fold(text);
        let refusal = Refusal::UnknownColumn {
            place: &at(Some(*column)),
            column: text,
            closest: crate::plan::closest(&folded, known.iter().copied()),
            known: &known_list,
        };
        bail!(refusal.text(lang));
    }
    let mut columns: HashMap<String, usize> = HashMap::new();
    for (column, key) in &header.columns {
        if columns.insert(key.to_string(), *column).is_some() {
            bail!(
                Refusal::ColumnTwice {
                    place: &at(Some(*column)),
                    column: key
                }
                .text(lang)
            );
        }
    }
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|k| !columns.contains_key(*k))
        .collect();
    if !missing.is_empty() {
        let refusal = Refusal::HeaderLacks {
            place: &at(None),
            missing: &missing.join(", "),
            known: &known_list,
        };
        bail!(refusal.text(lang));
    }
    let header_fields = grid.lines[header.index + header.depth - 1].fields;
    let header_texts = header.texts;
    let time_column = columns.get("time").copied();
    let read_columns: Vec<usize> = columns.values().copied().collect();
    // Filled rows above the header (a title, the sender), and the first row below it.
    let above = header.index;
    let first_below = header.index + header.depth;

    let mut rows = Vec::new();
    let mut totals = Vec::new();
    let mut signature = None;
    let mut below = 0;
    for line in grid.lines.into_iter().skip(first_below) {
        if let Some(message) = line.bad {
            rows.push(Err(BadRow {
                line: line.line,
                column: None,
                message,
            }));
            continue;
        }
        if line.cells.first().is_some_and(|(_, v)| is_totals(v)) {
            totals.push(line.line);
            continue;
        }
        let is_read = |column: &usize| read_columns.contains(column);
        if !line.cells.iter().any(|(c, _)| is_read(c)) {
            continue;
        }
        let fills_required = required.iter().all(|k| {
            let column = columns.get(*k);
            line.cells.iter().any(|(c, _)| Some(c) == column)
        });
        // Without a totals row, the signature block begins at a row that is not a
        // record and says
        // "…, ngày … tháng … năm …", "NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)" …
        if totals.is_empty()
            && signature.is_none()
            && !fills_required
            && line.cells.iter().any(|(_, v)| is_signature(v))
        {
            signature = Some(line.line);
            continue;
        }
        // Below a totals row or the signature, what does not fill every required
        // column is the signature block or a note, not a record.
        if (!totals.is_empty() || signature.is_some()) && !fills_required {
            below += 1;
            continue;
        }
        // A CSV line of fewer fields than the header, or with text beyond it, is
        // one whose commas or quotes went wrong (an unquoted "Tin, bài"): its
        // cells would land in the wrong columns.
        if let (Some(header), Some(fields)) = (header_fields, line.fields)
            && (fields < header || line.cells.iter().any(|(c, _)| *c >= header))
        {
            rows.push(Err(BadRow {
                line: line.line,
                column: None,
                message: Refusal::FieldCount {
                    fields: fields as u64,
                    header: header as u64,
                }
                .text(lang),
            }));
            continue;
        }
        let cells: Vec<(usize, Value)> =
            line.cells.into_iter().filter(|(c, _)| is_read(c)).collect();
        let mut texts = Vec::with_capacity(cells.len());
        let mut bad = None;
        for (column, value) in &cells {
            match cell_text(value, Some(*column) == time_column) {
                Ok(text) => texts.push((*column, text)),
                Err(problem) => {
                    let field = header_texts.get(column).map_or("", |t| t.trim());
                    bad = Some(BadRow {
                        line: line.line,
                        column: Some(*column),
                        message: problem.text(lang, field),
                    });
                    break;
                }
            }
        }
        rows.push(match bad {
            Some(bad) => Err(bad),
            None => Ok(Row {
                line: line.line,
                cells: texts,
            }),
        });
    }
    // A subtotal between groups ("Cộng") is followed by more records: those fill
    // the required columns and are read.
    Ok(Table {
        columns,
        header_line,
        above,
        rows,
        totals,
        signature,
        below,
        sheet: grid.sheet,
        first_column: grid.first_column,
    })
}

/// Whether a row whose first filled cell holds `value` is a totals row: "Tổng
/// cộng", "Cộng", "Tổng số: 12"… Diacritics count here ("Công an tỉnh" is a unit).
fn is_totals(value: &Value) -> bool {
    let Value::Text(text) = value else {
        return false;
    };
    // Every word below begins with t or c: other cells (most of them) are not
    // normalised to be compared.
    if !text.starts_with(['t', 'T', 'c', 'C']) || text.len() > 200 {
        return false;
    }
    let text: String = text.nfc().collect::<String>().to_lowercase();
    let text = text.trim().trim_end_matches([':', '.', ' ']);
    let whole = ["tổng cộng", "cộng", "tổng", "tổng số", "tong cong", "total"];
    let starts = ["tổng cộng", "tổng số", "tong cong", "total"];
    whole.contains(&text)
        || starts.iter().any(|w| {
            text.strip_prefix(w)
                .is_some_and(|rest| rest.starts_with(|c: char| !c.is_alphanumeric()))
        })
}

/// Whether a cell belongs to a list's signature block: the place and date
/// ("An Phú, ngày 31 tháng 3 năm 2026", or with dots for the date), a signer's
/// role ("NGƯỜI LẬP BIỂU", "CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"), "(Ký, ghi rõ họ
/// tên)", "Nơi nhận:".
fn is_signature(value: &Value) -> bool {
    let Value::Text(text) = value else {
        return false;
    };
    if text.len() > 200 {
        return false;
    }
    // Without diacritics or case, punctuation kept (`fold` drops it).
    let plain = deunicode::deunicode(text).to_lowercase();
    let text = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    // "Place, ngày D tháng M năm Y" (a title that speaks of a day has no comma
    // before "ngày").
    fn after<'t>(text: &'t str, word: &str) -> Option<&'t str> {
        text.find(word).map(|i| &text[i + word.len()..])
    }
    let dated = |t: &str| {
        t.strip_prefix("ngay ")
            .or_else(|| after(t, ", ngay "))
            .and_then(|t| after(t, " thang "))
            .and_then(|t| after(t, " nam "))
            .is_some()
    };
    let roles = [
        "nguoi lap bieu",
        "nguoi lap",
        "nguoi tong hop",
        "nguoi ky",
        "thu truong don vi",
        "thu truong co quan",
        "chu tich",
        "pho chu tich",
        "giam doc",
        "pho giam doc",
        "truong phong",
        "xac nhan cua thu truong",
        "xac nhan cua lanh dao",
        "noi nhan",
    ];
    dated(&text)
        || roles.contains(&text.trim_end_matches([':', '.']))
        || ["(ky", "tm ", "kt ", "tm.", "kt."]
            .iter()
            .any(|p| text.starts_with(p))
}

/// The Vietnamese header of a field, as the lists units send name it (shown in
/// messages in both languages: it is what the sheet says).
fn vietnamese_name(key: &str) -> &str {
    match key {
        "unit" => "Đơn vị",
        "date" => "Ngày",
        "title" => "Tiêu đề",
        "topics" => "Chủ đề",
        "url" => "Đường dẫn",
        "channel" => "Kênh",
        "sent" => "Ngày gửi",
        "time" => "Giờ",
        "minutes" => "Thời lượng",
        "period" => "Kỳ",
        "ref" => "Số hiệu",
        "rule" => "Quy tắc",
        "activity" => "Hoạt động",
        "count" => "Số lượng",
        "participants" => "Số người",
        other => other,
    }
}

/// The columns a kind takes, with their Vietnamese names: "unit (Đơn vị), date
/// (Ngày), …".
fn known_columns(known: &[&'static str]) -> String {
    known
        .iter()
        .map(|k| format!("{k} ({})", vietnamese_name(k)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The required columns: "Đơn vị, Ngày, Tiêu đề" (Vietnamese) or "unit (Đơn vị), …".
fn required_names(lang: Lang, required: &[&'static str]) -> String {
    match lang {
        Lang::Vi => required
            .iter()
            .map(|k| vietnamese_name(k))
            .collect::<Vec<_>>()
            .join(", "),
        Lang::En => known_columns(required),
    }
}

/// A header cell as text (a header of TRUE or #N/A is then an unknown column).
fn header_text(value: &Value) -> String {
    match value {
        Value::Bool(true) => "TRUE".to_string(),
        Value::Bool(false) => "FALSE".to_string(),
        Value::Error(error) => error.clone(),
        other => cell_text(other, false).unwrap_or_default(),
    }
}

/// Why a cell holds no value a field can take.
enum CellProblem {
    /// A date cell of no day: its serial number.
    NoDay(String),
    Bool(bool),
    /// A formula's error (`#DIV/0!`).
    Error(String),
}

impl CellProblem {
    /// What to say, in the column `field`.
    fn text(&self, lang: Lang, field: &str) -> String {
        use crate::i18n::Guard;
        match self {
            CellProblem::NoDay(serial) => Guard::CellNoDay { field, serial }.text(lang),
            CellProblem::Bool(value) => Guard::CellBool { value: *value }.text(lang),
            CellProblem::Error(error) => Guard::CellError { error }.text(lang),
        }
    }
}

/// A cell's value as the text a field takes (`time`: the column is a time of day),
/// or why the cell holds no value a field can take. Date cells become dates
/// (YYYY-MM-DD), time cells times (HH:MM), whole numbers numbers.
fn cell_text(value: &Value, time: bool) -> Result<String, CellProblem> {
    match value {
        Value::Text(text) => Ok(text.clone()),
        Value::Number(f) if f.fract() == 0.0 && f.abs() < 1e15 => Ok(format!("{}", *f as i64)),
        Value::Number(f) => Ok(f.to_string()),
        Value::DateTime { at: Some(at), .. } if time => Ok(at.format("%H:%M").to_string()),
        // Serial 1 is 1 January 1900. 0 and less, and NaN, are no day, though
        // Excel shows 0 as "0 January 1900" and readers make it 30 December 1899.
        Value::DateTime {
            serial: Some(serial),
            ..
        } if !time && (serial.is_nan() || *serial < 1.0) => {
            Err(CellProblem::NoDay(serial.to_string()))
        }
        Value::DateTime { at: Some(at), .. } => Ok(at.date().format("%Y-%m-%d").to_string()),
        Value::DateTime { serial, at: None } => Err(CellProblem::NoDay(
            serial.map_or_else(|| "?".to_string(), |s| s.to_string()),
        )),
        Value::Bool(value) => Err(CellProblem::Bool(*value)),
        Value::Error(error) => Err(CellProblem::Error(error.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::file::Line;

    const ARTICLE: &[&str] = &["unit", "date", "title", "topics", "url", "channel", "sent"];
    const REPORT: &[&str] = &["unit", "period", "date", "ref", "rule"];

    #[test]
    fn headers_offices_write_name_their_fields() {
        for (text, expected) in [
            ("Đơn vị", Heading::Field("unit")),
            ("ĐƠN VỊ", Heading::Field("unit")),
            ("Tên đơn vị", Heading::Field("unit")),
            ("Ngày đăng", Heading::Field("date")),
            ("Ngày gửi", Heading::Field("sent")),
            ("Tiêu đề tin, bài", Heading::Field("title")),
            ("Chủ đề", Heading::Field("topics")),
            ("Lĩnh vực", Heading::Field("topics")),
            ("Đường dẫn (link)", Heading::Field("url")),
            ("date", Heading::Field("date")),
            ("Title", Heading::Field("title")),
            ("STT", Heading::LeftOut),
            ("Số TT", Heading::LeftOut),
            ("TT", Heading::LeftOut),
            ("Ghi chú", Heading::LeftOut),
            ("", Heading::LeftOut),
            ("Người ký", Heading::Unknown),
            ("titel", Heading::Unknown),
            // Only whole words: "Ngàyđăng" is no "Ngày …".
            ("Ngàyđăng", Heading::Unknown),
            // The row number only as a whole cell: "TT Văn hóa" is no row number.
            ("TT văn hóa", Heading::Unknown),
            // A field the kind does not take is no match; a shorter one that it
            // takes is.
            ("Kỳ báo cáo", Heading::Unknown),
        ] {
            assert_eq!(heading(text, ARTICLE), expected, "{text}");
        }
        assert_eq!(heading("Ngày gửi báo cáo", REPORT), Heading::Field("date"));
        assert_eq!(heading("Kỳ báo cáo", REPORT), Heading::Field("period"));
        assert_eq!(heading("Số, ký hiệu", REPORT), Heading::Field("ref"));
    }

    #[test]
    fn totals_rows_are_told_by_their_words_with_diacritics() {
        let text = |t: &str| Value::Text(t.to_string());
        for yes in [
            "Tổng cộng",
            "TỔNG CỘNG:",
            "Cộng",
            "Tổng số: 12 tin",
            "Total",
        ] {
            assert!(is_totals(&text(yes)), "{yes}");
        }
        // Decomposed diacritics (as some editors save them) are the same words.
        assert!(is_totals(&text("To\u{302}\u{309}ng co\u{302}\u{323}ng")));
        for no in [
            "Công an tỉnh",
            "Cộng đồng",
            "Tổng kết năm",
            "1",
            "UBND xã An Phú",
        ] {
            assert!(!is_totals(&text(no)), "{no}");
        }
        assert!(!is_totals(&Value::Number(12.0)));
    }

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid {
            lines: rows
                .iter()
                .enumerate()
                .map(|(i, cells)| Line {
                    line: i as u64 + 1,
                    cells: cells
                        .iter()
                        .enumerate()
                        .filter(|(_, t)| !t.is_empty())
                        .map(|(c, t)| (c, Value::Text(t.to_string())))
                        .collect(),
                    fields: None,
                    bad: None,
                })
                .filter(|l| !l.cells.is_empty())
                .collect(),
            sheet: Some("Sheet1".into()),
            first_column: 0,
        }
    }

    #[test]
    fn a_two_row_header_and_a_signature_block_end_the_table() {
        let table = table(
            Lang::Vi,
            "t.xlsx",
            grid(&[
                &["DANH SÁCH TIN BÀI"],
                &["STT", "Đơn vị", "Thông tin tin, bài", "", "Chủ đề"],
                &["", "", "Ngày đăng", "Tiêu đề", ""],
                &[
                    "1",
                    "Xã An Phú",
                    "15/3/2026",
                    "Hội nghị ngày 15 tháng 3 năm 2026",
                    "",
                ],
                &["2", "Xã An Phú", "", "Chủ tịch xã đối thoại", ""],
                &["", "", "", "An Phú, ngày 31 tháng 3 năm 2026", ""],
                &["", "NGƯỜI LẬP BIỂU", "", "", "CHỦ TỊCH"],
                &["", "(Ký, ghi rõ họ tên)"],
                &["3", "Xã An Phú", "20/3/2026", "Tin ba", ""],
            ]),
            RecordKind::Article,
            false,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((table.header_line, table.above), (3, 1));
        assert_eq!(table.columns.get("unit"), Some(&1));
        assert_eq!(table.columns.get("title"), Some(&3));
        // Row 5 lacks its date: a record still, refused by the builder, not
        // taken for a signature; a whole record below the signature is read.
        let lines: Vec<u64> = table
            .rows
            .iter()
            .map(|r| r.as_ref().map_or(0, |r| r.line))
            .collect();
        assert_eq!(lines, [4, 5, 9]);
        assert_eq!((table.signature, table.below), (Some(6), 2));
    }

    #[test]
    fn signature_cells_are_told_from_titles() {
        let text = |t: &str| Value::Text(t.to_string());
        for yes in [
            "An Phú, ngày 31 tháng 3 năm 2026",
            "Hàm Tân, ngày ... tháng ... năm 2026",
            "ngày 31 tháng 3 năm 2026",
            "NGƯỜI LẬP BIỂU",
            "Người lập biểu:",
            "CHỦ TỊCH",
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "(Ký, ghi rõ họ tên)",
            "Nơi nhận:",
        ] {
            assert!(is_signature(&text(yes)), "{yes}");
        }
        for no in [
            "Hội nghị ngày 15 tháng 3 năm 2026",
            "Chủ tịch xã đối thoại với nhân dân",
            "Tiêu đề",
            "Kết quả thực hiện",
        ] {
            assert!(!is_signature(&text(no)), "{no}");
        }
        assert!(!is_signature(&Value::Number(3.0)));
    }

    #[test]
    fn the_header_is_found_below_a_title_and_the_totals_end_the_table() {
        let table = table(
            Lang::Vi,
            "t.xlsx",
            grid(&[
                &["DANH SÁCH TIN BÀI CCHC QUÝ I/2026"],
                &[],
                &["STT", "Đơn vị", "Ngày đăng", "Tiêu đề tin, bài", "Chủ đề"],
                &["1", "Xã An Phú", "15/3/2026", "Tin một", "Chuyển đổi số"],
                &["2", "", "", "", ""],
                &["", "Xã An Phú", "16/3/2026", "Tin hai", ""],
                &["Tổng cộng", "", "", "2 tin", ""],
                &["", "NGƯỜI LẬP BIỂU", "", "", "CHỦ TỊCH"],
            ]),
            RecordKind::Article,
            false,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((table.header_line, table.above), (3, 1));
        let lines: Vec<u64> = table
            .rows
            .iter()
            .map(|r| r.as_ref().map_or(0, |r| r.line))
            .collect();
        assert_eq!(lines, [4, 6]);
        assert_eq!((table.totals.clone(), table.below), (vec![7], 1));
        assert_eq!(table.columns.get("title"), Some(&3));
        assert_eq!(table.place("t.xlsx", 6, Some(3)), "t.xlsx: Sheet1!D6");
    }

    #[test]
    fn a_file_without_a_header_says_which_columns_it_looks_for() {
        let error = table(
            Lang::Vi,
            "t.xlsx",
            grid(&[&["DANH SÁCH"], &["a", "b"]]),
            RecordKind::Article,
            false,
        )
        .err()
        .unwrap()
        .to_string();
        assert!(error.contains("20 dòng đầu"), "{error}");
        assert!(error.contains("Đơn vị, Ngày, Tiêu đề"), "{error}");
        // A row that names some columns is the header the message speaks of.
        let error = table(
            Lang::Vi,
            "t.xlsx",
            grid(&[&["DANH SÁCH"], &["STT", "Đơn vị", "Ngày đăng"]]),
            RecordKind::Article,
            false,
        )
        .err()
        .unwrap()
        .to_string();
        assert!(
            error.contains("Sheet1!A2: dòng tiêu đề thiếu cột title"),
            "{error}"
        );
        let error = table(
            Lang::En,
            "t.xlsx",
            grid(&[&["STT", "Đơn vị", "Ngày", "Tiêu đề", "Người ký"]]),
            RecordKind::Article,
            false,
        )
        .err()
        .unwrap()
        .to_string();
        assert!(
            error.contains("Sheet1!E1: unknown column `Người ký`"),
            "{error}"
        );
    }
}
