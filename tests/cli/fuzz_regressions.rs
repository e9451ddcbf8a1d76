//! Replays every input the fuzzers found a bug with (`fuzz/regressions/TARGET/`)
//! through the same checks the fuzz targets make. CI runs these, not the fuzzers.

#[path = "../../fuzz/checks.rs"]
mod checks;

use crate::harness::repo;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let dir = repo().join("fuzz/regressions").join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            continue;
        }
        let data = std::fs::read(&path).unwrap();
        let result = std::panic::catch_unwind(|| check(&data));
        assert!(result.is_ok(), "{} fails again", path.display());
        count += 1;
    }
    count
}

#[test]
fn every_kept_crasher_passes() {
    let kept = replay("record_line", checks::record_line)
        + replay("plan", checks::plan)
        + replay("dates", checks::dates)
        + replay("text", checks::text)
        + replay("feed", checks::feed)
        + replay("xlsx", checks::xlsx);
    assert!(kept >= 2, "the regressions are there to replay ({kept})");
}
