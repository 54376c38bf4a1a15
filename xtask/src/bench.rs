//! `cargo xtask bench`: throughput, memory and false positives of
//! `keylint scan` on the pinned npm corpus.

use crate::corpus::{self, Corpus, CorpusFile};
use crate::measure::{self, Measurement};
use crate::report::{self, FileRow, WholeRun};
use crate::Result;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs per file in a full bench; the best time filters out scheduler noise.
const FULL_RUNS: usize = 3;
/// Files benchmarked by `--quick`.
const QUICK_FILES: usize = 3;
/// Threads for the whole-corpus run: the reference machine has 2 cores.
const WHOLE_RUN_THREADS: u32 = 2;

pub struct Options {
    quick: bool,
    bin: Option<PathBuf>,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Options> {
        let mut opts = Options { quick: false, bin: None };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--quick" => opts.quick = true,
                "--bin" => {
                    let path = args.next().ok_or("`--bin` needs a path")?;
                    opts.bin = Some(PathBuf::from(path));
                }
                other => return Err(format!("bench: unknown option `{other}`")),
            }
        }
        Ok(opts)
    }
}

pub fn run(opts: &Options) -> Result<()> {
    let corpus = corpus::ensure(&crate::target_dir().join("bench-corpus"))?;
    eprintln!("corpus: {} files, {:.1} MB", corpus.files.len(), report::mb(corpus.total_bytes()));
    let bin = match &opts.bin {
        Some(path) => existing_binary(path)?,
        None => build_release()?,
    };
    let out_dir = corpus.root.join("last-run");
    std::fs::create_dir_all(&out_dir).map_err(|e| format!("creating {}: {e}", out_dir.display()))?;

    let (files, runs) = if opts.quick {
        (&corpus.files[..QUICK_FILES.min(corpus.files.len())], 1)
    } else {
        (&corpus.files[..], FULL_RUNS)
    };
    let rows = files.iter().map(|file| bench_file(&bin, file, runs, &out_dir)).collect::<Result<Vec<_>>>()?;
    let whole = bench_whole(&bin, &corpus, files, opts.quick, &out_dir)?;
    print!("{}", report::render(&rows, &whole, runs));
    Ok(())
}

fn existing_binary(path: &Path) -> Result<PathBuf> {
    if path.is_file() {
        path.canonicalize().map_err(|e| format!("resolving --bin {}: {e}", path.display()))
    } else {
        Err(format!("--bin {}: no such file", path.display()))
    }
}

/// Builds the CLI the way users get it (release profile) and returns its path.
fn build_release() -> Result<PathBuf> {
    eprintln!("bench: cargo build --release --bin keylint");
    // CARGO is set by `cargo run`, so the same toolchain builds the CLI.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "--bin", "keylint"])
        .current_dir(crate::workspace_root())
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!("cargo build --release --bin keylint failed ({status})"));
    }
    Ok(crate::target_dir().join("release").join("keylint"))
}

/// `keylint scan <paths> --format json --fail-on never`, run from the
/// workspace root so reported file paths are short.
fn scan_command(bin: &Path, paths: &[&Path], extra: &[String]) -> Command {
    let root = crate::workspace_root();
    let mut cmd = Command::new(bin);
    cmd.arg("scan")
        .args(paths.iter().map(|p| p.strip_prefix(&root).unwrap_or(p)))
        .args(["--format", "json", "--fail-on", "never"])
        .args(extra)
        .current_dir(root);
    cmd
}

/// Scans one file `runs` times: best wall time, worst RSS. Findings come from
/// the fastest run (they are the same in every run).
fn bench_file(bin: &Path, file: &CorpusFile, runs: usize, out_dir: &Path) -> Result<FileRow> {
    eprintln!("bench: {}", file.name);
    let mut best: Option<Measurement> = None;
    let mut peak_rss = 0;
    for _ in 0..runs {
        let m = measure::run(scan_command(bin, &[&file.path], &[]), &file.name, out_dir)?;
        peak_rss = peak_rss.max(m.peak_rss);
        if best.as_ref().is_none_or(|b| m.wall < b.wall) {
            best = Some(m);
        }
    }
    let mut best = best.ok_or("bench needs at least one run")?;
    best.peak_rss = peak_rss;
    Ok(FileRow { name: file.name.clone(), size: file.size, measurement: best })
}

/// One multi-threaded scan over everything at once: the realistic
/// "scan my dist/ folder" case, including directory walking. A full bench
/// scans the corpus folder itself; `--quick` names its few files instead.
fn bench_whole(bin: &Path, corpus: &Corpus, files: &[CorpusFile], quick: bool, out_dir: &Path) -> Result<WholeRun> {
    let paths: Vec<&Path> =
        if quick { files.iter().map(|f| f.path.as_path()).collect() } else { vec![corpus.files_dir.as_path()] };
    let threads = vec!["--threads".to_string(), WHOLE_RUN_THREADS.to_string()];
    eprintln!("bench: whole corpus, --threads {WHOLE_RUN_THREADS}");
    let label = format!("the whole corpus ({})", corpus.files_dir.display());
    let measurement = measure::run(scan_command(bin, &paths, &threads), &label, out_dir)?;
    Ok(WholeRun {
        files: files.len(),
        bytes: files.iter().map(|f| f.size).sum(),
        threads: WHOLE_RUN_THREADS,
        measurement,
    })
}
