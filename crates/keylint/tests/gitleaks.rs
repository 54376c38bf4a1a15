//! gitleaks/betterleaks configs read as keylint rules: the hand-written configs in
//! `tests/data/gitleaks/` use every feature of the format; their rules run on the strings
//! keylint builds (a key split by `+` in a minified bundle is still found), their allowlists
//! apply, and what cannot be translated is reported with its file and line.

use keylint::{scan, Class, Config, ConfigError, Finding};
use std::path::Path;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/gitleaks");

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
}

fn load(name: &str) -> (Config, Vec<ConfigError>) {
    let origin = format!("{DIR}/{name}");
    Config::load(&read(&origin).unwrap(), &origin, &mut read).unwrap()
}

fn findings(config: &Config, file: &str) -> Vec<Finding> {
    let path = format!("{DIR}/{file}");
    let text = std::fs::read_to_string(&path).unwrap();
    scan(&text, file, config).findings
}

fn ids(findings: &[Finding]) -> Vec<(&str, &str)> {
    let mut v: Vec<_> = findings.iter().map(|f| (f.rule_id.as_str(), f.secret_redacted.as_str())).collect();
    v.sort();
    v
}

#[test]
fn keylint_toml_extends_a_gitleaks_file_and_both_load_the_same() {
    let (via_extends, w1) = load("keylint.toml");
    let (direct, w2) = load("team.gitleaks.toml");
    assert_eq!(w1.len(), w2.len());
    for config in [&via_extends, &direct] {
        for id in ["acme-api-key", "widget-public-id", "acme-legacy-token"] {
            assert!(config.engine.rules.get(id).is_some(), "{id} not translated");
        }
        // `[extend] disabledRules` drops the base file's rule.
        assert!(config.engine.rules.get("acme-retired-token").is_none());
        // keylint's own catalogue stays on (`useDefault`).
        assert!(config.engine.rules.get("stripe-secret-key").is_some());
    }
    let rule = &via_extends.engine.rules.get("acme-api-key").unwrap().spec;
    assert_eq!(rule.keywords, ["acme_live", "acme_test"]);
    assert_eq!(rule.family, "internal");
    assert_eq!(rule.class, Class::Secret);
    assert_eq!(rule.min_entropy, Some(3.0));
    assert_eq!(rule.docs.what, "Acme API key");
    assert_eq!(via_extends.engine.rules.get("widget-public-id").unwrap().spec.class, Class::Publishable);
}

#[test]
fn rules_run_on_folded_strings_and_allowlists_apply() {
    let (config, _) = load("keylint.toml");
    let found = findings(&config, "app.min.js");
    // Found though built by `+`: the AST gain. The `acme_test_` key is allowed by a regex, the
    // `example` one by a stopword, the all-zero widget id by the legacy `match` allowlist, and
    // the retired token's rule is disabled.
    let expected = [
        ("acme-api-key", "acme_live_q8w7e6r5t4y3u2i1o9p8a7s6"),
        ("acme-legacy-token", "acmeold_k3j4h5g6f7d8s9a0p1o2"),
        ("widget-public-id", "Zx81Kq02Lm93Np47"),
    ];
    let got = ids(&found);
    assert_eq!(got.iter().map(|(id, _)| *id).collect::<Vec<_>>(), expected.map(|(id, _)| id), "{found:#?}");
    for ((_, redacted), (_, secret)) in got.iter().zip(expected) {
        let shown = redacted.trim_end_matches('…');
        assert!(secret.starts_with(shown) && shown.len() < secret.len() / 2, "{redacted} for {secret}");
    }
    assert!(found.iter().all(|f| f.secret.is_none()), "secrets are redacted by default");
    // The same key in docs/ on a `demo-account` line: the AND allowlist (line + path) holds;
    // outside docs/ only half of it does.
    assert!(findings(&config, "docs/guide.js").is_empty());
    assert_eq!(ids(&findings(&config, "other.js")).iter().map(|(id, _)| *id).collect::<Vec<_>>(), ["acme-api-key"]);
    // Global `paths` allowlist.
    assert!(findings(&config, "vendor/lib.js").is_empty());
    let vendored = read(&format!("{DIR}/vendor/lib.js")).unwrap();
    assert_eq!(scan(&vendored, "src/lib.js", &config).findings.len(), 1, "found outside vendor/");
    // `path` beside a regex: the widget rule reports only in .js/.mjs files.
    assert!(findings(&config, "widget.txt").iter().all(|f| f.rule_id != "widget-public-id"));
}

#[test]
fn what_cannot_be_translated_is_reported_with_its_line() {
    let (_, warnings) = load("team.gitleaks.toml");
    let text = read(&format!("{DIR}/team.gitleaks.toml")).unwrap();
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let expect = [
        ("minVersion", "`minVersion`"),
        ("commits = ", "`commits` not applicable"),
        ("id = \"no-keywords-token\"", "`no-keywords-token` not translated: it has no `keywords`"),
        ("lat_(?=", "`lookahead-token` not translated: its regex is not valid"),
        ("id = \"pkcs12-file\"", "`pkcs12-file` not translated: it has only `path`"),
        ("gor_(", "secretGroup 3 but the regex has 1 capture groups"),
    ];
    for (needle, message) in expect {
        let line = line_of(needle);
        assert!(
            warnings.iter().any(|w| w.line == Some(line)
                && w.message.contains(message)
                && w.origin.ends_with("team.gitleaks.toml")),
            "no warning {message:?} at line {line}: {warnings:#?}"
        );
    }
    // `generic-api-key` names a gitleaks default rule keylint does not have under that id.
    assert!(warnings.iter().any(|w| w.message.contains("`generic-api-key` is not a rule here")), "{warnings:#?}");
    assert_eq!(warnings.len(), expect.len() + 1, "{warnings:#?}");
}

#[test]
fn detection_is_by_name_or_content() {
    use keylint::rules::gitleaks::is_gitleaks_file;
    assert!(is_gitleaks_file("x/.gitleaks.toml", ""));
    assert!(is_gitleaks_file(".betterleaks.toml", ""));
    assert!(is_gitleaks_file("rules.toml", "[[rules]]\nid = \"a\"\nregex = '''x'''\n"));
    assert!(!is_gitleaks_file("keylint.toml", "[[rule]]\nid = \"a\"\npattern = '''x'''\n"));
    assert!(Path::new(DIR).join("base.toml").exists());
}

#[test]
fn a_missing_extended_file_is_an_error_naming_the_line() {
    let e = Config::load("extends = [\"nope.toml\"]\n", "dir/keylint.toml", &mut read).unwrap_err();
    assert_eq!(e.line, Some(1));
    assert!(e.message.contains("dir/nope.toml"), "{e}");
    let e = Config::from_toml("extends = [\"x.toml\"]\n", "keylint.toml").unwrap_err();
    assert!(e.message.contains("needs a host that reads files"), "{e}");
}
