// The engine's instance is created with V8's wasm tier-up budget raised, and the budget is put
// back for the rest of the process; a budget the user chose is never touched.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Loads the package in a fresh Node with `args`; returns the flags it set, in order,
 * with `<instance>` where the engine's instance was created. */
function flagsSetWhileLoading(args = []) {
  const child = `
    const v8 = require("node:v8");
    const set = v8.setFlagsFromString;
    const seen = [];
    v8.setFlagsFromString = (flags) => { seen.push(flags); set(flags); };
    const Instance = WebAssembly.Instance;
    WebAssembly.Instance = function (...a) { seen.push("<instance>"); return new Instance(...a); };
    const { scan } = require(${JSON.stringify(path.join(root, "index.cjs"))});
    if (scan("const a = 1;").summary.files_scanned !== 1) throw new Error("scan failed");
    console.log(JSON.stringify(seen));
  `;
  const r = spawnSync(process.execPath, [...args, "-e", child], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** This Node's own default budget, as its V8 states it (`node --v8-options`): the value the
 * package must put back, read from V8 itself rather than from the package's constant. */
function v8DefaultBudget() {
  const r = spawnSync(process.execPath, ["--v8-options"], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
  const m = /--wasm-tiering-budget\b[\s\S]*?default: --wasm-tiering-budget=(\d+)/.exec(r.stdout);
  assert.ok(m, `no --wasm-tiering-budget default in node --v8-options:\n${r.stdout.slice(0, 500)}`);
  return Number(m[1]);
}

test("the budget is raised only while the engine's instance is created", () => {
  const flags = flagsSetWhileLoading();
  const fallback = v8DefaultBudget();
  assert.equal(flags.length, 3, JSON.stringify(flags));
  const raised = Number(/^--wasm-tiering-budget=(\d+)$/.exec(flags[0])?.[1]);
  // "Late": far above V8's own budget, or the optimiser would still start during the first scans.
  assert.ok(raised >= 10 * fallback, `raised to ${flags[0]}, V8's default is ${fallback}`);
  assert.deepEqual(flags.slice(1), ["<instance>", `--wasm-tiering-budget=${fallback}`]);
});

test("a budget set on the command line is left alone", () => {
  assert.deepEqual(flagsSetWhileLoading(["--wasm-tiering-budget=5000"]), ["<instance>"]);
  assert.deepEqual(flagsSetWhileLoading(["--wasm_tiering_budget=5000"]), ["<instance>"]);
});
