//! Markdown report of a bench run, ready to paste into an issue or PR.

use crate::measure::Measurement;
use std::fmt::Write;

/// Sizes, throughput and RSS are reported in MB = 10^6 bytes, so MB/s
/// compares directly with other tools' numbers.
pub fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

pub struct FileRow {
    pub name: String,
    pub size: u64,
    pub measurement: Measurement,
}

pub struct WholeRun {
    pub files: usize,
    pub bytes: u64,
    pub threads: u32,
    pub measurement: Measurement,
}

pub fn render(rows: &[FileRow], whole: &WholeRun, runs: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "\n## keylint bench ({} files, best of {runs} run(s) each, MB = 10^6 bytes)\n", rows.len());
    out.push_str(&table(rows));
    out.push('\n');
    out.push_str(&whole_line(whole));
    out.push_str(&consistency_notes(rows, whole));
    out.push_str(&error_list(rows));
    out
}

fn table(rows: &[FileRow]) -> String {
    let header = ["file", "size MB", "MB/s", "peak RSS MB", "errors", "warnings", "infos"];
    let mut lines: Vec<[String; 7]> = rows.iter().map(row_cells).collect();
    lines.push(total_cells(rows));
    let widths: Vec<usize> = (0..header.len())
        .map(|i| lines.iter().map(|l| l[i].len()).chain([header[i].len()]).max().unwrap_or(0))
        .collect();

    let mut out = String::new();
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    push_row(&mut out, &header, &widths);
    let rule: Vec<String> = widths
        .iter()
        .enumerate()
        // Left-align the file column, right-align the numbers.
        .map(|(i, w)| match i {
            0 => "-".repeat(*w),
            _ => format!("{}:", "-".repeat(w - 1)),
        })
        .collect();
    push_row(&mut out, &rule, &widths);
    for line in &lines {
        push_row(&mut out, line, &widths);
    }
    out
}

fn push_row(out: &mut String, cells: &[String], widths: &[usize]) {
    out.push('|');
    for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
        if i == 0 {
            let _ = write!(out, " {cell:<width$} |");
        } else {
            let _ = write!(out, " {cell:>width$} |");
        }
    }
    out.push('\n');
}

fn row_cells(row: &FileRow) -> [String; 7] {
    let m = &row.measurement;
    [
        row.name.clone(),
        format!("{:.2}", mb(row.size)),
        format!("{:.1}", mb(row.size) / m.wall.as_secs_f64()),
        format!("{:.1}", mb(m.peak_rss)),
        m.scan.errors.to_string(),
        m.scan.warnings.to_string(),
        m.scan.infos.to_string(),
    ]
}

/// Throughput over the sum of best times (single-file, so single-threaded
/// per file); RSS is the largest seen.
fn total_cells(rows: &[FileRow]) -> [String; 7] {
    let size: u64 = rows.iter().map(|r| r.size).sum();
    let secs: f64 = rows.iter().map(|r| r.measurement.wall.as_secs_f64()).sum();
    let rss = rows.iter().map(|r| r.measurement.peak_rss).max().unwrap_or(0);
    let sum = |f: fn(&FileRow) -> u64| rows.iter().map(f).sum::<u64>().to_string();
    [
        "**TOTAL**".to_string(),
        format!("{:.2}", mb(size)),
        format!("{:.1}", mb(size) / secs.max(f64::EPSILON)),
        format!("{:.1}", mb(rss)),
        sum(|r| r.measurement.scan.errors),
        sum(|r| r.measurement.scan.warnings),
        sum(|r| r.measurement.scan.infos),
    ]
}

fn whole_line(whole: &WholeRun) -> String {
    let m = &whole.measurement;
    let secs = m.wall.as_secs_f64();
    format!(
        "Whole corpus in one run (--threads {}): {} files, {:.2} MB in {:.2} s = **{:.1} MB/s**, \
         peak RSS {:.1} MB, {} errors / {} warnings / {} infos\n",
        whole.threads,
        whole.files,
        mb(whole.bytes),
        secs,
        mb(whole.bytes) / secs.max(f64::EPSILON),
        mb(m.peak_rss),
        m.scan.errors,
        m.scan.warnings,
        m.scan.infos,
    )
}

/// Flags disagreements between the per-file runs and the whole-corpus run:
/// either means files were skipped or results depend on scan order.
fn consistency_notes(rows: &[FileRow], whole: &WholeRun) -> String {
    let mut out = String::new();
    let scan = &whole.measurement.scan;
    if let Some(n) = scan.files_scanned.filter(|&n| n != whole.files as u64) {
        let _ = writeln!(out, "\n> note: whole-corpus run reports files_scanned = {n}, expected {}", whole.files);
    }
    if let Some(n) = scan.bytes_scanned.filter(|&n| n != whole.bytes) {
        let _ = writeln!(out, "\n> note: whole-corpus run reports bytes_scanned = {n}, expected {}", whole.bytes);
    }
    let per_file = |f: fn(&Measurement) -> u64| rows.iter().map(|r| f(&r.measurement)).sum();
    let totals: [u64; 3] = [per_file(|m| m.scan.errors), per_file(|m| m.scan.warnings), per_file(|m| m.scan.infos)];
    if totals != [scan.errors, scan.warnings, scan.infos] {
        let _ = writeln!(
            out,
            "\n> note: per-file runs found {totals:?} errors/warnings/infos, \
             the whole-corpus run {:?}",
            [scan.errors, scan.warnings, scan.infos]
        );
    }
    out
}

/// Every error-level finding: on this clean corpus each one is a false
/// positive to fix.
fn error_list(rows: &[FileRow]) -> String {
    let findings: Vec<_> = rows.iter().flat_map(|r| &r.measurement.scan.error_findings).collect();
    let mut out = format!("\n### Error-level findings: {}\n", findings.len());
    if findings.is_empty() {
        return out;
    }
    out.push('\n');
    for f in findings {
        let _ = writeln!(out, "- `{}` {}:{}:{} `{}`", f.rule_id, f.file, f.line, f.column, f.secret_redacted);
    }
    out
}
