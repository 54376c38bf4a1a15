//! Running the real `keylint` binary, shared by the black-box test files.
#![allow(dead_code)] // each test file uses a different subset

use std::path::Path;
use std::process::{Command, Output};

/// Runs `keylint` in `dir` without colour.
pub fn keylint_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_keylint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the keylint binary runs")
}

/// Runs `keylint` at the repository root, where `fixtures/` is.
pub fn keylint(args: &[&str]) -> Output {
    keylint_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}
