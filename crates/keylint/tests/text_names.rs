//! Text inside strings and comments, read with the names written in it, through the shipped
//! catalogue: a value named in config text, a command or a comment is judged as the same value
//! named in code, and reported where it is written.

use keylint::{scan, Class, Config, Finding, Form};

/// Fake, format-valid keys.
const STRIPE: &str = "sk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk";
const SECRET: &str = "Tr4ding!Desk2024xQ9";

fn findings(code: &str, path: &str) -> Vec<Finding> {
    let mut config = Config::default();
    config.policy.show_secrets = true;
    scan(code, path, &config).findings
}

fn column_of(code: &str, needle: &str) -> u32 {
    code.find(needle).unwrap() as u32 + 1
}

#[test]
fn config_text_in_a_string_gives_the_named_key_at_its_column() {
    // The gitleaks-style example: an .env file shipped as a string, with an escaped newline.
    let code = format!("const cfg = \"STRIPE_SECRET={STRIPE}\\nDEBUG=1\";\n");
    let f = findings(&code, "app.js");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule_id, "stripe-secret-key");
    assert_eq!(f[0].form, Form::TextInString);
    assert_eq!(f[0].context.as_deref(), Some("STRIPE_SECRET"));
    assert_eq!((f[0].line, f[0].column), (1, column_of(&code, STRIPE)));
    assert_eq!(f[0].secret.as_deref(), Some(STRIPE));
}

#[test]
fn a_string_that_is_one_key_stays_a_literal() {
    let code = format!("const k = \"{STRIPE}\";");
    let f = findings(&code, "app.js");
    assert_eq!(f.iter().map(|f| f.form).collect::<Vec<_>>(), [Form::Literal]);
    // One line that names the key inside is still the header's value, as code reads it.
    let code = format!("fetch(u, {{ headers: {{ Authorization: \"key={STRIPE}\" }} }});");
    let f = findings(&code, "app.js");
    assert_eq!(
        f.iter().map(|f| (f.form, f.context.as_deref())).collect::<Vec<_>>(),
        [(Form::Literal, Some("Authorization"))]
    );
}

#[test]
fn a_name_inside_the_text_gives_context_the_string_lacks() {
    // A generic secret needs its name: as code it is found, as text in a string too.
    let as_code = findings(&format!("const o = {{ password: \"{SECRET}\" }};"), "app.js");
    let as_text = findings(&format!("const t = `db:\n  password: {SECRET}\n`;"), "app.js");
    let as_curl = findings(&format!("const cmd = 'curl -u admin:{SECRET} https://x.test';"), "app.js");
    assert_eq!(as_code.iter().map(|f| (&*f.rule_id, f.class)).collect::<Vec<_>>(), [("generic-secret", Class::Secret)]);
    for f in [&as_text, &as_curl] {
        assert_eq!(
            f.iter().map(|f| (&*f.rule_id, f.form)).collect::<Vec<_>>(),
            [("generic-secret", Form::TextInString)]
        );
    }
    // Weak values stay below the generic floor, as in code.
    assert!(findings("const t = \"password: hunter22\\nuser: admin\";", "app.js").is_empty());
    // Placeholders never count.
    assert!(findings("const t = \"API_SECRET=${API_SECRET}\\nPASSWORD=<your-password>\";", "app.js").is_empty());
}

#[test]
fn comments_are_read_line_block_and_html() {
    let line = format!("f();\n// const STRIPE_KEY = \"{STRIPE}\";\ng();");
    let block = format!("/**\n * password: {SECRET}\n */\nexport {{}};");
    let one_line = format!("f(); /* password: {SECRET} */");
    let html = format!("<html><!-- {STRIPE} --><body></body></html>");
    for (code, path, needle, rule) in [
        (&line, "app.js", STRIPE, "stripe-secret-key"),
        (&block, "app.ts", SECRET, "generic-secret"),
        (&one_line, "app.js", SECRET, "generic-secret"),
        (&html, "index.html", STRIPE, "stripe-secret-key"),
    ] {
        let f = findings(code, path);
        assert_eq!(f.len(), 1, "{code}: {f:#?}");
        assert_eq!((&*f[0].rule_id, f[0].form), (rule, Form::Comment), "{code}");
        let at = code.find(needle).unwrap();
        let line_no = code[..at].matches('\n').count() + 1;
        let column = at - code[..at].rfind('\n').map_or(0, |n| n + 1) + 1;
        assert_eq!((f[0].line as usize, f[0].column as usize), (line_no, column), "{code}");
    }
}

#[test]
fn documentation_examples_in_comments_stay_silent() {
    let code = "/**\n * @license MIT\n * @example\n * const client = new Client({ apiKey: \"YOUR_API_KEY\", token: \"<token>\" });\n * @param {string} password - the user's password\n */\nexport const x = 1;";
    assert_eq!(findings(code, "lib.js"), []);
}

#[test]
fn comments_in_blocks_the_prefilter_blanks_are_read() {
    // A bundle big enough for the prefilter, with the key in a comment inside a cold function.
    let filler: String = (0..400).map(|i| format!("function f{i}(a){{return a+{i}}}\n")).collect();
    let code = format!("{filler}function cold(){{\n  // STRIPE_KEY={STRIPE}\n  return 1;\n}}\n{filler}");
    let f = findings(&code, "bundle.js");
    assert_eq!(f.iter().map(|f| (&*f.rule_id, f.form)).collect::<Vec<_>>(), [("stripe-secret-key", Form::Comment)]);
    let mut off = Config::default();
    off.policy.show_secrets = true;
    off.engine.prefilter = None;
    assert_eq!(scan(&code, "bundle.js", &off).findings, f);
}

#[test]
fn comments_in_a_source_maps_embedded_sources_are_read() {
    let content = format!("export const a = 1;\n// STRIPE_KEY={STRIPE}\n");
    let map = serde_json::json!({
        "version": 3,
        "sources": ["src/app.js"],
        "sourcesContent": [content],
        "names": [],
        "mappings": "",
    })
    .to_string();
    let f = findings(&map, "dist/app.js.map");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((&*f[0].rule_id, f[0].form), ("stripe-secret-key", Form::SourceMap));
    let original = f[0].original.as_ref().expect("the embedded source's position");
    assert_eq!((original.file.as_str(), original.line, original.column), ("src/app.js", 2, 15));
}
