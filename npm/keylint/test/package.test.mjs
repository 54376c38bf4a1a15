// The package as published: publint and "are the types wrong" find no problem, and the
// tarball alone installs and runs.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { PACKAGE, STRIPE_SNIPPET } from "./helpers.mjs";

function bin(name, args) {
  const r = spawnSync(path.join(PACKAGE, "node_modules/.bin", name), args, { cwd: PACKAGE, encoding: "utf8" });
  return { code: r.status, out: r.stdout + r.stderr };
}

test("publint --strict: no problems", () => {
  const r = bin("publint", ["--strict"]);
  assert.equal(r.code, 0, r.out);
  assert.doesNotMatch(r.out, /Errors?:|Warnings?:/, r.out);
});

test("attw --pack: no problems", () => {
  const r = bin("attw", ["--pack", ".", "--format", "ascii"]);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /No problems found/, r.out);
});

test("installed from its tarball alone, `npx keylint scan dist` works", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "keylint-pack-"));
  const pack = spawnSync("npm", ["pack", "--pack-destination", tmp, "--silent"], { cwd: PACKAGE, encoding: "utf8" });
  assert.equal(pack.status, 0, pack.stderr);
  const tarball = path.join(tmp, pack.stdout.trim().split("\n").pop());
  const project = path.join(tmp, "app");
  fs.mkdirSync(path.join(project, "dist"), { recursive: true });
  fs.writeFileSync(path.join(project, "package.json"), '{ "name": "app", "private": true }\n');
  fs.writeFileSync(path.join(project, "dist/app.js"), STRIPE_SNIPPET);
  const install = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--offline", tarball], { cwd: project, encoding: "utf8" });
  assert.equal(install.status, 0, install.stdout + install.stderr);
  const r = spawnSync("npx", ["--no-install", "keylint", "scan", "dist", "--format", "json"], { cwd: project, encoding: "utf8" });
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).findings.map((f) => f.rule_id), ["stripe-secret-key"]);
  // Both module systems load the installed copy synchronously.
  const both = spawnSync(
    process.execPath,
    ["--input-type=module", "-e", 'import { scan } from "keylint"; import { createRequire } from "node:module"; const cjs = createRequire(import.meta.url)("keylint"); console.log(scan("x").summary.files_scanned + cjs.scan("y").summary.files_scanned);'],
    { cwd: project, encoding: "utf8" },
  );
  assert.equal(both.stdout.trim(), "2", both.stderr);
  fs.rmSync(tmp, { recursive: true, force: true });
});
