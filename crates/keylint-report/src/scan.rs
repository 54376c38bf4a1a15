//! keylint's JavaScript API on Rust types: what `scan(code, options)` does for one source, with
//! the options as JS gives them and the CLI's JSON report for that one file as the result.
//!
//! Two hosts run it: the wasm engine of the `keylint` npm package (`crates/keylint-wasm`, which
//! reads JS values into [`Options`]) and `keylint serve`, the native engine the package's bundler
//! plugins use when the platform's binary is installed (which reads them from JSON with
//! [`Options::from_json`]). One implementation keeps both engines' findings identical.

use crate::locate::{locate_originals, locate_with_map, NoFiles};
use crate::model::{RunNotes, Summary};
use keylint::{Config, ConfigError, ConfigFile, Finding, Note};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;

/// What a scan runs with (the JS options, read).
#[derive(Debug)]
pub struct Options {
    /// Names the source in findings and notes and chooses the parser by extension.
    pub filename: Option<String>,
    /// `keylint.toml`, as text or as the object it parses to.
    pub config: Option<ConfigInput>,
    /// Names the config in error messages.
    pub config_origin: Option<String>,
    /// Include the full secret in each finding (`secret`); off by default.
    pub show_secrets: bool,
    /// Honour `keylint-allow` comments (on by default; off for audits).
    pub inline_ignores: bool,
    /// Text of `.env` files whose server-only values must not appear in the code (`--env-file`).
    pub server_env: Option<String>,
    /// The source map of the file (its JSON text), to give findings their `original` location.
    /// Without it, an inline `data:` map in the source is used, as the CLI does.
    pub source_map: Option<String>,
    /// Names the map in notes (default: `<filename>.map`).
    pub source_map_name: Option<String>,
    /// Where the map is, spelt as `filename` is: a map in another folder has its sources
    /// rebased to the file's folder, as the CLI does.
    pub source_map_path: Option<String>,
    /// Also return the notes as data (`notes`: kind, file, message…) beside the summary's text.
    pub structured_notes: bool,
    /// The source is build output (`--built`): a `.env` or key store in it ships, whatever the
    /// folders in `filename` are called. The bundler plugins set it for what they emit.
    pub built: bool,
    /// Nesting deeper than this is read as plain text, with a note; it only lowers the
    /// engine's own limit (`keylint::parse::DEFAULT_MAX_DEPTH`), which the stack must hold.
    /// The npm package's guard scans with 0 (everything as text) a file that crashed the engine.
    pub max_depth: Option<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            filename: None,
            config: None,
            config_origin: None,
            show_secrets: false,
            inline_ignores: true,
            server_env: None,
            source_map: None,
            source_map_name: None,
            source_map_path: None,
            structured_notes: false,
            built: false,
            max_depth: None,
        }
    }
}

/// `keylint.toml` as text, or as the object it parses to.
#[derive(Debug)]
pub enum ConfigInput {
    /// `keylint.toml`'s text.
    Text(String),
    /// The object it parses to.
    Object(ConfigFile),
}

impl ConfigInput {
    /// Reads a config object given as JSON, with the same strictness as `keylint.toml`
    /// (unknown fields anywhere are errors); the message is serde's, without a JSON position.
    pub fn from_json(json: &str) -> Result<ConfigInput, String> {
        serde_json::from_str(json).map(ConfigInput::Object).map_err(|e| without_position(e.to_string()))
    }
}

/// The file name used when the caller gives none: parsed as JavaScript (JSX allowed).
pub const DEFAULT_FILENAME: &str = "input.js";

/// What `scan` returns: the CLI's JSON report for one file, without its `version`.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Output {
    /// The file's findings.
    pub findings: Vec<Finding>,
    /// The CLI's `summary`, for one file.
    pub summary: Summary,
    /// The summary's notes as data, when asked for (`structuredNotes`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Vec<Note>>,
}

thread_local! {
    /// The last config built, by its source: bundler plugins call `scan` per module with the
    /// same config, and building one compiles every rule.
    static CONFIG_CACHE: RefCell<Option<(String, Config)>> = const { RefCell::new(None) };
}

/// Scans one source as the native CLI scans one file.
/// The only error is a config that does not hold (it names its origin and line).
pub fn scan(code: &str, options: Options) -> Result<Output, ConfigError> {
    let filename = options.filename.as_deref().unwrap_or(DEFAULT_FILENAME);
    let mut config = match options.config {
        None => Config::default(),
        Some(input) => config_from(input, options.config_origin)?,
    };
    config.policy.show_secrets = options.show_secrets;
    config.policy.inline_ignores = options.inline_ignores;
    if let Some(limit) = options.max_depth {
        config.engine.max_depth = config.engine.max_depth.min(limit);
    }
    if let Some(env) = &options.server_env {
        config.engine.server_values = keylint::env::parse_env_file(env);
    }
    if options.built {
        config.engine.output_dirs = vec![".".to_string()];
    }
    let mut result = keylint::scan(code, filename, &config);
    // As the CLI does for each file: a map given by the caller (read from disk), else an
    // inline one; a map that cannot be used is a note, never an error.
    match options.source_map {
        Some(text) => {
            let name = options.source_map_name.unwrap_or_else(|| format!("{filename}.map"));
            locate_with_map(&mut result, code, filename, &text, &name, options.source_map_path.as_deref());
        }
        None => locate_originals(&mut result, code, filename, &mut NoFiles),
    }
    let notes = options.structured_notes.then(|| result.notes.clone());
    let report = crate::Report::new(vec![result], RunNotes::default(), 1, code.len() as u64);
    Ok(Output { findings: report.findings, summary: report.summary, notes })
}

pub(crate) fn config_from(input: ConfigInput, origin: Option<String>) -> Result<Config, ConfigError> {
    let (key, origin) = match &input {
        ConfigInput::Text(text) => (format!("t{text}"), origin.unwrap_or_else(|| "keylint.toml".into())),
        // Serializing a value that was just deserialized cannot fail.
        ConfigInput::Object(file) => (
            format!("o{}", serde_json::to_string(file).unwrap_or_default()),
            origin.unwrap_or_else(|| "options.config".into()),
        ),
    };
    let key = format!("{origin}\0{key}");
    if let Some(config) = CONFIG_CACHE.with_borrow(|c| c.as_ref().filter(|(k, _)| *k == key).map(|(_, c)| c.clone())) {
        return Ok(config);
    }
    let config = match input {
        ConfigInput::Text(text) => Config::from_toml(&text, &origin),
        ConfigInput::Object(file) => Config::from_file(file, &origin, None),
    }?;
    CONFIG_CACHE.set(Some((key, config.clone())));
    Ok(config)
}

/// `scan`'s second argument as JS passes it: camelCase, and unknown keys are refused. `C` is
/// how each host holds `config` until it reads it (a JSON value, or the JS value itself).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JsOptions<C> {
    #[serde(default)]
    filename: Option<String>,
    /// `config` as the host holds it until it reads it.
    #[serde(default)]
    pub config: C,
    #[serde(default)]
    config_origin: Option<String>,
    #[serde(default)]
    show_secrets: Option<bool>,
    #[serde(default)]
    inline_ignores: Option<bool>,
    #[serde(default)]
    server_env: Option<String>,
    #[serde(default)]
    source_map: Option<String>,
    #[serde(default)]
    source_map_name: Option<String>,
    #[serde(default)]
    source_map_path: Option<String>,
    #[serde(default)]
    structured_notes: Option<bool>,
    #[serde(default)]
    built: Option<bool>,
    #[serde(default)]
    max_depth: Option<usize>,
}

impl<C> JsOptions<C> {
    /// The options, with the config as the host read it.
    pub fn with_config(self, config: Option<ConfigInput>) -> Options {
        Options {
            filename: self.filename,
            config,
            config_origin: self.config_origin,
            show_secrets: self.show_secrets.unwrap_or(false),
            inline_ignores: self.inline_ignores.unwrap_or(true),
            server_env: self.server_env,
            source_map: self.source_map,
            source_map_name: self.source_map_name,
            source_map_path: self.source_map_path,
            structured_notes: self.structured_notes.unwrap_or(false),
            built: self.built.unwrap_or(false),
            max_depth: self.max_depth,
        }
    }
}

impl Options {
    /// Reads the JS options from their JSON (what `keylint serve` receives); `null` is the
    /// defaults. The error says what is wrong in the words the wasm engine uses.
    pub fn from_json(options: serde_json::Value) -> Result<Options, String> {
        if options.is_null() {
            return Ok(Options::default());
        }
        if !options.is_object() {
            return Err(format!("options must be an object, got {}", json_type(&options)));
        }
        let mut o: JsOptions<serde_json::Value> =
            serde_json::from_value(options).map_err(|e| format!("options: {}", without_position(e.to_string())))?;
        let config = match std::mem::take(&mut o.config) {
            serde_json::Value::Null => None,
            serde_json::Value::String(text) => Some(ConfigInput::Text(text)),
            object @ serde_json::Value::Object(_) => {
                Some(ConfigInput::from_json(&object.to_string()).map_err(|e| format!("options.config: {e}"))?)
            }
            other => {
                return Err(format!(
                    "options.config must be keylint.toml as an object or as text, got {}",
                    json_type(&other)
                ))
            }
        };
        Ok(o.with_config(config))
    }
}

/// A JSON value's type as `typeof` names it (arrays and `null` by name).
fn json_type(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "boolean",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "object",
    }
}

/// serde_json's message without its ` at line L column C`: the JSON is ours, not the user's.
fn without_position(message: String) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keylint::Severity;

    const STRIPE: &str = "const stripeKey = \"sk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk4xYzAbCdEfGh\";\n";

    #[test]
    fn summary_counts_one_file() {
        let out = scan(STRIPE, Options { filename: Some("a.js".into()), ..Options::default() }).unwrap();
        assert_eq!(out.summary.files_scanned, 1);
        assert_eq!(out.summary.bytes_scanned, STRIPE.len() as u64);
        assert_eq!(out.summary.errors, out.findings.iter().filter(|f| f.severity == Severity::Error).count());
        let json = serde_json::to_value(&out).unwrap();
        assert!(json["summary"]["notes"].is_array());
    }

    #[test]
    fn same_findings_as_the_core() {
        let out = scan(STRIPE, Options { filename: Some("a.js".into()), ..Options::default() }).unwrap();
        assert_eq!(out.findings, keylint::scan(STRIPE, "a.js", &Config::default()).findings);
        assert!(out.findings.iter().all(|f| f.secret.is_none()));
    }

    #[test]
    fn show_secrets_and_default_filename() {
        let out = scan(STRIPE, Options { show_secrets: true, ..Options::default() }).unwrap();
        assert!(out.findings.iter().all(|f| f.secret.is_some() && f.file == DEFAULT_FILENAME));
    }

    #[test]
    fn config_as_text_or_object_and_errors_name_the_origin() {
        let text = "disable = [\"no-such-rule\"]\n";
        let e = scan("", Options { config: Some(ConfigInput::Text(text.into())), ..Options::default() }).unwrap_err();
        assert_eq!(e.to_string(), "keylint.toml:1: unknown rule id `no-such-rule` (see `keylint rules`)");
        let file = ConfigFile { disable: vec!["no-such-rule".into()], ..ConfigFile::default() };
        let opts = Options {
            config: Some(ConfigInput::Object(file)),
            config_origin: Some("x.toml".into()),
            ..Default::default()
        };
        let e = scan("", opts).unwrap_err();
        assert!(e.to_string().starts_with("x.toml: unknown rule id"), "{e}");
    }

    #[test]
    fn a_cached_config_is_the_same_config() {
        let all: Vec<String> = keylint::rules::RuleSet::builtin().rules().iter().map(|r| r.id().to_string()).collect();
        let opts = || Options {
            config: Some(ConfigInput::Object(ConfigFile { disable: all.clone(), ..ConfigFile::default() })),
            ..Options::default()
        };
        assert!(scan(STRIPE, opts()).unwrap().findings.is_empty());
        assert!(scan(STRIPE, opts()).unwrap().findings.is_empty());
        assert!(!scan(STRIPE, Options::default()).unwrap().findings.is_empty());
    }

    #[test]
    fn source_maps_give_original_locations_and_bad_ones_a_note() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/demo/assets/");
        let code = std::fs::read_to_string(format!("{dir}index-4f2a9c1e.js")).unwrap();
        let map = std::fs::read_to_string(format!("{dir}index-4f2a9c1e.js.map")).unwrap();
        let opts = |map: &str| Options {
            filename: Some("index.js".into()),
            source_map: Some(map.into()),
            source_map_name: Some("m.map".into()),
            ..Options::default()
        };
        let out = scan(&code, opts(&map)).unwrap();
        assert!(out.findings.iter().any(|f| f.original.is_some()));
        let out = scan(&code, opts("{not json")).unwrap();
        assert!(out.findings.iter().all(|f| f.original.is_none()));
        assert!(out.summary.notes.iter().any(|n| n.to_string().starts_with("m.map: ")), "{:?}", out.summary.notes);
    }

    #[test]
    fn server_env_values_are_found() {
        let code = "fetch(url, { headers: { 'x-key': 'Zr8q2LmVw9TnXc4Hs7Pd' } });\n";
        let opts =
            Options { server_env: Some("INTERNAL_API_TOKEN=Zr8q2LmVw9TnXc4Hs7Pd\n".into()), ..Options::default() };
        let out = scan(code, opts).unwrap();
        assert!(out.findings.iter().any(|f| f.rule_id == "server-env-value"), "{:?}", out.findings);
    }

    #[test]
    fn config_objects_are_as_strict_as_keylint_toml() {
        let e = ConfigInput::from_json(r#"{"colour":1}"#).unwrap_err();
        assert!(e.starts_with("unknown field `colour`") && !e.contains(" at line "), "{e}");
        let e = ConfigInput::from_json(r#"{"allow":{"path":[]}}"#).unwrap_err();
        assert!(e.starts_with("unknown field `path`"), "{e}");
        assert!(
            matches!(ConfigInput::from_json(r#"{"disable":["x"]}"#), Ok(ConfigInput::Object(f)) if f.disable == ["x"])
        );
    }

    #[test]
    fn options_from_json_read_like_the_js_api() {
        let json = serde_json::json!({ "filename": "a.ts", "showSecrets": true, "config": "disable = []\n" });
        let o = Options::from_json(json).unwrap();
        assert_eq!(o.filename.as_deref(), Some("a.ts"));
        assert!(o.show_secrets && o.inline_ignores);
        assert!(matches!(o.config, Some(ConfigInput::Text(_))));
        let o = Options::from_json(serde_json::json!({ "config": { "disable": ["x"] } })).unwrap();
        assert!(matches!(o.config, Some(ConfigInput::Object(f)) if f.disable == ["x"]));
        assert!(Options::from_json(serde_json::Value::Null).unwrap().config.is_none());
        let e = Options::from_json(serde_json::json!({ "showSecret": true })).err().unwrap();
        assert!(e.starts_with("options: unknown field `showSecret`") && !e.contains(" at line "), "{e}");
        let e = Options::from_json(serde_json::json!([1])).err().unwrap();
        assert_eq!(e, "options must be an object, got an array");
        let e = Options::from_json(serde_json::json!({ "config": 3 })).err().unwrap();
        assert_eq!(e, "options.config must be keylint.toml as an object or as text, got number");
        let e = Options::from_json(serde_json::json!({ "config": { "colour": 1 } })).err().unwrap();
        assert!(e.starts_with("options.config: unknown field `colour`"), "{e}");
    }
}
