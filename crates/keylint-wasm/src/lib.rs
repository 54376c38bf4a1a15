//! keylint's engine for JavaScript: the wasm behind the `keylint` npm package.
//!
//! A thin binding: it reads the JS arguments into [`keylint_report::Options`], runs
//! [`keylint_report::scan`] (the same code `keylint serve` runs natively) and hands back the findings
//! the native CLI prints with `--format json` (docs/output.md's field names), plus the CLI's `summary`
//! for the one file. Every decision about secrets stays in the core. `cargo xtask wasm` builds
//! it and writes the JS glue into `npm/keylint`.
//!
//! The JS-facing functions are [`scan_js`] (exported as `scan`) and the report functions
//! JavaScript needs to render what it scanned, each a call of `keylint_report::api` on the JSON
//! the JS values stand for (the same code `keylint serve` answers `call` requests with):
//! `buildReport`, `render`, `readBaseline`, `writeBaseline`, `publicEnvPrefixes`,
//! `binaryExtensions`; and `findConfig(startDir, readFile)`, whose file reading is JavaScript's.
//!
//! Deep nesting: swc and the extractor recurse once per level, on the wasm shadow stack (2 MiB,
//! `-zstack-size` in `.cargo/config.toml`) and on the JS engine's own native stack (about 1 MB
//! in V8, which a library cannot raise). Measured in Node 20, bracket nesting crashes at about
//! 600–800 levels, so the core's wasm32 limit (`keylint::parse::DEFAULT_MAX_DEPTH`, 300) keeps
//! a 2× margin; deeper files are scanned as text with a note. npm/keylint/test/depth.test.mjs
//! checks this, and `node npm/keylint/scripts/depth-probe.mjs` measures it again.

use keylint::original::MapReference;
use keylint_report::{scan, ConfigInput, JsOptions, Options};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// `options.config` kept as the JS value it is, to be read as the JSON it stands for.
#[derive(Default)]
struct JsConfig(JsValue);

impl<'de> Deserialize<'de> for JsConfig {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde_wasm_bindgen::preserve::deserialize(d).map(JsConfig)
    }
}

/// serde-wasm-bindgen reads a struct by asking for its known fields only; reading the object
/// as a map first makes `deny_unknown_fields` see every key (a misspelt `showSecret` is an
/// error, not silently ignored).
struct Strict<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Strict<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visitor<T> {
            type Value = T;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(Visitor(std::marker::PhantomData)).map(Strict)
    }
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = stringify, catch)]
    fn json_stringify(value: &JsValue) -> Result<JsValue, JsValue>;
    /// The global `TypeError`, so that wrong argument types throw what JS APIs throw.
    #[wasm_bindgen(js_name = TypeError)]
    type JsTypeError;
    #[wasm_bindgen(constructor, js_class = "TypeError")]
    fn new(message: &str) -> JsTypeError;
    #[wasm_bindgen(js_name = Error)]
    type JsPlainError;
    #[wasm_bindgen(constructor, js_class = "Error")]
    fn new(message: &str) -> JsPlainError;
}

/// `scan(code, { filename, config, showSecrets })` → `{ findings, summary }`. Types are in the
/// npm package's hand-written `index.d.ts`.
#[wasm_bindgen(js_name = scan, skip_typescript)]
pub fn scan_js(code: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let code = code.as_string().ok_or_else(|| type_error(format!("code must be a string, got {}", js_type(&code))))?;
    let options = if options.is_undefined() || options.is_null() {
        Options::default()
    } else if !options.is_object() || is_array(&options) {
        return Err(type_error(format!("options must be an object, got {}", js_type(&options))));
    } else {
        let Strict(mut o) = serde_wasm_bindgen::from_value::<Strict<JsOptions<JsConfig>>>(options)
            .map_err(|e| type_error(format!("options: {}", e.to_string().trim_start_matches("Error: "))))?;
        let config = config_input(std::mem::take(&mut o.config).0)?;
        o.with_config(config)
    };
    let output = scan(&code, options).map_err(|e| JsValue::from(JsPlainError::new(&format!("keylint: {e}"))))?;
    output
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsPlainError::new(&format!("keylint: cannot return findings: {e}")).into())
}

/// `config`: TOML text, or an object read as the JSON it stands for (so that every field is
/// checked as strictly as in `keylint.toml`).
fn config_input(config: JsValue) -> Result<Option<ConfigInput>, JsValue> {
    if config.is_undefined() || config.is_null() {
        return Ok(None);
    }
    if let Some(text) = config.as_string() {
        return Ok(Some(ConfigInput::Text(text)));
    }
    if !config.is_object() || is_array(&config) {
        return Err(type_error(format!(
            "options.config must be keylint.toml as an object or as text, got {}",
            js_type(&config)
        )));
    }
    let json = json_stringify(&config)
        .ok()
        .and_then(|j| j.as_string())
        .ok_or_else(|| type_error("options.config cannot be read as JSON".into()))?;
    ConfigInput::from_json(&json).map(Some).map_err(|e| type_error(format!("options.config: {e}")))
}

/// Runs a report function on the JSON its JS arguments stand for, and gives its result back as
/// a JS value; errors throw `TypeError` or `Error` as the function says.
fn api(name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let mut json = Vec::with_capacity(args.len());
    for (i, arg) in args.iter().enumerate() {
        let value = if arg.is_undefined() {
            serde_json::Value::Null
        } else {
            serde_wasm_bindgen::from_value(arg.clone()).map_err(|e| {
                JsValue::from(JsTypeError::new(&format!("keylint.{name}: argument {} is not JSON data: {e}", i + 1)))
            })?
        };
        json.push(json_value(value));
    }
    match keylint_report::api::call(name, &json) {
        Ok(value) => value
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|e| JsPlainError::new(&format!("keylint: cannot return the result: {e}")).into()),
        Err(e) if e.type_error => Err(JsTypeError::new(&e.message).into()),
        Err(e) => Err(JsPlainError::new(&e.message).into()),
    }
}

/// serde-wasm-bindgen reads JS numbers as floats: whole ones are integers again, as in JSON.
fn json_value(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    /// 2^53: past it, a JS number may not be the integer it looks like.
    const SAFE: f64 = 9_007_199_254_740_992.0;
    match value {
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && (0.0..SAFE).contains(&f) => Value::from(f as u64),
            Some(f) if f.fract() == 0.0 && (-SAFE..0.0).contains(&f) => Value::from(f as i64),
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(json_value).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, json_value(v))).collect()),
        other => other,
    }
}

/// `buildReport(outputs, options?)` → the JSON report (see `keylint_report::api`).
#[wasm_bindgen(js_name = buildReport, skip_typescript)]
pub fn build_report_js(outputs: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    api("buildReport", &[outputs, options])
}

/// `render(report, format, options?)` → the text the native CLI writes for `format`.
#[wasm_bindgen(js_name = render, skip_typescript)]
pub fn render_js(report: JsValue, format: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    api("render", &[report, format, options])
}

/// `readBaseline(text, path)` → the fingerprints the baseline accepts.
#[wasm_bindgen(js_name = readBaseline, skip_typescript)]
pub fn read_baseline_js(text: JsValue, path: JsValue) -> Result<JsValue, JsValue> {
    api("readBaseline", &[text, path])
}

/// `writeBaseline(findings)` → `{ text, count }`.
#[wasm_bindgen(js_name = writeBaseline, skip_typescript)]
pub fn write_baseline_js(findings: JsValue) -> Result<JsValue, JsValue> {
    api("writeBaseline", &[findings])
}

/// `publicEnvPrefixes()` → the prefixes bundlers inline into client code on purpose.
#[wasm_bindgen(js_name = publicEnvPrefixes, skip_typescript)]
pub fn public_env_prefixes_js() -> Result<JsValue, JsValue> {
    api("publicEnvPrefixes", &[])
}

/// `binaryExtensions()` → extensions (lowercase, no dot) of files never read as text.
#[wasm_bindgen(js_name = binaryExtensions, skip_typescript)]
pub fn binary_extensions_js() -> Result<JsValue, JsValue> {
    api("binaryExtensions", &[])
}

/// `mapFileFor(path, code)` → the map file to read for the built file `path`, or `null`.
#[wasm_bindgen(js_name = mapFileFor, skip_typescript)]
pub fn map_file_for_js(path: JsValue, code: JsValue) -> Result<JsValue, JsValue> {
    api("mapFileFor", &[path, code])
}

#[wasm_bindgen]
extern "C" {
    /// A JS function, called with one argument.
    type JsFunction;
    #[wasm_bindgen(method, catch, js_name = call)]
    fn call1(this: &JsFunction, context: &JsValue, arg: &JsValue) -> Result<JsValue, JsValue>;
}

/// `findConfig(startDir, readFile)` → `{ path, text }` of the nearest `keylint.toml`, or
/// `null`. `readFile(path)` returns the file's text, or `null`/`undefined` when there is none;
/// what it throws is thrown.
#[wasm_bindgen(js_name = findConfig, skip_typescript)]
pub fn find_config_js(start_dir: JsValue, read_file: JsValue) -> Result<JsValue, JsValue> {
    let start = start_dir.as_string().ok_or_else(|| {
        JsValue::from(JsTypeError::new(&format!(
            "keylint.findConfig: startDir must be a string, got {}",
            js_type(&start_dir)
        )))
    })?;
    if read_file.js_typeof().as_string().as_deref() != Some("function") {
        let got = js_type(&read_file);
        return Err(JsTypeError::new(&format!("keylint.findConfig: readFile must be a function, got {got}")).into());
    }
    let read_file: JsFunction = read_file.unchecked_into();
    let found = keylint_report::find_config(&start, |path| {
        let text = read_file.call1(&JsValue::NULL, &JsValue::from_str(path))?;
        if text.is_undefined() || text.is_null() {
            return Ok(None);
        }
        text.as_string().map(Some).ok_or_else(|| {
            JsValue::from(JsTypeError::new(&format!(
                "keylint.findConfig: readFile({path:?}) must return a string, null or undefined, got {}",
                js_type(&text)
            )))
        })
    })?;
    match found {
        None => Ok(JsValue::NULL),
        Some(found) => serde_json::json!({ "path": found.path, "text": found.text })
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|e| JsPlainError::new(&format!("keylint: cannot return the result: {e}")).into()),
    }
}

/// The URL a built file's last `sourceMappingURL` comment gives (relative to the file), just
/// `"data:"` for an inline map (which `scan` reads itself), or `undefined` for none.
#[wasm_bindgen(js_name = sourceMapUrl, skip_typescript)]
pub fn source_map_url(code: &str) -> Option<String> {
    match keylint::original::map_reference(code)? {
        MapReference::File(url) => Some(url),
        MapReference::Inline(_) => Some("data:".into()),
    }
}

fn type_error(message: String) -> JsValue {
    JsTypeError::new(&format!("keylint.scan: {message}")).into()
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> bool;
}

fn js_type(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if is_array(value) {
        "an array".into()
    } else {
        value.js_typeof().as_string().unwrap_or_else(|| "unknown".into())
    }
}

/// A panic must not leave the caller with a bare `unreachable` trap: report it as a JS `Error`
/// (the npm wrapper resets the instance when it sees this prefix).
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        wasm_bindgen::throw_str(&format!("keylint: internal error: {info}"));
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_js_numbers_read_back_as_json_integers() {
        let read = json_value(serde_json::json!({ "a": [1.0, -2.0, 1.5], "b": 9.1e15 }));
        assert_eq!(read.to_string(), r#"{"a":[1,-2,1.5],"b":9100000000000000.0}"#, "past 2^53: left a float");
        let bytes: u64 = serde_json::from_value(json_value(serde_json::json!(16_820.0))).unwrap();
        assert_eq!(bytes, 16_820);
    }

    #[test]
    fn source_map_urls_name_the_map() {
        let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/demo/assets/index-4f2a9c1e.js");
        let code = std::fs::read_to_string(file).unwrap();
        assert_eq!(source_map_url(&code).as_deref(), Some("index-4f2a9c1e.js.map"));
        assert_eq!(
            source_map_url("x\n//# sourceMappingURL=data:application/json;base64,e30=\n").as_deref(),
            Some("data:")
        );
        assert_eq!(source_map_url("x"), None);
    }
}
