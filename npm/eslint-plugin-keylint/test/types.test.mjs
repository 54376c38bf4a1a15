// The shipped declarations compile for ES module and CommonJS consumers against ESLint's types.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { PACKAGE } from "./helpers.mjs";

test("index.d.mts and index.d.cts type-check a flat config with options", () => {
  const tsc = path.join(PACKAGE, "node_modules/typescript/bin/tsc");
  const run = spawnSync(process.execPath, [tsc, "-p", "test/types/tsconfig.json"], { cwd: PACKAGE, encoding: "utf8" });
  assert.equal(run.stdout + run.stderr, "");
  assert.equal(run.status, 0);
});
