//! The report: every file's findings and notes, summed up, with secrets found in more than one
//! file (`reused`) and the findings a baseline accepts hidden. What `--format json` prints is
//! this model serialized; the other formats render it.

use crate::baseline::Baseline;
use keylint::{Finding, LineIndex, Note, NoteKind, ScanResult, Severity};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// The report's `version`: raised when its shape changes.
pub const REPORT_VERSION: u32 = 1;

/// Totals and what the user should know about the run.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Summary {
    /// Files read and scanned (binary files skipped are not counted).
    pub files_scanned: usize,
    /// Bytes of those files.
    pub bytes_scanned: u64,
    /// Findings of severity `error`.
    pub errors: usize,
    /// Findings of severity `warning`.
    pub warnings: usize,
    /// Findings of severity `info`.
    pub infos: usize,
    /// Structured notes; the report's JSON has their sentences (strings), as it always had.
    #[serde(serialize_with = "notes_as_text", deserialize_with = "notes_from_either")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub notes: Vec<Note>,
    /// Secrets found in more than one file, once each with all their places.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reused: Vec<Reuse>,
}

/// One secret found in more than one file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Reuse {
    /// The secret's fingerprint (rule and secret).
    pub fingerprint: String,
    /// The rule that found it.
    pub rule_id: String,
    /// The secret, redacted.
    pub secret_redacted: String,
    /// `file:line:column` of each place.
    pub places: Vec<String>,
}

/// One run's report. Serialized, it is the `--format json` document.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Report {
    /// The report format's version ([`REPORT_VERSION`]): 1.
    pub version: u32,
    /// Every finding, file by file in the order the files were given.
    pub findings: Vec<Finding>,
    /// Totals, notes and reuse.
    pub summary: Summary,
    /// The scanned text of each file with findings, for code frames.
    #[serde(skip)]
    pub sources: HashMap<String, Arc<str>>,
    /// The rules the scan ran, custom ones included, for reporters that describe them.
    #[serde(skip)]
    pub rules: Option<Arc<keylint::RuleSet>>,
}

/// What a run adds to its files' own notes: what the walk passed over and could not read.
#[derive(Debug, Default, Clone)]
pub struct RunNotes {
    /// Notes about the walk (loops not followed, special files), after the files' own.
    pub walk: Vec<Note>,
    /// Files skipped as binary, in the order found: one note names the first and counts the rest.
    pub binary: Vec<String>,
    /// Errors of paths that could not be read (the run is incomplete), last.
    pub unread: Vec<String>,
}

impl Report {
    /// The report of per-file results (in report order), with the run's own notes after the
    /// files' notes.
    pub fn new(results: Vec<ScanResult>, run: RunNotes, files: usize, bytes: u64) -> Report {
        let mut findings = Vec::new();
        let mut notes = Vec::new();
        for r in results {
            findings.extend(r.findings);
            notes.extend(r.notes);
        }
        notes.extend(run.walk);
        if let Some(first) = run.binary.first() {
            let mut note = Note::new(NoteKind::BinarySkipped, first.as_str(), "binary, skipped");
            note.count = Some(run.binary.len() - 1);
            notes.push(note);
        }
        notes.extend(run.unread.into_iter().map(|e| Note::new(NoteKind::Unreadable, "", e)));
        let mut report = Report {
            version: REPORT_VERSION,
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
            rules: None,
        };
        report.summarize();
        report
    }

    /// Whether a path could not be read: the report does not cover everything asked for.
    pub fn is_incomplete(&self) -> bool {
        self.summary.notes.iter().any(|n| n.kind == NoteKind::Unreadable)
    }

    /// Removes the findings a baseline accepts, saying how many in a note.
    pub fn hide_baseline(&mut self, baseline: &Baseline, path: &str) {
        let before = self.findings.len();
        self.findings.retain(|f| !baseline.contains(&f.fingerprint));
        let hidden = before - self.findings.len();
        if hidden > 0 {
            let mut note = Note::new(NoteKind::BaselineHidden, path, "");
            note.count = Some(hidden);
            self.summary.notes.push(note);
        }
        self.summarize();
    }

    /// Whether a finding is at or above `threshold` (`None`: never), for `--fail-on`.
    pub fn fails(&self, threshold: Option<Severity>) -> bool {
        threshold.is_some_and(|t| self.findings.iter().any(|f| f.severity >= t))
    }

    /// Restores each finding's byte range in its source (which JSON does not carry) from its
    /// line and column, for a report read back from JSON and rendered with its sources.
    pub fn locate_in_sources(&mut self) {
        let mut indexes: HashMap<String, LineIndex> = HashMap::new();
        for f in &mut self.findings {
            let Some(source) = self.sources.get(&f.file) else { continue };
            let index = indexes.entry(f.file.clone()).or_insert_with(|| LineIndex::new(source));
            let start = offset_of(source, index, f.line, f.column);
            let end = offset_of(source, index, f.end_line, f.end_column).max(start);
            f.byte_range = start..end;
        }
    }

    fn summarize(&mut self) {
        let count = |s: Severity| self.findings.iter().filter(|f| f.severity == s).count();
        self.summary.errors = count(Severity::Error);
        self.summary.warnings = count(Severity::Warning);
        self.summary.infos = count(Severity::Info);
        let mut by_secret: BTreeMap<(&str, &str), Vec<&Finding>> = Default::default();
        for f in &self.findings {
            by_secret.entry((f.fingerprint.as_str(), f.rule_id.as_str())).or_default().push(f);
        }
        self.summary.reused = by_secret
            .into_iter()
            // A bundle and its own source map are one leak, not a reuse.
            .filter(|(_, fs)| {
                let place = |f: &&Finding| f.file.strip_suffix(".map").unwrap_or(&f.file).to_string();
                fs.iter().map(place).collect::<BTreeSet<_>>().len() > 1
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

/// The byte offset of a 1-based line and column (UTF-16 units, as findings count them).
fn offset_of(source: &str, index: &LineIndex, line: u32, column: u32) -> usize {
    if line == 0 {
        return 0;
    }
    let start = index.line_start(line);
    let mut units = 1;
    for (i, c) in index.line_text(line).char_indices() {
        if units >= column {
            return start + i;
        }
        units += c.len_utf16() as u32;
    }
    (start + index.line_text(line).len()).min(source.len())
}

fn notes_as_text<S: serde::Serializer>(notes: &[Note], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(notes.iter().map(|n| n.to_string()))
}

/// Notes read back: the sentences of a JSON report, or structured notes.
fn notes_from_either<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Note>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Text(String),
        Note(Note),
    }
    let notes = Vec::<Either>::deserialize(d)?;
    Ok(notes
        .into_iter()
        .map(|n| match n {
            Either::Text(text) => Note::text(text),
            Either::Note(note) => note,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use keylint::Config;

    const STRIPE: &str = "const stripeKey = \"sk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk4xYzAbCdEfGh\";\n";

    fn scanned(files: &[(&str, &str)]) -> Vec<ScanResult> {
        files.iter().map(|(name, code)| keylint::scan(code, name, &Config::default())).collect()
    }

    #[test]
    fn summary_counts_and_reuse_across_files_but_not_a_bundle_and_its_map() {
        let report = Report::new(scanned(&[("a.js", STRIPE), ("b.js", STRIPE)]), RunNotes::default(), 2, 10);
        assert_eq!((report.summary.files_scanned, report.summary.bytes_scanned), (2, 10));
        assert_eq!(report.summary.errors, 2);
        assert_eq!(report.summary.reused.len(), 1);
        assert_eq!(report.summary.reused[0].places, ["a.js:1:20", "b.js:1:20"]);
        let mut one = scanned(&[("a.js", STRIPE)]);
        let mut twin = one[0].clone();
        twin.findings[0].file = "a.js.map".into();
        one.push(twin);
        assert!(Report::new(one, RunNotes::default(), 2, 10).summary.reused.is_empty());
    }

    #[test]
    fn run_notes_follow_the_files_notes_in_the_cli_order() {
        let run = RunNotes {
            walk: vec![Note::new(NoteKind::NotRegularFile, "fifo", "")],
            binary: vec!["a.png".into(), "b.png".into(), "c.png".into()],
            unread: vec!["x.js: Permission denied (os error 13)".into()],
        };
        let report = Report::new(scanned(&[("bad.js", "const = ;")]), run, 1, 9);
        let text: Vec<String> = report.summary.notes.iter().map(Note::to_string).collect();
        assert_eq!(text.len(), 4, "{text:?}");
        assert!(text[0].starts_with("bad.js: syntax error at 1:"), "{text:?}");
        assert_eq!(
            text[1..],
            [
                "fifo: not a regular file, skipped",
                "a.png and 2 more file(s): binary, skipped",
                "x.js: Permission denied (os error 13), not scanned"
            ]
        );
        assert!(report.is_incomplete());
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["summary"]["notes"][1], "fifo: not a regular file, skipped");
    }

    #[test]
    fn fail_on_maps_each_threshold() {
        let mut report = Report::new(scanned(&[("a.js", STRIPE)]), RunNotes::default(), 1, 1);
        report.findings[0].severity = Severity::Warning;
        assert!(!report.fails(Some(Severity::Error)));
        assert!(report.fails(Some(Severity::Warning)));
        assert!(report.fails(Some(Severity::Info)));
        assert!(!report.fails(None));
        report.findings[0].severity = Severity::Info;
        assert!(!report.fails(Some(Severity::Warning)));
        assert!(report.fails(Some(Severity::Info)));
    }

    #[test]
    fn a_report_read_back_from_json_finds_its_ranges_again() {
        let code = format!("// é 😀\n{STRIPE}");
        let original = Report::new(scanned(&[("a.js", &code)]), RunNotes::default(), 1, 1);
        let mut back: Report = serde_json::from_str(&serde_json::to_string(&original).unwrap()).unwrap();
        assert!(back.findings[0].byte_range.is_empty());
        back.sources.insert("a.js".into(), Arc::from(code.as_str()));
        back.locate_in_sources();
        assert_eq!(back.findings[0].byte_range, original.findings[0].byte_range);
    }
}
