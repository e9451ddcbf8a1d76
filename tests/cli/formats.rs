//! The files people hand in: the Excel workbook (read back with calamine and
//! compared with the JSON report) and the HTML page.

use calamine::{Data, DataType, Reader, Xlsx, open_workbook};

use crate::harness::{Test, repo};

fn example() -> Test {
    Test::new()
        .on("2023-01-05")
        .with_data(&repo().join("examples/ham-tan-2022"))
}

fn text(cell: &Data) -> String {
    cell.as_string().unwrap_or_default()
}

/// A date cell as a date (Excel's serial day), or nothing.
fn date(cell: &Data) -> Option<chrono::NaiveDate> {
    cell.as_date()
}

fn write_xlsx(test: &Test, args: &[&str]) -> std::path::PathBuf {
    let path = test.path("bao-cao.xlsx");
    let mut full = vec![
        "report",
        "--format",
        "xlsx",
        "--output",
        path.to_str().unwrap(),
    ];
    full.extend_from_slice(args);
    test.run(&full).ok();
    path
}

#[test]
fn the_workbook_holds_the_numbers_of_the_json_report() {
    let test = example();
    let path = write_xlsx(&test, &[]);
    let json = test.run(&["report", "--format", "json"]).ok().json();
    let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(workbook.sheet_names(), ["Tổng hợp", "Chỉ tiêu", "Bản ghi"]);

    // Vietnamese headers and values, real dates, numbers as numbers.
    let obligations = workbook.worksheet_range("Chỉ tiêu").unwrap();
    let rows: Vec<&[Data]> = obligations.rows().collect();
    let header: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(
        header,
        [
            "Mã đơn vị",
            "Đơn vị",
            "Mã chỉ tiêu",
            "Loại",
            "Kỳ",
            "Từ ngày",
            "Đến ngày",
            "Hạn",
            "Phải thực hiện",
            "Đã thực hiện",
            "Còn thiếu",
            "Tình trạng",
            "Số ngày còn lại",
            "Bản ghi"
        ]
    );
    let expected = json["obligations"].as_array().unwrap();
    assert_eq!(rows.len() - 1, expected.len());
    let kind = |record: &str| match record {
        "article" => "tin, bài",
        "broadcast" => "phát thanh",
        "plan" => "kế hoạch",
        "report" => "báo cáo",
        other => panic!("{other}"),
    };
    let status = |id: &str| match id {
        "met" => "Đạt",
        "late" => "Hoàn thành trễ hạn",
        "missed" => "Không đạt",
        "due_soon" => "Sắp đến hạn",
        "due" => "Đang thực hiện",
        "upcoming" => "Chưa đến kỳ",
        other => panic!("{other}"),
    };
    let day = |value: &serde_json::Value| {
        chrono::NaiveDate::parse_from_str(value.as_str().unwrap(), "%Y-%m-%d").ok()
    };
    for (row, o) in rows[1..].iter().zip(expected) {
        let col = |name: &str| &row[header.iter().position(|h| h == name).unwrap()];
        assert_eq!(text(col("Mã đơn vị")), o["unit"].as_str().unwrap());
        assert_eq!(text(col("Đơn vị")), o["unit_name"].as_str().unwrap());
        assert_eq!(text(col("Mã chỉ tiêu")), o["rule"].as_str().unwrap());
        assert_eq!(text(col("Loại")), kind(o["record"].as_str().unwrap()));
        assert_eq!(
            text(col("Tình trạng")),
            status(o["status"].as_str().unwrap())
        );
        assert_eq!(date(col("Từ ngày")), day(&o["start"]), "{o}");
        assert_eq!(date(col("Đến ngày")), day(&o["end"]), "{o}");
        assert_eq!(date(col("Hạn")), day(&o["due"]), "{o}");
        for (name, key) in [
            ("Phải thực hiện", "required"),
            ("Đã thực hiện", "done"),
            ("Còn thiếu", "missing"),
            ("Số ngày còn lại", "days_left"),
        ] {
            assert_eq!(col(name).get_float(), o[key].as_f64(), "{key} of {o}");
        }
        let ids: Vec<&str> = o["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(text(col("Bản ghi")), ids.join(";"));
    }
    // Quarters are named as people write them.
    assert!(rows.iter().any(|r| text(&r[4]) == "Quý III/2022"));

    // The summary sheet shows the year table's cells, and its totals.
    let summary = workbook.worksheet_range("Tổng hợp").unwrap();
    let cells: Vec<String> = summary.rows().flat_map(|r| r.iter().map(text)).collect();
    assert_eq!(
        cells[0],
        "Kế hoạch tuyên truyền cải cách hành chính năm 2022"
    );
    assert!(cells.contains(&"Quý III/2022".to_string()));
    assert!(
        cells.contains(&"12/13 ✗ ✓✓✓✓✗✓✓✓✓✓✓✓✓".to_string()),
        "the weekly strip of Q1"
    );
    let met = json["summary"]["met"].as_u64().unwrap();
    assert!(
        cells
            .iter()
            .any(|c| c.starts_with("Tổng hợp: Đạt ") && c.contains(&format!("Đạt {met} ")))
    );

    // The year's records, their kinds in words and their dates as dates.
    let records = workbook.worksheet_range("Bản ghi").unwrap();
    let listed = test.run(&["list", "--format", "json"]).ok().json();
    assert_eq!(records.rows().count() - 1, listed.as_array().unwrap().len());
    let head: Vec<String> = records.rows().next().unwrap().iter().map(text).collect();
    let at = |name: &str| head.iter().position(|h| h == name).unwrap();
    for row in records.rows().skip(1) {
        assert!(date(&row[at("Ngày")]).is_some());
        assert!(
            ["tin, bài", "phát thanh", "kế hoạch", "báo cáo"]
                .contains(&text(&row[at("Loại")]).as_str())
        );
    }

    // Times New Roman, not the spreadsheet's Calibri.
    let styles = crate::docx::package_part(&path, "xl/styles.xml");
    assert!(
        styles.contains("Times New Roman") && !styles.contains("Calibri"),
        "{styles}"
    );

    // In English: the JSON keys and ids, for scripts.
    let english = test.lang("en");
    let path = write_xlsx(&english, &[]);
    let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
    let obligations = workbook.worksheet_range("Obligations").unwrap();
    let first: Vec<String> = obligations
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(text)
        .collect();
    assert_eq!(first[..4], ["unit", "unit_name", "rule", "record"]);
    assert_eq!(
        text(&obligations.rows().nth(1).unwrap()[11]),
        expected[0]["status"].as_str().unwrap()
    );
}

/// "Bản ghi" of a quarter's workbook holds that quarter's records (and those that
/// counted for it), not every record of the year.
#[test]
fn the_records_sheet_holds_the_reports_period() {
    let test = example();
    let path = write_xlsx(&test, &["--quarter", "2022-Q3"]);
    let json = test
        .run(&["report", "--format", "json", "--quarter", "2022-Q3"])
        .ok()
        .json();
    let counted: std::collections::BTreeSet<String> = json["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|o| o["records"].as_array().unwrap().iter())
        .map(|id| id.as_str().unwrap().to_string())
        .collect();
    let in_quarter = test
        .run(&[
            "list",
            "--from",
            "2022-07-01",
            "--to",
            "2022-09-30",
            "--format",
            "json",
        ])
        .ok()
        .json();
    let mut expected: std::collections::BTreeSet<String> = in_quarter
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    expected.extend(counted);
    let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
    let records = workbook.worksheet_range("Bản ghi").unwrap();
    let ids: std::collections::BTreeSet<String> =
        records.rows().skip(1).map(|r| text(&r[0])).collect();
    assert_eq!(ids, expected);
    let all = test.run(&["list", "--format", "json"]).ok().json();
    assert!(ids.len() < all.as_array().unwrap().len());
}

#[test]
fn xlsx_needs_an_output_file_and_output_is_written_whole() {
    let test = example();
    test.run(&["report", "--format", "xlsx"])
        .error(&["--output"]);
    let path = test.path("r.md");
    let run = test
        .run(&[
            "report",
            "--format",
            "markdown",
            "--output",
            path.to_str().unwrap(),
        ])
        .ok();
    assert!(run.stdout.is_empty());
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("# Kế hoạch")
    );
    test.run(&[
        "report",
        "--output",
        test.path("missing/dir/r.md").to_str().unwrap(),
    ])
    .error(&["không ghi được --output", "thư mục chứa nó phải có sẵn"]);
    let leftovers: Vec<_> = std::fs::read_dir(test.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("cchc-tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn the_html_page_is_self_contained_with_its_charts() {
    let test = example();
    let page = test
        .run(&["--lang", "en", "report", "--format", "html"])
        .ok()
        .stdout;
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<html lang=\"en\">"));
    assert!(page.contains("@page { size: A4 portrait"));
    // One strip of 52 weeks for the weekly broadcast rule, and bars per quarterly quota.
    let strip_start = page.find("<svg").unwrap();
    let strip = &page[strip_start..strip_start + page[strip_start..].find("</svg>").unwrap()];
    assert_eq!(strip.matches("<rect").count(), 52);
    assert!(page.matches("class=\"bars\"").count() > 20);
    assert!(page.contains("2022-W05 missed: 0/1"));
    // Nothing to fetch: no scripts, no links, no remote images or fonts.
    for forbidden in ["<script", "<link", "src=", "url(", "@import", "https://"] {
        assert!(!page.contains(forbidden), "{forbidden}");
    }
}

/// Offices print what they receive: every sheet prints on A4 landscape, one page
/// wide, its column names on every page, the report's heading above and the page
/// number below.
#[test]
fn every_sheet_of_the_workbook_prints_on_a4_one_page_wide() {
    let test = example();
    let path = test.path("bao-cao.xlsx");
    test.run(&[
        "report",
        "--through",
        "2022-Q3",
        "--format",
        "xlsx",
        "--output",
        path.to_str().unwrap(),
    ])
    .ok();
    for sheet in 1..=3 {
        let xml = crate::docx::package_part(&path, &format!("xl/worksheets/sheet{sheet}.xml"));
        for part in [
            "paperSize=\"9\"",
            "orientation=\"landscape\"",
            "fitToHeight=\"0\"",
            "<pageSetUpPr fitToPage=\"1\"/>",
            "9 tháng đầu năm 2022",
            "Trang &amp;P/&amp;N",
        ] {
            assert!(
                xml.contains(part),
                "sheet {sheet} lacks {part}: {xml:.2000}"
            );
        }
    }
    // The rows repeated on each page: the summary's column names, row 1 elsewhere.
    let workbook = crate::docx::package_part(&path, "xl/workbook.xml");
    for titles in ["'Tổng hợp'!$5:$5", "'Chỉ tiêu'!$1:$1", "'Bản ghi'!$1:$1"] {
        assert!(workbook.contains(titles), "{titles}: {workbook}");
    }
}

/// The printed page says what it covers, heads every column and numbers its pages.
#[test]
fn the_html_page_names_its_period_heads_every_column_and_numbers_printed_pages() {
    let test = example();
    let page = test
        .run(&["report", "--format", "html", "--through", "2022-Q2"])
        .ok()
        .stdout;
    assert!(
        page.contains("<p class=\"period\"><b>Kỳ báo cáo: 6 tháng đầu năm 2022</b> (01/01/2022 – 30/06/2022)</p>"),
        "{page}"
    );
    assert!(!page.contains("<th></th>"), "a column without a heading");
    assert!(page.contains("<th>Biểu đồ theo quý</th>"));
    assert!(
        page.contains("@bottom-center { content: \"Trang \" counter(page) \"/\" counter(pages)")
    );
    let english = test
        .run(&[
            "--lang",
            "en",
            "report",
            "--format",
            "html",
            "--quarter",
            "2022-Q3",
        ])
        .ok()
        .stdout;
    assert!(
        english.contains("<b>Period: Q3 2022</b> (2022-07-01 – 2022-09-30)"),
        "{english}"
    );
    assert!(english.contains("\"Page \" counter(page) \" of \" counter(pages)"));
}

/// `--output NAME.ext` alone chooses the format; a `--format` the name
/// contradicts is refused and writes nothing.
#[test]
fn the_output_files_extension_chooses_the_format_and_a_clash_is_refused() {
    let test = example();
    for (name, starts) in [
        ("bao-cao.docx", &b"PK"[..]),
        ("bao-cao.XLSX", &b"PK"[..]),
        ("bao-cao.html", &b"<!DOCTYPE html>"[..]),
        ("bao-cao.json", &b"{"[..]),
        ("bao-cao.md", &b"# "[..]),
    ] {
        let path = test.path(name);
        test.run(&["report", "--output", path.to_str().unwrap()])
            .ok();
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(starts), "{name}");
    }
    let csv = test.path("bao-cao.csv");
    test.run(&["report", "--output", csv.to_str().unwrap()])
        .ok();
    assert!(
        std::fs::read_to_string(&csv)
            .unwrap()
            .starts_with("\u{feff}unit,")
    );
    let docx = test.path("docx-part.docx");
    let xml = {
        test.run(&["report", "--output", docx.to_str().unwrap()])
            .ok();
        crate::docx::package_part(&docx, "word/document.xml")
    };
    assert!(xml.contains("BÁO CÁO"));
    // A name the tool does not know keeps the table; a matching --format is fine.
    let text = test.path("bao-cao.txt");
    test.run(&["report", "--output", text.to_str().unwrap()])
        .ok();
    assert!(
        std::fs::read_to_string(&text)
            .unwrap()
            .contains("Quý I/2022")
    );
    test.run(&[
        "report",
        "--format",
        "docx",
        "--output",
        docx.to_str().unwrap(),
    ])
    .ok();

    let before = test.files();
    let clash = test.path("nham.docx");
    test.run(&[
        "report",
        "--format",
        "csv",
        "--output",
        clash.to_str().unwrap(),
    ])
    .error(&["--format csv", "nham.docx", "docx"]);
    assert!(!clash.exists());
    assert_eq!(test.files(), before);
    let english = test.lang("en");
    english
        .run(&[
            "report",
            "--format",
            "html",
            "--output",
            clash.to_str().unwrap(),
        ])
        .error(&["--format html does not match the extension of --output"]);
    assert!(!clash.exists());
}

/// `md` is `markdown`, as the `.md` extension is; a clash of format and extension
/// names the extension's format in words, and "hôm nay" is a date.
#[test]
fn md_is_markdown_and_a_clash_names_the_extensions_format_in_words() {
    let test = example();
    let long = test.run(&["report", "--format", "markdown"]).ok();
    let short = test.run(&["report", "--format", "md"]).ok();
    assert_eq!(long.stdout, short.stdout);
    test.run(&["report", "--format", "markdown", "--output", "x.txt"])
        .error(&["đuôi này là bảng văn bản", "bỏ --format"]);
    assert!(!test.path("x.txt").exists());
    test.run(&["report", "--as-of", "hôm nay"]).ok();
}
