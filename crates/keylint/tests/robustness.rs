//! Hostile input never panics, hangs or loses positions. A short property-based smoke runs in
//! the normal suite; long fuzzing belongs to `cargo fuzz`.

use keylint::{scan, Config};
use proptest::prelude::*;

/// Pieces that steer the parser and the folders into their corners.
const PIECES: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "`",
    "${",
    "\"",
    "'",
    "/",
    "*",
    "+",
    "!",
    "=>",
    ",",
    ";",
    ":",
    "?",
    ".",
    "\n",
    "\r",
    "\r\n",
    "\u{feff}",
    "\u{2028}",
    "é",
    "😀",
    "\\u{D800}",
    "\\uD83D",
    "atob(",
    "String.fromCharCode(",
    "].join(\"\")",
    "JSON.parse('",
    "new Stripe(",
    "process.env.X||",
    "sk_live_",
    "ghp_",
    "AKIA",
    "eyJ",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "apiKey:",
    "const ",
    "x",
    "0",
    "1e21",
    "\0",
];

fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..200).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_input_scans_with_positions_inside_the_text(src in hostile(), ext in prop::sample::select(vec!["js", "tsx", "html", "json", "map", "txt"])) {
        let path = format!("f.{ext}");
        let result = scan(&src, &path, &Config::default());
        let lines = src.split(['\n', '\r']).count() as u32 + 1;
        for f in &result.findings {
            prop_assert!(f.line >= 1 && f.line <= f.end_line && f.end_line <= lines, "{f:?}");
            prop_assert!(f.line < f.end_line || f.column <= f.end_column, "{f:?}");
            prop_assert!(f.byte_range.end <= src.len() || path.ends_with(".map"), "{f:?}");
        }
    }
}

#[test]
fn lone_surrogates_and_control_characters() {
    let key = "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";
    let src = format!("const a = \"\\uD800\\uDFFF\\uDC00\"; const b = \"\0\u{1}\"; const k = \"{key}\";");
    let r = scan(&src, "a.js", &Config::default());
    assert_eq!(r.findings.len(), 1);
    assert_eq!(r.notes, [], "surrogate escapes are valid JavaScript");
}

#[test]
fn a_huge_string_literal_is_scanned_whole() {
    let key = "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";
    let filler = "a1".repeat(2_500_000);
    let src = format!("const big = \"{filler} {key} {filler}\";");
    let r = scan(&src, "big.js", &Config::default());
    assert_eq!(r.findings.iter().map(|f| f.rule_id.as_str()).collect::<Vec<_>>(), ["github-personal-access-token"]);
    assert_eq!(r.findings[0].column as usize, "const big = \"".len() + filler.len() + 2);
}

#[test]
fn every_kind_of_deep_nesting_falls_back_to_text() {
    let key = "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";
    let n = 100_000;
    for (open, close) in [("(", ")"), ("[", "]"), ("{a:", "}"), ("!", ""), ("typeof ", ""), ("a+", ""), ("x=>", "")] {
        let src = format!("v = {}\"{key}\"{}", open.repeat(n), close.repeat(n));
        let r = scan(&src, "deep.js", &Config::default());
        assert_eq!(r.findings.len(), 1, "{open}");
        assert!(r.notes.iter().any(|n| n.to_string().ends_with("scanned as plain text")), "{open}: {:?}", r.notes);
    }
}

/// Found by `cargo fuzz` (scan_source_map): an embedded source that trips a debug assertion
/// inside swc. Where assertions are on (this test build), the panic must become a note and a
/// text scan of that source; the map's other sources are still read.
#[test]
fn a_parser_panic_in_one_embedded_source_is_a_note() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/fuzz-swc-assertion.js.map")).unwrap();
    let src = String::from_utf8_lossy(&bytes);
    let r = scan(&src, "fuzz.js.map", &Config::default());
    assert!(!r.findings.is_empty());
    if cfg!(debug_assertions) {
        assert!(
            r.notes.iter().any(|n| n.kind == keylint::NoteKind::ParserFailedTextFallback
                && n.within.as_deref() == Some("fuzz.js.map")
                && n.to_string().contains("the parser failed")),
            "{:?}",
            r.notes
        );
    }
}
