//! The example plans of `examples/plans/` (and the built-in one), compiled in so
//! that an installed binary can start a data directory from one:
//! `cchc init --example NAME`, listed by `cchc init --list-examples`.

/// One example plan: its name (the file's, without `.toml`) and its text.
#[derive(Debug)]
pub struct ExamplePlan {
    pub name: &'static str,
    pub text: &'static str,
}

/// Every example, the built-in plan first. A test checks that each file of
/// `examples/plans/` is here.
pub const EXAMPLE_PLANS: &[ExamplePlan] = &[
    ExamplePlan {
        name: "ham-tan-2022",
        text: crate::plan::BUILT_IN_PLAN,
    },
    ExamplePlan {
        name: "huyen-cat-14-2023",
        text: include_str!("../examples/plans/huyen-cat-14-2023.toml"),
    },
    ExamplePlan {
        name: "tinh-2026",
        text: include_str!("../examples/plans/tinh-2026.toml"),
    },
    ExamplePlan {
        name: "tinh-2026-cat-14",
        text: include_str!("../examples/plans/tinh-2026-cat-14.toml"),
    },
    ExamplePlan {
        name: "bo-2026",
        text: include_str!("../examples/plans/bo-2026.toml"),
    },
    ExamplePlan {
        name: "xa-phat-thanh-2026",
        text: include_str!("../examples/plans/xa-phat-thanh-2026.toml"),
    },
];

/// The example of that name.
pub fn find(name: &str) -> Option<&'static ExamplePlan> {
    EXAMPLE_PLANS.iter().find(|e| e.name == name)
}

impl ExamplePlan {
    /// What the plan is, in a line: the first sentence of the comment that opens
    /// the file (up to its first colon or full stop), as its author wrote it.
    pub fn summary(&self) -> String {
        let opening: Vec<&str> = self
            .text
            .lines()
            .map(str::trim)
            .take_while(|l| l.starts_with('#') && l.trim_start_matches('#').trim() != "")
            .map(|l| l.trim_start_matches('#').trim())
            .collect();
        let text = opening.join(" ");
        let end = text
            .find(": ")
            .into_iter()
            .chain(text.find(". "))
            .min()
            .unwrap_or(text.len());
        text[..end].trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every plan of `examples/plans/` is compiled in, valid, and says in a line
    /// what it is.
    #[test]
    fn every_example_file_is_compiled_in_valid_and_summarised() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/plans");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| {
                let name = e.unwrap().file_name().to_string_lossy().into_owned();
                name.strip_suffix(".toml").map(String::from)
            })
            .collect();
        files.sort();
        assert!(files.len() >= 5, "{files:?}");
        for name in &files {
            let example = find(name).unwrap_or_else(|| panic!("{name} is not in EXAMPLE_PLANS"));
            let on_disk = std::fs::read_to_string(dir.join(format!("{name}.toml"))).unwrap();
            assert_eq!(example.text, on_disk);
        }
        assert_eq!(
            EXAMPLE_PLANS.len(),
            files.len() + 1,
            "the built-in plan and the files"
        );
        for example in EXAMPLE_PLANS {
            crate::plan::Plan::parse(example.text, example.name)
                .unwrap_or_else(|e| panic!("{}: {e:?}", example.name));
            let summary = example.summary();
            assert!(
                (20..=160).contains(&summary.chars().count()) && !summary.contains('#'),
                "{}: {summary:?}",
                example.name
            );
        }
    }

    #[test]
    fn a_summary_is_the_opening_comment_up_to_its_first_colon_or_full_stop() {
        let plan = ExamplePlan {
            name: "x",
            text: "# Kế hoạch của một xã: hai\n# dòng. Thêm\n#\n# khác\n[plan]\n",
        };
        assert_eq!(plan.summary(), "Kế hoạch của một xã");
        let plan = ExamplePlan {
            name: "x",
            text: "# Kế hoạch năm 2022 trên địa bàn\n# huyện Hàm Tân.\n#\n[plan]\n",
        };
        assert_eq!(
            plan.summary(),
            "Kế hoạch năm 2022 trên địa bàn huyện Hàm Tân"
        );
    }
}
