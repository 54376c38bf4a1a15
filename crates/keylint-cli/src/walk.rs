//! Finding the files to scan and scanning them in parallel. A file that cannot be read is an
//! error that names it; it never stops the walk.

use ignore::WalkBuilder;
use keylint::{Config, Note, NoteKind, ScanResult};
use keylint_report::{has_binary_extension, locate_originals, MapReader, RunNotes};
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
    /// Notes about the walk itself (skipped binaries, loops), beside each file's own.
    pub run_notes: RunNotes,
    pub errors: Vec<String>,
}

/// Each worker's stack holds the engine's deepest parse, so no file needs a stack of its own.
pub const WORKER_STACK: usize = 272 << 20;

pub fn scan_paths(paths: &[PathBuf], config: &Config, options: &Options) -> Result<Outcome, String> {
    let (files, notes, mut errors) = collect_files(paths, options);
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
    results.sort_by(|a, b| a.0.cmp(&b.0));
    let run_notes = RunNotes { walk: notes, binary, unread: Vec::new() };
    Ok(Outcome { results, sources, files_scanned, bytes_scanned, run_notes, errors })
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
    if has_binary_extension(&path.to_string_lossy()) {
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
    locate_originals(&mut result, &text, &name, &mut Disk);
    if lossy {
        result.notes.insert(0, Note::new(NoteKind::NotUtf8, name.as_str(), "not valid UTF-8"));
    }
    let text = (!result.findings.is_empty()).then(|| Arc::from(text));
    FileOutcome::Scanned { path: name, bytes: len, result, text }
}

/// Source maps, read from the disk for `keylint_report::locate_originals`.
struct Disk;

impl MapReader for Disk {
    fn read(&mut self, path: &str) -> Result<Option<String>, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }

    fn absolute(&self, path: &str) -> String {
        std::path::absolute(path).map_or_else(|_| path.to_string(), |p| p.to_string_lossy().into_owned())
    }
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

fn is_loop(e: &ignore::Error) -> bool {
    match e {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => is_loop(err),
        _ => false,
    }
}

/// Files named on the command line are scanned whatever they are; folders are walked. Returns
/// the files, notes about what was passed over, and errors.
fn collect_files(paths: &[PathBuf], options: &Options) -> (Vec<PathBuf>, Vec<Note>, Vec<String>) {
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
                            notes.push(Note::new(NoteKind::NotRegularFile, display(e.path()), "not a regular file"))
                        }
                        Ok(_) => {}
                        // A symlink back up the tree is the tree's shape, not an I/O failure.
                        Err(e) if is_loop(&e) => notes.push(Note::new(NoteKind::LoopNotFollowed, "", e.to_string())),
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
