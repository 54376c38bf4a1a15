//! `--format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
//!
//! The log is built from typed structs, so its shape is checked when this compiles; the black-box
//! tests (tests/formats.rs) also validate it against the OASIS SARIF 2.1.0 JSON schema.
//!
//! - `tool.driver.rules` lists every built-in rule in catalogue order, as `keylint rules` does (so
//!   `ruleIndex` is stable), then any rule a result needs that the catalogue lacks (custom rules
//!   from `keylint.toml`).
//! - A rule's `security-severity` follows its class. A result whose class differs from its rule's
//!   (a Firebase web `apiKey` is `publishable` although the Google API key rule is `secret`) is
//!   reported under a variant rule `{rule}/{class}`, so code scanning does not rate a public key
//!   as critical.
//! - Columns are UTF-16 code units, 1-based, end exclusive: keylint's own, so `columnKind` says so.
//! - The secret is only in `properties.secret`, and only with `--show-secrets`.

use crate::Report;
use keylint::rules::{spec_by_id, special_specs};
use keylint::{Class, Finding, NoteKind, OriginalLocation, RuleSet, RuleSpec, Severity};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");
const SRCROOT: &str = "%SRCROOT%";
/// Names the fingerprint scheme: bump it if `finding::fingerprint` ever changes.
const FINGERPRINT_KEY: &str = "keylint/v1";

pub fn write(report: &Report, out: &mut dyn Write, show_secrets: bool) -> io::Result<()> {
    let log = build(report, &RuleSet::builtin(), show_secrets);
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

// ---------------------------------------------------------------------------------------------
// The SARIF 2.1.0 object model: only the parts keylint fills, with the spec's property names.

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    invocations: [Invocation<'a>; 1],
    column_kind: ColumnKind,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: ToolComponent,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ToolComponent {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: String,
    name: String,
    short_description: MultiformatMessage,
    full_description: MultiformatMessage,
    help: MultiformatMessage,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    default_configuration: ReportingConfiguration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct MultiformatMessage {
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    markdown: Option<String>,
}

#[derive(Serialize)]
struct ReportingConfiguration {
    level: Level,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<String>,
    /// GitHub code scanning reads it as a CVSS-like score: >= 9.0 critical, >= 7.0 high,
    /// >= 4.0 medium, else low.
    #[serde(rename = "security-severity")]
    security_severity: &'static str,
    provider: String,
    class: Class,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification<'a>>,
}

#[derive(Serialize)]
struct Notification<'a> {
    level: Level,
    message: Message<'a>,
}

#[derive(Serialize)]
enum ColumnKind {
    #[serde(rename = "utf16CodeUnits")]
    Utf16CodeUnits,
}

#[derive(Clone, Copy, Serialize)]
#[serde(rename_all = "lowercase")]
enum Level {
    Error,
    Warning,
    Note,
}

impl From<Severity> for Level {
    fn from(s: Severity) -> Level {
        match s {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
            Severity::Info => Level::Note,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: String,
    rule_index: usize,
    level: Level,
    message: Message<'a>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    partial_fingerprints: BTreeMap<&'static str, &'a str>,
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
struct Message<'a> {
    text: std::borrow::Cow<'a, str>,
}

impl<'a> Message<'a> {
    fn new(text: impl Into<std::borrow::Cow<'a, str>>) -> Message<'a> {
        Message { text: text.into() }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<u32>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<u32>,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    class: Class,
    form: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    context: Option<&'a str>,
    secret_redacted: &'a str,
    /// As the source map names it (relative to the map), uninterpreted.
    #[serde(skip_serializing_if = "Option::is_none")]
    original: Option<&'a OriginalLocation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    secret: Option<&'a str>,
}

// ---------------------------------------------------------------------------------------------

fn build<'a>(report: &'a Report, builtin: &RuleSet, show_secrets: bool) -> Log<'a> {
    let catalogue = builtin.rules().iter().map(|r| &r.spec).chain(special_specs());
    let mut rules: Vec<ReportingDescriptor> = catalogue.map(|spec| descriptor(spec, None)).collect();
    let mut index: HashMap<String, usize> = rules.iter().enumerate().map(|(i, d)| (d.id.clone(), i)).collect();

    let results = report
        .findings
        .iter()
        .map(|f| {
            // A custom rule (from keylint.toml) is described from its own entry, docs and all.
            let rule = spec_by_id(builtin, &f.rule_id)
                .or_else(|| report.rules.as_deref().and_then(|r| spec_by_id(r, &f.rule_id)));
            let variant = rule.is_some_and(|spec| spec.class != f.class);
            let rule_id = if variant { format!("{}/{}", f.rule_id, f.class.as_str()) } else { f.rule_id.clone() };
            let rule_index = *index.entry(rule_id.clone()).or_insert_with(|| {
                rules.push(match rule {
                    Some(spec) => descriptor(spec, Some(f.class)),
                    None => custom_descriptor(f),
                });
                rules.len() - 1
            });
            // A `[severity]` override is the user's rating of the rule: code scanning ranks alerts
            // by the rule's security-severity, which must follow it, not the class's.
            if f.severity != f.class.default_severity() {
                let d = &mut rules[rule_index];
                d.default_configuration.level = f.severity.into();
                d.properties.security_severity = severity_score(f.severity);
            }
            result(f, rule_id, rule_index, show_secrets)
        })
        .collect();

    let notifications = report
        .summary
        .notes
        .iter()
        .map(|note| {
            let level = if note.kind == NoteKind::Unreadable { Level::Error } else { Level::Note };
            Notification { level, message: Message::new(note.to_string()) }
        })
        .collect();

    Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: ToolComponent {
                    name: "keylint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: INFORMATION_URI,
                    rules,
                },
            },
            invocations: [Invocation {
                execution_successful: !report.is_incomplete(),
                tool_execution_notifications: notifications,
            }],
            column_kind: ColumnKind::Utf16CodeUnits,
            results,
        }],
    }
}

fn result<'a>(f: &'a Finding, rule_id: String, rule_index: usize, show_secrets: bool) -> SarifResult<'a> {
    let location = Location {
        id: None,
        physical_location: PhysicalLocation {
            artifact_location: artifact_location(&f.file),
            region: Region {
                start_line: f.line,
                start_column: f.column,
                end_line: Some(f.end_line),
                end_column: Some(f.end_column),
            },
        },
        message: None,
    };
    let related_locations = f
        .original
        .as_ref()
        .and_then(|o| {
            let path = resolve_original(&f.file, &o.file)?;
            Some(Location {
                id: Some(1),
                physical_location: PhysicalLocation {
                    artifact_location: artifact_location(&path),
                    region: Region { start_line: o.line, start_column: o.column, end_line: None, end_column: None },
                },
                message: Some(Message::new("original source (from the source map)")),
            })
        })
        .into_iter()
        .collect();
    SarifResult {
        rule_id,
        rule_index,
        level: f.severity.into(),
        message: Message::new(format!("{} ({})", f.message, f.secret_redacted)),
        locations: [location],
        related_locations,
        partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, f.fingerprint.as_str())]),
        properties: ResultProperties {
            class: f.class,
            form: f.form.as_str(),
            context: f.context.as_deref(),
            secret_redacted: &f.secret_redacted,
            original: f.original.as_ref(),
            secret: if show_secrets { f.secret.as_deref() } else { None },
        },
    }
}

/// A catalogue rule; with `class`, the variant for results classed otherwise than the rule.
fn descriptor(s: &RuleSpec, class: Option<Class>) -> ReportingDescriptor {
    let class = class.unwrap_or(s.class);
    let (id, short) = if class == s.class {
        (s.id.clone(), s.title.clone())
    } else {
        (format!("{}/{}", s.id, class.as_str()), format!("{} ({} in this context)", s.title, class.as_str()))
    };
    let d = &s.docs;
    let mut text = format!(
        "{}\n\nWhy it matters in a browser: {}\n\nHow to fix and rotate: {}",
        d.what.trim(),
        d.why.trim(),
        d.fix.trim()
    );
    let mut markdown = format!(
        "{}\n\n**Why it matters in a browser.** {}\n\n**How to fix and rotate.** {}",
        d.what.trim(),
        d.why.trim(),
        d.fix.trim()
    );
    let help_uri = web_url(&d.url);
    if let Some(url) = &help_uri {
        text.push_str(&format!("\n\nDocs: {url}"));
        markdown.push_str(&format!("\n\n[{} documentation]({url})", s.provider));
    }
    ReportingDescriptor {
        name: pascal_case(&id),
        id,
        short_description: MultiformatMessage { text: short, markdown: None },
        full_description: MultiformatMessage { text: d.what.trim().to_string(), markdown: None },
        help: MultiformatMessage { text, markdown: Some(markdown) },
        help_uri,
        default_configuration: ReportingConfiguration { level: class.default_severity().into() },
        properties: RuleProperties {
            tags: tags(&s.family, class),
            security_severity: security_severity(class),
            provider: s.provider.clone(),
            class,
        },
    }
}

/// A rule the built-in catalogue does not have (a custom rule from `keylint.toml`): described
/// from what its finding carries.
fn custom_descriptor(f: &Finding) -> ReportingDescriptor {
    let help_uri = web_url(&f.docs_url);
    let mut text = format!("How to fix and rotate: {}", f.remediation.trim());
    let mut markdown = format!("**How to fix and rotate.** {}", f.remediation.trim());
    if let Some(url) = &help_uri {
        text.push_str(&format!("\n\nDocs: {url}"));
        markdown.push_str(&format!("\n\n[Documentation]({url})"));
    }
    ReportingDescriptor {
        id: f.rule_id.clone(),
        name: pascal_case(&f.rule_id),
        short_description: MultiformatMessage { text: f.title.clone(), markdown: None },
        full_description: MultiformatMessage { text: f.title.clone(), markdown: None },
        help: MultiformatMessage { text, markdown: Some(markdown) },
        help_uri,
        default_configuration: ReportingConfiguration { level: f.class.default_severity().into() },
        properties: RuleProperties {
            tags: tags("custom", f.class),
            security_severity: security_severity(f.class),
            provider: "custom".to_string(),
            class: f.class,
        },
    }
}

fn tags(family: &str, class: Class) -> Vec<String> {
    let mut tags = vec!["security".to_string(), "secrets".to_string(), family.to_string(), class.as_str().to_string()];
    if class != Class::Publishable {
        // CWE-798: use of hard-coded credentials (code scanning shows it as a CWE link).
        tags.push("external/cwe/cwe-798".to_string());
    }
    tags
}

fn security_severity(class: Class) -> &'static str {
    severity_score(class.default_severity())
}

/// GitHub's scale: 9.0 and up is critical, 4.0–6.9 medium, under 4.0 low.
fn severity_score(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "9.0",
        Severity::Warning => "5.0",
        Severity::Info => "1.0",
    }
}

fn web_url(url: &str) -> Option<String> {
    let url = url.trim();
    (url.starts_with("https://") || url.starts_with("http://")).then(|| url.to_string())
}

/// `stripe-secret-key` → `StripeSecretKey`; a variant's `/class` becomes a suffix.
fn pascal_case(id: &str) -> String {
    id.split(['-', '_', '/'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|first| first.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
        })
        .collect()
}

/// A scanned path as a SARIF artifact location: relative paths are URI references against
/// `%SRCROOT%` (the directory keylint ran in), absolute ones `file:` URIs.
fn artifact_location(path: &str) -> ArtifactLocation {
    let path = path.replace('\\', "/");
    if path.starts_with('/') {
        ArtifactLocation { uri: format!("file://{}", encode_path(&path, true)), uri_base_id: None }
    } else if is_drive_path(&path) {
        ArtifactLocation { uri: format!("file:///{}", encode_path(&path, true)), uri_base_id: None }
    } else {
        let mut rel = path.as_str();
        while let Some(rest) = rel.strip_prefix("./") {
            rel = rest;
        }
        ArtifactLocation { uri: encode_path(rel, false), uri_base_id: Some(SRCROOT) }
    }
}

fn is_drive_path(path: &str) -> bool {
    let b = path.as_bytes();
    b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'/'
}

/// Percent-encodes what may not stand in a URI path (RFC 3986 `pchar` and `/` pass). A colon
/// is only left alone in absolute URIs: in a relative reference it could read as a scheme.
fn encode_path(path: &str, keep_colon: bool) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/' | b'!' | b'$' | b'&' | b'\'' | b'(' | b')')
            || matches!(b, b'*' | b'+' | b',' | b';' | b'=' | b'@')
            || (keep_colon && b == b':');
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Where a source map's `sources` entry points, as a path like the scanned ones: source map
/// paths are relative to the map, so they are joined to its folder. Virtual sources
/// (`<define:…>`) and other schemes (`webpack://`) have no file to point at.
fn resolve_original(map_file: &str, source: &str) -> Option<String> {
    let source = source.replace('\\', "/");
    if source.is_empty() || source.starts_with('<') || (has_scheme(&source) && !is_drive_path(&source)) {
        return None;
    }
    if source.starts_with('/') || is_drive_path(&source) {
        return Some(source);
    }
    let map_file = map_file.replace('\\', "/");
    let dir = map_file.rfind('/').map_or("", |i| &map_file[..i]);
    let absolute = dir.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in dir.split('/').chain(source.split('/')) {
        match seg {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            ".." if absolute => {}
            _ => parts.push(seg),
        }
    }
    let joined = parts.join("/");
    Some(if absolute { format!("/{joined}") } else { joined })
}

fn has_scheme(s: &str) -> bool {
    let Some(colon) = s.find(':') else { return false };
    let scheme = &s[..colon];
    scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(uri: &str, base: Option<&'static str>) -> ArtifactLocation {
        ArtifactLocation { uri: uri.to_string(), uri_base_id: base }
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(artifact_location("dist/assets/a.js"), loc("dist/assets/a.js", Some(SRCROOT)));
        assert_eq!(artifact_location("./dist\\a b.js"), loc("dist/a%20b.js", Some(SRCROOT)));
        assert_eq!(artifact_location("app/[id]/50%#?.js"), loc("app/%5Bid%5D/50%25%23%3F.js", Some(SRCROOT)));
        assert_eq!(artifact_location("a:b.js"), loc("a%3Ab.js", Some(SRCROOT)));
        assert_eq!(artifact_location("dist/é.js"), loc("dist/%C3%A9.js", Some(SRCROOT)));
        assert_eq!(artifact_location("/srv/www/a.js"), loc("file:///srv/www/a.js", None));
        assert_eq!(artifact_location("C:\\site\\a.js"), loc("file:///C:/site/a.js", None));
    }

    #[test]
    fn map_sources_resolve_against_the_map() {
        let map = "fixtures/demo/assets/index.js.map";
        assert_eq!(
            resolve_original(map, "../../demo-src/src/payments.ts").as_deref(),
            Some("fixtures/demo-src/src/payments.ts")
        );
        assert_eq!(resolve_original(map, "./x.ts").as_deref(), Some("fixtures/demo/assets/x.ts"));
        assert_eq!(resolve_original("a.js.map", "../../src/x.ts").as_deref(), Some("../../src/x.ts"));
        assert_eq!(resolve_original("/srv/a.js.map", "../../x.ts").as_deref(), Some("/x.ts"));
        assert_eq!(resolve_original(map, "<define:import.meta.env>"), None);
        assert_eq!(resolve_original(map, "webpack://app/./src/x.ts"), None);
    }

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(pascal_case("stripe-secret-key"), "StripeSecretKey");
        assert_eq!(pascal_case("google-api-key/publishable"), "GoogleApiKeyPublishable");
    }
}
