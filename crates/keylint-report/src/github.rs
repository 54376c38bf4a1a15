//! `--format github`: GitHub Actions workflow commands, which the runner turns into annotations
//! on the files and lines of a pull request. One command per finding (`::error`, `::warning`
//! or `::notice` by severity), then one `::notice` per note. The secret is never printed, even
//! with `--show-secrets`: a workflow log is read by everyone with access to the repository.

use crate::Report;
use keylint::Severity;
use std::io::{self, Write};

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for f in &report.findings {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&f.file),
            f.line,
            f.column,
            f.end_line,
            f.end_column,
            property(&f.rule_id),
            data(&format!("{} ({}, fingerprint {})", f.message, f.secret_redacted, f.fingerprint)),
        )?;
    }
    for note in &report.summary.notes {
        writeln!(out, "::notice::{}", data(&note.to_string()))?;
    }
    Ok(())
}

/// A command's message, escaped as the runner unescapes it (`%`, CR, LF).
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A command property's value: as [`data`], and `:` and `,` too, which separate properties.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_expects() {
        assert_eq!(data("100% sure:\r\nyes, no"), "100%25 sure:%0D%0Ayes, no");
        assert_eq!(property("dist/a,b:c%.js\n"), "dist/a%2Cb%3Ac%25.js%0A");
        assert_eq!(data("%0A"), "%250A", "an escape already in the text stays literal");
    }
}
