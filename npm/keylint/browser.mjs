// Browsers and bundlers: the web glue, instantiated once with top-level await, so that
// `import { scan } from "keylint"` gives a synchronous `scan` as in Node. Bundlers copy the
// .wasm next to the bundle through the `new URL(…, import.meta.url)` below.
import init, { scan as rawScan, sourceMapUrl as rawSourceMapUrl, findConfig as rawFindConfig, __wbg_reset_state } from "./dist/keylint_wasm.mjs";

await init({ module_or_path: new URL("./dist/keylint_wasm_bg.wasm", import.meta.url) });

// The same as lib/guard.cjs, kept as ES module source so that bundlers need no CommonJS interop.
function isCrash(error) {
  return (
    error instanceof WebAssembly.RuntimeError ||
    error instanceof RangeError ||
    (error instanceof Error && error.message.startsWith("keylint: internal error"))
  );
}

function crashNote(result, name, error, structured) {
  const kept = result.notes.map((n) => n.kind !== "too-deep-text-fallback");
  const message = `${name}: the engine failed on it (${error.message}), scanned as plain text`;
  const notes = [message, ...result.summary.notes.filter((_, i) => kept[i])];
  const { notes: structuredNotes, ...rest } = result;
  const out = { ...rest, summary: { ...result.summary, notes } };
  if (structured) {
    out.notes = [{ kind: "parser-failed-text-fallback", file: name, message }, ...structuredNotes.filter((_, i) => kept[i])];
  }
  return out;
}

export function scan(code, options) {
  try {
    return rawScan(code, options);
  } catch (error) {
    if (!isCrash(error)) throw error;
    __wbg_reset_state();
    const name = options && typeof options.filename === "string" ? options.filename : "input.js";
    try {
      const asked = options?.structuredNotes === true;
      return crashNote(rawScan(code, { ...options, maxDepth: 0, structuredNotes: true }), name, error, asked);
    } catch (again) {
      if (isCrash(again)) __wbg_reset_state();
      throw new Error(`keylint: the engine failed on ${name} (${error.message}); it was reset, later scans work`, {
        cause: error,
      });
    }
  }
}

export function sourceMapUrl(code) {
  if (typeof code !== "string") throw new TypeError(`keylint.sourceMapUrl: code must be a string, got ${typeof code}`);
  return rawSourceMapUrl(code);
}

export function findConfig(startDir, readFile) {
  if (typeof startDir !== "string") throw new TypeError(`keylint.findConfig: startDir must be a string, got ${typeof startDir}`);
  if (typeof readFile !== "function") throw new TypeError(`keylint.findConfig: readFile must be a function, got ${typeof readFile}`);
  return rawFindConfig(startDir, readFile);
}
