//! `cargo xtask hostile`: the adversarial input table. Writes each hostile case under
//! `target/hostile/`, scans it with the release CLI (one process per case, so a crash or an
//! abort shows as an exit status), and prints case → exit, time, peak RSS, findings, note.
//! The behaviour itself is asserted by the test suites (crates/keylint/tests/robustness.rs,
//! tests/cli.rs); this measures what each case costs.

use crate::measure;
use crate::Result;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A planted key, so every case also shows whether the scan still finds what it should.
const KEY: &str = "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";
const DEEP: usize = 100_000;

struct Case {
    name: &'static str,
    /// Path to scan, relative to the cases folder.
    path: PathBuf,
    /// Scan as the unprivileged `nobody` (root reads a mode-000 file anyway).
    as_nobody: bool,
}

pub fn run() -> Result<()> {
    let bin = crate::target_dir().join("release/keylint");
    if !bin.is_file() {
        return Err(format!("{} is missing: run `cargo build --release` first", bin.display()));
    }
    let dir = crate::target_dir().join("hostile");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    let cases = write_cases(&dir)?;
    println!("\n## Hostile input (`cargo xtask hostile`; each case one `keylint scan --format json` process)\n");
    println!("| case | size | exit | time s | peak RSS MB | findings | note |");
    println!("|---|---:|---:|---:|---:|---:|---|");
    for case in &cases {
        let target = dir.join(&case.path);
        let mut cmd = if case.as_nobody {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]).arg(&bin);
            c
        } else {
            Command::new(&bin)
        };
        cmd.arg("scan").arg(&target).args(["--format", "json", "--fail-on", "never", "--stats"]);
        let started = std::time::Instant::now();
        let out = measure::run_raw(cmd, case.name, &dir)?;
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        let notes: Vec<String> = json["summary"]["notes"]
            .as_array()
            .map(|n| n.iter().filter_map(|v| v.as_str()).map(|s| shorten(s, &dir)).collect())
            .unwrap_or_default();
        let stderr_text = String::from_utf8_lossy(&out.stderr);
        let peak_kb = stderr_text
            .lines()
            .find_map(|l| l.strip_prefix("peak memory:"))
            .and_then(|v| v.split_whitespace().next().and_then(|n| n.parse::<u64>().ok()));
        // `--stats` figures are for this table, not notes.
        let errors: Vec<&str> = stderr_text.lines().filter(|l| !l.contains(":  ")).collect();
        let stderr = shorten(errors.join("; ").trim(), &dir);
        let note = [notes.join("; "), stderr].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("; ");
        let size = fs::symlink_metadata(&target).map(|m| m.len()).unwrap_or(0);
        println!(
            "| {} | {} | {} | {:.2} | {:.0} | {} | {} |",
            case.name,
            human(size),
            out.exit,
            started.elapsed().as_secs_f64(),
            peak_kb.map_or(out.peak_rss as f64, |kb| kb as f64 * 1024.0) / 1e6,
            json["findings"].as_array().map_or(0, Vec::len),
            note.replace('|', "\\|"),
        );
    }
    Ok(())
}

fn shorten(text: &str, dir: &Path) -> String {
    let text = text.replace(&format!("{}/", dir.display()), "");
    if text.chars().count() > 160 {
        format!("{}…", text.chars().take(160).collect::<String>())
    } else {
        text
    }
}

fn human(bytes: u64) -> String {
    match bytes {
        b if b >= 1_000_000 => format!("{:.0} MB", b as f64 / 1e6),
        b if b >= 1_000 => format!("{:.0} KB", b as f64 / 1e3),
        b => format!("{b} B"),
    }
}

fn write_repeated(dir: &Path, name: &str, head: &str, unit: &str, copies: usize, tail: &str) -> Result<PathBuf> {
    use std::io::Write;
    let err = |e: std::io::Error| format!("writing {name}: {e}");
    let mut out = std::io::BufWriter::new(fs::File::create(dir.join(name)).map_err(err)?);
    out.write_all(head.as_bytes()).map_err(err)?;
    for _ in 0..copies {
        out.write_all(unit.as_bytes()).map_err(err)?;
    }
    out.write_all(tail.as_bytes()).map_err(err)?;
    out.flush().map_err(err)?;
    Ok(PathBuf::from(name))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    fs::write(dir.join(name), bytes).map_err(|e| format!("writing {name}: {e}"))?;
    Ok(PathBuf::from(name))
}

fn write_cases(dir: &Path) -> Result<Vec<Case>> {
    let plain = |name, path| Case { name, path, as_nobody: false };
    let key_line = format!("const k = \"{KEY}\";");
    let mut cases = Vec::new();
    for (name, open, close) in [
        ("100 000-deep brackets", "[", "]"),
        ("100 000-deep parentheses", "(", ")"),
        ("100 000-deep objects", "{a:", "}"),
    ] {
        let src = format!("{key_line}\nv = {}1{};\n", open.repeat(DEEP), close.repeat(DEEP));
        cases.push(plain(name, write(dir, &format!("deep-{}.js", cases.len()), src.as_bytes())?));
    }
    let chain = format!("{key_line}\nv = {}1;\n", "a+".repeat(DEEP));
    cases.push(plain("100 000-term `+` chain", write(dir, "chain.js", chain.as_bytes())?));
    // A minified bundle's worst case: one 100 MB line of ordinary code. Written in pieces, so
    // this process stays small (the RSS figures must be the scanner's).
    let unit = "function f(a,b){return a.map(function(x){return x*b+1})}var o={k:\"value\",n:[1,2,3]};";
    let copies = 100_000_000 / unit.len() + 1;
    cases.push(plain("100 MB single line", write_repeated(dir, "line.js", &key_line, unit, copies, "\n")?));
    let literal = write_repeated(dir, "literal.js", "const big = \"", "a1", 25_000_000, &format!("\";\n{key_line}\n"))?;
    cases.push(plain("50 MB string literal", literal));
    let mut invalid = key_line.clone().into_bytes();
    invalid.extend_from_slice(b"\nconst s = \"\xff\xfe\xc3\x28\";\n");
    cases.push(plain("invalid UTF-8", write(dir, "invalid.js", &invalid)?));
    cases.push(plain("NUL bytes in code", write(dir, "nul.js", format!("{key_line}\0\0var x = 1;\0").as_bytes())?));
    let mut binary = vec![0u8; 4096];
    binary[..4].copy_from_slice(b"\x7fELF");
    cases.push(plain("binary file", write(dir, "binary.js", &binary)?));
    cases.push(plain("BOM", write(dir, "bom.js", format!("\u{feff}{key_line}").as_bytes())?));
    cases.push(plain("CRLF line ends", write(dir, "crlf.js", format!("var a = 1;\r\n{key_line}\r\n").as_bytes())?));
    cases.push(plain("lone CR line ends", write(dir, "cr.js", format!("var a = 1;\r{key_line}\r").as_bytes())?));
    let surrogates = format!("const s = \"\\uD800\\uDFFF\\uDC00\";\n{key_line}\n");
    cases.push(plain("lone surrogate escapes", write(dir, "surrogates.js", surrogates.as_bytes())?));
    cases.push(plain("syntax error", write(dir, "broken.js", format!("{key_line}\nfunction (").as_bytes())?));
    cases.push(plain("empty file", write(dir, "empty.js", b"")?));
    // Unreadable for `nobody`: root reads mode 000 anyway, so that case runs unprivileged.
    write(dir, "secret.js", key_line.as_bytes())?;
    let locked = dir.join("locked");
    fs::create_dir_all(&locked).map_err(|e| format!("creating {}: {e}", locked.display()))?;
    fs::copy(dir.join("secret.js"), locked.join("unreadable.js")).map_err(|e| format!("copying: {e}"))?;
    set_mode(&locked.join("unreadable.js"), 0o000)?;
    set_mode(&locked, 0o755)?;
    set_mode(dir, 0o755)?;
    cases.push(Case {
        name: "unreadable file (mode 000, as nobody)",
        path: "locked/unreadable.js".into(),
        as_nobody: true,
    });
    let looped = dir.join("loop");
    fs::create_dir_all(&looped).map_err(|e| format!("creating {}: {e}", looped.display()))?;
    std::os::unix::fs::symlink(".", looped.join("again")).map_err(|e| format!("symlink: {e}"))?;
    cases.push(plain("symlink loop", PathBuf::from("loop")));
    let fifo = dir.join("pipe.js");
    let status = Command::new("mkfifo").arg(&fifo).status().map_err(|e| format!("mkfifo: {e}"))?;
    if status.success() {
        cases.push(plain("FIFO", PathBuf::from("pipe.js")));
    }
    Ok(cases)
}

fn set_mode(path: &Path, mode: u32) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).map_err(|e| format!("chmod {}: {e}", path.display()))
}
