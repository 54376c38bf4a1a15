//! `cargo xtask bench`: throughput, memory and false positives of
//! `keylint scan` on the pinned npm corpus, with and without the prefilter (the two must
//! find exactly the same), next to a plain regex pass and the wasm engine.

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
/// Threads for the whole-corpus runs: the reference machine has 2 cores.
const WHOLE_RUN_THREADS: u32 = 2;

/// The reference: one regex pass of the kind grep-like scanners make (provider prefixes, and
/// secret-like names assigned a quoted value), over the same bytes in the same run.
const REFERENCE_PATTERN: &str = r#"(?:api_?[kK]ey|API_KEY|secret|SECRET|token|TOKEN|password|PASSWORD)["']?\s*[:=]\s*["'`][^"'`\n]{8,200}["'`]|(?:sk_live_|rk_live_|ghp_|gho_|github_pat_|AKIA|AIza|xox[abprs]-|sk-proj-|sk-ant-)[A-Za-z0-9_\-]{10,}"#;

pub struct Options {
    quick: bool,
    bin: Option<PathBuf>,
    /// Only the clean corpus of source trees (`--source-only`), not the bundle corpus.
    source_only: bool,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Options> {
        let mut opts = Options { quick: false, bin: None, source_only: false };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--quick" => opts.quick = true,
                "--source-only" => opts.source_only = true,
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
    if opts.source_only {
        let bin = match &opts.bin {
            Some(path) => existing_binary(path)?,
            None => build_release()?,
        };
        return crate::source_corpus::run(&bin);
    }
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
    let reference = regex::bytes::Regex::new(REFERENCE_PATTERN).map_err(|e| format!("reference regex: {e}"))?;
    let wasm = wasm_seconds(files)?;
    let mut rows = Vec::new();
    for file in files {
        let mut row = bench_file(&bin, file, runs, &out_dir)?;
        row.regex_secs = regex_seconds(&reference, file, runs)?;
        row.wasm_secs = wasm.as_ref().and_then(|w| w.get(&file.name).copied());
        rows.push(row);
    }
    let whole = [
        bench_whole(&bin, &corpus, files, opts.quick, 1, true, &out_dir)?,
        bench_whole(&bin, &corpus, files, opts.quick, WHOLE_RUN_THREADS, true, &out_dir)?,
        bench_whole(&bin, &corpus, files, opts.quick, WHOLE_RUN_THREADS, false, &out_dir)?,
    ];
    print!("{}", report::render(&rows, &whole, runs, wasm.is_some()));
    // The prefilter's contract: the same findings as parsing everything.
    let differing: Vec<&str> = rows
        .iter()
        .filter(|r| r.measurement.scan.findings != r.before.scan.findings)
        .map(|r| r.name.as_str())
        .collect();
    if !differing.is_empty() || whole[1].measurement.scan.findings != whole[2].measurement.scan.findings {
        return Err(format!("findings differ with and without the prefilter: {differing:?} (or the whole-corpus run)"));
    }
    // The second clean corpus: source trees, judged as source.
    crate::source_corpus::run(&bin)
}

/// Best time of a plain regex pass over the file, counting matches so it cannot be skipped.
fn regex_seconds(re: &regex::bytes::Regex, file: &CorpusFile, runs: usize) -> Result<f64> {
    let bytes = std::fs::read(&file.path).map_err(|e| format!("reading {}: {e}", file.path.display()))?;
    // A first pass builds the regex's lazy DFA; the timed ones measure the pass itself.
    std::hint::black_box(re.find_iter(&bytes).count());
    let mut best = f64::MAX;
    for _ in 0..runs.max(1) {
        let start = std::time::Instant::now();
        std::hint::black_box(re.find_iter(&bytes).count());
        best = best.min(start.elapsed().as_secs_f64());
    }
    Ok(best)
}

/// Seconds per file for the wasm engine in Node (`npm/keylint/scripts/bench.mjs --json`),
/// or `None` with a note when the package has not been built (`cargo xtask wasm`).
fn wasm_seconds(files: &[CorpusFile]) -> Result<Option<std::collections::HashMap<String, f64>>> {
    let pkg = crate::workspace_root().join("npm/keylint");
    if !pkg.join("dist/keylint_wasm_bg.wasm").is_file() {
        eprintln!("bench: npm/keylint is not built (cargo xtask wasm): no wasm column");
        return Ok(None);
    }
    eprintln!("bench: wasm engine in Node, {} files", files.len());
    let output = Command::new("node")
        .arg("scripts/bench.mjs")
        .arg("--json")
        .args(files.iter().map(|f| &f.path))
        .current_dir(&pkg)
        .output()
        .map_err(|e| format!("cannot run node: {e}"))?;
    if !output.status.success() {
        return Err(format!("node scripts/bench.mjs failed:\n{}", String::from_utf8_lossy(&output.stderr)));
    }
    let json: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("scripts/bench.mjs printed bad JSON: {e}"))?;
    let mut out = std::collections::HashMap::new();
    for (file, row) in files.iter().zip(json.as_array().ok_or("scripts/bench.mjs: expected an array")?) {
        out.insert(file.name.clone(), row["wasm_seconds"].as_f64().ok_or("scripts/bench.mjs: no wasm_seconds")?);
    }
    Ok(Some(out))
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

/// The fastest of `runs` runs (at least one), with the largest peak memory seen in any.
fn best_of(runs: usize, mut run: impl FnMut() -> Result<Measurement>) -> Result<Measurement> {
    let mut best = run()?;
    let mut peak_rss = best.peak_rss;
    for _ in 1..runs {
        let m = run()?;
        peak_rss = peak_rss.max(m.peak_rss);
        if m.wall < best.wall {
            best = m;
        }
    }
    best.peak_rss = peak_rss;
    Ok(best)
}

/// Scans one file `runs` times on one thread, with the prefilter and without: best wall
/// time, worst RSS. Findings come from the fastest run (they are the same in every run).
fn bench_file(bin: &Path, file: &CorpusFile, runs: usize, out_dir: &Path) -> Result<FileRow> {
    eprintln!("bench: {}", file.name);
    let best = |extra: &[&str]| -> Result<Measurement> {
        let extra: Vec<String> = ["--threads", "1", "--stats"].iter().chain(extra).map(|s| s.to_string()).collect();
        best_of(runs, || measure::run(scan_command(bin, &[&file.path], &extra), &file.name, out_dir))
    };
    Ok(FileRow {
        name: file.name.clone(),
        size: file.size,
        measurement: best(&[])?,
        before: best(&["--no-prefilter"])?,
        regex_secs: 0.0,
        wasm_secs: None,
    })
}

/// One scan over everything at once: the realistic "scan my dist/ folder" case, including
/// directory walking; best time of `runs`, worst peak memory. A full bench scans the corpus
/// folder itself; `--quick` names its few files instead.
fn bench_whole(
    bin: &Path,
    corpus: &Corpus,
    files: &[CorpusFile],
    quick: bool,
    threads: u32,
    prefilter: bool,
    out_dir: &Path,
) -> Result<WholeRun> {
    let runs = if quick { 1 } else { FULL_RUNS };
    let paths: Vec<&Path> =
        if quick { files.iter().map(|f| f.path.as_path()).collect() } else { vec![corpus.files_dir.as_path()] };
    let mut extra = vec!["--threads".to_string(), threads.to_string(), "--stats".to_string()];
    if !prefilter {
        extra.push("--no-prefilter".to_string());
    }
    eprintln!("bench: whole corpus, {}", extra.join(" "));
    let label = format!("the whole corpus ({})", corpus.files_dir.display());
    let measurement = best_of(runs, || measure::run(scan_command(bin, &paths, &extra), &label, out_dir))?;
    Ok(WholeRun { files: files.len(), bytes: files.iter().map(|f| f.size).sum(), threads, prefilter, measurement })
}
