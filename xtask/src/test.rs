//! `cargo xtask test`: every check CI runs, in the order that fails fastest. It installs what it
//! needs itself, so a fresh machine needs nothing but cargo.

use crate::{workspace_root, Result};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

pub fn run() -> Result<()> {
    step("cargo fmt --check", &["fmt", "--all", "--check"])?;
    step("cargo clippy", &["clippy", "--workspace", "--all-targets", "--locked", "--", "-D", "warnings"])?;
    let mut totals = Totals::default();
    let outcome = counted_step("cargo test", &["test", "--workspace", "--locked"], &mut totals);
    // One closing line over every suite, so the last suite's count is not mistaken for all.
    println!("tests: {} passed, {} failed", totals.passed, totals.failed);
    outcome
}

#[derive(Default)]
struct Totals {
    passed: u64,
    failed: u64,
}

impl Totals {
    /// Adds a libtest summary line: `test result: ok. 12 passed; 0 failed; …`.
    fn add(&mut self, line: &str) {
        let Some(rest) = line.trim().strip_prefix("test result: ") else { return };
        for part in rest.split([';', '.']) {
            let mut words = part.split_whitespace();
            if let (Some(n), Some(kind)) = (words.next().and_then(|n| n.parse::<u64>().ok()), words.next()) {
                match kind {
                    "passed" => self.passed += n,
                    "failed" => self.failed += n,
                    _ => {}
                }
            }
        }
    }
}

fn step(what: &str, args: &[&str]) -> Result<()> {
    eprintln!("xtask: running {what}");
    let status = cargo(args).status().map_err(|e| format!("cannot run {what}: {e}"))?;
    status.success().then_some(()).ok_or_else(|| format!("{what} failed ({status})"))
}

/// Runs a step whose stdout carries libtest summaries, echoing it and counting the tests.
fn counted_step(what: &str, args: &[&str], totals: &mut Totals) -> Result<()> {
    eprintln!("xtask: running {what}");
    let mut child = cargo(args).stdout(Stdio::piped()).spawn().map_err(|e| format!("cannot run {what}: {e}"))?;
    let stdout = child.stdout.take().expect("stdout is piped");
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| format!("reading {what} output: {e}"))?;
        totals.add(&line);
        println!("{line}");
    }
    let status = child.wait().map_err(|e| format!("waiting for {what}: {e}"))?;
    status.success().then_some(()).ok_or_else(|| format!("{what} failed ({status})"))
}

fn cargo(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args(args).current_dir(workspace_root());
    cmd
}

#[cfg(test)]
mod tests {
    use super::Totals;

    #[test]
    fn sums_libtest_summaries() {
        let mut t = Totals::default();
        t.add("test result: ok. 12 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.18s");
        t.add("test result: FAILED. 7 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out");
        t.add("running 3 tests");
        assert_eq!((t.passed, t.failed), (19, 2));
    }
}
