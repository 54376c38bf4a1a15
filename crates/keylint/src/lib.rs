//! keylint's engine: finds hardcoded secrets in JavaScript and TypeScript the way an engine
//! reads them. No I/O and no printing: the CLI, the wasm package and the language server call
//! [`scan`] and present its [`ScanResult`] their own way.
//!
//! The data flows one way: parse → extract candidates (folding how strings are built) →
//! detect (rules) → classify → findings.

pub mod candidate;
pub mod config;
mod detect;
pub mod extract;
pub mod filters;
pub mod finding;
pub mod fold;
mod json;
pub mod line_index;
pub mod parse;
pub mod rules;
mod source_map;
mod text;

pub use candidate::{Candidate, Context, Form};
pub use config::{Allow, Config, ConfigError, ConfigFile};
pub use finding::{Finding, OriginalLocation};
pub use line_index::{LineIndex, Position};
pub use rules::{Class, Rule, RuleSet, RuleSpec, Severity};

use parse::{Language, ParseFailure};

/// The outcome of scanning one source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScanResult {
    /// Sorted by position.
    pub findings: Vec<Finding>,
    /// What the user should know about how the file was read (e.g. a text fallback).
    pub notes: Vec<String>,
}

/// Scans one source file. `path` names it in findings and notes and chooses the parser by
/// extension; sources that are not JS/TS, or do not parse, are scanned as text.
pub fn scan(source: &str, path: &str, config: &Config) -> ScanResult {
    if config.is_path_allowed(path) {
        return ScanResult::default();
    }
    if path.ends_with(".map") {
        if let Some(result) = source_map::scan(source, path, config) {
            return result;
        }
    }
    // A byte-order mark is not part of the program; offsets stay those of the file.
    let (body, base) = match source.strip_prefix('\u{feff}') {
        Some(rest) => (rest, source.len() - rest.len()),
        None => (source, 0),
    };
    let mut notes = Vec::new();
    let index = LineIndex::new(source);
    let candidates = match Language::from_path(path) {
        Some(lang) => match parse::with_program(body, lang, config.max_depth, |p| extract::extract(p, body)) {
            Ok(c) => c,
            Err(failure) => {
                notes.push(fallback_note(path, &failure, &index, base));
                text_candidates(body)
            }
        },
        None => text_candidates(body),
    };
    let detections = detect::detect(body, &candidates, &config.rules);
    let mut findings: Vec<Finding> = detections
        .into_iter()
        .filter_map(|d| {
            let rule = &config.rules.rules()[d.rule];
            let fingerprint = finding::fingerprint(rule.id(), &d.secret);
            if config.disabled.iter().any(|id| id == rule.id())
                || config.allow_fingerprints.contains(&fingerprint)
                || config.allow_values.iter().any(|re| re.is_match(&d.secret))
            {
                return None;
            }
            let cand = &candidates[d.candidate];
            let span = d.span.start + base..d.span.end + base;
            let (start, end) = (index.position(span.start), index.position(span.end));
            let context = cand.context.display();
            Some(Finding {
                rule_id: rule.id().to_string(),
                title: rule.spec.title.clone(),
                severity: config.severity.get(rule.id()).copied().unwrap_or(d.class.default_severity()),
                class: d.class,
                file: path.to_string(),
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                secret_redacted: finding::redact(&d.secret),
                fingerprint,
                form: cand.form,
                message: finding::message(&rule.spec.title, d.class, cand.form, context.as_deref()),
                context,
                original: None,
                remediation: rule.spec.docs.fix.clone(),
                docs_url: rule.spec.docs.url.clone(),
                secret: config.show_secrets.then_some(d.secret),
                byte_range: span,
            })
        })
        .collect();
    findings.sort_by(|a, b| (a.line, a.column, &a.rule_id).cmp(&(b.line, b.column, &b.rule_id)));
    ScanResult { findings, notes }
}

fn text_candidates(body: &str) -> Vec<Candidate> {
    text::candidates(body)
}

fn fallback_note(path: &str, failure: &ParseFailure, index: &LineIndex, base: usize) -> String {
    match failure {
        ParseFailure::Syntax { offset, message } => {
            let p = index.position(offset + base);
            format!("{path}: syntax error at {}:{} ({message}), scanned as plain text", p.line, p.column)
        }
        ParseFailure::TooDeep { depth, limit } => {
            format!("{path}: nesting about {depth} levels deep (limit {limit}), scanned as plain text")
        }
    }
}
