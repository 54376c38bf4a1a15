//! Where a finding in a built file came from: the source map's original file, line and column.
//! The caller reads the map (a sibling `.map`, a `sourceMappingURL` file); inline `data:` maps
//! are decoded here.

use super::{OriginalLocation, ScanResult};
use crate::line_index::{LineIndex, Position};
use base64::Engine as _;

/// What a built file says about its source map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MapReference {
    /// An inline `data:application/json;base64,…` map: decoded, or why it cannot be.
    Inline(Result<String, String>),
    /// A map file, as a URL relative to the built file.
    File(String),
}

/// The last `//# sourceMappingURL=` (or `//@`, or `/*# … */`) comment of a built file.
pub fn map_reference(source: &str) -> Option<MapReference> {
    let at = source.rfind("sourceMappingURL=")?;
    let before = source[..at].trim_end_matches(['#', '@', ' ']);
    if !(before.ends_with("//") || before.ends_with("/*")) {
        return None;
    }
    let url = source[at + "sourceMappingURL=".len()..].split(|c: char| c.is_whitespace() || c == '*').next()?;
    if url.is_empty() {
        return None;
    }
    match url.strip_prefix("data:") {
        Some(data) => {
            let (meta, payload) = data.split_once(',')?;
            let bytes = if meta.ends_with(";base64") {
                base64::engine::general_purpose::STANDARD.decode(payload).map_err(|e| format!("invalid base64: {e}"))
            } else {
                Ok(payload.as_bytes().to_vec())
            };
            let text = bytes.and_then(|b| String::from_utf8(b).map_err(|_| "not valid UTF-8".to_string()));
            Some(MapReference::Inline(text))
        }
        None => Some(MapReference::File(url.to_string())),
    }
}

/// Fills `original` for each finding in `built` (the scanned file) from its source map's
/// mappings. Lines and columns in and out are 1-based, columns in UTF-16 units, as source maps
/// for JavaScript count them.
pub fn add_original_locations(result: &mut ScanResult, map_json: &str, built: &str) -> Result<(), String> {
    let map = sourcemap::decode_slice(map_json.as_bytes()).map_err(|e| format!("invalid source map: {e}"))?;
    for f in &mut result.findings {
        let token = map.lookup_token(f.line.saturating_sub(1), f.column.saturating_sub(1));
        if let Some(t) = token.filter(|t| t.get_source().is_some()) {
            let mut at = Position { line: t.get_src_line() + 1, column: t.get_src_col() + 1 };
            let written = built.get(f.byte_range.clone()).zip(t.get_source_view().map(|v| v.source()));
            if let Some(moved) = written.and_then(|(secret, content)| written_near(content, secret, at.line)) {
                at = moved;
            }
            f.original = Some(OriginalLocation {
                file: t.get_source().unwrap_or_default().to_string(),
                line: at.line,
                column: at.column,
            });
        }
    }
    Ok(())
}

/// Where a source holds `secret` as written, when its mapped line `line` does not: a minifier
/// that inlines a constant maps the value to where it was used, and the line to edit is where
/// it is written (the nearest such line above the use, else the first). `None` when the mapped
/// line holds it, or the source does not (an inlined env value, a string built from pieces).
fn written_near(content: &str, secret: &str, line: u32) -> Option<Position> {
    // Too short to be a key by itself: a match would say nothing about where it came from.
    const SHORTEST: usize = 8;
    if secret.len() < SHORTEST {
        return None;
    }
    let index = LineIndex::new(content);
    let found: Vec<Position> = content.match_indices(secret).map(|(at, _)| index.position(at)).collect();
    if found.iter().any(|p| p.line == line) {
        return None;
    }
    found.iter().rev().find(|p| p.line < line).or(found.first()).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_map_references() {
        assert_eq!(
            map_reference("x\n//# sourceMappingURL=app.js.map\n"),
            Some(MapReference::File("app.js.map".into()))
        );
        assert_eq!(map_reference("x/*# sourceMappingURL=a.css.map */"), Some(MapReference::File("a.css.map".into())));
        let inline = "//# sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjozfQ==";
        assert_eq!(map_reference(inline), Some(MapReference::Inline(Ok("{\"version\":3}".into()))));
        // A broken one is said to be broken, not passed over.
        let broken = map_reference("//# sourceMappingURL=data:application/json;base64,@@@");
        assert!(matches!(&broken, Some(MapReference::Inline(Err(e))) if e.starts_with("invalid base64")), "{broken:?}");
        assert_eq!(map_reference("const s = 'sourceMappingURL=nope';"), None);
    }

    #[test]
    fn a_secret_inlined_by_a_minifier_maps_to_where_it_is_written() {
        let key = "sk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk4xYzAbCdEfGh";
        let built = format!("fetch(\"/charge\",{{body:\"{key}\"}});");
        let map_for = |content: &str| {
            // The built file's only mapping sends it to line 6, column 3: the constant's use.
            serde_json::json!({ "version": 3, "sources": ["src/pay.js"], "sourcesContent": [content], "names": [], "mappings": "AAKE" })
                .to_string()
        };
        let original = |content: &str| {
            let mut result = crate::pipeline::scan(&built, "a.js", &crate::config::Config::default());
            add_original_locations(&mut result, &map_for(content), &built).unwrap();
            let o = result.findings[0].original.clone().unwrap();
            (o.line, o.column)
        };
        let source = |value: &str| {
            format!("// pay\n\nconst key = {value};\n\nexport function pay() {{\n  return fetch(\"/charge\", {{ body: key }});\n}}\n")
        };
        // Written on line 3: that line, at the key.
        assert_eq!(original(&source(&format!("\"{key}\""))), (3, 14));
        // Written on the mapped line itself, or not at all (an env value the bundler inlined).
        let on_use = format!(
            "// pay\n\n\n\nexport function pay() {{\n  return fetch(\"/charge\", {{ body: \"{key}\" }});\n}}\n"
        );
        assert_eq!(original(&on_use), (6, 3));
        assert_eq!(original(&source("import.meta.env.VITE_KEY")), (6, 3));
        // Written twice, above and below the use: the nearest one above.
        let twice = format!("const a = \"{key}\";\nconst key = \"{key}\";\n\n\nexport function pay() {{\n  return fetch(\"/charge\", {{ body: key }});\n}}\nconst b = \"{key}\";\n");
        assert_eq!(original(&twice), (2, 14));
    }
}
