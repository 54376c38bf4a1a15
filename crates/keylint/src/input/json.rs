//! JSON inside strings (`JSON.parse('{"apiKey":"…"}')`, serialized configs): each string value
//! becomes a candidate whose context is its key path.

use crate::candidate::{Candidate, Context, Form};
use serde_json::Value;
use std::sync::Arc;

/// Larger strings are data payloads; their keys are still checked by the rules on the text.
const MAX_JSON_LEN: usize = 4 << 20;
/// Deeper documents are not configs; stop rather than recurse without bound.
const MAX_JSON_DEPTH: usize = 64;

/// Pushes the string values of `cand` when its value is a JSON object or array.
pub fn expand(cand: &Candidate, out: &mut Vec<Candidate>) {
    let v = cand.value.trim_start();
    if !(v.starts_with('{') || v.starts_with('[')) || v.len() > MAX_JSON_LEN {
        return;
    }
    let Ok(doc) = serde_json::from_str::<Value>(v) else { return };
    let mut path = cand.context.path.clone();
    path.extend(cand.context.name.clone());
    walk(&doc, cand, &mut path, None, &Arc::default(), 0, out);
}

fn walk(
    v: &Value,
    cand: &Candidate,
    path: &mut Vec<String>,
    key: Option<&str>,
    siblings: &Arc<[String]>,
    depth: usize,
    out: &mut Vec<Candidate>,
) {
    if depth > MAX_JSON_DEPTH {
        return;
    }
    match v {
        Value::String(s) if s.len() >= 8 => out.push(Candidate {
            value: s.clone(),
            span: cand.span.clone(),
            verbatim_at: None,
            form: Form::Json,
            via_const: cand.via_const,
            context: Context {
                name: key.map(str::to_string),
                callee: cand.context.callee.clone(),
                path: path.clone(),
                siblings: siblings.clone(),
                url: cand.context.url.clone(),
                // A sink received the whole string, not this value inside it.
                sink: None,
            },
        }),
        Value::Object(map) => {
            let keys: Arc<[String]> = map.keys().take(48).cloned().collect::<Vec<_>>().into();
            for (k, child) in map {
                if let Some(parent) = key {
                    path.push(parent.to_string());
                }
                walk(child, cand, path, Some(k), &keys, depth + 1, out);
                if key.is_some() {
                    path.pop();
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                walk(item, cand, path, key, siblings, depth + 1, out);
            }
        }
        _ => {}
    }
}

/// The strings of a JSON document inside `value` that [`expand`] would judge.
pub(crate) fn string_values(value: &str) -> Vec<String> {
    let v = value.trim_start();
    if !(v.starts_with('{') || v.starts_with('[')) {
        return Vec::new();
    }
    let probe = Candidate {
        value: value.to_string(),
        span: 0..0,
        verbatim_at: None,
        form: Form::Literal,
        context: Context::default(),
        via_const: false,
    };
    let mut out = Vec::new();
    expand(&probe, &mut out);
    out.into_iter().map(|c| c.value).collect()
}
