//! Key stores (`.p12`, `.pfx`, `.jks`, `.keystore`) are binary: no pattern can read them, so
//! they are judged by name and place. Inside build output each is a finding of its own; in a
//! source tree it is a file of the project, with nothing to report.

use super::{source_tree, FindingBuilder};
use crate::candidate::{Candidate, Context, Form};
use crate::config::Config;
use crate::finding::ScanResult;
use crate::line_index::LineIndex;
use crate::rules;

/// The result for a key store at `path` (its contents are not read).
pub fn scan(path: &str, config: &Config) -> ScanResult {
    if !source_tree::in_output(path, config) {
        return ScanResult::default();
    }
    let spec = rules::spec_by_id(&config.engine.rules, "shipped-keystore").expect("special rule exists");
    let index = LineIndex::new("");
    let build = FindingBuilder { source_path: path, config, index: &index };
    // The file's name stands for the secret: it is what tells two key stores apart.
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path).to_string();
    let whole = Candidate {
        value: String::new(),
        span: 0..0,
        verbatim_at: None,
        form: Form::Text,
        context: Context::default(),
        via_const: false,
    };
    let findings = build
        .finding(spec, spec.class, name.clone(), 0..0, &whole)
        .map(|mut f| {
            f.message = format!("{}: `{name}` can be downloaded from the deployed folder", spec.title);
            f
        })
        .into_iter()
        .collect();
    ScanResult { findings, ..ScanResult::default() }
}
