//! The report handed in, as a Word document in the form of Nghị định 30/2020/NĐ-CP:
//! A4 portrait, Times New Roman, the two-column header, number and place-date
//! lines, "BÁO CÁO" and its subject, I. results in words, II. shortcomings, III. a
//! marked paragraph for the officer, recipients and signature, then the per-unit
//! table and the evidence list as appendices.
//!
//! WordprocessingML is plain XML in a zip: the package is written here, part by
//! part, with the zip crate the workbook writer already builds on.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Write as _;

use anyhow::Result;
use zip::write::SimpleFileOptions;

use super::{RecordRow, ReportView, mark};
use crate::evaluate::{Completion, Status, completion, standings};
use crate::i18n::{Lang, kind_heading, roman};
use crate::period::Every;
use crate::plan::RecordKind;

/// Each (unit, rule)'s standing over the report's span (see [`standings`]).
type Standings = HashMap<(Option<usize>, usize), Status>;

/// Twentieths of a point per millimetre.
const TWIPS_PER_MM: f64 = 56.692_9;
/// Names listed in a sentence before "and N more".
const NAMES_IN_A_SENTENCE: usize = 6;

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
        ("word/_rels/document.xml.rels", links.relationships()),
        ("word/document.xml", document(&body)),
    ] {
        zip.start_file(name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

fn document(body: &str) -> String {
    let mm = |v: f64| (v * TWIPS_PER_MM).round() as i64;
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
         <w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
         <w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>\
         </w:sectPr></w:body></w:document>",
        mm(20.0),
        mm(15.0),
        mm(20.0),
        mm(30.0),
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
             <Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>",
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
#[derive(Clone, Copy, Default)]
struct Look {
    center: bool,
    right: bool,
    justify: bool,
    bold: bool,
    italic: bool,
    /// Half-points; 0: the document's 14 pt.
    size: u32,
    /// First-line indent, in millimetres.
    indent: f64,
    /// Space after, in points.
    after: u32,
    page_break_before: bool,
    /// Highlighted: text the officer must write.
    marked: bool,
}

const CENTER: Look = Look {
    center: true,
    right: false,
    justify: false,
    bold: false,
    italic: false,
    size: 0,
    indent: 0.0,
    after: 0,
    page_break_before: false,
    marked: false,
};
const BODY: Look = Look {
    justify: true,
    indent: 10.0,
    after: 6,
    center: false,
    ..CENTER
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
    fn size(self, points: u32) -> Look {
        Look {
            size: points * 2,
            ..self
        }
    }
    fn run_properties(&self) -> String {
        let mut rpr = String::new();
        if self.bold {
            rpr.push_str("<w:b/>");
        }
        if self.italic {
            rpr.push_str("<w:i/>");
        }
        if self.marked {
            rpr.push_str("<w:highlight w:val=\"yellow\"/>");
        }
        if self.size > 0 {
            let _ = write!(
                rpr,
                "<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>",
                self.size
            );
        }
        rpr
    }
}

/// One paragraph of plain runs.
fn para(text: &str, look: Look) -> String {
    para_runs(&[run(text, look)], look)
}

fn run(text: &str, look: Look) -> String {
    format!(
        "<w:r><w:rPr>{}</w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        look.run_properties(),
        escape(text)
    )
}

fn para_runs(runs: &[String], look: Look) -> String {
    let mut ppr = String::new();
    if look.page_break_before {
        ppr.push_str("<w:pageBreakBefore/>");
    }
    let _ = write!(
        ppr,
        "<w:spacing w:before=\"0\" w:after=\"{}\"/>",
        look.after * 20
    );
    if look.indent > 0.0 {
        let _ = write!(
            ppr,
            "<w:ind w:firstLine=\"{}\"/>",
            (look.indent * TWIPS_PER_MM).round() as i64
        );
    }
    let align = if look.center {
        "center"
    } else if look.right {
        "right"
    } else if look.justify {
        "both"
    } else {
        "left"
    };
    let _ = write!(ppr, "<w:jc w:val=\"{align}\"/>");
    format!("<w:p><w:pPr>{ppr}</w:pPr>{}</w:p>", runs.concat())
}

/// A table: column widths in millimetres, rows of cells (each cell its paragraphs),
/// with or without borders; the first row repeats on every page when `header`.
fn table(widths: &[f64], rows: &[Vec<String>], borders: bool, header: bool) -> String {
    let twips: Vec<i64> = widths
        .iter()
        .map(|w| (w * TWIPS_PER_MM).round() as i64)
        .collect();
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
}

fn body(view: &ReportView, records: &[RecordRow], links: &mut Links) -> String {
    let plan = view.plan;
    let w = Words { lang: view.lang };
    let doc = &plan.document;
    let mut xml = String::new();

    // The header: issuer and office on the left, the national motto on the right.
    let issuer = plan.issuer.to_uppercase();
    let mut left = Vec::new();
    match &doc.office {
        Some(office) => {
            left.push(para(&issuer, CENTER.size(13)));
            left.push(para(&office.to_uppercase(), CENTER.size(13).bold()));
        }
        None => left.push(para(&issuer, CENTER.size(13).bold())),
    }
    left.push(para("", CENTER.size(13)));
    let code = doc.code.as_deref().unwrap_or("BC");
    left.push(para(&format!("Số:       /{code}"), CENTER.size(13)));
    let right = [
        para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", CENTER.size(12).bold()),
        para("Độc lập - Tự do - Hạnh phúc", CENTER.size(13).bold()),
        para("", CENTER.size(13)),
        para(
            &format!(
                "{}, {}",
                doc.place
                    .clone()
                    .unwrap_or_else(|| place_from_issuer(&plan.issuer)),
                document_date(view.as_of)
            ),
            CENTER.size(13).italic(),
        ),
    ];
    xml.push_str(&table(
        &[65.0, 100.0],
        &[vec![left.concat(), right.concat()]],
        false,
        false,
    ));
    xml.push_str(&para("", CENTER));

    let period = period_words(view);
    xml.push_str(&para("BÁO CÁO", CENTER.bold()));
    let subject = match w.lang {
        Lang::Vi => format!(
            "Kết quả thực hiện công tác thông tin, tuyên truyền cải cách hành chính {period}"
        ),
        Lang::En => format!("Results of the administrative reform communication plan, {period}"),
    };
    xml.push_str(&para(
        &subject,
        Look {
            after: 12,
            ..CENTER.bold()
        },
    ));
    let basis = match w.lang {
        Lang::Vi => format!(
            "Thực hiện {} của {}, {} báo cáo kết quả thực hiện {period} (số liệu tính đến ngày {}) như sau:",
            lower_first(&plan.title),
            plan.issuer,
            doc.office.as_deref().unwrap_or(&plan.issuer),
            view.lang.date(view.as_of)
        ),
        Lang::En => format!(
            "Under the {} of {}, this report gives the results for {period} (figures as of {}):",
            plan.title,
            plan.issuer,
            view.lang.date(view.as_of)
        ),
    };
    xml.push_str(&para(&basis, BODY));

    let standing = standings(view.obligations);
    results(view, &standing, &w, &mut xml);
    shortcomings(view, &standing, &w, &mut xml);

    xml.push_str(&para(
        w.pick(
            "III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI",
            "III. TASKS FOR THE NEXT PERIOD",
        ),
        BODY.bold(),
    ));
    xml.push_str(&para(
        w.pick(
            "[Phần này do cán bộ phụ trách viết: nhiệm vụ, giải pháp thời gian tới; kiến nghị, đề xuất.]",
            "[To be written by the officer: tasks and measures for the next period; requests and proposals.]",
        ),
        Look {
            marked: true,
            ..BODY.italic()
        },
    ));
    xml.push_str(&para("", BODY));
    signature(view, &w, &mut xml);

    appendix_table(view, &w, &mut xml);
    evidence(view, records, &w, links, &mut xml);
    xml
}

/// I. The figures in words: overall, per rule, and the items by kind, channel and topic.
fn results(view: &ReportView, standing: &Standings, w: &Words, xml: &mut String) {
    let plan = view.plan;
    xml.push_str(&para(
        w.pick("I. KẾT QUẢ THỰC HIỆN", "I. RESULTS"),
        BODY.bold(),
    ));
    let (overall, rules) = completion(plan, view.obligations);
    xml.push_str(&para(&overall_sentence(&overall, w), BODY));
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
        xml.push_str(&para(&sentence, BODY));
    }
    if let Some(totals) = view.totals {
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
        sentence.push_str(&part(
            w.pick("theo chủ đề", "by topic"),
            totals
                .by_topic
                .iter()
                .map(|(t, c)| (view.topic_name(t), sum(c)))
                .collect(),
        ));
        sentence.push('.');
        xml.push_str(&para(&sentence, BODY));
    }
}

fn overall_sentence(c: &Completion, w: &Words) -> String {
    let rate = c.rate.map_or("—".to_string(), |p| w.lang.percent(p));
    match w.lang {
        Lang::Vi => format!(
            "Trong kỳ có {} chỉ tiêu đã đến hạn: {} đạt đúng hạn, {} trễ hạn, {} không đạt; tỷ lệ hoàn thành đúng hạn {rate}.",
            c.ended, c.met, c.late, c.missed
        ),
        Lang::En => format!(
            "{} obligations came due: {} met on time, {} late, {} missed; {rate} met on time.",
            c.ended, c.met, c.late, c.missed
        ),
    }
}

/// II. Each unit that missed or was late, with what (a together rule is its own
/// "unit").
fn shortcomings(view: &ReportView, standing: &Standings, w: &Words, xml: &mut String) {
    xml.push_str(&para(
        w.pick("II. TỒN TẠI, HẠN CHẾ", "II. SHORTCOMINGS"),
        BODY.bold(),
    ));
    // Per owner, in the plan's order (together rules last): its rule for naming it,
    // the rules it missed and those it was late on.
    type Shortfall = (usize, Vec<String>, Vec<String>);
    let mut owners: BTreeMap<(bool, Option<usize>, Option<usize>), Shortfall> = BTreeMap::new();
    let mut fell_short: Vec<_> = standing
        .iter()
        .filter(|(_, s)| matches!(s, Status::Missed | Status::Late))
        .collect();
    fell_short.sort_by_key(|((unit, rule), _)| (*unit, *rule));
    for (&(unit, rule), status) in fell_short {
        let key = (unit.is_none(), unit, unit.is_none().then_some(rule));
        let (_, missed, late) = owners.entry(key).or_insert((rule, Vec::new(), Vec::new()));
        let title = format!("“{}”", view.plan.rules[rule].title);
        match status {
            Status::Missed => missed.push(title),
            _ => late.push(title),
        }
    }
    if owners.is_empty() {
        xml.push_str(&para(
            w.pick(
                "Các cơ quan, đơn vị đều thực hiện đúng hạn các chỉ tiêu đã đến hạn.",
                "Every unit met every obligation that came due, on time.",
            ),
            BODY,
        ));
        return;
    }
    for ((_, unit, _), (rule, missed, late)) in owners {
        let mut parts = Vec::new();
        if !missed.is_empty() {
            let label = w.pick("không đạt chỉ tiêu", "missed");
            parts.push(format!("{label} {}", missed.join(", ")));
        }
        if !late.is_empty() {
            let label = w.pick("trễ hạn chỉ tiêu", "late on");
            parts.push(format!("{label} {}", late.join(", ")));
        }
        let sentence = format!("- {}: {}.", view.unit_name(unit, rule), parts.join(". "));
        xml.push_str(&para(&sentence, BODY));
    }
}

/// Recipients on the left, the signer on the right.
fn signature(view: &ReportView, w: &Words, xml: &mut String) {
    let doc = &view.plan.document;
    let recipients: Vec<String> = if doc.recipients.is_empty() {
        vec![w.pick("Lưu: VT", "File").to_string()]
    } else {
        doc.recipients.clone()
    };
    let mut left = vec![para(
        w.pick("Nơi nhận:", "To:"),
        Look::default().bold().italic().size(12),
    )];
    let last = recipients.len() - 1;
    for (i, r) in recipients.iter().enumerate() {
        let end = if i == last { "." } else { ";" };
        left.push(para(&format!("- {r}{end}"), Look::default().size(11)));
    }
    let title = doc
        .signer_title
        .clone()
        .unwrap_or_else(|| w.pick("THỦ TRƯỞNG ĐƠN VỊ", "HEAD OF OFFICE").to_string());
    let mut right = vec![para(&title.to_uppercase(), CENTER.bold())];
    for _ in 0..4 {
        right.push(para("", CENTER));
    }
    right.push(para(
        doc.signer_name.as_deref().unwrap_or(""),
        CENTER.bold(),
    ));
    xml.push_str(&table(
        &[80.0, 85.0],
        &[vec![left.concat(), right.concat()]],
        false,
        false,
    ));
}

/// Appendix I: the table of the period, one row per unit and rule.
fn appendix_table(view: &ReportView, w: &Words, xml: &mut String) {
    let plan = view.plan;
    xml.push_str(&para(
        &format!(
            "{} I. {}",
            w.pick("Phụ lục", "Appendix"),
            w.pick(
                "KẾT QUẢ THỰC HIỆN CHỈ TIÊU THEO ĐƠN VỊ",
                "RESULTS BY UNIT AND RULE"
            )
        ),
        Look {
            page_break_before: true,
            after: 6,
            ..CENTER.bold()
        },
    ));
    let grid = view.year_grid();
    let cell = Look::default().size(11);
    let head = CENTER.size(11).bold();
    let quarters = grid.quarters.len().max(1) as f64;
    let rest = 165.0 - 10.0 - 40.0;
    let quarter_width = (rest * 0.45 / quarters).clamp(14.0, 30.0);
    let rule_width = rest - quarter_width * grid.quarters.len() as f64;
    let mut widths = vec![10.0, 40.0, rule_width];
    widths.extend(grid.quarters.iter().map(|_| quarter_width));
    let mut header = vec![
        para("TT", head),
        para(w.lang.labels().unit, head),
        para(w.lang.labels().rule, head),
    ];
    header.extend(
        grid.quarters
            .iter()
            .map(|q| para(&w.lang.quarter(*q), head)),
    );
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
                para(&n.to_string(), CENTER.size(11)),
                para(&view.unit_name(r.unit, r.rule), cell),
                para(&plan.rules[r.rule].title, cell),
            ];
            row.extend(r.cells.iter().map(|c| match c {
                Some(c) => para(
                    &format!("{}/{} {}", c.done, c.required, mark(c.status)),
                    CENTER.size(11),
                ),
                None => para("—", CENTER.size(11)),
            }));
            rows.push(row);
        }
    }
    xml.push_str(&table(&widths, &rows, true, true));
    xml.push_str(&para(&view.legend(), Look::default().size(11).italic()));
}

/// Appendix II: every record that counted, with its link; items that count without
/// a link are marked, since the assessment asks for one.
fn evidence(
    view: &ReportView,
    records: &[RecordRow],
    w: &Words,
    links: &mut Links,
    xml: &mut String,
) {
    let plan = view.plan;
    xml.push_str(&para(
        &format!(
            "{} II. {}",
            w.pick("Phụ lục", "Appendix"),
            w.pick(
                "DANH SÁCH TIN, BÀI VÀ HỒ SƠ MINH CHỨNG",
                "EVIDENCE: EVERY RECORD THAT COUNTED"
            )
        ),
        Look {
            page_break_before: true,
            after: 6,
            ..CENTER.bold()
        },
    ));
    let counted: HashSet<&str> = view
        .obligations
        .iter()
        .flat_map(|o| o.records.iter().map(|id| id.as_str()))
        .collect();
    let order: HashMap<&str, usize> = plan
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.as_str(), i))
        .collect();
    let mut rows: Vec<&RecordRow> = records
        .iter()
        .filter(|r| counted.contains(r.id.as_str()))
        .collect();
    rows.sort_by_key(|r| (order.get(r.unit.as_str()).copied(), r.date, r.id.clone()));
    let head = CENTER.size(11).bold();
    let cell = Look::default().size(11);
    let mut table_rows = vec![vec![
        para("TT", head),
        para(w.lang.labels().unit, head),
        para(w.pick("Ngày", "Date"), head),
        para(w.pick("Tiêu đề, số hiệu", "Title or reference"), head),
        para(w.pick("Đường dẫn", "Link"), head),
    ]];
    let no_link = w.pick("(chưa có đường dẫn)", "(no link)");
    for (i, r) in rows.iter().enumerate() {
        let unit = plan
            .unit_index(&r.unit)
            .map_or(r.unit.clone(), |u| plan.units[u].name.clone());
        let what = r
            .title
            .clone()
            .or_else(|| r.reference.clone())
            .unwrap_or_else(|| {
                let kind = r.record;
                match &r.period {
                    Some(p) => format!("{kind} {p}"),
                    None => kind.to_string(),
                }
            });
        let link = match (&r.url, r.record) {
            // Only a web link is made live (a stored `javascript:` or `file:` is not).
            (Some(url), _) if crate::text::is_web_link(url) => {
                let id = links.add(url);
                let look = Look::default().size(10);
                format!(
                    "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr>\
                     <w:hyperlink r:id=\"{id}\" w:history=\"1\"><w:r><w:rPr>{}<w:color w:val=\"0563C1\"/><w:u w:val=\"single\"/></w:rPr>\
                     <w:t xml:space=\"preserve\">{}</w:t></w:r></w:hyperlink></w:p>",
                    look.run_properties(),
                    escape(url)
                )
            }
            (None, "article") => para(
                no_link,
                Look {
                    marked: true,
                    ..cell.italic()
                },
            ),
            (Some(url), _) => para(url, cell),
            (None, _) => String::new(),
        };
        table_rows.push(vec![
            para(&(i + 1).to_string(), CENTER.size(11)),
            para(&unit, cell),
            para(&view.lang.date(r.date), CENTER.size(11)),
            para(&what, cell),
            link,
        ]);
    }
    xml.push_str(&table(
        &[10.0, 35.0, 22.0, 55.0, 43.0],
        &table_rows,
        true,
        true,
    ));
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

/// The place a document is signed, from its issuer: "UBND huyện Hàm Tân" →
/// "Hàm Tân".
pub fn place_from_issuer(issuer: &str) -> String {
    const PREFIXES: [&str; 12] = [
        "ủy ban nhân dân",
        "uỷ ban nhân dân",
        "ubnd",
        "hđnd",
        "sở nội vụ",
        "thành phố",
        "thị trấn",
        "thị xã",
        "huyện",
        "tỉnh",
        "phường",
        "xã",
    ];
    let mut rest = issuer.trim();
    'strip: loop {
        let lower = rest.to_lowercase();
        for prefix in PREFIXES {
            if lower.starts_with(prefix) && lower.len() > prefix.len() {
                let cut: usize = rest
                    .char_indices()
                    .nth(prefix.chars().count())
                    .map_or(rest.len(), |(i, _)| i);
                rest = rest[cut..].trim_start();
                continue 'strip;
            }
        }
        break;
    }
    if rest.is_empty() {
        issuer.trim().to_string()
    } else {
        rest.to_string()
    }
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
    fn the_place_is_the_issuers_name_without_its_level() {
        assert_eq!(place_from_issuer("UBND huyện Hàm Tân"), "Hàm Tân");
        assert_eq!(place_from_issuer("Ủy ban nhân dân xã Sơn Mỹ"), "Sơn Mỹ");
        assert_eq!(place_from_issuer("UBND tỉnh Lâm Đồng"), "Lâm Đồng");
        assert_eq!(place_from_issuer("UBND thành phố Phan Thiết"), "Phan Thiết");
        assert_eq!(place_from_issuer("Bộ Nội vụ"), "Bộ Nội vụ");
        assert_eq!(place_from_issuer("UBND"), "UBND");
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
}
