//! What a scan runs with: the compiled rules and the user's choices about them, read from
//! `keylint.toml` (or the same shape as JSON in the npm package and bundler plugins).

use crate::rules::{Rule, RuleError, RuleSet, RuleSpec, Severity};
use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::Arc;

/// `keylint.toml` as written. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Rule ids not to report.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Per-rule severities that replace the class's default.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Files, fingerprints and values the user accepts.
    #[serde(default)]
    pub allow: Allow,
    /// Custom rules, with the same schema as the built-in ones.
    #[serde(default)]
    pub rule: Vec<RuleSpec>,
    /// gitleaks/betterleaks rule files (`.gitleaks.toml`) whose rules and allowlists join
    /// these, relative to this file; read by [`Config::load`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extends: Vec<String>,
}

/// What the user accepts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allow {
    /// Globs of files not to scan (`dist/vendor/**`).
    #[serde(default)]
    pub paths: Vec<String>,
    /// Fingerprints of findings to hide.
    #[serde(default)]
    pub fingerprints: Vec<String>,
    /// Regexes: a secret matching one is not reported.
    #[serde(default)]
    pub values: Vec<String>,
}

/// A config problem, naming the file, the line when it is known, and the cause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file (or other source) the config came from.
    pub origin: String,
    /// 1-based line of the problem, when it is known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.origin, self.message),
            None => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl From<crate::rules::gitleaks::Located> for ConfigError {
    fn from(l: crate::rules::gitleaks::Located) -> Self {
        ConfigError { origin: l.origin, line: l.line, message: l.message }
    }
}

/// What a scan runs with: the engine's settings and the user's policy.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// How the engine reads and what it looks for.
    pub engine: EngineSettings,
    /// What the user accepts, and how findings show.
    pub policy: Policy,
}

/// How the engine reads files and what it looks for: the same for every user of a build.
#[derive(Debug, Clone)]
pub struct EngineSettings {
    /// The compiled rules (built-in and custom, without the disabled ones).
    pub rules: Arc<RuleSet>,
    /// Files nested deeper than this are scanned as text: the parser recurses per level.
    pub max_depth: usize,
    /// Values of server-only variables (`--env-file`): reported wherever they appear.
    pub server_values: Vec<crate::detect::env::ServerValue>,
    /// Skip parsing the blocks and statements of scripts of at least this many bytes that
    /// cannot hold a finding (same findings, faster); `None` parses everything
    /// (`--no-prefilter`). Smaller files parse whole: it costs little, and a syntax error
    /// anywhere in them is reported (the prefilter does not see one inside what it skips).
    pub prefilter: Option<usize>,
    /// Folders (as scanned paths name them; `.` for all) that are build output whatever their
    /// names: `--built`, or a scanned folder a bundler wrote. See the pipeline's `source_tree`.
    pub output_dirs: Vec<String>,
    /// The folders scanned (as paths name them): only folder names below them say "output",
    /// so a checkout under `/build/` is still a source tree.
    pub scan_roots: Vec<String>,
}

/// The user's choices about findings: which to drop, how severe each is, how they show.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Rule ids not to report.
    pub disabled: Vec<String>,
    /// Per-rule severities that replace the class's default.
    pub severity: HashMap<String, Severity>,
    /// Files not to scan.
    pub allow_paths: Option<GlobSet>,
    /// Fingerprints of findings to hide.
    pub allow_fingerprints: Vec<String>,
    /// A secret matching one of these is not reported.
    pub allow_values: Vec<Regex>,
    /// Include the full secret in findings (`--show-secrets`).
    pub show_secrets: bool,
    /// Honour `keylint-allow` and similar comments in sources (off for audits).
    pub inline_ignores: bool,
    /// gitleaks allowlists (global and per rule) read from a gitleaks config.
    pub gitleaks_allows: Vec<crate::rules::gitleaks::AllowList>,
    /// gitleaks rules' `path`: the rule reports only in files whose path matches.
    pub rule_paths: Vec<(String, Regex)>,
}

/// See [`EngineSettings::prefilter`]: bundles are far bigger; hand-written sources mostly smaller.
pub const DEFAULT_PREFILTER_MIN_BYTES: usize = 32 * 1024;

impl Default for EngineSettings {
    fn default() -> Self {
        EngineSettings {
            rules: RuleSet::builtin(),
            max_depth: crate::js::parse::DEFAULT_MAX_DEPTH,
            server_values: Vec::new(),
            prefilter: Some(DEFAULT_PREFILTER_MIN_BYTES),
            output_dirs: Vec::new(),
            scan_roots: Vec::new(),
        }
    }
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            disabled: Vec::new(),
            severity: HashMap::new(),
            allow_paths: None,
            allow_fingerprints: Vec::new(),
            allow_values: Vec::new(),
            show_secrets: false,
            inline_ignores: true,
            gitleaks_allows: Vec::new(),
            rule_paths: Vec::new(),
        }
    }
}

impl Policy {
    /// Whether `path` is under one of `allow.paths` (a leading `./` does not count).
    pub fn is_path_allowed(&self, path: &str) -> bool {
        self.allow_paths.as_ref().is_some_and(|set| set.is_match(path.strip_prefix("./").unwrap_or(path)))
    }
}

impl Config {
    /// Reads `keylint.toml` text; `origin` names it in errors.
    pub fn from_toml(text: &str, origin: &str) -> Result<Config, ConfigError> {
        let file: ConfigFile = toml::from_str(text).map_err(|e| ConfigError {
            origin: origin.to_string(),
            line: e.span().map(|s| line_of(text, s.start)),
            message: e.message().to_string(),
        })?;
        Config::from_file(file, origin, Some(text))
    }

    /// Reads a config file, `keylint.toml` or a gitleaks/betterleaks one (see
    /// [`crate::rules::gitleaks::is_gitleaks_file`]), following `extends` and `[extend] path`
    /// through `read` (paths relative to the including file). Also returns what of the gitleaks
    /// files could not be translated, each with its file and line.
    pub fn load(
        text: &str,
        origin: &str,
        read: &mut dyn FnMut(&str) -> Result<String, String>,
    ) -> Result<(Config, Vec<ConfigError>), ConfigError> {
        use crate::rules::gitleaks;
        let builtin = RuleSet::builtin();
        let is_builtin = |id: &str| builtin.get(id).is_some();
        let (mut file, translations) = if gitleaks::is_gitleaks_file(origin, text) {
            (
                ConfigFile::default(),
                vec![gitleaks::translate(text, origin, read, &is_builtin).map_err(ConfigError::from)?],
            )
        } else {
            let file: ConfigFile = toml::from_str(text).map_err(|e| ConfigError {
                origin: origin.to_string(),
                line: e.span().map(|s| line_of(text, s.start)),
                message: e.message().to_string(),
            })?;
            let mut translations = Vec::new();
            for path in &file.extends {
                let full = match origin.rfind(['/', '\\']) {
                    Some(at) if !path.starts_with('/') => format!("{}/{path}", &origin[..at]),
                    _ => path.clone(),
                };
                let line = text.find(path.as_str()).map(|at| line_of(text, at));
                let inner = read(&full).map_err(|message| ConfigError { origin: origin.to_string(), line, message })?;
                translations.push(gitleaks::translate(&inner, &full, read, &is_builtin).map_err(ConfigError::from)?);
            }
            (ConfigFile { extends: Vec::new(), ..file }, translations)
        };
        let mut warnings = Vec::new();
        let (mut allows, mut rule_paths) = (Vec::new(), Vec::new());
        for t in translations {
            file.rule.extend(t.rules);
            allows.extend(t.allows);
            rule_paths.extend(t.rule_paths);
            warnings.extend(t.warnings.into_iter().map(ConfigError::from));
            for id in t.disabled {
                warnings.push(ConfigError {
                    origin: origin.to_string(),
                    line: None,
                    message: format!("[extend] disabledRules: `{id}` is not a rule here: ignored"),
                });
            }
        }
        let mut config = Config::from_file(file, origin, Some(text))?;
        config.policy.gitleaks_allows = allows;
        config.policy.rule_paths = rule_paths;
        Ok((config, warnings))
    }

    /// Builds a config from its parsed form. `text`, when given, lets errors name a line.
    pub fn from_file(file: ConfigFile, origin: &str, text: Option<&str>) -> Result<Config, ConfigError> {
        let err = |needle: &str, message: String| ConfigError {
            origin: origin.to_string(),
            line: text.and_then(|t| t.find(needle).map(|at| line_of(t, at))),
            message,
        };
        if !file.extends.is_empty() {
            // Only `Config::load` is given a way to read the files (the npm package's JSON
            // config is not): never ignore them silently.
            return Err(err("extends", "`extends` needs a host that reads files (the CLI)".into()));
        }
        let rule_err = |e: RuleError| match &e.rule_id {
            Some(id) => err(&format!("\"{id}\""), format!("rule `{id}`: {}", e.message)),
            None => err("[[rule]]", e.message.clone()),
        };
        let mut rules: Vec<Rule> = RuleSet::builtin_specs_compiled();
        for spec in &file.rule {
            rules.push(Rule::compile(spec.clone(), origin).map_err(rule_err)?);
        }
        let known = RuleSet::new(rules).map_err(rule_err)?;
        for id in file.disable.iter().chain(file.severity.keys()) {
            if crate::rules::spec_by_id(&known, id).is_none() {
                return Err(err(id, format!("unknown rule id `{id}` (see `keylint rules`)")));
            }
        }
        // Disabled rules are not compiled in at all, so they cost nothing during a scan.
        let rules = if file.disable.is_empty() {
            known
        } else {
            let kept = RuleSet::builtin_specs_compiled()
                .into_iter()
                .chain(file.rule.iter().cloned().map(|spec| Rule::compile(spec, origin).expect("compiled above")))
                .filter(|r| !file.disable.contains(&r.spec.id))
                .collect();
            RuleSet::new(kept).map_err(rule_err)?
        };
        let allow_paths = if file.allow.paths.is_empty() {
            None
        } else {
            let mut set = GlobSetBuilder::new();
            for p in &file.allow.paths {
                set.add(Glob::new(p).map_err(|e| err(p, format!("invalid glob in allow.paths: {e}")))?);
            }
            Some(set.build().map_err(|e| err("paths", e.to_string()))?)
        };
        let allow_values = file
            .allow
            .values
            .iter()
            .map(|v| {
                regex::RegexBuilder::new(v)
                    .size_limit(1 << 20)
                    .build()
                    .map_err(|e| err(v, format!("invalid regex in allow.values: {e}")))
            })
            .collect::<Result<_, _>>()?;
        Ok(Config {
            engine: EngineSettings { rules: Arc::new(rules), ..EngineSettings::default() },
            policy: Policy {
                disabled: file.disable,
                severity: file.severity.into_iter().collect(),
                allow_paths,
                allow_fingerprints: file.allow.fingerprints,
                allow_values,
                ..Policy::default()
            },
        })
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_file_line_and_cause() {
        let e = Config::from_toml("disable = [\"stripe-secret-key\"]\n\n[[rule]]\nid = \"x\"\n", "keylint.toml")
            .unwrap_err();
        assert_eq!(e.origin, "keylint.toml");
        assert!(e.line.is_some(), "{e}");
        let e = Config::from_toml("disable = [\"no-such-rule\"]\n", "k.toml").unwrap_err();
        assert_eq!(e.to_string(), "k.toml:1: unknown rule id `no-such-rule` (see `keylint rules`)");
        let e = Config::from_toml("[allow]\nvalues = [\"(unclosed\"]\n", "k.toml").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        let e = Config::from_toml("colour = true\n", "k.toml").unwrap_err();
        assert!(e.message.contains("unknown field"), "{e}");
    }

    #[test]
    fn disabled_rules_are_not_run_at_all() {
        let c = Config::from_toml("disable = [\"stripe-secret-key\"]\n", "k.toml").unwrap();
        assert!(c.engine.rules.get("stripe-secret-key").is_none());
        assert!(c.engine.rules.get("stripe-publishable-key").is_some());
    }

    #[test]
    fn custom_rules_join_the_builtin_ones() {
        let text = r#"
[[rule]]
id = "acme-internal-token"
title = "Acme internal token"
provider = "Acme"
family = "internal"
class = "secret"
keywords = ["acme_"]
pattern = '''acme_[a-z0-9]{24}'''
docs = { what = "w", why = "w", fix = "f", url = "https://acme.invalid" }
"#;
        let c = Config::from_toml(text, "keylint.toml").unwrap();
        assert!(c.engine.rules.get("acme-internal-token").is_some());
        assert!(c.engine.rules.get("stripe-secret-key").is_some());
        let bad = text.replace("acme_[a-z0-9]{24}", "acme_[a-z");
        let e = Config::from_toml(&bad, "keylint.toml").unwrap_err();
        assert!(e.message.contains("invalid `pattern`"), "{e}");
        assert_eq!(e.line, Some(3), "{e}");
    }
}
