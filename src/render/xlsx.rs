//! The Excel workbook of `report --format xlsx`: a summary sheet (the year table
//! with status colours), one row per obligation, and the records of the report's
//! period. Numbers are numbers and dates are dates, so the workbook can be summed
//! and sorted; headers and values are in the report's language (the JSON keys and
//! ids in English), in Times New Roman like the documents it goes with.

use anyhow::Result;
use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};

use super::{OBLIGATION_COLUMNS, RECORD_COLUMNS, RecordRow, ReportView};
use crate::i18n::{Lang, kind_heading};
use crate::obligation::Status;

/// The names of the three sheets, in the report's language.
pub fn sheet_names(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::Vi => ["Tổng hợp", "Chỉ tiêu", "Bản ghi"],
        Lang::En => ["Summary", "Obligations", "Records"],
    }
}

/// The fill of a status, as in the terminal colours but light enough to read on.
fn fill(status: Status) -> Color {
    Color::RGB(super::look(status).fill)
}

/// The workbook as bytes.
pub fn report(view: &ReportView, records: &[RecordRow]) -> Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    workbook.set_default_format(&base(), 20, 64)?;
    let names = sheet_names(view.lang);
    let title = view.heading();
    let sheet = workbook.add_worksheet().set_name(names[0])?;
    summary_sheet(view, sheet)?;
    print_setup(sheet, &title, SUMMARY_HEADER_ROW, view.lang)?;
    let sheet = workbook.add_worksheet().set_name(names[1])?;
    obligations_sheet(view, sheet)?;
    print_setup(sheet, &title, 0, view.lang)?;
    let sheet = workbook.add_worksheet().set_name(names[2])?;
    records_sheet(view, &view.records_of_period(records), sheet)?;
    print_setup(sheet, &title, 0, view.lang)?;
    Ok(workbook.save_to_buffer()?)
}

/// The height of a line of text in the default 11-point font, in points.
const LINE_HEIGHT: f64 = 15.0;

/// How many lines a text takes wrapped in a column of `width` characters, with
/// room to spare (proportional letters are wider than Excel's unit on average
/// when they carry Vietnamese marks); at most 15, what a hand-edited title gets.
fn lines_needed(text: &str, width: f64) -> usize {
    let room = (width - 2.0).max(1.0);
    let chars = text.chars().count() as f64 * 1.1;
    ((chars / room).ceil() as usize).clamp(1, 15)
}

/// The row of the summary sheet that names its columns.
const SUMMARY_HEADER_ROW: u32 = 4;

/// How a sheet prints, for offices that print what they receive: A4 landscape (every
/// sheet is wider than tall), one page wide so a unit's row and its quarters stay
/// on one page, the column names on every page, the report's heading above and the
/// page number below.
fn print_setup(sheet: &mut Worksheet, title: &str, header_row: u32, lang: Lang) -> Result<()> {
    const A4: u8 = 9;
    sheet.set_paper_size(A4);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(header_row, header_row)?;
    sheet.set_margins(0.5, 0.5, 0.75, 0.6, 0.3, 0.3);
    sheet.set_header(format!(
        "&C&\"Times New Roman,Bold\"{}",
        page_header_text(title)
    ));
    let page = match lang {
        Lang::Vi => "Trang &P/&N",
        Lang::En => "Page &P of &N",
    };
    sheet.set_footer(format!("&C{page}"));
    Ok(())
}

/// A heading as a page header holds it: `&` written `&&`, within Excel's 255
/// characters for the whole header (cut with "…" when longer).
fn page_header_text(title: &str) -> String {
    const ROOM: usize = 200;
    let mut text = String::new();
    let mut used = 0;
    for c in title.chars() {
        let escaped = if c == '&' {
            "&&".to_string()
        } else {
            c.to_string()
        };
        let len: usize = escaped.encode_utf16().count();
        if used + len > ROOM {
            text.push('…');
            break;
        }
        used += len;
        text.push_str(&escaped);
    }
    text
}

/// Every cell's font: Times New Roman, as Nghị định 30 asks of the documents the
/// workbook is attached to.
fn base() -> Format {
    Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(12)
}

/// A date cell: a real date, shown as Vietnamese offices write it.
fn date_format(lang: Lang) -> Format {
    base().set_num_format(match lang {
        Lang::Vi => "dd/mm/yyyy",
        Lang::En => "yyyy-mm-dd",
    })
}

fn write_date(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    date: chrono::NaiveDate,
    format: &Format,
) -> Result<()> {
    use chrono::Datelike;
    let day = ExcelDateTime::from_ymd(
        u16::try_from(date.year()).unwrap_or(1900),
        date.month() as u8,
        date.day() as u8,
    )?;
    sheet.write_datetime_with_format(row, col, &day, format)?;
    Ok(())
}

fn header_format() -> Format {
    base()
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
}

/// Column width (in characters) that fits the longest text, within limits.
fn width_for<'a>(texts: impl Iterator<Item = &'a str>, min: usize, max: usize) -> f64 {
    texts
        .map(|t| t.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(min, max) as f64
        + 1.5
}

fn summary_sheet(view: &ReportView, sheet: &mut Worksheet) -> Result<()> {
    let labels = view.lang.labels();
    sheet.write_string_with_format(
        0,
        0,
        fit(&view.plan.title),
        &base().set_bold().set_font_size(14),
    )?;
    sheet.write_string(1, 0, fit(&view.plan.issuer))?;
    sheet.write_string(
        2,
        0,
        format!("{}: {}", labels.as_of, view.lang.date(view.as_of)),
    )?;

    let grid = view.year_grid();
    let header_row = SUMMARY_HEADER_ROW;
    let header = header_format();
    let mut headers = vec![labels.unit.to_string(), labels.rule.to_string()];
    headers.extend(grid.quarters.iter().map(|q| view.lang.quarter(*q)));
    for (col, text) in headers.iter().enumerate() {
        sheet.write_string_with_format(header_row, col as u16, text, &header)?;
    }
    let kind_format = base().set_bold().set_italic();
    let cell_format = |status: Status| {
        base()
            .set_background_color(fill(status))
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
    };
    let plain = base()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter);
    let wrapped = plain.clone().set_text_wrap();
    let mut row = header_row + 1;
    let mut widest_cell = 8;
    let rule_width = width_for(view.plan.rules.iter().map(|r| r.title.as_str()), 10, 50);
    for group in &grid.groups {
        sheet.write_string_with_format(
            row,
            0,
            kind_heading(view.lang, &group.kind),
            &kind_format,
        )?;
        row += 1;
        for r in &group.rows {
            sheet.write_string_with_format(row, 0, fit(&view.unit_name(r.unit, r.rule)), &plain)?;
            // Wrapped: a rule's whole title prints, however narrow its column. No
            // spreadsheet fits a row to wrapped text when it opens a file, so the
            // row is given the lines the title needs.
            let title = &view.plan.rules[r.rule].title;
            sheet.write_string_with_format(row, 1, fit(title), &wrapped)?;
            sheet.set_row_height(row, LINE_HEIGHT * lines_needed(title, rule_width) as f64)?;
            for (i, cell) in r.cells.iter().enumerate() {
                let col = 2 + i as u16;
                match cell {
                    Some(cell) => {
                        let text = cell.text();
                        widest_cell = widest_cell.max(text.chars().count());
                        sheet.write_string_with_format(
                            row,
                            col,
                            &text,
                            &cell_format(cell.status),
                        )?;
                    }
                    None => {
                        sheet.write_string_with_format(
                            row,
                            col,
                            "—",
                            &plain.clone().set_align(FormatAlign::Center),
                        )?;
                    }
                }
            }
            row += 1;
        }
    }
    row += 1;
    sheet.write_string(row, 0, view.summary_line())?;
    sheet.write_string(row + 1, 0, view.legend())?;

    let names = view.plan.units.iter().map(|u| u.name.as_str());
    sheet.set_column_width(0, width_for(names, 12, 60))?;
    sheet.set_column_width(1, rule_width)?;
    for i in 0..grid.quarters.len() as u16 {
        // Marks come from a fallback font, wider than Times New Roman letters.
        sheet.set_column_width(2 + i, widest_cell as f64 * 1.5 + 2.0)?;
    }
    sheet.set_freeze_panes(header_row + 1, 2)?;
    Ok(())
}

fn obligations_sheet(view: &ReportView, sheet: &mut Worksheet) -> Result<()> {
    let header = header_format();
    let lang = view.lang;
    for (col, key) in OBLIGATION_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, lang.column(key), &header)?;
    }
    let dates = date_format(lang);
    for (i, o) in view.obligations.iter().enumerate() {
        let row = 1 + i as u32;
        let unit = o.unit.map(|u| &view.plan.units[u]);
        let rule = &view.plan.rules[o.rule];
        let unit_name = view.unit_name(o.unit, o.rule);
        let period = match lang {
            Lang::Vi => lang.period_name(&o.period, o.due),
            Lang::En => o.period.label(),
        };
        let record = lang.record_kind(rule.record());
        let texts = [
            unit.map_or("", |u| u.id.as_str()),
            unit_name.as_str(),
            rule.id.as_str(),
            record,
            &period,
        ];
        for (col, text) in texts.iter().enumerate() {
            sheet.write_string(row, col as u16, fit(text))?;
        }
        write_date(sheet, row, 5, o.period.start, &dates)?;
        write_date(sheet, row, 6, o.period.end, &dates)?;
        write_date(sheet, row, 7, o.due, &dates)?;
        sheet.write_number(row, 8, o.required)?;
        sheet.write_number(row, 9, o.done)?;
        sheet.write_number(row, 10, o.missing())?;
        let status = match lang {
            Lang::Vi => lang.status(o.status),
            Lang::En => o.status.id(),
        };
        sheet.write_string_with_format(
            row,
            11,
            status,
            &base().set_background_color(fill(o.status)),
        )?;
        if let Some(days) = o.days_left {
            sheet.write_number(row, 12, days as f64)?;
        }
        sheet.write_string(row, 13, fit(&o.records.join(";")))?;
    }
    let names: Vec<String> = view
        .obligations
        .iter()
        .map(|o| view.unit_name(o.unit, o.rule))
        .collect();
    sheet.set_column_width(1, width_for(names.iter().map(String::as_str), 10, 60))?;
    sheet.set_column_width(
        2,
        width_for(view.plan.rules.iter().map(|r| r.id.as_str()), 8, 40),
    )?;
    for col in [0u16, 4, 5, 6, 7] {
        sheet.set_column_width(col, 12)?;
    }
    sheet.set_column_width(4, 16)?;
    sheet.set_column_width(11, 16)?;
    sheet.set_freeze_panes(1, 0)?;
    if !view.obligations.is_empty() {
        sheet.autofilter(
            0,
            0,
            view.obligations.len() as u32,
            OBLIGATION_COLUMNS.len() as u16 - 1,
        )?;
    }
    Ok(())
}

fn records_sheet(view: &ReportView, records: &[&RecordRow], sheet: &mut Worksheet) -> Result<()> {
    let header = header_format();
    let lang = view.lang;
    for (col, key) in RECORD_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, lang.column(key), &header)?;
    }
    // Numbers stay numbers: minutes, count and participants; dates are dates.
    const NUMBER_COLUMNS: [usize; 3] = [5, 16, 17];
    const RECORD_KIND: usize = 1;
    const DATE: usize = 3;
    const SENT: usize = 13;
    let dates = date_format(lang);
    for (i, r) in records.iter().enumerate() {
        let row = 1 + i as u32;
        for (col, text) in r.cells().iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            match col {
                DATE => write_date(sheet, row, col as u16, r.date, &dates)?,
                SENT if r.sent.is_some() => {
                    write_date(sheet, row, col as u16, r.sent.unwrap_or(r.date), &dates)?
                }
                RECORD_KIND => {
                    let kind = crate::plan::RecordKind::parse(r.record)
                        .map_or(r.record, |k| lang.record_kind(k));
                    sheet.write_string(row, col as u16, kind)?;
                }
                _ => match text.parse::<f64>() {
                    Ok(n) if NUMBER_COLUMNS.contains(&col) => {
                        sheet.write_number(row, col as u16, n)?;
                    }
                    _ => {
                        sheet.write_string(row, col as u16, fit(text))?;
                    }
                },
            }
        }
    }
    sheet.set_column_width(DATE as u16, 12)?;
    sheet.set_column_width(SENT as u16, 12)?;
    sheet.set_column_width(
        7,
        width_for(records.iter().filter_map(|r| r.title.as_deref()), 10, 80),
    )?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The most characters Excel holds in a cell.
const EXCEL_CELL_CHARS: usize = 32_767;

/// Text cut to what a cell holds, ending in "…" when cut: one hand-edited title (or
/// the ids of a hundred thousand records) must not cost the whole workbook.
fn fit(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= EXCEL_CELL_CHARS || text.chars().count() <= EXCEL_CELL_CHARS {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut cut: String = text.chars().take(EXCEL_CELL_CHARS - 1).collect();
    cut.push('…');
    std::borrow::Cow::Owned(cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_header_doubles_ampersands_and_stays_within_excels_limit() {
        assert_eq!(page_header_text("Tin & bài"), "Tin && bài");
        let long = "Kế hoạch & ".repeat(40);
        let text = page_header_text(&long);
        assert!(text.ends_with('…'));
        let header = format!("&C&\"Times New Roman,Bold\"{text}");
        assert!(header.encode_utf16().count() <= 255, "{}", header.len());
        // Never half of a doubled ampersand.
        assert_eq!(text.trim_end_matches('…').matches('&').count() % 2, 0);
    }

    #[test]
    fn a_wrapped_title_gets_the_lines_it_needs() {
        assert_eq!(lines_needed("", 50.0), 1);
        assert_eq!(lines_needed("Báo cáo quý", 51.5), 1);
        assert_eq!(lines_needed(&"x".repeat(60), 51.5), 2);
        assert_eq!(lines_needed(&"x".repeat(100_000), 51.5), 15);
    }
}
