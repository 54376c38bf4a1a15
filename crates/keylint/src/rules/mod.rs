//! Rules are data (`crates/keylint/rules/<family>/<provider>.toml`): each names its provider,
//! pattern, prefilter keywords, class, validator, docs and its own examples. This module reads
//! and compiles them.

pub mod gitleaks;
mod validate;

pub use validate::Verdict;

use crate::candidate::Context;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::{Arc, OnceLock};

/// What a finding means for whoever ships it; decides its default severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Class {
    /// Grants access: an error.
    Secret,
    /// A test-mode or low-confidence secret: a warning.
    Test,
    /// Public by design: an info.
    Publishable,
}

impl Class {
    /// The name the report uses (`"publishable"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Secret => "secret",
            Class::Test => "test",
            Class::Publishable => "publishable",
        }
    }

    /// The severity a finding of this class has unless the user overrides it.
    pub fn default_severity(self) -> Severity {
        match self {
            Class::Secret => Severity::Error,
            Class::Test => Severity::Warning,
            Class::Publishable => Severity::Info,
        }
    }
}

/// How loudly a finding is reported; `--fail-on` compares against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Severity {
    /// Worth knowing (the default for a publishable key).
    Info,
    /// Worth a look (the default for a test or low-confidence key).
    Warning,
    /// Must not ship (the default for a secret).
    Error,
}

impl Severity {
    /// The name the report uses (`"warning"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// What a rule tells the user (`keylint explain`, SARIF, findings).
pub struct Docs {
    /// What the key is.
    pub what: String,
    /// Why it must not ship to a browser.
    pub why: String,
    /// How to fix a finding (the finding's `remediation`).
    pub fix: String,
    /// The provider's page about the key (the finding's `docs_url`).
    pub url: String,
    /// What the finding's message says an attacker can do with the key, in place of the
    /// class's generic words (an RPC URL's key is neither a secret nor a test key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// A rule's example: code that must give a finding of the rule (`tp`) or must not (`fp`).
pub struct Example {
    /// The code, scanned as `filename`.
    pub code: String,
    /// For a true positive: the class the finding must have (the catalogue test requires it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<Class>,
    /// For a true positive: the secret the finding must report, where it is not the whole
    /// token of the code at the finding (a password inside a URL, a value built by a program).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// For a true positive: other rules that also report the key, on purpose.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
    /// For a false positive: why it must not be reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    /// The file name the example is scanned as (decides the parser); `example.js` by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
}

/// A rule as written in a rule file or `keylint.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Unique, kebab-case (`stripe-secret-key`).
    pub id: String,
    /// What a finding is called (`Stripe secret key`).
    pub title: String,
    /// Who issues the key.
    pub provider: String,
    /// The catalogue's folder for the provider (`payments`).
    pub family: String,
    /// What a finding of the rule means, unless a validator or the context says otherwise.
    pub class: Class,
    /// Lowercase ASCII: the rule runs on a string only if one of them occurs in it.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// The regex; its `secret` group, when it has one, is what is reported.
    pub pattern: String,
    /// Names (`&`-separated words) one of which must be among the value's own names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub context: Vec<String>,
    /// Names around the value (siblings included) that make the finding publishable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub publishable_context: Vec<String>,
    /// Shannon entropy (bits per character) the secret must reach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_entropy: Option<f64>,
    /// An offline check of the format (`github-crc32`, `jwt`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validator: Option<String>,
    /// A generic rule: dropped where a specific rule matches the same place.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fallback: bool,
    /// Globs of file names or paths: the rule judges whole files of these kinds (a shipped
    /// `.env`, a `.pem`) and runs nowhere else.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<String>,
    /// A regex on the whole string around the secret that makes the finding publishable
    /// (a Google key inside a Maps JavaScript API loader URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publishable_value: Option<String>,
    /// The provider's API hosts: a value sent to one of them (the URL of the call it is passed
    /// to, or a `baseURL` beside it) satisfies `context` as a matching name would.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<String>,
    /// What the rule tells the user.
    pub docs: Docs,
    /// True positives: each must give a finding of this rule (the catalogue test runs them).
    #[serde(default)]
    pub tp: Vec<Example>,
    /// False positives: none may give a finding of this rule.
    #[serde(default)]
    pub fp: Vec<Example>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    rule: Vec<RuleSpec>,
}

/// A rule ready to run.
#[derive(Debug)]
pub struct Rule {
    /// The rule as written.
    pub spec: RuleSpec,
    /// The file the rule is defined in: for a built-in rule its path under the crate's `rules/`
    /// folder (`payments/stripe.toml`), for a user's rule the config file it came from.
    origin: String,
    /// Built on first use: most rules never see a string with their keywords, and building
    /// 300 regexes up front costs every run (a third of a second in wasm) for nothing.
    regex: OnceLock<Option<Regex>>,
    /// What a string the pattern matches can look like, from its syntax (see `fits`).
    shape: OnceLock<Shape>,
    context: ContextMatcher,
    publishable_context: ContextMatcher,
    publishable_value: Option<Regex>,
    files: Option<globset::GlobSet>,
    pub(crate) validator: Option<validate::Validator>,
}

impl Rule {
    /// The rule's id.
    pub fn id(&self) -> &str {
        &self.spec.id
    }

    /// The file the rule is defined in (see [`Rule::compile`]'s `origin`).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Whether the rule may run on a value whose own names, normalised, are `own_tokens`.
    pub fn context_allows(&self, own_tokens: &[String]) -> bool {
        self.context.is_empty() || self.context.matches(own_tokens)
    }

    /// Whether a finding with these names around it, in a string `value`, is publishable
    /// (`publishable_context`, `publishable_value`).
    pub fn is_publishable_in(&self, ctx: &Context, value: &str) -> bool {
        (!self.publishable_context.is_empty()
            && self.publishable_context.matches(&ctx.all_tokens().collect::<Vec<_>>()))
            || self.publishable_value.as_ref().is_some_and(|re| re.is_match(value))
    }

    /// Whether the rule judges whole files, and so runs only on matching paths.
    pub fn is_file_rule(&self) -> bool {
        self.files.is_some()
    }

    /// Whether a file rule applies to `path` (by file name or by path).
    pub fn applies_to_file(&self, path: &str) -> bool {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        self.files.as_ref().is_some_and(|set| set.is_match(name) || set.is_match(path))
    }
}

/// `["algolia&admin", "adminkey"]`: any entry whose words all occur in some token.
#[derive(Debug, Default)]
struct ContextMatcher(Vec<Vec<String>>);

impl ContextMatcher {
    fn new(entries: &[String]) -> Self {
        ContextMatcher(
            entries
                .iter()
                .map(|e| e.split('&').map(crate::candidate::normalize).filter(|w| !w.is_empty()).collect())
                .filter(|words: &Vec<String>| !words.is_empty())
                .collect(),
        )
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn matches(&self, tokens: &[String]) -> bool {
        self.0.iter().any(|words| words.iter().all(|w| tokens.iter().any(|t| t.contains(w.as_str()))))
    }
}

/// An error in a rule, naming where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// The rule file or config the rule came from.
    pub origin: String,
    /// The rule, when the error is about one.
    pub rule_id: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.rule_id {
            Some(id) => write!(f, "{}: rule `{}`: {}", self.origin, id, self.message),
            None => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

impl std::error::Error for RuleError {}

/// A regex for a custom rule cannot grow past this: a pattern that would is refused, not slow.
const REGEX_SIZE_LIMIT: usize = 4 << 20;

/// What to do about a pattern the wasm build cannot compile but the native one can.
fn hint(e: &regex::Error) -> &'static str {
    if cfg!(target_arch = "wasm32") && e.to_string().contains("Unicode property not found") {
        "\n(the npm package's engine has no Unicode property tables: write the class out, e.g. [α-ω], or use the native CLI)"
    } else {
        ""
    }
}

fn build_pattern(pattern: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(pattern).size_limit(REGEX_SIZE_LIMIT).dfa_size_limit(REGEX_SIZE_LIMIT).build()
}

impl Rule {
    /// Compiles a rule, checking its pattern now: for rules a user wrote, whose errors must
    /// name the file and line before any scan. `origin` is the file the rule is defined in.
    pub fn compile(spec: RuleSpec, origin: &str) -> Result<Rule, RuleError> {
        Rule::build(spec, origin, true)
    }

    /// Compiles a built-in rule, leaving its pattern for first use (the catalogue test builds
    /// every built-in pattern).
    pub fn compile_builtin(spec: RuleSpec, origin: &str) -> Result<Rule, RuleError> {
        Rule::build(spec, origin, false)
    }

    /// The rule's pattern, built on first use; `None` only if a built-in pattern is invalid,
    /// which the catalogue test rules out.
    pub fn regex(&self) -> Option<&Regex> {
        self.regex.get_or_init(|| build_pattern(&self.spec.pattern).ok()).as_ref()
    }

    /// Whether `value` could match the pattern at all: not when it is shorter than any match,
    /// nor, for a pattern anchored at both ends (`^…$`), longer than one or holding a byte
    /// the pattern never matches. Most strings of a bundle fail this test, which costs a few
    /// instructions where the regex would build automaton states for every new string.
    pub(crate) fn fits(&self, value: &ValueBytes) -> bool {
        let shape = self.shape.get_or_init(|| Shape::of(&self.spec.pattern));
        (shape.min..=shape.max).contains(&value.len)
            && value.token_run >= shape.token_run
            && shape.bytes.is_none_or(|allowed| (0..4).all(|i| value.bytes[i] & !allowed[i] == 0))
    }

    fn build(spec: RuleSpec, origin: &str, eager: bool) -> Result<Rule, RuleError> {
        let err = |message: String| RuleError { origin: origin.to_string(), rule_id: Some(spec.id.clone()), message };
        if spec.id.is_empty() || !spec.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
            return Err(err("`id` must be kebab-case (a-z, 0-9, -)".into()));
        }
        if spec.keywords.is_empty() && spec.context.is_empty() && spec.validator.is_none() && spec.files.is_empty() {
            return Err(err(
                "needs `keywords`, `context` or a `validator`: a rule with none would run on every string and \
                 report whatever its pattern matches"
                    .into(),
            ));
        }
        if let Some(e) = spec.hosts.iter().find_map(|h| crate::hosts::check_declared(h).err()) {
            return Err(err(e));
        }
        if let Some(k) = spec.keywords.iter().find(|k| k.is_empty() || !k.is_ascii()) {
            return Err(err(format!("keyword {k:?} must be non-empty ASCII")));
        }
        let regex = OnceLock::new();
        if eager {
            regex
                .set(Some(
                    build_pattern(&spec.pattern).map_err(|e| err(format!("invalid `pattern`: {e}{}", hint(&e))))?,
                ))
                .ok();
        }
        let publishable_value = match &spec.publishable_value {
            Some(p) => Some(
                regex::RegexBuilder::new(p)
                    .size_limit(REGEX_SIZE_LIMIT)
                    .build()
                    .map_err(|e| err(format!("invalid `publishable_value`: {e}")))?,
            ),
            None => None,
        };
        let files = if spec.files.is_empty() {
            None
        } else {
            let mut set = globset::GlobSetBuilder::new();
            for f in &spec.files {
                set.add(globset::Glob::new(f).map_err(|e| err(format!("invalid glob in `files`: {e}")))?);
            }
            Some(set.build().map_err(|e| err(format!("invalid `files`: {e}")))?)
        };
        let validator = match &spec.validator {
            Some(name) => Some(validate::Validator::parse(name).map_err(err)?),
            None => None,
        };
        Ok(Rule {
            context: ContextMatcher::new(&spec.context),
            publishable_context: ContextMatcher::new(&spec.publishable_context),
            publishable_value,
            files,
            regex,
            shape: OnceLock::new(),
            validator,
            origin: origin.to_string(),
            spec,
        })
    }
}

/// Compiled rules with their keyword prefilter.
#[derive(Debug)]
pub struct RuleSet {
    rules: Vec<Rule>,
    /// Keywords of all rules; pattern i belongs to rule `keyword_rule[i]`.
    keywords: AhoCorasick,
    keyword_rule: Vec<usize>,
    /// Rules without keywords: they run whenever their context allows.
    context_only: Vec<usize>,
    /// Every word of every rule's `context`, searched in one pass; built on first use.
    context_words: OnceLock<ContextIndex>,
}

/// The words of all rules' `context` entries, and each rule's entries as word numbers.
#[derive(Debug)]
struct ContextIndex {
    /// A DFA: it runs over whole files, and overlapping search must not miss a word.
    words: AhoCorasick,
    /// Per rule: its entries, each the numbers of the words that must all occur.
    entries: Vec<Vec<Vec<usize>>>,
}

impl ContextIndex {
    fn new(rules: &[Rule]) -> ContextIndex {
        let mut words: Vec<String> = rules.iter().flat_map(|r| r.context.0.iter().flatten().cloned()).collect();
        words.sort();
        words.dedup();
        let number = |w: &String| words.binary_search(w).expect("collected above");
        let entries =
            rules.iter().map(|r| r.context.0.iter().map(|e| e.iter().map(number).collect()).collect()).collect();
        let words = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .build(&words)
            .expect("context words are plain ASCII");
        ContextIndex { words, entries }
    }

    /// Which words occur inside one of `tokens` (a word never spans two tokens).
    fn words_in(&self, tokens: &[String]) -> Vec<bool> {
        let mut present = vec![false; self.words.patterns_len()];
        for t in tokens {
            for m in self.words.find_overlapping_iter(t.as_str()) {
                present[m.pattern().as_usize()] = true;
            }
        }
        present
    }

    /// `Rule::context_allows` on the words found by [`ContextIndex::words_in`].
    fn allows(&self, rule: usize, present: &[bool]) -> bool {
        let entries = &self.entries[rule];
        entries.is_empty() || entries.iter().any(|words| words.iter().all(|&w| present[w]))
    }
}

/// Which rules' contexts a file can satisfy at all: each word of one of the rule's context
/// entries occurs somewhere in the file's names. A superset of what any value's context allows.
#[derive(Debug)]
pub(crate) struct FileGate {
    allowed: Vec<bool>,
    /// The keyword-less rules among them (file rules aside), which run on every value.
    context_only: Vec<usize>,
}

impl RuleSet {
    /// A set of compiled rules; an error when two share an id.
    pub fn new(rules: Vec<Rule>) -> Result<RuleSet, RuleError> {
        let mut seen = std::collections::HashSet::new();
        for r in &rules {
            if !seen.insert(r.id().to_string()) {
                return Err(RuleError {
                    origin: "rules".into(),
                    rule_id: Some(r.id().to_string()),
                    message: "duplicate rule id".into(),
                });
            }
        }
        let mut patterns = Vec::new();
        let mut keyword_rule = Vec::new();
        let mut context_only = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            if r.spec.keywords.is_empty() {
                context_only.push(i);
            }
            for k in &r.spec.keywords {
                patterns.push(k.to_ascii_lowercase());
                keyword_rule.push(i);
            }
        }
        let keywords = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("keywords are plain ASCII strings");
        Ok(RuleSet { rules, keywords, keyword_rule, context_only, context_words: OnceLock::new() })
    }

    /// The built-in catalogue, compiled once per process.
    pub fn builtin() -> Arc<RuleSet> {
        static BUILTIN: OnceLock<Arc<RuleSet>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                let rules = RuleSet::builtin_specs_compiled();
                Arc::new(RuleSet::new(rules).unwrap_or_else(|e| panic!("built-in rules: {e}")))
            })
            .clone()
    }

    /// The built-in rules compiled afresh, for a set that adds custom rules to them.
    pub fn builtin_specs_compiled() -> Vec<Rule> {
        builtin_specs()
            .into_iter()
            .map(|(origin, spec)| Rule::compile_builtin(spec, origin))
            .collect::<Result<Vec<_>, _>>()
            .unwrap_or_else(|e| panic!("built-in rule is invalid (the catalogue test names it): {e}"))
    }

    /// The rules, in catalogue order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rule with this id.
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id() == id)
    }

    fn context_index(&self) -> &ContextIndex {
        self.context_words.get_or_init(|| ContextIndex::new(&self.rules))
    }

    /// The rules whose context this source can satisfy. Names are compared the way context
    /// tokens are built (lowercase letters and digits, escapes decoded), over the whole text,
    /// so every name a value could get from the program is covered.
    pub(crate) fn file_gate(&self, source: &str) -> FileGate {
        let index = self.context_index();
        let present = index.words_in(&[normalize_names(source)]);
        // A rule may also run on what is sent to its hosts: where one is named in the file.
        let allowed: Vec<bool> = (0..self.rules.len())
            .map(|i| {
                index.allows(i, &present)
                    || self.rules[i]
                        .spec
                        .hosts
                        .iter()
                        .any(|h| memchr::memmem::find(source.as_bytes(), h.as_bytes()).is_some())
            })
            .collect();
        let context_only =
            self.context_only.iter().copied().filter(|&i| allowed[i] && !self.rules[i].is_file_rule()).collect();
        FileGate { allowed, context_only }
    }

    /// The rules with a keyword in `value`, then every rule without keywords, once each (the
    /// two groups never share a rule).
    fn keyword_and_context_rules(&self, value: &str, out: &mut Vec<usize>) {
        self.keyword_rules(value, out);
        out.extend(self.context_only.iter().copied());
    }

    fn keyword_rules(&self, value: &str, out: &mut Vec<usize>) {
        out.clear();
        for m in self.keywords.find_overlapping_iter(value) {
            out.push(self.keyword_rule[m.pattern().as_usize()]);
        }
        out.sort_unstable();
        out.dedup();
    }

    /// [`RuleSet::candidates_for`] for a value whose context is unknown: the rules that could run
    /// on it in some context the file allows. File rules are left out (they judge whole files).
    pub(crate) fn candidates_in_file(&self, value: &str, gate: &FileGate, out: &mut Vec<usize>) {
        self.keyword_rules(value, out);
        out.retain(|&i| gate.allowed[i] && !self.rules[i].is_file_rule());
        out.extend_from_slice(&gate.context_only);
    }

    /// Indices of the rules worth running on `value`: a keyword occurs in it, or the rule has
    /// no keywords and its context allows it.
    /// File rules run only on a whole file (`whole_file`) whose path they match.
    pub(crate) fn candidates_for(&self, value: &str, ctx: &Context, file: Option<&str>, out: &mut Vec<usize>) {
        self.keyword_and_context_rules(value, out);
        // The value's names are searched once for every context word; each rule then only
        // looks its words up.
        let index = self.context_index();
        let own: Vec<String> = ctx.own_tokens().collect();
        let present = index.words_in(&own);
        out.retain(|&i| {
            let rule = &self.rules[i];
            match (rule.is_file_rule(), file) {
                (true, Some(path)) => rule.applies_to_file(path),
                (true, None) => false,
                (false, _) => index.allows(i, &present) || crate::hosts::sent_to(ctx, &rule.spec.hosts),
            }
        });
    }
}

/// The rule files shipped in the crate as JSON (`build.rs`), each with its path under `rules/`
/// (`payments/stripe.toml`).
const BUILTIN_FILES: &[(&str, &str)] = &include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
const SPECIAL_FILES: &[(&str, &str)] = &include!(concat!(env!("OUT_DIR"), "/special_rules.rs"));

fn embedded_specs(files: &[(&'static str, &str)]) -> Vec<(&'static str, RuleSpec)> {
    let mut specs = Vec::new();
    for (name, json) in files {
        let file: RuleFile = serde_json::from_str(json).unwrap_or_else(|e| panic!("rules/{name}: {e}"));
        specs.extend(file.rule.into_iter().map(|r| (*name, r)));
    }
    specs
}

/// Parses the built-in rule files, each rule with the file it is defined in (its path under
/// `rules/`, `payments/stripe.toml`). Public so the catalogue test can check every example.
/// Without the `rule-docs` feature (the wasm build), docs' `what` and `why` are empty and the
/// rules carry no examples.
pub fn builtin_specs() -> Vec<(&'static str, RuleSpec)> {
    embedded_specs(BUILTIN_FILES)
}

/// Rules whose findings the engine makes itself (`server-env-value`, `credential-over-http`):
/// their docs live with the others, but they have no pattern to run.
pub fn special_specs() -> &'static [RuleSpec] {
    static SPECIAL: OnceLock<Vec<RuleSpec>> = OnceLock::new();
    SPECIAL.get_or_init(|| special_with_files().iter().map(|(_, spec)| spec.clone()).collect())
}

fn special_with_files() -> &'static [(&'static str, RuleSpec)] {
    static SPECIAL: OnceLock<Vec<(&'static str, RuleSpec)>> = OnceLock::new();
    SPECIAL.get_or_init(|| embedded_specs(SPECIAL_FILES))
}

/// A rule's spec by id, pattern rules and engine-made ones alike.
pub fn spec_by_id<'a>(rules: &'a RuleSet, id: &str) -> Option<&'a RuleSpec> {
    rules.get(id).map(|r| &r.spec).or_else(|| special_specs().iter().find(|s| s.id == id))
}

/// The file a rule is defined in, pattern rules and engine-made ones alike: for a built-in rule
/// its path under the crate's `rules/` folder (`payments/stripe.toml`).
pub fn origin_by_id<'a>(rules: &'a RuleSet, id: &str) -> Option<&'a str> {
    rules.get(id).map(Rule::origin).or_else(|| special_with_files().iter().find(|(_, s)| s.id == id).map(|(f, _)| *f))
}

/// Parses rule specs from TOML text (a rule file or the `[[rule]]` tables of `keylint.toml`).
pub fn parse_rule_file(text: &str, origin: &str) -> Result<Vec<RuleSpec>, RuleError> {
    toml::from_str::<RuleFile>(text).map(|f| f.rule).map_err(|e| RuleError {
        origin: origin.to_string(),
        rule_id: None,
        message: e.to_string(),
    })
}

/// A string's length, the set of its bytes and its longest run of token bytes, computed once
/// per value for every rule's [`Rule::fits`].
pub(crate) struct ValueBytes {
    len: usize,
    bytes: [u64; 4],
    token_run: usize,
}

impl ValueBytes {
    pub(crate) fn of(value: &str) -> ValueBytes {
        let mut bytes = [0u64; 4];
        let (mut run, mut token_run) = (0, 0);
        for &b in value.as_bytes() {
            bytes[(b >> 6) as usize] |= 1 << (b & 63);
            run = if TOKEN_BYTES[b as usize] { run + 1 } else { 0 };
            token_run = token_run.max(run);
        }
        ValueBytes { len: value.len(), bytes, token_run }
    }
}

/// The bytes keys are made of (`A-Z a-z 0-9 _ -`, and `+ /` for base64), and every byte of a
/// non-ASCII character: a run of them in bytes is at least as long as the same run in characters.
fn is_token_byte(b: u8) -> bool {
    TOKEN_BYTES[b as usize]
}

/// [`is_token_byte`] as a table: it runs on every byte of every value judged.
const TOKEN_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'+' | b'/') || c >= 0x80;
        b += 1;
    }
    t
};

/// Bounds on what a pattern can match, from its syntax.
#[derive(Debug)]
struct Shape {
    min: usize,
    /// `usize::MAX` unless the pattern is anchored at both ends.
    max: usize,
    /// For a pattern anchored at both ends: every byte a match can contain.
    bytes: Option<[u64; 4]>,
    /// Every match holds this many token characters in a row (see [`is_token_byte`]): a key's
    /// body. Long strings without such a run (shader sources, messages, CSS) skip the regex,
    /// which for a pattern without a literal would otherwise read every byte of them.
    token_run: usize,
}

impl Shape {
    fn of(pattern: &str) -> Shape {
        use regex_syntax::hir::Look;
        let Ok(hir) = regex_syntax::parse(pattern) else {
            return Shape { min: 0, max: usize::MAX, bytes: None, token_run: 0 };
        };
        let props = hir.properties();
        let min = props.minimum_len().unwrap_or(0);
        let token_run = Runs::of(&hir).longest();
        let whole = props.look_set_prefix().contains(Look::Start) && props.look_set_suffix().contains(Look::End);
        if !whole {
            return Shape { min, max: usize::MAX, bytes: None, token_run };
        }
        let mut bytes = [0u64; 4];
        collect_bytes(&hir, &mut bytes);
        Shape { min, max: props.maximum_len().unwrap_or(usize::MAX), bytes: Some(bytes), token_run }
    }
}

/// Runs of token characters every match of a pattern piece holds, in characters: a lower
/// bound, so anything the analysis does not follow counts as no run.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Runs {
    /// Only token characters, at least this many (zero-width assertions: none).
    All(usize),
    /// Some other character may occur: at least `prefix` token characters at the start,
    /// `suffix` at the end and `inner` in a row somewhere.
    Mixed { prefix: usize, suffix: usize, inner: usize },
}

impl Runs {
    const NONE: Runs = Runs::Mixed { prefix: 0, suffix: 0, inner: 0 };

    fn longest(self) -> usize {
        match self {
            Runs::All(n) => n,
            Runs::Mixed { prefix, suffix, inner } => prefix.max(suffix).max(inner),
        }
    }

    fn prefix(self) -> usize {
        match self {
            Runs::All(n) => n,
            Runs::Mixed { prefix, .. } => prefix,
        }
    }

    fn suffix(self) -> usize {
        match self {
            Runs::All(n) => n,
            Runs::Mixed { suffix, .. } => suffix,
        }
    }

    fn of(hir: &regex_syntax::hir::Hir) -> Runs {
        use regex_syntax::hir::{Class, HirKind};
        let token_char = |c: u32| c >= 0x80 || u8::try_from(c).is_ok_and(is_token_byte);
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => Runs::All(0),
            HirKind::Literal(lit) => {
                let Ok(text) = std::str::from_utf8(&lit.0) else { return Runs::NONE };
                Runs::concat(text.chars().map(|c| if token_char(c as u32) { Runs::All(1) } else { Runs::NONE }))
            }
            HirKind::Class(Class::Unicode(c)) => {
                // Every character of the class must be a token character (ASCII ones checked).
                let all = c.ranges().iter().all(|r| (r.start() as u32..=(r.end() as u32).min(0x7f)).all(token_char));
                if all {
                    Runs::All(1)
                } else {
                    Runs::NONE
                }
            }
            HirKind::Class(Class::Bytes(c)) => {
                let all = c.ranges().iter().all(|r| (r.start() as u32..=r.end() as u32).all(token_char));
                if all {
                    Runs::All(1)
                } else {
                    Runs::NONE
                }
            }
            HirKind::Repetition(r) => match Runs::of(&r.sub) {
                Runs::All(n) => Runs::All(n.saturating_mul(r.min as usize)),
                // Absent, it joins its neighbours; present, it may split them.
                _ if r.min == 0 => Runs::NONE,
                mixed => mixed,
            },
            HirKind::Capture(c) => Runs::of(&c.sub),
            HirKind::Concat(subs) => Runs::concat(subs.iter().map(Runs::of)),
            // Any alternative may be the one that matches: the least of each bound.
            HirKind::Alternation(subs) => {
                let alts: Vec<Runs> = subs.iter().map(Runs::of).collect();
                if alts.iter().all(|a| matches!(a, Runs::All(_))) {
                    return Runs::All(alts.iter().map(|a| a.longest()).min().unwrap_or(0));
                }
                Runs::Mixed {
                    prefix: alts.iter().map(|a| a.prefix()).min().unwrap_or(0),
                    suffix: alts.iter().map(|a| a.suffix()).min().unwrap_or(0),
                    inner: alts.iter().map(|a| a.longest()).min().unwrap_or(0),
                }
            }
        }
    }

    /// Pieces in sequence: runs join across pieces made only of token characters.
    fn concat(pieces: impl Iterator<Item = Runs>) -> Runs {
        let (mut prefix, mut run, mut inner) = (None::<usize>, 0usize, 0usize);
        for piece in pieces {
            match piece {
                Runs::All(n) => run = run.saturating_add(n),
                Runs::Mixed { prefix: p, suffix: s, inner: i } => {
                    let joined = run.saturating_add(p);
                    prefix.get_or_insert(joined);
                    inner = inner.max(joined).max(i);
                    run = s;
                }
            }
            inner = inner.max(run);
        }
        match prefix {
            None => Runs::All(run),
            Some(prefix) => Runs::Mixed { prefix, suffix: run, inner },
        }
    }
}

/// Every byte a match of `hir` can contain (any non-ASCII character allows every byte ≥ 0x80).
fn collect_bytes(hir: &regex_syntax::hir::Hir, set: &mut [u64; 4]) {
    use regex_syntax::hir::{Class, HirKind};
    let mut add = |lo: u32, hi: u32| {
        for b in lo.min(256)..=hi.min(255) {
            set[(b >> 6) as usize] |= 1 << (b & 63);
        }
    };
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(lit) => lit.0.iter().for_each(|&b| add(b as u32, b as u32)),
        HirKind::Class(Class::Bytes(c)) => c.ranges().iter().for_each(|r| add(r.start() as u32, r.end() as u32)),
        HirKind::Class(Class::Unicode(c)) => {
            for r in c.ranges() {
                add(r.start() as u32, (r.end() as u32).min(0x7f));
                if r.end() as u32 >= 0x80 {
                    add(0x80, 0xff);
                }
            }
        }
        HirKind::Repetition(r) => collect_bytes(&r.sub, set),
        HirKind::Capture(c) => collect_bytes(&c.sub, set),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().for_each(|h| collect_bytes(h, set)),
    }
}

/// Lowercase ASCII letters and digits of `source`, with `\xHH`, `\uHHHH` and `\u{…}` escapes
/// (after any number of backslashes) decoded first: the alphabet of context tokens, over the whole text at once.
fn normalize_names(source: &str) -> String {
    // Lowercase letters and digits map to themselves, uppercase to lowercase, the rest to 0.
    const FOLD: [u8; 256] = {
        let mut t = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            t[b] = if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { 0 };
            b += 1;
        }
        t
    };
    let bytes = source.as_bytes();
    let mut out = vec![0u8; bytes.len()];
    let mut n = 0;
    let mut i = 0;
    // Branch-free between backslashes: write every byte, advance only past kept ones.
    let mut fold_run = |run: &[u8], n: &mut usize| {
        for &b in run {
            let f = FOLD[b as usize];
            out[*n] = f;
            *n += (f != 0) as usize;
        }
    };
    while i < bytes.len() {
        let Some(at) = memchr::memchr(b'\\', &bytes[i..]) else {
            fold_run(&bytes[i..], &mut n);
            break;
        };
        fold_run(&bytes[i..i + at], &mut n);
        i += at + 1;
        // `\\u0041` is JSON's escape inside a JavaScript string: decode it the same way.
        while bytes.get(i) == Some(&b'\\') {
            i += 1;
        }
        let (code, len) = escaped_code(&bytes[i..]);
        i += len;
        if let Some(c) = code.map(|c| FOLD[c as usize]).filter(|&c| c != 0) {
            fold_run(&[c], &mut n);
        }
    }
    out.truncate(n);
    String::from_utf8(out).expect("ASCII only")
}

/// The ASCII byte a `\x`/`\u` escape after a backslash stands for, and the escape's length.
/// Any other escape (`\k` is `k`) leaves its character to the caller's next step.
fn escaped_code(rest: &[u8]) -> (Option<u8>, usize) {
    let hex = |s: &[u8]| std::str::from_utf8(s).ok().and_then(|h| u32::from_str_radix(h, 16).ok());
    let ascii = |v: Option<u32>| v.and_then(|v| u8::try_from(v).ok()).filter(u8::is_ascii);
    match rest {
        [b'x', h @ ..] if h.len() >= 2 && hex(&h[..2]).is_some() => (ascii(hex(&h[..2])), 3),
        [b'u', b'{', tail @ ..] => match tail.iter().position(|&c| c == b'}') {
            Some(end) if hex(&tail[..end]).is_some() => (ascii(hex(&tail[..end])), end + 3),
            _ => (None, 0),
        },
        [b'u', h @ ..] if h.len() >= 4 && hex(&h[..4]).is_some() => (ascii(hex(&h[..4])), 5),
        _ => (None, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(pattern: &str) -> usize {
        Shape::of(pattern).token_run
    }

    #[test]
    fn token_runs_every_match_holds() {
        assert_eq!(run(r"(?-u:\b)sk_live_[0-9A-Za-z]{24,247}(?-u:\b)"), 32);
        assert_eq!(run(r"[5KL][1-9A-HJ-NP-Za-km-z]{50,51}"), 51);
        // A dot splits the runs; the longest one counts.
        assert_eq!(run(r"[MN][A-Za-z0-9]{23,25}\.[\w-]{6}\.[\w-]{27}"), 27);
        // Optional pieces that may split a run, alternations and wildcards count for little.
        assert_eq!(run(r"ab(\.)?cd"), 2);
        assert_eq!(run(r"(?:abcdef|xy)[0-9]{2}"), 4);
        assert_eq!(run(r"(?:abc\.def|xyz1)"), 3);
        assert_eq!(run(r".{40}"), 0);
        assert_eq!(run(r"(?i)token[:=]\s*[a-z]{3}"), 5);
        // Non-ASCII characters count (a run in bytes is at least as long).
        assert_eq!(run(r"é{3}[^ ]"), 3);
        assert_eq!(run(r"(?:[a-f0-9]{8}-){3}[a-f0-9]{12}"), 9 * 3 + 12);
        assert_eq!(run(r"(?:^|[^A-Za-z0-9+/=])(?P<secret>[A-Za-z0-9+/]{86}==)"), 86);
    }

    #[test]
    fn values_without_the_run_do_not_fit() {
        let rule = Rule::compile_builtin(
            builtin_specs().into_iter().find(|(_, s)| s.id == "stripe-secret-key").expect("rule").1,
            "payments/stripe.toml",
        )
        .expect("compiles");
        let key = format!("sk_live_{}", "a1".repeat(12));
        assert!(rule.fits(&ValueBytes::of(&key)));
        assert!(rule.fits(&ValueBytes::of(&format!("/* shader */ vec4 x = {key}; ééé"))));
        assert!(!rule.fits(&ValueBytes::of(&format!("sk_live_{}", "a1.".repeat(12)))));
    }
}
