//! The engine's own fixtures: what the reader makes of a small file for each mechanism
//! (extraction, folding, context, the inputs), snapshotted before any rule runs. A rule's
//! examples say whether a key is found; these say what the engine hands to the rules: each
//! candidate's value, how it was built, the names around it and where it is.
//!
//! Fixtures live in `tests/extract/`, one mechanism each; snapshots in `tests/snapshots/`.
//! Review a changed snapshot as a change of behaviour (`cargo insta review`).

use keylint::internals::{read_candidates, ReadSource};
use keylint::{Candidate, Config, LineIndex};
use serde::Serialize;
use std::path::Path;

/// Longer values and snippets are cut in the snapshot (the whole-file text candidate).
const SHOWN: usize = 100;

#[derive(Serialize)]
struct Source {
    path: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<String>,
    candidates: Vec<Shown>,
}

/// A candidate as a reviewer reads it.
#[derive(Serialize)]
struct Shown {
    value: String,
    form: &'static str,
    /// `line:column-line:column`, 1-based, end exclusive (UTF-16 columns, as findings count).
    at: String,
    /// The source text the span covers.
    code: String,
    /// Whether the value is written as is at the span's start (findings then point at it).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    verbatim: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    callee: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    path: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    siblings: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    via_const: bool,
}

fn cut(s: &str) -> String {
    match s.char_indices().nth(SHOWN) {
        Some((at, _)) => format!("{}… ({} bytes)", &s[..at], s.len()),
        None => s.to_string(),
    }
}

fn shown(text: &str, index: &LineIndex, c: &Candidate) -> Shown {
    let (start, end) = (index.position(c.span.start), index.position(c.span.end));
    Shown {
        value: cut(&c.value),
        form: c.form.as_str(),
        at: format!("{}:{}-{}:{}", start.line, start.column, end.line, end.column),
        code: cut(&text[c.span.clone()]),
        verbatim: c.verbatim_at.is_some_and(|at| text[at..].starts_with(c.value.as_str())),
        name: c.context.name.clone(),
        callee: c.context.callee.clone(),
        path: c.context.path.clone(),
        siblings: c.context.siblings.to_vec(),
        url: c.context.url.clone(),
        via_const: c.via_const,
    }
}

fn read(fixture: &str) -> Vec<Source> {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/extract").join(fixture);
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    read_candidates(&text, fixture, &Config::default())
        .into_iter()
        .map(|ReadSource { path, text, candidates, notes }| {
            let index = LineIndex::new(&text);
            Source {
                path,
                notes: notes.iter().map(ToString::to_string).collect(),
                candidates: candidates.iter().map(|c| shown(&text, &index, c)).collect(),
            }
        })
        .collect()
}

macro_rules! fixtures {
    ($($test:ident: $file:literal),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                insta::assert_yaml_snapshot!(stringify!($test), read($file));
            }
        )*

        #[test]
        fn every_fixture_has_a_snapshot_test() {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/extract");
            let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            on_disk.sort();
            let mut listed = vec![$($file.to_string()),*];
            listed.sort();
            assert_eq!(on_disk, listed, "add each fixture in tests/extract/ to the list in tests/extract.rs");
        }
    };
}

fixtures! {
    template: "template.js",
    concat: "concat.js",
    base64: "base64.js",
    char_codes: "char_codes.js",
    array_join: "array_join.js",
    json_in_string: "json_in_string.js",
    env_inline: "env_inline.js",
    data_url: "data_url.js",
    const_used: "const_used.js",
    class_fields: "class_fields.ts",
    callee: "callee.js",
    siblings: "siblings.js",
    html_page: "page.html",
    json_file: "settings.json",
    source_map_sources: "bundle.js.map",
    text_in_string: "text_in_string.js",
    comments: "comments.js",
}
