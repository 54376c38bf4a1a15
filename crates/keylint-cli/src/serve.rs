//! `keylint serve`: the engine of the `keylint` npm package's bundler plugins, natively.
//!
//! The package's wasm engine adds a quarter to a medium Vite build on a two-core machine (a
//! worker thread, the wasm compile, the rule tables, code running in V8's baseline tier); this
//! process adds about half that (README's "Cost"), as esbuild's binary serves esbuild's JS API.
//! It runs the very code the wasm engine runs (`keylint_report::scan`), so the findings are the same.
//!
//! The protocol is JSON lines on stdio. Once the rules are built, one line says which engine
//! this is (the package uses it only when the versions match):
//!     {"ready":{"version":"0.1.0","protocol":1}}
//! Then each request, a line `{"id":1,"code":"…","options":{…}}` (the id first) with the options
//! of the JS `scan(code, options)`, gets one answer line, in the order they finish. The package
//! sends the code raw instead: `{"id":1,"codeBytes":N,"options":{…}}`, a line feed, then N bytes
//! of UTF-8 (no JSON string of a whole bundle to build on its side or unescape on this one):
//!     {"id":1,"result":{"findings":[…],"summary":{…}}}
//!     {"id":1,"error":{"name":"TypeError","message":"keylint.scan: options: …"}}
//! A request may also call one of the report functions the wasm engine exports, with the same
//! arguments (`keylint_report::api`): `{"id":2,"call":"render","args":[report,"sarif",{…}]}`
//! answers `{"id":2,"result":"…"}`, so the plugins' reports are the same bytes with either engine.
//! `findConfig` takes `[startDir]` only: this process reads the files itself.
//! Requests run in parallel. At the end of stdin the process exits once every answer is written.

use serde::{Deserialize, Serialize};
use std::io::{BufRead, Read, Write};

/// Raised when a request or an answer changes shape.
pub const PROTOCOL: u32 = 3;

/// One answer line, with the result's fields in the order the wasm engine gives them.
#[derive(Serialize)]
#[serde(untagged)]
enum Answer {
    Result { id: u64, result: keylint_report::Output },
    Called { id: u64, result: serde_json::Value },
    Error { id: serde_json::Value, error: Failure },
}

#[derive(Serialize)]
struct Failure {
    name: &'static str,
    message: String,
}

#[derive(Deserialize)]
struct Request {
    id: u64,
    /// Absent when JS's `code` was `undefined` (JSON has no such value).
    #[serde(default)]
    code: Option<serde_json::Value>,
    #[serde(default)]
    options: serde_json::Value,
    /// A report function to call instead of a scan, with its arguments.
    #[serde(default)]
    call: Option<String>,
    #[serde(default)]
    args: Vec<serde_json::Value>,
}

/// What the reading thread needs of a request line: how many bytes of raw code follow it.
#[derive(Deserialize)]
struct Framing {
    #[serde(rename = "codeBytes")]
    code_bytes: Option<usize>,
}

pub fn run(threads: Option<usize>) -> Result<(), String> {
    no_huge_pages();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .stack_size(crate::walk::WORKER_STACK)
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    // The rule tables, built before the first request needs them (the plugins start this
    // process when the build starts, so this overlaps the bundler's own work).
    keylint::rules::RuleSet::builtin();
    let ready = serde_json::json!({ "ready": { "version": env!("CARGO_PKG_VERSION"), "protocol": PROTOCOL } });
    if write_line(&ready).is_err() {
        return Ok(()); // nobody is listening
    }
    let mut stdin = std::io::stdin().lock();
    // The reading stays on this thread; the scope ends when every answer is written.
    pool.in_place_scope(|scope| loop {
        let mut line = Vec::new();
        // The end of stdin, or stdin unreadable: finish what is in flight.
        if !matches!(stdin.read_until(b'\n', &mut line), Ok(n) if n > 0) {
            break;
        }
        if line.trim_ascii().is_empty() {
            continue;
        }
        let announced = serde_json::from_slice::<Framing>(&line).ok().and_then(|f| f.code_bytes);
        let raw = match announced {
            Some(n) => {
                // Grown as the bytes come, not sized up front from a number in the header.
                let mut code = Vec::new();
                if !matches!((&mut stdin).take(n as u64).read_to_end(&mut code), Ok(got) if got == n) {
                    break; // cut short: no request can follow
                }
                Some(code)
            }
            None => None,
        };
        scope.spawn(move |_| {
            let answer = match String::from_utf8(line) {
                Ok(line) => answer(&line, raw),
                Err(e) => {
                    let id = leading_id(&String::from_utf8_lossy(e.as_bytes()));
                    error(id, "Error", "keylint serve: bad request: not UTF-8".into())
                }
            };
            // A closed stdout means the package went away: nothing left to tell.
            let _ = write_line(&answer);
        });
    });
    Ok(())
}

/// The answer to one request (its line, and the raw code it announced); never a panic (a bug
/// answers as an internal error).
fn answer(line: &str, raw: Option<Vec<u8>>) -> Answer {
    let request = match serde_json::from_str::<Request>(line) {
        Ok(request) => request,
        Err(e) => return error(leading_id(line), "Error", format!("keylint serve: bad request: {e}")),
    };
    let id = request.id;
    if let Some(name) = &request.call {
        if name == "findConfig" {
            return find_config(id, request.args.first());
        }
        return match std::panic::catch_unwind(|| keylint_report::api::call(name, &request.args)) {
            Ok(Ok(result)) => Answer::Called { id, result },
            Ok(Err(e)) => error(id.into(), if e.type_error { "TypeError" } else { "Error" }, e.message),
            Err(panic) => internal(id, panic),
        };
    }
    let code = match raw {
        Some(bytes) => match String::from_utf8(bytes) {
            Ok(code) => Some(serde_json::Value::String(code)),
            Err(_) => return error(id.into(), "Error", "keylint serve: bad request: the code is not UTF-8".into()),
        },
        None => request.code,
    };
    let Some(serde_json::Value::String(code)) = code else {
        let got = match &code {
            None => "undefined",
            Some(serde_json::Value::Null) => "null",
            Some(serde_json::Value::Array(_)) => "an array",
            Some(serde_json::Value::Object(_)) => "object",
            Some(serde_json::Value::Bool(_)) => "boolean",
            Some(_) => "number",
        };
        return error(id.into(), "TypeError", format!("keylint.scan: code must be a string, got {got}"));
    };
    let options = match keylint_report::Options::from_json(request.options) {
        Ok(options) => options,
        Err(message) => return error(id.into(), "TypeError", format!("keylint.scan: {message}")),
    };
    let scanned = std::panic::catch_unwind(|| keylint_report::scan(&code, options));
    match scanned {
        Ok(Ok(output)) => Answer::Result { id, result: output },
        Ok(Err(e)) => error(id.into(), "Error", format!("keylint: {e}")),
        Err(panic) => internal(id, panic),
    }
}

/// `findConfig(startDir)`: the wasm engine's `findConfig(startDir, readFile)` with the disk as
/// the reader, so the plugins need not load the wasm only to find `keylint.toml`.
fn find_config(id: u64, start: Option<&serde_json::Value>) -> Answer {
    let Some(serde_json::Value::String(start)) = start else {
        return error(id.into(), "TypeError", "keylint.findConfig: startDir must be a string".into());
    };
    match keylint_report::find_config(start, crate::settings::read_if_file) {
        Ok(found) => Answer::Called {
            id,
            result: found.map_or(serde_json::Value::Null, |f| serde_json::json!({ "path": f.path, "text": f.text })),
        },
        Err(message) => error(id.into(), "Error", message),
    }
}

/// A bug's panic, answered as an internal error.
fn internal(id: u64, panic: Box<dyn std::any::Any + Send>) -> Answer {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown error");
    error(id.into(), "Error", format!("keylint: internal error: {message}"))
}

/// The id of a request that does not parse, so that its sender hears about it: the package
/// writes each request as `{"id":N,…`; anything else has no id (`null`).
fn leading_id(line: &str) -> serde_json::Value {
    let digits = line.strip_prefix("{\"id\":").map(|rest| rest.bytes().take_while(u8::is_ascii_digit).count());
    match digits {
        Some(n) if n > 0 => line[6..6 + n].parse::<u64>().map_or(serde_json::Value::Null, serde_json::Value::from),
        _ => serde_json::Value::Null,
    }
}

fn error(id: serde_json::Value, name: &'static str, message: String) -> Answer {
    Answer::Error { id, error: Failure { name, message } }
}

/// One whole line at a time: answers from parallel requests never interleave.
fn write_line(value: &impl Serialize) -> std::io::Result<()> {
    let mut line = serde_json::to_vec(value).map_err(std::io::Error::other)?;
    line.push(b'\n');
    let mut out = std::io::stdout().lock();
    out.write_all(&line)?;
    out.flush()
}

/// This process scans one build's few files while the bundler's own threads use the machine: a
/// first touch of fresh memory must cost a 4 KiB page, not a 2 MiB one. mimalloc asks Linux for
/// transparent huge pages, and where Linux grants them on request (`madvise`, the common
/// setting) a fault may also compact memory first. With them the scan of a 750 kB chunk in a
/// Vite build took 46 ms (median of 30 builds) instead of 20.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: sets one flag of this process; no pointer is passed.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
