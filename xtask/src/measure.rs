//! Runs one `keylint scan` and measures it: wall time, peak RSS, findings.

use crate::Result;
use std::fs::{self, File};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one run of the CLI cost and found.
pub struct Measurement {
    pub wall: Duration,
    /// Peak resident set size of the child, in bytes.
    pub peak_rss: u64,
    pub scan: ScanResult,
    /// Bytes the parser read, from `--stats` on stderr (when the run asked for it).
    pub bytes_parsed: Option<u64>,
}

/// The parts of the CLI's JSON output the benchmark reports.
#[derive(Default)]
pub struct ScanResult {
    pub errors: u64,
    pub warnings: u64,
    pub infos: u64,
    /// Every error-level finding, since the goal is none on a clean corpus.
    pub error_findings: Vec<ErrorFinding>,
    /// All findings as printed, to compare two runs for identity.
    pub findings: serde_json::Value,
    pub files_scanned: Option<u64>,
    pub bytes_scanned: Option<u64>,
}

pub struct ErrorFinding {
    pub rule_id: String,
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub secret_redacted: String,
}

/// Runs `cmd` to completion and measures it. `label` names the scanned input
/// in error messages; `out_dir` receives the child's stdout and stderr, which
/// go to files (not pipes) so the JSON can be any size without a reader thread
/// and are left behind for inspection when something fails.
pub fn run(mut cmd: Command, label: &str, out_dir: &Path) -> Result<Measurement> {
    let stdout_path = out_dir.join("stdout.json");
    let stderr_path = out_dir.join("stderr.txt");
    cmd.stdin(Stdio::null()).stdout(create(&stdout_path)?).stderr(create(&stderr_path)?);

    let start = Instant::now();
    let child = cmd.spawn().map_err(|e| format!("cannot start {:?} for {label}: {e}", cmd.get_program()))?;
    let (status, rusage) = wait4(child.id())?;
    let wall = start.elapsed();

    let stderr = fs::read_to_string(&stderr_path).unwrap_or_default();
    check_exit(status, label, &stderr)?;
    let stdout = fs::read(&stdout_path).map_err(|e| format!("reading {}: {e}", stdout_path.display()))?;
    let scan = parse_output(&stdout, label, &stderr, &stdout_path)?;
    Ok(Measurement {
        wall,
        // The CLI's own figure when it printed one (`--stats`): wait4's ru_maxrss also counts
        // what the child had before exec, i.e. a copy of this process. Both in KiB.
        peak_rss: stats_value(&stderr, "peak memory:").unwrap_or(u64::try_from(rusage.ru_maxrss).unwrap_or(0)) * 1024,
        scan,
        bytes_parsed: stats_value(&stderr, "bytes parsed:"),
    })
}

/// A run whose exit status is part of the result (the hostile-input table).
pub struct RawRun {
    /// The exit code, or `signal N`.
    pub exit: String,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub peak_rss: u64,
}

/// Runs `cmd` to completion with its output in files under `out_dir`, whatever its exit.
pub fn run_raw(mut cmd: Command, label: &str, out_dir: &Path) -> Result<RawRun> {
    let stdout_path = out_dir.join("stdout.json");
    let stderr_path = out_dir.join("stderr.txt");
    cmd.stdin(Stdio::null()).stdout(create(&stdout_path)?).stderr(create(&stderr_path)?);
    let child = cmd.spawn().map_err(|e| format!("cannot start {:?} for {label}: {e}", cmd.get_program()))?;
    let (status, rusage) = wait4(child.id())?;
    let exit = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status).to_string()
    } else {
        format!("signal {}", libc::WTERMSIG(status))
    };
    Ok(RawRun {
        exit,
        stdout: fs::read(&stdout_path).unwrap_or_default(),
        stderr: fs::read(&stderr_path).unwrap_or_default(),
        peak_rss: u64::try_from(rusage.ru_maxrss).unwrap_or(0) * 1024,
    })
}

/// A number from `keylint scan --stats` output: the first figure after `label`.
fn stats_value(stderr: &str, label: &str) -> Option<u64> {
    let line = stderr.lines().find_map(|l| l.strip_prefix(label))?;
    line.split_whitespace().next()?.parse().ok()
}

fn create(path: &Path) -> Result<File> {
    File::create(path).map_err(|e| format!("creating {}: {e}", path.display()))
}

/// Reaps the child with `wait4`, the only way to get its own rusage (std's
/// `Child::wait` discards it, and RUSAGE_CHILDREN would mix all runs together).
fn wait4(pid: u32) -> Result<(libc::c_int, libc::rusage)> {
    let pid = libc::pid_t::try_from(pid).map_err(|_| format!("pid {pid} out of range"))?;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain old data, so all-zero is a valid value.
    let mut rusage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: both pointers are to live locals of the right types.
        let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut rusage) };
        if rc == pid {
            return Ok((status, rusage));
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("wait4 on pid {pid}: {err}"));
        }
    }
}

/// Exit 0 (nothing at or above --fail-on) and 1 (findings) are both normal;
/// anything else means the CLI failed or crashed.
fn check_exit(status: libc::c_int, label: &str, stderr: &str) -> Result<()> {
    let why = if libc::WIFEXITED(status) {
        match libc::WEXITSTATUS(status) {
            0 | 1 => return Ok(()),
            code => format!("exited with code {code}"),
        }
    } else if libc::WIFSIGNALED(status) {
        format!("was killed by signal {}", libc::WTERMSIG(status))
    } else {
        format!("ended with wait status {status:#x}")
    };
    Err(format!("keylint {why} while scanning {label}{}", stderr_excerpt(stderr)))
}

fn parse_output(stdout: &[u8], label: &str, stderr: &str, saved: &Path) -> Result<ScanResult> {
    if stdout.iter().all(u8::is_ascii_whitespace) {
        return Err(format!(
            "keylint printed no JSON while scanning {label} \
             (does this build implement `scan --format json`?){}",
            stderr_excerpt(stderr)
        ));
    }
    let json: serde_json::Value = serde_json::from_slice(stdout).map_err(|e| {
        format!("keylint printed unparseable JSON while scanning {label}: {e} (output kept in {})", saved.display())
    })?;
    summarize(&json).map_err(|e| format!("unexpected JSON shape scanning {label}: {e}"))
}

/// Counts findings by severity from the CLI's JSON (docs/output.md: a `findings` array,
/// a `summary` object).
fn summarize(json: &serde_json::Value) -> Result<ScanResult> {
    let findings = json["findings"].as_array().ok_or("no `findings` array at top level")?;
    let mut result = ScanResult {
        findings: json["findings"].clone(),
        files_scanned: json["summary"]["files_scanned"].as_u64(),
        bytes_scanned: json["summary"]["bytes_scanned"].as_u64(),
        ..ScanResult::default()
    };
    for finding in findings {
        match finding["severity"].as_str() {
            Some("error") => {
                result.errors += 1;
                result.error_findings.push(error_finding(finding));
            }
            Some("warning") => result.warnings += 1,
            Some("info") => result.infos += 1,
            other => return Err(format!("finding with severity {other:?}: {finding}")),
        }
    }
    Ok(result)
}

fn error_finding(finding: &serde_json::Value) -> ErrorFinding {
    let text = |key: &str| finding[key].as_str().unwrap_or("?").to_string();
    ErrorFinding {
        rule_id: text("rule_id"),
        file: text("file"),
        line: finding["line"].as_u64().unwrap_or(0),
        column: finding["column"].as_u64().unwrap_or(0),
        secret_redacted: text("secret_redacted"),
    }
}

/// The last few lines of stderr, which is where a panic message ends up.
fn stderr_excerpt(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.trim_end().lines().collect();
    if lines.is_empty() {
        return String::new();
    }
    let tail = &lines[lines.len().saturating_sub(10)..];
    format!("; stderr:\n  {}", tail.join("\n  "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_findings_by_severity() {
        let json = serde_json::json!({
            "version": 1,
            "findings": [
                {"rule_id": "aws", "severity": "error", "file": "a.js",
                 "line": 3, "column": 7, "secret_redacted": "AKIA****WXYZ"},
                {"rule_id": "x", "severity": "warning"},
                {"rule_id": "y", "severity": "info"},
                {"rule_id": "z", "severity": "info"},
            ],
            "summary": {"files_scanned": 1, "bytes_scanned": 10},
        });
        let r = summarize(&json).unwrap();
        assert_eq!((r.errors, r.warnings, r.infos), (1, 1, 2));
        assert_eq!(r.files_scanned, Some(1));
        let e = &r.error_findings[0];
        assert_eq!((e.rule_id.as_str(), e.line, e.column), ("aws", 3, 7));
    }

    #[test]
    fn rejects_output_without_findings() {
        assert!(summarize(&serde_json::json!({"version": 1})).is_err());
        let Err(err) = parse_output(b"\n", "f.js", "", Path::new("out")) else {
            panic!("blank output was accepted");
        };
        assert!(err.contains("printed no JSON while scanning f.js"), "{err}");
    }

    #[test]
    fn reads_figures_from_stats() {
        let stderr = "files scanned:    2\nbytes parsed:     1234 (12.0%; the prefilter skipped 9)\n";
        assert_eq!(stats_value(stderr, "bytes parsed:"), Some(1234));
        assert_eq!(stats_value(stderr, "throughput:"), None);
    }
}
