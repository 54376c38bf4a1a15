//! Which scanned folders are build output. The engine recognises output by folder names in a
//! file's path (`dist/.env`); a folder scanned from inside (`cd dist && keylint scan .`) or
//! named otherwise (`keylint scan site`) is recognised here by what a bundler leaves in it: an
//! `index.html` beside content-hashed assets. `--built` marks every scanned path as output.

use keylint::source_tree::is_hashed_asset;
use std::path::Path;

/// Where bundlers put hashed assets, relative to the output folder.
const ASSET_FOLDERS: &[&str] =
    &["", "assets", "static/js", "static/css", "_next/static/chunks", "js", "css", "_app/immutable/entry"];

/// The scanned paths (as the report names them) that are build output.
pub fn output_roots(paths: &[std::path::PathBuf], built: bool, display: impl Fn(&Path) -> String) -> Vec<String> {
    paths.iter().filter(|p| built || looks_bundler_written(p)).map(|p| display(p)).collect()
}

/// A folder named like output (`cd dist && keylint scan .`: the name is the real folder's), or
/// with an `index.html` and at least one content-hashed script or stylesheet.
fn looks_bundler_written(dir: &Path) -> bool {
    let named = dir.canonicalize().ok().and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()));
    if dir.is_dir() && named.as_deref().is_some_and(keylint::source_tree::is_output_folder_name) {
        return true;
    }
    dir.is_dir()
        && dir.join("index.html").is_file()
        && ASSET_FOLDERS.iter().any(|sub| {
            std::fs::read_dir(dir.join(sub)).is_ok_and(|entries| {
                entries.flatten().take(1000).any(|e| is_hashed_asset(&e.file_name().to_string_lossy()))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_page_with_hashed_assets_is_output() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert!(looks_bundler_written(&root.join("fixtures/demo")));
        assert!(!looks_bundler_written(&root.join("fixtures/demo-src")), "a source tree");
        assert!(!looks_bundler_written(&root.join("fixtures/demo/index.html")), "a file is no folder");
    }
}
