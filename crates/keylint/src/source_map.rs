//! Source maps ship the original sources, comments included, in `sourcesContent`. Each entry
//! is scanned as the file it was; findings are reported against the map, with the original
//! file and position in `original`.

use crate::finding::{Finding, OriginalLocation};
use crate::{Config, Form, LineIndex, ScanResult};
use serde::Deserialize;

#[derive(Deserialize)]
struct RawMap {
    #[serde(default)]
    sources: Vec<Option<String>>,
    #[serde(default, rename = "sourcesContent")]
    sources_content: Vec<Option<String>>,
    #[serde(default, rename = "sourceRoot")]
    source_root: Option<String>,
}

/// A `sources` entry as the map's `sourceRoot` places it, as the mappings' reader
/// (`original::add_original_locations`) places it for findings in the built file.
fn with_root(root: Option<&str>, source: String) -> String {
    match root.map(|r| r.trim_end_matches('/')) {
        Some(r) if !r.is_empty() && !source.contains("://") && !source.starts_with('/') => format!("{r}/{source}"),
        _ => source,
    }
}

/// Scans a map's embedded sources, or `None` when `text` is not a source map.
pub fn scan(text: &str, path: &str, config: &Config) -> Option<ScanResult> {
    let map: RawMap = serde_json::from_str(text).ok()?;
    let index = LineIndex::new(text);
    let mut result = ScanResult::default();
    for (i, content) in map.sources_content.iter().enumerate() {
        let Some(content) = content else { continue };
        let original = match map.sources.get(i).cloned().flatten() {
            Some(source) => with_root(map.source_root.as_deref(), source),
            None => format!("source #{i}"),
        };
        let inner = crate::scan(content, &original, config);
        result.notes.extend(inner.notes.into_iter().map(|n| format!("{path} (sourcesContent): {n}")));
        for f in inner.findings {
            result.findings.push(relocate(f, content, text, &index, path, &original));
        }
    }
    Some(result)
}

fn relocate(f: Finding, content: &str, map_text: &str, index: &LineIndex, path: &str, original: &str) -> Finding {
    // The snippet appears in the map as a JSON string; find it there to point into the map.
    let snippet = content.get(f.byte_range.clone()).unwrap_or_default();
    let escaped = serde_json::to_string(snippet).unwrap_or_default();
    let escaped = escaped.trim_matches('"');
    let range = match map_text.find(escaped).filter(|_| !escaped.is_empty()) {
        Some(at) => at..at + escaped.len(),
        None => 0..0,
    };
    let (start, end) = (index.position(range.start), index.position(range.end));
    Finding {
        file: path.to_string(),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        form: Form::SourceMap,
        // The same message, placed in the source map (the rule's own words about the key kept).
        message: f.message.replacen(
            &format!(" in {}", f.form.describe()),
            &format!(" in {}", Form::SourceMap.describe()),
            1,
        ),
        original: Some(OriginalLocation { file: original.to_string(), line: f.line, column: f.column }),
        byte_range: range,
        ..f
    }
}
