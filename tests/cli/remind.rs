//! `cchc remind`: a message to each unit with something missed, late or due soon,
//! to the screen, one file per unit, or JSON for a mail script.

use std::collections::BTreeSet;

use crate::harness::Test;
use crate::report::seeded;

/// The units `check` and the report say need a word: something missed, due soon
/// (check), or late (report), by unit id.
fn units_to_remind(test: &Test) -> BTreeSet<String> {
    let check = test.run(&["check", "--format", "json"]).code(1).json();
    let report = test.run(&["report", "--format", "json"]).ok().json();
    let mut units = BTreeSet::new();
    let mut add = |o: &serde_json::Value| {
        match o["unit"].as_str() {
            Some(u) => {
                units.insert(u.to_string());
            }
            None => units.extend(
                o["units"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|u| u.as_str().unwrap().to_string()),
            ),
        };
    };
    for key in ["missed", "due_soon"] {
        check[key].as_array().unwrap().iter().for_each(&mut add);
    }
    report["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["status"] == "late")
        .for_each(&mut add);
    units
}

#[test]
fn a_message_to_one_unit_says_what_which_period_how_many_and_by_when() {
    let test = seeded();
    let run = test.run(&["remind", "--unit", "tan ha"]).code(1);
    let text = &run.stdout;
    assert!(text.starts_with("Kính gửi: UBND xã Tân Hà\n\n"), "{text}");
    assert!(
        text.contains("tính đến ngày 15/10/2024, đơn vị còn những việc sau:"),
        "{text}"
    );
    assert!(text.contains("\nQuá hạn, chưa thực hiện:\n"), "{text}");
    assert!(
        text.contains(
            "- Kế hoạch trước 01/3: chưa có kế hoạch — quá hạn 229 ngày (hạn 29/02/2024)."
        ),
        "{text}"
    );
    assert!(
        text.contains("chưa có báo cáo quý III/2024 — quá hạn 30 ngày (hạn 15/09/2024)."),
        "{text}"
    );
    assert!(
        text.contains("Đề nghị đơn vị khẩn trương bổ sung các việc quá hạn"),
        "{text}"
    );
    // Only that unit, and no rule ids.
    assert!(
        !text.contains("Sơn Mỹ") && !text.contains("ke-hoach"),
        "{text}"
    );
    // In English when asked.
    let english = test
        .run(&["--lang", "en", "remind", "--unit", "xa-tan-ha"])
        .code(1);
    assert!(
        english.stdout.starts_with("To: UBND xã Tân Hà\n"),
        "{}",
        english.stdout
    );
    assert!(
        english
            .stdout
            .contains("no plan yet — 229 days overdue (due 2024-02-29)."),
        "{}",
        english.stdout
    );
}

#[test]
fn every_unit_with_something_to_do_gets_one_message_and_no_other_does() {
    let test = seeded();
    let run = test.run(&["remind"]).code(1);
    let json = test.run(&["remind", "--format", "json"]).code(1).json();
    let reminded: BTreeSet<String> = json["reminders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["unit"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(reminded, units_to_remind(&test));
    assert_eq!(
        run.stdout.matches("Kính gửi: ").count(),
        reminded.len(),
        "{}",
        run.stdout
    );
    // Weeks said in words, missed ones together; late work noted.
    assert!(
        run.stdout.contains(
            "- Phát thanh mỗi tuần, giờ cao điểm: còn thiếu 31 buổi phát thanh ở 31 tuần: tuần 6, 5/2–11/2;"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "\nĐã thực hiện nhưng trễ hạn (để lưu ý):\n- Kế hoạch trước 01/3: kế hoạch đã gửi nhưng trễ hạn — hạn 29/02/2024."
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("\nSắp đến hạn:\n- Phát thanh mỗi tuần, giờ cao điểm: còn thiếu 1 buổi phát thanh tuần 42, 14/10–20/10 — còn 5 ngày (hạn 20/10/2024)."),
        "{}",
        run.stdout
    );
}

#[test]
fn json_carries_the_contacts_the_message_and_the_obligations() {
    let test = seeded();
    let plan = std::fs::read_to_string(test.path("test-plan.toml"))
        .unwrap()
        .replace(
            "id = \"xa-tan-ha\"\n",
            "id = \"xa-tan-ha\"\nemail = \"vanthu@tanha.gov.vn\"\nphone = \"0252 3843 123\"\n",
        );
    std::fs::write(test.path("test-plan.toml"), plan).unwrap();
    let json = test.run(&["remind", "--format", "json"]).code(1).json();
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["as_of", "plan", "reminders"]);
    assert_eq!(json["as_of"], "2024-10-15");
    let reminders = json["reminders"].as_array().unwrap();
    let tan_ha = reminders.iter().find(|r| r["unit"] == "xa-tan-ha").unwrap();
    let keys: BTreeSet<&str> = tan_ha
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        BTreeSet::from([
            "unit",
            "unit_name",
            "email",
            "phone",
            "subject",
            "message",
            "missed",
            "late",
            "due_soon"
        ])
    );
    assert_eq!(tan_ha["email"], "vanthu@tanha.gov.vn");
    assert_eq!(tan_ha["phone"], "0252 3843 123");
    let son_my = reminders.iter().find(|r| r["unit"] == "xa-son-my").unwrap();
    assert!(son_my["email"].is_null() && son_my["phone"].is_null());
    // The obligations are check's, for that unit.
    let check = test
        .run(&["check", "--unit", "xa-tan-ha", "--format", "json"])
        .code(1)
        .json();
    assert_eq!(tan_ha["missed"], check["missed"]);
    assert_eq!(tan_ha["due_soon"], check["due_soon"]);
    assert_eq!(
        tan_ha["subject"],
        format!(
            "Nhắc việc tuyên truyền CCHC (đến ngày 15/10/2024): {} việc quá hạn",
            check["missed"].as_array().unwrap().len()
        )
    );
    // The message is the one the screen shows.
    let screen = test.run(&["remind", "--unit", "xa-tan-ha"]).code(1).stdout;
    assert_eq!(format!("{}\n", tan_ha["message"].as_str().unwrap()), screen);
}

#[test]
fn one_file_per_unit_named_by_its_id() {
    let test = seeded();
    let dir = test.path("nhac-viec");
    let run = test
        .run(&["remind", "--output-dir", dir.to_str().unwrap()])
        .code(1);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let expected: Vec<String> = units_to_remind(&test)
        .iter()
        .map(|u| format!("{u}.txt"))
        .collect();
    assert_eq!(names, expected);
    for name in &names {
        assert!(run.stderr.contains(name.as_str()), "{}", run.stderr);
    }
    let file = std::fs::read_to_string(dir.join("xa-tan-ha.txt")).unwrap();
    let screen = test.run(&["remind", "--unit", "xa-tan-ha"]).code(1).stdout;
    assert_eq!(file, screen);
    // JSON files with --format json, one unit's object each.
    let json_dir = test.path("json");
    test.run(&[
        "remind",
        "--unit",
        "son my",
        "--format",
        "json",
        "--output-dir",
        json_dir.to_str().unwrap(),
    ])
    .code(1);
    let one: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json_dir.join("xa-son-my.json")).unwrap())
            .unwrap();
    assert_eq!(one["unit"], "xa-son-my");
    assert_eq!(std::fs::read_dir(&json_dir).unwrap().count(), 1);
    // A folder that cannot be made is an error, and the data is untouched.
    test.write_file("not-a-folder", "x");
    let blocked = test.path("not-a-folder").join("sub");
    test.refused(
        &["remind", "--output-dir", blocked.to_str().unwrap()],
        &["--output-dir"],
    );
}

/// Exit codes as `check`'s: 0 nothing missed, 1 missed (with --strict also due
/// soon), 2 an error.
#[test]
fn exit_codes_are_checks() {
    let quiet_day = Test::new()
        .with_plan(crate::harness::ONE_RULE)
        .on("2024-01-05");
    let run = quiet_day.run(&["remind"]).code(0);
    assert_eq!(
        run.stdout,
        "Không có đơn vị nào cần nhắc việc: không có gì quá hạn, trễ hạn hay sắp đến hạn.\n"
    );
    assert_eq!(quiet_day.run(&["remind", "--quiet"]).code(0).stdout, "");
    let due_soon = Test::new()
        .with_plan(crate::harness::ONE_RULE)
        .on("2024-03-20");
    let run = due_soon.run(&["remind"]).code(0);
    assert!(
        run.stdout
            .contains("Đề nghị đơn vị hoàn thành trước ngày 31/03/2024."),
        "{}",
        run.stdout
    );
    due_soon.run(&["remind", "--strict"]).code(1);
    let missed = Test::new()
        .with_plan(crate::harness::ONE_RULE)
        .on("2024-12-01");
    missed.run(&["remind", "--quiet"]).code(1);
    // --since leaves out what was due before it.
    let run = missed.run(&["remind", "--since", "1/7/2024"]).code(1);
    assert!(
        run.stdout.contains("quý III/2024") && !run.stdout.contains("quý I/2024"),
        "{}",
        run.stdout
    );
    missed
        .run(&["remind", "--since", "31/2/2024"])
        .error(&["--since"]);
    missed
        .run(&["remind", "--unit", "khong-co"])
        .error(&["--unit"]);
}

/// `[[unit]]` contacts are checked like every key: file, line and what to write.
#[test]
fn a_contact_that_is_not_one_is_refused_with_its_line() {
    for (key, value, words) in [
        (
            "email",
            "vanthu tanha.gov.vn",
            "không giống địa chỉ thư điện tử",
        ),
        ("email", "a@b", "không giống địa chỉ thư điện tử"),
        ("email", "a@b.vn, c@d.vn", "không giống địa chỉ thư điện tử"),
        ("phone", "0252-ABC", "không phải số điện thoại"),
        ("phone", "12345", "không phải số điện thoại"),
    ] {
        let plan = crate::harness::ONE_RULE.replace(
            "kind = \"commune\"\n",
            &format!("kind = \"commune\"\n{key} = \"{value}\"\n"),
        );
        let test = Test::new().with_plan(&plan).on("2024-12-01");
        test.refused(&["remind"], &["test-plan.toml:12", key, words]);
        let english = test.run(&["--lang", "en", "plan"]).code(2);
        assert!(
            english.stderr.contains("test-plan.toml:12")
                && (english.stderr.contains("e-mail address")
                    || english.stderr.contains("phone number")),
            "{}",
            english.stderr
        );
    }
    for (key, value) in [
        ("email", "van.thu+cchc@xa-son-my.gov.vn"),
        ("phone", "+84 252.3843-123"),
    ] {
        let plan = crate::harness::ONE_RULE.replace(
            "kind = \"commune\"\n",
            &format!("kind = \"commune\"\n{key} = \"{value}\"\n"),
        );
        Test::new().with_plan(&plan).run(&["plan"]).ok();
    }
}

/// `examples/remind-by-mail.sh` sends each unit with an address its message with
/// `mail -s SUBJECT ADDRESS` (a stand-in records what it is given), names the
/// others to phone, and exits as `remind` does.
#[test]
fn the_mail_script_sends_one_message_per_unit_with_an_address() {
    let test = seeded();
    let plan = std::fs::read_to_string(test.path("test-plan.toml"))
        .unwrap()
        .replace(
            "id = \"xa-tan-ha\"\n",
            "id = \"xa-tan-ha\"\nemail = \"vanthu@tanha.gov.vn\"\n",
        )
        .replace(
            "id = \"xa-son-my\"\n",
            "id = \"xa-son-my\"\nphone = \"0252 3843 123\"\n",
        );
    std::fs::write(test.path("test-plan.toml"), plan).unwrap();
    let sent = test.path("sent");
    let stub = test.path("mail");
    std::fs::write(
        &stub,
        format!(
            "#!/usr/bin/env bash\n{{ printf '%s|' \"$@\"; echo; cat; echo '::end'; }} >> '{}'\n",
            sent.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&stub, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let script = |extra: &[&str]| {
        let mut cmd = std::process::Command::new("bash");
        cmd.arg(crate::harness::repo().join("examples/remind-by-mail.sh"))
            .args([
                "--plan",
                test.path("test-plan.toml").to_str().unwrap(),
                "--data",
                test.data().to_str().unwrap(),
                "--as-of",
                "2024-10-15",
            ])
            .args(extra)
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("CCHC", assert_cmd::cargo::cargo_bin!("cchc"))
            .env("MAIL_COMMAND", &stub);
        crate::harness::run_command(assert_cmd::Command::from_std(cmd))
    };
    let run = script(&[]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    let mails = std::fs::read_to_string(&sent).unwrap();
    assert_eq!(mails.matches("::end").count(), 1, "{mails}");
    let json = test
        .run(&["remind", "--unit", "xa-tan-ha", "--format", "json"])
        .code(1)
        .json();
    let tan_ha = &json["reminders"][0];
    assert!(
        mails.starts_with(&format!(
            "-s|{}|vanthu@tanha.gov.vn|\n{}\n::end",
            tan_ha["subject"].as_str().unwrap(),
            tan_ha["message"].as_str().unwrap()
        )),
        "{mails}"
    );
    assert!(
        run.stdout
            .contains("Đã gửi: UBND xã Tân Hà <vanthu@tanha.gov.vn>"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("cần báo qua điện thoại: UBND xã Sơn Mỹ (0252 3843 123)"),
        "{}",
        run.stderr
    );
    // A failure of cchc is exit 2, and nothing is sent.
    std::fs::remove_file(&sent).unwrap();
    let broken = script(&["--lang", "xx"]);
    assert_eq!(broken.code, 2, "{}", broken.stderr);
    assert!(!sent.exists());
}
