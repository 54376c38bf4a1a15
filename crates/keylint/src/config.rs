//! What a scan runs with: the compiled rules and the user's choices about them.

use crate::rules::{RuleSet, Severity};
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct Config {
    pub rules: Arc<RuleSet>,
    /// Rule ids not to report.
    pub disabled: Vec<String>,
    /// Per-rule severities that replace the class's default.
    pub severity: HashMap<String, Severity>,
    /// Include the full secret in findings (`--show-secrets`).
    pub show_secrets: bool,
    /// Files nested deeper than this are scanned as text: the parser recurses per level.
    pub max_depth: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            rules: RuleSet::builtin(),
            disabled: Vec::new(),
            severity: HashMap::new(),
            show_secrets: false,
            max_depth: crate::parse::DEFAULT_MAX_DEPTH,
        }
    }
}
