//! `cargo xtask native-package`: this platform's optional npm package of the native engine.
//!
//! The `keylint` npm package's bundler plugins use the native `keylint` binary (`keylint
//! serve`) when the package `@keylint/cli-<platform>-<arch>` is installed, as esbuild ships its
//! binary (npm/keylint/plugins/engine.cjs finds `bin/keylint` in it). This lays that package out
//! in target/npm/ from a release build; a release publishes one per platform and lists them in
//! the main package's `optionalDependencies`, so npm installs only the one that fits.

use crate::{target_dir, workspace_root, Result};
use std::path::Path;
use std::process::Command;

/// Cargo.toml's `[profile.dist]`: the release build without its debug info (51 → 9 MB).
const PROFILE: &str = "dist";

pub fn run() -> Result<()> {
    let (platform, arch) = node_platform(std::env::consts::OS, std::env::consts::ARCH)?;
    let version = main_package_version()?;
    eprintln!("xtask: building the `keylint` binary (profile {PROFILE})");
    let status = Command::new(env!("CARGO"))
        .args(["build", "--profile", PROFILE, "--locked", "--bin", "keylint"])
        .current_dir(workspace_root())
        .status()
        .map_err(|e| format!("cannot run cargo build: {e}"))?;
    if !status.success() {
        return Err(format!("cargo build --profile {PROFILE} failed ({status})"));
    }
    let exe = format!("keylint{}", std::env::consts::EXE_SUFFIX);
    let out = target_dir().join("npm").join(format!("cli-{platform}-{arch}"));
    if out.exists() {
        std::fs::remove_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    let bin = out.join("bin");
    std::fs::create_dir_all(&bin).map_err(|e| format!("{}: {e}", bin.display()))?;
    let from = target_dir().join(PROFILE).join(&exe);
    std::fs::copy(&from, bin.join(&exe)).map_err(|e| format!("{} → {}: {e}", from.display(), bin.display()))?;
    write(&out.join("package.json"), &package_json(platform, arch, &version, std::env::consts::OS == "linux"))?;
    write(
        &out.join("README.md"),
        &format!(
            "# @keylint/cli-{platform}-{arch}\n\nThe native `keylint` binary for {platform} {arch}: the engine the \
             `keylint` package's bundler plugins run (`keylint serve`) when this package is installed. Install \
             `keylint`, not this.\n"
        ),
    )?;
    let size = std::fs::metadata(bin.join(&exe)).map(|m| m.len()).unwrap_or(0);
    eprintln!("xtask: {} ({:.1} MB binary)", out.display(), size as f64 / 1e6);
    Ok(())
}

/// Node's `process.platform` and `process.arch` for Rust's target OS and architecture: the
/// names the package's loader builds from them.
fn node_platform(os: &str, arch: &str) -> Result<(&'static str, &'static str)> {
    let platform = match os {
        "linux" => "linux",
        "macos" => "darwin",
        "windows" => "win32",
        "freebsd" => "freebsd",
        other => return Err(format!("no npm package name for the OS `{other}`")),
    };
    let arch = match arch {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        "x86" => "ia32",
        "arm" => "arm",
        other => return Err(format!("no npm package name for the architecture `{other}`")),
    };
    Ok((platform, arch))
}

/// The platform package's manifest, in the usual field order: npm installs it only where
/// `os`, `cpu` (and, for Linux builds linked with glibc, `libc`) fit.
fn package_json(platform: &str, arch: &str, version: &str, glibc: bool) -> String {
    let q = |s: &str| serde_json::Value::from(s).to_string();
    let libc = if glibc { "\n  \"libc\": [\"glibc\"]," } else { "" };
    format!(
        r#"{{
  "name": {name},
  "version": {version},
  "description": {description},
  "license": "MIT OR Apache-2.0",
  "repository": {{ "type": "git", "url": "git+https://github.com/keylint/keylint.git" }},
  "os": [{platform}],
  "cpu": [{arch}],{libc}
  "files": ["bin/"],
  "preferUnplugged": true
}}
"#,
        name = q(&format!("@keylint/cli-{platform}-{arch}")),
        version = q(version),
        description = q(&format!(
            "The native keylint engine for {platform} {arch} (used by the keylint package's bundler plugins)"
        )),
        platform = q(platform),
        arch = q(arch),
    )
}

/// The binary is used only when it reports the main package's version, so both are released
/// together: the workspace's version must be the package's.
fn main_package_version() -> Result<String> {
    let path = workspace_root().join("npm/keylint/package.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let version = json["version"].as_str().ok_or_else(|| format!("{}: no version", path.display()))?;
    let cli_version = cli_version()?;
    if version != cli_version {
        return Err(format!(
            "npm/keylint is version {version} but the keylint binary is {cli_version}: release them together"
        ));
    }
    Ok(version.to_string())
}

/// The CLI's version, from the workspace manifest (`[workspace.package] version`).
fn cli_version() -> Result<String> {
    let path = workspace_root().join("Cargo.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let section = text.split("[workspace.package]").nth(1).ok_or("Cargo.toml: no [workspace.package]")?;
    let line = section
        .lines()
        .find(|l| l.trim_start().starts_with("version"))
        .ok_or("Cargo.toml: no version in [workspace.package]")?;
    line.split('"').nth(1).map(str::to_string).ok_or_else(|| format!("Cargo.toml: cannot read `{line}`"))
}

fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_nodes_platform_and_arch() {
        assert_eq!(node_platform("linux", "x86_64"), Ok(("linux", "x64")));
        assert_eq!(node_platform("macos", "aarch64"), Ok(("darwin", "arm64")));
        assert_eq!(node_platform("windows", "x86_64"), Ok(("win32", "x64")));
        assert!(node_platform("haiku", "x86_64").is_err());
    }

    #[test]
    fn the_manifest_limits_the_package_to_its_platform() {
        let m: serde_json::Value = serde_json::from_str(&package_json("linux", "x64", "1.2.3", true)).unwrap();
        assert_eq!(m["name"], "@keylint/cli-linux-x64");
        assert_eq!(
            (m["os"][0].as_str(), m["cpu"][0].as_str(), m["libc"][0].as_str()),
            (Some("linux"), Some("x64"), Some("glibc"))
        );
        assert_eq!(m["files"], serde_json::json!(["bin/"]));
        assert_eq!(m["version"], "1.2.3");
        let m: serde_json::Value = serde_json::from_str(&package_json("darwin", "arm64", "1.2.3", false)).unwrap();
        assert!(m.get("libc").is_none());
    }

    #[test]
    fn the_npm_package_and_the_binary_share_a_version() {
        assert_eq!(main_package_version(), cli_version());
    }
}
