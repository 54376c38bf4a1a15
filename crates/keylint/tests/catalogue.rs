//! Every example of every built-in rule, through the real engine: each true positive must give a
//! finding of its rule (with the class it names), each false positive none. One test, so that
//! a failure lists every misbehaving example at once.

use keylint::rules::{builtin_specs, RuleSet};
use keylint::{scan, Config};

#[test]
fn every_rule_example_behaves() {
    let config = Config::default();
    let mut failures = Vec::new();
    let specs = builtin_specs();
    for (file, spec) in &specs {
        if spec.tp.len() < 2 || spec.fp.len() < 2 {
            failures.push(format!("{file}: {}: needs at least 2 tp and 2 fp examples", spec.id));
        }
        for (kind, examples) in [("tp", &spec.tp), ("fp", &spec.fp)] {
            for (i, ex) in examples.iter().enumerate() {
                let filename = ex.filename.as_deref().unwrap_or("example.js");
                let result = scan(&ex.code, filename, &config);
                let hits: Vec<_> = result.findings.iter().filter(|f| f.rule_id == spec.id).collect();
                let label = format!("{file}: {} {kind}[{i}] `{}`", spec.id, ex.code.trim());
                match kind {
                    "tp" if hits.is_empty() => {
                        let others: Vec<_> = result.findings.iter().map(|f| f.rule_id.as_str()).collect();
                        failures.push(format!("{label}: no finding (found: {others:?}; notes: {:?})", result.notes));
                    }
                    "tp" => {
                        if let Some(want) = ex.class {
                            if !hits.iter().any(|f| f.class == want) {
                                failures.push(format!("{label}: class {:?}, want {want:?}", hits[0].class));
                            }
                        }
                    }
                    _ if !hits.is_empty() => {
                        failures.push(format!(
                            "{label}: reported ({}), but: {}",
                            hits[0].secret_redacted,
                            ex.why.as_deref().unwrap_or("no reason given")
                        ));
                    }
                    _ => {}
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} example(s) misbehave:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(RuleSet::builtin().rules().len(), specs.len());
    assert!(specs.len() >= 60, "the catalogue has {} rules; the contract is at least 60", specs.len());
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
