//! The report handed in, as a Word document in the form of Nghị định 30/2020/NĐ-CP
//! (Phụ lục I), item by item as docs/van-ban.md lists them: A4 portrait, Times New
//! Roman, the header table (the bodies and the national motto with their short rule
//! lines; "Số" on the row of the place and date), "BÁO CÁO" and its subject with its
//! rule line, "Kính gửi", the body citing the plan reported on (I. results, II.
//! shortcomings by period and unit, III. a marked paragraph for the officer), then
//! "Nơi nhận" and the signature kept with the last lines of the body; page numbers
//! from page 2, centred at the top. Each appendix is a section of its own, numbered
//! from its own page 1, headed "(Kèm theo Báo cáo số …)".
//!
//! What the plan's `[document]` does not say is printed as a marked placeholder for
//! the clerk, and [`gaps`] names the keys that would fill it.
//!
//! WordprocessingML is plain XML in a zip: the package is written here, part by
//! part, with the zip crate the workbook writer already builds on.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;

use anyhow::Result;
use zip::write::SimpleFileOptions;

use super::{Evidence, RecordRow, ReportView, mark};
use crate::i18n::{Lang, kind_heading, roman};
use crate::obligation::{Completion, Obligation, Status, completion, standings};
use crate::period::Every;
use crate::plan::{Plan, RecordKind, SignerForm};

/// Twentieths of a point per millimetre.
const TWIPS_PER_MM: f64 = 56.692_9;
/// Names listed in a sentence before "and N more".
const NAMES_IN_A_SENTENCE: usize = 6;
/// Periods of one rule listed in section II before "and N more".
const PERIODS_IN_A_SENTENCE: usize = 4;
/// The width of the text between the margins (210 − 30 − 15 mm).
const TEXT_WIDTH_MM: f64 = 165.0;
/// The header table's columns: the bodies, the national motto.
const HEADER_COLUMNS_MM: [f64; 2] = [64.0, 101.0];
/// Cell padding on each side, in millimetres (57 twips).
const CELL_PADDING_MM: f64 = 1.0;

/// The whole .docx package.
pub fn report(view: &ReportView, records: &[RecordRow]) -> Result<Vec<u8>> {
    let mut links = Links::default();
    let body = body(view, records, &mut links);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", PACKAGE_RELS.to_string()),
        ("word/styles.xml", STYLES.to_string()),
        ("word/settings.xml", SETTINGS.to_string()),
        ("word/header1.xml", PAGE_NUMBER_HEADER.to_string()),
        ("word/header2.xml", FIRST_PAGE_HEADER.to_string()),
        ("word/_rels/document.xml.rels", links.relationships()),
        ("word/document.xml", document(&body)),
    ] {
        zip.start_file(name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// What the plan's `[document]` leaves for the clerk to fill in by hand: the keys
/// that would fill each marked placeholder of the document, in the order printed.
pub fn gaps(plan: &Plan) -> Vec<&'static str> {
    let doc = &plan.document;
    let mut keys = Vec::new();
    if code(plan).is_none() {
        keys.push("code");
    }
    if place(plan).is_none() {
        keys.push("place");
    }
    if doc.plan_number.is_none() {
        keys.push("plan_number");
    }
    if doc.to.is_empty() && doc.recipients.iter().all(|r| is_file_copy(r)) {
        keys.push("recipients");
    }
    if doc.signer_title.is_empty() && doc.signer_form != Some(SignerForm::Acting) {
        keys.push("signer_title");
    }
    if doc.signer_name.is_none() {
        keys.push("signer_name");
    }
    keys
}

fn document(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
         <w:body>{body}{}</w:body></w:document>",
        section_properties()
    )
}

/// A section's page: A4 portrait, margins top 20, right 15, bottom 20, left 30 mm;
/// the page number at the top from its second page (`titlePg`: the first page has
/// its own, empty header), counted from 1 in each section, so that each appendix
/// is numbered on its own.
fn section_properties() -> String {
    let mm = |v: f64| (v * TWIPS_PER_MM).round() as i64;
    format!(
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>\
         <w:headerReference w:type=\"first\" r:id=\"rIdFirstHeader\"/>\
         <w:type w:val=\"nextPage\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
         <w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>\
         <w:pgNumType w:start=\"1\"/><w:titlePg/></w:sectPr>",
        mm(20.0),
        mm(15.0),
        mm(20.0),
        mm(30.0),
    )
}

/// The end of a section that is not the last: a paragraph as small as Word allows,
/// so that it never pushes a page of its own.
fn section_break() -> String {
    format!(
        "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" w:lineRule=\"exact\"/>\
         <w:rPr><w:sz w:val=\"2\"/><w:szCs w:val=\"2\"/></w:rPr>{}</w:pPr></w:p>",
        section_properties()
    )
}

/// The hyperlinks of the evidence list, as the package's relationships.
#[derive(Default)]
struct Links {
    targets: Vec<String>,
}

impl Links {
    /// The relationship id of a link to `url`.
    fn add(&mut self, url: &str) -> String {
        self.targets.push(url.to_string());
        format!("rIdLink{}", self.targets.len())
    }

    fn relationships(&self) -> String {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
             <Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
             <Relationship Id=\"rIdHeader\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>\
             <Relationship Id=\"rIdFirstHeader\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header2.xml\"/>",
        );
        for (i, url) in self.targets.iter().enumerate() {
            let _ = write!(
                xml,
                "<Relationship Id=\"rIdLink{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"{}\" TargetMode=\"External\"/>",
                i + 1,
                escape(url)
            );
        }
        xml.push_str("</Relationships>");
        xml
    }
}

/// How a paragraph looks.
#[derive(Clone, Copy)]
struct Look {
    align: Align,
    bold: bool,
    italic: bool,
    /// Points (the document's default is 14).
    size: f64,
    /// First-line indent, in millimetres.
    indent: f64,
    /// Space before and after, in points.
    before: u32,
    after: u32,
    /// Kept on the page of the paragraph (or table) that follows.
    keep_next: bool,
    /// Highlighted: text the officer must write or check.
    marked: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Center,
    Justify,
}

const PLAIN: Look = Look {
    align: Align::Left,
    bold: false,
    italic: false,
    size: 14.0,
    indent: 0.0,
    before: 0,
    after: 0,
    keep_next: false,
    marked: false,
};
const CENTER: Look = Look {
    align: Align::Center,
    ..PLAIN
};
/// Body text: justified, first line indented 10 mm, 6 pt between paragraphs.
const BODY: Look = Look {
    align: Align::Justify,
    indent: 10.0,
    after: 6,
    ..PLAIN
};

impl Look {
    fn bold(self) -> Look {
        Look { bold: true, ..self }
    }
    fn italic(self) -> Look {
        Look {
            italic: true,
            ..self
        }
    }
    fn size(self, points: f64) -> Look {
        Look {
            size: points,
            ..self
        }
    }
    fn keep(self) -> Look {
        Look {
            keep_next: true,
            ..self
        }
    }
    fn marked(self) -> Look {
        Look {
            marked: true,
            ..self
        }
    }
    fn before(self, points: u32) -> Look {
        Look {
            before: points,
            ..self
        }
    }
    fn run_properties(&self) -> String {
        let mut rpr = String::new();
        if self.bold {
            rpr.push_str("<w:b/><w:bCs/>");
        }
        if self.italic {
            rpr.push_str("<w:i/><w:iCs/>");
        }
        if self.marked {
            rpr.push_str("<w:highlight w:val=\"yellow\"/>");
        }
        let half_points = (self.size * 2.0).round() as u32;
        let _ = write!(
            rpr,
            "<w:sz w:val=\"{half_points}\"/><w:szCs w:val=\"{half_points}\"/>"
        );
        rpr
    }
    fn paragraph_properties(&self) -> String {
        let mut ppr = String::new();
        if self.keep_next {
            ppr.push_str("<w:keepNext/>");
        }
        let _ = write!(
            ppr,
            "<w:spacing w:before=\"{}\" w:after=\"{}\"/>",
            self.before * 20,
            self.after * 20
        );
        if self.indent > 0.0 {
            let _ = write!(ppr, "<w:ind w:firstLine=\"{}\"/>", twips(self.indent));
        }
        let align = match self.align {
            Align::Left => "left",
            Align::Center => "center",
            Align::Justify => "both",
        };
        let _ = write!(ppr, "<w:jc w:val=\"{align}\"/>");
        ppr
    }
}

fn twips(mm: f64) -> i64 {
    (mm * TWIPS_PER_MM).round() as i64
}

/// One paragraph of plain runs.
fn para(text: &str, look: Look) -> String {
    para_runs(&[run(text, look)], look)
}

/// One paragraph whose lines are broken where given (a title of several lines).
fn para_lines(lines: &[String], look: Look) -> String {
    let mut runs = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            runs.push(format!(
                "<w:r><w:rPr>{}</w:rPr><w:br/></w:r>",
                look.run_properties()
            ));
        }
        runs.push(run(line, look));
    }
    para_runs(&runs, look)
}

fn run(text: &str, look: Look) -> String {
    format!(
        "<w:r><w:rPr>{}</w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        look.run_properties(),
        escape(text)
    )
}

fn para_runs(runs: &[String], look: Look) -> String {
    format!(
        "<w:p><w:pPr>{}</w:pPr>{}</w:p>",
        look.paragraph_properties(),
        runs.concat()
    )
}

/// A short rule line (Nghị định 30: "đường kẻ ngang, nét liền") of `length` mm,
/// centred in `room` mm: the top border of a paragraph a few points high, indented
/// from both sides.
fn rule_line(length: f64, room: f64, keep_next: bool) -> String {
    let side = ((room - length) / 2.0).max(0.0);
    format!(
        "<w:p><w:pPr>{}<w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"/></w:pBdr>\
         <w:spacing w:before=\"60\" w:after=\"0\" w:line=\"160\" w:lineRule=\"exact\"/>\
         <w:ind w:left=\"{}\" w:right=\"{}\"/><w:jc w:val=\"center\"/><w:rPr><w:sz w:val=\"8\"/></w:rPr></w:pPr></w:p>",
        if keep_next { "<w:keepNext/>" } else { "" },
        twips(side),
        twips(side)
    )
}

/// A table: column widths in millimetres, rows of cells (each cell its paragraphs),
/// with or without borders; the first row repeats on every page when `header`.
fn table(widths: &[f64], rows: &[Vec<String>], borders: bool, header: bool) -> String {
    let twips: Vec<i64> = widths.iter().map(|w| twips(*w)).collect();
    let border = if borders { "single" } else { "nil" };
    let mut xml = format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>\
         <w:tblBorders><w:top w:val=\"{border}\" w:sz=\"4\"/><w:left w:val=\"{border}\" w:sz=\"4\"/>\
         <w:bottom w:val=\"{border}\" w:sz=\"4\"/><w:right w:val=\"{border}\" w:sz=\"4\"/>\
         <w:insideH w:val=\"{border}\" w:sz=\"4\"/><w:insideV w:val=\"{border}\" w:sz=\"4\"/></w:tblBorders>\
         <w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar>\
         </w:tblPr><w:tblGrid>",
        twips.iter().sum::<i64>()
    );
    for w in &twips {
        let _ = write!(xml, "<w:gridCol w:w=\"{w}\"/>");
    }
    xml.push_str("</w:tblGrid>");
    for (i, row) in rows.iter().enumerate() {
        xml.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if header && i == 0 {
            xml.push_str("<w:tblHeader/>");
        }
        xml.push_str("</w:trPr>");
        for (cell, w) in row.iter().zip(&twips) {
            let _ = write!(
                xml,
                "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/></w:tcPr>{}</w:tc>",
                if cell.is_empty() {
                    "<w:p/>"
                } else {
                    cell.as_str()
                }
            );
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl>");
    xml
}

/// The document's words, in its language.
struct Words {
    lang: Lang,
}

impl Words {
    fn vi(&self) -> bool {
        self.lang == Lang::Vi
    }
    fn pick<'a>(&self, vi: &'a str, en: &'a str) -> &'a str {
        if self.vi() { vi } else { en }
    }
    /// A placeholder for the clerk: "[địa danh]".
    fn blank(&self, vi: &str, en: &str) -> String {
        format!("[{}]", self.pick(vi, en))
    }
}

/// The body issuing the report: the office when `[document].office` names one,
/// else the plan's issuer; written out in full ("UBND" → "Ủy ban nhân dân"), as the
/// decree asks of the issuing body's name.
fn issuing_body(plan: &Plan) -> String {
    match &plan.document.office {
        Some(office) => office.clone(),
        None => full_name(&plan.issuer),
    }
}

/// The body above the issuing one: `[document].parent`, else the plan's issuer when
/// an office issues the report.
fn parent_body(plan: &Plan) -> Option<String> {
    let doc = &plan.document;
    match (&doc.parent, &doc.office) {
        (Some(parent), _) => Some(parent.clone()),
        (None, Some(_)) => Some(plan.issuer.clone()),
        (None, None) => None,
    }
}

/// The code after "Số: …/": `[document].code`, else "BC-UBND" / "BC-HĐND" for a
/// people's committee or council issuing in its own name; none otherwise.
fn code(plan: &Plan) -> Option<String> {
    let doc = &plan.document;
    if let Some(code) = &doc.code {
        return Some(code.clone());
    }
    if doc.office.is_some() {
        return None;
    }
    let lower = plan.issuer.to_lowercase();
    let short = [
        ("ubnd", "UBND"),
        ("ủy ban nhân dân", "UBND"),
        ("uỷ ban nhân dân", "UBND"),
        ("hđnd", "HĐND"),
        ("hội đồng nhân dân", "HĐND"),
    ]
    .into_iter()
    .find(|(long, _)| lower.starts_with(long))?
    .1;
    Some(format!("BC-{short}"))
}

/// Where the report is signed: `[document].place`, else the name after the issuer's
/// level ("UBND huyện Hàm Tân" → "Hàm Tân"); none when the issuer names no place.
fn place(plan: &Plan) -> Option<String> {
    plan.document
        .place
        .clone()
        .or_else(|| place_from_issuer(&plan.issuer))
}

fn body(view: &ReportView, records: &[RecordRow], links: &mut Links) -> String {
    let plan = view.plan;
    let w = Words { lang: view.lang };
    let doc = &plan.document;
    let mut xml = String::new();

    header(view, &w, &mut xml);

    let period = period_words(view);
    xml.push_str(&para("BÁO CÁO", CENTER.bold().before(12)));
    // A subject of two lines breaks between phrases, never inside one ("tuyên
    // truyền", "quý III năm 2022" stay whole), the lines as even as they can be.
    let head: &[&str] = match w.lang {
        Lang::Vi => &[
            "Kết quả thực hiện",
            "công tác thông tin,",
            "tuyên truyền",
            "cải cách hành chính",
        ],
        Lang::En => &[
            "Results of the",
            "administrative reform",
            "communication plan,",
        ],
    };
    let mut units: Vec<String> = head.iter().map(|p| p.to_string()).collect();
    units.push(period.clone());
    let subject = balanced_lines(&units, TEXT_WIDTH_MM - 10.0, 14.0, true);
    xml.push_str(&para_lines(&subject, CENTER.bold().keep()));
    let longest = subject
        .iter()
        .map(|l| text_width_mm(l, 14.0, true))
        .fold(0.0, f64::max);
    xml.push_str(&rule_line(
        (longest * 0.4).clamp(25.0, 60.0),
        TEXT_WIDTH_MM,
        !doc.to.is_empty(),
    ));
    if !doc.to.is_empty() {
        let label = w.pick("Kính gửi", "To");
        if let [one] = &doc.to[..] {
            xml.push_str(&para(&format!("{label}: {one}."), CENTER.before(12)));
        } else {
            let mut lines = vec![format!("{label}:")];
            let last = doc.to.len() - 1;
            lines.extend(
                doc.to
                    .iter()
                    .enumerate()
                    .map(|(i, t)| format!("- {t}{}", if i == last { "." } else { ";" })),
            );
            let left = Look {
                indent: 0.0,
                ..PLAIN.before(12)
            };
            xml.push_str(&format!(
                "<w:p><w:pPr>{}<w:ind w:left=\"{}\"/></w:pPr>{}</w:p>",
                left.paragraph_properties(),
                twips(45.0),
                lines
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        let br = if i > 0 { "<w:br/>" } else { "" };
                        format!(
                            "<w:r><w:rPr>{}</w:rPr>{br}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
                            left.run_properties(),
                            escape(l)
                        )
                    })
                    .collect::<String>()
            ));
        }
    }
    xml.push_str(&para("", BODY.size(6.0)));
    basis(view, &w, &period, &mut xml);

    let standing = standings(view.obligations);
    results(view, &standing, &w, &mut xml);
    shortcomings(view, &w, &period, &mut xml);

    // The closing paragraph is kept with the signature, and headings with what
    // follows them: the signature and "Nơi nhận" never stand alone on the last page.
    xml.push_str(&para(
        w.pick(
            "III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI",
            "III. TASKS FOR THE NEXT PERIOD",
        ),
        BODY.bold().keep(),
    ));
    xml.push_str(&para(
        w.pick(
            "[Phần này do cán bộ phụ trách viết: nhiệm vụ, giải pháp thời gian tới; kiến nghị, đề xuất.]",
            "[To be written by the officer: tasks and measures for the next period; requests and proposals.]",
        ),
        BODY.italic().marked(),
    ));
    xml.push_str(&para(
        &match w.lang {
            Lang::Vi => format!("Trên đây là báo cáo kết quả thực hiện công tác thông tin, tuyên truyền cải cách hành chính {period} của {}./.", issuing_body(plan)),
            Lang::En => format!("This concludes the report of {} for {period}./.", issuing_body(plan)),
        },
        BODY.keep(),
    ));
    signature(view, &w, &mut xml);
    xml.push_str(&section_break());

    appendix_table(view, &w, &mut xml);
    xml.push_str(&section_break());
    evidence(view, records, &w, links, &mut xml);
    xml
}

/// The header table: the parent body, the issuing body and its rule line, and
/// "Số: …/code" on the left; the national motto with its rule line, and the place
/// and date, on the right; "Số" and the place-date on one row.
fn header(view: &ReportView, w: &Words, xml: &mut String) {
    let plan = view.plan;
    let [left_width, right_width] = HEADER_COLUMNS_MM;
    let left_room = left_width - 2.0 * CELL_PADDING_MM;
    let right_room = right_width - 2.0 * CELL_PADDING_MM;
    let mut left = Vec::new();
    if let Some(parent) = parent_body(plan) {
        left.push(para(&parent.to_uppercase(), CENTER.size(13.0)));
    }
    let issuing = issuing_body(plan).to_uppercase();
    let words: Vec<String> = issuing.split(' ').map(String::from).collect();
    let issuing_lines = balanced_lines(&words, left_room, 13.0, true);
    left.push(para_lines(&issuing_lines, CENTER.size(13.0).bold()));
    // The decree: a third to a half of the name's line, centred under it.
    let widest = issuing_lines
        .iter()
        .map(|l| text_width_mm(l, 13.0, true))
        .fold(0.0, f64::max);
    left.push(rule_line(
        (widest * 0.4).clamp(15.0, left_room * 0.5),
        left_room,
        false,
    ));

    let motto = "Độc lập - Tự do - Hạnh phúc";
    let right = [
        para(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            CENTER.size(12.0).bold(),
        ),
        para(motto, CENTER.size(13.0).bold()),
        // As long as the motto itself.
        rule_line(text_width_mm(motto, 13.0, true), right_room, false),
    ];

    // The second row, a little below the first.
    let row_two = CENTER.before(6);
    let number = match code(plan) {
        Some(code) => para(&format!("Số:       /{code}"), row_two.size(13.0)),
        None => para_runs(
            &[
                run("Số:       /", row_two.size(13.0)),
                run(&w.blank("BC-…", "BC-…"), row_two.size(13.0).marked()),
            ],
            row_two,
        ),
    };
    let date = document_date(view.as_of);
    let place_date = match place(plan) {
        Some(place) => para(&format!("{place}, {date}"), row_two.italic()),
        None => para_runs(
            &[
                run(&w.blank("Địa danh", "Place"), row_two.italic().marked()),
                run(&format!(", {date}"), row_two.italic()),
            ],
            row_two,
        ),
    };
    xml.push_str(&table(
        &HEADER_COLUMNS_MM,
        &[
            vec![left.concat(), right.concat()],
            vec![number, place_date],
        ],
        false,
        false,
    ));
}

/// The opening: the plan reported on, by number and date; the period and its days;
/// how its "chỉ tiêu" are counted.
fn basis(view: &ReportView, w: &Words, period: &str, xml: &mut String) {
    let plan = view.plan;
    let doc = &plan.document;
    let issuer = full_name(&plan.issuer);
    // "Kế hoạch tuyên truyền … năm 2022" cited as "Kế hoạch số 45/KH-UBND ngày
    // 20/01/2022 của … về tuyên truyền … năm 2022".
    const PLAN: &str = "kế hoạch";
    let about = match plan.title.get(PLAN.len()..) {
        Some(rest) if plan.title.to_lowercase().starts_with(PLAN) => rest.trim().to_string(),
        _ => lower_first(&plan.title),
    };
    let number = doc.plan_number.as_ref().zip(doc.plan_date);
    let mut runs = Vec::new();
    match w.lang {
        Lang::Vi => {
            runs.push(run("Thực hiện Kế hoạch số ", BODY));
            match number {
                Some((n, d)) => runs.push(run(&format!("{n} ngày {}", d.format("%d/%m/%Y")), BODY)),
                None => runs.push(run("[số …/KH-… ngày …/…/…]", BODY.marked())),
            }
            runs.push(run(
                &format!(
                    " của {issuer} về {about}, {} báo cáo kết quả thực hiện {period} như sau:",
                    issuing_body(plan)
                ),
                BODY,
            ));
        }
        Lang::En => {
            runs.push(run("Under plan No. ", BODY));
            match number {
                Some((n, d)) => runs.push(run(&format!("{n} of {}", d.format("%Y-%m-%d")), BODY)),
                None => runs.push(run("[number and date]", BODY.marked())),
            }
            runs.push(run(
                &format!(
                    " of {issuer} ({}), {} reports its results for {period} as follows:",
                    plan.title,
                    issuing_body(plan)
                ),
                BODY,
            ));
        }
    }
    xml.push_str(&para_runs(&runs, BODY));
    if let Some((start, end)) = view.span_dates() {
        let sentence = match w.lang {
            Lang::Vi => format!(
                "Thời gian báo cáo: từ ngày {} đến ngày {}; số liệu tính đến ngày {}.",
                view.lang.date(start),
                view.lang.date(end),
                view.lang.date(view.as_of)
            ),
            Lang::En => format!(
                "Period reported: {} to {}; figures as of {}.",
                view.lang.date(start),
                view.lang.date(end),
                view.lang.date(view.as_of)
            ),
        };
        xml.push_str(&para(&sentence, BODY));
    }
}

/// I. The figures in words: how "chỉ tiêu" are counted, overall, what is still open,
/// per rule, and the items by kind, channel and topic.
fn results(
    view: &ReportView,
    standing: &std::collections::HashMap<(Option<usize>, usize), Status>,
    w: &Words,
    xml: &mut String,
) {
    let plan = view.plan;
    xml.push_str(&para(
        w.pick("I. KẾT QUẢ THỰC HIỆN", "I. RESULTS"),
        BODY.bold().keep(),
    ));
    let (overall, rules) = completion(plan, view.obligations);
    let progress = view.progress();
    let rows = view.grid_rows();
    let counting = match w.lang {
        Lang::Vi => format!(
            "Mỗi chỉ tiêu là một nội dung của kế hoạch đối với một cơ quan, đơn vị trong một kỳ (tuần, tháng, quý, năm hoặc một thời hạn). Phụ lục I có {rows} dòng, mỗi dòng là một cơ quan, đơn vị với một nội dung, ghi kết quả theo từng quý; vì vậy trong thời gian báo cáo có {} chỉ tiêu.",
            progress.total
        ),
        Lang::En => format!(
            "Each obligation is one item of the plan for one unit in one period (a week, month, quarter, year or a deadline). Appendix I has {rows} rows, one per unit and item, with the result of each quarter; the period reported therefore holds {} obligations.",
            progress.total
        ),
    };
    xml.push_str(&para(&counting, BODY));
    xml.push_str(&para(&overall_sentence(&overall, &progress, view, w), BODY));
    for (rule_index, c) in &rules {
        let rule = &plan.rules[*rule_index];
        let names = |status: Status| -> Vec<String> {
            let mut owners: Vec<Option<usize>> = standing
                .iter()
                .filter(|((_, r), s)| r == rule_index && **s == status)
                .map(|((u, _), _)| *u)
                .collect();
            owners.sort();
            owners
                .into_iter()
                .map(|u| view.unit_name(u, *rule_index))
                .collect()
        };
        let mut sentence = format!("- {}: ", rule.title);
        let units = c.units_met + c.units_late + c.units_missed;
        if units == 0 {
            sentence.push_str(w.pick("chưa đến hạn đánh giá.", "nothing has come due yet."));
        } else {
            let (met, late, missed) = match (w.lang, rule.record()) {
                (Lang::Vi, RecordKind::Plan | RecordKind::Report) => {
                    ("gửi đúng hạn", "gửi trễ hạn", "chưa gửi hoặc không đạt")
                }
                (Lang::Vi, _) => ("đạt đúng hạn", "trễ hạn", "không đạt"),
                (Lang::En, _) => ("met it on time", "were late", "missed it"),
            };
            let unit_word = w.pick("cơ quan, đơn vị", "units");
            let _ = write!(sentence, "{}/{units} {unit_word} {met}", c.units_met);
            for (n, word, status) in [
                (c.units_late, late, Status::Late),
                (c.units_missed, missed, Status::Missed),
            ] {
                if n > 0 {
                    let _ = write!(sentence, "; {n} {word} ({})", name_list(&names(status), w));
                }
            }
            if rule.every() == Some(Every::Week) {
                let _ = write!(
                    sentence,
                    "; {} {}/{} {}",
                    w.pick("đạt", "met in"),
                    c.met,
                    c.ended,
                    w.pick("tuần", "weeks")
                );
            }
            sentence.push('.');
        }
        let running = view
            .obligations
            .iter()
            .filter(|o| o.rule == *rule_index && matches!(o.status, Status::Due | Status::DueSoon))
            .count();
        if running > 0 {
            let _ = write!(
                sentence,
                " {}",
                match w.lang {
                    Lang::Vi => format!("Còn {running} chỉ tiêu đang trong kỳ, chưa đạt."),
                    Lang::En => format!("{running} still running, not yet met."),
                }
            );
        }
        xml.push_str(&para(&sentence, BODY));
    }
    // Items published, where the plan counts any (a radio plan has none).
    let counts_items = plan.rules.iter().any(|r| r.record() == RecordKind::Article);
    if let Some(totals) = view.totals.filter(|_| counts_items) {
        let shown = view.shown_totals(totals);
        let sum = |counts: &[u32]| -> u32 { shown.iter().map(|&i| counts[i]).sum() };
        let all: u32 = totals.by_kind.iter().map(|(_, c)| sum(c)).sum();
        let mut sentence = match w.lang {
            Lang::Vi => format!("- Tổng số tin, bài đã đăng: {all}"),
            Lang::En => format!("- Items published: {all}"),
        };
        let part = |label: &str, parts: Vec<(String, u32)>| -> String {
            let listed: Vec<String> = parts
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|(name, n)| format!("{name} {n}"))
                .collect();
            if listed.is_empty() {
                String::new()
            } else {
                format!("; {label}: {}", listed.join(", "))
            }
        };
        sentence.push_str(&part(
            w.pick("theo loại đơn vị", "by kind of unit"),
            totals
                .by_kind
                .iter()
                .map(|(k, c)| (kind_heading(w.lang, plan.kind_name(k)), sum(c)))
                .collect(),
        ));
        if !plan.channels.is_empty() {
            sentence.push_str(&part(
                w.pick("theo kênh", "by channel"),
                totals
                    .by_channel
                    .iter()
                    .map(|(c, n)| (view.channel_name(c.as_deref()), sum(n)))
                    .collect(),
            ));
        }
        sentence.push('.');
        xml.push_str(&para(&sentence, BODY));
        if let Some(topics) = view.topic_counts().filter(|t| t.all > 0) {
            let listed: Vec<String> = topics
                .by_topic
                .iter()
                .map(|(name, n)| format!("{name} {n}"))
                .collect();
            let sentence = match w.lang {
                Lang::Vi => format!(
                    "- Theo chủ đề: {} tin, bài có gắn chủ đề của kế hoạch{}; {} tin, bài không gắn chủ đề; cộng {} tin, bài (một tin, bài gắn nhiều chủ đề được tính ở mỗi chủ đề của nó).",
                    topics.tagged,
                    if listed.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", listed.join(", "))
                    },
                    topics.untagged,
                    topics.all
                ),
                Lang::En => format!(
                    "- By topic: {} items carry a topic of the plan{}; {} carry none; {} in all (an item with several topics counts under each).",
                    topics.tagged,
                    if listed.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", listed.join(", "))
                    },
                    topics.untagged,
                    topics.all
                ),
            };
            xml.push_str(&para(&sentence, BODY));
        }
    }
}

fn overall_sentence(
    c: &Completion,
    progress: &super::Progress,
    view: &ReportView,
    w: &Words,
) -> String {
    let rate = c.rate.map_or("—".to_string(), |p| w.lang.percent(p));
    let open = progress.running + progress.upcoming;
    let mut sentence = match w.lang {
        Lang::Vi => format!(
            "Trong kỳ có {} chỉ tiêu đã đến hạn: {} đạt đúng hạn, {} trễ hạn, {} không đạt; tỷ lệ hoàn thành đúng hạn {rate}",
            c.ended, c.met, c.late, c.missed
        ),
        Lang::En => format!(
            "{} obligations came due: {} met on time, {} late, {} missed; {rate} met on time",
            c.ended, c.met, c.late, c.missed
        ),
    };
    if open > 0 {
        let _ = write!(
            sentence,
            "{}",
            match w.lang {
                Lang::Vi => format!(
                    " (tính trên các chỉ tiêu đã đến hạn). Đến ngày {}, còn {open} chỉ tiêu chưa đến hạn: {} chỉ tiêu đang trong kỳ, chưa đạt (còn thiếu {}), {} chỉ tiêu chưa đến kỳ",
                    view.lang.date(view.as_of),
                    progress.running,
                    progress.running_missing,
                    progress.upcoming
                ),
                Lang::En => format!(
                    " (of those that came due). As of {}, {open} are still open: {} running and not yet met ({} still lacking), {} not begun",
                    view.lang.date(view.as_of),
                    progress.running,
                    progress.running_missing,
                    progress.upcoming
                ),
            }
        );
    }
    sentence.push_str(w.pick(
        " (chi tiết theo từng cơ quan, đơn vị tại Phụ lục I).",
        " (by unit in Appendix I).",
    ));
    sentence
}

/// II. Each unit that missed or was late: which rule, which period (which week),
/// how many were missing (a together rule is its own "unit").
fn shortcomings(view: &ReportView, w: &Words, period: &str, xml: &mut String) {
    xml.push_str(&para(
        w.pick("II. TỒN TẠI, HẠN CHẾ", "II. SHORTCOMINGS"),
        BODY.bold().keep(),
    ));
    let short = view.shortfalls();
    if short.is_empty() {
        xml.push_str(&para(
            &match w.lang {
                Lang::Vi => format!(
                    "Trong {period}, tính đến ngày {}, các cơ quan, đơn vị đều thực hiện đúng hạn các chỉ tiêu đã đến hạn.",
                    view.lang.date(view.as_of)
                ),
                Lang::En => format!(
                    "In {period}, as of {}, every unit met every obligation that came due, on time.",
                    view.lang.date(view.as_of)
                ),
            },
            BODY,
        ));
        return;
    }
    xml.push_str(&para(
        &match w.lang {
            Lang::Vi => format!(
                "Trong {period}, tính đến ngày {}, các cơ quan, đơn vị sau chưa thực hiện đủ hoặc thực hiện trễ hạn:",
                view.lang.date(view.as_of)
            ),
            Lang::En => format!(
                "In {period}, as of {}, these units fell short or were late:",
                view.lang.date(view.as_of)
            ),
        },
        BODY.keep(),
    ));
    // Per owner (unit, or together rule), per rule: its shortfalls in period order.
    type Owner = (bool, Option<usize>, Option<usize>);
    let mut owners: BTreeMap<Owner, BTreeMap<usize, Vec<&Obligation>>> = BTreeMap::new();
    for o in &short {
        let key = (o.unit.is_none(), o.unit, o.unit.is_none().then_some(o.rule));
        owners
            .entry(key)
            .or_default()
            .entry(o.rule)
            .or_default()
            .push(o);
    }
    for ((_, unit, _), rules) in owners {
        let mut parts = Vec::new();
        let mut any_rule = 0;
        for (rule, obligations) in &rules {
            any_rule = *rule;
            parts.push(rule_shortfall(view, *rule, obligations, w));
        }
        let sentence = format!(
            "- {}: {}.",
            view.unit_name(unit, any_rule),
            parts.join("; ")
        );
        xml.push_str(&para(&sentence, BODY));
    }
}

/// One rule's shortfalls of one unit: "“Tin, bài hằng quý” quý III/2022 thiếu 1/2
/// tin, bài"; weeks listed by number and days, the first few then how many more.
fn rule_shortfall(
    view: &ReportView,
    rule: usize,
    obligations: &[&Obligation],
    w: &Words,
) -> String {
    let r = &view.plan.rules[rule];
    let noun = match &r.shape {
        crate::plan::Shape::Quota(q) => view.lang.measure_noun(q.record, q.measure),
        _ => view.lang.record_noun(r.record()),
    };
    let missed: Vec<&&Obligation> = obligations
        .iter()
        .filter(|o| o.status == Status::Missed)
        .collect();
    let late: Vec<&&Obligation> = obligations
        .iter()
        .filter(|o| o.status == Status::Late)
        .collect();
    let describe = |o: &Obligation| -> String {
        let name = lower_first(&view.lang.period_name(&o.period, o.due));
        match (w.lang, r.record()) {
            (Lang::Vi, RecordKind::Plan | RecordKind::Report) => format!("{name}: chưa gửi"),
            (Lang::En, RecordKind::Plan | RecordKind::Report) => format!("{name}: not sent"),
            (Lang::Vi, _) => format!("{name} thiếu {}/{} {noun}", o.missing(), o.required),
            (Lang::En, _) => format!("{name} short by {} of {} {noun}", o.missing(), o.required),
        }
    };
    let mut pieces = Vec::new();
    if !missed.is_empty() {
        let mut listed: Vec<String> = missed
            .iter()
            .take(PERIODS_IN_A_SENTENCE)
            .map(|o| describe(o))
            .collect();
        if missed.len() > PERIODS_IN_A_SENTENCE {
            let more = missed.len() - PERIODS_IN_A_SENTENCE;
            let total: u32 = missed.iter().map(|o| o.missing()).sum();
            listed.push(match w.lang {
                Lang::Vi => format!(
                    "và {more} kỳ khác (cộng {} kỳ không đạt, thiếu {total} {noun})",
                    missed.len()
                ),
                Lang::En => format!(
                    "and {more} more ({} periods missed, {total} {noun} short)",
                    missed.len()
                ),
            });
        }
        pieces.push(listed.join(", "));
    }
    if !late.is_empty() {
        let names: Vec<String> = late
            .iter()
            .map(|o| lower_first(&view.lang.period_name(&o.period, o.due)))
            .collect();
        pieces.push(match w.lang {
            Lang::Vi => format!("{}: gửi trễ hạn", names.join(", ")),
            Lang::En => format!("{}: sent late", names.join(", ")),
        });
    }
    format!("“{}” {}", r.title, pieces.join(", "))
}

/// Recipients on the left, the signer on the right: "Nơi nhận" with "Như trên"
/// when the report has "Kính gửi" and "Lưu: VT" last; the signer's form (TM., KT.,
/// …), title lines and name.
fn signature(view: &ReportView, w: &Words, xml: &mut String) {
    let doc = &view.plan.document;
    let mut recipients: Vec<(String, bool)> = Vec::new();
    if !doc.to.is_empty() {
        recipients.push((w.pick("Như trên", "As above").to_string(), false));
    }
    recipients.extend(
        doc.recipients
            .iter()
            .filter(|r| !is_file_copy(r))
            .map(|r| (r.clone(), false)),
    );
    if recipients.is_empty() {
        recipients.push((w.blank("nơi nhận báo cáo", "recipient"), true));
    }
    let file_copy = doc
        .recipients
        .iter()
        .find(|r| is_file_copy(r))
        .cloned()
        .unwrap_or_else(|| w.pick("Lưu: VT", "File: VT").to_string());
    recipients.push((file_copy, false));
    let mut left = vec![para(
        w.pick("Nơi nhận:", "To:"),
        PLAIN.bold().italic().size(12.0).before(12),
    )];
    let last = recipients.len() - 1;
    for (i, (r, blank)) in recipients.iter().enumerate() {
        let end = if i == last { "." } else { ";" };
        let look = PLAIN.size(11.0);
        left.push(para_runs(
            &[
                run("- ", look),
                run(r, if *blank { look.marked() } else { look }),
                run(end, look),
            ],
            look,
        ));
    }
    let signer = CENTER.bold();
    let mut right = vec![para("", CENTER.size(6.0))];
    if let (Some(form), Some(what)) = (doc.signer_form, &doc.signer_for) {
        right.push(para(
            &format!("{} {}", form.as_str(), what.to_uppercase()),
            signer,
        ));
    }
    if !doc.signer_title.is_empty() {
        let lines: Vec<String> = doc.signer_title.iter().map(|l| l.to_uppercase()).collect();
        right.push(para_lines(&lines, signer));
    } else if doc.signer_form != Some(SignerForm::Acting) {
        right.push(para(
            &w.blank("CHỨC VỤ NGƯỜI KÝ", "SIGNER'S TITLE"),
            signer.marked(),
        ));
    }
    for _ in 0..4 {
        right.push(para("", CENTER));
    }
    right.push(match &doc.signer_name {
        Some(name) => para(name, signer),
        None => para(&w.blank("Họ và tên", "Full name"), signer.marked()),
    });
    xml.push_str(&table(
        &[80.0, 85.0],
        &[vec![left.concat(), right.concat()]],
        false,
        false,
    ));
}

/// Whether a recipient line is the file copy ("Lưu: VT, PNV").
fn is_file_copy(recipient: &str) -> bool {
    let lower = recipient.trim().to_lowercase();
    lower.starts_with("lưu") || lower.starts_with("file")
}

/// An appendix's heading: "Phụ lục I", its name, "(Kèm theo Báo cáo số …/BC-…
/// ngày … của …)" and a rule line.
fn appendix_heading(view: &ReportView, w: &Words, number: u32, name: &str, xml: &mut String) {
    let plan = view.plan;
    xml.push_str(&para(
        &format!("{} {}", w.pick("Phụ lục", "Appendix"), roman(number)),
        CENTER.bold().keep(),
    ));
    xml.push_str(&para(&name.to_uppercase(), CENTER.size(13.0).bold().keep()));
    let code = code(plan).unwrap_or_else(|| "BC-…".to_string());
    let of = match w.lang {
        Lang::Vi => vec![
            format!("(Kèm theo Báo cáo số       /{code}"),
            document_date(view.as_of),
            format!("của {})", issuing_body(plan)),
        ],
        Lang::En => vec![
            format!("(Attached to report No.       /{code}"),
            format!("of {},", view.lang.date(view.as_of)),
            format!("{})", issuing_body(plan)),
        ],
    };
    let of = balanced_lines(&of, TEXT_WIDTH_MM - 10.0, 14.0, false);
    xml.push_str(&para_lines(&of, CENTER.italic().keep()));
    let widest = of
        .iter()
        .map(|l| text_width_mm(l, 14.0, false))
        .fold(0.0, f64::max);
    xml.push_str(&rule_line(
        (widest * 0.4).clamp(25.0, 60.0),
        TEXT_WIDTH_MM,
        true,
    ));
    xml.push_str(&para("", CENTER.size(6.0).keep()));
}

/// Appendix I: the table of the period, one row per unit and rule.
fn appendix_table(view: &ReportView, w: &Words, xml: &mut String) {
    let plan = view.plan;
    appendix_heading(
        view,
        w,
        1,
        w.pick(
            "Kết quả thực hiện chỉ tiêu theo cơ quan, đơn vị",
            "Results by unit and item",
        ),
        xml,
    );
    let grid = view.year_grid();
    let cell = PLAIN.size(11.0);
    let head = CENTER.size(11.0).bold();
    let quarters = grid.quarters.len().max(1) as f64;
    let rest = TEXT_WIDTH_MM - 10.0 - 40.0;
    let quarter_width = (rest * 0.5 / quarters).clamp(18.0, 30.0);
    let rule_width = rest - quarter_width * grid.quarters.len() as f64;
    let mut widths = vec![10.0, 40.0, rule_width];
    widths.extend(grid.quarters.iter().map(|_| quarter_width));
    let mut header = vec![
        para("TT", head),
        para(w.lang.labels().unit, head),
        para(w.pick("Nội dung", "Item"), head),
    ];
    // "Quý III" over "2022": never broken inside "III/2022".
    header.extend(grid.quarters.iter().map(|q| {
        let label = match w.lang {
            Lang::Vi => format!("Quý {}", roman(q.number)),
            Lang::En => format!("Q{}", q.number),
        };
        para_lines(&[label, q.year.to_string()], head)
    }));
    let mut rows = vec![header];
    let mut n = 0;
    for group in &grid.groups {
        let mut heading = vec![
            String::new(),
            para(&kind_heading(w.lang, &group.kind), cell.bold()),
        ];
        heading.extend((0..grid.quarters.len() + 1).map(|_| String::new()));
        rows.push(heading);
        for r in &group.rows {
            n += 1;
            let mut row = vec![
                para(&n.to_string(), CENTER.size(11.0)),
                para(&view.unit_name(r.unit, r.rule), cell),
                para(&plan.rules[r.rule].title, cell),
            ];
            row.extend(r.cells.iter().map(|c| match c {
                Some(c) => para(
                    &format!("{}/{} {}", c.done, c.required, mark(c.status)),
                    CENTER.size(11.0),
                ),
                None => para("—", CENTER.size(11.0)),
            }));
            rows.push(row);
        }
    }
    xml.push_str(&table(&widths, &rows, true, true));
    let note = match w.lang {
        Lang::Vi => format!(
            "Mỗi ô ghi số đã thực hiện/số phải thực hiện của quý (chỉ tiêu theo tuần, tháng: số kỳ đạt/số kỳ trong quý). {}",
            view.legend()
        ),
        Lang::En => format!(
            "Each cell: done/required in the quarter (weekly and monthly items: periods met/periods in the quarter). {}",
            view.legend()
        ),
    };
    xml.push_str(&para(&note, PLAIN.size(11.0).italic().before(6)));
}

/// Appendix II: every record that counted, with its link; items without a link and
/// titles that appear twice are marked for the reviewer, since the assessment asks
/// for "tài liệu kiểm chứng".
fn evidence(
    view: &ReportView,
    records: &[RecordRow],
    w: &Words,
    links: &mut Links,
    xml: &mut String,
) {
    let plan = view.plan;
    appendix_heading(
        view,
        w,
        2,
        w.pick(
            "Danh sách tin, bài và hồ sơ minh chứng",
            "Evidence: every record that counted",
        ),
        xml,
    );
    let rows: Vec<Evidence> = view.evidence(records);
    let head = CENTER.size(11.0).bold();
    let cell = PLAIN.size(11.0);
    let mut table_rows = vec![vec![
        para("TT", head),
        para(w.lang.labels().unit, head),
        para(w.pick("Ngày", "Date"), head),
        para(w.pick("Tiêu đề, số hiệu", "Title or reference"), head),
        para(w.pick("Đường dẫn", "Link"), head),
    ]];
    let no_link = w.pick("(chưa có đường dẫn)", "(no link)");
    for (i, e) in rows.iter().enumerate() {
        let r = e.record;
        let unit = plan
            .unit_index(&r.unit)
            .map_or(r.unit.clone(), |u| plan.units[u].name.clone());
        let what = r
            .title
            .clone()
            .unwrap_or_else(|| submission_words(r, view.lang));
        let mut title = vec![run(&what, cell)];
        if !e.same_title.is_empty() {
            let others: Vec<String> = e.same_title.iter().map(|n| n.to_string()).collect();
            title.push(run(
                &match w.lang {
                    Lang::Vi => format!(" (trùng tiêu đề với TT {})", others.join(", ")),
                    Lang::En => format!(" (same title as No. {})", others.join(", ")),
                },
                cell.italic().marked(),
            ));
        }
        // A broadcast's time and length under its date.
        let mut when = vec![view.lang.date(r.date)];
        if let Some(time) = &r.time {
            when.push(match r.minutes {
                Some(m) => format!("{time}, {m} {}", w.pick("phút", "min")),
                None => time.clone(),
            });
        }
        let link = match &r.url {
            // Only a web link is made live (a stored `javascript:` or `file:` is not).
            Some(url) if crate::text::is_web_link(url) => {
                let id = links.add(url);
                let look = PLAIN.size(10.0);
                format!(
                    "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr>\
                     <w:hyperlink r:id=\"{id}\" w:history=\"1\"><w:r><w:rPr>{}<w:color w:val=\"0563C1\"/><w:u w:val=\"single\"/></w:rPr>\
                     <w:t xml:space=\"preserve\">{}</w:t></w:r></w:hyperlink></w:p>",
                    look.run_properties(),
                    escape(url)
                )
            }
            Some(url) => para(url, cell),
            None if e.no_link => para(no_link, cell.italic().marked()),
            None => String::new(),
        };
        table_rows.push(vec![
            para(&(i + 1).to_string(), CENTER.size(11.0)),
            para(&unit, cell),
            para_lines(&when, CENTER.size(11.0)),
            para_runs(&title, cell),
            link,
        ]);
    }
    xml.push_str(&table(
        &[10.0, 33.0, 24.0, 58.0, 40.0],
        &table_rows,
        true,
        true,
    ));
    let without = rows.iter().filter(|e| e.no_link).count();
    let twice = rows.iter().filter(|e| !e.same_title.is_empty()).count();
    let note = match w.lang {
        Lang::Vi => format!(
            "Cộng {} bản ghi; {without} tin, bài chưa có đường dẫn và {twice} bản ghi trùng tiêu đề với bản ghi khác được đánh dấu để rà soát trước khi gửi làm tài liệu kiểm chứng.",
            rows.len()
        ),
        Lang::En => format!(
            "{} records; {without} items without a link and {twice} records sharing a title with another are marked for review before they are sent as evidence.",
            rows.len()
        ),
    };
    xml.push_str(&para(&note, PLAIN.size(11.0).italic().before(6)));
}

/// What a plan or report sent is, in the evidence list: "Báo cáo quý III/2022, số
/// 276/BC-UBND".
fn submission_words(r: &RecordRow, lang: Lang) -> String {
    let mut text = RecordKind::parse(r.record).map_or(r.record.to_string(), |k| {
        let word = lang.record_kind(k);
        let mut chars = word.chars();
        chars
            .next()
            .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
    });
    if let Some(period) = &r.period {
        let name = crate::period::parse_label(period).map_or(period.clone(), |k| lang.period(k));
        text.push(' ');
        text.push_str(&name);
    }
    if let Some(reference) = &r.reference {
        text.push_str(&match lang {
            Lang::Vi => format!(", số {reference}"),
            Lang::En => format!(", No. {reference}"),
        });
    }
    text
}

/// The period in the subject line: "quý III năm 2022", "6 tháng đầu năm 2022",
/// "năm 2022", "từ quý III/2025 đến hết quý II/2026".
fn period_words(view: &ReportView) -> String {
    let quarters = view.quarters();
    let (Some(first), Some(last)) = (quarters.first(), quarters.last()) else {
        return String::new();
    };
    match view.lang {
        Lang::Vi if first == last => format!("quý {} năm {}", roman(last.number), last.year),
        Lang::En if first == last => format!("Q{} {}", last.number, last.year),
        Lang::Vi => lower_first(&view.lang.span(*first, *last)),
        Lang::En => view.lang.span(*first, *last),
    }
}

/// "ngày 05 tháng 01 năm 2023": a day below 10 and months 1 and 2 with a leading
/// zero (Nghị định 30).
pub fn document_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let month = if date.month() <= 2 {
        format!("{:02}", date.month())
    } else {
        date.month().to_string()
    };
    format!("ngày {:02} tháng {month} năm {}", date.day(), date.year())
}

/// The levels of Vietnamese administrative units, as they stand before a name.
const LEVELS: [&str; 8] = [
    "thành phố",
    "thị trấn",
    "thị xã",
    "tỉnh",
    "huyện",
    "quận",
    "phường",
    "xã",
];

/// The place a document is signed, from its issuer: the name after its first level
/// word, up to the next ("UBND huyện Hàm Tân" → "Hàm Tân", "Sở Nội vụ tỉnh Lâm
/// Đồng" → "Lâm Đồng"); none when the issuer names no place ("UBND tỉnh", "Bộ Nội
/// vụ"), never half a place.
pub fn place_from_issuer(issuer: &str) -> Option<String> {
    let words: Vec<&str> = issuer.split_whitespace().collect();
    let level_at = |i: usize| -> Option<usize> {
        LEVELS.iter().find_map(|level| {
            let n = level.split(' ').count();
            let here = words.get(i..i + n)?.join(" ").to_lowercase();
            (here == *level).then_some(n)
        })
    };
    let mut i = 0;
    while i < words.len() {
        if let Some(n) = level_at(i) {
            let start = i + n;
            let end = (start..words.len())
                .find(|j| level_at(*j).is_some())
                .unwrap_or(words.len());
            let name = words[start..end].join(" ");
            return (!name.is_empty()).then_some(name);
        }
        i += 1;
    }
    None
}

/// An issuing body's name in full: a leading "UBND" or "HĐND" written out.
pub fn full_name(body: &str) -> String {
    let trimmed = body.trim();
    for (short, long) in [("UBND", "Ủy ban nhân dân"), ("HĐND", "Hội đồng nhân dân")] {
        if let Some(rest) = trimmed.strip_prefix(short)
            && (rest.is_empty() || rest.starts_with(' '))
        {
            return format!("{long}{rest}");
        }
    }
    trimmed.to_string()
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A list of names in a sentence, the first few then how many more.
fn name_list(names: &[String], w: &Words) -> String {
    if names.len() <= NAMES_IN_A_SENTENCE {
        return names.join(", ");
    }
    let more = names.len() - NAMES_IN_A_SENTENCE;
    format!(
        "{} {} {more} {}",
        names[..NAMES_IN_A_SENTENCE].join(", "),
        w.pick("và", "and"),
        w.pick("đơn vị khác", "more")
    )
}

/// The width of a text in Times New Roman, in millimetres: each letter's advance
/// width (of its base letter, for letters with Vietnamese marks), from the font's
/// metrics. Good to a few per cent: enough to draw a rule line as long as a motto
/// and to know where a title will wrap.
fn text_width_mm(text: &str, points: f64, bold: bool) -> f64 {
    let thousandths: u32 = text.chars().map(|c| advance(base_letter(c), bold)).sum();
    f64::from(thousandths) / 1000.0 * points * 25.4 / 72.0
}

/// The letter under a letter's marks: "ế" → 'e', "Đ" → 'D'.
fn base_letter(c: char) -> char {
    match c {
        'Đ' => 'D',
        'đ' => 'd',
        c if c.is_ascii() => c,
        c => {
            let mut base = c;
            unicode_normalization::char::decompose_canonical(c, |d| {
                if base == c {
                    base = d;
                }
            });
            base
        }
    }
}

/// Advance widths of Times New Roman (regular and bold), in thousandths of an em.
fn advance(c: char, bold: bool) -> u32 {
    const LOWER: [u32; 26] = [
        444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333,
        389, 278, 500, 500, 722, 500, 500, 444,
    ];
    const LOWER_BOLD: [u32; 26] = [
        500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444,
        389, 333, 556, 500, 722, 500, 500, 444,
    ];
    const UPPER: [u32; 26] = [
        722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667,
        556, 611, 722, 722, 944, 722, 722, 611,
    ];
    const UPPER_BOLD: [u32; 26] = [
        722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722,
        556, 667, 722, 722, 1000, 722, 722, 667,
    ];
    match c {
        'a'..='z' => {
            let i = c as usize - 'a' as usize;
            if bold { LOWER_BOLD[i] } else { LOWER[i] }
        }
        'A'..='Z' => {
            let i = c as usize - 'A' as usize;
            if bold { UPPER_BOLD[i] } else { UPPER[i] }
        }
        '0'..='9' => 500,
        ' ' | '\u{a0}' | '.' | ',' => 250,
        '-' | '(' | ')' => 333,
        ':' | ';' | '/' => 278,
        '…' | '—' | '–' => 1000,
        _ => 500,
    }
}

/// Units of text (words, or phrases that must not break) on as few lines as fit in
/// `width` mm, two lines as even as they can be.
fn balanced_lines(units: &[String], width: f64, points: f64, bold: bool) -> Vec<String> {
    let whole = units.join(" ");
    if text_width_mm(&whole, points, bold) <= width || units.len() < 2 {
        return vec![whole];
    }
    let best = (1..units.len())
        .map(|k| (units[..k].join(" "), units[k..].join(" ")))
        .filter(|(a, b)| {
            text_width_mm(a, points, bold) <= width && text_width_mm(b, points, bold) <= width
        })
        .min_by(|(a, b), (c, d)| {
            let spread = |x: &str, y: &str| {
                (text_width_mm(x, points, bold) - text_width_mm(y, points, bold)).abs()
            };
            spread(a, b).total_cmp(&spread(c, d))
        });
    match best {
        Some((a, b)) => vec![a, b],
        // Longer than two lines: left to the word processor, between words.
        None => vec![whole],
    }
}

/// Text as XML character data: markup escaped, characters XML 1.0 forbids dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>\
<Override PartName=\"/word/header2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>\
</Types>";

const PACKAGE_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
</Relationships>";

/// Times New Roman 14 pt everywhere, single spacing.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:docDefaults><w:rPrDefault><w:rPr>\
<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>\
<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang w:val=\"vi-VN\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>\
</w:styles>";

/// No separate even-page headers: every page but a section's first shows its number.
const SETTINGS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:defaultTabStop w:val=\"720\"/><w:compat/></w:settings>";

/// The page number, centred in the top margin, 14 pt upright (a PAGE field).
const PAGE_NUMBER_HEADER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:hdr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>\
<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:fldChar w:fldCharType=\"begin\"/></w:r>\
<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:fldChar w:fldCharType=\"separate\"/></w:r>\
<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:t>2</w:t></w:r>\
<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:fldChar w:fldCharType=\"end\"/></w:r>\
</w:p></w:hdr>";

/// A section's first page: no number (Nghị định 30: the first page's is not shown).
const FIRST_PAGE_HEADER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:hdr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:p/></w:hdr>";

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn dates_are_written_as_nghi_dinh_30_writes_them() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(document_date(d(2023, 1, 5)), "ngày 05 tháng 01 năm 2023");
        assert_eq!(document_date(d(2022, 9, 20)), "ngày 20 tháng 9 năm 2022");
        assert_eq!(document_date(d(2024, 2, 29)), "ngày 29 tháng 02 năm 2024");
        assert_eq!(document_date(d(2022, 12, 1)), "ngày 01 tháng 12 năm 2022");
    }

    #[test]
    fn the_place_is_the_name_after_the_issuers_level_or_none() {
        let place = |issuer| place_from_issuer(issuer);
        assert_eq!(place("UBND huyện Hàm Tân").as_deref(), Some("Hàm Tân"));
        assert_eq!(
            place("Ủy ban nhân dân xã Sơn Mỹ").as_deref(),
            Some("Sơn Mỹ")
        );
        assert_eq!(
            place("UBND thị trấn Tân Nghĩa").as_deref(),
            Some("Tân Nghĩa")
        );
        assert_eq!(
            place("UBND thành phố Phan Thiết").as_deref(),
            Some("Phan Thiết")
        );
        assert_eq!(
            place("Phòng Nội vụ huyện Hàm Tân tỉnh Bình Thuận").as_deref(),
            Some("Hàm Tân")
        );
        // Never half a place: a level without a name, or no level at all.
        assert_eq!(place("UBND tỉnh"), None);
        assert_eq!(place("UBND xã"), None);
        assert_eq!(place("Bộ Nội vụ"), None);
        assert_eq!(place("UBND"), None);
    }

    #[test]
    fn the_issuing_body_is_written_out() {
        assert_eq!(
            full_name("UBND huyện Hàm Tân"),
            "Ủy ban nhân dân huyện Hàm Tân"
        );
        assert_eq!(full_name("HĐND tỉnh"), "Hội đồng nhân dân tỉnh");
        assert_eq!(full_name("UBNDX"), "UBNDX");
        assert_eq!(full_name("Bộ Nội vụ"), "Bộ Nội vụ");
    }

    #[test]
    fn text_becomes_xml_character_data() {
        assert_eq!(
            escape("Tin & bài <b>\"x\"\u{1}\tz"),
            "Tin &amp; bài &lt;b&gt;&quot;x&quot; z"
        );
    }

    #[test]
    fn long_name_lists_say_how_many_more() {
        let w = Words { lang: Lang::Vi };
        let names: Vec<String> = (1..=8).map(|i| format!("Xã {i}")).collect();
        assert_eq!(name_list(&names[..2], &w), "Xã 1, Xã 2");
        assert!(name_list(&names, &w).ends_with("Xã 6 và 2 đơn vị khác"));
    }

    #[test]
    fn widths_follow_the_fonts_metrics() {
        // "Độc lập - Tự do - Hạnh phúc" in bold 13 pt is about 58 mm on paper.
        let motto = text_width_mm("Độc lập - Tự do - Hạnh phúc", 13.0, true);
        assert!((54.0..62.0).contains(&motto), "{motto}");
        // Marks do not change a letter's width; bold is wider.
        assert_eq!(
            text_width_mm("Hàm Tân", 14.0, false),
            text_width_mm("Ham Tan", 14.0, false)
        );
        assert!(text_width_mm("Hàm Tân", 14.0, true) > text_width_mm("Hàm Tân", 14.0, false));
    }

    #[test]
    fn a_subject_breaks_between_words_never_inside_its_period() {
        let head = "Kết quả thực hiện công tác thông tin, tuyên truyền cải cách hành chính";
        let mut units: Vec<String> = head.split(' ').map(String::from).collect();
        units.push("quý III năm 2022".to_string());
        let lines = balanced_lines(&units, 155.0, 14.0, true);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[1].ends_with("quý III năm 2022"));
        assert_eq!(lines.join(" "), format!("{head} quý III năm 2022"));
        for line in &lines {
            assert!(text_width_mm(line, 14.0, true) <= 155.0);
        }
        // What fits stays on one line.
        let short = vec!["Báo cáo".to_string(), "quý I năm 2022".to_string()];
        assert_eq!(balanced_lines(&short, 155.0, 14.0, true).len(), 1);
    }
}
