//! The engine's data flows one way (see `src/lib.rs`): each stage imports only from the stages
//! before it and from the shared types. This test reads the sources and holds every
//! `crate::…` path of non-test code to that order, so a back-import fails here rather than in
//! review.

use std::path::{Path, PathBuf};

/// The stages in flow order; a module may use its own stage and those listed before it.
const ORDER: &[(&str, &[&str])] = &[
    ("shared", &["candidate", "hosts", "line_index", "note"]),
    ("input", &["input"]),
    ("js", &["js"]),
    ("rules", &["rules"]),
    ("detect", &["detect"]),
    ("finding", &["finding"]),
    ("config", &["config"]),
    ("pipeline", &["pipeline"]),
];

/// The rank of the stage a top-level module (`js`, `candidate`, …) belongs to.
fn rank(module: &str) -> Option<usize> {
    ORDER.iter().position(|(_, modules)| modules.contains(&module))
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules named by `crate::x` (and `crate::{x, y}`) in `code`.
fn crate_paths(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let names = match rest.strip_prefix('{') {
            Some(group) => group[..group.find('}').unwrap_or(group.len())].split(',').collect(),
            None => vec![rest],
        };
        for name in names {
            let name: String = name.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            found.push(name);
        }
    }
    found
}

#[test]
fn every_stage_imports_only_from_the_stages_before_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let top = relative.components().next().unwrap().as_os_str().to_string_lossy();
        let top = top.trim_end_matches(".rs");
        if top == "lib" {
            continue; // the crate root re-exports every stage
        }
        let own = rank(top).unwrap_or_else(|| panic!("{}: add its module to ORDER", relative.display()));
        let text = std::fs::read_to_string(file).unwrap();
        // Unit tests may drive the whole engine.
        let code = text.split("#[cfg(test)]").next().unwrap();
        for used in crate_paths(code) {
            // The crate root only re-exports (`crate::Form`): name the module that defines it.
            let Some(used_rank) = rank(&used) else {
                assert!(
                    used.chars().next().is_some_and(|c| c.is_ascii_uppercase()),
                    "{}: `crate::{used}` is no known module",
                    relative.display()
                );
                wrong.push(format!("{}: `crate::{used}` (use the module that defines it)", relative.display()));
                continue;
            };
            if used_rank > own {
                wrong.push(format!(
                    "{}: imports `{used}` ({}) from a later stage",
                    relative.display(),
                    ORDER[used_rank].0
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the flow:\n{}", wrong.join("\n"));
}

/// The check reads the paths it judges: single and grouped, stages ranked in flow order.
#[test]
fn the_check_reads_single_and_grouped_paths() {
    assert_eq!(
        crate_paths("use crate::{detect, js::parse};\nlet x = crate::pipeline::scan;"),
        ["detect", "js", "pipeline"]
    );
    assert!(rank("pipeline") > rank("input"));
    assert_eq!(rank("lib"), None);
}
