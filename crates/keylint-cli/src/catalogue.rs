//! `keylint rules` and `keylint explain`: the catalogue, from the same rule entries the engine
//! runs.

use keylint::rules::{spec_by_id, special_specs};
use keylint::{RuleSet, RuleSpec};
use serde_json::json;

pub fn list(as_json: bool) -> Result<(), String> {
    let rules = RuleSet::builtin();
    let specs: Vec<&RuleSpec> = rules.rules().iter().map(|r| &r.spec).chain(special_specs()).collect();
    if as_json {
        let entries: Vec<_> = specs.iter().map(|s| describe(s)).collect();
        println!("{}", serde_json::to_string_pretty(&entries).map_err(|e| e.to_string())?);
    } else {
        for s in specs {
            println!("{:<36} {:<12} {:<14} {}", s.id, s.class.as_str(), s.family, s.title);
        }
    }
    Ok(())
}

fn describe(s: &RuleSpec) -> serde_json::Value {
    json!({
        "id": s.id, "title": s.title, "provider": s.provider, "family": s.family,
        "class": s.class, "severity": s.class.default_severity(), "keywords": s.keywords,
        "context": s.context, "publishable_context": s.publishable_context,
        "validator": s.validator, "docs_url": s.docs.url,
    })
}

pub fn explain(id: &str) -> Result<(), String> {
    let rules = RuleSet::builtin();
    let Some(s) = spec_by_id(&rules, id) else {
        let near: Vec<&str> =
            rules.rules().iter().map(|r| r.id()).filter(|r| r.contains(id) || id.contains(*r)).take(5).collect();
        let hint = if near.is_empty() {
            "see `keylint rules`".to_string()
        } else {
            format!("did you mean {}?", near.join(", "))
        };
        return Err(format!("no rule `{id}`: {hint}"));
    };
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
