//! The engine's mechanics — folding forms, context, positions, fallbacks — checked with a few
//! rules of this test's own, so that these tests do not move when the catalogue does.

use keylint::rules::{parse_rule_file, Rule, RuleSet};
use keylint::{scan, Class, Config, EngineSettings, Finding, Form, NoteKind};
use std::sync::Arc;

const RULES: &str = r#"
[[rule]]
id = "demo-live-key"
title = "Demo live key"
provider = "Demo"
family = "test"
class = "secret"
keywords = ["dk_live_"]
pattern = '''dk_live_[0-9a-zA-Z]{24,64}'''
publishable_context = ["publicdemo"]
docs = { what = "what what what what what", why = "why why why why why why", fix = "fix fix fix fix fix fix", url = "https://demo.invalid" }

[[rule]]
id = "demo-exchange-secret"
title = "Demo exchange secret"
provider = "Demo"
family = "test"
class = "secret"
context = ["exchange&secret"]
pattern = '''^[A-Za-z0-9]{40}$'''
docs = { what = "what what what what what", why = "why why why why why why", fix = "fix fix fix fix fix fix", url = "https://demo.invalid" }

[[rule]]
id = "demo-generic"
title = "Generic secret"
provider = "Generic"
family = "generic"
class = "test"
context = ["secret"]
fallback = true
min_entropy = 3.0
pattern = '''^[A-Za-z0-9_\-]{16,}$'''
docs = { what = "what what what what what", why = "why why why why why why", fix = "fix fix fix fix fix fix", url = "https://demo.invalid" }
"#;

const KEY: &str = "dk_live_4kTq9ZmW2xRb7NcL5vPy8HsJ3fGd";

fn config() -> Config {
    let rules = parse_rule_file(RULES, "engine.rs")
        .unwrap()
        .into_iter()
        .map(|s| Rule::compile(s, "engine.rs").unwrap())
        .collect();
    Config {
        engine: EngineSettings { rules: Arc::new(RuleSet::new(rules).unwrap()), ..EngineSettings::default() },
        ..Config::default()
    }
}

fn findings(code: &str) -> Vec<Finding> {
    findings_in(code, "app.js")
}

fn findings_in(code: &str, path: &str) -> Vec<Finding> {
    let mut c = config();
    c.policy.show_secrets = true;
    scan(code, path, &c).findings
}

fn b64_of(text: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(text)
}

fn only(code: &str) -> Finding {
    let f = findings(code);
    assert_eq!(f.len(), 1, "want one finding in `{code}`, got {f:#?}");
    f.into_iter().next().unwrap()
}

#[test]
fn literal_points_at_the_secret_itself() {
    let code = format!("const stripeKey = \"{KEY}\";");
    let f = only(&code);
    assert_eq!((f.form, f.secret.as_deref(), f.context.as_deref()), (Form::Literal, Some(KEY), Some("stripeKey")));
    assert_eq!((f.line, f.column), (1, 20));
    assert_eq!(f.end_column, 20 + KEY.len() as u32);
}

#[test]
fn every_folding_form_builds_the_key() {
    let (a, b) = KEY.split_at(14);
    let b64 = "ZGtfbGl2ZV80a1RxOVptVzJ4UmI3TmNMNXZQeThIc0ozZkdk"; // base64 of KEY
    let codes: Vec<String> = KEY.bytes().map(|c| c.to_string()).collect();
    let cases = [
        (format!("x = `{KEY}`"), Form::Template),
        (format!("x = `${{u}}/{KEY}/`"), Form::Template),
        (format!("x = \"{a}\" + \"{b}\""), Form::Concat),
        (format!("x = (\"{a}\" + (\"{b}\"))"), Form::Concat),
        (format!("x = \"{a}\".concat(\"{b}\")"), Form::Concat),
        (format!("const P = \"{a}\"; x = P + \"{b}\""), Form::Concat),
        (format!("x = atob(\"{b64}\")"), Form::Base64),
        (format!("x = window.atob(\"{b64}\")"), Form::Base64),
        (format!("x = Buffer.from(\"{b64}\", \"base64\").toString()"), Form::Base64),
        // A text file the bundler inlined (Vite's assetsInlineLimit, webpack's asset/inline).
        (format!("x = \"data:text/plain;base64,{b64}\""), Form::Base64),
        (format!("x = String.fromCharCode({})", codes.join(",")), Form::CharCodes),
        (format!("x = [\"{a}\", \"{b}\"].join(\"\")"), Form::ArrayJoin),
        (
            format!("x = \"{}\".split(\"\").reverse().join(\"\")", KEY.chars().rev().collect::<String>()),
            Form::ArrayJoin,
        ),
        (format!("x = JSON.parse('{{\"stripe\":{{\"key\":\"{KEY}\"}}}}')"), Form::Json),
        (format!("x = \"data:application/json;base64,{}\"", b64_of(&format!("{{\"stripe\":\"{KEY}\"}}"))), Form::Json),
        (format!("x = {{MODE:\"production\",VITE_STRIPE_KEY:\"{KEY}\"}}"), Form::EnvInline),
        (format!("x = process.env.STRIPE_KEY || \"{KEY}\""), Form::EnvInline),
        (format!("x = import.meta.env.STRIPE_KEY ?? \"{KEY}\""), Form::EnvInline),
    ];
    for (code, form) in cases {
        let f = only(&code);
        assert_eq!((f.form, f.secret.as_deref()), (form, Some(KEY)), "in `{code}`");
    }
}

/// `String.fromCharCode(...[115, 107, …])`: the codes spread from an array literal, alone or
/// after plain arguments, fold as the plain argument list does.
#[test]
fn char_codes_spread_from_an_array_literal_fold() {
    let codes: Vec<String> = KEY.chars().map(|c| (c as u32).to_string()).collect();
    let (head, tail) = codes.split_at(9);
    for code in [
        format!("x = String.fromCharCode(...[{}])", codes.join(",")),
        format!("x = String.fromCharCode({}, ...[{}])", head.join(","), tail.join(",")),
        format!("x = String.fromCodePoint(...[{}], ...[{}])", head.join(","), tail.join(",")),
    ] {
        let f = only(&code);
        assert_eq!((f.form, f.secret.as_deref()), (Form::CharCodes, Some(KEY)), "in `{code}`");
    }
    // A spread of anything but an array literal of numbers is not folded (its value is unknown).
    assert!(findings(&format!("x = String.fromCharCode(...codes, {})", codes.join(","))).is_empty());
}

#[test]
fn partial_concatenations_fold_their_static_runs() {
    let (a, b) = KEY.split_at(10);
    let f = only(&format!("x = base + \"/\" + \"{a}\" + \"{b}\" + suffix"));
    assert_eq!((f.form, f.secret.as_deref()), (Form::Concat, Some(KEY)));
}

#[test]
fn context_names_come_from_the_ast() {
    let cases = [
        (format!("cfg.apiKey = \"{KEY}\""), "apiKey"),
        (format!("function f(token = \"{KEY}\") {{}}"), "token"),
        (format!("const {{ token = \"{KEY}\" }} = props"), "token"),
        (format!("<Pay apiKey=\"{KEY}\" />"), "apiKey"),
        (format!("<Pay apiKey={{\"{KEY}\"}} />"), "apiKey"),
        (format!("fetch(u, {{ headers: {{ Authorization: \"Bearer {KEY}\" }} }})"), "Authorization"),
        (format!("xhr.setRequestHeader(\"X-Api-Key\", \"{KEY}\")"), "X-Api-Key"),
        (format!("const s = new Stripe(\"{KEY}\")"), "Stripe(…)"),
        (format!("createClient(url, \"{KEY}\")"), "createClient(…)"),
        (format!("new OpenAI({{ apiKey: \"{KEY}\" }})"), "apiKey"),
    ];
    for (code, want) in cases {
        let f = findings_in(&code, "app.jsx");
        assert_eq!(f.len(), 1, "in `{code}`: {f:#?}");
        assert_eq!(f[0].context.as_deref(), Some(want), "in `{code}`");
    }
}

#[test]
fn context_gates_and_reclassifies() {
    let secret = "Q7mZ2xR9vT4kP8wN3bY6sJ1dH5fG0cL2aE9uV4nB";
    assert_eq!(only(&format!("const exchangeSecret = \"{secret}\"")).rule_id, "demo-exchange-secret");
    assert!(findings(&format!("const exchangeId = \"{secret}\"")).iter().all(|f| f.rule_id != "demo-exchange-secret"));
    // A sibling key can make a value publishable, never make it a secret.
    let f = only(&format!("x = {{ publicDemo: true, key: \"{KEY}\" }}"));
    assert_eq!(f.class, Class::Publishable);
}

#[test]
fn fallback_rules_yield_to_specific_ones() {
    let f = findings(&format!("const secret = \"{KEY}\""));
    assert_eq!(f.iter().map(|f| f.rule_id.as_str()).collect::<Vec<_>>(), ["demo-live-key"]);
}

#[test]
fn placeholders_and_digests_are_never_reported() {
    for code in [
        "const secret = \"your-api-key-here-0000\"",
        "const secret = \"dk_live_xxxxxxxxxxxxxxxxxxxxxxxxxx\"",
        "const secret = \"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"",
        "const secret = \"123e4567-e89b-12d3-a456-426614174000\"",
        "const integrity = \"sha384-oqVuAfXRKap7fdgcCY5uykM6R9GqQ8K2uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC\"",
    ] {
        assert_eq!(findings(code), vec![], "in `{code}`");
    }
}

#[test]
fn syntax_errors_fall_back_to_text_and_say_so() {
    let code = format!("const a = {{;\nconst stripeKey = \"{KEY}\"");
    let r = scan(&code, "dist/x.js", &config());
    assert_eq!(r.findings.len(), 1);
    assert_eq!((r.findings[0].form, r.findings[0].line, r.findings[0].column), (Form::Text, 2, 20));
    assert_eq!(r.notes.len(), 1);
    assert_eq!(
        (r.notes[0].kind, r.notes[0].file.as_str(), r.notes[0].line),
        (NoteKind::SyntaxErrorTextFallback, "dist/x.js", Some(1))
    );
    let text = r.notes[0].to_string();
    assert!(text.starts_with("dist/x.js: syntax error at 1:"), "{text}");
    assert!(text.ends_with("scanned as plain text"), "{text}");
}

#[test]
fn deep_nesting_falls_back_to_text() {
    let code = format!("x = {}\"{KEY}\"{}", "(".repeat(100_000), ")".repeat(100_000));
    let r = scan(&code, "deep.js", &config());
    assert_eq!(r.findings.len(), 1);
    assert_eq!(r.findings[0].form, Form::Text);
    assert_eq!(r.notes[0].kind, NoteKind::TooDeepTextFallback, "{:?}", r.notes);
    assert!(r.notes[0].to_string().contains("scanned as plain text"), "{:?}", r.notes);
}

#[test]
fn typescript_and_tsx_parse() {
    let ts = format!("const k: string = \"{KEY}\" as const; type T = {{ a: number }};");
    assert_eq!(findings_in(&ts, "a.ts")[0].form, Form::Literal);
    let tsx = format!("const C = () => <Pay apiKey={{\"{KEY}\" as string}} />;");
    assert_eq!(findings_in(&tsx, "a.tsx")[0].form, Form::Literal);
}

#[test]
fn columns_are_utf16_and_survive_a_bom() {
    let code = format!("\u{feff}const s = \"é😀\", k = \"{KEY}\";");
    let f = only(&code);
    // `const s = "é😀", k = "` (22 units) before the key; the BOM is no column, as editors,
    // ESLint, GitHub and the language server (whose clients send text without it) count.
    assert_eq!(f.column, 23);
}

#[test]
fn secrets_are_redacted_unless_asked() {
    let r = scan(&format!("k = \"{KEY}\""), "a.js", &config());
    assert_eq!(r.findings[0].secret, None);
    assert_eq!(r.findings[0].secret_redacted, "dk_live_4…");
}

#[test]
fn credentials_sent_over_plain_http_get_a_second_finding() {
    let over = |url: &str| -> Vec<String> {
        let code = format!("fetch(\"{url}\", {{ headers: {{ Authorization: \"Bearer {KEY}\" }} }})");
        findings(&code).into_iter().map(|f| f.rule_id).collect()
    };
    assert_eq!(over("http://api.acme.io/v1"), ["credential-over-http", "demo-live-key"]);
    assert_eq!(over("https://api.acme.io/v1"), ["demo-live-key"]);
    assert_eq!(over("http://localhost:3000/v1"), ["demo-live-key"], "local development servers are fine");
}

#[test]
fn server_env_values_are_found_in_any_form() {
    let mut c = config();
    c.engine.server_values =
        keylint::env::parse_env_file("PAYMENTS_SECRET=Zq8mT3vX1pLw9sKd\nVITE_PUBLIC=Zq8mT3vX1pLw9sKe\n");
    let code = "a = \"Zq8mT3vX\" + \"1pLw9sKd\"; b = \"Zq8mT3vX1pLw9sKe\"; c = atob(\"WnE4bVQzdlgxcEx3OXNLZA==\")";
    let r = scan(code, "app.js", &c);
    let got: Vec<(&str, Form)> = r.findings.iter().map(|f| (f.rule_id.as_str(), f.form)).collect();
    assert_eq!(got, [("server-env-value", Form::Concat), ("server-env-value", Form::Base64)]);
    assert!(r.findings[0].message.contains("`PAYMENTS_SECRET` from the env file"));
}

#[test]
fn html_pages_are_read_by_their_scripts_and_attributes() {
    let page = format!(
        "<html>\n<meta name=\"demo-key\" content=\"{KEY}\">\n<script>\n  var cfg = {{ k: \"{KEY}\" }};\n</script>\n\
         <script type=\"application/json\">{{\"key\": \"{KEY}\"}}</script>\n<p>{KEY}</p>\n"
    );
    let r = scan(&page, "index.html", &config());
    let got: Vec<(u32, Form, Option<&str>)> =
        r.findings.iter().map(|f| (f.line, f.form, f.context.as_deref())).collect();
    assert_eq!(
        got,
        [
            (2, Form::Literal, Some("demo-key")),
            (4, Form::HtmlScript, Some("k")),
            (6, Form::Json, Some("key")),
            (7, Form::Text, None),
        ]
    );
    assert_eq!(r.findings[1].column, 19, "18 characters precede the key");
}

#[test]
fn a_key_in_code_the_parser_recovers_from_is_not_lost() {
    // swc drops the second string of `"x" "…"` and goes on: that line is read as text too.
    let f = only(&format!("const stripeKey = \"x\" \"{KEY}\";\nconst ok = 1;"));
    assert_eq!((f.form, f.secret.as_deref(), f.line), (Form::Text, Some(KEY), 1));
    // A top-level `return` (CommonJS) loses nothing: the AST's reading stands.
    let f = only(&format!("if (done) return;\nconst stripeKey = \"{KEY}\";"));
    assert_eq!((f.form, f.context.as_deref()), (Form::Literal, Some("stripeKey")));
}

#[test]
fn a_key_also_used_as_a_name_is_not_shown_by_its_context() {
    for code in [
        format!("const o = {{ \"{KEY}\": \"{KEY}\" }};"),
        format!("tenants.{KEY} = \"{KEY}\";"),
        format!("const {KEY} = \"{KEY}\";"),
    ] {
        let mut c = config();
        c.policy.show_secrets = false;
        let r = scan(&code, "a.js", &c);
        assert_eq!(r.findings.len(), 1, "{code}");
        let json = serde_json::to_string(&r.findings).unwrap();
        assert!(!json.contains(KEY), "the key is shown in {json}");
    }
}

#[test]
fn a_maps_source_root_places_its_embedded_sources() {
    let content = format!("const k = \"{KEY}\";\n");
    let map = serde_json::json!({"version":3,"sourceRoot":"../../src/","sources":["app.ts"],"sourcesContent":[content],"names":[],"mappings":""});
    let f = findings_in(&map.to_string(), "dist/assets/app.js.map");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].original.as_ref().unwrap().file, "../../src/app.ts");
}

/// `publishable_value`: a key in a string that matches it (a browser key in a maps loader URL)
/// is publishable; the same key in any other string keeps the rule's class.
#[test]
fn publishable_value_reclassifies_only_the_strings_it_matches() {
    let rules = r#"
[[rule]]
id = "demo-maps-key"
title = "Demo maps key"
provider = "Demo"
family = "test"
class = "secret"
keywords = ["dmk_"]
pattern = '''dmk_[0-9A-Za-z]{24}'''
publishable_value = '''maps\.demo\.invalid/loader\.js'''
docs = { what = "what what what what what", why = "why why why why why why", fix = "fix fix fix fix fix fix", url = "https://demo.invalid" }
"#;
    let rules =
        parse_rule_file(rules, "engine.rs").unwrap().into_iter().map(|s| Rule::compile(s, "engine.rs").unwrap());
    let rules = Arc::new(RuleSet::new(rules.collect()).unwrap());
    let config = Config { engine: EngineSettings { rules, ..EngineSettings::default() }, ..Config::default() };
    let key = "dmk_Q7pX2mVb9LkZ4tRw8NcY3sHd";
    let class_of = |code: &str| {
        let found = scan(code, "app.js", &config).findings;
        assert_eq!(found.len(), 1, "want one finding in `{code}`, got {found:#?}");
        found[0].class
    };
    let loader = format!("s.src = \"https://maps.demo.invalid/loader.js?key={key}&v=3\"");
    let api = format!("s.src = \"https://api.demo.invalid/v1/geocode?key={key}\"");
    let bare = format!("const k = \"{key}\"");
    assert_eq!(class_of(&loader), Class::Publishable, "{loader}");
    assert_eq!(class_of(&api), Class::Secret, "{api}");
    assert_eq!(class_of(&bare), Class::Secret, "{bare}");
}
