// The bundler plugins in real builds: for each of the six bundlers, a fixture app that gets a
// Stripe key through the bundler's own env mechanism fails to build with a one-line message (a
// live secret key), builds and reports it once at info (a publishable key), or builds silently
// (no key). The 18 builds run as child processes, a few at a time, once with the wasm engine
// and, when `cargo xtask test` passes the native binary (KEYLINT_NATIVE_BIN), once more with the
// native engine (`keylint serve`): the messages must be the same.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { PACKAGE } from "./helpers.mjs";
import { SECRET_KEY, PUBLISHABLE_KEY } from "./fixtures/keys.mjs";

const FIXTURES = path.join(PACKAGE, "test/fixtures");
const bin = (p) => path.join(PACKAGE, "node_modules", p);

/** The command that builds each fixture, as its users would run it. */
const COMMANDS = {
  vite: [bin("vite/bin/vite.js"), "build", "--config", path.join(FIXTURES, "vite/vite.config.mjs")],
  rollup: [bin("rollup/dist/bin/rollup"), "-c", path.join(FIXTURES, "rollup/rollup.config.mjs")],
  rolldown: [bin("rolldown/bin/cli.mjs"), "-c", path.join(FIXTURES, "rolldown/rolldown.config.mjs")],
  webpack: [path.join(FIXTURES, "webpack/build.mjs")],
  rspack: [path.join(FIXTURES, "rspack/build.mjs")],
  esbuild: [path.join(FIXTURES, "esbuild/build.mjs")],
};
const VARIANTS = ["secret", "publishable", "clean"];
const NATIVE = process.env.KEYLINT_NATIVE_BIN;
/** The environment that selects each engine (`native` fails the build when it cannot start). */
const ENGINES = { wasm: { KEYLINT_ENGINE: "wasm" } };
if (NATIVE) ENGINES.native = { KEYLINT_ENGINE: "native", KEYLINT_BINARY: NATIVE };

const OUT = fs.mkdtempSync(path.join(os.tmpdir(), "keylint-plugins-"));

function build(engine, bundler, variant) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, COMMANDS[bundler], {
      cwd: path.join(FIXTURES, bundler),
      env: {
        ...process.env,
        ...ENGINES[engine],
        KEYLINT_FIXTURE: variant,
        KEYLINT_FIXTURE_OUT: path.join(OUT, engine, bundler),
        NO_COLOR: "1",
        FORCE_COLOR: "0",
      },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ code, out }));
  });
}

/** Runs `jobs` (functions returning promises) with at most `limit` at once. */
async function pool(jobs, limit) {
  const results = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

const cases = Object.keys(ENGINES).flatMap((engine) =>
  Object.keys(COMMANDS).flatMap((bundler) => VARIANTS.map((variant) => ({ engine, bundler, variant }))),
);
const limit = Math.max(2, Math.min(4, os.availableParallelism?.() ?? 2));
const builds = pool(
  cases.map((c) => () => build(c.engine, c.bundler, c.variant)),
  limit,
).then((results) => new Map(cases.map((c, i) => [`${c.engine}/${c.bundler}/${c.variant}`, results[i]])));

after(async () => {
  await builds;
  fs.rmSync(OUT, { recursive: true, force: true });
});

for (const [engine, bundler] of Object.keys(ENGINES).flatMap((e) => Object.keys(COMMANDS).map((b) => [e, b]))) {
  test(`${bundler} (${engine} engine): a live secret key inlined from the env fails the build with a one-line message`, async () => {
    const { code, out } = (await builds).get(`${engine}/${bundler}/secret`);
    assert.notEqual(code, 0, out);
    const line = out.split("\n").find((l) => l.includes("error[stripe-secret-key]"));
    assert.ok(line, out);
    // The rule, the redacted value, the output file and position, the original file and line, the fix.
    assert.match(line, /Stripe live secret key sk_live_51SN… would ship in \S*dist-secret\/\S+\.js:\d+:\d+/);
    assert.match(line, /\(from (\S*\/)?src\/pay\.jsx:3\b/);
    assert.match(line, /; fix: keep it on a server/);
    if (bundler === "vite") assert.match(line, /drop the public prefix \(VITE_STRIPE_KEY → STRIPE_KEY\)/);
    assert.ok(!out.includes(SECRET_KEY), "the full secret is never printed");
  });

  test(`${bundler} (${engine} engine): a publishable key builds and is reported once, at info`, async () => {
    const { code, out } = (await builds).get(`${engine}/${bundler}/publishable`);
    assert.equal(code, 0, out);
    const lines = out.split("\n").filter((l) => l.includes("info[stripe-publishable-key]"));
    assert.equal(lines.length, 1, out);
    assert.match(lines[0], /pk_live_51xV… is in \S*dist-publishable\/\S+\.js:\d+:\d+ \(from (\S*\/)?src\/pay\.jsx:3\b/);
    assert.doesNotMatch(out, /error\[|warning\[/);
    assert.ok(!out.includes(PUBLISHABLE_KEY));
  });

  test(`${bundler} (${engine} engine): a clean app builds silently`, async () => {
    const { code, out } = (await builds).get(`${engine}/${bundler}/clean`);
    assert.equal(code, 0, out);
    assert.doesNotMatch(out, /keylint (error|warning|info)\[/);
  });
}
