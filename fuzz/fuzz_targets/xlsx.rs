//! Fuzz target: see `checks::xlsx` for the properties (workbooks as units send them,
//! and as an attacker would).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::xlsx(data));
