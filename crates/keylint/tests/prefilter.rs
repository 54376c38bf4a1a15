//! The prefilter skips blocks that cannot hold a finding; it must never change a finding.
//! Every check here scans the same source with and without it and compares the findings
//! (and notes) whole. `cargo xtask bench` makes the same comparison over the npm corpus.

use keylint::rules::builtin_specs;
use keylint::{scan, Config, EngineSettings, Form, ScanResult};
use proptest::prelude::*;
use std::path::Path;

/// With the prefilter on every file, however small (the default spares files under 32 KB),
/// and off.
fn both(src: &str, path: &str) -> (ScanResult, ScanResult) {
    let on = scan(
        src,
        path,
        &Config { engine: EngineSettings { prefilter: Some(0), ..EngineSettings::default() }, ..Config::default() },
    );
    let off = scan(
        src,
        path,
        &Config { engine: EngineSettings { prefilter: None, ..EngineSettings::default() }, ..Config::default() },
    );
    (on, off)
}

fn assert_same(src: &str, path: &str) -> usize {
    let (on, off) = both(src, path);
    assert_eq!(on.findings, off.findings, "{path}: findings differ with the prefilter\n{src}");
    assert_eq!(on.notes, off.notes, "{path}: notes differ with the prefilter");
    assert_eq!(off.bytes_skipped, 0);
    on.bytes_skipped
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn fixtures_give_the_same_findings_and_some_are_skipped() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut all = Vec::new();
    files(&root, &mut all);
    let mut skipped = 0;
    for path in all {
        let Ok(src) = std::fs::read_to_string(&path) else { continue };
        skipped += assert_same(&src, &path.to_string_lossy());
    }
    // Otherwise this test would pass with the prefilter never running.
    assert!(skipped > 0, "the prefilter skipped nothing in fixtures/");
}

/// Cold code around a value: functions, objects and classes the prefilter blanks.
const COLD: &str = "function pad(n){for(var s='';s.length<n;)s+=' ';return s}\
var util={clamp:function(x,a,b){return x<a?a:x>b?b:x},keys:{a:1,b:[2,3]}};\
class Box{constructor(w){this.w=w}area(){return this.w*this.w}}";

#[test]
fn every_rule_example_gives_the_same_findings_among_cold_code() {
    let mut skipped = 0;
    for (file, spec) in builtin_specs() {
        for ex in spec.tp.iter().chain(&spec.fp) {
            let name = ex.filename.as_deref().unwrap_or("example.js");
            assert_same(&ex.code, name);
            if !name.ends_with(".js") {
                continue;
            }
            // The example at the top level, inside a function, and inside nested objects
            // and calls, each time next to blocks the prefilter skips.
            for wrapped in [
                format!("{COLD}\n{}\n{COLD}", ex.code),
                format!("{COLD}\n!function(){{{COLD}\n{}\n}}();", ex.code),
                format!("{COLD}\nexport default {{ setup() {{ {COLD}\n{}\n }} }};", ex.code),
            ] {
                let got = assert_same(&wrapped, &format!("{file}/{}.js", spec.id));
                skipped += got;
            }
        }
    }
    assert!(skipped > 0, "the prefilter never ran on the wrapped examples");
}

/// Fragments of programs that exercise what the prefilter must respect: constants used,
/// shadowed or reassigned in blocks it would skip, concatenations across parentheses,
/// template holes, builders, escapes, regexes with quotes and braces, comments.
const FRAGMENTS: &[&str] = &[
    "const K=\"sk_live_\";",
    "var P=\"4eC39HqLyjWDarjtT1zdp7dc\";",
    "function a(){return K+P}",
    "function b(){var K=1;return K}",
    "function c(){K=\"x\"}",
    "function d(){return `${K}${P}`}",
    "function e(){return (x+\"sk_live_\")+\"4eC39HqLyjWDarjtT1zdp7dc\"}",
    "function f(){return atob(\"c2tfbGl2ZV80ZUMzOUhxTHlqV0RhcmpUMXpkcDdkYw==\")}",
    "function g(){return [\"sk_li\",\"ve_4eC39HqLyjWDarjtT1zdp7dc\"].join(\"\")}",
    "function h(){return String.fromCharCode(115,107)+\"_live_4eC39HqLyjWDarjtT1zdp7dc\"}",
    "function i(){return \"s\\x6b_live_4eC39HqLyjWDarjtT1zdp7dc\"}",
    "function j(){if(x)/[\"'{]/.test(y);return 1}",
    "function k(){/* } \" */return {apiKey:\"AIzaSyD-fake0Key1for2Tests3Only4567890\"}}",
    "var cfg={stripe:{secret:\"sk_live_4eC39HqLyjWDarjtT1zdp7dc\"},n:function(){return 2}};",
    "new Stripe(\"sk_live_4eC39HqLyjWDarjtT1zdp7dc\");",
    "function l(){return \"Error: \"+e+\" at \"+n}",
    "function m(){return 1<<2>>1}",
    "var o={a:{b:{c:{d:1}}}};",
    "function n(){return {token:\"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\"}}",
    "x=function(){return `a${1}b`};",
    "y=function(){return `${\"sk_live_\"}4eC39HqLyjWDarjtT1zdp7dc`};",
    "function p(K){return K+\"4eC39HqLyjWDarjtT1zdp7dc\"}",
    "function q(){let {K}=o;return K}",
    "function r(){return x.K+\"4eC39HqLyjWDarjtT1zdp7dc\"}",
    "function s(){headers.set(\"Authorization\",\"Bearer 4eC39HqLyjWDarjtT1zdp7dc4eC39HqL\")}",
    "var u={K:1,P:2};",
    "function t(){return a?K:P}",
    "function v(){switch(x){case K:return K+P}}",
    "function w(){return {K}}",
    "if(x)y();else z();",
    "do y();while(x);",
    "\"use strict\";",
    "label:for(;;)break label;",
    "function sw(x){a:switch(x){case 1:f();g();break;default:h();}}",
    "class C{x=1;y=\"4eC39HqLyjWDarjtT1zdp7dc\";m(){return 2}}",
    "function fb(){\"use strict\";return 1;}",
    "function dp(a,b=[c,K,d],e={f,K,g}){return b+P}",
    "var Q=K+\"4eC39HqLyjWDarjtT1zdp7dc\";",
    // `/` after a `}`: a division after an object literal, a function or class expression or a
    // template hole; a regex after a block, a declaration or `if (…)`.
    "var S=\"sk_live_4eC39HqLyjWDarjtT1zdp7dc\";",
    "function ob(){var x={}/1;var k=\"sk_live_4eC39HqLyjWDarjtT1zdp7dc\";return n/2}",
    "var z={a:{}}/2/n;",
    "var w=function(){}/2/n;",
    "var cl=class{m(){}}/2/n;",
    "(function(){})/2/n;",
    "x={}/",
    "{}/",
    "function(){}/",
    "n/2;",
    "if(x){}/\"/.test(y);",
    "if(x)/'{/.test(y);",
    "while(x)/`/.test(y);",
    "function rb(){}/'/.test(y);",
    "x=()=>{}\n/'/.test(y);",
    "var tt=`a${{b:`${`c`}`}}`/2/n;",
    "`${{}}`",
    "`${",
    "${",
    // (In a function: a top-level `return` is a syntax error swc recovers from, which the
    // prefilter does not see in a statement it skips, by design.)
    "function rr(){return /'/}",
    "typeof /'/;",
    "a++/2/n;",
    "{",
    "}",
    "(",
    ")",
    "\"",
    "`",
    "/",
    "+",
    "\n",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, max_global_rejects: 40_000, ..ProptestConfig::default() })]

    /// Programs that parse: a syntax error inside a skipped block or statement goes unseen (the
    /// rest is read through its AST rather than the whole file as text), as the prefilter's
    /// documentation says. That holds for errors the parser recovers from too (their line is
    /// also read as text, which is the only way a `.js` file gives a finding of form `Text`
    /// without a note): such programs are left out.
    #[test]
    fn composed_programs_give_the_same_findings(parts in prop::collection::vec(prop::sample::select(FRAGMENTS), 1..24)) {
        let src = parts.concat();
        let (on, off) = both(&src, "composed.js");
        prop_assume!(off.notes.is_empty());
        prop_assume!(off.findings.iter().all(|f| f.form != Form::Text));
        prop_assert_eq!(on.findings, off.findings, "{}", src);
        prop_assert_eq!(on.notes, off.notes);
    }
}

/// Found by the property test: a cold statement held the only parameter named like a top-level
/// string (`function p(K){…}`), which is what stops extraction from folding `K`. Skipping that
/// statement made the parse fold `K + "…"` into a key the full parse does not see.
#[test]
fn a_binding_that_disqualifies_a_constant_is_never_skipped() {
    let src = concat!(
        r#"function p(K){return K+"4eC39HqLyjWDarjtT1zdp7dc"}var o={a:{b:{c:{d:1}}}};"#,
        r#"function f(){return atob("c2tfbGl2ZV80ZUMzOUhxTHlqV0RhcmpUMXpkcDdkYw==")}"#,
        r#"const K="sk_live_";var Q=K+"4eC39HqLyjWDarjtT1zdp7dc";"#
    );
    let (on, off) = both(src, "a.js");
    assert_eq!(on.findings, off.findings);
    assert!(on.bytes_skipped > 0);
}

#[test]
fn constants_and_builders_survive_next_to_skipped_blocks() {
    let cold = "function cold(){return util.clamp(1,2,3)}";
    for src in [
        format!("{cold}const K=\"sk_live_\";function a(){{return K+\"4eC39HqLyjWDarjtT1zdp7dc\"}}{cold}"),
        format!("{cold}const K=\"sk_live_\";function a(){{return K+\"4eC39HqLyjWDarjtT1zdp7dc\"}}function c(){{K=1}}"),
        format!("{cold}!function(){{{cold}return [\"sk_li\",\"ve_4eC39HqLyjWDarjtT1zdp7dc\"].join(\"\")}}()"),
        format!("{cold}function f(){{return (x+\"sk_live_\")+\"4eC39HqLyjWDarjtT1zdp7dc\"}}"),
    ] {
        let (on, off) = both(&src, "a.js");
        assert_eq!(on.findings, off.findings, "{src}");
        assert!(on.bytes_skipped > 0, "nothing skipped in {src}");
    }
    // The first builds a key from a constant; the second's constant is reassigned, so it does
    // not fold (and neither path reports it).
    let found = |src: String| both(&src, "a.js").0.findings.len();
    assert_eq!(found(format!("{cold}const K=\"sk_live_\";function a(){{return K+\"4eC39HqLyjWDarjtT1zdp7dc\"}}")), 1);
    assert_eq!(
        found(format!(
            "{cold}const K=\"sk_live_\";function a(){{return K+\"4eC39HqLyjWDarjtT1zdp7dc\"}}function c(){{K=1}}"
        )),
        0
    );
}

#[test]
fn an_inlined_data_url_with_a_key_is_hot() {
    let cold = "function cold(){return util.clamp(1,2,3)}";
    // base64 of {"stripe":"sk_live_4eC39HqLyjWDarjtT1zdp7dc"}
    let url = "data:application/json;base64,eyJzdHJpcGUiOiJza19saXZlXzRlQzM5SHFMeWpXRGFyanRUMXpkcDdkYyJ9";
    let src = format!("{cold}function cfg(){{return new URL(\"{url}\")}}{cold}");
    let (on, off) = both(&src, "a.js");
    assert_eq!(on.findings, off.findings);
    assert_eq!(on.findings.len(), 1, "{:#?}", on.findings);
    assert!(on.bytes_skipped > 0);
}

#[test]
fn a_constant_used_where_names_say_what_it_is_survives_the_prefilter() {
    let cold = "function cold(){return util.clamp(1,2,3)}";
    let key = "zxRkgvwS5eRkdC2QglMOgAUKXxv04B6E8s9e8YDiEfiSu98HEihr1gHh1lRbv07H";
    for src in [
        format!("const K=\"{key}\";{cold}function mk(){{return Binance({{apiKey:K}})}}{cold}"),
        format!("const apiKey=\"{key}\";{cold}function mk(){{return Binance({{apiKey}})}}{cold}"),
    ] {
        let (on, off) = both(&src, "a.js");
        assert_eq!(on.findings, off.findings, "{src}");
        assert_eq!(on.findings.len(), 1, "{src}: {:#?}", on.findings);
    }
}

/// A format-valid fake Stripe key (the stripe-secret-key rule's own example).
const STRIPE: &str =
    "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";

/// A `/` after a `}` divides when the `}` closed an expression (an object literal, a function
/// or class expression) and starts a regex when it closed a statement. Read the other way, the
/// lexer's view of the rest of the block is wrong, and a key in it was lost.
#[test]
fn a_division_after_an_object_or_a_function_expression_keeps_the_key_after_it() {
    let cold = "function cold(){return util.clamp(1,2,3)}";
    for body in [
        "var x = {} / 1;",
        "var x = function(){} / 1;",
        "var x = class{} / 1;",
        "var x = {a:{}} / 2 / 3;",
        "var x = `${{}}` / 2;",
        "var x = (function(){}) / 2 / 3;",
        // swc reads an arrow function's body as an operand too.
        "x = () => {}\n/2/n;",
    ] {
        let src = format!("{cold}function g(){{ {body} var k = \"{STRIPE}\"; var h = n / 2; }}{cold}");
        let (on, off) = both(&src, "a.js");
        assert_eq!(off.findings.len(), 1, "{src}: {:#?}", off.findings);
        assert_eq!(on.findings, off.findings, "{src}");
        assert!(on.bytes_skipped > 0, "nothing skipped in {src}");
    }
    // And a `}` that ends a statement (a block, a declaration), or the `)` of `if (…)`, is followed by a regex, whose quotes are no string.
    for body in [
        "if(a){} /\"/.test(b);",
        "function h(){} /'/.test(b);",
        "if(a) /[\"{]/.test(b);",
        "for(;;){break} /`/g.exec(b);",
    ] {
        let src = format!("{cold}function g(){{ {body} var k = \"{STRIPE}\"; var h = n / 2; }}{cold}");
        let (on, off) = both(&src, "a.js");
        assert_eq!(off.findings.len(), 1, "{src}: {:#?}", off.findings);
        assert_eq!(on.findings, off.findings, "{src}");
        assert!(on.bytes_skipped > 0, "nothing skipped in {src}");
    }
}

/// The parser checks the tokenizer: on the blanked source it must see a literal exactly where
/// the tokenizer saw one, or the file is parsed whole. `of` is a name here, but the tokenizer
/// (for `for (x of /re/)`) reads `of / 2 /` as a regex; the parser sees a division.
#[test]
fn the_parser_catches_a_misread_token_and_the_file_is_parsed_whole() {
    let cold = "function cold(){return util.clamp(1,2,3)}";
    let with_name =
        |name: &str| format!("{cold}var {name}=4;function g(){{var k={name} / 2 /n+\"{STRIPE}\";return k}}{cold}");
    // Control: the same program with an ordinary name is prefiltered.
    let (on, off) = both(&with_name("y"), "a.js");
    assert_eq!(on.findings, off.findings);
    assert_eq!(on.findings.len(), 1, "{:#?}", on.findings);
    assert!(on.bytes_skipped > 0);
    // The misread one: the plan blanks the cold functions, the parse disagrees about the
    // regex, and the whole file is parsed instead (nothing skipped), with the same finding.
    let (on, off) = both(&with_name("of"), "a.js");
    assert_eq!(on.findings, off.findings);
    assert_eq!(on.findings.len(), 1, "{:#?}", on.findings);
    assert_eq!(on.bytes_skipped, 0, "the blanked parse was trusted");
    assert!(on.notes.is_empty());
}
