// The plugins beyond one `vite build` with one output: watch sessions that go on after an error,
// one plugin instance shared by several builds, builds with several outputs or compilers writing
// one report, output folders the bundler cleans, and the dev server, which the build-only Vite
// plugin must leave alone. Real bundlers, in this process, on apps in a temporary folder.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { SECRET_KEY } from "./fixtures/keys.mjs";
import { PACKAGE } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const ROOT = fs.mkdtempSync(path.join(os.tmpdir(), "keylint-sessions-"));
after(() => fs.rmSync(ROOT, { recursive: true, force: true }));

/** An app folder: `src/main.js` importing `src/pay.js`, which sends `key` (else `process.env.STRIPE_KEY`). */
function app(name, key = "") {
  const dir = path.join(ROOT, name);
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  fs.writeFileSync(path.join(dir, "index.html"), `<!doctype html><script type="module" src="/src/main.js"></script>\n`);
  fs.writeFileSync(path.join(dir, "src/main.js"), `import { pay } from "./pay.js";\ndocument.body.onclick = () => pay(42);\n`);
  setKey(dir, key);
  return dir;
}

function setKey(dir, key) {
  fs.writeFileSync(
    path.join(dir, "src/pay.js"),
    `export function pay(amount) {\n  return fetch("https://api.stripe.com/v1/charges", { method: "POST", body: ${key === "" ? "process.env.STRIPE_KEY" : JSON.stringify(key)} + ":" + amount });\n}\n`,
  );
}

/** Rejects after `ms` with `what`, so a build that never comes fails the test instead of hanging it. */
function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

for (const bundler of ["webpack", "rspack"]) {
  test(`${bundler} watch: a keylint.toml that does not hold is the build's error, and the session goes on`, async () => {
    const create = bundler === "rspack" ? require("@rspack/core").rspack : require("webpack");
    const keylint = require(`keylint/${bundler}`);
    const dir = app(`${bundler}-watch`);
    const toml = path.join(dir, "keylint.toml");
    fs.writeFileSync(toml, "# nothing to change\n");
    const compiler = create({
      mode: "production",
      context: dir,
      entry: "./src/main.js",
      output: { path: path.join(dir, "dist") },
      devtool: false,
      plugins: [keylint({ config: "keylint.toml", engine: "wasm" })],
      infrastructureLogging: { level: "error" },
    });
    const results = [];
    const waiting = [];
    const watching = compiler.watch({ aggregateTimeout: 20, poll: 50 }, (err, stats) => {
      const result = err ? { fatal: err.message } : { errors: stats.compilation.errors.map((e) => e.message) };
      const waiter = waiting.shift();
      if (waiter) waiter(result);
      else results.push(result);
    });
    const next = () => within(results.length > 0 ? Promise.resolve(results.shift()) : new Promise((r) => waiting.push(r)), 20_000, "rebuild");
    try {
      assert.deepEqual(await next(), { errors: [] });

      fs.writeFileSync(toml, 'disable = ["no-such-rule"]\n');
      setKey(dir, ""); // the config is no dependency of the build: an edit of the source starts one
      const broken = await next();
      assert.equal(broken.fatal, undefined, "a fatal error would end the watch session");
      assert.equal(broken.errors.length, 1);
      assert.match(broken.errors[0], /keylint\.toml:1: unknown rule id `no-such-rule`/);

      fs.writeFileSync(toml, "# fixed\n");
      setKey(dir, SECRET_KEY);
      const secret = await next();
      assert.equal(secret.errors.length, 1, secret.errors.join("\n"));
      assert.match(secret.errors[0], /keylint error\[stripe-secret-key\]/);
    } finally {
      await new Promise((resolve) => watching.close(resolve));
    }
  });
}

test("rolldown: one plugin instance in two builds judges each with its own cwd and defines", async () => {
  const { rolldown } = require("rolldown");
  const keylint = require("keylint/rolldown");
  const plugins = [keylint({ engine: "wasm" })];
  // A's key comes through its define; B's keylint.toml turns the rule off, for B only.
  const a = app("rolldown-a");
  const b = app("rolldown-b");
  fs.writeFileSync(path.join(b, "keylint.toml"), 'disable = ["stripe-secret-key"]\n');
  setKey(b, SECRET_KEY);
  // As `rolldown -w` does with a config array: every `options` hook first, then the builds.
  const define = { "process.env.STRIPE_KEY": JSON.stringify(SECRET_KEY) };
  const buildA = await rolldown({ cwd: a, input: "src/main.js", transform: { define }, plugins, logLevel: "silent" });
  const buildB = await rolldown({ cwd: b, input: "src/main.js", plugins, logLevel: "silent" });
  try {
    await assert.rejects(buildA.generate({ format: "es" }), (e) => {
      assert.match(e.message, /keylint error\[stripe-secret-key\]/);
      assert.match(e.message, /\(from src\/pay\.js:2, process\.env\.STRIPE_KEY\)/);
      return true;
    });
    const { output } = await buildB.generate({ format: "es" });
    assert.ok(output[0].code.includes(SECRET_KEY), "B ships the key its own config allows");
  } finally {
    await buildA.close();
    await buildB.close();
  }
});

test("vite: the dev server runs without an engine, even with one asked for that is not installed", async (t) => {
  const { createServer, build } = await import("vite");
  const keylint = require("keylint/vite");
  const saved = process.env.KEYLINT_BINARY;
  delete process.env.KEYLINT_BINARY;
  t.after(() => {
    if (saved !== undefined) process.env.KEYLINT_BINARY = saved;
  });
  const dir = app("vite-dev", SECRET_KEY);
  const server = await createServer({
    configFile: false,
    root: dir,
    logLevel: "silent",
    server: { port: 0, host: "127.0.0.1" },
    plugins: [keylint({ engine: "native" })],
  });
  try {
    await server.listen();
    const page = await fetch(new URL("/src/pay.js", server.resolvedUrls.local[0]));
    assert.equal(page.status, 200);
  } finally {
    await server.close();
  }
  // A build is where the missing binary is an error.
  await assert.rejects(
    build({ configFile: false, root: dir, logLevel: "silent", plugins: [keylint({ engine: "native" })] }),
    /the native engine was asked for, but there is no native binary/,
  );
});

test("rollup: one report for a build's two outputs holds both", async () => {
  const { rollup } = require("rollup");
  const keylint = require("keylint/rollup");
  const dir = app("rollup-outputs", SECRET_KEY);
  const bundle = await rollup({ input: path.join(dir, "src/main.js"), plugins: [keylint({ report: path.join(dir, "keylint.json") })] });
  const errors = [];
  try {
    for (const format of ["es", "cjs"]) {
      await bundle.generate({ dir: path.join(dir, `dist/${format}`), format }).catch((e) => errors.push(e.message));
    }
  } finally {
    await bundle.close();
  }
  assert.equal(errors.length, 2);
  const report = JSON.parse(fs.readFileSync(path.join(dir, "keylint.json"), "utf8"));
  const files = report.findings.map((f) => path.relative(dir, f.file)).sort();
  assert.deepEqual(files, ["dist/cjs/main.js", "dist/es/main.js"]);
  assert.equal(report.summary.errors, 2);
});

test("rollup: one secret in two chunks is one secret in two places", async () => {
  const { rollup } = require("rollup");
  const keylint = require("keylint/rollup");
  const dir = app("rollup-chunks", SECRET_KEY);
  fs.copyFileSync(path.join(dir, "src/pay.js"), path.join(dir, "src/pay2.js"));
  const bundle = await rollup({ input: [path.join(dir, "src/pay.js"), path.join(dir, "src/pay2.js")], plugins: [keylint()] });
  try {
    await assert.rejects(bundle.generate({ dir: path.join(dir, "dist"), format: "es" }), (e) => {
      assert.match(e.message, /a secret would ship in this build, in 2 places:\n/);
      assert.equal(e.message.match(/error\[stripe-secret-key\]/g).length, 2);
      return true;
    });
  } finally {
    await bundle.close();
  }
});

for (const bundler of ["webpack", "rspack"]) {
  test(`${bundler}: a report inside an output folder that the bundler cleans is kept`, async () => {
    const create = bundler === "rspack" ? require("@rspack/core").rspack : require("webpack");
    const keylint = require(`keylint/${bundler}`);
    const dir = app(`${bundler}-clean`, SECRET_KEY);
    const compiler = create({
      mode: "production",
      context: dir,
      entry: "./src/main.js",
      output: { path: path.join(dir, "dist"), clean: true },
      devtool: false,
      plugins: [keylint({ report: "dist/keylint.json", failOn: "never" })],
      infrastructureLogging: { level: "error" },
    });
    const stats = await new Promise((resolve, reject) => compiler.run((err, s) => (err ? reject(err) : resolve(s))));
    await new Promise((resolve) => compiler.close(resolve));
    assert.equal(stats.compilation.errors.length, 0);
    const report = JSON.parse(fs.readFileSync(path.join(dir, "dist/keylint.json"), "utf8"));
    assert.deepEqual(report.findings.map((f) => [f.rule_id, f.file]), [["stripe-secret-key", "dist/main.js"]]);
  });
}

test("esbuild: include and exclude name outputs relative to the output folder, as the other plugins do", async () => {
  const esbuild = require("esbuild");
  const keylint = require("keylint/esbuild");
  const dir = app("esbuild-include", SECRET_KEY);
  const build = (options) =>
    esbuild
      .build({
        absWorkingDir: dir,
        entryPoints: ["src/main.js"],
        bundle: true,
        outdir: "dist/assets",
        logLevel: "silent",
        plugins: [keylint({ engine: "wasm", ...options })],
      })
      .then(
        () => "built",
        (e) => e.errors.map((x) => x.text.match(/error\[[\w-]+\].*would ship in (\S+?):/)?.[1]).join(),
      );
  assert.equal(await build({ include: "main.js" }), "dist/assets/main.js");
  assert.equal(await build({ include: "./main.js" }), "dist/assets/main.js");
  assert.equal(await build({ exclude: "main.js" }), "built");
  assert.equal(await build({ include: "dist/assets/main.js" }), "built", "names are not relative to the working folder");
});

test("vite: a secret in the public folder, which Vite copies to the output as it is, fails the build", async () => {
  const { build } = await import("vite");
  const keylint = require("keylint/vite");
  const dir = app("vite-public");
  fs.mkdirSync(path.join(dir, "public/config"), { recursive: true });
  fs.writeFileSync(path.join(dir, "public/config/runtime.js"), `window.STRIPE = "${SECRET_KEY}";\n`);
  fs.writeFileSync(path.join(dir, "public/logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
  const viteBuild = (extra) => build({ root: dir, logLevel: "silent", plugins: [keylint({ engine: "wasm" })], ...extra });
  await assert.rejects(viteBuild(), (e) => {
    assert.match(e.message, /keylint error\[stripe-secret-key\]: .* would ship in dist\/config\/runtime\.js:1:\d+ \(from public\/config\/runtime\.js:1\)/);
    return true;
  });
  // Not copied, not shipped.
  await viteBuild({ build: { copyPublicDir: false } });
});

test("esbuild: a one-shot build() says why it failed, a context says it once", async () => {
  const { spawnSync } = await import("node:child_process");
  const dir = app("esbuild-oneshot", SECRET_KEY);
  const script = (mode) => `
    const esbuild = require("esbuild");
    const keylint = require("keylint/esbuild");
    const opts = { absWorkingDir: ${JSON.stringify(dir)}, entryPoints: ["src/pay.js"], bundle: true, outdir: "dist", plugins: [keylint({ engine: "wasm" })] };
    (async () => {
      if (${JSON.stringify(mode)} === "build") await esbuild.build(opts).catch(() => process.exit(1));
      const ctx = await esbuild.context(opts);
      await ctx.rebuild().catch(() => {});
      await ctx.dispose();
    })();
  `;
  for (const mode of ["build", "context"]) {
    // As esbuild's docs write a build script: the rejection is swallowed, the exit code kept.
    const r = spawnSync(process.execPath, ["-e", script(mode)], { cwd: PACKAGE, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    assert.equal(r.status, mode === "build" ? 1 : 0, r.stderr);
    assert.equal(r.stderr.match(/\[ERROR\] keylint error\[stripe-secret-key\]/g)?.length, 1, `${mode}:\n${r.stderr}`);
  }
});
