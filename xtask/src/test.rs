//! `cargo xtask test`: every check CI runs, in the order that fails fastest. It installs what it
//! needs itself, so a fresh machine needs nothing but cargo.

use crate::{target_dir, wasm, workspace_root, Result};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub fn run() -> Result<()> {
    // tests/cli.rs proves the scanner opens no socket by tracing its system calls.
    ensure_debian_package("strace", Path::new("/usr/bin/strace"))?;
    step("cargo fmt --check", &["fmt", "--all", "--check"])?;
    step("cargo clippy", &["clippy", "--workspace", "--all-targets", "--locked", "--", "-D", "warnings"])?;
    let mut totals = Totals::default();
    let outcome = counted_step("cargo test", &["test", "--workspace", "--locked"], &mut totals)
        .and_then(|()| npm_packages(&mut totals));
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
    /// Adds a node:test TAP summary line: `# pass 12`, `# fail 1` (`# cancelled` counts as failed).
    fn add_node(&mut self, line: &str) {
        let mut words = line.split_whitespace();
        if let (Some("#"), Some(kind), Some(n), None) = (words.next(), words.next(), words.next(), words.next()) {
            match (kind, n.parse::<u64>()) {
                ("pass", Ok(n)) => self.passed += n,
                ("fail" | "cancelled", Ok(n)) => self.failed += n,
                _ => {}
            }
        }
    }

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

/// The npm packages, after the Rust tests: the wasm build, the `keylint` package's node:test
/// suite (API, CLI, depth, parity with the native binary, types, publint, attw) and the
/// playground's end-to-end test in headless Chromium (screenshot in target/playground.png).
fn npm_packages(totals: &mut Totals) -> Result<()> {
    let root = workspace_root();
    let package = root.join("npm/keylint");
    let playground = root.join("npm/playground");
    let eslint_plugin = root.join("npm/eslint-plugin-keylint");
    wasm::npm_ci(&package)?;
    // npm/keylint's no-leak test runs the ESLint plugin too: install it first.
    wasm::npm_ci(&eslint_plugin)?;
    wasm::run()?;
    // The parity test compares against the native binary, built here as `cargo test` left it.
    step("cargo build --bin keylint", &["build", "--locked", "--bin", "keylint"])?;
    let native = target_dir().join("debug/keylint");
    node_tests("npm/keylint", &package, &[("KEYLINT_NATIVE_BIN", native)], totals)?;
    // The ESLint plugin links ../keylint, so it runs on the wasm just built.
    node_tests("npm/eslint-plugin-keylint", &eslint_plugin, &[], totals)?;
    let chromium = ensure_chromium()?;
    wasm::npm_ci(&playground)?;
    npm(&playground, &["run", "build"])?;
    let screenshot = target_dir().join("playground.png");
    node_tests(
        "npm/playground",
        &playground,
        &[("KEYLINT_SCREENSHOT", screenshot), ("CHROMIUM_PATH", chromium)],
        totals,
    )
}

/// Runs `dir`'s test/*.test.mjs with node:test, echoing its TAP output and counting the tests.
fn node_tests(what: &str, dir: &Path, env: &[(&str, PathBuf)], totals: &mut Totals) -> Result<()> {
    let test_dir = dir.join("test");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&test_dir)
        .map_err(|e| format!("{}: {e}", test_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    files.sort();
    eprintln!("xtask: running node tests in {what} ({} files)", files.len());
    let mut cmd = Command::new("node");
    cmd.args(["--test", "--test-reporter=tap"]).args(&files).current_dir(dir).stdout(Stdio::piped());
    for (key, value) in env {
        cmd.env(key, value);
    }
    let mut child = cmd.spawn().map_err(|e| format!("cannot run node (needed for {what}): {e}"))?;
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut suite = Totals::default();
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| format!("reading {what} test output: {e}"))?;
        suite.add_node(&line);
        println!("{line}");
    }
    let status = child.wait().map_err(|e| format!("waiting for {what} tests: {e}"))?;
    println!("node tests in {what}: {} passed, {} failed", suite.passed, suite.failed);
    totals.passed += suite.passed;
    totals.failed += suite.failed;
    status.success().then_some(()).ok_or_else(|| format!("node tests in {what} failed ({status})"))
}

fn npm(dir: &Path, args: &[&str]) -> Result<()> {
    eprintln!("xtask: npm {} in {}", args.join(" "), dir.display());
    let status =
        Command::new("npm").args(args).current_dir(dir).status().map_err(|e| format!("cannot run npm: {e}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| format!("npm {} in {} failed ({status})", args.join(" "), dir.display()))
}

/// Debian's Chromium for the playground's e2e test (no browser can be downloaded here):
/// `CHROMIUM_PATH`, else /usr/bin/chromium, installed with apt-get when missing.
fn ensure_chromium() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM_PATH") {
        return Ok(PathBuf::from(path));
    }
    let path = PathBuf::from("/usr/bin/chromium");
    ensure_debian_package("chromium", &path)?;
    Ok(path)
}

/// Installs a Debian package with apt-get unless `binary` already exists.
fn ensure_debian_package(package: &str, binary: &Path) -> Result<()> {
    if binary.exists() {
        return Ok(());
    }
    eprintln!("xtask: installing Debian's {package}");
    for args in [&["update"][..], &["install", "-y", "--no-install-recommends", package]] {
        let status = Command::new("apt-get")
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .map_err(|e| format!("cannot run apt-get (to install {package}): {e}"))?;
        if !status.success() {
            return Err(format!("apt-get {} failed ({status}); install {package}", args.join(" ")));
        }
    }
    Ok(())
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

    #[test]
    fn sums_node_test_summaries() {
        let mut t = Totals::default();
        for line in ["# tests 25", "# suites 0", "# pass 23", "# fail 1", "# cancelled 1", "# skipped 2", "# pass: 4"] {
            t.add_node(line);
        }
        t.add_node("# Subtest: fail 3");
        assert_eq!((t.passed, t.failed), (23, 2));
    }
}
