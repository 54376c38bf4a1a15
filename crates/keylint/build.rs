//! Turns every rule file, `rules/<family>/<provider>.toml` (and `rules/special/*.toml`), into
//! minified JSON embedded in the crate, so adding a rule file needs no code change and no run
//! parses TOML: serde_json reads the catalogue three times faster than toml (1.2 against 3.9 ms
//! natively, for most of the engine's start-up; in wasm, before V8 has optimised anything, tens
//! of ms were at stake). Each file is embedded with its path under `rules/`, which
//! `keylint explain` names.
//!
//! A rule's `family` must be the folder its file is in: the build fails otherwise, so a rule is
//! always where its family says.
//!
//! Without the `rule-docs` feature the long docs (`what`, `why`) are left out, and without
//! `rule-examples` (the wasm build) the examples: a scan needs neither, and they are most of
//! the catalogue's bytes.
use std::path::{Path, PathBuf};
use std::{env, fs};

/// Engine-made findings: documented like rules, but not families of pattern rules.
const SPECIAL: &str = "special";

fn main() {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let docs = env::var_os("CARGO_FEATURE_RULE_DOCS").is_some();
    let examples = env::var_os("CARGO_FEATURE_RULE_EXAMPLES").is_some();
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());

    let mut files = Vec::new();
    collect(&rules, &mut files);
    // Sorted by path, so the catalogue's order (and every listing of it) is the same on every machine.
    files.sort();
    let (special, builtin): (Vec<_>, Vec<_>) =
        files.into_iter().partition(|f| f.strip_prefix(&rules).unwrap().starts_with(SPECIAL));

    let mut builtin_code = String::from("[\n");
    for file in &builtin {
        let relative = relative_name(&rules, file);
        let family = match relative.split('/').collect::<Vec<_>>()[..] {
            [family, _] => family.to_string(),
            _ => panic!("rules: {relative}: a rule file goes in a family folder: rules/<family>/<provider>.toml"),
        };
        let json = to_json(file, docs, examples, Some(&family)).unwrap_or_else(|e| panic!("rules: {relative}: {e}"));
        builtin_code.push_str(&format!("    ({relative:?}, {json:?}),\n"));
    }
    builtin_code.push(']');
    fs::write(out_dir.join("builtin_rules.rs"), builtin_code).unwrap();

    let mut special_code = String::from("[\n");
    for file in &special {
        let relative = relative_name(&rules, file);
        let json = to_json(file, docs, examples, None).unwrap_or_else(|e| panic!("rules: {relative}: {e}"));
        special_code.push_str(&format!("    ({relative:?}, {json:?}),\n"));
    }
    special_code.push(']');
    fs::write(out_dir.join("special_rules.rs"), special_code).unwrap();
}

/// Every `.toml` file under `dir`, recursively; each folder and file is watched for changes
/// (a folder, so that a new file is noticed). Other files (the catalogue test's snapshots) are
/// not read.
fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap_or_else(|e| panic!("{}: {e}", dir.display())).path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "toml") {
            println!("cargo:rerun-if-changed={}", path.display());
            files.push(path);
        }
    }
}

/// `payments/stripe.toml`: the path under `rules/`, with `/` on every platform.
fn relative_name(rules: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(rules).unwrap();
    relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

fn to_json(path: &Path, docs: bool, examples: bool, family: Option<&str>) -> Result<String, String> {
    let text = fs::read_to_string(path).map_err(|e| e.to_string())?;
    let file: toml::Table = toml::from_str(&text).map_err(|e| e.to_string())?;
    let mut json = serde_json::to_value(file).map_err(|e| e.to_string())?;
    for rule in json.get_mut("rule").and_then(|r| r.as_array_mut()).into_iter().flatten() {
        let Some(rule) = rule.as_object_mut() else { continue };
        if let Some(folder) = family {
            let declared = rule.get("family").and_then(|f| f.as_str());
            if declared != Some(folder) {
                let id = rule.get("id").and_then(|i| i.as_str()).unwrap_or("?");
                let declared = declared.map_or("no family".to_string(), |f| format!("family `{f}`"));
                return Err(format!(
                    "rule `{id}` has {declared}, but its file is in the folder `{folder}`: \
                     move the file or change the family"
                ));
            }
        }
        if !examples {
            rule.remove("tp");
            rule.remove("fp");
        }
        if !docs {
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
