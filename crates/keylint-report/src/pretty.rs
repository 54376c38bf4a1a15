//! `--format pretty`: a code frame per finding, with the secret redacted in the frame too.

use crate::Report;
use anstyle::{AnsiColor, Style};
use keylint::{Finding, LineIndex, Severity};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

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
            let in_file: Vec<&Finding> = report.findings.iter().filter(|g| g.file == f.file).collect();
            let (excerpt, caret_at, caret_len) = frame(source, index, f, &in_file, show_secrets);
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
    for r in &report.summary.reused {
        writeln!(
            out,
            "{}: {} ({}) appears in {} places: {}",
            paint(Style::new().bold(), "reused"),
            r.secret_redacted,
            r.rule_id,
            r.places.len(),
            r.places.join(", ")
        )?;
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

/// The finding's line cut to a window around it. Every finding in the window — this one and
/// its neighbours on a minified line — is replaced by its redaction unless secrets are shown.
/// Returns the excerpt and where (in chars) and how wide the caret goes.
fn frame(
    source: &str,
    index: &LineIndex,
    f: &Finding,
    in_file: &[&Finding],
    show_secrets: bool,
) -> (String, usize, usize) {
    let line_start = index.line_start(f.line);
    let line_end = line_start + index.line_text(f.line).len();
    let start = floor(source, f.byte_range.start.clamp(line_start, line_end));
    let end = floor(source, f.byte_range.end.clamp(start, line_end));
    let win_start =
        source[line_start..start].char_indices().rev().nth(BEFORE - 1).map_or(line_start, |(i, _)| line_start + i);
    let win_end = source[end..line_end].char_indices().nth(AFTER).map_or(line_end, |(i, _)| end + i);

    let mut marks: Vec<(usize, usize, String)> = in_file
        .iter()
        .filter(|g| g.byte_range.start < win_end && g.byte_range.end > win_start)
        // A neighbour that overlaps this finding (a whole-file finding around a key in it)
        // would hide the very thing this frame points at.
        .filter(|g| {
            std::ptr::eq(**g, f) || g.byte_range.end <= f.byte_range.start || g.byte_range.start >= f.byte_range.end
        })
        .map(|g| {
            let (s, e) = if std::ptr::eq(*g, f) { (start, end) } else { (g.byte_range.start, g.byte_range.end) };
            let shown = if show_secrets {
                source[floor(source, s)..floor(source, e)].to_string()
            } else {
                g.secret_redacted.clone()
            };
            (s.max(win_start), e.min(win_end), shown)
        })
        .collect();
    if !show_secrets {
        // A key that is not reported (hidden by a baseline, allowed by the config or an inline
        // comment) may sit next to one that is, on a minified line: nothing that looks like a
        // key is shown whole.
        for (s, e) in key_like_runs(source, win_start, win_end) {
            if marks.iter().all(|m| e <= m.0 || s >= m.1) {
                marks.push((s, e, keylint::finding::redact(&source[s..e])));
            }
        }
    }
    marks.sort_by_key(|m| m.0);

    let mut excerpt = String::from(if win_start > line_start { "…" } else { "" });
    let (mut caret_at, mut caret_len) = (0, 1);
    let mut pos = win_start;
    for (s, e, shown) in marks {
        if s < pos {
            continue;
        }
        excerpt.push_str(&clean(&source[pos..floor(source, s)]));
        if s == start.max(win_start) && e == end.min(win_end) {
            // In terminal columns: a CJK character or an emoji takes two.
            caret_at = excerpt.width();
            caret_len = shown.width().max(1);
        }
        excerpt.push_str(&clean(&shown));
        pos = floor(source, e).max(pos);
    }
    excerpt.push_str(&clean(&source[pos..win_end]));
    if win_end < line_end && !excerpt.ends_with('…') {
        excerpt.push('…');
    }
    (excerpt, caret_at, caret_len)
}

/// Runs of at least 20 key characters (`A-Z a-z 0-9 _ - + / =`) holding a letter and a digit.
fn key_like_runs(source: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    const SHORTEST: usize = 20;
    let is_key = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+' | b'/' | b'=');
    let bytes = &source.as_bytes()[from..to];
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !is_key(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_key(bytes[i]) {
            i += 1;
        }
        let run = &bytes[start..i];
        if run.len() >= SHORTEST && run.iter().any(u8::is_ascii_digit) && run.iter().any(u8::is_ascii_alphabetic) {
            runs.push((from + start, from + i));
        }
    }
    runs
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RunNotes;

    const KEY: &str = "sk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk4xYzAbCdEfGh";

    fn report(code: &str) -> Report {
        let result = keylint::scan(code, "a.js", &keylint::Config::default());
        let mut report = Report::new(vec![result], RunNotes::default(), 1, code.len() as u64);
        report.sources.insert("a.js".into(), std::sync::Arc::from(code));
        report
    }

    fn pretty(report: &Report, color: bool, show_secrets: bool) -> String {
        let mut out = Vec::new();
        write(report, &mut out, color, show_secrets).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn sizes_are_in_1024_based_units() {
        assert_eq!(human_bytes(1023), "1023 B");
        assert_eq!(human_bytes(1024), "1.0 KB");
        assert_eq!(human_bytes(17_203), "16.8 KB");
        assert_eq!(human_bytes(3 << 20), "3.0 MB");
    }

    #[test]
    fn the_frame_redacts_the_key_unless_secrets_are_shown() {
        let code = format!("const stripeKey = \"{KEY}\";\n");
        let r = report(&code);
        let text = pretty(&r, false, false);
        assert!(!text.contains(KEY), "{text}");
        assert!(text.contains(&format!("1 | const stripeKey = \"{}\";", r.findings[0].secret_redacted)), "{text}");
        assert!(text.contains("--> a.js:1:20"), "{text}");
        assert!(!text.contains('\u{1b}'), "no colour unless asked");
        // With --show-secrets the engine keeps each finding's secret, and the frame shows the source.
        let mut with_secret = r.clone();
        with_secret.findings[0].secret = Some(KEY.into());
        let shown = pretty(&with_secret, false, true);
        assert!(shown.contains(&format!("secret: {KEY}")), "{shown}");
        assert!(shown.contains(&format!("1 | const stripeKey = \"{KEY}\";")), "{shown}");
        assert!(pretty(&r, true, false).contains("\u{1b}["), "colour when asked");
    }

    #[test]
    fn the_caret_counts_terminal_columns_and_long_lines_are_cut() {
        let code = format!("const 名前 = 1; const stripeKey = \"{KEY}\";{}\n", "x".repeat(200));
        let text = pretty(&report(&code), false, false);
        let frame: Vec<&str> = text.lines().filter(|l| l.trim_start().starts_with(['1', '|'])).collect();
        let (line, carets) = (frame[1], frame[2]);
        let at = carets.find('^').unwrap();
        // `名前` is two wide characters: the caret sits under the redaction's first column.
        let before: String = line.chars().take_while(|c| *c != '"').collect();
        assert_eq!(at, unicode_width::UnicodeWidthStr::width(before.as_str()) + 1, "{line}\n{carets}");
        assert!(line.ends_with('…'), "{line}");
    }
}
