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

#[test]
fn the_workbook_holds_the_numbers_of_the_json_report() {
    let test = example();
    let path = test.path("bao-cao.xlsx");
    test.run(&[
        "report",
        "--format",
        "xlsx",
        "--output",
        path.to_str().unwrap(),
    ])
    .ok();
    let json = test.run(&["report", "--format", "json"]).ok().json();
    let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(workbook.sheet_names(), ["Tổng hợp", "Chỉ tiêu", "Bản ghi"]);

    let obligations = workbook.worksheet_range("Chỉ tiêu").unwrap();
    let rows: Vec<&[Data]> = obligations.rows().collect();
    let header: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(header[..4], ["unit", "unit_name", "rule", "record"]);
    let expected = json["obligations"].as_array().unwrap();
    assert_eq!(rows.len() - 1, expected.len());
    for (row, o) in rows[1..].iter().zip(expected) {
        let col = |key: &str| &row[header.iter().position(|h| h == key).unwrap()];
        for key in [
            "unit",
            "unit_name",
            "rule",
            "record",
            "period",
            "start",
            "end",
            "due",
            "status",
        ] {
            assert_eq!(text(col(key)), o[key].as_str().unwrap(), "{key} of {o}");
        }
        for key in ["required", "done", "missing"] {
            assert_eq!(col(key).get_float(), o[key].as_f64(), "{key} of {o}");
        }
        assert_eq!(col("days_left").get_float(), o["days_left"].as_f64());
        let ids: Vec<&str> = o["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(text(col("records")), ids.join(";"));
    }

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

    let records = workbook.worksheet_range("Bản ghi").unwrap();
    let listed = test.run(&["list", "--format", "json"]).ok().json();
    assert_eq!(records.rows().count() - 1, listed.as_array().unwrap().len());
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
