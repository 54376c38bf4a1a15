//! The clean corpus of source trees: real open-source web apps and packages whose npm tarballs
//! hold their source (`src/`, `lib/`, `core/`, with configs, templates and tests), scanned as
//! a repository checkout is. keylint's users run it on source trees through the ESLint plugin,
//! the language server and pre-commit, so the bundle corpus alone does not measure its
//! precision: every error here is a false one (these packages ship no live credential), and the
//! bench fails on any. Warnings are listed so that each can be justified.

use crate::corpus::{create_dir, npm_pack, remove_dir_if_exists, remove_file_if_exists, run_tool, write};
use crate::Result;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Exact versions, so that counts stay comparable across runs.
pub const TREES: &[(&str, &str)] = &[
    // A publishing web app (Node server, admin, themes, config defaults, migrations).
    ("ghost", "6.65.0"),
    // A framework's source: env handling, adapters, dev server, with its own `.env` logic.
    ("@sveltejs/kit", "3.4.1"),
    // A compiler and runtime's source.
    ("svelte", "5.60.1"),
    // A documentation site generator: source, themes, plugins (including Algolia search).
    ("docsify", "5.0.0"),
    // An HTTP client's source and its built bundles side by side.
    ("axios", "1.21.1"),
    // Docusaurus' Algolia DocSearch theme: search-only keys and config validation.
    ("@docusaurus/theme-search-algolia", "3.10.2"),
];

/// Severity counts of one tree, and its warnings (file:line, rule, context).
pub struct TreeCounts {
    pub name: String,
    pub files: u64,
    pub counts: BTreeMap<String, usize>,
    pub warnings: Vec<String>,
    pub errors: Vec<String>,
}

/// Fetches the trees into `root` unless a complete copy of this list is there.
pub fn ensure(root: &Path) -> Result<Vec<(String, PathBuf)>> {
    let trees_dir = root.join("trees");
    let marker = root.join("complete.marker");
    let expected: String = TREES.iter().map(|(n, v)| format!("{n}@{v}\n")).collect();
    let dirs: Vec<(String, PathBuf)> =
        TREES.iter().map(|(n, v)| (format!("{n}@{v}"), trees_dir.join(format!("{n}@{v}").replace('/', "_")))).collect();
    if fs::read_to_string(&marker).is_ok_and(|m| m == expected) && dirs.iter().all(|(_, d)| d.is_dir()) {
        eprintln!("source corpus: reusing {}", trees_dir.display());
        return Ok(dirs);
    }
    remove_file_if_exists(&marker)?;
    remove_dir_if_exists(&trees_dir)?;
    let work = root.join("download");
    remove_dir_if_exists(&work)?;
    create_dir(&work)?;
    for ((spec, dir), (name, version)) in dirs.iter().zip(TREES) {
        eprintln!("source corpus: fetching {spec}");
        let tarball = npm_pack(&format!("{name}@{version}"), &work)?;
        create_dir(dir)?;
        // The tarball's `package/` folder is the tree: strip it so paths read as a checkout's.
        run_tool(
            Command::new("tar").arg("-xzf").arg(&tarball).arg("-C").arg(dir).arg("--strip-components=1"),
            &format!("tar -xzf {}", tarball.display()),
        )?;
    }
    remove_dir_if_exists(&work)?;
    write(&marker, &expected)?;
    Ok(dirs)
}

/// Scans each tree with `bin` from inside it (paths as in a checkout) and counts findings.
pub fn scan(bin: &Path, trees: &[(String, PathBuf)]) -> Result<Vec<TreeCounts>> {
    let mut out = Vec::new();
    for (name, dir) in trees {
        let output = Command::new(bin)
            .args(["scan", ".", "--format", "json", "--fail-on", "never"])
            .current_dir(dir)
            .output()
            .map_err(|e| format!("running {}: {e}", bin.display()))?;
        if !output.status.success() {
            return Err(format!(
                "keylint scan {name} failed ({}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            ));
        }
        let report: serde_json::Value = serde_json::from_slice(&output.stdout)
            .map_err(|e| format!("keylint scan {name}: unparseable JSON: {e}"))?;
        let mut counts = BTreeMap::new();
        let (mut warnings, mut errors) = (Vec::new(), Vec::new());
        for f in report["findings"].as_array().into_iter().flatten() {
            let severity = f["severity"].as_str().unwrap_or("?").to_string();
            let line = format!(
                "{}:{} {} `{}` ({})",
                f["file"].as_str().unwrap_or("?"),
                f["line"],
                f["rule_id"].as_str().unwrap_or("?"),
                f["context"].as_str().unwrap_or("-"),
                f["secret_redacted"].as_str().unwrap_or("")
            );
            match severity.as_str() {
                "warning" => warnings.push(line),
                "error" => errors.push(line),
                _ => {}
            }
            *counts.entry(severity).or_insert(0) += 1;
        }
        let files = report["summary"]["files_scanned"].as_u64().unwrap_or(0);
        out.push(TreeCounts { name: name.clone(), files, counts, warnings, errors });
    }
    Ok(out)
}

/// A markdown table of the counts, then every warning and error.
pub fn render(trees: &[TreeCounts]) -> String {
    let mut s =
        String::from("\n## Source trees\n\n| tree | files | error | warning | info |\n|---|---:|---:|---:|---:|\n");
    let count = |t: &TreeCounts, k: &str| t.counts.get(k).copied().unwrap_or(0);
    for t in trees {
        s += &format!(
            "| {} | {} | {} | {} | {} |\n",
            t.name,
            t.files,
            count(t, "error"),
            count(t, "warning"),
            count(t, "info")
        );
    }
    let total = |k: &str| trees.iter().map(|t| count(t, k)).sum::<usize>();
    s += &format!(
        "| **all** | {} | {} | {} | {} |\n",
        trees.iter().map(|t| t.files).sum::<u64>(),
        total("error"),
        total("warning"),
        total("info")
    );
    for (label, pick) in [("Errors", 0), ("Warnings", 1)] {
        let lines: Vec<String> = trees
            .iter()
            .flat_map(|t| {
                let list = if pick == 0 { &t.errors } else { &t.warnings };
                list.iter().map(move |l| format!("- {}: {l}", t.name))
            })
            .collect();
        if !lines.is_empty() {
            s += &format!("\n{label}:\n{}\n", lines.join("\n"));
        }
    }
    s
}

/// Fetches, scans and prints the source corpus; an error finding fails it.
pub fn run(bin: &Path) -> Result<()> {
    let trees = ensure(&crate::target_dir().join("source-corpus"))?;
    let counts = scan(bin, &trees)?;
    print!("{}", render(&counts));
    let errors: usize = counts.iter().map(|t| t.errors.len()).sum();
    if errors > 0 {
        return Err(format!("{errors} error finding(s) in the clean source corpus (listed above)"));
    }
    Ok(())
}
