//! The pipeline: runs the stages in order for one file (read → parse → extract → fold →
//! detect → classify → findings) and applies the user's policy. The only module that knows
//! every stage; the stages know only those before them.

mod dev_credentials;
mod identifiers;
mod keystore;
mod read;
pub mod source_tree;

use crate::candidate::{Candidate, Form};
use crate::config::Config;
use crate::detect::{self, key_material};
use crate::finding::{self, ignore, Finding, OriginalLocation, ScanResult};
use crate::input::source_map::{self, EmbeddedSource};
use crate::line_index::LineIndex;
use crate::rules::{self, Class, FileGate, RuleSet, RuleSpec};

/// Scans one source file. `path` names it in findings and notes and chooses how to read it:
/// JS/TS through the AST, HTML by its scripts and attributes, JSON by its keys, source maps by
/// their embedded sources, anything else (or code that does not parse) as text.
pub fn scan(source: &str, path: &str, config: &Config) -> ScanResult {
    if config.policy.is_path_allowed(path) {
        return ScanResult::default();
    }
    if source_tree::is_keystore(path) {
        return keystore::scan(path, config);
    }
    // An empty file (a `.json` placeholder, an empty module) holds nothing and needs no note.
    if source.trim_start_matches('\u{feff}').trim().is_empty() {
        return ScanResult::default();
    }
    if path.ends_with(".map") {
        if let Some(sources) = source_map::sources(source) {
            return scan_map(source, path, sources, config);
        }
    }
    scan_file(source, path, config)
}

/// A source map's embedded sources, each scanned as the file it was; findings point into the
/// map, with the original file and position in `original`.
fn scan_map(map_text: &str, path: &str, sources: Vec<EmbeddedSource>, config: &Config) -> ScanResult {
    let index = LineIndex::new(map_text);
    let mut result = ScanResult::default();
    for source in sources {
        if config.policy.is_path_allowed(&source.path) {
            continue;
        }
        let inner = scan_file(&source.content, &source.path, config);
        result.notes.extend(inner.notes.into_iter().map(|mut n| {
            // A map inside a map's sources: the outer one is named first, as the sentence reads.
            n.within = Some(match n.within.take() {
                Some(inner) => format!("{path} (sourcesContent): {inner}"),
                None => path.to_string(),
            });
            n
        }));
        for f in inner.findings {
            result.findings.push(in_map(f, &source, map_text, &index, path));
        }
    }
    result
}

/// A finding in an embedded source, as the map shows it: where the map holds its text, with
/// the source's own position as `original`.
fn in_map(f: Finding, source: &EmbeddedSource, map_text: &str, index: &LineIndex, path: &str) -> Finding {
    let snippet = source.content.get(f.byte_range.clone()).unwrap_or_default();
    let range = source_map::span_in_map(map_text, snippet);
    let (start, end) = (index.position(range.start), index.position(range.end));
    Finding {
        file: path.to_string(),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        form: Form::SourceMap,
        // The same message, placed in the source map (the rule's own words about the key kept).
        message: f.message.replacen(
            &format!(" in {}", f.form.describe()),
            &format!(" in {}", Form::SourceMap.describe()),
            1,
        ),
        original: Some(OriginalLocation { file: source.path.clone(), line: f.line, column: f.column }),
        byte_range: range,
        ..f
    }
}

/// One source the reader read, with what it made of it: the engine's own fixtures
/// (`tests/extract.rs`) snapshot this, so that extraction, folding and context are tested
/// apart from the rules. Not a stable API.
#[derive(Debug)]
pub struct ReadSource {
    /// The file's path; for a source map, the embedded source's.
    pub path: String,
    /// The text the candidates' spans point into.
    pub text: String,
    /// Every candidate, before detection.
    pub candidates: Vec<Candidate>,
    /// What the reader noted (a text fallback, …).
    pub notes: Vec<crate::note::Note>,
}

/// The candidates `scan` would hand to detection for `source`: one entry, or one per embedded
/// source of a source map.
pub fn read_candidates(source: &str, path: &str, config: &Config) -> Vec<ReadSource> {
    let read_one = |text: &str, path: &str| {
        let index = LineIndex::new(text);
        let (mut notes, mut skipped) = (Vec::new(), 0);
        let detector = Detector(&config.engine.rules);
        let candidates = read::candidates(text, path, &config.engine, &detector, &index, &mut notes, &mut skipped);
        ReadSource { path: path.to_string(), text: text.to_string(), candidates, notes }
    };
    match path.ends_with(".map").then(|| source_map::sources(source)).flatten() {
        Some(sources) => sources.iter().map(|s| read_one(&s.content, &s.path)).collect(),
        None => vec![read_one(source, path)],
    }
}

/// What the prefilter asks of detection, given to the reader (which comes before detection).
struct Detector<'a>(&'a RuleSet);

impl read::CouldDetect for Detector<'_> {
    fn in_code<'s>(&'s self, code: &str) -> Box<dyn FnMut(&str) -> bool + 's> {
        let rules = self.0;
        let gate: FileGate = rules.file_gate(code);
        let mut scratch = Vec::new();
        Box::new(move |value| detect::could_detect(value, rules, &gate, &mut scratch))
    }
}

/// One file (not a source map): read into candidates, detect, classify, apply the policy.
fn scan_file(source: &str, path: &str, config: &Config) -> ScanResult {
    let (engine, policy) = (&config.engine, &config.policy);
    let index = LineIndex::new(source);
    let mut notes = Vec::new();
    let mut bytes_skipped = 0;
    let detector = Detector(&engine.rules);
    let candidates = read::candidates(source, path, engine, &detector, &index, &mut notes, &mut bytes_skipped);
    let detections = detect::detect(source, path, &candidates, &engine.rules);
    let build = FindingBuilder { source_path: path, config, index: &index };
    let in_output = source_tree::in_output(path, config);
    let mut findings = Vec::new();
    let mut dev_sets = Vec::new();
    for d in detections {
        let rule = &engine.rules.rules()[d.rule].spec;
        let cand = &candidates[d.candidate];
        // A file is "shipped" only from build output; in a source tree its values speak.
        if rule.family == "files" && !in_output {
            continue;
        }
        let place = dev_credentials::Place {
            value: &cand.value,
            callee: cand.context.callee.as_deref(),
            path,
            in_output,
            generic: rule.fallback,
        };
        let dev_only = (rule.family != "files").then(|| dev_credentials::reason(&d.secret, &place)).flatten();
        let documented = dev_credentials::documented_key(&d.secret, &cand.value).is_some();
        let Some(mut f) = build.finding(rule, d.class, d.secret, d.span, cand) else { continue };
        if let (true, Some(name)) = (documented, &f.context) {
            dev_sets.push((f.rule_id.clone(), name.clone()));
        }
        if let Some(why) = dev_only {
            dev_credentials::at_most_info(&mut f, &why);
        }
        // A credential on its way to a plain-HTTP endpoint is a second problem of its own.
        let insecure = cand.context.url.as_deref().is_some_and(is_plain_http) && f.class != Class::Publishable;
        if insecure {
            let spec = rules::spec_by_id(&engine.rules, "credential-over-http").expect("special rule exists");
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
    if let Some(spec) = rules::spec_by_id(&engine.rules, key_material::KEY_MATERIAL_RULE) {
        for (ci, span) in key_material::key_material(&candidates, &reported, source) {
            let secret = candidates[ci].value.clone();
            findings.extend(build.finding(spec, spec.class, secret, span, &candidates[ci]));
        }
    }
    if !engine.server_values.is_empty() {
        let spec = rules::spec_by_id(&engine.rules, "server-env-value").expect("special rule exists");
        for (vi, ci, span) in detect::env::find(source, &candidates, &engine.server_values) {
            let value = &engine.server_values[vi];
            let mut cand = candidates[ci].clone();
            cand.context.name.get_or_insert_with(|| value.name.clone());
            findings.extend(build.finding(spec, spec.class, value.value.clone(), span, &cand).map(|mut f| {
                f.message = format!("{} (`{}` from the env file)", f.message, value.name);
                f
            }));
        }
    }
    if policy.inline_ignores {
        findings.retain(|f| !ignore::is_ignored(source, &index, f));
    }
    identifiers::lower_lone_identifiers(&mut findings);
    dev_credentials::lower_development_sets(&mut findings, &dev_sets);
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
        let policy = &self.config.policy;
        let fingerprint = finding::fingerprint(&rule.id, &secret);
        if policy.disabled.contains(&rule.id)
            || policy.allow_fingerprints.contains(&fingerprint)
            || policy.allow_values.iter().any(|re| re.is_match(&secret))
            || policy.rule_paths.iter().any(|(id, re)| *id == rule.id && !re.is_match(self.source_path))
            || policy.gitleaks_allows.iter().any(|a| a.allows(&rule.id, &secret, &cand.value, self.source_path))
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
            severity: policy.severity.get(&rule.id).copied().unwrap_or(class.default_severity()),
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
            secret: policy.show_secrets.then_some(secret),
            byte_range: span,
        })
    }
}
