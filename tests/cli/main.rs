//! The one integration-test binary: every test runs the real `cchc` binary in a
//! temporary directory with a cleared environment and a fixed `--as-of`.

mod harness;

mod bad_inputs;
mod calendar;
mod check;
mod data_safety;
mod docs;
mod docx;
mod example_plans;
mod faults;
mod feed;
mod first_day;
mod fits_in;
mod formats;
mod fuzz_regressions;
mod hardening;
mod hardening2;
mod hardening3;
mod import;
mod list;
mod log;
mod model;
mod plan;
mod remind;
mod report;
mod second_edition;
mod third_edition;
mod verify;
mod years;
