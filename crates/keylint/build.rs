//! Turns every `rules/*.toml` file (and `rules/special/*.toml`) into minified JSON embedded in
//! the crate, so adding a rule file needs no code change and no run parses TOML: serde_json
//! reads the catalogue three times faster than toml (1.2 against 3.9 ms natively, for most of
//! the engine's start-up; in wasm, before V8 has optimised anything, tens of ms were at stake).
//!
//! Without the `rule-docs` feature (the wasm build) the long docs (`what`, `why`) and the
//! examples are left out: a scan reports only a rule's title, fix and URL, and they are most
//! of the catalogue's bytes.
use std::{env, fs, path::Path};

fn main() {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let docs = env::var_os("CARGO_FEATURE_RULE_DOCS").is_some();
    let out_dir = env::var("OUT_DIR").unwrap();
    for (dir, out) in [(rules.clone(), "builtin_rules.rs"), (rules.join("special"), "special_rules.rs")] {
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files: Vec<_> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("readable rules dir").path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        let mut code = String::from("[\n");
        for f in &files {
            println!("cargo:rerun-if-changed={}", f.display());
            let name = f.file_name().unwrap().to_string_lossy();
            let json = to_json(f, docs).unwrap_or_else(|e| panic!("rules: {}: {e}", f.display()));
            code.push_str(&format!("    ({name:?}, {json:?}),\n"));
        }
        code.push(']');
        fs::write(Path::new(&out_dir).join(out), code).unwrap();
    }
}

fn to_json(path: &Path, docs: bool) -> Result<String, String> {
    let text = fs::read_to_string(path).map_err(|e| e.to_string())?;
    let file: toml::Table = toml::from_str(&text).map_err(|e| e.to_string())?;
    let mut json = serde_json::to_value(file).map_err(|e| e.to_string())?;
    if !docs {
        for rule in json.get_mut("rule").and_then(|r| r.as_array_mut()).into_iter().flatten() {
            let Some(rule) = rule.as_object_mut() else { continue };
            rule.remove("tp");
            rule.remove("fp");
            // Kept as empty strings: `Docs` requires them, as it does in users' rules.
            if let Some(docs) = rule.get_mut("docs").and_then(|d| d.as_object_mut()) {
                for long in ["what", "why"] {
                    if let Some(v) = docs.get_mut(long) {
                        *v = serde_json::Value::String(String::new());
                    }
                }
            }
        }
    }
    serde_json::to_string(&json).map_err(|e| e.to_string())
}
