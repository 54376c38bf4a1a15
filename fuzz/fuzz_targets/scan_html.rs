//! The HTML reader: inline scripts, JSON script blocks, handlers and attributes.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../quiet_panics.rs"]
mod quiet_panics;

fuzz_target!(init: quiet_panics::install(), |data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    let result = keylint::scan(&source, "fuzz.html", &keylint::Config::default());
    for f in &result.findings {
        assert!(f.byte_range.end <= source.len(), "a finding points past the end of the page");
    }
});
