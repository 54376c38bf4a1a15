//! One report, four renderings. Renderers only format what the engine found; none of them
//! scans anything again, and each writes to any `Write`.

use crate::{github, json, pretty, sarif, Report};
use std::io::{self, Write};

/// How a report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A code frame per finding (colour on a TTY).
    Pretty,
    /// One JSON document: the report model, serialized.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(name: &str) -> Result<Format, String> {
        match name {
            "pretty" => Ok(Format::Pretty),
            "json" => Ok(Format::Json),
            "sarif" => Ok(Format::Sarif),
            "github" => Ok(Format::Github),
            other => Err(format!("unknown format `{other}` (pretty, json, sarif or github)")),
        }
    }
}

/// What a rendering may show.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// ANSI colours (pretty only).
    pub color: bool,
    /// Full secrets in code frames and SARIF's `properties.secret` (never in GitHub commands).
    pub show_secrets: bool,
}

/// Writes `report` in `format`.
pub fn render(report: &Report, format: Format, options: RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Pretty => pretty::write(report, out, options.color, options.show_secrets),
        Format::Json => json::write(report, out),
        Format::Sarif => sarif::write(report, out, options.show_secrets),
        Format::Github => github::write(report, out),
    }
}

/// [`render`] into a string (what the wasm engine and `keylint serve` hand to JavaScript).
pub fn render_to_string(report: &Report, format: Format, options: RenderOptions) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail, and every renderer writes UTF-8.
    let _ = render(report, format, options, &mut out);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
