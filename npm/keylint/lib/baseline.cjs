"use strict";
// A baseline (written by `--write-baseline`; crates/keylint-cli/src/baseline.rs reads it the same
// way): its fingerprints, or an error naming the file in the native CLI's words. Shared by
// `npx keylint` and the plugins' `baseline` option.

/** The fingerprints of baseline `text` (read from `shown`), or an Error. */
function baselineFingerprints(text, shown) {
  let baseline;
  try {
    baseline = JSON.parse(text);
  } catch (e) {
    throw new Error(`${shown}: not a keylint baseline: ${e.message}`);
  }
  const bad = (why) => new Error(`${shown}: not a keylint baseline: ${why}`);
  if (kind(baseline) !== "map") throw bad(`invalid type: ${kind(baseline)}, expected struct Baseline`);
  for (const field of ["version", "findings"]) if (!(field in baseline)) throw bad(`missing field \`${field}\``);
  if (typeof baseline.version !== "number") throw bad(`invalid type: ${kind(baseline.version)}, expected u32`);
  if (kind(baseline.findings) !== "map") throw bad(`invalid type: ${kind(baseline.findings)}, expected a map`);
  if (baseline.version !== 1) throw new Error(`${shown}: baseline version ${baseline.version} is not supported`);
  return new Set(Object.keys(baseline.findings));
}

/** A JSON value's kind, as serde names it. */
function kind(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "sequence";
  if (typeof v === "object") return "map";
  return typeof v === "boolean" ? "boolean" : typeof v === "number" ? "number" : "string";
}

module.exports = { baselineFingerprints };
