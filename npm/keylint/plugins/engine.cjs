"use strict";
// The engine for the plugins: the native `keylint serve` process when this platform's binary
// is installed, else the wasm engine in a worker thread.
//
// The wasm engine's first scan builds its rule tables and runs in V8's baseline tier; in a
// worker started when the build starts, that overlaps the bundler's own work, but on a
// two-core machine it still adds about a quarter to a medium Vite build, and the native engine
// about half that (README's "Cost"). The native engine is the same code compiled natively
// (crates/keylint-report), so the findings and the reports are the same.
//
// Which engine: the plugins' `engine` option, else `KEYLINT_ENGINE=native|wasm` (default: native
// when available). The binary: lib/native-binary.cjs finds it (as for `npx keylint`); it is used
// only when the version `keylint serve` announces is this package's. One engine per choice and
// process; it never keeps a build's process alive.

const path = require("node:path");
const { version } = require("../package.json");
const { nativeBinary } = require("../lib/native-binary.cjs");

/** What the `engine` option and `KEYLINT_ENGINE` may say. */
const ENGINES = ["auto", "native", "wasm"];

/** `keylint serve`'s protocol (crates/keylint-cli/src/serve.rs): 2 sends the code raw, 3 also
 * answers calls of the report functions (`{"call": name, "args": […]}`). */
const PROTOCOL = 3;

/** The engines started in this process, by choice (`auto`, `native`, `wasm`). */
const shared = new Map();

/** The wasm engine in a worker thread. */
class WorkerEngine {
  constructor() {
    this.name = "wasm";
    this.pending = new Map();
    this.next = 0;
    const { Worker } = require("node:worker_threads");
    this.worker = new Worker(path.join(__dirname, "engine-worker.cjs"));
    this.worker.on("message", ({ id, result, error }) => {
      const p = this.pending.get(id);
      if (p === undefined) return;
      this.pending.delete(id);
      if (this.pending.size === 0) this.worker.unref();
      if (error !== undefined) p.reject(Object.assign(new Error(error.message), { name: error.name }));
      else p.resolve(result);
    });
    this.worker.on("error", (e) => this.fail(e));
    this.worker.on("exit", () => this.fail(new Error("keylint: the engine's worker stopped")));
    // After the listeners: adding a "message" listener refs the worker again.
    this.worker.unref();
  }

  fail(error) {
    this.failure ??= error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    for (const [choice, eng] of shared) if (eng === this) shared.delete(choice);
  }

  scan(code, options) {
    return this.request({ code, options });
  }

  /** Calls one of the report functions (lib/report.cjs) in the worker. */
  call(name, args) {
    return this.request({ call: name, args });
  }

  request(message) {
    // A stopped worker answers nothing: say so rather than wait forever.
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // A request in flight keeps the process alive until it answers.
      this.worker.ref();
      this.worker.postMessage({ id, ...message });
    });
  }
}

/**
 * `keylint serve` in a child process (JSON lines; see crates/keylint-cli/src/serve.rs). If it
 * cannot start, reports another version or stops, its scans go to `fallback()` (or fail, when
 * the native engine was asked for by name).
 */
class NativeEngine {
  constructor(binary, fallback) {
    this.name = "native";
    this.binary = binary;
    this.fallback = fallback;
    this.pending = new Map();
    this.next = 0;
    this.buffer = "";
    this.stderr = "";
    this.replacement = null;
    const { spawn } = require("node:child_process");
    this.child = spawn(binary, ["serve"], { stdio: ["pipe", "pipe", "pipe"], windowsHide: true });
    this.child.on("error", (e) => this.stop(`cannot run ${binary}: ${e.message}`));
    // "close", not "exit": by then its stderr has been read, for the reason it gives.
    this.child.on("close", (code, signal) => this.stop(`${binary} serve stopped (${signal ?? `exit ${code}`})${this.lastError()}`));
    this.child.stdin.on("error", () => {}); // a dead child's pipe: "close" says why
    this.child.stdout.setEncoding("utf8");
    this.child.stdout.on("data", (chunk) => this.receive(chunk));
    this.child.stderr.setEncoding("utf8");
    this.child.stderr.on("data", (chunk) => {
      this.stderr = (this.stderr + chunk).slice(-2000);
    });
    this.idle();
  }

  lastError() {
    const line = this.stderr.trim().split("\n").pop();
    return line ? `: ${line}` : "";
  }

  /** Nothing in flight: the child must not keep the process alive. */
  idle() {
    this.child.unref();
    for (const s of [this.child.stdin, this.child.stdout, this.child.stderr]) s.unref();
  }

  busy() {
    this.child.ref();
    for (const s of [this.child.stdin, this.child.stdout, this.child.stderr]) s.ref();
  }

  receive(chunk) {
    this.buffer += chunk;
    let end;
    while ((end = this.buffer.indexOf("\n")) !== -1) {
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 1);
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        this.stop(`${this.binary} serve wrote something that is not JSON`);
        return;
      }
      if (message.ready !== undefined) {
        if (message.ready.version !== version) {
          this.stop(`${this.binary} is keylint ${message.ready.version}, this package is ${version}`);
        } else if (message.ready.protocol !== PROTOCOL) {
          this.stop(`${this.binary} speaks protocol ${message.ready.protocol}, this package ${PROTOCOL}`);
        }
        continue;
      }
      if (message.id === null) {
        // A request it could not read: which scan it was is unknown, so none is left waiting.
        this.stop(`${this.binary} serve could not read a request (${message.error?.message})`);
        return;
      }
      const p = this.pending.get(message.id);
      if (p === undefined) continue;
      this.pending.delete(message.id);
      if (this.pending.size === 0) this.idle();
      if (message.error !== undefined) p.reject(Object.assign(new Error(message.error.message), { name: message.error.name }));
      else p.resolve(message.result);
    }
  }

  /** The native engine is out: what is in flight and what comes next goes to the fallback. */
  stop(reason) {
    if (this.replacement !== null) return;
    this.replacement = this.fallback(reason);
    // What later builds get: the wasm engine that took over (until it stops in turn), or, when
    // the native engine was asked for by name and there is none to take over, a new child, so
    // that one crash does not fail every build after it in a watch session.
    for (const [choice, eng] of shared) {
      if (eng !== this) continue;
      if (this.replacement.name === "failed") shared.delete(choice);
      else shared.set(choice, this.replacement);
    }
    this.child.removeAllListeners("close");
    this.child.kill();
    this.idle();
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) {
      const again = p.call !== undefined ? this.replacement.call(p.call, p.args) : this.replacement.scan(p.code, p.options);
      again.then(p.resolve, p.reject);
    }
  }

  /** Calls one of the report functions (`keylint_report::api`) in the child. */
  call(name, args) {
    if (this.replacement !== null) return this.replacement.call(name, args);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, call: name, args });
      this.busy();
      this.child.stdin.write(`${JSON.stringify({ id, call: name, args }, wellFormed)}\n`);
    });
  }

  scan(code, options) {
    if (this.replacement !== null) return this.replacement.scan(code, options);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, code, options });
      this.busy();
      if (typeof code === "string") {
        // The code raw after its header: no JSON string of a whole bundle to build (and collect)
        // on the build's main thread. Node writes it as UTF-8 with U+FFFD for a lone surrogate,
        // as the wasm engine reads one, and counts its bytes the same way.
        const codeBytes = Buffer.byteLength(code, "utf8");
        this.child.stdin.write(`${JSON.stringify({ id, codeBytes, options }, wellFormed)}\n`);
        this.child.stdin.write(code, "utf8");
      } else {
        // Whatever it is, the binary answers with the wasm engine's TypeError.
        this.child.stdin.write(`${JSON.stringify({ id, code, options }, wellFormed)}\n`);
      }
    });
  }
}

/**
 * JSON.stringify writes a lone surrogate (in a file name or an option) as `\ud800`, which is not
 * UTF-8 and which the binary refuses; the wasm engine reads one as U+FFFD, as `toWellFormed`
 * makes it (Node 20+).
 */
function wellFormed(key, value) {
  return typeof value === "string" && typeof value.toWellFormed === "function" ? value.toWellFormed() : value;
}

/** The wasm engine, in a worker when one can be made, else on this thread. */
function wasmEngine() {
  try {
    return new WorkerEngine();
  } catch {
    const { scan } = require("../index.cjs");
    const { callReport } = require("./engine-worker.cjs");
    return { name: "wasm", scan: async (code, options) => scan(code, options), call: async (name, args) => callReport(name, args) };
  }
}

/**
 * An engine: `wanted` is `KEYLINT_ENGINE` (`native`, `wasm` or `auto`: native when `binary` is
 * given), `binary` the native binary or null. `warn` hears why a native engine was given up.
 */
function createEngine({ wanted = "auto", binary = null, warn = (message) => process.emitWarning(message) } = {}) {
  if (!ENGINES.includes(wanted)) {
    throw new Error(`keylint: the engine must be native, wasm or auto, not ${JSON.stringify(wanted)}`);
  }
  if (wanted === "wasm" || binary === null) {
    if (wanted === "native") {
      throw new Error(
        `keylint: the native engine was asked for, but there is no native binary: set KEYLINT_BINARY or install @keylint/cli-${process.platform}-${process.arch}`,
      );
    }
    return wasmEngine();
  }
  const fallback = (reason) => {
    if (wanted === "native") {
      const error = new Error(`keylint: the native engine is unavailable: ${reason}`);
      return { name: "failed", scan: async () => Promise.reject(error), call: async () => Promise.reject(error) };
    }
    warn(`keylint: ${reason}; using the wasm engine`);
    return wasmEngine();
  };
  return new NativeEngine(binary, fallback);
}

/**
 * The shared engine for `choice` (the plugins' `engine` option; when it is not given,
 * `KEYLINT_ENGINE`, else `auto`), started now if it is not running yet (call early: it warms up
 * meanwhile).
 */
function engine(choice) {
  const wanted = choice ?? process.env.KEYLINT_ENGINE ?? "auto";
  let eng = shared.get(wanted);
  if (eng === undefined) {
    eng = createEngine({ wanted, binary: wanted === "wasm" ? null : nativeBinary() });
    shared.set(wanted, eng);
  }
  return eng;
}

module.exports = { engine, createEngine, nativeBinary, ENGINES };
