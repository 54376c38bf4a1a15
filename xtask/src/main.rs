//! Project automation, run as `cargo xtask <task>` (alias in .cargo/config.toml).
//!
//! Tasks live here rather than in shell scripts so they run the same on every
//! machine with nothing but cargo (and, for `bench`, npm and tar) installed.

mod bench;
mod corpus;
mod hostile;
mod measure;
mod native;
mod report;
mod schema;
mod source_corpus;
mod test;
mod wasm;

use std::path::PathBuf;
use std::process::ExitCode;

/// Errors are plain messages: every failure here is reported to a person, who
/// needs to know which file or command broke, not a type to match on.
pub type Result<T> = std::result::Result<T, String>;

const HELP: &str = "\
Usage: cargo xtask <task> [options]

Tasks:
  bench [--quick] [--bin PATH] [--source-only]
        Benchmark `keylint scan` on a pinned corpus of built npm bundles
        (fetched with npm into target/bench-corpus/, reused when present).
        Prints a markdown table of throughput, peak RSS and findings. Then
        scans the clean corpus of source trees (pinned npm packages that ship
        their source, into target/source-corpus/): error/warning/info counts
        per tree and every warning; any error fails the bench.
          --quick        only the first 3 corpus files, 1 run each
          --bin PATH     benchmark this binary instead of building
                         target/release/keylint
          --source-only  only the source-tree corpus
  hostile
        Scan each adversarial input (100 000-deep nesting, a 100 MB line, a
        50 MB literal, invalid UTF-8, a FIFO, a symlink loop...) written to
        target/hostile/, and print case → exit, time, peak RSS, note.
  native-package
        Build the release binary and lay out this platform's optional npm
        package (@keylint/cli-<platform>-<arch>, its bin/keylint the engine
        the npm plugins run) in target/npm/, ready for `npm publish`.
  schema
        Regenerate docs/schema/*.schema.json (the JSON Schemas of the report
        and of the npm package's scan() result) from the Rust types; a test
        fails when the checked-in files differ from them.
  test  Run every check CI runs: formatting, clippy, all tests.
  wasm  Build the npm package's engine: crates/keylint-wasm for wasm32, its JS
        glue (Node and web) and wasm-opt, into npm/keylint/dist/.
  help  Show this message.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((task, rest)) = args.split_first() else {
        eprint!("{HELP}");
        return ExitCode::from(2);
    };
    match task.as_str() {
        "help" | "--help" | "-h" => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        "bench" => match bench::Options::parse(rest) {
            Ok(opts) => report_result(bench::run(&opts)),
            Err(msg) => usage_error(&msg),
        },
        "test" if rest.is_empty() => report_result(test::run()),
        "wasm" if rest.is_empty() => report_result(wasm::run()),
        "hostile" if rest.is_empty() => report_result(hostile::run()),
        "schema" if rest.is_empty() => report_result(schema::run()),
        "native-package" if rest.is_empty() => report_result(native::run()),
        other => usage_error(&format!("unknown task `{other}`")),
    }
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("xtask: {msg}\n\n{HELP}");
    ExitCode::from(2)
}

fn report_result(result: Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("xtask: error: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: xtask always lives one level below it.
pub fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().expect("xtask has a parent directory").to_path_buf()
}

/// Cargo's target dir, honouring CARGO_TARGET_DIR like cargo itself does.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => workspace_root().join(dir),
        None => workspace_root().join("target"),
    }
}
