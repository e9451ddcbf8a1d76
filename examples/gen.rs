//! Writes data directories for the built-in plan (Hàm Tân 2022).
//!
//! ```text
//! cargo run --example gen -- ham-tan DIR     the story of examples/ham-tan-2022
//! cargo run --release --example gen -- bulk DIR N   N random articles (+ broadcasts,
//!                                                    submissions) for benchmarks
//! cargo run --release --example gen -- xlsx FILE N   an N-row workbook to import
//! cargo run --release --example gen -- feed FILE N   an N-item portal RSS feed
//! cargo run --release --example gen -- communes DIR N   a plan of N communes (a
//!                          weekly article rule, quarterly reports) in DIR/plan.toml,
//!                          with 30 articles and 4 reports per commune, to measure
//!                          how `check` and `report` grow with a plan (3,321: the country)
//! ```
//! Both are deterministic: the same arguments give the same bytes.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

use cchc::plan::Plan;
use cchc::record::{Article, Broadcast, Submission, SubmissionKind, Void};
use chrono::{Datelike, Duration, NaiveDate, NaiveTime};

/// A small deterministic generator (xorshift64*), so no `rand` dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const TITLES: &[&str] = &[
    "Kết quả thực hiện công tác cải cách hành chính",
    "Đẩy mạnh tiếp nhận hồ sơ trực tuyến mức độ 3, 4",
    "Người dân hài lòng với Bộ phận Một cửa",
    "Triển khai dịch vụ bưu chính công ích trong giải quyết TTHC",
    "Hội nghị quán triệt kế hoạch CCHC năm 2022",
    "Niêm yết công khai thủ tục hành chính mới",
    "Tập huấn kỹ năng sử dụng Cổng Dịch vụ công",
    "Kết quả khảo sát mức độ hài lòng của người dân",
    "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "Nâng cao chỉ số PAR Index, SIPAS của huyện",
];

const TOPIC_TITLES: &[(&str, &str)] = &[
    ("chi-dao-dieu-hanh", "Chỉ đạo, điều hành công tác CCHC"),
    ("to-chuc-bo-may", "Sắp xếp, kiện toàn tổ chức bộ máy"),
    ("cong-vu-cong-chuc", "Cải cách chế độ công vụ, công chức"),
    ("cai-cach-tthc", "Kết quả cải cách thủ tục hành chính"),
    ("mot-cua", "Hoạt động của Bộ phận Một cửa huyện"),
    (
        "chinh-quyen-so",
        "Xây dựng chính quyền số trên địa bàn huyện",
    ),
    (
        "van-ban-qppl",
        "Xây dựng, thực hiện văn bản quy phạm pháp luật",
    ),
];

/// Collects lines for the three files and numbers ids as cchc does.
#[derive(Default)]
struct Out {
    articles: Vec<String>,
    broadcasts: Vec<String>,
    submissions: Vec<String>,
}

impl Out {
    fn article(
        &mut self,
        unit: &str,
        date: NaiveDate,
        title: &str,
        topics: &[&str],
        url: bool,
    ) -> String {
        let id = format!("A{}", self.articles.len() + 1);
        let a = Article {
            id: id.clone(),
            unit: unit.into(),
            date,
            title: title.into(),
            topics: topics.iter().map(|t| t.to_string()).collect(),
            url: url.then(|| {
                format!(
                    "https://hamtan.binhthuan.gov.vn/tin-tuc/{}-{}",
                    date.format("%Y%m%d"),
                    self.articles.len() + 1
                )
            }),
            // First-edition data: no channel, no sent date.
            channel: None,
            sent: None,
            logged_at: logged_at(date),
        };
        self.articles.push(serde_json::to_string(&a).unwrap());
        id
    }

    fn void_article(&mut self, target: &str, reason: &str, date: NaiveDate) {
        let v = Void {
            id: format!("A{}", self.articles.len() + 1),
            void: target.into(),
            reason: reason.into(),
            logged_at: logged_at(date),
        };
        self.articles.push(serde_json::to_string(&v).unwrap());
    }

    fn broadcast(&mut self, unit: &str, date: NaiveDate, time: NaiveTime, title: &str) {
        let b = Broadcast {
            id: format!("B{}", self.broadcasts.len() + 1),
            unit: unit.into(),
            date,
            time,
            minutes: Some(10 + (self.broadcasts.len() as u32 % 3) * 5),
            title: title.into(),
            channel: None,
            logged_at: logged_at(date),
        };
        self.broadcasts.push(serde_json::to_string(&b).unwrap());
    }

    fn submission(
        &mut self,
        unit: &str,
        kind: SubmissionKind,
        period: Option<String>,
        date: NaiveDate,
        reference: String,
    ) {
        let s = Submission {
            id: format!("S{}", self.submissions.len() + 1),
            unit: unit.into(),
            kind,
            period,
            date,
            reference: Some(reference),
            // The built-in plan has one plan and one report rule per unit.
            rule: None,
            logged_at: logged_at(date),
        };
        self.submissions.push(serde_json::to_string(&s).unwrap());
    }

    fn write(&self, dir: &Path) {
        fs::create_dir_all(dir).unwrap();
        for (name, lines) in [
            ("articles.jsonl", &self.articles),
            ("broadcasts.jsonl", &self.broadcasts),
            ("submissions.jsonl", &self.submissions),
        ] {
            let mut w = BufWriter::new(fs::File::create(dir.join(name)).unwrap());
            for line in lines {
                writeln!(w, "{line}").unwrap();
            }
            w.flush().unwrap();
        }
    }
}

fn logged_at(date: NaiveDate) -> String {
    format!(
        "{}T16:30:00+07:00",
        (date + Duration::days(1)).format("%Y-%m-%d")
    )
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// A day in quarter `q` of 2022, avoiding its last two weeks so reports fit.
fn day_in_quarter(rng: &mut Rng, q: u32) -> NaiveDate {
    let start = d(2022, (q - 1) * 3 + 1, 3);
    start + Duration::days(rng.below(80) as i64)
}

/// The story of examples/ham-tan-2022: most units compliant, some short in a
/// quarter, one plan late, a few weeks without a peak-hour broadcast.
fn ham_tan(dir: &Path) {
    let plan = Plan::built_in();
    let mut rng = Rng(2022);
    let mut out = Out::default();

    // IV.1.a: plans, all on time but Tân Thắng (late) — and Thanh tra never sends one.
    for unit in plan.units.iter().filter(|u| u.kind != "center") {
        let (date, skip) = match unit.id.as_str() {
            "xa-tan-thang" => (d(2022, 3, 10), false),
            "thanh-tra" => (d(2022, 2, 1), true),
            _ => (d(2022, 2, 7) + Duration::days(rng.below(18) as i64), false),
        };
        if !skip {
            let number = 10 + rng.below(80);
            out.submission(
                &unit.id,
                SubmissionKind::Plan,
                None,
                date,
                format!("{number}/KH-UBND"),
            );
        }
    }

    // IV.1.b and the topic rules of IV.2–IV.5: articles per quarter.
    for q in 1..=4u32 {
        for unit in &plan.units {
            let base = match unit.kind.as_str() {
                "department" => 1 + rng.below(2),
                "commune" => 2 + rng.below(2),
                _ => 0,
            };
            let count = match (unit.id.as_str(), q) {
                ("xa-son-my", 3) => 1, // short in Q3
                ("thanh-tra", 2) => 0, // nothing in Q2
                ("xa-tan-ha", 4) => 1, // short in Q4
                _ => base,
            };
            for _ in 0..count {
                let date = day_in_quarter(&mut rng, q);
                let title = format!("{} {}", rng.pick(TITLES), unit.name.replace("UBND ", ""));
                let with_url = rng.below(3) > 0;
                out.article(&unit.id, date, &title, &[], with_url);
            }
            let topical: &[&str] = match unit.id.as_str() {
                "noi-vu" => &["chi-dao-dieu-hanh", "to-chuc-bo-may", "cong-vu-cong-chuc"],
                "van-phong" => &["cai-cach-tthc", "mot-cua"],
                "van-hoa-thong-tin" => &["chinh-quyen-so"],
                "tu-phap" => &["van-ban-qppl"],
                _ => &[],
            };
            if topical.is_empty() {
                continue;
            }
            let needed = if (unit.id.as_str(), q) == ("van-hoa-thong-tin", 4) {
                1
            } else {
                2
            };
            for _ in 0..needed {
                let topic = *rng.pick(topical);
                let title = TOPIC_TITLES.iter().find(|(id, _)| *id == topic).unwrap().1;
                let date = day_in_quarter(&mut rng, q);
                out.article(
                    &unit.id,
                    date,
                    &format!("{title} quý {q}/2022"),
                    &[topic],
                    true,
                );
            }
        }
    }
    // A correction: an article logged twice, the second voided.
    let date = d(2022, 5, 12);
    out.article(
        "xa-tan-duc",
        date,
        "Tân Đức đẩy mạnh dịch vụ công trực tuyến",
        &["dich-vu-cong"],
        true,
    );
    let twice = out.article(
        "xa-tan-duc",
        date,
        "Tân Đức đẩy mạnh dịch vụ công trực tuyến (bản trùng)",
        &["dich-vu-cong"],
        false,
    );
    out.void_article(&twice, "ghi trùng", date);

    // IV.6.b: a peak-hour broadcast every week, but for three weeks: Tết (W05)
    // has none, W31 went out at 09:00 (not peak hours), W44 has none.
    let mut monday = d(2022, 1, 3);
    while monday.year() == 2022 {
        let week = monday.iso_week().week();
        let day = monday + Duration::days(rng.below(5) as i64);
        let title = format!("Chuyên mục Cải cách hành chính số {week:02}/2022");
        match week {
            5 | 44 => {}
            31 => out.broadcast("trung-tam-vhttt", day, t(9, 0), &title),
            _ => {
                let time = if rng.below(2) == 0 {
                    t(5, 30)
                } else {
                    t(17, 15)
                };
                out.broadcast("trung-tam-vhttt", day, time, &title);
            }
        }
        monday += Duration::days(7);
    }

    // IV.1.e and IV.6.c: quarterly reports, due the 15th of the quarter's last month.
    for q in 1..=4u32 {
        for unit in &plan.units {
            let due = d(2022, q * 3, 15);
            let date = match (unit.id.as_str(), q) {
                ("y-te", 3) => continue,              // never sent
                ("xa-tan-phuc", 2) => d(2022, 6, 20), // late
                _ => due - Duration::days(rng.below(8) as i64),
            };
            let number = 100 + rng.below(300);
            out.submission(
                &unit.id,
                SubmissionKind::Report,
                Some(format!("2022-Q{q}")),
                date,
                format!("{number}/BC-UBND"),
            );
        }
    }
    out.write(dir);
}

/// `n` random articles over the plan year, with weekly broadcasts and the
/// submissions of every unit: a large district or a province. The same articles
/// also go to `articles.journal`, an hledger journal with quarterly budget goals
/// (1 per department, 2 per commune), for comparison.
fn bulk(dir: &Path, n: usize) {
    let plan = Plan::built_in();
    let mut rng = Rng(0x5eed);
    let mut out = Out::default();
    fs::create_dir_all(dir).unwrap();
    let mut journal = BufWriter::new(fs::File::create(dir.join("articles.journal")).unwrap());
    writeln!(
        journal,
        "~ quarterly from {} to {}",
        plan.start,
        plan.end + Duration::days(1)
    )
    .unwrap();
    for unit in &plan.units {
        let goal = match unit.kind.as_str() {
            "department" => 1,
            "commune" => 2,
            _ => continue,
        };
        writeln!(journal, "    (articles:{})  {goal}", unit.id).unwrap();
    }
    let topics: Vec<&str> = plan.topics.iter().map(|t| t.id.as_str()).collect();
    let days = (plan.end - plan.start).num_days() as u64 + 1;
    for _ in 0..n {
        let unit = &rng.pick(&plan.units).id;
        let date = plan.start + Duration::days(rng.below(days) as i64);
        let chosen: Vec<&str> = (0..rng.below(3)).map(|_| *rng.pick(&topics)).collect();
        let title = format!("{} số {}", rng.pick(TITLES), rng.below(1_000_000));
        out.article(unit, date, &title, &chosen, rng.below(2) == 0);
        writeln!(journal, "\n{date} {title}\n    (articles:{unit})  1").unwrap();
    }
    journal.flush().unwrap();
    for week in 0..52 {
        let date = plan.start + Duration::days(2 + 7 * week);
        out.broadcast(
            "trung-tam-vhttt",
            date,
            t(17, 15),
            "Chuyên mục Cải cách hành chính",
        );
    }
    for unit in &plan.units {
        out.submission(
            &unit.id,
            SubmissionKind::Plan,
            None,
            d(2022, 2, 20),
            "1/KH".into(),
        );
        for q in 1..=4u32 {
            out.submission(
                &unit.id,
                SubmissionKind::Report,
                Some(format!("2022-Q{q}")),
                d(2022, q * 3, 10),
                "1/BC".into(),
            );
        }
    }
    out.write(dir);
}

/// A workbook of `n` articles as a unit would send them (Vietnamese headers, date
/// cells), for measuring `import` of a workbook.
fn workbook(path: &Path, n: usize) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let units = ["noi-vu", "tu-phap", "xa-son-my", "xa-tan-ha", "y-te"];
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let sheet = book.add_worksheet();
    for (c, h) in ["Đơn vị", "Ngày", "Tiêu đề", "Đường dẫn"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..n {
        let r = i as u32 + 1;
        let day = ExcelDateTime::from_ymd(2022, 1 + (i % 12) as u8, 1 + (i % 28) as u8).unwrap();
        sheet.write_string(r, 0, units[i % units.len()]).unwrap();
        sheet.write_datetime_with_format(r, 1, day, &date).unwrap();
        sheet
            .write_string(r, 2, format!("Tin nhập từ bảng tính số {i}"))
            .unwrap();
        sheet
            .write_string(r, 3, format!("https://example.gov.vn/nhap/{i}"))
            .unwrap();
    }
    book.save(path).unwrap();
}

/// An RSS 2.0 feed of `n` items as a district portal writes it: the unit's name in
/// the title (as portals write it: "Xã Sơn Mỹ …", "Phòng Tư pháp …"), every tenth
/// naming no unit, `+0700` publication times over 2022, newest first.
fn feed(path: &Path, n: usize) {
    let plan = Plan::built_in();
    let mut rng = Rng(0x5eed_feed);
    let mut out = BufWriter::new(fs::File::create(path).unwrap());
    writeln!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\
         <title>Cổng thông tin điện tử huyện Hàm Tân</title><link>https://hamtan.binhthuan.gov.vn/</link>"
    )
    .unwrap();
    for i in (0..n).rev() {
        let unit = rng.pick(&plan.units);
        let who = unit.name.strip_prefix("UBND ").unwrap_or(&unit.name);
        let title = rng.pick(TITLES);
        let title = if i % 10 == 9 {
            format!("Huyện Hàm Tân: {title}")
        } else {
            format!("{who}: {title}")
        };
        let day = d(2022, 1, 1) + Duration::days((i * 365 / n.max(1)) as i64);
        let time = t(6 + rng.below(16) as u32, rng.below(60) as u32);
        writeln!(
            out,
            "<item><title>{}</title><link>https://hamtan.binhthuan.gov.vn/tin/{}.html</link>\
             <pubDate>{} +0700</pubDate></item>",
            title.replace('&', "&amp;"),
            90_000 + i,
            day.and_time(time).format("%a, %d %b %Y %H:%M:%S")
        )
        .unwrap();
    }
    writeln!(out, "</channel></rss>").unwrap();
}

/// A plan of `n` communes (the country has 3,321) with a weekly article rule and
/// quarterly reports, and for each commune 30 articles and the four reports.
fn communes(dir: &Path, n: usize) {
    fs::create_dir_all(dir).unwrap();
    let mut plan = String::from(
        "[plan]\ntitle = \"Kế hoạch tuyên truyền CCHC (đo)\"\nissuer = \"Bộ Nội vụ\"\nstart = 2022-01-01\nend = 2022-12-31\n\n",
    );
    for i in 0..n {
        plan.push_str(&format!(
            "[[unit]]\nid = \"xa-{i}\"\nname = \"Xã số {i}\"\nkind = \"commune\"\n\n"
        ));
    }
    plan.push_str(
        "[[rule]]\nid = \"tin-tuan\"\ntitle = \"≥ 1 tin mỗi tuần\"\nkinds = [\"commune\"]\nrecord = \"article\"\nevery = \"week\"\nmin = 1\n\n\
         [[rule]]\nid = \"bao-cao-quy\"\ntitle = \"Báo cáo quý\"\nkinds = [\"commune\"]\nrecord = \"report\"\nevery = \"quarter\"\ndue_after_days = 10\n",
    );
    fs::write(dir.join("plan.toml"), plan).unwrap();
    let mut rng = Rng(0xc0de);
    let mut out = Out::default();
    for i in 0..n {
        let unit = format!("xa-{i}");
        for k in 0..30 {
            let date = d(2022, 1, 1) + Duration::days(rng.below(365) as i64);
            out.article(&unit, date, &format!("Tin CCHC số {k}"), &[], false);
        }
        for q in 1..=4u32 {
            out.submission(
                &unit,
                SubmissionKind::Report,
                Some(format!("2022-Q{q}")),
                d(2022, q * 3, 28),
                "1/BC".into(),
            );
        }
    }
    out.write(dir);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["ham-tan", dir] => ham_tan(Path::new(dir)),
        ["bulk", dir, n] => bulk(Path::new(dir), n.parse().expect("N is a number")),
        ["xlsx", file, n] => workbook(Path::new(file), n.parse().expect("N is a number")),
        ["feed", file, n] => feed(Path::new(file), n.parse().expect("N is a number")),
        ["communes", dir, n] => communes(Path::new(dir), n.parse().expect("N is a number")),
        _ => {
            eprintln!(
                "usage: gen ham-tan DIR | gen bulk DIR N | gen xlsx FILE N | gen feed FILE N | gen communes DIR N"
            );
            std::process::exit(2);
        }
    }
}
