"use strict";
// The plugins' engine thread: scans what the build sends, one file at a time.
const { parentPort } = require("node:worker_threads");
const { scan } = require("../index.cjs");

parentPort.on("message", ({ id, code, options }) => {
  try {
    parentPort.postMessage({ id, result: scan(code, options) });
  } catch (e) {
    parentPort.postMessage({ id, error: { name: e.name, message: e.message } });
  }
});

// Warm up while the bundler works: the first scan builds the engine's tables.
scan("const a = 1;", { filename: "warmup.js" });
