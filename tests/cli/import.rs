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
        .run(&["import", "bao-cao.csv", "--record", "report", "--dry-run"])
        .ok();
    assert!(
        dry.stdout.contains("\"period\":\"2024-Q1\"")
            && dry.stdout.contains("\"rule\":\"bao-cao\""),
        "{}",
        dry.stdout
    );
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
