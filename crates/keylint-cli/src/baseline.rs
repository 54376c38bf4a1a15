//! Baselines: the fingerprints of findings a team has accepted for now. Fingerprints depend on
//! the rule and the secret only, so a baseline survives rebuilds that rename hashed bundles.

use keylint::Finding;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

#[derive(Serialize, Deserialize)]
struct Baseline {
    version: u32,
    /// Fingerprint → what it was, for the humans who review the file.
    findings: BTreeMap<String, Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    rule_id: String,
    secret_redacted: String,
    files: Vec<String>,
}

/// Writes the baseline of `findings` and returns how many fingerprints it holds (a secret found
/// in several places is one).
pub fn write(path: &Path, findings: &[Finding]) -> Result<usize, String> {
    let mut baseline = Baseline { version: 1, findings: BTreeMap::new() };
    for f in findings {
        let e = baseline.findings.entry(f.fingerprint.clone()).or_insert_with(|| Entry {
            rule_id: f.rule_id.clone(),
            secret_redacted: f.secret_redacted.clone(),
            files: Vec::new(),
        });
        if !e.files.contains(&f.file) {
            e.files.push(f.file.clone());
        }
    }
    let text = serde_json::to_string_pretty(&baseline).map_err(|e| e.to_string())? + "\n";
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(baseline.findings.len())
}

pub fn read(path: &Path) -> Result<HashSet<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let baseline: Baseline =
        serde_json::from_str(&text).map_err(|e| format!("{}: not a keylint baseline: {e}", path.display()))?;
    if baseline.version != 1 {
        return Err(format!("{}: baseline version {} is not supported", path.display(), baseline.version));
    }
    Ok(baseline.findings.into_keys().collect())
}
