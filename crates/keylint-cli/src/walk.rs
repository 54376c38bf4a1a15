//! Finding the files to scan and scanning them in parallel. A file that cannot be read is an
//! error that names it; it never stops the walk.

use ignore::WalkBuilder;
use keylint::{Config, ScanResult};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct Options {
    pub respect_gitignore: bool,
    pub threads: Option<usize>,
}

pub struct Outcome {
    /// Per file, sorted by path.
    pub results: Vec<(String, ScanResult)>,
    /// The text of each file with findings, for code frames.
    pub sources: HashMap<String, Arc<str>>,
    pub files_scanned: usize,
    pub bytes_scanned: u64,
    /// Notes about the walk itself (skipped binaries), beside each file's own.
    pub notes: Vec<String>,
    pub errors: Vec<String>,
}

/// Each worker's stack holds the engine's deepest parse, so no file needs a stack of its own.
pub const WORKER_STACK: usize = 272 << 20;

/// Extensions of files that are never text; they are counted in one note rather than read.
const BINARY_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "bmp", "tif", "tiff", "woff", "woff2", "ttf", "otf", "eot",
    "mp3", "mp4", "webm", "ogg", "wav", "flac", "mov", "wasm", "zip", "gz", "br", "zst", "tar", "7z", "pdf", "exe",
    "dll", "so", "dylib", "node", "class", "jar",
];

pub fn scan_paths(paths: &[PathBuf], config: &Config, options: &Options) -> Result<Outcome, String> {
    let (files, mut notes, mut errors) = collect_files(paths, options);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads.unwrap_or(0))
        .stack_size(WORKER_STACK)
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let scanned: Vec<FileOutcome> = pool.install(|| files.par_iter().map(|f| scan_file(f, config)).collect());

    let mut results = Vec::new();
    let mut sources = HashMap::new();
    let mut files_scanned = 0;
    let mut bytes_scanned = 0;
    let mut binary = Vec::new();
    for outcome in scanned {
        match outcome {
            FileOutcome::Scanned { path, bytes, result, text } => {
                if let Some(text) = text {
                    sources.insert(path.clone(), text);
                }
                files_scanned += 1;
                bytes_scanned += bytes;
                results.push((path, result));
            }
            FileOutcome::Binary(path) => binary.push(path),
            FileOutcome::Error(e) => errors.push(e),
        }
    }
    if let Some(first) = binary.first() {
        let more = match binary.len() - 1 {
            0 => String::new(),
            n => format!(" and {n} more file(s)"),
        };
        notes.push(format!("{first}{more}: binary, skipped"));
    }
    results.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Outcome { results, sources, files_scanned, bytes_scanned, notes, errors })
}

enum FileOutcome {
    Scanned { path: String, bytes: u64, result: ScanResult, text: Option<Arc<str>> },
    Binary(String),
    Error(String),
}

pub(crate) fn display(path: &Path) -> String {
    let s = path.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

fn scan_file(path: &Path, config: &Config) -> FileOutcome {
    let name = display(path);
    // Key stores are binary and judged by name and place; their bytes are never read.
    if keylint::source_tree::is_keystore(&name) {
        let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        return FileOutcome::Scanned { result: keylint::scan("", &name, config), path: name, bytes, text: None };
    }
    if path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| BINARY_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
    {
        return FileOutcome::Binary(name);
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return FileOutcome::Error(format!("{name}: {e}")),
    };
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return FileOutcome::Binary(name);
    }
    let len = bytes.len() as u64;
    let (text, lossy) = match String::from_utf8(bytes) {
        Ok(s) => (s, false),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
    };
    let mut result = keylint::scan(&text, &name, config);
    if !result.findings.is_empty() && !name.ends_with(".map") {
        if let Some(note) = add_original_locations(path, &name, &text, &mut result) {
            result.notes.push(note);
        }
    }
    if lossy {
        result.notes.insert(0, format!("{name}: not valid UTF-8, invalid bytes read as U+FFFD"));
    }
    let text = (!result.findings.is_empty()).then(|| Arc::from(text));
    FileOutcome::Scanned { path: name, bytes: len, result, text }
}

/// Maps findings in a built file to its sources, through the map its `sourceMappingURL` names
/// or a sibling `.map`. Returns a note when a map exists but cannot be used.
fn add_original_locations(path: &Path, name: &str, text: &str, result: &mut ScanResult) -> Option<String> {
    use keylint::original::{add_original_locations, map_reference, MapReference};
    let (map_text, map_name) = match map_reference(text) {
        Some(MapReference::Inline(Ok(json))) => (json, format!("{name} (inline map)")),
        Some(MapReference::Inline(Err(e))) => return Some(format!("{name} (inline map): {e}")),
        reference => {
            let file = match reference {
                Some(MapReference::File(url)) if !url.contains("://") => {
                    let url = url.split(['?', '#']).next().unwrap_or(&url);
                    path.parent().unwrap_or(Path::new("")).join(url)
                }
                _ => PathBuf::from(format!("{}.map", path.display())),
            };
            match std::fs::read_to_string(&file) {
                Ok(t) => {
                    let note =
                        add_original_locations(result, &t, text).err().map(|e| format!("{}: {e}", display(&file)));
                    // A map's sources are relative to the map; the report's, to the built file.
                    let (map_dir, bundle_dir) =
                        (file.parent().unwrap_or(Path::new("")), path.parent().unwrap_or(Path::new("")));
                    if lexical(map_dir) != lexical(bundle_dir) {
                        for original in result.findings.iter_mut().filter_map(|f| f.original.as_mut()) {
                            if let Some(rebased) = rebase(&original.file, map_dir, bundle_dir) {
                                original.file = rebased;
                            }
                        }
                    }
                    return note;
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
                Err(e) => return Some(format!("{}: {e}", display(&file))),
            }
        }
    };
    add_original_locations(result, &map_text, text).err().map(|e| format!("{map_name}: {e}"))
}

/// A path made absolute, with `.` and `..` resolved lexically (symlinks untouched: two names
/// of a file in an output folder are two shipped files). `./dist/a.js` and `dist/a.js` agree.
fn lexical(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in absolute.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `source`, relative to a map in `map_dir`, as a path relative to `bundle_dir`; `None` for a
/// URL or an absolute path, which say where they are by themselves.
fn rebase(source: &str, map_dir: &Path, bundle_dir: &Path) -> Option<String> {
    if source.is_empty() || source.contains("://") || source.starts_with('/') || Path::new(source).is_absolute() {
        return None;
    }
    let target = lexical(&map_dir.join(source));
    let base = lexical(bundle_dir);
    let (target, base): (Vec<_>, Vec<_>) = (target.components().collect(), base.components().collect());
    let common = target.iter().zip(&base).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); base.len() - common];
    parts.extend(target[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    Some(parts.join("/"))
}

fn is_loop(e: &ignore::Error) -> bool {
    match e {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => is_loop(err),
        _ => false,
    }
}

/// Files named on the command line are scanned whatever they are; folders are walked. Returns
/// the files, notes about what was passed over, and errors.
fn collect_files(paths: &[PathBuf], options: &Options) -> (Vec<PathBuf>, Vec<String>, Vec<String>) {
    let mut files = Vec::new();
    let mut notes = Vec::new();
    let mut errors = Vec::new();
    for root in paths {
        match std::fs::metadata(root) {
            Err(e) => errors.push(format!("{}: {e}", display(root))),
            Ok(m) if m.is_file() => files.push(root.clone()),
            // A FIFO or device would block the read or never end; say so instead.
            Ok(m) if !m.is_dir() => errors.push(format!("{}: not a regular file or folder, skipped", display(root))),
            Ok(_) => {
                let walker = WalkBuilder::new(root)
                    .standard_filters(false)
                    .git_ignore(options.respect_gitignore)
                    .git_exclude(options.respect_gitignore)
                    .ignore(options.respect_gitignore)
                    .parents(options.respect_gitignore)
                    // An explicit request to honour .gitignore holds outside a git checkout too.
                    .require_git(false)
                    // Symlinked files in an output folder ship like any other; loops are detected.
                    .follow_links(true)
                    .filter_entry(keep_entry)
                    .build();
                for entry in walker {
                    match entry {
                        Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => files.push(e.into_path()),
                        Ok(e) if e.file_type().is_some_and(|t| !t.is_dir()) => {
                            notes.push(format!("{}: not a regular file, skipped", display(e.path())))
                        }
                        Ok(_) => {}
                        // A symlink back up the tree is the tree's shape, not an I/O failure.
                        Err(e) if is_loop(&e) => notes.push(format!("{e}, not followed")),
                        Err(e) => errors.push(e.to_string()),
                    }
                }
            }
        }
    }
    files.sort();
    // One file reached by two paths (`scan . dist/a.js`, or a folder given relative and absolute)
    // is one file: the first spelling, in sorted order, names it.
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(lexical(f)));
    (files, notes, errors)
}

/// `node_modules` is dependencies, not your output; inside `.git` only the files that can hold
/// credentials matter (a `.git` folder shipped with a site is itself a leak).
fn keep_entry(entry: &ignore::DirEntry) -> bool {
    if entry.depth() == 0 {
        return true;
    }
    let name = entry.file_name().to_string_lossy();
    let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
    if is_dir {
        return name != "node_modules" && !inside_git(entry.path().parent());
    }
    !inside_git(entry.path().parent()) || name == "config" || name == ".git-credentials"
}

fn inside_git(dir: Option<&Path>) -> bool {
    dir.is_some_and(|d| d.components().any(|c| c.as_os_str() == ".git"))
}
