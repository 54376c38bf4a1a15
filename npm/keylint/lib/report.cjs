"use strict";
// The report functions of the wasm engine (crates/keylint-report, the code the native CLI runs):
// the report built from scan results, its four formats, baselines, keylint.toml discovery and the
// shared lists. Nothing here renders or decides anything itself; `npx keylint` and the ESLint
// plugin call these on the main thread, the bundler plugins through their engine (the wasm worker,
// or `keylint serve`).

// index.cjs first: it instantiates the engine (with its tier-up settings) once per process.
require("../index.cjs");
const glue = require("../dist/keylint_wasm.cjs");

module.exports = {
  /** `buildReport(outputs, options?)`: the `--format json` report of `scan` results. */
  buildReport: (outputs, options) => glue.buildReport(outputs, options),
  /** `render(report, format, options?)`: the bytes the native CLI writes for `format`. */
  render: (report, format, options) => glue.render(report, format, options),
  /** `readBaseline(text, path)`: the fingerprints a baseline file accepts. */
  readBaseline: (text, shown) => glue.readBaseline(text, shown),
  /** `writeBaseline(findings)`: `{ text, count }`, the baseline file for these findings. */
  writeBaseline: (findings) => glue.writeBaseline(findings),
  /** `findConfig(startDir, readFile)`: `{ path, text }` of the keylint.toml that applies, or null. */
  findConfig: (startDir, readFile) => glue.findConfig(startDir, readFile),
  /** Prefixes that make a bundler inline an env variable into client code. */
  publicEnvPrefixes: () => glue.publicEnvPrefixes(),
  /** Extensions of files that are never text (lowercase, without the dot). */
  binaryExtensions: () => glue.binaryExtensions(),
  /** `mapFileFor(path, code)`: the map file to read for the built file `path` (its
   * sourceMappingURL, else a sibling `.map`), or null for an inline map. */
  mapFileFor: (file, code) => glue.mapFileFor(file, code),
};
