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
    /// One thread, prefilter on (what users get).
    pub measurement: Measurement,
    /// One thread, `--no-prefilter`: every block parsed.
    pub before: Measurement,
    /// Best time of the reference regex pass over the same bytes.
    pub regex_secs: f64,
    /// Best time of the wasm engine in Node, when the package is built.
    pub wasm_secs: Option<f64>,
}

pub struct WholeRun {
    pub files: usize,
    pub bytes: u64,
    pub threads: u32,
    pub prefilter: bool,
    pub measurement: Measurement,
}

pub fn render(rows: &[FileRow], whole: &[WholeRun], runs: usize, wasm: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n## keylint bench ({} files, best of {runs} run(s) each, one thread per file, MB = 10^6 bytes)\n",
        rows.len()
    );
    out.push_str(&table(rows, wasm));
    out.push('\n');
    for w in whole {
        out.push_str(&whole_line(w));
    }
    out.push_str(&summary_lines(rows, whole));
    out.push_str(&consistency_notes(rows, &whole[1]));
    out.push_str(&error_list(rows));
    out
}

const HEADER: [&str; 12] = [
    "file",
    "size MB",
    "MB/s before",
    "MB/s",
    "regex MB/s",
    "keylint/regex",
    "parsed %",
    "wasm MB/s",
    "peak RSS MB",
    "errors",
    "warnings",
    "infos",
];

fn table(rows: &[FileRow], wasm: bool) -> String {
    let mut lines: Vec<Vec<String>> = rows.iter().map(row_cells).collect();
    lines.push(total_cells(rows));
    let keep: Vec<usize> = (0..HEADER.len()).filter(|&i| wasm || HEADER[i] != "wasm MB/s").collect();
    let pick = |cells: &[String]| keep.iter().map(|&i| cells[i].clone()).collect::<Vec<_>>();
    let header = pick(&HEADER.map(String::from));
    let lines: Vec<Vec<String>> = lines.iter().map(|l| pick(l)).collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| lines.iter().map(|l| l[i].len()).chain([header[i].len()]).max().unwrap_or(0))
        .collect();

    let mut out = String::new();
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

fn rate(bytes: u64, secs: f64) -> String {
    format!("{:.1}", mb(bytes) / secs.max(f64::EPSILON))
}

fn parsed_share(bytes: u64, m: &Measurement) -> String {
    m.bytes_parsed.map_or("?".into(), |p| format!("{:.0}", 100.0 * p as f64 / bytes.max(1) as f64))
}

fn row_cells(row: &FileRow) -> Vec<String> {
    let m = &row.measurement;
    let secs = m.wall.as_secs_f64();
    vec![
        row.name.clone(),
        format!("{:.2}", mb(row.size)),
        rate(row.size, row.before.wall.as_secs_f64()),
        rate(row.size, secs),
        rate(row.size, row.regex_secs),
        format!("{:.2}", row.regex_secs / secs.max(f64::EPSILON)),
        parsed_share(row.size, m),
        row.wasm_secs.map_or("-".into(), |w| rate(row.size, w)),
        format!("{:.1}", mb(m.peak_rss)),
        m.scan.errors.to_string(),
        m.scan.warnings.to_string(),
        m.scan.infos.to_string(),
    ]
}

/// Throughput over the sum of best times (single-file, so single-threaded per file); RSS
/// is the largest seen.
fn total_cells(rows: &[FileRow]) -> Vec<String> {
    let size: u64 = rows.iter().map(|r| r.size).sum();
    let secs = |f: fn(&FileRow) -> f64| rows.iter().map(f).sum::<f64>();
    let keylint = secs(|r| r.measurement.wall.as_secs_f64());
    let regex = secs(|r| r.regex_secs);
    let parsed: u64 = rows.iter().filter_map(|r| r.measurement.bytes_parsed).sum();
    let wasm: Option<f64> = rows.iter().map(|r| r.wasm_secs).sum();
    let rss = rows.iter().map(|r| r.measurement.peak_rss).max().unwrap_or(0);
    let sum = |f: fn(&FileRow) -> u64| rows.iter().map(f).sum::<u64>().to_string();
    vec![
        "**TOTAL**".to_string(),
        format!("{:.2}", mb(size)),
        rate(size, secs(|r| r.before.wall.as_secs_f64())),
        rate(size, keylint),
        rate(size, regex),
        format!("{:.2}", regex / keylint.max(f64::EPSILON)),
        format!("{:.0}", 100.0 * parsed as f64 / size.max(1) as f64),
        wasm.map_or("-".into(), |w| rate(size, w)),
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
        "Whole corpus in one run (--threads {}{}, best time, worst memory): {} files, {:.2} MB in {:.2} s = **{:.1} MB/s**, \
         parsed {}%, peak RSS {:.1} MB, {} errors / {} warnings / {} infos\n\n",
        whole.threads,
        if whole.prefilter { "" } else { ", --no-prefilter" },
        whole.files,
        mb(whole.bytes),
        secs,
        mb(whole.bytes) / secs.max(f64::EPSILON),
        parsed_share(whole.bytes, m),
        mb(m.peak_rss),
        m.scan.errors,
        m.scan.warnings,
        m.scan.infos,
    )
}

/// The figures the performance contract names: identity, the wasm ratio, memory per input.
fn summary_lines(rows: &[FileRow], whole: &[WholeRun]) -> String {
    let mut out = String::new();
    let same = rows.iter().all(|r| r.measurement.scan.findings == r.before.scan.findings)
        && whole[1].measurement.scan.findings == whole[2].measurement.scan.findings;
    let _ = writeln!(
        out,
        "Findings with and without the prefilter: **{}** ({} files one by one, and the whole corpus)\n",
        if same { "identical" } else { "DIFFERENT" },
        rows.len()
    );
    // Native: the one-thread run over the whole corpus (one process, so start-up counts once);
    // wasm: the sum of its scan() calls in one Node process.
    let native = whole[0].measurement.wall.as_secs_f64();
    if let Some(wasm) = rows.iter().map(|r| r.wasm_secs).sum::<Option<f64>>() {
        let bytes = mb(whole[0].bytes);
        let _ = writeln!(
            out,
            "wasm in Node: {:.1} MB/s; native, one thread: {:.1} MB/s; wasm / native: **{:.2}x**\n",
            bytes / wasm.max(f64::EPSILON),
            bytes / native.max(f64::EPSILON),
            native / wasm.max(f64::EPSILON)
        );
    }
    if let Some(largest) = rows.iter().max_by_key(|r| r.size) {
        let worst = rows
            .iter()
            .map(|r| (r.measurement.peak_rss as f64 / r.size.max(1) as f64, &r.name))
            .fold((0.0, &largest.name), |a, b| if b.0 > a.0 { b } else { a });
        let _ = writeln!(
            out,
            "Peak RSS of the whole 2-thread run: {:.1}x the largest file ({:.1} MB); worst single file: {:.1}x its size ({})\n",
            whole[1].measurement.peak_rss as f64 / largest.size.max(1) as f64,
            mb(largest.size),
            worst.0,
            worst.1,
        );
    }
    out
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
