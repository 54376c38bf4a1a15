//! `cargo xtask test`: every check CI runs, in the order that fails fastest. It installs what it
//! needs itself, so a fresh machine needs nothing but cargo.

use crate::{workspace_root, Result};
use std::process::Command;

pub fn run() -> Result<()> {
    step("cargo fmt --check", &["fmt", "--all", "--check"])?;
    step("cargo clippy", &["clippy", "--workspace", "--all-targets", "--locked", "--", "-D", "warnings"])?;
    step("cargo test", &["test", "--workspace", "--locked"])?;
    Ok(())
}

fn step(what: &str, args: &[&str]) -> Result<()> {
    eprintln!("xtask: running {what}");
    let status = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(workspace_root())
        .status()
        .map_err(|e| format!("cannot run {what}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}
