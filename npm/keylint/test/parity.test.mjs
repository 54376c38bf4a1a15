// The wasm package and the native CLI must give identical findings on every fixture.
// `cargo xtask test` passes the native binary in KEYLINT_NATIVE_BIN; without it this is skipped.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { scan } from "keylint";
import { BIN, REPO, fixtureFiles, wasmCliEnv } from "./helpers.mjs";

const NATIVE = process.env.KEYLINT_NATIVE_BIN;
const skip = NATIVE ? false : "KEYLINT_NATIVE_BIN is not set (cargo xtask test sets it)";

function native(args) {
  const r = spawnSync(NATIVE, args, { cwd: REPO, encoding: "utf8", maxBuffer: 1 << 28 });
  assert.ok(r.status === 0 || r.status === 1, `${NATIVE} ${args.join(" ")}: exit ${r.status}\n${r.stderr}`);
  return { code: r.status, stdout: r.stdout, report: JSON.parse(r.stdout) };
}

const sorted = (findings) =>
  findings.map((f) => JSON.stringify(f)).sort();

test("scan() on each fixture file = the native CLI on that file", { skip }, (t) => {
  const files = fixtureFiles();
  assert.ok(files.length >= 10, `only ${files.length} fixture files`);
  let total = 0;
  for (const file of files) {
    const expected = native(["scan", file, "--format", "json", "--fail-on", "never"]).report;
    const bytes = fs.readFileSync(path.join(REPO, file));
    if (bytes.subarray(0, 8192).includes(0) || expected.summary.files_scanned === 0) continue;
    const code = bytes.toString("utf8");
    // The CLI reads a sibling map (or the one sourceMappingURL names) for a file with findings.
    const options = { filename: file };
    const map = path.join(REPO, `${file}.map`);
    if (fs.existsSync(map) && !file.endsWith(".map")) {
      options.sourceMap = fs.readFileSync(map, "utf8");
      options.sourceMapName = `${file}.map`;
    }
    const actual = scan(code, options);
    assert.deepEqual(sorted(actual.findings), sorted(expected.findings), file);
    assert.deepEqual(actual.summary.notes, expected.summary.notes, file);
    total += actual.findings.length;
  }
  assert.ok(total > 10, `the fixtures should hold findings, got ${total}`);
  t.diagnostic(`parity: ${files.length} fixture files, ${total} findings, identical`);
});

test("npx keylint scan fixtures = the native CLI, byte for byte", { skip }, () => {
  for (const args of [["--format", "json"], ["--format", "json", "--show-secrets"]]) {
    const expected = native(["scan", "fixtures", ...args]);
    const r = spawnSync(process.execPath, [BIN, "scan", "fixtures", ...args], { cwd: REPO, encoding: "utf8", maxBuffer: 1 << 28, env: wasmCliEnv() });
    assert.equal(r.status, expected.code, r.stderr);
    assert.equal(r.stdout, expected.stdout);
  }
});
