//! Which scanned folders are build output. The engine recognises output by folder names in a
//! file's path (`dist/.env`); a folder scanned from inside (`cd dist && keylint scan .`) or
//! named otherwise (`keylint scan site`) is recognised here by what a bundler leaves in it: an
//! `index.html` beside content-hashed assets. `--built` marks every scanned path as output.

use std::path::Path;

/// Where bundlers put hashed assets, relative to the output folder.
const ASSET_FOLDERS: &[&str] =
    &["", "assets", "static/js", "static/css", "_next/static/chunks", "js", "css", "_app/immutable/entry"];

/// The scanned paths (as the report names them) that are build output.
pub fn output_roots(paths: &[std::path::PathBuf], built: bool, display: impl Fn(&Path) -> String) -> Vec<String> {
    paths.iter().filter(|p| built || looks_bundler_written(p)).map(|p| display(p)).collect()
}

/// A folder with an `index.html` and at least one content-hashed script or stylesheet.
fn looks_bundler_written(dir: &Path) -> bool {
    dir.is_dir()
        && dir.join("index.html").is_file()
        && ASSET_FOLDERS.iter().any(|sub| {
            std::fs::read_dir(dir.join(sub)).is_ok_and(|entries| {
                entries.flatten().take(1000).any(|e| is_hashed_asset(&e.file_name().to_string_lossy()))
            })
        })
}

/// `index-4f2a9c1e.js`, `main.7c2e91ab.css`, `index-BkX3a9_Q.js`: a name, then `-` or `.`, then
/// a hash of eight or more characters with a digit in it.
fn is_hashed_asset(name: &str) -> bool {
    let Some(stem) = [".js", ".mjs", ".css"].iter().find_map(|ext| name.strip_suffix(ext)) else { return false };
    let Some(at) = stem.rfind(['-', '.']) else { return false };
    let hash = &stem[at + 1..];
    at > 0
        && hash.len() >= 8
        && hash.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && hash.bytes().any(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_asset_names() {
        for name in ["index-4f2a9c1e.js", "main.7c2e91ab.css", "index-BkX3a9_Q.js", "chunk.1a2b3c4d5e.mjs"] {
            assert!(is_hashed_asset(name), "{name}");
        }
        for name in ["index.js", "vendor-polyfills.js", "app.config.js", "-4f2a9c1e.js", "index-4f2a9c1e.ts"] {
            assert!(!is_hashed_asset(name), "{name}");
        }
    }

    #[test]
    fn an_index_page_with_hashed_assets_is_output() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        assert!(looks_bundler_written(&root.join("fixtures/demo")));
        assert!(!looks_bundler_written(&root.join("fixtures/demo-src")), "a source tree");
        assert!(!looks_bundler_written(&root.join("fixtures/demo/index.html")), "a file is no folder");
    }
}
