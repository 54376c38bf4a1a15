//! Candidates without an AST: for files that do not parse, and for non-script text. The whole
//! text is one candidate for the keyword rules; `name = "value"` and `name: 'value'` pairs
//! give context-gated rules a name to go on.

use crate::candidate::{Candidate, Context, Form};
use regex::Regex;
use std::sync::OnceLock;

pub fn candidates(source: &str) -> Vec<Candidate> {
    static PAIR: OnceLock<Regex> = OnceLock::new();
    let pair = PAIR.get_or_init(|| {
        Regex::new(
            r#"(?-u:\b)(?P<name>[A-Za-z_$][A-Za-z0-9_$.-]{1,63})["']?[ \t]*(?:=|:|=>|:=)[ \t]*(?P<q>["'`]?)(?P<value>[^"'`\s,;]{8,512})"#,
        )
        .expect("static regex")
    });
    let mut out = Vec::new();
    for caps in pair.captures_iter(source) {
        let name = caps.name("name").expect("group").as_str();
        let value = caps.name("value").expect("group");
        out.push(Candidate {
            value: value.as_str().to_string(),
            span: value.range(),
            verbatim_at: Some(value.start()),
            form: Form::Text,
            context: Context::named(name.rsplit('.').next().unwrap_or(name)),
        });
    }
    out.push(Candidate {
        value: source.to_string(),
        span: 0..source.len(),
        verbatim_at: Some(0),
        form: Form::Text,
        context: Context::default(),
    });
    out
}
