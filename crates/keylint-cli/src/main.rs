//! `keylint`: a thin shell over the `keylint` engine. It finds files, reads them, runs the
//! engine in parallel and hands the findings to one reporter.

mod catalogue;
mod output_roots;
#[cfg(test)]
mod schema;
mod serve;
mod settings;
mod walk;

use clap::{Parser, Subcommand, ValueEnum};
use keylint::Severity;
use keylint_report::{render, Baseline, RenderOptions, Report};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "keylint", version, about = "Find hardcoded API keys and secrets that would ship to browsers")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan files and folders (default ".") for secrets.
    Scan(ScanArgs),
    /// List the rule catalogue.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// What a rule finds, why it matters, how to fix and rotate.
    Explain { rule_id: String },
    /// Write a commented keylint.toml in the current folder.
    Init,
    /// Run the language server on stdio (diagnostics for JS/TS/HTML while you type).
    Lsp {
        /// Accepted for editors' clients that pass it (VS Code's does): stdio is the only transport.
        #[arg(long, hide = true)]
        stdio: bool,
    },
    /// Scan what the `keylint` npm package's bundler plugins send: JSON lines on stdio, answers
    /// in parallel. The plugins start it themselves.
    Serve {
        /// Worker threads (default: one per core).
        #[arg(long, value_name = "N")]
        threads: Option<usize>,
    },
}

#[derive(clap::Args)]
struct ScanArgs {
    /// Files and folders to scan, recursively.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Pretty)]
    format: Format,
    /// Write the report to FILE instead of stdout.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Exit 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Include full secrets in the report (redacted by default).
    #[arg(long)]
    show_secrets: bool,
    /// Honour .gitignore files (built output is usually ignored, so this is off by default).
    #[arg(long)]
    respect_gitignore: bool,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Read settings from FILE instead of the keylint.toml found in this folder or its parents.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Hide findings whose fingerprint is in FILE (written by --write-baseline).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Write the current findings' fingerprints to FILE and exit 0.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Report values of server-only variables (no public prefix) in FILE found in the output.
    #[arg(long, value_name = "FILE")]
    env_file: Vec<PathBuf>,
    /// Treat every scanned path as build output (what the site serves), whatever its name: a
    /// `.env` or key store in it is shipped. Folders named dist/, build/, out/, .next/, public/…
    /// and folders with an index.html beside hashed assets are output without it.
    #[arg(long)]
    built: bool,
    /// Ignore keylint-allow / gitleaks:allow comments (for audits).
    #[arg(long)]
    no_inline_ignores: bool,
    /// Parse every block of every script, even those the prefilter proves cannot hold a
    /// finding (same findings, slower; for comparison).
    #[arg(long)]
    no_prefilter: bool,
    /// Print files, bytes, bytes parsed, time and throughput to stderr when done.
    #[arg(long)]
    stats: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// A code frame per finding (colour on a TTY).
    Pretty,
    /// One JSON document, as SPEC.md describes.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

impl From<Format> for keylint_report::Format {
    fn from(format: Format) -> Self {
        match format {
            Format::Pretty => keylint_report::Format::Pretty,
            Format::Json => keylint_report::Format::Json,
            Format::Sarif => keylint_report::Format::Sarif,
            Format::Github => keylint_report::Format::Github,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// `mi_option_purge_delay` in mimalloc v2's `mi_option_e` (mimalloc.h), which the sys crate
/// does not name.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // Each file's buffers are freed and the next file's allocated: keep freed memory for
    // 100 ms instead of 10 before returning it to the OS, so the next file mostly reuses it
    // rather than faulting in and zeroing fresh pages (a sixth of a scan's time on a folder of
    // bundles). Longer (1 s) was no faster and kept ~30 MB more resident at the peak.
    // SAFETY: sets a plain integer option, before any thread allocates.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 100) };
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan(args) => run_scan(args),
        Command::Rules { format } => catalogue::list(matches!(format, ListFormat::Json)).map(|()| ExitCode::SUCCESS),
        Command::Explain { rule_id } => catalogue::explain(&rule_id).map(|()| ExitCode::SUCCESS),
        Command::Init => settings::init().map(|()| ExitCode::SUCCESS),
        Command::Lsp { stdio: _ } => keylint_lsp::run_stdio().map(|()| ExitCode::SUCCESS),
        Command::Serve { threads } => serve::run(threads).map(|()| ExitCode::SUCCESS),
    };
    result.unwrap_or_else(|message| {
        eprintln!("keylint: {message}");
        ExitCode::from(2)
    })
}

/// `--stats`: one line per figure, on stderr so that reports on stdout stay machine-readable.
fn print_stats(outcome: &walk::Outcome, elapsed: std::time::Duration) {
    let skipped: u64 = outcome.results.iter().map(|(_, r)| r.bytes_skipped as u64).sum();
    let bytes = outcome.bytes_scanned;
    let secs = elapsed.as_secs_f64().max(1e-9);
    let share = if bytes == 0 { 0.0 } else { 100.0 * (bytes - skipped.min(bytes)) as f64 / bytes as f64 };
    eprintln!("files scanned:    {}", outcome.files_scanned);
    eprintln!("bytes scanned:    {bytes}");
    eprintln!("bytes parsed:     {} ({share:.1}%; the prefilter skipped {skipped})", bytes - skipped.min(bytes));
    eprintln!("elapsed:          {:.3} s", secs);
    eprintln!("throughput:       {:.1} MB/s", bytes as f64 / 1e6 / secs);
    if let Some(kb) = peak_memory_kb() {
        eprintln!("peak memory:      {kb} kB");
    }
}

/// This process's peak resident memory (Linux `VmHWM`). A parent's `wait4` would also count
/// memory the process had before `exec` (what it was forked from), so measure from inside.
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    line.split_whitespace().next()?.parse().ok()
}

fn run_scan(args: ScanArgs) -> Result<ExitCode, String> {
    let mut config = settings::load(args.config.as_deref())?;
    config.policy.show_secrets = args.show_secrets;
    config.policy.inline_ignores = !args.no_inline_ignores;
    if args.no_prefilter {
        config.engine.prefilter = None;
    }
    let started = std::time::Instant::now();
    for path in &args.env_file {
        config.engine.server_values.extend(settings::read_env_file(path)?);
    }
    config.engine.output_dirs = output_roots::output_roots(&args.paths, args.built, walk::display);
    config.engine.scan_roots = args.paths.iter().filter(|p| p.is_dir()).map(|p| walk::display(p)).collect();
    let options = walk::Options { respect_gitignore: args.respect_gitignore, threads: args.threads };
    let outcome = walk::scan_paths(&args.paths, &config, &options)?;
    for error in &outcome.errors {
        eprintln!("keylint: {error}");
    }
    if args.stats {
        print_stats(&outcome, started.elapsed());
    }
    let results = outcome.results.into_iter().map(|(_, r)| r).collect();
    let mut run_notes = outcome.run_notes;
    // An uploaded report must say what it does not cover, not only stderr.
    run_notes.unread = outcome.errors.clone();
    let mut report = Report::new(results, run_notes, outcome.files_scanned, outcome.bytes_scanned);
    report.sources = outcome.sources;
    report.rules = Some(config.engine.rules.clone());
    if let Some(path) = &args.write_baseline {
        let (text, written) = keylint_report::write_baseline(&report.findings);
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!("keylint: wrote {written} fingerprint(s) to {}", path.display());
        // A file that could not be read is missing from the baseline: the run did not succeed.
        return Ok(if outcome.errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(2) });
    }
    if let Some(path) = &args.baseline {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| format!("{shown}: {e}"))?;
        report.hide_baseline(&Baseline::parse(&text, &shown)?, &shown);
    }
    let format = args.format.into();
    match &args.output {
        Some(path) => {
            let mut file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let options = RenderOptions { color: false, show_secrets: args.show_secrets };
            render(&report, format, options, &mut file)
                .and_then(|()| file.flush())
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
        None => {
            let mut out = anstream::stdout().lock();
            let color = anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never;
            match render(&report, format, RenderOptions { color, show_secrets: args.show_secrets }, &mut out) {
                Ok(()) => {}
                // A closed pipe (`keylint scan | head`) is the reader's choice, not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                Err(e) => return Err(format!("stdout: {e}")),
            }
        }
    }
    if !outcome.errors.is_empty() {
        return Ok(ExitCode::from(2));
    }
    Ok(if report.fails(args.fail_on.threshold()) { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
