//! Sinks give meaning: a value reaching a call whose role is known is judged by that role,
//! named or not. Each fixture has a source and the same code as real minifiers emit it
//! (`esbuild --minify`, `terser -c -m`, run on the source): the findings must agree.

use keylint::{scan, Config, Finding, Severity};

fn config() -> Config {
    {
        let mut config = Config::default();
        config.policy.show_secrets = true;
        config
    }
}

fn findings(code: &str, path: &str) -> Vec<Finding> {
    scan(code, path, &config()).findings
}

/// What a finding says, without where: the secret and its severity.
fn errors(found: &[Finding]) -> Vec<String> {
    let mut out: Vec<String> = found
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.secret.clone().expect("show_secrets is on"))
        .collect();
    out.sort();
    out.dedup();
    out
}

const KEY_MATERIAL_SOURCE: &str = include_str!("data/sinks/key-material.js");
const KEY_MATERIAL_ESBUILD: &str = include_str!("data/sinks/key-material.esbuild.min.js");
const KEY_MATERIAL_TERSER: &str = include_str!("data/sinks/key-material.terser.min.js");

/// The keys the key-material fixture passes to HMAC, cipher and JWT signing calls.
const KEYS: &[&str] = &[
    "Nh4sVq8LrT2wYk9ZpC6mXe3JbF7dGu5HaRt1KyWs0QzLxPc8VnMb2DfJg4HkS6Ta", // importKey("raw", enc.encode(K), HMAC)
    "q7Rt2LmX9vWz4KpB8sNc3HfJ6yDg1QaE",                                 // createHmac
    "u9Fk2Wq7Lz4Xc8Vb1Nm6Hs3Jd5Pt0RyE",                                 // CryptoJS.HmacSHA256
    "Tg5Hy7Uj9Ik2Ol4Pm6Nb8Vc1Xz3As0Qw",                                 // CryptoJS.AES.encrypt
    "Jw7Sx2Kq9Lm4Np8Rt3Vy6Bz1Cd5Fg0Hh",                                 // jwt.sign
    "Mk3Lp8Qr2St7Uv4Wx9Yz1Ab6Cd0Ef5Gh",                                 // new SignJWT(…).sign
];

fn sorted(keys: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
    v.sort();
    v
}

#[test]
fn key_material_is_an_error_in_source_and_minified_shapes() {
    for (name, code) in
        [("source", KEY_MATERIAL_SOURCE), ("esbuild", KEY_MATERIAL_ESBUILD), ("terser", KEY_MATERIAL_TERSER)]
    {
        let found = findings(code, "app.js");
        assert_eq!(errors(&found), sorted(KEYS), "{name}: {found:#?}");
        // The label "Bitcoin seed", the algorithm names and the parameters are no findings.
        assert!(found.iter().all(|f| KEYS.contains(&f.secret.as_deref().unwrap())), "{name}: {found:#?}");
    }
}

#[test]
fn minified_key_material_is_named_by_its_sink() {
    // esbuild renamed the constant to `c` and `createHmac` to `r`: only the calls tell.
    let found = findings(KEY_MATERIAL_ESBUILD, "app.js");
    let hmac = found.iter().find(|f| f.secret.as_deref() == Some(KEYS[1])).expect("createHmac key");
    assert_eq!(hmac.rule_id, "key-material");
    assert_eq!(hmac.context.as_deref(), Some("r(…)"));
    // The inlined-away constant is reported where it is written.
    let imported = found.iter().find(|f| f.secret.as_deref() == Some(KEYS[0])).expect("importKey key");
    let at = KEY_MATERIAL_ESBUILD.find(KEYS[0]).unwrap();
    assert_eq!(imported.byte_range, at..at + KEYS[0].len());
}

#[test]
fn webpack_style_calls_and_renamed_objects_are_sinks() {
    let code = r#"var a=n(42);function s(e){return(0,a.createHmac)("sha256","Zq82liYL5Ebo9xR3mW7tKp4Vn6Hs").update(e).digest("hex")}
function u(t,e){return t.subtle.importKey("raw",new TextEncoder().encode("Lr5Tq8Wm2Xc7Vb4Nz9Ks1Hd6Jf3Gp0Ya"),{name:"AES-GCM"},!1,["encrypt"])}"#;
    let found = findings(code, "chunk.js");
    assert_eq!(errors(&found), sorted(&["Zq82liYL5Ebo9xR3mW7tKp4Vn6Hs", "Lr5Tq8Wm2Xc7Vb4Nz9Ks1Hd6Jf3Gp0Ya"]));
}

#[test]
fn only_literal_keys_of_real_sinks_are_key_material() {
    for code in [
        // A parameter: what library code passes.
        r#"function h(a,k,d){return (0,x.createHmac)(a,k).update(d)}"#,
        // An ECDSA raw key is a public key.
        r#"crypto.subtle.importKey("raw",h.decode("Lr5Tq8Wm2Xc7Vb4Nz9Ks1Hd6Jf3Gp0Ya"),{name:"ECDSA",namedCurve:"P-256"},!1,["verify"])"#,
        // A JWK import is not the raw shape this sink knows.
        r#"crypto.subtle.importKey("spki",h.decode("Lr5Tq8Wm2Xc7Vb4Nz9Ks1Hd6Jf3Gp0Ya"),{name:"HMAC"},!1,["verify"])"#,
        // The message of an HMAC is not its key.
        r#"o.HmacSHA256("Lr5Tq8Wm2Xc7Vb4Nz9Ks1Hd6Jf3Gp0Ya",k)"#,
        // `encrypt` on something that is no CryptoJS cipher.
        r#"box.encrypt(m,"Lr5Tq8Wm2Xc7Vb4Nz9Ks1Hd6Jf3Gp0Ya")"#,
        // A one-argument `sign` outside a JWT builder chain.
        r#"wallet.sign("Lr5Tq8Wm2Xc7Vb4Nz9Ks1Hd6Jf3Gp0Ya")"#,
        // Labels and short strings are no keys.
        r#"createHmac("sha512","Bitcoin seed");createHmac("sha256","ed25519 seed")"#,
    ] {
        let found = findings(code, "lib.js");
        assert!(found.iter().all(|f| f.rule_id != "key-material"), "`{code}`: {found:#?}");
    }
}

/// Findings of `minified` inside a bundle big enough to be prefiltered, with and without it.
fn with_and_without_prefilter(minified: &str) -> (Vec<Finding>, Vec<Finding>) {
    let filler: String = (0..2000).map(|i| format!("function f{i}(p{i}){{return p{i}+{i}}}\n")).collect();
    let code = format!("{filler}{minified}\n{filler}");
    let with = findings(&code, "bundle.js");
    let mut off = config();
    off.engine.prefilter = None;
    let without = scan(&code, "bundle.js", &off).findings;
    (with, without)
}

#[test]
fn key_material_keeps_its_statement_through_the_prefilter() {
    // The sink's import, its algorithm object and the constant must all still be parsed.
    let (with, without) = with_and_without_prefilter(KEY_MATERIAL_ESBUILD);
    assert_eq!(with, without);
    assert_eq!(errors(&with), sorted(KEYS));
}

#[test]
fn values_sent_to_hosts_keep_their_statement_through_the_prefilter() {
    let (with, without) = with_and_without_prefilter(include_str!("data/sinks/hosts.esbuild.min.js"));
    assert_eq!(with, without);
    assert_eq!(by_rule(&with).len(), 2, "{with:#?}");
}

/// Which rule reports each secret, sorted by secret.
fn by_rule(found: &[Finding]) -> Vec<(String, String, Severity)> {
    let mut out: Vec<_> =
        found.iter().map(|f| (f.secret.clone().unwrap_or_default(), f.rule_id.clone(), f.severity)).collect();
    out.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    out.dedup();
    out
}

#[test]
fn a_value_sent_to_a_providers_host_is_its_key() {
    let want = vec![
        ("7a3e9c1f-4b2d-4e8a-9f61-0c5d2b8e7a43".to_string(), "coinmarketcap-api-key".to_string(), Severity::Error),
        ("tm-4f8b2c9e1a7d3f6b0e5c8a2d9f1b7e3c".to_string(), "token-metrics-api-key".to_string(), Severity::Error),
    ];
    for (name, code) in [
        ("source", include_str!("data/sinks/hosts.js")),
        ("esbuild", include_str!("data/sinks/hosts.esbuild.min.js")),
        ("terser", include_str!("data/sinks/hosts.terser.min.js")),
    ] {
        // The request id sent to another API is not reported.
        assert_eq!(by_rule(&findings(code, "app.js")), want, "{name}");
    }
}

#[test]
fn hosts_match_subdomains_not_lookalikes() {
    let key = "tm-4f8b2c9e1a7d3f6b0e5c8a2d9f1b7e3c";
    let to = |url: &str| findings(&format!(r#"fetch("{url}",{{headers:{{"x-api-key":"{key}"}}}})"#), "app.js");
    assert!(to("https://api.tokenmetrics.com/v2/x").iter().any(|f| f.rule_id == "token-metrics-api-key"));
    assert!(to("https://eu.api.tokenmetrics.com/v2/x").iter().any(|f| f.rule_id == "token-metrics-api-key"));
    assert!(to("https://api.tokenmetrics.com.evil.io/v2/x").iter().all(|f| f.rule_id != "token-metrics-api-key"));
    assert!(to("https://notapi.tokenmetrics.co/x").iter().all(|f| f.rule_id != "token-metrics-api-key"));
}

#[test]
fn a_rule_with_a_malformed_host_is_refused() {
    let rule = r#"
[[rule]]
id = "acme-key"
title = "Acme key"
provider = "Acme"
family = "test"
class = "secret"
context = ["acme"]
hosts = ["https://api.acme.io/v1"]
pattern = '''^[a-z0-9]{32}$'''
docs = { what = "w", why = "w", fix = "f", url = "https://acme.invalid" }
"#;
    let err = Config::from_toml(rule, "keylint.toml").unwrap_err();
    assert!(err.message.contains("hosts"), "{err}");
}

/// Severity says what the key can do: a rule's `impact` replaces the class's generic words.
#[test]
fn a_rules_impact_is_what_its_message_says() {
    let found = findings(r#"const rpc = "https://mainnet.infura.io/v3/c6eb908c90692f036bacf63e4f2510d8";"#, "app.js");
    let f = found.iter().find(|f| f.rule_id == "infura-rpc-url").expect("an Infura URL");
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.message.contains("burn its quota") && f.message.contains("restrict it"), "{}", f.message);
    assert!(!f.message.contains("low-confidence"), "{}", f.message);
    // Rules without one keep their class's words.
    let plain = findings(r#"const K = "Zq82liYL5Ebo9xR3mW7t#Kp4"; const password = K;"#, "app.js");
    assert!(
        plain.iter().all(|f| f.message.ends_with("anyone who loads this code can read it and use it")),
        "{plain:#?}"
    );
}

/// The generic floor: a name or header that says "key"/"token" makes an id- or digest-shaped
/// value a finding (at least a warning); names that say "hash"/"csrf" keep it out.
#[test]
fn key_names_report_uuid_and_hex_keys_at_least_as_warnings() {
    let uuid = "0b9f4e2a-6c1d-4a7e-8f3b-5d2c9e1a7b64";
    let hex64 = "9f2c4e6a8b1d3f5e7a9c2b4d6f8e1a3c5b7d9f2e4a6c8b1d3e5f7a9c2b4d6e8f";
    for code in [
        format!(r#"fetch(u,{{headers:{{"x-api-key":"{uuid}"}}}})"#),
        format!(r#"const e={{discordToken:"{hex64}"}}"#),
        format!(r#"var t={{bot_token:"{hex64}"}}"#),
    ] {
        let found = findings(&code, "app.js");
        assert!(
            found.iter().any(|f| f.severity >= Severity::Warning && f.secret_redacted.len() > 2),
            "`{code}`: {found:#?}"
        );
    }
    for code in [
        format!(r#"const e={{csrfToken:"{hex64}"}}"#),
        format!(r#"const e={{txHash:"0x{hex64}"}}"#),
        format!(r#"const e={{nextPageToken:"{uuid}"}}"#),
        format!(r#"const e={{requestId:"{uuid}"}}"#),
        format!(r#"const e={{integrity:"sha256-{hex64}"}}"#),
    ] {
        let found = findings(&code, "app.js");
        assert!(found.is_empty(), "`{code}`: {found:#?}");
    }
}

/// A value a provider's validator rejects (a bad checksum) under a secret's name falls back to
/// the generic judgement instead of vanishing.
#[test]
fn a_value_a_validator_rejects_falls_back_to_the_generic_rules() {
    // A GitHub-shaped token whose CRC32 does not hold.
    let code = r#"const password = "ghp_Zq82liYL5Ebo9xR3mW7tKp4Vn6Hs2Qa8Lx1D";"#;
    let found = findings(code, "app.js");
    assert!(found.iter().any(|f| f.rule_id.starts_with("generic-") && f.severity >= Severity::Warning), "{found:#?}");
}
