//! `cchc import --feed`: the portal's RSS or Atom feed, from a file and over HTTP
//! from a server on 127.0.0.1 that this test starts (a good feed, a redirect, a
//! 404, a malformed feed, a slow answer, an endless body).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::time::Duration;

use crate::harness::Test;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/feeds")
        .join(name)
}

fn feed_arg(name: &str) -> String {
    fixture(name).display().to_string()
}

/// The (id, date, unit) of each line `import --feed` printed.
fn logged(stdout: &str) -> Vec<(String, String, String)> {
    stdout
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 4, "id, date, unit, title: {l}");
            (f[0].into(), f[1].into(), f[2].into())
        })
        .collect()
}

fn row(id: &str, date: &str, unit: &str) -> (String, String, String) {
    (id.into(), date.into(), unit.into())
}

/// A web server on 127.0.0.1 with one route per way a fetch can go; its address.
/// `/rss` serves `tests/fixtures/feeds/cong-thong-tin.rss` (the docs' snippets use it
/// in place of the portal).
pub fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || answer(stream));
        }
    });
    address
}

fn answer(mut stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    reader.read_line(&mut request).unwrap_or_default();
    // The rest of the head.
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
    }
    let path = request.split(' ').nth(1).unwrap_or("/").to_string();
    let send = |stream: &mut TcpStream, status: &str, headers: &str, body: &[u8]| {
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n",
            body.len()
        );
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body);
    };
    let rss = std::fs::read(fixture("cong-thong-tin.rss")).unwrap();
    match path.as_str() {
        "/rss" => send(
            &mut stream,
            "200 OK",
            "Content-Type: application/rss+xml; charset=utf-8\r\n",
            &rss,
        ),
        "/moved" => send(
            &mut stream,
            "301 Moved Permanently",
            "Location: /rss\r\n",
            b"",
        ),
        "/broken" => send(
            &mut stream,
            "200 OK",
            "Content-Type: text/xml\r\n",
            &std::fs::read(fixture("broken.xml")).unwrap(),
        ),
        "/relative" => {
            let body = String::from_utf8(rss).unwrap().replace(
                "https://hamtan.binhthuan.gov.vn/cai-cach-hanh-chinh/",
                "/tin/",
            );
            send(&mut stream, "200 OK", "", body.as_bytes());
        }
        "/slow" => {
            std::thread::sleep(Duration::from_secs(20));
            send(&mut stream, "200 OK", "", &rss);
        }
        "/endless" => {
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nConnection: close\r\n\r\n<rss version=\"2.0\"><channel>",
            );
            let chunk = b"<item><title>x</title></item>".repeat(2048);
            while stream.write_all(&chunk).is_ok() {}
        }
        "/xa-moi" => send(
            &mut stream,
            "200 OK",
            "Content-Type: application/rss+xml; charset=utf-8\r\n",
            "<rss version=\"2.0\"><channel><title>Xã Mới</title><item>\
             <title>Xã Mới ra mắt bộ phận một cửa</title>\
             <link>https://xamoi.example.gov.vn/tin/1</link>\
             <pubDate>Tue, 20 Dec 2022 08:00:00 +0700</pubDate></item></channel></rss>"
                .as_bytes(),
        ),
        _ => send(&mut stream, "404 Not Found", "", b"not found"),
    }
}

#[test]
fn a_portal_feed_logs_recognised_items_in_local_time_and_lists_the_rest() {
    let test = Test::new();
    let run = test
        .run(&["import", "--feed", &feed_arg("cong-thong-tin.rss")])
        .ok();
    assert_eq!(
        logged(&run.stdout),
        [
            row("A1", "2022-03-15", "tu-phap"),
            // 16:30 GMT on 31 March is 23:30 in Vietnam: still March, still Q1.
            row("A2", "2022-03-31", "tt-tan-nghia"),
            row("A3", "2022-03-31", "xa-son-my"),
            // "Phòng LĐ-TB&XH" is the unit's alias.
            row("A4", "2022-04-05", "lao-dong-tbxh"),
            // Recognised by its category.
            row("A5", "2022-09-14", "noi-vu"),
        ]
    );
    // The three it could not log, each with what to do, in the plan's language.
    let stderr = &run.stderr;
    assert!(stderr.contains("không ghi tin 1 (16/10/2022)"), "{stderr}");
    assert!(stderr.contains("đăng sau hôm nay"), "{stderr}");
    assert!(
        stderr
            .contains("nêu tên nhiều đơn vị (Phòng Tư pháp `tu-phap`, UBND xã Sơn Mỹ `xa-son-my`)"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "«Huyện Hàm Tân tổng kết công tác cải cách hành chính 9 tháng»: không nhận ra đơn vị"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("8 tin; đã ghi 5, 0 tin đã có, 3 tin không ghi"),
        "{stderr}"
    );
    // The 23:30 item counts for the first quarter.
    let q1 = test
        .run(&["report", "--quarter", "2022-Q1", "--format", "json"])
        .ok()
        .json();
    let son_my_q1 = q1["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["unit"] == "xa-son-my" && o["record"] == "article")
        .unwrap();
    assert_eq!(son_my_q1["records"], serde_json::json!(["A3"]));
    let stored = test.read("articles.jsonl");
    assert!(stored.contains("\"url\":\"https://hamtan.binhthuan.gov.vn/cai-cach-hanh-chinh/xa-son-my-day-manh-1093.html\""));
}

#[test]
fn the_same_feed_again_logs_nothing_and_quiet_prints_nothing() {
    let test = Test::new();
    let feed = feed_arg("cong-thong-tin.rss");
    test.run(&["import", "--feed", &feed]).ok();
    let before = test.files();
    let again = test.run(&["import", "--feed", &feed]).ok();
    assert_eq!(again.stdout, "");
    assert!(
        again
            .stderr
            .contains("đã ghi 0, 5 tin đã có, 3 tin không ghi")
    );
    let quiet = test.run(&["import", "--feed", &feed, "--quiet"]).ok();
    assert_eq!((quiet.stdout.as_str(), quiet.stderr.as_str()), ("", ""));
    assert_eq!(test.files(), before);
    // A day later the item of 16 October is due: only it is logged, and --quiet
    // prints just that.
    let next_day = Test::new().on("2022-10-16").with_data(&test.data());
    let run = next_day.run(&["import", "--feed", &feed, "--quiet"]).ok();
    assert_eq!(logged(&run.stdout), [row("A6", "2022-10-16", "xa-tan-ha")]);
    assert_eq!(run.stderr, "");
}

#[test]
fn a_voided_feed_item_is_not_logged_again() {
    let test = Test::new();
    let feed = feed_arg("cong-thong-tin.rss");
    let first = test.run(&["import", "--feed", &feed]).ok();
    assert_eq!(
        logged(&first.stdout)[2],
        row("A3", "2022-03-31", "xa-son-my")
    );
    test.run(&["void", "A3", "--reason", "không phải tin CCHC"])
        .ok();
    let again = test.run(&["import", "--feed", &feed]).ok();
    assert_eq!(again.stdout, "", "the voided item came back");
    let listed = test.run(&["list", "--format", "json"]).ok().json();
    assert_eq!(listed.as_array().unwrap().len(), 4);
}

#[test]
fn items_logged_by_hand_are_not_logged_again_nor_listed() {
    let test = Test::new();
    // The same link logged by hand; and the item no unit is recognised in, logged
    // by hand for the unit that wrote it (same day and title).
    test.log(&[
        "article",
        "--unit",
        "son my",
        "--date",
        "31/3/2022",
        "--title",
        "Đẩy mạnh CCHC",
        "--url",
        "https://hamtan.binhthuan.gov.vn/cai-cach-hanh-chinh/xa-son-my-day-manh-1093.html",
    ]);
    test.article(
        "van-phong",
        "30/9/2022",
        "Huyện Hàm Tân tổng kết công tác cải cách hành chính 9 tháng",
    );
    let run = test
        .run(&[
            "--lang",
            "en",
            "import",
            "--feed",
            &feed_arg("cong-thong-tin.rss"),
        ])
        .ok();
    let units: Vec<String> = logged(&run.stdout).into_iter().map(|r| r.2).collect();
    assert_eq!(
        units,
        ["tu-phap", "tt-tan-nghia", "lao-dong-tbxh", "noi-vu"]
    );
    assert!(
        run.stderr
            .contains("8 items; logged 4, 2 already logged, 2 not logged"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("tổng kết"), "{}", run.stderr);
}

#[test]
fn an_atom_feed_names_units_by_author_and_category_and_reads_times_in_the_plans_offset() {
    let test = Test::new().lang("en");
    let run = test
        .run(&["import", "--feed", &feed_arg("atom.xml"), "--dry-run"])
        .ok();
    // A dry run prints the records it would write, and writes nothing.
    let records: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["unit"], "van-hoa-thong-tin");
    // An HTML title loses its tags.
    assert_eq!(records[0]["title"], "Tuyên truyền dịch vụ công trực tuyến");
    assert_eq!(records[0]["date"], "2022-06-20");
    // 17:45 UTC on 30 June is 00:45 on 1 July in Vietnam: a third-quarter item.
    assert_eq!(records[1]["unit"], "xa-thang-hai");
    assert_eq!(records[1]["date"], "2022-07-01");
    assert!(run.stderr.contains("item 3 (no date)"), "{}", run.stderr);
    assert!(run.stderr.contains("dry run"), "{}", run.stderr);
    assert!(
        test.files().is_empty(),
        "a dry run wrote {:?}",
        test.files()
    );

    // A plan kept in UTC reads the same instant as 30 June.
    let utc = crate::harness::Test::new().lang("en").with_plan(
        &std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("plan.toml"))
            .unwrap()
            .replace(
                "due_soon_days = 14\n",
                "due_soon_days = 14\nutc_offset = \"+00:00\"\n",
            ),
    );
    let run = utc.run(&["import", "--feed", &feed_arg("atom.xml")]).ok();
    assert_eq!(
        logged(&run.stdout),
        [
            row("A1", "2022-06-20", "van-hoa-thong-tin"),
            row("A2", "2022-06-30", "xa-thang-hai")
        ]
    );
}

#[test]
fn a_bad_utc_offset_is_refused_where_it_is_written() {
    let plan = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("plan.toml"))
        .unwrap()
        .replace(
            "due_soon_days = 14\n",
            "due_soon_days = 14\nutc_offset = \"UTC+7\"\n",
        );
    let test = Test::new().with_plan(&plan);
    test.run(&["plan"])
        .error(&["test-plan.toml:", "[plan].utc_offset là `UTC+7`", "+07:00"]);
}

#[test]
fn over_http_the_feed_is_fetched_redirects_followed_and_relative_links_made_whole() {
    let server = serve();
    let test = Test::new();
    let run = test
        .run(&["import", "--feed", &format!("{server}/moved")])
        .ok();
    assert_eq!(logged(&run.stdout).len(), 5);
    assert!(
        run.stderr.contains(&format!("{server}/moved: 8 tin")),
        "{}",
        run.stderr
    );

    let relative = Test::new();
    relative
        .run(&["import", "--feed", &format!("{server}/relative")])
        .ok();
    let stored = relative.read("articles.jsonl");
    assert!(
        stored.contains(&format!(
            "\"url\":\"{server}/tin/xa-son-my-day-manh-1093.html\""
        )),
        "{stored}"
    );
}

#[test]
fn every_failed_fetch_is_exit_2_with_nothing_written() {
    let server = serve();
    let test = Test::new();
    test.article("noi-vu", "1/2/2022", "Tin");
    let before = test.files();
    let cases: [(&str, &[&str], &str); 4] = [
        ("/missing", &[], "máy chủ trả lời HTTP 404"),
        ("/broken", &[], "không phải XML hợp lệ"),
        (
            "/slow",
            &["--timeout", "1"],
            "không nhận đủ trả lời trong 1 giây",
        ),
        ("/endless", &[], "lớn hơn 16 MiB"),
    ];
    for (path, extra, message) in cases {
        let url = format!("{server}{path}");
        let mut args = vec!["import", "--feed", url.as_str()];
        args.extend_from_slice(extra);
        test.run(&args)
            .error(&["không lấy được nguồn tin", &url, message, "chưa ghi gì"]);
        assert_eq!(test.files(), before, "{path} changed the data");
    }
    // The same in English.
    let url = format!("{server}/missing");
    test.run(&["--lang", "en", "import", "--feed", &url])
        .error(&[
            "cannot read the feed",
            &url,
            "the server answered HTTP 404",
            "nothing was written",
        ]);
}

#[test]
fn the_proxy_of_the_environment_is_used_unless_no_proxy_names_the_host() {
    let server = serve();
    // A proxy nobody listens on: the fetch goes there, and fails.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let proxy = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let url = format!("{server}/rss");
    Test::new()
        .env("HTTP_PROXY", &proxy)
        .run(&["import", "--feed", &url])
        .error(&["không lấy được nguồn tin", &url, "không kết nối được"]);
    let direct = Test::new()
        .env("http_proxy", &proxy)
        .env("NO_PROXY", "localhost,127.0.0.1");
    let run = direct.run(&["import", "--feed", &url]).ok();
    assert_eq!(logged(&run.stdout).len(), 5);
}

#[test]
fn feed_items_take_the_channel_given_else_the_plans_default() {
    let test = Test::new()
        .with_plan(include_str!("../fixtures/plan-second-edition.toml"))
        .on("2026-04-30");
    // "UBND xã Thử" is written "Xã Thử" in titles: the name without "UBND".
    let feed = |link: &str| {
        format!(
            "<rss version=\"2.0\"><channel><title>Zalo</title><item><title>Xã Thử triển khai \
             dịch vụ công</title><link>{link}</link><pubDate>Fri, 10 Apr 2026 20:00:00 +0700</pubDate>\
             </item></channel></rss>"
        )
    };
    test.write_file("web.xml", &feed("https://thu.gov.vn/1"));
    test.write_file("zalo.xml", &feed("https://zalo.me/thu/2"));
    test.run(&["import", "--feed", "web.xml"]).ok();
    test.run(&["import", "--feed", "zalo.xml", "--channel", "zalo"])
        .ok();
    let listed = test.run(&["list", "--format", "json"]).ok().json();
    let channels: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["channel"].as_str().unwrap())
        .collect();
    assert_eq!(channels, ["cong-ttdt", "zalo"]);
    // An unknown channel is refused before anything is fetched.
    let before = test.files();
    test.run(&[
        "import",
        "--feed",
        "http://127.0.0.1:9/never",
        "--channel",
        "radio-x",
    ])
    .error(&["--channel", "radio-x"]);
    assert_eq!(test.files(), before);
}

#[test]
fn feed_and_file_arguments_do_not_mix() {
    let test = Test::new();
    let run = test.run(&["import", "--feed", "a.xml", "--record", "article"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--record"), "{}", run.stderr);
    let run = test.run(&["import", "a.csv"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--record"), "{}", run.stderr);
    test.run(&["import", "--feed", "khong-co.xml"])
        .error(&["không lấy được nguồn tin khong-co.xml: không có tệp này"]);
}

#[test]
fn the_daily_script_logs_what_is_new_then_checks_and_stops_when_the_feed_fails() {
    let test = Test::new();
    let script = |feed: &str| {
        let mut cmd = std::process::Command::new("bash");
        cmd.arg(crate::harness::repo().join("examples/daily-feed.sh"))
            .arg(feed)
            .args([
                "--data",
                test.data().to_str().unwrap(),
                "--as-of",
                "2022-10-15",
            ])
            .env_clear()
            .env("CCHC", assert_cmd::cargo::cargo_bin!("cchc"));
        crate::harness::run_command(assert_cmd::Command::from_std(cmd))
    };
    let feed = feed_arg("cong-thong-tin.rss");
    let first = script(&feed);
    // check's answer: units' plans were missed in February.
    assert_eq!(first.code, 1, "{}", first.stderr);
    assert!(
        first.stdout.starts_with("A1\t2022-03-15\ttu-phap\t"),
        "{}",
        first.stdout
    );
    assert!(
        first.stdout.contains("chưa có kế hoạch"),
        "{}",
        first.stdout
    );
    assert_eq!(first.stderr, "");
    // The next morning nothing new: only what is missed.
    let second = script(&feed);
    assert_eq!(second.code, 1);
    assert!(!second.stdout.contains("\ttu-phap\t"), "{}", second.stdout);
    // A feed that cannot be read: exit 2, and no check after it.
    let failed = script("khong-co.xml");
    assert_eq!(failed.code, 2);
    assert_eq!(failed.stdout, "");
    assert!(
        failed
            .stderr
            .contains("lỗi: không lấy được nguồn tin khong-co.xml"),
        "{}",
        failed.stderr
    );
}

/// Each commune's own portal: `import --feed` without an address reads every
/// unit's `feed`, logs its items for that unit, reports a feed that cannot be
/// read and still logs the others (exit 1); the next run logs nothing new.
#[test]
fn without_an_address_every_units_own_feed_is_read() {
    let server = serve();
    let plan = two_unit_feeds(&server);
    let test = Test::new().with_plan(&plan);
    let run = test.run(&["import", "--feed"]).code(1);
    let rows = logged(&run.stdout);
    assert_eq!(rows.len(), 7, "every item up to today: {}", run.stdout);
    assert!(
        rows.iter().all(|(_, _, unit)| unit == "xa-son-my"),
        "{rows:?}"
    );
    assert!(
        run.stderr.contains(&format!(
            "UBND xã Tân Hà: không lấy được nguồn tin {server}/missing"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&format!("{server}/rss (UBND xã Sơn Mỹ): 8 tin; đã ghi 7")),
        "{}",
        run.stderr
    );
    // Again: nothing new; the unreachable feed is still said, and exit 1.
    let again = test.run(&["import", "--feed", "--quiet"]).code(1);
    assert_eq!(again.stdout, "");
    assert!(again.stderr.contains("UBND xã Tân Hà"), "{}", again.stderr);
    assert_eq!(test.read("articles.jsonl").lines().count(), 7);

    // A plan whose units have no feed: say what to write.
    Test::new()
        .run(&["--lang", "en", "import", "--feed"])
        .error(&["no unit of", "has a `feed`", "feed = \"https://…/rss\""]);
}

/// The daily script without an address reads every unit's own feed; one that
/// cannot be read is said (exit 1), and the check still runs after the others
/// are logged: its exit is the worse of the two.
#[test]
fn the_daily_script_reads_the_units_own_feeds_and_still_checks_when_one_fails() {
    let server = serve();
    let plan = two_unit_feeds(&server);
    let test = Test::new();
    test.write_file("plan.toml", &plan);
    let mut cmd = std::process::Command::new("bash");
    cmd.arg(crate::harness::repo().join("examples/daily-feed.sh"))
        .args([
            "--plan",
            test.path("plan.toml").to_str().unwrap(),
            "--data",
            test.data().to_str().unwrap(),
            "--as-of",
            "2022-10-15",
        ])
        .env_clear()
        .env("CCHC", assert_cmd::cargo::cargo_bin!("cchc"));
    let run = crate::harness::run_command(assert_cmd::Command::from_std(cmd));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("\txa-son-my\t"), "{}", run.stdout);
    assert!(run.stderr.contains("UBND xã Tân Hà"), "{}", run.stderr);
    // The check ran after the import: what is missed follows the logged items.
    assert!(run.stdout.contains("chưa có kế hoạch"), "{}", run.stdout);
}

/// A commune new in the 2023 plan, whose quarters are cut on the 14th: its own
/// feed's item of 20 December 2022 falls in the 2022 plan by its date, which does
/// not have the commune, and counts for 2023-Q1, so it is logged for it.
#[test]
fn a_new_communes_own_feed_logs_an_item_of_december_for_next_years_first_quarter() {
    let server = serve();
    let test = Test::new().on("2023-01-05");
    let plans = test.data().join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    std::fs::write(plans.join("2022.toml"), built_in_plan()).unwrap();
    let next = built_in_plan()
        .replace("2022-", "2023-")
        .replacen(
            "[[unit]]",
            &format!(
                "[[unit]]\nid = \"xa-moi\"\nname = \"UBND xã Mới\"\nkind = \"commune\"\n\
                 feed = \"{server}/xa-moi\"\n\n[[unit]]"
            ),
            1,
        )
        .replace(
            "kinds = [\"commune\"]\nrecord = \"article\"\nevery = \"quarter\"\nmin = 2\n",
            "kinds = [\"commune\"]\nrecord = \"article\"\nevery = \"quarter\"\nmin = 2\ncutoff_day = 14\n",
        );
    std::fs::write(plans.join("2023.toml"), next).unwrap();
    let run = test.run(&["import", "--feed"]).ok();
    let rows = logged(&run.stdout);
    assert_eq!(rows, [row("A1", "2022-12-20", "xa-moi")], "{}", run.stderr);
    let report = test
        .run(&["--year", "2023", "report", "--format", "json"])
        .ok()
        .json();
    let q1 = report["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["unit"] == "xa-moi" && o["rule"] == "tin-bai-xa" && o["period"] == "2023-Q1")
        .expect("xa-moi's 2023-Q1");
    assert_eq!(q1["done"], 1);
}

#[test]
fn a_units_feed_that_is_no_web_address_is_refused_where_it_is_written() {
    let plan = built_in_plan().replace(
        "id = \"xa-son-my\"",
        "id = \"xa-son-my\"\nfeed = \"xasonmy.gov.vn/rss\"",
    );
    let test = Test::new().with_plan(&plan);
    test.run(&["--lang", "en", "plan"]).error(&[
        "test-plan.toml:",
        "unit `xa-son-my`: feed `xasonmy.gov.vn/rss` is not a web address",
    ]);
}

/// The built-in plan with Sơn Mỹ's own feed at `/rss` of `server` and Tân Hà's at
/// an address that answers 404.
fn two_unit_feeds(server: &str) -> String {
    built_in_plan()
        .replace(
            "id = \"xa-son-my\"",
            &format!("id = \"xa-son-my\"\nfeed = \"{server}/rss\""),
        )
        .replace(
            "id = \"xa-tan-ha\"",
            &format!("id = \"xa-tan-ha\"\nfeed = \"{server}/missing\""),
        )
}

fn built_in_plan() -> String {
    std::fs::read_to_string(crate::harness::repo().join("plan.toml")).unwrap()
}
