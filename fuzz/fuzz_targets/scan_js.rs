//! The core scan on JavaScript/TypeScript: any bytes, read the way the CLI reads a file.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../quiet_panics.rs"]
mod quiet_panics;

fuzz_target!(init: quiet_panics::install(), |data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    let config = keylint::Config::default();
    // The first byte picks the dialect, so one corpus exercises the JS, TS and JSX grammars.
    let path = match data.first().map(|b| b % 4) {
        Some(0) => "fuzz.ts",
        Some(1) => "fuzz.tsx",
        Some(2) => "fuzz.jsx",
        _ => "fuzz.js",
    };
    let result = keylint::scan(&source, path, &config);
    for f in &result.findings {
        assert!(f.byte_range.end <= source.len(), "a finding points past the end of the file");
        assert!(f.secret.is_none(), "secrets are redacted unless asked for");
    }
});
