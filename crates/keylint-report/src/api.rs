//! The report functions JavaScript calls, on JSON values: the wasm engine converts JS values
//! to and from JSON around them, and `keylint serve` answers `{"call": name, "args": […]}` with
//! them, so both engines give the npm package the same bytes.
//!
//! - `buildReport(outputs, options?)`: the JSON report from `scan` results.
//! - `render(report, format, options?)`: a format's text.
//! - `readBaseline(text, path)`: the fingerprints a baseline accepts.
//! - `writeBaseline(findings)`: `{ text, count }`.
//! - `publicEnvPrefixes()`, `binaryExtensions()`: the shared lists.
//! - `mapFileFor(path, code)`: the map file a host reads for the built file `path` (the one
//!   the native CLI reads), or `null` for an inline map.

use crate::scan::{config_from, ConfigInput, Output};
use crate::{render_to_string, Baseline, Format, Note, RenderOptions, Report, RunNotes};
use keylint::{Finding, ScanResult};
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;

/// A call that failed: a `TypeError` for arguments of the wrong shape, else an `Error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// Whether JavaScript should throw a `TypeError`.
    pub type_error: bool,
    /// The message, naming the function (`keylint.render: …`).
    pub message: String,
}

/// The functions [`call`] knows, by their JavaScript names.
pub const API_FUNCTIONS: &[&str] =
    &["buildReport", "render", "readBaseline", "writeBaseline", "publicEnvPrefixes", "binaryExtensions", "mapFileFor"];

/// Calls the function `name` with JSON arguments (missing ones are `null`).
pub fn call(name: &str, args: &[Value]) -> Result<Value, ApiError> {
    let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::Null);
    let type_error = |message: String| ApiError { type_error: true, message: format!("keylint.{name}: {message}") };
    let error = |message: String| ApiError { type_error: false, message };
    match name {
        "buildReport" => build_report(arg(0), arg(1)).map_err(|e| match e {
            Failure::Shape(m) => type_error(m),
            Failure::Run(m) => error(m),
        }),
        "render" => render(arg(0), arg(1), arg(2)).map_err(|e| match e {
            Failure::Shape(m) => type_error(m),
            Failure::Run(m) => error(m),
        }),
        "readBaseline" => {
            let (Value::String(text), Value::String(path)) = (arg(0), arg(1)) else {
                return Err(type_error("text and path must be strings".into()));
            };
            Baseline::parse(&text, &path).map(|b| json!(b.fingerprints())).map_err(error)
        }
        "writeBaseline" => {
            let findings: Vec<Finding> =
                serde_json::from_value(arg(0)).map_err(|e| type_error(format!("findings: {e}")))?;
            let (text, count) = crate::write_baseline(&findings);
            Ok(json!({ "text": text, "count": count }))
        }
        "publicEnvPrefixes" => Ok(json!(crate::PUBLIC_ENV_PREFIXES)),
        "binaryExtensions" => Ok(json!(crate::BINARY_EXTENSIONS)),
        "mapFileFor" => {
            let (Value::String(path), Value::String(code)) = (arg(0), arg(1)) else {
                return Err(type_error("path and code must be strings".into()));
            };
            Ok(json!(crate::map_file_for(&path, &code)))
        }
        other => Err(ApiError {
            type_error: true,
            message: format!("keylint: no function `{other}` (known: {})", API_FUNCTIONS.join(", ")),
        }),
    }
}

enum Failure {
    /// The arguments do not have the documented shape.
    Shape(String),
    /// They do, and what they say cannot be done (a bad baseline, a bad config).
    Run(String),
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct BuildOptions {
    #[serde(default)]
    notes: Vec<NoteInput>,
    #[serde(default)]
    binary: Vec<String>,
    #[serde(default)]
    unread: Vec<String>,
    #[serde(default)]
    baseline: Option<BaselineInput>,
    #[serde(default)]
    files_scanned: Option<usize>,
    #[serde(default)]
    bytes_scanned: Option<u64>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum NoteInput {
    Text(String),
    Note(Note),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineInput {
    text: String,
    path: String,
}

fn options<T: for<'de> Deserialize<'de> + Default>(value: Value) -> Result<T, Failure> {
    match value {
        Value::Null => Ok(T::default()),
        Value::Object(_) => serde_json::from_value(value).map_err(|e| Failure::Shape(format!("options: {e}"))),
        _ => Err(Failure::Shape("options must be an object".into())),
    }
}

fn build_report(outputs: Value, options_value: Value) -> Result<Value, Failure> {
    let outputs: Vec<Output> = serde_json::from_value(outputs)
        .map_err(|e| Failure::Shape(format!("outputs must be an array of scan results: {e}")))?;
    let o: BuildOptions = options(options_value)?;
    let files = o.files_scanned.unwrap_or(outputs.len());
    let bytes = o.bytes_scanned.unwrap_or_else(|| outputs.iter().map(|out| out.summary.bytes_scanned).sum());
    let results = outputs
        .into_iter()
        .map(|out| ScanResult {
            findings: out.findings,
            notes: out.notes.unwrap_or(out.summary.notes),
            bytes_skipped: 0,
        })
        .collect();
    let walk = o
        .notes
        .into_iter()
        .map(|n| match n {
            NoteInput::Text(text) => Note::text(text),
            NoteInput::Note(note) => note,
        })
        .collect();
    let mut report = Report::new(results, RunNotes { walk, binary: o.binary, unread: o.unread }, files, bytes);
    if let Some(b) = o.baseline {
        report.hide_baseline(&Baseline::parse(&b.text, &b.path).map_err(Failure::Run)?, &b.path);
    }
    serde_json::to_value(&report).map_err(|e| Failure::Run(e.to_string()))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RenderInput {
    #[serde(default)]
    color: bool,
    #[serde(default)]
    show_secrets: bool,
    #[serde(default)]
    sources: std::collections::HashMap<String, String>,
    #[serde(default)]
    config: Value,
    #[serde(default)]
    config_origin: Option<String>,
}

fn render(report: Value, format: Value, options_value: Value) -> Result<Value, Failure> {
    let mut report: Report =
        serde_json::from_value(report).map_err(|e| Failure::Shape(format!("report is not a keylint report: {e}")))?;
    let format: Format = match &format {
        Value::String(name) => name.parse().map_err(Failure::Shape)?,
        _ => return Err(Failure::Shape("format must be a string (pretty, json, sarif or github)".into())),
    };
    let o: RenderInput = options(options_value)?;
    let config = match o.config {
        Value::Null => None,
        Value::String(text) => Some(ConfigInput::Text(text)),
        object @ Value::Object(_) => Some(
            ConfigInput::from_json(&object.to_string()).map_err(|e| Failure::Shape(format!("options.config: {e}")))?,
        ),
        _ => return Err(Failure::Shape("options.config must be keylint.toml as an object or as text".into())),
    };
    if let Some(config) = config {
        let config = config_from(config, o.config_origin).map_err(|e| Failure::Run(format!("keylint: {e}")))?;
        report.rules = Some(config.engine.rules.clone());
    }
    report.sources = o.sources.into_iter().map(|(file, text)| (file, Arc::from(text))).collect();
    report.locate_in_sources();
    let options = RenderOptions { color: o.color, show_secrets: o.show_secrets };
    Ok(Value::String(render_to_string(&report, format, options)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{scan, Options};

    const STRIPE: &str = "const stripeKey = \"sk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk4xYzAbCdEfGh\";\n";

    fn output(name: &str, code: &str) -> Value {
        serde_json::to_value(scan(code, Options { filename: Some(name.into()), ..Options::default() }).unwrap())
            .unwrap()
    }

    #[test]
    fn a_report_built_and_rendered_from_json_matches_the_native_one() {
        let outputs = json!([output("a.js", STRIPE), output("b.js", STRIPE)]);
        let built = call("buildReport", &[outputs, json!({ "binary": ["x.png"] })]).unwrap();
        let native = Report::new(
            ["a.js", "b.js"].iter().map(|f| keylint::scan(STRIPE, f, &keylint::Config::default())).collect(),
            RunNotes { binary: vec!["x.png".into()], ..RunNotes::default() },
            2,
            2 * STRIPE.len() as u64,
        );
        assert_eq!(built, serde_json::to_value(&native).unwrap());
        assert_eq!(built["summary"]["notes"], json!(["x.png: binary, skipped"]));
        assert_eq!(built["summary"]["reused"][0]["places"], json!(["a.js:1:20", "b.js:1:20"]));

        let mut with_sources = native.clone();
        with_sources.sources = [("a.js", STRIPE), ("b.js", STRIPE)].map(|(f, s)| (f.into(), Arc::from(s))).into();
        for format in ["pretty", "json", "sarif", "github"] {
            let options = json!({ "sources": { "a.js": STRIPE, "b.js": STRIPE } });
            let rendered = call("render", &[built.clone(), json!(format), options]).unwrap();
            let expected = render_to_string(&with_sources, format.parse().unwrap(), RenderOptions::default());
            assert_eq!(rendered, Value::String(expected), "{format}");
        }
        let pretty = call("render", &[built, json!("pretty"), json!({ "sources": { "a.js": STRIPE } })]).unwrap();
        assert!(pretty.as_str().unwrap().contains("1 | const stripeKey = \"sk_live_5"), "{pretty}");
    }

    #[test]
    fn baselines_hide_and_errors_are_the_natives() {
        let outputs = json!([output("a.js", STRIPE)]);
        let findings = outputs[0]["findings"].clone();
        let written = call("writeBaseline", &[findings]).unwrap();
        assert_eq!(written["count"], 1);
        let text = written["text"].as_str().unwrap();
        let baseline = json!({ "text": text, "path": "b.json" });
        let built = call("buildReport", &[outputs.clone(), json!({ "baseline": baseline })]).unwrap();
        assert_eq!(built["findings"], json!([]));
        assert_eq!(built["summary"]["notes"], json!(["1 finding(s) hidden by the baseline b.json"]));
        let old = json!({ "text": "{\"version\":2,\"findings\":{}}", "path": "old.json" });
        let e = call("buildReport", &[outputs, json!({ "baseline": old })]).unwrap_err();
        assert_eq!(e, ApiError { type_error: false, message: "old.json: baseline version 2 is not supported".into() });
        assert_eq!(call("readBaseline", &[json!(text), json!("b.json")]).unwrap().as_array().unwrap().len(), 1);
    }

    #[test]
    fn wrong_shapes_are_type_errors_that_name_the_function() {
        let e = call("render", &[json!({}), json!("pretty")]).unwrap_err();
        assert!(e.type_error && e.message.starts_with("keylint.render: report is not a keylint report"), "{e:?}");
        let report = call("buildReport", &[json!([])]).unwrap();
        assert_eq!(report["summary"]["files_scanned"], 0);
        let e = call("render", &[report.clone(), json!("xml")]).unwrap_err();
        assert_eq!(e.message, "keylint.render: unknown format `xml` (pretty, json, sarif or github)");
        let e = call("render", &[report, json!("json"), json!({ "colour": true })]).unwrap_err();
        assert!(e.message.starts_with("keylint.render: options: unknown field `colour`"), "{e:?}");
        assert!(call("nope", &[]).unwrap_err().type_error);
        assert_eq!(call("publicEnvPrefixes", &[]).unwrap().as_array().unwrap().len(), 8);
        assert!(call("binaryExtensions", &[]).unwrap().as_array().unwrap().contains(&json!("woff2")));
        assert_eq!(call("mapFileFor", &[json!("dist/a.js"), json!("k();")]).unwrap(), json!("dist/a.js.map"));
        assert!(call("mapFileFor", &[json!("dist/a.js")]).unwrap_err().message.starts_with("keylint.mapFileFor: "));
    }
}
