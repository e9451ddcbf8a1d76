//! A model test: for any sequence of logs and voids, `list` shows what a simple
//! model says is in force, and `report` counts agree with it.

use proptest::prelude::*;

use crate::harness::Test;

const UNITS: [&str; 4] = ["phong-a", "phong-b", "xa-son-my", "xa-tan-ha"];
const TITLES: [&str; 3] = ["Tin A", "tin a", "Tin B"];

#[derive(Debug, Clone)]
enum Op {
    Log {
        unit: usize,
        day: i64,
        title: usize,
    },
    /// Voids the id of the n-th log so far (modulo), voided or not.
    Void(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..UNITS.len(), 0i64..366, 0..TITLES.len()).prop_map(|(unit, day, title)| Op::Log { unit, day, title }),
        1 => (0usize..20).prop_map(Op::Void),
    ]
}

#[derive(Debug, Clone, PartialEq)]
struct Item {
    id: String,
    unit: &'static str,
    date: chrono::NaiveDate,
    title: &'static str,
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]
    #[test]
    fn list_and_report_agree_with_a_model(ops in proptest::collection::vec(op(), 1..14)) {
        let test = Test::fixture().on("2024-12-31");
        let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let mut logged: Vec<Item> = Vec::new();
        let mut voided: Vec<String> = Vec::new();
        let mut next = 1;
        for op in &ops {
            match *op {
                Op::Log { unit, day, title } => {
                    let item = Item { id: format!("A{next}"), unit: UNITS[unit], date: start + chrono::Duration::days(day), title: TITLES[title] };
                    let duplicate = logged.iter().any(|i| {
                        !voided.contains(&i.id) && i.unit == item.unit && i.date == item.date && i.title.to_lowercase() == item.title.to_lowercase()
                    });
                    let date = item.date.format("%d/%m/%Y").to_string();
                    let run = test.run(&["log", "article", "--unit", item.unit, "--date", &date, "--title", item.title]);
                    if duplicate {
                        prop_assert_eq!(run.code, 2, "a duplicate is refused: {}", run.stderr);
                    } else {
                        prop_assert_eq!(run.code, 0, "{}", run.stderr);
                        prop_assert_eq!(run.id(), item.id.clone());
                        logged.push(item);
                        next += 1;
                    }
                }
                Op::Void(n) if !logged.is_empty() => {
                    let id = logged[n % logged.len()].id.clone();
                    let run = test.run(&["void", &id, "--reason", "model"]);
                    if voided.contains(&id) {
                        prop_assert_eq!(run.code, 2);
                    } else {
                        prop_assert_eq!(run.code, 0, "{}", run.stderr);
                        voided.push(id);
                        next += 1;
                    }
                }
                Op::Void(_) => {}
            }
        }
        let mut expected: Vec<&Item> = logged.iter().filter(|i| !voided.contains(&i.id)).collect();
        expected.sort_by_key(|i| i.date);
        let listed = test.run(&["list", "--format", "json"]).ok().json();
        let listed: Vec<(String, String, String, String)> = listed.as_array().unwrap().iter().map(|r| (
            r["id"].as_str().unwrap().to_string(),
            r["unit"].as_str().unwrap().to_string(),
            r["date"].as_str().unwrap().to_string(),
            r["title"].as_str().unwrap().to_string(),
        )).collect();
        let model: Vec<(String, String, String, String)> = expected.iter().map(|i| (
            i.id.clone(), i.unit.to_string(), i.date.format("%Y-%m-%d").to_string(), i.title.to_string(),
        )).collect();
        prop_assert_eq!(listed, model);

        let report = test.run(&["report", "--format", "json"]).ok().json();
        for o in report["obligations"].as_array().unwrap() {
            if o["rule"] != "tin-phong" && o["rule"] != "tin-xa" {
                continue;
            }
            let (from, to) = (o["start"].as_str().unwrap(), o["end"].as_str().unwrap());
            let in_period: Vec<&&Item> = expected.iter().filter(|i| {
                let d = i.date.format("%Y-%m-%d").to_string();
                i.unit == o["unit"] && d.as_str() >= from && d.as_str() <= to
            }).collect();
            prop_assert_eq!(o["done"].as_u64().unwrap() as usize, in_period.len(), "{}", o);
            let ids: Vec<&str> = in_period.iter().map(|i| i.id.as_str()).collect();
            let reported: Vec<&str> = o["records"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
            prop_assert_eq!(reported, ids);
        }
    }
}
