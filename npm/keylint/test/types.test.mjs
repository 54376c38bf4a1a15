// The TypeScript types are written by hand: check them against the compiler and the engine.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { scan } from "keylint";
import { PACKAGE, STRIPE_SNIPPET } from "./helpers.mjs";

/** The member names of `export interface NAME { … }` in index.d.cts. */
function members(name) {
  const dts = fs.readFileSync(path.join(PACKAGE, "index.d.cts"), "utf8");
  const body = dts.match(new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`))[1];
  return [...body.matchAll(/^ {2}(\w+)\??:/gm)].map((m) => m[1]);
}

test("Finding and Summary list exactly the fields the engine returns", () => {
  const map = fs.readFileSync(path.join(PACKAGE, "../../fixtures/demo/assets/index-4f2a9c1e.js.map"), "utf8");
  const code = fs.readFileSync(path.join(PACKAGE, "../../fixtures/demo/assets/index-4f2a9c1e.js"), "utf8");
  const all = scan(code, { filename: "a.js", showSecrets: true, sourceMap: map }).findings;
  const seen = new Set(all.flatMap((f) => Object.keys(f)));
  assert.deepEqual([...seen].sort(), members("Finding").sort());
  // `reused` (optional) is only in reports of several files, never in one source's summary.
  assert.deepEqual(Object.keys(scan(STRIPE_SNIPPET).summary), members("Summary").filter((m) => m !== "reused"));
  const formOf = new Set(all.map((f) => f.form));
  const forms = fs.readFileSync(path.join(PACKAGE, "index.d.cts"), "utf8").match(/export type Form =([^;]*);/)[1];
  for (const form of formOf) assert.ok(forms.includes(`"${form}"`), form);
});

test("the types compile for ESM and CJS users, and reject mistakes", () => {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", path.join(PACKAGE, "test/types/tsconfig.json")], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
