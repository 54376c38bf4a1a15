//! The JSON Schemas of what keylint writes, derived from the types serde writes it from, and the
//! test that keeps the checked-in copies in docs/schema/ equal to them.
//!
//! - `report.schema.json`: `keylint scan --format json`, and the plugins' `report` JSON.
//! - `scan.schema.json`: what the npm package's `scan(code, options)` returns.
//!
//! Objects are closed (`additionalProperties: false`): the output has exactly the documented
//! fields. `cargo xtask schema` rewrites the files (it runs this test with `KEYLINT_WRITE_SCHEMA`).

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema};
use std::path::PathBuf;

const BASE: &str = "https://github.com/keylint/keylint/blob/main/docs/schema/";

/// The schema of `T` as a document of its own, in JSON Schema draft 2020-12.
fn schema_of<T: JsonSchema>(file: &str, title: &str, description: &str) -> Schema {
    let mut schema = SchemaSettings::draft2020_12()
        .for_serialize()
        .with_transform(RecursiveTransform(closed_and_never_null))
        .into_generator()
        .into_root_schema_for::<T>();
    schema.insert("$id".into(), format!("{BASE}{file}").into());
    schema.insert("title".into(), title.into());
    schema.insert("description".into(), description.into());
    schema
}

/// Objects get `additionalProperties: false`, and an optional field loses the `null` that
/// schemars gives an `Option`: keylint leaves an empty one out (`skip_serializing_if`), it never
/// writes `null`.
fn closed_and_never_null(schema: &mut Schema) {
    use serde_json::Value;
    let Some(object) = schema.as_object_mut() else { return };
    let Some(Value::Object(properties)) = object.get("properties") else { return };
    let required: Vec<Value> = object.get("required").and_then(Value::as_array).cloned().unwrap_or_default();
    let mut properties = properties.clone();
    for (name, property) in properties.iter_mut() {
        if required.contains(&Value::String(name.clone())) {
            continue;
        }
        if let Some(Value::Array(types)) = property.get_mut("type") {
            types.retain(|t| t != "null");
            if types.len() == 1 {
                let only = types[0].clone();
                property["type"] = only;
            }
        }
        if let Some(Value::Array(any)) = property.get_mut("anyOf") {
            any.retain(|s| s.get("type").is_none_or(|t| t != "null"));
            if any.len() == 1 {
                let only = any[0].clone();
                let map = property.as_object_mut().expect("a property schema is an object");
                map.remove("anyOf");
                for (k, v) in only.as_object().into_iter().flatten() {
                    map.insert(k.clone(), v.clone());
                }
            }
        }
    }
    object.insert("properties".into(), Value::Object(properties));
    object.insert("additionalProperties".into(), false.into());
}

/// Each checked-in schema file and what it should hold.
fn schemas() -> Vec<(&'static str, Schema)> {
    vec![
        (
            "report.schema.json",
            schema_of::<keylint_report::Report>(
                "report.schema.json",
                "keylint report",
                "`keylint scan --format json`, and the JSON `report` of the npm package's bundler plugins. \
                 See docs/output.md.",
            ),
        ),
        (
            "scan.schema.json",
            schema_of::<keylint_report::Output>(
                "scan.schema.json",
                "keylint scan() result",
                "What `scan(code, options)` of the npm package `keylint` returns: the report of one source, \
                 without `version` and `reused`. See docs/js-api.md.",
            ),
        ),
    ]
}

fn schema_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/schema")
}

#[test]
fn the_checked_in_schemas_are_what_the_types_generate() {
    let write = std::env::var_os("KEYLINT_WRITE_SCHEMA").is_some();
    let mut stale = Vec::new();
    for (file, schema) in schemas() {
        let path = schema_dir().join(file);
        let want = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        if have == want {
            continue;
        }
        if write {
            std::fs::create_dir_all(schema_dir()).unwrap();
            std::fs::write(&path, want).unwrap();
            eprintln!("wrote {}", path.display());
        } else {
            stale.push(path.display().to_string());
        }
    }
    assert!(stale.is_empty(), "out of date (run `cargo xtask schema`): {}", stale.join(", "));
}

/// The generated schema is not only in sync but says what the docs say: a spot check of the
/// contract written out by hand, so a type change that the regenerated file would hide is seen.
#[test]
fn the_report_schema_holds_the_documented_contract() {
    let report = serde_json::to_value(schemas().remove(0).1).unwrap();
    let defs = &report["$defs"];
    let names = |v: &serde_json::Value| -> Vec<String> {
        let mut n: Vec<String> = v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect();
        n.sort();
        n
    };
    assert_eq!(names(&report["required"]), ["findings", "summary", "version"]);
    let finding = &defs["Finding"];
    assert_eq!(
        names(&finding["required"]),
        [
            "class",
            "column",
            "docs_url",
            "end_column",
            "end_line",
            "file",
            "fingerprint",
            "form",
            "line",
            "message",
            "remediation",
            "rule_id",
            "secret_redacted",
            "severity",
            "title"
        ]
    );
    let optional: Vec<&String> = finding["properties"]
        .as_object()
        .unwrap()
        .keys()
        .filter(|k| !names(&finding["required"]).contains(k))
        .collect();
    assert_eq!(optional, ["context", "original", "secret"]);
    let values = |def: &str| -> Vec<String> {
        let s = &defs[def];
        let mut v: Vec<String> = match s.get("enum") {
            Some(e) => names(e),
            None => s["oneOf"].as_array().unwrap().iter().map(|o| o["const"].as_str().unwrap().to_string()).collect(),
        };
        v.sort();
        v
    };
    assert_eq!(
        values("Form"),
        [
            "array-join",
            "base64",
            "char-codes",
            "comment",
            "concat",
            "env-inline",
            "html-script",
            "json",
            "literal",
            "source-map",
            "template",
            "text",
            "text-in-string"
        ]
    );
    assert_eq!(values("Class"), ["publishable", "secret", "test"]);
    assert_eq!(values("Severity"), ["error", "info", "warning"]);
    assert_eq!(
        names(&defs["Summary"]["required"]),
        ["bytes_scanned", "errors", "files_scanned", "infos", "notes", "warnings"]
    );
    assert_eq!(names(&defs["Reuse"]["required"]), ["fingerprint", "places", "rule_id", "secret_redacted"]);
    assert_eq!(names(&defs["OriginalLocation"]["required"]), ["column", "file", "line"]);
}
