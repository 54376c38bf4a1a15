//! What users see: a finding as docs/output.md fixes it, with the secret redacted and fingerprinted.

use crate::candidate::Form;
use crate::rules::{Class, Severity};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub(crate) mod ignore;
pub(crate) mod original;

/// The outcome of scanning one source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScanResult {
    /// Sorted by position.
    pub findings: Vec<Finding>,
    /// What the user should know about how the file was read (e.g. a text fallback).
    pub notes: Vec<crate::note::Note>,
    /// Bytes of code the prefilter spared the parser (blocks that cannot hold a finding).
    pub bytes_skipped: usize,
}

/// Where a finding in a built file was written, by its source map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OriginalLocation {
    /// The original file, as the map names it.
    pub file: String,
    /// 1-based line in it.
    pub line: u32,
    /// 1-based column in it, in UTF-16 code units.
    pub column: u32,
}

/// One reported secret. Field names and order follow docs/output.md (schema: docs/schema/).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Finding {
    /// The rule that found it (`stripe-secret-key`).
    pub rule_id: String,
    /// The rule's title.
    pub title: String,
    /// The class's default severity, or the user's override for the rule.
    pub severity: Severity,
    /// What kind of value it is (secret, publishable, …).
    pub class: Class,
    /// The scanned file, as the caller named it.
    pub file: String,
    /// 1-based start line.
    pub line: u32,
    /// 1-based start column, in UTF-16 code units.
    pub column: u32,
    /// 1-based end line.
    pub end_line: u32,
    /// 1-based end column (exclusive), in UTF-16 code units.
    pub end_column: u32,
    /// The secret with all but its start hidden.
    pub secret_redacted: String,
    /// A stable hash of the rule and the secret, for baselines and `allow.fingerprints`.
    pub fingerprint: String,
    /// How the value was built.
    pub form: Form,
    /// The name around the value (`STRIPE_KEY`, `Stripe(…)`), with the secret redacted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// Where it was written, when a source map says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original: Option<OriginalLocation>,
    /// One sentence for the user.
    pub message: String,
    /// How to fix it.
    pub remediation: String,
    /// The provider's page about this kind of key.
    pub docs_url: String,
    /// The full secret: only filled when the caller asks for it (`--show-secrets`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// Byte range in the scanned text, for surfaces that need to map it again (code frames).
    #[serde(skip)]
    pub byte_range: std::ops::Range<usize>,
}

/// Enough of the start to recognise the key (`sk_live_51H…`), never enough to use it: at most
/// a quarter of it and 12 characters.
pub fn redact(secret: &str) -> String {
    let chars = secret.chars().count();
    let shown = (chars / 4).min(12);
    let prefix: String = secret.chars().take(shown).collect();
    format!("{prefix}…")
}

/// Depends on the rule and the secret only: stable across rebuilds that rename files or move
/// code, so baselines and allow-lists keep working.
pub fn fingerprint(rule_id: &str, secret: &str) -> String {
    let mut h = Sha256::new();
    h.update(rule_id.as_bytes());
    h.update([0]);
    h.update(secret.as_bytes());
    h.finalize()[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// The one-line message: what was found, how it was built, and what it means here.
/// `impact`: the rule's own words for what the key allows, when the class's say too little.
pub fn message(title: &str, class: Class, form: Form, context: Option<&str>, impact: Option<&str>) -> String {
    let place = match context {
        Some(name) => format!("{} (`{name}`)", form.describe()),
        None => form.describe().to_string(),
    };
    let meaning = match (class, impact) {
        (Class::Publishable, _) => "public by design; reported for your inventory",
        (_, Some(impact)) => impact,
        (Class::Secret, None) => "anyone who loads this code can read it and use it",
        (Class::Test, None) => "a test-mode or low-confidence credential; keep it out of shipped code",
    };
    format!("{title} in {place}: {meaning}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_shows_a_quarter_at_most_twelve() {
        assert_eq!(redact("sk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk0000000000"), "sk_live_51Hq…");
        assert_eq!(redact("hunter2!"), "hu…");
        assert_eq!(redact("abc"), "…");
    }

    #[test]
    fn fingerprint_depends_on_rule_and_secret() {
        let a = fingerprint("stripe-secret-key", "sk_live_abc");
        assert_eq!(a.len(), 16);
        assert_eq!(a, fingerprint("stripe-secret-key", "sk_live_abc"));
        assert_ne!(a, fingerprint("stripe-secret-key", "sk_live_abd"));
        assert_ne!(a, fingerprint("other-rule", "sk_live_abc"));
    }
}
