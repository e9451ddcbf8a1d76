//! The report handed in: the Word document, read back from its package and checked
//! against the checklist of Nghị định 30/2020, Phụ lục I (docs/van-ban.md) and
//! against the JSON report of the same flags.

use std::collections::BTreeSet;

use crate::harness::{Test, repo};

fn example(as_of: &str) -> Test {
    Test::new()
        .on(as_of)
        .with_data(&repo().join("examples/ham-tan-2022"))
}

fn example_plan(name: &str, as_of: &str) -> Test {
    let plan = std::fs::read_to_string(repo().join(format!("examples/plans/{name}.toml"))).unwrap();
    Test::new()
        .with_plan(&plan)
        .with_data(&repo().join(format!("examples/plans/{name}")))
        .on(as_of)
}

/// A part of a zip package, as text.
pub fn package_part(path: &std::path::Path, name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// A paragraph's text, its line breaks as "\n".
fn text_of(p: &str) -> String {
    let p = p.replace("<w:br/>", "<w:t xml:space=\"preserve\">\n</w:t>");
    let mut text = String::new();
    for piece in p.split("<w:t xml:space=\"preserve\">").skip(1) {
        text.push_str(piece.split("</w:t>").next().unwrap_or_default());
    }
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
}

/// The paragraphs of some XML, each with its own markup.
fn paragraph_xml(xml: &str) -> Vec<String> {
    xml.split("<w:p>")
        .skip(1)
        .map(|p| p.split("</w:p>").next().unwrap_or_default().to_string())
        .collect()
}

/// The document's paragraphs as plain text, in order.
fn paragraphs(xml: &str) -> Vec<String> {
    paragraph_xml(xml).iter().map(|p| text_of(p)).collect()
}

/// The document's sections (the main report, then each appendix), each its XML.
fn sections(xml: &str) -> Vec<String> {
    let body = xml.split("<w:body>").nth(1).unwrap();
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(end) = rest.find("</w:sectPr>") {
        out.push(rest[..end].to_string());
        rest = &rest[end + "</w:sectPr>".len()..];
    }
    out
}

/// The rows of the first table in some XML, each row its cells' texts.
fn first_table_rows(xml: &str) -> Vec<Vec<String>> {
    let table = xml.split("<w:tbl>").nth(1).unwrap();
    let table = table.split("</w:tbl>").next().unwrap();
    table
        .split("<w:tr>")
        .skip(1)
        .map(|row| {
            row.split("<w:tc>")
                .skip(1)
                .map(|cell| paragraphs(cell).join("\n"))
                .collect()
        })
        .collect()
}

fn write_docx(test: &Test, args: &[&str]) -> (std::path::PathBuf, String) {
    let path = test.path("bao-cao.docx");
    let mut full = vec![
        "report",
        "--format",
        "docx",
        "--output",
        path.to_str().unwrap(),
    ];
    full.extend_from_slice(args);
    test.run(&full).ok();
    let xml = package_part(&path, "word/document.xml");
    (path, xml)
}

/// The form of Nghị định 30 that every report has, whatever its plan and period:
/// the checklist of docs/van-ban.md, item by item where the XML shows it.
#[track_caller]
fn assert_official_form(path: &std::path::Path, xml: &str) {
    let text = paragraphs(xml);
    let all = text.join("\n");
    // A4 portrait, margins 20/15/20/30 mm, Times New Roman 14 pt.
    let styles = package_part(path, "word/styles.xml");
    assert!(
        styles.contains("w:ascii=\"Times New Roman\"") && styles.contains("<w:sz w:val=\"28\"/>")
    );
    let parts = sections(xml);
    assert_eq!(parts.len(), 3, "the report and its two appendices");
    for section in &parts {
        assert!(section.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
        assert!(
            section.contains("w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\"")
        );
        // Page numbers from page 2: a header with the number, none on the first page,
        // counted from 1 in each section (each appendix on its own).
        assert!(section.contains("<w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>"));
        assert!(section.contains("<w:headerReference w:type=\"first\" r:id=\"rIdFirstHeader\"/>"));
        assert!(section.contains("<w:titlePg/>"));
        assert!(section.contains("<w:pgNumType w:start=\"1\"/>"));
    }
    let rels = package_part(path, "word/_rels/document.xml.rels");
    assert!(rels.contains("Id=\"rIdHeader\"") && rels.contains("Target=\"header1.xml\""));
    assert!(rels.contains("Id=\"rIdFirstHeader\"") && rels.contains("Target=\"header2.xml\""));
    let number = package_part(path, "word/header1.xml");
    assert!(number.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"));
    assert!(number.contains("<w:jc w:val=\"center\"/>"));
    assert!(!package_part(path, "word/header2.xml").contains("PAGE"));

    // The header table: bodies and motto on the first row, "Số" and the place and
    // date on the second, each with its rule line.
    let main = &parts[0];
    let rows = first_table_rows(main);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows[0][1].starts_with("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
    );
    assert!(rows[1][0].starts_with("Số:       /"), "{rows:?}");
    assert!(rows[1][1].contains(", ngày "), "{rows:?}");
    assert!(!rows[1][1].starts_with("tỉnh,") && !rows[1][1].starts_with("xã,"));
    let header_table = main.split("</w:tbl>").next().unwrap();
    assert_eq!(
        header_table
            .matches("<w:pBdr><w:top w:val=\"single\"")
            .count(),
        2,
        "a rule line under the issuing body and one under the motto"
    );
    // "BÁO CÁO", its subject and the rule line under it.
    let title = text.iter().position(|p| p == "BÁO CÁO").expect("BÁO CÁO");
    assert!(text[title + 1].starts_with("Kết quả thực hiện công tác thông tin,"));
    let after_subject = paragraph_xml(main)[title + 2].clone();
    assert!(after_subject.contains("<w:pBdr><w:top w:val=\"single\""));
    // The subject never breaks inside "tuyên truyền" or the period.
    for line in text[title + 1].lines() {
        assert!(!line.ends_with("tuyên") && !line.ends_with("quý"), "{line}");
    }
    // The closing blocks are kept with the signature: the paragraph before it (the
    // closing "Trên đây là báo cáo …") keeps with it, and the signature's row never
    // splits; section III's heading keeps with its text.
    let three = main.find("III. ").unwrap();
    let closing = &main[main[..three].rfind("<w:p>").unwrap()..];
    let before_signature = paragraph_xml(closing.split("<w:tbl>").next().unwrap());
    assert!(
        before_signature[0].contains("<w:keepNext/>"),
        "section III's heading"
    );
    let last = before_signature.last().unwrap();
    assert!(
        text_of(last).starts_with("Trên đây là báo cáo"),
        "{}",
        text_of(last)
    );
    assert!(
        last.contains("<w:keepNext/>"),
        "not kept with the signature"
    );
    let signature = closing.split("<w:tbl>").nth(1).unwrap();
    assert!(signature.contains("<w:cantSplit/>"));
    assert!(text_of(signature).contains("Nơi nhận:"));
    let recipients: Vec<String> = paragraphs(signature)
        .into_iter()
        .filter(|p| p.starts_with("- "))
        .collect();
    assert!(
        recipients.last().unwrap().starts_with("- Lưu: VT"),
        "{recipients:?}"
    );
    assert!(recipients.last().unwrap().ends_with('.'));
    // The body refers to both appendices; each begins with its heading and the line
    // that ties it to the report, and a rule line.
    assert!(all.contains("Phụ lục I)"));
    assert!(all.contains("Phụ lục II"));
    for (n, section) in parts[1..].iter().enumerate() {
        let lines = paragraphs(section);
        let first = lines.iter().position(|p| !p.is_empty()).unwrap();
        assert_eq!(lines[first], ["Phụ lục I", "Phụ lục II"][n]);
        let of = lines[first + 2].replace('\n', " ");
        assert!(of.starts_with("(Kèm theo Báo cáo số       /"), "{of}");
        assert!(
            of.contains(" ngày ") && of.contains(" của ") && of.ends_with(')'),
            "{of}"
        );
        assert!(paragraph_xml(section)[first + 3].contains("<w:pBdr><w:top w:val=\"single\""));
    }
}

#[test]
fn the_nine_month_report_is_an_official_document_with_the_json_reports_numbers() {
    let test = example("2022-10-20");
    let (path, xml) = write_docx(&test, &["--through", "2022-Q3"]);
    assert_official_form(&path, &xml);
    let json = test
        .run(&["report", "--format", "json", "--through", "2022-Q3"])
        .ok()
        .json();
    let text = paragraphs(&xml);
    let has = |part: &str| text.iter().any(|p| p.contains(part));

    for part in [
        "ỦY BAN NHÂN DÂN\nHUYỆN HÀM TÂN",
        "Số:       /BC-UBND",
        "Hàm Tân, ngày 20 tháng 10 năm 2022",
        "Kết quả thực hiện công tác thông tin, tuyên truyền\ncải cách hành chính 9 tháng đầu năm 2022",
        "Thời gian báo cáo: từ ngày 01/01/2022 đến ngày 30/09/2022; số liệu tính đến ngày 20/10/2022.",
        "I. KẾT QUẢ THỰC HIỆN",
        "II. TỒN TẠI, HẠN CHẾ",
        "III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI",
        "(Kèm theo Báo cáo số       /BC-UBND ngày 20 tháng 10 năm 2022\ncủa Ủy ban nhân dân huyện Hàm Tân)",
    ] {
        assert!(
            has(part),
            "{part:?} is not in the document:\n{}",
            text.join("\n")
        );
    }
    // Section III is for the officer to write: marked.
    let officer = xml.find("Phần này do cán bộ phụ trách viết").unwrap();
    assert!(xml[..officer].rfind("<w:highlight").unwrap() > xml[..officer].rfind("<w:p>").unwrap());

    // The figures in words are the JSON report's; "chỉ tiêu" explained against the
    // rows of Appendix I.
    let overall = &json["completion"]["overall"];
    let sentence = format!(
        "Trong kỳ có {} chỉ tiêu đã đến hạn: {} đạt đúng hạn, {} trễ hạn, {} không đạt",
        overall["ended"], overall["met"], overall["late"], overall["missed"]
    );
    assert!(has(&sentence), "{sentence}");
    let obligations = json["obligations"].as_array().unwrap();
    let appendix = &sections(&xml)[1];
    let rows = appendix.split("<w:tbl>").nth(1).unwrap();
    let numbered = paragraphs(rows)
        .iter()
        .filter(|p| p.parse::<usize>().is_ok())
        .count();
    assert!(has(&format!(
        "Phụ lục I có {numbered} dòng, mỗi dòng là một cơ quan, đơn vị với một nội dung, ghi kết quả theo từng quý; vì vậy trong thời gian báo cáo có {} chỉ tiêu.",
        obligations.len()
    )));
    let rules: Vec<serde_json::Value> = json["completion"]["rules"].as_array().unwrap().clone();
    let plan = test.run(&["plan", "--format", "json"]).ok().json();
    for rule in &rules {
        let title = plan["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == rule["rule"])
            .unwrap()["title"]
            .as_str()
            .unwrap()
            .to_string();
        let units = rule["units_met"].as_u64().unwrap()
            + rule["units_late"].as_u64().unwrap()
            + rule["units_missed"].as_u64().unwrap();
        let figure = format!("- {title}: {}/{units} cơ quan, đơn vị", rule["units_met"]);
        assert!(has(&figure), "{figure}");
    }
    let weekly = rules
        .iter()
        .find(|r| r["rule"] == "phat-thanh-hang-tuan")
        .unwrap();
    assert!(has(&format!(
        "đạt {}/{} tuần",
        weekly["met"], weekly["ended"]
    )));
    // Items by topic add up: with a topic, without, and all.
    let totals = &json["totals"];
    let items: u64 = totals["by_kind"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["total"].as_u64().unwrap())
        .sum();
    let untagged = totals["untagged"]["total"].as_u64().unwrap();
    assert!(has(&format!("Tổng số tin, bài đã đăng: {items}")));
    assert!(has(&format!(
        "{} tin, bài có gắn chủ đề của kế hoạch",
        items - untagged
    )));
    assert!(has(&format!(
        "; {untagged} tin, bài không gắn chủ đề; cộng {items} tin, bài"
    )));

    // Section II: every unit that missed is named with the period and how many.
    let two = text.iter().position(|p| p.starts_with("II.")).unwrap();
    let three = text.iter().position(|p| p.starts_with("III.")).unwrap();
    let section_two = &text[two..three];
    assert!(section_two[1].starts_with("Trong 9 tháng đầu năm 2022, tính đến ngày 20/10/2022,"));
    for o in obligations.iter().filter(|o| o["status"] == "missed") {
        let name = o["unit_name"].as_str().unwrap();
        let line = section_two
            .iter()
            .find(|p| p.starts_with(&format!("- {name}:")))
            .unwrap_or_else(|| panic!("{name} missed something and is not named"));
        if o["record"] == "article" || o["record"] == "broadcast" {
            assert!(
                line.contains(&format!("thiếu {}/{}", o["missing"], o["required"])),
                "{line} lacks {o}"
            );
        }
    }
    // A missed week is named by its number and days.
    let week = obligations
        .iter()
        .find(|o| o["status"] == "missed" && o["rule"] == "phat-thanh-hang-tuan")
        .unwrap();
    let number = week["period"].as_str().unwrap().split("-W").nth(1).unwrap();
    assert!(
        section_two
            .iter()
            .any(|p| p.contains(&format!("tuần {} (", number.trim_start_matches('0')))),
        "{section_two:?}"
    );

    // The evidence list: one row per record that counted, links live, the items
    // without a link marked, a broadcast with its time and length.
    let counted: BTreeSet<&str> = obligations
        .iter()
        .flat_map(|o| o["records"].as_array().unwrap())
        .map(|id| id.as_str().unwrap())
        .collect();
    let evidence = &xml[xml.rfind("<w:tbl>").unwrap()..];
    assert_eq!(evidence.matches("<w:tr>").count() - 1, counted.len());
    let listed = test.run(&["list", "--format", "json"]).ok().json();
    let listed = listed.as_array().unwrap();
    let with_url = listed
        .iter()
        .filter(|r| counted.contains(r["id"].as_str().unwrap()) && r["url"].is_string())
        .count();
    let rels = package_part(&path, "word/_rels/document.xml.rels");
    assert_eq!(rels.matches("TargetMode=\"External\"").count(), with_url);
    assert_eq!(evidence.matches("<w:hyperlink ").count(), with_url);
    let without = listed
        .iter()
        .filter(|r| {
            r["record"] == "article"
                && counted.contains(r["id"].as_str().unwrap())
                && r["url"].is_null()
        })
        .count();
    assert_eq!(evidence.matches("(chưa có đường dẫn)").count(), without);
    let broadcast = listed
        .iter()
        .find(|r| {
            r["record"] == "broadcast"
                && counted.contains(r["id"].as_str().unwrap())
                && r["minutes"].is_u64()
        })
        .unwrap();
    let date = broadcast["date"].as_str().unwrap();
    let shown = format!(
        "{}/{}/{}\n{}, {} phút",
        &date[8..10],
        &date[5..7],
        &date[..4],
        broadcast["time"].as_str().unwrap(),
        broadcast["minutes"]
    );
    assert!(paragraphs(evidence).contains(&shown), "{shown}");
    // A report sent is named by its period and number.
    let report = listed
        .iter()
        .find(|r| {
            r["record"] == "report"
                && counted.contains(r["id"].as_str().unwrap())
                && r["period"] == "2022-Q2"
                && r["ref"].is_string()
        })
        .unwrap();
    let named = format!(
        "Báo cáo quý II/2022, số {}",
        report["ref"].as_str().unwrap()
    );
    assert!(paragraphs(evidence).contains(&named), "{named}");
}

#[test]
fn the_document_section_of_the_plan_heads_addresses_and_signs_it() {
    let plan = std::fs::read_to_string(repo().join("plan.toml")).unwrap()
        + "\n[document]\nparent = \"UBND tỉnh Bình Thuận\"\noffice = \"Phòng Nội vụ\"\nplace = \"Tân Nghĩa\"\ncode = \"BC-PNV\"\n\
           plan_number = \"45/KH-UBND\"\nplan_date = 2022-01-20\nto = [\"Sở Nội vụ tỉnh Bình Thuận\"]\n\
           signer_form = \"KT.\"\nsigner_for = \"Trưởng phòng\"\n\
           signer_title = \"\"\"Phó Trưởng phòng\nPhụ trách\"\"\"\nsigner_name = \"Nguyễn Văn A\"\n\
           recipients = [\"UBND huyện\", \"Lưu: VT, PNV\"]\n";
    let test = example("2023-01-05").with_plan(&plan);
    let path = test.path("bao-cao.docx");
    let run = test
        .run(&[
            "report",
            "--quarter",
            "2022-Q4",
            "--output",
            path.to_str().unwrap(),
        ])
        .ok();
    assert!(
        !run.stderr.contains("[document]"),
        "no key is missing: {}",
        run.stderr
    );
    let xml = package_part(&path, "word/document.xml");
    assert_official_form(&path, &xml);
    let text = paragraphs(&xml);
    for part in [
        "UBND TỈNH BÌNH THUẬN",
        "PHÒNG NỘI VỤ",
        "Số:       /BC-PNV",
        "Tân Nghĩa, ngày 05 tháng 01 năm 2023",
        "Kính gửi: Sở Nội vụ tỉnh Bình Thuận.",
        "- Như trên;",
        "- UBND huyện;",
        "- Lưu: VT, PNV.",
        "KT. TRƯỞNG PHÒNG",
        "PHÓ TRƯỞNG PHÒNG\nPHỤ TRÁCH",
        "Nguyễn Văn A",
    ] {
        assert!(
            text.iter().any(|p| p == part),
            "{part:?} in\n{}",
            text.join("\n")
        );
    }
    assert!(text.iter().any(|p| p.starts_with(
        "Thực hiện Kế hoạch số 45/KH-UBND ngày 20/01/2022 của Ủy ban nhân dân huyện Hàm Tân về tuyên truyền cải cách hành chính năm 2022, Phòng Nội vụ báo cáo kết quả thực hiện quý IV năm 2022 như sau:"
    )));
    // Nothing left for the clerk to fill but section III.
    assert_eq!(sections(&xml)[0].matches("<w:highlight").count(), 1);
    // "Kính gửi" follows the subject's rule line, which keeps with it.
    let to = xml.find("Kính gửi:").unwrap();
    let rule = xml[..to].rfind("<w:pBdr>").unwrap();
    assert!(xml[xml[..rule].rfind("<w:p>").unwrap()..rule].contains("<w:keepNext/>"));

    // The year report and the whole plan; English words with --lang en.
    let (_, year) = write_docx(&test, &[]);
    assert!(
        paragraphs(&year)
            .iter()
            .any(|p| p.ends_with("cải cách hành chính năm 2022"))
    );
    let english = test.lang("en");
    let (_, xml) = write_docx(&english, &["--through", "2022-Q2"]);
    let text = paragraphs(&xml);
    assert!(
        text.iter().any(|p| p.contains("first half of 2022")),
        "{}",
        text.join("\n")
    );
    assert!(text.iter().any(|p| p == "I. RESULTS"));
}

/// Without `[document]`, nothing is guessed: each missing part is a marked
/// placeholder, never half a place, and stderr names the keys to set.
#[test]
fn what_the_plan_does_not_say_is_left_marked_and_named() {
    let test = example_plan("tinh-2026", "2026-04-15");
    let path = test.path("bao-cao.docx");
    let run = test
        .run(&[
            "report",
            "--quarter",
            "2026-Q1",
            "--output",
            path.to_str().unwrap(),
        ])
        .ok();
    for key in [
        "place",
        "plan_number",
        "recipients",
        "signer_title",
        "signer_name",
    ] {
        assert!(
            run.stderr.contains(&format!("{key} (")),
            "{key}: {}",
            run.stderr
        );
    }
    assert!(run.stderr.contains("[document]"));
    let xml = package_part(&path, "word/document.xml");
    assert_official_form(&path, &xml);
    let rows = first_table_rows(&xml);
    assert!(rows[0][0].starts_with("ỦY BAN NHÂN DÂN"), "{rows:?}");
    assert!(
        rows[1][1].starts_with("[Địa danh], ngày 15 tháng 4 năm 2026"),
        "{rows:?}"
    );
    let text = paragraphs(&xml);
    for placeholder in ["[CHỨC VỤ NGƯỜI KÝ]", "[Họ và tên]", "- [nơi nhận báo cáo];"]
    {
        assert!(text.iter().any(|p| p == placeholder), "{placeholder}");
    }
    for placeholder in [
        "[Địa danh]",
        "[CHỨC VỤ NGƯỜI KÝ]",
        "[Họ và tên]",
        "[số …/KH-… ngày …/…/…]",
    ] {
        let at = xml.find(&placeholder.replace('&', "&amp;")).unwrap();
        let run_start = xml[..at].rfind("<w:r>").unwrap();
        assert!(
            xml[run_start..at].contains("<w:highlight"),
            "{placeholder} is not marked"
        );
    }
    // In English, the hint too.
    let run = test
        .lang("en")
        .run(&[
            "report",
            "--quarter",
            "2026-Q1",
            "--output",
            path.to_str().unwrap(),
        ])
        .ok();
    assert!(
        run.stderr.contains("set in the plan's [document]: place ("),
        "{}",
        run.stderr
    );
}

/// Each example plan, for a quarter, six months and the year, has the form.
#[test]
fn every_example_plan_reports_in_the_official_form() {
    let mut cases = vec![(example("2023-01-05"), "2022".to_string())];
    let mut names: Vec<String> = std::fs::read_dir(repo().join("examples/plans"))
        .unwrap()
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".toml")
                .map(String::from)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 4, "{names:?}");
    for name in &names {
        // The year of the plan's end; the report as of late that year.
        let plan =
            std::fs::read_to_string(repo().join(format!("examples/plans/{name}.toml"))).unwrap();
        let end = plan
            .lines()
            .find_map(|l| l.trim().strip_prefix("end = "))
            .unwrap();
        let year = end[..4].to_string();
        cases.push((example_plan(name, &format!("{year}-12-20")), year));
    }
    for (test, year) in &cases {
        let q2 = format!("{year}-Q2");
        let q3 = format!("{year}-Q3");
        for (args, words) in [
            (
                vec!["--quarter", q3.as_str()],
                format!("quý III năm {year}"),
            ),
            (
                vec!["--through", q2.as_str()],
                format!("6 tháng đầu năm {year}"),
            ),
            (vec![], format!("năm {year}")),
        ] {
            let (path, xml) = write_docx(test, &args);
            assert_official_form(&path, &xml);
            let text = paragraphs(&xml);
            let title = text.iter().position(|p| p == "BÁO CÁO").unwrap();
            assert!(
                text[title + 1].replace('\n', " ").ends_with(&words),
                "{:?} for {args:?}",
                text[title + 1]
            );
        }
    }
}

/// Mid-quarter, the report says what is done so far and what is still open.
#[test]
fn mid_period_the_report_says_what_is_still_open() {
    let test = example("2022-08-10");
    let (_, xml) = write_docx(&test, &["--quarter", "2022-Q3"]);
    let json = test
        .run(&["report", "--format", "json", "--quarter", "2022-Q3"])
        .ok()
        .json();
    let summary = &json["summary"];
    let running = summary["due"].as_u64().unwrap() + summary["due_soon"].as_u64().unwrap();
    let upcoming = summary["upcoming"].as_u64().unwrap();
    assert!(running > 0);
    let lacking: u64 = json["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["status"] == "due" || o["status"] == "due_soon")
        .map(|o| o["missing"].as_u64().unwrap())
        .sum();
    let text = paragraphs(&xml).join("\n");
    let open = format!(
        "Đến ngày 10/08/2022, còn {} chỉ tiêu chưa đến hạn: {running} chỉ tiêu đang trong kỳ, chưa đạt (còn thiếu {lacking}), {upcoming} chỉ tiêu chưa đến kỳ",
        running + upcoming
    );
    assert!(text.contains(&open), "{open}\n{text}");
    assert!(text.contains("(tính trên các chỉ tiêu đã đến hạn)"));
}

/// Two articles with one title, and an article without a link, are marked in the
/// evidence list for the reviewer.
#[test]
fn the_evidence_list_marks_what_a_reviewer_must_check() {
    let test = Test::new().on("2022-10-15");
    test.log(&[
        "article",
        "--unit",
        "xa-son-my",
        "--date",
        "2022-07-04",
        "--title",
        "Sơn Mỹ triển khai dịch vụ công trực tuyến",
        "--url",
        "https://hamtan.example.vn/a1",
    ]);
    test.log(&[
        "article",
        "--unit",
        "xa-tan-ha",
        "--date",
        "2022-07-05",
        "--title",
        "SƠN MỸ triển khai dịch vụ công trực tuyến",
        "--url",
        "https://hamtan.example.vn/a2",
    ]);
    test.article("xa-son-my", "2022-07-06", "Một tin không có đường dẫn");
    let (_, xml) = write_docx(&test, &["--quarter", "2022-Q3"]);
    let evidence = sections(&xml)[2].clone();
    let rows = first_table_rows(&evidence);
    let first = rows
        .iter()
        .position(|r| r[3].starts_with("Sơn Mỹ"))
        .unwrap_or_else(|| panic!("{rows:?}"));
    let second = rows
        .iter()
        .position(|r| r[3].starts_with("SƠN MỸ"))
        .unwrap();
    assert!(
        rows[first][3].ends_with(&format!("(trùng tiêu đề với TT {second})")),
        "{rows:?}"
    );
    assert!(
        rows[second][3].ends_with(&format!("(trùng tiêu đề với TT {first})")),
        "{rows:?}"
    );
    let lone = rows
        .iter()
        .find(|r| r[3] == "Một tin không có đường dẫn")
        .unwrap();
    assert_eq!(lone[4], "(chưa có đường dẫn)");
    assert!(paragraphs(&evidence).iter().any(|p| {
        p.starts_with("Cộng 3 bản ghi; 1 tin, bài chưa có đường dẫn và 2 bản ghi trùng tiêu đề")
    }));
}

#[test]
fn bad_docx_requests_write_nothing() {
    let test = example("2023-01-05");
    test.run(&["report", "--format", "docx"])
        .error(&["--format docx ghi ra tệp nhị phân", "--output FILE.docx"]);
    let nowhere = test.path("missing/dir/bao-cao.docx");
    test.run(&[
        "report",
        "--format",
        "docx",
        "--output",
        nowhere.to_str().unwrap(),
    ])
    .error(&["không ghi được --output"]);
    assert!(!nowhere.parent().unwrap().exists());

    let base = std::fs::read_to_string(repo().join("plan.toml")).unwrap();
    let lines = base.lines().count();
    for (section, line, parts) in [
        (
            "office = \"Phòng Nội vụ\"\nsigner = \"Nguyễn Văn A\"\n",
            lines + 4,
            &["không biết khóa `signer`", "signer_name"][..],
        ),
        (
            "signer_form = \"TT.\"\nsigner_for = \"CHỦ TỊCH\"\n",
            lines + 3,
            &["signer_form = \"TT.\"", "TM., KT., Q., TL., TUQ."][..],
        ),
        (
            "signer_form = \"KT.\"\n",
            lines + 3,
            &["signer_form = \"KT.\" cần signer_for"][..],
        ),
        (
            "signer_for = \"CHỦ TỊCH\"\n",
            lines + 3,
            &["signer_for chỉ dùng cùng signer_form"][..],
        ),
        (
            "plan_number = \"45/KH-UBND\"\n",
            lines + 3,
            &["plan_number cần plan_date"][..],
        ),
        (
            "plan_number = \"45/KH-UBND\"\nplan_date = \"20/01/2022\"\n",
            lines + 4,
            &["plan_date"][..],
        ),
    ] {
        let plan = format!("{base}\n[document]\n{section}");
        let test = example("2023-01-05").with_plan(&plan);
        let out = test.path("bao-cao.docx");
        let at = format!(":{line}:");
        let mut expected = vec![at.as_str()];
        expected.extend_from_slice(parts);
        test.run(&["report", "--output", out.to_str().unwrap()])
            .error(&expected);
        assert!(!out.exists());
    }
}
