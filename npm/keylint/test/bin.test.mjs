// `npx keylint` (bin/keylint.mjs): the native binary when one of this version is installed, with
// the arguments and the exit status passed through; else the wasm CLI. `cargo xtask test` passes
// the native binary in KEYLINT_NATIVE_BIN; without it the tests that need it are skipped.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { BIN, PACKAGE, STRIPE_KEY, STRIPE_SNIPPET } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const { version } = require("../package.json");

const NATIVE = process.env.KEYLINT_NATIVE_BIN;
const skip = NATIVE ? false : "KEYLINT_NATIVE_BIN is not set (cargo xtask test sets it)";
const unix = process.platform === "win32" ? "shell-script stand-ins need a Unix shell" : false;

/** `node bin/keylint.mjs ARGS` with KEYLINT_BINARY/KEYLINT_ENGINE as given (unset when undefined). */
function npx(args, { cwd = os.tmpdir(), binary, engine } = {}) {
  const env = { ...process.env };
  delete env.KEYLINT_BINARY;
  delete env.KEYLINT_ENGINE;
  if (binary !== undefined) env.KEYLINT_BINARY = binary;
  if (engine !== undefined) env.KEYLINT_ENGINE = engine;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: "utf8", maxBuffer: 1 << 26 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

function native(args, cwd = os.tmpdir()) {
  const r = spawnSync(NATIVE, args, { cwd, encoding: "utf8", maxBuffer: 1 << 26 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** A stand-in for the binary: a shell script. */
function fakeBinary(script) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "keylint-fake-")), "keylint");
  fs.writeFileSync(file, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  return file;
}

function tree(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keylint-bin-"));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

test("with KEYLINT_BINARY, every command is the native binary's: same output, same exit status", { skip }, () => {
  const dir = tree({ "dist/app.js": STRIPE_SNIPPET, "dist/ok.js": "1\n" });
  const cases = [
    ["--version"],
    ["--help"],
    ["rules"],
    ["explain", "stripe-secret-key"],
    ["explain", "no-such-rule"],
    ["scan", "dist", "--format", "sarif"],
    ["scan", "dist", "--format", "github"],
    ["scan", "dist", "--format", "json", "--fail-on", "never"],
    ["scan", "dist/ok.js"],
    ["scan", "--respect-gitignore", "dist"],
    ["scan", "--format", "xml"],
    ["frobnicate"],
  ];
  const codes = new Set();
  for (const args of cases) {
    const expected = native(args, dir);
    const actual = npx(args, { cwd: dir, binary: NATIVE });
    assert.equal(actual.code, expected.code, args.join(" "));
    assert.equal(actual.stdout, expected.stdout, args.join(" "));
    assert.equal(actual.stderr, expected.stderr, args.join(" "));
    codes.add(actual.code);
  }
  // The cases cover each exit status: nothing found, found, a usage error.
  assert.deepEqual([...codes].sort(), [0, 1, 2]);
  // What only the native binary has, in its own words: not the wasm CLI's.
  assert.match(npx(["rules"], { cwd: dir, binary: NATIVE }).stdout, /^stripe-secret-key\s/m);
  assert.equal(npx(["--version"], { binary: NATIVE }).stdout, `keylint ${version}\n`);
});

test("`init` runs natively and writes keylint.toml in the working folder", { skip }, () => {
  const dir = tree({});
  const r = npx(["init"], { cwd: dir, binary: NATIVE });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(fs.existsSync(path.join(dir, "keylint.toml")));
});

test("arguments reach the binary unchanged and its exit status comes back", { skip: unix }, () => {
  // A binary of this version that prints its arguments one per line and exits 7.
  const binary = fakeBinary(`if [ "$1" = "--version" ]; then echo "keylint ${version}"; exit 0; fi\nfor a in "$@"; do printf '[%s]\\n' "$a"; done\nexit 7`);
  const args = ["scan", "a b", "--format=sarif", "", "ü", "--", "-x"];
  const r = npx(args, { binary });
  assert.equal(r.code, 7, r.stderr);
  assert.equal(r.stdout, args.map((a) => `[${a}]\n`).join(""));
  assert.equal(r.stderr, "");
});

test("a binary stopped by a signal stops `npx keylint` with the same signal", { skip: unix }, () => {
  const binary = fakeBinary(`if [ "$1" = "--version" ]; then echo "keylint ${version}"; exit 0; fi\nkill -TERM $$`);
  const r = npx(["scan"], { binary });
  assert.equal(r.signal, "SIGTERM");
  assert.equal(r.code, null);
});

test("a binary of another version is not used: the wasm CLI runs, and says why", { skip: unix }, () => {
  const binary = fakeBinary(`if [ "$1" = "--version" ]; then echo "keylint 0.0.1"; exit 0; fi\necho ran; exit 7`);
  const dir = tree({ "app.js": STRIPE_SNIPPET });
  const r = npx(["scan", "app.js", "--format", "json"], { cwd: dir, binary });
  assert.equal(r.code, 1, r.stderr);
  assert.equal(JSON.parse(r.stdout).findings[0].rule_id, "stripe-secret-key");
  assert.ok(!r.stdout.includes(STRIPE_KEY));
  assert.equal(r.stderr, `keylint: ${binary} is keylint 0.0.1, this package is ${version}; using the wasm CLI\n`);
  // Nor one that names no version, nor one that is not there.
  const mute = fakeBinary("exit 3");
  assert.match(npx(["--version"], { binary: mute }).stderr, /--version did not name a keylint version \(exit 3\); using the wasm CLI\n$/);
  const gone = path.join(os.tmpdir(), "no-such-keylint-binary");
  const r2 = npx(["--version"], { binary: gone });
  assert.equal(r2.code, 0);
  assert.equal(r2.stdout, `keylint ${version} (wasm)\n`);
  assert.match(r2.stderr, /^keylint: cannot run \S*no-such-keylint-binary: .*; using the wasm CLI\n$/);
});

test("KEYLINT_ENGINE=wasm runs the wasm CLI even with a binary; =native refuses to run without one", { skip: unix }, () => {
  const binary = fakeBinary(`if [ "$1" = "--version" ]; then echo "keylint ${version}"; exit 0; fi\necho ran; exit 7`);
  const wasm = npx(["--version"], { binary, engine: "wasm" });
  assert.equal(wasm.stdout, `keylint ${version} (wasm)\n`);
  assert.equal(wasm.code, 0);
  const ran = npx(["scan"], { binary, engine: "native" });
  assert.deepEqual([ran.code, ran.stdout], [7, "ran\n"]);
  const none = npx(["--version"], { engine: "native" });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^keylint: the native binary was asked for \(KEYLINT_ENGINE=native\), but there is no native binary/);
  const old = fakeBinary(`echo "keylint 0.0.1"`);
  const mismatch = npx(["--version"], { binary: old, engine: "native" });
  assert.equal(mismatch.code, 2);
  assert.match(mismatch.stderr, /but \S+ is keylint 0\.0\.1, this package is /);
  const bad = npx(["--version"], { engine: "fast" });
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, 'keylint: KEYLINT_ENGINE must be native, wasm or auto, not "fast"\n');
});

test("the platform's optional package is found and run without KEYLINT_BINARY", { skip: unix }, () => {
  // An app with this package and @keylint/cli-<platform>-<arch> in its node_modules, through links
  // as an install lays them out; the platform package's binary is a stand-in of this version.
  const app = fs.mkdtempSync(path.join(os.tmpdir(), "keylint-app-"));
  try {
    const modules = path.join(app, "node_modules");
    const platform = path.join(modules, "@keylint", `cli-${process.platform}-${process.arch}`);
    fs.mkdirSync(path.join(platform, "bin"), { recursive: true });
    fs.writeFileSync(path.join(platform, "package.json"), JSON.stringify({ name: `@keylint/cli-${process.platform}-${process.arch}`, version }));
    fs.writeFileSync(path.join(platform, "bin", "keylint"), `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "keylint ${version}"; exit 0; fi\necho "platform package: $*"; exit 5\n`, { mode: 0o755 });
    fs.symlinkSync(PACKAGE, path.join(modules, "keylint"), "dir");
    const env = { ...process.env };
    delete env.KEYLINT_BINARY;
    delete env.KEYLINT_ENGINE;
    const bin = path.join(modules, "keylint", "bin", "keylint.mjs");
    const r = spawnSync(process.execPath, ["--preserve-symlinks", "--preserve-symlinks-main", bin, "rules"], { cwd: app, env, encoding: "utf8" });
    assert.equal(r.stdout, "platform package: rules\n", r.stderr);
    assert.equal(r.status, 5);
  } finally {
    fs.rmSync(app, { recursive: true, force: true });
  }
});
