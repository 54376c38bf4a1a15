//! Where a finding in a built file came from: the source map's original file, line and column.
//! The caller reads the map (a sibling `.map`, a `sourceMappingURL` file); inline `data:` maps
//! are decoded here.

use crate::finding::OriginalLocation;
use crate::ScanResult;
use base64::Engine as _;

/// What a built file says about its source map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MapReference {
    /// An inline `data:application/json;base64,…` map, decoded.
    Inline(String),
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
                base64::engine::general_purpose::STANDARD.decode(payload).ok()?
            } else {
                payload.as_bytes().to_vec()
            };
            Some(MapReference::Inline(String::from_utf8(bytes).ok()?))
        }
        None => Some(MapReference::File(url.to_string())),
    }
}

/// Fills `original` for each finding from a source map's mappings. Lines and columns in and out
/// are 1-based, columns in UTF-16 units, as source maps for JavaScript count them.
pub fn add_original_locations(result: &mut ScanResult, map_json: &str) -> Result<(), String> {
    let map = sourcemap::decode_slice(map_json.as_bytes()).map_err(|e| format!("invalid source map: {e}"))?;
    for f in &mut result.findings {
        let token = map.lookup_token(f.line.saturating_sub(1), f.column.saturating_sub(1));
        if let Some(t) = token.filter(|t| t.get_source().is_some()) {
            f.original = Some(OriginalLocation {
                file: t.get_source().unwrap_or_default().to_string(),
                line: t.get_src_line() + 1,
                column: t.get_src_col() + 1,
            });
        }
    }
    Ok(())
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
        assert_eq!(map_reference(inline), Some(MapReference::Inline("{\"version\":3}".into())));
        assert_eq!(map_reference("const s = 'sourceMappingURL=nope';"), None);
    }
}
