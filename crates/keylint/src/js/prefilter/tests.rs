//! The planner on small inputs: what it blanks, keeps, records and gives up on.

use super::*;

fn blanked(src: &str, hot_word: &str) -> String {
    let plan = plan(src, &mut |v| v.contains(hot_word), &HotNames::new([]), &HotNames::new([]), None).expect("lexes");
    plan.apply(src)
}

#[test]
fn blanks_cold_blocks_and_keeps_hot_ones() {
    let src = r#"function a(){return "plain text"}function b(){return "sk_live_x"}"#;
    assert_eq!(blanked(src, "sk_live"), r#"function a(){                   }function b(){return "sk_live_x"}"#);
}

#[test]
fn a_hot_block_keeps_its_parents_but_blanks_cold_siblings() {
    // (`var o={…};` is a cold statement of a hot function: it goes whole.)
    let src = r#"!function(){var o={a:function(){return 1}};f({k:"sk_live_x"},function(){g({k:"sk_live_y"});h()})}()"#;
    assert_eq!(
        blanked(src, "sk_live"),
        r#"!function(){                               f({k:"sk_live_x"},function(){g({k:"sk_live_y"});h()})}()"#
    );
}

#[test]
fn builders_and_concatenation_with_literals_are_hot() {
    for src in [
        r#"function f(){return "sk_li"+"ve"}"#,
        r#"function f(){return "a"+("b")}"#,
        r#"function f(){return (x+"a")+"b"}"#,
        r#"function f(){return "abc"+1}"#,
        r#"function f(){return atob(x)}"#,
        r#"function f(){return [a,b].join("")}"#,
        r#"function f(){return String.fromCharCode(115)}"#,
        r#"function f(){return `a${1}b`}"#,
        r#"function f(){return `a${"b"}c`}"#,
        r#"function f(){return \u0061tob(x)}"#,
        r#"function f(){return \u{61}tob(x)}"#,
    ] {
        assert_eq!(blanked(src, "never"), src, "{src}");
    }
    // One static operand next to a run-time one builds nothing new: the literal is judged.
    let body = r#"return "Error: "+e"#;
    assert_eq!(
        blanked(&format!("function f(){{{body}}}"), "never"),
        format!("function f(){{{}}}", " ".repeat(body.len()))
    );
    // A hole with only names cannot fold (unless a name is a constant: the caller checks).
    assert_eq!(blanked("function f(){return `a${b}c`}", "never"), "function f(){               }");
}

#[test]
fn regexes_comments_and_escapes_do_not_confuse_it() {
    let src = r#"function f(){return /["'{]/.test(x)/2}// "}
function g(){/* { */return "s\x6b_live"}"#;
    let out = blanked(src, "sk_live");
    assert_eq!(out.lines().next().unwrap(), format!("function f(){{{}}}// \"}}", " ".repeat(24)));
    assert!(out.ends_with(r#"function g(){/* { */return "s\x6b_live"}"#), "{out}");
}

#[test]
fn gives_up_on_what_it_does_not_follow() {
    for src in ["let a = <div>{x}</div>", "f('unterminated", "function f(){", "}", "`a${"] {
        assert!(plan(src, &mut |_| false, &HotNames::new([]), &HotNames::new([]), None).is_none(), "{src}");
    }
}

#[test]
fn records_literal_starts_outside_blanks_only() {
    let src = r#"x("a");function f(){return "b"}y(/c/,`d`)"#;
    let p = plan(src, &mut |_| false, &HotNames::new([]), &HotNames::new([]), None).unwrap();
    let starts: Vec<&str> = p.literal_starts.iter().map(|&s| &src[s..s + 1]).collect();
    // `x("a");` is a cold statement, blanked whole; the rest has no `;` to end it.
    assert_eq!(starts, ["/", "`"]);
}

#[test]
fn blanks_cold_top_level_statements_but_not_what_continues_them() {
    let out = blanked(r#"a(1);if(x)b();else c("sk_live_x");d();"#, "sk_live");
    assert_eq!(out, r#"     if(x)b();else c("sk_live_x");    "#);
    let out = blanked(r#""use strict";import a from "b";export{a};f(2);"#, "never");
    assert_eq!(out, r#""use strict";import a from "b";export{ };     "#);
}

#[test]
fn notes_names_bound_in_nested_scopes_only_when_sure() {
    let src = r#"var {a}=o;function f(b,c=d,q=[r,s,t],u={v,w,y}){var e;for(let g of h);switch(x){case 1:var i}}
k=>1;(function(){let l=1})();m.function(n);(o)=>1;try{}catch(p){}"#;
    let p = plan(src, &mut |_| false, &HotNames::new([]), &HotNames::new([]), None).unwrap();
    let mut bound: Vec<String> = p.bound_in_nested.iter().map(|n| String::from_utf8_lossy(n).into_owned()).collect();
    bound.sort();
    // Not `a` (top-level pattern), `d`, `s` or `v` (in a default's value), `g` (a for head), `i` (a switch
    // body is no scope), `n` (a call), `o` or `p` (not detected: fine, just not pruned).
    assert_eq!(bound, ["b", "c", "e", "k", "l", "q", "u"]);
}

#[test]
fn notes_top_level_names_that_could_be_constants() {
    let src = r#"var A="sk_",B=A+x,C={a:1},D=function(){},E=atob(y),F=2,I=J.k,L=M;G=[1].join("");o.H="z";
const N=(1,"x"),{P}=o,R=N.concat("z"),S=N.length,T=[1,"a"],U=["a",'b]'].join("");f(Q="y");
var V=(e,t)=>()=>t,W=(e=")")=>e,X=(Y)=>(Z),Z=(")"),K=(`x`);"#;
    let p = plan(src, &mut |_| false, &HotNames::new([]), &HotNames::new([]), None).unwrap();
    // Not `V`, `W` or `X`: arrow functions. `K`: unsure (a template in the parentheses).
    assert_eq!(p.const_candidates, ["A", "B", "E", "L", "N", "R", "U", "Z", "K"]);
}

#[test]
fn unescapes_like_javascript() {
    assert_eq!(unescape(r"a\x41\u0042\u{43}\n\'").as_deref(), Some("aABC\n'"));
    assert_eq!(unescape(r"\101"), None);
    assert_eq!(unescape(r"\ud800"), None);
}

#[test]
fn the_parser_and_the_plan_agree_on_literal_starts_unless_a_token_was_misread() {
    use crate::js::parse::{with_program, Language};
    let parsed = |src: &str| with_program(src, Language::JavaScript, 100, |p, _| parsed_literal_starts(p)).unwrap();
    let planned = |src: &str| {
        plan(src, &mut |_| true, &HotNames::new([]), &HotNames::new([]), None).expect("lexes").literal_starts
    };
    let src = r#"x("a", `b${"c"}`, /d/); y = 1 / 2"#;
    assert_eq!(parsed(src), [2, 7, 11, 18]);
    assert_eq!(planned(src), [2, 7, 11, 18]);
    // `of` is a name here; the tokenizer reads `of / 2 /` as a regex, the parser a division.
    let misread = "var of = 1; x = of / 2 /n;";
    assert!(parsed(misread).is_empty());
    assert_eq!(planned(misread), [19]);
}
