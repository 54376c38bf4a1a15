//! keylint's engine: finds hardcoded secrets in JavaScript and TypeScript the way an engine
//! reads them. No I/O and no printing: the CLI, the wasm package and the language server call
//! [`scan`] and present its [`ScanResult`] their own way.
//!
//! The data flows one way: parse → extract candidates (folding how strings are built) →
//! detect (rules) → classify → findings.

pub mod candidate;
pub mod config;
mod data_url;
mod detect;
pub mod env;
pub mod extract;
pub mod filters;
pub mod finding;
mod floor;
pub mod fold;
pub mod hosts;
mod html;
mod ignore;
mod json;
pub mod line_index;
pub mod original;
pub mod parse;
mod prefilter;
mod read;
pub mod rules;
pub mod sinks;
mod source_map;
mod text;

pub use candidate::{Candidate, Context, Form};
pub use config::{Allow, Config, ConfigError, ConfigFile};
pub use finding::{Finding, OriginalLocation};
pub use line_index::{LineIndex, Position};
pub use rules::{Class, Rule, RuleSet, RuleSpec, Severity};

/// The outcome of scanning one source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScanResult {
    /// Sorted by position.
    pub findings: Vec<Finding>,
    /// What the user should know about how the file was read (e.g. a text fallback).
    pub notes: Vec<String>,
    /// Bytes of code the prefilter spared the parser (blocks that cannot hold a finding).
    pub bytes_skipped: usize,
}

/// Scans one source file. `path` names it in findings and notes and chooses how to read it:
/// JS/TS through the AST, HTML by its scripts and attributes, JSON by its keys, source maps by
/// their embedded sources, anything else (or code that does not parse) as text.
pub fn scan(source: &str, path: &str, config: &Config) -> ScanResult {
    if config.is_path_allowed(path) {
        return ScanResult::default();
    }
    if path.ends_with(".map") {
        if let Some(result) = source_map::scan(source, path, config) {
            return result;
        }
    }
    let index = LineIndex::new(source);
    let mut notes = Vec::new();
    let mut bytes_skipped = 0;
    let candidates = read::candidates(source, path, config, &index, &mut notes, &mut bytes_skipped);
    let detections = detect::detect(source, path, &candidates, &config.rules);
    let build = FindingBuilder { source_path: path, config, index: &index };
    let mut findings = Vec::new();
    for d in detections {
        let rule = &config.rules.rules()[d.rule].spec;
        let cand = &candidates[d.candidate];
        let Some(f) = build.finding(rule, d.class, d.secret, d.span, cand) else { continue };
        // A credential on its way to a plain-HTTP endpoint is a second problem of its own.
        let insecure = cand.context.url.as_deref().is_some_and(is_plain_http) && f.class != Class::Publishable;
        if insecure {
            let spec = rules::spec_by_id(&config.rules, "credential-over-http").expect("special rule exists");
            let secret = f.secret.clone().unwrap_or_default();
            let again = build.finding(spec, spec.class, secret, f.byte_range.clone(), cand);
            findings.extend(again.map(|mut g| {
                g.fingerprint = finding::fingerprint(&g.rule_id, &f.fingerprint);
                g.secret_redacted = f.secret_redacted.clone();
                g
            }));
        }
        findings.push(f);
    }
    // Key material no rule named: the call it reaches says what it is.
    let reported: Vec<_> = findings.iter().map(|f| f.byte_range.clone()).collect();
    if let Some(spec) = rules::spec_by_id(&config.rules, sinks::KEY_MATERIAL_RULE) {
        for (ci, span) in sinks::key_material(&candidates, &reported, source) {
            let secret = candidates[ci].value.clone();
            findings.extend(build.finding(spec, spec.class, secret, span, &candidates[ci]));
        }
    }
    if !config.server_values.is_empty() {
        let spec = rules::spec_by_id(&config.rules, "server-env-value").expect("special rule exists");
        for (vi, ci, span) in env::find(source, &candidates, &config.server_values) {
            let value = &config.server_values[vi];
            let mut cand = candidates[ci].clone();
            cand.context.name.get_or_insert_with(|| value.name.clone());
            findings.extend(build.finding(spec, spec.class, value.value.clone(), span, &cand).map(|mut f| {
                f.message = format!("{} (`{}` from the env file)", f.message, value.name);
                f
            }));
        }
    }
    if config.inline_ignores {
        findings.retain(|f| !ignore::is_ignored(source, &index, f));
    }
    findings.sort_by(|a, b| (a.line, a.column, &a.rule_id).cmp(&(b.line, b.column, &b.rule_id)));
    ScanResult { findings, notes, bytes_skipped }
}

fn is_plain_http(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("http://") else { return false };
    let host = rest.split(['/', ':', '?', '#']).next().unwrap_or("");
    !matches!(host, "localhost" | "127.0.0.1" | "[::1]" | "0.0.0.0") && !host.ends_with(".localhost")
}

/// Turns a detection into what users see, applying the user's choices about rules.
struct FindingBuilder<'a> {
    source_path: &'a str,
    config: &'a Config,
    index: &'a LineIndex<'a>,
}

impl FindingBuilder<'_> {
    fn finding(
        &self,
        rule: &RuleSpec,
        class: Class,
        secret: String,
        span: std::ops::Range<usize>,
        cand: &Candidate,
    ) -> Option<Finding> {
        let config = self.config;
        let fingerprint = finding::fingerprint(&rule.id, &secret);
        if config.disabled.contains(&rule.id)
            || config.allow_fingerprints.contains(&fingerprint)
            || config.allow_values.iter().any(|re| re.is_match(&secret))
        {
            return None;
        }
        let (start, end) = (self.index.position(span.start), self.index.position(span.end));
        // A key also used as a name (`tenants["sk_live_…"] = …`) must not show in the context.
        // (Some findings carry no secret of their own: nothing to hide then.)
        let context = cand.context.display().map(|c| {
            if secret.is_empty() {
                c
            } else {
                c.replace(secret.as_str(), &finding::redact(&secret))
            }
        });
        Some(Finding {
            rule_id: rule.id.clone(),
            title: rule.title.clone(),
            severity: config.severity.get(&rule.id).copied().unwrap_or(class.default_severity()),
            class,
            file: self.source_path.to_string(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            secret_redacted: finding::redact(&secret),
            fingerprint,
            form: cand.form,
            message: finding::message(&rule.title, class, cand.form, context.as_deref(), rule.docs.impact.as_deref()),
            context,
            original: None,
            remediation: rule.docs.fix.clone(),
            docs_url: rule.docs.url.clone(),
            secret: config.show_secrets.then_some(secret),
            byte_range: span,
        })
    }
}
