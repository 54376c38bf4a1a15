//! One report, several renderings. Reporters only format what the engine found; none of them
//! scans anything again.

mod github;
mod json;
mod pretty;
mod sarif;

use keylint::{Finding, ScanResult, Severity};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// A code frame per finding (colour on a TTY).
    Pretty,
    /// One JSON document, as docs/output.md describes.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct Summary {
    pub files_scanned: usize,
    pub bytes_scanned: u64,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub notes: Vec<String>,
    /// Secrets found in more than one file, once each with all their places.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reused: Vec<Reuse>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct Reuse {
    pub fingerprint: String,
    pub rule_id: String,
    pub secret_redacted: String,
    /// `file:line:column` of each place.
    pub places: Vec<String>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct Report {
    pub version: u32,
    pub findings: Vec<Finding>,
    pub summary: Summary,
    /// The scanned text of each file with findings, for code frames.
    #[serde(skip)]
    pub sources: std::collections::HashMap<String, std::sync::Arc<str>>,
    /// The notes that say a path could not be read: the run is incomplete.
    #[serde(skip)]
    pub unread: Vec<String>,
    /// The rules the scan ran, custom ones included, for reporters that describe them.
    #[serde(skip)]
    pub rules: Option<std::sync::Arc<keylint::RuleSet>>,
}

impl Report {
    pub fn new(results: Vec<(String, ScanResult)>, walk_notes: Vec<String>, files: usize, bytes: u64) -> Report {
        let mut findings = Vec::new();
        let mut notes = Vec::new();
        for (_, r) in results {
            findings.extend(r.findings);
            notes.extend(r.notes);
        }
        notes.extend(walk_notes);
        let mut report = Report {
            version: 1,
            findings,
            summary: Summary {
                files_scanned: files,
                bytes_scanned: bytes,
                errors: 0,
                warnings: 0,
                infos: 0,
                notes,
                reused: Vec::new(),
            },
            sources: Default::default(),
            unread: Vec::new(),
            rules: None,
        };
        report.summarize();
        report
    }

    /// Removes findings the user has accepted, saying how many in a note.
    pub fn hide(&mut self, hidden: impl Fn(&Finding) -> bool, why: &str) {
        let before = self.findings.len();
        self.findings.retain(|f| !hidden(f));
        let n = before - self.findings.len();
        if n > 0 {
            self.summary.notes.push(format!("{n} finding(s) {why}"));
        }
        self.summarize();
    }

    fn summarize(&mut self) {
        let count = |s: Severity| self.findings.iter().filter(|f| f.severity == s).count();
        self.summary.errors = count(Severity::Error);
        self.summary.warnings = count(Severity::Warning);
        self.summary.infos = count(Severity::Info);
        let mut by_secret: std::collections::BTreeMap<(&str, &str), Vec<&Finding>> = Default::default();
        for f in &self.findings {
            by_secret.entry((f.fingerprint.as_str(), f.rule_id.as_str())).or_default().push(f);
        }
        self.summary.reused = by_secret
            .into_iter()
            // A bundle and its own source map are one leak, not a reuse.
            .filter(|(_, fs)| {
                let place = |f: &&Finding| f.file.strip_suffix(".map").unwrap_or(&f.file).to_string();
                fs.iter().map(place).collect::<std::collections::BTreeSet<_>>().len() > 1
            })
            .map(|((fingerprint, rule_id), fs)| Reuse {
                fingerprint: fingerprint.to_string(),
                rule_id: rule_id.to_string(),
                secret_redacted: fs[0].secret_redacted.clone(),
                places: fs.iter().map(|f| format!("{}:{}:{}", f.file, f.line, f.column)).collect(),
            })
            .collect();
    }
}

pub fn write(report: &Report, format: Format, out: &mut dyn Write, color: bool, show_secrets: bool) -> io::Result<()> {
    match format {
        Format::Pretty => pretty::write(report, out, color, show_secrets),
        Format::Json => json::write(report, out),
        Format::Sarif => sarif::write(report, out, show_secrets),
        Format::Github => github::write(report, out),
    }
}
