"use strict";
// One wrapper for both glues (index.cjs for Node, browser.mjs for the web, which inlines the
// same logic): a trap inside the engine must not poison the instance for later calls.

/** Whether `error` came out of the engine itself rather than from a bad argument. */
function isCrash(error) {
  return (
    error instanceof WebAssembly.RuntimeError ||
    // The JS engine's own stack ran out inside wasm (deep recursion).
    error instanceof RangeError ||
    (error instanceof Error && error.message.startsWith("keylint: internal error"))
  );
}

/** The text scan's result after a crash, with a note that says so instead of the depth one. */
function crashNote(result, name, error) {
  const depthNote = /: nesting about \d+ levels deep \(limit 0\), scanned as plain text$/;
  const notes = result.summary.notes.filter((n) => !depthNote.test(n));
  notes.unshift(`${name}: the engine failed on it (${error.message}), scanned as plain text`);
  return { ...result, summary: { ...result.summary, notes } };
}

/**
 * Wraps a glue's `scan`: on a crash the instance is re-created (its memory and stack pointer
 * may be anywhere) and the file read again as plain text, as one nested too deeply to parse is
 * (`maxDepth: 0`), so its keys are still found and a note says why; later calls work. If that
 * fails too, the caller gets an `Error` naming the file. `aroundReset` runs the re-creation
 * (Node wraps it as it wraps the first instance).
 */
function guard(glue, aroundReset = (reset) => reset()) {
  const reset = () => aroundReset(() => glue.__wbg_reset_state());
  return function scan(code, options) {
    try {
      return glue.scan(code, options);
    } catch (error) {
      if (!isCrash(error)) throw error;
      reset();
      const name = options && typeof options.filename === "string" ? options.filename : "input.js";
      try {
        return crashNote(glue.scan(code, { ...options, maxDepth: 0 }), name, error);
      } catch (again) {
        if (isCrash(again)) reset();
        throw new Error(`keylint: the engine failed on ${name} (${error.message}); it was reset, later scans work`, {
          cause: error,
        });
      }
    }
  };
}

module.exports = { guard, isCrash };
