//! `--format pretty`: a code frame per finding, with the secret redacted in the frame too.

use super::Report;
use anstyle::{AnsiColor, Style};
use keylint::{Finding, LineIndex, Severity};
use std::io::{self, Write};

/// Characters of context shown around a finding: minified lines run to megabytes.
const BEFORE: usize = 48;
const AFTER: usize = 32;

pub fn write(report: &Report, out: &mut dyn Write, color: bool, show_secrets: bool) -> io::Result<()> {
    let paint = |style: Style, text: &str| if color { format!("{style}{text}{style:#}") } else { text.to_string() };
    let bold = Style::new().bold();
    let dim = Style::new().fg_color(Some(AnsiColor::Blue.into())).bold();
    let mut indexes: std::collections::HashMap<&str, LineIndex> = Default::default();
    for f in &report.findings {
        let (label, style) = severity_style(f.severity);
        writeln!(out, "{}: {}", paint(style, &format!("{label}[{}]", f.rule_id)), paint(bold, &f.message))?;
        let gutter = " ".repeat(f.line.to_string().len());
        writeln!(out, "{gutter}{} {}:{}:{}", paint(dim, "-->"), f.file, f.line, f.column)?;
        if let Some(source) = report.sources.get(&f.file) {
            let index = indexes.entry(&f.file).or_insert_with(|| LineIndex::new(source));
            let (excerpt, caret_at, caret_len) = frame(source, index, f, show_secrets);
            writeln!(out, "{gutter} {}", paint(dim, "|"))?;
            writeln!(out, "{} {} {excerpt}", paint(dim, &f.line.to_string()), paint(dim, "|"))?;
            let carets = format!("{}{}", " ".repeat(caret_at), "^".repeat(caret_len.max(1)));
            writeln!(out, "{gutter} {} {}", paint(dim, "|"), paint(style, &carets))?;
        }
        let mut facts = vec![format!("form: {}", f.form.as_str()), format!("class: {}", f.class.as_str())];
        if let Some(c) = &f.context {
            facts.push(format!("context: {c}"));
        }
        facts.push(format!("fingerprint: {}", f.fingerprint));
        writeln!(out, "{gutter} {} {}", paint(dim, "="), facts.join(" · "))?;
        if show_secrets {
            if let Some(secret) = &f.secret {
                writeln!(out, "{gutter} {} secret: {secret}", paint(dim, "="))?;
            }
        }
        writeln!(out, "{gutter} {} {} {}", paint(dim, "="), paint(bold, "fix:"), f.remediation)?;
        writeln!(out, "{gutter} {} {} {}", paint(dim, "="), paint(bold, "docs:"), f.docs_url)?;
        writeln!(out)?;
    }
    for note in &report.summary.notes {
        writeln!(out, "{}: {note}", paint(Style::new().bold(), "note"))?;
    }
    let s = &report.summary;
    let line = format!(
        "{} error(s), {} warning(s), {} info(s) in {} file(s) ({})",
        s.errors,
        s.warnings,
        s.infos,
        s.files_scanned,
        human_bytes(s.bytes_scanned)
    );
    let style = if s.errors > 0 { severity_style(Severity::Error).1 } else { bold };
    writeln!(out, "{}", paint(style, &line))
}

fn severity_style(s: Severity) -> (&'static str, Style) {
    let color = match s {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::Cyan,
    };
    (s.as_str(), Style::new().fg_color(Some(color.into())).bold())
}

/// The finding's line cut to a window around it, with the secret replaced by its redaction.
/// Returns the excerpt and where (in chars) and how wide the caret goes.
fn frame(source: &str, index: &LineIndex, f: &Finding, show_secrets: bool) -> (String, usize, usize) {
    let line_start = index.line_start(f.line);
    let line = index.line_text(f.line);
    let line_end = line_start + line.len();
    let start = f.byte_range.start.clamp(line_start, line_end);
    let end = f.byte_range.end.clamp(start, line_end);
    let before = &source[line_start..floor(source, start)];
    let marked = &source[floor(source, start)..floor(source, end)];
    let after = &source[floor(source, end)..line_end];

    let before_chars: Vec<char> = before.chars().collect();
    let cut_before = before_chars.len() > BEFORE;
    let before: String = before_chars[before_chars.len().saturating_sub(BEFORE)..].iter().collect();
    let after_chars: Vec<char> = after.chars().collect();
    let cut_after = after_chars.len() > AFTER;
    let after: String = after_chars[..after_chars.len().min(AFTER)].iter().collect();
    // The marked bytes are the secret or the expression that builds it: either way they are
    // replaced by the redaction unless the user asked to see secrets.
    let shown = if show_secrets { marked.to_string() } else { f.secret_redacted.clone() };
    let prefix = if cut_before { "…" } else { "" };
    let excerpt =
        format!("{prefix}{}{}{}{}", clean(&before), clean(&shown), clean(&after), if cut_after { "…" } else { "" });
    let caret_at = prefix.chars().count() + before.chars().count();
    (excerpt, caret_at, shown.chars().count())
}

fn floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn clean(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

fn human_bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 20 => format!("{:.1} MB", n as f64 / (1 << 20) as f64),
        n if n >= 1 << 10 => format!("{:.1} KB", n as f64 / 1024.0),
        n => format!("{n} B"),
    }
}
