//! Runs the rules over candidates and classifies each match: the rule's class, unless its
//! validator or the context says otherwise.

use crate::candidate::{normalize, Candidate};
use crate::rules::{Class, FileGate, Rule, RuleSet, ValueBytes, Verdict};
use std::collections::HashSet;
use std::ops::Range;

pub mod env;
pub mod filters;
mod floor;
pub mod key_material;
mod nearness;
mod plain_value;

/// A rule match on a candidate, located in the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    pub rule: usize,
    pub candidate: usize,
    pub secret: String,
    pub class: Class,
    /// The bytes of the source to point at: the secret itself when it appears verbatim,
    /// otherwise the expression that builds it.
    pub span: Range<usize>,
    via_const: bool,
}

/// Names whose values are known not to be secrets even when they look random.
const BENIGN_NAMES: &[&str] = &["integrity", "nonce", "hash", "checksum", "etag", "sha", "digest", "contenthash"];
/// Endings that make a name one of those: `SIGNER_TYPEHASH`, `walletTxHash`, `initCodeHash`,
/// `walletFactorySalt`, `lastTx` hold 32-byte values that look like keys and open nothing.
const BENIGN_ENDINGS: &[&str] = &["hash", "digest", "checksum", "salt", "tx", "txid"];
/// Parts that do the same anywhere in a name: an EIP-712 domain separator is a hash.
const BENIGN_PARTS: &[&str] = &["domainseparator", "typehash"];

fn is_benign_name(name: &str) -> bool {
    let n = normalize(name);
    BENIGN_NAMES.contains(&n.as_str())
        || BENIGN_ENDINGS.iter().any(|e| n.ends_with(e))
        || BENIGN_PARTS.iter().any(|p| n.contains(p))
}

/// `path` lets file rules (a shipped `.env`) judge the candidate that is the whole file.
pub fn detect(source: &str, path: &str, candidates: &[Candidate], rules: &RuleSet) -> Vec<Detection> {
    let mut found = Vec::new();
    let mut rule_ids = Vec::new();
    for (ci, cand) in candidates.iter().enumerate() {
        if cand.context.name.as_deref().is_some_and(is_benign_name) {
            continue;
        }
        let whole_file = (cand.span == (0..source.len())
            || cand.span == (3..source.len()) && source.starts_with('\u{feff}'))
        .then_some(path);
        rules.candidates_for(&cand.value, &cand.context, whole_file, &mut rule_ids);
        let key_named = floor::names_a_key(&cand.context);
        let shape = ValueBytes::of(&cand.value);
        for &ri in &rule_ids {
            let rule = &rules.rules()[ri];
            if !rule.fits(&shape) {
                continue;
            }
            if rule.spec.fallback && !nearness::fallback_context_holds(&rule.spec.context, &cand.context) {
                continue;
            }
            let Some(regex) = rule.regex() else { continue };
            for caps in regex.captures_iter(&cand.value) {
                let m = caps.name("secret").or_else(|| caps.get(0)).expect("group 0 always matches");
                let secret = m.as_str();
                let Some(mut class) = judge(rule, secret, key_named) else { continue };
                if rule.is_publishable_in(&cand.context, &cand.value) {
                    class = Class::Publishable;
                }
                found.push(Detection {
                    rule: ri,
                    candidate: ci,
                    secret: secret.to_string(),
                    class,
                    span: locate(source, cand, m.range()),
                    via_const: cand.via_const,
                });
            }
        }
    }
    drop_shadowed(&mut found, rules);
    found
}

/// The class of a rule's match on `secret`, or `None` when the match is a stand-in, too
/// plain, or fails the rule's validator. `key_named`: the value's name says it is a key or
/// token, which makes an id- or digest-shaped value worth a generic rule's finding.
fn judge(rule: &Rule, secret: &str, key_named: bool) -> Option<Class> {
    // A checksum that holds proves a value is real, even if it contains a word like
    // "example" (a BIP39 word); otherwise stand-ins are dropped here.
    let proven = rule.validator.as_ref().is_some_and(|v| v.is_checksum() && v.check(secret) != Verdict::Reject);
    if secret.is_empty() || (!proven && filters::is_placeholder(secret)) {
        return None;
    }
    let benign = filters::is_benign_shape(secret) && !(key_named && floor::is_id_or_digest_shape(secret));
    if rule.spec.fallback && (benign || plain_value::is_plainly_not_secret(secret)) {
        return None;
    }
    if rule.spec.min_entropy.is_some_and(|min| filters::entropy(secret) < min) {
        return None;
    }
    match rule.validator.as_ref().map(|v| v.check(secret)) {
        Some(Verdict::Reject) => None,
        Some(Verdict::Reclassify(c)) => Some(c),
        Some(Verdict::Accept) | None => Some(rule.spec.class),
    }
}

/// Whether `value` would give a detection in some context the file offers: what the
/// prefilter asks of each literal. Context gates are relaxed to "the rule's words occur
/// somewhere in the file"; names, placements and classes do not matter here.
pub(crate) fn could_detect(value: &str, rules: &RuleSet, gate: &FileGate, scratch: &mut Vec<usize>) -> bool {
    rules.candidates_in_file(value, gate, scratch);
    let shape = ValueBytes::of(value);
    scratch.iter().any(|&ri| {
        let rule = &rules.rules()[ri];
        rule.fits(&shape)
            && rule.regex().is_some_and(|regex| {
                // Most values match no pattern: the cheap test first, captures only for the rest.
                regex.is_match(value)
                    && regex.captures_iter(value).any(|caps| {
                        let m = caps.name("secret").or_else(|| caps.get(0)).expect("group 0 always matches");
                        // Some name could say it is a key (a superset: names are not known here).
                        judge(rule, m.as_str(), true).is_some()
                    })
            })
    })
}

/// Where in the source to point for a secret found at `range` of a candidate's value.
fn locate(source: &str, cand: &Candidate, range: Range<usize>) -> Range<usize> {
    if let Some(at) = cand.verbatim_at {
        return at + range.start..at + range.end;
    }
    let secret = &cand.value[range];
    source
        .get(cand.span.clone())
        .and_then(|text| text.find(secret))
        .map(|off| cand.span.start + off..cand.span.start + off + secret.len())
        .unwrap_or_else(|| cand.span.clone())
}

/// Keeps one detection per rule and place; drops repeats of a constant's secret where the
/// constant is used, and a generic (fallback) rule's detection where a specific rule speaks.
fn drop_shadowed(found: &mut Vec<Detection>, rules: &RuleSet) {
    // A constant used where the names say it is public by design (`apiKey` in a Firebase config)
    // is that key wherever it is written: the use's verdict wins over the bare declaration's.
    let public: HashSet<(usize, String)> = found
        .iter()
        .filter(|d| d.via_const && d.class == Class::Publishable)
        .map(|d| (d.rule, d.secret.clone()))
        .collect();
    if !public.is_empty() {
        for d in found.iter_mut().filter(|d| public.contains(&(d.rule, d.secret.clone()))) {
            d.class = Class::Publishable;
        }
    }
    found.sort_by_key(|d| (d.span.start, d.span.end, d.rule));
    found.dedup_by(|b, a| a.rule == b.rule && a.span == b.span);
    let direct: HashSet<(usize, String)> =
        found.iter().filter(|d| !d.via_const).map(|d| (d.rule, d.secret.clone())).collect();
    found.retain(|d| !d.via_const || !direct.contains(&(d.rule, d.secret.clone())));
    let specific: Vec<Range<usize>> =
        found.iter().filter(|d| !rules.rules()[d.rule].spec.fallback).map(|d| d.span.clone()).collect();
    found.retain(|d| {
        !rules.rules()[d.rule].spec.fallback || !specific.iter().any(|s| s.start < d.span.end && d.span.start < s.end)
    });
    // Two generic rules on one place say the same thing: keep the first.
    found.dedup_by(|b, a| {
        a.span == b.span && rules.rules()[a.rule].spec.fallback && rules.rules()[b.rule].spec.fallback
    });
}
