//! `--help` in Vietnamese: the words of every command and option, laid over the
//! command line `cli.rs` declares (whose doc comments are the English). A test
//! walks the whole tree and fails when a command or an option lacks its words.

use clap::{Arg, ArgAction, Command};

/// What each command does, by its path ("" is cchc itself).
const ABOUT: &[(&str, &str)] = &[
    (
        "",
        "Theo dõi kế hoạch tuyên truyền cải cách hành chính (CCHC) trong năm: đơn vị nào phải đăng tin, bài, phát thanh, gửi kế hoạch và báo cáo, và ai đang đạt",
    ),
    (
        "init",
        "Ghi một kế hoạch ra <thư mục dữ liệu>/plan.toml để sửa: một kế hoạch mẫu, một tệp, hoặc kế hoạch có sẵn",
    ),
    (
        "plan",
        "Kiểm tra kế hoạch đang dùng và xem đơn vị, chủ đề, chỉ tiêu",
    ),
    (
        "log",
        "Ghi một tin, bài, buổi phát thanh, kế hoạch, báo cáo hay hoạt động; in mã bản ghi mới",
    ),
    ("log article", "Một tin, bài đăng trên cổng thông tin"),
    ("log broadcast", "Một buổi phát thanh"),
    ("log plan", "Một đơn vị đã ban hành kế hoạch"),
    ("log report", "Đã nhận báo cáo định kỳ của một đơn vị"),
    (
        "log activity",
        "Việc khác kế hoạch tính: hội nghị, tập huấn, cuộc thi, băng rôn…",
    ),
    (
        "void",
        "Hủy một bản ghi (vẫn nằm trong tệp, nhưng không còn được tính)",
    ),
    ("list", "Liệt kê các bản ghi (bỏ các bản ghi đã hủy)"),
    ("report", "Kết quả thực hiện theo đơn vị, chỉ tiêu và quý"),
    (
        "check",
        "Những gì quá hạn hoặc sắp đến hạn; thoát mã 1 khi có chỉ tiêu không đạt",
    ),
    (
        "remind",
        "Nhắc việc các đơn vị có việc quá hạn, trễ hạn hoặc sắp đến hạn: ra màn hình, mỗi đơn vị một tệp, hoặc JSON cho script gửi thư",
    ),
    (
        "verify",
        "Kiểm tra mọi tệp dữ liệu so với kế hoạch; thoát mã 2 và liệt kê mọi lỗi",
    ),
    (
        "import",
        "Nhập bản ghi từ tệp CSV hay Excel (tất cả các dòng hoặc không dòng nào), hoặc từ RSS của cổng thông tin",
    ),
    (
        "man",
        "In trang hướng dẫn (roff); với --dir, ghi một trang cho mỗi lệnh",
    ),
    ("completions", "In đoạn lệnh tự hoàn thành cho shell"),
];

/// What each option says, by command path and option id.
const HELP: &[(&str, &str, &str)] = &[
    (
        "",
        "plan",
        "Tệp kế hoạch (TOML), hoặc `builtin`: kế hoạch có sẵn. Mặc định: $CCHC_PLAN, các kế hoạch của thư mục dữ liệu (plan.toml, plans/*.toml: kế hoạch chứa ngày đang xét), ./plan.toml; không thấy thì báo lỗi",
    ),
    (
        "",
        "data",
        "Thư mục dữ liệu. Mặc định: $CCHC_DATA, nếu không thì thư mục dữ liệu của người dùng + /cchc",
    ),
    (
        "",
        "lang",
        "Ngôn ngữ của bảng và thông báo: vi hoặc en. Mặc định: $CCHC_LANG, của kế hoạch, vi",
    ),
    (
        "",
        "as_of",
        "Ngày đang xét (\"hôm nay\"): YYYY-MM-DD, D/M/YYYY, today, yesterday",
    ),
    (
        "",
        "year",
        "Dùng kế hoạch năm này của thư mục dữ liệu (ví dụ để in lại báo cáo năm trước)",
    ),
    (
        "",
        "color",
        "Tô màu trạng thái: auto (khi là màn hình và NO_COLOR chưa đặt), always, never",
    ),
    ("init", "force", "Ghi đè tệp kế hoạch đã có"),
    (
        "init",
        "from",
        "Bắt đầu từ tệp kế hoạch này (như `cchc --plan TỆP init`)",
    ),
    (
        "init",
        "example",
        "Bắt đầu từ một kế hoạch mẫu, theo tên (xem --list-examples)",
    ),
    (
        "init",
        "list_examples",
        "Liệt kê các kế hoạch mẫu, mỗi mẫu một dòng; không ghi gì",
    ),
    (
        "plan",
        "format",
        "table: để đọc; json: mọi trường, cho script",
    ),
    ("void", "id", "Mã mà lệnh log đã in, ví dụ A12"),
    ("void", "reason", "Lý do hủy"),
    (
        "import",
        "file",
        "Tệp CSV UTF-8 (được có BOM; phân cách `,` hoặc `;`) hoặc tệp Excel (.xlsx)",
    ),
    ("import", "record", "Các dòng là gì"),
    (
        "import",
        "feed",
        "Ghi các tin trong RSS hoặc Atom của cổng thông tin (địa chỉ web hoặc tệp) thành tin, bài: nhận đơn vị theo tên và tên gọi khác, bỏ qua tin đã ghi. Không ghi địa chỉ: đọc trang riêng của từng đơn vị (`feed` của đơn vị trong kế hoạch)",
    ),
    (
        "import",
        "channel",
        "Kênh của các tin (mặc định: kênh mặc định của kế hoạch)",
    ),
    ("import", "timeout", "Thôi chờ nguồn tin sau chừng này giây"),
    ("import", "quiet", "Chỉ in những gì đã ghi (cho cron)"),
    (
        "import",
        "dry_run",
        "Kiểm tra mọi dòng và in những gì sẽ ghi; không ghi gì",
    ),
    (
        "import",
        "skip_duplicates",
        "Bỏ qua các dòng trùng với tin, bài hay báo cáo đã ghi (và cho biết bao nhiêu)",
    ),
    (
        "import",
        "sheet",
        "Trang tính cần đọc (mặc định: trang đầu tiên)",
    ),
    (
        "import",
        "unit",
        "Đơn vị (mã hoặc tên) của các dòng không ghi đơn vị: danh sách của một đơn vị, không có cột đơn vị hoặc tên đơn vị ghi phía trên bảng",
    ),
    (
        "import",
        "format",
        "table: --dry-run in các dòng thành bảng, khi nhập thì in mã mới; json: các bản ghi dạng JSON, mỗi dòng một bản ghi (sẽ ghi hoặc đã ghi)",
    ),
    (
        "man",
        "dir",
        "Ghi cchc.1, cchc-log.1, cchc-log-article.1 … vào thư mục này",
    ),
    ("completions", "shell", "Shell cần đoạn lệnh tự hoàn thành"),
    (
        "log article",
        "unit",
        "Mã hoặc tên đơn vị (có dấu hay không, hoa hay thường): noi-vu, \"son my\"",
    ),
    (
        "log article",
        "date",
        "Ngày đăng: YYYY-MM-DD, D/M/YYYY, today, yesterday",
    ),
    ("log article", "title", "Tiêu đề, như đã đăng"),
    (
        "log article",
        "topics",
        "Mã chủ đề trong kế hoạch; lặp lại cho nhiều chủ đề",
    ),
    ("log article", "url", "Đường dẫn bài đăng (http hoặc https)"),
    (
        "log article",
        "channel",
        "Nơi đăng: mã kênh trong kế hoạch (mặc định: kênh mặc định của kế hoạch)",
    ),
    (
        "log article",
        "sent",
        "Ngày đơn vị gửi bài để đăng (không sau --date)",
    ),
    (
        "log article",
        "allow_duplicate",
        "Vẫn ghi dù đã có bài cùng đơn vị, ngày, tiêu đề và kênh, hoặc cùng đường dẫn",
    ),
    (
        "log broadcast",
        "unit",
        "Mã hoặc tên đơn vị; bỏ trống được khi chỉ một đơn vị có chỉ tiêu phát thanh",
    ),
    (
        "log broadcast",
        "date",
        "Ngày: YYYY-MM-DD, D/M/YYYY, today, yesterday",
    ),
    ("log broadcast", "time", "Giờ bắt đầu, HH:MM"),
    ("log broadcast", "minutes", "Thời lượng (phút)"),
    ("log broadcast", "title", "Tiêu đề, như đã phát"),
    (
        "log broadcast",
        "channel",
        "Nơi phát: mã kênh trong kế hoạch (mặc định: kênh mặc định của kế hoạch)",
    ),
    (
        "log plan",
        "unit",
        "Mã hoặc tên đơn vị (có dấu hay không, hoa hay thường): noi-vu, \"son my\"",
    ),
    (
        "log plan",
        "date",
        "Ngày: YYYY-MM-DD, D/M/YYYY, today, yesterday",
    ),
    (
        "log plan",
        "rule",
        "Chỉ tiêu kế hoạch mà văn bản thực hiện; cần khi đơn vị có nhiều chỉ tiêu kế hoạch",
    ),
    ("log plan", "reference", "Số hiệu văn bản"),
    (
        "log report",
        "unit",
        "Mã hoặc tên đơn vị (có dấu hay không, hoa hay thường): noi-vu, \"son my\"",
    ),
    (
        "log report",
        "period",
        "Kỳ báo cáo, ví dụ 2022-Q1, \"Quý I/2022\", 2022-H1, 2022-03",
    ),
    (
        "log report",
        "date",
        "Ngày: YYYY-MM-DD, D/M/YYYY, today, yesterday",
    ),
    (
        "log report",
        "rule",
        "Chỉ tiêu báo cáo mà văn bản thực hiện; cần khi đơn vị có nhiều chỉ tiêu báo cáo cho kỳ đó",
    ),
    ("log report", "reference", "Số hiệu văn bản"),
    (
        "log report",
        "allow_duplicate",
        "Vẫn ghi dù đã có báo cáo của cùng đơn vị, kỳ và chỉ tiêu",
    ),
    (
        "log activity",
        "unit",
        "Mã hoặc tên đơn vị (có dấu hay không, hoa hay thường): noi-vu, \"son my\"",
    ),
    (
        "log activity",
        "date",
        "Ngày: YYYY-MM-DD, D/M/YYYY, today, yesterday",
    ),
    (
        "log activity",
        "activity",
        "Mã loại hoạt động trong kế hoạch",
    ),
    ("log activity", "title", "Tên hoạt động"),
    (
        "log activity",
        "count",
        "Số lượng (buổi, băng rôn, tờ rơi…), ít nhất 1",
    ),
    ("log activity", "participants", "Số người tham dự"),
    ("list", "unit", "Chỉ đơn vị này (mã hoặc tên)"),
    ("list", "record", "Chỉ loại bản ghi này"),
    ("list", "from", "Chỉ các bản ghi từ ngày này trở đi"),
    ("list", "to", "Chỉ các bản ghi đến hết ngày này"),
    (
        "list",
        "topic",
        "Chỉ tin, bài có chủ đề này (mã chủ đề trong kế hoạch)",
    ),
    (
        "list",
        "channel",
        "Chỉ tin trên kênh này (mã kênh trong kế hoạch)",
    ),
    (
        "list",
        "no_url",
        "Chỉ tin, bài chưa có đường dẫn: minh chứng còn phải tìm cho Chỉ số CCHC",
    ),
    (
        "list",
        "format",
        "table: để đọc; json, csv: mọi trường, cho script và bảng tính",
    ),
    (
        "list",
        "bom",
        "CSV: mở đầu bằng BOM để Excel trên Windows đọc đúng tiếng Việt",
    ),
    (
        "report",
        "quarter",
        "Một quý, mỗi chỉ tiêu một dòng: 2022-Q3 hoặc \"Quý III/2022\"",
    ),
    (
        "report",
        "through",
        "Từ đầu kế hoạch đến hết quý này (báo cáo 6 tháng, 9 tháng, năm): 2022-Q2, \"Quý II/2022\" hoặc \"6 tháng đầu năm 2022\"",
    ),
    ("report", "unit", "Chỉ đơn vị này (mã hoặc tên)"),
    ("report", "rule", "Chỉ chỉ tiêu này (mã)"),
    ("report", "format", "Dạng xuất; xlsx và docx cần --output"),
    (
        "report",
        "bom",
        "CSV: mở đầu bằng BOM để Excel trên Windows đọc đúng tiếng Việt (luôn có khi --output TỆP.csv)",
    ),
    (
        "report",
        "output",
        "Ghi ra tệp này thay vì ra màn hình (bắt buộc với xlsx và docx)",
    ),
    (
        "check",
        "since",
        "Chỉ các chỉ tiêu không đạt có hạn từ ngày này trở đi",
    ),
    ("check", "quiet", "Không in gì khi không có gì cần báo"),
    ("remind", "unit", "Chỉ đơn vị này (mã hoặc tên)"),
    (
        "remind",
        "since",
        "Bỏ qua những việc có hạn trước ngày này (quá hạn hoặc trễ hạn)",
    ),
    (
        "remind",
        "output_dir",
        "Ghi mỗi đơn vị một tệp vào thư mục này (tự tạo nếu chưa có), tên tệp là mã đơn vị: DIR/xa-son-my.txt (.json với --format json)",
    ),
    (
        "remind",
        "quiet",
        "Không in gì khi không có đơn vị nào cần nhắc",
    ),
    ("remind", "strict", "Thoát mã 1 cả khi có việc sắp đến hạn"),
    (
        "remind",
        "format",
        "text: nội dung nhắc việc; json: nội dung, địa chỉ liên hệ và các chỉ tiêu, cho script gửi thư",
    ),
    (
        "check",
        "unit",
        "Chỉ đơn vị này (mã hoặc tên), kể cả chỉ tiêu tính chung với đơn vị khác",
    ),
    (
        "check",
        "strict",
        "Thoát mã 1 cả khi có chỉ tiêu sắp đến hạn",
    ),
    (
        "check",
        "format",
        "text: câu chữ để đọc (và thư của cron); json: cho script",
    ),
];

/// Longer texts after the options, by command path; the others only have
/// "Example(s):" said in Vietnamese.
const AFTER: &[(&str, &str)] = &[
    (
        "",
        "Ví dụ:\n  cchc --data examples/ham-tan-2022 --as-of 2023-01-05 report\n  cchc log article --unit \"son my\" --date 15/3/2022 --title \"Kết quả CCHC quý I\"\n  cchc check --quiet            (cho cron: không in gì và thoát mã 0 khi mọi việc ổn)\n\nHướng dẫn đầy đủ: docs/huong-dan.md",
    ),
    (
        "init",
        "Ví dụ:\n  cchc init --list-examples\n  cchc init --example tinh-2026-cat-14\n  cchc init --from ke-hoach-2026.toml      (hoặc: cchc --plan ke-hoach-2026.toml init)\n  cchc init                                (kế hoạch có sẵn, Hàm Tân 2022)\n  cchc --year 2027 init                    (kế hoạch năm sau từ kế hoạch gần nhất)",
    ),
    (
        "check",
        "Mã thoát: 0 không có gì quá hạn, 1 có chỉ tiêu không đạt (với --strict cả sắp đến hạn), 2 lỗi.\n\nVí dụ:\n  cchc check --unit \"son my\"\n  0 7 * * 1  cchc check --quiet     (crontab: 7 giờ sáng thứ Hai)",
    ),
    (
        "remind",
        "Mã thoát: như check: 0 không có gì quá hạn, 1 có việc quá hạn (với --strict cả sắp đến hạn), 2 lỗi.\n\nVí dụ:\n  cchc remind\n  cchc remind --unit \"son my\"\n  cchc remind --output-dir nhac-viec/\n  cchc remind --format json > nhac-viec.json\n\nGửi qua thư điện tử: docs/huong-dan.md và examples/remind-by-mail.sh",
    ),
    (
        "import",
        "Các cột (dòng tiêu đề nêu tên, theo thứ tự nào cũng được; tiếng Anh hay tiếng Việt, không phân biệt hoa thường, có dấu hay không; dòng tiêu đề có thể nằm dưới tên danh sách, trong 20 dòng đầu; cột STT và Ghi chú, dòng trống và dòng tổng cộng được bỏ qua; đơn vị, chủ đề, kênh, hoạt động và chỉ tiêu ghi mã hay tên đều được):\n  article:   Đơn vị, Ngày, Tiêu đề[, Chủ đề][, Đường dẫn][, Kênh][, Ngày gửi]\n  broadcast: [Đơn vị,] Ngày, Giờ, Tiêu đề[, Thời lượng][, Kênh]\n  plan:      Đơn vị, Ngày[, Số hiệu][, Quy tắc]\n  report:    Đơn vị, Kỳ, Ngày[, Số hiệu][, Quy tắc]\n  activity:  Đơn vị, Ngày, Hoạt động, Tiêu đề[, Số lượng][, Số người]\n\nVí dụ:\n  cchc import tin-bai-quy-1.csv --record article\n  cchc import bao-cao.xlsx --record report --dry-run\n  cchc import --feed https://hamtan.binhthuan.gov.vn/rss --quiet\n  cchc import --feed --quiet          # trang riêng của từng đơn vị (`feed` trong kế hoạch)",
    ),
];

/// The words of `clap`'s own options.
const HELP_FLAG: &str = "In trợ giúp";
const VERSION_FLAG: &str = "In phiên bản";

/// The command line with its help in Vietnamese.
pub fn vietnamese(command: Command) -> Command {
    say(command, "")
}

fn say(mut command: Command, path: &str) -> Command {
    if let Some((_, about)) = ABOUT.iter().find(|(p, _)| *p == path) {
        command = command.about(*about).long_about(None);
    }
    let after = match AFTER.iter().find(|(p, _)| *p == path) {
        Some((_, after)) => Some(after.to_string()),
        None => command.get_after_help().map(|a| {
            a.to_string()
                .replace("Examples:", "Ví dụ:")
                .replace("Example:", "Ví dụ:")
        }),
    };
    if let Some(after) = after {
        command = command
            .after_help(after)
            .after_long_help(None::<&'static str>);
    }
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        if let Some((_, _, help)) = HELP.iter().find(|(p, i, _)| *p == path && *i == id) {
            command = command.mut_arg(&id, |a| {
                // clap's "[default: …] [possible values: …]", in Vietnamese.
                let mut text = help.to_string();
                let defaults: Vec<String> = a
                    .get_default_values()
                    .iter()
                    .map(|v| v.to_string_lossy().into_owned())
                    .collect();
                if !defaults.is_empty() && a.get_action().takes_values() {
                    text.push_str(&format!(" [mặc định: {}]", defaults.join(", ")));
                }
                let values: Vec<String> = a
                    .get_possible_values()
                    .iter()
                    .filter(|v| !v.is_hide_set())
                    .map(|v| v.get_name().to_string())
                    .collect();
                if !values.is_empty() && a.get_action().takes_values() {
                    text.push_str(&format!(" [giá trị: {}]", values.join(", ")));
                }
                let heading = match (a.get_help_heading(), a.is_positional()) {
                    (Some(_), _) => "Tùy chọn chung",
                    (None, true) => "Đối số",
                    (None, false) => "Tùy chọn",
                };
                let takes_values = a.get_action().takes_values();
                a.help(text)
                    .long_help(None::<&'static str>)
                    .hide_default_value(takes_values)
                    .hide_possible_values(takes_values)
                    .help_heading(heading)
            });
        }
    }
    let is_root = path.is_empty();
    command = command
        .help_template(
            "{before-help}{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}",
        )
        .subcommand_help_heading("Lệnh")
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(HELP_FLAG)
                .help_heading("Tùy chọn")
                .global(is_root),
        );
    if is_root {
        // clap's `help` command would answer in English: `cli::parse` reads
        // `cchc help log` as `cchc log --help`.
        command = command
            .disable_help_subcommand(true)
            .disable_version_flag(true)
            .arg(
                Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version)
                    .help(VERSION_FLAG)
                    .help_heading("Tùy chọn"),
            );
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        command = command.mut_subcommand(&name, |sub| say(sub, &sub_path));
    }
    command
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every command and every option has its Vietnamese words (and the tables
    /// name nothing the command line lacks).
    #[test]
    fn every_command_and_option_is_said_in_vietnamese() {
        fn walk(command: &Command, path: &str, missing: &mut Vec<String>, seen: &mut usize) {
            if command.get_name() != "help" {
                if !ABOUT.iter().any(|(p, _)| *p == path) {
                    missing.push(format!("about of `{path}`"));
                }
                for arg in command.get_arguments() {
                    let id = arg.get_id().as_str();
                    let global = !path.is_empty() && arg.is_global_set();
                    if matches!(id, "help" | "version") || global || arg.is_hide_set() {
                        continue;
                    }
                    *seen += 1;
                    if !HELP.iter().any(|(p, i, _)| *p == path && *i == id) {
                        missing.push(format!("`{path}` --{id}"));
                    }
                }
            }
            for sub in command.get_subcommands() {
                let sub_path = if path.is_empty() {
                    sub.get_name().to_string()
                } else {
                    format!("{path} {}", sub.get_name())
                };
                walk(sub, &sub_path, missing, seen);
            }
        }
        let mut missing = Vec::new();
        let mut seen = 0;
        walk(&crate::cli::Cli::command(), "", &mut missing, &mut seen);
        assert!(missing.is_empty(), "no Vietnamese for: {missing:?}");
        assert!(seen > 60, "only {seen} options walked");
        for (path, id, _) in HELP {
            let mut command = crate::cli::Cli::command();
            for name in path.split(' ').filter(|n| !n.is_empty()) {
                command = command.find_subcommand(name).unwrap().clone();
            }
            assert!(
                command.get_arguments().any(|a| a.get_id() == *id),
                "`{path}` has no option `{id}`"
            );
        }
        // The Vietnamese command line is one clap accepts.
        vietnamese(crate::cli::Cli::command()).debug_assert();
    }
}
