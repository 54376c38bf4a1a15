//! One report, several renderings. Reporters only format what the engine found; none of them
//! scans anything again.

mod json;
mod pretty;

use keylint::{Finding, ScanResult, Severity};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Pretty,
    Json,
}

#[derive(Serialize)]
pub struct Summary {
    pub files_scanned: usize,
    pub bytes_scanned: u64,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub notes: Vec<String>,
}

#[derive(Serialize)]
pub struct Report {
    pub version: u32,
    pub findings: Vec<Finding>,
    pub summary: Summary,
    /// The scanned text of each file with findings, for code frames.
    #[serde(skip)]
    pub sources: std::collections::HashMap<String, std::sync::Arc<str>>,
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
        let count = |s: Severity| findings.iter().filter(|f: &&Finding| f.severity == s).count();
        let summary = Summary {
            files_scanned: files,
            bytes_scanned: bytes,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            notes,
        };
        Report { version: 1, findings, summary, sources: Default::default() }
    }
}

pub fn write(report: &Report, format: Format, out: &mut dyn Write, color: bool, show_secrets: bool) -> io::Result<()> {
    match format {
        Format::Pretty => pretty::write(report, out, color, show_secrets),
        Format::Json => json::write(report, out),
    }
}
