//! The report handed in: the Word document, read back from its package and
//! compared with the JSON report of the same flags.

use std::collections::BTreeSet;

use crate::harness::{Test, repo};

fn example(as_of: &str) -> Test {
    Test::new()
        .on(as_of)
        .with_data(&repo().join("examples/ham-tan-2022"))
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

/// The document's paragraphs as plain text, in order.
fn paragraphs(xml: &str) -> Vec<String> {
    xml.split("<w:p>")
        .skip(1)
        .map(|p| {
            let p = p.split("</w:p>").next().unwrap_or_default();
            let mut text = String::new();
            for piece in p.split("<w:t xml:space=\"preserve\">").skip(1) {
                text.push_str(piece.split("</w:t>").next().unwrap_or_default());
            }
            text.replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
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

#[test]
fn the_nine_month_report_is_an_official_document_with_the_json_reports_numbers() {
    let test = example("2022-10-20");
    let (path, xml) = write_docx(&test, &["--through", "2022-Q3"]);
    let json = test
        .run(&["report", "--format", "json", "--through", "2022-Q3"])
        .ok()
        .json();
    let text = paragraphs(&xml);
    let has = |part: &str| text.iter().any(|p| p.contains(part));

    // Nghị định 30: A4 portrait, margins 20/15/20/30 mm, Times New Roman 14 pt.
    assert!(
        xml.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"),
        "A4 portrait"
    );
    assert!(
        xml.contains("w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\""),
        "margins"
    );
    let styles = package_part(&path, "word/styles.xml");
    assert!(
        styles.contains("w:ascii=\"Times New Roman\"") && styles.contains("<w:sz w:val=\"28\"/>")
    );

    for part in [
        "UBND HUYỆN HÀM TÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số:       /BC",
        "Hàm Tân, ngày 20 tháng 10 năm 2022",
        "BÁO CÁO",
        "Kết quả thực hiện công tác thông tin, tuyên truyền cải cách hành chính 9 tháng đầu năm 2022",
        "I. KẾT QUẢ THỰC HIỆN",
        "II. TỒN TẠI, HẠN CHẾ",
        "III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI",
        "Nơi nhận:",
        "Phụ lục I.",
        "Phụ lục II.",
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

    // The figures in words are the JSON report's.
    let overall = &json["completion"]["overall"];
    let sentence = format!(
        "Trong kỳ có {} chỉ tiêu đã đến hạn: {} đạt đúng hạn, {} trễ hạn, {} không đạt",
        overall["ended"], overall["met"], overall["late"], overall["missed"]
    );
    assert!(has(&sentence), "{sentence}");
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
    // The weekly broadcasts: weeks met out of weeks ended.
    let weekly = rules
        .iter()
        .find(|r| r["rule"] == "phat-thanh-hang-tuan")
        .unwrap();
    assert!(has(&format!(
        "đạt {}/{} tuần",
        weekly["met"], weekly["ended"]
    )));
    let items: u64 = json["totals"]["by_kind"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["total"].as_u64().unwrap())
        .sum();
    assert!(has(&format!("Tổng số tin, bài đã đăng: {items}")));
    // Every unit that missed is named in section II.
    let missed: BTreeSet<&str> = json["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["status"] == "missed")
        .map(|o| o["unit_name"].as_str().unwrap())
        .collect();
    let two = text.iter().position(|p| p.starts_with("II.")).unwrap();
    let three = text.iter().position(|p| p.starts_with("III.")).unwrap();
    for name in &missed {
        assert!(
            text[two..three]
                .iter()
                .any(|p| p.starts_with(&format!("- {name}:"))),
            "{name} missed something and is not named"
        );
    }

    // The evidence list: one row per record that counted, links live.
    let counted: BTreeSet<&str> = json["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|o| o["records"].as_array().unwrap())
        .map(|id| id.as_str().unwrap())
        .collect();
    let evidence = &xml[xml.rfind("<w:tbl>").unwrap()..];
    assert_eq!(evidence.matches("<w:tr>").count() - 1, counted.len());
    let listed = test.run(&["list", "--format", "json"]).ok().json();
    let with_url = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| counted.contains(r["id"].as_str().unwrap()) && r["url"].is_string())
        .count();
    let rels = package_part(&path, "word/_rels/document.xml.rels");
    assert_eq!(rels.matches("TargetMode=\"External\"").count(), with_url);
    assert_eq!(evidence.matches("<w:hyperlink ").count(), with_url);
    let some_url = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|r| counted.contains(r["id"].as_str().unwrap()) && r["url"].is_string())
        .unwrap()["url"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(rels.contains(&format!("Target=\"{some_url}\"")));
    let without = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            r["record"] == "article"
                && counted.contains(r["id"].as_str().unwrap())
                && r["url"].is_null()
        })
        .count();
    assert_eq!(evidence.matches("(chưa có đường dẫn)").count(), without);
}

#[test]
fn the_document_section_of_the_plan_heads_and_signs_it() {
    let plan = std::fs::read_to_string(repo().join("plan.toml")).unwrap()
        + "\n[document]\noffice = \"Phòng Nội vụ\"\nplace = \"Tân Nghĩa\"\ncode = \"BC-PNV\"\n\
           signer_title = \"Trưởng phòng\"\nsigner_name = \"Nguyễn Văn A\"\n\
           recipients = [\"Sở Nội vụ\", \"UBND huyện\", \"Lưu: VT\"]\n";
    let test = example("2023-01-05").with_plan(&plan);
    let (_, xml) = write_docx(&test, &["--quarter", "2022-Q4"]);
    let text = paragraphs(&xml);
    for part in [
        "UBND HUYỆN HÀM TÂN",
        "PHÒNG NỘI VỤ",
        "Số:       /BC-PNV",
        "Tân Nghĩa, ngày 05 tháng 01 năm 2023",
        "Kết quả thực hiện công tác thông tin, tuyên truyền cải cách hành chính quý IV năm 2022",
        "- Sở Nội vụ;",
        "- UBND huyện;",
        "- Lưu: VT.",
        "TRƯỞNG PHÒNG",
        "Nguyễn Văn A",
    ] {
        assert!(
            text.iter().any(|p| p == part),
            "{part:?} in\n{}",
            text.join("\n")
        );
    }
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

    let plan = std::fs::read_to_string(repo().join("plan.toml")).unwrap()
        + "\n[document]\noffice = \"Phòng Nội vụ\"\nsigner = \"Nguyễn Văn A\"\n";
    let test = example("2023-01-05").with_plan(&plan);
    let out = test.path("bao-cao.docx");
    test.run(&[
        "report",
        "--format",
        "docx",
        "--output",
        out.to_str().unwrap(),
    ])
    .error(&["không biết khóa `signer`", "signer_name"]);
    assert!(!out.exists());
}
