//! Black-box tests of the `keylint` binary: what users see, exit codes, and the contract in
//! docs/cli.md and docs/output.md. Output is snapshot-tested with `insta` (review changes with `cargo insta review`).

use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::{keylint, keylint_in, stdout};

fn demo_json() -> serde_json::Value {
    let o = keylint(&["scan", "fixtures/demo", "--format", "json", "--fail-on", "never"]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("valid JSON")
}

#[test]
fn demo_json_report() {
    insta::assert_json_snapshot!("demo_json", demo_json());
}

#[test]
fn demo_pretty_report() {
    let o = keylint(&["scan", "fixtures/demo"]);
    assert_eq!(o.status.code(), Some(1), "errors in the demo fail the scan");
    insta::assert_snapshot!("demo_pretty", stdout(&o));
}

#[test]
fn demo_finds_every_form() {
    let report = demo_json();
    let forms: std::collections::BTreeSet<&str> =
        report["findings"].as_array().unwrap().iter().map(|f| f["form"].as_str().unwrap()).collect();
    for form in ["literal", "template", "concat", "base64", "char-codes", "array-join", "json", "env-inline"] {
        assert!(forms.contains(form), "no finding with form {form} in the demo: {forms:?}");
    }
}

#[test]
fn no_full_secret_is_printed_by_default() {
    let demo_src =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo-src/src/payments.ts"))
            .unwrap();
    let stripe = demo_src.split('"').find(|s| s.starts_with("sk_live_")).unwrap().to_string();
    let shown = keylint(&["scan", "fixtures/demo", "--format", "json", "--show-secrets", "--fail-on", "never"]);
    let report: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    let secrets: Vec<&str> =
        report["findings"].as_array().unwrap().iter().filter_map(|f| f["secret"].as_str()).collect();
    assert!(secrets.iter().any(|s| s.starts_with(&stripe)), "--show-secrets shows them");
    for format in ["pretty", "json"] {
        let out = stdout(&keylint(&["scan", "fixtures/demo", "--format", format]));
        for secret in &secrets {
            assert!(!out.contains(secret), "{format} output leaks {}…", &secret[..8]);
        }
    }
}

#[test]
fn exit_codes_follow_fail_on() {
    assert_eq!(keylint(&["scan", "fixtures/demo"]).status.code(), Some(1));
    assert_eq!(keylint(&["scan", "fixtures/demo", "--fail-on", "never"]).status.code(), Some(0));
    assert_eq!(keylint(&["scan", "fixtures/demo/assets/index-7c2e91ab.css"]).status.code(), Some(0));
    let missing = keylint(&["scan", "fixtures/no-such-dir"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("fixtures/no-such-dir"), "the error names the path");
    assert_eq!(keylint(&["scan", "--format", "yaml"]).status.code(), Some(2), "usage errors exit 2");
}

#[test]
fn fingerprints_survive_renamed_bundles() {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo/assets/index-4f2a9c1e.js");
    std::fs::copy(&src, dir.path().join("index-0000aaaa.js")).unwrap();
    let fingerprints = |path: &Path| -> Vec<String> {
        let o = keylint(&["scan", path.to_str().unwrap(), "--format", "json", "--fail-on", "never"]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["findings"].as_array().unwrap().iter().map(|f| f["fingerprint"].as_str().unwrap().to_string()).collect()
    };
    let a = fingerprints(&src);
    assert!(!a.is_empty());
    assert_eq!(a, fingerprints(&dir.path().join("index-0000aaaa.js")));
}

#[test]
fn folders_are_walked_without_gitignore_and_skip_node_modules() {
    let dir = tempfile::tempdir().unwrap();
    let key = "const k = \"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\";";
    std::fs::write(dir.path().join(".gitignore"), "dist/\n").unwrap();
    for sub in ["dist", "node_modules/lib"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        std::fs::write(dir.path().join(sub).join("a.js"), key).unwrap();
    }
    let files = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["scan", dir.path().to_str().unwrap(), "--format", "json", "--fail-on", "never"];
        args.extend_from_slice(extra);
        let v: serde_json::Value = serde_json::from_slice(&keylint(&args).stdout).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                f["file"]
                    .as_str()
                    .unwrap()
                    .rsplit_once(dir.path().file_name().unwrap().to_str().unwrap())
                    .unwrap()
                    .1
                    .to_string()
            })
            .collect()
    };
    assert_eq!(files(&[]), ["/dist/a.js"]);
    assert_eq!(files(&["--respect-gitignore"]), Vec::<String>::new());
    let named = keylint(&["scan", dir.path().join("node_modules/lib/a.js").to_str().unwrap(), "--format", "json"]);
    assert_eq!(named.status.code(), Some(1), "a file named explicitly is scanned, even in node_modules");
}

#[test]
fn binary_and_invalid_utf8_files_get_notes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("blob.bin"), [0u8, 1, 2, 3, 0, 255]).unwrap();
    std::fs::write(dir.path().join("latin1.js"), b"var s = \"caf\xe9\";").unwrap();
    let o = keylint(&["scan", dir.path().to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let notes: Vec<&str> = v["summary"]["notes"].as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
    assert!(notes.iter().any(|n| n.ends_with("blob.bin: binary, skipped")), "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("latin1.js: not valid UTF-8")), "{notes:?}");
}

/// The JSON report of scanning `args` (paths and flags) inside `dir`, never failing the exit.
fn report_in(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["scan"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json", "--fail-on", "never"]);
    serde_json::from_slice(&keylint_in(dir, &all).stdout).unwrap()
}

fn rules_by_file(report: &serde_json::Value) -> Vec<(String, String, String)> {
    let mut found: Vec<(String, String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap().to_string();
            (s("file"), s("rule_id"), s("severity"))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn keystores_in_output_are_findings_by_name_and_source_trees_keep_theirs() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["dist/certs", "android/app"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
    }
    // PKCS#12 starts with a DER SEQUENCE and holds NUL bytes: it used to be skipped as binary.
    let p12 = [0x30u8, 0x82, 0x0a, 0x00, 0x02, 0x01, 0x03, 0x00];
    std::fs::write(dir.path().join("dist/certs/server.p12"), p12).unwrap();
    std::fs::write(dir.path().join("dist/release.jks"), p12).unwrap();
    std::fs::write(dir.path().join("android/app/debug.keystore"), p12).unwrap();
    std::fs::write(dir.path().join("android/app/empty.json"), "").unwrap();
    let report = report_in(dir.path(), &["."]);
    assert_eq!(
        rules_by_file(&report),
        [
            ("dist/certs/server.p12".into(), "shipped-keystore".into(), "error".into()),
            ("dist/release.jks".into(), "shipped-keystore".into(), "error".into()),
        ]
    );
    assert!(report["findings"][0]["message"].as_str().unwrap().contains("`server.p12`"));
    assert_eq!(report["summary"]["notes"], serde_json::json!([]), "no binary note, no note on an empty .json");
    let o = keylint_in(dir.path(), &["scan", "dist"]);
    assert_eq!(o.status.code(), Some(1), "a shipped key store fails the scan");
}

#[test]
fn env_files_are_shipped_only_from_output_folders_or_marked_scans() {
    let dir = tempfile::tempdir().unwrap();
    let env = "SESSION_SECRET=J5CMTIeg1ZTVnVv2fgKD0f6YYIgrCOX6\n";
    for sub in ["app", "site/assets", "app/public"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
    }
    std::fs::write(dir.path().join("app/.env.production"), env).unwrap();
    std::fs::write(dir.path().join("app/public/.env"), env).unwrap();
    std::fs::write(dir.path().join("site/.env"), env).unwrap();
    std::fs::write(dir.path().join("site/index.html"), "<!doctype html><script src=assets/main.js></script>").unwrap();
    let shipped = |report: &serde_json::Value| -> Vec<String> {
        rules_by_file(report).into_iter().filter(|f| f.1 == "shipped-env-file").map(|f| f.0).collect()
    };
    // `public/` is copied into the output; the project's own `.env.production` is not shipped.
    assert_eq!(shipped(&report_in(dir.path(), &["app"])), ["app/public/.env"]);
    // A folder named otherwise is output when marked, or when a bundler's hashed assets are in it.
    assert_eq!(shipped(&report_in(dir.path(), &["site"])), Vec::<String>::new());
    assert_eq!(shipped(&report_in(dir.path(), &["site", "--built"])), ["site/.env"]);
    std::fs::write(dir.path().join("site/assets/index-4f2a9c1e.js"), "export {};").unwrap();
    assert_eq!(shipped(&report_in(dir.path(), &["site"])), ["site/.env"]);
    assert_eq!(shipped(&report_in(&dir.path().join("site"), &["."])), [".env"], "scanned from inside");
    // Only folder names from the scanned folder down say "output": a checkout under a folder
    // named `build` (a Docker WORKDIR) is a source tree; a scanned folder named `out` is output.
    for sub in ["build/app", "out"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        std::fs::write(dir.path().join(sub).join(".env"), env).unwrap();
    }
    assert_eq!(shipped(&report_in(dir.path(), &["build/app"])), Vec::<String>::new());
    assert_eq!(shipped(&report_in(&dir.path().join("out"), &["."])), [".env"]);
}

#[test]
fn rules_and_explain() {
    let list = stdout(&keylint(&["rules"]));
    assert!(list.lines().count() >= 60);
    let json: serde_json::Value = serde_json::from_slice(&keylint(&["rules", "--format", "json"]).stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), list.lines().count());
    let explain = keylint(&["explain", "stripe-secret-key"]);
    assert_eq!(explain.status.code(), Some(0));
    assert!(stdout(&explain).contains("How to fix and rotate"));
    assert!(
        stdout(&explain).contains("Defined in crates/keylint/rules/payments/stripe.toml\n"),
        "{}",
        stdout(&explain)
    );
    // Every rule, engine-made ones too, names the file that defines it, and that file does.
    for rule in json.as_array().unwrap() {
        let file = rule["defined_in"].as_str().unwrap_or_else(|| panic!("{rule}: no defined_in"));
        let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
        assert!(text.contains(&format!("id = {}", rule["id"])), "{file} does not define {}", rule["id"]);
    }
    let unknown = keylint(&["explain", "stripe"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("did you mean"));
    // A typo gets its suggestion; SARIF's `rule/class` variant ids and other cases are explained.
    let typo = keylint(&["explain", "strpe-secret-key"]);
    assert!(String::from_utf8_lossy(&typo.stderr).contains("did you mean stripe-secret-key?"));
    for id in ["google-api-key/publishable", "Stripe-Secret-Key"] {
        assert_eq!(keylint(&["explain", id]).status.code(), Some(0), "{id}");
    }
    // A reader that goes away (`keylint rules | head`) ends the output, not in a panic.
    let mut child = Command::new(env!("CARGO_BIN_EXE_keylint"))
        .args(["rules", "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

fn rule_ids(o: &Output) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON report");
    v["findings"].as_array().unwrap().iter().map(|f| f["rule_id"].as_str().unwrap().to_string()).collect()
}

const GH_TOKEN: &str = "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";

#[test]
fn keylint_toml_is_found_in_parents_and_errors_name_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("app/dist");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(sub.join("a.js"), format!("const k = \"{GH_TOKEN}\";")).unwrap();
    assert_eq!(rule_ids(&keylint_in(&sub, &["scan", ".", "--format", "json"])), ["github-personal-access-token"]);

    std::fs::write(dir.path().join("keylint.toml"), "disable = [\"github-personal-access-token\"]\n").unwrap();
    let o = keylint_in(&sub, &["scan", ".", "--format", "json"]);
    assert_eq!((o.status.code(), rule_ids(&o)), (Some(0), vec![]));

    std::fs::write(dir.path().join("keylint.toml"), "disable = []\n[severity]\nno-such-rule = \"info\"\n").unwrap();
    let o = keylint_in(&sub, &["scan", "."]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("keylint.toml:3: unknown rule id `no-such-rule`"), "{err}");
}

#[test]
fn a_gitleaks_config_is_read_with_config_and_extends() {
    // Copied out of the repository: a path under `tests/` is judged as a test fixture.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/keylint/tests/data/gitleaks"), dir.path());
    let o = keylint_in(dir.path(), &["scan", "app.min.js", "--config", "team.gitleaks.toml", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "an error-level finding fails the run");
    let mut ids = rule_ids(&o);
    ids.sort();
    assert_eq!(ids, ["acme-api-key", "acme-legacy-token", "widget-public-id"]);
    let err = String::from_utf8_lossy(&o.stderr);
    let text = std::fs::read_to_string(dir.path().join("team.gitleaks.toml")).unwrap();
    let line = text.lines().position(|l| l.contains("lat_(?=")).unwrap() + 1;
    assert!(err.contains(&format!("team.gitleaks.toml:{line}: rule `lookahead-token` not translated")), "{err}");
    assert!(!err.contains("q8w7e6r5t4y3u2i1o9p8a7s6"), "no secret on stderr");
    let o = keylint_in(dir.path(), &["scan", "app.min.js", "--format", "json"]);
    assert_eq!(rule_ids(&o).len(), 3, "keylint.toml's `extends` reads the same rules");
}

/// `--fail-on` natively, for each threshold: a finding fails the run when its severity is at or
/// above the threshold, and only then (the severity set by the config, so each level is met).
#[test]
fn fail_on_warning_and_info_follow_the_findings_severity() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.js"), format!("const k = \"{GH_TOKEN}\";")).unwrap();
    let code = |severity: &str, fail_on: &str| {
        let toml = format!("[severity]\n\"github-personal-access-token\" = \"{severity}\"\n");
        std::fs::write(dir.path().join("keylint.toml"), toml).unwrap();
        keylint_in(dir.path(), &["scan", "a.js", "--fail-on", fail_on]).status.code()
    };
    assert_eq!(code("warning", "error"), Some(0));
    assert_eq!(code("warning", "warning"), Some(1));
    assert_eq!(code("warning", "info"), Some(1));
    assert_eq!(code("info", "warning"), Some(0));
    assert_eq!(code("info", "info"), Some(1));
    assert_eq!(code("error", "warning"), Some(1));
    assert_eq!(code("error", "never"), Some(0));
}

/// A baseline of another version, or a file that is no baseline, is refused by name (exit 2),
/// never read as an empty baseline that would hide nothing silently.
#[test]
fn baselines_of_another_version_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.js"), format!("const k = \"{GH_TOKEN}\";")).unwrap();
    let o = keylint_in(dir.path(), &["scan", "a.js", "--write-baseline", "b.json"]);
    assert_eq!(o.status.code(), Some(0));
    let written = std::fs::read_to_string(dir.path().join("b.json")).unwrap();
    assert!(written.starts_with("{\n  \"version\": 1,"), "{written}");
    std::fs::write(dir.path().join("b2.json"), written.replacen("\"version\": 1", "\"version\": 2", 1)).unwrap();
    let o = keylint_in(dir.path(), &["scan", "a.js", "--baseline", "b2.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&o.stderr), "keylint: b2.json: baseline version 2 is not supported\n");
    std::fs::write(dir.path().join("b3.json"), "[]").unwrap();
    let o = keylint_in(dir.path(), &["scan", "a.js", "--baseline", "b3.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("keylint: b3.json: not a keylint baseline: "));
}

#[test]
fn baseline_hides_accepted_findings_across_rebuilds() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index-aaaa.js"), format!("const k = \"{GH_TOKEN}\";")).unwrap();
    std::fs::write(dir.path().join("copy.js"), format!("const k = \"{GH_TOKEN}\";")).unwrap();
    let o = keylint_in(dir.path(), &["scan", "index-aaaa.js", "copy.js", "--write-baseline", "baseline.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    // One secret in two files is one fingerprint.
    assert!(String::from_utf8_lossy(&o.stderr).contains("wrote 1 fingerprint(s) to baseline.json"));
    // A path that cannot be read leaves the baseline incomplete: written, but the run fails.
    let o = keylint_in(dir.path(), &["scan", "index-aaaa.js", "missing.js", "--write-baseline", "partial.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(dir.path().join("partial.json").exists());
    // A rebuild renames the chunk; the fingerprint still matches.
    std::fs::rename(dir.path().join("index-aaaa.js"), dir.path().join("index-bbbb.js")).unwrap();
    let o = keylint_in(dir.path(), &["scan", "index-bbbb.js", "--baseline", "baseline.json", "--format", "json"]);
    assert_eq!((o.status.code(), rule_ids(&o)), (Some(0), vec![]));
    assert!(stdout(&o).contains("1 finding(s) hidden by the baseline"));
    let o = keylint_in(dir.path(), &["scan", "index-bbbb.js", "--baseline", "missing.json"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn inline_ignores_and_the_audit_switch() {
    let dir = tempfile::tempdir().unwrap();
    let code = format!(
        "const a = \"{GH_TOKEN}\"; // keylint-allow: rotated, kept for the docs\n\
         // keylint-disable-next-line\nconst b = \"{GH_TOKEN}\";\nconst c = \"{GH_TOKEN}\"; // gitleaks:allow\n\
         const d = \"{GH_TOKEN}\"; // pragma: allowlist secret\nconst e = \"{GH_TOKEN}\";\n"
    );
    std::fs::write(dir.path().join("a.js"), code).unwrap();
    let o = keylint_in(dir.path(), &["scan", "a.js", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let lines: Vec<u64> = v["findings"].as_array().unwrap().iter().map(|f| f["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [6]);
    let audit = keylint_in(dir.path(), &["scan", "a.js", "--format", "json", "--no-inline-ignores"]);
    assert_eq!(rule_ids(&audit).len(), 5);
}

#[test]
fn a_file_reached_by_two_paths_is_scanned_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("dist")).unwrap();
    std::fs::write(dir.path().join("dist/a.js"), format!("const k = \"{GH_TOKEN}\";")).unwrap();
    let abs = dir.path().join("dist").display().to_string();
    for args in [vec![".", "dist/a.js"], vec!["./dist", "dist"], vec![abs.as_str(), "dist"]] {
        let mut all = vec!["scan", "--format", "json"];
        all.extend(&args);
        let o = keylint_in(dir.path(), &all);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["summary"]["files_scanned"], 1, "{args:?}");
        assert_eq!(v["findings"].as_array().unwrap().len(), 1, "{args:?}");
    }
}

#[test]
fn a_frame_never_shows_a_key_that_is_not_reported_either() {
    // On one minified line, a key the config allows (a baseline or an inline comment would do the
    // same) next to one that is reported: the frame of the second must not show the first.
    let dir = tempfile::tempdir().unwrap();
    let allowed = "sk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk4xYzAbCdEfGh";
    std::fs::write(dir.path().join("one.js"), format!("k=\"{allowed}\"")).unwrap();
    let o = keylint_in(dir.path(), &["scan", "one.js", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let fingerprint = v["findings"][0]["fingerprint"].as_str().expect("the key is found alone").to_string();
    std::fs::remove_file(dir.path().join("one.js")).unwrap();
    std::fs::write(dir.path().join("keylint.toml"), format!("[allow]\nfingerprints = [\"{fingerprint}\"]\n")).unwrap();
    std::fs::write(dir.path().join("a.js"), format!("var a=\"{allowed}\",b=\"{GH_TOKEN}\";")).unwrap();
    assert_eq!(rule_ids(&keylint_in(dir.path(), &["scan", "a.js", "--format", "json"])).len(), 1);
    let out = stdout(&keylint_in(dir.path(), &["scan", "a.js"]));
    assert!(out.contains("ghp_dHEmUI…"), "{out}");
    assert!(!out.contains(&allowed[20..]), "the allowed key is shown in the frame:\n{out}");
}

#[test]
fn env_file_values_are_found_wherever_they_ship() {
    let o = keylint(&[
        "scan",
        "fixtures/demo/assets",
        "--env-file",
        "fixtures/demo.env",
        "--format",
        "json",
        "--fail-on",
        "never",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let env: Vec<(String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "server-env-value")
        .map(|f| {
            (
                f["file"].as_str().unwrap().rsplit('/').next().unwrap().to_string(),
                f["form"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // STRIPE_SECRET_KEY as a literal, OPENAI_API_KEY through atob(), DATABASE_URL as an
    // inlined env value, each in the bundle and in its map; VITE_ and NODE_ENV are not server secrets.
    for want in [("index-4f2a9c1e.js", "literal"), ("index-4f2a9c1e.js", "base64"), ("index-4f2a9c1e.js", "env-inline")]
    {
        assert!(env.contains(&(want.0.to_string(), want.1.to_string())), "{want:?} not in {env:?}");
    }
    assert_eq!(env.iter().filter(|(f, _)| f.ends_with(".js")).count(), 3, "{env:?}");
}

#[test]
fn built_assets_report_html_json_shipped_files_and_originals() {
    let report = demo_json();
    let find = |file: &str, rule: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["file"].as_str().unwrap().ends_with(file) && f["rule_id"] == rule)
            .unwrap_or_else(|| panic!("no {rule} in {file}"))
            .clone()
    };
    let html = find("index.html", "sendgrid-api-key");
    assert_eq!(
        (html["line"].as_u64(), html["form"].as_str(), html["context"].as_str()),
        (Some(14), Some("json"), Some("sendgridKey"))
    );
    assert_eq!(find("index.html", "credential-over-http")["severity"], "warning");
    assert_eq!(find("config.json", "discord-webhook-url")["context"], "discordWebhook");
    assert_eq!(find(".env.production", "shipped-env-file")["severity"], "error");
    let stripe = find("index-4f2a9c1e.js", "stripe-secret-key");
    assert_eq!(stripe["original"]["file"], "../../demo-src/src/payments.ts");
    assert_eq!(stripe["original"]["line"], 7);
    let in_map = find("index-4f2a9c1e.js.map", "stripe-secret-key");
    assert_eq!((in_map["form"].as_str(), in_map["original"]["line"].as_u64()), (Some("source-map"), Some(7)));
}

#[test]
fn init_writes_a_starter_config_once() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(keylint_in(dir.path(), &["init"]).status.code(), Some(0));
    let text = std::fs::read_to_string(dir.path().join("keylint.toml")).unwrap();
    assert!(text.contains("[allow]"));
    assert_eq!(keylint_in(dir.path(), &["scan", "."]).status.code(), Some(0), "the starter config loads");
    assert_eq!(keylint_in(dir.path(), &["init"]).status.code(), Some(2), "never overwrites");
    // Nor writes through a dangling symlink (`exists()` does not see one).
    #[cfg(unix)]
    {
        let other = tempfile::tempdir().unwrap();
        let target = other.path().join("elsewhere.toml");
        std::os::unix::fs::symlink(&target, other.path().join("keylint.toml")).unwrap();
        assert_eq!(keylint_in(other.path(), &["init"]).status.code(), Some(2));
        assert!(!target.exists());
    }
}

#[test]
fn special_files_are_refused_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.js");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    // Inside a folder a FIFO is not a file to read; named on the command line it is an error.
    let walked = keylint_in(dir.path(), &["scan", ".", "--format", "json"]);
    assert_eq!(walked.status.code(), Some(0));
    assert!(stdout(&walked).contains("pipe.js: not a regular file, skipped"), "{}", stdout(&walked));
    let named = keylint_in(dir.path(), &["scan", "pipe.js"]);
    assert_eq!(named.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&named.stderr).contains("pipe.js: not a regular file"));
}

#[test]
fn symlink_loops_do_not_hang_the_walk() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    std::fs::write(dir.path().join("a.js"), format!("k = \"{GH_TOKEN}\"")).unwrap();
    let o = keylint_in(dir.path(), &["scan", ".", "--format", "json"]);
    assert_eq!((o.status.code(), rule_ids(&o)), (Some(1), vec!["github-personal-access-token".to_string()]));
    assert!(stdout(&o).contains("not followed"), "the loop is noted: {}", stdout(&o));
}

#[test]
fn scanning_writes_nothing_but_the_files_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("demo");
    copy_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo").as_path(), &copy);
    let before = listing(&copy);
    for format in ["pretty", "json", "sarif", "github"] {
        keylint_in(&copy, &["scan", ".", "--format", format]);
    }
    assert_eq!(listing(&copy), before, "a scan leaves the scanned tree as it was");
    keylint_in(&copy, &["scan", ".", "--output", "../report.json", "--format", "json"]);
    keylint_in(&copy, &["scan", ".", "--write-baseline", "../baseline.json"]);
    assert!(dir.path().join("report.json").is_file() && dir.path().join("baseline.json").is_file());
    assert_eq!(listing(&copy), before);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every path under `dir` with its size and modification time.
fn listing(dir: &Path) -> Vec<(std::path::PathBuf, u64, std::time::SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let entry = entry.unwrap();
            let meta = entry.metadata().unwrap();
            if meta.is_dir() {
                stack.push(entry.path());
            }
            out.push((entry.path(), meta.len(), meta.modified().unwrap()));
        }
    }
    out.sort();
    out
}

/// The network system calls strace sees `program` make (its `trace=%network` log) and the
/// program's exit code. strace exits with the traced program's status, and also with 1 when it
/// cannot trace at all (ptrace denied in a container), with an empty log: so an empty log means
/// nothing until the positive control below has shown that strace sees sockets here.
fn network_calls(program: &std::path::Path, args: &[&str]) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let trace = dir.path().join("trace");
    let output = std::process::Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=%network", "-o"])
        .arg(&trace)
        .arg(program)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("strace runs (cargo xtask test installs it; or apt-get install strace)");
    let calls = std::fs::read_to_string(&trace).unwrap_or_default();
    (output.status.code(), calls, String::from_utf8_lossy(&output.stderr).into_owned())
}

/// Not run on its own: `a_scan_opens_no_socket` runs it under strace as a program that does
/// open a socket (a TCP listener on the loopback), so that strace is seen to catch one.
#[test]
#[ignore = "the positive control of a_scan_opens_no_socket, run by it under strace"]
fn strace_control_opens_a_socket() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback socket");
    drop(listener);
}

/// The scanner never opens a network connection: every socket-family system call of a scan
/// (over the demo, with an env file and source maps) is traced, and there must be none.
/// `cargo xtask test` installs strace.
#[test]
fn a_scan_opens_no_socket() {
    // Positive control: strace must see the socket of a program that opens one, or its empty
    // log for keylint below proves nothing (ptrace may be denied here).
    let this_test = std::env::current_exe().unwrap();
    let (status, calls, stderr) =
        network_calls(&this_test, &["--exact", "strace_control_opens_a_socket", "--ignored", "--test-threads", "1"]);
    assert_eq!(status, Some(0), "the control under strace failed:\n{stderr}");
    assert!(
        calls.lines().any(|l| l.contains("socket(AF_INET")) && calls.lines().any(|l| l.contains("bind(")),
        "strace did not see the control's socket, so it cannot vouch for keylint here:\n{calls}\n{stderr}"
    );

    let keylint = std::path::Path::new(env!("CARGO_BIN_EXE_keylint"));
    let args = ["scan", "fixtures/demo", "--env-file", "fixtures/demo.env", "--format", "sarif"];
    let (status, calls, stderr) = network_calls(keylint, &args);
    assert_eq!(status, Some(1), "the demo has findings:\n{stderr}");
    assert!(calls.trim().is_empty(), "network system calls during a scan:\n{calls}");
}

/// Custom rules cannot make a scan slow: a pattern whose automaton would be huge is refused
/// with the rule named, and a pattern that backtracks exponentially elsewhere runs in linear
/// time here (Rust's regex has no backtracking blow-up; the suite's timeout would catch one).
#[test]
fn pathological_custom_patterns_are_refused_or_harmless() {
    let rule = |id: &str, keyword: &str, pattern: &str| {
        format!(
            "[[rule]]\nid = \"{id}\"\ntitle = \"{id}\"\nprovider = \"X\"\nfamily = \"generic\"\nclass = \"secret\"\n\
             keywords = [\"{keyword}\"]\npattern = '''{pattern}'''\n\
             [rule.docs]\nwhat = \"w\"\nwhy = \"w\"\nfix = \"f\"\nurl = \"https://example.com\"\n"
        )
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("keylint.toml"), rule("huge", "a", "(?:\\w{100}){100}")).unwrap();
    std::fs::write(dir.path().join("a.js"), "const a = \"aaaa\";\n").unwrap();
    let out = keylint_in(dir.path(), &["scan", "a.js"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("keylint.toml") && err.contains("huge") && err.contains("size limit"), "{err}");

    std::fs::write(dir.path().join("keylint.toml"), rule("nested", "aaaa", "^(a+)+$")).unwrap();
    // 1 MB of `a` then a `b`: catastrophic for a backtracking engine.
    std::fs::write(dir.path().join("a.js"), format!("const a = \"{}b\";\n", "a".repeat(1 << 20))).unwrap();
    let out = keylint_in(dir.path(), &["scan", "a.js", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn the_caret_sits_under_the_key_after_wide_characters() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.js"), format!("const a = \"日本語😀\"; const k = \"{GH_TOKEN}\";\n")).unwrap();
    let out = stdout(&keylint_in(dir.path(), &["scan", "a.js"]));
    let lines: Vec<&str> = out.lines().collect();
    let at = lines.iter().position(|l| l.starts_with("1 | ")).expect("a frame");
    // Terminal columns: each of 日本語😀 takes two.
    let before = "const a = \"日本語😀\"; const k = \"";
    let width = before.chars().count() + 4;
    assert_eq!(lines[at + 1].find('^').unwrap() - "  | ".len(), width, "{out}");
}
