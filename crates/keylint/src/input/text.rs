//! Candidates without an AST: for files that do not parse, and for non-script text. The whole
//! text is one candidate for the keyword rules; `name = "value"` and `name: 'value'` pairs
//! give context-gated rules a name to go on.

use crate::candidate::{Candidate, Context, Form};
use regex::Regex;
use std::sync::OnceLock;

/// A paired value shorter than this is no key; one longer is data, not a credential.
const MIN_VALUE_CHARS: usize = 8;
const MAX_VALUE_CHARS: usize = 512;

pub fn candidates(source: &str) -> Vec<Candidate> {
    static PAIRS: OnceLock<[Regex; 2]> = OnceLock::new();
    let pairs = PAIRS.get_or_init(|| {
        // Values are matched unbounded and their length checked below: a bounded repeat of a
        // Unicode class (`{8,512}`) compiles to 512 copies of it, 8 ms natively and ~35 ms in wasm
        // on the first non-script file, against 0.2 ms.
        [
            // `name = "value"`, `name: 'value'`, `"name": "value"`: quoted values anywhere.
            r#"(?-u:\b)(?P<name>[A-Za-z_$][A-Za-z0-9_$.-]{1,63})["']?[ \t]*(?:=|:|=>|:=)[ \t]*["'`](?P<value>[^"'`\s]+)["'`]"#,
            // `NAME=value`, `name: value` at the start of a line (.env, YAML, INI): the whole
            // rest of the line. Unquoted values elsewhere are code, not data.
            r#"(?m)^[ \t]*(?:export[ \t]+)?(?P<name>[A-Za-z_][A-Za-z0-9_.-]{1,63})[ \t]*[=:][ \t]*(?P<value>[^"'`\s]+)[ \t]*\r?$"#,
        ]
        .map(|p| Regex::new(p).expect("static regex"))
    });
    let mut out = Vec::new();
    for caps in pairs.iter().flat_map(|re| re.captures_iter(source)) {
        let name = caps.name("name").expect("group").as_str();
        let value = caps.name("value").expect("group");
        if !(MIN_VALUE_CHARS..=MAX_VALUE_CHARS).contains(&value.as_str().chars().count()) {
            continue;
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn paired(source: &str) -> Vec<String> {
        let mut all = candidates(source);
        assert_eq!(all.pop().map(|c| c.span), Some(0..source.len()), "the whole text comes last");
        all.into_iter().map(|c| c.value).collect()
    }

    #[test]
    fn paired_values_are_8_to_512_characters() {
        let at = |n: usize| "é".repeat(n);
        assert_eq!(paired(&format!("token = \"{}\"", at(7))), Vec::<String>::new());
        assert_eq!(paired(&format!("token = \"{}\"", at(8))), vec![at(8)]);
        assert_eq!(paired(&format!("TOKEN={}\n", at(512))), vec![at(512)]);
        assert_eq!(paired(&format!("TOKEN={}\n", at(513))), Vec::<String>::new());
        // A value out of range does not hide the pair after it.
        assert_eq!(paired(&format!("a: '{}', key: 'abcdefghij'", at(600))), vec!["abcdefghij".to_string()]);
    }
}
