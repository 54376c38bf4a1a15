//! Candidates without an AST: for files that do not parse, and for non-script text. The whole
//! text is one candidate for the keyword rules; `name = "value"` and `name: 'value'` pairs
//! give context-gated rules a name to go on.

use crate::candidate::{Candidate, Context, Form};
use regex::Regex;
use std::sync::OnceLock;

pub fn candidates(source: &str) -> Vec<Candidate> {
    static PAIRS: OnceLock<[Regex; 2]> = OnceLock::new();
    let pairs = PAIRS.get_or_init(|| {
        [
            // `name = "value"`, `name: 'value'`, `"name": "value"`: quoted values anywhere.
            r#"(?-u:\b)(?P<name>[A-Za-z_$][A-Za-z0-9_$.-]{1,63})["']?[ \t]*(?:=|:|=>|:=)[ \t]*["'`](?P<value>[^"'`\s]{8,512})["'`]"#,
            // `NAME=value`, `name: value` at the start of a line (.env, YAML, INI): the whole
            // rest of the line. Unquoted values elsewhere are code, not data.
            r#"(?m)^[ \t]*(?:export[ \t]+)?(?P<name>[A-Za-z_][A-Za-z0-9_.-]{1,63})[ \t]*[=:][ \t]*(?P<value>[^"'`\s]{8,512})[ \t]*\r?$"#,
        ]
        .map(|p| Regex::new(p).expect("static regex"))
    });
    let mut out = Vec::new();
    for caps in pairs.iter().flat_map(|re| re.captures_iter(source)) {
        let name = caps.name("name").expect("group").as_str();
        let value = caps.name("value").expect("group");
        out.push(Candidate {
            value: value.as_str().to_string(),
            span: value.range(),
            verbatim_at: Some(value.start()),
            form: Form::Text,
            via_const: false,
            context: Context::named(name.rsplit('.').next().unwrap_or(name)),
        });
    }
    out.push(Candidate {
        value: source.to_string(),
        span: 0..source.len(),
        verbatim_at: Some(0),
        form: Form::Text,
        via_const: false,
        context: Context::default(),
    });
    out
}
