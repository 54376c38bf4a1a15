//! Lists every host shares, defined once.

/// Environment variable prefixes that bundlers inline into client code on purpose (Vite's
/// `VITE_`, Next.js's `NEXT_PUBLIC_`, …): the engine's list, which hosts must not copy.
pub use keylint::PUBLIC_ENV_PREFIXES;

/// Extensions (lowercase, without the dot) of files that are never text: walkers count them in
/// one note instead of reading them.
pub const BINARY_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "bmp", "tif", "tiff", "woff", "woff2", "ttf", "otf", "eot",
    "mp3", "mp4", "webm", "ogg", "wav", "flac", "mov", "wasm", "zip", "gz", "br", "zst", "tar", "7z", "pdf", "exe",
    "dll", "so", "dylib", "node", "class", "jar",
];

/// Whether a path's extension is one of [`BINARY_EXTENSIONS`] (in any case).
pub fn has_binary_extension(path: &str) -> bool {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.rsplit_once('.')
        .is_some_and(|(stem, ext)| !stem.is_empty() && BINARY_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_extensions_in_any_case_and_only_as_extensions() {
        assert!(has_binary_extension("dist/logo.PNG"));
        assert!(has_binary_extension("a.b/font.woff2"));
        assert!(!has_binary_extension("dist/app.js"));
        assert!(!has_binary_extension("dist/png"));
        assert!(!has_binary_extension("dist/.png"), "a dotfile has no extension, as Path::extension says");
    }
}
