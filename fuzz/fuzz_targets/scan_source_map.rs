//! The source-map reader: `sourcesContent` entries scanned as sources of their own.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../quiet_panics.rs"]
mod quiet_panics;

fuzz_target!(init: quiet_panics::install(), |data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    let result = keylint::scan(&source, "fuzz.js.map", &keylint::Config::default());
    for f in &result.findings {
        assert!(f.line >= 1 && f.column >= 1, "positions are 1-based");
    }
});
