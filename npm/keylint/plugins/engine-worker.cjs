"use strict";
// The plugins' engine thread: scans what the build sends, one file at a time, and answers calls
// of the report functions (lib/report.cjs) as `keylint serve` does.
const { isMainThread, parentPort } = require("node:worker_threads");
const fs = require("node:fs");
const { scan } = require("../index.cjs");
const report = require("../lib/report.cjs");

/** `keylint serve`'s calls, on the wasm engine: `findConfig` reads the disk as serve does. */
function callReport(name, args) {
  if (name === "findConfig") return report.findConfig(args[0], readIfFile);
  if (!Object.hasOwn(report, name)) throw new TypeError(`keylint: no function \`${name}\``);
  return report[name](...args);
}

/** A file's text, or null when there is no file at `p`. */
function readIfFile(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return null;
  }
  return stat.isFile() ? fs.readFileSync(p, "utf8") : null;
}

if (!isMainThread && parentPort !== null) {
  parentPort.on("message", ({ id, code, options, call, args }) => {
    try {
      parentPort.postMessage({ id, result: call !== undefined ? callReport(call, args) : scan(code, options) });
    } catch (e) {
      parentPort.postMessage({ id, error: { name: e.name, message: e.message } });
    }
  });

  // Warm up while the bundler works: the first scan builds the engine's tables.
  scan("const a = 1;", { filename: "warmup.js" });
}

module.exports = { callReport };
