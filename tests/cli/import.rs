//! `cchc import`: all rows or none, every bad row by its line.

use crate::harness::Test;

fn import(test: &Test, csv: &[u8], record: &str) -> crate::harness::Run {
    std::fs::write(test.path("in.csv"), csv).unwrap();
    test.run(&["import", "in.csv", "--record", record])
}

#[test]
fn articles_import_with_bom_crlf_and_every_unit_and_date_form() {
    let test = Test::fixture();
    let csv = "\u{feff}unit,date,title,topics,url\r\n\
               phong-a,15/3/2024,Một cửa,mot-cua;so-hoa,https://x.vn/1\r\n\
               son my,2024-03-16,\"Tin, có dấu phẩy\",,\r\n\
               TÂN HÀ,29/02/2024,Tin ngày nhuận,,\r\n";
    let run = import(&test, csv.as_bytes(), "article").ok();
    assert_eq!(run.stdout, "A1\nA2\nA3\n");
    let listed = test.run(&["list", "--format", "json"]).ok().json();
    let rows: Vec<(String, String, String)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["unit"].as_str().unwrap().into(),
                r["date"].as_str().unwrap().into(),
                r["title"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "xa-tan-ha".into(),
                "2024-02-29".into(),
                "Tin ngày nhuận".into()
            ),
            ("phong-a".into(), "2024-03-15".into(), "Một cửa".into()),
            (
                "xa-son-my".into(),
                "2024-03-16".into(),
                "Tin, có dấu phẩy".into()
            ),
        ]
    );
    assert_eq!(
        listed[1]["topics"],
        serde_json::json!(["mot-cua", "so-hoa"])
    );
}

#[test]
fn broadcasts_import_and_the_unit_may_be_left_out() {
    let test = Test::fixture();
    let run = import(
        &test,
        b"date,time,minutes,title\n2024-03-04,17:00,10,A\n5/3/2024,05:30,,B\n",
        "broadcast",
    )
    .ok();
    assert_eq!(run.stdout, "B1\nB2\n");
    let listed = test.run(&["list", "--format", "json"]).ok().json();
    assert_eq!(listed[0]["unit"], "trung-tam");
    assert_eq!(listed[0]["minutes"], 10);
    assert!(listed[1].get("minutes").is_none());
}

#[test]
fn every_bad_row_is_reported_and_nothing_is_written() {
    let test = Test::fixture();
    test.article("phong-a", "2024-03-01", "Có sẵn");
    let csv = "unit,date,title,topics,url\n\
               phong-a,2024-03-02,Tốt,,\n\
               nowhere,2024-03-02,T,,\n\
               phong-a,31/2/2024,T,,\n\
               phong-a,2024-03-02,,,\n\
               phong-a,2024-03-02,T,mot-cau,\n\
               phong-a,2024-03-02,T2,,ftp://x\n\
               phong-a,2024-03-01,có sẵn,,\n\
               phong-a,2024-03-02,Tốt,,\n\
               phong-a,2024-03-02\n";
    std::fs::write(test.path("in.csv"), csv).unwrap();
    let run = test.refused(
        &["import", "in.csv", "--record", "article"],
        &["8 dòng sai trong in.csv", "chưa nhập dòng nào"],
    );
    for expected in [
        "in.csv:3: unit: không có đơn vị nào khớp với `nowhere`",
        "in.csv:4: date: `31/2/2024`",
        "in.csv:5: title để trống",
        "in.csv:6: topics `mot-cau`",
        "in.csv:7: url `ftp://x`",
        "in.csv:8: trùng: A1",
        "in.csv:9: trùng: một dòng trước",
        "in.csv:10: 2 ô trong khi dòng tiêu đề có 5",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    assert!(!run.stderr.contains("in.csv:2:"), "{}", run.stderr);
}

#[test]
fn bad_headers_and_files_are_refused() {
    let test = Test::fixture();
    import(&test, b"unit,date,titel\n", "article")
        .error(&["in.csv:1: không biết cột `titel`", "có phải là `title`?"]);
    import(&test, b"unit,date\n", "article").error(&["in.csv:1: dòng tiêu đề thiếu cột title"]);
    import(&test, b"unit,date,title,date\n", "article").error(&["cột `date` có hai lần"]);
    import(&test, b"date,time,title\n2024-03-04,25:00,A\n", "broadcast")
        .error(&["in.csv:2: time:"]);
    import(
        &test,
        b"date,time,title,minutes\n2024-03-04,17:00,A,-5\n",
        "broadcast",
    )
    .error(&["in.csv:2: minutes `-5`"]);
    import(
        &test,
        b"unit,date,title\nphong-a,2024-03-04,\xff\xfe\n",
        "article",
    )
    .error(&["in.csv:2:", "UTF-8"]);
    test.run(&["import", "missing.csv", "--record", "article"])
        .error(&["không đọc được missing.csv"]);
    assert!(test.files().is_empty());
}

#[test]
fn ten_thousand_rows_go_in_as_one_append() {
    let test = Test::fixture();
    let mut csv = String::from("unit,date,title\n");
    for i in 0..10_000 {
        csv.push_str(&format!("phong-a,2024-03-{:02},Tin số {i}\n", 1 + i % 28));
    }
    let run = import(&test, csv.as_bytes(), "article").ok();
    assert_eq!(run.stdout.lines().count(), 10_000);
    assert_eq!(run.stdout.lines().last(), Some("A10000"));
    assert_eq!(test.read("articles.jsonl").lines().count(), 10_000);
    test.run(&["verify"]).ok();
}

/// A bad row is named by its line in the file, whatever the line breaks: CRLF as
/// Excel writes them, blank lines, a title above the header, a quoted line break.
#[test]
fn a_bad_row_is_named_by_its_line_with_crlf_blank_lines_and_quoted_breaks() {
    let test = Test::fixture();
    for (csv, line) in [
        (&b"unit,date,title\r\nphong-a,2024-03-01,Tin 1\r\nkhong-co,2024-03-02,Tin 2\r\n"[..], 3),
        (b"DANH SACH\n;;;;\nunit;date;title\nphong-a;2024-03-01;Tin 1\n\nkhong-co;2024-03-02;Tin 2\n", 6),
        (b"DANH SACH\r\n\r\nunit;date;title\r\nphong-a;2024-03-01;Tin 1\r\n\r\nkhong-co;2024-03-02;Tin 2\r\n", 6),
        (b"unit,date,title\nphong-a,2024-03-01,\"Tin\nhai dong\"\nkhong-co,2024-03-02,Tin 3\n", 4),
    ] {
        import(&test, csv, "article").error(&[&format!("in.csv:{line}: unit:"), "khong-co"]);
    }
    assert!(!test.data().join("articles.jsonl").exists());
}

/// A list saved as Excel's plain "CSV" (Windows-1258) with Vietnamese headers is
/// refused as not UTF-8, by its first such line, and says how to save it: not as a
/// file whose header cannot be found.
#[test]
fn a_list_in_windows_1258_is_refused_as_such_not_as_headerless() {
    let test = Test::fixture();
    let csv = b"\xd0\xf5n v\xfb,Ng\xe0y \xf0\xe3ng,Ti\xeau \xf0\xea\nphong-a,15/3/2024,Tin\n";
    let run = import(&test, csv, "article").error(&["in.csv:1:", "UTF-8", "CSV UTF-8"]);
    assert!(!run.stderr.contains("dòng tiêu đề"), "{}", run.stderr);
    assert!(!test.data().join("articles.jsonl").exists());
}

/// A list imported again with `--skip-duplicates`: every row is left out and said
/// so, without "the file has no rows"; `void` takes an id typed in lower case.
#[test]
fn a_list_imported_again_says_its_rows_were_left_out_and_void_takes_a1() {
    let test = Test::fixture();
    let csv = b"unit,date,title\nphong-a,2024-03-01,Tin 1\nphong-b,2024-03-02,Tin 2\n";
    import(&test, csv, "article").ok();
    let again = test
        .run(&[
            "import",
            "in.csv",
            "--record",
            "article",
            "--skip-duplicates",
        ])
        .ok();
    assert!(
        again.stderr.contains("bỏ qua 2 dòng trùng"),
        "{}",
        again.stderr
    );
    assert!(
        !again.stderr.contains("không có dòng nào"),
        "{}",
        again.stderr
    );
    assert_eq!(test.read("articles.jsonl").lines().count(), 2);
    test.run(&["void", "a1", "--reason", "nhập trùng"]).ok();
    let listed = test.run(&["list", "--format", "json"]).ok().json();
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["A2"], "A1 is voided");
    test.run(&["void", "A1", "--reason", "lần nữa"])
        .error(&["A1"]);
}

/// A dry run of a long list shows the first thousand rows as a table and says how
/// many it left out of the table; JSON lines show every row; nothing is written.
#[test]
fn a_dry_run_table_of_a_long_list_shows_its_head_and_counts_the_rest() {
    let test = Test::fixture();
    let mut csv = String::from("unit,date,title\n");
    for i in 0..1_200 {
        csv.push_str(&format!("phong-a,2024-03-{:02},Tin số {i}\n", 1 + i % 28));
    }
    test.write_file("dai.csv", &csv);
    let dry = test
        .run(&["import", "dai.csv", "--record", "article", "--dry-run"])
        .ok();
    assert!(dry.stdout.contains("Tin số 999"), "{}", dry.stdout);
    assert!(!dry.stdout.contains("Tin số 1000"), "{}", dry.stdout);
    assert!(
        dry.stderr
            .contains("bảng chỉ hiện 1000 dòng đầu trong 1200 dòng hợp lệ"),
        "{}",
        dry.stderr
    );
    let json = test
        .run(&[
            "import",
            "dai.csv",
            "--record",
            "article",
            "--dry-run",
            "--format",
            "json",
        ])
        .ok();
    assert_eq!(json.stdout.lines().count(), 1_200);
    assert!(!json.stderr.contains("bảng chỉ hiện"), "{}", json.stderr);
    assert!(!test.data().join("articles.jsonl").exists());
}

/// Plans and reports from a list with Vietnamese headers, periods as people write
/// them; --dry-run writes nothing; --skip-duplicates lets a fixed file go in again.
#[test]
fn every_kind_with_vietnamese_headers_a_dry_run_and_skipped_duplicates() {
    let test = crate::harness::Test::fixture();
    test.write_file(
        "bao-cao.csv",
        "Đơn vị;Kỳ;Ngày;Số hiệu\nPhòng Alpha;Quý I/2024;14/3/2024;12/BC-PA\nson my;2024-Q2;13/6/2024;\n",
    );
    let dry = test
        .run(&[
            "import",
            "bao-cao.csv",
            "--record",
            "report",
            "--dry-run",
            "--format",
            "json",
        ])
        .ok();
    assert!(
        dry.stdout.contains("\"period\":\"2024-Q1\"")
            && dry.stdout.contains("\"rule\":\"bao-cao\""),
        "{}",
        dry.stdout
    );
    assert_eq!(dry.stdout.lines().count(), 2, "{}", dry.stdout);
    assert!(dry.stderr.contains("chưa ghi gì"), "{}", dry.stderr);
    assert!(
        !test.data().join("submissions.jsonl").exists(),
        "a dry run writes nothing"
    );
    test.run(&["import", "bao-cao.csv", "--record", "report"])
        .ok();
    test.write_file(
        "ke-hoach.csv",
        "don vi,ngay,so hieu\nphong-b,20/2/2024,5/KH\n",
    );
    test.run(&["import", "ke-hoach.csv", "--record", "plan"])
        .ok();
    let listed = test.run(&["list", "--format", "json"]).ok().json();
    let plan = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["record"] == "plan")
        .unwrap();
    assert_eq!(
        (plan["period"].as_str(), plan["rule"].as_str()),
        (Some("2024"), Some("ke-hoach"))
    );

    test.write_file("tin.csv", "Đơn vị,Ngày,Tiêu đề,Ngày gửi\nphong-a,2024-03-01,Một,2024-02-27\nphong-a,2024-03-02,Hai,\n");
    test.run(&["import", "tin.csv", "--record", "article"]).ok();
    // The unit sends a corrected list with one more row: the repeats are left out.
    test.write_file("tin.csv", "Đơn vị,Ngày,Tiêu đề\nphong-a,2024-03-01,Một\nphong-a,2024-03-02,Hai\nphong-a,2024-03-03,Ba\n");
    test.run(&["import", "tin.csv", "--record", "article"])
        .error(&["trùng"]);
    let run = test
        .run(&[
            "import",
            "tin.csv",
            "--record",
            "article",
            "--skip-duplicates",
        ])
        .ok();
    assert_eq!(run.stdout, "A3\n");
    assert!(
        run.stderr.contains("bỏ qua 2 dòng trùng") && run.stderr.contains("tin.csv:2"),
        "{}",
        run.stderr
    );
    let articles = test
        .run(&["list", "--record", "article", "--format", "json"])
        .ok()
        .json();
    assert_eq!(articles[0]["sent"], "2024-02-27");
    test.run(&["verify"]).ok();
}

/// The workbooks units send: Vietnamese headers, date cells as dates, numbers as
/// numbers, another sheet with --sheet; a bad row is named by its cell.
#[test]
fn an_excel_workbook_imports_with_date_cells_and_names_bad_cells() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let test = crate::harness::Test::fixture();
    let path = test.path("tin-bai.xlsx");
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let sheet = book.add_worksheet().set_name("Tin bài").unwrap();
    for (c, h) in ["Đơn vị", "Ngày", "Tiêu đề", "Chủ đề"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [
        ("Phòng Alpha", (2024, 3, 1), "Một cửa điện tử", "mot-cua"),
        ("son my", (2024, 3, 2), "Tin xã", ""),
    ];
    for (r, (unit, (y, m, d), title, topic)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, *unit).unwrap();
        sheet
            .write_datetime_with_format(r, 1, ExcelDateTime::from_ymd(*y, *m, *d).unwrap(), &date)
            .unwrap();
        sheet.write_string(r, 2, *title).unwrap();
        sheet.write_string(r, 3, *topic).unwrap();
    }
    let other = book.add_worksheet().set_name("Phát thanh").unwrap();
    for (c, h) in ["Ngày", "Giờ", "Thời lượng", "Tiêu đề"].iter().enumerate() {
        other.write_string(0, c as u16, *h).unwrap();
    }
    other.write_string(1, 0, "4/3/2024").unwrap();
    other.write_string(1, 1, "17:15").unwrap();
    other.write_number(1, 2, 15).unwrap();
    other.write_string(1, 3, "Phát thanh CCHC").unwrap();
    book.save(&path).unwrap();

    let run = test
        .run(&["import", path.to_str().unwrap(), "--record", "article"])
        .ok();
    assert_eq!(run.stdout, "A1\nA2\n");
    let run = test
        .run(&[
            "import",
            path.to_str().unwrap(),
            "--record",
            "broadcast",
            "--sheet",
            "Phát thanh",
        ])
        .ok();
    assert_eq!(run.stdout, "B1\n");
    let listed = test.run(&["list", "--format", "json"]).ok().json();
    let dates: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2024-03-01", "2024-03-02", "2024-03-04"]);
    assert_eq!(listed[2]["minutes"], 15);

    // A bad row: the cell is named, and nothing is written.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["unit", "date", "title"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "phong-a").unwrap();
    sheet.write_string(1, 1, "31/2/2024").unwrap();
    sheet.write_string(1, 2, "Sai ngày").unwrap();
    let bad = test.path("sai.xlsx");
    book.save(&bad).unwrap();
    let before = test.files();
    test.run(&["import", bad.to_str().unwrap(), "--record", "article"])
        .error(&["Sheet1!B2", "date"]);
    assert_eq!(test.files(), before);
    test.run(&[
        "import",
        path.to_str().unwrap(),
        "--record",
        "article",
        "--sheet",
        "Nope",
    ])
    .error(&["không có trang tính `Nope`", "Tin bài"]);
}

/// A list as units send it: typed in LibreOffice Calc and saved as .xlsx there
/// (`tests/fixtures/tin-bai-libreoffice.xlsx`, Calc 7.4: shared strings, date
/// cells with its own `yyyy-mm-dd` style, Vietnamese headers, a unit by its
/// alias, an empty optional cell).
#[test]
fn a_workbook_saved_by_libreoffice_imports() {
    let test = crate::harness::Test::new();
    let fixture = crate::harness::repo().join("tests/fixtures/tin-bai-libreoffice.xlsx");
    let run = test
        .run(&["import", fixture.to_str().unwrap(), "--record", "article"])
        .ok();
    assert_eq!(run.stdout, "A1\nA2\nA3\n");
    let listed = test.run(&["list", "--format", "json"]).ok().json();
    let rows: Vec<(&str, &str, &str)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["unit"].as_str().unwrap(),
                r["date"].as_str().unwrap(),
                r["url"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "noi-vu",
                "2022-04-12",
                "https://hamtan.binhthuan.gov.vn/tin-tuc/20220412-1"
            ),
            ("xa-son-my", "2022-05-03", ""),
            (
                "tu-phap",
                "2022-06-29",
                "https://hamtan.binhthuan.gov.vn/tin-tuc/20220629-2"
            ),
        ]
    );
    assert_eq!(listed[2]["topics"], serde_json::json!(["van-ban-qppl"]));
    assert_eq!(
        listed[1]["title"],
        "Sơn Mỹ tuyên truyền dịch vụ công trực tuyến"
    );
}

/// The province's plan (`examples/plans/tinh-2026.toml`: 120 units, topics with
/// commas in their names), as of 10 April 2026.
fn province() -> Test {
    let plan =
        std::fs::read_to_string(crate::harness::repo().join("examples/plans/tinh-2026.toml"))
            .unwrap();
    Test::new().with_plan(&plan).on("2026-04-10")
}

/// A commune's quarterly list as its văn thư sends it: typed in LibreOffice Calc
/// (`tests/fixtures/tin-bai-xa-an-phu-quy-1-2026.fods`) and saved there as .xlsx
/// (`soffice --headless --convert-to xlsx`): the list's title merged across the
/// columns in row 1, a blank row, the header in row 3 (STT, Đơn vị, Ngày đăng,
/// Tiêu đề tin, bài, Chủ đề, Đường dẫn), the unit "UBND xã An Phú" merged down over
/// three rows, dates as date cells and as text ("15/3/2026"), topics by name (one
/// holding a comma, several separated by `;` and by a line break), a blank row, a
/// "Tổng cộng" row with a COUNTA formula, then the place, date and signatures.
#[test]
fn a_communes_workbook_as_it_is_sent_imports_with_a_dry_run_table_first() {
    let test = province();
    let fixture = crate::harness::repo().join("tests/fixtures/tin-bai-xa-an-phu-quy-1-2026.xlsx");
    let fixture = fixture.to_str().unwrap();
    let dry = test
        .run(&["import", fixture, "--record", "article", "--dry-run"])
        .ok();
    assert!(test.files().is_empty(), "a dry run writes nothing");
    // The table: each row by its row in the sheet, the unit by name, the topics by
    // name, what it counts for; the rule's title once, below.
    let rows: Vec<&str> = dry
        .stdout
        .lines()
        .filter(|l| l.contains("Xã An Phú"))
        .collect();
    assert_eq!(rows.len(), 4, "{}", dry.stdout);
    for (row, date) in [
        ("4", "15/01/2026"),
        ("5", "15/03/2026"),
        ("6", "03/02/2026"),
        ("8", "20/03/2026"),
    ] {
        assert!(
            dry.stdout
                .lines()
                .any(|l| l.contains(&format!(" {row} ")) && l.contains(date)),
            "row {row} on {date}:\n{}",
            dry.stdout
        );
    }
    for expected in [
        "Dòng",
        "Tính cho",
        "Dịch vụ công trực tuyến, thủ tục hành chính; Chuyển đổi số, chính quyền số",
        "[1] quý I/2026",
        "[1] Xã, phường: ≥ 01 tin, bài mỗi quý trên Cổng thông tin điện tử tỉnh",
    ] {
        assert!(dry.stdout.contains(expected), "{expected}\n{}", dry.stdout);
    }
    assert!(
        !dry.stdout.contains("{\""),
        "no JSON in the table: {}",
        dry.stdout
    );
    for expected in [
        "dòng tiêu đề ở ",
        "Tin bài quý I!A3; bỏ qua 1 dòng phía trên",
        "bỏ qua dòng tổng cộng (",
        "Tin bài quý I!A9) và 4 dòng bên dưới",
        "thử: 4 dòng",
    ] {
        assert!(dry.stderr.contains(expected), "{expected}\n{}", dry.stderr);
    }

    let json = test
        .run(&[
            "import",
            fixture,
            "--record",
            "article",
            "--dry-run",
            "--format",
            "json",
        ])
        .ok();
    assert_eq!(json.stdout.lines().count(), 4, "{}", json.stdout);
    assert!(test.files().is_empty(), "a dry run writes nothing");

    let run = test.run(&["import", fixture, "--record", "article"]).ok();
    assert_eq!(run.stdout, "A1\nA2\nA3\nA4\n");
    let listed = test.run(&["list", "--format", "json"]).ok().json();
    let rows: Vec<(&str, &str, serde_json::Value, &str)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["unit"].as_str().unwrap(),
                r["date"].as_str().unwrap(),
                r["topics"].clone(),
                r["url"].as_str().unwrap_or(""),
            )
        })
        .collect();
    use serde_json::json;
    assert_eq!(
        rows,
        [
            (
                "x-an-phu",
                "2026-01-15",
                json!(["chinh-quyen-hai-cap"]),
                "https://anphu.example.gov.vn/tin-tuc/2026/01/15/chinh-quyen-hai-cap"
            ),
            (
                "x-an-phu",
                "2026-02-03",
                json!(["chuyen-doi-so", "dich-vu-cong"]),
                ""
            ),
            (
                "x-an-phu",
                "2026-03-15",
                json!(["dich-vu-cong", "chuyen-doi-so"]),
                "https://anphu.example.gov.vn/tin-tuc/2026/03/15/nop-ho-so-truc-tuyen"
            ),
            (
                "x-an-phu",
                "2026-03-20",
                json!([]),
                "https://anphu.example.gov.vn/tin-tuc/2026/03/20/doi-thoai"
            ),
        ]
    );
    test.run(&["verify"]).ok();
}

/// A list with a two-row header, as many offices lay it out
/// (`tests/fixtures/tin-bai-hai-dong-tieu-de.fods`, saved as .xlsx by LibreOffice):
/// "STT", "Đơn vị" and "Chủ đề" in row 2 only, "Thông tin tin, bài" merged over
/// the three columns below it, which row 3 names ("Ngày đăng", "Tiêu đề",
/// "Đường dẫn"); and no totals row: the place and date, the signers and "(Ký, ghi
/// rõ họ tên)" follow the records, and are left out as the signature block.
#[test]
fn a_two_row_header_and_a_signature_block_without_totals_import() {
    let test = province();
    let fixture = crate::harness::repo().join("tests/fixtures/tin-bai-hai-dong-tieu-de.xlsx");
    let fixture = fixture.to_str().unwrap();
    let dry = test
        .run(&["import", fixture, "--record", "article", "--dry-run"])
        .ok();
    for expected in [
        "Tin bài quý I!A3; bỏ qua 1 dòng phía trên",
        "bỏ qua phần ký tên từ",
        "Tin bài quý I!A7 (4 dòng)",
        "thử: 2 dòng",
    ] {
        assert!(dry.stderr.contains(expected), "{expected}\n{}", dry.stderr);
    }
    let run = test.run(&["import", fixture, "--record", "article"]).ok();
    assert_eq!(run.stdout, "A1\nA2\n");
    let listed = test.run(&["list", "--format", "json"]).ok().json();
    let rows: Vec<(&str, &str, &str)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["unit"].as_str().unwrap(),
                r["date"].as_str().unwrap(),
                r["url"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "x-an-phu",
                "2026-01-15",
                "https://anphu.example.gov.vn/tin-tuc/2026/01/15/chinh-quyen-hai-cap"
            ),
            (
                "x-an-phu",
                "2026-03-15",
                "https://anphu.example.gov.vn/tin-tuc/2026/03/15/nop-ho-so-truc-tuyen"
            ),
        ]
    );
}

/// A list from one unit with its name above the table and no unit column: refused
/// until `--unit` says whose rows they are; then every row is that unit's, and a
/// row naming another unit keeps its own.
#[test]
fn a_list_of_one_unit_without_a_unit_column_takes_it_from_the_unit_flag() {
    let test = province();
    let csv = "DANH SÁCH TIN BÀI QUÝ I/2026\nĐơn vị: UBND xã An Phú\n\n\
               STT;Ngày đăng;Tiêu đề\n1;15/3/2026;Tin một\n2;16/3/2026;Tin hai\n";
    let path = test.path("tin.csv");
    std::fs::write(&path, csv).unwrap();
    let path = path.to_str().unwrap();
    test.run(&["import", path, "--record", "article"])
        .error(&["thiếu cột unit", "thêm --unit TÊN"]);
    assert!(test.files().is_empty());
    let run = test
        .run(&["import", path, "--record", "article", "--unit", "an phu"])
        .ok();
    assert_eq!(run.stdout, "A1\nA2\n");
    let listed = test.run(&["list", "--format", "json"]).ok().json();
    let units: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["unit"].as_str().unwrap())
        .collect();
    assert_eq!(units, ["x-an-phu", "x-an-phu"]);
    // With a unit column, a row's own unit stands; --unit fills the empty ones.
    let csv = "Đơn vị;Ngày đăng;Tiêu đề\nXã An Phú;17/3/2026;Tin ba\n;18/3/2026;Tin bốn\n";
    std::fs::write(test.path("hai.csv"), csv).unwrap();
    let hai = test.path("hai.csv");
    let json = test
        .run(&[
            "import",
            hai.to_str().unwrap(),
            "--record",
            "article",
            "--unit",
            "x-an-phu",
            "--dry-run",
            "--format",
            "json",
        ])
        .ok();
    assert_eq!(
        json.stdout.matches("\"unit\":\"x-an-phu\"").count(),
        2,
        "{}",
        json.stdout
    );
}

/// The same list saved as CSV (`;`, as Excel saves it in Vietnam): a title line, a
/// numbered STT column, a notes column, a blank line, topics and units by name, a
/// totals line; places stay the file's lines.
#[test]
fn a_csv_list_with_a_title_stt_notes_and_totals_imports() {
    let test = province();
    test.write_file(
        "tin.csv",
        "\u{feff}DANH SÁCH TIN, BÀI CCHC QUÝ I/2026;;;;;\n\
         ;;;;;\n\
         Số TT;Tên đơn vị;Ngày đăng;Tiêu đề;Lĩnh vực;Ghi chú\n\
         1;Phường An Bình;05/01/2026;Phường An Bình ra mắt tổ công nghệ số;chuyển đổi số, dịch vụ công;đã đăng\n\
         ;;;;;\n\
         2;an binh;6/1/2026;Tin thứ hai;Vận hành chính quyền địa phương hai cấp;\n\
         Cộng;;;2 tin;;\n",
    );
    let run = test.run(&["import", "tin.csv", "--record", "article"]).ok();
    assert_eq!(run.stdout, "A1\nA2\n");
    assert!(
        run.stderr.contains("dòng tiêu đề ở tin.csv:3"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("bỏ qua dòng tổng cộng: tin.csv:7"),
        "{}",
        run.stderr
    );
    let listed = test.run(&["list", "--format", "json"]).ok().json();
    assert_eq!(listed[0]["unit"], "p-an-binh");
    assert_eq!(
        listed[0]["topics"],
        serde_json::json!(["chuyen-doi-so", "dich-vu-cong"])
    );
    assert_eq!(
        listed[1]["topics"],
        serde_json::json!(["chinh-quyen-hai-cap"])
    );

    // A bad row below the title is named by its own line, and nothing is written.
    test.write_file(
        "sai.csv",
        "DANH SÁCH TIN BÀI\n\
         STT,Đơn vị,Ngày,Tiêu đề,Chủ đề\n\
         1,Phường An Bình,07/01/2026,Tin ba,\n\
         2,Xã An,07/01/2026,Tin bốn,\n\
         3,Phường An Bình,07/01/2026,Tin năm,quyền\n",
    );
    let before = test.files();
    let run = test.refused(
        &["import", "sai.csv", "--record", "article"],
        &[
            "2 dòng sai trong sai.csv",
            "sai.csv:4: unit: `Xã An` khớp với",
            "sai.csv:5: topics",
        ],
    );
    assert!(
        run.stderr.contains("x-an-phu  (Xã An Phú)"),
        "{}",
        run.stderr
    );
    assert_eq!(test.files(), before);
}

/// What is not known is refused, saying what is: an unknown column (STT and Ghi chú
/// are the ones left out), a file with no header in its first 20 rows, a name that
/// fits several topics; in English with --lang en.
#[test]
fn unknown_columns_missing_headers_and_ambiguous_names_are_refused_by_place() {
    let test = province();
    test.write_file(
        "cot.csv",
        "DANH SÁCH\nSTT,Đơn vị,Ngày,Tiêu đề,Người ký\n1,Xã An Phú,07/01/2026,Tin,A\n",
    );
    test.refused(
        &["import", "cot.csv", "--record", "article"],
        &[
            "cot.csv:2: không biết cột `Người ký`",
            "unit (Đơn vị), date (Ngày), title (Tiêu đề)",
            "cột STT và Ghi chú được bỏ qua",
        ],
    );
    let mut lines = String::new();
    for i in 0..20 {
        lines.push_str(&format!("dòng {i}\n"));
    }
    lines.push_str("Đơn vị,Ngày,Tiêu đề\nXã An Phú,07/01/2026,Tin\n");
    test.write_file("xa.csv", &lines);
    test.refused(
        &["import", "xa.csv", "--record", "article"],
        &[
            "xa.csv:1: không tìm thấy dòng tiêu đề trong 20 dòng đầu",
            "Đơn vị, Ngày, Tiêu đề",
        ],
    );
    test.write_file(
        "so.csv",
        "Đơn vị,Ngày,Tiêu đề,Chủ đề\nXã An Phú,07/01/2026,Tin,chính quyền\n",
    );
    let run = test
        .run(&["--lang", "en", "import", "so.csv", "--record", "article"])
        .error(&[
            "so.csv:2: topics: `chính quyền` matches several topics",
            "chuyen-doi-so",
        ]);
    assert!(run.stderr.contains("chinh-quyen-hai-cap"), "{}", run.stderr);
    test.run(&["--lang", "en", "import", "xa.csv", "--record", "article"])
        .error(&[
            "no header row in the first 20 rows",
            "unit (Đơn vị), date (Ngày), title (Tiêu đề)",
        ]);
    assert!(test.files().is_empty());
}

/// Channels, activities and rules by name, as lists write them.
#[test]
fn channels_activities_and_rules_are_taken_by_name() {
    let test = Test::new()
        .with_plan(include_str!("../fixtures/plan-second-edition.toml"))
        .on("2026-07-20");
    test.write_file(
        "hn.csv",
        "STT,Đơn vị,Ngày tổ chức,Hình thức,Nội dung,Số người tham dự\n1,xã Thử,2026-03-20,Hội nghị,Hội nghị triển khai,80\n",
    );
    test.run(&["import", "hn.csv", "--record", "activity"]).ok();
    test.write_file(
        "kh.csv",
        "Đơn vị,Ngày ban hành,Số, ký hiệu,Chỉ tiêu\nxa-thu,2026-03-05,12/KH-UBND,Kế hoạch tuyên truyền\n",
    );
    // "Số, ký hiệu" is one column only when quoted: unquoted, it is two.
    test.refused(
        &["import", "kh.csv", "--record", "plan"],
        &["kh.csv:1: không biết cột `Số`"],
    );
    test.write_file(
        "kh.csv",
        "Đơn vị,Ngày ban hành,\"Số, ký hiệu\",Chỉ tiêu\nxa-thu,2026-03-05,12/KH-UBND,Kế hoạch tuyên truyền\n",
    );
    test.run(&["import", "kh.csv", "--record", "plan"]).ok();
    test.write_file(
        "bc.csv",
        "Đơn vị,Kỳ báo cáo,Ngày gửi báo cáo,Chỉ tiêu\nxa-thu,Quý I/2026,2026-04-03,Báo cáo\n",
    );
    test.refused(
        &["import", "bc.csv", "--record", "report"],
        &[
            "bc.csv:2: rule: `Báo cáo` khớp với nhiều chỉ tiêu",
            "bao-cao-quy  (Báo cáo quý)",
        ],
    );
    test.write_file(
        "bc.csv",
        "Đơn vị,Kỳ báo cáo,Ngày gửi báo cáo,Chỉ tiêu\nxa-thu,Quý I/2026,2026-04-03,báo cáo quý\n",
    );
    test.run(&["import", "bc.csv", "--record", "report"]).ok();
    test.write_file(
        "tin.csv",
        "Đơn vị,Ngày,Tiêu đề,Kênh đăng\nxa-thu,2026-03-21,Tin trên Zalo,Zalo\n",
    );
    test.run(&["import", "tin.csv", "--record", "article"]).ok();
    // `log` takes the same names.
    test.log(&[
        "report",
        "--unit",
        "UBND xã Thử",
        "--period",
        "2026-Q2",
        "--date",
        "2026-07-02",
        "--rule",
        "Báo cáo quý",
    ]);
    let listed = test.run(&["list", "--format", "json"]).ok().json();
    let reports: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["record"] == "report")
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    assert_eq!(reports, ["bao-cao-quy", "bao-cao-quy"]);
    let by_record = |kind: &str| {
        listed
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["record"] == kind)
            .unwrap()
            .clone()
    };
    assert_eq!(by_record("activity")["activity"], "hoi-nghi");
    assert_eq!(by_record("activity")["participants"], 80);
    assert_eq!(by_record("plan")["rule"], "ke-hoach-tuyen-truyen");
    assert_eq!(by_record("plan")["ref"], "12/KH-UBND");
    assert_eq!(by_record("report")["rule"], "bao-cao-quy");
    assert_eq!(by_record("article")["channel"], "zalo");
    test.run(&["verify"]).ok();
}
