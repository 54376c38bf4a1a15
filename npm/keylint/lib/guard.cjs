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
 * The text scan's result after a crash, with a note that says so instead of the depth one. The
 * retry asks for structured notes (`structuredNotes`, one per summary note, in order), so the
 * depth note is dropped by its kind, not by its wording; they stay only if the caller asked.
 */
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
        const asked = options?.structuredNotes === true;
        return crashNote(glue.scan(code, { ...options, maxDepth: 0, structuredNotes: true }), name, error, asked);
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
