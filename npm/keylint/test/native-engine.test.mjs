// The plugins' native engine (`keylint serve` in a child process, plugins/engine.cjs): the same
// results and errors as the wasm engine on every fixture, and a fallback to the wasm engine
// when the binary is missing, of another version, or stops. `cargo xtask test` passes the
// native binary in KEYLINT_NATIVE_BIN; without it the tests that need it are skipped.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { scan } from "keylint";
import { PACKAGE, REPO, STRIPE_SNIPPET, fixtureFiles } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const { createEngine } = require("../plugins/engine.cjs");
const { version } = require("../package.json");

const NATIVE = process.env.KEYLINT_NATIVE_BIN;
const skip = NATIVE ? false : "KEYLINT_NATIVE_BIN is not set (cargo xtask test sets it)";

/** Text fixture files and the options the plugins would scan them with (sibling maps too). */
function fixtureScans() {
  return fixtureFiles().flatMap((file) => {
    const bytes = fs.readFileSync(path.join(REPO, file));
    if (bytes.subarray(0, 8192).includes(0)) return [];
    const options = { filename: file };
    const map = path.join(REPO, `${file}.map`);
    if (fs.existsSync(map)) Object.assign(options, { sourceMap: fs.readFileSync(map, "utf8"), sourceMapName: `${file}.map` });
    return [{ file, code: bytes.toString("utf8"), options }];
  });
}

/** A stand-in for the binary: a shell script (the tests that use one run on Unix only). */
function fakeBinary(script) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "keylint-fake-")), "keylint");
  fs.writeFileSync(file, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  return file;
}
const unix = process.platform === "win32" ? "shell-script stand-ins need a Unix shell" : false;

test("the native engine gives the wasm engine's results on every fixture file", { skip }, async (t) => {
  const engine = createEngine({ wanted: "native", binary: NATIVE });
  assert.equal(engine.name, "native");
  const scans = fixtureScans();
  assert.ok(scans.length >= 10, `only ${scans.length} fixture files`);
  // All at once, as a build sends its files: answers come back in any order.
  const results = await Promise.all(scans.map(({ code, options }) => engine.scan(code, options)));
  let findings = 0;
  scans.forEach(({ file, code, options }, i) => {
    assert.deepEqual(results[i], scan(code, options), file);
    findings += results[i].findings.length;
  });
  // Options the plugins pass: a config object, secrets shown, server-only env values.
  const options = {
    filename: "a.js",
    config: { disable: ["stripe-publishable-key"] },
    showSecrets: true,
    serverEnv: "INTERNAL_TOKEN=Zr8q2LmVw9TnXc4Hs7Pd\n",
  };
  const code = `${STRIPE_SNIPPET}fetch(u, { headers: { "x-key": "Zr8q2LmVw9TnXc4Hs7Pd" } });\n`;
  // A lone surrogate (not UTF-8) reads as U+FFFD on both engines.
  const lone = `${STRIPE_SNIPPET}const s = "\ud800";\n`;
  assert.deepEqual(await engine.scan(lone, { filename: "lone.js" }), scan(lone, { filename: "lone.js" }));
  const both = await engine.scan(code, options);
  assert.deepEqual(both, scan(code, options));
  assert.ok(both.findings.some((f) => f.rule_id === "server-env-value") && both.findings.every((f) => f.secret));
  assert.ok(findings > 10, `the fixtures should hold findings, got ${findings}`);
  t.diagnostic(`${scans.length} fixture files, ${findings} findings, identical`);
});

test("the native engine throws the wasm engine's errors", { skip }, async () => {
  const engine = createEngine({ wanted: "native", binary: NATIVE });
  const wasmError = (code, options) => {
    try {
      scan(code, options);
    } catch (e) {
      return { name: e.name, message: e.message };
    }
    assert.fail("the wasm engine should throw");
  };
  for (const [code, options] of [
    ["", { showSecret: true }],
    ["", { config: "disable = [\"no-such-rule\"]\n" }],
    ["", { config: { colour: 1 } }],
    ["", { config: 3 }],
    [42, {}],
    [undefined, {}],
  ]) {
    const expected = wasmError(code, options);
    await assert.rejects(engine.scan(code, options), (e) => e.name === expected.name && e.message === expected.message);
  }
});

test("a binary that cannot run: the wasm engine takes over, with a warning", async () => {
  const warnings = [];
  const engine = createEngine({ binary: path.join(os.tmpdir(), "no-such-keylint"), warn: (w) => warnings.push(w) });
  const result = await engine.scan(STRIPE_SNIPPET, { filename: "a.js" });
  assert.deepEqual(result, scan(STRIPE_SNIPPET, { filename: "a.js" }));
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /^keylint: cannot run \S*no-such-keylint: .*; using the wasm engine$/);
});

test("a binary of another version is not used", { skip: unix }, async () => {
  const binary = fakeBinary(`echo '{"ready":{"version":"0.0.1","protocol":1}}'\ncat > /dev/null`);
  const warnings = [];
  const engine = createEngine({ binary, warn: (w) => warnings.push(w) });
  const result = await engine.scan(STRIPE_SNIPPET, { filename: "a.js" });
  assert.deepEqual(result, scan(STRIPE_SNIPPET, { filename: "a.js" }));
  assert.deepEqual(warnings, [`keylint: ${binary} is keylint 0.0.1, this package is ${version}; using the wasm engine`]);
});

test("a binary of this version that speaks another protocol is not used", { skip: unix }, async () => {
  const binary = fakeBinary(`echo '{"ready":{"version":"${version}","protocol":1}}'\ncat > /dev/null`);
  const warnings = [];
  const engine = createEngine({ binary, warn: (w) => warnings.push(w) });
  assert.deepEqual(await engine.scan(STRIPE_SNIPPET, { filename: "a.js" }), scan(STRIPE_SNIPPET, { filename: "a.js" }));
  assert.deepEqual(warnings, [`keylint: ${binary} speaks protocol 1, this package 3; using the wasm engine`]);
});

test("a binary that stops mid-scan: its scans are answered by the wasm engine", { skip: unix }, async () => {
  const binary = fakeBinary(`echo '{"ready":{"version":"${version}","protocol":3}}'\nread line\necho 'out of cheese' >&2\nexit 3`);
  const warnings = [];
  const engine = createEngine({ binary, warn: (w) => warnings.push(w) });
  const results = await Promise.all([1, 2, 3].map(() => engine.scan(STRIPE_SNIPPET, { filename: "a.js" })));
  for (const result of results) assert.deepEqual(result, scan(STRIPE_SNIPPET, { filename: "a.js" }));
  assert.equal(warnings.length, 1, warnings.join("\n"));
  assert.match(warnings[0], /serve stopped \(exit 3\): out of cheese; using the wasm engine$/);
});

test("an answer to a request the binary could not read hands every scan to the wasm engine", { skip: unix }, async () => {
  const binary = fakeBinary(
    `echo '{"ready":{"version":"${version}","protocol":3}}'\nread line\necho '{"id":null,"error":{"name":"Error","message":"bad"}}'\ncat > /dev/null`,
  );
  const warnings = [];
  const engine = createEngine({ binary, warn: (w) => warnings.push(w) });
  const result = await engine.scan(STRIPE_SNIPPET, { filename: "a.js" });
  assert.deepEqual(result, scan(STRIPE_SNIPPET, { filename: "a.js" }));
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /could not read a request \(bad\); using the wasm engine$/);
});

test("KEYLINT_ENGINE=native never falls back: no binary, or one that stops, is an error", { skip: unix }, async () => {
  assert.throws(() => createEngine({ wanted: "native", binary: null }), /the native engine was asked for, but there is no native binary/);
  assert.throws(() => createEngine({ wanted: "fast" }), /the engine must be native, wasm or auto, not "fast"/);
  const engine = createEngine({ wanted: "native", binary: fakeBinary("exit 4") });
  await assert.rejects(engine.scan("", {}), /keylint: the native engine is unavailable: .*serve stopped \(exit 4\)/);
});

test("the native engine does not keep a finished build's process alive", { skip }, () => {
  const script = `
    const { createEngine } = require(${JSON.stringify(path.join(PACKAGE, "plugins/engine.cjs"))});
    const engine = createEngine({ wanted: "native", binary: ${JSON.stringify(NATIVE)} });
    engine.scan("const a = 1;", {}).then((r) => console.log(r.summary.files_scanned));
  `;
  const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: 20_000 });
  assert.equal(r.signal, null, "the process had to be killed");
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), "1");
});

test("the platform's optional package is found and used without KEYLINT_BINARY", { skip: skip || unix }, () => {
  // An app with this package and @keylint/cli-<platform>-<arch> (its bin/keylint the binary
  // under test) in its node_modules, resolved through the links as an install would lay them out.
  const app = fs.mkdtempSync(path.join(os.tmpdir(), "keylint-app-"));
  try {
    const modules = path.join(app, "node_modules");
    const platform = path.join(modules, "@keylint", `cli-${process.platform}-${process.arch}`);
    fs.mkdirSync(path.join(platform, "bin"), { recursive: true });
    fs.writeFileSync(path.join(platform, "package.json"), JSON.stringify({ name: `@keylint/cli-${process.platform}-${process.arch}`, version }));
    fs.symlinkSync(NATIVE, path.join(platform, "bin", "keylint"));
    fs.symlinkSync(PACKAGE, path.join(modules, "keylint"), "dir");
    const script = `
      const { engine, nativeBinary } = require(${JSON.stringify(path.join(modules, "keylint/plugins/engine.cjs"))});
      engine().scan(${JSON.stringify(STRIPE_SNIPPET)}, { filename: "a.js" })
        .then((r) => console.log(JSON.stringify({ binary: nativeBinary(), engine: engine().name, found: r.findings.length })));
    `;
    const env = { ...process.env };
    delete env.KEYLINT_BINARY;
    delete env.KEYLINT_ENGINE;
    const r = spawnSync(process.execPath, ["--preserve-symlinks", "-e", script], { cwd: app, env, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.binary, path.join(platform, "bin", "keylint"));
    assert.equal(out.engine, "native");
    assert.equal(out.found, 1);
  } finally {
    fs.rmSync(app, { recursive: true, force: true });
  }
});

test("a wasm worker that stopped fails later scans instead of leaving them waiting", async () => {
  const engine = createEngine({ wanted: "wasm" });
  assert.equal(engine.name, "wasm");
  const stopped = new Promise((resolve) => engine.worker.once("exit", resolve));
  await engine.worker.terminate();
  await stopped;
  await assert.rejects(engine.scan(STRIPE_SNIPPET, { filename: "a.js" }), /the engine's worker stopped/);
});

test("after the native child stops, later builds get a new one (native) or the wasm engine until that stops too (auto)", { skip }, async (t) => {
  const { engine } = require("../plugins/engine.cjs");
  const saved = { binary: process.env.KEYLINT_BINARY, engine: process.env.KEYLINT_ENGINE };
  process.env.KEYLINT_BINARY = NATIVE;
  delete process.env.KEYLINT_ENGINE;
  const warnings = [];
  const onWarning = (w) => warnings.push(w.message);
  process.on("warning", onWarning);
  // An idle engine keeps no process alive, a stopping child included: the test must wait for it.
  const alive = setInterval(() => {}, 1000);
  t.after(() => {
    clearInterval(alive);
    process.off("warning", onWarning);
    for (const [key, name] of [["binary", "KEYLINT_BINARY"], ["engine", "KEYLINT_ENGINE"]]) {
      if (saved[key] === undefined) delete process.env[name];
      else process.env[name] = saved[key];
    }
  });
  const expected = scan(STRIPE_SNIPPET, { filename: "a.js" });
  const scanWith = (eng) => eng.scan(STRIPE_SNIPPET, { filename: "a.js" });
  const kill = async (eng) => {
    const closed = new Promise((resolve) => eng.child.once("close", resolve));
    eng.child.kill();
    await closed;
  };

  const first = engine("native");
  assert.deepEqual(await scanWith(first), expected);
  await kill(first);
  await assert.rejects(scanWith(first), /the native engine is unavailable: .*serve stopped \(SIGTERM\)/);
  const second = engine("native");
  assert.notEqual(second, first, "a new child for the next build");
  assert.equal(second.name, "native");
  assert.deepEqual(await scanWith(second), expected);

  const auto = engine();
  assert.equal(auto.name, "native");
  await kill(auto);
  const wasm = engine();
  assert.equal(wasm.name, "wasm", "the engine that took over serves later builds");
  assert.deepEqual(await scanWith(wasm), expected);
  const stopped = new Promise((resolve) => wasm.worker.once("exit", resolve));
  await wasm.worker.terminate();
  await stopped;
  const again = engine();
  assert.equal(again.name, "native", "once the wasm engine stops too, the next build tries a new child");
  assert.deepEqual(await scanWith(again), expected);
  await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
  assert.equal(warnings.filter((w) => /serve stopped \(SIGTERM\); using the wasm engine$/.test(w)).length, 1, warnings.join("\n"));
});
