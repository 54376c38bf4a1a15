//! Source maps ship the original sources, comments included, in `sourcesContent`. A map is an
//! input that yields those sources: the pipeline scans each as the file it was and reports its
//! findings against the map, with the original file and position in `original`.

use serde::Deserialize;
use std::ops::Range;

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

/// One `sourcesContent` entry: a file as it was before the build, for the pipeline to scan.
pub struct EmbeddedSource {
    /// The file's path as the map names it (under its `sourceRoot`), or `source #i`.
    pub path: String,
    /// Its text.
    pub content: String,
}

/// A source map's embedded sources, or `None` when `text` is not a source map.
pub fn sources(text: &str) -> Option<Vec<EmbeddedSource>> {
    let map: RawMap = serde_json::from_str(text).ok()?;
    let sources = map.sources;
    let root = map.source_root;
    Some(
        map.sources_content
            .into_iter()
            .enumerate()
            .filter_map(|(i, content)| {
                let content = content?;
                let path = match sources.get(i).cloned().flatten() {
                    Some(source) => with_root(root.as_deref(), source),
                    None => format!("source #{i}"),
                };
                Some(EmbeddedSource { path, content })
            })
            .collect(),
    )
}

/// Where `snippet` of an embedded source's text is written in the map: the map holds it as a
/// JSON string, escaped. `0..0` when it cannot be found there.
pub fn span_in_map(map_text: &str, snippet: &str) -> Range<usize> {
    let escaped = serde_json::to_string(snippet).unwrap_or_default();
    let escaped = escaped.trim_matches('"');
    match map_text.find(escaped).filter(|_| !escaped.is_empty()) {
        Some(at) => at..at + escaped.len(),
        None => 0..0,
    }
}
