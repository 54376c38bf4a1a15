"use strict";
// V8 compiles each wasm function with its baseline compiler (Liftoff) on first call and, once
// the function has run for a budget of about 1.8 MB of executed code, again with its optimiser
// (TurboFan) on background threads. For keylint's engine that optimiser work is most of what a
// fresh process spends and gains little: the first scan of a 750 kB bundle takes ~94 ms, and the
// process 0.45 s of CPU, with V8's budget, ~46 ms and 0.21 s with ours (`node
// scripts/first-scan.mjs`), and 16 MB of bundles still scan at the same ~35 MB/s (`node
// scripts/bench.mjs`): hot code tiers up all the same, later. In a bundler's build the
// difference is CPU the build itself needs.
//
// V8 reads the budget when an instance is created, so it is raised only around that and put
// back for every other module in the process. A budget the user set on the command line (Node
// refuses V8 flags in NODE_OPTIONS) is left alone, and so is any runtime without
// `v8.setFlagsFromString`.

const LATE_BUDGET = 100_000_000;
// V8's default, unchanged since dynamic tiering came in (V8 10 to 13 at least).
const V8_BUDGET = 1_800_000;
const FLAG = /^--wasm[-_]tiering[-_]budget\b/;

function userSetBudget() {
  return process.execArgv.some((arg) => FLAG.test(arg));
}

/** Runs `instantiate` (which creates the engine's instance) with the late tier-up budget. */
function withLateTierUp(instantiate) {
  let v8 = null;
  if (typeof process === "object" && process.versions?.node !== undefined && !userSetBudget()) {
    try {
      v8 = require("node:v8");
      v8.setFlagsFromString(`--wasm-tiering-budget=${LATE_BUDGET}`);
    } catch {
      v8 = null;
    }
  }
  try {
    return instantiate();
  } finally {
    if (v8 !== null) v8.setFlagsFromString(`--wasm-tiering-budget=${V8_BUDGET}`);
  }
}

module.exports = { withLateTierUp, LATE_BUDGET };
