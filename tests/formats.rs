//! Black-box tests of `--format sarif` and `--format github`: snapshots of the demo, the SARIF
//! log checked against the official SARIF 2.1.0 JSON schema, and no secret in either format.
//!
//! `tests/sarif-schema-2.1.0.json` is the OASIS schema (`Schemata/sarif-schema-2.1.0.json` in
//! the oasis-tcs/sarif-spec repository, draft-07, `$id`
//! https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json),
//! vendored verbatim from the crates.io package `serde-sarif` 0.8.0 (`src/schema.json`, MIT),
//! sha256 af47e7b67f24efe74076621fd3a5fbe7398add9e84fe820c971219a385895cea. See tests/SARIF-SCHEMA.md.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

mod common;
use common::{keylint, keylint_in, stdout};

fn sarif_of(o: &Output) -> Value {
    assert!(o.status.code() == Some(0) || o.status.code() == Some(1), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("SARIF output is JSON")
}

fn demo_sarif(extra: &[&str]) -> Value {
    let mut args = vec!["scan", "fixtures/demo", "--format", "sarif"];
    args.extend_from_slice(extra);
    sarif_of(&keylint(&args))
}

/// Every violation of the SARIF 2.1.0 schema, as "path: message" lines.
fn schema_violations(log: &Value) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sarif-schema-2.1.0.json");
    let mut schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    // Two `language` patterns in the schema (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) have a
    // stray `]`, which the draft-07 meta-schema's `format: regex` check rejects, so the schema
    // would not compile with formats checked. keylint writes no `language`; the file stays
    // verbatim and the stray `]` is dropped here, in memory (as older copies of the schema have it).
    for def in ["run", "toolComponent"] {
        let pattern = &mut schema["definitions"][def]["properties"]["language"]["pattern"];
        assert_eq!(pattern, "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$", "the vendored schema changed");
        *pattern = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}?$".into();
    }
    let validator =
        jsonschema::draft7::options().should_validate_formats(true).build(&schema).expect("the SARIF schema compiles");
    validator.iter_errors(log).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

fn assert_valid_sarif(log: &Value) {
    let violations = schema_violations(log);
    assert!(violations.is_empty(), "not valid SARIF 2.1.0:\n{}", violations.join("\n"));
}

/// The full secrets of the demo, from a `--show-secrets` JSON run.
fn demo_secrets() -> Vec<String> {
    let o = keylint(&["scan", "fixtures/demo", "--format", "json", "--show-secrets", "--fail-on", "never"]);
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    let secrets: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["secret"].as_str().expect("--show-secrets fills `secret`").to_string())
        .collect();
    assert!(secrets.len() > 20, "the demo has many secrets");
    secrets
}

#[test]
fn demo_sarif_is_valid_sarif_2_1_0() {
    assert_valid_sarif(&demo_sarif(&[]));
    assert_valid_sarif(&demo_sarif(&["--show-secrets"]));
}

#[test]
fn the_schema_check_rejects_invalid_logs() {
    let valid = demo_sarif(&[]);
    let mut bad_level = valid.clone();
    bad_level["runs"][0]["results"][0]["level"] = "fatal".into();
    let mut no_message = valid.clone();
    no_message["runs"][0]["results"][0].as_object_mut().unwrap().remove("message");
    let mut zero_line = valid.clone();
    zero_line["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
    let mut bad_uri = valid.clone();
    bad_uri["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] = "not a URI".into();
    let mut unknown = valid;
    unknown["runs"][0]["tool"]["driver"]["colour"] = "red".into();
    let broken = [
        ("level", bad_level),
        ("message", no_message),
        ("startLine", zero_line),
        ("helpUri", bad_uri),
        ("extra", unknown),
    ];
    for (what, log) in broken {
        assert!(!schema_violations(&log).is_empty(), "a log with a bad {what} passed the schema check");
    }
}

#[test]
fn demo_sarif_report() {
    let mut log = demo_sarif(&[]);
    // The hundreds of rule descriptors are checked below; the snapshot keeps the ones results use.
    let run = &mut log["runs"][0];
    let used: BTreeSet<String> =
        run["results"].as_array().unwrap().iter().map(|r| r["ruleId"].as_str().unwrap().to_string()).collect();
    let rules = run["tool"]["driver"]["rules"].as_array_mut().unwrap();
    rules.retain(|d| used.contains(d["id"].as_str().unwrap()));
    // Rule docs belong to the catalogue (and its tests); here they would churn with every edit.
    for d in rules.iter_mut() {
        d["fullDescription"]["text"] = "[docs.what]".into();
        d["help"]["text"] = "[docs: what, why, fix, url]".into();
        d["help"]["markdown"] = "[docs: what, why, fix, url]".into();
    }
    // Renumbered to the kept rules, so that a new rule in the catalogue does not churn the
    // snapshot (the real indexes are checked in `sarif_describes_every_rule_and_indexes_them`).
    let index: std::collections::HashMap<String, usize> =
        rules.iter().enumerate().map(|(i, d)| (d["id"].as_str().unwrap().to_string(), i)).collect();
    for r in run["results"].as_array_mut().unwrap() {
        r["ruleIndex"] = index[r["ruleId"].as_str().unwrap()].into();
    }
    run["tool"]["driver"]["version"] = "[version]".into();
    run["tool"]["driver"]["semanticVersion"] = "[version]".into();
    insta::assert_json_snapshot!("demo_sarif", log);
}

#[test]
fn sarif_describes_every_rule_and_indexes_them() {
    let log = demo_sarif(&[]);
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "keylint");
    assert_eq!(log["runs"][0]["columnKind"], "utf16CodeUnits");
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|d| d["id"].as_str().unwrap()).collect();

    let catalogue: Value = serde_json::from_slice(&keylint(&["rules", "--format", "json"]).stdout).unwrap();
    let catalogue: Vec<&str> = catalogue.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids[..catalogue.len()], catalogue[..], "every built-in rule, in catalogue order");
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), ids.len(), "rule ids are unique");

    for d in rules {
        let p = &d["properties"];
        assert!(d["shortDescription"]["text"].as_str().is_some_and(|t| !t.is_empty()), "{d}");
        assert!(d["help"]["markdown"].as_str().is_some_and(|t| t.contains("**How to fix and rotate.**")), "{d}");
        let tags: Vec<&str> = p["tags"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
        assert!(tags.starts_with(&["security", "secrets"]) && tags.contains(&p["class"].as_str().unwrap()), "{d}");
        let severity = match p["class"].as_str().unwrap() {
            "secret" => "9.0",
            "test" => "5.0",
            _ => "1.0",
        };
        assert_eq!(p["security-severity"], severity, "{d}");
    }

    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let rule = &rules[r["ruleIndex"].as_u64().unwrap() as usize];
        assert_eq!(rule["id"], r["ruleId"], "ruleIndex points at the result's rule");
        assert_eq!(rule["properties"]["class"], r["properties"]["class"], "the rule's severity fits the result");
        assert_eq!(r["partialFingerprints"]["keylint/v1"].as_str().unwrap().len(), 16);
    }
    let mapped = results.iter().filter(|r| r["relatedLocations"].is_array()).count();
    assert!(mapped > 0, "source-mapped findings point at their original source");
}

#[test]
fn sarif_paths_are_encoded_uri_references() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("dist/app [id]")).unwrap();
    let code = "const stripe = new Stripe(\"sk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk7fGhJ3nB5vX0pQaZs\");\n";
    std::fs::write(dir.path().join("dist/app [id]/50%é,x.js"), code).unwrap();
    let log = sarif_of(&keylint_in(dir.path(), &["scan", "dist", "--format", "sarif"]));
    assert_valid_sarif(&log);
    let location = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "dist/app%20%5Bid%5D/50%25%C3%A9,x.js");
    assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(location["region"]["startColumn"], 28, "the secret starts after the quote");

    let absolute = dir.path().join("dist");
    let log = sarif_of(&keylint(&["scan", absolute.to_str().unwrap(), "--format", "sarif"]));
    assert_valid_sarif(&log);
    let uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str();
    assert!(uri.unwrap().starts_with("file:///"), "absolute paths are file URIs: {uri:?}");
}

#[test]
fn demo_github_report() {
    let o = keylint(&["scan", "fixtures/demo", "--format", "github"]);
    assert_eq!(o.status.code(), Some(1), "errors in the demo fail the scan");
    let out = stdout(&o);
    for line in out.lines() {
        assert!(
            line.starts_with("::error file=") || line.starts_with("::warning file=") || line.starts_with("::notice "),
            "not a workflow command: {line}"
        );
    }
    insta::assert_snapshot!("demo_github", out);
}

#[test]
fn github_escapes_properties_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a,b:c%.js"),
        "const stripe = new Stripe(\"sk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk7fGhJ3nB5vX0pQaZs\");\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("broken.js"), "const = ;\n").unwrap();
    let out = stdout(&keylint_in(dir.path(), &["scan", ".", "--format", "github"]));
    assert!(out.contains("::error file=a%2Cb%3Ac%25.js,line=1,col=28,"), "{out}");
    assert!(out.lines().any(|l| l.starts_with("::notice::") && l.contains("broken.js")), "notes are notices: {out}");
}

#[test]
fn no_full_secret_in_sarif_or_github() {
    let secrets = demo_secrets();
    for format in ["sarif", "github"] {
        let out = stdout(&keylint(&["scan", "fixtures/demo", "--format", format]));
        for secret in &secrets {
            assert!(!out.contains(secret.as_str()), "{format} output leaks {}…", &secret[..6]);
        }
    }
    // --show-secrets: SARIF carries them in properties.secret only; GitHub logs never do.
    let shown = demo_sarif(&["--show-secrets"]);
    let in_properties: BTreeSet<&str> = shown["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["properties"]["secret"].as_str())
        .collect();
    assert_eq!(in_properties, secrets.iter().map(String::as_str).collect());
    let github = stdout(&keylint(&["scan", "fixtures/demo", "--format", "github", "--show-secrets"]));
    for secret in &secrets {
        assert!(!github.contains(secret.as_str()), "github output leaks {}… with --show-secrets", &secret[..6]);
    }
}

#[test]
fn a_path_that_cannot_be_read_is_in_every_report_not_only_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.js"), "const x = 1;\n").unwrap();
    let sarif = keylint_in(dir.path(), &["scan", "a.js", "missing.js", "--format", "sarif"]);
    assert_eq!(sarif.status.code(), Some(2));
    let log: Value = serde_json::from_slice(&sarif.stdout).unwrap();
    assert_valid_sarif(&log);
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(invocation["toolExecutionNotifications"][0]["level"], "error");
    let note = "missing.js: No such file or directory (os error 2), not scanned";
    assert_eq!(invocation["toolExecutionNotifications"][0]["message"]["text"], note);
    let json = keylint_in(dir.path(), &["scan", "a.js", "missing.js", "--format", "json"]);
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["summary"]["notes"], serde_json::json!([note]));
    let github = keylint_in(dir.path(), &["scan", "a.js", "missing.js", "--format", "github"]);
    assert!(stdout(&github).contains("::notice::missing.js: No such file or directory (os error 2), not scanned"));
    // A complete run says so.
    let ok: Value =
        serde_json::from_slice(&keylint_in(dir.path(), &["scan", "a.js", "--format", "sarif"]).stdout).unwrap();
    assert_eq!(ok["runs"][0]["invocations"][0]["executionSuccessful"], true);
}

#[test]
fn a_severity_override_rates_the_rule_for_code_scanning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("keylint.toml"), "[severity]\ngithub-personal-access-token = \"info\"\n").unwrap();
    std::fs::write(dir.path().join("a.js"), "const k = \"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\";\n").unwrap();
    let log = sarif_of(&keylint_in(dir.path(), &["scan", "a.js", "--format", "sarif"]));
    assert_valid_sarif(&log);
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["level"], "note");
    let rule = &log["runs"][0]["tool"]["driver"]["rules"][result["ruleIndex"].as_u64().unwrap() as usize];
    assert_eq!(rule["id"], "github-personal-access-token");
    assert_eq!(rule["defaultConfiguration"]["level"], "note");
    assert_eq!(rule["properties"]["security-severity"], "1.0", "not rated critical");
}

#[test]
fn a_map_in_another_folder_points_sarif_at_the_right_source() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    for d in ["src", "dist/assets", "dist/sm/deep"] {
        std::fs::create_dir_all(p.join(d)).unwrap();
    }
    std::fs::write(p.join("src/app.ts"), "export const k = 1;\n").unwrap();
    std::fs::write(
        p.join("dist/assets/c.js"),
        "const k=\"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\";\n//# sourceMappingURL=../sm/deep/c.js.map\n",
    )
    .unwrap();
    // The map's sources are relative to the map, two folders deeper than the bundle.
    let map = serde_json::json!({"version":3,"sources":["../../../src/app.ts"],"names":[],"mappings":"AAAA"});
    std::fs::write(p.join("dist/sm/deep/c.js.map"), map.to_string()).unwrap();
    let json: Value =
        serde_json::from_slice(&keylint_in(p, &["scan", "dist/assets", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["findings"][0]["original"]["file"], "../../src/app.ts", "relative to the built file's folder");
    let log = sarif_of(&keylint_in(p, &["scan", "dist/assets", "--format", "sarif"]));
    assert_valid_sarif(&log);
    let related = &log["runs"][0]["results"][0]["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(related, "src/app.ts");
}

#[test]
fn a_custom_rule_is_described_from_its_own_docs() {
    let dir = tempfile::tempdir().unwrap();
    let toml = r#"[[rule]]
id = "acme-internal-token"
title = "Acme internal token"
provider = "Acme"
family = "internal"
class = "secret"
keywords = ["acme_"]
pattern = '''acme_[a-z0-9]{32}'''
docs = { what = "A token for Acme's internal API.", why = "It reads every order.", fix = "Rotate it in the Acme console.", url = "https://wiki.acme.example/tokens" }
"#;
    std::fs::write(dir.path().join("keylint.toml"), toml).unwrap();
    std::fs::write(dir.path().join("a.js"), "const t = \"acme_k3j9x8q2m5n7b1v4c6z0l8p2r5t7y9w3\";\n").unwrap();
    let log = sarif_of(&keylint_in(dir.path(), &["scan", "a.js", "--format", "sarif"]));
    assert_valid_sarif(&log);
    let result = &log["runs"][0]["results"][0];
    let rule = &log["runs"][0]["tool"]["driver"]["rules"][result["ruleIndex"].as_u64().unwrap() as usize];
    assert_eq!(rule["id"], "acme-internal-token");
    assert_eq!(rule["fullDescription"]["text"], "A token for Acme's internal API.");
    assert!(rule["help"]["text"].as_str().unwrap().contains("It reads every order."));
    assert_eq!(rule["properties"]["provider"], "Acme");
}

/// SARIF columns after CJK text and an emoji on the same line: in UTF-16 code units, as the
/// log's `columnKind` declares. The expected column is counted here from the prefix's UTF-16
/// encoding, not taken from keylint; bytes and code points would give other numbers.
#[test]
fn sarif_columns_after_non_ascii_text_count_utf16_units() {
    let key = "sk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk7fGhJ3nB5vX0pQaZs";
    let prefix = "const label = \"日本語のラベル 😀🔑 café\"; const stripe = new Stripe(\"";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.js"), format!("// 第一行\n{prefix}{key}\");\n")).unwrap();
    let log = sarif_of(&keylint_in(dir.path(), &["scan", "a.js", "--format", "sarif"]));
    assert_valid_sarif(&log);
    assert_eq!(log["runs"][0]["columnKind"], "utf16CodeUnits");
    let utf16 = |s: &str| s.encode_utf16().count() as u64;
    let (start, end) = (utf16(prefix) + 1, utf16(prefix) + 1 + utf16(key));
    assert!(
        start != prefix.len() as u64 + 1 && start != prefix.chars().count() as u64 + 1,
        "the prefix tells units apart"
    );
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{results:#?}");
    let region = &results[0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (&region["startLine"], &region["startColumn"], &region["endLine"], &region["endColumn"]),
        (&2.into(), &start.into(), &2.into(), &end.into()),
        "{region}"
    );
}

/// Violations of docs/schema/`file` (the JSON Schema derived from the Rust types), as
/// "path: message" lines.
fn report_schema_violations(file: &str, document: &Value) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema").join(file);
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::draft202012::options().build(&schema).expect("the report schema compiles");
    validator.iter_errors(document).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

/// `--format json` holds to docs/schema/report.schema.json: the demo (findings with `original`,
/// `context` and `reused`), with `--show-secrets`, and a run with notes and no finding.
#[test]
fn json_reports_are_valid_against_the_report_schema() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.js"), "const a = ;\n").unwrap();
    std::fs::write(dir.path().join("blob.bin"), b"\0\x01\x02\xff").unwrap();
    let runs = [
        keylint(&["scan", "fixtures/demo", "--format", "json"]),
        keylint(&["scan", "fixtures/demo", "--format", "json", "--show-secrets", "--env-file", "fixtures/demo.env"]),
        keylint_in(dir.path(), &["scan", ".", "--format", "json"]),
    ];
    let mut seen = BTreeSet::new();
    for run in &runs {
        let report: Value = serde_json::from_slice(&run.stdout).expect("JSON");
        let violations = report_schema_violations("report.schema.json", &report);
        assert!(violations.is_empty(), "not valid against report.schema.json:\n{}", violations.join("\n"));
        seen.extend(report["findings"].as_array().unwrap().iter().flat_map(|f| f.as_object().unwrap().keys().cloned()));
        seen.extend(
            report["summary"]
                .as_object()
                .unwrap()
                .iter()
                .filter(|(_, v)| v.as_array().is_some_and(|a| !a.is_empty()))
                .map(|(k, _)| k.clone()),
        );
    }
    // Every optional part of the schema was exercised.
    for key in ["context", "original", "secret", "reused", "notes"] {
        assert!(seen.contains(key), "no run produced `{key}`: {seen:?}");
    }
}

/// The schema is strict enough to catch drift: a missing field, an extra one, a wrong enum value.
#[test]
fn the_report_schema_rejects_reports_that_drift() {
    let report: Value =
        serde_json::from_slice(&keylint(&["scan", "fixtures/demo", "--format", "json"]).stdout).unwrap();
    let broken = |edit: &dyn Fn(&mut Value)| {
        let mut r = report.clone();
        edit(&mut r);
        report_schema_violations("report.schema.json", &r)
    };
    assert!(!broken(&|r| {
        r["findings"][0].as_object_mut().unwrap().remove("fingerprint");
    })
    .is_empty());
    assert!(!broken(&|r| r["findings"][0]["severity_label"] = "high".into()).is_empty());
    assert!(!broken(&|r| r["findings"][0]["form"] = "concatenation".into()).is_empty());
    assert!(!broken(&|r| r["summary"]["errors"] = "3".into()).is_empty());
    assert!(broken(&|_| {}).is_empty());
}
