//! Finding a unit from what a person types: its id, its name, or part of its name,
//! with or without case and diacritics ("son my", "Sơn Mỹ", "xa-son-my").

use std::fmt;

use super::{Plan, Unit};

/// Folds text for comparison: no diacritics (`đ` → `d`), lower case, words separated
/// by single spaces, everything that is not a letter or digit treated as a space.
pub fn fold(text: &str) -> String {
    let plain = deunicode::deunicode(text).to_lowercase();
    plain
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Why `--unit` did not name exactly one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitLookupError {
    /// Nothing matched; `suggestions` are the closest ids, if any.
    Unknown {
        query: String,
        suggestions: Vec<String>,
    },
    /// More than one unit matched.
    Ambiguous {
        query: String,
        candidates: Vec<(String, String)>,
    },
}

impl fmt::Display for UnitLookupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnitLookupError::Unknown { query, suggestions } => {
                write!(f, "no unit matches `{query}`")?;
                if suggestions.is_empty() {
                    write!(f, "; `cchc plan` lists the units")
                } else {
                    write!(f, "; did you mean {}?", suggestions.join(" or "))
                }
            }
            UnitLookupError::Ambiguous { query, candidates } => {
                write!(
                    f,
                    "`{query}` matches {} units; say which:",
                    candidates.len()
                )?;
                for (id, name) in candidates {
                    write!(f, "\n  {id}  ({name})")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for UnitLookupError {}

/// What a person may type to name one entry of a plan's table (a unit, topic,
/// channel, activity or rule): its id, its name, and other names it goes by.
#[derive(Debug, Clone, Copy)]
pub struct Names<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub aliases: &'a [String],
}

/// The entry `query` names among `entries`, by index: an exact id; else the one
/// entry whose folded id, name or alias equals the folded query; else the only
/// entry whose folded id or name holds the folded query as whole words. Units,
/// topics, channels, activities and rules are all looked up this way, so a name
/// typed in a flag and one written in a workbook's cell are read alike.
pub fn find_named(entries: &[Names<'_>], query: &str) -> Result<usize, UnitLookupError> {
    if let Some(index) = entries.iter().position(|e| e.id == query.trim()) {
        return Ok(index);
    }
    let wanted = fold(query);
    if wanted.is_empty() {
        return Err(UnitLookupError::Unknown {
            query: query.to_string(),
            suggestions: Vec::new(),
        });
    }
    let exact: Vec<usize> = (0..entries.len())
        .filter(|&i| {
            let e = &entries[i];
            fold(e.id) == wanted
                || fold(e.name) == wanted
                || e.aliases.iter().any(|a| fold(a) == wanted)
        })
        .collect();
    if let [index] = exact[..] {
        return Ok(index);
    }
    let padded = format!(" {wanted} ");
    let partial: Vec<usize> = (0..entries.len())
        .filter(|&i| {
            format!(" {} ", fold(entries[i].name)).contains(&padded)
                || format!(" {} ", fold(entries[i].id)).contains(&padded)
        })
        .collect();
    match partial[..] {
        [index] => Ok(index),
        [] => Err(UnitLookupError::Unknown {
            query: query.to_string(),
            suggestions: close_to(entries, &wanted),
        }),
        _ => Err(UnitLookupError::Ambiguous {
            query: query.to_string(),
            candidates: partial
                .iter()
                .map(|&i| (entries[i].id.to_string(), entries[i].name.to_string()))
                .collect(),
        }),
    }
}

impl Plan {
    /// The unit `query` names (see [`find_named`]).
    pub fn find_unit(&self, query: &str) -> Result<&Unit, UnitLookupError> {
        let names: Vec<Names<'_>> = self
            .units
            .iter()
            .map(|u| Names {
                id: &u.id,
                name: &u.name,
                aliases: &u.aliases,
            })
            .collect();
        match find_named(&names, query) {
            Ok(index) => Ok(&self.units[index]),
            // "UBND xã An Phú" for the unit named "Xã An Phú": offices write the
            // committee before the commune's name; the lookup is tried without it.
            Err(error @ UnitLookupError::Unknown { .. }) => {
                let folded = fold(query);
                let rest = ["ubnd ", "uy ban nhan dan "]
                    .iter()
                    .find_map(|prefix| folded.strip_prefix(prefix));
                match rest.map(|rest| find_named(&names, rest)) {
                    Some(Ok(index)) => Ok(&self.units[index]),
                    _ => Err(error),
                }
            }
            Err(error) => Err(error),
        }
    }
}

/// The names every unit goes by, as folded words, to find the units a piece of
/// running text (a feed item's title, category or author) names.
///
/// A unit's names are its `name`, its `aliases`, and its name without a leading
/// "UBND"/"Ủy ban nhân dân" ("UBND xã Sơn Mỹ" → "xã Sơn Mỹ", as titles write it).
/// A name matches whole words only, so "Tân" in "Hàm Tân" is not "Tân Nghĩa", and
/// a name inside a longer name of another unit that also matches there gives way
/// to it.
#[derive(Debug, Clone)]
pub struct UnitNames {
    /// (unit index, the name's folded words), by the name's first word.
    by_first_word: std::collections::HashMap<String, Vec<(usize, Vec<String>)>>,
}

impl UnitNames {
    pub fn of(plan: &Plan) -> Self {
        let mut by_first_word: std::collections::HashMap<String, Vec<(usize, Vec<String>)>> =
            std::collections::HashMap::new();
        for (index, unit) in plan.units.iter().enumerate() {
            let mut names: Vec<String> = std::iter::once(&unit.name)
                .chain(&unit.aliases)
                .map(|n| fold(n))
                .collect();
            let full = fold(&unit.name);
            for prefix in ["ubnd ", "uy ban nhan dan "] {
                if let Some(rest) = full.strip_prefix(prefix)
                    && rest.contains(' ')
                {
                    names.push(rest.to_string());
                }
            }
            names.sort();
            names.dedup();
            for name in names {
                let words: Vec<String> = name.split(' ').map(String::from).collect();
                if let Some(first) = words.first().filter(|w| !w.is_empty()) {
                    by_first_word
                        .entry(first.clone())
                        .or_default()
                        .push((index, words));
                }
            }
        }
        UnitNames { by_first_word }
    }

    /// The units `text` names, by index, in the order they first appear.
    pub fn units_in(&self, text: &str) -> Vec<usize> {
        let folded = fold(text);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        // (start, end, unit) of every name found.
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for (start, word) in words.iter().enumerate() {
            for (unit, name) in self.by_first_word.get(*word).into_iter().flatten() {
                let end = start + name.len();
                if end <= words.len() && words[start..end].iter().zip(name).all(|(a, b)| a == b) {
                    found.push((start, end, *unit));
                }
            }
        }
        let mut units: Vec<usize> = Vec::new();
        for &(start, end, unit) in &found {
            let inside_another = found.iter().any(|&(s, e, other)| {
                other != unit && s <= start && end <= e && (e - s) > (end - start)
            });
            if !inside_another && !units.contains(&unit) {
                units.push(unit);
            }
        }
        units
    }
}

/// Entries whose folded name or id has a run of words within a typo of the folded
/// query ("son mi" → "UBND xã Sơn Mỹ"), closest first, at most three.
fn close_to(entries: &[Names<'_>], wanted: &str) -> Vec<String> {
    let words = wanted.split(' ').count();
    let mut scored: Vec<(usize, &Names<'_>)> = entries
        .iter()
        .filter_map(|e| {
            let best = [fold(e.name), fold(e.id)]
                .iter()
                .flat_map(|text| {
                    let parts: Vec<&str> = text.split(' ').collect();
                    (0..parts.len().saturating_sub(words - 1).max(1))
                        .map(|i| parts[i..(i + words).min(parts.len())].join(" "))
                        .map(|window| strsim::osa_distance(wanted, &window))
                        .collect::<Vec<_>>()
                })
                .min()?;
            (best <= (wanted.chars().count() / 3).max(1)).then_some((best, e))
        })
        .collect();
    scored.sort_by_key(|(d, _)| *d);
    scored
        .iter()
        .take(3)
        .map(|(_, e)| format!("`{}` ({})", e.id, e.name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_text_names_units_on_word_boundaries() {
        let plan = Plan::built_in();
        let names = UnitNames::of(&plan);
        let ids = |text: &str| -> Vec<&str> {
            names
                .units_in(text)
                .iter()
                .map(|&i| plan.units[i].id.as_str())
                .collect()
        };
        let son_my = ids("UBND xã Sơn Mỹ");
        assert_eq!(son_my.len(), 1);
        assert_eq!(ids("Xã Sơn Mỹ đẩy mạnh cải cách hành chính"), son_my);
        assert_eq!(ids("XA SON MY day manh CCHC"), son_my);
        let tan_nghia = ids("UBND thị trấn Tân Nghĩa");
        assert_eq!(ids("Thị trấn Tân Nghĩa ra mắt bộ phận một cửa"), tan_nghia);
        let tu_phap = ids("Phòng Tư pháp");
        assert_eq!(ids("Phòng Tư pháp tập huấn pháp luật"), tu_phap);
        // "Tân" alone, "Hàm Tân", "Mỹ" alone name no unit; nor does a word inside another.
        assert!(ids("Huyện Hàm Tân tổng kết năm").is_empty());
        assert!(ids("Mừng xuân tân niên").is_empty());
        assert!(ids("Sơn Mỹthuật").is_empty());
        // Two units named: both, in order.
        let both = ids("Phòng Tư pháp phối hợp xã Sơn Mỹ");
        assert_eq!(both, [tu_phap[0], son_my[0]]);
    }

    #[test]
    fn aliases_name_their_unit() {
        let plan = Plan::built_in();
        for (query, id) in [
            ("Phòng TC-KH", "tai-chinh-ke-hoach"),
            ("xa son my", "xa-son-my"),
            ("Thị trấn Tân Nghĩa", "tt-tan-nghia"),
            ("tan ha", "xa-tan-ha"),
        ] {
            assert_eq!(plan.find_unit(query).unwrap().id, id, "{query}");
        }
        // "Tân" alone names no unit: it is part of several.
        assert!(plan.find_unit("Tân").is_err());
    }

    #[test]
    fn the_committee_before_a_communes_name_is_read_past() {
        let plan = Plan::parse(
            r#"
[plan]
title = "T"
issuer = "I"
start = 2026-01-01
end = 2026-12-31

[[unit]]
id = "x-an-phu"
name = "Xã An Phú"
kind = "xa"

[[unit]]
id = "x-an-phuoc"
name = "Xã An Phước"
kind = "xa"

[[rule]]
id = "r"
title = "R"
kinds = ["xa"]
record = "article"
every = "quarter"
min = 1
"#,
            "p.toml",
        )
        .unwrap();
        for query in ["UBND xã An Phú", "Ủy ban nhân dân xã An Phú", "an phu"] {
            assert_eq!(plan.find_unit(query).unwrap().id, "x-an-phu", "{query}");
        }
        assert_eq!(plan.find_unit("UBND xã An Phước").unwrap().id, "x-an-phuoc");
        assert!(plan.find_unit("UBND xã An Hòa").is_err());
    }

    #[test]
    fn a_typo_in_a_name_gets_a_suggestion() {
        let plan = Plan::built_in();
        let err = plan.find_unit("son mi").unwrap_err().to_string();
        assert!(
            err.contains("did you mean `xa-son-my` (UBND xã Sơn Mỹ)?"),
            "{err}"
        );
        let err = plan.find_unit("tu phap x").unwrap_err().to_string();
        assert!(err.contains("tu-phap"), "{err}");
        let err = plan.find_unit("zzzz").unwrap_err().to_string();
        assert!(err.contains("`cchc plan` lists the units"), "{err}");
    }

    #[test]
    fn folding_drops_case_and_diacritics() {
        assert_eq!(fold("UBND xã Sơn Mỹ"), "ubnd xa son my");
        assert_eq!(fold("Phòng Tư pháp"), "phong tu phap");
        assert_eq!(fold("Đức – Tân Đức"), "duc tan duc");
        assert_eq!(fold("xa-son-my"), "xa son my");
        assert_eq!(fold("  TÂN   HÀ "), "tan ha");
    }

    #[test]
    fn units_are_found_by_id_name_or_part_of_name() {
        let plan = Plan::built_in();
        for query in [
            "xa-son-my",
            "son my",
            "Sơn Mỹ",
            "SON MY",
            "ubnd xa son my",
            "xa son my",
        ] {
            assert_eq!(plan.find_unit(query).unwrap().id, "xa-son-my", "{query}");
        }
        assert_eq!(plan.find_unit("TÂN HÀ").unwrap().id, "xa-tan-ha");
        assert_eq!(plan.find_unit("tu phap").unwrap().id, "tu-phap");
        assert_eq!(plan.find_unit("tan duc").unwrap().id, "xa-tan-duc");
    }

    #[test]
    fn ambiguous_and_unknown_queries_list_candidates() {
        let plan = Plan::built_in();
        let err = plan.find_unit("tan").unwrap_err();
        let UnitLookupError::Ambiguous { candidates, .. } = &err else {
            panic!("{err}")
        };
        assert!(candidates.iter().any(|(id, _)| id == "xa-tan-ha"));
        assert!(err.to_string().contains("xa-tan-xuan"));
        let err = plan.find_unit("xa-son-mi").unwrap_err();
        assert!(
            err.to_string()
                .contains("did you mean `xa-son-my` (UBND xã Sơn Mỹ)?"),
            "{err}"
        );
        assert!(plan.find_unit("zzz").is_err());
        assert!(plan.find_unit("  ").is_err());
    }
}
