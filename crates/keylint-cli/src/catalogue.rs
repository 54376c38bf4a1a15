//! `keylint rules` and `keylint explain`: the catalogue, from the same rule entries the engine
//! runs.

use keylint::{Rule, RuleSet};
use serde_json::json;

pub fn list(as_json: bool) -> Result<(), String> {
    let rules = RuleSet::builtin();
    if as_json {
        let entries: Vec<_> = rules.rules().iter().map(describe).collect();
        println!("{}", serde_json::to_string_pretty(&entries).map_err(|e| e.to_string())?);
    } else {
        for r in rules.rules() {
            println!("{:<36} {:<12} {:<14} {}", r.id(), r.spec.class.as_str(), r.spec.family, r.spec.title);
        }
    }
    Ok(())
}

fn describe(r: &Rule) -> serde_json::Value {
    let s = &r.spec;
    json!({
        "id": s.id, "title": s.title, "provider": s.provider, "family": s.family,
        "class": s.class, "severity": s.class.default_severity(), "keywords": s.keywords,
        "context": s.context, "publishable_context": s.publishable_context,
        "validator": s.validator, "docs_url": s.docs.url,
    })
}

pub fn explain(id: &str) -> Result<(), String> {
    let rules = RuleSet::builtin();
    let Some(rule) = rules.get(id) else {
        let near: Vec<&str> =
            rules.rules().iter().map(|r| r.id()).filter(|r| r.contains(id) || id.contains(*r)).take(5).collect();
        let hint = if near.is_empty() {
            "see `keylint rules`".to_string()
        } else {
            format!("did you mean {}?", near.join(", "))
        };
        return Err(format!("no rule `{id}`: {hint}"));
    };
    let s = &rule.spec;
    println!("{} ({})", s.title, s.id);
    println!(
        "provider: {} · family: {} · class: {} ({})",
        s.provider,
        s.family,
        s.class.as_str(),
        s.class.default_severity()
    );
    println!("\nWhat it finds\n  {}", s.docs.what);
    println!("\nWhy it matters in a browser\n  {}", s.docs.why);
    println!("\nHow to fix and rotate\n  {}", s.docs.fix);
    println!("\nDocs: {}", s.docs.url);
    if let Some(ex) = s.fp.first() {
        println!("\nNot reported, for example:\n  {}\n  ({})", ex.code.trim(), ex.why.as_deref().unwrap_or(""));
    }
    Ok(())
}
