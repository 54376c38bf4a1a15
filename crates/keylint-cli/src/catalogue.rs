//! `keylint rules` and `keylint explain`: the catalogue, from the same rule entries the engine
//! runs.

use keylint::rules::{origin_by_id, spec_by_id, special_specs};
use keylint::{RuleSet, RuleSpec};
use serde_json::json;
use std::fmt::Write as _;
use std::io::Write as _;

pub fn list(as_json: bool) -> Result<(), String> {
    let rules = RuleSet::builtin();
    let specs: Vec<&RuleSpec> = rules.rules().iter().map(|r| &r.spec).chain(special_specs()).collect();
    let mut out = String::new();
    if as_json {
        let entries: Vec<_> = specs.iter().map(|s| describe(s, &rules)).collect();
        out = serde_json::to_string_pretty(&entries).map_err(|e| e.to_string())? + "\n";
    } else {
        for s in specs {
            let _ = writeln!(out, "{:<36} {:<12} {:<14} {}", s.id, s.class.as_str(), s.family, s.title);
        }
    }
    print(&out)
}

fn describe(s: &RuleSpec, rules: &RuleSet) -> serde_json::Value {
    json!({
        "id": s.id, "title": s.title, "provider": s.provider, "family": s.family,
        "class": s.class, "severity": s.class.default_severity(), "keywords": s.keywords,
        "context": s.context, "publishable_context": s.publishable_context,
        "validator": s.validator, "docs_url": s.docs.url, "defined_in": defined_in(rules, &s.id),
    })
}

/// Where a built-in rule is defined in keylint's repository (`crates/keylint/rules/payments/stripe.toml`).
fn defined_in(rules: &RuleSet, id: &str) -> Option<String> {
    origin_by_id(rules, id).map(|file| format!("crates/keylint/rules/{file}"))
}

pub fn explain(id: &str) -> Result<(), String> {
    let rules = RuleSet::builtin();
    // SARIF names a class variant `rule/class` (tools/sarif): its rule is the one to explain.
    let wanted = id.split('/').next().unwrap_or(id).trim().to_ascii_lowercase();
    if wanted.is_empty() {
        return Err("give a rule id (see `keylint rules`)".into());
    }
    let Some(s) = spec_by_id(&rules, &wanted) else {
        let ids: Vec<&str> =
            rules.rules().iter().map(|r| r.id()).chain(special_specs().iter().map(|s| s.id.as_str())).collect();
        let near: Vec<&str> = ids
            .iter()
            .copied()
            .filter(|r| r.contains(wanted.as_str()) || wanted.contains(*r) || edit_distance(r, &wanted) <= 2)
            .take(5)
            .collect();
        let hint = if near.is_empty() {
            "see `keylint rules`".to_string()
        } else {
            format!("did you mean {}?", near.join(", "))
        };
        return Err(format!("no rule `{id}`: {hint}"));
    };
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", s.title, s.id);
    let _ = writeln!(
        out,
        "provider: {} · family: {} · class: {} ({})",
        s.provider,
        s.family,
        s.class.as_str(),
        s.class.default_severity()
    );
    let _ = writeln!(out, "\nWhat it finds\n  {}", s.docs.what);
    let _ = writeln!(out, "\nWhy it matters in a browser\n  {}", s.docs.why);
    let _ = writeln!(out, "\nHow to fix and rotate\n  {}", s.docs.fix);
    let _ = writeln!(out, "\nDocs: {}", s.docs.url);
    if let Some(file) = defined_in(&rules, &s.id) {
        let _ = writeln!(out, "Defined in {file}");
    }
    if let Some(ex) = s.fp.first() {
        let _ = writeln!(
            out,
            "\nNot reported, for example:\n  {}\n  ({})",
            ex.code.trim(),
            ex.why.as_deref().unwrap_or("")
        );
    }
    print(&out)
}

/// Writes to stdout; a reader that went away (`keylint rules | head`) is not an error.
fn print(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("stdout: {e}")),
        _ => Ok(()),
    }
}

/// Levenshtein distance, for suggestions on a mistyped id.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("stripe-secret-key", "strpe-secret-key"), 1);
        assert_eq!(edit_distance("abc", "abc"), 0);
        assert_eq!(edit_distance("", "ab"), 2);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
