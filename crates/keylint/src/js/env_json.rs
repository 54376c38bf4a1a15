//! JSON written as a dotenv value (`FIREBASE_CONFIG={"apiKey":"…","authDomain":"…"}`), read as
//! the JSON it is: each string with its key path and siblings, as in a `.json` file or a JS
//! object. Read as text, the same `apiKey` would have only its own key for context and lose
//! what makes a Firebase web config public by design.

use crate::candidate::{Candidate, Form};
use crate::js::extract;
use crate::js::parse::{self, Language};
use regex::Regex;
use std::sync::OnceLock;

/// Candidates of every `NAME={…}` / `NAME='[…]'` line whose value parses as JSON, the variable's
/// name outermost in each one's path. Spans are byte offsets in `text`.
pub fn candidates(text: &str, max_depth: usize) -> Vec<Candidate> {
    static LINE: OnceLock<Regex> = OnceLock::new();
    let line = LINE.get_or_init(|| {
        Regex::new(r#"(?m)^[ \t]*(?:export[ \t]+)?(?P<name>[A-Za-z_][A-Za-z0-9_.-]{0,63})[ \t]*=[ \t]*(?P<quote>['"]?)(?P<json>[\[{].*?)[ \t]*\r?$"#)
            .expect("static regex")
    });
    let mut out = Vec::new();
    if !text.contains("={") && !text.contains("=[") && !text.contains("='{") && !text.contains("= {") {
        return out;
    }
    for caps in line.captures_iter(text) {
        let json = caps.name("json").expect("group");
        let quote = caps.name("quote").expect("group").as_str();
        // A quoted value must close with its own quote; `'{…}'` keeps the JSON between them.
        let (body, at) = match quote {
            "" => (json.as_str(), json.start()),
            q => match json.as_str().strip_suffix(q) {
                Some(inner) => (inner.trim_end(), json.start()),
                None => continue,
            },
        };
        if !body.ends_with(['}', ']']) {
            continue;
        }
        let name = caps.name("name").expect("group").as_str().to_string();
        let Ok(found) = parse::with_program(body, Language::Json, max_depth, |program, recovered| {
            recovered.is_empty().then(|| extract::extract(program, body))
        }) else {
            continue;
        };
        for mut c in found.into_iter().flatten() {
            c.form = Form::Json;
            c.context.path.insert(0, name.clone());
            c.span = c.span.start + at..c.span.end + at;
            c.verbatim_at = c.verbatim_at.map(|v| v + at);
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::candidates;

    #[test]
    fn json_values_keep_keys_siblings_and_the_variable() {
        let text = "A=1\nFIREBASE='{\"apiKey\":\"k1234567890\",\"authDomain\":\"a.firebaseapp.com\"}'\n";
        let found = candidates(text, 512);
        let key = found.iter().find(|c| c.value == "k1234567890").expect("the apiKey string");
        assert_eq!(key.context.name.as_deref(), Some("apiKey"));
        assert_eq!(key.context.path, ["FIREBASE"]);
        assert!(key.context.siblings.contains(&"authDomain".to_string()));
        assert_eq!(&text[key.span.clone()], "\"k1234567890\"");
    }

    #[test]
    fn lines_that_are_not_json_give_nothing() {
        assert!(candidates("A={not json}\nB='{\"a\":\"b\"}\nC=[1,2\n", 512).is_empty());
        assert!(candidates("TOKEN=abc123\n", 512).is_empty());
    }
}
