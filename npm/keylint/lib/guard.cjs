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

/**
 * Wraps a glue's `scan`: on a crash the instance is re-created (its memory and stack pointer
 * may be anywhere) and the caller gets an `Error` naming the file; later calls work.
 * `aroundReset` runs the re-creation (Node wraps it as it wraps the first instance).
 */
function guard(glue, aroundReset = (reset) => reset()) {
  return function scan(code, options) {
    try {
      return glue.scan(code, options);
    } catch (error) {
      if (!isCrash(error)) throw error;
      aroundReset(() => glue.__wbg_reset_state());
      const name = options && typeof options.filename === "string" ? options.filename : "input.js";
      throw new Error(`keylint: the engine failed on ${name} (${error.message}); it was reset, later scans work`, {
        cause: error,
      });
    }
  };
}

module.exports = { guard, isCrash };
