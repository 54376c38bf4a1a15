//! Every example of every built-in rule, through the real engine. A true positive must give a
//! finding of its rule that reports the whole key (the token of the example's code it sits in,
//! or the `secret` the example states) with the class the example states, and no other rule's
//! finding on that key unless the example names the rule in `also`. A false positive must give
//! no finding of its rule. One test, so that a failure lists every misbehaving example at once.

use keylint::finding::fingerprint;
use keylint::rules::{builtin_specs, Example, RuleSet};
use keylint::{scan, Config, Finding, RuleSpec};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// The whole token of `code` around `range` (a secret written there verbatim): `range` grown
/// over the characters the secret is made of on both sides. Those are letters, digits, `_` and
/// `-`, and any other character the secret itself contains (`+`, `/`, `=` of base64, `.` of a
/// JWT): a secret with one of them right before or after it in the code is part of a longer
/// key. Other neighbours (quotes, spaces, `:`, `/` in a URL around a key without one) bound it,
/// and so does a `=` before it: base64 pads at the end, and `code=…` assigns.
fn token_around(code: &str, range: std::ops::Range<usize>) -> &str {
    let secret = &code[range.clone()];
    let is_key_char =
        |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-' || (!c.is_whitespace() && secret.contains(c));
    let start = code[..range.start]
        .char_indices()
        .rev()
        .find(|&(_, c)| c == '=' || !is_key_char(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = code[range.end..].find(|c: char| !is_key_char(c)).map_or(code.len(), |i| range.end + i);
    &code[start..end]
}

fn overlaps(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// What is wrong with a true positive, if anything.
fn check_tp(spec: &RuleSpec, ex: &Example, findings: &[Finding]) -> Vec<String> {
    let mut wrong = Vec::new();
    let Some(class) = ex.class else {
        wrong.push(format!("states no class (the rule's is `{}`)", spec.class.as_str()));
        return wrong;
    };
    let hits: Vec<&Finding> = findings.iter().filter(|f| f.rule_id == spec.id).collect();
    if hits.is_empty() {
        let others: Vec<_> = findings.iter().map(|f| f.rule_id.as_str()).collect();
        wrong.push(format!("no finding (found: {others:?})"));
        return wrong;
    }
    for hit in &hits {
        let at = &ex.code[hit.byte_range.clone()];
        let verbatim = fingerprint(&spec.id, at) == hit.fingerprint;
        match &ex.secret {
            Some(want) if fingerprint(&spec.id, want) != hit.fingerprint => {
                wrong.push(format!("reports `{}` at `{at}`, not the stated secret", hit.secret_redacted))
            }
            Some(_) => {}
            None if !verbatim => wrong.push(format!(
                "reports `{}` built from `{at}`: state the secret with `secret = \"…\"`",
                hit.secret_redacted
            )),
            None => {
                let token = token_around(&ex.code, hit.byte_range.clone());
                if token != at {
                    wrong.push(format!("reports `{at}`, part of the token `{token}`"));
                }
            }
        }
        if hit.class != class {
            wrong.push(format!("class `{}` at `{at}`, want `{}`", hit.class.as_str(), class.as_str()));
        }
        for other in findings.iter().filter(|f| f.rule_id != spec.id && overlaps(&f.byte_range, &hit.byte_range)) {
            if !ex.also.contains(&other.rule_id) {
                wrong.push(format!("`{}` also reports the key at `{at}` (say so with `also`)", other.rule_id));
            }
        }
    }
    for also in &ex.also {
        let reported =
            findings.iter().any(|f| &f.rule_id == also && hits.iter().any(|h| overlaps(&f.byte_range, &h.byte_range)));
        if !reported {
            wrong.push(format!("`also` names `{also}`, which does not report the key"));
        }
    }
    wrong
}

#[test]
fn every_rule_example_behaves() {
    let config = Config::default();
    let mut failures = Vec::new();
    let specs = builtin_specs();
    for (file, spec) in &specs {
        if spec.tp.len() < 2 || spec.fp.len() < 2 {
            failures.push(format!("{file}: {}: needs at least 2 tp and 2 fp examples", spec.id));
        }
        for (i, ex) in spec.tp.iter().enumerate() {
            let result = scan(&ex.code, ex.filename.as_deref().unwrap_or("example.js"), &config);
            for wrong in check_tp(spec, ex, &result.findings) {
                failures.push(format!("{file}: {} tp[{i}] `{}`: {wrong}", spec.id, ex.code.trim()));
            }
        }
        for (i, ex) in spec.fp.iter().enumerate() {
            if ex.class.is_some() || ex.secret.is_some() || !ex.also.is_empty() {
                failures
                    .push(format!("{file}: {} fp[{i}]: `class`, `secret` and `also` are for true positives", spec.id));
            }
            let result = scan(&ex.code, ex.filename.as_deref().unwrap_or("example.js"), &config);
            if let Some(hit) = result.findings.iter().find(|f| f.rule_id == spec.id) {
                failures.push(format!(
                    "{file}: {} fp[{i}] `{}`: reported ({}), but: {}",
                    spec.id,
                    ex.code.trim(),
                    hit.secret_redacted,
                    ex.why.as_deref().unwrap_or("no reason given")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} example(s) misbehave:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(RuleSet::builtin().rules().len(), specs.len());
    assert!(specs.len() >= 60, "the catalogue has {} rules; the contract is at least 60", specs.len());
}

/// What a user sees for each true positive of each rule, one snapshot per rule file, beside it
/// (`rules/payments/snapshots/stripe.snap`): every finding of the example with its rule, class,
/// severity, form, context, place and message, the secret redacted and fingerprinted.
#[test]
fn true_positives_as_users_see_them() {
    let config = Config::default();
    let mut files: BTreeMap<&str, Vec<RuleSpec>> = BTreeMap::new();
    for (file, spec) in builtin_specs() {
        files.entry(file).or_default().push(spec);
    }
    let rules_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    for (file, specs) in files {
        let (family, name) = file.rsplit_once('/').expect("rules/<family>/<provider>.toml");
        let mut text = String::new();
        for spec in &specs {
            for (i, ex) in spec.tp.iter().enumerate() {
                let filename = ex.filename.as_deref().unwrap_or("example.js");
                let _ = writeln!(text, "{} tp[{i}] ({filename})", spec.id);
                for f in scan(&ex.code, filename, &config).findings {
                    let _ = writeln!(
                        text,
                        "  {} · {} · {} · {} · {}:{}-{}:{}",
                        f.rule_id,
                        f.class.as_str(),
                        f.severity,
                        f.form.as_str(),
                        f.line,
                        f.column,
                        f.end_line,
                        f.end_column
                    );
                    if let Some(context) = &f.context {
                        let _ = writeln!(text, "    context: {context}");
                    }
                    let _ = writeln!(text, "    secret: {} ({})", f.secret_redacted, f.fingerprint);
                    let _ = writeln!(text, "    {}", f.message);
                }
            }
        }
        insta::with_settings!({
            snapshot_path => rules_dir.join(family).join("snapshots"),
            prepend_module_to_snapshot => false,
            description => format!("rules/{file}: every finding of each true-positive example"),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(name.trim_end_matches(".toml"), text);
        });
    }
    // A snapshot outlives its rule file when the file is renamed or removed: none may.
    let mut stale = Vec::new();
    for family in std::fs::read_dir(&rules_dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()) {
        let Ok(snapshots) = std::fs::read_dir(family.join("snapshots")) else { continue };
        for snap in snapshots.map(|e| e.unwrap().path()) {
            let stem = snap.file_name().unwrap().to_string_lossy().split('.').next().unwrap().to_string();
            if !family.join(format!("{stem}.toml")).is_file() {
                stale.push(snap.display().to_string());
            }
        }
    }
    assert!(stale.is_empty(), "snapshots without a rule file: {stale:?}");
}

/// Providers that are none: their rules sit in files named after the format they find
/// (`keys/pem.toml`, `auth/jwt.toml`, `files/env-file.toml`).
const NO_PROVIDER: &[&str] = &["Generic", "Any", "HTTP", "Database", "Git", "Apache / nginx", "Bitcoin / Ethereum"];

/// `Checkout.com` → `checkout-com`, `Weights & Biases` → `weights-biases`.
fn kebab(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join("-")
}

/// A rule is found in one guess: `rules/<family>/<provider>.toml`, one file per provider, the
/// rule's family its folder.
#[test]
fn every_rule_file_is_its_providers() {
    let mut providers_of_file: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut files_of_provider: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    let mut wrong = Vec::new();
    for (file, spec) in builtin_specs() {
        let (folder, name) = file.split_once('/').expect("rules/<family>/<provider>.toml");
        if folder != spec.family {
            wrong.push(format!("{file}: {} has family `{}`", spec.id, spec.family));
        }
        if !NO_PROVIDER.contains(&spec.provider.as_str()) && name != format!("{}.toml", kebab(&spec.provider)) {
            wrong.push(format!(
                "{file}: {} is a rule of {}: its file is `{}.toml`",
                spec.id,
                spec.provider,
                kebab(&spec.provider)
            ));
        }
        providers_of_file.entry(file).or_default().insert(spec.provider.clone());
        files_of_provider.entry(spec.provider).or_default().insert(file);
    }
    for (file, providers) in providers_of_file.iter().filter(|(_, p)| p.len() > 1) {
        wrong.push(format!("{file} holds the rules of several providers: {providers:?}"));
    }
    for (provider, files) in files_of_provider.iter().filter(|(p, f)| f.len() > 1 && !NO_PROVIDER.contains(&p.as_str()))
    {
        wrong.push(format!("{provider}'s rules are in several files: {files:?}"));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_builtin_pattern_compiles() {
    // Built-in patterns are compiled on first use; here every one is compiled eagerly.
    for (file, spec) in builtin_specs() {
        let id = spec.id.clone();
        if let Err(e) = keylint::Rule::compile(spec, file) {
            panic!("{file}: {id}: {e}");
        }
    }
}

#[test]
fn every_rule_has_docs_and_a_link() {
    for (file, spec) in builtin_specs() {
        let d = &spec.docs;
        assert!(
            [&d.what, &d.why, &d.fix].iter().all(|s| s.trim().len() >= 20),
            "{file}: {}: docs need what, why and fix",
            spec.id
        );
        assert!(d.url.starts_with("https://"), "{file}: {}: docs url must be https", spec.id);
    }
}
