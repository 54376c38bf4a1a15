//! Baselines: the fingerprints of findings a team has accepted for now. Fingerprints depend on
//! the rule and the secret only, so a baseline survives rebuilds that rename hashed bundles.
//! The host reads and writes the file; this module owns its format and its errors.

use keylint::Finding;
use std::collections::{BTreeMap, HashSet};

/// The only baseline version this build reads and writes.
pub const BASELINE_VERSION: u32 = 1;

/// The file's shape. Its struct is named `Baseline` here because serde's messages name it, and
/// users have read them so.
mod file {
    use serde::{Deserialize, Serialize};
    use std::collections::BTreeMap;

    #[derive(Serialize, Deserialize)]
    pub struct Baseline {
        pub version: u32,
        /// Fingerprint → what it was, for the humans who review the file.
        pub findings: BTreeMap<String, Entry>,
    }

    #[derive(Serialize, Deserialize)]
    pub struct Entry {
        pub rule_id: String,
        pub secret_redacted: String,
        pub files: Vec<String>,
    }
}
use file::Entry;
type File = file::Baseline;

/// The fingerprints a baseline file accepts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    fingerprints: HashSet<String>,
}

impl Baseline {
    /// Reads a baseline file's text; `path` names it in errors (the CLI's wording).
    pub fn parse(text: &str, path: &str) -> Result<Baseline, String> {
        let file: File = serde_json::from_str(text).map_err(|e| format!("{path}: not a keylint baseline: {e}"))?;
        if file.version != BASELINE_VERSION {
            return Err(format!("{path}: baseline version {} is not supported", file.version));
        }
        Ok(Baseline { fingerprints: file.findings.into_keys().collect() })
    }

    /// Whether the baseline accepts this fingerprint.
    pub fn contains(&self, fingerprint: &str) -> bool {
        self.fingerprints.contains(fingerprint)
    }

    /// The accepted fingerprints, sorted.
    pub fn fingerprints(&self) -> Vec<String> {
        let mut all: Vec<String> = self.fingerprints.iter().cloned().collect();
        all.sort();
        all
    }
}

/// The baseline file of `findings` (its text, ending in a line feed) and how many fingerprints
/// it holds (a secret found in several places is one).
pub fn write(findings: &[Finding]) -> (String, usize) {
    let mut file = File { version: BASELINE_VERSION, findings: BTreeMap::new() };
    for f in findings {
        let e = file.findings.entry(f.fingerprint.clone()).or_insert_with(|| Entry {
            rule_id: f.rule_id.clone(),
            secret_redacted: f.secret_redacted.clone(),
            files: Vec::new(),
        });
        if !e.files.contains(&f.file) {
            e.files.push(f.file.clone());
        }
    }
    // Maps of strings always serialize.
    let text = serde_json::to_string_pretty(&file).unwrap_or_default() + "\n";
    (text, file.findings.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use keylint::Config;

    const STRIPE: &str = "const stripeKey = \"sk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk4xYzAbCdEfGh\";\n";

    #[test]
    fn a_written_baseline_reads_back_with_one_entry_per_secret() {
        let mut findings = keylint::scan(STRIPE, "a.js", &Config::default()).findings;
        let mut again = findings[0].clone();
        again.file = "b.js".into();
        findings.push(again);
        let (text, count) = write(&findings);
        assert_eq!(count, 1);
        assert!(
            text.ends_with("}\n") && text.contains("\"files\": [\n        \"a.js\",\n        \"b.js\"\n"),
            "{text}"
        );
        let baseline = Baseline::parse(&text, "b.json").unwrap();
        assert!(baseline.contains(&findings[0].fingerprint));
        assert!(!baseline.contains("0000"));
    }

    #[test]
    fn other_versions_and_other_files_are_refused_by_name() {
        let e = Baseline::parse(r#"{"version":2,"findings":{}}"#, "old.json").unwrap_err();
        assert_eq!(e, "old.json: baseline version 2 is not supported");
        assert!(Baseline::parse(r#"{"version":1,"findings":{}}"#, "ok.json").unwrap().fingerprints().is_empty());
        let e = Baseline::parse("[]", "x.json").unwrap_err();
        assert_eq!(e, "x.json: not a keylint baseline: invalid length 0, expected struct Baseline with 2 elements at line 1 column 2");
        let e = Baseline::parse(r#"{"findings":{}}"#, "y.json").unwrap_err();
        assert_eq!(e, "y.json: not a keylint baseline: missing field `version` at line 1 column 15");
    }
}
