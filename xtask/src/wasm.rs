//! `cargo xtask wasm`: builds the `keylint` npm package's engine from crates/keylint-wasm.
//!
//! Everything comes from the registries: the wasm32 target through rustup, the JS glue from the
//! `wasm-bindgen-cli-support` crate linked into xtask (at exactly the binding's `wasm-bindgen`
//! version), and `wasm-opt` from the npm `binaryen` package, a devDependency of npm/keylint.
//!
//! Output, all git-ignored, in npm/keylint/dist/:
//!   keylint_wasm_bg.wasm   the engine, shared by both glues
//!   keylint_wasm.cjs       CommonJS glue that reads and instantiates it synchronously (Node)
//!   keylint_wasm.mjs       ES module glue for browsers and bundlers (`init()` / `initSync()`)

use crate::{target_dir, workspace_root, Result};
use std::path::{Path, PathBuf};
use std::process::Command;
use wasm_bindgen_cli_support::Bindgen;

const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";
/// The file name wasm-bindgen gives the module (from the crate name).
const WASM_NAME: &str = "keylint_wasm_bg.wasm";

pub fn run() -> Result<()> {
    let package = workspace_root().join("npm/keylint");
    ensure_target()?;
    ensure_npm_deps(&package)?;

    eprintln!("xtask: building keylint-wasm ({TARGET}, profile {PROFILE})");
    let status = Command::new(env!("CARGO"))
        .args(["build", "--locked", "-p", "keylint-wasm", "--target", TARGET, "--profile", PROFILE])
        .current_dir(workspace_root())
        .status()
        .map_err(|e| format!("cannot run cargo build: {e}"))?;
    if !status.success() {
        return Err(format!("cargo build of keylint-wasm failed ({status})"));
    }
    let input = target_dir().join(TARGET).join(PROFILE).join("keylint_wasm.wasm");

    let dist = package.join("dist");
    remove_dir(&dist)?;
    let staging = target_dir().join("wasm-bindgen");
    remove_dir(&staging)?;
    let node = glue(&input, &staging.join("node"), |b| b.nodejs(true).map(|_| ()).map_err(|e| e.to_string()))?;
    let web = glue(&input, &staging.join("web"), |b| b.web(true).map(|_| ()).map_err(|e| e.to_string()))?;
    // Both glues import the same functions, so one .wasm serves both (the package ships it once).
    let (node_wasm, web_wasm) = (read(&node.join(WASM_NAME))?, read(&web.join(WASM_NAME))?);
    if node_wasm != web_wasm {
        return Err("the nodejs and web glues produced different .wasm files; cannot share one".into());
    }
    create_dir(&dist)?;
    // Explicit extensions: each glue loads as what it is, whatever the package's "type".
    copy(&node.join("keylint_wasm.js"), &dist.join("keylint_wasm.cjs"))?;
    copy(&web.join("keylint_wasm.js"), &dist.join("keylint_wasm.mjs"))?;

    let wasm = dist.join(WASM_NAME);
    eprintln!("xtask: wasm-opt -Os ({} before)", kib(node_wasm.len()));
    let status = Command::new("node")
        .arg(package.join("node_modules/binaryen/bin/wasm-opt"))
        .arg(node.join(WASM_NAME))
        .args(["-Os", "--strip-debug", "--strip-producers", "--strip-target-features", "-o"])
        .arg(&wasm)
        .status()
        .map_err(|e| format!("cannot run wasm-opt (node): {e}"))?;
    if !status.success() {
        return Err(format!("wasm-opt failed ({status})"));
    }
    let bytes = read(&wasm)?;
    let gzipped = gzip_len(&wasm).map_or_else(|e| format!("? ({e})"), kib);
    eprintln!("xtask: {} → {} raw, {gzipped} gzipped", wasm.display(), kib(bytes.len()));
    Ok(())
}

/// Generates one glue into `out` and returns it.
fn glue(input: &Path, out: &Path, mode: impl FnOnce(&mut Bindgen) -> Result<()>) -> Result<PathBuf> {
    let mut bindgen = Bindgen::new();
    bindgen.input_path(input).typescript(false).reset_state_function(true);
    mode(&mut bindgen)?;
    bindgen.generate(out).map_err(|e| format!("wasm-bindgen ({}): {e:#}", out.display()))?;
    Ok(out.to_path_buf())
}

/// Installs the wasm32 target with rustup when this toolchain lacks it.
fn ensure_target() -> Result<()> {
    let out = Command::new("rustc")
        .args(["--print", "target-libdir", "--target", TARGET])
        .output()
        .map_err(|e| format!("cannot run rustc: {e}"))?;
    let libdir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    if out.status.success() && libdir.is_dir() && std::fs::read_dir(&libdir).is_ok_and(|mut d| d.next().is_some()) {
        return Ok(());
    }
    eprintln!("xtask: installing the {TARGET} target with rustup");
    let status = Command::new("rustup")
        .args(["target", "add", TARGET])
        .current_dir(workspace_root())
        .status()
        .map_err(|e| format!("cannot run rustup (needed to install {TARGET}): {e}"))?;
    status.success().then_some(()).ok_or_else(|| format!("rustup target add {TARGET} failed ({status})"))
}

/// `npm ci` in `dir` when its node_modules is missing or older than its lockfile.
pub fn ensure_npm_deps(dir: &Path) -> Result<()> {
    let lock = dir.join("package-lock.json");
    let installed = dir.join("node_modules/.package-lock.json");
    let fresh = match (mtime(&lock), mtime(&installed)) {
        (Some(l), Some(i)) => i >= l,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    npm_ci(dir)
}

pub fn npm_ci(dir: &Path) -> Result<()> {
    eprintln!("xtask: npm ci in {}", dir.display());
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(dir)
        .status()
        .map_err(|e| format!("cannot run npm (needed for {}): {e}", dir.display()))?;
    status.success().then_some(()).ok_or_else(|| format!("npm ci in {} failed ({status})", dir.display()))
}

fn mtime(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn gzip_len(path: &Path) -> Result<usize> {
    let out = Command::new("gzip").arg("-9c").arg(path).output().map_err(|e| format!("cannot run gzip: {e}"))?;
    out.status.success().then_some(out.stdout.len()).ok_or_else(|| format!("gzip failed ({})", out.status))
}

fn kib(bytes: usize) -> String {
    format!("{:.0} KiB", bytes as f64 / 1024.0)
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn copy(from: &Path, to: &Path) -> Result<()> {
    std::fs::copy(from, to).map(|_| ()).map_err(|e| format!("{} → {}: {e}", from.display(), to.display()))
}

fn create_dir(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn remove_dir(path: &Path) -> Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(format!("{}: {e}", path.display())),
        _ => Ok(()),
    }
}
